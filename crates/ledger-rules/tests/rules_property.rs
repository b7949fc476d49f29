//! Property: for random valid event sequences, the findings the engine keeps incrementally (as
//! the server does) equal a full evaluation of the log (as `dledger verify` does), after every
//! entry. Random sequences mix every kind of event that a rule reads, including the rare ones
//! that change every scope (party status, Bureau elections and substitutions, closing
//! consultations).
//!
//! So that the property cannot hold vacuously (a generator whose events are all refused checks
//! nothing), each sequence starts by convening the four meetings the operations refer to, with
//! random bodies, kinds, modes and bases, and every one of them must be accepted, as must every
//! `party.updated` (its Party is always registered): each sequence has at least
//! [`MEETINGS`] + (its `party.updated` operations) accepted events, checked after every one.

use ledger_testkit::ops::{op_event, OP_PARTY_UPDATED};
use ledger_testkit::*;
use proptest::prelude::*;
use serde_json::json;

/// The meetings `m0`..`m3` that [`op_event`] picks from.
const MEETINGS: u8 = 4;

proptest! {
    #![proptest_config(ProptestConfig { cases: 160, .. ProptestConfig::default() })]
    #[test]
    fn incremental_findings_equal_a_full_evaluation(
        meetings in proptest::collection::vec((any::<u8>(), any::<u8>()), MEETINGS as usize),
        ops in proptest::collection::vec((any::<u8>(), any::<u8>(), any::<u8>(), any::<u8>()), 10..70),
    ) {
        let mut l = Ledger::new();
        registry(&mut l);
        l.post("extraordinary.requested", json!({"request_id": "rq", "party_id": "african-1", "items": ["x"], "communicated_at": "2025-02-01T00:00:00Z"}));
        let mut accepted = 0usize;
        for (k, (b, c)) in meetings.into_iter().enumerate() {
            let (ty, data) = op_event(0, k as u8, b, c);
            prop_assert_eq!(ty, "meeting.convened");
            if let Err(e) = l.try_post(ty, data.clone()) {
                prop_assert!(false, "meeting {} refused: {}: {}", k, data, e);
            }
            accepted += 1;
            let _ = l.findings();
        }
        let mut must = MEETINGS as usize;
        let n = ops.len();
        for (op, a, b, c) in ops {
            let (ty, data) = op_event(op, a, b, c);
            let guaranteed = op % ledger_testkit::ops::OPS == OP_PARTY_UPDATED;
            if guaranteed {
                must += 1;
            }
            match l.try_post(ty, data.clone()) {
                Ok(_) => {
                    accepted += 1;
                    // Ledger::findings asserts incremental == full evaluation.
                    let _ = l.findings();
                }
                Err(e) => prop_assert!(!guaranteed, "{} {} refused: {}", ty, data, e),
            }
        }
        let _ = l.audit();
        prop_assert!(accepted >= must, "{} accepted, at least {} expected", accepted, must);
        prop_assert!(accepted <= MEETINGS as usize + n);
    }
}
