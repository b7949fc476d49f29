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

/// What the per-entry rules need of an entry, kept instead of the whole event. One is kept for
/// every entry of the log, so it is 24 bytes: the type, a flag, the latest reported time as
/// seconds and nanoseconds, and, for the few entries that have them, the rarer facts boxed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EntryFacts {
    event_type: EventType,
    pub reports_a_fact: bool,
    /// The latest business time the event reports (L.late_record, L.future_time), as whole
    /// seconds and nanoseconds; `NO_TIME` nanoseconds: none.
    latest_nanos: u32,
    latest_secs: i64,
    rare: Option<Box<RareFacts>>,
}

/// The facts only some entries have.
#[derive(Clone, Debug, PartialEq, Eq)]
struct RareFacts {
    /// (Party, when, what) for a response, objection or support (R.counted_parties); what is a
    /// place in [`COUNTED_WHAT`].
    counted: Option<(String, Instant, u8)>,
    /// (body, kind) of a limited-membership body registered without a mandate (P5 advisory).
    unmandated_body: Option<(String, BodyKind)>,
}

const NO_TIME: u32 = u32::MAX;

/// The `what` texts of [`EntryFacts::counted`].
const COUNTED_WHAT: [&str; 5] = [
    "consultation response",
    "silence objection",
    "silence amendment",
    "silence comment",
    "support for an extraordinary meeting",
];

impl EntryFacts {
    pub fn of(ev: &EventData) -> EntryFacts {
        let counted = match ev {
            EventData::ConsultationResponse(r) => {
                Some((r.party_id.to_string(), r.responded_at.at, 0))
            }
            EventData::SilenceObjection(o) => Some((
                o.party_id.to_string(),
                o.received_at.at,
                match o.kind {
                    ObjectionKind::Objection => 1,
                    ObjectionKind::Amendment => 2,
                    ObjectionKind::Comment => 3,
                },
            )),
            EventData::ExtraordinarySupported(s) => {
                Some((s.party_id.to_string(), s.supported_at.at, 4))
            }
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
        let (latest_secs, latest_nanos) = match reported_times(ev).into_iter().max() {
            Some(t) => t.to_parts(),
            None => (0, NO_TIME),
        };
        EntryFacts {
            event_type: ev.event_type(),
            reports_a_fact: reports_a_fact(ev),
            latest_secs,
            latest_nanos,
            rare: (counted.is_some() || unmandated_body.is_some()).then(|| {
                Box::new(RareFacts {
                    counted,
                    unmandated_body,
                })
            }),
        }
    }

    /// The entry's event type (`decision.adopted`).
    pub fn type_name(&self) -> &'static str {
        self.event_type.as_str()
    }

    /// The latest business time the event reports (L.late_record, L.future_time).
    pub fn latest(&self) -> Option<Instant> {
        (self.latest_nanos != NO_TIME)
            .then(|| Instant::from_parts(self.latest_secs, self.latest_nanos))
    }

    /// (Party, when, what) for a response, objection or support (R.counted_parties).
    pub fn counted(&self) -> Option<(&str, Instant, &'static str)> {
        let (party, t, what) = self.rare.as_ref()?.counted.as_ref()?;
        Some((party, *t, COUNTED_WHAT[*what as usize]))
    }

    /// (body, kind) of a limited-membership body registered without a mandate (P5 advisory).
    pub fn unmandated_body(&self) -> Option<&(String, BodyKind)> {
        self.rare.as_ref()?.unmandated_body.as_ref()
    }
}

/// [`EntryFacts`] as kept in a snapshot: a tuple of numbers (the type by its place in the
/// catalogue, a `what` by its place in [`COUNTED_WHAT`]), so that a million of them read fast.
/// `P` is how the strings are held: borrowed when written, owned when read.
type FactsWire<P> = (
    u8,
    bool,
    i64,
    u32,
    Option<(Option<(P, Instant, u8)>, Option<(P, BodyKind)>)>,
);

impl serde::Serialize for EntryFacts {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let wire: FactsWire<&str> = (
            self.event_type as u8,
            self.reports_a_fact,
            self.latest_secs,
            self.latest_nanos,
            self.rare.as_ref().map(|r| {
                (
                    r.counted.as_ref().map(|(p, t, w)| (p.as_str(), *t, *w)),
                    r.unmandated_body.as_ref().map(|(b, k)| (b.as_str(), *k)),
                )
            }),
        );
        serde::Serialize::serialize(&wire, s)
    }
}

impl<'de> serde::Deserialize<'de> for EntryFacts {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        use serde::de::Error;
        let (ty, reports_a_fact, latest_secs, latest_nanos, rare): FactsWire<String> =
            serde::Deserialize::deserialize(d)?;
        let event_type = *EventType::ALL
            .get(ty as usize)
            .ok_or_else(|| D::Error::custom(format!("no event type at place {ty}")))?;
        let rare = match rare {
            None => None,
            Some((counted, unmandated_body)) => Some(Box::new(RareFacts {
                counted: match counted {
                    Some((_, _, w)) if w as usize >= COUNTED_WHAT.len() => {
                        return Err(D::Error::custom(format!("no counted text at {w}")))
                    }
                    c => c,
                },
                unmandated_body,
            })),
        };
        Ok(EntryFacts {
            event_type,
            reports_a_fact,
            latest_secs,
            latest_nanos,
            rare,
        })
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
    if let Some(latest) = facts.latest() {
        if recorded.0 - latest.0 > settings.late_record_days as i128 * DAY {
            out.push(Finding::new(
                RuleId::LLateRecord,
                subject.clone(),
                msg!(
                    "f-late-record",
                    kind = facts.type_name(),
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
                    kind = facts.type_name(),
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

#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
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

/// The item a completeness statement may count that an event adds, if it adds one: its kind,
/// its id and the day statements date it by (a meeting's `opens_on`; the UTC date of a
/// procedure's circulation, a decision's adoption, a Bureau decision).
pub fn countable_item(data: &EventData) -> Option<(CountedKind, &str, Date)> {
    Some(match data {
        EventData::MeetingConvened(m) => {
            (CountedKind::Meeting, m.meeting_id.as_str(), m.opens_on.day)
        }
        EventData::SilenceOpened(o) => (
            CountedKind::SilenceProcedure,
            o.procedure_id.as_str(),
            o.circulated_at.at.date(),
        ),
        EventData::DecisionAdopted(d) => (
            CountedKind::Decision,
            d.decision_id.as_str(),
            d.adopted_at.at.date(),
        ),
        EventData::BureauDecision(d) => (
            CountedKind::BureauDecision,
            d.decision_id.as_str(),
            d.decided_at.at.date(),
        ),
        _ => return None,
    })
}

/// A countable item as a statement reads it, beside the day [`countable_item`] gave it: (its
/// body, its entry). A procedure's and a decision's body is their meeting's; a Bureau decision's
/// is its Bureau, matched to a body through its elections by [`covers`].
fn countable_at<'a>(model: &'a Model, kind: CountedKind, id: &str) -> Option<(&'a str, u64)> {
    let body_of = |m: &str| {
        model
            .meetings
            .get(m)
            .map_or("", |m| m.conv.ev.body_id.as_str())
    };
    match kind {
        CountedKind::Meeting => model
            .meetings
            .get(id)
            .map(|m| (m.conv.ev.body_id.as_str(), m.conv.index)),
        CountedKind::SilenceProcedure => model
            .procedures
            .get(id)
            .map(|p| (body_of(p.opened.ev.meeting_id.as_str()), p.opened.index)),
        CountedKind::Decision => model
            .decisions
            .get(id)
            .map(|d| (body_of(d.ev.meeting_id.as_str()), d.index)),
        CountedKind::BureauDecision => model
            .bureau_decisions
            .get(id)
            .map(|d| (d.ev.bureau_id.as_str(), d.index)),
    }
}

/// Every item of the log that statement `p` counts among the entries before `before` (the
/// statement's own index for L.period_counts), in log order.
pub fn counted_by(model: &Model, p: &PeriodClosed, before: u64) -> Vec<Counted> {
    if p.from.day > p.to.day {
        return vec![];
    }
    let mut out: Vec<Counted> = model
        .countable_by_day
        .range(p.from.day..=p.to.day)
        .flat_map(|(day, items)| items.iter().map(move |item| (*day, item)))
        .filter_map(|(day, (kind, id))| {
            let (body, index) = countable_at(model, *kind, id)?;
            (index < before && covers(model, p, *kind, day, body, index)).then(|| Counted {
                kind: *kind,
                id: id.to_string(),
                index,
            })
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

// One is kept per entry of the log: keep it small.
const _: () = assert!(std::mem::size_of::<EntryFacts>() == 24);

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn facts(ty: &str, data: serde_json::Value) -> EntryFacts {
        EntryFacts::of(&EventData::parse(ty, data).expect("a valid event"))
    }

    /// The compact form reads back what it was made of, as the snapshots keep it.
    #[test]
    fn entry_facts_keep_what_the_rules_read_and_read_back_the_same() {
        let response = facts(
            "consultation.response",
            json!({"consultation_id": "m1-cons", "party_id": "us", "position": "support", "responded_at": "2025-01-15T10:20:30.123456789Z"}),
        );
        assert_eq!(response.type_name(), "consultation.response");
        let t = Instant::parse("2025-01-15T10:20:30.123456789Z").unwrap();
        assert_eq!(response.latest(), Some(t));
        assert_eq!(response.counted(), Some(("us", t, "consultation response")));
        assert_eq!(response.unmandated_body(), None);
        let body = facts(
            "body.registered",
            json!({"body_id": "eg", "name": "Expert group", "kind": "expert_group"}),
        );
        assert_eq!(body.latest(), None);
        assert_eq!(body.counted(), None);
        assert_eq!(
            body.unmandated_body(),
            Some(&("eg".to_string(), BodyKind::ExpertGroup))
        );
        let early = facts(
            "consultation.response",
            json!({"consultation_id": "c", "party_id": "fr", "position": "object", "responded_at": "0001-01-01T00:00:00Z"}),
        );
        assert_eq!(
            early.latest(),
            Some(Instant::parse("0001-01-01T00:00:00Z").unwrap())
        );
        for f in [response, body, early] {
            let text = serde_json::to_string(&f).unwrap();
            let back: EntryFacts = serde_json::from_str(&text).unwrap();
            assert_eq!(back, f, "{text}");
        }
        assert!(serde_json::from_str::<EntryFacts>("[200,false,0,0,null]").is_err());
    }
}
