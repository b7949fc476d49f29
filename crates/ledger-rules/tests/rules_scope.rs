//! Table-driven tests of the mode and scope rules (P1, P2, P5, P6, R.consensus, L.retrospective)
//! and of verdicts: a compliant baseline, then one change at a time.

use ledger_rules::{Severity::*, Verdict};
use ledger_testkit::*;
use serde_json::json;

fn baseline() -> Ledger {
    let mut l = Ledger::new();
    registry(&mut l);
    compliant_online_meeting(&mut l, "m1");
    l
}

#[test]
fn the_baseline_meeting_raises_no_violation_or_advisory() {
    let mut l = baseline();
    Adoption {
        meeting: "m1",
        id: "budget",
        session: "m1-s1",
        category: "budgetary",
        method: "consensus",
        at: "2025-03-03T13:00:00Z",
    }
    .adopt(&mut l);
    let bad: Vec<_> = l
        .findings()
        .into_iter()
        .filter(|f| f.severity != Info)
        .collect();
    assert!(bad.is_empty(), "{bad:#?}");
    assert_eq!(l.verdict("budget"), Verdict::WithinScope);
}

#[test]
fn p2_online_scope_by_category_and_venue() {
    let mut l = baseline();
    Adoption {
        meeting: "m1",
        id: "budget",
        session: "m1-s1",
        category: "budgetary",
        method: "consensus",
        at: "2025-03-03T13:00:00Z",
    }
    .adopt(&mut l);
    Adoption {
        meeting: "m1",
        id: "secretariat-proc",
        session: "m1-s1",
        category: "procedural_secretariat",
        method: "consensus",
        at: "2025-03-03T13:10:00Z",
    }
    .adopt(&mut l);
    Adoption {
        meeting: "m1",
        id: "subst",
        session: "m1-s2",
        category: "substantive",
        method: "consensus",
        at: "2025-03-04T14:00:00Z",
    }
    .adopt(&mut l);
    Adoption {
        meeting: "m1",
        id: "other-proc",
        session: "m1-s2",
        category: "procedural_other",
        method: "consensus",
        at: "2025-03-04T14:10:00Z",
    }
    .adopt(&mut l);
    assert!(!l.has("P2.online_scope", "decision:budget", Violation));
    assert!(!l.has("P2.online_scope", "decision:secretariat-proc", Violation));
    assert!(l.has("P2.online_scope", "decision:subst", Violation));
    assert!(l.has("P2.online_scope", "decision:other-proc", Violation));
    // The substantive decision taints nothing else: verdicts are per decision.
    assert_eq!(l.verdict("budget"), Verdict::WithinScope);
    assert_eq!(l.verdict("subst"), Verdict::OutOfScope);
    assert_eq!(l.verdict("other-proc"), Verdict::OutOfScope);
    // The entry that adopted the substantive decision raised the violation.
    let raised: Vec<_> = l
        .raised
        .values()
        .flatten()
        .filter(|f| f.rule == ledger_rules::RuleId::P2OnlineScope)
        .collect();
    assert_eq!(raised.len(), 2);
}

#[test]
fn hybrid_counts_as_online_unless_configured_otherwise() {
    for counts in [true, false] {
        let settings = ledger_rules::Settings {
            hybrid_counts_as_online: counts,
            ..Default::default()
        };
        let mut l = Ledger::with_settings(settings);
        registry(&mut l);
        compliant_online_meeting(&mut l, "m1");
        Session {
            meeting: "m1",
            id: "m1-h",
            mode: "hybrid",
            start: "2025-03-05T17:00:00Z",
            end: "2025-03-05T18:00:00Z",
            webcast: true,
        }
        .hold(&mut l);
        Adoption {
            meeting: "m1",
            id: "subst",
            session: "m1-h",
            category: "substantive",
            method: "consensus",
            at: "2025-03-05T17:30:00Z",
        }
        .adopt(&mut l);
        assert_eq!(
            l.has("P2.online_scope", "decision:subst", Violation),
            counts
        );
        // a hybrid decision always gets a scope verdict
        assert_ne!(l.verdict("subst"), Verdict::InPerson);
    }
}

#[test]
fn decisions_in_person_get_the_in_person_verdict_with_their_findings() {
    let mut l = Ledger::new();
    registry(&mut l);
    l.post("meeting.convened", json!({"meeting_id": "mp", "body_id": "cp-mop", "title": "COP-MOP 11", "kind": "ordinary", "mode": "in_person",
        "opens_on": "2024-10-21", "closes_on": "2024-11-01", "reference_tz": "America/Bogota"}));
    Session {
        meeting: "mp",
        id: "mp-s1",
        mode: "in_person",
        start: "2024-10-31T15:00:00Z",
        end: "2024-10-31T20:00:00Z",
        webcast: false,
    }
    .hold(&mut l);
    Adoption {
        meeting: "mp",
        id: "CP-11/4",
        session: "mp-s1",
        category: "substantive",
        method: "consensus",
        at: "2024-10-31T19:00:00Z",
    }
    .adopt(&mut l);
    assert_eq!(l.verdict("CP-11/4"), Verdict::InPerson);
    // no virtual-mode decision is needed in person, but the missing webcast is still found
    assert!(l.find("P1.in_person_default", "meeting:mp").is_empty());
    assert!(!l.has("P2.online_scope", "decision:CP-11/4", Violation));
    assert!(l.has("P4.webcast", "session:mp-s1", Violation));
    let d = l
        .audit()
        .decisions
        .into_iter()
        .find(|d| d.decision_id == "CP-11/4")
        .unwrap();
    assert!(d.findings.contains(&ledger_rules::RuleId::P4Webcast));
    assert!(d.findings.contains(&ledger_rules::RuleId::LRetrospective));
    assert_eq!(d.venue, "in_person");
}

#[test]
fn p1_needs_a_prior_stated_virtual_mode_decision() {
    // no decision at all
    let mut l = Ledger::new();
    registry(&mut l);
    l.post("meeting.convened", json!({"meeting_id": "m2", "body_id": "sbstta", "title": "SBSTTA online", "kind": "ordinary", "mode": "online",
        "opens_on": "2025-03-03", "closes_on": "2025-03-03"}));
    Session {
        meeting: "m2",
        id: "m2-s1",
        mode: "online",
        start: "2025-03-03T12:00:00Z",
        end: "2025-03-03T14:00:00Z",
        webcast: true,
    }
    .hold(&mut l);
    assert!(l.has("P1.in_person_default", "meeting:m2", Violation));
    // a decision taken after the session started does not count
    l.post("bureau.decision", json!({"decision_id": "late-vm", "bureau_id": "cp-bureau", "subject": {"kind": "virtual_mode", "meeting_id": "m2"},
        "decided_at": "2025-03-03T12:00:00Z", "method": "electronic", "consultation_ids": [],
        "exceptional_circumstances": {"statement": "x", "prolonged": true}, "members_participating": []}));
    assert!(l.has("P1.in_person_default", "meeting:m2", Violation));
    // one decided before, but stating no exceptional circumstances, does not either
    l.post("bureau.decision", json!({"decision_id": "bare-vm", "bureau_id": "cp-bureau", "subject": {"kind": "virtual_mode", "meeting_id": "m2"},
        "decided_at": "2025-03-01T12:00:00Z", "method": "electronic", "consultation_ids": [], "members_participating": []}));
    let f = l.find("P1.in_person_default", "meeting:m2");
    assert!(
        f.iter()
            .any(|f| f.message.contains("no exceptional circumstances")),
        "{f:#?}"
    );
    // with a statement, decided before: P1 passes (P2 still fails: no consultation)
    l.post("bureau.decision", json!({"decision_id": "good-vm", "bureau_id": "cp-bureau", "subject": {"kind": "virtual_mode", "meeting_id": "m2"},
        "decided_at": "2025-03-02T12:00:00Z", "method": "electronic", "consultation_ids": [],
        "exceptional_circumstances": {"statement": "x", "prolonged": true}, "members_participating": []}));
    assert!(l.find("P1.in_person_default", "meeting:m2").is_empty());
    assert!(l.has(
        "P2.consult_then_decide",
        "bureau_decision:good-vm",
        Violation
    ));
}

#[test]
fn p2_consult_then_decide() {
    // the baseline passes
    let l = baseline();
    assert!(l
        .find("P2.consult_then_decide", "bureau_decision:m1-vm")
        .is_empty());

    // a Bureau decision taken before its consultation closed fails
    let mut l = Ledger::new();
    registry(&mut l);
    l.post("meeting.convened", json!({"meeting_id": "m3", "body_id": "cp-mop", "title": "t", "kind": "ordinary", "mode": "online", "opens_on": "2025-03-03", "closes_on": "2025-03-04"}));
    l.post("consultation.opened", json!({"consultation_id": "c3", "kind": "parties", "subject": {"kind": "virtual_mode", "meeting_id": "m3"}, "opened_at": "2025-01-10T12:00:00Z"}));
    l.post("bureau.decision", json!({"decision_id": "vm3", "bureau_id": "cp-bureau", "subject": {"kind": "virtual_mode", "meeting_id": "m3"},
        "decided_at": "2025-01-15T12:00:00Z", "method": "electronic", "consultation_ids": ["c3"],
        "exceptional_circumstances": {"statement": "x", "prolonged": true}, "members_participating": []}));
    assert!(l.has("P2.consult_then_decide", "bureau_decision:vm3", Violation));
    l.post(
        "consultation.closed",
        json!({"consultation_id": "c3", "closed_at": "2025-01-20T12:00:00Z", "summary": "s"}),
    );
    let f = l.find("P2.consult_then_decide", "bureau_decision:vm3");
    assert!(
        f.iter()
            .any(|f| f.message.contains("not before the decision")),
        "{f:#?}"
    );
    // closing exactly at the decision instant is not "before"
    let mut l2 = Ledger::new();
    registry(&mut l2);
    l2.post("consultation.opened", json!({"consultation_id": "c4", "kind": "parties", "subject": {"kind": "virtual_mode", "meeting_id": "m4"}, "opened_at": "2025-01-10T12:00:00Z"}));
    l2.post(
        "consultation.closed",
        json!({"consultation_id": "c4", "closed_at": "2025-01-15T12:00:00Z", "summary": "s"}),
    );
    l2.post("bureau.decision", json!({"decision_id": "vm4", "bureau_id": "cp-bureau", "subject": {"kind": "virtual_mode", "meeting_id": "m4"},
        "decided_at": "2025-01-15T12:00:00Z", "method": "electronic", "consultation_ids": ["c4"],
        "exceptional_circumstances": {"statement": "x", "prolonged": false}, "members_participating": []}));
    assert!(l2.has("P2.consult_then_decide", "bureau_decision:vm4", Violation));
    assert!(
        l2.has("P2.consult_then_decide", "bureau_decision:vm4", Advisory),
        "prolonged: false is advisory"
    );

    // only regional consultations: no consultation among the Parties
    let mut l = Ledger::new();
    registry(&mut l);
    l.post("consultation.opened", json!({"consultation_id": "r1", "kind": "regional", "region": "african", "subject": {"kind": "virtual_mode", "meeting_id": "m5"}, "opened_at": "2025-01-10T12:00:00Z"}));
    l.post(
        "consultation.closed",
        json!({"consultation_id": "r1", "closed_at": "2025-01-11T12:00:00Z", "summary": "s"}),
    );
    l.post("bureau.decision", json!({"decision_id": "vm5", "bureau_id": "cp-bureau", "subject": {"kind": "virtual_mode", "meeting_id": "m5"},
        "decided_at": "2025-01-15T12:00:00Z", "method": "electronic", "consultation_ids": ["r1"],
        "exceptional_circumstances": {"statement": "x", "prolonged": true}, "members_participating": []}));
    let f = l.find("P2.consult_then_decide", "bureau_decision:vm5");
    assert!(
        f.iter().any(|f| f.message.contains("among the Parties")),
        "{f:#?}"
    );

    // a decision by the SBSTTA Bureau is not the COP-MOP Bureau's
    let mut l = Ledger::new();
    registry(&mut l);
    l.post(
        "bureau.elected",
        bureau_election("sbstta-bureau", "sbstta", 10, None),
    );
    l.post("meeting.convened", json!({"meeting_id": "m6", "body_id": "sbstta", "title": "t", "kind": "ordinary", "mode": "online", "opens_on": "2025-03-03", "closes_on": "2025-03-04"}));
    l.post("consultation.opened", json!({"consultation_id": "c6", "kind": "parties", "subject": {"kind": "virtual_mode", "meeting_id": "m6"}, "opened_at": "2025-01-10T12:00:00Z"}));
    l.post(
        "consultation.closed",
        json!({"consultation_id": "c6", "closed_at": "2025-01-11T12:00:00Z", "summary": "s"}),
    );
    l.post("bureau.decision", json!({"decision_id": "vm6", "bureau_id": "sbstta-bureau", "subject": {"kind": "virtual_mode", "meeting_id": "m6"},
        "decided_at": "2025-01-15T12:00:00Z", "method": "electronic", "consultation_ids": ["c6"],
        "exceptional_circumstances": {"statement": "x", "prolonged": true}, "members_participating": []}));
    let f = l.find("P2.consult_then_decide", "bureau_decision:vm6");
    assert!(
        f.iter()
            .any(|f| f.message.contains("not the COP-MOP Bureau")),
        "{f:#?}"
    );
}

#[test]
fn a_violation_on_the_determination_makes_decisions_resting_on_it_out_of_scope() {
    let mut l = Ledger::new();
    registry(&mut l);
    compliant_online_meeting(&mut l, "m1");
    Adoption {
        meeting: "m1",
        id: "budget",
        session: "m1-s1",
        category: "budgetary",
        method: "consensus",
        at: "2025-03-03T13:00:00Z",
    }
    .adopt(&mut l);
    assert_eq!(l.verdict("budget"), Verdict::WithinScope);
    // the Bureau loses its composition before the decision: a later substitution dated before it
    l.post("bureau.member_substituted", json!({"bureau_id": "cp-bureau", "replaced_member_id": "vp3",
        "substitute": {"member_id": "vp3b", "party_id": "us", "name": "from a Convention-only Party", "role": "vice_president", "rapporteur": false, "region": "asia_pacific"},
        "at": "2025-01-01T00:00:00Z"}));
    assert!(l.has("R.bureau_composition", "bureau:cp-bureau", Violation));
    assert_eq!(l.verdict("budget"), Verdict::OutOfScope);
}

#[test]
fn p5_limited_membership_bodies_may_meet_online() {
    let mut l = Ledger::new();
    registry(&mut l);
    l.post(
        "body.registered",
        json!({"body_id": "cc", "name": "Compliance Committee", "kind": "compliance_committee"}),
    );
    for (m, body) in [("ah", "ahteg"), ("ccm", "cc")] {
        l.post("meeting.convened", json!({"meeting_id": m, "body_id": body, "title": "t", "kind": "ordinary", "mode": "online", "opens_on": "2020-04-15", "closes_on": "2020-04-17"}));
        Session {
            meeting: m,
            id: &format!("{m}-s1"),
            mode: "online",
            start: "2020-04-15T12:00:00Z",
            end: "2020-04-15T16:00:00Z",
            webcast: false,
        }
        .hold(&mut l);
        assert!(l.has("P5.limited_membership", &format!("meeting:{m}"), Info));
        assert!(l
            .find("P1.in_person_default", &format!("meeting:{m}"))
            .is_empty());
        assert!(l.find("P4.webcast", &format!("session:{m}-s1")).is_empty());
        assert!(l
            .find("P7.session_length", &format!("session:{m}-s1"))
            .is_empty());
        assert!(l
            .find("P7.scenario_note", &format!("meeting:{m}"))
            .is_empty());
    }
    assert!(
        l.has("P5.limited_membership", "body:cc", Advisory),
        "missing mandate_ref"
    );
    assert!(l.find("P5.limited_membership", "body:ahteg").is_empty());
}

#[test]
fn p6_bureaus_meet_online_but_take_no_decisions() {
    let mut l = Ledger::new();
    registry(&mut l);
    l.post("meeting.convened", json!({"meeting_id": "bm", "body_id": "cp-bureau", "title": "Bureau", "kind": "ordinary", "mode": "online", "opens_on": "2025-02-01", "closes_on": "2025-02-01"}));
    Session {
        meeting: "bm",
        id: "bm-s1",
        mode: "online",
        start: "2025-02-01T12:00:00Z",
        end: "2025-02-01T13:00:00Z",
        webcast: false,
    }
    .hold(&mut l);
    assert!(l.has("P6.bureau_online", "meeting:bm", Info));
    assert!(l.find("P1.in_person_default", "meeting:bm").is_empty());
    Adoption {
        meeting: "bm",
        id: "bd-x",
        session: "bm-s1",
        category: "budgetary",
        method: "consensus",
        at: "2025-02-01T12:30:00Z",
    }
    .adopt(&mut l);
    assert!(l.has("P6.bureau_online", "decision:bd-x", Violation));
    assert_eq!(l.verdict("bd-x"), Verdict::OutOfScope);
}

#[test]
fn r_consensus_and_l_retrospective() {
    let mut l = baseline();
    Adoption {
        meeting: "m1",
        id: "voted",
        session: "m1-s1",
        category: "substantive",
        method: "vote",
        at: "2025-03-03T13:00:00Z",
    }
    .adopt(&mut l);
    Adoption {
        meeting: "m1",
        id: "agreed",
        session: "m1-s1",
        category: "substantive",
        method: "consensus",
        at: "2025-03-03T13:05:00Z",
    }
    .adopt(&mut l);
    Adoption {
        meeting: "m1",
        id: "budget-vote",
        session: "m1-s1",
        category: "budgetary",
        method: "vote",
        at: "2025-03-03T13:06:00Z",
    }
    .adopt(&mut l);
    assert!(l.has("R.consensus", "decision:voted", Violation));
    assert!(l.find("R.consensus", "decision:agreed").is_empty());
    assert!(l.find("R.consensus", "decision:budget-vote").is_empty());
    assert!(l.find("L.retrospective", "decision:voted").is_empty());

    let mut l = Ledger::new();
    registry(&mut l);
    l.post("meeting.convened", json!({"meeting_id": "old", "body_id": "cp-mop", "title": "t", "kind": "ordinary", "mode": "in_person", "opens_on": "2024-10-31", "closes_on": "2024-11-01"}));
    Session {
        meeting: "old",
        id: "old-s",
        mode: "in_person",
        start: "2024-10-31T22:00:00Z",
        end: "2024-11-01T02:00:00Z",
        webcast: true,
    }
    .hold(&mut l);
    Adoption {
        meeting: "old",
        id: "before",
        session: "old-s",
        category: "budgetary",
        method: "consensus",
        at: "2024-10-31T23:59:59.999Z",
    }
    .adopt(&mut l);
    Adoption {
        meeting: "old",
        id: "at",
        session: "old-s",
        category: "budgetary",
        method: "consensus",
        at: "2024-11-01T00:00:00Z",
    }
    .adopt(&mut l);
    assert!(l.has("L.retrospective", "decision:before", Info));
    assert!(l.find("L.retrospective", "decision:at").is_empty());
}
