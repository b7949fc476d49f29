//! Property: for random valid event sequences appended through the HTTP API, the audit the
//! running server serves (`GET /v1/audit`, kept incrementally by its projection runner) is
//! identical to the one `dledger verify` computes from the export, offline.

use ledger_testkit as common;

use axum::body::Body;
use axum::http::Request;
use http_body_util::BodyExt;
use ledger_http::{router, AppState};
use ledger_log::verify::verify_export;
use ledger_proof::{b64_encode, SignerKey};
use ledger_rules::{audit, evaluate, Settings};
use ledger_store::{system_clock, Store};
use proptest::prelude::*;
use serde_json::{json, Value};
use tower::ServiceExt;

async fn run(ops: Vec<(u8, u8, u8, u8)>) -> Result<(), TestCaseError> {
    // Generate a valid sequence with the in-memory harness, then replay it to a real server.
    let mut l = common::Ledger::new();
    common::registry(&mut l);
    l.post("extraordinary.requested", json!({"request_id": "rq", "party_id": "african-1", "items": ["x"], "communicated_at": "2025-02-01T00:00:00Z"}));
    for (op, a, b, c) in ops {
        let (ty, data) = common::ops::op_event(op, a, b, c);
        let _ = l.try_post(ty, data);
    }
    let dir = tempfile::tempdir().unwrap();
    let log = SignerKey::from_seed("test.example/log", [1; 32]).unwrap();
    let store = Store::open(dir.path(), log.clone(), system_clock()).unwrap();
    let state = AppState::new(
        store.clone(),
        &log.verifier().to_string(),
        Settings::default(),
    );
    for env in &l.envelopes {
        let req = Request::post("/v1/events")
            .header("content-type", "application/json")
            .body(Body::from(env.to_json()))
            .unwrap();
        let resp = router(state.clone()).oneshot(req).await.unwrap();
        prop_assert_eq!(resp.status().as_u16(), 201);
    }
    let resp = router(state.clone())
        .oneshot(Request::get("/v1/audit").body(Body::empty()).unwrap())
        .await
        .unwrap();
    let served: Value =
        serde_json::from_slice(&resp.into_body().collect().await.unwrap().to_bytes()).unwrap();

    let r = store.reader();
    let p = r.published();
    let mut bytes = Vec::new();
    for line in r.entries(0, p.size).unwrap() {
        bytes.extend_from_slice(&line);
        bytes.push(b'\n');
    }
    let report =
        verify_export::<ledger_rules::Model>(&bytes, &p.checkpoint, Some(&log.verifier()), None);
    prop_assert!(report.intact(), "{:?}", report.problems);
    let settings = Settings::default();
    let offline = audit(
        &report.model,
        &settings,
        evaluate(&report.model, &settings),
        b64_encode(&report.root),
    );
    prop_assert_eq!(&served, &serde_json::to_value(&offline).unwrap());
    prop_assert_eq!(served["size"].as_u64(), Some(l.envelopes.len() as u64));
    // Every decision's receipt verifies offline: its entries alone give the server's verdict.
    for d in served["decisions"].as_array().unwrap() {
        let id = d["decision_id"].as_str().unwrap();
        let r = ledger_http::read::build_receipt(&state, id)
            .await
            .map_err(|e| TestCaseError::fail(format!("{e:?}")))?;
        let verified = ledger_views::receipt::verify(&r.to_bytes().unwrap(), &log.verifier());
        prop_assert!(verified.is_ok(), "receipt of {}: {:?}", id, verified.err());
        prop_assert_eq!(
            serde_json::to_value(r.verdict).unwrap(),
            d["verdict"].clone()
        );
    }
    state.views.stop();
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 12, .. ProptestConfig::default() })]
    #[test]
    fn the_server_and_the_offline_verifier_agree(ops in proptest::collection::vec((any::<u8>(), any::<u8>(), any::<u8>(), any::<u8>()), 10..60)) {
        let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
        rt.block_on(run(ops))?;
    }
}
