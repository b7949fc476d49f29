#!/usr/bin/env python3
"""Checks the Fluent message files of decision-ledger against the English ones.

For each of crates/ledger-http/locales and crates/ledger-rules/locales: every language parses
(fluent.syntax, no Junk), has exactly the English ids, and each message uses the same set of
variables as its English one. Usage: check_ftl.py [LANG ...] (default: every language).
Exit 1 on any difference, with one line per problem."""
import sys, pathlib
from fluent.syntax import parse, ast, visitor

ROOT = pathlib.Path(__file__).resolve().parent.parent
DIRS = [ROOT / "crates/ledger-http/locales", ROOT / "crates/ledger-rules/locales"]
LANGS = sys.argv[1:] or ["ar", "zh", "fr", "ru", "es"]

class Vars(visitor.Visitor):
    def __init__(self):
        super().__init__(); self.names = set()
    def visit_VariableReference(self, node):
        self.names.add(node.id.name); self.generic_visit(node)

def load(path):
    res = parse(path.read_text(encoding="utf-8"))
    junk = [e for e in res.body if isinstance(e, ast.Junk)]
    msgs = {}
    for e in res.body:
        if isinstance(e, ast.Message):
            v = Vars(); v.visit(e)
            msgs[e.id.name] = v.names
    return msgs, junk

bad = 0
for d in DIRS:
    en, junk = load(d / "en.ftl")
    assert not junk, f"{d}/en.ftl has junk"
    for lang in LANGS:
        p = d / f"{lang}.ftl"
        msgs, junk = load(p)
        for j in junk:
            print(f"{p}: does not parse: {j.content[:120]!r}"); bad += 1
        for k in sorted(set(en) - set(msgs)):
            print(f"{p}: missing {k}"); bad += 1
        for k in sorted(set(msgs) - set(en)):
            print(f"{p}: extra {k}"); bad += 1
        for k in sorted(set(en) & set(msgs)):
            if en[k] != msgs[k]:
                print(f"{p}: {k} uses variables {sorted(msgs[k])}, English {sorted(en[k])}"); bad += 1
sys.exit(1 if bad else 0)
