//! The historical cases of cases.md: each loaded alone after the registry, through the real
//! admission checks, with its expected findings and verdicts asserted; and all of them together
//! (as the demo loads them) with the same results.

use ledger_rules::cases::{self, Case};
use ledger_rules::Verdict;
use ledger_testkit::*;
use serde_json::json;
use std::collections::HashMap;

fn check(l: &Ledger, case: &Case) {
    let audit = l.audit();
    for (decision, verdict) in &case.expected.verdicts {
        let got = audit
            .decisions
            .iter()
            .find(|d| &d.decision_id == decision)
            .unwrap_or_else(|| panic!("{}: no decision {decision}", case.case));
        let want: Verdict = serde_json::from_value(json!(verdict)).unwrap();
        assert_eq!(
            got.verdict, want,
            "{}: verdict of {decision}; findings {:#?}",
            case.case, got.considered
        );
    }
    for f in &case.expected.findings {
        let found = l.find(&f.rule, &f.subject);
        assert!(
            found
                .iter()
                .any(|x| format!("{:?}", x.severity).to_lowercase() == f.severity),
            "{}: expected {} {} on {}; found {:#?}",
            case.case,
            f.severity,
            f.rule,
            f.subject,
            l.findings()
                .iter()
                .filter(|x| !matches!(x.subject, ledger_rules::Subject::Entry(_)))
                .collect::<Vec<_>>()
        );
    }
    for a in &case.expected.absent {
        assert!(
            l.find(&a.rule, &a.subject).is_empty(),
            "{}: {} on {} should be absent: {:#?}",
            case.case,
            a.rule,
            a.subject,
            l.find(&a.rule, &a.subject)
        );
    }
}

#[test]
fn every_case_alone_gives_its_expected_findings_and_verdicts() {
    let all = cases::all().unwrap();
    assert_eq!(all[0].case, "registry");
    assert!(all.len() >= 8, "seven cases and the C5 variant");
    for case in &all[1..] {
        let mut l = Ledger::new();
        l.clock = Some(t("2026-11-29T12:00:00Z"));
        let mut keys = HashMap::new();
        load_case(&mut l, &all[0], &mut keys);
        load_case(&mut l, case, &mut keys);
        check(&l, case);
        assert!(
            !case.expected.verdicts.is_empty()
                || !case.expected.absent.is_empty()
                || !case.expected.findings.is_empty(),
            "{} asserts nothing",
            case.case
        );
    }
}

#[test]
fn all_cases_together_as_the_demo_loads_them() {
    let all = cases::all().unwrap();
    let mut l = Ledger::new();
    l.clock = Some(t("2026-11-29T12:00:00Z"));
    let mut keys = HashMap::new();
    for case in &all {
        load_case(&mut l, case, &mut keys);
    }
    for case in &all[1..] {
        check(&l, case);
    }
    // Every historical decision is adopted before CP-11/4: each carries L.retrospective; the
    // illustrative scenario is set after it.
    for d in l.audit().decisions {
        if cases::is_illustrative(&d.decision_id) {
            assert!(!d.findings.contains(&ledger_rules::RuleId::LRetrospective));
            continue;
        }
        assert!(
            d.findings.contains(&ledger_rules::RuleId::LRetrospective),
            "{}",
            d.decision_id
        );
    }
}

#[test]
fn c5_budget_passes_the_scope_rule_and_the_substantive_variant_fails_it() {
    let all = cases::all().unwrap();
    let mut l = Ledger::new();
    let mut keys = HashMap::new();
    for case in all
        .iter()
        .filter(|c| ["registry", "C5", "C5v"].contains(&c.case.as_str()))
    {
        load_case(&mut l, case, &mut keys);
    }
    let audit = l.audit();
    let budget: Vec<_> = audit
        .decisions
        .iter()
        .filter(|d| d.category == "budgetary")
        .collect();
    assert!(!budget.is_empty());
    for d in &budget {
        assert!(
            !d.findings.contains(&ledger_rules::RuleId::P2OnlineScope),
            "{}",
            d.decision_id
        );
    }
    let subst: Vec<_> = audit
        .decisions
        .iter()
        .filter(|d| d.category == "substantive")
        .collect();
    assert_eq!(subst.len(), 1);
    assert!(subst[0]
        .findings
        .contains(&ledger_rules::RuleId::P2OnlineScope));
    assert_eq!(subst[0].verdict, Verdict::OutOfScope);
}
