//! Streams as an event store serves them (`GET /v1/streams/{stream}`) and the filtered live feed
//! (`GET /v1/feed?stream=&type=`), through the router, on a real store.

use axum::body::Body;
use axum::http::{Request, StatusCode};
use http_body_util::BodyExt;
use ledger_http::router;
use ledger_proof::Envelope;
use serde_json::{json, Value};
use std::time::Duration;
use tower::ServiceExt;

mod common;

use common::{fixture, Fixture};

impl Fixture {
    async fn append(&self, event: Value) -> u64 {
        let env = Envelope::sign(event.to_string().as_bytes(), &[&self.sec]);
        self.state.store.append(env).await.unwrap().index
    }

    /// The log of every test below (indices in comments):
    /// 2 party.registered party/a v1; 3 party.registered party/b v1; 4 party.updated party/a v2;
    /// 5 body.registered body/b1 v1; 6 party.registered (no stream); 7 party.registered party/a v3.
    async fn populate(&self) {
        let reg = |id: &str, pid: &str| json!({"id": id, "type": "party.registered", "data": {"party_id": pid, "name": pid}});
        let mut a = reg("a1", "party-a");
        a["stream"] = json!("party/a");
        a["expected_version"] = json!(0);
        assert_eq!(self.append(a).await, 2);
        let mut b = reg("b1", "party-b");
        b["stream"] = json!("party/b");
        assert_eq!(self.append(b).await, 3);
        let upd = json!({"id": "a2", "type": "party.updated", "stream": "party/a", "expected_version": 1,
            "data": {"party_id": "party-a", "withdrawn_on": "2030-01-01"}});
        assert_eq!(self.append(upd).await, 4);
        let body = json!({"id": "body-1", "type": "body.registered", "stream": "body/b1",
            "data": {"body_id": "b1", "name": "Body one", "kind": "cop_mop"}});
        assert_eq!(self.append(body).await, 5);
        assert_eq!(self.append(reg("c1", "party-c")).await, 6);
        let mut d = reg("a3", "party-d");
        d["stream"] = json!("party/a");
        d["expected_version"] = json!(2);
        assert_eq!(self.append(d).await, 7);
    }
}

async fn get(f: &Fixture, uri: &str) -> (StatusCode, String, Value) {
    let req = Request::get(uri).body(Body::empty()).unwrap();
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

fn line(f: &Fixture, index: u64) -> String {
    String::from_utf8(f.state.store.reader().entry(index).unwrap().unwrap()).unwrap()
}

fn items(v: &Value) -> Vec<(u64, u64, String, String)> {
    v["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| {
            (
                i["version"].as_u64().unwrap(),
                i["index"].as_u64().unwrap(),
                i["type"].as_str().unwrap().to_owned(),
                i["id"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

#[tokio::test]
async fn a_stream_reads_in_version_order_with_paging_and_only_its_events() {
    let f = fixture().await;
    f.populate().await;
    let (s, ct, v) = get(&f, "/v1/streams/party/a").await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(ct, "application/json");
    assert_eq!(v["stream"], "party/a");
    assert_eq!(v["version"], 3);
    assert_eq!(
        items(&v),
        vec![
            (1, 2, "party.registered".into(), "a1".into()),
            (2, 4, "party.updated".into(), "a2".into()),
            (3, 7, "party.registered".into(), "a3".into()),
        ]
    );
    for item in v["items"].as_array().unwrap() {
        let index = item["index"].as_u64().unwrap();
        assert_eq!(item["entry"].as_str().unwrap(), line(&f, index));
        // keys in sorted order, as every JSON route writes them
        let keys: Vec<&String> = item.as_object().unwrap().keys().collect();
        assert_eq!(keys, ["entry", "id", "index", "type", "version"]);
    }
    // the slash may be percent-encoded
    let (_, _, same) = get(&f, "/v1/streams/party%2Fa").await;
    assert_eq!(same, v);
    // paging: from and limit
    let (_, _, p) = get(&f, "/v1/streams/party/a?from=2&limit=1").await;
    assert_eq!(p["version"], 3);
    assert_eq!(items(&p), vec![(2, 4, "party.updated".into(), "a2".into())]);
    let (_, _, p) = get(&f, "/v1/streams/party/a?from=3&limit=10").await;
    assert_eq!(
        items(&p),
        vec![(3, 7, "party.registered".into(), "a3".into())]
    );
    let (s, _, p) = get(&f, "/v1/streams/party/a?from=4").await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!((p["version"].clone(), items(&p).len()), (json!(3), 0));
    let (_, _, p) = get(&f, "/v1/streams/party/a?limit=0").await;
    assert_eq!(items(&p).len(), 0);
    // other streams
    let (_, _, b) = get(&f, "/v1/streams/party/b").await;
    assert_eq!(b["version"], 1);
    assert_eq!(
        items(&b),
        vec![(1, 3, "party.registered".into(), "b1".into())]
    );
    let (_, _, b) = get(&f, "/v1/streams/body/b1").await;
    assert_eq!(
        items(&b),
        vec![(1, 5, "body.registered".into(), "body-1".into())]
    );
}

#[tokio::test]
async fn unknown_streams_are_404_and_bad_parameters_400() {
    let f = fixture().await;
    f.populate().await;
    for uri in ["/v1/streams/party/zz", "/v1/streams/party", "/v1/streams/a"] {
        let (s, ct, v) = get(&f, uri).await;
        assert_eq!(s, StatusCode::NOT_FOUND, "{uri}: {v}");
        assert_eq!(ct, "application/problem+json");
        assert!(v["detail"].as_str().unwrap().contains("no event"), "{v}");
    }
    for (uri, needle) in [
        ("/v1/streams/party/a?from=x", "from"),
        ("/v1/streams/party/a?from=0", "from"),
        ("/v1/streams/party/a?from=-1", "from"),
        ("/v1/streams/party/a?limit=ten", "limit"),
        ("/v1/streams/party%01a", "stream name"),
    ] {
        let (s, ct, v) = get(&f, uri).await;
        assert_eq!(s, StatusCode::BAD_REQUEST, "{uri}: {v}");
        assert_eq!(ct, "application/problem+json");
        assert!(v["detail"].as_str().unwrap().contains(needle), "{uri}: {v}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_long_stream_pages_by_at_most_1000() {
    let f = fixture().await;
    let mut tasks = Vec::new();
    for i in 0..1005 {
        let store = f.state.store.clone();
        let sec = f.sec.clone();
        tasks.push(tokio::spawn(async move {
            let ev = json!({"id": format!("p{i}"), "type": "party.registered", "stream": "bulk",
                "data": {"party_id": format!("party-{i}"), "name": "x"}});
            store
                .append(Envelope::sign(ev.to_string().as_bytes(), &[&sec]))
                .await
                .unwrap()
        }));
    }
    for t in tasks {
        t.await.unwrap();
    }
    // a limit above the maximum is clamped, as /v1/entries does
    let (_, _, v) = get(&f, "/v1/streams/bulk?limit=5000").await;
    assert_eq!(v["version"], 1005);
    let got = items(&v);
    assert_eq!(got.len(), 1000);
    assert_eq!(
        got.iter().map(|i| i.0).collect::<Vec<_>>(),
        (1..=1000).collect::<Vec<_>>()
    );
    // versions follow the log order
    assert!(got.windows(2).all(|w| w[0].1 < w[1].1));
    let (_, _, rest) = get(&f, "/v1/streams/bulk?from=1001").await;
    assert_eq!(
        items(&rest).iter().map(|i| i.0).collect::<Vec<_>>(),
        vec![1001, 1002, 1003, 1004, 1005]
    );
}

/// An open SSE response body, read block by block.
struct Feed {
    body: Body,
    buf: String,
}

#[derive(Debug, PartialEq)]
enum Sse {
    Entry(u64, String),
    CaughtUp,
}

impl Feed {
    async fn open(f: &Fixture, uri: &str, last_event_id: Option<u64>) -> Feed {
        let mut req = Request::get(uri);
        if let Some(id) = last_event_id {
            req = req.header("last-event-id", id.to_string());
        }
        let resp = router(f.state.clone())
            .oneshot(req.body(Body::empty()).unwrap())
            .await
            .unwrap();
        assert_eq!(resp.status(), StatusCode::OK);
        Feed {
            body: resp.into_body(),
            buf: String::new(),
        }
    }

    /// The next event (keep-alive comments skipped); `None` if nothing comes within `wait`.
    async fn next(&mut self, wait: Duration) -> Option<Sse> {
        loop {
            if let Some(end) = self.buf.find("\n\n") {
                let block: String = self.buf.drain(..end + 2).collect();
                let (mut id, mut data, mut event) = (None, String::new(), None);
                for l in block.lines() {
                    if let Some(v) = l.strip_prefix("id:") {
                        id = Some(v.trim().parse::<u64>().unwrap());
                    } else if let Some(v) = l.strip_prefix("data:") {
                        data = v.trim_start().to_owned();
                    } else if let Some(v) = l.strip_prefix("event:") {
                        event = Some(v.trim().to_owned());
                    }
                }
                match (event.as_deref(), id) {
                    (Some("caught-up"), _) => return Some(Sse::CaughtUp),
                    (None, Some(i)) => return Some(Sse::Entry(i, data)),
                    _ => continue,
                }
            }
            let frame = tokio::time::timeout(wait, self.body.frame()).await.ok()??;
            if let Ok(bytes) = frame.unwrap().into_data() {
                self.buf.push_str(std::str::from_utf8(&bytes).unwrap());
            }
        }
    }

    /// The ids of history up to the caught-up marker (each entry's data checked against the log).
    async fn history(&mut self, f: &Fixture) -> Vec<u64> {
        let mut ids = Vec::new();
        loop {
            match self
                .next(Duration::from_secs(10))
                .await
                .expect("feed stalled")
            {
                Sse::CaughtUp => return ids,
                Sse::Entry(i, data) => {
                    assert_eq!(data, line(f, i));
                    ids.push(i);
                }
            }
        }
    }
}

#[tokio::test]
async fn the_feed_filters_by_stream_by_types_and_both_and_resumes() {
    let f = fixture().await;
    f.populate().await;
    let cases: &[(&str, Option<u64>, &[u64])] = &[
        ("/v1/feed", None, &[0, 1, 2, 3, 4, 5, 6, 7]),
        ("/v1/feed?stream=party/a", None, &[2, 4, 7]),
        ("/v1/feed?stream=party%2Fb", None, &[3]),
        ("/v1/feed?stream=party/zz", None, &[]),
        ("/v1/feed?type=party.updated", None, &[4]),
        ("/v1/feed?type=party.registered", None, &[2, 3, 6, 7]),
        ("/v1/feed?type=party.updated,body.registered", None, &[4, 5]),
        (
            "/v1/feed?type=body.registered,key.registered,ledger.genesis",
            None,
            &[0, 1, 5],
        ),
        (
            "/v1/feed?stream=party/a&type=party.registered",
            None,
            &[2, 7],
        ),
        ("/v1/feed?stream=party/b&type=party.updated", None, &[]),
        // resume strictly after an id, with filters
        ("/v1/feed?type=party.registered", Some(2), &[3, 6, 7]),
        ("/v1/feed?type=party.registered&after=3", None, &[6, 7]),
        ("/v1/feed?stream=party/a", Some(2), &[4, 7]),
        ("/v1/feed?stream=party/a&after=4", None, &[7]),
        ("/v1/feed?stream=party/a", Some(7), &[]),
        (
            "/v1/feed?stream=party/a&type=party.registered&after=2",
            None,
            &[7],
        ),
    ];
    for (uri, last, want) in cases {
        let mut feed = Feed::open(&f, uri, *last).await;
        assert_eq!(
            feed.history(&f).await,
            want.to_vec(),
            "{uri} after {last:?}"
        );
    }
}

#[tokio::test]
async fn bad_feed_filters_are_400_naming_the_fault() {
    let f = fixture().await;
    for (uri, needle) in [
        ("/v1/feed?type=party.registered,nope", "\"nope\""),
        ("/v1/feed?type=decision", "\"decision\""),
        ("/v1/feed?stream=a%00b", "stream"),
        ("/v1/feed?stream=party/a&after=x", "after"),
    ] {
        let (s, ct, v) = get(&f, uri).await;
        assert_eq!(s, StatusCode::BAD_REQUEST, "{uri}: {v}");
        assert_eq!(ct, "application/problem+json");
        assert!(v["detail"].as_str().unwrap().contains(needle), "{uri}: {v}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_filtered_live_feed_sends_new_matching_entries_only() {
    let f = fixture().await;
    f.populate().await;
    let mut by_type = Feed::open(&f, "/v1/feed?type=party.updated", None).await;
    assert_eq!(by_type.history(&f).await, vec![4]);
    let mut by_stream = Feed::open(&f, "/v1/feed?stream=party/b", None).await;
    assert_eq!(by_stream.history(&f).await, vec![3]);
    // not matching either feed
    let other = json!({"id": "e1", "type": "party.registered", "stream": "party/e", "data": {"party_id": "party-e", "name": "e"}});
    assert_eq!(f.append(other).await, 8);
    let quiet = Duration::from_millis(300);
    assert_eq!(by_type.next(quiet).await, None);
    assert_eq!(by_stream.next(quiet).await, None);
    // matching the type feed, not the stream feed
    let upd = json!({"id": "e2", "type": "party.updated", "stream": "party/e",
        "data": {"party_id": "party-e", "withdrawn_on": "2031-01-01"}});
    assert_eq!(f.append(upd).await, 9);
    // matching the stream feed only
    let b2 = json!({"id": "b2", "type": "party.updated", "stream": "party/b",
        "data": {"party_id": "party-b", "withdrawn_on": "2031-01-01"}});
    assert_eq!(f.append(b2).await, 10);
    let wait = Duration::from_secs(10);
    assert_eq!(by_type.next(wait).await, Some(Sse::Entry(9, line(&f, 9))));
    assert_eq!(by_type.next(wait).await, Some(Sse::Entry(10, line(&f, 10))));
    assert_eq!(
        by_stream.next(wait).await,
        Some(Sse::Entry(10, line(&f, 10)))
    );
    assert_eq!(by_stream.next(quiet).await, None);
    assert_eq!(by_type.next(quiet).await, None);
}
