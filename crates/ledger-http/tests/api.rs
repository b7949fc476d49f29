//! The router of contract §7 through `tower::ServiceExt::oneshot`: the order of checks on an
//! append, problem+json bodies, and the read routes.

use axum::body::Body;
use axum::http::{Request, StatusCode};
use http_body_util::BodyExt;
use ledger_http::router;
use ledger_proof::{b64_encode, Envelope, SignerKey};
use serde_json::{json, Value};
use tower::ServiceExt;

mod common;

use common::{fixture, Fixture};

async fn send(f: &Fixture, req: Request<Body>) -> (StatusCode, String, Value) {
    let resp = router(f.state.clone()).oneshot(req).await.unwrap();
    let status = resp.status();
    let ct = resp
        .headers()
        .get("content-type")
        .map(|v| v.to_str().unwrap().to_string())
        .unwrap_or_default();
    let bytes = resp.into_body().collect().await.unwrap().to_bytes();
    let v = serde_json::from_slice(&bytes)
        .unwrap_or(Value::String(String::from_utf8_lossy(&bytes).into()));
    (status, ct, v)
}

fn post(body: impl Into<Body>, ct: &str) -> Request<Body> {
    Request::post("/v1/events")
        .header("content-type", ct)
        .body(body.into())
        .unwrap()
}

fn env_json(payload: &[u8], keys: &[&SignerKey]) -> String {
    Envelope::sign(payload, keys).to_json()
}

/// Asserts a refusal: status, problem+json, a detail containing `needle`, and no write.
async fn refused(f: &Fixture, req: Request<Body>, status: u16, needle: &str) {
    let before = f.state.store.reader().published().size;
    let (s, ct, body) = send(f, req).await;
    assert_eq!(s.as_u16(), status, "{body}");
    assert_eq!(ct, "application/problem+json", "{body}");
    assert_eq!(body["status"], json!(status));
    let detail = body["detail"].as_str().unwrap_or("");
    assert!(
        detail.contains(needle),
        "detail {detail:?} lacks {needle:?}"
    );
    assert_eq!(
        f.state.store.reader().published().size,
        before,
        "a refusal wrote to the log"
    );
}

fn party(id: &str, pid: &str) -> Vec<u8> {
    json!({"id": id, "type": "party.registered", "data": {"party_id": pid, "name": pid}})
        .to_string()
        .into_bytes()
}

#[tokio::test]
async fn size_then_media_type_then_form() {
    let f = fixture().await;
    let big = vec![b' '; ledger_http::MAX_BODY + 1];
    // size is checked first, even with a wrong media type
    refused(&f, post(big.clone(), "text/plain"), 413, "exceeds").await;
    // a chunked body without Content-Length is still cut at the limit
    let stream = futures::stream::iter(
        big.chunks(1000)
            .map(|c| Ok::<_, std::io::Error>(c.to_vec()))
            .collect::<Vec<_>>(),
    );
    refused(
        &f,
        post(Body::from_stream(stream), "application/json"),
        413,
        "exceeds",
    )
    .await;
    refused(&f, post("{not json", "text/plain"), 415, "application/json").await;
    refused(
        &f,
        Request::post("/v1/events").body(Body::from("{}")).unwrap(),
        415,
        "application/json",
    )
    .await;
    let ok_env = env_json(&party("p1", "party-1"), &[&f.sec]);
    let (s, _, _) = send(&f, post(ok_env.clone(), "application/json; charset=utf-8")).await;
    assert_eq!(s, StatusCode::CREATED);
}

#[tokio::test]
async fn malformed_envelopes_and_payloads_are_400() {
    let f = fixture().await;
    let good = Envelope::sign(&party("p2", "party-2"), &[&f.sec]);
    let with_payload = |payload: &[u8]| {
        let mut e = Envelope::sign(payload, &[&f.sec]);
        e.payload = b64_encode(payload);
        e.to_json()
    };
    let cases: Vec<(String, &str)> = vec![
        ("{\"payloadType\":".into(), "envelope"),
        (
            String::from_utf8_lossy(b"{\"payloadType\":\"\xff\"}").into_owned(),
            "envelope",
        ),
        (
            good.to_json()
                .replace("application/vnd.dledger.event+json", "application/json"),
            "payloadType",
        ),
        (
            good.to_json()
                .replacen("\"payload\":\"", "\"payload\":\" ", 1),
            "payload",
        ),
        (
            good.to_json()
                .replace("}]}", "},{\"keyid\":\"secretariat\",\"sig\":\"AAAA\"}]}"),
            "keyid",
        ),
        (
            {
                let mut e = good.clone();
                e.signatures.push(e.signatures[0].clone());
                e.to_json()
            },
            "more than once",
        ),
        (
            good.to_json()
                .replace("\"signatures\"", "\"extra\":1,\"signatures\""),
            "envelope",
        ),
        (
            good.to_json().replacen("{", "{\"payload\":\"e30=\",", 1),
            "envelope",
        ),
        (with_payload(b"not json"), "payload"),
        (with_payload(b"[1,2]"), "object"),
        (
            with_payload(br#"{"id":"a","id":"b","type":"party.registered","data":{}}"#),
            "duplicate",
        ),
        (
            with_payload(b"\xEF\xBB\xBF{\"id\":\"a\"}"),
            "byte order mark",
        ),
        (
            with_payload(
                br#"{"id":"a","type":"party.registered","data":{"party_id":"\ud800","name":"x"}}"#,
            ),
            "payload",
        ),
        (
            with_payload(br#"{"id":"a","type":"party.registered","data":{"n":NaN}}"#),
            "payload",
        ),
        (
            with_payload(format!("{}1{}", "[".repeat(200), "]".repeat(200)).as_bytes()),
            "payload",
        ),
    ];
    for (body, needle) in cases {
        refused(&f, post(body.clone(), "application/json"), 400, needle).await;
    }
    // a non-canonical base64 payload (non-zero padding bits) is refused
    let mut nc = good.clone();
    let mut p = nc.payload.clone();
    if p.ends_with("==") {
        let i = p.len() - 3;
        let c = p.as_bytes()[i];
        p.replace_range(i..i + 1, &((c + 1) as char).to_string());
        nc.payload = p;
        refused(&f, post(nc.to_json(), "application/json"), 400, "payload").await;
    }
}

#[tokio::test]
async fn the_order_of_checks_after_the_form() {
    let f = fixture().await;
    let stranger = SignerKey::from_seed("stranger", [3; 32]).unwrap();
    let first = party("p3", "party-3");
    let (s, _, ack1) = send(&f, post(env_json(&first, &[&f.sec]), "application/json")).await;
    assert_eq!(s, StatusCode::CREATED);
    // id check before signatures: identical payload with another (even invalid) signer is a repeat
    let (s, _, ack2) = send(&f, post(env_json(&first, &[&stranger]), "application/json")).await;
    assert_eq!(s, StatusCode::OK, "{ack2}");
    assert_eq!(ack1["entry"], ack2["entry"]);
    // a different payload under the same id is 409 even when unsigned
    let mut unsigned = Envelope::sign(&party("p3", "party-33"), &[&f.sec]);
    unsigned.signatures.clear();
    refused(&f, post(unsigned.to_json(), "application/json"), 409, "p3").await;
    // signatures (401) before roles (403): an unknown key next to a valid admin signature
    refused(
        &f,
        post(
            env_json(&party("p4", "party-4"), &[&f.admin, &stranger]),
            "application/json",
        ),
        401,
        "stranger",
    )
    .await;
    // roles (403) before schema (422): the admin may not submit a party, even a malformed one
    let bad_schema = json!({"id": "p5", "type": "party.registered", "data": {"party_id": "x", "name": "", "bogus": 1}}).to_string();
    refused(
        &f,
        post(
            env_json(bad_schema.as_bytes(), &[&f.admin]),
            "application/json",
        ),
        403,
        "secretariat",
    )
    .await;
    refused(
        &f,
        post(
            env_json(bad_schema.as_bytes(), &[&f.sec]),
            "application/json",
        ),
        422,
        "/data",
    )
    .await;
    // schema (422) before expected_version (409)
    let wrong_version_and_schema =
        json!({"id": "p6", "type": "party.registered", "stream": "s", "expected_version": 5,
        "data": {"party_id": "y", "name": "Y", "region": "nowhere"}})
        .to_string();
    refused(
        &f,
        post(
            env_json(wrong_version_and_schema.as_bytes(), &[&f.sec]),
            "application/json",
        ),
        422,
        "/data/region",
    )
    .await;
    let wrong_version =
        json!({"id": "p7", "type": "party.registered", "stream": "s", "expected_version": 5,
        "data": {"party_id": "y", "name": "Y"}})
        .to_string();
    let (s, _, body) = send(
        &f,
        post(
            env_json(wrong_version.as_bytes(), &[&f.sec]),
            "application/json",
        ),
    )
    .await;
    assert_eq!(
        (s.as_u16(), &body["expected"], &body["actual"]),
        (409, &json!(5), &json!(0))
    );
    // schema errors name the field by JSON pointer
    for (data, needle) in [
        (
            json!({"party_id": "z", "name": "Z", "extra": 1}),
            "/data: Additional properties are not allowed ('extra' was unexpected)",
        ),
        (
            json!({"party_id": "z"}),
            "/data: \"name\" is a required property",
        ),
        (
            json!({"party_id": 5, "name": "Z"}),
            "/data/party_id: 5 is not of type \"string\"",
        ),
        (
            json!({"party_id": "z", "name": "Z", "region": "atlantis"}),
            "/data/region: \"atlantis\" is not one of",
        ),
        (json!({"party_id": "z", "name": ""}), "/data/name"),
        // what a schema cannot say (a 13th month) the typed parse still names
        (
            json!({"party_id": "z", "name": "Z", "protocol_party_since": "2020-13-01"}),
            "/data/protocol_party_since",
        ),
    ] {
        let p = json!({"id": "p8", "type": "party.registered", "data": data}).to_string();
        refused(
            &f,
            post(env_json(p.as_bytes(), &[&f.sec]), "application/json"),
            422,
            needle,
        )
        .await;
    }
}

#[tokio::test]
async fn read_routes() {
    let f = fixture().await;
    for i in 0..5 {
        let (s, _, _) = send(
            &f,
            post(
                env_json(&party(&format!("r{i}"), &format!("party-r{i}")), &[&f.sec]),
                "application/json",
            ),
        )
        .await;
        assert_eq!(s, StatusCode::CREATED);
    }
    let size = f.state.store.reader().published().size;
    assert_eq!(size, 7);
    let get = |uri: &str| Request::get(uri).body(Body::empty()).unwrap();
    let resp = router(f.state.clone())
        .oneshot(get("/v1/entries?start=2&limit=3"))
        .await
        .unwrap();
    assert_eq!(resp.headers()["content-type"], "application/jsonl");
    let body = resp.into_body().collect().await.unwrap().to_bytes();
    let lines: Vec<&[u8]> = body.split(|b| *b == b'\n').collect();
    assert_eq!(lines.len(), 4, "three lines, each followed by a newline");
    assert!(lines[0].starts_with(b"{\"index\":2,"));
    let resp = router(f.state.clone())
        .oneshot(get("/v1/entries?start=7"))
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::OK);
    assert!(resp
        .into_body()
        .collect()
        .await
        .unwrap()
        .to_bytes()
        .is_empty());
    let (s, _, e) = send(&f, get("/v1/entries/3")).await;
    assert_eq!(s, StatusCode::OK);
    assert!(e["entry"].as_str().unwrap().starts_with("{\"index\":3,"));
    assert_eq!(e["inclusion_proof"]["size"], json!(7));
    refused(&f, get("/v1/entries/7"), 404, "no entry 7").await;
    refused(&f, get("/v1/entries/x"), 400, "index").await;
    let (s, _, p) = send(&f, get("/v1/proofs/inclusion?index=6")).await;
    assert_eq!((s, &p["size"]), (StatusCode::OK, &json!(7)));
    refused(&f, get("/v1/proofs/inclusion?index=7&size=7"), 400, "index").await;
    refused(&f, get("/v1/proofs/inclusion?index=1&size=8"), 400, "size").await;
    let (s, _, p) = send(&f, get("/v1/proofs/consistency?from=3&to=7")).await;
    assert_eq!(s, StatusCode::OK);
    assert!(!p["hashes"].as_array().unwrap().is_empty());
    let (s, _, p) = send(&f, get("/v1/proofs/consistency?from=7&to=7")).await;
    assert_eq!(
        (s, p["hashes"].as_array().unwrap().len()),
        (StatusCode::OK, 0)
    );
    refused(&f, get("/v1/proofs/consistency?from=0&to=7"), 400, "from").await;
    refused(&f, get("/v1/proofs/consistency?from=5&to=3"), 400, "from").await;
    refused(&f, get("/v1/nowhere"), 404, "route").await;
    let resp = router(f.state.clone())
        .oneshot(get("/v1/checkpoint"))
        .await
        .unwrap();
    let cp = String::from_utf8(
        resp.into_body()
            .collect()
            .await
            .unwrap()
            .to_bytes()
            .to_vec(),
    )
    .unwrap();
    assert!(cp.starts_with("test.example/log\n7\n"), "{cp}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn racing_the_same_expected_version_exactly_one_wins() {
    let f = fixture().await;
    let before = f.state.store.reader().published().size;
    let mut tasks = Vec::new();
    for i in 0..16 {
        let state = f.state.clone();
        let body = env_json(
            json!({"id": format!("race-{i}"), "type": "party.registered", "stream": "registry/race", "expected_version": 0,
                "data": {"party_id": format!("racer-{i}"), "name": "racer"}})
            .to_string()
            .as_bytes(),
            &[&f.sec],
        );
        tasks.push(tokio::spawn(async move {
            let resp = router(state)
                .oneshot(post(body, "application/json"))
                .await
                .unwrap();
            resp.status().as_u16()
        }));
    }
    let mut statuses = Vec::new();
    for t in tasks {
        statuses.push(t.await.unwrap());
    }
    assert_eq!(
        statuses.iter().filter(|s| **s == 201).count(),
        1,
        "{statuses:?}"
    );
    assert_eq!(
        statuses.iter().filter(|s| **s == 409).count(),
        15,
        "{statuses:?}"
    );
    assert_eq!(f.state.store.reader().published().size, before + 1);
    // a replayed envelope is an idempotent repeat, never a second entry
    let env = env_json(&party("replay", "party-replay"), &[&f.sec]);
    let (s1, _, a1) = send(&f, post(env.clone(), "application/json")).await;
    let (s2, _, a2) = send(&f, post(env, "application/json")).await;
    assert_eq!((s1.as_u16(), s2.as_u16()), (201, 200));
    assert_eq!(a1["index"], a2["index"]);
    assert_eq!(f.state.store.reader().published().size, before + 2);
}

/// Until the read models hold every entry published at start, `/healthz` is 503 and says what the
/// server is doing; then 200 `{size, status: "ok"}`. (A current-thread test runtime: the runner
/// has not run before the first request.)
#[tokio::test]
async fn healthz_is_503_until_the_read_models_hold_the_log() {
    let f = fixture().await;
    let get = || {
        Request::builder()
            .uri("/healthz")
            .body(Body::empty())
            .unwrap()
    };
    let (s, _, v) = send(&f, get()).await;
    assert_eq!(s, StatusCode::SERVICE_UNAVAILABLE, "{v}");
    assert_eq!(v["status"], "starting");
    assert_eq!(
        v["detail"],
        "folding the log into the read models: 0 of 2 entries"
    );
    f.state.views.caught_up(2).await.unwrap();
    let (s, _, v) = send(&f, get()).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(v, json!({"size": 2, "status": "ok"}));
}
