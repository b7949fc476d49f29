//! Property: for random valid event sequences, the findings the engine keeps incrementally (as
//! the server does) equal a full evaluation of the log (as `dledger verify` does), after every
//! entry. Random sequences mix every kind of event that a rule reads, including the rare ones
//! that change every scope (party status, Bureau elections and substitutions, closing
//! consultations).

use ledger_testkit::ops::op_event;
use ledger_testkit::*;
use proptest::prelude::*;
use serde_json::json;

proptest! {
    #![proptest_config(ProptestConfig { cases: 160, .. ProptestConfig::default() })]
    #[test]
    fn incremental_findings_equal_a_full_evaluation(ops in proptest::collection::vec((any::<u8>(), any::<u8>(), any::<u8>(), any::<u8>()), 10..70)) {
        let mut l = Ledger::new();
        registry(&mut l);
        l.post("extraordinary.requested", json!({"request_id": "rq", "party_id": "african-1", "items": ["x"], "communicated_at": "2025-02-01T00:00:00Z"}));
        let mut accepted = 0;
        for (op, a, b, c) in ops {
            let (ty, data) = op_event(op, a, b, c);
            if l.try_post(ty, data).is_ok() {
                accepted += 1;
                // Ledger::findings asserts incremental == full evaluation.
                let _ = l.findings();
            }
        }
        let _ = l.audit();
        prop_assert!(accepted <= 70);
    }
}
