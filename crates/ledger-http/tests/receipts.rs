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
    state.views.stop();
}
