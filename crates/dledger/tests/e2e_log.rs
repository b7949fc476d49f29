//! End to end through the real binary: init, keys of each role, appends over HTTP, the statuses of
//! contract §7 for each refusal (with the log size unchanged), export, offline verify, tampering,
//! and a restart that continues the chain and the tree.

mod common;

use common::*;
use ledger_proof::{b64_decode, leaf_hash, verify_inclusion, Checkpoint, Envelope, VerifierKey};
use serde_json::{json, Value};
use std::path::Path;

fn ev(id: &str, ty: &str, data: Value) -> Value {
    json!({"id": id, "type": ty, "data": data})
}

fn assert_ack_verifies(ack: &Value, log_key: &VerifierKey) {
    let line = ack["entry"].as_str().unwrap();
    let cp = Checkpoint::parse_verified(ack["checkpoint"].as_str().unwrap(), log_key).unwrap();
    let proof = &ack["inclusion_proof"];
    assert_eq!(proof["size"].as_u64().unwrap(), cp.size);
    assert_eq!(proof["index"], ack["index"]);
    let hashes: Vec<[u8; 32]> = proof["hashes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| b64_decode(h.as_str().unwrap()).unwrap().try_into().unwrap())
        .collect();
    verify_inclusion(
        ack["index"].as_u64().unwrap(),
        cp.size,
        &leaf_hash(line.as_bytes()),
        &hashes,
        &cp.root,
    )
    .expect("the ack's inclusion proof verifies against the ack's checkpoint");
    assert_eq!(
        ack["entry_hash"].as_str().unwrap(),
        hex(blake3::hash(line.as_bytes()).as_bytes())
    );
}

/// Refusal: the status, the problem+json body, and no write.
fn refused(http: &Http, env: &Envelope, status: u16, needle: &str) {
    let before = http.size();
    let (s, body) = http.post(env);
    assert_eq!(s, status, "expected {status}, got {s}: {body}");
    assert!(
        body["detail"].as_str().unwrap_or("").contains(needle),
        "detail {body} lacks {needle:?}"
    );
    assert_eq!(body["status"].as_u64(), Some(status as u64));
    assert_eq!(http.size(), before, "a refused append changed the log size");
}

fn verify_dir(dir: &Path, vkey: Option<&str>) -> (i32, String) {
    let mut args = vec!["verify", dir.to_str().unwrap()];
    if let Some(k) = vkey {
        args.extend(["--log-vkey", k]);
    }
    let o = dledger(&args);
    (
        o.status.code().unwrap(),
        format!("{}{}", stdout(&o), String::from_utf8_lossy(&o.stderr)),
    )
}

#[test]
fn the_whole_life_of_a_ledger() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let o = dledger(&[
        "init",
        "--data",
        data.to_str().unwrap(),
        "--origin",
        "test.example/cp-mop",
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    // init refuses a directory that already holds a ledger
    let again = dledger(&[
        "init",
        "--data",
        data.to_str().unwrap(),
        "--origin",
        "test.example/cp-mop",
    ]);
    assert_eq!(again.status.code(), Some(2));

    let admin = read_key(&data.join("keys/admin.skey"));
    let log_vkey_text = std::fs::read_to_string(data.join("keys/log.vkey")).unwrap();
    let log_key = VerifierKey::parse(&log_vkey_text).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(data.join("keys/log.skey"))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600);
    }

    let server = Server::start(&data);
    let http = Http::new(&server.url);
    assert_eq!(http.size(), 1, "genesis only");
    let (_, vk) = http.get("/v1/log-key");
    assert_eq!(vk.trim(), log_vkey_text.trim());

    let sec = key("secretariat", 1);
    let party_a = key("party-a", 2);
    let member = key("bureau-m1", 3);
    let party_b = key("party-b", 4);
    let stranger = key("stranger", 5);

    let post_ok = |event: Value, keys: &[&ledger_proof::SignerKey]| -> Value {
        let (s, ack) = http.post(&envelope(&event, keys));
        assert_eq!(s, 201, "{event}: {ack}");
        assert_ack_verifies(&ack, &log_key);
        ack
    };

    post_ok(
        ev(
            "k-sec",
            "key.registered",
            json!({"vkey": sec.verifier().to_string(), "role": "secretariat"}),
        ),
        &[&admin],
    );
    post_ok(
        ev(
            "p-a",
            "party.registered",
            json!({"party_id": "party-a", "name": "Party A", "region": "african", "protocol_party_since": "2003-09-11"}),
        ),
        &[&sec],
    );
    post_ok(
        ev(
            "p-b",
            "party.registered",
            json!({"party_id": "party-b", "name": "Party B", "region": "asia_pacific", "protocol_party_since": "2004-01-01"}),
        ),
        &[&sec],
    );
    post_ok(
        ev(
            "b-cop",
            "body.registered",
            json!({"body_id": "cp-mop", "name": "COP-MOP", "kind": "cop_mop"}),
        ),
        &[&sec],
    );
    post_ok(
        ev(
            "b-bur",
            "body.registered",
            json!({"body_id": "cp-bureau", "name": "COP-MOP Bureau", "kind": "bureau", "parent_id": "cp-mop"}),
        ),
        &[&sec],
    );
    post_ok(
        ev(
            "elect",
            "bureau.elected",
            json!({"bureau_id": "cp-bureau", "of_body_id": "cp-mop", "term_start": "2024-11-01",
            "members": [{"member_id": "m1", "party_id": "party-a", "name": "A. Member", "role": "vice_president", "rapporteur": false, "region": "african"}]}),
        ),
        &[&sec],
    );
    post_ok(
        ev(
            "k-pa",
            "key.registered",
            json!({"vkey": party_a.verifier().to_string(), "role": "party", "party_id": "party-a"}),
        ),
        &[&admin],
    );
    post_ok(
        ev(
            "k-m1",
            "key.registered",
            json!({"vkey": member.verifier().to_string(), "role": "bureau_member", "bureau_id": "cp-bureau", "member_id": "m1"}),
        ),
        &[&admin],
    );
    post_ok(
        ev(
            "k-pb",
            "key.registered",
            json!({"vkey": party_b.verifier().to_string(), "role": "party", "party_id": "party-b"}),
        ),
        &[&admin],
    );

    // Each role within its rights.
    let regional = ev(
        "c-afr",
        "consultation.opened",
        json!({"consultation_id": "c-afr", "kind": "regional", "region": "african",
        "subject": {"kind": "silence_procedure", "procedure_id": "sp-1"}, "opened_at": "2025-01-10T10:00:00Z"}),
    );
    post_ok(regional, &[&member]);
    post_ok(
        ev(
            "c-afr-r",
            "consultation.response",
            json!({"consultation_id": "c-afr", "party_id": "party-a", "position": "support", "responded_at": "2025-01-11T10:00:00Z"}),
        ),
        &[&party_a],
    );

    // 403: each role outside its rights, log size unchanged.
    refused(
        &http,
        &envelope(
            &ev(
                "x1",
                "consultation.response",
                json!({"consultation_id": "c-afr", "party_id": "party-b", "position": "object", "responded_at": "2025-01-11T10:00:00Z"}),
            ),
            &[&party_a],
        ),
        403,
        "party",
    );
    refused(
        &http,
        &envelope(
            &ev(
                "x2",
                "meeting.convened",
                json!({"meeting_id": "m", "body_id": "cp-mop", "title": "t", "kind": "ordinary", "mode": "online", "opens_on": "2025-01-01", "closes_on": "2025-01-02"}),
            ),
            &[&party_a],
        ),
        403,
        "meeting.convened",
    );
    refused(
        &http,
        &envelope(
            &ev(
                "x3",
                "key.registered",
                json!({"vkey": stranger.verifier().to_string(), "role": "secretariat"}),
            ),
            &[&sec],
        ),
        403,
        "admin",
    );
    refused(
        &http,
        &envelope(
            &ev(
                "x4",
                "party.registered",
                json!({"party_id": "party-c", "name": "C"}),
            ),
            &[&admin],
        ),
        403,
        "secretariat",
    );
    refused(
        &http,
        &envelope(
            &ev(
                "x5",
                "consultation.opened",
                json!({"consultation_id": "c-ap", "kind": "regional", "region": "asia_pacific",
        "subject": {"kind": "other"}, "opened_at": "2025-01-10T10:00:00Z"}),
            ),
            &[&member],
        ),
        403,
        "region",
    );
    refused(
        &http,
        &envelope(
            &ev(
                "x6",
                "session.held",
                json!({"session_id": "s", "meeting_id": "m", "mode": "online", "started_at": "2025-01-01T10:00:00Z", "ended_at": "2025-01-01T11:00:00Z"}),
            ),
            &[&member],
        ),
        403,
        "secretariat",
    );

    // 401: unknown key, bad signature, no signature, revoked key.
    let fine = ev(
        "y1",
        "party.registered",
        json!({"party_id": "party-c", "name": "Party C"}),
    );
    refused(&http, &envelope(&fine, &[&stranger]), 401, "not registered");
    let mut bad_sig = envelope(&fine, &[&sec]);
    let other = envelope(
        &ev(
            "y1",
            "party.registered",
            json!({"party_id": "party-d", "name": "Party D"}),
        ),
        &[&sec],
    );
    bad_sig.signatures[0].sig = other.signatures[0].sig.clone();
    refused(&http, &bad_sig, 401, "does not verify");
    let mut unsigned = envelope(&fine, &[&sec]);
    unsigned.signatures.clear();
    refused(&http, &unsigned, 401, "no signature");
    post_ok(
        ev(
            "rev-pb",
            "key.revoked",
            json!({"key_id": party_b.key_id(), "reason": "focal point changed", "effective_at": "2025-01-12T00:00:00Z"}),
        ),
        &[&admin],
    );
    refused(
        &http,
        &envelope(
            &ev(
                "y2",
                "consultation.response",
                json!({"consultation_id": "c-afr", "party_id": "party-b", "position": "object", "responded_at": "2025-01-11T10:00:00Z"}),
            ),
            &[&party_b],
        ),
        401,
        "revoked",
    );

    // 422: a dangling reference, a schema error; 409: a second thing with the same id.
    refused(
        &http,
        &envelope(
            &ev(
                "z1",
                "session.held",
                json!({"session_id": "s1", "meeting_id": "no-such-meeting", "mode": "online", "started_at": "2025-01-01T10:00:00Z", "ended_at": "2025-01-01T11:00:00Z"}),
            ),
            &[&sec],
        ),
        422,
        "no-such-meeting",
    );
    refused(
        &http,
        &envelope(
            &ev(
                "z2",
                "party.registered",
                json!({"party_id": "party-c", "name": "C", "region": "atlantis"}),
            ),
            &[&sec],
        ),
        422,
        "region",
    );
    refused(
        &http,
        &envelope(
            &ev(
                "z3",
                "party.registered",
                json!({"party_id": "party-a", "name": "again"}),
            ),
            &[&sec],
        ),
        409,
        "party-a",
    );

    // Idempotency: identical envelope -> 200 with the same entry; same id, other payload -> 409.
    let once = envelope(
        &ev(
            "idem",
            "party.registered",
            json!({"party_id": "party-c", "name": "Party C"}),
        ),
        &[&sec],
    );
    let (s1, a1) = http.post(&once);
    assert_eq!(s1, 201);
    let (s2, a2) = http.post(&once);
    assert_eq!(s2, 200, "{a2}");
    assert_eq!(a1["index"], a2["index"]);
    assert_eq!(a1["entry"], a2["entry"]);
    assert_ack_verifies(&a2, &log_key);
    refused(
        &http,
        &envelope(
            &ev(
                "idem",
                "party.registered",
                json!({"party_id": "party-e", "name": "Party E"}),
            ),
            &[&sec],
        ),
        409,
        "idem",
    );

    // expected_version: 409 with expected and actual.
    let streamed = |id: &str, v: u64, party: &str| {
        json!({"id": id, "type": "party.registered", "stream": "registry", "expected_version": v,
        "data": {"party_id": party, "name": party}})
    };
    let (s, _) = http.post(&envelope(&streamed("sv1", 0, "party-f"), &[&sec]));
    assert_eq!(s, 201);
    let before = http.size();
    let (s, body) = http.post(&envelope(&streamed("sv2", 0, "party-g"), &[&sec]));
    assert_eq!(
        (s, body["expected"].as_u64(), body["actual"].as_u64()),
        (409, Some(0), Some(1)),
        "{body}"
    );
    assert_eq!(http.size(), before);

    // The CLI signs and submits, and checks the acknowledgement itself.
    let sec_file = tmp.path().join("sec.skey");
    std::fs::write(&sec_file, format!("{sec}\n")).unwrap();
    let ev_file = tmp.path().join("event.json");
    std::fs::write(&ev_file, ev("cli-1", "body.registered", json!({"body_id": "sbstta", "name": "SBSTTA", "kind": "subsidiary_body", "parent_id": "cp-mop"})).to_string()).unwrap();
    let o = dledger(&[
        "submit",
        "--server",
        &server.url,
        "--key",
        sec_file.to_str().unwrap(),
        ev_file.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let ack: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_ack_verifies(&ack, &log_key);

    // Export over HTTP, verify against the trust anchor.
    let exp = tmp.path().join("export-http");
    let o = dledger(&[
        "export",
        "--server",
        &server.url,
        "--out",
        exp.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let (code, out) = verify_dir(&exp, Some(log_vkey_text.trim()));
    assert_eq!(code, 0, "{out}");
    let (code, out) = verify_dir(&exp, None);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("self-consistent"), "{out}");
    let wrong = key("test.example/cp-mop", 9).verifier().to_string();
    let (code, out) = verify_dir(&exp, Some(&wrong));
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("checkpoint:"), "{out}");

    // Restart: SIGTERM stops cleanly; the chain and the tree continue.
    let size_before = http.size();
    assert_eq!(server.stop().code(), Some(0));
    let o = dledger(&[
        "export",
        "--data",
        data.to_str().unwrap(),
        "--out",
        tmp.path().join("export-local").to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(
        std::fs::read(exp.join("entries.jsonl")).unwrap(),
        std::fs::read(tmp.path().join("export-local/entries.jsonl")).unwrap()
    );
    let server = Server::start(&data);
    let http = Http::new(&server.url);
    assert_eq!(http.size(), size_before);
    let (s, ack) = http.post(&envelope(
        &ev(
            "after-restart",
            "party.registered",
            json!({"party_id": "party-h", "name": "Party H"}),
        ),
        &[&sec],
    ));
    assert_eq!(s, 201, "{ack}");
    assert_eq!(ack["index"].as_u64(), Some(size_before));
    assert_ack_verifies(&ack, &log_key);
    let (s, cons) = http.get(&format!(
        "/v1/proofs/consistency?from={size_before}&to={}",
        size_before + 1
    ));
    assert_eq!(s, 200, "{cons}");
    let exp2 = tmp.path().join("export-2");
    let o = dledger(&[
        "export",
        "--server",
        &server.url,
        "--out",
        exp2.to_str().unwrap(),
    ]);
    assert!(o.status.success());
    let o = dledger(&[
        "verify",
        exp2.to_str().unwrap(),
        "--log-vkey",
        log_vkey_text.trim(),
        "--since",
        exp.join("checkpoint").to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    server.kill();

    tamper_suite(&exp, log_vkey_text.trim());

    // Keep the final export for the independent verifier that .ci/run runs (written from the
    // contract alone, in Python).
    let keep = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("e2e-export");
    let _ = std::fs::remove_dir_all(&keep);
    copy_export(&exp2, &keep);
}

fn copy_export(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for f in ["entries.jsonl", "checkpoint", "log.vkey"] {
        std::fs::copy(from.join(f), to.join(f)).unwrap();
    }
}

/// Every kind of tampering is caught, and the message names the place.
fn tamper_suite(exp: &Path, vkey: &str) {
    let original = std::fs::read(exp.join("entries.jsonl")).unwrap();
    let lines: Vec<&[u8]> = original
        .strip_suffix(b"\n")
        .unwrap()
        .split(|b| *b == b'\n')
        .collect();
    let n = lines.len();
    assert!(n > 10);
    let join = |ls: &[&[u8]]| {
        let mut v = ls.join(&b'\n');
        v.push(b'\n');
        v
    };
    let cases: Vec<(&str, Vec<u8>, String)> = {
        let mut c = Vec::new();
        // one byte changed in several places of several lines
        for (line_no, offset) in [
            (0usize, 12usize),
            (3, 20),
            (5, 60),
            (7, 150),
            (n - 1, 30),
            (n - 1, lines[n - 1].len() - 5),
        ] {
            let mut m: Vec<Vec<u8>> = lines.iter().map(|l| l.to_vec()).collect();
            let b = &mut m[line_no][offset];
            *b = if *b == b'A' { b'B' } else { b'A' };
            let refs: Vec<&[u8]> = m.iter().map(|l| l.as_slice()).collect();
            c.push(("byte changed", join(&refs), format!("entry {line_no}:")));
        }
        let mut dropped = lines.clone();
        dropped.remove(4);
        c.push(("line dropped", join(&dropped), "entry 4:".to_string()));
        let mut swapped = lines.clone();
        swapped.swap(5, 6);
        c.push(("lines swapped", join(&swapped), "entry 5:".to_string()));
        c.push((
            "last line dropped",
            join(&lines[..n - 1]),
            "checkpoint:".to_string(),
        ));
        c.push((
            "truncated mid-line",
            original[..original.len() - 40].to_vec(),
            format!("entry {}:", n - 1),
        ));
        c.push((
            "final newline cut",
            original[..original.len() - 1].to_vec(),
            format!("entry {}:", n - 1),
        ));
        let spaced = String::from_utf8(lines[2].to_vec())
            .unwrap()
            .replacen(",", ", ", 1);
        let mut sp = lines.clone();
        sp[2] = spaced.as_bytes();
        c.push(("non-canonical spacing", join(&sp), "entry 2:".to_string()));
        c
    };
    for (what, bytes, needle) in cases {
        let dir = tempfile::tempdir().unwrap();
        copy_export(exp, dir.path());
        std::fs::write(dir.path().join("entries.jsonl"), bytes).unwrap();
        let (code, out) = verify_dir(dir.path(), Some(vkey));
        assert_eq!(code, 1, "{what}: verify exited {code}: {out}");
        assert!(
            out.contains(&needle),
            "{what}: output does not name {needle:?}: {out}"
        );
    }
    // the checkpoint altered: size, root, signature
    let cp = std::fs::read_to_string(exp.join("checkpoint")).unwrap();
    let cp_lines: Vec<&str> = cp.split('\n').collect();
    let altered = [
        cp.replacen(
            &format!("\n{}\n", cp_lines[1]),
            &format!("\n{}\n", n + 1),
            1,
        ),
        cp.replacen(&cp_lines[2][..4], "AAAA", 1),
        {
            let sig_line = cp_lines[4];
            let mut s = sig_line.to_string();
            let pos = s.len() - 6;
            let ch = if &s[pos..pos + 1] == "A" { "B" } else { "A" };
            s.replace_range(pos..pos + 1, ch);
            cp.replace(sig_line, &s)
        },
    ];
    for bad in altered {
        assert_ne!(bad, cp);
        let dir = tempfile::tempdir().unwrap();
        copy_export(exp, dir.path());
        std::fs::write(dir.path().join("checkpoint"), bad).unwrap();
        let (code, out) = verify_dir(dir.path(), Some(vkey));
        assert_eq!(code, 1, "{out}");
        assert!(out.contains("checkpoint:"), "{out}");
    }
}

#[test]
fn digest_prints_the_blake3_of_a_file_as_events_write_it() {
    let tmp = tempfile::tempdir().unwrap();
    let f = tmp.path().join("decision.pdf");
    let bytes: Vec<u8> = (0..200_000u32).map(|i| (i * 7 % 251) as u8).collect();
    std::fs::write(&f, &bytes).unwrap();
    let o = dledger(&["digest", f.to_str().unwrap()]);
    assert!(o.status.success());
    assert_eq!(
        stdout(&o),
        format!("blake3:{}\n", blake3::hash(&bytes).to_hex())
    );
    let o = dledger(&["digest", tmp.path().join("missing").to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("missing"));
}
