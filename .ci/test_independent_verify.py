#!/usr/bin/env python3
"""Self-test of .ci/independent_verify.py (plain unittest).

    python3 .ci/test_independent_verify.py
    DLEDGER_EXPORT=/path/to/export python3 .ci/test_independent_verify.py

- the C2SP signed-note vectors and the RFC 6962 roots of ../shared/vectors;
- the strict Ed25519 rules of contract §1;
- a small export built here (with keys made here) that must verify, and mutations of it that
  must each be refused with the expected `entry <i>:` / `checkpoint:` message;
- with DLEDGER_EXPORT set: that export must verify (exit 0), and copies with one byte of
  entries.jsonl flipped must not (exit 1).
"""

import base64
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
VECTORS = os.path.join(HERE, "..", "..", "shared", "vectors")
VERIFIER = os.path.join(HERE, "independent_verify.py")
sys.path.insert(0, HERE)

import blake3  # noqa: E402
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey  # noqa: E402
from cryptography.hazmat.primitives import serialization  # noqa: E402

import independent_verify as iv  # noqa: E402

EM = "\u2014"


def run_verifier(*args):
    p = subprocess.run([sys.executable, VERIFIER, *args], capture_output=True, text=True)
    return p.returncode, p.stdout + p.stderr


# --- signing helpers (only the test signs; the verifier never needs a private key) -----------

def parse_skey(text):
    """`PRIVATE+KEY+<name>+<keyhash>+<base64(0x01 || seed)>` -> (name, hash hex, private key)."""
    parts = text.split("+", 4)
    assert parts[0] == "PRIVATE" and parts[1] == "KEY" and len(parts) == 5, text
    name, hash_hex, b64 = parts[2], parts[3], parts[4]
    raw = iv.b64decode_canonical(b64)
    assert len(raw) == 33 and raw[0] == 1
    return name, hash_hex, Ed25519PrivateKey.from_private_bytes(raw[1:])


def raw_pub(sk):
    return sk.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


class Key:
    def __init__(self, name, seed_byte):
        self.name = name
        self.sk = Ed25519PrivateKey.from_private_bytes(hashlib.sha256(bytes([seed_byte])).digest())
        self.pub = raw_pub(self.sk)
        self.hash4 = iv.key_hash(name, self.pub)
        self.key_id = f"{name}+{self.hash4.hex()}"
        self.vkey = self.key_id + "+" + base64.b64encode(b"\x01" + self.pub).decode()

    def note_line(self, text):
        sig = self.sk.sign(text.encode("utf-8"))
        return f"{EM} {self.name} {base64.b64encode(self.hash4 + sig).decode()}\n"


def load_note_vectors():
    """Parse note-signatures.txt into {'verify': {...}, 'sign': {...}}."""
    sections, cur = {}, None
    with open(os.path.join(VECTORS, "note-signatures.txt"), encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if line.startswith("## "):
                cur = sections.setdefault(line[3:].split(":")[0], {})
            elif cur is not None and ": " in line:
                k, v = line.split(": ", 1)
                cur[k] = json.loads(v) if k == "text" else v
    return sections


# --- a small export built with keys made here --------------------------------------------------

ORIGIN = "ledger.example.org/test"
LOG = Key(ORIGIN, 1)
ADMIN = Key("admin", 2)
SEC = Key("secretariat", 3)
PARTY = Key("party-can", 4)
MEMBER = Key("bureau-m1", 5)
WITNESS = Key("witness.example", 6)
OTHER_LOG = Key(ORIGIN, 7)


def base_events():
    """(event, signers) of a small valid log."""
    t = "2024-11-01T10:00:00Z"
    return [
        ({"id": "e0", "type": "ledger.genesis",
          "data": {"origin": ORIGIN, "log_vkey": LOG.vkey, "admin_vkey": ADMIN.vkey,
                   "rules": "CP-11/4", "created_at": t}}, [ADMIN]),
        ({"id": "e1", "type": "key.registered", "data": {"vkey": SEC.vkey, "role": "secretariat"}}, [ADMIN]),
        ({"id": "e2", "type": "party.registered", "stream": "party/CAN", "expected_version": 0,
          "data": {"party_id": "CAN", "name": "Canada", "region": "western_european_others"}}, [SEC]),
        ({"id": "e3", "type": "key.registered",
          "data": {"vkey": PARTY.vkey, "role": "party", "party_id": "CAN"}}, [ADMIN]),
        ({"id": "e4", "type": "body.registered",
          "data": {"body_id": "bureau-cop", "name": "Bureau", "kind": "bureau"}}, [SEC]),
        ({"id": "e5", "type": "bureau.elected",
          "data": {"bureau_id": "bureau-cop", "of_body_id": "bureau-cop", "term_start": "2024-01-01",
                   "members": [{"member_id": "m1", "party_id": "CAN", "name": "A", "role": "president",
                                "rapporteur": False, "region": "western_european_others"}]}}, [SEC]),
        ({"id": "e6", "type": "key.registered",
          "data": {"vkey": MEMBER.vkey, "role": "bureau_member", "bureau_id": "bureau-cop",
                   "member_id": "m1"}}, [ADMIN]),
        ({"id": "e7", "type": "consultation.opened",
          "data": {"consultation_id": "c1", "kind": "regional", "region": "western_european_others",
                   "subject": {"kind": "virtual_mode"}, "opened_at": t}}, [MEMBER]),
        ({"id": "e8", "type": "consultation.response", "stream": "party/CAN", "expected_version": 1,
          "data": {"consultation_id": "c1", "party_id": "CAN", "position": "support",
                   "responded_at": t}}, [PARTY, SEC]),
        ({"id": "e9", "type": "consultation.closed",
          "data": {"consultation_id": "c1", "closed_at": t, "summary": "done"}}, [MEMBER]),
        ({"id": "e10", "type": "key.revoked",
          "data": {"key_id": PARTY.key_id, "reason": "left", "effective_at": t}}, [ADMIN]),
    ]


def sign_envelope(payload, signers):
    msg = iv.pae(iv.PAYLOAD_TYPE, payload)
    return [(k.key_id, base64.b64encode(k.sk.sign(msg)).decode()) for k in signers]


def build_lines(events, edit=None):
    """Render the lines; `edit(i, fields) -> fields` may alter an entry before it is rendered
    (the chain is then computed over the altered lines)."""
    lines, prev = [], "0" * 64
    for i, (event, signers) in enumerate(events):
        payload = event if isinstance(event, bytes) else json.dumps(event, separators=(",", ":")).encode()
        fields = {"index": i, "prev": prev, "recorded_at": f"2024-11-01T10:00:{i:02d}.000Z",
                  "payloadType": iv.PAYLOAD_TYPE, "payload": base64.b64encode(payload).decode(),
                  "signatures": sign_envelope(payload, signers), "line": None}
        if edit:
            fields = edit(i, fields) or fields
        line = fields["line"] or iv.render_line(fields["index"], fields["prev"], fields["recorded_at"],
                                                fields["payloadType"], fields["payload"], fields["signatures"])
        lines.append(line.encode())
        prev = blake3.blake3(line.encode()).hexdigest()
    return lines


def checkpoint_for(lines, signers=(LOG, WITNESS), origin=ORIGIN, size=None, extra_text="", root=None):
    root = root or iv.merkle_root([iv.leaf_hash(l) for l in lines])
    text = f"{origin}\n{len(lines) if size is None else size}\n{base64.b64encode(root).decode()}\n{extra_text}"
    return (text + "\n" + "".join(k.note_line(text) for k in signers)).encode()


def write_export(d, lines, checkpoint=None, log_vkey=LOG.vkey, trailing_newline=True):
    os.makedirs(d, exist_ok=True)
    data = b"\n".join(lines) + (b"\n" if trailing_newline else b"")
    with open(os.path.join(d, "entries.jsonl"), "wb") as f:
        f.write(data)
    with open(os.path.join(d, "checkpoint"), "wb") as f:
        f.write(checkpoint if checkpoint is not None else checkpoint_for(lines))
    with open(os.path.join(d, "log.vkey"), "w") as f:
        f.write(log_vkey + "\n")


class VectorTests(unittest.TestCase):
    def test_note_verify_vector(self):
        v = load_note_vectors()["verify"]
        key = iv.parse_vkey(v["vkey"])
        note = (v["text"] + "\n" + v["signature line"] + "\n").encode()
        self.assertEqual(iv.verify_note(note, key), v["text"])
        # a witness line by another key is ignored; a flipped text or signature is refused
        extra = note + WITNESS.note_line(v["text"]).encode()
        self.assertEqual(iv.verify_note(extra, key), v["text"])
        with self.assertRaises(ValueError):
            iv.verify_note(note.replace(b"example", b"Example", 1), key)
        only_witness = (v["text"] + "\n" + WITNESS.note_line(v["text"])).encode()
        with self.assertRaises(ValueError):
            iv.verify_note(only_witness, key)

    def test_note_sign_vector(self):
        v = load_note_vectors()["sign"]
        name, hash_hex, sk = parse_skey(v["skey"])
        key = iv.parse_vkey(v["vkey"])
        self.assertEqual((name, hash_hex, raw_pub(sk)), (key.name, key.hash4.hex(), key.pub))
        sig = sk.sign(v["text"].encode())
        line = f"{EM} {name} {base64.b64encode(key.hash4 + sig).decode()}"
        self.assertEqual(line, v["signature line"])
        note = (v["text"] + "\n" + line + "\n").encode()
        self.assertEqual(iv.verify_note(note, key), v["text"])

    def test_rfc6962_roots(self):
        leaves, roots, units = None, {}, {}
        with open(os.path.join(VECTORS, "rfc6962-roots.txt")) as f:
            for line in f:
                line = line.strip()
                if line.startswith("# leaves"):
                    toks = line.split(":", 1)[1].split()
                    leaves = [b"" if t == '""' else bytes.fromhex(t) for t in toks]
                elif line.startswith("# leaf(") or line.startswith("# node("):
                    k, v = line[2:].split(" = ")
                    units[k] = bytes.fromhex(v)
                elif line and not line.startswith("#"):
                    size, root = line.split()
                    roots[int(size)] = bytes.fromhex(root)
        self.assertEqual(len(leaves), 8)
        self.assertEqual(sorted(roots), list(range(9)))
        for n, want in roots.items():
            self.assertEqual(iv.merkle_root([iv.leaf_hash(x) for x in leaves[:n]]), want, f"size {n}")
        self.assertEqual(iv.leaf_hash(b""), units['leaf("")'])
        self.assertEqual(iv.leaf_hash(b"L123456"), units['leaf("L123456")'])
        self.assertEqual(iv.node_hash(b"N123", b"N456"), units['node("N123","N456")'])

    def test_tree_note_body_root(self):
        # README/note-signatures: "the root is SHA-256(0x00 || "hello world")"
        self.assertEqual(base64.b64encode(iv.leaf_hash(b"hello world")).decode(),
                         "TszzRgjTG6xce+z2AG31kAXYKBgQVtCSCE40HmuwBb0=")


class StrictnessTests(unittest.TestCase):
    def test_base64_canonical(self):
        self.assertEqual(iv.b64decode_canonical("AQ=="), b"\x01")
        for bad in ("AR==", "AQ", "AQ==\n", " AQ==", "A Q==", "AQ=", "-_8="):
            with self.assertRaises(ValueError, msg=bad):
                iv.b64decode_canonical(bad)

    def test_vkey_checks(self):
        k = iv.parse_vkey(ADMIN.vkey)
        self.assertEqual(k.key_id, ADMIN.key_id)
        bad_hash = ADMIN.vkey.replace(ADMIN.hash4.hex(), "00000000")
        upper = ADMIN.vkey.replace(ADMIN.hash4.hex(), ADMIN.hash4.hex().upper())
        for bad in (bad_hash, upper, "ad min+" + ADMIN.vkey.split("+", 1)[1], ADMIN.vkey + "="):
            with self.assertRaises(ValueError, msg=bad):
                iv.parse_vkey(bad)

    def _vkey_for_pub(self, pub):
        return "bad+" + iv.key_hash("bad", pub).hex() + "+" + base64.b64encode(b"\x01" + pub).decode()

    def test_small_order_and_noncanonical_keys_refused(self):
        identity = (1).to_bytes(32, "little")
        order2 = (iv._P - 1).to_bytes(32, "little")
        noncanon = (iv._P + 1).to_bytes(32, "little")  # y = p + 1, i.e. the identity again
        for pub in (identity, order2, noncanon):
            self.assertIsNotNone(iv.public_key_problem(pub))
            with self.assertRaises(ValueError):
                iv.parse_vkey(self._vkey_for_pub(pub))
        self.assertIsNone(iv.public_key_problem(ADMIN.pub))

    def test_strict_signature_rules(self):
        msg = b"m"
        sig = ADMIN.sk.sign(msg)
        self.assertTrue(iv.ed25519_verify_strict(ADMIN.pub, msg, sig))
        self.assertFalse(iv.ed25519_verify_strict(ADMIN.pub, b"n", sig))
        s = int.from_bytes(sig[32:], "little")
        self.assertFalse(iv.ed25519_verify_strict(ADMIN.pub, msg, sig[:32] + (s + iv._L).to_bytes(32, "little")))
        # R of small order (the identity) with S = 0 is refused
        self.assertFalse(iv.ed25519_verify_strict(ADMIN.pub, msg, (1).to_bytes(32, "little") + bytes(32)))


class ExportTests(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp()

    def tearDown(self):
        shutil.rmtree(self.tmp)

    def export(self, lines=None, **kw):
        d = tempfile.mkdtemp(dir=self.tmp)
        write_export(d, build_lines(base_events()) if lines is None else lines, **kw)
        return d

    def assertRefused(self, d, prefix, *args):
        rc, out = run_verifier(d, *args)
        self.assertEqual(rc, 1, out)
        self.assertTrue(out.startswith(prefix), f"expected {prefix!r}, got {out!r}")

    def test_good_export(self):
        d = self.export()
        rc, out = run_verifier(d)
        self.assertEqual(rc, 0, out)
        self.assertIn("self-consistent only", out)
        self.assertIn("size 11", out)
        rc, out = run_verifier(d, "--log-vkey", LOG.vkey)
        self.assertEqual(rc, 0, out)
        kf = os.path.join(self.tmp, "log.vkey")
        with open(kf, "w") as f:
            f.write("  " + LOG.vkey + "\n\n")
        rc, out = run_verifier(d, "--log-vkey", kf)
        self.assertEqual(rc, 0, out)

    def test_usage_errors(self):
        self.assertEqual(run_verifier()[0], 2)
        self.assertEqual(run_verifier(os.path.join(self.tmp, "nope"))[0], 2)
        d = self.export()
        self.assertEqual(run_verifier(d, "--log-vkey", "not a key")[0], 2)
        os.remove(os.path.join(d, "checkpoint"))
        self.assertEqual(run_verifier(d)[0], 2)

    def test_wrong_trust_anchor(self):
        self.assertRefused(self.export(), "entry 0:", "--log-vkey", OTHER_LOG.vkey)

    def test_line_form(self):
        base = build_lines(base_events())

        def with_line(i, new):
            lines = list(base)
            lines[i] = new
            return lines
        # not canonical: a space, another field order, a JSON escape
        self.assertRefused(self.export(with_line(3, base[3].replace(b'"index":3,', b'"index": 3,'))), "entry 3:")
        obj = json.loads(base[3])
        reordered = json.dumps({"prev": obj["prev"], "index": 3, "recorded_at": obj["recorded_at"],
                                "envelope": obj["envelope"]}, separators=(",", ":")).encode()
        self.assertRefused(self.export(with_line(3, reordered)), "entry 3:")
        self.assertRefused(self.export(with_line(3, base[3].replace(b'"index"', b'"\\u0069ndex"'))), "entry 3:")
        self.assertRefused(self.export(with_line(3, base[3] + b"\r")), "entry 3:")
        # no final newline
        self.assertRefused(self.export(trailing_newline=False), "entry 10:")
        # empty file
        d = self.export([])
        with open(os.path.join(d, "entries.jsonl"), "wb"):
            pass
        self.assertRefused(d, "entry 0:")

    def edited(self, edit, events=None):
        return self.export(build_lines(events or base_events(), edit))

    def test_chain_index_time(self):
        def bad_prev(i, f):
            if i == 4:
                f["prev"] = "f" * 64
        self.assertRefused(self.edited(bad_prev), "entry 4:")

        def bad_index(i, f):
            if i == 4:
                f["index"] = 5
        self.assertRefused(self.edited(bad_index), "entry 4:")

        def backwards(i, f):
            if i == 4:
                f["recorded_at"] = "2024-11-01T09:00:00.000Z"
        self.assertRefused(self.edited(backwards), "entry 4:")

        def no_millis(i, f):
            if i == 4:
                f["recorded_at"] = "2024-11-01T10:00:04Z"
        self.assertRefused(self.edited(no_millis), "entry 4:")

        def same_time(i, f):
            f["recorded_at"] = "2024-11-01T10:00:00.000Z"
        rc, out = run_verifier(self.edited(same_time))
        self.assertEqual(rc, 0, out)

    def test_envelope_and_payload(self):
        def payload_type(i, f):
            if i == 2:
                f["payloadType"] = "application/json"
        self.assertRefused(self.edited(payload_type), "entry 2:")

        def noncanonical_b64(i, f):
            if i == 2:
                p = f["payload"]
                assert p.endswith("=") and not p.endswith("==")
                # bump the last data character: same bytes, non-zero padding bits
                alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
                c = p[-2]
                f["payload"] = p[:-2] + alphabet[alphabet.index(c) + 1] + "="
        events = base_events()
        # make the payload length 2 mod 3 so that it ends with a single '='
        ev = dict(events[2][0])
        payload = json.dumps(ev, separators=(",", ":")).encode()
        while len(payload) % 3 != 2:
            ev["id"] += "x"
            payload = json.dumps(ev, separators=(",", ":")).encode()
        events[2] = (ev, events[2][1])
        self.assertRefused(self.edited(noncanonical_b64, events), "entry 2:")

        def no_sigs(i, f):
            if i == 2:
                f["signatures"] = []
        self.assertRefused(self.edited(no_sigs), "entry 2:")

        events = base_events()
        events[2] = (b'{"id":"e2","id":"e2b","type":"party.registered","data":{"party_id":"CAN","name":"C"}}',
                     [SEC])
        self.assertRefused(self.export(build_lines(events)), "entry 2:")
        events[2] = (b'{"id":"e2","type":"party.registered","data":{"party_id":"CAN","name":"C","x":NaN}}', [SEC])
        self.assertRefused(self.export(build_lines(events)), "entry 2:")
        events[2] = (b'\xef\xbb\xbf{"id":"e2","type":"party.registered","data":{"party_id":"CAN","name":"C"}}', [SEC])
        self.assertRefused(self.export(build_lines(events)), "entry 2:")
        events[2] = (b'{"id":"e2","type":"party.registered","data":{"party_id":"CAN","name":"\\ud800"}}', [SEC])
        self.assertRefused(self.export(build_lines(events)), "entry 2:")
        events[2] = (b'{"id":"e2","type":"party.registered","extra":1,"data":{"party_id":"CAN","name":"C"}}', [SEC])
        self.assertRefused(self.export(build_lines(events)), "entry 2:")
        # duplicate event id
        events = base_events()
        events[4][0]["id"] = "e1"
        self.assertRefused(self.edited(None, events), "entry 4:")
        # expected_version that does not match the stream
        events = base_events()
        events[8][0]["expected_version"] = 0
        self.assertRefused(self.edited(None, events), "entry 8:")

    def test_signatures_and_roles(self):
        def flip_sig(i, f):
            if i == 5:
                k, s = f["signatures"][0]
                raw = bytearray(base64.b64decode(s))
                raw[10] ^= 1
                f["signatures"] = [(k, base64.b64encode(bytes(raw)).decode())]
        self.assertRefused(self.edited(flip_sig), "entry 5:")

        def dup_keyid(i, f):
            if i == 5:
                f["signatures"] = f["signatures"] * 2
        self.assertRefused(self.edited(dup_keyid), "entry 5:")

        cases = []
        ev = base_events()
        ev[1] = (ev[1][0], [SEC])                      # unregistered signer
        cases.append((ev, "entry 1:"))
        ev = base_events()
        ev[4] = (ev[4][0], [ADMIN])                    # admin may not register bodies
        cases.append((ev, "entry 4:"))
        ev = base_events()
        ev[7][0]["data"]["region"] = "african"         # bureau member outside its region
        cases.append((ev, "entry 7:"))
        ev = base_events()
        ev[8] = (ev[8][0], [PARTY])
        ev[8][0]["data"]["party_id"] = "MEX"           # party key for another party
        cases.append((ev, "entry 8:"))
        ev = base_events()
        ev.append(({"id": "e11", "type": "silence.objection",
                    "data": {"procedure_id": "p", "party_id": "CAN", "kind": "objection",
                             "received_at": "2024-11-02T00:00:00Z"}}, [PARTY]))  # revoked
        cases.append((ev, "entry 11:"))
        ev = base_events()
        ev.append(({"id": "e11", "type": "key.registered",
                    "data": {"vkey": LOG.vkey, "role": "secretariat"}}, [ADMIN]))  # the log key
        cases.append((ev, "entry 11:"))
        ev = base_events()
        ev.append(({"id": "e11", "type": "key.registered",
                    "data": {"vkey": SEC.vkey, "role": "secretariat"}}, [ADMIN]))  # twice
        cases.append((ev, "entry 11:"))
        ev = base_events()
        ev.append(({"id": "e11", "type": "ledger.genesis", "data": ev[0][0]["data"]}, [ADMIN]))
        cases.append((ev, "entry 11:"))
        ev = base_events()
        ev[0] = (ev[0][0], [ADMIN, SEC])               # genesis signed by more than the admin
        cases.append((ev, "entry 0:"))
        ev = base_events()
        ev[0][0]["data"]["origin"] = "other.example"   # log key name != origin
        cases.append((ev, "entry 0:"))
        member_m2 = {"member_id": "m2", "party_id": "CAN", "name": "B", "role": "president",
                     "rapporteur": False, "region": "western_european_others"}
        ev = base_events()                             # member replaced before closing
        ev.insert(9, ({"id": "e8b", "type": "bureau.member_substituted",
                       "data": {"bureau_id": "bureau-cop", "replaced_member_id": "m1",
                                "substitute": member_m2, "at": "2024-11-01T10:00:00Z"}}, [SEC]))
        cases.append((ev, "entry 10:"))
        ev = base_events()                             # a new election without m1
        ev.insert(7, ({"id": "e6b", "type": "bureau.elected",
                       "data": {"bureau_id": "bureau-cop", "of_body_id": "bureau-cop",
                                "term_start": "2025-01-01", "members": [member_m2]}}, [SEC]))
        cases.append((ev, "entry 8:"))
        ev = base_events()                             # key bound to a member never elected
        ev[6][0]["data"]["member_id"] = "m9"
        cases.append((ev, "entry 6:"))
        ev = base_events()                             # member closing a `parties` consultation
        ev[7] = (ev[7][0], [SEC])
        ev[7][0]["data"]["kind"] = "parties"
        cases.append((ev, "entry 9:"))
        for events, prefix in cases:
            with self.subTest(prefix=prefix):
                self.assertRefused(self.export(build_lines(events)), prefix)

    def test_endorsement_by_any_registered_key_is_fine(self):
        ev = base_events()
        ev[2] = (ev[2][0], [SEC, ADMIN])  # admin cannot submit it, but its signature is an extra one
        rc, out = run_verifier(self.export(build_lines(ev)))
        self.assertEqual(rc, 0, out)

    def test_checkpoint(self):
        lines = build_lines(base_events())
        cases = [
            (checkpoint_for(lines, size=10), "checkpoint: tree size"),
            (checkpoint_for(lines, size="011"), "checkpoint: tree size"),
            (checkpoint_for(lines, root=iv.merkle_root([iv.leaf_hash(l) for l in lines[:-1]])),
             "checkpoint: root"),
            (checkpoint_for(lines, signers=(WITNESS,)), "checkpoint:"),                  # no log key line
            (checkpoint_for(lines, signers=(OTHER_LOG,)), "checkpoint:"),                # same name, other key
            (checkpoint_for(lines, extra_text="extension\n"), "checkpoint:"),
            (checkpoint_for(lines, origin="other.example"), "checkpoint:"),
            (checkpoint_for(lines).replace("\u2014".encode(), b"-"), "checkpoint:"),
            (checkpoint_for(lines)[:-1], "checkpoint:"),
        ]
        good = checkpoint_for(lines)
        text = good.split(b"\n\n")[0] + b"\n"
        log_line = LOG.note_line(text.decode()).encode()
        tampered = bytearray(log_line)
        tampered[-5] = ord("A") if tampered[-5] != ord("A") else ord("B")
        cases.append((text + b"\n" + log_line + bytes(tampered), "checkpoint:"))    # one log line fails
        for cp, prefix in cases:
            with self.subTest(cp=cp):
                self.assertRefused(self.export(lines, checkpoint=cp), prefix)
        # witness and other-key lines are ignored, several good log lines are fine
        cp = text + b"\n" + WITNESS.note_line(text.decode()).encode() + log_line + log_line
        rc, out = run_verifier(self.export(lines, checkpoint=cp))
        self.assertEqual(rc, 0, out)
        # log.vkey that is not the genesis's log key
        self.assertRefused(self.export(lines, log_vkey=OTHER_LOG.vkey), "checkpoint:")


@unittest.skipUnless(os.environ.get("DLEDGER_EXPORT"), "DLEDGER_EXPORT not set")
class RealExportTests(unittest.TestCase):
    def test_real_export(self):
        src = os.environ["DLEDGER_EXPORT"]
        rc, out = run_verifier(src)
        self.assertEqual(rc, 0, out)
        with open(os.path.join(src, "entries.jsonl"), "rb") as f:
            data = f.read()
        positions = sorted({0, 1, len(data) // 3, len(data) // 2, len(data) - 2, len(data) - 1})
        with tempfile.TemporaryDirectory() as tmp:
            for pos in positions:
                with self.subTest(pos=pos):
                    d = os.path.join(tmp, f"flip{pos}")
                    shutil.copytree(src, d)
                    flipped = bytearray(data)
                    flipped[pos] ^= 0x01
                    with open(os.path.join(d, "entries.jsonl"), "wb") as f:
                        f.write(bytes(flipped))
                    rc, out = run_verifier(d)
                    self.assertEqual(rc, 1, f"flip at byte {pos}: {out}")


if __name__ == "__main__":
    unittest.main()
