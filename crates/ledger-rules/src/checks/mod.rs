//! Each rule of rules.md as a function over the [`Model`], one file per rule family:
//!
//! - [`mode`]: the meeting mode and scope rules, P1, P2, P5, P6;
//! - [`silence`]: the silence procedure and extraordinary meetings, P3.*;
//! - [`conduct`]: how an online meeting is run, P4 and P7.*;
//! - [`bodies`]: the rules of procedure and the Protocol, R.*;
//! - [`record`]: what the ledger can vouch for, L.*.
//!
//! This file dispatches a [`Scope`] to the families and keeps the helpers several of them read
//! (body classes, sessions, the virtual-mode determination, the COP-MOP Bureau test).
//! Messages are one line: what is wrong (or which exemption applied) and the facts it rests on.

pub mod bodies;
pub mod conduct;
pub mod mode;
pub mod record;
pub mod silence;

pub use bodies::composition_problems;
pub use conduct::{night_shares, NightShares};
pub use record::{reported_times, EntryFacts};
pub use silence::{add_months, breaking_objections};

use crate::model::*;
use crate::msg::Msg;
use crate::{msg, Finding, Scope, Settings};
use ledger_events::events::*;
use ledger_events::time::{Instant, MINUTE};

/// Where a Bureau decision's own findings are computed.
pub fn home_of(d: &BureauDecision) -> Scope {
    match &d.subject.meeting_id {
        Some(m) => Scope::Meeting(m.to_string()),
        None => Scope::BureauDecision(d.decision_id.to_string()),
    }
}

pub fn eval_scope(model: &Model, settings: &Settings, scope: &Scope) -> Vec<Finding> {
    match scope {
        Scope::Entry(i) => entry_rules(model, settings, *i),
        Scope::Meeting(m) => meeting_rules(model, settings, m),
        Scope::BureauDecision(d) => bureau_decision_rules(model, settings, d),
    }
}

pub(crate) fn minutes(n: i128) -> Msg {
    let m = n / MINUTE;
    if m % 60 == 0 {
        msg!("f-h", hours = m / 60)
    } else {
        msg!("f-h-min", hours = m / 60, minutes = m % 60)
    }
}

/// What para applies to a body's meetings.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum BodyClass {
    /// `cop_mop`, `subsidiary_body`: para 1 and the rest of CP-11/4.
    Governed,
    /// expert, advisory, compliance, liaison and other limited-membership groups: para 5.
    Limited,
    /// a Bureau: para 6.
    Bureau,
}

pub fn class_of(kind: BodyKind) -> BodyClass {
    match kind {
        BodyKind::CopMop | BodyKind::SubsidiaryBody => BodyClass::Governed,
        BodyKind::Bureau => BodyClass::Bureau,
        _ => BodyClass::Limited,
    }
}

pub(crate) fn is_online_mode(m: Mode) -> bool {
    matches!(m, Mode::Online | Mode::Hybrid)
}

/// The sessions of a meeting, earliest first.
pub fn sessions_of<'a>(model: &'a Model, m: &MeetingRec) -> Vec<&'a SessionRec> {
    let mut v: Vec<&SessionRec> = m
        .sessions
        .iter()
        .filter_map(|s| model.sessions.get(s))
        .collect();
    v.sort_by_key(|s| (s.s.ev.started_at.at, s.s.index));
    v
}

/// An online meeting (rules.md §0): mode online or hybrid, or an online or hybrid session.
pub fn is_online_meeting(model: &Model, m: &MeetingRec) -> bool {
    is_online_mode(m.conv.ev.mode)
        || sessions_of(model, m)
            .iter()
            .any(|s| is_online_mode(s.s.ev.mode))
}

/// The virtual-mode determination behind a session of meeting `m` that started at `start`: the
/// latest Bureau decision on virtual mode for the meeting decided before the start, preferring
/// one that states exceptional circumstances.
pub fn determination<'a>(
    model: &'a Model,
    m: &str,
    start: Instant,
) -> Option<&'a At<BureauDecision>> {
    let cands: Vec<&At<BureauDecision>> = model
        .bureau_decisions_by_meeting
        .get(m)?
        .iter()
        .filter_map(|id| model.bureau_decisions.get(id))
        .filter(|d| d.ev.subject.kind == SubjectKind::VirtualMode && d.ev.decided_at.at < start)
        .collect();
    let latest = |v: Vec<&'a At<BureauDecision>>| {
        v.into_iter().max_by_key(|d| (d.ev.decided_at.at, d.index))
    };
    let stated: Vec<_> = cands
        .iter()
        .copied()
        .filter(|d| d.ev.exceptional_circumstances.is_some())
        .collect();
    latest(stated).or_else(|| latest(cands))
}

pub(crate) fn is_cop_mop_bureau(model: &Model, e: &ElectionRec) -> bool {
    model.body_kind(e.at.ev.of_body_id.as_str()) == Some(BodyKind::CopMop)
}

// ---------------------------------------------------------------------------------------------
// Bureau decisions: R.bureau_composition, P2.consult_then_decide
// ---------------------------------------------------------------------------------------------

pub fn bureau_decision_rules(model: &Model, settings: &Settings, id: &str) -> Vec<Finding> {
    let mut out = Vec::new();
    let Some(bd) = model.bureau_decisions.get(id) else {
        return out;
    };
    out.extend(bodies::bureau_composition(model, settings, bd));
    if bd.ev.subject.kind == SubjectKind::VirtualMode {
        out.extend(mode::consult_then_decide(model, settings, bd));
    }
    record::l_after_close(
        model,
        record::CountedKind::BureauDecision,
        id,
        bd.ev.decided_at.at.date(),
        bd.ev.bureau_id.as_str(),
        bd.index,
        &mut out,
    );
    out
}

/// Is this Bureau decision taken by the COP-MOP Bureau of the meeting (or, the meeting unknown,
/// by some COP-MOP Bureau in term)? Returns the problems, with evidence.
pub(crate) fn cop_mop_bureau_problems(
    model: &Model,
    settings: &Settings,
    bd: &At<BureauDecision>,
    meeting: Option<&MeetingRec>,
) -> (Vec<Msg>, Vec<u64>) {
    let t = bd.ev.decided_at.at;
    let mut problems = Vec::new();
    let mut evidence = Vec::new();
    let expected = match meeting {
        Some(m) => match model.cop_mop_of(m.conv.ev.body_id.as_str()) {
            Some(cop) => {
                let e = model.cop_mop_bureau(&cop, t);
                if e.is_none() {
                    problems.push(msg!(
                        "f-no-bureau-in-term",
                        body = cop.as_str(),
                        on = t.date().to_string()
                    ));
                }
                e
            }
            None => {
                problems.push(msg!(
                    "f-no-cop-mop-above",
                    meeting = m.conv.ev.meeting_id.as_str(),
                    body = m.conv.ev.body_id.as_str()
                ));
                None
            }
        },
        None => {
            let e = model
                .election_for(bd.ev.bureau_id.as_str(), t)
                .filter(|e| is_cop_mop_bureau(model, e) && model.in_term(e, t));
            if e.is_none() {
                problems.push(msg!(
                    "f-not-cop-mop-bureau",
                    bureau = bd.ev.bureau_id.as_str(),
                    on = t.date().to_string()
                ));
            }
            e
        }
    };
    if let Some(e) = expected {
        evidence.push(e.at.index);
        evidence.extend(model.extension_indices(e));
        if e.at.ev.bureau_id != bd.ev.bureau_id {
            problems.push(msg!(
                "f-other-bureau",
                bureau = bd.ev.bureau_id.as_str(),
                expected = e.at.ev.bureau_id.as_str()
            ));
        } else {
            let (comp, ev) = composition_problems(model, settings, e, t);
            if !comp.is_empty() {
                evidence.extend(ev);
                problems.push(msg!("f-bureau-fails-composition", problems = comp));
            }
        }
    }
    (problems, evidence)
}

// ---------------------------------------------------------------------------------------------
// Meetings
// ---------------------------------------------------------------------------------------------

pub fn meeting_rules(model: &Model, settings: &Settings, meeting_id: &str) -> Vec<Finding> {
    let mut out = Vec::new();
    for id in model
        .bureau_decisions_by_meeting
        .get(meeting_id)
        .into_iter()
        .flatten()
    {
        out.extend(bureau_decision_rules(model, settings, id));
    }
    let Some(m) = model.meetings.get(meeting_id) else {
        return out;
    };
    let Some(kind) = model.body_kind(m.conv.ev.body_id.as_str()) else {
        return out;
    };
    let class = class_of(kind);
    let body = m.conv.ev.body_id.as_str();
    record::l_after_close(
        model,
        record::CountedKind::Meeting,
        meeting_id,
        m.conv.ev.opens_on.day,
        body,
        m.conv.index,
        &mut out,
    );
    let sessions = sessions_of(model, m);
    let online = is_online_meeting(model, m);
    match class {
        BodyClass::Governed => {
            mode::p1_in_person_default(model, m, &sessions, &mut out);
            for s in &sessions {
                conduct::p4_webcast(settings, s, &mut out);
            }
            if online && !sessions.is_empty() {
                conduct::p7_scenario_note(m, &sessions, &mut out);
                conduct::p7_time_zones(settings, m, &sessions, &mut out);
                conduct::p7_session_length(settings, m, &sessions, &mut out);
                conduct::p7_participation_support(model, m, &sessions, &mut out);
            }
        }
        BodyClass::Limited if online => {
            mode::p5_limited_meeting(kind, m, &sessions, &mut out);
        }
        BodyClass::Bureau if online => {
            mode::p6_bureau_meeting(m, &mut out);
        }
        _ => {}
    }
    if m.conv.ev.kind == MeetingKind::Extraordinary {
        silence::p3_extraordinary_basis(model, settings, m, &mut out);
    }
    for d in m.decisions.iter().filter_map(|d| model.decisions.get(d)) {
        decision_rules(model, settings, class, m, d, &mut out);
        record::l_after_close(
            model,
            record::CountedKind::Decision,
            d.ev.decision_id.as_str(),
            d.ev.adopted_at.at.date(),
            body,
            d.index,
            &mut out,
        );
    }
    for p in m.procedures.iter().filter_map(|p| model.procedures.get(p)) {
        silence::silence_rules(model, settings, m, p, &mut out);
        record::l_after_close(
            model,
            record::CountedKind::SilenceProcedure,
            p.opened.ev.procedure_id.as_str(),
            p.opened.ev.circulated_at.at.date(),
            body,
            p.opened.index,
            &mut out,
        );
    }
    out
}

/// The rules on an adopted decision.
fn decision_rules(
    model: &Model,
    settings: &Settings,
    class: BodyClass,
    m: &MeetingRec,
    d: &At<DecisionAdopted>,
    out: &mut Vec<Finding>,
) {
    if class == BodyClass::Governed {
        mode::p2_online_scope(model, settings, d, out);
    }
    if class == BodyClass::Bureau {
        mode::p6_bureau_decision(m, d, out);
    }
    bodies::r_consensus(d, out);
    record::l_retrospective(settings, d, out);
}

// ---------------------------------------------------------------------------------------------
// Entries
// ---------------------------------------------------------------------------------------------

pub fn entry_rules(model: &Model, settings: &Settings, i: u64) -> Vec<Finding> {
    let mut out = Vec::new();
    let (Some(facts), Some(recorded)) = (
        model.facts.get(i as usize),
        model.recorded_at.get(i as usize),
    ) else {
        return out;
    };
    record::record_times(settings, i, facts, *recorded, &mut out);
    record::l_period_counts(model, i, &mut out);
    bodies::r_counted_parties(model, i, facts, &mut out);
    mode::p5_unmandated_body(i, facts, &mut out);
    out
}
