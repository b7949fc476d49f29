//! Completeness statements through the HTTP API (contract §5.7, §7): the routes `/v1/periods`
//! and `/v1/periods/{id}`, the look-through to decisions and meetings, the receipts that carry
//! the statements covering a decision, the pages, and the 422 and 409 of a bad statement.

mod common;
use ledger_testkit as kit;

use axum::body::Body;
use axum::http::Request;
use ledger_http::{router, AppState};
use ledger_proof::{Envelope, SignerKey};
use serde_json::{json, Value};
use tower::ServiceExt;

async fn call(state: &AppState, req: Request<Body>) -> (u16, Vec<u8>) {
    let res = router(state.clone()).oneshot(req).await.unwrap();
    let status = res.status().as_u16();
    let body = http_body_util::BodyExt::collect(res.into_body())
        .await
        .unwrap()
        .to_bytes()
        .to_vec();
    (status, body)
}

async fn get_json(state: &AppState, path: &str) -> (u16, Value) {
    let (s, b) = call(state, Request::get(path).body(Body::empty()).unwrap()).await;
    (s, serde_json::from_slice(&b).unwrap_or(Value::Null))
}

async fn post(state: &AppState, env: &Envelope) -> (u16, Value) {
    let req = Request::post("/v1/events")
        .header("content-type", "application/json")
        .body(Body::from(env.to_json()))
        .unwrap();
    let (s, b) = call(state, req).await;
    (s, serde_json::from_slice(&b).unwrap_or(Value::Null))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn periods_routes_pages_and_receipts() {
    let mut l = kit::Ledger::new();
    kit::registry(&mut l);
    kit::compliant_online_meeting(&mut l, "m");
    kit::Adoption {
        meeting: "m",
        id: "b",
        session: "m-s1",
        category: "budgetary",
        method: "consensus",
        at: "2025-03-03T12:30:00Z",
    }
    .adopt(&mut l);
    let statement = json!({"period_id": "2025", "from": "2025-01-01", "to": "2025-12-31",
        "counts": {"meetings": 1, "silence_procedures": 0, "decisions": 1, "bureau_decisions": 1},
        "closed_at": "2026-01-15T12:00:00Z", "statement": "The log holds all of 2025."});
    let st_index = l.post("period.closed", statement.clone());
    let late = kit::Adoption {
        meeting: "m",
        id: "late",
        session: "m-s2",
        category: "budgetary",
        method: "consensus",
        at: "2025-03-04T14:00:00Z",
    }
    .adopt(&mut l);

    let common::Served { _dir, state, log } = common::served(&l).await;

    // the list and the statement: the contract's fields, and the late decision
    let (s, list) = get_json(&state, "/v1/periods").await;
    assert_eq!(s, 200);
    assert_eq!(list["total"], 1);
    let (s, p) = get_json(&state, "/v1/periods/2025").await;
    assert_eq!(s, 200);
    assert_eq!(list["items"][0], p);
    assert_eq!(p["period_id"], "2025");
    assert_eq!(p["index"], st_index);
    assert_eq!(p["body_id"], Value::Null);
    assert_eq!(p["from"], "2025-01-01");
    assert_eq!(p["to"], "2025-12-31");
    let counts =
        json!({"meetings": 1, "silence_procedures": 0, "decisions": 1, "bureau_decisions": 1});
    assert_eq!(p["stated"], counts);
    assert_eq!(p["found"], counts);
    assert_eq!(p["late"], json!([late]));
    assert_eq!(p["holds"], false);
    assert_eq!(p["counted"].as_array().unwrap().len(), 3);
    assert!(p["findings"]
        .as_array()
        .unwrap()
        .iter()
        .any(|f| f["rule"] == "L.after_close" && f["subject"] == "decision:late"));
    assert_eq!(get_json(&state, "/v1/periods/2024").await.0, 404);
    assert_eq!(get_json(&state, "/v1/periods?body=all").await.1["total"], 1);
    assert_eq!(
        get_json(&state, "/v1/periods?body=sbstta").await.1["total"],
        0
    );

    // the decisions it covers
    let (_, b) = get_json(&state, "/v1/decisions/b").await;
    assert_eq!(b["verdict"], "within_scope");
    assert_eq!(b["completeness"][0]["period_id"], "2025");
    assert_eq!(b["completeness"][0]["late"], false);
    let (_, d) = get_json(&state, "/v1/decisions/late").await;
    assert_eq!(d["verdict"], "out_of_scope");
    assert_eq!(d["completeness"][0]["late"], true);
    let (_, m) = get_json(&state, "/v1/meetings/m").await;
    assert_eq!(m["completeness"][0]["period_id"], "2025");

    // receipts carry the statement and say what it shows
    let key = log.verifier();
    for (id, is_late) in [("b", false), ("late", true)] {
        let r = ledger_http::read::build_receipt(&state, id).await.unwrap();
        assert!(r.entries.iter().any(|e| e.index == st_index), "{id}");
        let v = ledger_views::receipt::verify(&r.to_bytes().unwrap(), &key)
            .unwrap_or_else(|e| panic!("{id}: {e}"));
        assert_eq!(v.coverage.len(), 1, "{id}");
        assert_eq!(v.coverage[0].late, is_late, "{id}");
        assert_eq!(v.coverage[0].index, st_index);
        let text = v.coverage[0].describe();
        assert!(
            text.contains(if is_late {
                "L.after_close"
            } else {
                "needs the whole log"
            }),
            "{text}"
        );
    }

    // the pages
    let page = |path: &'static str| {
        let state = state.clone();
        async move {
            let (s, b) = call(&state, Request::get(path).body(Body::empty()).unwrap()).await;
            assert_eq!(s, 200, "{path}");
            String::from_utf8(b).unwrap()
        }
    };
    let p = page("/periods/2025").await;
    assert!(p.contains("does not hold") && p.contains("href=\"/decisions/late\""));
    let d = page("/decisions/late").await;
    assert!(d.contains("href=\"/periods/2025\"") && d.contains("which this decision contradicts"));
    let b = page("/decisions/b").await;
    assert!(b.contains("href=\"/periods/2025\"") && !b.contains("contradicts"));

    // a bad statement: 422 naming the field, a second one with the same id: 409; nothing written
    let sec = SignerKey::from_seed("secretariat", [3; 32]).unwrap();
    let size = state.store.reader().published().size;
    let mut bad = statement.clone();
    bad["period_id"] = json!("other");
    bad["to"] = json!("2024-12-31");
    let ev = json!({"id": "bad-period", "type": "period.closed", "data": bad});
    let (s, body) = post(&state, &Envelope::sign(ev.to_string().as_bytes(), &[&sec])).await;
    assert_eq!(s, 422, "{body}");
    assert!(body.to_string().contains("/data/to"), "{body}");
    let ev = json!({"id": "again-period", "type": "period.closed", "data": statement});
    let (s, body) = post(&state, &Envelope::sign(ev.to_string().as_bytes(), &[&sec])).await;
    assert_eq!(s, 409, "{body}");
    assert_eq!(state.store.reader().published().size, size);
    state.views.stop();
}
