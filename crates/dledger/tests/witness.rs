//! `dledger witness` through the real binary (issue 16, contract §10, C2SP tlog-witness): every
//! status of `POST /add-checkpoint`, cosignatures that verify under the witness's vkey, a split
//! view refused and kept as evidence, state kept across restarts, and SIGKILL at random moments
//! never losing a cosigned size (the check and the persisting are one step before the answer).

mod common;

use common::*;
use ledger_proof::cosig::CosignerKey;
use ledger_proof::{b64_encode, leaf_hash, Checkpoint, MemoryTree, SignedNote, SignerKey};
use std::path::Path;

struct Log {
    key: SignerKey,
    tree: MemoryTree,
}

impl Log {
    fn new(name: &str, seed: u8) -> Log {
        Log {
            key: SignerKey::from_seed(name, [seed; 32]).unwrap(),
            tree: MemoryTree::new(),
        }
    }
    fn grow(&mut self, to: u64, tag: &str) {
        while self.tree.size() < to {
            let n = self.tree.size();
            self.tree.push(leaf_hash(format!("{tag} {n}").as_bytes()));
        }
    }
    fn checkpoint(&self, size: u64) -> (Checkpoint, String) {
        let cp = Checkpoint {
            origin: self.key.name().into(),
            size,
            root: ledger_proof::root_at(&self.tree, size).unwrap(),
        };
        let note = cp.sign(&self.key).unwrap();
        (cp, note)
    }
    fn body(&self, old: u64, size: u64) -> String {
        let proof = if old == 0 || old == size {
            vec![]
        } else {
            ledger_proof::consistency_proof(&self.tree, old, size).unwrap()
        };
        let mut b = format!("old {old}\n");
        for h in proof {
            b.push_str(&b64_encode(&h));
            b.push('\n');
        }
        b.push('\n');
        b.push_str(&self.checkpoint(size).1);
        b
    }
}

fn post(url: &str, body: &str) -> (u16, String, String) {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async {
        match reqwest::Client::new()
            .post(format!("{url}/add-checkpoint"))
            .body(body.to_owned())
            .send()
            .await
        {
            Ok(r) => {
                let s = r.status().as_u16();
                let ct = r
                    .headers()
                    .get("content-type")
                    .and_then(|v| v.to_str().ok())
                    .unwrap_or("")
                    .to_owned();
                (s, ct, r.text().await.unwrap_or_default())
            }
            Err(_) => (0, String::new(), String::new()),
        }
    })
}

fn witness(dir: &Path, log: &Log) -> Server {
    Server::spawn(
        &[
            "witness",
            "serve",
            "--data",
            dir.to_str().unwrap(),
            "--log",
            &log.key.verifier().to_string(),
            "--listen",
            "127.0.0.1:0",
        ],
        &[],
    )
}

#[test]
fn every_status_of_add_checkpoint_and_a_split_view_kept_as_evidence() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("w");
    let o = dledger(&[
        "witness",
        "init",
        "--data",
        dir.to_str().unwrap(),
        "--name",
        "witness.test/african-group",
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let vkey = CosignerKey::parse(stdout(&o).trim()).unwrap();
    assert_eq!(
        std::fs::read_to_string(dir.join("witness.vkey"))
            .unwrap()
            .trim(),
        vkey.to_string()
    );
    let mut log = Log::new("log.test/ledger", 1);
    log.grow(8, "a");
    let w = witness(&dir, &log);
    let url = w.url.clone();

    assert_eq!(post(&url, "garbage").0, 400);
    assert_eq!(
        post(&url, &log.body(0, 5).replacen("old 0", "old 00", 1)).0,
        400
    );
    let other = Log::new("log.test/other", 2);
    assert_eq!(
        post(&url, &other.body(0, 0)).0,
        404,
        "an origin it does not follow"
    );
    let mut forged = Log::new("log.test/ledger", 3);
    forged.grow(5, "a");
    assert_eq!(
        post(&url, &forged.body(0, 5)).0,
        403,
        "not signed by the log's key"
    );
    assert_eq!(
        post(&url, &log.body(0, 5).replacen("old 0", "old 6", 1)).0,
        400,
        "old above size"
    );

    // First cosignature: old 0, no proof.
    let (s, ct, sig) = post(&url, &log.body(0, 5));
    assert_eq!(s, 200, "{sig}");
    assert!(ct.starts_with("text/plain"));
    let note = format!("{}{sig}", log.checkpoint(5).1);
    let t = vkey
        .cosigned_at(&SignedNote::parse(&note).unwrap())
        .expect("a valid cosignature");
    assert!(t > 1_700_000_000);
    // A stale old size: 409 with the size it holds.
    let (s, ct, body) = post(&url, &log.body(0, 8));
    assert_eq!(
        (s, ct.as_str(), body.as_str()),
        (409, "text/x.tlog.size", "5\n")
    );
    // A wrong proof: 422.
    let bad = log.body(5, 8);
    let first_proof_line = bad.lines().nth(1).unwrap().to_owned();
    let tampered = bad.replacen(&first_proof_line, &b64_encode(&[7u8; 32]), 1);
    assert_eq!(post(&url, &tampered).0, 422);
    // The right proof: 200.
    assert_eq!(post(&url, &log.body(5, 8)).0, 200);
    // The same checkpoint again: 200; the same size with another root: 409, kept as evidence.
    assert_eq!(post(&url, &log.body(8, 8)).0, 200);
    let mut split = Log::new("log.test/ledger", 1);
    split.grow(8, "b");
    let (s, _, body) = post(&url, &split.body(8, 8));
    assert_eq!((s, body.as_str()), (409, "8\n"), "a split view is refused");
    let page = Http::new(&url).get("/").1;
    assert!(
        page.contains("split view"),
        "the evidence is listed: {page}"
    );
    assert!(page.contains("log.test/ledger"));
    assert!(w.stop().success());

    // Restarted, it holds what it cosigned.
    let w = witness(&dir, &log);
    let (s, _, body) = post(&w.url, &log.body(0, 8));
    assert_eq!((s, body.as_str()), (409, "8\n"));
    assert!(Http::new(&w.url).get("/").1.contains("split view"));
    w.stop();
}

#[test]
fn sigkill_never_loses_a_cosigned_size() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("w");
    let o = dledger(&[
        "witness",
        "init",
        "--data",
        dir.to_str().unwrap(),
        "--name",
        "witness.test/crash",
    ]);
    assert!(o.status.success());
    let mut log = Log::new("log.test/crash", 4);
    log.grow(2000, "c");
    let mut cosigned = 0u64;
    let mut size = 0u64;
    for cycle in 0..4 {
        let w = witness(&dir, &log);
        let url = w.url.clone();
        // Where the witness is, after the previous kill: at least every size it cosigned.
        let (s, _, body) = post(&url, &log.body(0, 1));
        let held: u64 = if s == 200 {
            1
        } else {
            body.trim().parse().unwrap()
        };
        assert!(
            held >= cosigned,
            "cycle {cycle}: the witness holds {held}, but cosigned {cosigned}"
        );
        size = held.max(1);
        // SIGKILL from another thread while requests are in flight.
        let pid = w.child.id().to_string();
        let killer = std::thread::spawn(move || {
            std::thread::sleep(std::time::Duration::from_millis(60 + 70 * cycle));
            std::process::Command::new("kill")
                .args(["-KILL", &pid])
                .status()
                .unwrap();
        });
        while size + 7 < 2000 {
            let (s, _, _) = post(&url, &log.body(size, size + 7));
            if s != 200 {
                break; // the witness died (0), mid-request or between two
            }
            size += 7;
            cosigned = size;
        }
        killer.join().unwrap();
        w.kill();
    }
    assert!(cosigned > 0 && size >= cosigned);
}

#[test]
fn verify_with_a_policy_needs_the_quorum_of_real_witnesses() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let (_admin, log_vkey) = init_ledger(&data, "policy.test/log");
    let export = tmp.path().join("export");
    let o = dledger(&[
        "export",
        "--data",
        data.to_str().unwrap(),
        "--out",
        export.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let plain = std::fs::read_to_string(export.join("checkpoint")).unwrap();
    // Three witnesses, one per region of the test; a policy of 2 of 3.
    let mut policy = format!("log {log_vkey}\n");
    let mut servers = Vec::new();
    for r in ["african", "asia_pacific", "weog"] {
        let dir = tmp.path().join(r);
        let o = dledger(&[
            "witness",
            "init",
            "--data",
            dir.to_str().unwrap(),
            "--name",
            &format!("{r}.witness.test"),
        ]);
        let vkey = stdout(&o).trim().to_owned();
        let w = Server::spawn(
            &[
                "witness",
                "serve",
                "--data",
                dir.to_str().unwrap(),
                "--log",
                &log_vkey,
                "--listen",
                "127.0.0.1:0",
            ],
            &[],
        );
        policy.push_str(&format!("witness {r} {vkey} {}\n", w.url));
        servers.push(w);
    }
    policy.push_str("group regions 2 african asia_pacific weog\nquorum regions\n");
    let policy_file = tmp.path().join("policy");
    std::fs::write(&policy_file, &policy).unwrap();
    let cosign = |w: &Server| -> String {
        let (s, _, sig) = post(&w.url, &format!("old 0\n\n{plain}"));
        assert_eq!(s, 200, "{sig}");
        sig
    };
    let run = |cp: &str| {
        std::fs::write(export.join("checkpoint"), cp).unwrap();
        let o = dledger(&[
            "verify",
            export.to_str().unwrap(),
            "--policy",
            policy_file.to_str().unwrap(),
        ]);
        (
            o.status.code().unwrap(),
            format!("{}{}", stdout(&o), String::from_utf8_lossy(&o.stderr)),
        )
    };
    let one = format!("{plain}{}", cosign(&servers[0]));
    let (code, text) = run(&one);
    assert_eq!(code, 1, "{text}");
    assert!(
        text.contains("group regions: 2 of its 3 members needed, 1 witnessed"),
        "{text}"
    );
    let two = format!("{one}{}", cosign(&servers[2]));
    let (code, text) = run(&two);
    assert_eq!(code, 0, "{text}");
    assert!(
        text.contains("quorum holds (2 cosignatures: african, weog)"),
        "{text}"
    );
    // A tampered cosignature does not count: back to one.
    let i = two.rfind('\u{2014}').unwrap() + 50;
    let mut bad = two.clone().into_bytes();
    bad[i] = if bad[i] == b'A' { b'B' } else { b'A' };
    let (code, text) = run(&String::from_utf8(bad).unwrap());
    assert_eq!(code, 1, "{text}");
    for s in servers {
        s.stop();
    }
}

#[test]
fn the_server_gets_its_checkpoints_cosigned_and_never_waits_past_the_timeout() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let (admin, log_vkey) = init_ledger(&data, "cosigned.test/log");
    let mut policy = format!("log {log_vkey}\n");
    let mut witnesses = Vec::new();
    for r in ["african", "asia_pacific", "weog"] {
        let dir = tmp.path().join(r);
        let o = dledger(&[
            "witness",
            "init",
            "--data",
            dir.to_str().unwrap(),
            "--name",
            &format!("{r}.witness.test"),
        ]);
        let vkey = stdout(&o).trim().to_owned();
        let w = Server::spawn(
            &[
                "witness",
                "serve",
                "--data",
                dir.to_str().unwrap(),
                "--log",
                &log_vkey,
                "--listen",
                "127.0.0.1:0",
            ],
            &[],
        );
        policy.push_str(&format!("witness {r} {vkey} {}\n", w.url));
        witnesses.push(w);
    }
    policy.push_str("group regions 2 african asia_pacific weog\nquorum regions\n");
    let policy_file = tmp.path().join("policy");
    std::fs::write(&policy_file, &policy).unwrap();
    let p = ledger_proof::policy::Policy::parse(&policy).unwrap();
    let server = Server::start_with(
        &data,
        &[
            "--witness-policy",
            policy_file.to_str().unwrap(),
            "--witness-timeout",
            "1",
        ],
    );
    let http = Http::new(&server.url);
    let sec = key("secretariat", 41);
    let (s, ack) = http.post(&envelope(
        &serde_json::json!({"id": "k-sec", "type": "key.registered", "data": {"vkey": sec.verifier().to_string(), "role": "secretariat"}}),
        &[&admin],
    ));
    assert_eq!(s, 201, "{ack}");
    assert_eq!(ack["witnessed"], true, "{ack}");
    let cp = ack["checkpoint"].as_str().unwrap();
    let w = p
        .verify(cp)
        .expect("the acknowledged checkpoint has the quorum");
    assert!(w.cosigned.len() >= 2);
    assert_eq!(
        ack["inclusion_proof"]["size"].as_u64(),
        Some(w.checkpoint.size)
    );
    // The served checkpoints carry the cosignatures.
    for path in ["/v1/checkpoint", "/tlog/checkpoint"] {
        let (_, served) = http.get(path);
        assert!(p.verify(&served).is_ok(), "{path}: {served}");
    }
    let export = tmp.path().join("export");
    let o = dledger(&[
        "export",
        "--server",
        &server.url,
        "--out",
        export.to_str().unwrap(),
    ]);
    assert!(o.status.success());
    let o = dledger(&[
        "verify",
        export.to_str().unwrap(),
        "--policy",
        policy_file.to_str().unwrap(),
    ]);
    assert!(
        o.status.success(),
        "{}{}",
        stdout(&o),
        String::from_utf8_lossy(&o.stderr)
    );

    // Two of three witnesses gone: appends are still acknowledged, after the timeout, unwitnessed.
    let a = witnesses.remove(0);
    let b = witnesses.remove(0);
    a.kill();
    b.kill();
    let t = std::time::Instant::now();
    let (s, ack) = http.post(&envelope(
        &serde_json::json!({"id": "p1", "type": "party.registered", "data": {"party_id": "p1", "name": "P1"}}),
        &[&sec],
    ));
    assert_eq!(s, 201, "{ack}");
    assert_eq!(ack["witnessed"], false, "{ack}");
    assert!(
        t.elapsed() < std::time::Duration::from_secs(5),
        "{:?}",
        t.elapsed()
    );
    server.stop();
}

#[test]
fn receipts_carry_cosigned_checkpoints_and_verify_receipt_checks_the_quorum() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let (_admin, log_vkey) = init_ledger(&data, "localhost/dledger");
    let mut policy = format!("log {log_vkey}\n");
    let mut vkeys = Vec::new();
    let mut witnesses = Vec::new();
    for r in ["african", "asia_pacific", "weog", "never_up"] {
        let dir = tmp.path().join(r);
        let o = dledger(&[
            "witness",
            "init",
            "--data",
            dir.to_str().unwrap(),
            "--name",
            &format!("{r}.witness.test"),
        ]);
        let vkey = stdout(&o).trim().to_owned();
        if r != "never_up" {
            let w = Server::spawn(
                &[
                    "witness",
                    "serve",
                    "--data",
                    dir.to_str().unwrap(),
                    "--log",
                    &log_vkey,
                    "--listen",
                    "127.0.0.1:0",
                ],
                &[],
            );
            policy.push_str(&format!("witness {r} {vkey} {}\n", w.url));
            witnesses.push(w);
        } else {
            policy.push_str(&format!("witness {r} {vkey}\n"));
        }
        vkeys.push(vkey);
    }
    let two_of_four =
        format!("{policy}group regions 2 african asia_pacific weog never_up\nquorum regions\n");
    let all_four =
        format!("{policy}group regions all african asia_pacific weog never_up\nquorum regions\n");
    let f2 = tmp.path().join("p2");
    let f4 = tmp.path().join("p4");
    std::fs::write(&f2, &two_of_four).unwrap();
    std::fs::write(&f4, &all_four).unwrap();
    let server = Server::start_with(&data, &["--demo", "--witness-policy", f2.to_str().unwrap()]);
    server.wait_ready();
    let http = Http::new(&server.url);
    let p = ledger_proof::policy::Policy::parse(&two_of_four).unwrap();
    let mut ok = false;
    for _ in 0..100 {
        if p.verify(&http.get("/v1/checkpoint").1).is_ok() {
            ok = true;
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    assert!(ok, "the served checkpoint never got the quorum");
    let (s, receipt) = http.get("/v1/decisions/c5-cp-mop10-interim-budget-2022/receipt");
    assert_eq!(s, 200);
    let file = tmp.path().join("receipt.json");
    std::fs::write(&file, &receipt).unwrap();
    let o = dledger(&[
        "verify-receipt",
        file.to_str().unwrap(),
        "--policy",
        f2.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stdout(&o));
    let o = dledger(&[
        "verify-receipt",
        file.to_str().unwrap(),
        "--policy",
        f4.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
    assert!(
        stdout(&o).contains("group regions: 4 of its 4 members needed, 3 witnessed"),
        "{}",
        stdout(&o)
    );

    // A tlog-proof (contract §11) carries the cosigned checkpoint too: verify-proof checks it
    // under the log key, under a policy whose quorum it meets, and not under one it misses.
    let (s, proof) = http.get("/v1/entries/5/proof");
    assert_eq!(s, 200);
    assert!(
        proof.starts_with("c2sp.org/tlog-proof@v1\nextra "),
        "{proof}"
    );
    let (_, entry5) = http.get("/v1/entries/5");
    let entry5: serde_json::Value = serde_json::from_str(&entry5).unwrap();
    let pf = tmp.path().join("entry-5.tlog-proof");
    std::fs::write(&pf, &proof).unwrap();
    let verify_proof =
        |flag: &str, value: &str| dledger(&["verify-proof", pf.to_str().unwrap(), flag, value]);
    let o = verify_proof("--log-vkey", &log_vkey);
    assert!(o.status.success(), "{}", stdout(&o));
    assert_eq!(stdout(&o).trim_end(), entry5["entry"].as_str().unwrap());
    let o = verify_proof("--policy", f2.to_str().unwrap());
    assert!(o.status.success(), "{}", stdout(&o));
    assert!(
        String::from_utf8_lossy(&o.stderr).contains("cosigned by"),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let o = verify_proof("--policy", f4.to_str().unwrap());
    assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
    assert!(
        stdout(&o).contains("checkpoint: ")
            && stdout(&o).contains("group regions: 4 of its 4 members needed, 3 witnessed"),
        "{}",
        stdout(&o)
    );
    // Every witness's cosignature altered: none counts, so the quorum is not met.
    let tampered: String = proof
        .split_inclusive('\n')
        .map(|l| {
            if l.starts_with("\u{2014} ") && !l.contains("localhost/dledger") {
                let mut b = l.as_bytes().to_vec();
                let at = b.len() - 6;
                b[at] = if b[at] == b'A' { b'B' } else { b'A' };
                String::from_utf8(b).unwrap()
            } else {
                l.to_owned()
            }
        })
        .collect();
    assert_ne!(tampered, proof);
    std::fs::write(&pf, &tampered).unwrap();
    let o = verify_proof("--policy", f2.to_str().unwrap());
    assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
    assert!(
        stdout(&o).contains("does not have the policy's quorum"),
        "{}",
        stdout(&o)
    );
    // Under the log key alone the cosignatures do not matter.
    let o = verify_proof("--log-vkey", &log_vkey);
    assert!(o.status.success(), "{}", stdout(&o));

    // A mirror under the policy: it starts from a checkpoint with the quorum and serves it,
    // cosignatures included; under a policy the log cannot meet, it refuses to start.
    let tlog = format!("{}/tlog", server.url);
    let m = tmp.path().join("mirror");
    let o = dledger(&[
        "mirror",
        "--from",
        &tlog,
        "--data",
        m.to_str().unwrap(),
        "--policy",
        f4.to_str().unwrap(),
        "--listen",
        "127.0.0.1:0",
    ]);
    assert_eq!(
        o.status.code(),
        Some(2),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(
        String::from_utf8_lossy(&o.stderr).contains("group regions: 4 of its 4 members needed"),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(
        !m.join("keys").exists(),
        "a refused mirror wrote its data directory"
    );
    let mirror = Server::spawn(
        &[
            "mirror",
            "--from",
            &tlog,
            "--data",
            m.to_str().unwrap(),
            "--policy",
            f2.to_str().unwrap(),
            "--listen",
            "127.0.0.1:0",
            "--interval",
            "0.1",
        ],
        &[],
    );
    mirror.wait_ready();
    let mh = Http::new(&mirror.url);
    assert_eq!(mh.size(), http.size());
    assert!(
        p.verify(&mh.get("/v1/checkpoint").1).is_ok(),
        "the mirror serves the cosigned checkpoint"
    );
    mirror.stop();
    server.stop();
    for w in witnesses {
        w.stop();
    }
}
