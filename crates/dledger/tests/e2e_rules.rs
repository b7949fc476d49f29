//! The rules end to end: `serve --demo` builds a ledger from the historical cases; the findings
//! an append raises come back in its acknowledgement; `GET /v1/audit` equals `dledger audit
//! --json` on an export; `dledger verify --strict` exits 3 on an intact log with violations.

mod common;

use common::*;
use serde_json::{json, Value};

#[test]
fn demo_audit_findings_and_strict_verify() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let server = Server::start_with(&data, &["--demo"]);
    let http = Http::new(&server.url);
    assert!(http.size() > 100, "the demo holds the cases");

    // An append's acknowledgement carries the findings it raised: a substantive decision in the
    // online session of C5 Part I.
    let sec = read_key(&data.join("keys/secretariat.skey"));
    let audit: Value = serde_json::from_str(&http.get("/v1/audit").1).unwrap();
    let c5 = audit["decisions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["decision_id"] == "c5-cp-mop10-interim-budget-2022")
        .unwrap()
        .clone();
    let (_, entries) = http.get("/v1/entries?start=0&limit=1000");
    let session_id = entries
        .lines()
        .filter_map(|l| serde_json::from_str::<Value>(l).ok())
        .filter_map(|e| {
            let payload = ledger_proof::b64_decode(e["envelope"]["payload"].as_str()?).ok()?;
            serde_json::from_slice::<Value>(&payload).ok()
        })
        .find(|ev| {
            ev["type"] == "decision.adopted" && ev["data"]["decision_id"] == c5["decision_id"]
        })
        .map(|ev| {
            ev["data"]["via"]["session_id"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .expect("the C5 budget decision names its session");
    let ev = json!({"id": "e2e-subst", "type": "decision.adopted", "data": {"decision_id": "e2e-subst", "meeting_id": c5["meeting_id"],
        "title": "a substantive decision", "category": "substantive", "via": {"session_id": session_id}, "method": "consensus",
        "adopted_at": "2021-10-15T08:00:00Z", "text_digest": format!("blake3:{}", "ab".repeat(32))}});
    let (s, ack) = http.post(&envelope(&ev, &[&sec]));
    assert_eq!(s, 201, "{ack}");
    let rules: Vec<&str> = ack["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule"].as_str().unwrap())
        .collect();
    assert!(rules.contains(&"P2.online_scope"), "{rules:?}");
    assert!(rules.contains(&"L.retrospective"), "{rules:?}");
    // read-your-writes: the audit served right after the ack has the new verdict
    let audit: Value = serde_json::from_str(&http.get("/v1/audit").1).unwrap();
    let d = audit["decisions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["decision_id"] == "e2e-subst")
        .unwrap();
    assert_eq!(d["verdict"], "out_of_scope");
    assert_eq!(d["venue"], "hybrid");

    // The server's audit is the offline audit of its export, byte for byte as JSON values.
    let exp = tmp.path().join("export");
    let o = dledger(&[
        "export",
        "--server",
        &server.url,
        "--out",
        exp.to_str().unwrap(),
    ]);
    assert!(o.status.success());
    let o = dledger(&["audit", exp.to_str().unwrap(), "--json"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let offline: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(offline, audit, "server and offline audits differ");
    assert_eq!(
        offline["settings"]["silence_min_hours"],
        json!(72),
        "settings are echoed"
    );

    // For people: decisions grouped, verdict first, each finding with rule, reason, evidence.
    let o = dledger(&["audit", exp.to_str().unwrap()]);
    let text = stdout(&o);
    assert!(text.contains("OUT OF SCOPE  decision e2e-subst"), "{text}");
    assert!(text.contains("P2.online_scope"), "{text}");
    assert!(text.contains("evidence entries"), "{text}");

    // verify: intact (0); --strict with violations (3); --json carries the audit.
    let vk = std::fs::read_to_string(exp.join("log.vkey")).unwrap();
    let o = dledger(&["verify", exp.to_str().unwrap(), "--log-vkey", vk.trim()]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    assert!(stdout(&o).contains("out of scope"), "{}", stdout(&o));
    let o = dledger(&[
        "verify",
        exp.to_str().unwrap(),
        "--log-vkey",
        vk.trim(),
        "--strict",
    ]);
    assert_eq!(o.status.code(), Some(3), "{}", stdout(&o));
    let o = dledger(&["verify", exp.to_str().unwrap(), "--json"]);
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["intact"], json!(true));
    assert_eq!(v["audit"], audit);
    // a mismatching log.vkey in the export is caught
    std::fs::write(
        exp.join("log.vkey"),
        format!("{}\n", key("localhost/dledger", 42).verifier()),
    )
    .unwrap();
    let o = dledger(&["verify", exp.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stdout(&o).contains("checkpoint: log.vkey"),
        "{}",
        stdout(&o)
    );

    // restarting with --demo serves the same ledger, it does not append the cases twice
    let size = http.size();
    assert_eq!(server.stop().code(), Some(0));
    let server = Server::start_with(&data, &["--demo"]);
    assert_eq!(Http::new(&server.url).size(), size);
    server.kill();
}
