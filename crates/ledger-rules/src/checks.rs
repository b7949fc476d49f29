//! Each rule of rules.md as a function over the [`Model`], grouped by the scope it belongs to.
//! Messages are one line: what is wrong (or which exemption applied) and the facts it rests on.

use crate::model::*;
use crate::zones;
use crate::{Finding, RuleId, Scope, Settings, Severity, Subject};
use ledger_events::events::*;
use ledger_events::time::{Date, Instant, DAY, HOUR, MINUTE};
use serde_json::json;
use std::collections::{BTreeMap, BTreeSet};

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

fn minutes(n: i128) -> String {
    let m = n / MINUTE;
    if m % 60 == 0 {
        format!("{} h", m / 60)
    } else {
        format!("{} h {} min", m / 60, m % 60)
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

fn is_online_mode(m: Mode) -> bool {
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

// ---------------------------------------------------------------------------------------------
// R.bureau_composition
// ---------------------------------------------------------------------------------------------

/// What is wrong with a Bureau's composition at `t` (empty when it is right), and the entries
/// that show it.
pub fn composition_problems(
    model: &Model,
    settings: &Settings,
    e: &ElectionRec,
    t: Instant,
) -> (Vec<String>, Vec<u64>) {
    let seats = model.seats_at(e, t);
    let mut problems = Vec::new();
    let mut evidence = vec![e.at.index];
    evidence.extend(seats.iter().map(|seat| seat.index));
    let presidents = seats
        .iter()
        .filter(|seat| seat.member.role == MemberRole::President)
        .count();
    let vps: Vec<&Member> = seats
        .iter()
        .map(|seat| &seat.member)
        .filter(|m| m.role == MemberRole::VicePresident)
        .collect();
    let rapporteurs = seats.iter().filter(|seat| seat.member.rapporteur).count();
    if presidents != settings.bureau_presidents {
        problems.push(format!(
            "{presidents} President(s), not {}",
            settings.bureau_presidents
        ));
    }
    if vps.len() != settings.bureau_vice_presidents {
        problems.push(format!(
            "{} Vice-Presidents, not {}",
            vps.len(),
            settings.bureau_vice_presidents
        ));
    }
    if rapporteurs != settings.bureau_rapporteurs {
        problems.push(format!(
            "{rapporteurs} rapporteur(s), not {}",
            settings.bureau_rapporteurs
        ));
    }
    for r in Region::ALL {
        let n = vps.iter().filter(|m| m.region == Some(*r)).count();
        if n != settings.bureau_vice_presidents_per_region {
            problems.push(format!(
                "{n} Vice-President(s) from the {} region, not {}",
                r, settings.bureau_vice_presidents_per_region
            ));
        }
    }
    let no_region = vps.iter().filter(|m| m.region.is_none()).count();
    if no_region > 0 {
        problems.push(format!("{no_region} Vice-President(s) with no region"));
    }
    for Seat { member: m, on, .. } in &seats {
        match model.party(m.party_id.as_str()) {
            Some(p) if p.protocol_party_on(*on) => {}
            Some(p) => {
                evidence.extend(p.evidence());
                problems.push(format!(
                    "member {} represents {}, not a Protocol Party on {on} (a Convention-only Party's member must be substituted)",
                    m.member_id,
                    m.party_id
                ));
            }
            None => problems.push(format!(
                "member {} represents unknown Party {}",
                m.member_id, m.party_id
            )),
        }
    }
    (problems, evidence)
}

fn is_cop_mop_bureau(model: &Model, e: &ElectionRec) -> bool {
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
    let t = bd.ev.decided_at.at;
    let election = model.election_for(bd.ev.bureau_id.as_str(), t);
    if let Some(e) = election.filter(|e| is_cop_mop_bureau(model, e)) {
        let (problems, mut evidence) = composition_problems(model, settings, e, t);
        if !problems.is_empty() {
            evidence.push(bd.index);
            out.push(Finding::new(
                RuleId::RBureauComposition,
                Subject::bureau(&bd.ev.bureau_id),
                format!(
                    "relied on by Bureau decision {} at {}: {}",
                    bd.ev.decision_id,
                    bd.ev.decided_at.as_str(),
                    problems.join("; ")
                ),
                evidence,
            ));
        }
    }
    if bd.ev.subject.kind == SubjectKind::VirtualMode {
        out.extend(consult_then_decide(model, settings, bd));
    }
    out
}

/// Is this Bureau decision taken by the COP-MOP Bureau of the meeting (or, the meeting unknown,
/// by some COP-MOP Bureau in term)? Returns the problems, with evidence.
fn cop_mop_bureau_problems(
    model: &Model,
    settings: &Settings,
    bd: &At<BureauDecision>,
    meeting: Option<&MeetingRec>,
) -> (Vec<String>, Vec<u64>) {
    let t = bd.ev.decided_at.at;
    let mut problems = Vec::new();
    let mut evidence = Vec::new();
    let expected = match meeting {
        Some(m) => match model.cop_mop_of(m.conv.ev.body_id.as_str()) {
            Some(cop) => {
                let e = model.cop_mop_bureau(&cop, t);
                if e.is_none() {
                    problems.push(format!("no Bureau of {cop} was in term on {}", t.date()));
                }
                e
            }
            None => {
                problems.push(format!(
                    "meeting {}'s body {} has no cop_mop body above it",
                    m.conv.ev.meeting_id, m.conv.ev.body_id
                ));
                None
            }
        },
        None => {
            let e = model
                .election_for(bd.ev.bureau_id.as_str(), t)
                .filter(|e| is_cop_mop_bureau(model, e) && model.in_term(e, t));
            if e.is_none() {
                problems.push(format!(
                    "Bureau {} is not a COP-MOP Bureau in term on {}",
                    bd.ev.bureau_id,
                    t.date()
                ));
            }
            e
        }
    };
    if let Some(e) = expected {
        evidence.push(e.at.index);
        evidence.extend(model.extension_indices(e));
        if e.at.ev.bureau_id != bd.ev.bureau_id {
            problems.push(format!(
                "taken by Bureau {}, not the COP-MOP Bureau {} in term",
                bd.ev.bureau_id, e.at.ev.bureau_id
            ));
        } else {
            let (comp, ev) = composition_problems(model, settings, e, t);
            if !comp.is_empty() {
                evidence.extend(ev);
                problems.push(format!(
                    "its Bureau fails R.bureau_composition ({})",
                    comp.join("; ")
                ));
            }
        }
    }
    (problems, evidence)
}

fn consult_then_decide(
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
        .filter_map(|c| model.consultations.get(c.as_str()))
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
            Some(m) => {
                format!("cites no consultation among the Parties (kind parties) on meeting {m}")
            }
            None => "names no meeting, so no consultation among the Parties on it can be cited"
                .to_owned(),
        });
    }
    for c in &cited {
        evidence.push(c.opened.index);
        match &c.closed {
            None => problems.push(format!(
                "consultation {} was never closed",
                c.opened.ev.consultation_id
            )),
            Some(x) => {
                evidence.push(x.index);
                if x.ev.closed_at.at >= t {
                    problems.push(format!(
                        "consultation {} closed at {}, not before the decision at {}",
                        c.opened.ev.consultation_id,
                        x.ev.closed_at.as_str(),
                        bd.ev.decided_at.as_str()
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
            format!(
                "virtual-mode decision {}: {}",
                bd.ev.decision_id,
                problems.join("; ")
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
        out.push(Finding::graded(RuleId::P2ConsultThenDecide, Severity::Advisory, subject,
            format!("virtual-mode decision {} does not find the circumstances prolonged (para 1: impractical for a prolonged period)", bd.ev.decision_id),
            [bd.index],
        ));
    }
    out
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
    let sessions = sessions_of(model, m);
    let online = is_online_meeting(model, m);
    let subject = Subject::meeting(meeting_id);
    match class {
        BodyClass::Governed => {
            p1_in_person_default(model, m, &sessions, &mut out);
            for s in &sessions {
                p4_webcast(settings, s, &mut out);
            }
            if online && !sessions.is_empty() {
                p7_scenario_note(m, &sessions, &mut out);
                p7_time_zones(settings, m, &sessions, &mut out);
                p7_session_length(settings, m, &sessions, &mut out);
                p7_participation_support(model, m, &sessions, &mut out);
            }
        }
        BodyClass::Limited if online => {
            let mut ev = vec![m.conv.index];
            ev.extend(sessions.iter().map(|s| s.s.index));
            out.push(Finding::graded(
                RuleId::P5LimitedMembership,
                Severity::Info,
                subject.clone(),
                format!(
                    "{} body {} may meet online, in person or hybrid under its mandate (para 5)",
                    kind, m.conv.ev.body_id
                ),
                ev,
            ));
        }
        BodyClass::Bureau if online => {
            out.push(Finding::graded(
                RuleId::P6BureauOnline,
                Severity::Info,
                subject.clone(),
                format!(
                    "Bureau {} may meet online between sessions to guide the Secretariat (para 6)",
                    m.conv.ev.body_id
                ),
                [m.conv.index],
            ));
        }
        _ => {}
    }
    if m.conv.ev.kind == MeetingKind::Extraordinary {
        p3_extraordinary_basis(model, settings, m, &mut out);
    }
    for d in m.decisions.iter().filter_map(|d| model.decisions.get(d)) {
        decision_rules(model, settings, class, m, d, &mut out);
    }
    for p in m.procedures.iter().filter_map(|p| model.procedures.get(p)) {
        silence_rules(model, settings, m, p, &mut out);
    }
    out
}

fn p1_in_person_default(
    model: &Model,
    m: &MeetingRec,
    sessions: &[&SessionRec],
    out: &mut Vec<Finding>,
) {
    let mid = m.conv.ev.meeting_id.as_str();
    for s in sessions.iter().filter(|s| is_online_mode(s.s.ev.mode)) {
        let start = s.s.ev.started_at.at;
        let why = match determination(model, mid, start) {
            None => format!(
                "{} session {} started at {} with no prior Bureau decision on virtual mode for the meeting (para 1-2)",
                s.s.ev.mode,
                s.s.ev.session_id,
                s.s.ev.started_at.as_str()
            ),
            Some(d) if d.ev.exceptional_circumstances.is_none() => format!(
                "{} session {} rests on virtual-mode decision {}, which states no exceptional circumstances (para 1)",
                s.s.ev.mode, s.s.ev.session_id, d.ev.decision_id
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

fn p4_webcast(settings: &Settings, s: &SessionRec, out: &mut Vec<Finding>) {
    let gap = settings.webcast_gap_minutes as i128 * MINUTE;
    let lo = s.s.ev.started_at.at.plus(gap);
    let hi = s.s.ev.ended_at.at.plus(-gap);
    if lo >= hi {
        return;
    }
    let mut casts: Vec<(Instant, Instant)> = s
        .webcasts
        .iter()
        .map(|w| (w.ev.started_at.at, w.ev.ended_at.at))
        .collect();
    casts.sort();
    let mut covered_to = lo;
    for (a, b) in casts {
        if a > covered_to {
            break;
        }
        covered_to = covered_to.max(b);
        if covered_to >= hi {
            return;
        }
    }
    let mut ev = vec![s.s.index];
    ev.extend(s.webcasts.iter().map(|w| w.index));
    let why = if s.webcasts.is_empty() {
        format!(
            "session {} has no webcast recorded (para 4)",
            s.s.ev.session_id
        )
    } else {
        format!(
            "the webcasts of session {} leave it uncovered from {} (more than {} min from start or end, para 4)",
            s.s.ev.session_id,
            covered_to,
            settings.webcast_gap_minutes
        )
    };
    out.push(Finding::new(
        RuleId::P4Webcast,
        Subject::session(&s.s.ev.session_id),
        why,
        ev,
    ));
}

fn p7_scenario_note(m: &MeetingRec, sessions: &[&SessionRec], out: &mut Vec<Finding>) {
    let first = sessions[0];
    let first_start = first.s.ev.started_at.at;
    let subject = Subject::meeting(&m.conv.ev.meeting_id);
    let mut ev = vec![m.conv.index, first.s.index];
    ev.extend(m.notes.iter().map(|n| n.index));
    let lacks = |n: &At<ledger_events::versions::ScenarioNoteV2>| {
        let mut l = Vec::new();
        if n.ev.available_to != AvailableTo::AllParties {
            l.push("is not available to all Parties");
        }
        if n.ev.bureau_consulted_ids.is_empty() {
            l.push("records no consultation of the Bureau");
        }
        if n.ev.published_at.at >= first_start {
            l.push("was published after the first session started");
        }
        l
    };
    let good: Vec<&At<ledger_events::versions::ScenarioNoteV2>> =
        m.notes.iter().filter(|n| lacks(n).is_empty()).collect();
    if good.is_empty() {
        let why = if m.notes.is_empty() {
            format!(
                "no scenario note was published before the first session ({}) (para 7(1))",
                first.s.ev.started_at.as_str()
            )
        } else {
            let parts: Vec<String> = m
                .notes
                .iter()
                .map(|n| format!("note {} {}", n.ev.note_id, lacks(n).join(", ")))
                .collect();
            format!("no valid scenario note (para 7(1)): {}", parts.join("; "))
        };
        out.push(Finding::graded(
            RuleId::P7ScenarioNote,
            Severity::Violation,
            subject,
            why,
            ev,
        ));
    } else if good
        .iter()
        .all(|n| n.ev.prepared_by == PreparedBy::PresidingOfficer)
    {
        out.push(Finding::graded(RuleId::P7ScenarioNote, Severity::Advisory, subject,
            format!("scenario note {} was prepared by the presiding officer, not the Secretariat (para 7(1))", good[0].ev.note_id),
            good.iter().map(|n| n.index).chain([m.conv.index]),
        ));
    }
}

/// Per-region night burden of a meeting's online sessions (P7.time_zones), for the finding and
/// for the web chart.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct NightShares {
    /// region → (night minutes, session minutes)
    pub regions: BTreeMap<String, (i64, i64)>,
    pub start_hours_utc: BTreeSet<u32>,
    /// Start hours on the meeting's reference clock (a clock change alone rotates nothing).
    pub start_hours_local: BTreeSet<u32>,
    pub days: usize,
}

pub fn night_shares(settings: &Settings, m: &MeetingRec, sessions: &[&SessionRec]) -> NightShares {
    let online: Vec<&&SessionRec> = sessions
        .iter()
        .filter(|s| is_online_mode(s.s.ev.mode))
        .collect();
    let reference =
        zones::zone(m.conv.ev.reference_tz()).or_else(|| zones::zone(DEFAULT_REFERENCE_TZ));
    let days: BTreeSet<Date> = online
        .iter()
        .map(|s| match &reference {
            Some(tz) => zones::local_date(tz, s.s.ev.started_at.at),
            None => s.s.ev.started_at.at.date(),
        })
        .collect();
    let mut regions = BTreeMap::new();
    for (region, zone_name) in &settings.region_zones {
        let Some(tz) = zones::zone(zone_name) else {
            continue;
        };
        let mut night = 0i128;
        let mut total = 0i128;
        for s in &online {
            let (a, b) = (s.s.ev.started_at.at, s.s.ev.ended_at.at);
            total += b.0 - a.0;
            night += zones::night_overlap(
                &tz,
                a,
                b,
                settings.night_start_hour,
                settings.night_end_hour,
            );
        }
        regions.insert(
            region.clone(),
            ((night / MINUTE) as i64, (total / MINUTE) as i64),
        );
    }
    let start_hours_utc = online
        .iter()
        .map(|s| (s.s.ev.started_at.at.0.rem_euclid(DAY) / HOUR) as u32)
        .collect();
    let start_hours_local = online
        .iter()
        .map(|s| match &reference {
            Some(tz) => zones::local_hour(tz, s.s.ev.started_at.at),
            None => (s.s.ev.started_at.at.0.rem_euclid(DAY) / HOUR) as u32,
        })
        .collect();
    NightShares {
        regions,
        start_hours_utc,
        start_hours_local,
        days: days.len(),
    }
}

fn p7_time_zones(
    settings: &Settings,
    m: &MeetingRec,
    sessions: &[&SessionRec],
    out: &mut Vec<Finding>,
) {
    let ns = night_shares(settings, m, sessions);
    if ns.days < 2 {
        return;
    }
    let over: Vec<&String> = ns
        .regions
        .iter()
        .filter(|(_, (night, total))| {
            *total > 0
                && *night as i128 * 100 > *total as i128 * settings.night_share_max_percent as i128
        })
        .map(|(r, _)| r)
        .collect();
    // No rotation: every session starts in the same UTC hour, or at the same hour of the
    // meeting's reference clock (a daylight-saving change moves the UTC hour but rotates nothing).
    let no_rotation = ns.start_hours_utc.len() == 1 || ns.start_hours_local.len() == 1;
    if over.is_empty() && !no_rotation {
        return;
    }
    let mut reasons = Vec::new();
    if !over.is_empty() {
        reasons.push(format!(
            "more than {}% of session time falls at night ({:02}:00-{:02}:00) for the {} region(s)",
            settings.night_share_max_percent,
            settings.night_start_hour,
            settings.night_end_hour,
            over.iter()
                .map(|s| s.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    if ns.start_hours_utc.len() == 1 {
        let h = ns.start_hours_utc.iter().next().copied().unwrap_or(0);
        reasons.push(format!(
            "every session starts at {h:02}:00 UTC: the time zones do not rotate"
        ));
    } else if no_rotation {
        let h = ns.start_hours_local.iter().next().copied().unwrap_or(0);
        reasons.push(format!(
            "every session starts at {h:02}:00 {} time: the time zones do not rotate (only the clock changed)",
            m.conv.ev.reference_tz()
        ));
    }
    let data = json!({
        "regions": ns.regions.iter().map(|(r, (n, t))| (r.clone(), json!({
            "night_minutes": n, "session_minutes": t,
            "night_share_permille": if *t > 0 { n * 1000 / t } else { 0 },
            "zone": settings.region_zones.get(r),
        }))).collect::<serde_json::Map<_, _>>(),
        "start_hours_utc": ns.start_hours_utc,
        "start_hours_local": ns.start_hours_local,
        "days": ns.days,
    });
    let mut ev = vec![m.conv.index];
    ev.extend(
        sessions
            .iter()
            .filter(|s| is_online_mode(s.s.ev.mode))
            .map(|s| s.s.index),
    );
    out.push(
        Finding::new(
            RuleId::P7TimeZones,
            Subject::meeting(&m.conv.ev.meeting_id),
            format!("{} (para 7(2))", reasons.join("; ")),
            ev,
        )
        .with_data(data),
    );
}

fn p7_session_length(
    settings: &Settings,
    m: &MeetingRec,
    sessions: &[&SessionRec],
    out: &mut Vec<Finding>,
) {
    let tz = zones::zone(m.conv.ev.reference_tz()).or_else(|| zones::zone(DEFAULT_REFERENCE_TZ));
    let mut by_day: BTreeMap<Date, Vec<&SessionRec>> = BTreeMap::new();
    for s in sessions.iter().filter(|s| is_online_mode(s.s.ev.mode)) {
        let day = match &tz {
            Some(tz) => zones::local_date(tz, s.s.ev.started_at.at),
            None => s.s.ev.started_at.at.date(),
        };
        by_day.entry(day).or_default().push(s);
    }
    let join = settings.session_join_gap_minutes as i128 * MINUTE;
    let max = settings.session_max_minutes as i128 * MINUTE;
    for (day, list) in by_day {
        let mut blocks: Vec<(Instant, Instant, Vec<&SessionRec>)> = Vec::new();
        for s in list {
            let (a, b) = (s.s.ev.started_at.at, s.s.ev.ended_at.at);
            match blocks.last_mut() {
                Some((_, end, members)) if a.0 - end.0 < join => {
                    *end = (*end).max(b);
                    members.push(s);
                }
                _ => blocks.push((a, b, vec![s])),
            }
        }
        for (a, b, members) in blocks {
            if b.0 - a.0 > max {
                let ids: Vec<&str> = members.iter().map(|s| s.s.ev.session_id.as_str()).collect();
                out.push(Finding::new(RuleId::P7SessionLength, Subject::session(ids[0]),
                    format!(
                        "online session{} {} on {day} ran {} continuously, more than {} (para 7(3))",
                        if ids.len() > 1 { "s" } else { "" },
                        ids.join(" + "),
                        minutes(b.0 - a.0),
                        minutes(max)
                    ),
                    members.iter().map(|s| s.s.index),
                ));
            }
        }
    }
}

fn p7_participation_support(
    model: &Model,
    m: &MeetingRec,
    sessions: &[&SessionRec],
    out: &mut Vec<Finding>,
) {
    let first = sessions[0];
    let first_start = first.s.ev.started_at.at;
    let subject = Subject::meeting(&m.conv.ev.meeting_id);
    let before: Vec<&At<TrainingHeld>> = m
        .trainings
        .iter()
        .filter(|t| t.ev.starts_at.at < first_start)
        .collect();
    if before.is_empty() {
        out.push(Finding::new(
            RuleId::P7ParticipationSupport,
            subject.clone(),
            format!(
                "no training or connectivity test before the first session at {} (para 7(4))",
                first.s.ev.started_at.as_str()
            ),
            [m.conv.index, first.s.index],
        ));
    } else {
        let hours: BTreeSet<i128> = before
            .iter()
            .map(|t| t.ev.starts_at.at.0.rem_euclid(DAY) / HOUR)
            .collect();
        if hours.len() < 2 {
            out.push(Finding::new(RuleId::P7ParticipationSupport, subject.clone(),
                format!(
                    "training before the meeting started only at {:02}:00 UTC; a second time slot would serve other time zones (para 7(4))",
                    hours.iter().next().copied().unwrap_or(0)
                ),
                before.iter().map(|t| t.index).chain([m.conv.index]),
            ));
        }
    }
    let meeting_end = m.conv.ev.closes_on.day.end();
    for r in m
        .support_requests
        .iter()
        .filter_map(|r| model.support.get(r))
    {
        let asked = r.r.ev.requested_at.at;
        let due = if asked < first_start {
            first_start
        } else {
            meeting_end
        };
        if !r.provided.iter().any(|p| p.ev.provided_at.at < due) {
            let mut ev = vec![r.r.index];
            ev.extend(r.provided.iter().map(|p| p.index));
            out.push(Finding::new(
                RuleId::P7ParticipationSupport,
                Subject::request(&r.r.ev.request_id),
                format!(
                    "{} support asked by {} at {} was not provided before {} (para 7(4))",
                    r.r.ev.kind,
                    r.r.ev.party_id,
                    r.r.ev.requested_at.as_str(),
                    if asked < first_start {
                        "the first session"
                    } else {
                        "the meeting ended"
                    }
                ),
                ev,
            ));
        }
    }
}

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

fn p3_extraordinary_basis(
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
            let total = model
                .parties
                .values()
                .filter(|p| p.protocol_party_at(t))
                .count() as u64;
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

fn decision_rules(
    model: &Model,
    settings: &Settings,
    class: BodyClass,
    m: &MeetingRec,
    d: &At<DecisionAdopted>,
    out: &mut Vec<Finding>,
) {
    let subject = Subject::decision(&d.ev.decision_id);
    if class == BodyClass::Governed {
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
                out.push(Finding::new(RuleId::P2OnlineScope, subject.clone(),
                    format!("a {} decision was adopted in {} session {} (para 2 allows only budget and Secretariat procedural matters online)", d.ev.category, s.s.ev.mode, s.s.ev.session_id),
                    [s.s.index, d.index],
                ));
            }
        }
    }
    if class == BodyClass::Bureau {
        out.push(Finding::graded(RuleId::P6BureauOnline, Severity::Violation, subject.clone(),
            format!("decision adopted in a meeting of Bureau {}: Bureaus guide the Secretariat, they do not take the COP-MOP's decisions (para 6)", m.conv.ev.body_id),
            [m.conv.index, d.index],
        ));
    }
    if d.ev.category == Category::Substantive && d.ev.method == AdoptionMethod::Vote {
        out.push(Finding::new(RuleId::RConsensus, subject.clone(),
            "a substantive decision was adopted by vote; substantive decisions are taken by consensus (rule 40(1) was never adopted)".into(),
            [d.index],
        ));
    }
    if d.ev.adopted_at.at < settings.rules_adopted_at() {
        out.push(Finding::new(RuleId::LRetrospective, subject,
            format!("adopted {}, before CP-11/4 ({}): rules adopted after the event, assessed retrospectively", d.ev.adopted_at.as_str(), settings.rules_adopted_at),
            [d.index],
        ));
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

fn silence_rules(
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
                .filter_map(|c| model.consultations.get(c.as_str()))
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

// ---------------------------------------------------------------------------------------------
// Entries
// ---------------------------------------------------------------------------------------------

/// The business times that report what happened (rules.md §6), never plans.
pub fn reported_times(ev: &EventData) -> Vec<Instant> {
    match ev {
        EventData::Genesis(g) => vec![g.created_at.at],
        EventData::KeyRevoked(k) => vec![k.effective_at.at],
        EventData::BureauMemberSubstituted(s) => vec![s.at.at],
        EventData::ConsultationOpened(c) => vec![c.opened_at.at],
        EventData::ConsultationResponse(r) => vec![r.responded_at.at],
        EventData::ConsultationClosed(c) => vec![c.closed_at.at],
        EventData::BureauDecision(d) => vec![d.decided_at.at],
        EventData::ExtraordinaryRequested(r) => vec![r.communicated_at.at],
        EventData::ExtraordinarySupported(s) => vec![s.supported_at.at],
        EventData::ScenarioNotePublished(n) => vec![n.published_at.at],
        EventData::TrainingHeld(t) => vec![t.starts_at.at, t.ends_at.at],
        EventData::SupportRequested(r) => vec![r.requested_at.at],
        EventData::SupportProvided(p) => vec![p.provided_at.at],
        EventData::SessionHeld(s) => vec![s.started_at.at, s.ended_at.at],
        EventData::WebcastRecorded(w) => vec![w.started_at.at, w.ended_at.at],
        EventData::DecisionAdopted(d) => vec![d.adopted_at.at],
        EventData::SilenceOpened(s) => vec![s.circulated_at.at],
        EventData::SilenceObjection(o) => vec![o.received_at.at],
        EventData::SilenceResumed(r) => vec![r.circulated_at.at],
        EventData::SilenceConcluded(c) => vec![c.concluded_at.at],
        EventData::KeyRegistered(_)
        | EventData::PartyRegistered(_)
        | EventData::PartyUpdated(_)
        | EventData::BodyRegistered(_)
        | EventData::BureauElected(_)
        | EventData::BureauTermExtended(_)
        | EventData::MeetingConvened(_) => vec![],
    }
}

/// Events that report something as having happened (L.future_time).
fn reports_a_fact(ev: &EventData) -> bool {
    matches!(
        ev,
        EventData::TrainingHeld(_)
            | EventData::SessionHeld(_)
            | EventData::DecisionAdopted(_)
            | EventData::ConsultationClosed(_)
            | EventData::SilenceConcluded(_)
            | EventData::SilenceObjection(_)
    )
}

/// What the per-entry rules need of an entry, kept instead of the whole event (memory: one
/// small record per entry of the log).
#[derive(Clone, Debug)]
pub struct EntryFacts {
    pub type_name: &'static str,
    /// The latest business time the event reports (L.late_record, L.future_time).
    pub latest: Option<Instant>,
    pub reports_a_fact: bool,
    /// (Party, when, what) for a response, objection or support (R.counted_parties).
    pub counted: Option<(String, Instant, &'static str)>,
    /// (body, kind) of a limited-membership body registered without a mandate (P5 advisory).
    pub unmandated_body: Option<(String, BodyKind)>,
}

impl EntryFacts {
    pub fn of(ev: &EventData) -> EntryFacts {
        let counted = match ev {
            EventData::ConsultationResponse(r) => Some((
                r.party_id.to_string(),
                r.responded_at.at,
                "consultation response",
            )),
            EventData::SilenceObjection(o) => Some((
                o.party_id.to_string(),
                o.received_at.at,
                match o.kind {
                    ObjectionKind::Objection => "silence objection",
                    ObjectionKind::Amendment => "silence amendment",
                    ObjectionKind::Comment => "silence comment",
                },
            )),
            EventData::ExtraordinarySupported(s) => Some((
                s.party_id.to_string(),
                s.supported_at.at,
                "support for an extraordinary meeting",
            )),
            _ => None,
        };
        let unmandated_body = match ev {
            EventData::BodyRegistered(b)
                if class_of(b.kind) == BodyClass::Limited && b.mandate_ref.is_none() =>
            {
                Some((b.body_id.to_string(), b.kind))
            }
            _ => None,
        };
        EntryFacts {
            type_name: ev.type_name(),
            latest: reported_times(ev).into_iter().max(),
            reports_a_fact: reports_a_fact(ev),
            counted,
            unmandated_body,
        }
    }
}

pub fn entry_rules(model: &Model, settings: &Settings, i: u64) -> Vec<Finding> {
    let mut out = Vec::new();
    let (Some(facts), Some(recorded)) = (
        model.facts.get(i as usize),
        model.recorded_at.get(i as usize),
    ) else {
        return out;
    };
    let subject = Subject::Entry(i);
    if let Some(latest) = facts.latest {
        if recorded.0 - latest.0 > settings.late_record_days as i128 * DAY {
            out.push(Finding::new(RuleId::LLateRecord, subject.clone(),
                format!(
                    "{} reports {} but was recorded at {}, more than {} days later: the ledger vouches only for when it was recorded",
                    facts.type_name, latest, recorded, settings.late_record_days
                ),
                [i],
            ));
        }
        if facts.reports_a_fact && latest.0 - recorded.0 > settings.future_time_days as i128 * DAY {
            out.push(Finding::new(RuleId::LFutureTime, subject.clone(),
                format!("{} reports {} as having happened, more than {} day(s) after it was recorded at {recorded}", facts.type_name, latest, settings.future_time_days),
                [i],
            ));
        }
    }
    if let Some((party, t, what)) = &facts.counted {
        let p = model.party(party);
        if !p.is_some_and(|p| p.protocol_party_at(*t)) {
            let mut ev = vec![i];
            if let Some(p) = p {
                ev.extend(p.evidence());
            }
            out.push(Finding::new(
                RuleId::RCountedParties,
                subject.clone(),
                format!(
                    "{what} from {party}, not a Protocol Party on {}: recorded, not counted",
                    t.date()
                ),
                ev,
            ));
        }
    }
    if let Some((body, kind)) = &facts.unmandated_body {
        out.push(Finding::graded(RuleId::P5LimitedMembership, Severity::Advisory, Subject::body(body),
            format!("{kind} body {body} has no mandate_ref: its meetings' mode cannot be checked against its mandate (para 5)"),
            [i],
        ));
    }
    out
}
