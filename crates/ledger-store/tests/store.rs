//! The store: group commit under concurrency, gapless indices, reopen continues chain and tree,
//! and any append sequence reopens and verifies.

use ledger_log::verify::verify_export;
use ledger_proof::{leaf_hash, verify_inclusion, Checkpoint, Envelope, SignerKey};
use ledger_store::{system_clock, Store, StoreError};
use proptest::prelude::*;
use serde_json::json;
use std::path::Path;

fn keys() -> (SignerKey, SignerKey, SignerKey) {
    (
        SignerKey::from_seed("test.example/log", [1; 32]).unwrap(),
        SignerKey::from_seed("admin", [2; 32]).unwrap(),
        SignerKey::from_seed("secretariat", [3; 32]).unwrap(),
    )
}

fn open_fresh(dir: &Path) -> Store {
    let (log, admin, sec) = keys();
    let store = Store::open(dir, log.clone(), system_clock()).unwrap();
    let genesis = json!({"id": "g", "type": "ledger.genesis", "data": {"origin": "test.example/log",
        "log_vkey": log.verifier().to_string(), "admin_vkey": admin.verifier().to_string(),
        "rules": "CP-11/4", "created_at": "2026-01-01T00:00:00Z"}});
    store
        .append_blocking(Envelope::sign(genesis.to_string().as_bytes(), &[&admin]))
        .unwrap();
    let reg = json!({"id": "k", "type": "key.registered", "data": {"vkey": sec.verifier().to_string(), "role": "secretariat"}});
    store
        .append_blocking(Envelope::sign(reg.to_string().as_bytes(), &[&admin]))
        .unwrap();
    store
}

fn party(i: usize) -> Envelope {
    let (_, _, sec) = keys();
    let ev = json!({"id": format!("p{i}"), "type": "party.registered", "data": {"party_id": format!("party-{i}"), "name": format!("Party {i}")}});
    Envelope::sign(ev.to_string().as_bytes(), &[&sec])
}

fn export(store: &Store) -> (Vec<u8>, String) {
    let r = store.reader();
    let p = r.published();
    let mut bytes = Vec::new();
    for l in r.entries(0, p.size).unwrap() {
        bytes.extend_from_slice(&l);
        bytes.push(b'\n');
    }
    (bytes, p.checkpoint)
}

fn assert_verifies(store: &Store) {
    let (log, _, _) = keys();
    let (entries, cp) = export(store);
    let report = verify_export::<()>(&entries, &cp, Some(&log.verifier()), None);
    assert!(report.intact(), "{:?}", report.problems);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_appends_are_grouped_gapless_and_proven() {
    let dir = tempfile::tempdir().unwrap();
    let store = open_fresh(dir.path());
    let (log, _, _) = keys();
    let n = 300;
    let mut tasks = Vec::new();
    for i in 0..n {
        let s = store.clone();
        tasks.push(tokio::spawn(async move { s.append(party(i)).await }));
    }
    let mut indices = Vec::new();
    let mut sizes = std::collections::BTreeSet::new();
    for t in tasks {
        let ack = t.await.unwrap().unwrap();
        assert!(ack.created);
        let cp = Checkpoint::parse_verified(&ack.checkpoint, &log.verifier()).unwrap();
        assert!(ack.index < cp.size);
        verify_inclusion(
            ack.index,
            cp.size,
            &leaf_hash(ack.line.as_bytes()),
            &ack.proof,
            &cp.root,
        )
        .unwrap();
        indices.push(ack.index);
        sizes.insert(cp.size);
    }
    indices.sort();
    assert_eq!(
        indices,
        (2..2 + n as u64).collect::<Vec<_>>(),
        "indices are gapless and unique"
    );
    assert!(
        sizes.len() < n,
        "no two appends shared a batch: group commit never happened"
    );
    assert_eq!(store.reader().published().size, 2 + n as u64);
    assert_verifies(&store);
}

#[test]
fn reopening_continues_the_chain_and_the_tree() {
    let dir = tempfile::tempdir().unwrap();
    let first_cp;
    {
        let store = open_fresh(dir.path());
        for i in 0..10 {
            store.append_blocking(party(i)).unwrap();
        }
        first_cp = store.reader().published().checkpoint;
        store.close().unwrap();
    }
    let (log, _, _) = keys();
    let store = Store::open(dir.path(), log.clone(), system_clock()).unwrap();
    assert_eq!(store.reader().published().size, 12);
    assert_eq!(store.reader().published().checkpoint, first_cp);
    // an idempotent repeat after reopen finds the stored entry
    let ack = store.append_blocking(party(3)).unwrap();
    assert!(!ack.created);
    assert_eq!(ack.index, 5);
    for i in 10..20 {
        assert_eq!(store.append_blocking(party(i)).unwrap().index, 2 + i as u64);
    }
    let (entries, cp) = export(&store);
    let report = verify_export::<()>(&entries, &cp, Some(&log.verifier()), Some(&first_cp));
    assert!(report.intact(), "{:?}", report.problems);
    let proof = store.reader().consistency_proof(12, 22).unwrap();
    let old = Checkpoint::parse_verified(&first_cp, &log.verifier()).unwrap();
    let new = Checkpoint::parse_verified(&cp, &log.verifier()).unwrap();
    ledger_proof::verify_consistency(12, 22, &proof, &old.root, &new.root).unwrap();
}

#[test]
fn a_store_refuses_another_log_key() {
    let dir = tempfile::tempdir().unwrap();
    open_fresh(dir.path()).close().unwrap();
    let other = SignerKey::from_seed("test.example/log", [9; 32]).unwrap();
    match Store::open(dir.path(), other, system_clock()) {
        Err(StoreError::Corrupt(msg)) => assert!(msg.contains("log key"), "{msg}"),
        Err(e) => panic!("unexpected error {e}"),
        Ok(_) => panic!("a store opened with a foreign log key"),
    }
}

#[test]
fn recorded_at_never_decreases_when_the_clock_steps_back() {
    let dir = tempfile::tempdir().unwrap();
    let (log, admin, _) = keys();
    let ticks = std::sync::Arc::new(std::sync::atomic::AtomicI64::new(1_000_000));
    let t = ticks.clone();
    let clock: ledger_store::Clock = std::sync::Arc::new(move || {
        ledger_events::Instant::from_millis(
            t.fetch_sub(1000, std::sync::atomic::Ordering::SeqCst) as i128 * 1000,
        )
    });
    let store = Store::open(dir.path(), log.clone(), clock).unwrap();
    let genesis = json!({"id": "g", "type": "ledger.genesis", "data": {"origin": "test.example/log",
        "log_vkey": log.verifier().to_string(), "admin_vkey": admin.verifier().to_string(),
        "rules": "CP-11/4", "created_at": "2026-01-01T00:00:00Z"}});
    store
        .append_blocking(Envelope::sign(genesis.to_string().as_bytes(), &[&admin]))
        .unwrap();
    let (_, _, sec) = keys();
    let reg = json!({"id": "k", "type": "key.registered", "data": {"vkey": sec.verifier().to_string(), "role": "secretariat"}});
    store
        .append_blocking(Envelope::sign(reg.to_string().as_bytes(), &[&admin]))
        .unwrap();
    store.append_blocking(party(1)).unwrap();
    let (entries, cp) = export(&store);
    let report = verify_export::<ledger_rules::Model>(&entries, &cp, Some(&log.verifier()), None);
    assert!(report.intact(), "{:?}", report.problems);
    let times = report.model.recorded_at.clone();
    assert!(times.windows(2).all(|w| w[0] <= w[1]));
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 12, .. ProptestConfig::default() })]
    /// Any sequence of appends (new, repeated, conflicting, refused) reopens and verifies, and
    /// the log holds exactly the accepted ones.
    #[test]
    fn any_append_sequence_reopens_and_verifies(ops in proptest::collection::vec((0usize..6, 0usize..8), 1..40)) {
        let dir = tempfile::tempdir().unwrap();
        let (log, _, sec) = keys();
        let mut accepted = 2u64;
        {
            let store = open_fresh(dir.path());
            for (kind, i) in &ops {
                let env = match kind {
                    0 | 1 => party(*i),
                    2 => { // same id, other payload
                        let ev = json!({"id": format!("p{i}"), "type": "party.registered", "data": {"party_id": format!("other-{i}"), "name": "x"}});
                        Envelope::sign(ev.to_string().as_bytes(), &[&sec])
                    }
                    3 => { // dangling reference
                        let ev = json!({"id": format!("u{i}"), "type": "party.updated", "data": {"party_id": "nobody"}});
                        Envelope::sign(ev.to_string().as_bytes(), &[&sec])
                    }
                    4 => { // a body
                        let ev = json!({"id": format!("b{i}"), "type": "body.registered", "data": {"body_id": format!("body-{i}"), "name": "B", "kind": "expert_group"}});
                        Envelope::sign(ev.to_string().as_bytes(), &[&sec])
                    }
                    _ => { // unsigned
                        let mut e = party(100 + i);
                        e.signatures.clear();
                        e
                    }
                };
                if let Ok(ack) = store.append_blocking(env) {
                    if ack.created {
                        prop_assert_eq!(ack.index, accepted);
                        accepted += 1;
                    }
                }
            }
            store.close().unwrap();
        }
        let store = Store::open(dir.path(), log.clone(), system_clock()).unwrap();
        prop_assert_eq!(store.reader().published().size, accepted);
        let (entries, cp) = export(&store);
        let report = verify_export::<()>(&entries, &cp, Some(&log.verifier()), None);
        prop_assert!(report.intact(), "{:?}", report.problems);
    }
}

#[test]
fn an_empty_store_takes_no_genesis_naming_another_log_key() {
    let dir = tempfile::tempdir().unwrap();
    let (log, admin, _) = keys();
    let store = Store::open(dir.path(), log, system_clock()).unwrap();
    let other = SignerKey::from_seed("test.example/log", [9; 32]).unwrap();
    let genesis = json!({"id": "g", "type": "ledger.genesis", "data": {"origin": "test.example/log",
        "log_vkey": other.verifier().to_string(), "admin_vkey": admin.verifier().to_string(),
        "rules": "CP-11/4", "created_at": "2026-01-01T00:00:00Z"}});
    match store.append_blocking(Envelope::sign(genesis.to_string().as_bytes(), &[&admin])) {
        Err(StoreError::Rejected(r)) => assert_eq!(r.status(), 403, "{r}"),
        other => panic!("accepted or failed otherwise: {other:?}"),
    }
    assert_eq!(store.reader().published().size, 0, "nothing written");
}
