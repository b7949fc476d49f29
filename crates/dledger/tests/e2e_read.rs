//! The read side over real HTTP against the demo data: every read route with its filters,
//! paging and 404s; the live feed resumed after a disconnect without a gap or a repeat; receipts
//! verified offline and refused when altered; read-your-writes.

mod common;

use common::*;
use serde_json::{json, Value};
use std::io::{BufRead, BufReader, Read, Write};

fn get_json(http: &Http, path: &str) -> (u16, Value) {
    let (s, body) = http.get(path);
    (
        s,
        serde_json::from_str(&body).unwrap_or(Value::String(body)),
    )
}

fn items(v: &Value) -> Vec<Value> {
    v["items"].as_array().unwrap().clone()
}

#[test]
fn read_routes_on_the_demo() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let server = Server::start_with(&data, &["--demo"]);
    let http = Http::new(&server.url);

    // meetings: list, filters, paging, detail, 404
    let (s, all) = get_json(&http, "/v1/meetings?limit=1000");
    assert_eq!(s, 200);
    let total = all["total"].as_u64().unwrap();
    assert!(total >= 10, "{total}");
    let (_, page1) = get_json(&http, "/v1/meetings?limit=3&offset=0");
    let (_, page2) = get_json(&http, "/v1/meetings?limit=3&offset=3");
    assert_eq!(items(&page1).len(), 3);
    assert_eq!(page1["total"], json!(total));
    assert_eq!(
        items(&page2)[0]["meeting_id"],
        items(&all)[3]["meeting_id"],
        "pages follow log order"
    );
    let (_, limited) = get_json(&http, "/v1/meetings?body=ahteg-ra&limit=100");
    assert!(items(&limited).iter().all(|m| m["body_id"] == "ahteg-ra"));
    let (_, online) = get_json(&http, "/v1/meetings?mode=online&limit=1000");
    assert!(!items(&online).is_empty() && items(&online).iter().all(|m| m["mode"] == "online"));
    let (_, ex) = get_json(&http, "/v1/meetings?kind=extraordinary");
    assert!(items(&ex)
        .iter()
        .any(|m| m["meeting_id"] == "c1-cp-exmop-1"));
    let (s, bad) = get_json(&http, "/v1/meetings?mode=virtual");
    assert_eq!(s, 400, "{bad}");
    let (s, m) = get_json(&http, "/v1/meetings/c1-cp-exmop-1");
    assert_eq!(s, 200);
    assert_eq!(m["kind"], "extraordinary");
    assert_eq!(m["procedures"], json!(["c1-sp-interim-budget-2021"]));
    assert!(!m["bureau_decisions"].as_array().unwrap().is_empty());
    let (s, c2) = get_json(&http, "/v1/meetings/c2-sbstta-special-2020");
    assert_eq!(s, 200);
    let sessions = c2["sessions"].as_array().unwrap();
    assert!(!sessions.is_empty());
    assert!(
        sessions
            .iter()
            .all(|s| s["webcast_coverage"]["covered_percent"] == 100),
        "{c2}"
    );
    assert_eq!(c2["night_shares"]["regions"].as_object().unwrap().len(), 5);
    assert!(c2["findings"]
        .as_array()
        .unwrap()
        .iter()
        .any(|f| f["rule"] == "P7.time_zones"));
    let (s, nf) = get_json(&http, "/v1/meetings/no-such-meeting");
    assert_eq!((s, nf["status"].as_u64()), (404, Some(404)));

    // decisions: list, filters, detail, 404
    // four historical decisions, then the illustrative scenario's three
    let (_, ds) = get_json(&http, "/v1/decisions");
    assert_eq!(ds["total"], json!(7));
    let (_, budget) = get_json(&http, "/v1/decisions?category=budgetary");
    assert_eq!(budget["total"], json!(5));
    let (_, subst) = get_json(
        &http,
        "/v1/decisions?category=substantive&verdict=out_of_scope",
    );
    assert_eq!(
        items(&subst)[0]["decision_id"],
        "c5v-hypothetical-substantive-decision"
    );
    let (_, silence) = get_json(&http, "/v1/decisions?venue=silence");
    assert_eq!(
        items(&silence)[0]["decision_id"],
        "c1-cp-exmop-1-interim-budget-2021"
    );
    // no historical decision is within scope (the record is silent on what it needs); the
    // illustrative scenario's two budget decisions are
    let (_, within) = get_json(&http, "/v1/decisions?verdict=within_scope");
    assert_eq!(within["total"], json!(2));
    assert!(items(&within).iter().all(|d| d["decision_id"]
        .as_str()
        .unwrap()
        .starts_with("illustrative-")));
    let (s, period) = get_json(&http, "/v1/periods/illustrative-2026-h1");
    assert_eq!((s, period["holds"].clone()), (200, json!(true)));
    let (_, by_meeting) = get_json(&http, "/v1/decisions?meeting=c5v-cp-mop10-part1");
    assert_eq!(by_meeting["total"], json!(2));
    let (_, p) = get_json(&http, "/v1/decisions?limit=1&offset=1");
    assert_eq!(items(&p).len(), 1);
    let (s, _) = get_json(&http, "/v1/decisions?verdict=maybe");
    assert_eq!(s, 400);
    let (s, d) = get_json(&http, "/v1/decisions/c5v-hypothetical-substantive-decision");
    assert_eq!(s, 200);
    assert_eq!(d["verdict"], "out_of_scope");
    assert!(d["findings"]
        .as_array()
        .unwrap()
        .iter()
        .any(|f| f["rule"] == "P2.online_scope"));
    assert!(d["evidence"].as_array().unwrap().contains(&d["index"]));
    assert!(d["endorsing_members"].is_array());
    let (s, _) = get_json(&http, "/v1/decisions/nope");
    assert_eq!(s, 404);

    // silence procedure: two rounds, the first broken, the second adopted
    let (s, sp) = get_json(&http, "/v1/silence/c1-sp-interim-budget-2021");
    assert_eq!(s, 200);
    let rounds = sp["rounds"].as_array().unwrap();
    assert_eq!(rounds.len(), 2);
    assert_eq!(
        (rounds[0]["broken"].clone(), rounds[1]["broken"].clone()),
        (json!(true), json!(false))
    );
    assert_eq!(rounds[0]["objections"][0]["qualifying"], json!(true));
    assert_eq!(sp["outcome"], "adopted");
    let (s, _) = get_json(&http, "/v1/silence/nope");
    assert_eq!(s, 404);

    // a Party
    let objector = rounds[0]["objections"][0]["party_id"]
        .as_str()
        .unwrap()
        .to_string();
    let (s, party) = get_json(&http, &format!("/v1/parties/{objector}"));
    assert_eq!(s, 200);
    assert_eq!(
        party["objections"][0]["procedure_id"],
        "c1-sp-interim-budget-2021"
    );
    let (s, _) = get_json(&http, "/v1/parties/nope");
    assert_eq!(s, 404);

    // OpenAPI and the offline docs page
    let (s, doc) = get_json(&http, "/openapi.json");
    assert_eq!(s, 200);
    for path in [
        "/v1/events",
        "/v1/meetings/{id}",
        "/v1/decisions/{id}/receipt",
        "/v1/feed",
        "/v1/audit",
    ] {
        assert!(
            doc["paths"][path].is_object(),
            "{path} missing from the OpenAPI document"
        );
    }
    assert!(doc["components"]["schemas"]["event.decision.adopted"].is_object());
    let (s, page) = http.get("/docs/");
    assert_eq!(s, 200);
    assert!(page.contains("swagger-ui"));
    assert!(
        !page.contains("https://"),
        "the docs page loads nothing from the internet"
    );

    // receipts: verified offline; an altered byte is refused
    let (s, receipt) = http.get("/v1/decisions/c1-cp-exmop-1-interim-budget-2021/receipt");
    assert_eq!(s, 200);
    let file = tmp.path().join("receipt.json");
    std::fs::write(&file, &receipt).unwrap();
    let vkey = data.join("keys/log.vkey");
    let o = dledger(&[
        "verify-receipt",
        file.to_str().unwrap(),
        "--log-vkey",
        vkey.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    assert!(
        stdout(&o).starts_with("OUT OF SCOPE  decision c1-cp-exmop-1-interim-budget-2021"),
        "{}",
        stdout(&o)
    );
    let bytes = receipt.into_bytes();
    let targets = [
        bytes
            .windows(12)
            .position(|w| w == b"out_of_scope")
            .unwrap()
            + 1,
        bytes.windows(9).position(|w| w == b"\"entries\"").unwrap() + 40,
        bytes.len() / 2,
        bytes.len() - 3,
        0,
    ];
    for at in targets {
        let mut altered = bytes.clone();
        altered[at] = if altered[at] == b'A' { b'B' } else { b'A' };
        std::fs::write(&file, &altered).unwrap();
        let o = dledger(&[
            "verify-receipt",
            file.to_str().unwrap(),
            "--log-vkey",
            vkey.to_str().unwrap(),
        ]);
        assert_eq!(
            o.status.code(),
            Some(1),
            "byte {at} altered: {}",
            stdout(&o)
        );
        assert!(
            stdout(&o).contains("receipt does not hold"),
            "{}",
            stdout(&o)
        );
    }
    // the wrong trust anchor
    std::fs::write(&file, &bytes).unwrap();
    let other = key("localhost/dledger", 77).verifier().to_string();
    let o = dledger(&[
        "verify-receipt",
        file.to_str().unwrap(),
        "--log-vkey",
        &other,
    ]);
    assert_eq!(o.status.code(), Some(1));

    // read-your-writes: append, then read the decision at once
    let sec = read_key(&data.join("keys/secretariat.skey"));
    let session = c2_or_any_online_session(&http);
    let ev = json!({"id": "ryw-1", "type": "decision.adopted", "data": {"decision_id": "ryw-1", "meeting_id": session.0,
        "title": "t", "category": "substantive", "via": {"session_id": session.1}, "method": "consensus",
        "adopted_at": session.2, "text_digest": format!("blake3:{}", "cd".repeat(32))}});
    let (s, ack) = http.post(&envelope(&ev, &[&sec]));
    assert_eq!(s, 201, "{ack}");
    let (s, d) = get_json(&http, "/v1/decisions/ryw-1");
    assert_eq!(
        s, 200,
        "the decision is readable right after its acknowledgement"
    );
    assert_eq!(d["verdict"], "out_of_scope");
    assert!(d["findings"]
        .as_array()
        .unwrap()
        .iter()
        .any(|f| f["rule"] == "P2.online_scope"));
    server.kill();
}

/// (meeting, session, a time inside it) of some online session of a governed body in the demo.
fn c2_or_any_online_session(http: &Http) -> (String, String, String) {
    let (_, all) = get_json(http, "/v1/meetings?online=true&limit=1000");
    for m in items(&all) {
        if m["body_kind"] != "cop_mop" && m["body_kind"] != "subsidiary_body" {
            continue;
        }
        let (_, detail) = get_json(
            http,
            &format!("/v1/meetings/{}", m["meeting_id"].as_str().unwrap()),
        );
        if let Some(s) = detail["sessions"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["mode"] == "online")
        {
            return (
                m["meeting_id"].as_str().unwrap().into(),
                s["session_id"].as_str().unwrap().into(),
                s["started_at"].as_str().unwrap().into(),
            );
        }
    }
    panic!("no online session in the demo");
}

/// Reads SSE events (id, data) from a raw HTTP response until `n` entries or the caught-up marker.
fn read_events(
    stream: &mut BufReader<std::net::TcpStream>,
    n: usize,
    stop_at_marker: bool,
) -> (Vec<(u64, String)>, bool) {
    let mut out = Vec::new();
    let (mut id, mut event, mut data) = (None, None::<String>, String::new());
    let mut line = String::new();
    loop {
        line.clear();
        if stream.read_line(&mut line).unwrap_or(0) == 0 {
            return (out, false);
        }
        let l = line.trim_end_matches(['\r', '\n']);
        if l.is_empty() {
            if event.as_deref() == Some("caught-up") && stop_at_marker {
                return (out, true);
            }
            if let Some(i) = id.take() {
                out.push((i, std::mem::take(&mut data)));
                if out.len() == n {
                    return (out, false);
                }
            }
            event = None;
            data.clear();
        } else if let Some(v) = l.strip_prefix("id: ").or_else(|| l.strip_prefix("id:")) {
            id = v.trim().parse().ok();
        } else if let Some(v) = l
            .strip_prefix("event: ")
            .or_else(|| l.strip_prefix("event:"))
        {
            event = Some(v.trim().to_string());
        } else if let Some(v) = l.strip_prefix("data: ").or_else(|| l.strip_prefix("data:")) {
            data.push_str(v);
        }
    }
}

fn open_feed(url: &str, last_event_id: Option<u64>) -> BufReader<std::net::TcpStream> {
    let header = last_event_id
        .map(|i| format!("Last-Event-ID: {i}\r\n"))
        .unwrap_or_default();
    open_raw(url, "/v1/feed", &header)
}

fn open_feed_path(url: &str, path: &str) -> BufReader<std::net::TcpStream> {
    open_raw(url, path, "")
}

fn open_raw(url: &str, path: &str, header: &str) -> BufReader<std::net::TcpStream> {
    let addr = url.trim_start_matches("http://");
    let mut s = std::net::TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(std::time::Duration::from_secs(10)))
        .unwrap();
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\nAccept: text/event-stream\r\n{header}\r\n"
    )
    .unwrap();
    let mut r = BufReader::new(s);
    // skip the response head
    let mut line = String::new();
    loop {
        line.clear();
        r.read_line(&mut line).unwrap();
        if line == "\r\n" {
            break;
        }
    }
    r
}

#[test]
fn the_feed_resumes_after_a_disconnect_without_gap_or_repeat() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let server = Server::start_with(&data, &["--demo"]);
    let http = Http::new(&server.url);
    let size = http.size();
    // read part of history, then hang up mid-stream
    let mut first = open_feed(&server.url, None);
    let (got, _) = read_events(&mut first, 40, false);
    assert_eq!(
        got.iter().map(|(i, _)| *i).collect::<Vec<_>>(),
        (0..40).collect::<Vec<_>>()
    );
    drop(first);
    // resume strictly after the last id seen, through the rest of history and the marker
    let mut second = open_feed(&server.url, Some(39));
    let (rest, marker) = read_events(&mut second, usize::MAX, true);
    assert!(marker, "a caught-up marker follows history");
    assert_eq!(
        rest.iter().map(|(i, _)| *i).collect::<Vec<_>>(),
        (40..size).collect::<Vec<_>>()
    );
    // each data line is the entry line, byte-exact
    let (_, line) = http.get(&format!("/v1/entries?start={}&limit=1", size - 1));
    assert_eq!(format!("{}\n", rest.last().unwrap().1), line);
    // live: a new append arrives on the open stream
    let sec = read_key(&data.join("keys/secretariat.skey"));
    let (s, _) = http.post(&envelope(&json!({"id": "live-1", "type": "party.registered", "data": {"party_id": "live-party", "name": "Live"}}), &[&sec]));
    assert_eq!(s, 201);
    let (live, _) = read_events(&mut second, 1, false);
    assert_eq!(live[0].0, size);
    let mut buf = [0u8; 1];
    let _ = second.get_mut().set_nonblocking(true);
    let _ = second.read(&mut buf);
    // ?after= works too
    let mut third = open_feed_path(&server.url, &format!("/v1/feed?after={}", size - 1));
    let (tail, _) = read_events(&mut third, 1, false);
    assert_eq!(tail[0].0, size);
    server.kill();
}
