//! `POST /v1/events?dry_run=true` (contract §7): every check of a real append, in the same order
//! and with the same statuses, and nothing written; 200 `{dry_run: true, index, findings}` with
//! the index the event would get now and the findings its entry would raise, which the real
//! append then raises.

mod common;
use ledger_testkit as kit;

use axum::body::Body;
use axum::http::Request;
use ledger_http::{router, AppState};
use ledger_proof::{Envelope, SignerKey};
use serde_json::{json, Value};
use tower::ServiceExt;

async fn post_raw(state: &AppState, query: &str, ctype: &str, body: String) -> (u16, Value) {
    let req = Request::post(format!("/v1/events{query}"))
        .header("content-type", ctype)
        .body(Body::from(body))
        .unwrap();
    let res = router(state.clone()).oneshot(req).await.unwrap();
    let status = res.status().as_u16();
    let bytes = http_body_util::BodyExt::collect(res.into_body())
        .await
        .unwrap()
        .to_bytes();
    (
        status,
        serde_json::from_slice(&bytes).unwrap_or(Value::Null),
    )
}

fn sign(signers: &[&SignerKey], ev: Value) -> String {
    Envelope::sign(ev.to_string().as_bytes(), signers).to_json()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_dry_run_checks_everything_and_writes_nothing() {
    let mut l = kit::Ledger::new();
    kit::registry(&mut l);
    kit::compliant_online_meeting(&mut l, "m");
    let party = l.key(
        "party.african-1",
        json!({"role": "party", "party_id": "african-1"}),
    );
    let sec = l.sec.clone();
    let common::Served { _dir, state, .. } = common::served(&l).await;
    let size = || state.store.reader().published().size;
    let before = size();

    // A substantive decision adopted online: the dry run predicts the entry and its violation.
    let subst = json!({"id": "ev-subst", "type": "decision.adopted", "data": {"decision_id": "subst", "meeting_id": "m",
        "title": "t", "category": "substantive", "via": {"session_id": "m-s1"}, "method": "consensus",
        "adopted_at": "2025-03-03T12:30:00Z", "text_digest": kit::digest("subst")}});
    let body = sign(&[&sec], subst.clone());
    let (s, dry) = post_raw(&state, "?dry_run=true", "application/json", body.clone()).await;
    assert_eq!(s, 200, "{dry}");
    assert_eq!(dry["dry_run"], true);
    assert_eq!(dry["repeat"], false);
    assert_eq!(dry["index"], before);
    let rules: Vec<&str> = dry["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule"].as_str().unwrap())
        .collect();
    assert!(rules.contains(&"P2.online_scope"), "{dry}");
    assert_eq!(size(), before, "nothing written");
    let (s, _) = post_raw(
        &state,
        "?dry_run=false&x=1",
        "application/json",
        body.clone(),
    )
    .await;
    assert_eq!(s, 201, "dry_run=false is a real append");
    // the real append got the index and raised the findings the dry run said
    let (s, again) = post_raw(&state, "", "application/json", body.clone()).await;
    assert_eq!(s, 200);
    assert_eq!(again["index"], before);
    // the same findings (a message may quote the recording time, which the dry run could only
    // predict: compare what each finding is, on what, and its evidence)
    let real = state.views.read().raised.get(&before).cloned().unwrap();
    let key = |f: &Value| {
        (
            f["rule"].clone(),
            f["severity"].clone(),
            f["subject"].clone(),
            f["evidence"].clone(),
        )
    };
    let real: Vec<_> = serde_json::to_value(&real)
        .unwrap()
        .as_array()
        .unwrap()
        .iter()
        .map(key)
        .collect();
    let predicted: Vec<_> = dry["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(key)
        .collect();
    assert_eq!(real, predicted);
    // a dry run of a stored event is a repeat, at its index
    let (s, rep) = post_raw(&state, "?dry_run=true", "application/json", body.clone()).await;
    assert_eq!(
        (s, rep["repeat"].clone(), rep["index"].clone()),
        (200, json!(true), json!(before))
    );

    // Every refusal: the dry run answers what the real append answers, and neither writes.
    let stranger = SignerKey::from_seed("stranger", [42; 32]).unwrap();
    let ok_event = |id: &str| {
        json!({"id": id, "type": "training.held", "data": {"training_id": id, "meeting_id": "m", "kind": "training",
            "starts_at": "2025-02-27T08:00:00Z", "ends_at": "2025-02-27T09:00:00Z"}})
    };
    let mut missing = ok_event("t-missing");
    missing["data"].as_object_mut().unwrap().remove("kind");
    let mut unresolved = ok_event("t-unresolved");
    unresolved["data"]["meeting_id"] = json!("no-such-meeting");
    let mut versioned = ok_event("t-version");
    versioned["stream"] = json!("meeting/m");
    versioned["expected_version"] = json!(99);
    let mut other_bytes = subst.clone();
    other_bytes["data"]["title"] = json!("other");
    let cases: Vec<(&str, String, String, u16)> = vec![
        (
            "media type",
            "text/plain".into(),
            sign(&[&sec], ok_event("t1")),
            415,
        ),
        (
            "form",
            "application/json".into(),
            "{\"payloadType\":1}".into(),
            400,
        ),
        (
            "unknown key",
            "application/json".into(),
            sign(&[&stranger], ok_event("t2")),
            401,
        ),
        (
            "role",
            "application/json".into(),
            sign(&[&party], ok_event("t3")),
            403,
        ),
        (
            "schema",
            "application/json".into(),
            sign(&[&sec], missing),
            422,
        ),
        (
            "reference",
            "application/json".into(),
            sign(&[&sec], unresolved),
            422,
        ),
        (
            "expected_version",
            "application/json".into(),
            sign(&[&sec], versioned),
            409,
        ),
        (
            "id with other bytes",
            "application/json".into(),
            sign(&[&sec], other_bytes),
            409,
        ),
    ];
    let before = size();
    for (what, ctype, body, status) in cases {
        let (dry_s, dry_b) = post_raw(&state, "?dry_run=true", &ctype, body.clone()).await;
        let (real_s, real_b) = post_raw(&state, "", &ctype, body).await;
        assert_eq!(dry_s, status, "{what}: dry run {dry_b}");
        assert_eq!(real_s, status, "{what}: real {real_b}");
        assert_eq!(dry_b["title"], real_b["title"], "{what}");
        assert_eq!(size(), before, "{what}: nothing written");
    }
    let (s, _) = post_raw(
        &state,
        "?dry_run=maybe",
        "application/json",
        sign(&[&sec], ok_event("t9")),
    )
    .await;
    assert_eq!(s, 400);
    assert_eq!(size(), before);
    state.views.stop();
}
