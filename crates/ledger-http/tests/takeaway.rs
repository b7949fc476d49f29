//! Take-away formats: the CSV routes (header row, one row per item, the JSON routes' filters with
//! `from`, `to` and `q`, RFC 4180 quoting, no formula injection) and the Atom feed.

mod common;
use ledger_testkit as kit;

use axum::body::Body;
use axum::http::Request;
use ledger_http::{router, AppState};
use serde_json::{json, Value};
use tower::ServiceExt;

async fn get(state: &AppState, path: &str) -> (u16, String, String) {
    let req = Request::get(path)
        .header("host", "ledger.test")
        .body(Body::empty())
        .unwrap();
    let res = router(state.clone()).oneshot(req).await.unwrap();
    let status = res.status().as_u16();
    let ctype = res
        .headers()
        .get("content-type")
        .map(|v| v.to_str().unwrap().to_owned())
        .unwrap_or_default();
    let body = http_body_util::BodyExt::collect(res.into_body())
        .await
        .unwrap()
        .to_bytes();
    (status, ctype, String::from_utf8(body.to_vec()).unwrap())
}

fn rows(csv: &str) -> Vec<&str> {
    csv.split("\r\n").filter(|l| !l.is_empty()).collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn csv_routes_and_the_atom_feed() {
    let mut l = kit::Ledger::new();
    kit::registry(&mut l);
    kit::compliant_online_meeting(&mut l, "m");
    l.post("decision.adopted", json!({"decision_id": "b", "meeting_id": "m", "title": "Interim budget, 2025 \"A\"",
        "category": "budgetary", "via": {"session_id": "m-s1"}, "method": "consensus", "adopted_at": "2025-03-03T12:30:00Z",
        "text_digest": kit::digest("b")}));
    l.post("decision.adopted", json!({"decision_id": "s", "meeting_id": "m", "title": "=HYPERLINK(\"x\") guidance",
        "category": "substantive", "via": {"session_id": "m-s2"}, "method": "consensus", "adopted_at": "2025-03-04T13:30:00Z",
        "text_digest": kit::digest("s")}));
    let common::Served { _dir, state, .. } = common::served(&l).await;

    let (s, ctype, csv) = get(&state, "/v1/decisions.csv").await;
    assert_eq!(s, 200);
    assert!(ctype.starts_with("text/csv"), "{ctype}");
    let r = rows(&csv);
    assert_eq!(r.len(), 3, "{csv}");
    assert!(r[0].starts_with(
        "decision_id,meeting_id,title,category,venue,method,adopted_at,verdict,findings,index"
    ));
    assert!(r[1].starts_with("b,m,\"Interim budget, 2025 \"\"A\"\"\",budgetary,online,consensus,2025-03-03T12:30:00Z,within_scope,"), "{}", r[1]);
    // a title that a spreadsheet would run as a formula is written as text
    assert!(
        r[2].starts_with("s,m,\"'=HYPERLINK(\"\"x\"\") guidance\",substantive,"),
        "{}",
        r[2]
    );
    assert!(r[2].contains(",out_of_scope,P2.online_scope"), "{}", r[2]);
    // the JSON route's filters, with dates and words
    for (q, n) in [
        ("verdict=out_of_scope", 1),
        ("from=2025-03-04", 1),
        ("to=2025-03-03", 1),
        ("from=2025-03-03&to=2025-03-04", 2),
        ("q=interim", 1),
        ("q=GUIDANCE%20hyperlink", 1),
        ("q=nothing", 0),
        ("category=budgetary&q=budget", 1),
    ] {
        let (s, _, csv) = get(&state, &format!("/v1/decisions.csv?{q}")).await;
        assert_eq!((s, rows(&csv).len() - 1), (200, n), "{q}");
        let (_, _, json) = get(&state, &format!("/v1/decisions?{q}")).await;
        let v: Value = serde_json::from_str(&json).unwrap();
        assert_eq!(v["total"], n, "{q} (JSON)");
    }
    for q in [
        "from=2025-3-4",
        "from=2025-03-05&to=2025-03-04",
        "verdict=maybe",
    ] {
        assert_eq!(
            get(&state, &format!("/v1/decisions.csv?{q}")).await.0,
            400,
            "{q}"
        );
    }

    let (s, _, csv) = get(&state, "/v1/meetings.csv?q=online&from=2025-03-01").await;
    assert_eq!(s, 200);
    let r = rows(&csv);
    assert_eq!(r.len(), 2, "{csv}");
    assert!(r[1].starts_with("m,cp-mop,"), "{}", r[1]);
    assert_eq!(
        rows(&get(&state, "/v1/meetings.csv?to=2025-01-01").await.2).len(),
        1
    );

    let (s, _, csv) = get(&state, "/v1/findings.csv?severity=violation").await;
    assert_eq!(s, 200);
    let r = rows(&csv);
    assert_eq!(r[0], "rule,severity,subject,message,evidence");
    assert!(
        r.iter()
            .any(|l| l.starts_with("P2.online_scope,violation,decision:s,")),
        "{csv}"
    );
    assert!(r[1..].iter().all(|l| l.contains(",violation,")));
    assert_eq!(get(&state, "/v1/findings.csv?severity=bad").await.0, 400);

    let (s, ctype, atom) = get(&state, "/feed.atom").await;
    assert_eq!(s, 200);
    assert!(ctype.starts_with("application/atom+xml"), "{ctype}");
    assert!(atom
        .contains("<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:base=\"http://ledger.test/\">"));
    assert_eq!(
        atom.matches("<entry>").count(),
        atom.matches("</entry>").count()
    );
    assert!(
        atom.contains("<title>Decision s: out of scope</title>"),
        "{atom}"
    );
    assert!(atom.contains("<link href=\"http://ledger.test/decisions/b\"/>"));
    assert!(atom.contains("violation: P2.online_scope on decision:s"));
    // escaped, not raw markup
    assert!(atom.contains("=HYPERLINK(&quot;x&quot;) guidance") && !atom.contains("<script"));
    state.views.stop();
}
