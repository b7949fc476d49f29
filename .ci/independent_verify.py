#!/usr/bin/env python3
"""Independent verifier for a decision-ledger export.

Written from ../shared/spec/contract.md (sections 1-4) only, without reading the Rust code, so
that a disagreement between this script and `dledger verify` points at a bug on one side.

Usage:  python3 .ci/independent_verify.py EXPORT_DIR [--log-vkey VKEY_TEXT_OR_FILE]

Exit 0: the export holds (prints one summary line: size and base64 root).
Exit 1: integrity broken; prints the first problem as `entry <i>: why` or `checkpoint: why`.
Exit 2: usage or I/O error.

Dependencies: the standard library, `blake3` and `cryptography` (pip install blake3 cryptography).

Not checked here (the Rust verifier also does them): the JSON Schemas of `data`, most references
of contract §5.6 (only the key bindings of `key.registered` and `key.revoked`'s `key_id` are
resolved), per-kind id uniqueness of §5 other than event ids and key ids, and the rules.
"""

import base64
import binascii
import datetime
import hashlib
import json
import math
import os
import re
import sys

try:
    import blake3
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
except ImportError as exc:  # pragma: no cover - environment problem, not an integrity problem
    sys.stderr.write(f"missing dependency ({exc}); run: pip install blake3 cryptography\n")
    sys.exit(2)


PAYLOAD_TYPE = "application/vnd.dledger.event+json"
ZERO_HASH_HEX = "0" * 64
EM_DASH = "\u2014"

# Contract §5: the event catalogue (types only; their data schemas are not checked here).
EVENT_TYPES = frozenset([
    "ledger.genesis", "key.registered", "key.revoked",
    "party.registered", "party.updated", "body.registered", "bureau.elected",
    "bureau.member_substituted", "bureau.term_extended",
    "consultation.opened", "consultation.response", "consultation.closed", "bureau.decision",
    "extraordinary.requested", "extraordinary.supported", "meeting.convened",
    "scenario_note.published", "training.held", "support.requested", "support.provided",
    "session.held", "webcast.recorded", "decision.adopted",
    "silence.opened", "silence.objection", "silence.resumed", "silence.concluded",
])

# Contract §5.1: roles a key can be registered with.
ROLES = frozenset(["admin", "secretariat", "bureau_member", "party"])


class Problem(Exception):
    """An integrity failure: `where` is 'entry <i>' or 'checkpoint'."""

    def __init__(self, where, why):
        super().__init__(f"{where}: {why}")
        self.where = where
        self.why = why


class UsageError(Exception):
    """Bad arguments or unreadable files (exit 2)."""


# ---------------------------------------------------------------------------------------------
# §1 Base64: standard alphabet, padded, canonical only (no whitespace, zero padding bits).
# ---------------------------------------------------------------------------------------------

def b64decode_canonical(s):
    """Decode RFC 4648 §4 base64, refusing anything that does not re-encode to the same text."""
    if not isinstance(s, str) or not s.isascii():
        raise ValueError("base64 is not an ASCII string")
    try:
        raw = base64.b64decode(s, validate=True)  # validate: no characters outside the alphabet
    except (binascii.Error, ValueError) as exc:
        raise ValueError(f"invalid base64 ({exc})") from None
    if base64.b64encode(raw).decode("ascii") != s:
        raise ValueError("non-canonical base64")
    return raw


def b64encode(raw):
    return base64.b64encode(raw).decode("ascii")


def is_printable_ascii(b):
    """§2/§3: printable ASCII = bytes 0x20..0x7E."""
    return all(0x20 <= c <= 0x7E for c in b)


# ---------------------------------------------------------------------------------------------
# §1 Ed25519, verified strictly (as ed25519-dalek's verify_strict): S < L; R and A decode and are
# not of small order; the recomputed R is compared as bytes (OpenSSL, behind `cryptography`,
# does that comparison). The extra checks OpenSSL may not do are done here in plain Python.
# ---------------------------------------------------------------------------------------------

_P = 2 ** 255 - 19
_L = 2 ** 252 + 27742317777372353535851937790883648493
_D = (-121665 * pow(121666, _P - 2, _P)) % _P
_SQRT_M1 = pow(2, (_P - 1) // 4, _P)


def _ed_decompress(b, canonical):
    """Decode a 32-byte Edwards25519 point to affine (x, y), or None if it is not on the curve.

    canonical=True also refuses y >= p and the encoding of x = 0 with the sign bit set (the
    non-canonical encodings). canonical=False reduces y mod p as curve25519-dalek does.
    """
    if len(b) != 32:
        return None
    n = int.from_bytes(b, "little")
    sign = n >> 255
    y = n & ((1 << 255) - 1)
    if y >= _P:
        if canonical:
            return None
        y -= _P
    yy = y * y % _P
    u = (yy - 1) % _P
    v = (_D * yy + 1) % _P
    x2 = u * pow(v, _P - 2, _P) % _P
    x = pow(x2, (_P + 3) // 8, _P)
    if (x * x - x2) % _P != 0:
        x = x * _SQRT_M1 % _P
        if (x * x - x2) % _P != 0:
            return None
    if x == 0 and sign and canonical:
        return None
    if (x & 1) != sign:
        x = (_P - x) % _P
    return (x, y)


def _ed_add(p1, p2):
    """Affine addition on -x^2 + y^2 = 1 + d x^2 y^2 (complete for this curve)."""
    x1, y1 = p1
    x2, y2 = p2
    t = _D * x1 * x2 * y1 * y2 % _P
    x3 = (x1 * y2 + y1 * x2) * pow((1 + t) % _P, _P - 2, _P) % _P
    y3 = (y1 * y2 + x1 * x2) * pow((1 - t) % _P, _P - 2, _P) % _P
    return (x3, y3)


def _ed_is_small_order(pt):
    """True if [8]pt is the identity (the point has order 1, 2, 4 or 8)."""
    q = pt
    for _ in range(3):
        q = _ed_add(q, q)
    return q == (0, 1)


def public_key_problem(pub):
    """§1: a key whose public key is non-canonical or of small order is refused. None if fine."""
    if len(pub) != 32:
        return "public key is not 32 bytes"
    pt = _ed_decompress(pub, canonical=True)
    if pt is None:
        return "public key is not a canonical Edwards25519 point"
    if _ed_is_small_order(pt):
        return "public key is of small order"
    return None


def ed25519_verify_strict(pub, msg, sig):
    """Ed25519 verification with the verify_strict rules of §1. Returns True or False."""
    if len(pub) != 32 or len(sig) != 64:
        return False
    if public_key_problem(pub) is not None:
        return False
    # R must decode and not be of small order. A non-canonical R can never equal the (canonical)
    # recomputed R as bytes, so refusing it here changes nothing but is explicit.
    r_pt = _ed_decompress(sig[:32], canonical=True)
    if r_pt is None or _ed_is_small_order(r_pt):
        return False
    if int.from_bytes(sig[32:], "little") >= _L:  # S < L
        return False
    try:
        Ed25519PublicKey.from_public_bytes(pub).verify(sig, msg)
    except (InvalidSignature, ValueError):
        return False
    return True


# ---------------------------------------------------------------------------------------------
# §1 Keys: C2SP signed-note verifier keys `<name>+<keyhash>+<base64(0x01 || pubkey)>`.
# ---------------------------------------------------------------------------------------------

_NAME_RE = re.compile(r"[A-Za-z0-9._/-]{1,64}")
_KEYID_RE = re.compile(r"([A-Za-z0-9._/-]{1,64})\+([0-9a-f]{8})")


def valid_name(name):
    """§1: names are 1-64 characters of [A-Za-z0-9._/-]."""
    return isinstance(name, str) and _NAME_RE.fullmatch(name) is not None


def valid_key_id(key_id):
    """§1: key id = `<name>+<keyhash>` with 8 lowercase hex digits."""
    return isinstance(key_id, str) and _KEYID_RE.fullmatch(key_id) is not None


def key_hash(name, pub):
    """§1: first 4 bytes of SHA-256(name || 0x0A || 0x01 || public key)."""
    return hashlib.sha256(name.encode("ascii") + b"\n" + b"\x01" + pub).digest()[:4]


class VKey:
    def __init__(self, name, hash4, pub, text):
        self.name = name
        self.hash4 = hash4            # the 4-byte key hash
        self.pub = pub                # the 32-byte Ed25519 public key
        self.text = text              # the vkey as written
        self.key_id = f"{name}+{hash4.hex()}"

    def same_key(self, other):
        return self.name == other.name and self.hash4 == other.hash4 and self.pub == other.pub


def parse_vkey(text):
    """Parse and check a vkey; raises ValueError(why)."""
    if not isinstance(text, str):
        raise ValueError("vkey is not a string")
    # §1: split at the first two '+' only (the base64 part may contain '+').
    parts = text.split("+", 2)
    if len(parts) != 3:
        raise ValueError(f"vkey {text!r} is not <name>+<keyhash>+<key>")
    name, hash_hex, key_b64 = parts
    if not valid_name(name):
        raise ValueError(f"vkey name {name!r} is not 1-64 characters of [A-Za-z0-9._/-]")
    if re.fullmatch(r"[0-9a-f]{8}", hash_hex) is None:
        raise ValueError(f"vkey keyhash {hash_hex!r} is not 8 lowercase hex digits")
    try:
        raw = b64decode_canonical(key_b64)
    except ValueError as exc:
        raise ValueError(f"vkey key material: {exc}") from None
    if len(raw) != 33 or raw[0] != 0x01:
        raise ValueError("vkey key material is not 0x01 || 32-byte Ed25519 public key")
    pub = raw[1:]
    if key_hash(name, pub).hex() != hash_hex:
        raise ValueError(f"vkey keyhash {hash_hex} does not match SHA-256(name || 0x0A || 0x01 || key)")
    problem = public_key_problem(pub)
    if problem:
        raise ValueError(f"vkey {name}+{hash_hex}: {problem}")
    return VKey(name, bytes.fromhex(hash_hex), pub, text)


# ---------------------------------------------------------------------------------------------
# §3 Tree: RFC 6962 §2.1 over SHA-256.
# ---------------------------------------------------------------------------------------------

def leaf_hash(data):
    return hashlib.sha256(b"\x00" + data).digest()


def node_hash(left, right):
    return hashlib.sha256(b"\x01" + left + right).digest()


def merkle_root(leaf_hashes):
    """RFC 6962 MTH over a list of leaf hashes (split at the largest power of two < n)."""
    n = len(leaf_hashes)
    if n == 0:
        return hashlib.sha256(b"").digest()

    def mth(lo, hi):
        if hi - lo == 1:
            return leaf_hashes[lo]
        k = 1 << ((hi - lo - 1).bit_length() - 1)  # largest power of two strictly less than n
        return node_hash(mth(lo, lo + k), mth(lo + k, hi))

    return mth(0, n)


# ---------------------------------------------------------------------------------------------
# §2 DSSE pre-authentication encoding.
# ---------------------------------------------------------------------------------------------

def pae(payload_type, payload):
    pt = payload_type.encode("ascii")
    return (b"DSSEv1 " + str(len(pt)).encode("ascii") + b" " + pt + b" "
            + str(len(payload)).encode("ascii") + b" " + payload)


# ---------------------------------------------------------------------------------------------
# Strict JSON (§2: no duplicate keys, lone surrogates, BOM, NaN or Infinity).
# ---------------------------------------------------------------------------------------------

def _pairs_no_duplicates(pairs):
    obj = {}
    for k, v in pairs:
        if k in obj:
            raise ValueError(f"duplicate key {k!r}")
        obj[k] = v
    return obj


def _reject_constant(name):
    raise ValueError(f"{name} is not JSON")


def _finite_float(text):
    f = float(text)
    if not math.isfinite(f):
        raise ValueError(f"number {text} is out of range")
    return f


def _check_no_surrogates(value):
    """Lone surrogates (e.g. "\\ud800") come out of json as unencodable str."""
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            raise ValueError("lone surrogate in a string") from None
    elif isinstance(value, list):
        for v in value:
            _check_no_surrogates(v)
    elif isinstance(value, dict):
        for k, v in value.items():
            _check_no_surrogates(k)
            _check_no_surrogates(v)


def strict_json(raw):
    """Parse UTF-8 JSON bytes strictly; raises ValueError(why)."""
    if raw.startswith(b"\xef\xbb\xbf"):
        raise ValueError("starts with a byte order mark")
    try:
        text = raw.decode("utf-8")  # strict: refuses invalid UTF-8 and encoded surrogates
    except UnicodeDecodeError as exc:
        raise ValueError(f"not UTF-8 ({exc.reason})") from None
    value = json.loads(text, object_pairs_hook=_pairs_no_duplicates,
                       parse_constant=_reject_constant, parse_float=_finite_float)
    _check_no_surrogates(value)
    return value


def is_int(v):
    return isinstance(v, int) and not isinstance(v, bool)


def nonempty_str(v):
    return isinstance(v, str) and v != ""


# §1 times: RFC 3339, upper-case T, Z or numeric offset, any number of fractional digits, no :60.
_TIME_RE = re.compile(
    r"(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|[+-](\d{2}):(\d{2}))")


def valid_time(s):
    if not isinstance(s, str):
        return False
    m = _TIME_RE.fullmatch(s)
    if not m:
        return False
    year, month, day, hh, mm, ss = (int(m.group(i)) for i in range(1, 7))
    try:
        datetime.date(year, month, day)
    except ValueError:
        return False
    if hh > 23 or mm > 59 or ss > 59:
        return False
    if m.group(9) is not None and (int(m.group(9)) > 23 or int(m.group(10)) > 59):
        return False
    return True


# §3 recorded_at: exactly YYYY-MM-DDTHH:MM:SS.mmmZ.
_RECORDED_AT_RE = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z")


def valid_recorded_at(s):
    return isinstance(s, str) and _RECORDED_AT_RE.fullmatch(s) is not None and valid_time(s)


# ---------------------------------------------------------------------------------------------
# §3 Entry lines.
# ---------------------------------------------------------------------------------------------

def _plain(s):
    """A string that JSON writes without any escape: printable ASCII without '"' and '\\'."""
    return isinstance(s, str) and all(0x20 <= ord(c) <= 0x7E and c not in '"\\' for c in s)


def render_line(index, prev, recorded_at, payload_type, payload, signatures):
    """§3: the canonical rendering of an entry line (compact, fields in the contract's order)."""
    sigs = ",".join('{"keyid":"%s","sig":"%s"}' % (k, s) for k, s in signatures)
    return ('{"index":%d,"prev":"%s","recorded_at":"%s","envelope":{"payloadType":"%s",'
            '"payload":"%s","signatures":[%s]}}'
            % (index, prev, recorded_at, payload_type, payload, sigs))


def parse_line(line):
    """Parse one entry line (bytes without newline) and check it is exactly its canonical
    rendering. Returns (index, prev, recorded_at, payload_type, payload_b64, [(keyid, sig)]).
    Raises ValueError(why)."""
    # §3: every character of a line is printable ASCII.
    if not is_printable_ascii(line):
        bad = next(i for i, c in enumerate(line) if not 0x20 <= c <= 0x7E)
        raise ValueError(f"byte {bad} (0x{line[bad]:02x}) is not printable ASCII")
    try:
        obj = json.loads(line.decode("ascii"), object_pairs_hook=_pairs_no_duplicates,
                         parse_constant=_reject_constant)
    except ValueError as exc:
        raise ValueError(f"line is not valid JSON ({exc})") from None
    if not isinstance(obj, dict) or list(obj) != ["index", "prev", "recorded_at", "envelope"]:
        raise ValueError("line is not an object with exactly index, prev, recorded_at, envelope in that order")
    env = obj["envelope"]
    if not isinstance(env, dict) or list(env) != ["payloadType", "payload", "signatures"]:
        raise ValueError("envelope is not an object with exactly payloadType, payload, signatures in that order")
    if not is_int(obj["index"]):
        raise ValueError("index is not an integer")
    for field, value in (("prev", obj["prev"]), ("recorded_at", obj["recorded_at"]),
                         ("payloadType", env["payloadType"]), ("payload", env["payload"])):
        if not _plain(value):
            raise ValueError(f"{field} is not a string written without JSON escapes")
    if not isinstance(env["signatures"], list):
        raise ValueError("signatures is not an array")
    sigs = []
    for j, s in enumerate(env["signatures"]):
        if not isinstance(s, dict) or list(s) != ["keyid", "sig"]:
            raise ValueError(f"signature {j} is not an object with exactly keyid, sig in that order")
        if not _plain(s["keyid"]) or not _plain(s["sig"]):
            raise ValueError(f"signature {j}: keyid/sig is not a string written without JSON escapes")
        sigs.append((s["keyid"], s["sig"]))
    fields = (obj["index"], obj["prev"], obj["recorded_at"], env["payloadType"], env["payload"], sigs)
    # §3: the line must be byte-for-byte its canonical rendering (compact JSON, fixed order).
    if render_line(*fields).encode("ascii") != line:
        raise ValueError("line differs from its canonical rendering (spacing, number form or order)")
    return fields


# ---------------------------------------------------------------------------------------------
# §1/§3 Signed notes (C2SP signed-note) and checkpoints (C2SP tlog-checkpoint).
# ---------------------------------------------------------------------------------------------

def parse_note(data):
    """Split a signed note into (text, [(name, raw signature bytes)]).

    text is everything up to and including the newline before the blank line; each signature
    line is `— <name> <base64(keyhash || signature)>\\n`. Raises ValueError(why)."""
    try:
        s = data.decode("utf-8")
    except UnicodeDecodeError:
        raise ValueError("not UTF-8") from None
    sep = s.find("\n\n")
    if sep < 0:
        raise ValueError("no blank line between the text and the signatures")
    text, sig_block = s[:sep + 1], s[sep + 2:]
    if sig_block == "" or not sig_block.endswith("\n"):
        raise ValueError("no signature lines, or the last one has no final newline")
    sigs = []
    for k, line in enumerate(sig_block[:-1].split("\n")):
        if not line.startswith(EM_DASH + " "):
            raise ValueError(f"signature line {k} does not start with an em dash and a space")
        parts = line[2:].split(" ")
        if len(parts) != 2 or parts[0] == "" or "+" in parts[0]:
            raise ValueError(f"signature line {k} is not '— <name> <base64>'")
        try:
            raw = b64decode_canonical(parts[1])
        except ValueError as exc:
            raise ValueError(f"signature line {k}: {exc}") from None
        if len(raw) < 5:
            raise ValueError(f"signature line {k} is too short")
        sigs.append((parts[0], raw))
    return text, sigs


def verify_note(data, vkey):
    """Verify a signed note with vkey: lines by other keys (other name or key hash) are ignored;
    at least one line must be by vkey and every line by vkey must verify. Returns the text.
    Raises ValueError(why)."""
    text, sigs = parse_note(data)
    msg = text.encode("utf-8")
    mine = 0
    for name, raw in sigs:
        if name != vkey.name or raw[:4] != vkey.hash4:
            continue  # another key (e.g. a witness cosignature): ignored
        mine += 1
        if not ed25519_verify_strict(vkey.pub, msg, raw[4:]):
            raise ValueError(f"signature line by {vkey.key_id} does not verify")
    if mine == 0:
        raise ValueError(f"no signature line by {vkey.key_id}")
    return text


def check_checkpoint(data, log_key, size, root):
    """§3 checkpoint: exactly `<origin>\\n<size>\\n<base64 root>\\n\\n` + signature lines,
    no extension lines, signed by the log key, origin = the log key's name, size and root equal
    to the export's. Raises Problem('checkpoint', why)."""
    try:
        text = verify_note(data, log_key)
    except ValueError as exc:
        raise Problem("checkpoint", str(exc)) from None
    lines = text.split("\n")
    if len(lines) != 4 or lines[3] != "":
        raise Problem("checkpoint", f"the note text has {len(lines) - 1} lines, not exactly 3 (no extension lines)")
    origin, size_text, root_text = lines[:3]
    if origin != log_key.name:
        raise Problem("checkpoint", f"origin {origin!r} is not the log key's name {log_key.name!r}")
    if re.fullmatch(r"0|[1-9][0-9]*", size_text) is None:
        raise Problem("checkpoint", f"tree size {size_text!r} is not a plain decimal number")
    if int(size_text) != size:
        raise Problem("checkpoint", f"tree size {size_text} but entries.jsonl has {size} lines")
    try:
        cp_root = b64decode_canonical(root_text)
    except ValueError as exc:
        raise Problem("checkpoint", f"root: {exc}") from None
    if len(cp_root) != 32:
        raise Problem("checkpoint", "root is not 32 bytes")
    if cp_root != root:
        raise Problem("checkpoint", f"root {root_text} but the entries give {b64encode(root)}")


# ---------------------------------------------------------------------------------------------
# §2-§4: the entries, in order, with the key registry and the role table.
# ---------------------------------------------------------------------------------------------

class KeyRecord:
    def __init__(self, vkey, role, data):
        self.vkey = vkey
        self.role = role
        self.party_id = data.get("party_id")
        self.bureau_id = data.get("bureau_id")
        self.member_id = data.get("member_id")


class LedgerState:
    def __init__(self):
        self.keys = {}                # key id -> KeyRecord (registered so far)
        self.revoked = set()          # key ids revoked so far
        self.event_ids = set()        # §2: unique event ids
        self.stream_counts = {}       # §2: events per stream
        self.parties = set()          # party_ids of party.registered (key bindings, §5.6)
        self.member_region = {}       # (bureau_id, member_id) -> region (None: no region), sitting members
        self.consultations = {}       # consultation_id -> (kind, region)
        self.log_key = None           # the genesis log key
        self.prev_recorded_at = None
        self.prev_line = None


def _role_allows(rec, etype, data, st):
    """§4: may a key with this record submit this event?"""
    if rec.role == "admin":
        return etype in ("key.registered", "key.revoked")
    if rec.role == "secretariat":
        return etype not in ("ledger.genesis", "key.registered", "key.revoked")
    if rec.role == "party":
        return (etype in ("consultation.response", "silence.objection")
                and isinstance(data.get("party_id"), str) and data.get("party_id") == rec.party_id)
    if rec.role == "bureau_member":
        # consultation.opened / .closed for a `regional` consultation whose region is the
        # member's region in bureau.elected (or the substitution that brought them in); a member
        # replaced by bureau.member_substituted has lost its rights (it is no longer sitting).
        # Interpretation (the contract is silent): a later bureau.elected for the same bureau
        # replaces its whole membership, so a member it omits is no longer sitting.
        member = (rec.bureau_id, rec.member_id)
        if member not in st.member_region:
            return False
        region = st.member_region[member]
        if region is None:
            return False
        if etype == "consultation.opened":
            return data.get("kind") == "regional" and data.get("region") == region
        if etype == "consultation.closed":
            kind_region = st.consultations.get(data.get("consultation_id"))
            return kind_region == ("regional", region)
        return False
    return False


def _parse_event(i, payload):
    """§2: the event JSON: exactly id, type, data, optional stream and expected_version."""
    where = f"entry {i}"
    try:
        event = strict_json(payload)
    except ValueError as exc:
        raise Problem(where, f"payload is not acceptable JSON ({exc})") from None
    if not isinstance(event, dict):
        raise Problem(where, "payload is not a JSON object")
    for field in ("id", "type", "data"):
        if field not in event:
            raise Problem(where, f"event has no {field!r}")
    extra = set(event) - {"id", "type", "stream", "expected_version", "data"}
    if extra:
        raise Problem(where, f"event has unknown fields {sorted(extra)}")
    eid = event["id"]
    if not isinstance(eid, str) or not 1 <= len(eid) <= 128 or not is_printable_ascii(eid.encode("utf-8")):
        raise Problem(where, "event id is not 1-128 bytes of printable ASCII")
    if event["type"] not in EVENT_TYPES:
        raise Problem(where, f"event type {event['type']!r} is not in the catalogue")
    if not isinstance(event["data"], dict):
        raise Problem(where, "event data is not an object")
    stream = event.get("stream")  # null = absent
    if stream is not None and (not isinstance(stream, str) or not 1 <= len(stream) <= 128
                               or not is_printable_ascii(stream.encode("utf-8"))):
        raise Problem(where, "stream is not 1-128 bytes of printable ASCII")
    ev = event.get("expected_version")  # null = absent
    if ev is not None:
        if not is_int(ev) or ev < 0:
            raise Problem(where, "expected_version is not an integer >= 0")
        if stream is None:
            raise Problem(where, "expected_version without stream")
    return event


def _check_signatures_and_roles(i, st, etype, data, message, sigs):
    """§2 signatures and §4 roles for an entry after the genesis."""
    where = f"entry {i}"
    signers = []
    for keyid, raw in sigs:
        rec = st.keys.get(keyid)
        if rec is None:
            raise Problem(where, f"key {keyid} is not registered earlier in the log")
        if keyid in st.revoked:
            raise Problem(where, f"key {keyid} was revoked by an earlier entry")
        if not ed25519_verify_strict(rec.vkey.pub, message, raw):
            raise Problem(where, f"signature by {keyid} does not verify")
        signers.append(rec)
    if not any(_role_allows(rec, etype, data, st) for rec in signers):
        roles = ", ".join(f"{r.vkey.key_id} ({r.role})" for r in signers)
        raise Problem(where, f"no signer may submit {etype}: {roles}")


def _check_genesis(st, data, sigs, message):
    """§3/§5.1: entry 0 is ledger.genesis, signed only by the admin key it registers."""
    where = "entry 0"
    needed = ["origin", "log_vkey", "admin_vkey", "rules", "created_at"]
    if sorted(data) != sorted(needed):
        raise Problem(where, f"genesis data fields are {sorted(data)}, not {sorted(needed)}")
    for field in needed:
        if not nonempty_str(data[field]):
            raise Problem(where, f"genesis {field} is not a non-empty string")
    if not valid_time(data["created_at"]):
        raise Problem(where, "genesis created_at is not an RFC 3339 time")
    try:
        admin = parse_vkey(data["admin_vkey"])
    except ValueError as exc:
        raise Problem(where, f"genesis admin_vkey: {exc}") from None
    try:
        log_key = parse_vkey(data["log_vkey"])
    except ValueError as exc:
        raise Problem(where, f"genesis log_vkey: {exc}") from None
    if not valid_name(data["origin"]):
        raise Problem(where, f"genesis origin {data['origin']!r} is not a valid key name")
    if log_key.name != data["origin"]:
        raise Problem(where, f"log key name {log_key.name!r} is not the origin {data['origin']!r}")
    if admin.pub == log_key.pub:
        raise Problem(where, "the admin key is the log key (the log key never signs events)")
    if len(sigs) != 1:
        raise Problem(where, f"genesis has {len(sigs)} signatures, not exactly one (the admin key's)")
    keyid, raw = sigs[0]
    if keyid != admin.key_id:
        raise Problem(where, f"genesis signed by {keyid}, not by its admin key {admin.key_id}")
    if not ed25519_verify_strict(admin.pub, message, raw):
        raise Problem(where, f"genesis signature by {keyid} does not verify")
    st.keys[admin.key_id] = KeyRecord(admin, "admin", {})
    st.log_key = log_key


def _apply_event(i, st, etype, data):
    """State changes (and their own checks) for events that affect keys and roles."""
    where = f"entry {i}"
    if etype == "key.registered":
        # §5.1: {vkey, role, party_id?, bureau_id?, member_id?, note?}
        try:
            vkey = parse_vkey(data.get("vkey"))
        except ValueError as exc:
            raise Problem(where, f"key.registered vkey: {exc}") from None
        role = data.get("role")
        if role not in ROLES:
            raise Problem(where, f"key.registered role {role!r} is not one of {sorted(ROLES)}")
        if vkey.key_id in st.keys:
            raise Problem(where, f"key {vkey.key_id} is already registered")
        if vkey.pub == st.log_key.pub or vkey.key_id == st.log_key.key_id:
            raise Problem(where, "key.registered registers the log key (it never signs events)")
        if role == "party":
            if not nonempty_str(data.get("party_id")):
                raise Problem(where, "a party key needs party_id")
            if data["party_id"] not in st.parties:
                raise Problem(where, f"party_id {data['party_id']!r} is not a registered party")
        if role == "bureau_member":
            if not nonempty_str(data.get("bureau_id")) or not nonempty_str(data.get("member_id")):
                raise Problem(where, "a bureau_member key needs bureau_id and member_id")
            # §5.6: key bindings name member_ids of that Bureau (read: a sitting member).
            if (data["bureau_id"], data["member_id"]) not in st.member_region:
                raise Problem(where, f"{data['member_id']!r} is not a sitting member of bureau {data['bureau_id']!r}")
        st.keys[vkey.key_id] = KeyRecord(vkey, role, data)
    elif etype == "key.revoked":
        # §5.1 {key_id, reason, effective_at}: effective from the next entry; key_id must resolve.
        key_id = data.get("key_id")
        if key_id not in st.keys:
            raise Problem(where, f"key.revoked key_id {key_id!r} is not a registered key")
        st.revoked.add(key_id)
    elif etype == "party.registered":
        if isinstance(data.get("party_id"), str):
            st.parties.add(data["party_id"])
    elif etype == "bureau.elected":
        # A (new) election replaces the Bureau's membership (see _role_allows).
        bureau_id = data.get("bureau_id")
        for member in [m for m in st.member_region if m[0] == bureau_id]:
            del st.member_region[member]
        for m in data.get("members") or []:
            if isinstance(m, dict) and isinstance(m.get("member_id"), str):
                st.member_region[(bureau_id, m["member_id"])] = m.get("region")
    elif etype == "bureau.member_substituted":
        # §4: the replaced member loses its rights from this entry on; the substitute sits.
        bureau_id = data.get("bureau_id")
        st.member_region.pop((bureau_id, data.get("replaced_member_id")), None)
        sub = data.get("substitute")
        if isinstance(sub, dict) and isinstance(sub.get("member_id"), str):
            st.member_region[(bureau_id, sub["member_id"])] = sub.get("region")
    elif etype == "consultation.opened":
        st.consultations[data.get("consultation_id")] = (data.get("kind"), data.get("region"))


def check_entry(i, line, st):
    """Check entry i (line bytes without newline) against everything before it."""
    where = f"entry {i}"
    try:
        index, prev, recorded_at, payload_type, payload_b64, sig_fields = parse_line(line)
    except ValueError as exc:
        raise Problem(where, str(exc)) from None

    # §3: index = position in the file.
    if index != i:
        raise Problem(where, f"index is {index}, expected {i}")

    # §3 chain: prev = hex BLAKE3-256 of the previous line, 64 zeros for entry 0.
    expected_prev = ZERO_HASH_HEX if i == 0 else blake3.blake3(st.prev_line).hexdigest()
    if prev != expected_prev:
        raise Problem(where, f"prev {prev} is not {expected_prev}")

    # §3 recorded_at: exact format, never decreasing (fixed-width UTC: text order = time order).
    if not valid_recorded_at(recorded_at):
        raise Problem(where, f"recorded_at {recorded_at!r} is not YYYY-MM-DDTHH:MM:SS.mmmZ")
    if st.prev_recorded_at is not None and recorded_at < st.prev_recorded_at:
        raise Problem(where, f"recorded_at {recorded_at} is before the previous entry's {st.prev_recorded_at}")

    # §2 envelope form.
    if payload_type != PAYLOAD_TYPE:
        raise Problem(where, f"payloadType {payload_type!r} is not {PAYLOAD_TYPE}")
    try:
        payload = b64decode_canonical(payload_b64)
    except ValueError as exc:
        raise Problem(where, f"payload: {exc}") from None
    if not sig_fields:
        raise Problem(where, "envelope has no signature")
    sigs, seen = [], set()
    for keyid, sig_b64 in sig_fields:
        if not valid_key_id(keyid):
            raise Problem(where, f"keyid {keyid!r} is not <name>+<8 lowercase hex>")
        if keyid in seen:
            raise Problem(where, f"keyid {keyid} appears twice")
        seen.add(keyid)
        try:
            raw = b64decode_canonical(sig_b64)
        except ValueError as exc:
            raise Problem(where, f"sig of {keyid}: {exc}") from None
        sigs.append((keyid, raw))

    # §2 the event.
    event = _parse_event(i, payload)
    etype, data = event["type"], event["data"]
    if event["id"] in st.event_ids:
        raise Problem(where, f"event id {event['id']!r} is already in the log")

    # §2 signatures over PAE, §3 genesis, §4 roles.
    message = pae(payload_type, payload)
    if i == 0:
        if etype != "ledger.genesis":
            raise Problem(where, f"entry 0 is {etype}, not ledger.genesis")
        _check_genesis(st, data, sigs, message)
    else:
        if etype == "ledger.genesis":
            raise Problem(where, "ledger.genesis after entry 0")
        _check_signatures_and_roles(i, st, etype, data, message, sigs)
        _apply_event(i, st, etype, data)

    # §2 expected_version: the stream must hold exactly that many events before this one.
    stream = event.get("stream")
    if stream is not None:
        count = st.stream_counts.get(stream, 0)
        ev = event.get("expected_version")
        if ev is not None and ev != count:
            raise Problem(where, f"expected_version {ev} but stream {stream!r} had {count} events")
        st.stream_counts[stream] = count + 1

    st.event_ids.add(event["id"])
    st.prev_recorded_at = recorded_at
    st.prev_line = line


def read_file(path):
    try:
        with open(path, "rb") as f:
            return f.read()
    except OSError as exc:
        raise UsageError(f"cannot read {path}: {exc.strerror}") from None


def load_vkey_arg(arg):
    """--log-vkey: a vkey, or a file holding one (surrounding whitespace ignored)."""
    text = arg
    if os.path.isfile(arg):
        try:
            text = read_file(arg).decode("utf-8")
        except UnicodeDecodeError:
            raise UsageError(f"{arg} is not UTF-8") from None
    try:
        return parse_vkey(text.strip())
    except ValueError as exc:
        raise UsageError(f"--log-vkey: {exc}") from None


def verify_export(export_dir, trusted=None):
    """Verify an export directory. Returns (size, root, log_key); raises Problem or UsageError."""
    if not os.path.isdir(export_dir):
        raise UsageError(f"{export_dir} is not a directory")
    entries = read_file(os.path.join(export_dir, "entries.jsonl"))
    checkpoint = read_file(os.path.join(export_dir, "checkpoint"))
    log_vkey_file = read_file(os.path.join(export_dir, "log.vkey"))

    # §3 export: every line is followed by "\n".
    lines = entries.split(b"\n")
    if lines[-1] == b"":
        lines.pop()
        unterminated = None
    else:
        unterminated = len(lines) - 1
    if not lines:
        raise Problem("entry 0", "entries.jsonl is empty: there is no genesis")

    st = LedgerState()
    leaves = []
    for i, line in enumerate(lines):
        if i == unterminated:
            raise Problem(f"entry {i}", "line does not end with a newline")
        check_entry(i, line, st)
        if i == 0 and trusted is not None and not trusted.same_key(st.log_key):
            raise Problem("entry 0", f"genesis log_vkey {st.log_key.text} is not the trusted --log-vkey {trusted.text}")
        leaves.append(leaf_hash(line))  # §3 tree: leaf data = the line as stored
    root = merkle_root(leaves)

    # §3 export: log.vkey is the log's key (key files: surrounding whitespace ignored).
    try:
        file_key = parse_vkey(log_vkey_file.decode("utf-8", "replace").strip())
    except ValueError as exc:
        raise Problem("checkpoint", f"the export's log.vkey: {exc}") from None
    if not file_key.same_key(st.log_key):
        raise Problem("checkpoint", f"the export's log.vkey {file_key.key_id} is not the genesis log key {st.log_key.key_id}")

    log_key = trusted if trusted is not None else st.log_key
    check_checkpoint(checkpoint, log_key, len(lines), root)
    return len(lines), root, log_key


def main(argv):
    usage = "usage: independent_verify.py EXPORT_DIR [--log-vkey VKEY_TEXT_OR_FILE]"
    args = list(argv)
    vkey_arg = None
    positional = []
    while args:
        a = args.pop(0)
        if a == "--log-vkey":
            if not args or vkey_arg is not None:
                print(usage, file=sys.stderr)
                return 2
            vkey_arg = args.pop(0)
        elif a.startswith("--log-vkey="):
            if vkey_arg is not None:
                print(usage, file=sys.stderr)
                return 2
            vkey_arg = a[len("--log-vkey="):]
        elif a in ("-h", "--help"):
            print(usage)
            return 0
        elif a.startswith("-") and a != "-":
            print(f"unknown option {a}\n{usage}", file=sys.stderr)
            return 2
        else:
            positional.append(a)
    if len(positional) != 1:
        print(usage, file=sys.stderr)
        return 2
    try:
        trusted = load_vkey_arg(vkey_arg) if vkey_arg is not None else None
        size, root, log_key = verify_export(positional[0], trusted)
    except UsageError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except Problem as p:
        print(f"{p.where}: {p.why}")
        return 1
    anchor = (f"checkpoint signed by the trusted log key {log_key.key_id}" if trusted is not None
              else f"self-consistent only (log key {log_key.key_id} taken from the genesis; no --log-vkey)")
    print(f"ok: size {size}, root {b64encode(root)}; {anchor}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
