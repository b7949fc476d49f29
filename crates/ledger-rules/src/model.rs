//! The state the rules read: every event of the log that a rule speaks of, indexed by the thing
//! it concerns (meeting, session, procedure, …) and kept with its entry index so that findings
//! can cite their evidence. Folded one entry at a time, in log order.

use ledger_events::events::*;
use ledger_events::time::{Date, Instant};
use ledger_log::admission::Recorded;
use std::collections::{BTreeMap, HashMap};
use std::sync::Mutex;

/// Something a scope's evaluation read that a later entry can change (see [`crate::Engine`]):
/// the engine re-evaluates a scope only when an entry changes one of the things it read.
#[derive(
    Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
pub enum Dep {
    /// Whether a Party is registered (read when it is not).
    Party(String),
    /// Whether a Party was a Protocol Party at a time in this year bucket.
    PartyYear(String, i64),
    /// The entries that make up a Party's record (evidence lists).
    PartyEvidence(String),
    /// How many Parties were Protocol Parties at a time in this year bucket.
    PartiesYear(i64),
    /// A consultation and its responses and closing.
    Consultation(String),
    /// One election's seats, term end and extensions, by the election's entry index.
    Election(u64),
    /// Which election of a Bureau is in force, looked up at a time in this year bucket.
    BureauYear(String, i64),
    /// Which election of a Bureau is the last one (the fallback of [`Model::election_for`]).
    BureauLast(String),
    /// Which COP-MOP Bureau of a body is in term, looked up at a time in this year bucket.
    BodyYear(String, i64),
}

/// What an entry changed, for the engine to find the scopes that read it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Change {
    Dep(Dep),
    /// Lookups at times in `[from, to)` (`to == None`: no end) may now answer differently.
    Years {
        of: YearsOf,
        from: Instant,
        to: Option<Instant>,
    },
}

/// Whose year-bucketed lookups a [`Change::Years`] concerns.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum YearsOf {
    Bureau(String),
    Body(String),
    Party(String),
    /// The number of Protocol Parties.
    Parties,
}

impl YearsOf {
    pub fn dep(&self, y: i64) -> Dep {
        match self {
            YearsOf::Bureau(b) => Dep::BureauYear(b.clone(), y),
            YearsOf::Body(b) => Dep::BodyYear(b.clone(), y),
            YearsOf::Party(p) => Dep::PartyYear(p.clone(), y),
            YearsOf::Parties => Dep::PartiesYear(y),
        }
    }
}

/// The dates on which a Party's status differs between two (since, withdrawn) records, as
/// `[from, to)` (`None`: no end), or `None` when it is the same on every date.
fn status_change(
    old: (Option<Date>, Option<Date>),
    new: (Option<Date>, Option<Date>),
) -> Option<(Date, Option<Date>)> {
    // A boundary that moved (or appeared, or went away) bounds the change; an open end is ∞.
    let mut lo: Option<Date> = None;
    let mut hi: Option<Option<Date>> = None; // Some(None) = ∞
    let mut widen = |a: Option<Date>, b: Option<Date>| {
        if a == b {
            return;
        }
        let (l, h) = match (a, b) {
            (Some(x), Some(y)) => (x.min(y), Some(x.max(y))),
            (Some(x), None) | (None, Some(x)) => (x, None),
            (None, None) => return,
        };
        lo = Some(lo.map_or(l, |v| v.min(l)));
        hi = Some(match (hi, h) {
            (None, h) => h,
            (Some(None), _) | (_, None) => None,
            (Some(Some(a)), Some(b)) => Some(a.max(b)),
        });
    };
    widen(old.0, new.0);
    widen(old.1, new.1);
    Some((lo?, hi?))
}

/// A Party's record as the rules read it: every answer records what it depended on.
#[derive(Clone, Copy, Debug)]
pub struct PartyView<'a> {
    rec: &'a PartyRec,
    id: &'a str,
    reads: &'a Tracker,
}

impl std::ops::Deref for PartyView<'_> {
    type Target = PartyRec;
    fn deref(&self) -> &PartyRec {
        self.rec
    }
}

impl PartyView<'_> {
    /// [`PartyRec::protocol_party_at`] (read: [`Dep::PartyYear`]).
    pub fn protocol_party_at(&self, t: Instant) -> bool {
        self.reads
            .record(|| Dep::PartyYear(self.id.to_owned(), bucket(t)));
        self.rec.protocol_party_at(t)
    }
    /// [`PartyRec::protocol_party_on`] (read: [`Dep::PartyYear`]).
    pub fn protocol_party_on(&self, d: Date) -> bool {
        self.reads
            .record(|| Dep::PartyYear(self.id.to_owned(), bucket(d.start())));
        self.rec.protocol_party_on(d)
    }
    /// [`PartyRec::evidence`] (read: [`Dep::PartyEvidence`]).
    pub fn evidence(&self) -> Vec<u64> {
        self.reads.record(|| Dep::PartyEvidence(self.id.to_owned()));
        self.rec.evidence()
    }
}

/// Length of a year bucket of [`Dep::BureauYear`] and [`Dep::BodyYear`], in milliseconds.
const BUCKET_MS: i128 = 365 * 86_400_000;

/// The year bucket of a time.
pub fn bucket(t: Instant) -> i64 {
    t.millis().div_euclid(BUCKET_MS) as i64
}

/// Records what an evaluation reads while it is on; a no-op otherwise (audits, read models,
/// [`crate::evaluate`] on several threads at once, which then never touch the lock).
#[derive(Default)]
pub struct Tracker(Mutex<Option<Vec<Dep>>>, std::sync::atomic::AtomicBool);

impl Clone for Tracker {
    fn clone(&self) -> Self {
        Tracker::default()
    }
}

impl std::fmt::Debug for Tracker {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Tracker")
    }
}

impl Tracker {
    fn record(&self, d: impl FnOnce() -> Dep) {
        if !self.1.load(std::sync::atomic::Ordering::Relaxed) {
            return;
        }
        if let Ok(mut g) = self.0.lock() {
            if let Some(v) = g.as_mut() {
                v.push(d());
            }
        }
    }
    pub(crate) fn start(&self) {
        if let Ok(mut g) = self.0.lock() {
            *g = Some(Vec::new());
        }
        self.1.store(true, std::sync::atomic::Ordering::Relaxed);
    }
    pub(crate) fn stop(&self) -> Vec<Dep> {
        self.1.store(false, std::sync::atomic::Ordering::Relaxed);
        let mut v = self
            .0
            .lock()
            .map(|mut g| g.take().unwrap_or_default())
            .unwrap_or_default();
        v.sort();
        v.dedup();
        v
    }
}

/// An event of type `T` with where it stands in the log.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct At<T> {
    pub index: u64,
    pub recorded_at: Instant,
    pub ev: T,
}

#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct PartyRec {
    pub index: u64,
    pub name: String,
    pub region: Option<Region>,
    pub since: Option<Date>,
    pub withdrawn: Option<Date>,
    /// Indices of the `party.updated` entries, evidence for status questions.
    pub updates: Vec<u64>,
}

impl PartyRec {
    /// A Protocol Party at `t` (rules.md §6): `protocol_party_since` ≤ t's UTC date < `withdrawn_on`.
    pub fn protocol_party_at(&self, t: Instant) -> bool {
        let d = t.date();
        self.since.is_some_and(|s| s <= d) && self.withdrawn.is_none_or(|w| d < w)
    }
    /// The same for a date.
    pub fn protocol_party_on(&self, d: Date) -> bool {
        self.since.is_some_and(|s| s <= d) && self.withdrawn.is_none_or(|w| d < w)
    }
    pub fn evidence(&self) -> Vec<u64> {
        let mut v = vec![self.index];
        v.extend(&self.updates);
        v
    }
}

#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct ConsultationRec {
    pub opened: At<ConsultationOpened>,
    pub responses: Vec<At<ConsultationResponse>>,
    pub closed: Option<At<ConsultationClosed>>,
}

#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct RequestRec {
    pub req: At<ExtraordinaryRequested>,
    pub supports: Vec<At<ExtraordinarySupported>>,
}

#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct MeetingRec {
    pub conv: At<MeetingConvened>,
    pub sessions: Vec<String>,
    pub decisions: Vec<String>,
    pub procedures: Vec<String>,
    /// Scenario notes, upcast to their current (v2) form when read.
    pub notes: Vec<At<ledger_events::versions::ScenarioNoteV2>>,
    pub trainings: Vec<At<TrainingHeld>>,
    pub support_requests: Vec<String>,
}

#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct SessionRec {
    pub s: At<SessionHeld>,
    pub webcasts: Vec<At<WebcastRecorded>>,
    pub decisions: Vec<String>,
}

#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct SupportRec {
    pub r: At<SupportRequested>,
    pub provided: Vec<At<SupportProvided>>,
}

/// A later step of a silence procedure, in log order.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub enum SilenceStep {
    Resumed(At<SilenceResumed>),
    Concluded(At<SilenceConcluded>),
}

#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct ProcedureRec {
    pub opened: At<SilenceOpened>,
    pub steps: Vec<SilenceStep>,
    pub objections: Vec<At<SilenceObjection>>,
    pub decisions: Vec<String>,
}

/// One round of silence: [circulated_at, deadline) with the text under silence.
#[derive(Clone, Debug)]
pub struct Round {
    pub number: usize,
    pub index: u64,
    pub circulated_at: Instant,
    pub deadline: Instant,
    pub text_digest: String,
}

impl ProcedureRec {
    /// The rounds opened by entries before `before` (all when `None`): the opening, then each resumption.
    pub fn rounds(&self, before: Option<u64>) -> Vec<Round> {
        let o = &self.opened;
        let mut v = vec![Round {
            number: 1,
            index: o.index,
            circulated_at: o.ev.circulated_at.at,
            deadline: o.ev.deadline.at,
            text_digest: o.ev.draft.text_digest.as_str().to_owned(),
        }];
        for s in &self.steps {
            if let SilenceStep::Resumed(r) = s {
                if before.is_none_or(|b| r.index < b) {
                    v.push(Round {
                        number: v.len() + 1,
                        index: r.index,
                        circulated_at: r.ev.circulated_at.at,
                        deadline: r.ev.deadline.at,
                        text_digest: r.ev.text_digest.as_str().to_owned(),
                    });
                }
            }
        }
        v
    }
}

/// A seat of a Bureau at some time: who holds it, the date its Party must be a Protocol Party on
/// (the term's start, or the substitution's date), and the entry that seated the member.
#[derive(Clone, Debug, PartialEq)]
pub struct Seat {
    pub member: Member,
    pub on: Date,
    pub index: u64,
}

/// What a registered key is bound to (contract §2), for endorsements.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct KeyBinding {
    pub role: Role,
    pub bureau_id: Option<String>,
    pub member_id: Option<String>,
    /// The Party a `party` key is bound to.
    #[serde(default)]
    pub party_id: Option<String>,
    /// Revoked by a `key.revoked` (envelopes signed by it are refused from then on).
    #[serde(default)]
    pub revoked: bool,
}

#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct ElectionRec {
    pub at: At<BureauElected>,
}

fn stamp<T>(rec: &Recorded, ev: T) -> At<T> {
    At {
        index: rec.index,
        recorded_at: rec.recorded_at,
        ev,
    }
}

/// Everything the rules read, folded from the log.
#[derive(Clone, Debug, Default, serde::Serialize, serde::Deserialize)]
pub struct Model {
    pub size: u64,
    pub recorded_at: Vec<Instant>,
    #[serde(deserialize_with = "ledger_events::presized::map")]
    parties: HashMap<String, PartyRec>,
    #[serde(deserialize_with = "ledger_events::presized::map")]
    pub bodies: HashMap<String, At<BodyRegistered>>,
    elections: Vec<ElectionRec>,
    /// Positions in `elections`, by Bureau id and by the body a Bureau is elected for.
    #[serde(deserialize_with = "ledger_events::presized::map")]
    elections_by_bureau: HashMap<String, Vec<usize>>,
    #[serde(deserialize_with = "ledger_events::presized::map")]
    elections_by_body: HashMap<String, Vec<usize>>,
    substitutions: Vec<At<BureauMemberSubstituted>>,
    #[serde(deserialize_with = "ledger_events::presized::map")]
    substitutions_by_bureau: HashMap<String, Vec<usize>>,
    extensions: Vec<At<BureauTermExtended>>,
    #[serde(deserialize_with = "ledger_events::presized::map")]
    extensions_by_bureau: HashMap<String, Vec<usize>>,
    #[serde(deserialize_with = "ledger_events::presized::map")]
    consultations: HashMap<String, ConsultationRec>,
    #[serde(deserialize_with = "ledger_events::presized::map")]
    pub bureau_decisions: HashMap<String, At<BureauDecision>>,
    pub bureau_decision_order: Vec<String>,
    /// meeting id (from a Bureau decision's subject) → Bureau decisions about it, in log order.
    #[serde(deserialize_with = "ledger_events::presized::map")]
    pub bureau_decisions_by_meeting: HashMap<String, Vec<String>>,
    #[serde(deserialize_with = "ledger_events::presized::map")]
    pub requests: HashMap<String, RequestRec>,
    /// extraordinary request id → meetings convened on it.
    #[serde(deserialize_with = "ledger_events::presized::map")]
    pub request_meetings: HashMap<String, Vec<String>>,
    #[serde(deserialize_with = "ledger_events::presized::map")]
    pub meetings: HashMap<String, MeetingRec>,
    pub meeting_order: Vec<String>,
    #[serde(deserialize_with = "ledger_events::presized::map")]
    pub sessions: HashMap<String, SessionRec>,
    #[serde(deserialize_with = "ledger_events::presized::map")]
    pub support: HashMap<String, SupportRec>,
    #[serde(deserialize_with = "ledger_events::presized::map")]
    pub decisions: HashMap<String, At<DecisionAdopted>>,
    pub decision_order: Vec<String>,
    #[serde(deserialize_with = "ledger_events::presized::map")]
    pub procedures: HashMap<String, ProcedureRec>,
    /// What the per-entry rules (L.*, R.counted_parties) need of each entry.
    pub facts: Vec<crate::checks::EntryFacts>,
    /// Registered keys: key id → role and binding, for endorsements.
    #[serde(deserialize_with = "ledger_events::presized::map")]
    pub keys: HashMap<String, KeyBinding>,
    /// Signers of each `bureau.decision` entry, by Bureau decision id.
    #[serde(deserialize_with = "ledger_events::presized::map")]
    pub bureau_decision_signers: HashMap<String, Vec<String>>,
    /// Completeness statements (contract §5.7), in log order. A statement speaks only of what
    /// was recorded before it (L.period_counts) and after it (L.after_close), so the rules read
    /// them by index and never need re-evaluating when one is added.
    #[serde(default)]
    pub periods: Vec<At<PeriodClosed>>,
    /// What a completeness statement may count (meetings, silence procedures, decisions, Bureau
    /// decisions), by the day a statement dates it by, so that L.period_counts reads the days
    /// of its period and not every item of the log.
    #[serde(default)]
    pub(crate) countable_by_day:
        BTreeMap<Date, Vec<(crate::checks::record::CountedKind, Box<str>)>>,
    /// What the evaluation under way has read.
    #[serde(skip)]
    pub(crate) reads: Tracker,
}

impl Model {
    pub fn new() -> Self {
        Self::default()
    }

    /// The completeness statement recorded at entry `index`, if that entry is one.
    pub fn period_at(&self, index: u64) -> Option<&At<PeriodClosed>> {
        self.periods
            .binary_search_by_key(&index, |p| p.index)
            .ok()
            .map(|i| &self.periods[i])
    }

    /// The completeness statement with this id.
    pub fn period(&self, id: &str) -> Option<&At<PeriodClosed>> {
        self.periods.iter().find(|p| p.ev.period_id.as_str() == id)
    }

    /// Whether Bureau `bureau` was elected for body `body` by an election recorded before entry
    /// `before` (a statement with `body_id` counts the decisions of the Bureaus elected for it).
    pub fn bureau_elected_for(&self, bureau: &str, body: &str, before: u64) -> bool {
        self.elections_by_bureau
            .get(bureau)
            .into_iter()
            .flatten()
            .filter_map(|i| self.elections.get(*i))
            .any(|e| e.at.index < before && e.at.ev.of_body_id.as_str() == body)
    }

    /// Folds one entry in. Entries arrive in log order and have passed admission, so every
    /// reference resolves.
    pub fn apply(&mut self, rec: &Recorded) -> Vec<Change> {
        let mut changes = Vec::new();
        let index = rec.index;
        self.size = index + 1;
        self.recorded_at.push(rec.recorded_at);
        self.facts
            .push(crate::checks::EntryFacts::of(&rec.event.data));
        if let Some((kind, id, day)) = crate::checks::record::countable_item(&rec.event.data) {
            self.countable_by_day
                .entry(day)
                .or_default()
                .push((kind, id.into()));
        }
        match &rec.event.data {
            EventData::PartyRegistered(p) => {
                changes.push(Change::Dep(Dep::Party(p.party_id.to_string())));
                let status = (
                    p.protocol_party_since.as_ref().map(|d| d.day),
                    p.withdrawn_on.as_ref().map(|d| d.day),
                );
                if let Some((from, to)) = status_change((None, None), status) {
                    changes.push(Change::Years {
                        of: YearsOf::Parties,
                        from: from.start(),
                        to: to.map(|d| d.end()),
                    });
                }
                self.parties.insert(
                    p.party_id.to_string(),
                    PartyRec {
                        index,
                        name: p.name.as_str().to_owned(),
                        region: p.region,
                        since: p.protocol_party_since.as_ref().map(|d| d.day),
                        withdrawn: p.withdrawn_on.as_ref().map(|d| d.day),
                        updates: vec![],
                    },
                );
            }
            EventData::PartyUpdated(u) => {
                let id = u.party_id.to_string();
                changes.push(Change::Dep(Dep::PartyEvidence(id.clone())));
                if let Some(p) = self.parties.get_mut(u.party_id.as_str()) {
                    let old = (p.since, p.withdrawn);
                    if let Some(s) = &u.protocol_party_since {
                        p.since = Some(s.day);
                    }
                    if let Some(w) = &u.withdrawn_on {
                        p.withdrawn = Some(w.day);
                    }
                    p.updates.push(index);
                    // Only the answers on dates where the status changed can change.
                    if let Some((from, to)) = status_change(old, (p.since, p.withdrawn)) {
                        for of in [YearsOf::Party(id), YearsOf::Parties] {
                            changes.push(Change::Years {
                                of,
                                from: from.start(),
                                to: to.map(|d| d.end()),
                            });
                        }
                    }
                }
            }
            EventData::BodyRegistered(b) => {
                self.bodies
                    .insert(b.body_id.to_string(), stamp(rec, b.clone()));
            }
            EventData::BureauElected(b) => {
                let bureau = b.bureau_id.to_string();
                let body = b.of_body_id.to_string();
                let from = b.term_start.day.start();
                let to = b.term_end.as_ref().map(|d| d.day.end());
                changes.push(Change::Dep(Dep::BureauLast(bureau.clone())));
                for of in [YearsOf::Bureau(bureau.clone()), YearsOf::Body(body.clone())] {
                    changes.push(Change::Years { of, from, to });
                }
                let pos = self.elections.len();
                self.elections.push(ElectionRec {
                    at: stamp(rec, b.clone()),
                });
                self.elections_by_bureau
                    .entry(bureau)
                    .or_default()
                    .push(pos);
                self.elections_by_body.entry(body).or_default().push(pos);
            }
            EventData::BureauMemberSubstituted(s) => {
                let bureau = s.bureau_id.to_string();
                if let Some(e) = self.latest_election(&bureau) {
                    changes.push(Change::Dep(Dep::Election(e.at.index)));
                }
                let pos = self.substitutions.len();
                self.substitutions.push(stamp(rec, s.clone()));
                self.substitutions_by_bureau
                    .entry(bureau)
                    .or_default()
                    .push(pos);
            }
            EventData::BureauTermExtended(t) => {
                let bureau = t.bureau_id.to_string();
                let before = self.latest_election(&bureau).map(|e| {
                    (
                        e.at.index,
                        e.at.ev.of_body_id.to_string(),
                        self.term_end_raw(e),
                    )
                });
                let pos = self.extensions.len();
                self.extensions.push(stamp(rec, t.clone()));
                self.extensions_by_bureau
                    .entry(bureau.clone())
                    .or_default()
                    .push(pos);
                if let Some((e_index, body, old)) = before {
                    changes.push(Change::Dep(Dep::Election(e_index)));
                    let new = Some(t.new_term_end.day);
                    // The answer changes for times between the old and the new end (no end: ∞).
                    let (lo, hi) = match (old, new) {
                        (Some(a), Some(b)) => (a.min(b), Some(a.max(b))),
                        (Some(a), None) | (None, Some(a)) => (a, None),
                        (None, None) => (t.new_term_end.day, None),
                    };
                    for of in [YearsOf::Bureau(bureau), YearsOf::Body(body)] {
                        changes.push(Change::Years {
                            of,
                            from: lo.start(),
                            to: hi.map(|d| d.end()),
                        });
                    }
                }
            }
            EventData::ConsultationOpened(c) => {
                changes.push(Change::Dep(Dep::Consultation(
                    c.consultation_id.to_string(),
                )));
                self.consultations.insert(
                    c.consultation_id.to_string(),
                    ConsultationRec {
                        opened: stamp(rec, c.clone()),
                        responses: vec![],
                        closed: None,
                    },
                );
            }
            EventData::ConsultationResponse(r) => {
                changes.push(Change::Dep(Dep::Consultation(
                    r.consultation_id.to_string(),
                )));
                if let Some(c) = self.consultations.get_mut(r.consultation_id.as_str()) {
                    c.responses.push(stamp(rec, r.clone()));
                }
            }
            EventData::ConsultationClosed(x) => {
                changes.push(Change::Dep(Dep::Consultation(
                    x.consultation_id.to_string(),
                )));
                if let Some(c) = self.consultations.get_mut(x.consultation_id.as_str()) {
                    c.closed = Some(stamp(rec, x.clone()));
                }
            }
            EventData::BureauDecision(d) => {
                let id = d.decision_id.to_string();
                self.bureau_decision_signers
                    .insert(id.clone(), rec.signers.clone());
                if let Some(m) = &d.subject.meeting_id {
                    self.bureau_decisions_by_meeting
                        .entry(m.to_string())
                        .or_default()
                        .push(id.clone());
                }
                self.bureau_decision_order.push(id.clone());
                self.bureau_decisions.insert(id, stamp(rec, d.clone()));
            }
            EventData::ExtraordinaryRequested(r) => {
                self.requests.insert(
                    r.request_id.to_string(),
                    RequestRec {
                        req: stamp(rec, r.clone()),
                        supports: vec![],
                    },
                );
            }
            EventData::ExtraordinarySupported(s) => {
                if let Some(r) = self.requests.get_mut(s.request_id.as_str()) {
                    r.supports.push(stamp(rec, s.clone()));
                }
            }
            EventData::MeetingConvened(m) => {
                let id = m.meeting_id.to_string();
                if let Some(b) = &m.basis {
                    if let Some(r) = &b.request_id {
                        self.request_meetings
                            .entry(r.to_string())
                            .or_default()
                            .push(id.clone());
                    }
                }
                self.meeting_order.push(id.clone());
                self.meetings.insert(
                    id,
                    MeetingRec {
                        conv: stamp(rec, m.clone()),
                        sessions: vec![],
                        decisions: vec![],
                        procedures: vec![],
                        notes: vec![],
                        trainings: vec![],
                        support_requests: vec![],
                    },
                );
            }
            EventData::ScenarioNotePublished(n) => {
                if let Some(m) = self.meetings.get_mut(n.meeting_id.as_str()) {
                    m.notes
                        .push(stamp(rec, ledger_events::versions::upcast_scenario_note(n)));
                }
            }
            EventData::TrainingHeld(t) => {
                if let Some(m) = self.meetings.get_mut(t.meeting_id.as_str()) {
                    m.trainings.push(stamp(rec, t.clone()));
                }
            }
            EventData::SupportRequested(r) => {
                if let Some(m) = self.meetings.get_mut(r.meeting_id.as_str()) {
                    m.support_requests.push(r.request_id.to_string());
                }
                self.support.insert(
                    r.request_id.to_string(),
                    SupportRec {
                        r: stamp(rec, r.clone()),
                        provided: vec![],
                    },
                );
            }
            EventData::SupportProvided(p) => {
                if let Some(s) = self.support.get_mut(p.request_id.as_str()) {
                    s.provided.push(stamp(rec, p.clone()));
                }
            }
            EventData::SessionHeld(s) => {
                if let Some(m) = self.meetings.get_mut(s.meeting_id.as_str()) {
                    m.sessions.push(s.session_id.to_string());
                }
                self.sessions.insert(
                    s.session_id.to_string(),
                    SessionRec {
                        s: stamp(rec, s.clone()),
                        webcasts: vec![],
                        decisions: vec![],
                    },
                );
            }
            EventData::WebcastRecorded(w) => {
                if let Some(s) = self.sessions.get_mut(w.session_id.as_str()) {
                    s.webcasts.push(stamp(rec, w.clone()));
                }
            }
            EventData::DecisionAdopted(d) => {
                let id = d.decision_id.to_string();
                if let Some(m) = self.meetings.get_mut(d.meeting_id.as_str()) {
                    m.decisions.push(id.clone());
                }
                if let Some(s) = d
                    .via
                    .session_id
                    .as_ref()
                    .and_then(|s| self.sessions.get_mut(s.as_str()))
                {
                    s.decisions.push(id.clone());
                }
                if let Some(p) = d
                    .via
                    .procedure_id
                    .as_ref()
                    .and_then(|p| self.procedures.get_mut(p.as_str()))
                {
                    p.decisions.push(id.clone());
                }
                self.decision_order.push(id.clone());
                self.decisions.insert(id, stamp(rec, d.clone()));
            }
            EventData::SilenceOpened(s) => {
                if let Some(m) = self.meetings.get_mut(s.meeting_id.as_str()) {
                    m.procedures.push(s.procedure_id.to_string());
                }
                self.procedures.insert(
                    s.procedure_id.to_string(),
                    ProcedureRec {
                        opened: stamp(rec, s.clone()),
                        steps: vec![],
                        objections: vec![],
                        decisions: vec![],
                    },
                );
            }
            EventData::SilenceObjection(o) => {
                if let Some(p) = self.procedures.get_mut(o.procedure_id.as_str()) {
                    p.objections.push(stamp(rec, o.clone()));
                }
            }
            EventData::SilenceResumed(r) => {
                if let Some(p) = self.procedures.get_mut(r.procedure_id.as_str()) {
                    p.steps.push(SilenceStep::Resumed(stamp(rec, r.clone())));
                }
            }
            EventData::SilenceConcluded(c) => {
                if let Some(p) = self.procedures.get_mut(c.procedure_id.as_str()) {
                    p.steps.push(SilenceStep::Concluded(stamp(rec, c.clone())));
                }
            }
            EventData::PeriodClosed(p) => {
                self.periods.push(stamp(rec, p.clone()));
            }
            EventData::Genesis(g) => {
                if let Ok(k) = ledger_proof::VerifierKey::parse(g.admin_vkey.as_str()) {
                    self.keys.insert(
                        k.key_id(),
                        KeyBinding {
                            role: Role::Admin,
                            bureau_id: None,
                            member_id: None,
                            party_id: None,
                            revoked: false,
                        },
                    );
                }
            }
            EventData::KeyRegistered(k) => {
                if let Ok(v) = ledger_proof::VerifierKey::parse(k.vkey.as_str()) {
                    self.keys.insert(
                        v.key_id(),
                        KeyBinding {
                            role: k.role,
                            bureau_id: k.bureau_id.as_ref().map(|b| b.to_string()),
                            member_id: k.member_id.as_ref().map(|m| m.to_string()),
                            party_id: k.party_id.as_ref().map(|p| p.to_string()),
                            revoked: false,
                        },
                    );
                }
            }
            EventData::KeyRevoked(k) => {
                if let Some(b) = self.keys.get_mut(k.key_id.as_str()) {
                    b.revoked = true;
                }
            }
        }
        changes
    }

    /// The members of the deciding Bureau whose keys signed a Bureau decision (contract §2:
    /// extra signatures by `bureau_member` keys of that Bureau are endorsements), sitting then.
    pub fn endorsing_members(&self, bd: &At<BureauDecision>) -> Vec<String> {
        let Some(signers) = self.bureau_decision_signers.get(bd.ev.decision_id.as_str()) else {
            return vec![];
        };
        let seated: Vec<String> =
            match self.election_for(bd.ev.bureau_id.as_str(), bd.ev.decided_at.at) {
                Some(e) => self
                    .seats_at(e, bd.ev.decided_at.at)
                    .into_iter()
                    .map(|seat| seat.member.member_id.to_string())
                    .collect(),
                None => vec![],
            };
        let mut out = Vec::new();
        for k in signers {
            if let Some(KeyBinding {
                role: Role::BureauMember,
                bureau_id: Some(b),
                member_id: Some(m),
                ..
            }) = self.keys.get(k)
            {
                if b == bd.ev.bureau_id.as_str() && seated.contains(m) && !out.contains(m) {
                    out.push(m.clone());
                }
            }
        }
        out
    }

    /// A Party's record (read: [`Dep::Party`] when unknown; its answers record the rest).
    pub fn party<'a>(&'a self, id: &'a str) -> Option<PartyView<'a>> {
        match self.parties.get(id) {
            Some(rec) => Some(PartyView {
                rec,
                id,
                reads: &self.reads,
            }),
            None => {
                self.reads.record(|| Dep::Party(id.to_owned()));
                None
            }
        }
    }

    /// Is the Party a Protocol Party at `t`? Unknown Parties are not.
    pub fn protocol_party_at(&self, id: &str, t: Instant) -> bool {
        self.party(id).is_some_and(|p| p.protocol_party_at(t))
    }

    /// How many Parties are Protocol Parties at `t` (read: [`Dep::PartiesYear`]).
    pub fn protocol_parties_at(&self, t: Instant) -> u64 {
        self.reads.record(|| Dep::PartiesYear(bucket(t)));
        self.parties
            .values()
            .filter(|p| p.protocol_party_at(t))
            .count() as u64
    }

    /// Every Party (read models only: not tracked; the rules count them with
    /// [`Model::protocol_parties_at`]).
    pub fn parties(&self) -> impl Iterator<Item = (&String, &PartyRec)> {
        self.parties.iter()
    }

    /// A consultation (read: [`Dep::Consultation`]).
    pub fn consultation(&self, id: &str) -> Option<&ConsultationRec> {
        self.reads.record(|| Dep::Consultation(id.to_owned()));
        self.consultations.get(id)
    }

    /// Every consultation (read models only: not tracked per id).
    pub fn consultations(&self) -> impl Iterator<Item = (&String, &ConsultationRec)> {
        self.consultations.iter()
    }

    /// Every election, substitution and term extension, in log order (read models only).
    pub fn elections(&self) -> &[ElectionRec] {
        &self.elections
    }
    pub fn substitutions(&self) -> &[At<BureauMemberSubstituted>] {
        &self.substitutions
    }
    pub fn extensions(&self) -> &[At<BureauTermExtended>] {
        &self.extensions
    }

    pub fn body_kind(&self, id: &str) -> Option<BodyKind> {
        self.bodies.get(id).map(|b| b.ev.kind)
    }

    /// The meeting's own `cop_mop` body: the body itself if it is one, else its nearest ancestor.
    pub fn cop_mop_of(&self, body_id: &str) -> Option<String> {
        let mut cur = body_id.to_owned();
        for _ in 0..64 {
            let b = self.bodies.get(&cur)?;
            if b.ev.kind == BodyKind::CopMop {
                return Some(cur);
            }
            cur = b.ev.parent_id.as_ref()?.to_string();
        }
        None
    }

    fn elections_of_bureau(
        &self,
        bureau_id: &str,
    ) -> impl DoubleEndedIterator<Item = &ElectionRec> {
        self.elections_by_bureau
            .get(bureau_id)
            .into_iter()
            .flatten()
            .map(|&k| &self.elections[k])
    }

    fn latest_election(&self, bureau_id: &str) -> Option<&ElectionRec> {
        self.elections_of_bureau(bureau_id).next_back()
    }

    /// The entry index of the next election of the same Bureau after `e` (`u64::MAX`: none).
    fn next_election(&self, e: &ElectionRec) -> u64 {
        self.elections_of_bureau(e.at.ev.bureau_id.as_str())
            .map(|x| x.at.index)
            .find(|&i| i > e.at.index)
            .unwrap_or(u64::MAX)
    }

    /// The extensions that apply to `e`: recorded for its Bureau after it, before the next election.
    fn extensions_of<'a>(
        &'a self,
        e: &'a ElectionRec,
    ) -> impl Iterator<Item = &'a At<BureauTermExtended>> + 'a {
        let next = self.next_election(e);
        self.extensions_by_bureau
            .get(e.at.ev.bureau_id.as_str())
            .into_iter()
            .flatten()
            .map(|&k| &self.extensions[k])
            .filter(move |x| x.index > e.at.index && x.index < next)
    }

    fn term_end_raw(&self, e: &ElectionRec) -> Option<Date> {
        let mut end = e.at.ev.term_end.as_ref().map(|d| d.day);
        for x in self.extensions_of(e) {
            end = Some(x.ev.new_term_end.day);
        }
        end
    }

    fn in_term_raw(&self, e: &ElectionRec, t: Instant) -> bool {
        e.at.ev.term_start.day.start() <= t && self.term_end_raw(e).is_none_or(|end| t < end.end())
    }

    /// The last day of an election's term, with extensions recorded for that Bureau after it
    /// (before its next election).
    pub fn term_end(&self, e: &ElectionRec) -> Option<Date> {
        self.reads.record(|| Dep::Election(e.at.index));
        self.term_end_raw(e)
    }

    /// Extension entries that apply to an election (recorded after it, before the Bureau's next
    /// election: a later one extends the later term).
    pub fn extension_indices(&self, e: &ElectionRec) -> Vec<u64> {
        self.reads.record(|| Dep::Election(e.at.index));
        self.extensions_of(e).map(|x| x.index).collect()
    }

    pub fn in_term(&self, e: &ElectionRec, t: Instant) -> bool {
        self.reads.record(|| Dep::Election(e.at.index));
        self.in_term_raw(e, t)
    }

    /// The COP-MOP Bureau for a `cop_mop` body at `t`: the election in term, the last one elected
    /// where two are (rules.md §0).
    pub fn cop_mop_bureau(&self, cop_mop: &str, t: Instant) -> Option<&ElectionRec> {
        self.reads
            .record(|| Dep::BodyYear(cop_mop.to_owned(), bucket(t)));
        self.elections_by_body
            .get(cop_mop)
            .into_iter()
            .flatten()
            .rev()
            .map(|&k| &self.elections[k])
            .find(|e| self.in_term_raw(e, t))
    }

    /// The election of a Bureau in force for a decision taken at `t` by `bureau_id`: the last
    /// election of that Bureau whose term covers `t`, else the last election of that Bureau.
    pub fn election_for(&self, bureau_id: &str, t: Instant) -> Option<&ElectionRec> {
        self.reads
            .record(|| Dep::BureauYear(bureau_id.to_owned(), bucket(t)));
        self.elections_of_bureau(bureau_id)
            .rev()
            .find(|e| self.in_term_raw(e, t))
            .or_else(|| {
                self.reads.record(|| Dep::BureauLast(bureau_id.to_owned()));
                self.latest_election(bureau_id)
            })
    }

    /// The seats of an election at `t`: its members, with the substitutions made before `t`
    /// applied in log order. Each seat carries the date its Party must be a Protocol Party on and
    /// the entry that seated it.
    pub fn seats_at(&self, e: &ElectionRec, t: Instant) -> Vec<Seat> {
        self.reads.record(|| Dep::Election(e.at.index));
        let start = e.at.ev.term_start.day;
        let mut seats: Vec<Seat> =
            e.at.ev
                .members
                .iter()
                .map(|m| Seat {
                    member: m.clone(),
                    on: start,
                    index: e.at.index,
                })
                .collect();
        let next = self.next_election(e);
        let subs = self
            .substitutions_by_bureau
            .get(e.at.ev.bureau_id.as_str())
            .into_iter()
            .flatten()
            .map(|&k| &self.substitutions[k]);
        for s in subs {
            if s.index > e.at.index && s.index < next && s.ev.at.at < t {
                if let Some(seat) = seats
                    .iter_mut()
                    .find(|seat| seat.member.member_id == s.ev.replaced_member_id)
                {
                    *seat = Seat {
                        member: s.ev.substitute.clone(),
                        on: s.ev.at.at.date().max(start),
                        index: s.index,
                    };
                }
            }
        }
        seats
    }
}

/// The offline verifier folds every verified entry into the rules' model, so that the rules run
/// on exactly what was verified.
impl ledger_log::verify::Fold for Model {
    fn fold(&mut self, rec: &Recorded) {
        self.apply(rec);
    }
}
