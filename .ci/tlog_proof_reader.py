#!/usr/bin/env python3
"""A tlog-proof reader written from the C2SP text alone (tlog-proof.md, tlog-checkpoint,
signed-note, RFC 9162 §2.1.3.2), not from decision-ledger's code: it fetches the proofs a server
serves at /v1/entries/<i>/proof and checks each one (form, checkpoint signature by the log key,
inclusion of the `extra` data as the leaf at `index`), then checks that altered copies are
refused by `dledger verify-proof`. Usage: tlog_proof_reader.py URL VKEY DLEDGER"""

import base64
import hashlib
import os
import subprocess
import sys
import tempfile
import urllib.request


def fail(msg):
    print(f"tlog-proof reader: FAIL: {msg}")
    sys.exit(1)


def b64(s):
    raw = base64.b64decode(s, validate=True)
    if base64.b64encode(raw).decode() != s:
        fail(f"non-canonical base64 {s!r}")
    return raw


def verify_note(text, vkey):
    name, keyhash, key = vkey.split("+", 2)
    raw = b64(key)
    body, sep, sigs = text.partition("\n\n")
    if not sep or not text.endswith("\n"):
        fail("checkpoint is not a signed note")
    body += "\n"
    for line in sigs[:-1].split("\n"):
        if not line.startswith("\u2014 "):
            fail(f"bad signature line {line!r}")
        _, sname, sig = line.split(" ")
        sig = b64(sig)
        if sname == name and sig[:4].hex() == keyhash:
            try:
                from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
            except ImportError:
                print("tlog-proof reader: (no `cryptography` module: signature not checked)")
                return body
            Ed25519PublicKey.from_public_bytes(raw[1:]).verify(sig[4:], body.encode())
            return body
    fail("no signature by the log key")


def root_from_inclusion(index, size, leaf, proof):
    """RFC 9162 §2.1.3.2."""
    if index >= size:
        fail("index beyond the tree")
    fn, sn, r = index, size - 1, leaf
    for p in proof:
        if sn == 0:
            fail("proof too long")
        if fn % 2 == 1 or fn == sn:
            r = hashlib.sha256(b"\x01" + p + r).digest()
            if fn % 2 == 0:
                while fn % 2 == 0 and fn != 0:
                    fn >>= 1
                    sn >>= 1
        else:
            r = hashlib.sha256(b"\x01" + r + p).digest()
        fn >>= 1
        sn >>= 1
    if sn != 0:
        fail("proof too short")
    return r


def check(text, vkey):
    lines = text.split("\n")
    if lines[0] != "c2sp.org/tlog-proof@v1":
        fail("first line")
    i = 1
    extra = None
    if lines[i].startswith("extra "):
        extra = b64(lines[i][6:])
        i += 1
    if not lines[i].startswith("index "):
        fail("no index line")
    digits = lines[i][6:]
    if not digits.isdigit() or (len(digits) > 1 and digits[0] == "0"):
        fail(f"index {digits!r}")
    index = int(digits)
    i += 1
    proof = []
    while lines[i] != "":
        h = b64(lines[i])
        if len(h) != 32:
            fail("a proof hash is not 32 bytes")
        proof.append(h)
        i += 1
    checkpoint = "\n".join(lines[i + 1:])
    body = verify_note(checkpoint, vkey)
    origin, size, root = body[:-1].split("\n")
    if extra is None:
        fail("no extra data: the ledger's proofs carry the entry line")
    leaf = hashlib.sha256(b"\x00" + extra).digest()
    if root_from_inclusion(index, int(size), leaf, proof) != b64(root):
        fail(f"entry {index}: the inclusion proof does not lead to the checkpoint's root")
    if f'"index":{index},' not in extra.decode()[:40]:
        fail(f"entry {index}: the extra line does not say it is entry {index}")
    return index, int(size)


def main():
    url, vkey, dledger = sys.argv[1].rstrip("/"), sys.argv[2], sys.argv[3]
    cp = urllib.request.urlopen(f"{url}/v1/checkpoint").read().decode()
    size = int(cp.split("\n")[1])
    picks = sorted({0, 1, size // 2, size - 2, size - 1})
    with tempfile.TemporaryDirectory() as tmp:
        for n in picks:
            res = urllib.request.urlopen(f"{url}/v1/entries/{n}/proof")
            if not res.headers["Content-Type"].startswith("text/plain"):
                fail(f"content type {res.headers['Content-Type']}")
            text = res.read().decode()
            index, at = check(text, vkey)
            if index != n or at < n + 1:
                fail(f"proof of {n} says index {index} in a tree of {at}")
            f = os.path.join(tmp, f"entry-{n}.tlog-proof")
            with open(f, "w") as fh:
                fh.write(text)
            ok = subprocess.run([dledger, "verify-proof", f, "--log-vkey", vkey], capture_output=True)
            if ok.returncode != 0:
                fail(f"dledger verify-proof refuses a proof this reader accepts: {ok.stdout!r}")
            # An altered copy: another entry's index, a changed root digit, a dropped hash.
            lines = text.split("\n")
            alts = [text.replace(f"\nindex {n}\n", f"\nindex {n + 1}\n", 1)]
            if len(lines) > 4 and lines[3]:
                alts.append("\n".join(lines[:3] + lines[4:]))
            for a in alts:
                with open(f, "w") as fh:
                    fh.write(a)
                bad = subprocess.run([dledger, "verify-proof", f, "--log-vkey", vkey], capture_output=True)
                if bad.returncode != 1:
                    fail(f"dledger verify-proof accepted an altered proof of {n}")
    print(f"tlog-proof reader: {len(picks)} proofs of a {size}-entry log checked, altered copies refused")


if __name__ == "__main__":
    main()
