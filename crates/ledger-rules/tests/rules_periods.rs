//! Completeness statements (contract §5.7; rules.md §5 L.period_counts and L.after_close), table
//! driven: counts right, one short, one extra, items on the boundary dates in another time zone,
//! a body-scoped statement, overlapping statements, a late item of each kind, and admission's
//! refusals. Every `findings()` also holds the incremental engine to a full evaluation.

use ledger_log::Rejection;
use ledger_rules::{Severity::*, Verdict};
use ledger_testkit::*;
use serde_json::{json, Value};

/// The registry, a compliant online COP-MOP meeting `m` (opens 2025-03-03; its virtual-mode
/// Bureau decision `m-vm` of 2025-01-25) and a budget decision `b` adopted in it.
fn baseline() -> Ledger {
    let mut l = Ledger::new();
    registry(&mut l);
    compliant_online_meeting(&mut l, "m");
    Adoption {
        meeting: "m",
        id: "b",
        session: "m-s1",
        category: "budgetary",
        method: "consensus",
        at: "2025-03-03T12:30:00Z",
    }
    .adopt(&mut l);
    l
}

fn statement(id: &str, body: Option<&str>, from: &str, to: &str, counts: [u64; 4]) -> Value {
    let mut v = json!({"period_id": id, "from": from, "to": to,
        "counts": {"meetings": counts[0], "silence_procedures": counts[1], "decisions": counts[2], "bureau_decisions": counts[3]},
        "closed_at": "2026-01-15T12:00:00Z", "statement": "complete"});
    if let Some(b) = body {
        v["body_id"] = json!(b);
    }
    v
}

fn violations(l: &Ledger, rule: &str, subject: &str) -> usize {
    l.find(rule, subject)
        .iter()
        .filter(|f| f.severity == Violation)
        .count()
}

#[test]
fn l_period_counts_table() {
    // (row, body, counts stated, violation expected)
    let rows: [(&str, Option<&str>, [u64; 4], bool); 7] = [
        ("right", None, [1, 0, 1, 1], false),
        ("one decision short", None, [1, 0, 0, 1], true),
        ("one meeting extra", None, [2, 0, 1, 1], true),
        ("a Bureau decision short", None, [1, 0, 1, 0], true),
        (
            "the COP-MOP's own record",
            Some("cp-mop"),
            [1, 0, 1, 1],
            false,
        ),
        // SBSTTA held nothing, and the COP-MOP Bureau was not elected for it
        ("SBSTTA's record", Some("sbstta"), [0, 0, 0, 0], false),
        (
            "SBSTTA's record, counting the COP-MOP's",
            Some("sbstta"),
            [1, 0, 1, 1],
            true,
        ),
    ];
    for (row, body, counts, bad) in rows {
        let mut l = baseline();
        let at = l.post(
            "period.closed",
            statement("2025", body, "2025-01-01", "2025-12-31", counts),
        );
        let found = l.find("L.period_counts", "period:2025");
        assert_eq!(found.len(), usize::from(bad), "{row}: {found:#?}");
        if let Some(f) = found.first() {
            assert_eq!(f.severity, Violation, "{row}");
            assert!(f.evidence.contains(&at), "{row}: the statement is evidence");
            assert!(
                f.message.contains("states meetings")
                    && f.message.contains("the log holds meetings"),
                "{row}: {}",
                f.message
            );
            if body.is_none() {
                // the entries counted: the meeting, its Bureau decision, the decision
                assert_eq!(f.evidence.len(), 4, "{row}: {:?}", f.evidence);
            }
        }
        // nothing late: the statement came after everything it counts
        assert!(l
            .findings()
            .iter()
            .all(|f| f.rule.as_str() != "L.after_close"));
        assert_eq!(l.verdict("b"), Verdict::WithinScope, "{row}");
    }
}

#[test]
fn boundary_dates_are_utc_days_whatever_the_zone_written() {
    let mut l = baseline();
    // 2026-01-01T03:00+05:00 is 2025-12-31 in UTC: inside 2025
    Adoption {
        meeting: "m",
        id: "inside",
        session: "m-s2",
        category: "budgetary",
        method: "consensus",
        at: "2026-01-01T03:00:00+05:00",
    }
    .adopt(&mut l);
    // 2025-12-31T22:00-05:00 is 2026-01-01 in UTC: outside
    Adoption {
        meeting: "m",
        id: "outside",
        session: "m-s2",
        category: "budgetary",
        method: "consensus",
        at: "2025-12-31T22:00:00-05:00",
    }
    .adopt(&mut l);
    // 2025-01-01T00:00Z exactly is inside; 2024-12-31T23:59:59.999Z is not
    l.post(
        "bureau.decision",
        json!({"decision_id": "first-instant", "bureau_id": "cp-bureau",
        "subject": {"kind": "other"}, "decided_at": "2025-01-01T00:00:00Z", "method": "electronic",
        "consultation_ids": [], "members_participating": ["pres"]}),
    );
    l.post("bureau.decision", json!({"decision_id": "last-instant-before", "bureau_id": "cp-bureau",
        "subject": {"kind": "other"}, "decided_at": "2024-12-31T23:59:59.999Z", "method": "electronic",
        "consultation_ids": [], "members_participating": ["pres"]}));
    l.post(
        "period.closed",
        statement("2025", None, "2025-01-01", "2025-12-31", [1, 0, 2, 2]),
    );
    assert!(
        l.find("L.period_counts", "period:2025").is_empty(),
        "{:#?}",
        l.find("L.period_counts", "period:2025")
    );
}

#[test]
fn a_late_item_of_each_kind_contradicts_the_statement() {
    let mut l = baseline();
    let st = l.post(
        "period.closed",
        statement("2025", None, "2025-01-01", "2025-12-31", [1, 0, 1, 1]),
    );
    assert!(l.find("L.period_counts", "period:2025").is_empty());
    // after it: an extraordinary meeting with a silence procedure and its Bureau decision (May
    // 2025), an online decision of the closed period, an in-person meeting and its decision, and
    // a meeting of 2026 (not covered)
    compliant_silence(&mut l, "xm", "sp");
    let late_decision = Adoption {
        meeting: "m",
        id: "late",
        session: "m-s2",
        category: "budgetary",
        method: "consensus",
        at: "2025-03-04T14:00:00Z",
    }
    .adopt(&mut l);
    l.post("meeting.convened", json!({"meeting_id": "ip", "body_id": "cp-mop", "title": "In person", "kind": "ordinary", "mode": "in_person",
        "opens_on": "2025-10-01", "closes_on": "2025-10-02"}));
    Session {
        meeting: "ip",
        id: "ip-s1",
        mode: "in_person",
        start: "2025-10-01T14:00:00Z",
        end: "2025-10-01T16:00:00Z",
        webcast: true,
    }
    .hold(&mut l);
    Adoption {
        meeting: "ip",
        id: "ip-d",
        session: "ip-s1",
        category: "substantive",
        method: "consensus",
        at: "2025-10-01T15:00:00Z",
    }
    .adopt(&mut l);
    l.post("meeting.convened", json!({"meeting_id": "next-year", "body_id": "cp-mop", "title": "2026", "kind": "ordinary", "mode": "in_person",
        "opens_on": "2026-03-01", "closes_on": "2026-03-02"}));
    for subject in [
        "meeting:xm",
        "procedure:sp",
        "bureau_decision:sp-bd",
        "decision:late",
        "meeting:ip",
        "decision:ip-d",
    ] {
        let f = l.find("L.after_close", subject);
        assert_eq!(f.len(), 1, "{subject}: {f:#?}");
        assert_eq!(f[0].severity, Violation);
        // evidence in log order: the statement, then the late entry
        assert_eq!(f[0].evidence[0], st, "{subject}");
        assert!(
            f[0].message.contains("completeness statement 2025"),
            "{}",
            f[0].message
        );
    }
    assert_eq!(
        l.find("L.after_close", "decision:late")[0].evidence,
        vec![st, late_decision]
    );
    assert!(l.find("L.after_close", "meeting:next-year").is_empty());
    // the look-through to verdicts: a late online decision is out of scope; an in-person one
    // keeps `in_person` with the finding listed; the budget decision recorded before the
    // statement keeps its verdict (L.after_close names the late decision, not its meeting)
    assert_eq!(l.verdict("late"), Verdict::OutOfScope);
    assert_eq!(l.verdict("ip-d"), Verdict::InPerson);
    assert_eq!(l.verdict("b"), Verdict::WithinScope);
    let audit = l.audit();
    let ip = audit
        .decisions
        .iter()
        .find(|d| d.decision_id == "ip-d")
        .unwrap();
    assert!(ip.findings.iter().any(|r| r.as_str() == "L.after_close"));
    // the statement's own counts were right when it was recorded, and stay so
    assert!(l.find("L.period_counts", "period:2025").is_empty());
}

#[test]
fn a_decision_of_a_meeting_recorded_late_looks_through_to_the_meeting() {
    let mut l = Ledger::new();
    registry(&mut l);
    l.post(
        "period.closed",
        statement("2025", None, "2025-01-01", "2025-12-31", [0, 0, 0, 0]),
    );
    // the whole meeting, recorded after the statement: the meeting is late, so is the decision
    compliant_online_meeting(&mut l, "m");
    Adoption {
        meeting: "m",
        id: "b",
        session: "m-s1",
        category: "budgetary",
        method: "consensus",
        at: "2025-03-03T12:30:00Z",
    }
    .adopt(&mut l);
    assert_eq!(violations(&l, "L.after_close", "meeting:m"), 1);
    assert_eq!(violations(&l, "L.after_close", "decision:b"), 1);
    assert_eq!(violations(&l, "L.after_close", "bureau_decision:m-vm"), 1);
    assert_eq!(l.verdict("b"), Verdict::OutOfScope);
}

#[test]
fn overlapping_statements_each_speak_for_themselves() {
    let mut l = baseline();
    // the year (all bodies) and its first quarter (the COP-MOP only)
    let year = l.post(
        "period.closed",
        statement("2025", None, "2025-01-01", "2025-12-31", [1, 0, 1, 1]),
    );
    let q1 = l.post(
        "period.closed",
        statement(
            "2025-q1",
            Some("cp-mop"),
            "2025-01-01",
            "2025-03-31",
            [1, 0, 1, 1],
        ),
    );
    assert!(l.find("L.period_counts", "period:2025").is_empty());
    assert!(l.find("L.period_counts", "period:2025-q1").is_empty());
    // a decision of March, recorded after both: one finding per statement
    Adoption {
        meeting: "m",
        id: "march",
        session: "m-s3",
        category: "budgetary",
        method: "consensus",
        at: "2025-03-05T15:00:00Z",
    }
    .adopt(&mut l);
    let f = l.find("L.after_close", "decision:march");
    assert_eq!(f.len(), 2, "{f:#?}");
    let cited: Vec<u64> = f.iter().map(|f| f.evidence[0]).collect();
    assert!(cited.contains(&year) && cited.contains(&q1), "{cited:?}");
    // a decision of April: only the year covers it
    Adoption {
        meeting: "m",
        id: "april",
        session: "m-s3",
        category: "budgetary",
        method: "consensus",
        at: "2025-04-02T15:00:00Z",
    }
    .adopt(&mut l);
    let f = l.find("L.after_close", "decision:april");
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].evidence[0], year);
}

#[test]
fn admission_refuses_what_contract_5_7_refuses() {
    let mut l = baseline();
    let cases: [(Value, &str); 4] = [
        (
            statement("a", None, "2025-12-31", "2025-01-01", [0; 4]),
            "/data/to",
        ),
        (
            {
                let mut v = statement("b", None, "2025-01-01", "2025-12-31", [0; 4]);
                v["closed_at"] = json!("2025-12-31T23:59:59.999Z");
                v
            },
            "/data/closed_at",
        ),
        (
            {
                // 2026-01-01T04:00+05:00 is still 2025-12-31 in UTC
                let mut v = statement("c", None, "2025-01-01", "2025-12-31", [0; 4]);
                v["closed_at"] = json!("2026-01-01T04:00:00+05:00");
                v
            },
            "/data/closed_at",
        ),
        (
            statement(
                "d",
                Some("no-such-body"),
                "2025-01-01",
                "2025-12-31",
                [0; 4],
            ),
            "/data/body_id",
        ),
    ];
    for (data, pointer) in cases {
        match l.try_post("period.closed", data.clone()) {
            Err(Rejection::Invalid(e)) => {
                assert_eq!(e.pointer.as_deref(), Some(pointer), "{data}: {e}")
            }
            other => panic!("{data}: {other:?}"),
        }
    }
    // the first instant after `to` is allowed; the same id again is a conflict
    let mut ok = statement("e", None, "2025-01-01", "2025-12-31", [1, 0, 1, 1]);
    ok["closed_at"] = json!("2026-01-01T00:00:00Z");
    l.post("period.closed", ok.clone());
    assert!(matches!(
        l.try_post("period.closed", ok),
        Err(Rejection::Conflict(_))
    ));
    // a negative count never reaches the rules: the schema refuses it
    let mut neg = statement("f", None, "2025-01-01", "2025-12-31", [0; 4]);
    neg["counts"]["decisions"] = json!(-1);
    assert!(matches!(
        l.try_post("period.closed", neg),
        Err(Rejection::Invalid(_))
    ));
}
