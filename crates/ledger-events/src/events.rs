//! The event catalogue of contract §5 as serde types. Every struct refuses unknown fields, every
//! string that names something is an [`Id`], every free text a non-empty [`Text`], every time an
//! RFC 3339 [`Time`] kept with its original spelling. Parsing an event is [`Event::from_json`].

use crate::time::{Date, Instant};
use schemars::{JsonSchema, Schema, SchemaGenerator};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::Value;
use std::borrow::Cow;
use std::fmt;

// ---------------------------------------------------------------------------------------------
// Scalar newtypes
// ---------------------------------------------------------------------------------------------

/// An identifier: 1–128 bytes of printable ASCII (0x20–0x7E), unique per kind of thing it names
/// (contract §2, §5).
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Id(String);

/// Why a text is not an [`Id`].
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum IdError {
    #[error("must be 1-128 bytes, got {len}")]
    Length { len: usize },
    #[error("must be printable ASCII")]
    NotPrintable,
}

impl Id {
    pub fn new(s: &str) -> Result<Id, IdError> {
        if s.is_empty() || s.len() > 128 {
            return Err(IdError::Length { len: s.len() });
        }
        if !s.bytes().all(|b| (0x20..=0x7e).contains(&b)) {
            return Err(IdError::NotPrintable);
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

/// A free text; strings may not be empty (contract §5).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Text(String);

impl Text {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A business time: RFC 3339 with upper-case `T` and `Z` or a numeric offset, any number of
/// fractional digits, no leap second (`:60`); kept exactly as written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Time {
    /// The time exactly as written in the event.
    raw: String,
    /// The instant the time denotes.
    pub at: Instant,
}

impl Time {
    pub fn as_str(&self) -> &str {
        &self.raw
    }
}

/// A date `YYYY-MM-DD` standing for the whole UTC day D, i.e. [D 00:00Z, D+1 00:00Z) (rules.md §6);
/// kept exactly as written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DateField {
    /// The date exactly as written in the event.
    raw: String,
    /// The UTC day the date denotes.
    pub day: Date,
}

impl DateField {
    /// The date exactly as written in the event.
    pub fn as_str(&self) -> &str {
        &self.raw
    }
}

/// `blake3:<64 lowercase hex>`: the BLAKE3-256 digest of a document kept outside the log (a
/// scenario note, a decision text, a summary).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Digest(String);

impl Digest {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// An IANA time-zone name such as `America/Montreal`; an unknown zone is refused (422).
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

/// JSON Schemas of the scalar types, inlined where used so that errors point at the field.
macro_rules! scalar_schema {
    ($t:ty, $name:literal, $schema:tt) => {
        impl JsonSchema for $t {
            fn schema_name() -> Cow<'static, str> {
                $name.into()
            }
            fn inline_schema() -> bool {
                true
            }
            fn json_schema(_: &mut SchemaGenerator) -> Schema {
                schemars::json_schema!($schema)
            }
        }
    };
}

scalar_schema!(Id, "Id", {"type": "string", "minLength": 1, "maxLength": 128, "pattern": "^[ -~]{1,128}$",
    "description": "An identifier: 1-128 bytes of printable ASCII."});
scalar_schema!(Text, "Text", {"type": "string", "minLength": 1, "description": "Free text; may not be empty."});
scalar_schema!(Time, "Time", {"type": "string",
    "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]+)?(Z|[+-][0-9]{2}:[0-9]{2})$",
    "description": "An instant, RFC 3339 with an upper-case T and Z or a numeric offset, any number of fractional digits, no leap second."});
scalar_schema!(DateField, "Date", {"type": "string", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
    "description": "A calendar date YYYY-MM-DD, standing for the whole UTC day."});
scalar_schema!(Digest, "Digest", {"type": "string", "pattern": "^blake3:[0-9a-f]{64}$",
    "description": "blake3:<64 lowercase hex>, the BLAKE3-256 digest of a document kept outside the log."});
scalar_schema!(ZoneName, "ZoneName", {"type": "string", "minLength": 1,
    "description": "An IANA time-zone name, e.g. America/Montreal; an unknown zone is refused (422)."});

impl Time {
    /// Builds a time from its text (used by tests and the demo builder).
    pub fn parse(s: &str) -> Result<Time, crate::time::TimeError> {
        Instant::parse(s).map(|at| Time {
            raw: s.to_owned(),
            at,
        })
    }
}

// ---------------------------------------------------------------------------------------------
// Enumerations
// ---------------------------------------------------------------------------------------------

macro_rules! snake_enum {
    ($(#[$m:meta])* $name:ident { $($variant:ident = $text:literal),+ $(,)? }) => {
        $(#[$m])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, schemars::JsonSchema)]
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
    /// A key's role, which decides the event types it may submit (contract §4): `admin` (the
    /// ledger's operator), `secretariat`, `bureau_member` or `party`.
    Role { Admin = "admin", Secretariat = "secretariat", BureauMember = "bureau_member", Party = "party" }
);
snake_enum!(
    /// A UN regional group: the regions of Bureau seats (R.bureau_composition), regional
    /// consultations (para 3) and night-time burden (P7.time_zones).
    Region {
        African = "african",
        AsiaPacific = "asia_pacific",
        EasternEuropean = "eastern_european",
        LatinAmericanCaribbean = "latin_american_caribbean",
        WesternEuropeanOthers = "western_european_others",
    }
);
snake_enum!(
    /// Kinds of body; the first two are governed by para 1, `bureau` by para 6, the rest
    /// (limited-membership bodies) by para 5.
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
snake_enum!(
    /// A Bureau member's office: `president` or `vice_president`.
    MemberRole { President = "president", VicePresident = "vice_president" }
);
snake_enum!(
    /// `parties`: consultations among the Parties (para 2); `regional`: consultations between a
    /// Bureau member and its region (para 3).
    ConsultationKind { Parties = "parties", Regional = "regional" }
);
snake_enum!(
    /// What a consultation or Bureau decision is about: `virtual_mode` (para 2),
    /// `silence_procedure` (para 3), `extraordinary_meeting`, `postpone` or `other`.
    SubjectKind {
        VirtualMode = "virtual_mode",
        SilenceProcedure = "silence_procedure",
        ExtraordinaryMeeting = "extraordinary_meeting",
        Postpone = "postpone",
        Other = "other",
    }
);
snake_enum!(
    /// A Party's position in a consultation: `support`, `object` or `comment`.
    Position { Support = "support", Object = "object", Comment = "comment" }
);
snake_enum!(
    /// How a Bureau took a decision: `in_meeting` or `electronic`.
    DecisionMethod { InMeeting = "in_meeting", Electronic = "electronic" }
);
snake_enum!(
    /// `ordinary` or `extraordinary` meeting; an extraordinary one needs a basis
    /// (P3.extraordinary_basis).
    MeetingKind { Ordinary = "ordinary", Extraordinary = "extraordinary" }
);
snake_enum!(
    /// How a meeting is planned or a session held: `in_person`, `online` (interactive online
    /// participation) or `hybrid`.
    Mode { InPerson = "in_person", Online = "online", Hybrid = "hybrid" }
);
snake_enum!(
    /// The ground of an extraordinary meeting: `party_request` (a supported Party request) or
    /// `decision` (a decision of the body).
    BasisKind { PartyRequest = "party_request", Decision = "decision" }
);
snake_enum!(
    /// Who prepared a scenario note: `secretariat` (para 7(1)) or `presiding_officer` (advisory,
    /// P7.scenario_note).
    PreparedBy { Secretariat = "secretariat", PresidingOfficer = "presiding_officer" }
);
snake_enum!(
    /// To whom a scenario note was made available: `all_parties` (para 7(1)) or `limited`.
    AvailableTo { AllParties = "all_parties", Limited = "limited" }
);
snake_enum!(
    /// `training` or `connectivity_test`; both count for P7.participation_support.
    TrainingKind { Training = "training", ConnectivityTest = "connectivity_test" }
);
snake_enum!(
    /// The help a Party asks for (para 7(4)): `connectivity` or `country_office_facility` (use of a
    /// UN country office's facilities).
    SupportKind { Connectivity = "connectivity", CountryOfficeFacility = "country_office_facility" }
);
snake_enum!(
    /// Who could follow a webcast: `public` or `registered_delegates`; both satisfy P4.webcast
    /// (para 4).
    WebcastAccess { Public = "public", RegisteredDelegates = "registered_delegates" }
);
snake_enum!(
    /// A decision's category; only `budgetary` and `procedural_secretariat` (procedural matters
    /// that let the Secretariat function) may be taken online (P2.online_scope).
    Category {
        Substantive = "substantive",
        Budgetary = "budgetary",
        ProceduralSecretariat = "procedural_secretariat",
        ProceduralOther = "procedural_other",
    }
);
snake_enum!(
    /// How a decision was adopted: `consensus`, `vote` (R.consensus) or `silence`.
    AdoptionMethod { Consensus = "consensus", Vote = "vote", Silence = "silence" }
);
snake_enum!(
    /// What a Party sent under a silence procedure: an `objection` or `amendment` breaks silence, a
    /// `comment` does not (configurable).
    ObjectionKind { Objection = "objection", Amendment = "amendment", Comment = "comment" }
);
snake_enum!(
    /// How an objection recorded by the Secretariat reached it: `signed`, `email` or
    /// `note_verbale`.
    ReceivedVia { Signed = "signed", Email = "email", NoteVerbale = "note_verbale" }
);
snake_enum!(
    /// How a silence procedure ended: `adopted` (silence held) or `broken` (P3.silence_outcome).
    Outcome { Adopted = "adopted", Broken = "broken" }
);

// ---------------------------------------------------------------------------------------------
// Event data, one struct per type of §5
// ---------------------------------------------------------------------------------------------

/// Data of `ledger.genesis`, entry 0 and only entry 0: founds the ledger, naming its log key, its
/// first admin key and its rule set; signed only by that admin key.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Genesis {
    /// The checkpoint origin, which is also the log key's name (e.g. `ledger.example.org/cp-mop`):
    /// 1–64 characters of `[A-Za-z0-9._/-]`.
    pub origin: Text,
    /// The log key as a signed-note verifier key `<name>+<keyhash>+<base64>`, named `origin`; it
    /// signs checkpoints only, never events.
    pub log_vkey: Text,
    /// The first admin key, as a signed-note verifier key; registered by this entry, it alone signs
    /// the genesis entry.
    pub admin_vkey: Text,
    /// The rule set the ledger applies (`CP-11/4`).
    pub rules: Text,
    /// When the ledger was created (RFC 3339 time).
    pub created_at: Time,
}

/// Data of `key.registered` (admin only): a key that may sign events from the next entry on, with
/// the role that decides which event types it may submit (contract §4).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct KeyRegistered {
    /// The key as a signed-note verifier key `<name>+<keyhash>+<base64(0x01 || public key)>`; its
    /// key id `<name>+<keyhash>` must not be registered already (else 409).
    pub vkey: Text,
    /// The key's role: `party` needs `party_id`, `bureau_member` needs `bureau_id` and `member_id`,
    /// `admin` and `secretariat` take no binding.
    pub role: Role,
    /// For a `party` key only: the Party it speaks for; must name a Party registered earlier in the
    /// log.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub party_id: Option<Id>,
    /// For a `bureau_member` key only: its holder's Bureau; must name a Bureau elected earlier in
    /// the log.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bureau_id: Option<Id>,
    /// For a `bureau_member` key only: its holder, a sitting member of `bureau_id`; the key loses
    /// its rights once that member is substituted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub member_id: Option<Id>,
    /// A free-text remark on the key, e.g. who holds it; no rule reads it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<Text>,
}

/// Data of `key.revoked` (admin only): envelopes signed by the key are refused from the next entry
/// on; entries already in the log stay valid.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct KeyRevoked {
    /// The key's id `<name>+<keyhash>`; must name a key registered earlier in the log (a key
    /// already revoked is 409).
    pub key_id: Id,
    /// Why the key is revoked (free text).
    pub reason: Text,
    /// The business time reported for the revocation (RFC 3339 time); the log position, not this
    /// time, decides which envelopes are refused.
    pub effective_at: Time,
}

/// Data of `party.registered`: a Party to the Convention. It counts where the Protocol's Parties
/// decide only while a Protocol Party (rules.md §0).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PartyRegistered {
    /// The Party's id, new among Parties (else 409); every other event names the Party by it.
    pub party_id: Id,
    /// The Party's name.
    pub name: Text,
    /// The Party's UN regional group; absent for a Party in no group (the European Union).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<Region>,
    /// Date (`YYYY-MM-DD`, whole UTC day) from which it is a Party to the Protocol; absent: a Party
    /// to the Convention only, which does not count.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub protocol_party_since: Option<DateField>,
    /// Date (`YYYY-MM-DD`) of its withdrawal: from that day on it no longer counts as a Protocol
    /// Party.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub withdrawn_on: Option<DateField>,
}

/// Data of `party.updated`: a later change of a Party's status (ratification, withdrawal); each
/// field given replaces the old value, a field left out keeps it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PartyUpdated {
    /// The Party; must name a Party registered earlier in the log.
    pub party_id: Id,
    /// New date (`YYYY-MM-DD`, whole UTC day) from which it is a Party to the Protocol.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub protocol_party_since: Option<DateField>,
    /// New date (`YYYY-MM-DD`) of its withdrawal: from that day on it no longer counts as a
    /// Protocol Party.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub withdrawn_on: Option<DateField>,
}

/// Data of `body.registered`: a body whose meetings or Bureau the ledger records; its kind decides
/// which paragraph of CP-11/4 governs its meetings.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct BodyRegistered {
    /// The body's id, new among bodies (else 409).
    pub body_id: Id,
    /// The body's name.
    pub name: Text,
    /// The kind of body: `cop_mop` and `subsidiary_body` fall under para 1, `bureau` under para 6,
    /// the others under para 5.
    pub kind: BodyKind,
    /// The body it reports to (e.g. a subsidiary body's COP-MOP); must name a body registered
    /// earlier. Its chain leads to the `cop_mop` whose Bureau decides.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent_id: Option<Id>,
    /// A reference to the body's mandate or terms of reference (free text); missing on a
    /// limited-membership body: advisory (P5.limited_membership).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mandate_ref: Option<Text>,
}

/// A seat on a Bureau, as elected or as taken by a substitute.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Member {
    /// The member's id, unique within the election; key bindings and `members_participating` name
    /// the member by it.
    pub member_id: Id,
    /// The Party the member represents; must name a Party registered earlier. R.bureau_composition
    /// wants a Protocol Party on the day the member is seated.
    pub party_id: Id,
    /// The member's personal name.
    pub name: Text,
    /// The member's office: `president` or `vice_president`.
    pub role: MemberRole,
    /// Whether the member also serves as Rapporteur; a Bureau has exactly one
    /// (R.bureau_composition).
    pub rapporteur: bool,
    /// The UN region whose seat the member holds (two Vice-Presidents per region); also the region
    /// whose `regional` consultations the member's key may open and close.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<Region>,
}

/// Data of `bureau.elected`: a Bureau elected for one term, with its members.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct BureauElected {
    /// The Bureau; must name a body of kind `bureau` registered earlier in the log.
    pub bureau_id: Id,
    /// The body whose Bureau this is; must name a body registered earlier. For a `cop_mop` body
    /// this is the COP-MOP Bureau of paras 2 and 3.
    pub of_body_id: Id,
    /// First day of the term (`YYYY-MM-DD`); R.bureau_composition wants every member's Party to be
    /// a Protocol Party on it.
    pub term_start: DateField,
    /// Last day of the term, inclusive (`YYYY-MM-DD`, not before `term_start`); absent: open-ended.
    /// `bureau.term_extended` may move it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub term_end: Option<DateField>,
    /// The members elected; a COP-MOP Bureau has one President and ten Vice-Presidents, two per UN
    /// region, one member being Rapporteur (R.bureau_composition).
    pub members: Vec<Member>,
}

/// Data of `bureau.member_substituted`: a sitting member is replaced (Protocol Art. 29(3)); the
/// replaced member loses its rights from this entry on.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct BureauMemberSubstituted {
    /// The Bureau; must name a Bureau elected earlier in the log.
    pub bureau_id: Id,
    /// The member who leaves; must name a sitting member of that Bureau.
    pub replaced_member_id: Id,
    /// The member who takes the seat: the replaced `member_id` or one not already seated, and a
    /// Party registered earlier.
    pub substitute: Member,
    /// When the substitute took the seat (RFC 3339 time); Bureau decisions taken after it count the
    /// substitute (R.bureau_composition).
    pub at: Time,
}

/// Data of `bureau.term_extended`: the end of a Bureau's current term is moved.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct BureauTermExtended {
    /// The Bureau; must name a Bureau elected earlier in the log.
    pub bureau_id: Id,
    /// The new last day of the term, inclusive (`YYYY-MM-DD`); replaces `term_end` of the Bureau's
    /// latest election.
    pub new_term_end: DateField,
    /// Why the term is extended (free text).
    pub reason: Text,
}

/// What a consultation or a Bureau decision is about. Its ids are not resolved: they may name a
/// meeting or procedure recorded later (contract §5.6).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Subject {
    /// The matter consulted on or decided.
    pub kind: SubjectKind,
    /// The meeting concerned (not resolved). P1 and P2 tie virtual-mode decisions and `parties`
    /// consultations to a meeting by it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub meeting_id: Option<Id>,
    /// The silence procedure concerned (not resolved); P3.silence_basis accepts a Bureau decision
    /// naming the procedure or its meeting.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub procedure_id: Option<Id>,
}

/// Data of `consultation.opened`: consultations among the Parties (para 2) or between a Bureau
/// member and its region (para 3) begin.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ConsultationOpened {
    /// The consultation's id, new among consultations (else 409).
    pub consultation_id: Id,
    /// `parties`: among the Parties (para 2); `regional`: a Bureau member with its region (para 3).
    pub kind: ConsultationKind,
    /// What is consulted on; P2 counts a `parties` consultation only if its `meeting_id` is the
    /// virtual-mode decision's meeting.
    pub subject: Subject,
    /// The region consulted; required when `kind` is `regional`. A Bureau member's key may open
    /// only a consultation of its own region.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<Region>,
    /// When the consultation opened (RFC 3339 time).
    pub opened_at: Time,
    /// The planned closing time (RFC 3339 time, after `opened_at`); a plan, not a fact: the close
    /// is `consultation.closed`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub closes_at: Option<Time>,
}

/// Data of `consultation.response`: a Party's answer in a consultation.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ConsultationResponse {
    /// The consultation; must name a consultation opened earlier in the log.
    pub consultation_id: Id,
    /// The Party answering; must name a Party registered earlier. Kept, but not counted unless a
    /// Protocol Party at `responded_at` (R.counted_parties).
    pub party_id: Id,
    /// The Party's position: `support`, `object` or `comment`.
    pub position: Position,
    /// When the Party answered (RFC 3339 time).
    pub responded_at: Time,
    /// The digest (`blake3:<64 hex>`) of the answer's text, kept outside the log.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text_digest: Option<Digest>,
}

/// Data of `consultation.closed`: the consultation ends; a Bureau decision may rest on it only if
/// it closed before the decision.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ConsultationClosed {
    /// The consultation; must name one opened earlier in the log and not yet closed (else 409).
    pub consultation_id: Id,
    /// When it closed (RFC 3339 time); P2 and P3 require it strictly before the `decided_at` of the
    /// Bureau decision citing it.
    pub closed_at: Time,
    /// A summary of what the consultation showed (free text).
    pub summary: Text,
    /// The digest (`blake3:<64 hex>`) of the full summary document, kept outside the log.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary_digest: Option<Digest>,
}

/// The Bureau's finding of exceptional circumstances that make in-person meetings impractical
/// (para 1); P1 and P3.silence_basis require it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ExceptionalCircumstances {
    /// The circumstances, as the Bureau states them (free text).
    pub statement: Text,
    /// Whether they make in-person meetings impractical for a prolonged period (para 1); `false` on
    /// a virtual-mode decision is advisory (P2.consult_then_decide).
    pub prolonged: bool,
}

/// Data of `bureau.decision`: a decision of a Bureau, such as the virtual-mode determination
/// (para 2) or the decision to use a silence procedure (para 3).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct BureauDecision {
    /// The Bureau decision's id, new among Bureau decisions (else 409).
    pub decision_id: Id,
    /// The deciding Bureau; must name a Bureau elected earlier. P2 and P3 require the COP-MOP
    /// Bureau in term at `decided_at`.
    pub bureau_id: Id,
    /// What is decided: `virtual_mode` feeds P1 and P2, `silence_procedure` feeds P3.silence_basis.
    pub subject: Subject,
    /// When the Bureau decided (RFC 3339 time): after every cited consultation closed, before the
    /// sessions (P1) or the silence draft (P3) it authorises.
    pub decided_at: Time,
    /// How the Bureau decided: `in_meeting` or `electronic`.
    pub method: DecisionMethod,
    /// The consultations it rests on, each opened earlier in the log; P2 needs a `parties` one on
    /// the meeting, P3 `regional` ones for every region on the Bureau.
    pub consultation_ids: Vec<Id>,
    /// The exceptional circumstances found (para 1); required for virtual mode (P1) and for a
    /// silence procedure (P3.silence_basis).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exceptional_circumstances: Option<ExceptionalCircumstances>,
    /// The `member_id`s of the Bureau members who took part; each must name a member of this Bureau
    /// recorded earlier in the log.
    pub members_participating: Vec<Id>,
    /// The digest (`blake3:<64 hex>`) of the decision's text, kept outside the log.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text_digest: Option<Digest>,
}

/// Data of `extraordinary.requested`: a Party's written request for an extraordinary meeting
/// (rules of procedure, rule 4).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ExtraordinaryRequested {
    /// The request's id, new among extraordinary-meeting requests (a kind of id separate from
    /// support requests).
    pub request_id: Id,
    /// The requesting Party; must name a Party registered earlier. It counts as a supporter
    /// (P3.extraordinary_basis).
    pub party_id: Id,
    /// The agenda items the request proposes.
    pub items: Vec<Text>,
    /// When the request was communicated to the Parties (RFC 3339 time): opens the six-month
    /// support window; Protocol Parties are counted at it.
    pub communicated_at: Time,
}

/// Data of `extraordinary.supported`: a Party supports an extraordinary-meeting request.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ExtraordinarySupported {
    /// The request; must name an `extraordinary.requested` recorded earlier in the log.
    pub request_id: Id,
    /// The supporting Party; must name a Party registered earlier. Counted once, and only if a
    /// Protocol Party at `supported_at`.
    pub party_id: Id,
    /// When the support was given (RFC 3339 time); it counts within six calendar months of
    /// `communicated_at`.
    pub supported_at: Time,
}

/// The ground on which an extraordinary meeting is convened (P3.extraordinary_basis).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Basis {
    /// `party_request`: a Party's request supported by a third of the Protocol Parties; `decision`:
    /// a decision of the body.
    pub kind: BasisKind,
    /// With `party_request`: the request; must name an `extraordinary.requested` recorded earlier
    /// in the log.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request_id: Option<Id>,
    /// With `decision`: the symbol of the decision that convened the meeting (free text, not
    /// resolved).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decision_ref: Option<Text>,
}

/// Data of `meeting.convened`: a meeting of a body is convened, with its planned mode and dates.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MeetingConvened {
    /// The meeting's id, new among meetings (else 409).
    pub meeting_id: Id,
    /// The body that meets; must name a body registered earlier. Its kind decides whether para 1, 5
    /// or 6 applies.
    pub body_id: Id,
    /// The meeting's title.
    pub title: Text,
    /// `ordinary` or `extraordinary`; a silence procedure needs an `extraordinary` meeting
    /// (P3.silence_basis).
    pub kind: MeetingKind,
    /// The planned mode: `in_person`, `online` or `hybrid`; `online` and `hybrid` make it an online
    /// meeting.
    pub mode: Mode,
    /// The meeting's first day (`YYYY-MM-DD`).
    pub opens_on: DateField,
    /// The meeting's last day (`YYYY-MM-DD`, not before `opens_on`); support asked late is due by
    /// its end (P7.participation_support).
    pub closes_on: DateField,
    /// The IANA zone in which the meeting's calendar days are counted (P7.session_length,
    /// P7.time_zones); default `America/Montreal`, the Secretariat's seat.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference_tz: Option<ZoneName>,
    /// Why the meeting is convened; an `extraordinary` meeting without one is a violation
    /// (P3.extraordinary_basis).
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

/// Data of `scenario_note.published`: the scenario note setting out an online meeting's operational
/// modalities (para 7(1), P7.scenario_note).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ScenarioNotePublished {
    /// The note's id, new among scenario notes (else 409).
    pub note_id: Id,
    /// The meeting it is for; must name a meeting convened earlier in the log.
    pub meeting_id: Id,
    /// Who prepared it: `secretariat`, as para 7(1) says, or `presiding_officer` (advisory).
    pub prepared_by: PreparedBy,
    /// The Bureau consulted on the note; must name a body of kind `bureau` registered earlier.
    /// Absent: no Bureau consulted (P7.scenario_note).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bureau_consulted_id: Option<Id>,
    /// To whom it was made available: `all_parties`, as P7.scenario_note requires, or `limited`.
    pub available_to: AvailableTo,
    /// When it was made available (RFC 3339 time); P7.scenario_note requires it before the
    /// meeting's first session starts.
    pub published_at: Time,
    /// The digest (`blake3:<64 hex>`) of the note itself, kept outside the log.
    pub document_digest: Digest,
}

/// Data of `training.held`: training or a connectivity test ahead of an online meeting (para 7(4),
/// P7.participation_support).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TrainingHeld {
    /// The training's id, new among trainings (else 409).
    pub training_id: Id,
    /// The meeting it prepares; must name a meeting convened earlier in the log.
    pub meeting_id: Id,
    /// `training` or `connectivity_test`; both count.
    pub kind: TrainingKind,
    /// When it started (RFC 3339 time); counts if before the first session, and trainings should
    /// start at two or more distinct UTC hours.
    pub starts_at: Time,
    /// When it ended (RFC 3339 time, after `starts_at`).
    pub ends_at: Time,
}

/// Data of `support.requested`: a Party asks for help to take part in an online meeting
/// (para 7(4)).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SupportRequested {
    /// The request's id, new among support requests (a kind of id separate from
    /// extraordinary-meeting requests).
    pub request_id: Id,
    /// The meeting; must name a meeting convened earlier in the log.
    pub meeting_id: Id,
    /// The Party asking; must name a Party registered earlier in the log.
    pub party_id: Id,
    /// `connectivity` (help with connectivity problems) or `country_office_facility` (use of a UN
    /// country office's facilities).
    pub kind: SupportKind,
    /// When the Party asked (RFC 3339 time).
    pub requested_at: Time,
}

/// Data of `support.provided`: the help asked for in a support request was given.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SupportProvided {
    /// The support request; must name a `support.requested` recorded earlier in the log.
    pub request_id: Id,
    /// When the help was given (RFC 3339 time); due before the first session, or before the meeting
    /// ends if asked later.
    pub provided_at: Time,
    /// What was provided (free text).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<Text>,
}

/// Data of `session.held`: a session of a meeting took place.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SessionHeld {
    /// The session's id, new among sessions (else 409).
    pub session_id: Id,
    /// The meeting; must name a meeting convened earlier in the log.
    pub meeting_id: Id,
    /// How the session was actually held; an `online` (by default also `hybrid`) session is online
    /// for P1 and P2.online_scope.
    pub mode: Mode,
    /// When the session started (RFC 3339 time); P1, P4 and P7 measure from it.
    pub started_at: Time,
    /// When the session ended (RFC 3339 time, after `started_at`).
    pub ended_at: Time,
}

/// Data of `webcast.recorded`: a webcast of (part of) a session; together a session's webcasts must
/// cover it to within 5 minutes of each end (para 4, P4.webcast).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct WebcastRecorded {
    /// The session that was webcast; must name a session recorded earlier in the log.
    pub session_id: Id,
    /// When the webcast started (RFC 3339 time).
    pub started_at: Time,
    /// When the webcast ended (RFC 3339 time, after `started_at`).
    pub ended_at: Time,
    /// Who could follow it: `public` or `registered_delegates`; both satisfy P4.webcast.
    pub access: WebcastAccess,
}

/// Where a decision was taken: exactly one of a session or a silence procedure.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Via {
    /// The session that adopted it; must name a session of the same meeting recorded earlier in the
    /// log.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub session_id: Option<Id>,
    /// The silence procedure that adopted it; must name a procedure of the same meeting opened
    /// earlier in the log.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub procedure_id: Option<Id>,
}

/// Data of `decision.adopted`: a decision adopted at a meeting; each gets a verdict
/// (`within_scope`, `out_of_scope` or `in_person`, contract §6).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DecisionAdopted {
    /// The decision's id (e.g. its symbol), new among adopted decisions (else 409).
    pub decision_id: Id,
    /// The meeting that adopted it; must name a meeting convened earlier in the log.
    pub meeting_id: Id,
    /// The decision's title.
    pub title: Text,
    /// Its category, as stated by whoever records it; online only `budgetary` and
    /// `procedural_secretariat` are allowed (P2.online_scope).
    pub category: Category,
    /// The session or silence procedure in which it was adopted.
    pub via: Via,
    /// How it was adopted: `consensus`, `vote` (a violation for a substantive decision,
    /// R.consensus) or `silence`.
    pub method: AdoptionMethod,
    /// When it was adopted (RFC 3339 time); before 2024-11-01T00:00Z the rules apply
    /// retrospectively (L.retrospective).
    pub adopted_at: Time,
    /// The digest (`blake3:<64 hex>`) of the adopted text; via silence it must be the text that
    /// passed (P3.silence_outcome).
    pub text_digest: Digest,
}

/// The draft decision circulated under a silence procedure.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Draft {
    /// The draft decision's title.
    pub title: Text,
    /// Its category; a decision adopted through the procedure must have the same
    /// (P3.silence_outcome).
    pub category: Category,
    /// Whether the decision is urgent, as para 3 expects; `false` is advisory (P3.urgency).
    pub urgent: bool,
    /// The digest (`blake3:<64 hex>`) of the draft text circulated in the first round.
    pub text_digest: Digest,
}

/// Data of `silence.opened`: a draft is circulated under a silence procedure (para 3); this opens
/// round 1.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SilenceOpened {
    /// The procedure's id, new among silence procedures (else 409).
    pub procedure_id: Id,
    /// The meeting the procedure belongs to (P3.silence_basis wants an `extraordinary` one); must
    /// name a meeting convened earlier in the log.
    pub meeting_id: Id,
    /// The Bureau decision authorising the procedure; must name a `bureau.decision` recorded
    /// earlier (checked by P3.silence_basis).
    pub bureau_decision_id: Id,
    /// The draft decision circulated.
    pub draft: Draft,
    /// When the draft was circulated (RFC 3339 time): the start of round 1, which must follow the
    /// Bureau decision.
    pub circulated_at: Time,
    /// The end of round 1 (RFC 3339 time, after `circulated_at`); a plan, not a fact. Only
    /// objections received strictly before it count.
    pub deadline: Time,
}

/// Data of `silence.objection`: a Party's objection, amendment or comment during a silence
/// procedure.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SilenceObjection {
    /// The procedure; must name a silence procedure opened earlier in the log.
    pub procedure_id: Id,
    /// The Party; must name a Party registered earlier. It breaks silence only if a Protocol Party
    /// at `received_at`.
    pub party_id: Id,
    /// `objection` and `amendment` break silence; `comment` does not (configurable).
    pub kind: ObjectionKind,
    /// When it was received (RFC 3339 time); it counts only inside a round, from `circulated_at` to
    /// strictly before `deadline`.
    pub received_at: Time,
    /// The digest (`blake3:<64 hex>`) of its text, kept outside the log.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text_digest: Option<Digest>,
    /// How an objection recorded by the Secretariat reached it: `signed`, `email` or
    /// `note_verbale`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub received_via: Option<ReceivedVia>,
}

/// Data of `silence.resumed`: a new round of the procedure, with its own deadline and text.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SilenceResumed {
    /// The procedure; must name a silence procedure opened earlier in the log.
    pub procedure_id: Id,
    /// When the round's text was circulated (RFC 3339 time): the start of the round.
    pub circulated_at: Time,
    /// The end of the round (RFC 3339 time, after `circulated_at`); a plan, not a fact. Only
    /// objections received strictly before it count.
    pub deadline: Time,
    /// The digest (`blake3:<64 hex>`) of the text circulated in this round.
    pub text_digest: Digest,
}

/// Data of `silence.concluded`: the procedure is concluded, closing its rounds so far.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SilenceConcluded {
    /// The procedure; must name a silence procedure opened earlier in the log.
    pub procedure_id: Id,
    /// `adopted` (silence held) or `broken`; checked against the last round (P3.silence_outcome).
    pub outcome: Outcome,
    /// When it was concluded (RFC 3339 time); `adopted` before the last round's deadline is a
    /// violation (P3.silence_outcome).
    pub concluded_at: Time,
}

/// Data of `period.closed` (contract §5.7): the Secretariat's completeness statement. *The log
/// now holds every meeting, silence procedure, decision and Bureau decision of the period, and
/// there were exactly this many.* Checked when recorded (L.period_counts) and against every entry
/// recorded after it (L.after_close).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PeriodClosed {
    /// The statement's id, new among completeness statements (else 409).
    pub period_id: Id,
    /// The body whose record is stated complete; must name a body registered earlier. Absent:
    /// every body. With it: the meetings of exactly that body (not of bodies below it), their
    /// silence procedures and decisions, and the decisions of Bureaus elected for that body.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body_id: Option<Id>,
    /// The period's first day (`YYYY-MM-DD`, a whole UTC day).
    pub from: DateField,
    /// The period's last day (`YYYY-MM-DD`, not before `from`).
    pub to: DateField,
    /// How many of each the period held.
    pub counts: PeriodCounts,
    /// When the statement was made (RFC 3339 time), not before the end of the day `to`.
    pub closed_at: Time,
    /// The digest (`blake3:<64 hex>`) of the report behind the statement, kept outside the log.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub report_digest: Option<Digest>,
    /// The statement in words.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub statement: Option<Text>,
}

/// The counts a completeness statement states (and the ledger finds).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PeriodCounts {
    /// `meeting.convened` with `opens_on` in the period.
    pub meetings: u64,
    /// `silence.opened` with `circulated_at` in the period (its UTC date).
    pub silence_procedures: u64,
    /// `decision.adopted` with `adopted_at` in the period (its UTC date).
    pub decisions: u64,
    /// `bureau.decision` with `decided_at` in the period (its UTC date).
    pub bureau_decisions: u64,
}

macro_rules! catalogue {
    ($($variant:ident($t:ty) = $name:literal),+ $(,)?) => {
        /// The data of an event, one type of contract §5, chosen by the event's `type`.
        #[derive(Clone, Debug, PartialEq)]
        pub enum EventData { $($variant($t)),+ }

        /// Every event type of contract §5, in catalogue order.
        pub const EVENT_TYPES: &[&str] = &[$($name),+];

        /// The type of an event (contract §5), without its data: what the role table and
        /// the indexes of the log key on. Generated from the same catalogue as [`EventData`],
        /// so a type cannot be in one and not the other.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum EventType { $($variant),+ }

        impl EventType {
            /// Every type, in catalogue order.
            pub const ALL: &[EventType] = &[$(EventType::$variant),+];

            /// The type's wire name (`decision.adopted`).
            pub fn as_str(self) -> &'static str {
                match self { $(EventType::$variant => $name),+ }
            }

            /// The type of a wire name; `None` for a name outside the catalogue.
            pub fn parse(name: &str) -> Option<EventType> {
                match name { $($name => Some(EventType::$variant),)+ _ => None }
            }
        }

        impl fmt::Display for EventType {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl EventData {
            pub fn type_name(&self) -> &'static str {
                self.event_type().as_str()
            }
            pub fn event_type(&self) -> EventType {
                match self { $(EventData::$variant(_) => EventType::$variant),+ }
            }
            /// Parses `data` for the named type; `Err(None)` for an unknown type.
            pub fn parse(type_name: &str, data: Value) -> Result<EventData, Option<FieldError>> {
                match type_name {
                    $($name => typed::<$t>(data, "/data").map(EventData::$variant).map_err(Some),)+
                    _ => Err(None),
                }
            }
            /// Types `data` (JSON text) for the named type directly, without the intermediate value
            /// and JSON pointers of [`EventData::parse`]: for lines the log already holds.
            pub fn parse_trusted(type_name: &str, data: &str) -> Result<EventData, String> {
                match type_name {
                    $($name => serde_json::from_str::<$t>(data).map(EventData::$variant).map_err(|e| e.to_string()),)+
                    _ => Err(format!("{type_name:?} is not an event type of the catalogue")),
                }
            }
            /// The JSON Schema of `data` for the named type (generated from the Rust type).
            pub fn data_schema(type_name: &str) -> Option<Schema> {
                match type_name {
                    $($name => Some(schemars::schema_for!($t)),)+
                    _ => None,
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
    PeriodClosed(PeriodClosed) = "period.closed",
}

/// What is wrong with an event, and where: `pointer` is the JSON pointer (RFC 6901) of the
/// offending field when there is one (the 422 of contract §7 names it). Displayed as
/// `<pointer>: <message>`, or the message alone.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{}", match .pointer { Some(p) => format!("{p}: {}", .message), None => .message.clone() })]
pub struct FieldError {
    pub pointer: Option<String>,
    pub message: String,
}

impl FieldError {
    /// A problem with the field at `pointer`.
    pub fn at(pointer: impl Into<String>, message: impl Into<String>) -> FieldError {
        FieldError {
            pointer: Some(pointer.into()),
            message: message.into(),
        }
    }
    /// A problem with the event as a whole.
    pub fn whole(message: impl Into<String>) -> FieldError {
        FieldError {
            pointer: None,
            message: message.into(),
        }
    }
}

/// Deserializes a value into `T`; the error names the JSON pointer of the offending field.
pub fn typed<T: serde::de::DeserializeOwned>(value: Value, base: &str) -> Result<T, FieldError> {
    typed_ref(&value, base)
}

/// [`typed`] from a borrowed value. The common case (the value reads) takes the plain path;
/// only a value that does not read is read again with the path tracked, for the error's pointer.
pub fn typed_ref<T: serde::de::DeserializeOwned>(
    value: &Value,
    base: &str,
) -> Result<T, FieldError> {
    if let Ok(t) = T::deserialize(value) {
        return Ok(t);
    }
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
        FieldError::at(pointer, e.into_inner().to_string())
    })
}

/// An event as submitted: the wrapper of contract §2 around typed data.
#[derive(Clone, Debug, PartialEq)]
pub struct Event {
    /// The client-chosen event id, unique in the ledger and its idempotency key (1–128 printable
    /// ASCII; UUIDv7 recommended).
    pub id: Id,
    /// The stream the event counts in, a subject such as `meeting/<id>` (1–128 printable ASCII).
    pub stream: Option<Id>,
    /// Only with `stream`: how many events the stream must hold for the append to succeed
    /// (else 409).
    pub expected_version: Option<u64>,
    /// The event's type and its data (contract §5).
    pub data: EventData,
}

/// The event object of contract §2 as received, with its data not yet typed: a JSON value
/// (`D = Value`, for admission) or the data's JSON text (`D = &RawValue`, for replays).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Wrapper<D> {
    /// The client-chosen event id, unique in the ledger and its idempotency key.
    id: Id,
    /// The event type (`type`), one of the catalogue of contract §5.
    #[serde(rename = "type")]
    kind: String,
    /// The stream the event counts in, a subject such as `meeting/<id>`.
    #[serde(default)]
    stream: Option<Id>,
    /// Only with `stream`: how many events the stream must hold for the append to succeed
    /// (else 409).
    #[serde(default)]
    expected_version: Option<u64>,
    /// The event's data, which must match the schema of its `type`.
    data: D,
}

impl Event {
    /// Types a payload the log already holds (admission checked it in full, strictly) in one
    /// pass, for replays; gives the same event as [`Event::from_value`] on the strict parse.
    pub fn parse_trusted(payload: &[u8]) -> Result<Event, String> {
        let w: Wrapper<&serde_json::value::RawValue> =
            serde_json::from_slice(payload).map_err(|e| e.to_string())?;
        let data = EventData::parse_trusted(&w.kind, w.data.get())?;
        Ok(Event {
            id: w.id,
            stream: w.stream,
            expected_version: w.expected_version,
            data,
        })
    }

    /// Types the wrapper and its data. The error is a sentence naming the field.
    pub fn from_value(v: Value) -> Result<Event, FieldError> {
        Self::from_value_ref(&v)
    }

    /// [`Event::from_value`] from a borrowed value.
    pub fn from_value_ref(v: &Value) -> Result<Event, FieldError> {
        let w: Wrapper<Value> = typed_ref(v, "")?;
        if w.expected_version.is_some() && w.stream.is_none() {
            return Err(FieldError::whole(
                "event: expected_version is only allowed with stream",
            ));
        }
        let data = EventData::parse(&w.kind, w.data).map_err(|e| match e {
            Some(FieldError { pointer, message }) => FieldError {
                pointer,
                message: format!("{message} (in a {} event)", w.kind),
            },
            None => FieldError::at(
                "/type",
                format!(
                    "{:?} is not an event type of the catalogue (one of {})",
                    w.kind,
                    EVENT_TYPES.join(", ")
                ),
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
