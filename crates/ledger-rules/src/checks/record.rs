//! What the ledger can vouch for: L.late_record, L.future_time, L.retrospective, and the facts
//! of each entry that the per-entry rules read.

use super::{class_of, BodyClass};
use crate::model::*;
use crate::{Finding, RuleId, Settings, Subject};
use ledger_events::events::*;
use ledger_events::time::{Instant, DAY};

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
#[derive(Clone, Debug, serde::Serialize)]
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

/// The `what` texts of [`EntryFacts::counted`].
const COUNTED_WHAT: [&str; 5] = [
    "consultation response",
    "silence objection",
    "silence amendment",
    "silence comment",
    "support for an extraordinary meeting",
];

/// Reads back one of the fixed texts an [`EntryFacts`] holds (a type name or a `what`).
fn static_text<E: serde::de::Error>(s: &str) -> Result<&'static str, E> {
    ledger_events::EVENT_TYPES
        .iter()
        .chain(COUNTED_WHAT.iter())
        .find(|k| **k == s)
        .copied()
        .ok_or_else(|| E::custom(format!("unknown text {s:?}")))
}

/// [`EntryFacts`] as kept in a snapshot, with its fixed texts owned.
#[derive(serde::Deserialize)]
struct FactsWire {
    type_name: String,
    latest: Option<Instant>,
    reports_a_fact: bool,
    counted: Option<(String, Instant, String)>,
    unmandated_body: Option<(String, BodyKind)>,
}

impl<'de> serde::Deserialize<'de> for EntryFacts {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let w = FactsWire::deserialize(d)?;
        EntryFacts::try_from(w).map_err(serde::de::Error::custom)
    }
}

impl TryFrom<FactsWire> for EntryFacts {
    type Error = String;
    fn try_from(w: FactsWire) -> Result<Self, String> {
        let text = |s: &str| static_text::<serde::de::value::Error>(s).map_err(|e| e.to_string());
        Ok(EntryFacts {
            type_name: text(&w.type_name)?,
            latest: w.latest,
            reports_a_fact: w.reports_a_fact,
            counted: match w.counted {
                Some((p, t, what)) => Some((p, t, text(&what)?)),
                None => None,
            },
            unmandated_body: w.unmandated_body,
        })
    }
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

/// L.late_record and L.future_time: an entry's business times against its `recorded_at`.
pub(super) fn record_times(
    settings: &Settings,
    i: u64,
    facts: &EntryFacts,
    recorded: Instant,
    out: &mut Vec<Finding>,
) {
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
            out.push(Finding::new(RuleId::LFutureTime, subject,
                format!("{} reports {} as having happened, more than {} day(s) after it was recorded at {recorded}", facts.type_name, latest, settings.future_time_days),
                [i],
            ));
        }
    }
}

pub(super) fn l_retrospective(
    settings: &Settings,
    d: &At<DecisionAdopted>,
    out: &mut Vec<Finding>,
) {
    if d.ev.adopted_at.at < settings.rules_adopted_at() {
        out.push(Finding::new(RuleId::LRetrospective, Subject::decision(&d.ev.decision_id),
            format!("adopted {}, before CP-11/4 ({}): rules adopted after the event, assessed retrospectively", d.ev.adopted_at.as_str(), settings.rules_adopted_at),
            [d.index],
        ));
    }
}
