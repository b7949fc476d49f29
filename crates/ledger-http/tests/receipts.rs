//! A receipt is refused when any single byte of it is altered: exhaustively, every byte of a
//! small receipt, each replaced by another printable byte.

use ledger_testkit as common;

use axum::body::Body;
use axum::http::Request;
use ledger_http::{router, AppState};
use ledger_proof::SignerKey;
use ledger_rules::Settings;
use ledger_store::{system_clock, Store};
use serde_json::json;
use tower::ServiceExt;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_single_byte_change_of_a_receipt_is_refused() {
    // a small ledger: a minimal registry and one online meeting with a substantive decision
    let mut l = common::Ledger::new();
    l.post("party.registered", json!({"party_id": "p1", "name": "P1", "region": "african", "protocol_party_since": "2003-09-11"}));
    l.post(
        "body.registered",
        json!({"body_id": "cp-mop", "name": "COP-MOP", "kind": "cop_mop"}),
    );
    l.post("meeting.convened", json!({"meeting_id": "m", "body_id": "cp-mop", "title": "t", "kind": "ordinary", "mode": "online", "opens_on": "2025-03-03", "closes_on": "2025-03-03"}));
    common::Session {
        meeting: "m",
        id: "s",
        mode: "online",
        start: "2025-03-03T12:00:00Z",
        end: "2025-03-03T13:00:00Z",
        webcast: true,
    }
    .hold(&mut l);
    common::Adoption {
        meeting: "m",
        id: "d",
        session: "s",
        category: "substantive",
        method: "consensus",
        at: "2025-03-03T12:30:00Z",
    }
    .adopt(&mut l);

    let dir = tempfile::tempdir().unwrap();
    let log = SignerKey::from_seed("test.example/log", [1; 32]).unwrap();
    let store = Store::open(dir.path(), log.clone(), system_clock()).unwrap();
    let state = AppState::new(store, &log.verifier().to_string(), Settings::default());
    for env in &l.envelopes {
        let req = Request::post("/v1/events")
            .header("content-type", "application/json")
            .body(Body::from(env.to_json()))
            .unwrap();
        assert_eq!(
            router(state.clone()).oneshot(req).await.unwrap().status(),
            201
        );
    }
    let receipt = ledger_http::read::build_receipt(&state, "d").await.unwrap();
    let bytes = receipt.to_bytes().unwrap();
    let key = log.verifier();
    let ok = ledger_views::receipt::verify(&bytes, &key).expect("the receipt verifies");
    assert_eq!(ok.receipt.verdict, ledger_rules::Verdict::OutOfScope);
    let mut refused = 0;
    for i in 0..bytes.len() {
        let mut altered = bytes.clone();
        // another printable byte: keeps most alterations well-formed JSON, the hard case
        altered[i] = match bytes[i] {
            b'0'..=b'8' => bytes[i] + 1,
            b'9' => b'0',
            b'a'..=b'y' => bytes[i] + 1,
            b'z' => b'a',
            b'A'..=b'Y' => bytes[i] + 1,
            b'Z' => b'A',
            b' ' => b'\t',
            b'\n' => b' ',
            _ => b'x',
        };
        assert!(
            ledger_views::receipt::verify(&altered, &key).is_err(),
            "byte {i} ({:?}) altered and still accepted",
            bytes[i] as char
        );
        refused += 1;
    }
    assert_eq!(refused, bytes.len());

    // The same for every entry's tlog-proof (contract §11), served by the route: each verifies,
    // and every single-byte change of one is refused, naming the check that failed.
    let trust = ledger_proof::tlogproof::Trust::Log(key.clone());
    let size = state.store.reader().published().size;
    let mut proofs = Vec::new();
    for i in 0..size {
        let req = Request::get(format!("/v1/entries/{i}/proof"))
            .body(Body::empty())
            .unwrap();
        let res = router(state.clone()).oneshot(req).await.unwrap();
        assert_eq!(res.status(), 200);
        assert!(res.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/plain"));
        let body = http_body_util::BodyExt::collect(res.into_body())
            .await
            .unwrap()
            .to_bytes();
        let text = String::from_utf8(body.to_vec()).unwrap();
        let v = ledger_proof::tlogproof::verify_entry_proof(&text, &trust)
            .unwrap_or_else(|e| panic!("the proof of entry {i} does not verify: {e}"));
        assert_eq!(v.index, i);
        assert_eq!(
            v.line.as_bytes(),
            &state.store.reader().entry(i).unwrap().unwrap()[..]
        );
        proofs.push(text);
    }
    let text = proofs.last().unwrap().as_bytes().to_vec();
    for i in 0..text.len() {
        let mut altered = text.clone();
        altered[i] = match text[i] {
            b'0'..=b'8' | b'a'..=b'y' | b'A'..=b'Y' => text[i] + 1,
            b'9' => b'0',
            b'z' => b'a',
            b'Z' => b'A',
            b'\n' => b' ',
            _ => b'x',
        };
        let Ok(altered) = String::from_utf8(altered) else {
            continue;
        };
        assert!(
            ledger_proof::tlogproof::verify_entry_proof(&altered, &trust).is_err(),
            "byte {i} ({:?}) of a proof altered and still accepted",
            text[i] as char
        );
    }
    let req = Request::get(format!("/v1/entries/{size}/proof"))
        .body(Body::empty())
        .unwrap();
    assert_eq!(
        router(state.clone()).oneshot(req).await.unwrap().status(),
        404
    );
    state.views.stop();
}

/// A ledger of `parties` Protocol Parties with two decisions: `d`, adopted at an ordinary online
/// meeting (its verdict reads no Party count), and `e`, adopted at an extraordinary meeting
/// convened on a Party request (P3.extraordinary_basis divides by the number of Parties).
/// Returns the sizes of their receipts, each checked to verify.
async fn receipt_sizes(parties: usize) -> (usize, usize) {
    let mut l = common::Ledger::new();
    common::registry(&mut l);
    for k in 0..parties.saturating_sub(17) {
        l.post("party.registered", json!({"party_id": format!("x-{k}"), "name": format!("Party {k}"), "region": "african", "protocol_party_since": "2003-09-11"}));
    }
    l.post("meeting.convened", json!({"meeting_id": "m", "body_id": "cp-mop", "title": "t", "kind": "ordinary", "mode": "online", "opens_on": "2025-03-03", "closes_on": "2025-03-03"}));
    common::Session {
        meeting: "m",
        id: "s",
        mode: "online",
        start: "2025-03-03T12:00:00Z",
        end: "2025-03-03T13:00:00Z",
        webcast: true,
    }
    .hold(&mut l);
    common::Adoption {
        meeting: "m",
        id: "d",
        session: "s",
        category: "budgetary",
        method: "consensus",
        at: "2025-03-03T12:30:00Z",
    }
    .adopt(&mut l);
    l.post("extraordinary.requested", json!({"request_id": "rq", "party_id": "african-1", "items": ["budget"], "communicated_at": "2025-01-31T12:00:00Z"}));
    for k in 0..(parties / 3 + 1).min(parties.saturating_sub(17)) {
        l.post("extraordinary.supported", json!({"request_id": "rq", "party_id": format!("x-{k}"), "supported_at": "2025-02-01T00:00:00Z"}));
    }
    l.post("meeting.convened", json!({"meeting_id": "exm", "body_id": "cp-mop", "title": "t", "kind": "extraordinary", "mode": "in_person",
        "opens_on": "2025-09-01", "closes_on": "2025-09-02", "basis": {"kind": "party_request", "request_id": "rq"}}));
    common::Session {
        meeting: "exm",
        id: "s2",
        mode: "in_person",
        start: "2025-09-01T12:00:00Z",
        end: "2025-09-01T13:00:00Z",
        webcast: true,
    }
    .hold(&mut l);
    common::Adoption {
        meeting: "exm",
        id: "e",
        session: "s2",
        category: "budgetary",
        method: "consensus",
        at: "2025-09-01T12:30:00Z",
    }
    .adopt(&mut l);

    let dir = tempfile::tempdir().unwrap();
    let log = SignerKey::from_seed("test.example/log", [1; 32]).unwrap();
    let store = Store::open(dir.path(), log.clone(), system_clock()).unwrap();
    let state = AppState::new(store, &log.verifier().to_string(), Settings::default());
    let mut statuses = Vec::new();
    for env in &l.envelopes {
        let req = Request::post("/v1/events")
            .header("content-type", "application/json")
            .body(Body::from(env.to_json()))
            .unwrap();
        statuses.push(router(state.clone()).oneshot(req).await.unwrap().status());
    }
    assert!(statuses.iter().all(|s| *s == 201), "{statuses:?}");
    let key = log.verifier();
    let mut sizes = Vec::new();
    for id in ["d", "e"] {
        let bytes = ledger_http::read::receipt_bytes(&state, id).await.unwrap();
        ledger_views::receipt::verify(&bytes, &key).expect("the receipt verifies");
        sizes.push(bytes.len());
    }
    state.views.stop();
    (sizes[0], sizes[1])
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn receipts_cost_what_they_prove() {
    let (d200, e200) = receipt_sizes(200).await;
    let (d2000, e2000) = receipt_sizes(2000).await;
    eprintln!("receipt bytes: 200 Parties: d {d200}, e {e200}; 2000 Parties: d {d2000}, e {e2000}");
    // A verdict that reads no Party count does not carry the registry: its receipt barely grows
    // (its proofs get a few hashes longer) with ten times the Parties.
    assert!(d2000 < d200 + d200 / 4, "{d200} -> {d2000}");
    assert!(d2000 < 100_000, "{d2000}");
    // One that counts them carries every Party's entry once.
    assert!(e2000 > 5 * e200, "{e200} -> {e2000}");
}
