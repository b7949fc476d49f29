//! The browser verifier (crates/ledger-wasm) answers as the command line does: the same receipts,
//! proofs and exports, good and altered, give the same outcome through `ledger_wasm` (the code the
//! `/verify` page runs, here built natively) as through `ledger_views::receipt::verify`,
//! `verify_entry_proof` and `verify_export` (the code `dledger verify-receipt`, `verify-proof` and
//! `verify` run), and a failure names the check that failed. The pages serve the module.

mod common;
use ledger_testkit as kit;

use axum::body::Body;
use axum::http::Request;
use ledger_http::{router, AppState};
use ledger_proof::SignerKey;
use ledger_wasm::{check_proof, check_receipt, DocumentDigest, ExportCheck, Outcome};
use tower::ServiceExt;

/// A compliant online meeting with a budget decision `b` (within scope) and a substantive one
/// `s` (out of scope), stored and served.
async fn fixture() -> common::Served {
    let mut l = kit::Ledger::new();
    kit::registry(&mut l);
    kit::compliant_online_meeting(&mut l, "m");
    for (id, category) in [("b", "budgetary"), ("s", "substantive")] {
        kit::Adoption {
            meeting: "m",
            id,
            session: "m-s1",
            category,
            method: "consensus",
            at: "2025-03-03T12:30:00Z",
        }
        .adopt(&mut l);
    }
    common::served(&l).await
}

async fn get(state: &AppState, path: &str) -> (u16, Vec<(String, String)>, Vec<u8>) {
    let req = Request::get(path).body(Body::empty()).unwrap();
    let res = router(state.clone()).oneshot(req).await.unwrap();
    let status = res.status().as_u16();
    let headers = res
        .headers()
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_str().unwrap_or("").to_owned()))
        .collect();
    let body = http_body_util::BodyExt::collect(res.into_body())
        .await
        .unwrap()
        .to_bytes()
        .to_vec();
    (status, headers, body)
}

fn failed_check(o: &Outcome) -> Option<&str> {
    o.checks
        .iter()
        .find(|c| c.ok == Some(false))
        .map(|c| c.name.as_str())
}

/// Another printable byte in place of byte `i`.
fn alter(bytes: &[u8], i: usize) -> Vec<u8> {
    let mut a = bytes.to_vec();
    a[i] = match bytes[i] {
        b'0'..=b'8' | b'a'..=b'y' | b'A'..=b'Y' => bytes[i] + 1,
        b'9' => b'0',
        b'z' => b'a',
        b'Z' => b'A',
        b'\n' => b' ',
        _ => b'x',
    };
    a
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn receipts_answer_as_verify_receipt_does() {
    let f = fixture().await;
    let vkey = f.log.verifier().to_string();
    let key = f.log.verifier();
    for (id, verdict) in [("b", "within_scope"), ("s", "out_of_scope")] {
        let r = ledger_http::read::build_receipt(&f.state, id)
            .await
            .unwrap();
        let bytes = r.to_bytes().unwrap();
        let o = check_receipt(&bytes, &vkey);
        assert!(o.ok, "{id}: {}", o.summary);
        assert_eq!(o.details["verdict"], verdict);
        assert_eq!(o.checks.len(), 7);
        assert!(o.checks.iter().all(|c| c.ok == Some(true)));
        // the decision's text is among the documents its entries name
        assert!(
            o.named
                .iter()
                .any(|n| n.digest == kit::digest(id) && n.field == "text_digest"),
            "{:?}",
            o.named
        );
        if id == "s" {
            // every single-byte change: refused by both, naming the check that failed
            for i in 0..bytes.len() {
                let a = alter(&bytes, i);
                let native = ledger_views::receipt::verify(&a, &key);
                let o = check_receipt(&a, &vkey);
                let err = native.expect_err("the command line refuses it");
                assert!(!o.ok, "byte {i} altered and the page accepts it");
                assert_eq!(failed_check(&o), Some(err.check()), "byte {i}: {err}");
                assert!(o.named.is_empty(), "nothing named by a receipt that fails");
            }
        }
    }
    // another log's key, and no key at all
    let other = SignerKey::from_seed("test.example/log", [2; 32])
        .unwrap()
        .verifier()
        .to_string();
    let r = ledger_http::read::build_receipt(&f.state, "b")
        .await
        .unwrap()
        .to_bytes()
        .unwrap();
    let o = check_receipt(&r, &other);
    assert!(!o.ok);
    assert_eq!(failed_check(&o), Some("log key"));
    let o = check_receipt(&r, "  ");
    assert!(!o.ok);
    assert_eq!(failed_check(&o), Some("trust anchor"));
    // a policy naming the log with no witness required holds; one requiring a witness it lacks
    // fails at the quorum, as `verify-receipt --policy` does
    let none = format!("log {vkey}\nquorum none\n");
    let o = check_receipt(&r, &none);
    assert!(o.ok, "{}", o.summary);
    let w = ledger_proof::cosig::CosignerSigner::from_seed("w.example", [9; 32]).unwrap();
    let strict = format!(
        "log {vkey}\nwitness w {} https://w.example/\nquorum w\n",
        w.verifier()
    );
    let o = check_receipt(&r, &strict);
    assert!(!o.ok);
    assert_eq!(failed_check(&o), Some("witness quorum"), "{}", o.summary);
    f.state.views.stop();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn proofs_and_exports_answer_as_the_command_line_does() {
    let f = fixture().await;
    let vkey = f.log.verifier().to_string();
    let trust = ledger_proof::tlogproof::Trust::Log(f.log.verifier());
    let size = f.state.store.reader().published().size;

    let (status, _, proof) = get(&f.state, &format!("/v1/entries/{}/proof", size - 1)).await;
    assert_eq!(status, 200);
    let o = check_proof(&proof, &vkey);
    assert!(o.ok, "{}", o.summary);
    assert_eq!(o.details["index"], size - 1);
    assert_eq!(o.named.len(), 1, "the last decision names its text");
    let text = String::from_utf8(proof.clone()).unwrap();
    for i in 0..proof.len() {
        let a = alter(&proof, i);
        let native = std::str::from_utf8(&a)
            .ok()
            .map(|t| ledger_proof::tlogproof::verify_entry_proof(t, &trust));
        let o = check_proof(&a, &vkey);
        assert!(
            !o.ok,
            "byte {i} of the proof altered and the page accepts it"
        );
        assert!(native.is_none_or(|r| r.is_err()));
        assert!(failed_check(&o).is_some());
    }
    assert!(ledger_proof::tlogproof::verify_entry_proof(&text, &trust).is_ok());

    // the export, fed in slices of every size from 1 byte to all at once
    let r = f.state.store.reader();
    let p = r.published();
    let mut entries = Vec::new();
    for l in r.entries(0, p.size).unwrap() {
        entries.extend_from_slice(&l);
        entries.push(b'\n');
    }
    let native = ledger_log::verify::verify_export::<ledger_rules::Model>(
        &entries,
        &p.checkpoint,
        Some(&f.log.verifier()),
        None,
    );
    assert!(native.intact());
    for step in [1, 7, 100, 4096, entries.len()] {
        let mut x = ExportCheck::new();
        let mut n = 0;
        for part in entries.chunks(step) {
            n = x.push(part);
        }
        assert_eq!(n, p.size);
        let o = x.finish(&p.checkpoint, &vkey);
        assert!(o.ok, "slices of {step}: {}", o.summary);
        assert_eq!(o.details["size"], p.size);
        let verdicts: Vec<&str> = o.details["decisions"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| d["verdict"].as_str().unwrap())
            .collect();
        assert_eq!(verdicts, ["within_scope", "out_of_scope"]);
        assert!(o.named.iter().any(|d| d.digest == kit::digest("note")));
    }
    // an altered line, a line dropped, another checkpoint: each fails at the check that names it
    let at = entries.len() / 2;
    let cases: Vec<(Vec<u8>, String, &str)> = vec![
        (alter(&entries, at), p.checkpoint.clone(), "entries"),
        (
            entries[..entries.len()
                - 1
                - entries[..entries.len() - 1]
                    .iter()
                    .rev()
                    .position(|b| *b == b'\n')
                    .unwrap()]
                .to_vec(),
            p.checkpoint.clone(),
            "checkpoint and root",
        ),
        (
            entries.clone(),
            f.state
                .store
                .reader()
                .published()
                .checkpoint
                .replace("test.example/log", "test.example/other"),
            "checkpoint and root",
        ),
    ];
    for (bytes, cp, check) in cases {
        let native = ledger_log::verify::verify_export::<ledger_rules::Model>(
            &bytes,
            &cp,
            Some(&f.log.verifier()),
            None,
        );
        let mut x = ExportCheck::new();
        x.push(&bytes);
        let o = x.finish(&cp, &vkey);
        assert!(!native.intact());
        assert!(!o.ok, "{check}");
        assert_eq!(failed_check(&o), Some(check), "{}", o.summary);
        assert!(o.named.is_empty());
    }

    // a document's digest, fed in slices, is `dledger digest`'s
    let doc = b"Decision text, as sent to the Parties.\n".repeat(1000);
    let mut d = DocumentDigest::default();
    for part in doc.chunks(333) {
        d.push(part);
    }
    assert_eq!(
        d.finish(),
        format!("blake3:{}", blake3::hash(&doc).to_hex())
    );
    f.state.views.stop();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_verifier_pages_are_served_self_contained() {
    let f = fixture().await;
    assert!(
        ledger_http::verifier::available(),
        "this build has the verifier (rustup target add wasm32-unknown-unknown)"
    );
    let (status, headers, wasm) = get(&f.state, "/verify.wasm").await;
    assert_eq!(status, 200);
    assert!(headers
        .iter()
        .any(|(k, v)| k == "content-type" && v == "application/wasm"));
    assert_eq!(&wasm[..4], b"\0asm", "a WebAssembly module");
    let (status, headers, page) = get(&f.state, "/verify.html").await;
    assert_eq!(status, 200);
    let page = String::from_utf8(page).unwrap();
    let csp = &headers
        .iter()
        .find(|(k, _)| k == "content-security-policy")
        .unwrap()
        .1;
    assert!(csp.contains("connect-src 'none'") && csp.contains("default-src 'none'"));
    assert!(
        page.contains(&format!("content=\"{csp}\"")),
        "the file keeps its policy when opened from disk"
    );
    assert!(
        page.contains(&ledger_proof::b64_encode(&wasm)),
        "the module is inlined"
    );
    for needle in [
        "<input id=\"input\" type=\"file\" multiple",
        "<textarea id=\"trust\"",
    ] {
        assert!(page.contains(needle), "{needle}");
    }
    // nothing in the file points outside it: no src= or href= to another document
    assert!(!page.contains(" src="), "no external script or image");
    for href in page.split("href=\"").skip(1) {
        let target = &href[..href.find('"').unwrap()];
        assert!(target == "data:,", "the file links to {target}");
    }
    let (status, _, served) = get(&f.state, "/verify").await;
    assert_eq!(status, 200);
    let served = String::from_utf8(served).unwrap();
    assert!(served.contains("data-wasm=\"/verify.wasm\"") && served.contains("/verify.html"));
    // entry and decision pages point to it
    let (_, _, entry) = get(&f.state, "/entries/3").await;
    assert!(String::from_utf8(entry)
        .unwrap()
        .contains("href=\"/verify\""));
    let (_, _, decision) = get(&f.state, "/decisions/b").await;
    assert!(String::from_utf8(decision)
        .unwrap()
        .contains("href=\"/verify\""));
    f.state.views.stop();
}
