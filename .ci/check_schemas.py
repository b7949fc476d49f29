"""Independent check of schemas/ with Python's jsonschema (not our Rust validator):
every schema is itself valid JSON Schema 2020-12, and every example under schemas/examples/
is accepted (valid-*) or refused (invalid-*) by its type's schema."""
import json
import pathlib
import sys

import jsonschema

root = pathlib.Path(__file__).resolve().parent.parent / "schemas"
files = sorted(root.glob("*.json")) + sorted((root / "events").glob("*.json"))
if len(files) < 4:
    sys.exit(f"too few schema files under {root}")
for f in files:
    schema = json.loads(f.read_text())
    assert schema.get("$schema") == "https://json-schema.org/draft/2020-12/schema", f
    jsonschema.Draft202012Validator.check_schema(schema)

checked = 0
for tdir in sorted((root / "examples").iterdir()):
    schema = json.loads((root / "events" / f"{tdir.name}.v1.json").read_text())
    validator = jsonschema.Draft202012Validator(schema)
    kinds = set()
    for ex in sorted(tdir.glob("*.json")):
        errors = list(validator.iter_errors(json.loads(ex.read_text())))
        if ex.name.startswith("valid"):
            assert not errors, f"{ex}: {errors[0].message}"
            kinds.add("valid")
        else:
            assert errors, f"{ex} is accepted but is meant to be invalid"
            kinds.add("invalid")
        checked += 1
    assert kinds == {"valid", "invalid"}, f"{tdir.name} lacks valid or invalid examples"
print(f"schemas: {len(files)} schema files are valid 2020-12; {checked} examples checked")
print(f"{checked} passed, 0 failed")
