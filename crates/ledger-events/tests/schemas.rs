//! `schemas/` is generated from the Rust types: regenerating must give exactly the committed
//! files (run with `DLEDGER_BLESS=1` to rewrite them after changing a type). Every event type has
//! valid and invalid examples under `schemas/examples/<type>/`; the schema and the typed parse
//! must both accept the valid ones and both refuse the invalid ones.

use ledger_testkit as common;

use ledger_events::schema::{files, validate_event};
use ledger_events::{Event, EVENT_TYPES};
use std::path::PathBuf;

fn schemas_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../schemas")
}

#[test]
fn committed_schemas_equal_the_generated_ones() {
    let dir = schemas_dir();
    let bless = std::env::var("DLEDGER_BLESS").is_ok_and(|v| v == "1");
    let generated = files();
    assert_eq!(
        generated.len(),
        3 + EVENT_TYPES.len() + 1,
        "wrapper, envelope, entry, each type v1, scenario note v2"
    );
    let mut stale = Vec::new();
    for (path, text) in &generated {
        let file = dir.join(path);
        if bless {
            std::fs::create_dir_all(file.parent().unwrap()).unwrap();
            std::fs::write(&file, text).unwrap();
        } else if std::fs::read_to_string(&file).ok().as_deref() != Some(text.as_str()) {
            stale.push(path.clone());
        }
    }
    // no committed schema file that the code does not generate
    let mut committed: Vec<String> = std::fs::read_dir(dir.join("events"))
        .map(|d| {
            d.filter_map(|e| e.ok())
                .map(|e| format!("events/{}", e.file_name().to_string_lossy()))
                .collect()
        })
        .unwrap_or_default();
    committed.retain(|p| !generated.iter().any(|(g, _)| g == p));
    assert!(
        committed.is_empty(),
        "schema files no type generates: {committed:?}"
    );
    assert!(stale.is_empty(), "schemas/ is stale for {stale:?}: run DLEDGER_BLESS=1 cargo test -p ledger-events --test schemas");
}

#[test]
fn every_type_has_examples_that_the_schema_and_the_types_agree_on() {
    let dir = schemas_dir().join("examples");
    let mut checked = 0;
    for t in EVENT_TYPES {
        let tdir = dir.join(t);
        let mut valid = 0;
        let mut invalid = 0;
        let mut entries: Vec<_> = std::fs::read_dir(&tdir)
            .unwrap_or_else(|_| panic!("no examples for {t}"))
            .filter_map(|e| e.ok())
            .collect();
        entries.sort_by_key(|e| e.file_name());
        for e in entries {
            let name = e.file_name().to_string_lossy().into_owned();
            let value: serde_json::Value =
                serde_json::from_slice(&std::fs::read(e.path()).unwrap()).unwrap();
            let by_schema = validate_event(&value);
            let by_types = Event::from_value(value.clone());
            if name.starts_with("valid") {
                assert!(
                    by_schema.is_ok(),
                    "{t}/{name}: schema refuses a valid example: {by_schema:?}"
                );
                assert!(
                    by_types.is_ok(),
                    "{t}/{name}: types refuse a valid example: {:?}",
                    by_types.err()
                );
                valid += 1;
            } else if name.starts_with("invalid") {
                assert!(
                    by_schema.is_err(),
                    "{t}/{name}: schema accepts an invalid example"
                );
                assert!(
                    by_types.is_err(),
                    "{t}/{name}: types accept an invalid example"
                );
                invalid += 1;
            }
            checked += 1;
        }
        assert!(
            valid >= 1 && invalid >= 1,
            "{t}: {valid} valid and {invalid} invalid examples"
        );
    }
    assert!(checked >= 2 * EVENT_TYPES.len());
}

#[test]
fn schema_errors_name_the_field() {
    let base = serde_json::json!({"id": "e1", "type": "decision.adopted", "data": {"decision_id": "d", "meeting_id": "m", "title": "t",
        "category": "budgetary", "via": {"session_id": "s"}, "method": "consensus", "adopted_at": "2021-10-15T08:00:00Z",
        "text_digest": format!("blake3:{}", "0".repeat(64))}});
    assert!(validate_event(&base).is_ok());
    let cases = [
        (
            "/data/category",
            serde_json::json!("substantiv"),
            "/data/category: \"substantiv\" is not one of",
        ),
        (
            "/data/adopted_at",
            serde_json::json!(5),
            "/data/adopted_at: 5 is not of type \"string\"",
        ),
    ];
    for (ptr, v, want) in cases {
        let mut e = base.clone();
        *e.pointer_mut(ptr).unwrap() = v;
        let err = validate_event(&e).unwrap_err().to_string();
        assert!(err.starts_with(want), "{err}");
    }
    let mut missing = base.clone();
    missing["data"].as_object_mut().unwrap().remove("title");
    assert!(
        validate_event(&missing)
            .unwrap_err()
            .to_string()
            .starts_with("/data: \"title\" is a required property"),
        "{}",
        validate_event(&missing).unwrap_err()
    );
    let mut extra = base.clone();
    extra["data"]["venue"] = serde_json::json!("x");
    let err = validate_event(&extra).unwrap_err().to_string();
    assert!(
        err.starts_with("/data: Additional properties are not allowed ('venue' was unexpected)"),
        "{err}"
    );
    let mut both = base.clone();
    both["data"]["via"]["procedure_id"] = serde_json::json!("p");
    assert!(
        validate_event(&both)
            .unwrap_err()
            .to_string()
            .starts_with("/data/via"),
        "{}",
        validate_event(&both).unwrap_err()
    );
}

/// The versioning story in one test: a v1 note is stored as signed; every reader sees it as v2
/// through the pure upcaster; the stored bytes (and so the chain, the tree and every proof) do
/// not change.
#[test]
fn a_stored_v1_note_is_read_as_v2_and_its_bytes_never_change() {
    use ledger_events::versions::upcast_scenario_note;
    use ledger_events::EventData;
    let v1 = serde_json::json!({"id": "n1", "type": "scenario_note.published", "data": {"note_id": "n1", "meeting_id": "m",
        "prepared_by": "presiding_officer", "bureau_consulted_id": "sbi-bureau", "available_to": "all_parties",
        "published_at": "2021-02-16T12:00:00Z", "document_digest": format!("blake3:{}", "1".repeat(64))}});
    let bytes = v1.to_string().into_bytes();
    let stored = bytes.clone();
    let EventData::ScenarioNotePublished(n) = Event::from_value(v1).unwrap().data else {
        panic!()
    };
    let v2 = upcast_scenario_note(&n);
    assert_eq!(v2.bureau_consulted_ids.len(), 1);
    assert_eq!(v2.bureau_consulted_ids[0].as_str(), "sbi-bureau");
    assert_eq!(v2.note_id, n.note_id);
    // none consulted: an empty list, which P7.scenario_note reads as "no Bureau consulted"
    let mut none = n.clone();
    none.bureau_consulted_id = None;
    assert!(upcast_scenario_note(&none).bureau_consulted_ids.is_empty());
    // the v2 form validates against the committed v2 schema
    let v2_event = serde_json::json!({"id": "n1", "type": "scenario_note.published", "data": serde_json::to_value(&v2).unwrap()});
    let schema = ledger_events::schema::scenario_note_v2_schema();
    let validator = jsonschema::validator_for(&schema).unwrap();
    assert!(validator.is_valid(&v2_event));
    assert_eq!(bytes, stored);

    // Through the ledger: the stored payload stays v1, byte for byte; the rules read v2.
    let mut l = common::Ledger::new();
    common::registry(&mut l);
    l.post("meeting.convened", serde_json::json!({"meeting_id": "m", "body_id": "sbstta", "title": "t", "kind": "ordinary", "mode": "online", "opens_on": "2021-02-17", "closes_on": "2021-02-19"}));
    let note = serde_json::json!({"id": "note-v1", "type": "scenario_note.published", "data": {"note_id": "n1", "meeting_id": "m",
        "prepared_by": "secretariat", "bureau_consulted_id": "sbstta-bureau", "available_to": "all_parties",
        "published_at": "2021-02-16T12:00:00Z", "document_digest": format!("blake3:{}", "1".repeat(64))}});
    let signed = note.to_string().into_bytes();
    let sec = l.sec.clone();
    l.submit(&[&sec], note).unwrap();
    let stored = l.envelopes.last().unwrap().payload_bytes().unwrap();
    assert_eq!(stored, signed, "the payload is stored exactly as signed");
    let read = &l.engine.model.meetings["m"].notes[0].ev;
    assert_eq!(
        read.bureau_consulted_ids
            .iter()
            .map(|i| i.as_str())
            .collect::<Vec<_>>(),
        ["sbstta-bureau"]
    );
}
