//! Tamper evidence, exhaustively: for a small export, every single-byte change of
//! `entries.jsonl` and of `checkpoint` (each position, each of the 255 other values) is detected
//! by the verifier. To keep it fast, the verifier's state after each line is kept, and a change
//! in line i re-verifies from line i (a sample is checked against the full `verify_export`).

use ledger_log::verify::{verify_export, Verifier};
use ledger_proof::{Envelope, SignerKey};
use ledger_store::{system_clock, Store};
use serde_json::json;

fn small_export() -> (Vec<u8>, String, SignerKey) {
    let dir = tempfile::tempdir().unwrap();
    let log = SignerKey::from_seed("tamper.test/log", [1; 32]).unwrap();
    let admin = SignerKey::from_seed("admin", [2; 32]).unwrap();
    let sec = SignerKey::from_seed("secretariat", [3; 32]).unwrap();
    let store = Store::open(dir.path(), log.clone(), system_clock()).unwrap();
    let mut events = vec![
        (
            json!({"id": "g", "type": "ledger.genesis", "data": {"origin": "tamper.test/log", "log_vkey": log.verifier().to_string(),
            "admin_vkey": admin.verifier().to_string(), "rules": "CP-11/4", "created_at": "2026-01-01T00:00:00Z"}}),
            admin.clone(),
        ),
        (
            json!({"id": "k", "type": "key.registered", "data": {"vkey": sec.verifier().to_string(), "role": "secretariat"}}),
            admin.clone(),
        ),
        (
            json!({"id": "p", "type": "party.registered", "data": {"party_id": "ke", "name": "Kenya", "region": "african", "protocol_party_since": "2003-09-11"}}),
            sec.clone(),
        ),
        (
            json!({"id": "b", "type": "body.registered", "data": {"body_id": "cp-mop", "name": "COP-MOP", "kind": "cop_mop"}}),
            sec.clone(),
        ),
        (
            json!({"id": "m", "type": "meeting.convened", "stream": "meeting/m", "expected_version": 0, "data": {"meeting_id": "m", "body_id": "cp-mop", "title": "t",
            "kind": "ordinary", "mode": "online", "opens_on": "2025-03-03", "closes_on": "2025-03-03"}}),
            sec.clone(),
        ),
    ];
    events.push((json!({"id": "s", "type": "session.held", "data": {"session_id": "s", "meeting_id": "m", "mode": "online",
        "started_at": "2025-03-03T12:00:00Z", "ended_at": "2025-03-03T13:00:00Z"}}), sec.clone()));
    for (ev, key) in &events {
        store
            .append_blocking(Envelope::sign(ev.to_string().as_bytes(), &[key]))
            .unwrap();
    }
    let r = store.reader();
    let p = r.published();
    let mut bytes = Vec::new();
    for l in r.entries(0, p.size).unwrap() {
        bytes.extend_from_slice(&l);
        bytes.push(b'\n');
    }
    (bytes, p.checkpoint, log)
}

#[test]
fn every_single_byte_change_is_detected() {
    let (entries, checkpoint, log) = small_export();
    let key = log.verifier();
    assert!(verify_export::<()>(&entries, &checkpoint, Some(&key), None).intact());
    // the verifier after each prefix of lines, and where each line starts
    let mut snapshots = vec![Verifier::<()>::new()];
    let mut starts = vec![0usize];
    for line in entries.strip_suffix(b"\n").unwrap().split(|b| *b == b'\n') {
        let mut v = snapshots.last().unwrap().clone();
        v.push_line(line).unwrap();
        snapshots.push(v);
        starts.push(starts.last().unwrap() + line.len() + 1);
    }
    let mut tried = 0u64;
    for pos in 0..entries.len() {
        let line_no = starts
            .iter()
            .rposition(|s| *s <= pos)
            .unwrap()
            .min(snapshots.len() - 2);
        for value in 0u8..=255 {
            if value == entries[pos] {
                continue;
            }
            let mut e = entries.clone();
            e[pos] = value;
            let tail = &e[starts[line_no]..];
            let detected = match tail.strip_suffix(b"\n") {
                None => true, // no final newline: refused as truncated
                Some(body) => {
                    let mut v = snapshots[line_no].clone();
                    let pushed = body
                        .split(|b| *b == b'\n')
                        .try_for_each(|l| v.push_line(l).map(|_| ()));
                    pushed.is_err() || !v.finish(&checkpoint, Some(&key), None).intact()
                }
            };
            assert!(
                detected,
                "entries.jsonl byte {pos} = {value:#x} (was {:?}) went unnoticed",
                entries[pos] as char
            );
            if tried % 997 == 0 {
                assert!(
                    !verify_export::<()>(&e, &checkpoint, Some(&key), None).intact(),
                    "the shortcut disagrees with verify_export at {pos}"
                );
            }
            tried += 1;
        }
    }
    let cp = checkpoint.as_bytes();
    for i in 0..cp.len() {
        for v in 0u8..=255 {
            if v == cp[i] {
                continue;
            }
            let mut c = cp.to_vec();
            c[i] = v;
            let text = String::from_utf8_lossy(&c);
            let report = snapshots
                .last()
                .unwrap()
                .clone()
                .finish(&text, Some(&key), None);
            assert!(
                !report.intact(),
                "checkpoint byte {i} = {v:#x} went unnoticed"
            );
            tried += 1;
        }
    }
    eprintln!(
        "{tried} single-byte changes tried ({} bytes of entries, {} of checkpoint), all detected",
        entries.len(),
        cp.len()
    );
}
