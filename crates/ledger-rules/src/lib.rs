//! The CP-11/4 rules of rules.md: a pure function from the log to findings, and from findings to
//! a verdict for every adopted decision.
//!
//! Findings are computed per **scope** — one entry, one meeting (with its sessions, decisions,
//! silence procedures and the Bureau decisions about it), or one Bureau decision about no meeting.
//! The full evaluation ([`evaluate`]) is the union over all scopes; the [`Engine`] keeps the
//! findings current as entries arrive by re-evaluating only the scopes an entry can change
//! (everything, for the rare registry events that every scope reads). Both call the same scope
//! function, so the server and `dledger verify` give the same findings; a property test holds them
//! to it.

pub mod cases;
pub mod checks;
pub mod model;
pub mod msg;
pub mod rule;
pub mod texts;
pub mod zones;

use ledger_events::events::EventData;
use ledger_events::time::Instant;
use ledger_log::admission::Recorded;
pub use model::Model;
pub use rule::{Grading, RuleId, Subject};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

/// How much a finding weighs (contract §6).
#[derive(
    Clone,
    Copy,
    Debug,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    utoipa::ToSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    Violation,
    Advisory,
    Info,
}

impl Severity {
    /// The wire word (contract §6).
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Violation => "violation",
            Severity::Advisory => "advisory",
            Severity::Info => "info",
        }
    }
}

/// One finding of contract §6. `data` carries rule-specific numbers (P7.time_zones).
/// Serializes as before the types: `rule` and `subject` as their strings. `text` is the message
/// as data (id and arguments, [`msg::Msg`]) so that pages can show it in their language; it is
/// not part of the JSON (human-readable formats never carry it), only of the snapshots.
#[derive(Clone, Debug, Deserialize, utoipa::ToSchema)]
pub struct Finding {
    /// The rule's id (rules.md), e.g. `P2.online_scope`.
    #[schema(value_type = String)]
    pub rule: RuleId,
    pub severity: Severity,
    /// What the finding is about, `<kind>:<id>` (contract §6).
    #[schema(value_type = String)]
    pub subject: Subject,
    pub message: String,
    pub evidence: Vec<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub data: Option<serde_json::Value>,
    #[serde(default)]
    #[schema(ignore)]
    pub text: Option<std::sync::Arc<msg::Msg>>,
}

/// Two findings are the same finding whatever else they carry: the message as data follows from
/// the message.
impl PartialEq for Finding {
    fn eq(&self, o: &Self) -> bool {
        self.rule == o.rule
            && self.severity == o.severity
            && self.subject == o.subject
            && self.message == o.message
            && self.evidence == o.evidence
            && self.data == o.data
    }
}

impl Serialize for Finding {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let with_text = !s.is_human_readable() && self.text.is_some();
        let n = 5 + usize::from(self.data.is_some()) + usize::from(with_text);
        let mut st = s.serialize_struct("Finding", n)?;
        st.serialize_field("rule", &self.rule)?;
        st.serialize_field("severity", &self.severity)?;
        st.serialize_field("subject", &self.subject)?;
        st.serialize_field("message", &self.message)?;
        st.serialize_field("evidence", &self.evidence)?;
        match &self.data {
            Some(d) => st.serialize_field("data", d)?,
            None => st.skip_field("data")?,
        }
        if with_text {
            st.serialize_field("text", &self.text)?;
        } else {
            st.skip_field("text")?;
        }
        st.end()
    }
}

/// What a finding says: a message as data ([`msg::Msg`], rendered in English for the wire), or,
/// for a message that has none, its English text.
pub trait IntoMessage {
    fn into_message(self) -> (String, Option<std::sync::Arc<msg::Msg>>);
}
impl IntoMessage for String {
    fn into_message(self) -> (String, Option<std::sync::Arc<msg::Msg>>) {
        (self, None)
    }
}
impl IntoMessage for msg::Msg {
    fn into_message(self) -> (String, Option<std::sync::Arc<msg::Msg>>) {
        (self.english(), Some(std::sync::Arc::new(self)))
    }
}

impl Finding {
    /// A finding of a rule of one severity ([`Grading::Fixed`]), which it takes from the rule.
    pub fn new(
        rule: RuleId,
        subject: Subject,
        message: impl IntoMessage,
        evidence: impl IntoIterator<Item = u64>,
    ) -> Self {
        let severity = match rule.grading() {
            Grading::Fixed(s) => s,
            Grading::PerFinding => {
                panic!("{rule} weighs each finding: build it with Finding::graded")
            }
        };
        Self::build(rule, severity, subject, message, evidence)
    }

    /// A finding of a rule that weighs each finding ([`Grading::PerFinding`]), with the
    /// severity the check found.
    pub fn graded(
        rule: RuleId,
        severity: Severity,
        subject: Subject,
        message: impl IntoMessage,
        evidence: impl IntoIterator<Item = u64>,
    ) -> Self {
        assert!(
            rule.grading() == Grading::PerFinding,
            "{rule} has one severity: build it with Finding::new"
        );
        Self::build(rule, severity, subject, message, evidence)
    }

    fn build(
        rule: RuleId,
        severity: Severity,
        subject: Subject,
        message: impl IntoMessage,
        evidence: impl IntoIterator<Item = u64>,
    ) -> Self {
        let (message, text) = message.into_message();
        let mut evidence: Vec<u64> = evidence.into_iter().collect();
        evidence.sort_unstable();
        evidence.dedup();
        Finding {
            rule,
            severity,
            subject,
            message,
            evidence,
            data: None,
            text,
        }
    }
    pub fn with_data(mut self, data: serde_json::Value) -> Self {
        self.data = Some(data);
        self
    }
    fn sort_key(&self) -> (&[u64], &RuleId, &Subject, &str) {
        (&self.evidence, &self.rule, &self.subject, &self.message)
    }
}

/// Every configurable number of rules.md, with its defaults; echoed in each audit.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Settings {
    /// rules.md §0: a hybrid session counts as online for P2.online_scope.
    pub hybrid_counts_as_online: bool,
    /// P3.silence_outcome: a `comment` also breaks silence.
    pub comment_breaks_silence: bool,
    /// P3.silence_period: shortest silence per round, in hours (UN GA practice).
    pub silence_min_hours: i64,
    /// P4.webcast: the gap allowed at either end of a session, in minutes.
    pub webcast_gap_minutes: i64,
    /// P7.time_zones: the night, local hours [start, end).
    pub night_start_hour: i8,
    pub night_end_hour: i8,
    /// P7.time_zones: each region's reference zone.
    pub region_zones: BTreeMap<String, String>,
    /// P7.time_zones: the most of a region's session time that may fall at night, in percent.
    pub night_share_max_percent: u32,
    /// P7.session_length: the longest continuous online session, in minutes.
    pub session_max_minutes: i64,
    /// P7.session_length: sessions closer than this (minutes) count as one.
    pub session_join_gap_minutes: i64,
    /// L.late_record: days a business time may precede `recorded_at`.
    pub late_record_days: i64,
    /// L.future_time: days a business time may follow `recorded_at`.
    pub future_time_days: i64,
    /// R.bureau_composition.
    pub bureau_presidents: usize,
    pub bureau_vice_presidents: usize,
    pub bureau_vice_presidents_per_region: usize,
    pub bureau_rapporteurs: usize,
    /// P3.extraordinary_basis: the share of Protocol Parties whose support is needed.
    pub extraordinary_support_numerator: u64,
    pub extraordinary_support_denominator: u64,
    /// P3.extraordinary_basis: support counts within this many calendar months.
    pub extraordinary_support_months: u32,
    /// L.retrospective: when CP-11/4 was adopted.
    #[schema(value_type = String)]
    pub rules_adopted_at: RulesAdoptedAt,
}

/// When CP-11/4 was adopted (L.retrospective): an RFC 3339 time, kept as written (audits echo
/// it and L.retrospective quotes it) together with the instant it names. A setting that is not a
/// time is refused where it is parsed, with what is wrong, instead of meaning 1970.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct RulesAdoptedAt {
    text: String,
    at: Instant,
}

/// A `rules_adopted_at` setting that is not an RFC 3339 time.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error(
    "setting rules_adopted_at {text:?} is not an RFC 3339 time (e.g. 2024-11-01T00:00:00Z): {why}"
)]
pub struct BadRulesAdoptedAt {
    pub text: String,
    pub why: String,
}

impl RulesAdoptedAt {
    pub fn parse(text: &str) -> Result<Self, BadRulesAdoptedAt> {
        match Instant::parse(text) {
            Ok(at) => Ok(RulesAdoptedAt {
                text: text.to_owned(),
                at,
            }),
            Err(e) => Err(BadRulesAdoptedAt {
                text: text.to_owned(),
                why: e.to_string(),
            }),
        }
    }
    pub fn at(&self) -> Instant {
        self.at
    }
    /// The setting as written.
    pub fn as_str(&self) -> &str {
        &self.text
    }
}

impl std::fmt::Display for RulesAdoptedAt {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.pad(&self.text)
    }
}

impl TryFrom<String> for RulesAdoptedAt {
    type Error = BadRulesAdoptedAt;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        RulesAdoptedAt::parse(&s)
    }
}

impl From<RulesAdoptedAt> for String {
    fn from(r: RulesAdoptedAt) -> String {
        r.text
    }
}

impl Default for Settings {
    fn default() -> Self {
        let zones = [
            ("african", "Africa/Nairobi"),
            ("asia_pacific", "Asia/Bangkok"),
            ("eastern_european", "Europe/Warsaw"),
            ("latin_american_caribbean", "America/Bogota"),
            ("western_european_others", "Europe/Paris"),
        ];
        Settings {
            hybrid_counts_as_online: true,
            comment_breaks_silence: false,
            silence_min_hours: 72,
            webcast_gap_minutes: 5,
            night_start_hour: 22,
            night_end_hour: 7,
            region_zones: zones
                .iter()
                .map(|(r, z)| (r.to_string(), z.to_string()))
                .collect(),
            night_share_max_percent: 50,
            session_max_minutes: 120,
            session_join_gap_minutes: 15,
            late_record_days: 7,
            future_time_days: 1,
            bureau_presidents: 1,
            bureau_vice_presidents: 10,
            bureau_vice_presidents_per_region: 2,
            bureau_rapporteurs: 1,
            extraordinary_support_numerator: 1,
            extraordinary_support_denominator: 3,
            extraordinary_support_months: 6,
            rules_adopted_at: RulesAdoptedAt {
                text: "2024-11-01T00:00:00Z".to_owned(),
                at: Instant::parse("2024-11-01T00:00:00Z").expect("the default is a valid time"),
            },
        }
    }
}

impl Settings {
    /// When CP-11/4 was adopted (validated when the settings were built or parsed).
    pub fn rules_adopted_at(&self) -> Instant {
        self.rules_adopted_at.at()
    }
}

/// What the findings are grouped by, so that an entry re-evaluates only what it can change.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Scope {
    Entry(u64),
    Meeting(String),
    BureauDecision(String),
}

/// The scopes an entry belongs to or adds to (the scopes that read what it changes are found
/// through [`model::Dep`]).
fn affected(model: &Model, rec: &Recorded) -> Vec<Scope> {
    let i = rec.index;
    let mut v = vec![Scope::Entry(i)];
    let meeting_of_procedure = |p: &str| {
        model
            .procedures
            .get(p)
            .map(|p| p.opened.ev.meeting_id.to_string())
    };
    match &rec.event.data {
        EventData::Genesis(_)
        | EventData::KeyRegistered(_)
        | EventData::KeyRevoked(_)
        | EventData::BodyRegistered(_)
        | EventData::ConsultationOpened(_)
        | EventData::ConsultationResponse(_)
        | EventData::ExtraordinaryRequested(_)
        | EventData::PartyRegistered(_)
        | EventData::PartyUpdated(_)
        | EventData::BureauElected(_)
        | EventData::BureauMemberSubstituted(_)
        | EventData::BureauTermExtended(_)
        | EventData::ConsultationClosed(_)
        | EventData::PeriodClosed(_) => {}
        EventData::BureauDecision(d) => {
            v.push(checks::home_of(d));
            if let Some(m) = d
                .subject
                .procedure_id
                .as_ref()
                .and_then(|p| meeting_of_procedure(p.as_str()))
            {
                v.push(Scope::Meeting(m));
            }
        }
        EventData::ExtraordinarySupported(s) => {
            if let Some(ms) = model.request_meetings.get(s.request_id.as_str()) {
                v.extend(ms.iter().cloned().map(Scope::Meeting));
            }
        }
        EventData::MeetingConvened(m) => v.push(Scope::Meeting(m.meeting_id.to_string())),
        EventData::ScenarioNotePublished(n) => v.push(Scope::Meeting(n.meeting_id.to_string())),
        EventData::TrainingHeld(t) => v.push(Scope::Meeting(t.meeting_id.to_string())),
        EventData::SupportRequested(r) => v.push(Scope::Meeting(r.meeting_id.to_string())),
        EventData::SupportProvided(p) => {
            if let Some(r) = model.support.get(p.request_id.as_str()) {
                v.push(Scope::Meeting(r.r.ev.meeting_id.to_string()));
            }
        }
        EventData::SessionHeld(s) => v.push(Scope::Meeting(s.meeting_id.to_string())),
        EventData::WebcastRecorded(w) => {
            if let Some(s) = model.sessions.get(w.session_id.as_str()) {
                v.push(Scope::Meeting(s.s.ev.meeting_id.to_string()));
            }
        }
        EventData::DecisionAdopted(d) => v.push(Scope::Meeting(d.meeting_id.to_string())),
        EventData::SilenceOpened(s) => v.push(Scope::Meeting(s.meeting_id.to_string())),
        EventData::SilenceObjection(o) => {
            v.extend(meeting_of_procedure(o.procedure_id.as_str()).map(Scope::Meeting))
        }
        EventData::SilenceResumed(r) => {
            v.extend(meeting_of_procedure(r.procedure_id.as_str()).map(Scope::Meeting))
        }
        EventData::SilenceConcluded(c) => {
            v.extend(meeting_of_procedure(c.procedure_id.as_str()).map(Scope::Meeting))
        }
    }
    v
}

/// Every scope of the model.
fn all_scopes(model: &Model) -> Vec<Scope> {
    let mut v: Vec<Scope> = (0..model.size).map(Scope::Entry).collect();
    let mut meetings: BTreeSet<&String> = model.meetings.keys().collect();
    meetings.extend(model.bureau_decisions_by_meeting.keys());
    v.extend(meetings.into_iter().cloned().map(Scope::Meeting));
    for (id, d) in &model.bureau_decisions {
        if d.ev.subject.meeting_id.is_none() {
            v.push(Scope::BureauDecision(id.clone()));
        }
    }
    v
}

/// The full evaluation: every finding the log holds, in a stable order.
pub fn evaluate(model: &Model, settings: &Settings) -> Vec<Finding> {
    let scopes = all_scopes(model);
    // Scopes are independent and the model is only read: on every core, in contiguous shares
    // (the order of the answer is the sort below, whatever the threads).
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let share = scopes.len().div_ceil(threads).max(1);
    let eval = |part: &[Scope]| -> Vec<Finding> {
        part.iter()
            .flat_map(|s| checks::eval_scope(model, settings, s))
            .collect()
    };
    let mut out: Vec<Finding> = if threads > 1 && scopes.len() > 1 {
        std::thread::scope(|s| {
            let handles: Vec<_> = scopes
                .chunks(share)
                .map(|part| s.spawn(move || eval(part)))
                .collect();
            handles
                .into_iter()
                .flat_map(|h| h.join().unwrap_or_else(|p| std::panic::resume_unwind(p)))
                .collect()
        })
    } else {
        eval(&scopes)
    };
    out.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    out
}

/// Keeps findings current as entries arrive (the server's side of [`evaluate`]).
///
/// The cost of an entry is what it can change, never the age of the log: an entry re-evaluates
/// its own scope and the scopes it adds to ([`affected`]), and the scopes whose last evaluation
/// read something the entry changed (a Party's status, a consultation, a Bureau's elections at
/// the times looked up). Each evaluation records what it reads ([`model::Dep`]); the engine keeps
/// the reverse index from each thing read to the scopes that read it.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Engine {
    pub settings: Settings,
    pub model: Model,
    #[serde(deserialize_with = "ledger_events::presized::map")]
    findings: HashMap<Scope, Vec<Finding>>,
    /// Each thing a scope's evaluation read → the scopes that read it.
    #[serde(deserialize_with = "ledger_events::presized::map")]
    readers: HashMap<model::Dep, Readers>,
    /// The largest year bucket a lookup has recorded (bounds open-ended changes).
    max_bucket: i64,
}

/// The scopes that read one thing. Most things are read by one to a few scopes, a few (the
/// number of Parties in a year, a body's Bureau in a year) by thousands: a short list for the
/// first, a hash set for the second (a one-element `HashSet` takes about 200 bytes, a
/// one-element `Vec` about 60). As a snapshot: a sequence, either way.
#[derive(Clone, Debug)]
enum Readers {
    Few(Vec<Scope>),
    Many(HashSet<Scope>),
}

/// A list grows into a set past this many scopes.
const FEW_READERS: usize = 8;

impl Readers {
    fn insert(&mut self, scope: &Scope) {
        match self {
            Readers::Few(v) => {
                if v.contains(scope) {
                    return;
                }
                if v.len() < FEW_READERS {
                    v.push(scope.clone());
                } else {
                    let mut set: HashSet<Scope> = std::mem::take(v).into_iter().collect();
                    set.insert(scope.clone());
                    *self = Readers::Many(set);
                }
            }
            Readers::Many(set) => {
                if !set.contains(scope) {
                    set.insert(scope.clone());
                }
            }
        }
    }

    fn iter(&self) -> impl Iterator<Item = &Scope> + '_ {
        let (few, many) = match self {
            Readers::Few(v) => (Some(v.iter()), None),
            Readers::Many(s) => (None, Some(s.iter())),
        };
        few.into_iter().flatten().chain(many.into_iter().flatten())
    }
}

impl Serialize for Readers {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Readers::Few(v) => s.collect_seq(v),
            Readers::Many(set) => s.collect_seq(set),
        }
    }
}

impl<'de> Deserialize<'de> for Readers {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let v: Vec<Scope> = Vec::deserialize(d)?;
        Ok(if v.len() <= FEW_READERS {
            Readers::Few(v)
        } else {
            Readers::Many(v.into_iter().collect())
        })
    }
}

/// What an engine holds besides its settings and model, borrowed, for a snapshot written in
/// two parts (the model, and this) that are decoded at once on two threads.
#[derive(Serialize)]
pub struct EngineIndexRef<'a> {
    findings: &'a HashMap<Scope, Vec<Finding>>,
    readers: &'a HashMap<model::Dep, Readers>,
    max_bucket: i64,
}

/// [`EngineIndexRef`] read back.
#[derive(Deserialize)]
pub struct EngineIndex {
    #[serde(deserialize_with = "ledger_events::presized::map")]
    findings: HashMap<Scope, Vec<Finding>>,
    #[serde(deserialize_with = "ledger_events::presized::map")]
    readers: HashMap<model::Dep, Readers>,
    max_bucket: i64,
}

impl Engine {
    /// The engine's parts besides its model, for a snapshot ([`Engine::from_parts`]).
    pub fn index_ref(&self) -> EngineIndexRef<'_> {
        EngineIndexRef {
            findings: &self.findings,
            readers: &self.readers,
            max_bucket: self.max_bucket,
        }
    }

    /// An engine from a snapshot's parts (the model and [`Engine::index_ref`] of one engine).
    pub fn from_parts(settings: Settings, model: Model, index: EngineIndex) -> Self {
        Engine {
            settings,
            model,
            findings: index.findings,
            readers: index.readers,
            max_bucket: index.max_bucket,
        }
    }

    pub fn new(settings: Settings) -> Self {
        Engine {
            settings,
            model: Model::new(),
            findings: HashMap::new(),
            readers: HashMap::new(),
            max_bucket: i64::MIN,
        }
    }

    /// The scopes whose last evaluation read something a change touches.
    fn readers_of(&self, change: &model::Change, out: &mut BTreeSet<Scope>) {
        let mut take = |d: &model::Dep| {
            if let Some(s) = self.readers.get(d) {
                out.extend(s.iter().cloned());
            }
        };
        match change {
            model::Change::Dep(d) => take(d),
            model::Change::Years { of, from, to } => {
                let lo = model::bucket(*from);
                let hi = match to {
                    Some(t) => model::bucket(*t).min(self.max_bucket),
                    None => self.max_bucket,
                };
                for y in lo..=hi {
                    take(&of.dep(y));
                }
            }
        }
    }

    /// Evaluates one scope, recording what it read. The reverse index only grows: a scope stays
    /// listed under what an earlier evaluation of it read and this one did not, which at worst
    /// re-evaluates it once more when that thing changes (evaluation is a pure function of the
    /// model, so the findings are the same), and no list of each scope's reads is kept: at 1M
    /// entries that list was 110 MB, and scopes' reads almost never change.
    fn evaluate_scope(&mut self, scope: &Scope) -> Vec<Finding> {
        self.model.reads.start();
        let new = checks::eval_scope(&self.model, &self.settings, scope);
        for d in self.model.reads.stop() {
            if let model::Dep::BureauYear(_, y)
            | model::Dep::BodyYear(_, y)
            | model::Dep::PartyYear(_, y)
            | model::Dep::PartiesYear(y) = d
            {
                self.max_bucket = self.max_bucket.max(y);
            }
            match self.readers.get_mut(&d) {
                Some(set) => set.insert(scope),
                None => {
                    self.readers.insert(d, Readers::Few(vec![scope.clone()]));
                }
            }
        }
        new
    }

    /// Folds an entry in; returns the findings the log holds now and did not hold before it.
    pub fn apply(&mut self, rec: &Recorded) -> Vec<Finding> {
        let changes = self.model.apply(rec);
        let mut scopes: BTreeSet<Scope> = affected(&self.model, rec).into_iter().collect();
        for c in &changes {
            self.readers_of(c, &mut scopes);
        }
        let mut raised = Vec::new();
        for scope in scopes {
            let new = self.evaluate_scope(&scope);
            let old = self.findings.remove(&scope).unwrap_or_default();
            raised.extend(new.iter().filter(|f| !old.contains(f)).cloned());
            if !new.is_empty() {
                self.findings.insert(scope, new);
            }
        }
        raised.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        raised
    }

    /// Every current finding, in the order of [`evaluate`].
    pub fn findings(&self) -> Vec<Finding> {
        let mut out: Vec<Finding> = self.findings.values().flatten().cloned().collect();
        out.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        out
    }
}

/// The verdict on an adopted decision (contract §6).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    WithinScope,
    OutOfScope,
    InPerson,
}

impl Verdict {
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::WithinScope => "within_scope",
            Verdict::OutOfScope => "out_of_scope",
            Verdict::InPerson => "in_person",
        }
    }
}

/// A decision with its verdict and every finding it rests on.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, utoipa::ToSchema)]
pub struct DecisionVerdict {
    pub decision_id: String,
    pub meeting_id: String,
    pub category: String,
    pub venue: String,
    pub verdict: Verdict,
    /// Rule ids of the findings considered, in order, each once.
    #[schema(value_type = Vec<String>)]
    pub findings: Vec<RuleId>,
    #[serde(skip)]
    pub considered: Vec<Finding>,
    #[serde(skip)]
    pub index: u64,
}

/// The audit JSON of contract §8.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, utoipa::ToSchema)]
pub struct Audit {
    pub size: u64,
    pub root: String,
    pub settings: Settings,
    pub decisions: Vec<DecisionVerdict>,
    pub findings: Vec<Finding>,
}

/// Verdicts for every decision, from the findings (rules.md §6 "Verdicts look through").
pub fn verdicts(model: &Model, findings: &[Finding]) -> Vec<DecisionVerdict> {
    let mut by_subject: HashMap<&Subject, Vec<&Finding>> = HashMap::new();
    for f in findings {
        by_subject.entry(&f.subject).or_default().push(f);
    }
    model
        .decision_order
        .iter()
        .filter_map(|id| model.decisions.get(id))
        .map(|d| {
            let ev = &d.ev;
            let mut subjects = vec![
                Subject::decision(&ev.decision_id),
                Subject::meeting(&ev.meeting_id),
            ];
            let mut bureau_decisions = Vec::new();
            let venue = match (&ev.via.session_id, &ev.via.procedure_id) {
                (Some(s), _) => {
                    subjects.push(Subject::session(s));
                    let sess = model.sessions.get(s.as_str());
                    if let Some(bd) = sess.and_then(|s| {
                        checks::determination(
                            model,
                            &s.s.ev.meeting_id.to_string(),
                            s.s.ev.started_at.at,
                        )
                    }) {
                        bureau_decisions.push(bd);
                    }
                    sess.map_or("online", |s| s.s.ev.mode.as_str()).to_owned()
                }
                (None, Some(p)) => {
                    subjects.push(Subject::procedure(p));
                    if let Some(proc_) = model.procedures.get(p.as_str()) {
                        if let Some(bd) = model
                            .bureau_decisions
                            .get(proc_.opened.ev.bureau_decision_id.as_str())
                        {
                            bureau_decisions.push(bd);
                        }
                    }
                    "silence".to_owned()
                }
                _ => "online".to_owned(),
            };
            let mut considered: Vec<Finding> = Vec::new();
            for s in &subjects {
                for f in by_subject.get(s).into_iter().flatten() {
                    considered.push((*f).clone());
                }
            }
            for bd in &bureau_decisions {
                for f in by_subject
                    .get(&Subject::bureau_decision(&bd.ev.decision_id))
                    .into_iter()
                    .flatten()
                {
                    considered.push((*f).clone());
                }
                // R.bureau_composition as judged at that Bureau decision.
                for f in by_subject
                    .get(&Subject::bureau(&bd.ev.bureau_id))
                    .into_iter()
                    .flatten()
                {
                    if f.evidence.contains(&bd.index) {
                        considered.push((*f).clone());
                    }
                }
            }
            considered.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
            considered.dedup();
            let verdict = if venue == "in_person" {
                Verdict::InPerson
            } else if considered.iter().any(|f| f.severity == Severity::Violation) {
                Verdict::OutOfScope
            } else {
                Verdict::WithinScope
            };
            let mut rules: Vec<RuleId> = Vec::new();
            for f in &considered {
                if !rules.contains(&f.rule) {
                    rules.push(f.rule);
                }
            }
            DecisionVerdict {
                decision_id: ev.decision_id.to_string(),
                meeting_id: ev.meeting_id.to_string(),
                category: ev.category.as_str().to_owned(),
                venue,
                verdict,
                findings: rules,
                considered,
                index: d.index,
            }
        })
        .collect()
}

/// Builds the audit of contract §8.
pub fn audit(
    model: &Model,
    settings: &Settings,
    findings: Vec<Finding>,
    root_b64: String,
) -> Audit {
    Audit {
        size: model.size,
        root: root_b64,
        settings: settings.clone(),
        decisions: verdicts(model, &findings),
        findings,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn readers_are_a_set_as_a_list_and_as_a_hash_set() {
        let scopes: Vec<Scope> = (0..20)
            .map(|i| match i % 2 {
                0 => Scope::Entry(i),
                _ => Scope::Meeting(format!("m-{i}")),
            })
            .collect();
        let mut r = Readers::Few(vec![scopes[0].clone()]);
        for s in scopes.iter().chain(scopes.iter()) {
            r.insert(s);
            let n = r.iter().count();
            let mut unique: Vec<&Scope> = r.iter().collect();
            unique.sort();
            unique.dedup();
            assert_eq!(unique.len(), n, "no scope twice");
        }
        assert!(
            matches!(r, Readers::Many(_)),
            "past {FEW_READERS} it is a set"
        );
        let all: BTreeSet<Scope> = r.iter().cloned().collect();
        assert_eq!(all, scopes.iter().cloned().collect::<BTreeSet<_>>());
        // as a snapshot: a sequence, read back as a list or a set by its length
        let back: Readers = serde_json::from_str(&serde_json::to_string(&r).unwrap()).unwrap();
        assert_eq!(back.iter().cloned().collect::<BTreeSet<_>>(), all);
        assert!(matches!(back, Readers::Many(_)));
        let few = Readers::Few(scopes[..3].to_vec());
        let back: Readers = serde_json::from_str(&serde_json::to_string(&few).unwrap()).unwrap();
        assert!(matches!(&back, Readers::Few(v) if v[..] == scopes[..3]));
    }

    #[test]
    fn a_bad_rules_adopted_at_is_refused_with_what_is_wrong() {
        let mut v = serde_json::to_value(Settings::default()).unwrap();
        assert_eq!(v["rules_adopted_at"], "2024-11-01T00:00:00Z");
        v["rules_adopted_at"] = "1 November 2024".into();
        let e = serde_json::from_value::<Settings>(v)
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("rules_adopted_at") && e.contains("1 November 2024"),
            "{e}"
        );
        let e = RulesAdoptedAt::parse("2024-11-01").unwrap_err();
        assert_eq!(e.text, "2024-11-01");
        let ok = RulesAdoptedAt::parse("2024-11-01T00:00:00Z").unwrap();
        assert_eq!(ok, Settings::default().rules_adopted_at);
        assert_eq!(
            Settings::default().rules_adopted_at(),
            Instant::parse("2024-11-01T00:00:00Z").unwrap()
        );
        // Echoed as written.
        let back: Settings =
            serde_json::from_value(serde_json::to_value(Settings::default()).unwrap()).unwrap();
        assert_eq!(back, Settings::default());
    }

    #[test]
    #[should_panic(expected = "Finding::graded")]
    fn a_rule_that_weighs_each_finding_needs_its_severity() {
        let _ = Finding::new(
            RuleId::P7ScenarioNote,
            Subject::meeting("m"),
            "x".to_owned(),
            [0],
        );
    }

    #[test]
    #[should_panic(expected = "Finding::new")]
    fn a_rule_of_one_severity_takes_no_other() {
        let _ = Finding::graded(
            RuleId::P4Webcast,
            Severity::Info,
            Subject::session("s"),
            "x".to_owned(),
            [0],
        );
    }
}
