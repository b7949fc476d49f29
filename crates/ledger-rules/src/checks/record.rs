//! What the ledger can vouch for: L.late_record, L.future_time, L.retrospective, and the facts
//! of each entry that the per-entry rules read.

use super::{class_of, BodyClass};
use crate::model::*;
use crate::msg::Msg;
use crate::{msg, Finding, RuleId, Settings, Subject};
use ledger_events::events::*;
use ledger_events::time::{Date, Instant, DAY};

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
        EventData::PeriodClosed(p) => vec![p.closed_at.at],
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
            out.push(Finding::new(
                RuleId::LLateRecord,
                subject.clone(),
                msg!(
                    "f-late-record",
                    kind = facts.type_name,
                    reported = latest.to_string(),
                    recorded = recorded.to_string(),
                    days = settings.late_record_days
                ),
                [i],
            ));
        }
        if facts.reports_a_fact && latest.0 - recorded.0 > settings.future_time_days as i128 * DAY {
            out.push(Finding::new(
                RuleId::LFutureTime,
                subject,
                msg!(
                    "f-future-time",
                    kind = facts.type_name,
                    reported = latest.to_string(),
                    days = settings.future_time_days,
                    recorded = recorded.to_string()
                ),
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
        out.push(Finding::new(
            RuleId::LRetrospective,
            Subject::decision(&d.ev.decision_id),
            msg!(
                "f-retrospective",
                adopted = d.ev.adopted_at.as_str(),
                rules = settings.rules_adopted_at.to_string()
            ),
            [d.index],
        ));
    }
}

// ---------------------------------------------------------------------------------------------
// Completeness statements: L.period_counts, L.after_close (rules.md §5, contract §5.7)
// ---------------------------------------------------------------------------------------------

/// One item a completeness statement counts: its kind, its id, its entry.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Counted {
    pub kind: CountedKind,
    pub id: String,
    pub index: u64,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum CountedKind {
    Meeting,
    SilenceProcedure,
    Decision,
    BureauDecision,
}

impl CountedKind {
    pub fn subject(self, id: &str) -> Subject {
        match self {
            CountedKind::Meeting => Subject::meeting(id),
            CountedKind::SilenceProcedure => Subject::procedure(id),
            CountedKind::Decision => Subject::decision(id),
            CountedKind::BureauDecision => Subject::bureau_decision(id),
        }
    }
    pub fn noun(self) -> &'static str {
        match self {
            CountedKind::Meeting => "meeting",
            CountedKind::SilenceProcedure => "silence procedure",
            CountedKind::Decision => "decision",
            CountedKind::BureauDecision => "Bureau decision",
        }
    }
}

/// Whether a completeness statement covers an item of `kind` dated `day` (a meeting's
/// `opens_on`; the UTC date of the other times), recorded at `index`, of body `body` (a meeting's
/// body; for a Bureau decision, its Bureau, matched through its elections).
pub fn covers(
    model: &Model,
    p: &PeriodClosed,
    kind: CountedKind,
    day: Date,
    body: &str,
    index: u64,
) -> bool {
    if day < p.from.day || day > p.to.day {
        return false;
    }
    match &p.body_id {
        None => true,
        Some(b) if kind == CountedKind::BureauDecision => {
            model.bureau_elected_for(body, b.as_str(), index)
        }
        Some(b) => b.as_str() == body,
    }
}

/// Every item a completeness statement may count: (kind, id, its day, its body, its entry).
/// A procedure's and a decision's body is their meeting's; a Bureau decision's is its Bureau,
/// matched to a body through its elections by [`covers`].
fn countable(model: &Model) -> impl Iterator<Item = (CountedKind, &str, Date, &str, u64)> + '_ {
    let body_of = |m: &str| {
        model
            .meetings
            .get(m)
            .map_or("", |m| m.conv.ev.body_id.as_str())
    };
    let meetings = model.meetings.values().map(|m| {
        let c = &m.conv;
        (
            CountedKind::Meeting,
            c.ev.meeting_id.as_str(),
            c.ev.opens_on.day,
            c.ev.body_id.as_str(),
            c.index,
        )
    });
    let procedures = model.procedures.values().map(move |p| {
        let o = &p.opened;
        (
            CountedKind::SilenceProcedure,
            o.ev.procedure_id.as_str(),
            o.ev.circulated_at.at.date(),
            body_of(o.ev.meeting_id.as_str()),
            o.index,
        )
    });
    let decisions = model.decisions.values().map(move |d| {
        (
            CountedKind::Decision,
            d.ev.decision_id.as_str(),
            d.ev.adopted_at.at.date(),
            body_of(d.ev.meeting_id.as_str()),
            d.index,
        )
    });
    let bureau_decisions = model.bureau_decisions.values().map(|d| {
        (
            CountedKind::BureauDecision,
            d.ev.decision_id.as_str(),
            d.ev.decided_at.at.date(),
            d.ev.bureau_id.as_str(),
            d.index,
        )
    });
    meetings
        .chain(procedures)
        .chain(decisions)
        .chain(bureau_decisions)
}

/// Every item of the log that statement `p` counts among the entries before `before` (the
/// statement's own index for L.period_counts), in log order.
pub fn counted_by(model: &Model, p: &PeriodClosed, before: u64) -> Vec<Counted> {
    let mut out: Vec<Counted> = countable(model)
        .filter(|(kind, _, day, body, index)| {
            *index < before && covers(model, p, *kind, *day, body, *index)
        })
        .map(|(kind, id, _, _, index)| Counted {
            kind,
            id: id.to_owned(),
            index,
        })
        .collect();
    out.sort_by_key(|c| c.index);
    out
}

/// The counts of a list of counted items.
pub fn count(items: &[Counted]) -> PeriodCounts {
    let n = |k| items.iter().filter(|c| c.kind == k).count() as u64;
    PeriodCounts {
        meetings: n(CountedKind::Meeting),
        silence_procedures: n(CountedKind::SilenceProcedure),
        decisions: n(CountedKind::Decision),
        bureau_decisions: n(CountedKind::BureauDecision),
    }
}

/// `meetings 3, silence procedures 1, decisions 7, Bureau decisions 2`
pub fn counts_text(c: &PeriodCounts) -> Msg {
    msg!(
        "f-counts",
        meetings = c.meetings,
        procedures = c.silence_procedures,
        decisions = c.decisions,
        bureau = c.bureau_decisions
    )
}

fn period_words(p: &PeriodClosed) -> Msg {
    match &p.body_id {
        Some(b) => msg!(
            "f-period-body",
            from = p.from.as_str(),
            to = p.to.as_str(),
            body = b.as_str()
        ),
        None => msg!("f-period", from = p.from.as_str(), to = p.to.as_str()),
    }
}

/// L.period_counts on the statement recorded at entry `i`: its counts against what the log
/// held then.
pub fn l_period_counts(model: &Model, i: u64, out: &mut Vec<Finding>) {
    let Some(p) = model.period_at(i) else {
        return;
    };
    let items = counted_by(model, &p.ev, p.index);
    let found = count(&items);
    if found != p.ev.counts {
        out.push(Finding::new(
            RuleId::LPeriodCounts,
            Subject::period(&p.ev.period_id),
            msg!(
                "f-period-counts",
                period = period_words(&p.ev),
                stated = counts_text(&p.ev.counts),
                found = counts_text(&found)
            ),
            std::iter::once(p.index).chain(items.iter().map(|c| c.index)),
        ));
    }
}

/// L.after_close on one item recorded at `index`: one finding per earlier statement that would
/// have counted it.
pub fn l_after_close(
    model: &Model,
    kind: CountedKind,
    id: &str,
    day: Date,
    body: &str,
    index: u64,
    out: &mut Vec<Finding>,
) {
    for p in model.periods.iter().take_while(|p| p.index < index) {
        if covers(model, &p.ev, kind, day, body, index) {
            out.push(Finding::new(
                RuleId::LAfterClose,
                kind.subject(id),
                msg!(
                    "f-after-close",
                    kind = Msg::plain(match kind {
                        CountedKind::Meeting => "f-noun-meeting",
                        CountedKind::SilenceProcedure => "f-noun-silence-procedure",
                        CountedKind::Decision => "f-noun-decision",
                        CountedKind::BureauDecision => "f-noun-bureau-decision",
                    }),
                    id = id,
                    day = day.to_string(),
                    period = p.ev.period_id.as_str(),
                    words = period_words(&p.ev)
                ),
                [p.index, index],
            ));
        }
    }
}
