//! The silence procedure and extraordinary meetings: P3.silence_basis, P3.extraordinary_basis,
//! P3.silence_outcome, P3.silence_period, P3.urgency.

use super::{cop_mop_bureau_problems, minutes};
use crate::model::*;
use crate::msg::{word, Arg, Msg};
use crate::{msg, Finding, RuleId, Settings, Subject};
use ledger_events::events::*;
use ledger_events::time::{Date, HOUR};
use std::collections::BTreeSet;

/// `date` + `months` calendar months, the day clamped to the month's length.
pub fn add_months(date: Date, months: u32) -> Date {
    let (y, m, d) = date.ymd();
    let total = y * 12 + (m as i64 - 1) + months as i64;
    let (ny, nm) = (total.div_euclid(12), (total.rem_euclid(12) + 1) as u32);
    let mut day = d;
    while Date::parse(&format!("{ny:04}-{nm:02}-{day:02}")).is_err() && day > 28 {
        day -= 1;
    }
    Date(ledger_events::time::days_from_civil(ny, nm, day))
}

pub(super) fn p3_extraordinary_basis(
    model: &Model,
    settings: &Settings,
    m: &MeetingRec,
    out: &mut Vec<Finding>,
) {
    let subject = Subject::meeting(&m.conv.ev.meeting_id);
    let fail = |why: Msg, ev: Vec<u64>| {
        Finding::new(RuleId::P3ExtraordinaryBasis, subject.clone(), why, ev)
    };
    let Some(basis) = &m.conv.ev.basis else {
        out.push(fail(msg!("f-extra-no-basis"), vec![m.conv.index]));
        return;
    };
    match basis.kind {
        BasisKind::Decision => {
            if basis.decision_ref.is_none() {
                out.push(fail(msg!("f-extra-no-decision-ref"), vec![m.conv.index]));
            }
        }
        BasisKind::PartyRequest => {
            let Some(r) = basis
                .request_id
                .as_ref()
                .and_then(|r| model.requests.get(r.as_str()))
            else {
                out.push(fail(msg!("f-extra-no-request"), vec![m.conv.index]));
                return;
            };
            let t = r.req.ev.communicated_at.at;
            let from = t.date();
            let until = add_months(from, settings.extraordinary_support_months);
            let total = model.protocol_parties_at(t);
            let mut counted: BTreeSet<&str> = BTreeSet::new();
            let mut ev = vec![m.conv.index, r.req.index];
            if model.protocol_party_at(r.req.ev.party_id.as_str(), t) {
                counted.insert(r.req.ev.party_id.as_str());
            }
            for s in &r.supports {
                let d = s.ev.supported_at.at.date();
                if d >= from
                    && d <= until
                    && model.protocol_party_at(s.ev.party_id.as_str(), s.ev.supported_at.at)
                    && counted.insert(s.ev.party_id.as_str())
                {
                    ev.push(s.index);
                }
            }
            let n = counted.len() as u64;
            if n * settings.extraordinary_support_denominator
                < total * settings.extraordinary_support_numerator
            {
                out.push(fail(
                    msg!(
                        "f-extra-support",
                        request = r.req.ev.request_id.as_str(),
                        count = n,
                        total = total,
                        from = from.to_string(),
                        until = until.to_string(),
                        numerator = settings.extraordinary_support_numerator,
                        denominator = settings.extraordinary_support_denominator
                    ),
                    ev,
                ));
            }
        }
    }
}

/// The objections that break a round (rules.md §2, §6).
pub fn breaking_objections<'a>(
    model: &Model,
    settings: &Settings,
    p: &'a ProcedureRec,
    r: &Round,
) -> Vec<&'a At<SilenceObjection>> {
    p.objections
        .iter()
        .filter(|o| {
            let kind_breaks = match o.ev.kind {
                ObjectionKind::Objection | ObjectionKind::Amendment => true,
                ObjectionKind::Comment => settings.comment_breaks_silence,
            };
            let t = o.ev.received_at.at;
            kind_breaks
                && r.circulated_at <= t
                && t < r.deadline
                && model.protocol_party_at(o.ev.party_id.as_str(), t)
        })
        .collect()
}

pub(super) fn silence_rules(
    model: &Model,
    settings: &Settings,
    m: &MeetingRec,
    p: &ProcedureRec,
    out: &mut Vec<Finding>,
) {
    let pid = p.opened.ev.procedure_id.as_str();
    let subject = Subject::procedure(pid);
    // --- P3.silence_basis
    let mut problems = Vec::new();
    let mut ev = vec![p.opened.index, m.conv.index];
    match model
        .bureau_decisions
        .get(p.opened.ev.bureau_decision_id.as_str())
    {
        None => problems.push(msg!(
            "f-silence-bd-missing",
            decision = p.opened.ev.bureau_decision_id.as_str()
        )),
        Some(bd) => {
            ev.push(bd.index);
            let about_this = bd.ev.subject.kind == SubjectKind::SilenceProcedure
                && (bd
                    .ev
                    .subject
                    .procedure_id
                    .as_ref()
                    .is_some_and(|x| x.as_str() == pid)
                    || bd
                        .ev
                        .subject
                        .meeting_id
                        .as_ref()
                        .is_some_and(|x| *x == m.conv.ev.meeting_id));
            if !about_this {
                problems.push(msg!(
                    "f-silence-bd-other",
                    decision = bd.ev.decision_id.as_str(),
                    procedure = pid
                ));
            }
            let (mut bp, bev) = cop_mop_bureau_problems(model, settings, bd, Some(m));
            problems.append(&mut bp);
            ev.extend(bev);
            if bd.ev.exceptional_circumstances.is_none() {
                problems.push(msg!(
                    "f-silence-bd-no-circumstances",
                    decision = bd.ev.decision_id.as_str()
                ));
            }
            if bd.ev.decided_at.at >= p.opened.ev.circulated_at.at {
                problems.push(msg!(
                    "f-silence-bd-late",
                    decision = bd.ev.decision_id.as_str(),
                    decided = bd.ev.decided_at.as_str(),
                    circulated = p.opened.ev.circulated_at.as_str()
                ));
            }
            let t = bd.ev.decided_at.at;
            let regions: BTreeSet<Region> = match model.election_for(bd.ev.bureau_id.as_str(), t) {
                Some(e) => model
                    .seats_at(e, t)
                    .iter()
                    .filter_map(|seat| seat.member.region)
                    .collect(),
                None => BTreeSet::new(),
            };
            let mut covered = BTreeSet::new();
            for c in bd
                .ev
                .consultation_ids
                .iter()
                .filter_map(|c| model.consultation(c.as_str()))
            {
                if c.opened.ev.kind != ConsultationKind::Regional {
                    continue;
                }
                ev.push(c.opened.index);
                if let (Some(region), Some(x)) = (c.opened.ev.region, &c.closed) {
                    ev.push(x.index);
                    if x.ev.closed_at.at < t {
                        covered.insert(region);
                    }
                }
            }
            let missing: Vec<String> = regions
                .difference(&covered)
                .map(|r| r.as_str().to_owned())
                .collect();
            if !missing.is_empty() {
                problems.push(msg!("f-silence-regions", regions = Arg::Words(missing)));
            }
        }
    }
    if m.conv.ev.kind != MeetingKind::Extraordinary {
        problems.push(msg!(
            "f-silence-not-extraordinary",
            meeting = m.conv.ev.meeting_id.as_str()
        ));
    }
    if !problems.is_empty() {
        out.push(Finding::new(
            RuleId::P3SilenceBasis,
            subject.clone(),
            msg!("f-silence-basis", procedure = pid, problems = problems),
            ev,
        ));
    }

    // --- P3.silence_period and P3.urgency
    let rounds = p.rounds(None);
    for r in &rounds {
        let len = r.deadline.0 - r.circulated_at.0;
        if len < settings.silence_min_hours as i128 * HOUR {
            out.push(Finding::new(
                RuleId::P3SilencePeriod,
                subject.clone(),
                msg!(
                    "f-silence-period",
                    round = r.number,
                    procedure = pid,
                    allowed = minutes(len),
                    hours = settings.silence_min_hours
                ),
                [r.index],
            ));
        }
    }
    let draft = &p.opened.ev.draft;
    let not_budget = draft.category != Category::Budgetary;
    let urgency = match (!draft.urgent, not_budget) {
        (true, true) => Some(msg!("f-urgency-both", category = word(draft.category))),
        (true, false) => Some(msg!("f-urgency-not-urgent")),
        (false, true) => Some(msg!("f-urgency-category", category = word(draft.category))),
        (false, false) => None,
    };
    if let Some(what) = urgency {
        out.push(Finding::new(
            RuleId::P3Urgency,
            subject.clone(),
            msg!("f-urgency", what = what),
            [p.opened.index],
        ));
    }

    // --- P3.silence_outcome: conclusions
    for step in &p.steps {
        let SilenceStep::Concluded(c) = step else {
            continue;
        };
        let so_far = p.rounds(Some(c.index));
        let Some(last) = so_far.last() else { continue };
        let breaking = breaking_objections(model, settings, p, last);
        let mut ev = vec![c.index, last.index];
        ev.extend(breaking.iter().map(|o| o.index));
        let mut why = Vec::new();
        match c.ev.outcome {
            Outcome::Adopted => {
                if !breaking.is_empty() {
                    let who: Vec<&str> = breaking.iter().map(|o| o.ev.party_id.as_str()).collect();
                    why.push(msg!(
                        "f-outcome-adopted-broken",
                        round = last.number,
                        parties = who.join(", ")
                    ));
                }
                if c.ev.concluded_at.at < last.deadline {
                    why.push(msg!(
                        "f-outcome-early",
                        at = c.ev.concluded_at.as_str(),
                        round = last.number
                    ));
                }
            }
            Outcome::Broken => {
                if breaking.is_empty() {
                    why.push(msg!("f-outcome-broken-unbroken", round = last.number));
                }
            }
        }
        if !why.is_empty() {
            out.push(Finding::new(
                RuleId::P3SilenceOutcome,
                subject.clone(),
                msg!("f-list", items = why),
                ev,
            ));
        }
    }
    // --- P3.silence_outcome: adoptions
    for d in p.decisions.iter().filter_map(|d| model.decisions.get(d)) {
        let at = d.ev.adopted_at.at;
        let ended = rounds
            .iter()
            .filter(|r| r.deadline <= at && breaking_objections(model, settings, p, r).is_empty())
            .max_by_key(|r| (r.deadline, r.index));
        let mut why = Vec::new();
        let mut ev = vec![d.index];
        match ended {
            None => why.push(msg!(
                "f-adopted-before-silence",
                decision = d.ev.decision_id.as_str(),
                at = d.ev.adopted_at.as_str(),
                procedure = pid
            )),
            Some(r) => {
                ev.push(r.index);
                if d.ev.text_digest.as_str() != r.text_digest {
                    why.push(msg!(
                        "f-adopted-other-text",
                        decision = d.ev.decision_id.as_str(),
                        round = r.number
                    ));
                }
            }
        }
        if d.ev.category != draft.category {
            ev.push(p.opened.index);
            why.push(msg!(
                "f-adopted-other-category",
                decision = d.ev.decision_id.as_str(),
                category = word(d.ev.category),
                draft = word(draft.category)
            ));
        }
        if !why.is_empty() {
            let msg = msg!("f-list", items = why);
            out.push(Finding::new(
                RuleId::P3SilenceOutcome,
                subject.clone(),
                msg.clone(),
                ev.clone(),
            ));
            out.push(Finding::new(
                RuleId::P3SilenceOutcome,
                Subject::decision(&d.ev.decision_id),
                msg,
                ev,
            ));
        }
    }
}
