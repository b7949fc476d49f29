//! How an online meeting is run: P4.webcast, P7.scenario_note, P7.time_zones,
//! P7.session_length, P7.participation_support.

use super::{is_online_mode, minutes};
use crate::model::*;
use crate::msg::{word, Arg, Msg};
use crate::zones;
use crate::{msg, Finding, RuleId, Settings, Severity, Subject};
use ledger_events::events::*;
use ledger_events::time::{Date, Instant, DAY, HOUR, MINUTE};
use serde_json::json;
use std::collections::{BTreeMap, BTreeSet};

pub(super) fn p4_webcast(settings: &Settings, s: &SessionRec, out: &mut Vec<Finding>) {
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
        msg!("f-p4-no-webcast", session = s.s.ev.session_id.as_str())
    } else {
        msg!(
            "f-p4-uncovered",
            session = s.s.ev.session_id.as_str(),
            from = covered_to.to_string(),
            gap = settings.webcast_gap_minutes
        )
    };
    out.push(Finding::new(
        RuleId::P4Webcast,
        Subject::session(&s.s.ev.session_id),
        why,
        ev,
    ));
}

pub(super) fn p7_scenario_note(m: &MeetingRec, sessions: &[&SessionRec], out: &mut Vec<Finding>) {
    let first = sessions[0];
    let first_start = first.s.ev.started_at.at;
    let subject = Subject::meeting(&m.conv.ev.meeting_id);
    let mut ev = vec![m.conv.index, first.s.index];
    ev.extend(m.notes.iter().map(|n| n.index));
    let lacks = |n: &At<ledger_events::versions::ScenarioNoteV2>| {
        let mut l = Vec::new();
        if n.ev.available_to != AvailableTo::AllParties {
            l.push(msg!("f-note-not-all"));
        }
        if n.ev.bureau_consulted_ids.is_empty() {
            l.push(msg!("f-note-no-bureau"));
        }
        if n.ev.published_at.at >= first_start {
            l.push(msg!("f-note-late"));
        }
        l
    };
    let good: Vec<&At<ledger_events::versions::ScenarioNoteV2>> =
        m.notes.iter().filter(|n| lacks(n).is_empty()).collect();
    if good.is_empty() {
        let why = if m.notes.is_empty() {
            msg!("f-p7-no-note", at = first.s.ev.started_at.as_str())
        } else {
            let parts: Vec<Msg> = m
                .notes
                .iter()
                .map(|n| {
                    msg!(
                        "f-note-lacks",
                        note = n.ev.note_id.as_str(),
                        lacks = Arg::Commas(lacks(n))
                    )
                })
                .collect();
            msg!("f-p7-no-valid-note", notes = parts)
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
        out.push(Finding::graded(
            RuleId::P7ScenarioNote,
            Severity::Advisory,
            subject,
            msg!("f-p7-presiding", note = good[0].ev.note_id.as_str()),
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

pub(super) fn p7_time_zones(
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
        reasons.push(msg!(
            "f-p7-night",
            percent = settings.night_share_max_percent,
            from = format!("{:02}:00", settings.night_start_hour),
            to = format!("{:02}:00", settings.night_end_hour),
            regions = Arg::Words(over.iter().map(|s| s.to_string()).collect())
        ));
    }
    if ns.start_hours_utc.len() == 1 {
        let h = ns.start_hours_utc.iter().next().copied().unwrap_or(0);
        reasons.push(msg!("f-p7-same-hour-utc", hour = format!("{h:02}:00")));
    } else if no_rotation {
        let h = ns.start_hours_local.iter().next().copied().unwrap_or(0);
        reasons.push(msg!(
            "f-p7-same-hour-local",
            hour = format!("{h:02}:00"),
            zone = m.conv.ev.reference_tz()
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
            msg!("f-p7-time-zones", reasons = reasons),
            ev,
        )
        .with_data(data),
    );
}

pub(super) fn p7_session_length(
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
                out.push(Finding::new(
                    RuleId::P7SessionLength,
                    Subject::session(ids[0]),
                    msg!(
                        "f-p7-session-length",
                        count = ids.len(),
                        sessions = ids.join(" + "),
                        day = day.to_string(),
                        ran = minutes(b.0 - a.0),
                        max = minutes(max)
                    ),
                    members.iter().map(|s| s.s.index),
                ));
            }
        }
    }
}

pub(super) fn p7_participation_support(
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
            msg!("f-p7-no-training", at = first.s.ev.started_at.as_str()),
            [m.conv.index, first.s.index],
        ));
    } else {
        let hours: BTreeSet<i128> = before
            .iter()
            .map(|t| t.ev.starts_at.at.0.rem_euclid(DAY) / HOUR)
            .collect();
        if hours.len() < 2 {
            out.push(Finding::new(
                RuleId::P7ParticipationSupport,
                subject.clone(),
                msg!(
                    "f-p7-one-slot",
                    hour = format!("{:02}:00", hours.iter().next().copied().unwrap_or(0))
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
                msg!(
                    "f-p7-support",
                    kind = word(r.r.ev.kind),
                    party = r.r.ev.party_id.as_str(),
                    at = r.r.ev.requested_at.as_str(),
                    due = Msg::plain(if asked < first_start {
                        "f-due-first-session"
                    } else {
                        "f-due-meeting-ended"
                    })
                ),
                ev,
            ));
        }
    }
}
