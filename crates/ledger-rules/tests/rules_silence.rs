//! Table-driven tests of para 3: P3.silence_basis, P3.extraordinary_basis, P3.silence_outcome
//! (with the deadline and Protocol-Party boundaries), P3.silence_period, P3.urgency.

use ledger_rules::{RuleId, Severity::*, Verdict};
use ledger_testkit::*;
use serde_json::json;

fn silence() -> Ledger {
    let mut l = Ledger::new();
    registry(&mut l);
    compliant_silence(&mut l, "ex1", "sp1");
    l
}

fn object(l: &mut Ledger, party: &str, kind: &str, at: &str) -> u64 {
    l.post(
        "silence.objection",
        json!({"procedure_id": "sp1", "party_id": party, "kind": kind, "received_at": at}),
    )
}

fn conclude(l: &mut Ledger, outcome: &str, at: &str) -> u64 {
    l.post(
        "silence.concluded",
        json!({"procedure_id": "sp1", "outcome": outcome, "concluded_at": at}),
    )
}

fn adopt_by_silence(l: &mut Ledger, id: &str, text: &str, category: &str, at: &str) -> u64 {
    l.post("decision.adopted", json!({"decision_id": id, "meeting_id": "ex1", "title": "Interim budget", "category": category,
        "via": {"procedure_id": "sp1"}, "method": "silence", "adopted_at": at, "text_digest": digest(text)}))
}

#[test]
fn a_compliant_silence_procedure_is_within_scope() {
    let mut l = silence();
    conclude(&mut l, "adopted", "2025-05-13T12:00:00Z");
    adopt_by_silence(
        &mut l,
        "budget",
        "draft-1",
        "budgetary",
        "2025-05-13T12:00:00Z",
    );
    for rule in [
        RuleId::P3SilenceBasis,
        RuleId::P3SilenceOutcome,
        RuleId::P3SilencePeriod,
        RuleId::P3Urgency,
        RuleId::P3ExtraordinaryBasis,
    ] {
        assert!(
            l.findings().iter().all(|f| f.rule != rule),
            "{rule}: {:#?}",
            l.findings()
        );
    }
    assert_eq!(l.verdict("budget"), Verdict::WithinScope);
    assert_eq!(l.audit().decisions[0].venue, "silence");
}

#[test]
fn an_objection_one_millisecond_before_the_deadline_breaks_silence() {
    let mut l = silence();
    object(&mut l, "african-1", "objection", "2025-05-13T11:59:59.999Z");
    conclude(&mut l, "adopted", "2025-05-13T12:00:00Z");
    assert!(l.has("P3.silence_outcome", "procedure:sp1", Violation));
    adopt_by_silence(
        &mut l,
        "budget",
        "draft-1",
        "budgetary",
        "2025-05-13T13:00:00Z",
    );
    assert!(l.has("P3.silence_outcome", "decision:budget", Violation));
    assert_eq!(l.verdict("budget"), Verdict::OutOfScope);
}

#[test]
fn an_objection_at_the_deadline_does_not() {
    let mut l = silence();
    object(&mut l, "african-1", "objection", "2025-05-13T12:00:00Z");
    conclude(&mut l, "adopted", "2025-05-13T12:00:00Z");
    adopt_by_silence(
        &mut l,
        "budget",
        "draft-1",
        "budgetary",
        "2025-05-13T12:00:00Z",
    );
    assert!(
        l.find("P3.silence_outcome", "procedure:sp1").is_empty(),
        "{:#?}",
        l.findings()
    );
    assert_eq!(l.verdict("budget"), Verdict::WithinScope);
    // and a conclusion "broken" with only that objection is itself wrong
    conclude(&mut l, "broken", "2025-05-14T12:00:00Z");
    assert!(l.has("P3.silence_outcome", "procedure:sp1", Violation));
}

#[test]
fn objections_from_parties_not_yet_or_no_longer_protocol_parties_do_not_break() {
    let mut l = silence();
    // not yet: joins the Protocol the day after the objection
    l.post("party.registered", json!({"party_id": "newcomer", "name": "Newcomer", "region": "african", "protocol_party_since": "2025-05-12"}));
    // no longer: withdrew the day of the objection
    l.post("party.registered", json!({"party_id": "leaver", "name": "Leaver", "region": "asia_pacific", "protocol_party_since": "2003-01-01", "withdrawn_on": "2025-05-11"}));
    let i1 = object(&mut l, "newcomer", "objection", "2025-05-11T12:00:00Z");
    let i2 = object(&mut l, "leaver", "amendment", "2025-05-11T12:00:00Z");
    let i3 = object(&mut l, "us", "objection", "2025-05-11T12:00:00Z");
    conclude(&mut l, "adopted", "2025-05-13T12:00:00Z");
    assert!(
        l.find("P3.silence_outcome", "procedure:sp1").is_empty(),
        "{:#?}",
        l.findings()
    );
    for i in [i1, i2, i3] {
        assert!(
            l.has("R.counted_parties", &format!("entry:{i}"), Info),
            "entry {i} is marked as not counted"
        );
    }
    // the newcomer's objection a day later (a Protocol Party by then) does break it
    object(&mut l, "newcomer", "objection", "2025-05-12T00:00:00Z");
    assert!(l.has("P3.silence_outcome", "procedure:sp1", Violation));
}

#[test]
fn comments_break_silence_only_when_configured() {
    for comments in [false, true] {
        let settings = ledger_rules::Settings {
            comment_breaks_silence: comments,
            ..Default::default()
        };
        let mut l = Ledger::with_settings(settings);
        registry(&mut l);
        compliant_silence(&mut l, "ex1", "sp1");
        object(&mut l, "african-1", "comment", "2025-05-12T12:00:00Z");
        conclude(&mut l, "adopted", "2025-05-13T12:00:00Z");
        assert_eq!(
            l.has("P3.silence_outcome", "procedure:sp1", Violation),
            comments
        );
    }
}

#[test]
fn two_rounds_first_broken_second_adopted() {
    let mut l = silence();
    object(
        &mut l,
        "latin_american_caribbean-2",
        "objection",
        "2025-05-12T09:00:00Z",
    );
    conclude(&mut l, "broken", "2025-05-13T12:00:00Z");
    l.post("silence.resumed", json!({"procedure_id": "sp1", "circulated_at": "2025-05-19T12:00:00Z", "deadline": "2025-05-21T12:00:00Z", "text_digest": digest("draft-2")}));
    conclude(&mut l, "adopted", "2025-05-21T12:00:00Z");
    // the text adopted must be round 2's
    adopt_by_silence(
        &mut l,
        "budget",
        "draft-2",
        "budgetary",
        "2025-05-21T12:00:00Z",
    );
    assert!(
        l.find("P3.silence_outcome", "procedure:sp1").is_empty(),
        "{:#?}",
        l.findings()
    );
    assert!(
        l.has("P3.silence_period", "procedure:sp1", Advisory),
        "48 h round"
    );
    assert_eq!(
        l.find("P3.silence_period", "procedure:sp1").len(),
        1,
        "round 1 had 72 h"
    );
    assert_eq!(l.verdict("budget"), Verdict::WithinScope);
    // round 1's text, or another category, would not do
    adopt_by_silence(
        &mut l,
        "budget-old-text",
        "draft-1",
        "budgetary",
        "2025-05-21T13:00:00Z",
    );
    adopt_by_silence(
        &mut l,
        "budget-recast",
        "draft-2",
        "substantive",
        "2025-05-21T13:00:00Z",
    );
    assert!(l.has("P3.silence_outcome", "decision:budget-old-text", Violation));
    assert!(l.has("P3.silence_outcome", "decision:budget-recast", Violation));
}

#[test]
fn adoption_before_any_round_ended_in_silence() {
    let mut l = silence();
    adopt_by_silence(
        &mut l,
        "early",
        "draft-1",
        "budgetary",
        "2025-05-12T12:00:00Z",
    );
    assert!(l.has("P3.silence_outcome", "decision:early", Violation));
    let mut l = silence();
    conclude(&mut l, "adopted", "2025-05-13T11:00:00Z");
    assert!(l
        .find("P3.silence_outcome", "procedure:sp1")
        .iter()
        .any(|f| f.message.contains("before round 1's deadline")));
}

#[test]
fn p3_silence_period_boundary() {
    for (deadline, short) in [
        ("2025-05-13T12:00:00Z", false),
        ("2025-05-13T11:59:00Z", true),
    ] {
        let mut l = Ledger::new();
        registry(&mut l);
        compliant_silence(&mut l, "ex1", "sp0");
        l.post("silence.opened", json!({"procedure_id": "sp1", "meeting_id": "ex1", "bureau_decision_id": "sp0-bd",
            "draft": {"title": "t", "category": "budgetary", "urgent": true, "text_digest": digest("d")},
            "circulated_at": "2025-05-10T12:00:00Z", "deadline": deadline}));
        assert_eq!(
            l.has("P3.silence_period", "procedure:sp1", Advisory),
            short,
            "{deadline}"
        );
    }
}

#[test]
fn p3_urgency() {
    let mut l = silence();
    assert!(l.find("P3.urgency", "procedure:sp1").is_empty());
    for (p, category, urgent) in [
        ("sp-slow", "budgetary", false),
        ("sp-subst", "substantive", true),
    ] {
        l.post("silence.opened", json!({"procedure_id": p, "meeting_id": "ex1", "bureau_decision_id": "sp1-bd",
            "draft": {"title": "t", "category": category, "urgent": urgent, "text_digest": digest("d")},
            "circulated_at": "2025-05-10T12:00:00Z", "deadline": "2025-05-13T12:00:00Z"}));
        assert!(
            l.has("P3.urgency", &format!("procedure:{p}"), Advisory),
            "{p}"
        );
    }
}

#[test]
fn p3_silence_basis() {
    // The baseline passes.
    assert!(silence()
        .find("P3.silence_basis", "procedure:sp1")
        .is_empty());

    // A region represented on the Bureau without a closed regional consultation.
    let mut l = Ledger::new();
    registry(&mut l);
    let mut ids = vec![];
    for r in &REGIONS[..4] {
        let c = format!("c-{r}");
        l.post("consultation.opened", json!({"consultation_id": c, "kind": "regional", "region": r, "subject": {"kind": "silence_procedure", "procedure_id": "sp1"}, "opened_at": "2025-05-01T12:00:00Z"}));
        l.post(
            "consultation.closed",
            json!({"consultation_id": c, "closed_at": "2025-05-02T12:00:00Z", "summary": "ok"}),
        );
        ids.push(c);
    }
    l.post("bureau.decision", json!({"decision_id": "bd", "bureau_id": "cp-bureau", "subject": {"kind": "silence_procedure", "procedure_id": "sp1"},
        "decided_at": "2025-05-06T12:00:00Z", "method": "electronic", "consultation_ids": ids,
        "exceptional_circumstances": {"statement": "s", "prolonged": true}, "members_participating": []}));
    l.post("meeting.convened", json!({"meeting_id": "ord", "body_id": "cp-mop", "title": "t", "kind": "ordinary", "mode": "online", "opens_on": "2025-05-10", "closes_on": "2025-05-20"}));
    l.post("silence.opened", json!({"procedure_id": "sp1", "meeting_id": "ord", "bureau_decision_id": "bd",
        "draft": {"title": "t", "category": "budgetary", "urgent": true, "text_digest": digest("d")},
        "circulated_at": "2025-05-06T12:00:00Z", "deadline": "2025-05-09T12:00:00Z"}));
    let f = l.find("P3.silence_basis", "procedure:sp1");
    assert_eq!(f.len(), 1);
    let msg = &f[0].message;
    assert!(msg.contains("western_european_others"), "{msg}");
    assert!(msg.contains("not an extraordinary meeting"), "{msg}");
    assert!(
        msg.contains("not taken before the draft was circulated"),
        "{msg}"
    );
}

fn party_request(l: &mut Ledger, supporters: &[(&str, &str)]) {
    for k in 0..2 {
        l.post("party.registered", json!({"party_id": format!("extra-{k}"), "name": "Extra", "protocol_party_since": "2010-01-01"}));
    }
    l.post("extraordinary.requested", json!({"request_id": "rq", "party_id": "african-1", "items": ["budget"], "communicated_at": "2025-01-31T12:00:00Z"}));
    for (p, at) in supporters {
        l.post(
            "extraordinary.supported",
            json!({"request_id": "rq", "party_id": p, "supported_at": at}),
        );
    }
    l.post("meeting.convened", json!({"meeting_id": "exm", "body_id": "cp-mop", "title": "t", "kind": "extraordinary", "mode": "in_person",
        "opens_on": "2025-09-01", "closes_on": "2025-09-02", "basis": {"kind": "party_request", "request_id": "rq"}}));
}

#[test]
fn p3_extraordinary_basis_one_third_boundary() {
    // 18 Protocol Parties (15 regional, the EU, two more); exactly one third is 6.
    let five_more = [
        ("asia_pacific-1", "2025-02-01T00:00:00Z"),
        ("asia_pacific-2", "2025-03-01T00:00:00Z"),
        ("eastern_european-1", "2025-04-01T00:00:00Z"),
        ("eastern_european-2", "2025-05-01T00:00:00Z"),
        ("eu", "2025-07-31T23:59:59Z"),
    ];
    let mut l = Ledger::new();
    registry(&mut l);
    party_request(&mut l, &five_more);
    assert!(
        l.find("P3.extraordinary_basis", "meeting:exm").is_empty(),
        "requester + 5 = 6 of 18: {:#?}",
        l.findings()
    );

    // one fewer fails
    let mut l = Ledger::new();
    registry(&mut l);
    party_request(&mut l, &five_more[..4]);
    assert!(l.has("P3.extraordinary_basis", "meeting:exm", Violation));

    // support from a Convention-only Party, a repeat, and support a day after six months do not count
    let mut l = Ledger::new();
    registry(&mut l);
    let mut s = five_more[..4].to_vec();
    s.push(("us", "2025-02-01T00:00:00Z"));
    s.push(("asia_pacific-1", "2025-02-02T00:00:00Z"));
    s.push(("latin_american_caribbean-1", "2025-08-01T00:00:00Z"));
    party_request(&mut l, &s);
    assert!(l.has("P3.extraordinary_basis", "meeting:exm", Violation));

    // a newly registered Protocol Party raises the bar for a meeting already convened
    let mut l = Ledger::new();
    registry(&mut l);
    party_request(&mut l, &five_more);
    assert!(l.find("P3.extraordinary_basis", "meeting:exm").is_empty());
    l.post(
        "party.registered",
        json!({"party_id": "late", "name": "Late", "protocol_party_since": "2010-01-01"}),
    );
    assert!(
        l.has("P3.extraordinary_basis", "meeting:exm", Violation),
        "19 Parties need 7"
    );
}

#[test]
fn p3_extraordinary_basis_needs_a_basis() {
    let mut l = Ledger::new();
    registry(&mut l);
    l.post("meeting.convened", json!({"meeting_id": "nob", "body_id": "cp-mop", "title": "t", "kind": "extraordinary", "mode": "online", "opens_on": "2025-09-01", "closes_on": "2025-09-02"}));
    l.post("meeting.convened", json!({"meeting_id": "noref", "body_id": "cp-mop", "title": "t", "kind": "extraordinary", "mode": "online", "opens_on": "2025-09-01", "closes_on": "2025-09-02", "basis": {"kind": "decision"}}));
    l.post("meeting.convened", json!({"meeting_id": "ref", "body_id": "cp-mop", "title": "t", "kind": "extraordinary", "mode": "online", "opens_on": "2025-09-01", "closes_on": "2025-09-02", "basis": {"kind": "decision", "decision_ref": "CP-10/1"}}));
    assert!(l.has("P3.extraordinary_basis", "meeting:nob", Violation));
    assert!(l.has("P3.extraordinary_basis", "meeting:noref", Violation));
    assert!(l.find("P3.extraordinary_basis", "meeting:ref").is_empty());
}
