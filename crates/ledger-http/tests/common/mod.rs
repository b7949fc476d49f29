//! The fixture the router tests share: a real store in a temporary directory holding the genesis
//! and a registered Secretariat key, wired to its projections.
#![allow(dead_code)]

use ledger_http::AppState;
use ledger_proof::{Envelope, SignerKey};
use ledger_store::{system_clock, Store};
use serde_json::json;

pub struct Fixture {
    pub _dir: tempfile::TempDir,
    pub state: AppState,
    pub admin: SignerKey,
    pub sec: SignerKey,
}

pub async fn fixture() -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let log = SignerKey::from_seed("test.example/log", [7; 32]).unwrap();
    let admin = SignerKey::from_seed("admin", [8; 32]).unwrap();
    let sec = SignerKey::from_seed("secretariat", [9; 32]).unwrap();
    let store = Store::open(dir.path(), log.clone(), system_clock()).unwrap();
    let genesis = json!({"id": "genesis", "type": "ledger.genesis", "data": {
        "origin": "test.example/log", "log_vkey": log.verifier().to_string(),
        "admin_vkey": admin.verifier().to_string(), "rules": "CP-11/4", "created_at": "2026-01-01T00:00:00Z"}});
    store
        .append(Envelope::sign(genesis.to_string().as_bytes(), &[&admin]))
        .await
        .unwrap();
    let reg = json!({"id": "k-sec", "type": "key.registered", "data": {"vkey": sec.verifier().to_string(), "role": "secretariat"}});
    store
        .append(Envelope::sign(reg.to_string().as_bytes(), &[&admin]))
        .await
        .unwrap();
    let state = AppState::new(store, &log.verifier().to_string(), Default::default());
    Fixture {
        _dir: dir,
        state,
        admin,
        sec,
    }
}

/// A testkit ledger served: its envelopes appended through the router (each must answer 201) to
/// a real store whose log key is the testkit's.
pub struct Served {
    pub _dir: tempfile::TempDir,
    pub state: AppState,
    pub log: SignerKey,
}

pub async fn served(l: &ledger_testkit::Ledger) -> Served {
    use tower::ServiceExt;
    let dir = tempfile::tempdir().unwrap();
    let log = SignerKey::from_seed("test.example/log", [1; 32]).unwrap();
    let store = Store::open(dir.path(), log.clone(), system_clock()).unwrap();
    let state = AppState::new(store, &log.verifier().to_string(), Default::default());
    for env in &l.envelopes {
        let req = axum::http::Request::post("/v1/events")
            .header("content-type", "application/json")
            .body(axum::body::Body::from(env.to_json()))
            .unwrap();
        let res = ledger_http::router(state.clone())
            .oneshot(req)
            .await
            .unwrap();
        assert_eq!(res.status(), 201);
    }
    Served {
        _dir: dir,
        state,
        log,
    }
}
