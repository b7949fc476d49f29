//! `/openapi.json` describes every JSON response body by a schema generated from the typed
//! views (not by prose alone), and every schema it references is in the document.

use serde_json::Value;

fn refs(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::Object(m) => {
            if let Some(Value::String(r)) = m.get("$ref") {
                out.push(r.clone());
            }
            m.values().for_each(|x| refs(x, out));
        }
        Value::Array(a) => a.iter().for_each(|x| refs(x, out)),
        _ => {}
    }
}

#[test]
fn every_json_response_has_a_schema_and_every_reference_resolves() {
    let doc = ledger_http::openapi::document();
    let paths = doc["paths"].as_object().expect("paths");
    let mut json_bodies = 0;
    let mut missing = Vec::new();
    for (path, item) in paths {
        for (method, op) in item.as_object().expect("path item") {
            let Some(responses) = op["responses"].as_object() else {
                continue;
            };
            for (status, resp) in responses {
                if !status.starts_with('2') {
                    continue;
                }
                let Some(body) = resp.pointer("/content/application~1json") else {
                    continue;
                };
                json_bodies += 1;
                let schema = &body["schema"];
                let described = schema.get("$ref").is_some()
                    || schema.get("properties").is_some()
                    || schema.get("allOf").is_some();
                if !described {
                    missing.push(format!("{method} {path} {status}"));
                }
            }
        }
    }
    assert!(
        json_bodies >= 15,
        "found {json_bodies} JSON response bodies"
    );
    assert!(
        missing.is_empty(),
        "JSON responses without a schema: {missing:?}"
    );

    let mut all = Vec::new();
    refs(&doc, &mut all);
    let schemas = doc["components"]["schemas"]
        .as_object()
        .expect("components");
    for r in all
        .iter()
        .filter(|r| r.starts_with("#/components/schemas/"))
    {
        let name = r.trim_start_matches("#/components/schemas/");
        assert!(schemas.contains_key(name), "{r} does not resolve");
    }
    for name in [
        "Acknowledgement",
        "MeetingDetail",
        "DecisionDetail",
        "Audit",
        "Receipt",
        "Finding",
        "Envelope",
        "event.decision.adopted",
        "StreamPage",
        "StreamEvent",
    ] {
        assert!(schemas.contains_key(name), "component {name} missing");
    }
    // One stream's events (contract §7): the route, its typed body and the item's fields.
    let stream_ok = doc
        .pointer("/paths/~1v1~1streams~1{stream}/get/responses/200/content/application~1json/schema/$ref")
        .and_then(Value::as_str);
    assert_eq!(stream_ok, Some("#/components/schemas/StreamPage"));
    for field in ["entry", "id", "index", "type", "version"] {
        assert!(
            schemas["StreamEvent"]["properties"].get(field).is_some(),
            "StreamEvent lacks {field}"
        );
    }
    let feed_params: Vec<&str> = doc
        .pointer("/paths/~1v1~1feed/get/parameters")
        .and_then(Value::as_array)
        .expect("feed parameters")
        .iter()
        .filter_map(|p| p["name"].as_str())
        .collect();
    assert!(feed_params.contains(&"stream") && feed_params.contains(&"type"));
    // The typed views carry their fields: a renamed field changes this document.
    let meeting = &schemas["MeetingDetail"]["properties"];
    for field in [
        "meeting_id",
        "sessions",
        "night_shares",
        "virtual_mode_determination",
    ] {
        assert!(meeting.get(field).is_some(), "MeetingDetail lacks {field}");
    }
}
