//! Hostile conditions against the real binary (issue 14; RELIABILITY.md states each bound):
//! a full disk under concurrent appends (on a small tmpfs: needs root, as CI has), slow and idle
//! connections, connection floods, stalled feed subscribers, and the framework's own errors.

mod common;

use common::*;
use serde_json::{json, Value};
use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// A tmpfs mounted for the test, unmounted when dropped.
struct Tmpfs(PathBuf);

impl Tmpfs {
    fn mount(dir: &Path, size: &str) -> Tmpfs {
        std::fs::create_dir_all(dir).unwrap();
        let o = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
            .arg(dir)
            .output()
            .expect("run mount");
        assert!(
            o.status.success(),
            "mounting a tmpfs needs root (CI runs as root): {}",
            String::from_utf8_lossy(&o.stderr)
        );
        Tmpfs(dir.to_owned())
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg("-l").arg(&self.0).status();
    }
}

fn party(id: &str) -> Value {
    // A long name makes each entry about 3 KB, so the disk fills in a few thousand appends.
    json!({"id": id, "type": "party.registered",
           "data": {"party_id": id, "name": format!("Party {id} {}", "x".repeat(2000))}})
}

fn health(http: &Http) -> Value {
    serde_json::from_str(&http.get("/healthz").1).unwrap()
}

/// Appends from `clients` threads until every one of them has been refused with 503 a few times
/// in a row; returns what was acknowledged (id, index, entry hash).
fn fill(
    url: &str,
    sec: &ledger_proof::SignerKey,
    clients: usize,
    tag: &str,
) -> Vec<(String, u64, String)> {
    let acked = Arc::new(Mutex::new(Vec::new()));
    let counter = Arc::new(AtomicU64::new(0));
    let mut threads = Vec::new();
    for c in 0..clients {
        let (url, sec, acked, counter, tag) = (
            url.to_owned(),
            sec.clone(),
            acked.clone(),
            counter.clone(),
            tag.to_owned(),
        );
        threads.push(std::thread::spawn(move || {
            let http = Http::new(&url);
            let mut refused = 0;
            while refused < 3 {
                let id = format!("{tag}-{c}-{}", counter.fetch_add(1, Ordering::Relaxed));
                let (s, body) = http.post(&envelope(&party(&id), &[&sec]));
                match s {
                    201 => {
                        refused = 0;
                        acked.lock().unwrap().push((
                            id,
                            body["index"].as_u64().unwrap(),
                            body["entry_hash"].as_str().unwrap().to_owned(),
                        ));
                    }
                    503 => {
                        assert_eq!(body["type"], "urn:dledger:problem:writes-stopped", "{body}");
                        refused += 1;
                    }
                    other => panic!("append answered {other}: {body}"),
                }
            }
        }));
    }
    for t in threads {
        t.join().unwrap();
    }
    Arc::try_unwrap(acked).unwrap().into_inner().unwrap()
}

fn check_acked(http: &Http, acked: &[(String, u64, String)]) {
    for (id, index, hash) in acked {
        let (s, body) = http.get(&format!("/v1/entries/{index}"));
        assert_eq!(s, 200, "acknowledged entry {index} ({id}) is gone: {body}");
        let v: Value = serde_json::from_str(&body).unwrap();
        let line = v["entry"].as_str().unwrap();
        assert_eq!(
            &hex(&ledger_proof::chain_hash(line.as_bytes())),
            hash,
            "entry {index} is not the one acknowledged"
        );
    }
}

#[test]
fn a_full_disk_stops_writes_keeps_reads_and_resumes_by_itself() {
    let tmp = tempfile::tempdir().unwrap();
    let mnt = Tmpfs::mount(&tmp.path().join("disk"), "24m");
    let data = mnt.0.join("data");
    let (admin, _) = init_ledger(&data, "diskfull.test/log");
    let sec = key("secretariat", 21);
    // Space to give back later.
    let ballast = mnt.0.join("ballast");
    std::fs::write(&ballast, vec![7u8; 6 << 20]).unwrap();

    let server = Server::start(&data);
    let http = Http::new(&server.url);
    let (s, body) = http.post(&envelope(
        &json!({"id": "k-sec", "type": "key.registered", "data": {"vkey": sec.verifier().to_string(), "role": "secretariat"}}),
        &[&admin],
    ));
    assert_eq!(s, 201, "{body}");

    // 1. Concurrent appends fill the disk: every append is then refused, nothing half-written.
    let mut acked = fill(&server.url, &sec, 6, "a");
    assert!(
        acked.len() > 100,
        "only {} appends before the disk filled",
        acked.len()
    );
    let h = health(&http);
    assert_eq!(h["status"], "writes-stopped", "{h}");
    assert!(h["detail"].as_str().unwrap().contains("full"), "{h}");
    let (s, _) = http.get("/v1/checkpoint");
    assert_eq!(s, 200, "reads go on while writes are stopped");
    let (_, metrics) = http.get("/metrics");
    assert!(metrics.contains("dledger_writes_stopped 1"), "{metrics}");
    let log = server.log_with("writes stopped");
    assert!(log.contains("writes stopped"), "{log}");
    check_acked(&http, &acked);
    let size_full = http.size();
    assert_eq!(
        size_full,
        acked.len() as u64 + 2,
        "genesis, key, and every acknowledged append"
    );

    // 2. Space comes back: the next append is accepted, without a restart.
    std::fs::remove_file(&ballast).unwrap();
    let (s, body) = http.post(&envelope(&party("after-free"), &[&sec]));
    assert_eq!(s, 201, "{body}");
    assert_eq!(
        body["index"].as_u64(),
        Some(size_full),
        "nothing written twice, no gap"
    );
    acked.push((
        "after-free".into(),
        size_full,
        body["entry_hash"].as_str().unwrap().into(),
    ));
    assert_eq!(health(&http)["status"], "ok");
    assert!(server.log_with("writes resumed").contains("writes resumed"));

    // 3. Full again, then a restart on the full disk: the server starts, serves reads, and
    //    says why it will not write.
    acked.extend(fill(&server.url, &sec, 3, "b"));
    let size = http.size();
    assert_eq!(
        server.stop().code(),
        Some(0),
        "a clean stop, even on a full disk"
    );
    let server = Server::start(&data);
    server.wait_ready();
    let http = Http::new(&server.url);
    assert_eq!(
        http.size(),
        size,
        "every acknowledged entry is there after the restart"
    );
    check_acked(&http, &acked);
    let h = health(&http);
    assert_eq!(h["status"], "writes-stopped", "{h}");
    let (s, body) = http.post(&envelope(&party("on-full-disk"), &[&sec]));
    assert_eq!(s, 503, "{body}");
    let log = server.log_with("serving reads only");
    assert!(log.contains("serving reads only"), "{log}");
    // The export of what is there verifies.
    let out = tmp.path().join("export");
    let o = dledger(&[
        "export",
        "--server",
        &server.url,
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let o = dledger(&["verify", out.to_str().unwrap()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    server.stop();
}

/// Reads a raw HTTP exchange until the server closes or `limit` passes.
fn read_until_close(s: &mut TcpStream, limit: Duration) -> (Vec<u8>, bool) {
    s.set_read_timeout(Some(limit)).unwrap();
    let mut out = Vec::new();
    let mut buf = [0u8; 4096];
    loop {
        match s.read(&mut buf) {
            Ok(0) => return (out, true),
            Ok(n) => out.extend_from_slice(&buf[..n]),
            Err(_) => return (out, false),
        }
    }
}

#[test]
fn slow_and_idle_connections_are_closed_and_floods_are_shed() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    init_ledger(&data, "hostile.test/log");
    let server = Server::start_with(
        &data,
        &[
            "--header-timeout",
            "1",
            "--body-timeout",
            "1",
            "--max-connections",
            "40",
            "--max-connections-per-client",
            "40",
        ],
    );
    let addr = server.url.trim_start_matches("http://").to_owned();

    // A partial head is closed after the header timeout.
    let mut s = TcpStream::connect(&addr).unwrap();
    s.write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\n")
        .unwrap();
    let t = Instant::now();
    let (_, closed) = read_until_close(&mut s, Duration::from_secs(5));
    assert!(
        closed && t.elapsed() < Duration::from_secs(4),
        "partial head held {:?}",
        t.elapsed()
    );

    // An idle keep-alive connection is closed after its response, within the same timeout.
    let mut s = TcpStream::connect(&addr).unwrap();
    s.write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
        .unwrap();
    let t = Instant::now();
    let (out, closed) = read_until_close(&mut s, Duration::from_secs(5));
    assert!(String::from_utf8_lossy(&out).starts_with("HTTP/1.1 200"));
    assert!(
        closed && t.elapsed() < Duration::from_secs(4),
        "idle connection held {:?}",
        t.elapsed()
    );

    // A partial body gets 408 problem+json after the body timeout.
    let mut s = TcpStream::connect(&addr).unwrap();
    s.write_all(b"POST /v1/events HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"payload").unwrap();
    let (out, _) = read_until_close(&mut s, Duration::from_secs(5));
    let text = String::from_utf8_lossy(&out);
    assert!(text.starts_with("HTTP/1.1 408"), "{text}");
    assert!(text.contains("application/problem+json"), "{text}");

    // A slowloris of twice the cap: /healthz still answers, other requests get 503 + Retry-After.
    let mut held = Vec::new();
    for _ in 0..80 {
        let mut s = TcpStream::connect(&addr).unwrap();
        s.write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\n")
            .unwrap();
        held.push(s);
    }
    std::thread::sleep(Duration::from_millis(200));
    let http = Http::new(&server.url);
    let t = Instant::now();
    let (s, body) = http.get("/healthz");
    assert_eq!(s, 200, "{body}");
    assert!(
        t.elapsed() < Duration::from_secs(1),
        "/healthz took {:?}",
        t.elapsed()
    );
    let mut s = TcpStream::connect(&addr).unwrap();
    s.write_all(b"GET /v1/checkpoint HTTP/1.1\r\nHost: x\r\n\r\n")
        .unwrap();
    let (out, _) = read_until_close(&mut s, Duration::from_secs(3));
    let text = String::from_utf8_lossy(&out).to_lowercase();
    assert!(text.starts_with("http/1.1 503"), "{text}");
    assert!(
        text.contains("retry-after: 1") && text.contains("application/problem+json"),
        "{text}"
    );
    drop(held);
    // Once the flood is gone, everything is served again.
    std::thread::sleep(Duration::from_millis(1500));
    assert_eq!(http.get("/v1/checkpoint").0, 200);
    let (_, metrics) = http.get("/metrics");
    let shed: f64 = metrics
        .lines()
        .find_map(|l| l.strip_prefix("dledger_connections_shed_total "))
        .unwrap()
        .parse()
        .unwrap();
    assert!(shed >= 40.0, "{metrics}");
    server.stop();
}

#[test]
fn strict_http_every_error_is_problem_json() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    init_ledger(&data, "strict.test/log");
    let server = Server::start(&data);
    let addr = server.url.trim_start_matches("http://").to_owned();
    let raw = |req: &[u8]| -> String {
        let mut s = TcpStream::connect(&addr).unwrap();
        s.write_all(req).unwrap();
        let (out, _) = read_until_close(&mut s, Duration::from_secs(3));
        String::from_utf8_lossy(&out).into_owned()
    };
    let cases: Vec<(Vec<u8>, &str)> = vec![
        (b"NOT HTTP AT ALL\r\n\r\n".to_vec(), "400"),
        (
            [b"GET / HTTP/1.1\r\nHost: x\r\nX-Big: ".as_slice(), &[b'a'; 20_000], b"\r\n\r\n"].concat(),
            "431",
        ),
        (
            [b"GET /v1/entries?start=".as_slice(), &[b'1'; 9000], b" HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"].concat(),
            "414",
        ),
        (b"DELETE /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".to_vec(), "405"),
        (b"GET /nowhere HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".to_vec(), "404"),
        (b"GET /v1/entries/+1 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".to_vec(), "400"),
        (b"GET /v1/entries/01 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".to_vec(), "400"),
        (b"GET /v1/meetings?limit=abc HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".to_vec(), "400"),
        (
            b"POST /v1/events HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nContent-Length: 5\r\n\r\n0\r\n\r\n".to_vec(),
            "400",
        ),
        (
            b"POST /v1/events HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n".to_vec(),
            "400",
        ),
    ];
    for (req, status) in cases {
        let out = raw(&req);
        let head = out.split("\r\n\r\n").next().unwrap_or("").to_lowercase();
        assert!(
            head.starts_with(&format!("http/1.1 {status}")),
            "{:?} answered {head}",
            String::from_utf8_lossy(&req[..req.len().min(60)])
        );
        assert!(
            head.contains("content-type: application/problem+json"),
            "{head}"
        );
        let body = out.split_once("\r\n\r\n").map(|x| x.1).unwrap_or("");
        let v: Value = serde_json::from_str(body).unwrap_or_else(|e| panic!("{e}: {body:?}"));
        assert_eq!(v["status"].to_string(), status, "{v}");
    }
    assert_eq!(Http::new(&server.url).size(), 1, "nothing was appended");

    // Last-Event-ID past the end: an empty history, then the caught-up marker; never a wrap.
    let mut s = TcpStream::connect(&addr).unwrap();
    s.write_all(b"GET /v1/feed HTTP/1.1\r\nHost: x\r\nLast-Event-ID: 18446744073709551615\r\n\r\n")
        .unwrap();
    s.set_read_timeout(Some(Duration::from_secs(3))).unwrap();
    let mut got = String::new();
    let mut buf = [0u8; 4096];
    while !got.contains("caught-up") {
        let n = s.read(&mut buf).unwrap();
        assert!(n > 0);
        got.push_str(&String::from_utf8_lossy(&buf[..n]));
    }
    assert!(got.starts_with("HTTP/1.1 200"), "{got}");
    assert!(
        !got.contains("ledger.genesis") && !got.contains("\nid: 0"),
        "{got}"
    );
    server.stop();
}

#[test]
fn feed_subscribers_are_capped_and_stalled_ones_dropped() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let (admin, _) = init_ledger(&data, "feed.test/log");
    let sec = key("secretariat", 22);
    let server = Server::start_with(&data, &["--max-subscribers", "5", "--write-timeout", "1"]);
    let http = Http::new(&server.url);
    let (s, body) = http.post(&envelope(
        &json!({"id": "k-sec", "type": "key.registered", "data": {"vkey": sec.verifier().to_string(), "role": "secretariat"}}),
        &[&admin],
    ));
    assert_eq!(s, 201, "{body}");
    let addr = server.url.trim_start_matches("http://").to_owned();
    let open = || {
        let mut s = TcpStream::connect(&addr).unwrap();
        s.write_all(b"GET /v1/feed HTTP/1.1\r\nHost: x\r\n\r\n")
            .unwrap();
        s
    };
    // Five subscribers that never read: the sixth is refused.
    let stalled: Vec<TcpStream> = (0..5).map(|_| open()).collect();
    std::thread::sleep(Duration::from_millis(300));
    let mut sixth = open();
    let (out, _) = read_until_close(&mut sixth, Duration::from_secs(3));
    let text = String::from_utf8_lossy(&out).to_lowercase();
    assert!(
        text.starts_with("http/1.1 503") && text.contains("retry-after"),
        "{text}"
    );
    let gauge = |http: &Http| -> i64 {
        let (_, m) = http.get("/metrics");
        m.lines()
            .find_map(|l| l.strip_prefix("dledger_feed_subscribers "))
            .unwrap()
            .parse()
            .unwrap()
    };
    assert_eq!(gauge(&http), 5);
    // A stalled subscriber is found out once the server has more to send than the sockets'
    // buffers hold: append large entries until all five are dropped by the write timeout.
    let t = Instant::now();
    let mut n = 0;
    while gauge(&http) > 0 {
        assert!(
            t.elapsed() < Duration::from_secs(120),
            "stalled subscribers were never dropped ({n} entries appended)"
        );
        for _ in 0..50 {
            let (s, body) = http.post(&envelope(&party(&format!("p{n}")), &[&sec]));
            assert_eq!(s, 201, "{body}");
            n += 1;
        }
    }
    drop(stalled);
    // A subscriber that reads is served, from the start.
    let mut s = open();
    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    let mut got = String::new();
    let mut buf = [0u8; 65536];
    while !got.contains("caught-up") {
        let n = s.read(&mut buf).unwrap();
        assert!(n > 0);
        got.push_str(&String::from_utf8_lossy(&buf[..n]));
    }
    assert!(got.contains("id: 0\n"), "the history starts at entry 0");
    server.stop();
}
