#!/usr/bin/env python3
"""The attacks of issue 14 against a real `dledger serve`, each with the figure RELIABILITY.md
quotes. Standard library only; loopback only. Run by hand on the release binary:

    python3 .ci/hostile_probe.py target/release/dledger

It starts its own servers (`serve --demo` in temporary directories; the full-disk part mounts a
tmpfs and needs root), prints one line per figure, and exits 1 if a bound does not hold.
"""

import json
import os
import resource
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request

BIN = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else "target/release/dledger")
FAILED = []


def check(ok, what):
    print(("ok   " if ok else "FAIL ") + what, flush=True)
    if not ok:
        FAILED.append(what)


class Server:
    def __init__(self, data, *flags, nofile=None):
        def limit():
            if nofile:
                resource.setrlimit(resource.RLIMIT_NOFILE, (nofile, nofile))

        self.p = subprocess.Popen(
            [BIN, "serve", "--data", data, "--listen", "127.0.0.1:0", *flags],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
            preexec_fn=limit,
        )
        self.log = []
        while True:
            line = self.p.stderr.readline()
            if not line:
                raise SystemExit("server exited:\n" + "".join(self.log))
            self.log.append(line)
            if "listening on http://" in line:
                self.addr = line.split("http://")[1].split()[0]
                break
        threading.Thread(target=self._drain, daemon=True).start()
        host, port = self.addr.split(":")
        self.hostport = (host, int(port))
        self.url = "http://" + self.addr
        for _ in range(600):
            if self.get("/healthz")[0] == 200:
                break
            time.sleep(0.1)

    def _drain(self):
        for line in self.p.stderr:
            self.log.append(line)

    def get(self, path, timeout=10):
        try:
            with urllib.request.urlopen(self.url + path, timeout=timeout) as r:
                return r.status, r.read()
        except urllib.error.HTTPError as e:
            return e.code, e.read()
        except Exception as e:  # noqa: BLE001
            return None, str(e).encode()

    def post(self, body, timeout=10):
        req = urllib.request.Request(
            self.url + "/v1/events", data=body, headers={"content-type": "application/json"}
        )
        try:
            with urllib.request.urlopen(req, timeout=timeout) as r:
                return r.status, r.read()
        except urllib.error.HTTPError as e:
            return e.code, e.read()

    def rss_mb(self):
        with open(f"/proc/{self.p.pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
        return 0

    def stop(self):
        self.p.terminate()
        try:
            self.p.wait(20)
        except subprocess.TimeoutExpired:
            self.p.kill()


def connect(s, rcvbuf=None):
    c = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    if rcvbuf:
        # Before connect, so the advertised window stays small: a reader that never reads.
        c.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, rcvbuf)
    c.settimeout(30)
    c.connect(s.hostport)
    return c


def held_for(socks, limit):
    """Seconds from each socket's opening until the server closed it (None: still open after
    `limit`). `socks` holds (socket, time opened)."""
    out = []
    for c, opened in socks:
        c.settimeout(max(0.01, limit - (time.time() - opened)))
        try:
            while c.recv(65536):
                pass
            out.append(time.time() - opened)
        except (socket.timeout, OSError):
            out.append(None)
    return out


def timed_get(s, path):
    t = time.time()
    st, _ = s.get(path, timeout=30)
    return st, (time.time() - t) * 1000


def sign_events(data, n, prefix, pad=0):
    """n party.registered envelopes signed by the demo's Secretariat key (via `dledger sign`)."""
    key = os.path.join(data, "keys", "secretariat.skey")
    out = []
    with tempfile.TemporaryDirectory() as d:
        for i in range(n):
            ev = {
                "id": f"{prefix}-{i}",
                "type": "party.registered",
                "data": {"party_id": f"{prefix}-{i}", "name": f"Probe Party {i} " + "x" * pad},
            }
            path = os.path.join(d, "e.json")
            with open(path, "w") as f:
                json.dump(ev, f)
            r = subprocess.run([BIN, "sign", "--key", key, path], capture_output=True, text=True)
            if r.returncode != 0:
                raise SystemExit(r.stderr)
            out.append(r.stdout.strip().encode())
    return out


def main():
    tmp = tempfile.mkdtemp()
    data = os.path.join(tmp, "data")
    s = Server(data, "--demo")
    size = json.loads(s.get("/healthz")[1])["size"]
    print(f"demo ledger: {size} entries; server RSS {s.rss_mb():.0f} MB", flush=True)

    # 1. Slow headers, slow bodies, idle keep-alives: closed by the server.
    partial = []
    for _ in range(50):
        c = connect(s)
        c.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\n")
        partial.append((c, time.time()))
    bodies = []
    for _ in range(50):
        c = connect(s)
        c.sendall(b"POST /v1/events HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"pay")
        bodies.append((c, time.time()))
    idle = []
    for _ in range(50):
        c = connect(s)
        c.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
        idle.append((c, time.time()))
    h = held_for(partial, 40)
    check(all(x is not None and x < 12 for x in h), f"partial headers closed after at most {max(x or 99 for x in h):.1f} s (header timeout 10 s)")
    h = held_for(bodies, 40)
    check(all(x is not None and x < 12 for x in h), f"partial bodies closed (408) after at most {max(x or 99 for x in h):.1f} s (body timeout 10 s)")
    h = held_for(idle, 40)
    check(all(x is not None and x < 12 for x in h), f"idle keep-alives closed after at most {max(x or 99 for x in h):.1f} s (header timeout 10 s)")
    s.stop()

    # 2. A slowloris of 1,100 sockets on a server with 1,024 file descriptors.
    s = Server(data, nofile=1024)
    loris = []
    for _ in range(1100):
        try:
            c = connect(s)
            c.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\n")
            loris.append(c)
        except OSError:
            pass
    time.sleep(0.5)
    lat = [timed_get(s, "/healthz") for _ in range(20)]
    lat_ok = sorted(x[1] for x in lat if x[0] == 200)
    check(len(lat_ok) == 20, f"/healthz under a slowloris of 1,100 sockets (fd limit 1,024): {len(lat_ok)}/20 answered 200, median {lat_ok[len(lat_ok)//2] if lat_ok else 0:.1f} ms, max {max(lat_ok or [0]):.1f} ms")
    st, ms = timed_get(s, "/v1/checkpoint")
    check(st in (200, 503), f"/v1/checkpoint under the same slowloris: {st} in {ms:.1f} ms (503 + Retry-After when over the caps)")
    for c in loris:
        c.close()
    time.sleep(1.5)
    check(s.get("/v1/checkpoint")[0] == 200, "served normally once the slowloris is gone")
    s.stop()

    # 3. Stalled readers: 1,000 feed subscribers, 1,000 /v1/entries readers, none reading, on a
    #    ledger of about 8 MB of lines (2,000 entries of 4 KB), all from one address (so the
    #    per-client cap is raised to let them in).
    events = sign_events(data, 2600, "probe", pad=3000)
    s = Server(data, "--max-connections", "2048", "--max-connections-per-client", "2048")
    for e in events[:2000]:
        st, body = s.post(e)
        assert st == 201, body
    events = events[2000:]
    before = s.rss_mb()
    feeds = []
    for _ in range(1000):
        c = connect(s, rcvbuf=4096)
        c.sendall(b"GET /v1/feed HTTP/1.1\r\nHost: x\r\n\r\n")
        feeds.append(c)
    accepted = 0
    for c in feeds:
        try:
            if c.recv(12).startswith(b"HTTP/1.1 200"):
                accepted += 1
        except OSError:
            pass
    time.sleep(3)
    peak = s.rss_mb()
    m = s.get("/metrics")[1].decode()
    subs = [l for l in m.splitlines() if l.startswith("dledger_feed_subscribers ")]
    check(accepted == 256, f"1,000 feed subscribers that never read: {accepted} accepted (cap 256), the rest 503; RSS {before:.0f} -> {peak:.0f} MB; gauge {subs}")
    t0 = time.time()
    while True:
        m = s.get("/metrics")[1].decode()
        n = [l for l in m.splitlines() if l.startswith("dledger_feed_subscribers ")]
        if n and n[0].endswith(" 0") or time.time() - t0 > 60:
            break
        time.sleep(0.5)
    check(n and n[0].endswith(" 0"), f"the stalled subscribers were dropped {time.time() - t0 + 3:.0f} s after they stopped reading (write timeout 20 s)")
    for c in feeds:
        c.close()
    readers = []
    for _ in range(1000):
        c = connect(s, rcvbuf=4096)
        c.sendall(b"GET /v1/entries?start=0&limit=1000 HTTP/1.1\r\nHost: x\r\n\r\n")
        readers.append((c, time.time()))
    time.sleep(3)
    peak = s.rss_mb()
    check(peak < before + 400, f"1,000 stalled /v1/entries?limit=1000 readers (4 MB pages): RSS {before:.0f} -> {peak:.0f} MB")
    h = held_for(readers[:50], 60)
    check(all(x is not None and x < 30 for x in h), f"stalled readers dropped after at most {max(x or 99 for x in h):.1f} s (write timeout 20 s)")
    for c, _ in readers:
        c.close()
    s.stop()

    # 4. A flood of receipts: appends and /healthz keep their latency.
    s = Server(data)
    decisions = json.loads(s.get("/v1/decisions?limit=1000")[1])["items"]
    ids = [d["decision_id"] for d in decisions]
    sizes = []
    for d in ids:
        st, body = s.get(f"/v1/decisions/{d}/receipt")
        if st == 200:
            sizes.append(len(body))
    print(f"receipts of the demo: {len(sizes)}, largest {max(sizes)} bytes, median {sorted(sizes)[len(sizes)//2]} bytes", flush=True)

    def quiet_latency(k):
        a = []
        for i in range(k):
            t = time.time()
            st, _ = s.post(events[len(quiet_latency.done) + i])
            a.append((st, (time.time() - t) * 1000))
        quiet_latency.done.extend(range(k))
        return a

    quiet_latency.done = []
    base = sorted(ms for st, ms in quiet_latency(50) if st == 201)
    stop = threading.Event()
    served = [0]

    def flood():
        i = 0
        while not stop.is_set():
            s.get(f"/v1/decisions/{ids[i % len(ids)]}/receipt", timeout=60)
            served[0] += 1
            i += 1

    before = s.rss_mb()
    threads = [threading.Thread(target=flood, daemon=True) for _ in range(128)]
    for t in threads:
        t.start()
    time.sleep(2)
    under = sorted(ms for st, ms in quiet_latency(50) if st == 201)
    health = sorted(timed_get(s, "/healthz")[1] for _ in range(20))
    peak = s.rss_mb()
    stop.set()
    for t in threads:
        t.join(70)

    def p(a, q):
        return a[min(len(a) - 1, int(len(a) * q))] if a else float("nan")

    check(len(under) == 50 and p(under, 0.99) < 1000, f"appends while 128 clients fetch receipts: p50 {p(under, .5):.1f} ms, p99 {p(under, .99):.1f} ms (quiet: p50 {p(base, .5):.1f} ms, p99 {p(base, .99):.1f} ms); {served[0]} receipts served")
    check(p(health, 0.99) < 1000, f"/healthz during the receipt flood: p50 {p(health, .5):.1f} ms, max {health[-1]:.1f} ms; RSS {before:.0f} -> {peak:.0f} MB")
    s.stop()

    # 5. Strict HTTP.
    s = Server(data)

    def raw(req):
        c = connect(s)
        c.sendall(req)
        c.settimeout(5)
        out = b""
        try:
            while True:
                b = c.recv(65536)
                if not b:
                    break
                out += b
        except socket.timeout:
            pass
        return out.decode("latin-1")

    cases = [
        (b"NOT HTTP\r\n\r\n", "400"),
        (b"GET / HTTP/1.1\r\nHost: x\r\nX: " + b"a" * 20000 + b"\r\n\r\n", "431"),
        (b"GET /v1/entries?start=" + b"1" * 9000 + b" HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", "414"),
        (b"PUT /v1/checkpoint HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", "405"),
        (b"GET /v1/entries/+1 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", "400"),
        (b"GET /v1/entries/01 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", "400"),
        (b"POST /v1/events HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", "400"),
        (b"POST /v1/events HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nContent-Length: 5\r\n\r\n0\r\n\r\n", "400"),
    ]
    good = 0
    for req, status in cases:
        out = raw(req)
        head = out.split("\r\n\r\n")[0].lower()
        if head.startswith("http/1.1 " + status) and "application/problem+json" in head:
            good += 1
        else:
            print("   ", req[:50], "->", head[:200])
    check(good == len(cases), f"framework errors and bad framing as problem+json: {good}/{len(cases)}")
    out = raw(b"GET /v1/feed HTTP/1.1\r\nHost: x\r\nLast-Event-ID: 18446744073709551615\r\n\r\n")
    check("caught-up" in out and "\nid: 0\n" not in out, "Last-Event-ID 2^64-1: empty history, no wrap")
    s.stop()

    # 6. A full disk (root: a 64 MiB tmpfs).
    if os.geteuid() == 0:
        mnt = os.path.join(tmp, "disk")
        os.makedirs(mnt)
        subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64m", "tmpfs", mnt], check=True)
        try:
            d2 = os.path.join(mnt, "data")
            shutil.copytree(data, d2)
            s = Server(d2)
            free = shutil.disk_usage(mnt).free
            with open(os.path.join(mnt, "ballast"), "wb") as f:
                f.write(b"\0" * (free - (2 << 20)))
            st, body = s.post(events[500])
            hz = json.loads(s.get("/healthz")[1])
            check(st == 503 and hz["status"] == "writes-stopped", f"append on a full disk: {st}; /healthz: {hz['status']} ({hz.get('detail', '')[:80]}...)")
            check(s.get("/v1/checkpoint")[0] == 200, "reads go on while the disk is full")
            check(any("writes stopped" in l for l in s.log), "the server logged it")
            os.remove(os.path.join(mnt, "ballast"))
            st2, _ = s.post(events[500])
            check(st2 == 201, f"space freed: the same append is accepted without a restart ({st2})")
            with open(os.path.join(mnt, "ballast"), "wb") as f:
                f.write(b"\0" * (shutil.disk_usage(mnt).free - (1 << 20)))
            s.stop()
            s = Server(d2)
            hz = json.loads(s.get("/healthz")[1])
            check(hz["status"] == "writes-stopped" and s.get("/v1/checkpoint")[0] == 200, f"restart on a full disk: serves reads, /healthz {hz['status']}")
            s.stop()
        finally:
            subprocess.run(["umount", "-l", mnt])
    shutil.rmtree(tmp, ignore_errors=True)
    if FAILED:
        print(f"{len(FAILED)} bound(s) did not hold")
        sys.exit(1)


if __name__ == "__main__":
    main()
