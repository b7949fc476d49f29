//! The admission rules of the log (contract §2, §4, §5): which envelopes may become entries, in
//! the order of contract §7, and the state those checks need. The server runs [`LedgerState::admit`]
//! before an append and the offline verifier runs the very same function on every entry of an
//! export, so the two can never disagree on what a valid log is.

use crate::idmap::IdMap;
use ledger_events::events::*;
use ledger_events::json::{parse_strict, StrictJsonError};
use ledger_events::time::Instant;
use ledger_events::FieldError;
use ledger_proof::{
    parse_key_id, verify_dsse_signature, Envelope, ProofError, VerifierKey, PAYLOAD_TYPE,
};
use serde_json::Value;
use std::collections::{HashMap, HashSet};

/// Why an envelope is refused. Each variant maps to one HTTP status of contract §7.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum Rejection {
    #[error("{0}")]
    Malformed(String),
    #[error("{0}")]
    Unauthenticated(String),
    #[error("{0}")]
    Forbidden(String),
    #[error("event id {id:?} is already stored at index {index} with a different payload")]
    IdConflict { id: String, index: u64 },
    #[error("{0}")]
    Conflict(String),
    #[error("stream {stream:?} has {actual} events, expected_version was {expected}")]
    VersionConflict {
        stream: String,
        expected: u64,
        actual: u64,
    },
    /// A schema or reference error (422); the field names the offending member by JSON pointer.
    #[error("{0}")]
    Invalid(FieldError),
    /// The entry line would be longer than a line may be (contract §3; 413).
    #[error("the entry line would be {length} bytes, more than the {max} a line may hold (contract §3)", max = ledger_proof::MAX_LINE)]
    LineTooLong { length: usize },
}

impl Rejection {
    /// The HTTP status of contract §7.
    pub fn status(&self) -> u16 {
        match self {
            Rejection::Malformed(_) => 400,
            Rejection::Unauthenticated(_) => 401,
            Rejection::Forbidden(_) => 403,
            Rejection::IdConflict { .. }
            | Rejection::Conflict(_)
            | Rejection::VersionConflict { .. } => 409,
            Rejection::Invalid(_) => 422,
            Rejection::LineTooLong { .. } => 413,
        }
    }
    /// A short title for problem+json.
    pub fn title(&self) -> &'static str {
        match self {
            Rejection::Malformed(_) => "malformed envelope or payload",
            Rejection::Unauthenticated(_) => "signature or key not accepted",
            Rejection::Forbidden(_) => "no signer may submit this event",
            Rejection::IdConflict { .. } => "event id already used",
            Rejection::Conflict(_) => "conflict with the log",
            Rejection::VersionConflict { .. } => "stream version conflict",
            Rejection::Invalid(_) => "event does not match its schema or references",
            Rejection::LineTooLong { .. } => "entry line too large",
        }
    }
}

/// A key registered in the log.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct KeyInfo {
    pub vkey: VerifierKey,
    pub role: Role,
    pub party_id: Option<Id>,
    pub bureau_id: Option<Id>,
    pub member_id: Option<Id>,
    pub registered_at: u64,
    pub revoked_at: Option<u64>,
}

/// A member seat of an elected Bureau as it stands now.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct MemberSeat {
    pub member: Member,
    pub active: bool,
}

#[derive(Clone, Debug, Default, serde::Serialize, serde::Deserialize)]
pub struct BureauSeats {
    /// Every member ever seated in the latest election or by substitution, by member id.
    pub members: HashMap<String, MemberSeat>,
    /// Member ids seen in any election of this Bureau (for resolving `members_participating`).
    pub ever: HashSet<String>,
}

#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct ConsultationInfo {
    pub kind: ConsultationKind,
    pub region: Option<Region>,
    pub closed: bool,
}

/// One entry of the log, typed.
#[derive(Clone, Debug)]
pub struct Recorded {
    pub index: u64,
    pub recorded_at: Instant,
    pub event: Event,
    /// Key ids of every signer, in envelope order.
    pub signers: Vec<String>,
}

/// An envelope that passed every check, ready to be written.
#[derive(Clone, Debug)]
pub struct Admitted {
    pub envelope: Envelope,
    pub payload: Vec<u8>,
    pub event: Event,
    pub signers: Vec<String>,
}

/// An envelope's checks that do not depend on the log, made ahead ([`LedgerState::prepare`]).
#[derive(Debug)]
pub struct Prepared {
    form: Result<Form, Rejection>,
    /// The length of the entry line, when the caller holds the line already (the verifier).
    line_len: Option<usize>,
}

impl Prepared {
    /// Says how long the entry line is (a verifier reading a canonical line knows it), so that
    /// admission need not render the line to measure it.
    pub fn with_line_len(mut self, len: usize) -> Prepared {
        self.line_len = Some(len);
        self
    }

    /// The payload bytes, when the envelope's form is sound.
    pub fn payload(&self) -> Option<&[u8]> {
        self.form.as_ref().ok().map(|f| f.payload.as_slice())
    }

    /// The verifier key this event registers (the genesis' admin key, or a `key.registered`'s),
    /// as text, if it is such an event and reads as one.
    pub fn registered_vkey(&self) -> Option<&str> {
        let event = self.form.as_ref().ok()?.typed.as_ref()?.as_ref().ok()?;
        match &event.data {
            EventData::Genesis(g) => Some(g.admin_vkey.as_str()),
            EventData::KeyRegistered(k) => Some(k.vkey.as_str()),
            _ => None,
        }
    }
}

#[derive(Debug)]
struct Form {
    payload: Vec<u8>,
    /// BLAKE3 of the payload bytes (idempotency).
    digest: [u8; 32],
    value: Value,
    /// The schema check and typed reading, when made ahead.
    typed: Option<Result<Event, Rejection>>,
}

/// The outcome of a successful admission check.
#[derive(Clone, Debug)]
pub enum Admission {
    /// A new event: write it.
    New(Box<Admitted>),
    /// The same event id with identical payload bytes is already at this index (idempotent repeat).
    Repeat { index: u64 },
}

/// Everything the admission checks need, folded from the entries so far.
#[derive(Clone, Debug, Default, serde::Serialize, serde::Deserialize)]
pub struct LedgerState {
    pub origin: Option<String>,
    pub log_key: Option<VerifierKey>,
    #[serde(deserialize_with = "ledger_events::presized::map")]
    pub keys: HashMap<String, KeyInfo>,
    /// Event id → (index, BLAKE3 of the payload bytes).
    event_ids: IdMap<(u64, [u8; 32])>,
    /// Stream → events in it.
    streams: IdMap<u64>,
    #[serde(deserialize_with = "ledger_events::presized::map")]
    pub parties: HashMap<String, u64>,
    #[serde(deserialize_with = "ledger_events::presized::map")]
    pub bodies: HashMap<String, BodyKind>,
    #[serde(deserialize_with = "ledger_events::presized::map")]
    pub bureaus: HashMap<String, BureauSeats>,
    #[serde(deserialize_with = "ledger_events::presized::map")]
    pub consultations: HashMap<String, ConsultationInfo>,
    #[serde(deserialize_with = "ledger_events::presized::set")]
    bureau_decisions: HashSet<String>,
    #[serde(deserialize_with = "ledger_events::presized::set")]
    extraordinary_requests: HashSet<String>,
    #[serde(deserialize_with = "ledger_events::presized::set")]
    support_requests: HashSet<String>,
    /// meeting id → body id
    #[serde(deserialize_with = "ledger_events::presized::map")]
    pub meetings: HashMap<String, String>,
    #[serde(deserialize_with = "ledger_events::presized::set")]
    notes: HashSet<String>,
    #[serde(deserialize_with = "ledger_events::presized::set")]
    trainings: HashSet<String>,
    /// session id → meeting id
    #[serde(deserialize_with = "ledger_events::presized::map")]
    sessions: HashMap<String, String>,
    #[serde(deserialize_with = "ledger_events::presized::set")]
    decisions: HashSet<String>,
    /// procedure id → meeting id
    #[serde(deserialize_with = "ledger_events::presized::map")]
    procedures: HashMap<String, String>,
    /// Completeness statements (contract §5.7), by id.
    #[serde(default, deserialize_with = "ledger_events::presized::set")]
    periods: HashSet<String>,
    /// Entries folded so far.
    size: u64,
}

/// A 422 naming the field at `pointer`.
fn invalid<T>(pointer: &str, msg: impl Into<String>) -> Result<T, Rejection> {
    Err(Rejection::Invalid(FieldError::at(pointer, msg)))
}

impl LedgerState {
    pub fn new() -> Self {
        Self::default()
    }

    /// Number of entries folded so far (the index the next entry gets).
    pub fn size(&self) -> u64 {
        self.size
    }

    /// The number of events in a stream.
    pub fn stream_version(&self, stream: &str) -> u64 {
        self.streams.get(stream).unwrap_or(0)
    }

    /// Index of a stored event id.
    pub fn event_index(&self, id: &str) -> Option<u64> {
        self.event_ids.get(id).map(|(i, _)| i)
    }

    /// Parses a submitted body as an envelope (400 on any form error).
    pub fn parse_envelope(body: &[u8]) -> Result<Envelope, Rejection> {
        Envelope::parse_json(body).map_err(|e| Rejection::Malformed(format!("envelope: {e}")))
    }

    /// Checks an envelope against the log as it stands, in the order of contract §7 (after size and
    /// media type, which are HTTP's). Nothing is changed: call [`LedgerState::apply`] once written.
    pub fn admit(&self, envelope: &Envelope) -> Result<Admission, Rejection> {
        self.admit_with(envelope, None)
    }

    /// [`LedgerState::admit`], with the signatures' cryptographic checks already done: when
    /// `verified` is given, `verified[k]` says whether signature `k` verifies (strictly) under
    /// the key its `keyid` names. Every other check — the key registered earlier and not
    /// revoked, roles, schema, references — is made here as usual. The offline verifier uses it
    /// to check signatures on both cores ahead of the sequential replay.
    pub fn admit_with(
        &self,
        envelope: &Envelope,
        verified: Option<&[bool]>,
    ) -> Result<Admission, Rejection> {
        let form = Self::form(envelope, false)?;
        self.admit_form(envelope, form, verified, None)
    }

    /// The checks of [`LedgerState::admit`] that do not depend on the log (the envelope's form,
    /// the payload's JSON, its schema and its typed reading), made ahead and on any thread; the
    /// offline verifier runs them on every core. [`LedgerState::admit_prepared`] makes the rest.
    pub fn prepare(envelope: &Envelope) -> Prepared {
        Prepared {
            form: Self::form(envelope, true),
            line_len: None,
        }
    }

    /// [`LedgerState::admit_with`] for an envelope [`LedgerState::prepare`]d: the same checks,
    /// in the same order, with the same answers.
    pub fn admit_prepared(
        &self,
        envelope: &Envelope,
        prepared: Prepared,
        verified: Option<&[bool]>,
    ) -> Result<Admission, Rejection> {
        let line_len = prepared.line_len;
        self.admit_form(envelope, prepared.form?, verified, line_len)
    }

    /// The form checks (400), in the order of contract §7; with `typed`, also the schema check
    /// and the typed reading, whose answer admission gives later, at its place in that order.
    fn form(envelope: &Envelope, typed: bool) -> Result<Form, Rejection> {
        // --- form (400)
        if envelope.payload_type != PAYLOAD_TYPE {
            return Err(Rejection::Malformed(format!(
                "payloadType must be {PAYLOAD_TYPE:?}, got {:?}",
                envelope.payload_type
            )));
        }
        let payload = envelope
            .payload_bytes()
            .map_err(|e| Rejection::Malformed(format!("payload: {e}")))?;
        let mut seen = HashSet::new();
        for s in &envelope.signatures {
            parse_key_id(&s.keyid)
                .map_err(|e| Rejection::Malformed(format!("signature keyid {:?}: {e}", s.keyid)))?;
            if !seen.insert(s.keyid.as_str()) {
                return Err(Rejection::Malformed(format!(
                    "keyid {:?} signs more than once",
                    s.keyid
                )));
            }
        }
        let value =
            parse_strict(&payload).map_err(|e| Rejection::Malformed(format!("payload: {e}")))?;
        if !value.is_object() {
            return Err(Rejection::Malformed(
                "payload: the event must be a JSON object".into(),
            ));
        }
        let typed = typed.then(|| {
            ledger_events::schema::validate_event(&value).map_err(Rejection::Invalid)?;
            Event::from_value_ref(&value).map_err(Rejection::Invalid)
        });
        Ok(Form {
            digest: *blake3::hash(&payload).as_bytes(),
            payload,
            value,
            typed,
        })
    }

    fn admit_form(
        &self,
        envelope: &Envelope,
        form: Form,
        verified: Option<&[bool]>,
        line_len: Option<usize>,
    ) -> Result<Admission, Rejection> {
        let Form {
            payload,
            digest,
            value,
            typed,
        } = form;
        let Value::Object(obj) = &value else {
            return Err(Rejection::Malformed(
                "payload: the event must be a JSON object".into(),
            ));
        };

        // --- size of the line (413): known once the envelope is read; see docs/readings.md
        let length = line_len.unwrap_or_else(|| ledger_proof::Entry::line_len(self.size, envelope));
        if length > ledger_proof::MAX_LINE {
            return Err(Rejection::LineTooLong { length });
        }

        // --- idempotency (200 / 409)
        if let Some(Value::String(id)) = obj.get("id") {
            if let Some((index, stored)) = self.event_ids.get(id.as_str()) {
                if stored == digest {
                    return Ok(Admission::Repeat { index });
                }
                return Err(Rejection::IdConflict {
                    id: id.clone(),
                    index,
                });
            }
        }

        if self.size == 0 {
            return self.admit_genesis(envelope, payload, value);
        }
        // A missing or unknown type is answered by the schema and typed parse (422) below; the
        // role checks only apply to a type of the catalogue.
        let type_name = obj.get("type").and_then(Value::as_str);

        // --- signatures and keys (401)
        if envelope.signatures.is_empty() {
            return Err(Rejection::Unauthenticated(
                "the envelope has no signature".into(),
            ));
        }
        let mut signers = Vec::new();
        for (k, s) in envelope.signatures.iter().enumerate() {
            let Some(info) = self.keys.get(&s.keyid) else {
                return Err(Rejection::Unauthenticated(format!(
                    "key {} is not registered in this ledger",
                    s.keyid
                )));
            };
            if let Some(at) = info.revoked_at {
                return Err(Rejection::Unauthenticated(format!(
                    "key {} was revoked at entry {at}",
                    s.keyid
                )));
            }
            let ok = match verified {
                Some(v) => v.get(k).copied().unwrap_or(false),
                None => verify_dsse_signature(&info.vkey, &envelope.payload_type, &payload, &s.sig),
            };
            if !ok {
                return Err(Rejection::Unauthenticated(format!(
                    "the signature by {} does not verify",
                    s.keyid
                )));
            }
            signers.push((s.keyid.as_str(), info));
        }

        // --- roles (403)
        let event_type = type_name.and_then(EventType::parse);
        if event_type == Some(EventType::Genesis) {
            return Err(Rejection::Forbidden(
                "ledger.genesis is entry 0 and only entry 0".into(),
            ));
        }
        if let Some(type_name) = event_type {
            if !signers
                .iter()
                .any(|(_, k)| self.may_submit(k, type_name, obj.get("data")))
            {
                let roles: Vec<String> = signers
                    .iter()
                    .map(|(id, k)| format!("{id} ({})", k.role))
                    .collect();
                return Err(Rejection::Forbidden(format!(
                    "no signer may submit {type_name}: signed by {}; {}",
                    roles.join(", "),
                    who_may_submit(type_name)
                )));
            }
        }

        // --- schema and references (422), unique ids (409)
        let event = match typed {
            Some(typed) => typed?,
            None => {
                ledger_events::schema::validate_event(&value).map_err(Rejection::Invalid)?;
                Event::from_value(value).map_err(Rejection::Invalid)?
            }
        };
        self.check_event(&event)?;

        // --- expected_version (409)
        if let (Some(stream), Some(expected)) = (&event.stream, event.expected_version) {
            let actual = self.stream_version(stream.as_str());
            if actual != expected {
                return Err(Rejection::VersionConflict {
                    stream: stream.to_string(),
                    expected,
                    actual,
                });
            }
        }
        Ok(Admission::New(Box::new(Admitted {
            envelope: envelope.clone(),
            payload,
            event,
            signers: signers.iter().map(|(id, _)| id.to_string()).collect(),
        })))
    }

    fn admit_genesis(
        &self,
        envelope: &Envelope,
        payload: Vec<u8>,
        value: Value,
    ) -> Result<Admission, Rejection> {
        let event = Event::from_value(value).map_err(Rejection::Invalid)?;
        let EventData::Genesis(g) = &event.data else {
            return Err(Rejection::Forbidden(format!(
                "entry 0 must be ledger.genesis, not {}",
                event.data.type_name()
            )));
        };
        let log_key = VerifierKey::parse(g.log_vkey.as_str())
            .map_err(|e| Rejection::Invalid(FieldError::at("/data/log_vkey", e.to_string())))?;
        let admin = VerifierKey::parse(g.admin_vkey.as_str())
            .map_err(|e| Rejection::Invalid(FieldError::at("/data/admin_vkey", e.to_string())))?;
        if log_key.name() != g.origin.as_str() {
            return invalid(
                "/data/log_vkey",
                format!(
                    "the log key's name {:?} must be the origin {:?}",
                    log_key.name(),
                    g.origin.as_str()
                ),
            );
        }
        if log_key.key_id() == admin.key_id() || log_key.public_key() == admin.public_key() {
            return invalid(
                "/data/admin_vkey",
                "the log key signs checkpoints only and cannot be the admin key",
            );
        }
        if g.rules.as_str() != ledger_events::RULE_SET {
            return invalid(
                "/data/rules",
                format!(
                    "{:?} is not a rule set this ledger knows (expected {:?})",
                    g.rules.as_str(),
                    ledger_events::RULE_SET
                ),
            );
        }
        if envelope.signatures.len() != 1 || envelope.signatures[0].keyid != admin.key_id() {
            return Err(Rejection::Unauthenticated(format!(
                "ledger.genesis must be signed by the admin key {} alone",
                admin.key_id()
            )));
        }
        if !verify_dsse_signature(
            &admin,
            &envelope.payload_type,
            &payload,
            &envelope.signatures[0].sig,
        ) {
            return Err(Rejection::Unauthenticated(format!(
                "the signature by {} does not verify",
                admin.key_id()
            )));
        }
        if event.expected_version.is_some_and(|v| v != 0) {
            return Err(Rejection::VersionConflict {
                stream: event
                    .stream
                    .as_ref()
                    .map(|s| s.to_string())
                    .unwrap_or_default(),
                expected: event.expected_version.unwrap_or(0),
                actual: 0,
            });
        }
        Ok(Admission::New(Box::new(Admitted {
            envelope: envelope.clone(),
            payload,
            signers: vec![admin.key_id()],
            event,
        })))
    }

    /// Contract §4: may a key of this role (and binding) submit this type with this data?
    fn may_submit(&self, key: &KeyInfo, type_name: EventType, data: Option<&Value>) -> bool {
        use EventType as T;
        let field = |name: &str| data.and_then(|d| d.get(name)).and_then(Value::as_str);
        if !submitting_roles(type_name).contains(&key.role) {
            return false;
        }
        match key.role {
            Role::Admin | Role::Secretariat => true,
            Role::Party => key.party_id.as_ref().map(Id::as_str) == field("party_id"),
            Role::BureauMember => {
                let Some(region) = self.member_region(key) else {
                    return false; // replaced, or elected without a region
                };
                match type_name {
                    T::ConsultationOpened => {
                        field("kind") == Some("regional")
                            && field("region") == Some(region.as_str())
                    }
                    T::ConsultationClosed => match field("consultation_id")
                        .and_then(|c| self.consultations.get(c))
                    {
                        Some(c) => c.kind == ConsultationKind::Regional && c.region == Some(region),
                        // An unknown consultation is a dangling reference, answered by 422 below.
                        None => field("consultation_id").is_some(),
                    },
                    _ => false,
                }
            }
        }
    }

    /// The region of the seat a bureau_member key is bound to, while the seat is held.
    fn member_region(&self, key: &KeyInfo) -> Option<Region> {
        let seat = self
            .bureaus
            .get(key.bureau_id.as_ref()?.as_str())?
            .members
            .get(key.member_id.as_ref()?.as_str())?;
        if seat.active {
            seat.member.region
        } else {
            None
        }
    }

    /// Is this key a current member of that Bureau (its signature on a bureau.decision is an endorsement)?
    pub fn endorses(&self, key_id: &str, bureau_id: &str) -> Option<String> {
        let k = self.keys.get(key_id)?;
        if k.role != Role::BureauMember || k.bureau_id.as_ref()?.as_str() != bureau_id {
            return None;
        }
        let member = k.member_id.as_ref()?.as_str();
        let seat = self.bureaus.get(bureau_id)?.members.get(member)?;
        seat.active.then(|| member.to_owned())
    }

    fn party(&self, field: &str, id: &Id) -> Result<(), Rejection> {
        if self.parties.contains_key(id.as_str()) {
            Ok(())
        } else {
            invalid(field, format!("party {:?} is not registered", id.as_str()))
        }
    }

    fn body(&self, field: &str, id: &Id) -> Result<BodyKind, Rejection> {
        match self.bodies.get(id.as_str()) {
            Some(k) => Ok(*k),
            None => invalid(field, format!("body {:?} is not registered", id.as_str())),
        }
    }

    fn bureau(&self, field: &str, id: &Id) -> Result<&BureauSeats, Rejection> {
        match self.bureaus.get(id.as_str()) {
            Some(b) => Ok(b),
            None => invalid(
                field,
                format!("no Bureau {:?} has been elected", id.as_str()),
            ),
        }
    }

    fn meeting(&self, field: &str, id: &Id) -> Result<(), Rejection> {
        if self.meetings.contains_key(id.as_str()) {
            Ok(())
        } else {
            invalid(
                field,
                format!("meeting {:?} has not been convened", id.as_str()),
            )
        }
    }

    fn procedure(&self, field: &str, id: &Id) -> Result<&str, Rejection> {
        match self.procedures.get(id.as_str()) {
            Some(m) => Ok(m),
            None => invalid(
                field,
                format!("silence procedure {:?} has not been opened", id.as_str()),
            ),
        }
    }

    fn ordered(field: &str, start: &Time, end: &Time) -> Result<(), Rejection> {
        if end.at > start.at {
            Ok(())
        } else {
            invalid(field, format!("must be after {}", start.as_str()))
        }
    }

    /// References (422), unique ids (409) and the few cross-field constraints of §5.
    fn check_event(&self, event: &Event) -> Result<(), Rejection> {
        let dup = |kind: &str, id: &Id| {
            Err(Rejection::Conflict(format!(
                "{kind} {:?} is already recorded",
                id.as_str()
            )))
        };
        match &event.data {
            // admit() answers 403 for a genesis after entry 0 before the schema is looked at
            EventData::Genesis(_) => {
                return Err(Rejection::Forbidden(
                    "ledger.genesis is entry 0 and only entry 0".into(),
                ))
            }
            EventData::KeyRegistered(k) => {
                let vkey = VerifierKey::parse(k.vkey.as_str())
                    .map_err(|e| Rejection::Invalid(FieldError::at("/data/vkey", e.to_string())))?;
                if let Some(log) = &self.log_key {
                    if log.public_key() == vkey.public_key() || log.key_id() == vkey.key_id() {
                        return invalid("/data/vkey", "the log key signs checkpoints only and is never registered as an event signer");
                    }
                }
                let binding = (
                    k.party_id.is_some(),
                    k.bureau_id.is_some(),
                    k.member_id.is_some(),
                );
                match k.role {
                    Role::Admin | Role::Secretariat if binding != (false, false, false) => {
                        return invalid(
                            "/data",
                            format!("a {} key is bound to no Party or Bureau", k.role),
                        )
                    }
                    Role::Party => {
                        let Some(p) = &k.party_id else {
                            return invalid("/data/party_id", "a party key needs party_id");
                        };
                        if binding.1 || binding.2 {
                            return invalid("/data", "a party key takes no bureau_id or member_id");
                        }
                        self.party("/data/party_id", p)?;
                    }
                    Role::BureauMember => {
                        let (Some(b), Some(m)) = (&k.bureau_id, &k.member_id) else {
                            return invalid(
                                "/data",
                                "a bureau_member key needs bureau_id and member_id",
                            );
                        };
                        if binding.0 {
                            return invalid(
                                "/data/party_id",
                                "a bureau_member key is bound by bureau_id and member_id",
                            );
                        }
                        let seats = self.bureau("/data/bureau_id", b)?;
                        if !seats.members.get(m.as_str()).is_some_and(|s| s.active) {
                            return invalid(
                                "/data/member_id",
                                format!(
                                    "{:?} is not a sitting member of Bureau {:?}",
                                    m.as_str(),
                                    b.as_str()
                                ),
                            );
                        }
                    }
                    _ => {}
                }
                if self.keys.contains_key(&vkey.key_id()) {
                    return Err(Rejection::Conflict(format!(
                        "key {} is already registered",
                        vkey.key_id()
                    )));
                }
            }
            EventData::KeyRevoked(k) => match self.keys.get(k.key_id.as_str()) {
                None => {
                    return invalid(
                        "/data/key_id",
                        format!("key {} is not registered", k.key_id),
                    )
                }
                Some(info) if info.revoked_at.is_some() => {
                    return Err(Rejection::Conflict(format!(
                        "key {} is already revoked",
                        k.key_id
                    )))
                }
                Some(_) => {}
            },
            EventData::PartyRegistered(p) => {
                if self.parties.contains_key(p.party_id.as_str()) {
                    return dup("party", &p.party_id);
                }
            }
            EventData::PartyUpdated(p) => self.party("/data/party_id", &p.party_id)?,
            EventData::BodyRegistered(b) => {
                if let Some(parent) = &b.parent_id {
                    self.body("/data/parent_id", parent)?;
                }
                if self.bodies.contains_key(b.body_id.as_str()) {
                    return dup("body", &b.body_id);
                }
            }
            EventData::BureauElected(b) => {
                if self.body("/data/bureau_id", &b.bureau_id)? != BodyKind::Bureau {
                    return invalid(
                        "/data/bureau_id",
                        format!("body {:?} is not of kind bureau", b.bureau_id.as_str()),
                    );
                }
                self.body("/data/of_body_id", &b.of_body_id)?;
                if let Some(end) = &b.term_end {
                    if end.day < b.term_start.day {
                        return invalid("/data/term_end", "must not be before term_start");
                    }
                }
                let mut ids = HashSet::new();
                for (i, m) in b.members.iter().enumerate() {
                    self.party(&format!("/data/members/{i}/party_id"), &m.party_id)?;
                    if !ids.insert(m.member_id.as_str()) {
                        return invalid(
                            &format!("/data/members/{i}/member_id"),
                            format!("{:?} appears twice", m.member_id.as_str()),
                        );
                    }
                }
            }
            EventData::BureauMemberSubstituted(s) => {
                let seats = self.bureau("/data/bureau_id", &s.bureau_id)?;
                if !seats
                    .members
                    .get(s.replaced_member_id.as_str())
                    .is_some_and(|m| m.active)
                {
                    return invalid(
                        "/data/replaced_member_id",
                        format!(
                            "{:?} is not a sitting member of Bureau {:?}",
                            s.replaced_member_id.as_str(),
                            s.bureau_id.as_str()
                        ),
                    );
                }
                if s.substitute.member_id != s.replaced_member_id
                    && seats.members.contains_key(s.substitute.member_id.as_str())
                {
                    return invalid(
                        "/data/substitute/member_id",
                        format!("{:?} already holds a seat", s.substitute.member_id.as_str()),
                    );
                }
                self.party("/data/substitute/party_id", &s.substitute.party_id)?;
            }
            EventData::BureauTermExtended(t) => {
                self.bureau("/data/bureau_id", &t.bureau_id)?;
            }
            EventData::ConsultationOpened(c) => {
                if c.kind == ConsultationKind::Regional && c.region.is_none() {
                    return invalid("/data/region", "a regional consultation needs its region");
                }
                if let Some(closes) = &c.closes_at {
                    Self::ordered("/data/closes_at", &c.opened_at, closes)?;
                }
                if self.consultations.contains_key(c.consultation_id.as_str()) {
                    return dup("consultation", &c.consultation_id);
                }
            }
            EventData::ConsultationResponse(r) => {
                if !self.consultations.contains_key(r.consultation_id.as_str()) {
                    return invalid(
                        "/data/consultation_id",
                        format!(
                            "consultation {:?} has not been opened",
                            r.consultation_id.as_str()
                        ),
                    );
                }
                self.party("/data/party_id", &r.party_id)?;
            }
            EventData::ConsultationClosed(c) => {
                match self.consultations.get(c.consultation_id.as_str()) {
                    None => {
                        return invalid(
                            "/data/consultation_id",
                            format!(
                                "consultation {:?} has not been opened",
                                c.consultation_id.as_str()
                            ),
                        )
                    }
                    Some(info) if info.closed => {
                        return Err(Rejection::Conflict(format!(
                            "consultation {:?} is already closed",
                            c.consultation_id.as_str()
                        )))
                    }
                    Some(_) => {}
                }
            }
            EventData::BureauDecision(d) => {
                let seats = self.bureau("/data/bureau_id", &d.bureau_id)?;
                for (i, c) in d.consultation_ids.iter().enumerate() {
                    if !self.consultations.contains_key(c.as_str()) {
                        return invalid(
                            &format!("/data/consultation_ids/{i}"),
                            format!("consultation {:?} has not been opened", c.as_str()),
                        );
                    }
                }
                for (i, m) in d.members_participating.iter().enumerate() {
                    if !seats.ever.contains(m.as_str()) {
                        return invalid(
                            &format!("/data/members_participating/{i}"),
                            format!(
                                "{:?} is not a member of Bureau {:?}",
                                m.as_str(),
                                d.bureau_id.as_str()
                            ),
                        );
                    }
                }
                if self.bureau_decisions.contains(d.decision_id.as_str()) {
                    return dup("Bureau decision", &d.decision_id);
                }
            }
            EventData::ExtraordinaryRequested(r) => {
                self.party("/data/party_id", &r.party_id)?;
                if self.extraordinary_requests.contains(r.request_id.as_str()) {
                    return dup("extraordinary-meeting request", &r.request_id);
                }
            }
            EventData::ExtraordinarySupported(s) => {
                if !self.extraordinary_requests.contains(s.request_id.as_str()) {
                    return invalid(
                        "/data/request_id",
                        format!(
                            "no extraordinary-meeting request {:?}",
                            s.request_id.as_str()
                        ),
                    );
                }
                self.party("/data/party_id", &s.party_id)?;
            }
            EventData::MeetingConvened(m) => {
                self.body("/data/body_id", &m.body_id)?;
                if m.closes_on.day < m.opens_on.day {
                    return invalid("/data/closes_on", "must not be before opens_on");
                }
                if let Some(Some(r)) = m.basis.as_ref().map(|b| &b.request_id) {
                    if !self.extraordinary_requests.contains(r.as_str()) {
                        return invalid(
                            "/data/basis/request_id",
                            format!("no extraordinary-meeting request {:?}", r.as_str()),
                        );
                    }
                }
                if self.meetings.contains_key(m.meeting_id.as_str()) {
                    return dup("meeting", &m.meeting_id);
                }
            }
            EventData::ScenarioNotePublished(n) => {
                self.meeting("/data/meeting_id", &n.meeting_id)?;
                if let Some(b) = &n.bureau_consulted_id {
                    if self.body("/data/bureau_consulted_id", b)? != BodyKind::Bureau {
                        return invalid(
                            "/data/bureau_consulted_id",
                            format!("body {:?} is not a Bureau", b.as_str()),
                        );
                    }
                }
                if self.notes.contains(n.note_id.as_str()) {
                    return dup("scenario note", &n.note_id);
                }
            }
            EventData::TrainingHeld(t) => {
                self.meeting("/data/meeting_id", &t.meeting_id)?;
                Self::ordered("/data/ends_at", &t.starts_at, &t.ends_at)?;
                if self.trainings.contains(t.training_id.as_str()) {
                    return dup("training", &t.training_id);
                }
            }
            EventData::SupportRequested(r) => {
                self.meeting("/data/meeting_id", &r.meeting_id)?;
                self.party("/data/party_id", &r.party_id)?;
                if self.support_requests.contains(r.request_id.as_str()) {
                    return dup("support request", &r.request_id);
                }
            }
            EventData::SupportProvided(p) => {
                if !self.support_requests.contains(p.request_id.as_str()) {
                    return invalid(
                        "/data/request_id",
                        format!("no support request {:?}", p.request_id.as_str()),
                    );
                }
            }
            EventData::SessionHeld(s) => {
                self.meeting("/data/meeting_id", &s.meeting_id)?;
                Self::ordered("/data/ended_at", &s.started_at, &s.ended_at)?;
                if self.sessions.contains_key(s.session_id.as_str()) {
                    return dup("session", &s.session_id);
                }
            }
            EventData::WebcastRecorded(w) => {
                if !self.sessions.contains_key(w.session_id.as_str()) {
                    return invalid(
                        "/data/session_id",
                        format!("no session {:?}", w.session_id.as_str()),
                    );
                }
                Self::ordered("/data/ended_at", &w.started_at, &w.ended_at)?;
            }
            EventData::DecisionAdopted(d) => {
                self.meeting("/data/meeting_id", &d.meeting_id)?;
                match (&d.via.session_id, &d.via.procedure_id) {
                    (Some(s), None) => match self.sessions.get(s.as_str()) {
                        None => {
                            return invalid(
                                "/data/via/session_id",
                                format!("no session {:?}", s.as_str()),
                            )
                        }
                        Some(m) if m != d.meeting_id.as_str() => {
                            return invalid(
                                "/data/via/session_id",
                                format!(
                                    "session {:?} belongs to meeting {m:?}, not {:?}",
                                    s.as_str(),
                                    d.meeting_id.as_str()
                                ),
                            )
                        }
                        Some(_) => {}
                    },
                    (None, Some(p)) => {
                        let m = self.procedure("/data/via/procedure_id", p)?;
                        if m != d.meeting_id.as_str() {
                            return invalid(
                                "/data/via/procedure_id",
                                format!(
                                    "procedure {:?} belongs to meeting {m:?}, not {:?}",
                                    p.as_str(),
                                    d.meeting_id.as_str()
                                ),
                            );
                        }
                    }
                    _ => {
                        return invalid(
                            "/data/via",
                            "must hold exactly one of session_id or procedure_id",
                        )
                    }
                }
                if self.decisions.contains(d.decision_id.as_str()) {
                    return dup("decision", &d.decision_id);
                }
            }
            EventData::SilenceOpened(s) => {
                self.meeting("/data/meeting_id", &s.meeting_id)?;
                if !self
                    .bureau_decisions
                    .contains(s.bureau_decision_id.as_str())
                {
                    return invalid(
                        "/data/bureau_decision_id",
                        format!("no Bureau decision {:?}", s.bureau_decision_id.as_str()),
                    );
                }
                Self::ordered("/data/deadline", &s.circulated_at, &s.deadline)?;
                if self.procedures.contains_key(s.procedure_id.as_str()) {
                    return dup("silence procedure", &s.procedure_id);
                }
            }
            EventData::SilenceObjection(o) => {
                self.procedure("/data/procedure_id", &o.procedure_id)?;
                self.party("/data/party_id", &o.party_id)?;
            }
            EventData::SilenceResumed(r) => {
                self.procedure("/data/procedure_id", &r.procedure_id)?;
                Self::ordered("/data/deadline", &r.circulated_at, &r.deadline)?;
            }
            EventData::SilenceConcluded(c) => {
                self.procedure("/data/procedure_id", &c.procedure_id)?;
            }
            EventData::PeriodClosed(p) => {
                if let Some(b) = &p.body_id {
                    self.body("/data/body_id", b)?;
                }
                if p.to.day < p.from.day {
                    return invalid("/data/to", "must not be before from");
                }
                // the statement speaks of whole UTC days: it cannot be made before `to` ends
                let end_of_to = p.to.day.end();
                if p.closed_at.at < end_of_to {
                    return invalid(
                        "/data/closed_at",
                        format!(
                            "must not be before the end of the period's last day ({})",
                            end_of_to.to_recorded_at()
                        ),
                    );
                }
                if self.periods.contains(p.period_id.as_str()) {
                    return dup("completeness statement", &p.period_id);
                }
            }
        }
        Ok(())
    }

    /// Folds an admitted event in at `index` and returns it typed. The caller guarantees
    /// `index == self.size()`.
    pub fn apply(&mut self, admitted: &Admitted, index: u64, recorded_at: Instant) -> Recorded {
        let event = &admitted.event;
        self.event_ids.insert(
            event.id.as_str(),
            (index, *blake3::hash(&admitted.payload).as_bytes()),
        );
        if let Some(s) = &event.stream {
            self.streams.update(s.as_str(), 0, |n| n + 1);
        }
        match &event.data {
            EventData::Genesis(g) => {
                self.origin = Some(g.origin.as_str().to_owned());
                self.log_key = VerifierKey::parse(g.log_vkey.as_str()).ok();
                if let Ok(admin) = VerifierKey::parse(g.admin_vkey.as_str()) {
                    self.keys.insert(
                        admin.key_id(),
                        KeyInfo {
                            vkey: admin,
                            role: Role::Admin,
                            party_id: None,
                            bureau_id: None,
                            member_id: None,
                            registered_at: index,
                            revoked_at: None,
                        },
                    );
                }
            }
            EventData::KeyRegistered(k) => {
                if let Ok(vkey) = VerifierKey::parse(k.vkey.as_str()) {
                    self.keys.insert(
                        vkey.key_id(),
                        KeyInfo {
                            vkey,
                            role: k.role,
                            party_id: k.party_id.clone(),
                            bureau_id: k.bureau_id.clone(),
                            member_id: k.member_id.clone(),
                            registered_at: index,
                            revoked_at: None,
                        },
                    );
                }
            }
            EventData::KeyRevoked(k) => {
                if let Some(info) = self.keys.get_mut(k.key_id.as_str()) {
                    info.revoked_at = Some(index);
                }
            }
            EventData::PartyRegistered(p) => {
                self.parties.insert(p.party_id.to_string(), index);
            }
            EventData::BodyRegistered(b) => {
                self.bodies.insert(b.body_id.to_string(), b.kind);
            }
            EventData::BureauElected(b) => {
                let seats = self.bureaus.entry(b.bureau_id.to_string()).or_default();
                seats.members = b
                    .members
                    .iter()
                    .map(|m| {
                        (
                            m.member_id.to_string(),
                            MemberSeat {
                                member: m.clone(),
                                active: true,
                            },
                        )
                    })
                    .collect();
                seats
                    .ever
                    .extend(b.members.iter().map(|m| m.member_id.to_string()));
            }
            EventData::BureauMemberSubstituted(s) => {
                if let Some(seats) = self.bureaus.get_mut(s.bureau_id.as_str()) {
                    if let Some(old) = seats.members.get_mut(s.replaced_member_id.as_str()) {
                        old.active = false;
                    }
                    seats.members.insert(
                        s.substitute.member_id.to_string(),
                        MemberSeat {
                            member: s.substitute.clone(),
                            active: true,
                        },
                    );
                    seats.ever.insert(s.substitute.member_id.to_string());
                }
            }
            EventData::ConsultationOpened(c) => {
                self.consultations.insert(
                    c.consultation_id.to_string(),
                    ConsultationInfo {
                        kind: c.kind,
                        region: c.region,
                        closed: false,
                    },
                );
            }
            EventData::ConsultationClosed(c) => {
                if let Some(info) = self.consultations.get_mut(c.consultation_id.as_str()) {
                    info.closed = true;
                }
            }
            EventData::BureauDecision(d) => {
                self.bureau_decisions.insert(d.decision_id.to_string());
            }
            EventData::ExtraordinaryRequested(r) => {
                self.extraordinary_requests.insert(r.request_id.to_string());
            }
            EventData::MeetingConvened(m) => {
                self.meetings
                    .insert(m.meeting_id.to_string(), m.body_id.to_string());
            }
            EventData::ScenarioNotePublished(n) => {
                self.notes.insert(n.note_id.to_string());
            }
            EventData::TrainingHeld(t) => {
                self.trainings.insert(t.training_id.to_string());
            }
            EventData::SupportRequested(r) => {
                self.support_requests.insert(r.request_id.to_string());
            }
            EventData::SessionHeld(s) => {
                self.sessions
                    .insert(s.session_id.to_string(), s.meeting_id.to_string());
            }
            EventData::DecisionAdopted(d) => {
                self.decisions.insert(d.decision_id.to_string());
            }
            EventData::SilenceOpened(s) => {
                self.procedures
                    .insert(s.procedure_id.to_string(), s.meeting_id.to_string());
            }
            EventData::PeriodClosed(p) => {
                self.periods.insert(p.period_id.to_string());
            }
            EventData::PartyUpdated(_)
            | EventData::BureauTermExtended(_)
            | EventData::ConsultationResponse(_)
            | EventData::ExtraordinarySupported(_)
            | EventData::SupportProvided(_)
            | EventData::WebcastRecorded(_)
            | EventData::SilenceObjection(_)
            | EventData::SilenceResumed(_)
            | EventData::SilenceConcluded(_) => {}
        }
        self.size = index + 1;
        Recorded {
            index,
            recorded_at,
            event: admitted.event.clone(),
            signers: admitted.signers.clone(),
        }
    }
}

/// The roles that may submit a type (contract §4), before their bindings are looked at (a
/// Party only for itself, a Bureau member only for its region): the table of
/// [`LedgerState::may_submit`], for clients that offer a key only what it may submit.
pub fn submitting_roles(type_name: EventType) -> &'static [Role] {
    use EventType as T;
    match type_name {
        T::Genesis => &[],
        T::KeyRegistered | T::KeyRevoked => &[Role::Admin],
        T::ConsultationResponse | T::SilenceObjection => &[Role::Secretariat, Role::Party],
        T::ConsultationOpened | T::ConsultationClosed => &[Role::Secretariat, Role::BureauMember],
        _ => &[Role::Secretariat],
    }
}

/// The role table of contract §4, in words, for 403 messages.
pub fn who_may_submit(type_name: EventType) -> &'static str {
    use EventType as T;
    match type_name {
        T::Genesis => "only entry 0, signed by the admin key it registers",
        T::KeyRegistered | T::KeyRevoked => "it needs an admin key",
        T::ConsultationResponse | T::SilenceObjection => {
            "it needs a secretariat key, or the party key of the Party named in party_id"
        }
        T::ConsultationOpened | T::ConsultationClosed => {
            "it needs a secretariat key, or for a regional consultation the key of a sitting Bureau member of that region"
        }
        _ => "it needs a secretariat key",
    }
}

/// Why the payload of an envelope already in the log cannot be read back as an event.
#[derive(Debug, thiserror::Error)]
pub enum PayloadError {
    #[error("payload: {0}")]
    Encoding(#[from] ProofError),
    #[error("payload: {0}")]
    Json(#[from] StrictJsonError),
    #[error(transparent)]
    Event(#[from] FieldError),
    /// The one-pass reader of stored lines could not read it.
    #[error("stored line: {0}")]
    Trusted(String),
}

/// Rebuilds the admitted form of an envelope already in the log, without checking signatures or
/// references (for a store replaying its own entries; the verifier uses [`LedgerState::admit`]).
pub fn admitted_from_entry(envelope: &Envelope) -> Result<Admitted, PayloadError> {
    admitted_from_envelope(envelope.clone())
}

/// [`admitted_from_entry`], taking the envelope.
pub fn admitted_from_envelope(envelope: Envelope) -> Result<Admitted, PayloadError> {
    let payload = envelope.payload_bytes()?;
    let event = Event::from_value(parse_strict(&payload)?)?;
    let signers = envelope
        .signatures
        .iter()
        .map(|s| s.keyid.clone())
        .collect();
    Ok(Admitted {
        envelope,
        payload,
        event,
        signers,
    })
}
