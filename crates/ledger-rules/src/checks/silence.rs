//! The silence procedure and extraordinary meetings: P3.silence_basis, P3.extraordinary_basis,
//! P3.silence_outcome, P3.silence_period, P3.urgency.

use super::{cop_mop_bureau_problems, minutes};
use crate::model::*;
use crate::{Finding, RuleId, Settings, Subject};
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
    let fail = |why: String, ev: Vec<u64>| {
        Finding::new(RuleId::P3ExtraordinaryBasis, subject.clone(), why, ev)
    };
    let Some(basis) = &m.conv.ev.basis else {
        out.push(fail(
            "an extraordinary meeting convened with no basis (a Party request or a decision)"
                .into(),
            vec![m.conv.index],
        ));
        return;
    };
    match basis.kind {
        BasisKind::Decision => {
            if basis.decision_ref.is_none() {
                out.push(fail(
                    "convened on a decision, but names no decision_ref".into(),
                    vec![m.conv.index],
                ));
            }
        }
        BasisKind::PartyRequest => {
            let Some(r) = basis
                .request_id
                .as_ref()
                .and_then(|r| model.requests.get(r.as_str()))
            else {
                out.push(fail(
                    "convened on a Party request, but names no request_id".into(),
                    vec![m.conv.index],
                ));
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
                    format!(
                        "request {} has the support of {n} of the {total} Protocol Parties (counted on {from}, support by {until}); at least {}/{} is needed (CBD Art. 23(2), rule 4)",
                        r.req.ev.request_id,
                        settings.extraordinary_support_numerator,
                        settings.extraordinary_support_denominator
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
        None => problems.push(format!(
            "Bureau decision {} is not recorded",
            p.opened.ev.bureau_decision_id
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
                problems.push(format!("Bureau decision {} is not a decision on a silence procedure for {pid} or its meeting", bd.ev.decision_id));
            }
            let (mut bp, bev) = cop_mop_bureau_problems(model, settings, bd, Some(m));
            problems.append(&mut bp);
            ev.extend(bev);
            if bd.ev.exceptional_circumstances.is_none() {
                problems.push(format!(
                    "Bureau decision {} states no exceptional circumstances",
                    bd.ev.decision_id
                ));
            }
            if bd.ev.decided_at.at >= p.opened.ev.circulated_at.at {
                problems.push(format!(
                    "Bureau decision {} ({}) was not taken before the draft was circulated ({})",
                    bd.ev.decision_id,
                    bd.ev.decided_at.as_str(),
                    p.opened.ev.circulated_at.as_str()
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
            let missing: Vec<&str> = regions.difference(&covered).map(|r| r.as_str()).collect();
            if !missing.is_empty() {
                problems.push(format!(
                    "no regional consultation closed before the decision for the region(s) {} represented on the Bureau",
                    missing.join(", ")
                ));
            }
        }
    }
    if m.conv.ev.kind != MeetingKind::Extraordinary {
        problems.push(format!("meeting {} is not an extraordinary meeting (para 3 applies the rules for convening one)", m.conv.ev.meeting_id));
    }
    if !problems.is_empty() {
        out.push(Finding::new(
            RuleId::P3SilenceBasis,
            subject.clone(),
            format!("silence procedure {pid}: {}", problems.join("; ")),
            ev,
        ));
    }

    // --- P3.silence_period and P3.urgency
    let rounds = p.rounds(None);
    for r in &rounds {
        let len = r.deadline.0 - r.circulated_at.0;
        if len < settings.silence_min_hours as i128 * HOUR {
            out.push(Finding::new(RuleId::P3SilencePeriod, subject.clone(),
                format!("round {} of {pid} allowed {} of silence, less than {} h (UN GA practice, decision 74/544)", r.number, minutes(len), settings.silence_min_hours),
                [r.index],
            ));
        }
    }
    let draft = &p.opened.ev.draft;
    let mut urgency = Vec::new();
    if !draft.urgent {
        urgency.push("is not marked urgent".to_owned());
    }
    if draft.category != Category::Budgetary {
        urgency.push(format!("is {}, not budgetary", draft.category));
    }
    if !urgency.is_empty() {
        out.push(Finding::new(
            RuleId::P3Urgency,
            subject.clone(),
            format!(
                "the draft under silence {} (para 3: urgent decisions, such as budget decisions)",
                urgency.join(" and ")
            ),
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
                    why.push(format!(
                        "concluded as adopted, but round {} was broken by {}",
                        last.number,
                        who.join(", ")
                    ));
                }
                if c.ev.concluded_at.at < last.deadline {
                    why.push(format!(
                        "concluded as adopted at {}, before round {}'s deadline",
                        c.ev.concluded_at.as_str(),
                        last.number
                    ));
                }
            }
            Outcome::Broken => {
                if breaking.is_empty() {
                    why.push(format!(
                        "concluded as broken, but no objection or amendment from a Protocol Party arrived within round {}",
                        last.number
                    ));
                }
            }
        }
        if !why.is_empty() {
            out.push(Finding::new(
                RuleId::P3SilenceOutcome,
                subject.clone(),
                why.join("; "),
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
            None => why.push(format!(
                "decision {} was adopted at {} before any round of {pid} had ended in silence",
                d.ev.decision_id,
                d.ev.adopted_at.as_str()
            )),
            Some(r) => {
                ev.push(r.index);
                if d.ev.text_digest.as_str() != r.text_digest {
                    why.push(format!(
                        "decision {}'s text is not the text that passed silence in round {}",
                        d.ev.decision_id, r.number
                    ));
                }
            }
        }
        if d.ev.category != draft.category {
            ev.push(p.opened.index);
            why.push(format!(
                "decision {} is {}, the draft under silence was {}",
                d.ev.decision_id, d.ev.category, draft.category
            ));
        }
        if !why.is_empty() {
            let msg = why.join("; ");
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
