//! The meeting mode and scope rules: P1.in_person_default, P2.consult_then_decide,
//! P2.online_scope, P5.limited_membership, P6.bureau_online.

use super::{
    class_of, cop_mop_bureau_problems, determination, is_online_mode, BodyClass, EntryFacts,
};
use crate::model::*;
use crate::msg::word;
use crate::{msg, Finding, RuleId, Settings, Severity, Subject};
use ledger_events::events::*;

pub(super) fn p1_in_person_default(
    model: &Model,
    m: &MeetingRec,
    sessions: &[&SessionRec],
    out: &mut Vec<Finding>,
) {
    let mid = m.conv.ev.meeting_id.as_str();
    for s in sessions.iter().filter(|s| is_online_mode(s.s.ev.mode)) {
        let start = s.s.ev.started_at.at;
        let why = match determination(model, mid, start) {
            None => msg!(
                "f-p1-no-determination",
                mode = word(s.s.ev.mode),
                session = s.s.ev.session_id.as_str(),
                at = s.s.ev.started_at.as_str()
            ),
            Some(d) if d.ev.exceptional_circumstances.is_none() => msg!(
                "f-p1-no-circumstances",
                mode = word(s.s.ev.mode),
                session = s.s.ev.session_id.as_str(),
                decision = d.ev.decision_id.as_str()
            ),
            Some(_) => continue,
        };
        let mut ev = vec![m.conv.index, s.s.index];
        if let Some(d) = determination(model, mid, start) {
            ev.push(d.index);
        }
        out.push(Finding::new(
            RuleId::P1InPersonDefault,
            Subject::meeting(mid),
            why,
            ev,
        ));
    }
}

pub(super) fn consult_then_decide(
    model: &Model,
    settings: &Settings,
    bd: &At<BureauDecision>,
) -> Vec<Finding> {
    let meeting_id = bd.ev.subject.meeting_id.as_ref().map(|m| m.to_string());
    let meeting = meeting_id.as_deref().and_then(|m| model.meetings.get(m));
    if let Some(m) = meeting {
        if model.body_kind(m.conv.ev.body_id.as_str()).map(class_of) != Some(BodyClass::Governed) {
            return vec![]; // para 5 and 6 bodies need no virtual-mode determination
        }
    }
    let subject = Subject::bureau_decision(&bd.ev.decision_id);
    let t = bd.ev.decided_at.at;
    let (mut problems, mut evidence) = cop_mop_bureau_problems(model, settings, bd, meeting);
    evidence.push(bd.index);
    if let Some(m) = meeting {
        evidence.push(m.conv.index);
    }
    let cited: Vec<&ConsultationRec> = bd
        .ev
        .consultation_ids
        .iter()
        .filter_map(|c| model.consultation(c.as_str()))
        .collect();
    let parties_on_meeting = cited.iter().any(|c| {
        c.opened.ev.kind == ConsultationKind::Parties
            && c.opened
                .ev
                .subject
                .meeting_id
                .as_ref()
                .map(|x| x.to_string())
                == meeting_id
            && meeting_id.is_some()
    });
    if !parties_on_meeting {
        problems.push(match &meeting_id {
            Some(m) => msg!("f-p2-no-parties-consultation", meeting = m.as_str()),
            None => msg!("f-p2-no-meeting"),
        });
    }
    for c in &cited {
        evidence.push(c.opened.index);
        match &c.closed {
            None => problems.push(msg!(
                "f-p2-never-closed",
                consultation = c.opened.ev.consultation_id.as_str()
            )),
            Some(x) => {
                evidence.push(x.index);
                if x.ev.closed_at.at >= t {
                    problems.push(msg!(
                        "f-p2-closed-late",
                        consultation = c.opened.ev.consultation_id.as_str(),
                        closed = x.ev.closed_at.as_str(),
                        decided = bd.ev.decided_at.as_str()
                    ));
                }
            }
        }
    }
    let mut out = Vec::new();
    if !problems.is_empty() {
        out.push(Finding::graded(
            RuleId::P2ConsultThenDecide,
            Severity::Violation,
            subject.clone(),
            msg!(
                "f-p2-determination",
                decision = bd.ev.decision_id.as_str(),
                problems = problems
            ),
            evidence,
        ));
    }
    if bd
        .ev
        .exceptional_circumstances
        .as_ref()
        .is_some_and(|e| !e.prolonged)
    {
        out.push(Finding::graded(
            RuleId::P2ConsultThenDecide,
            Severity::Advisory,
            subject,
            msg!("f-p2-not-prolonged", decision = bd.ev.decision_id.as_str()),
            [bd.index],
        ));
    }
    out
}

pub(super) fn p2_online_scope(
    model: &Model,
    settings: &Settings,
    d: &At<DecisionAdopted>,
    out: &mut Vec<Finding>,
) {
    let subject = Subject::decision(&d.ev.decision_id);
    if let Some(s) =
        d.ev.via
            .session_id
            .as_ref()
            .and_then(|s| model.sessions.get(s.as_str()))
    {
        let online = s.s.ev.mode == Mode::Online
            || (s.s.ev.mode == Mode::Hybrid && settings.hybrid_counts_as_online);
        if online
            && !matches!(
                d.ev.category,
                Category::Budgetary | Category::ProceduralSecretariat
            )
        {
            out.push(Finding::new(
                RuleId::P2OnlineScope,
                subject,
                msg!(
                    "f-p2-online-scope",
                    category = word(d.ev.category),
                    mode = word(s.s.ev.mode),
                    session = s.s.ev.session_id.as_str()
                ),
                [s.s.index, d.index],
            ));
        }
    }
}

/// P5, info: a limited-membership body's meeting held online or hybrid.
pub(super) fn p5_limited_meeting(
    kind: BodyKind,
    m: &MeetingRec,
    sessions: &[&SessionRec],
    out: &mut Vec<Finding>,
) {
    let mut ev = vec![m.conv.index];
    ev.extend(sessions.iter().map(|s| s.s.index));
    out.push(Finding::graded(
        RuleId::P5LimitedMembership,
        Severity::Info,
        Subject::meeting(&m.conv.ev.meeting_id),
        msg!(
            "f-p5-limited",
            kind = word(kind),
            body = m.conv.ev.body_id.as_str()
        ),
        ev,
    ));
}

/// P5, advisory: a limited-membership body registered without a mandate.
pub(super) fn p5_unmandated_body(i: u64, facts: &EntryFacts, out: &mut Vec<Finding>) {
    if let Some((body, kind)) = facts.unmandated_body() {
        out.push(Finding::graded(
            RuleId::P5LimitedMembership,
            Severity::Advisory,
            Subject::body(body),
            msg!("f-p5-no-mandate", kind = word(kind), body = body.as_str()),
            [i],
        ));
    }
}

/// P6, info: a Bureau meeting online.
pub(super) fn p6_bureau_meeting(m: &MeetingRec, out: &mut Vec<Finding>) {
    out.push(Finding::graded(
        RuleId::P6BureauOnline,
        Severity::Info,
        Subject::meeting(&m.conv.ev.meeting_id),
        msg!("f-p6-bureau-online", bureau = m.conv.ev.body_id.as_str()),
        [m.conv.index],
    ));
}

/// P6, violation: a decision adopted in a Bureau's meeting.
pub(super) fn p6_bureau_decision(m: &MeetingRec, d: &At<DecisionAdopted>, out: &mut Vec<Finding>) {
    out.push(Finding::graded(
        RuleId::P6BureauOnline,
        Severity::Violation,
        Subject::decision(&d.ev.decision_id),
        msg!("f-p6-decision", bureau = m.conv.ev.body_id.as_str()),
        [m.conv.index, d.index],
    ));
}
