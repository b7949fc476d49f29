//! Fuzzing with proptest (bounded, runs in CI): arbitrary bytes, and valid inputs with random
//! byte mutations, fed to every parser that reads untrusted input — the envelope, the event
//! payload (through admission), the entry line, the signed note / checkpoint, proof
//! verification, and receipts. Properties: nothing panics; whatever parses re-renders to the very
//! same bytes (entry lines) or verifies only when unmodified. Inputs that once failed are kept
//! below as regression cases. `PROPTEST_CASES` raises the count for a longer run.

use ledger_log::{Admission, LedgerState};
use ledger_proof::{
    verify_consistency, verify_inclusion, Checkpoint, Entry, Envelope, SignedNote, SignerKey,
};
use proptest::prelude::*;
use serde_json::json;

fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(2000)
}

fn keys() -> (SignerKey, SignerKey, SignerKey) {
    (
        SignerKey::from_seed("fuzz.test/log", [1; 32]).unwrap(),
        SignerKey::from_seed("admin", [2; 32]).unwrap(),
        SignerKey::from_seed("secretariat", [3; 32]).unwrap(),
    )
}

/// A ledger with a genesis, a secretariat key and a Party, to admit fuzzed envelopes against.
fn ledger() -> LedgerState {
    let (log, admin, sec) = keys();
    let mut st = LedgerState::new();
    let evs = [
        (
            json!({"id": "g", "type": "ledger.genesis", "data": {"origin": "fuzz.test/log", "log_vkey": log.verifier().to_string(),
            "admin_vkey": admin.verifier().to_string(), "rules": "CP-11/4", "created_at": "2026-01-01T00:00:00Z"}}),
            &admin,
        ),
        (
            json!({"id": "k", "type": "key.registered", "data": {"vkey": sec.verifier().to_string(), "role": "secretariat"}}),
            &admin,
        ),
        (
            json!({"id": "p", "type": "party.registered", "data": {"party_id": "ke", "name": "Kenya"}}),
            &sec,
        ),
    ];
    for (i, (ev, k)) in evs.iter().enumerate() {
        let env = Envelope::sign(ev.to_string().as_bytes(), &[k]);
        let Ok(Admission::New(a)) = st.admit(&env) else {
            panic!("setup")
        };
        st.apply(&a, i as u64, ledger_events::Instant(0));
    }
    st
}

fn valid_envelope() -> Vec<u8> {
    let (_, _, sec) = keys();
    let ev = json!({"id": "x1", "type": "meeting.convened", "data": {"meeting_id": "m", "body_id": "b", "title": "t", "kind": "ordinary",
        "mode": "online", "opens_on": "2025-01-01", "closes_on": "2025-01-02", "reference_tz": "Europe/Paris"}});
    Envelope::sign(ev.to_string().as_bytes(), &[&sec])
        .to_json()
        .into_bytes()
}

fn valid_line() -> String {
    Entry {
        index: 7,
        prev: [9; 32],
        recorded_at: "2026-01-01T00:00:00.000Z".into(),
        envelope: Envelope::parse_json(&valid_envelope()).unwrap(),
    }
    .render()
}

fn valid_checkpoint() -> String {
    let (log, _, _) = keys();
    Checkpoint {
        origin: "fuzz.test/log".into(),
        size: 12,
        root: [5; 32],
    }
    .sign(&log)
    .unwrap()
}

/// Random byte edits of a valid input: overwrite, insert, delete.
fn mutated(base: Vec<u8>) -> impl Strategy<Value = Vec<u8>> {
    let n = base.len();
    proptest::collection::vec((0..n.max(1), any::<u8>(), 0u8..3), 1..6).prop_map(move |edits| {
        let mut v = base.clone();
        for (pos, byte, op) in edits {
            let pos = pos.min(v.len().saturating_sub(1));
            match op {
                0 if !v.is_empty() => v[pos] = byte,
                1 => v.insert(pos, byte),
                _ if !v.is_empty() => {
                    v.remove(pos);
                }
                _ => {}
            }
        }
        v
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), .. ProptestConfig::default() })]

    #[test]
    fn envelope_and_payload_parsers_never_panic(bytes in prop_oneof![any::<Vec<u8>>(), mutated(valid_envelope())]) {
        let st = ledger();
        if let Ok(env) = LedgerState::parse_envelope(&bytes) {
            // admission must answer with a decision, whatever the envelope holds
            let _ = st.admit(&env);
        }
    }

    #[test]
    fn entry_lines_parse_only_in_canonical_form(bytes in prop_oneof![any::<Vec<u8>>(), mutated(valid_line().into_bytes())]) {
        if let Ok(text) = std::str::from_utf8(&bytes) {
            if let Ok(e) = Entry::parse(text) {
                prop_assert_eq!(e.render(), text, "a line that parses is its own canonical rendering");
            }
        }
    }

    #[test]
    fn checkpoints_verify_only_unmodified(bytes in prop_oneof![any::<Vec<u8>>(), mutated(valid_checkpoint().into_bytes())]) {
        let (log, _, _) = keys();
        let text = String::from_utf8_lossy(&bytes);
        let _ = SignedNote::parse(&text);
        if Checkpoint::parse_verified(&text, &log.verifier()).is_ok() {
            let original = valid_checkpoint();
            prop_assert_eq!(text.as_ref(), original.as_str());
        }
    }

    #[test]
    fn proof_verification_never_panics(index in any::<u64>(), size in any::<u64>(), n in 0usize..70, seed in any::<u8>(), from in any::<u64>()) {
        let proof: Vec<[u8; 32]> = (0..n).map(|i| [seed.wrapping_add(i as u8); 32]).collect();
        let _ = verify_inclusion(index, size, &[1; 32], &proof, &[2; 32]);
        let _ = verify_consistency(from, size, &proof, &[1; 32], &[2; 32]);
        let _ = verify_inclusion(index % 70, size % 70, &[1; 32], &proof, &[2; 32]);
        let _ = verify_consistency(from % 70, size % 70, &proof, &[1; 32], &[2; 32]);
    }

    #[test]
    fn receipts_and_exports_never_panic(bytes in any::<Vec<u8>>()) {
        let (log, _, _) = keys();
        prop_assert!(ledger_views::receipt::verify(&bytes, &log.verifier()).is_err());
        let report = ledger_log::verify::verify_export::<()>(&bytes, &String::from_utf8_lossy(&bytes), Some(&log.verifier()), None);
        prop_assert!(!report.intact());
    }
}

/// Inputs that once broke a parser, kept as regression cases.
#[test]
fn regression_inputs() {
    let st = ledger();
    for input in [
        &b"{\"payloadType\":\"application/vnd.dledger.event+json\",\"payload\":\"\",\"signatures\":[]}"[..],
        b"{\"payloadType\":\"application/vnd.dledger.event+json\",\"payload\":\"bnVsbA==\",\"signatures\":[]}",
        b"{\"payloadType\":\"application/vnd.dledger.event+json\",\"payload\":\"W10=\",\"signatures\":[{\"keyid\":\"a+00000000\",\"sig\":\"\"}]}",
    ] {
        if let Ok(env) = LedgerState::parse_envelope(input) {
            assert!(st.admit(&env).is_err());
        }
    }
    // Found by `proof_verification_never_panics`: a size above 2^63 made a shift overflow (a
    // panic in debug builds, a wrong proof length in release). Fixed in ledger-proof.
    assert!(verify_inclusion(0, (1 << 63) + 1, &[1; 32], &[], &[2; 32]).is_err());
    assert!(verify_consistency((1 << 63) + 1, u64::MAX, &[], &[1; 32], &[2; 32]).is_err());
    assert!(Entry::parse("").is_err());
    assert!(SignedNote::parse("\n\n").is_err());
    assert!(Checkpoint::parse_unverified("a\n0\nAAAA\n\n").is_err());
}
