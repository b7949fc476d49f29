//! Snapshots of derived state (admission state, projections) through the real binary: with a
//! snapshot written every few entries, `SIGKILL` lands during snapshot writes; after every
//! restart nothing acknowledged is lost and the server's audit equals the offline audit of its
//! export (the projections restored from a snapshot are the projections of the log). A damaged
//! snapshot, one written by another build and one of another log are discarded, said so in the
//! log output, and rebuilt from the log. `DLEDGER_SNAPSHOT_CYCLES` sets the kill cycles (default 6).

mod common;

use common::*;
use serde_json::{json, Value};
use std::path::Path;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

const EVERY: (&str, &str) = ("DLEDGER_SNAPSHOT_EVERY", "5");

/// Events that raise findings (an online meeting with a substantive decision and no
/// determination), so that the projections hold something to get wrong.
fn events(i: u64) -> Vec<Value> {
    let m = format!("m{i}");
    vec![
        json!({"id": format!("mc-{i}"), "type": "meeting.convened", "stream": format!("meeting/{m}"), "data": {"meeting_id": m, "body_id": "cp-mop", "title": "t", "kind": "ordinary", "mode": "online", "opens_on": "2025-03-03", "closes_on": "2025-03-05"}}),
        json!({"id": format!("sh-{i}"), "type": "session.held", "stream": format!("meeting/{m}"), "data": {"session_id": format!("{m}-s"), "meeting_id": m, "mode": "online", "started_at": "2025-03-03T12:00:00Z", "ended_at": "2025-03-03T14:00:00Z"}}),
        json!({"id": format!("da-{i}"), "type": "decision.adopted", "stream": format!("meeting/{m}"), "data": {"decision_id": format!("{m}-d"), "meeting_id": m, "title": "t", "category": "substantive", "via": {"session_id": format!("{m}-s")}, "method": "consensus", "adopted_at": "2025-03-03T13:00:00Z", "text_digest": format!("blake3:{}", "ab".repeat(32))}}),
        json!({"id": format!("pu-{i}"), "type": "party.updated", "data": {"party_id": format!("p{}", i % 3), "protocol_party_since": format!("20{:02}-01-01", 3 + i % 25)}}),
    ]
}

fn init(data: &Path) -> (ledger_proof::SignerKey, ledger_proof::SignerKey) {
    let (admin, _) = init_ledger(data, "snap.test/log");
    (admin, key("secretariat", 11))
}

fn setup(http: &Http, admin: &ledger_proof::SignerKey, sec: &ledger_proof::SignerKey) {
    let (s, body) = http.post(&envelope(&json!({"id": "k-sec", "type": "key.registered", "data": {"vkey": sec.verifier().to_string(), "role": "secretariat"}}), &[admin]));
    assert_eq!(s, 201, "{body}");
    for p in 0..3 {
        let (s, body) = http.post(&envelope(&json!({"id": format!("pr-{p}"), "type": "party.registered", "data": {"party_id": format!("p{p}"), "name": "P", "region": "african", "protocol_party_since": "2003-09-11"}}), &[sec]));
        assert_eq!(s, 201, "{body}");
    }
    let (s, body) = http.post(&envelope(&json!({"id": "b", "type": "body.registered", "data": {"body_id": "cp-mop", "name": "COP-MOP", "kind": "cop_mop"}}), &[sec]));
    assert_eq!(s, 201, "{body}");
}

/// The server's `/v1/audit` equals `dledger audit --json` of its export (a full evaluation).
fn audit_matches_offline(http: &Http, server: &Server, dir: &Path, tag: &str) {
    let exp = dir.join(format!("export-{tag}"));
    let o = dledger(&[
        "export",
        "--server",
        &server.url,
        "--out",
        exp.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let o = dledger(&["audit", exp.to_str().unwrap(), "--json"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let offline: Value = serde_json::from_str(&stdout(&o)).unwrap();
    let (s, online) = http.get("/v1/audit");
    assert_eq!(s, 200);
    let online: Value = serde_json::from_str(&online).unwrap();
    assert!(offline["findings"]
        .as_array()
        .is_some_and(|f| !f.is_empty()));
    assert_eq!(
        online, offline,
        "{tag}: the server's projections are not the log's"
    );
    let _ = std::fs::remove_dir_all(&exp);
}

#[test]
fn sigkill_during_snapshot_writes_loses_nothing_and_restores_the_same_projections() {
    let cycles: usize = env_or("DLEDGER_SNAPSHOT_CYCLES", 6);
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let (admin, sec) = init(&data);
    let acked: Arc<Mutex<Vec<(u64, String)>>> = Arc::default();
    let counter = Arc::new(AtomicU64::new(0));
    let mut restored = 0;
    let mut rng = 0x9e37_79b9_7f4a_7c15u64;
    for cycle in 0..cycles {
        let server = Server::start_env(&data, &[], &[EVERY]);
        server.wait_ready();
        let http = Http::new(&server.url);
        if cycle == 0 {
            setup(&http, &admin, &sec);
        }
        let stop = Arc::new(AtomicBool::new(false));
        let mut clients = Vec::new();
        for _ in 0..4 {
            let (url, sec, acked, counter, stop) = (
                server.url.clone(),
                sec.clone(),
                acked.clone(),
                counter.clone(),
                stop.clone(),
            );
            clients.push(std::thread::spawn(move || {
                let http = Http::new(&url);
                while !stop.load(Ordering::SeqCst) {
                    let i = counter.fetch_add(1, Ordering::SeqCst);
                    for ev in events(i) {
                        match http.try_post(&envelope(&ev, &[&sec])) {
                            Some((201, ack)) => acked.lock().unwrap().push((
                                ack["index"].as_u64().unwrap(),
                                ack["entry_hash"].as_str().unwrap().to_owned(),
                            )),
                            Some((s, body)) => panic!("unexpected {s} {body}"),
                            None => return, // the server died: the rest of this meeting is never sent
                        }
                    }
                }
            }));
        }
        rng ^= rng << 13;
        rng ^= rng >> 7;
        rng ^= rng << 17;
        std::thread::sleep(std::time::Duration::from_millis(100 + rng % 500));
        server.kill(); // SIGKILL, very likely during a snapshot write (one every 5 entries)
        stop.store(true, Ordering::SeqCst);
        for c in clients {
            c.join().unwrap();
        }

        let server = Server::start_env(&data, &[], &[EVERY]);
        server.wait_ready();
        let http = Http::new(&server.url);
        let lines = http.all_lines();
        for (index, hash) in acked.lock().unwrap().iter() {
            let line = lines
                .get(*index as usize)
                .unwrap_or_else(|| panic!("acknowledged entry {index} is lost"));
            assert_eq!(
                &hex(blake3::hash(line.as_bytes()).as_bytes()),
                hash,
                "entry {index} changed"
            );
        }
        audit_matches_offline(&http, &server, tmp.path(), &cycle.to_string());
        let log = server.log_text();
        assert!(!log.contains("discarded"), "cycle {cycle}: {log}");
        if log.contains("restored from their snapshot") {
            restored += 1;
        }
        eprintln!(
            "cycle {cycle}: {} acknowledged, log size {}",
            acked.lock().unwrap().len(),
            lines.len()
        );
        server.kill();
    }
    assert!(
        restored > 0,
        "no restart used a snapshot: the test did not test snapshots"
    );
}

#[test]
fn damaged_foreign_and_other_log_snapshots_are_discarded_and_rebuilt() {
    let tmp = tempfile::tempdir().unwrap();
    // Two ledgers of the same size with different entries.
    let mut dirs = Vec::new();
    for (n, name) in [(0u64, "a"), (100, "b")] {
        let data = tmp.path().join(name);
        let (admin, sec) = init(&data);
        let server = Server::start_env(&data, &[], &[EVERY]);
        server.wait_ready();
        let http = Http::new(&server.url);
        setup(&http, &admin, &sec);
        for i in n..n + 3 {
            for ev in events(i) {
                let (s, body) = http.post(&envelope(&ev, &[&sec]));
                assert_eq!(s, 201, "{body}");
            }
        }
        assert_eq!(server.stop().code(), Some(0));
        let derived = data.join("db.derived");
        for kind in ["admission", "projections"] {
            assert!(
                derived.join(format!("{kind}.snapshot")).exists(),
                "no {kind} snapshot after a clean stop"
            );
        }
        dirs.push(data);
    }
    let (a, b) = (&dirs[0], &dirs[1]);

    // A clean restart uses both snapshots and replays nothing.
    let server = Server::start(a);
    server.wait_ready();
    let log = server.log_with("projections restored");
    assert!(
        log.contains("admission state restored from its snapshot"),
        "{log}"
    );
    assert!(
        log.contains("projections restored from their snapshot"),
        "{log}"
    );
    assert!(server.stop().success());

    // Damaged: one byte of the projections' body flipped; foreign: the admission shape edited.
    let derived = a.join("db.derived");
    let p = derived.join("projections.snapshot");
    let mut bytes = std::fs::read(&p).unwrap();
    let last = bytes.len() - 1;
    bytes[last] ^= 1;
    std::fs::write(&p, bytes).unwrap();
    let p = derived.join("admission.snapshot");
    let text = std::fs::read(&p).unwrap();
    let pos = text
        .windows(8)
        .position(|w| w == b"/v1/0.1.")
        .expect("the shape names the version");
    let mut edited = text.clone();
    edited[pos + 2] = b'9';
    std::fs::write(&p, edited).unwrap();
    let server = Server::start(a);
    server.wait_ready();
    let http = Http::new(&server.url);
    let log = server.log_with("projection snapshot discarded");
    assert!(
        log.contains("projection snapshot discarded (its body does not match its checksum)"),
        "{log}"
    );
    assert!(
        log.contains("admission snapshot discarded (it was written by another build"),
        "{log}"
    );
    audit_matches_offline(&http, &server, tmp.path(), "damaged");
    assert!(server.stop().success());

    // Another log's snapshots, of the same size: their root is not this log's.
    let size_a = std::fs::read(a.join("db.derived/admission.snapshot")).unwrap();
    std::fs::copy(
        b.join("db.derived/admission.snapshot"),
        a.join("db.derived/admission.snapshot"),
    )
    .unwrap();
    std::fs::copy(
        b.join("db.derived/projections.snapshot"),
        a.join("db.derived/projections.snapshot"),
    )
    .unwrap();
    assert_ne!(
        size_a,
        std::fs::read(a.join("db.derived/admission.snapshot")).unwrap()
    );
    let server = Server::start(a);
    server.wait_ready();
    let http = Http::new(&server.url);
    let log = server.log_with("projection snapshot discarded");
    assert!(
        log.contains("admission snapshot discarded (its root is not the log's root"),
        "{log}"
    );
    assert!(
        log.contains("projection snapshot discarded (its root is not the log's root"),
        "{log}"
    );
    audit_matches_offline(&http, &server, tmp.path(), "other-log");
    // What was discarded is rewritten at the clean stop, and used again.
    assert!(server.stop().success());
    let server = Server::start(a);
    server.wait_ready();
    let log = server.log_with("projections restored from their snapshot");
    assert!(
        log.contains("projections restored from their snapshot"),
        "{log}"
    );
    server.kill();
}
