//! `dledger import` (contract §8) through the real binary: an export restored without the log key
//! is a read-only copy with the same checkpoint, proofs, streams and audit (appends: 405); with the
//! log key it takes appends again and its export still verifies; a directory holding a ledger, a
//! tampered export and a log key that is not the genesis' are refused with nothing written.

mod common;

use common::*;
use serde_json::{json, Value};
use std::path::Path;

/// A ledger of a little over 300 entries (more than one level-0 tile), served, then stopped;
/// returns its export directory and the source's audit.
fn source(dir: &Path) -> (std::path::PathBuf, Value) {
    let data = dir.join("src");
    let (admin, _) = init_ledger(&data, "import.test/log");
    let sec = key("secretariat", 21);
    let server = Server::start(&data);
    let http = Http::new(&server.url);
    let (s, b) = http.post(&envelope(&json!({"id": "k-sec", "type": "key.registered", "data": {"vkey": sec.verifier().to_string(), "role": "secretariat"}}), &[&admin]));
    assert_eq!(s, 201, "{b}");
    let (s, b) = http.post(&envelope(&json!({"id": "b", "type": "body.registered", "data": {"body_id": "cp-mop", "name": "COP-MOP", "kind": "cop_mop"}}), &[&sec]));
    assert_eq!(s, 201, "{b}");
    for i in 0..100 {
        let m = format!("m{i}");
        for ev in [
            json!({"id": format!("mc-{i}"), "type": "meeting.convened", "stream": format!("meeting/{m}"), "data": {"meeting_id": m, "body_id": "cp-mop", "title": "t", "kind": "ordinary", "mode": "online", "opens_on": "2025-03-03", "closes_on": "2025-03-05"}}),
            json!({"id": format!("sh-{i}"), "type": "session.held", "stream": format!("meeting/{m}"), "data": {"session_id": format!("{m}-s"), "meeting_id": m, "mode": "online", "started_at": "2025-03-03T12:00:00Z", "ended_at": "2025-03-03T14:00:00Z"}}),
            json!({"id": format!("da-{i}"), "type": "decision.adopted", "stream": format!("meeting/{m}"), "data": {"decision_id": format!("{m}-d"), "meeting_id": m, "title": "t", "category": "substantive", "via": {"session_id": format!("{m}-s")}, "method": "consensus", "adopted_at": "2025-03-03T13:00:00Z", "text_digest": format!("blake3:{}", "ab".repeat(32))}}),
        ] {
            let (s, b) = http.post(&envelope(&ev, &[&sec]));
            assert_eq!(s, 201, "{b}");
        }
    }
    server.wait_ready();
    let audit = getj(&http, "/v1/audit");
    assert!(server.stop().success());
    let export = dir.join("export");
    let o = dledger(&[
        "export",
        "--data",
        data.to_str().unwrap(),
        "--out",
        export.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    (export, audit)
}

fn getj(http: &Http, path: &str) -> Value {
    let (s, body) = http.get(path);
    assert_eq!(s, 200, "{path}: {body}");
    serde_json::from_str(&body).unwrap()
}

fn import(data: &Path, export: &Path, log_key: Option<&Path>) -> std::process::Output {
    let mut args = vec![
        "import",
        "--data",
        data.to_str().unwrap(),
        export.to_str().unwrap(),
    ];
    if let Some(k) = log_key {
        args.extend(["--log-key", k.to_str().unwrap()]);
    }
    dledger(&args)
}

#[test]
fn an_import_is_the_same_ledger_read_only_without_the_log_key_and_writable_with_it() {
    let dir = tempfile::tempdir().unwrap();
    let (export, audit) = source(dir.path());
    let checkpoint = std::fs::read_to_string(export.join("checkpoint")).unwrap();
    let size: u64 = checkpoint.lines().nth(1).unwrap().parse().unwrap();
    assert_eq!(size, 303);

    // without the log key: a read-only copy
    let copy = dir.path().join("copy");
    let o = import(&copy, &export, None);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(
        stdout(&o).contains("imported 303 entries"),
        "{}",
        stdout(&o)
    );
    assert!(stdout(&o).contains("read-only"), "{}", stdout(&o));
    let server = Server::start(&copy);
    server.wait_ready();
    let http = Http::new(&server.url);
    let (s, cp) = http.get("/v1/checkpoint");
    assert_eq!((s, cp.as_str()), (200, checkpoint.as_str()));
    assert_eq!(getj(&http, "/v1/audit"), audit);
    let stream = getj(&http, "/v1/streams/meeting%2Fm7");
    assert_eq!(stream["version"], 3, "{stream}");
    for index in [0u64, 1, 150, 255, 256, 302] {
        let e = getj(&http, &format!("/v1/entries/{index}"));
        let line = e["entry"].as_str().unwrap_or_else(|| panic!("{e}"));
        let proof: Vec<[u8; 32]> = e["inclusion_proof"]["hashes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|h| {
                ledger_proof::b64_decode(h.as_str().unwrap())
                    .unwrap()
                    .try_into()
                    .unwrap()
            })
            .collect();
        let root: [u8; 32] = ledger_proof::b64_decode(checkpoint.lines().nth(2).unwrap())
            .unwrap()
            .try_into()
            .unwrap();
        ledger_proof::verify_inclusion(
            index,
            size,
            &ledger_proof::leaf_hash(line.as_bytes()),
            &proof,
            &root,
        )
        .unwrap();
    }
    let late = json!({"id": "late", "type": "body.registered", "data": {"body_id": "sbstta", "name": "SBSTTA", "kind": "subsidiary_body"}});
    let (s, body) = http.post(&envelope(&late, &[&key("secretariat", 21)]));
    assert_eq!(s, 405, "{body}");
    assert!(server.stop().success());

    // a directory that holds a ledger is refused
    let o = import(&copy, &export, None);
    assert!(!o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("already holds a ledger"));

    // with the log key: appends again, and its export verifies under the same log key
    let writable = dir.path().join("writable");
    let skey = dir.path().join("src/keys/log.skey");
    let o = import(&writable, &export, Some(&skey));
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let server = Server::start(&writable);
    let http = Http::new(&server.url);
    let (s, body) = http.post(&envelope(&late, &[&key("secretariat", 21)]));
    assert_eq!(s, 201, "{body}");
    assert_eq!(body["index"], 303);
    assert!(server.stop().success());
    let again = dir.path().join("export-again");
    let o = dledger(&[
        "export",
        "--data",
        writable.to_str().unwrap(),
        "--out",
        again.to_str().unwrap(),
    ]);
    assert!(o.status.success());
    let vkey = std::fs::read_to_string(dir.path().join("src/keys/log.vkey")).unwrap();
    let o = dledger(&["verify", again.to_str().unwrap(), "--log-vkey", vkey.trim()]);
    assert!(o.status.success(), "{}", stdout(&o));
    assert!(stdout(&o).contains("intact: 304 entries"), "{}", stdout(&o));
}

#[test]
fn a_bad_export_or_a_foreign_log_key_imports_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let (export, _) = source(dir.path());
    // one byte changed in entry 200 (its recorded_at)
    let tampered = dir.path().join("tampered");
    std::fs::create_dir_all(&tampered).unwrap();
    for f in ["checkpoint", "log.vkey"] {
        std::fs::copy(export.join(f), tampered.join(f)).unwrap();
    }
    let text = std::fs::read_to_string(export.join("entries.jsonl")).unwrap();
    let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
    lines[200] = lines[200].replacen("\"recorded_at\":\"20", "\"recorded_at\":\"21", 1);
    std::fs::write(tampered.join("entries.jsonl"), lines.join("\n") + "\n").unwrap();
    let target = dir.path().join("t1");
    let o = import(&target, &tampered, None);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    // line 200 still reads as an entry (recorded_at is not signed), but the chain breaks after it
    assert!(
        err.contains("entry 201: prev is not the BLAKE3 hash"),
        "{err}"
    );
    assert!(!target.exists(), "a failed import leaves nothing behind");

    // a log key that is not the genesis' log key
    let other = dir.path().join("other.skey");
    let o = dledger(&[
        "keygen",
        "--name",
        "import.test/log",
        "--out",
        other.to_str().unwrap(),
    ]);
    assert!(o.status.success());
    let target = dir.path().join("t2");
    let o = import(&target, &export, Some(&other));
    assert!(!o.status.success());
    assert!(!target.exists());
}
