//! Publication as C2SP tlog-tiles (issue 15, contract §9) through the real binary: the server's
//! `/tlog` (paths, widths, 404 beyond the tree, caching headers, gzip), `dledger publish`
//! (incremental, refuses a fork of what it published), `verify` and `import` of a tiles tree
//! (a directory and an http:// prefix), and tampered tiles refused.

mod common;

use common::*;
use serde_json::json;
use std::path::Path;

fn party(id: &str) -> serde_json::Value {
    json!({"id": id, "type": "party.registered", "data": {"party_id": id, "name": format!("Party {id}")}})
}

/// Appends `n` parties from 4 clients.
fn append(url: &str, sec: &ledger_proof::SignerKey, tag: &str, n: usize) {
    let threads: Vec<_> = (0..4)
        .map(|c| {
            let (url, sec, tag) = (url.to_owned(), sec.clone(), tag.to_owned());
            std::thread::spawn(move || {
                let http = Http::new(&url);
                for i in (c..n).step_by(4) {
                    let (s, body) = http.post(&envelope(&party(&format!("{tag}-{i}")), &[&sec]));
                    assert_eq!(s, 201, "{body}");
                }
            })
        })
        .collect();
    for t in threads {
        t.join().unwrap();
    }
}

fn raw_get(url: &str, headers: &[(&str, &str)]) -> (u16, Vec<(String, String)>, Vec<u8>) {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async {
        let mut req = reqwest::Client::new().get(url);
        for (k, v) in headers {
            req = req.header(*k, *v);
        }
        let r = req.send().await.unwrap();
        let status = r.status().as_u16();
        let h = r
            .headers()
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_str().unwrap_or("").to_owned()))
            .collect();
        (status, h, r.bytes().await.unwrap().to_vec())
    })
}

fn header<'a>(h: &'a [(String, String)], name: &str) -> Option<&'a str> {
    h.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
}

fn run(args: &[&str]) -> (i32, String) {
    let o = dledger(args);
    (
        o.status.code().unwrap_or(-1),
        format!(
            "{}{}",
            String::from_utf8_lossy(&o.stdout),
            String::from_utf8_lossy(&o.stderr)
        ),
    )
}

fn flip(path: &Path, at: usize) {
    let mut b = std::fs::read(path).unwrap();
    b[at] ^= 1;
    std::fs::write(path, b).unwrap();
}

#[test]
fn tiles_are_served_published_verified_and_imported() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let (admin, vkey) = init_ledger(&data, "tiles.test/log");
    let sec = key("secretariat", 31);
    let server = Server::start(&data);
    let http = Http::new(&server.url);
    let (s, body) = http.post(&envelope(
        &json!({"id": "k-sec", "type": "key.registered", "data": {"vkey": sec.verifier().to_string(), "role": "secretariat"}}),
        &[&admin],
    ));
    assert_eq!(s, 201, "{body}");
    append(&server.url, &sec, "a", 298);
    let size = http.size();
    assert_eq!(size, 300);

    // The server's /tlog.
    let tlog = format!("{}/tlog", server.url);
    let (s, h, cp) = raw_get(&format!("{tlog}/checkpoint"), &[]);
    assert_eq!(s, 200);
    assert_eq!(
        header(&h, "content-type"),
        Some("text/plain; charset=utf-8")
    );
    assert_eq!(header(&h, "cache-control"), Some("no-cache"));
    assert!(String::from_utf8(cp)
        .unwrap()
        .starts_with("tiles.test/log\n300\n"));
    let (s, h, full) = raw_get(&format!("{tlog}/tile/0/000"), &[]);
    assert_eq!(s, 200);
    assert_eq!(full.len(), 256 * 32);
    assert_eq!(header(&h, "content-type"), Some("application/octet-stream"));
    assert_eq!(
        header(&h, "cache-control"),
        Some("public, max-age=31536000, immutable")
    );
    let (s, _, part) = raw_get(&format!("{tlog}/tile/0/001.p/44"), &[]);
    assert_eq!((s, part.len()), (200, 44 * 32));
    let (s, _, part) = raw_get(&format!("{tlog}/tile/0/001.p/10"), &[]);
    assert_eq!(
        (s, part.len()),
        (200, 10 * 32),
        "a partial tile of an earlier size"
    );
    let (s, _, l1) = raw_get(&format!("{tlog}/tile/1/000.p/1"), &[]);
    assert_eq!(s, 200);
    assert_eq!(
        l1,
        ledger_proof::root_from_leaf_hashes(
            &full
                .chunks(32)
                .map(|c| <[u8; 32]>::try_from(c).unwrap())
                .collect::<Vec<_>>()
        )
        .to_vec(),
        "a level-1 hash is the root of the full level-0 tile"
    );
    for beyond in [
        "tile/0/001",
        "tile/0/001.p/45",
        "tile/0/002.p/1",
        "tile/entries/001",
        "tile/1/000",
        "tile/0/x000/001",
        "tile/0/1",
    ] {
        let (s, h, _) = raw_get(&format!("{tlog}/{beyond}"), &[]);
        assert_eq!(s, 404, "{beyond}");
        assert_eq!(header(&h, "content-type"), Some("application/problem+json"));
    }
    let (s, h, bundle) = raw_get(
        &format!("{tlog}/tile/entries/000"),
        &[("accept-encoding", "gzip")],
    );
    assert_eq!(s, 200);
    assert_eq!(header(&h, "content-encoding"), Some("gzip"), "{h:?}");
    assert!(bundle.len() < 256 * 200, "compressed");
    let (_, _, plain) = raw_get(&format!("{tlog}/tile/entries/000"), &[]);
    let lines = ledger_proof::tlog::decode_bundle(&plain, 256).unwrap();
    for (i, l) in lines.iter().enumerate() {
        assert_eq!(ledger_proof::leaf_hash(l)[..], full[32 * i..32 * i + 32]);
    }

    // publish from the server, then verify the copy and the server's /tlog.
    let out = tmp.path().join("pub");
    let out_s = out.to_str().unwrap();
    let (code, text) = run(&["publish", "--server", &server.url, "--out", out_s]);
    assert_eq!(code, 0, "{text}");
    assert!(out.join("tile/0/000").is_file() && out.join("tile/0/001.p/44").is_file());
    assert!(out.join("tile/entries/001.p/44").is_file());
    let cache = tmp.path().join("cache");
    let verify = |args: &[&str]| -> (i32, String, String) {
        let o = std::process::Command::new(bin())
            .arg("verify")
            .args(args)
            .env("DLEDGER_CACHE_DIR", &cache)
            .output()
            .unwrap();
        (
            o.status.code().unwrap_or(-1),
            String::from_utf8_lossy(&o.stdout).into_owned(),
            String::from_utf8_lossy(&o.stderr).into_owned(),
        )
    };
    for src in [out_s, tlog.as_str()] {
        let (code, text, err) = verify(&[src, "--log-vkey", &vkey]);
        assert_eq!(code, 0, "{src}: {text}{err}");
        assert!(text.contains("intact: 300 entries"), "{text}");
    }
    let cp300 = tmp.path().join("cp300");
    std::fs::copy(out.join("checkpoint"), &cp300).unwrap();

    // More entries; publish again: only what is new is written, old partials go.
    append(&server.url, &sec, "b", 300);
    let (code, text) = run(&["publish", "--server", &server.url, "--out", out_s]);
    assert_eq!(code, 0, "{text}");
    assert!(text.contains("published 600 entries"), "{text}");
    assert!(
        text.contains("2 full tiles and bundles already there"),
        "{text}"
    );
    assert!(!out.join("tile/0/001.p").exists() && out.join("tile/0/001").is_file());
    assert!(out.join("tile/0/002.p/88").is_file());
    let (code, full, _) = verify(&[out_s, "--log-vkey", &vkey]);
    assert_eq!(code, 0, "{full}");

    // The daily check: --since the checkpoint verified before checks only what was added, and
    // says the same as a full verification.
    let since = cp300.to_str().unwrap();
    let (code, text, err) = verify(&[out_s, "--log-vkey", &vkey, "--since", since]);
    assert_eq!(code, 0, "{text}{err}");
    assert!(
        err.contains("checking only the entries added since"),
        "{err}"
    );
    assert_eq!(text, full);
    // An added entry altered is still caught on that path.
    let bad = tmp.path().join("bad-since");
    copy_dir(&out, &bad);
    flip(&bad.join("tile/entries/002.p/88"), 300);
    let (code, text, err) = verify(&[bad.to_str().unwrap(), "--log-vkey", &vkey, "--since", since]);
    assert_eq!(code, 1, "{text}{err}");
    assert!(err.contains("checking only"), "{err}");
    // Without a saved state for that checkpoint, --since verifies everything (and still passes).
    std::fs::remove_dir_all(&cache).unwrap();
    let (code, text, err) = verify(&[out_s, "--log-vkey", &vkey, "--since", since]);
    assert_eq!(code, 0, "{text}{err}");
    assert!(!err.contains("checking only"), "{err}");

    // import from the tiles tree: the same log.
    let imported = tmp.path().join("imported");
    let (code, text) = run(&["import", "--data", imported.to_str().unwrap(), out_s]);
    assert_eq!(code, 0, "{text}");
    let a = stdout(&dledger(&[
        "audit",
        "--data",
        imported.to_str().unwrap(),
        "--json",
    ]));
    let b = stdout(&dledger(&["audit", out_s, "--json"]));
    assert!(a.contains("\"size\": 600"), "{a}");
    assert_eq!(a, b);

    // Tampered tiles are refused, saying which.
    let bad = tmp.path().join("bad");
    copy_dir(&out, &bad);
    flip(&bad.join("tile/0/001"), 40);
    let (code, text) = run(&["verify", bad.to_str().unwrap(), "--log-vkey", &vkey]);
    assert_eq!(code, 1, "{text}");
    assert!(text.contains("tile/0/001"), "{text}");
    let bad = tmp.path().join("bad2");
    copy_dir(&out, &bad);
    flip(&bad.join("tile/entries/001"), 100);
    let (code, text) = run(&["verify", bad.to_str().unwrap(), "--log-vkey", &vkey]);
    assert_eq!(code, 1, "{text}");
    server.stop();
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let t = to.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &t);
        } else {
            std::fs::copy(e.path(), t).unwrap();
        }
    }
}

#[test]
fn publish_refuses_to_overwrite_a_fork_of_what_it_published() {
    let tmp = tempfile::tempdir().unwrap();
    let a = tmp.path().join("a");
    let (admin, vkey) = init_ledger(&a, "fork.test/log");
    let sec = key("secretariat", 32);
    {
        let server = Server::start(&a);
        let http = Http::new(&server.url);
        let (s, _) = http.post(&envelope(
            &json!({"id": "k-sec", "type": "key.registered", "data": {"vkey": sec.verifier().to_string(), "role": "secretariat"}}),
            &[&admin],
        ));
        assert_eq!(s, 201);
        append(&server.url, &sec, "common", 20);
        server.stop();
    }
    // Two copies of one log, each extended differently: a fork signed by the same log key.
    let b = tmp.path().join("b");
    copy_dir(&a, &b);
    for (dir, tag) in [(&a, "x"), (&b, "y")] {
        let server = Server::start(dir);
        append(&server.url, &sec, tag, 8);
        server.stop();
    }
    let out = tmp.path().join("pub");
    let out_s = out.to_str().unwrap();
    let (code, text) = run(&["publish", "--data", a.to_str().unwrap(), "--out", out_s]);
    assert_eq!(code, 0, "{text}");
    let before = std::fs::read(out.join("checkpoint")).unwrap();
    let server = Server::start(&b);
    append(&server.url, &sec, "z", 4);
    let (code, text) = run(&["publish", "--server", &server.url, "--out", out_s]);
    assert_eq!(code, 2, "{text}");
    assert!(text.contains("not consistent"), "{text}");
    assert_eq!(
        std::fs::read(out.join("checkpoint")).unwrap(),
        before,
        "the published checkpoint is kept"
    );
    let (code, text) = run(&["verify", out_s, "--log-vkey", &vkey]);
    assert_eq!(code, 0, "the published copy still verifies: {text}");
    server.stop();
}

fn wait_size(http: &Http, size: u64) {
    for _ in 0..600 {
        if http.size() == size {
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    panic!(
        "the mirror never reached {size} entries (it has {})",
        http.size()
    );
}

fn grow(dir: &Path, sec: &ledger_proof::SignerKey, tag: &str, n: usize) {
    let server = Server::start(dir);
    append(&server.url, sec, tag, n);
    assert!(server.stop().success());
}

#[test]
fn a_mirror_follows_verifies_resumes_and_stops_at_a_fork() {
    let tmp = tempfile::tempdir().unwrap();
    let a = tmp.path().join("a");
    let (admin, vkey) = init_ledger(&a, "mirror.test/log");
    let sec = key("secretariat", 33);
    {
        let server = Server::start(&a);
        let http = Http::new(&server.url);
        let (s, _) = http.post(&envelope(
            &json!({"id": "k-sec", "type": "key.registered", "data": {"vkey": sec.verifier().to_string(), "role": "secretariat"}}),
            &[&admin],
        ));
        assert_eq!(s, 201);
        append(&server.url, &sec, "common", 20);
        server.stop();
    }
    let b = tmp.path().join("b");
    copy_dir(&a, &b);
    grow(&a, &sec, "x", 8);
    let src = tmp.path().join("src");
    let src_s = src.to_str().unwrap();
    let publish = |dir: &Path, out: &str| {
        let (code, text) = run(&["publish", "--data", dir.to_str().unwrap(), "--out", out]);
        assert_eq!(code, 0, "{text}");
    };
    publish(&a, src_s);

    // The mirror imports, verifies and serves read-only.
    let m = tmp.path().join("m");
    let m_s = m.to_str().unwrap();
    let start_mirror = || {
        Server::spawn(
            &[
                "mirror",
                "--from",
                src_s,
                "--data",
                m_s,
                "--log-vkey",
                &vkey,
                "--listen",
                "127.0.0.1:0",
                "--interval",
                "0.1",
            ],
            &[],
        )
    };
    let mirror = start_mirror();
    mirror.wait_ready();
    let http = Http::new(&mirror.url);
    assert_eq!(http.size(), 30);
    let (s, body) = http.post(&envelope(&party("nope"), &[&sec]));
    assert_eq!(s, 405, "{body}");
    let (_, cp) = http.get("/v1/checkpoint");
    assert_eq!(cp, std::fs::read_to_string(src.join("checkpoint")).unwrap());

    // It follows the log as it grows, verifying each new entry.
    grow(&a, &sec, "y", 5);
    publish(&a, src_s);
    wait_size(&http, 35);
    let (_, page) = http.get("/v1/entries?start=34&limit=1");
    let (_, want) = {
        let server = Server::start(&a);
        let r = Http::new(&server.url).get("/v1/entries?start=34&limit=1");
        server.stop();
        r
    };
    assert_eq!(page, want, "the same entry as the log's");

    // Restarted, it resumes where it was.
    assert!(mirror.stop().success());
    let mirror = start_mirror();
    mirror.wait_ready();
    let http = Http::new(&mirror.url);
    assert_eq!(http.size(), 35);
    grow(&a, &sec, "z", 3);
    publish(&a, src_s);
    wait_size(&http, 38);

    // A fork of the same log (same key), offered in place of the log: refused, kept as
    // evidence, and the mirror stops following while it goes on serving what it verified.
    grow(&b, &sec, "fork", 30);
    let fork = tmp.path().join("fork");
    publish(&b, fork.to_str().unwrap());
    let accepted = std::fs::read_to_string(src.join("checkpoint")).unwrap();
    std::fs::remove_dir_all(&src).unwrap();
    std::fs::rename(&fork, &src).unwrap();
    let offered = std::fs::read_to_string(src.join("checkpoint")).unwrap();
    let stopped = m.join("evidence/STOPPED");
    for _ in 0..200 {
        if stopped.exists() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    assert!(stopped.exists(), "{}", mirror.log_text());
    let kept: Vec<_> = std::fs::read_dir(m.join("evidence"))
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.path().is_dir())
        .collect();
    assert_eq!(kept.len(), 1);
    let d = kept[0].path();
    assert_eq!(
        std::fs::read_to_string(d.join("accepted.checkpoint")).unwrap(),
        accepted
    );
    assert_eq!(
        std::fs::read_to_string(d.join("offered.checkpoint")).unwrap(),
        offered
    );
    assert_eq!(http.size(), 38, "nothing of the fork was taken");
    let h: serde_json::Value = serde_json::from_str(&http.get("/healthz").1).unwrap();
    assert_eq!(h["status"], "writes-stopped", "{h}");
    assert!(
        h["detail"].as_str().unwrap().contains("not consistent"),
        "{h}"
    );
    assert!(mirror.stop().success());
    // Restarted, it still does not follow, and says why.
    let mirror = start_mirror();
    mirror.wait_ready();
    let log = mirror.log_with("not following");
    assert!(log.contains("evidence of an inconsistent log"), "{log}");
    mirror.stop();
}
