#!/usr/bin/env python3
"""A C2SP tlog-tiles client written from the spec text alone (standard library only), used by
`.ci/run` against the server's `/tlog`, a `dledger publish` copy served by nginx, and a mirror.

    python3 .ci/tiles_client.py PREFIX [--vkey VKEY]

PREFIX is `http://host:port/tlog` or a directory. Checks: the checkpoint's form (and its Ed25519
signature when --vkey is given); every tile of the tree at the checkpoint's size, full and partial,
with the right width; the level-0 tiles against the entry bundles (each entry hashes, as an RFC
6962 leaf, to its tile hash); the root recomputed from the tiles equals the signed root; a full
tile beyond the tree is 404 (http only); caching headers (http only). Exit 0 when all hold.
"""

import base64
import gzip
import hashlib
import os
import sys
import urllib.error
import urllib.request

PREFIX = sys.argv[1].rstrip("/")
VKEY = sys.argv[sys.argv.index("--vkey") + 1] if "--vkey" in sys.argv else None
HTTP = PREFIX.startswith("http://") or PREFIX.startswith("https://")


def fail(msg):
    print("tiles client: FAIL " + msg)
    sys.exit(1)


def fetch(path, want_headers=False):
    if HTTP:
        req = urllib.request.Request(PREFIX + "/" + path, headers={"Accept-Encoding": "gzip, identity"})
        try:
            with urllib.request.urlopen(req, timeout=30) as r:
                body = r.read()
                if r.headers.get("Content-Encoding") == "gzip":
                    body = gzip.decompress(body)
                return (body, r.headers) if want_headers else body
        except urllib.error.HTTPError as e:
            if e.code == 404:
                return (None, e.headers) if want_headers else None
            raise
    p = os.path.join(PREFIX, *path.split("/"))
    if not os.path.exists(p):
        return (None, {}) if want_headers else None
    with open(p, "rb") as f:
        b = f.read()
    return (b, {}) if want_headers else b


def index_path(n):
    groups = [f"{n % 1000:03d}"]
    n //= 1000
    while n > 0:
        groups.append(f"x{n % 1000:03d}")
        n //= 1000
    return "/".join(reversed(groups))


def tile_path(level, n, w):
    p = f"tile/{level}/{index_path(n)}"
    return p + (f".p/{w}" if w < 256 else "")


def leaf(data):
    return hashlib.sha256(b"\x00" + data).digest()


def node(l, r):
    return hashlib.sha256(b"\x01" + l + r).digest()


def mth(hashes):
    """RFC 6962 Merkle Tree Hash of a list of subtree hashes treated as leaves' hashes."""
    if len(hashes) == 1:
        return hashes[0]
    k = 1
    while k * 2 < len(hashes):
        k *= 2
    return node(mth(hashes[:k]), mth(hashes[k:]))


def verify_note(text, vkey):
    # vkey: name+hexhash+base64(0x01 || pubkey)
    name, keyhash, key = vkey.split("+", 2)
    raw = base64.b64decode(key)
    if raw[0] != 1:
        fail("vkey is not Ed25519")
    body, _, sigs = text.partition("\n\n")
    body += "\n"
    for line in sigs.splitlines():
        if not line.startswith("\u2014 "):
            fail(f"bad signature line {line!r}")
        _, sname, sig = line.split(" ")
        sig = base64.b64decode(sig)
        if sname == name and sig[:4].hex() == keyhash:
            try:
                from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
            except ImportError:
                print("tiles client: (no `cryptography` module: signature not checked)")
                return
            Ed25519PublicKey.from_public_bytes(raw[1:]).verify(sig[4:], body.encode())
            return
    fail("no signature by the log key")


def main():
    cp, headers = fetch("checkpoint", want_headers=True)
    if cp is None:
        fail("no checkpoint")
    text = cp.decode()
    if HTTP:
        ct = headers.get("Content-Type", "")
        if not ct.startswith("text/plain"):
            fail(f"checkpoint Content-Type {ct!r}")
        cc = headers.get("Cache-Control", "")
        if "immutable" in cc or ("max-age" in cc and int(cc.split("max-age=")[1].split(",")[0]) > 10):
            fail(f"checkpoint Cache-Control {cc!r}")
    lines = text.split("\n")
    origin, size, root = lines[0], int(lines[1]), base64.b64decode(lines[2])
    if VKEY:
        verify_note(text, VKEY)
    # Every tile of the tree, level by level.
    levels = []
    level = 0
    units = size
    while units > 0:
        row = []
        n_full, w_last = divmod(units, 256)
        for n in range(n_full + (1 if w_last else 0)):
            w = 256 if n < n_full else w_last
            path = tile_path(level, n, w)
            data, h = fetch(path, want_headers=True)
            if data is None:
                fail(f"{path} is missing")
            if len(data) != 32 * w:
                fail(f"{path} has {len(data)} bytes, not {32 * w}")
            if HTTP and w == 256 and "immutable" not in h.get("Cache-Control", ""):
                fail(f"{path}: Cache-Control {h.get('Cache-Control')!r}")
            row.extend(data[i:i + 32] for i in range(0, len(data), 32))
        if level > 0:
            # Each hash of this level is the root of a full tile of the level below.
            below = levels[-1]
            for i, h in enumerate(row):
                if mth(below[256 * i:256 * (i + 1)]) != h:
                    fail(f"tile level {level} hash {i} is not the root of the tile below")
        levels.append(row)
        level += 1
        units //= 256
    # Entry bundles against level 0.
    entries = 0
    n_full, w_last = divmod(size, 256)
    for n in range(n_full + (1 if w_last else 0)):
        w = 256 if n < n_full else w_last
        path = f"tile/entries/{index_path(n)}" + (f".p/{w}" if w < 256 else "")
        data = fetch(path)
        if data is None:
            fail(f"{path} is missing")
        i = 0
        k = 0
        while i < len(data):
            ln = int.from_bytes(data[i:i + 2], "big")
            e = data[i + 2:i + 2 + ln]
            if len(e) != ln:
                fail(f"{path}: entry {k} cut off")
            if leaf(e) != levels[0][256 * n + k]:
                fail(f"{path}: entry {k} does not hash to its level-0 tile hash")
            i += 2 + ln
            k += 1
        if k != w:
            fail(f"{path} holds {k} entries, not {w}")
        entries += k
    # The root from the level-0 hashes (MTH over all leaves), against the checkpoint.
    if size and mth(levels[0]) != root:
        fail("the root recomputed from the tiles is not the checkpoint's root")
    if HTTP:
        beyond = tile_path(0, n_full + 1, 256)
        if fetch(beyond) is not None:
            fail(f"{beyond} beyond the tree was served")
    print(f"tiles client: ok: {origin}, {size} entries, {sum(len(r) for r in levels)} tile hashes in {len(levels)} levels, {entries} entries in bundles, root matches")


if __name__ == "__main__":
    main()
