//! The event catalogue of contract §5 as serde types. Every struct refuses unknown fields, every
//! string that names something is an [`Id`], every free text a non-empty [`Text`], every time an
//! RFC 3339 [`Time`] kept with its original spelling. Parsing an event is [`Event::from_json`].

use crate::time::{Date, Instant};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::Value;
use std::fmt;

// ---------------------------------------------------------------------------------------------
// Scalar newtypes
// ---------------------------------------------------------------------------------------------

/// An identifier: 1–128 bytes of printable ASCII (contract §2, §5).
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Id(String);

impl Id {
    pub fn new(s: &str) -> Result<Id, String> {
        if s.is_empty() || s.len() > 128 {
            return Err(format!("must be 1-128 bytes, got {}", s.len()));
        }
        if !s.bytes().all(|b| (0x20..=0x7e).contains(&b)) {
            return Err("must be printable ASCII".into());
        }
        Ok(Id(s.to_owned()))
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Id {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A non-empty string ("strings may not be empty", contract §5).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Text(String);

impl Text {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A time as written in the event, with its parsed instant.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Time {
    raw: String,
    pub at: Instant,
}

impl Time {
    pub fn as_str(&self) -> &str {
        &self.raw
    }
}

/// A date as written in the event, with its parsed day.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DateField {
    raw: String,
    pub day: Date,
}

/// `blake3:<64 lowercase hex>`: the digest of a document kept outside the log.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Digest(String);

impl Digest {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// An IANA time-zone name known to the bundled zone database.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ZoneName(String);

impl ZoneName {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

macro_rules! string_newtype {
    ($t:ty, $field:ident => $check:expr, $ser:expr) => {
        impl<'de> Deserialize<'de> for $t {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let $field = String::deserialize(d)?;
                let check: fn(String) -> Result<$t, String> = $check;
                check($field).map_err(serde::de::Error::custom)
            }
        }
        impl Serialize for $t {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                let ser: fn(&$t) -> &str = $ser;
                s.serialize_str(ser(self))
            }
        }
    };
}

string_newtype!(Id, s => |s| Id::new(&s).map_err(|e| format!("invalid id {s:?}: {e}")), |v| &v.0);
string_newtype!(Text, s => |s| if s.is_empty() { Err("must not be empty".into()) } else { Ok(Text(s)) }, |v| &v.0);
string_newtype!(Time, s => |s| Instant::parse(&s).map(|at| Time { raw: s.clone(), at }).map_err(|e| format!("invalid time {s:?}: {e}")), |v| &v.raw);
string_newtype!(DateField, s => |s| Date::parse(&s).map(|day| DateField { raw: s.clone(), day }).map_err(|e| format!("invalid date {s:?}: {e}")), |v| &v.raw);
string_newtype!(Digest, s => |s| {
    let ok = s.strip_prefix("blake3:").is_some_and(|h| h.len() == 64 && h.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b)));
    if ok { Ok(Digest(s)) } else { Err(format!("invalid digest {s:?}: must be blake3:<64 lowercase hex>")) }
}, |v| &v.0);
string_newtype!(ZoneName, s => |s| {
    if jiff::tz::db().get(&s).is_ok() { Ok(ZoneName(s)) } else { Err(format!("unknown time zone {s:?}")) }
}, |v| &v.0);

impl Time {
    /// Builds a time from its text (used by tests and the demo builder).
    pub fn parse(s: &str) -> Result<Time, String> {
        Instant::parse(s)
            .map(|at| Time {
                raw: s.to_owned(),
                at,
            })
            .map_err(|e| e.to_string())
    }
}

// ---------------------------------------------------------------------------------------------
// Enumerations
// ---------------------------------------------------------------------------------------------

macro_rules! snake_enum {
    ($(#[$m:meta])* $name:ident { $($variant:ident = $text:literal),+ $(,)? }) => {
        $(#[$m])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        pub enum $name { $(#[serde(rename = $text)] $variant),+ }
        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];
            pub fn as_str(self) -> &'static str { match self { $($name::$variant => $text),+ } }
        }
        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result { f.write_str(self.as_str()) }
        }
    };
}

snake_enum!(
    /// A key's role (contract §4).
    Role { Admin = "admin", Secretariat = "secretariat", BureauMember = "bureau_member", Party = "party" }
);
snake_enum!(
    /// The five UN regional groups.
    Region {
        African = "african",
        AsiaPacific = "asia_pacific",
        EasternEuropean = "eastern_european",
        LatinAmericanCaribbean = "latin_american_caribbean",
        WesternEuropeanOthers = "western_european_others",
    }
);
snake_enum!(
    /// Kinds of body; the first two are governed by para 1, `bureau` by para 6, the rest by para 5.
    BodyKind {
        CopMop = "cop_mop",
        SubsidiaryBody = "subsidiary_body",
        ExpertGroup = "expert_group",
        AdvisoryGroup = "advisory_group",
        ComplianceCommittee = "compliance_committee",
        LiaisonGroup = "liaison_group",
        OtherLimitedMembership = "other_limited_membership",
        Bureau = "bureau",
    }
);
snake_enum!(MemberRole { President = "president", VicePresident = "vice_president" });
snake_enum!(ConsultationKind { Parties = "parties", Regional = "regional" });
snake_enum!(
    /// What a consultation or Bureau decision is about.
    SubjectKind {
        VirtualMode = "virtual_mode",
        SilenceProcedure = "silence_procedure",
        ExtraordinaryMeeting = "extraordinary_meeting",
        Postpone = "postpone",
        Other = "other",
    }
);
snake_enum!(Position { Support = "support", Object = "object", Comment = "comment" });
snake_enum!(DecisionMethod { InMeeting = "in_meeting", Electronic = "electronic" });
snake_enum!(MeetingKind { Ordinary = "ordinary", Extraordinary = "extraordinary" });
snake_enum!(Mode { InPerson = "in_person", Online = "online", Hybrid = "hybrid" });
snake_enum!(BasisKind { PartyRequest = "party_request", Decision = "decision" });
snake_enum!(PreparedBy { Secretariat = "secretariat", PresidingOfficer = "presiding_officer" });
snake_enum!(AvailableTo { AllParties = "all_parties", Limited = "limited" });
snake_enum!(TrainingKind { Training = "training", ConnectivityTest = "connectivity_test" });
snake_enum!(SupportKind { Connectivity = "connectivity", CountryOfficeFacility = "country_office_facility" });
snake_enum!(WebcastAccess { Public = "public", RegisteredDelegates = "registered_delegates" });
snake_enum!(
    /// The category of a decision; only the two procedural-or-budget ones may be taken online.
    Category {
        Substantive = "substantive",
        Budgetary = "budgetary",
        ProceduralSecretariat = "procedural_secretariat",
        ProceduralOther = "procedural_other",
    }
);
snake_enum!(AdoptionMethod { Consensus = "consensus", Vote = "vote", Silence = "silence" });
snake_enum!(ObjectionKind { Objection = "objection", Amendment = "amendment", Comment = "comment" });
snake_enum!(ReceivedVia { Signed = "signed", Email = "email", NoteVerbale = "note_verbale" });
snake_enum!(Outcome { Adopted = "adopted", Broken = "broken" });

// ---------------------------------------------------------------------------------------------
// Event data, one struct per type of §5
// ---------------------------------------------------------------------------------------------

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Genesis {
    pub origin: Text,
    pub log_vkey: Text,
    pub admin_vkey: Text,
    pub rules: Text,
    pub created_at: Time,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KeyRegistered {
    pub vkey: Text,
    pub role: Role,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub party_id: Option<Id>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bureau_id: Option<Id>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub member_id: Option<Id>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<Text>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KeyRevoked {
    pub key_id: Id,
    pub reason: Text,
    pub effective_at: Time,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PartyRegistered {
    pub party_id: Id,
    pub name: Text,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<Region>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub protocol_party_since: Option<DateField>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub withdrawn_on: Option<DateField>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PartyUpdated {
    pub party_id: Id,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub protocol_party_since: Option<DateField>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub withdrawn_on: Option<DateField>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BodyRegistered {
    pub body_id: Id,
    pub name: Text,
    pub kind: BodyKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent_id: Option<Id>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mandate_ref: Option<Text>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Member {
    pub member_id: Id,
    pub party_id: Id,
    pub name: Text,
    pub role: MemberRole,
    pub rapporteur: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<Region>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BureauElected {
    pub bureau_id: Id,
    pub of_body_id: Id,
    pub term_start: DateField,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub term_end: Option<DateField>,
    pub members: Vec<Member>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BureauMemberSubstituted {
    pub bureau_id: Id,
    pub replaced_member_id: Id,
    pub substitute: Member,
    pub at: Time,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BureauTermExtended {
    pub bureau_id: Id,
    pub new_term_end: DateField,
    pub reason: Text,
}

/// What a consultation or a Bureau decision is about. Nothing inside is resolved (contract §5.6).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Subject {
    pub kind: SubjectKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub meeting_id: Option<Id>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub procedure_id: Option<Id>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConsultationOpened {
    pub consultation_id: Id,
    pub kind: ConsultationKind,
    pub subject: Subject,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<Region>,
    pub opened_at: Time,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub closes_at: Option<Time>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConsultationResponse {
    pub consultation_id: Id,
    pub party_id: Id,
    pub position: Position,
    pub responded_at: Time,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text_digest: Option<Digest>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConsultationClosed {
    pub consultation_id: Id,
    pub closed_at: Time,
    pub summary: Text,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary_digest: Option<Digest>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExceptionalCircumstances {
    pub statement: Text,
    pub prolonged: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BureauDecision {
    pub decision_id: Id,
    pub bureau_id: Id,
    pub subject: Subject,
    pub decided_at: Time,
    pub method: DecisionMethod,
    pub consultation_ids: Vec<Id>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exceptional_circumstances: Option<ExceptionalCircumstances>,
    pub members_participating: Vec<Id>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text_digest: Option<Digest>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExtraordinaryRequested {
    pub request_id: Id,
    pub party_id: Id,
    pub items: Vec<Text>,
    pub communicated_at: Time,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExtraordinarySupported {
    pub request_id: Id,
    pub party_id: Id,
    pub supported_at: Time,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Basis {
    pub kind: BasisKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request_id: Option<Id>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decision_ref: Option<Text>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MeetingConvened {
    pub meeting_id: Id,
    pub body_id: Id,
    pub title: Text,
    pub kind: MeetingKind,
    pub mode: Mode,
    pub opens_on: DateField,
    pub closes_on: DateField,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference_tz: Option<ZoneName>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub basis: Option<Basis>,
}

/// The Secretariat's seat, the default reference zone of a meeting.
pub const DEFAULT_REFERENCE_TZ: &str = "America/Montreal";

impl MeetingConvened {
    pub fn reference_tz(&self) -> &str {
        self.reference_tz
            .as_ref()
            .map_or(DEFAULT_REFERENCE_TZ, ZoneName::as_str)
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScenarioNotePublished {
    pub note_id: Id,
    pub meeting_id: Id,
    pub prepared_by: PreparedBy,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bureau_consulted_id: Option<Id>,
    pub available_to: AvailableTo,
    pub published_at: Time,
    pub document_digest: Digest,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TrainingHeld {
    pub training_id: Id,
    pub meeting_id: Id,
    pub kind: TrainingKind,
    pub starts_at: Time,
    pub ends_at: Time,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SupportRequested {
    pub request_id: Id,
    pub meeting_id: Id,
    pub party_id: Id,
    pub kind: SupportKind,
    pub requested_at: Time,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SupportProvided {
    pub request_id: Id,
    pub provided_at: Time,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<Text>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SessionHeld {
    pub session_id: Id,
    pub meeting_id: Id,
    pub mode: Mode,
    pub started_at: Time,
    pub ended_at: Time,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WebcastRecorded {
    pub session_id: Id,
    pub started_at: Time,
    pub ended_at: Time,
    pub access: WebcastAccess,
}

/// Where a decision was taken: exactly one of a session or a silence procedure.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Via {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub session_id: Option<Id>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub procedure_id: Option<Id>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DecisionAdopted {
    pub decision_id: Id,
    pub meeting_id: Id,
    pub title: Text,
    pub category: Category,
    pub via: Via,
    pub method: AdoptionMethod,
    pub adopted_at: Time,
    pub text_digest: Digest,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Draft {
    pub title: Text,
    pub category: Category,
    pub urgent: bool,
    pub text_digest: Digest,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SilenceOpened {
    pub procedure_id: Id,
    pub meeting_id: Id,
    pub bureau_decision_id: Id,
    pub draft: Draft,
    pub circulated_at: Time,
    pub deadline: Time,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SilenceObjection {
    pub procedure_id: Id,
    pub party_id: Id,
    pub kind: ObjectionKind,
    pub received_at: Time,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text_digest: Option<Digest>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub received_via: Option<ReceivedVia>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SilenceResumed {
    pub procedure_id: Id,
    pub circulated_at: Time,
    pub deadline: Time,
    pub text_digest: Digest,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SilenceConcluded {
    pub procedure_id: Id,
    pub outcome: Outcome,
    pub concluded_at: Time,
}

macro_rules! catalogue {
    ($($variant:ident($t:ty) = $name:literal),+ $(,)?) => {
        /// The data of an event, by type.
        #[derive(Clone, Debug, PartialEq)]
        pub enum EventData { $($variant($t)),+ }

        /// Every event type of contract §5, in catalogue order.
        pub const EVENT_TYPES: &[&str] = &[$($name),+];

        impl EventData {
            pub fn type_name(&self) -> &'static str {
                match self { $(EventData::$variant(_) => $name),+ }
            }
            /// Parses `data` for the named type; `Err(None)` for an unknown type.
            pub fn parse(type_name: &str, data: Value) -> Result<EventData, Option<String>> {
                match type_name {
                    $($name => typed::<$t>(data, "/data").map(EventData::$variant).map_err(Some),)+
                    _ => Err(None),
                }
            }
            pub fn to_value(&self) -> Value {
                match self { $(EventData::$variant(d) => serde_json::to_value(d).unwrap_or(Value::Null)),+ }
            }
        }
    };
}

catalogue! {
    Genesis(Genesis) = "ledger.genesis",
    KeyRegistered(KeyRegistered) = "key.registered",
    KeyRevoked(KeyRevoked) = "key.revoked",
    PartyRegistered(PartyRegistered) = "party.registered",
    PartyUpdated(PartyUpdated) = "party.updated",
    BodyRegistered(BodyRegistered) = "body.registered",
    BureauElected(BureauElected) = "bureau.elected",
    BureauMemberSubstituted(BureauMemberSubstituted) = "bureau.member_substituted",
    BureauTermExtended(BureauTermExtended) = "bureau.term_extended",
    ConsultationOpened(ConsultationOpened) = "consultation.opened",
    ConsultationResponse(ConsultationResponse) = "consultation.response",
    ConsultationClosed(ConsultationClosed) = "consultation.closed",
    BureauDecision(BureauDecision) = "bureau.decision",
    ExtraordinaryRequested(ExtraordinaryRequested) = "extraordinary.requested",
    ExtraordinarySupported(ExtraordinarySupported) = "extraordinary.supported",
    MeetingConvened(MeetingConvened) = "meeting.convened",
    ScenarioNotePublished(ScenarioNotePublished) = "scenario_note.published",
    TrainingHeld(TrainingHeld) = "training.held",
    SupportRequested(SupportRequested) = "support.requested",
    SupportProvided(SupportProvided) = "support.provided",
    SessionHeld(SessionHeld) = "session.held",
    WebcastRecorded(WebcastRecorded) = "webcast.recorded",
    DecisionAdopted(DecisionAdopted) = "decision.adopted",
    SilenceOpened(SilenceOpened) = "silence.opened",
    SilenceObjection(SilenceObjection) = "silence.objection",
    SilenceResumed(SilenceResumed) = "silence.resumed",
    SilenceConcluded(SilenceConcluded) = "silence.concluded",
}

/// Deserializes a value into `T`; the error starts with the JSON pointer of the offending field.
pub fn typed<T: serde::de::DeserializeOwned>(value: Value, base: &str) -> Result<T, String> {
    serde_path_to_error::deserialize::<_, T>(value).map_err(|e| {
        let mut pointer = base.to_string();
        for seg in e.path().iter() {
            match seg {
                serde_path_to_error::Segment::Seq { index } => {
                    pointer.push_str(&format!("/{index}"))
                }
                serde_path_to_error::Segment::Map { key } => pointer.push_str(&format!("/{key}")),
                serde_path_to_error::Segment::Enum { variant } => {
                    pointer.push_str(&format!("/{variant}"))
                }
                serde_path_to_error::Segment::Unknown => {}
            }
        }
        if pointer.is_empty() {
            pointer.push('/');
        }
        format!("{pointer}: {}", e.into_inner())
    })
}

/// An event as submitted: the wrapper of contract §2 around typed data.
#[derive(Clone, Debug, PartialEq)]
pub struct Event {
    pub id: Id,
    pub stream: Option<Id>,
    pub expected_version: Option<u64>,
    pub data: EventData,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Wrapper {
    id: Id,
    #[serde(rename = "type")]
    kind: String,
    #[serde(default)]
    stream: Option<Id>,
    #[serde(default)]
    expected_version: Option<u64>,
    data: Value,
}

impl Event {
    /// Types the wrapper and its data. The error is a sentence naming the field.
    pub fn from_value(v: Value) -> Result<Event, String> {
        let w: Wrapper = typed(v, "")?;
        if w.expected_version.is_some() && w.stream.is_none() {
            return Err("event: expected_version is only allowed with stream".into());
        }
        let data = EventData::parse(&w.kind, w.data).map_err(|e| match e {
            Some(msg) => format!("{msg} (in a {} event)", w.kind),
            None => format!(
                "/type: {:?} is not an event type of the catalogue (one of {})",
                w.kind,
                EVENT_TYPES.join(", ")
            ),
        })?;
        Ok(Event {
            id: w.id,
            stream: w.stream,
            expected_version: w.expected_version,
            data,
        })
    }

    /// The event as a JSON object (for building payloads in tests and the demo).
    pub fn to_value(&self) -> Value {
        let mut m = serde_json::Map::new();
        m.insert("id".into(), Value::String(self.id.to_string()));
        m.insert("type".into(), Value::String(self.data.type_name().into()));
        if let Some(s) = &self.stream {
            m.insert("stream".into(), Value::String(s.to_string()));
        }
        if let Some(v) = self.expected_version {
            m.insert("expected_version".into(), Value::from(v));
        }
        m.insert("data".into(), self.data.to_value());
        Value::Object(m)
    }
}
