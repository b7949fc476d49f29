//! A ledger in memory for rule tests: every event goes through the real admission checks
//! (signatures, roles, schema, references) and the rule engine; every query also checks that the
//! incremental findings equal a full re-evaluation.
#![allow(dead_code)]

pub mod ops;

use ledger_events::Instant;
use ledger_log::{Admission, LedgerState, Rejection};
use ledger_proof::{Envelope, SignerKey};
use ledger_rules::{
    self as rules, Audit, Engine, Finding, RuleId, Settings, Severity, Subject, Verdict,
};
use serde_json::{json, Value};
use std::collections::HashMap;

pub struct Ledger {
    pub state: LedgerState,
    pub engine: Engine,
    pub sec: SignerKey,
    pub admin: SignerKey,
    pub keys: HashMap<String, SignerKey>,
    /// `recorded_at` of the next entry; `None` = one hour after the event's latest business time.
    pub clock: Option<Instant>,
    next_id: u64,
    seed: u8,
    last_at: Instant,
    /// Findings each entry raised, by index.
    pub raised: HashMap<u64, Vec<Finding>>,
    /// Every accepted envelope, in log order (to replay against a server).
    pub envelopes: Vec<Envelope>,
}

pub fn t(s: &str) -> Instant {
    Instant::parse(s).unwrap()
}

fn latest_time(v: &Value) -> Option<Instant> {
    let mut best: Option<Instant> = None;
    if let Value::Object(m) = v {
        for (k, x) in m {
            if let Value::String(s) = x {
                if k.ends_with("_at") && k != "closes_at" {
                    if let Ok(i) = Instant::parse(s) {
                        best = Some(best.map_or(i, |b: Instant| b.max(i)));
                    }
                }
            }
        }
    }
    best
}

impl Default for Ledger {
    fn default() -> Self {
        Self::new()
    }
}

impl Ledger {
    pub fn new() -> Self {
        Self::with_settings(Settings::default())
    }

    pub fn with_settings(settings: Settings) -> Self {
        let log = SignerKey::from_seed("test.example/log", [1; 32]).unwrap();
        let admin = SignerKey::from_seed("admin", [2; 32]).unwrap();
        let sec = SignerKey::from_seed("secretariat", [3; 32]).unwrap();
        let mut l = Ledger {
            state: LedgerState::new(),
            engine: Engine::new(settings),
            sec: sec.clone(),
            admin: admin.clone(),
            keys: HashMap::new(),
            clock: Some(t("2024-01-01T00:00:00Z")),
            next_id: 0,
            seed: 10,
            last_at: t("2024-01-01T00:00:00Z"),
            raised: HashMap::new(),
            envelopes: Vec::new(),
        };
        l.submit(
            &[&admin],
            json!({"id": "genesis", "type": "ledger.genesis", "data": {"origin": "test.example/log",
                "log_vkey": log.verifier().to_string(), "admin_vkey": admin.verifier().to_string(),
                "rules": "CP-11/4", "created_at": "2024-01-01T00:00:00Z"}}),
        )
        .unwrap();
        l.submit(
            &[&admin],
            json!({"id": "k-sec", "type": "key.registered", "data": {"vkey": sec.verifier().to_string(), "role": "secretariat"}}),
        )
        .unwrap();
        l.clock = None;
        l
    }

    /// Submits a whole event signed by `signers`; returns its index or the rejection.
    pub fn submit(&mut self, signers: &[&SignerKey], event: Value) -> Result<u64, Rejection> {
        let env = Envelope::sign(event.to_string().as_bytes(), signers);
        match self.state.admit(&env)? {
            Admission::Repeat { index } => Ok(index),
            Admission::New(a) => {
                self.envelopes.push(env.clone());
                let index = self.state.size();
                let at = self
                    .clock
                    .or_else(|| {
                        latest_time(&event["data"]).map(|x| x.plus(ledger_events::time::HOUR))
                    })
                    .unwrap_or(self.last_at);
                self.last_at = at;
                let rec = self.state.apply(&a, index, at);
                let raised = self.engine.apply(&rec);
                if !raised.is_empty() {
                    self.raised.insert(index, raised);
                }
                Ok(index)
            }
        }
    }

    /// Posts an event of `ty` signed by the secretariat; panics if refused.
    pub fn post(&mut self, ty: &str, data: Value) -> u64 {
        self.next_id += 1;
        let ev = json!({"id": format!("ev-{}", self.next_id), "type": ty, "data": data});
        let sec = self.sec.clone();
        match self.submit(&[&sec], ev) {
            Ok(i) => i,
            Err(e) => panic!("{ty} {data} refused: {e}"),
        }
    }

    pub fn try_post(&mut self, ty: &str, data: Value) -> Result<u64, Rejection> {
        self.next_id += 1;
        let ev = json!({"id": format!("ev-{}", self.next_id), "type": ty, "data": data});
        let sec = self.sec.clone();
        self.submit(&[&sec], ev)
    }

    /// A key registered by the admin, bound as `binding` says.
    pub fn key(&mut self, name: &str, binding: Value) -> SignerKey {
        self.seed += 1;
        let k = SignerKey::from_seed(name, [self.seed; 32]).unwrap();
        let mut data = binding;
        data["vkey"] = json!(k.verifier().to_string());
        self.next_id += 1;
        let admin = self.admin.clone();
        self.submit(
            &[&admin],
            json!({"id": format!("ev-{}", self.next_id), "type": "key.registered", "data": data}),
        )
        .unwrap();
        self.keys.insert(name.to_owned(), k.clone());
        k
    }

    /// Every finding, after checking the incremental engine against a full evaluation.
    pub fn findings(&self) -> Vec<Finding> {
        let inc = self.engine.findings();
        let full = rules::evaluate(&self.engine.model, &self.engine.settings);
        assert_eq!(
            inc, full,
            "incremental findings differ from a full evaluation"
        );
        inc
    }

    pub fn audit(&self) -> Audit {
        rules::audit(
            &self.engine.model,
            &self.engine.settings,
            self.findings(),
            String::new(),
        )
    }

    /// The findings of `rule` on `subject`. Both are parsed, so that a misspelt rule id or
    /// subject fails the test instead of finding nothing (and passing an "is absent" check).
    pub fn find(&self, rule: &str, subject: &str) -> Vec<Finding> {
        let rule: RuleId = rule.parse().unwrap_or_else(|e| panic!("{e}"));
        let subject: Subject = subject.parse().unwrap_or_else(|e| panic!("{e}"));
        self.findings()
            .into_iter()
            .filter(|f| f.rule == rule && f.subject == subject)
            .collect()
    }

    /// Is there a finding of `rule` on `subject` with severity `sev`?
    pub fn has(&self, rule: &str, subject: &str, sev: Severity) -> bool {
        self.find(rule, subject).iter().any(|f| f.severity == sev)
    }

    pub fn verdict(&self, decision: &str) -> Verdict {
        self.audit()
            .decisions
            .into_iter()
            .find(|d| d.decision_id == decision)
            .unwrap_or_else(|| panic!("no decision {decision}"))
            .verdict
    }
}

pub const REGIONS: [&str; 5] = [
    "african",
    "asia_pacific",
    "eastern_european",
    "latin_american_caribbean",
    "western_european_others",
];

/// Parties (two per region and one more, all Protocol Parties since 2003, a Convention-only Party,
/// the EU without a region), the COP-MOP, SBSTTA, a Bureau, limited bodies, and a properly
/// composed COP-MOP Bureau.
pub fn registry(l: &mut Ledger) {
    for r in REGIONS {
        for k in 1..=3 {
            l.post("party.registered", json!({"party_id": format!("{r}-{k}"), "name": format!("{r} Party {k}"), "region": r, "protocol_party_since": "2003-09-11"}));
        }
    }
    l.post("party.registered", json!({"party_id": "us", "name": "Convention-only Party", "region": "western_european_others"}));
    l.post(
        "party.registered",
        json!({"party_id": "eu", "name": "European Union", "protocol_party_since": "2003-09-11"}),
    );
    l.post(
        "body.registered",
        json!({"body_id": "cp-mop", "name": "COP-MOP", "kind": "cop_mop"}),
    );
    l.post("body.registered", json!({"body_id": "sbstta", "name": "SBSTTA", "kind": "subsidiary_body", "parent_id": "cp-mop"}));
    l.post("body.registered", json!({"body_id": "cp-bureau", "name": "COP-MOP Bureau", "kind": "bureau", "parent_id": "cp-mop"}));
    l.post("body.registered", json!({"body_id": "sbstta-bureau", "name": "SBSTTA Bureau", "kind": "bureau", "parent_id": "sbstta"}));
    l.post("body.registered", json!({"body_id": "ahteg", "name": "AHTEG", "kind": "expert_group", "mandate_ref": "CP-9/13"}));
    l.post(
        "bureau.elected",
        bureau_election("cp-bureau", "cp-mop", 10, None),
    );
}

/// An election: a President (african-3) and `vps` Vice-Presidents, two per region in order.
pub fn bureau_election(
    bureau: &str,
    of: &str,
    vps: usize,
    replace_party: Option<(usize, &str)>,
) -> Value {
    let mut members = vec![
        json!({"member_id": "pres", "party_id": "african-3", "name": "President", "role": "president", "rapporteur": false, "region": "african"}),
    ];
    for i in 0..vps {
        let region = REGIONS[(i / 2) % 5];
        let mut party = format!("{region}-{}", i % 2 + 1);
        if let Some((k, p)) = replace_party {
            if k == i {
                party = p.to_owned();
            }
        }
        members.push(json!({"member_id": format!("vp{i}"), "party_id": party, "name": format!("VP {i}"), "role": "vice_president", "rapporteur": i == 0, "region": region}));
    }
    json!({"bureau_id": bureau, "of_body_id": of, "term_start": "2024-01-01", "term_end": "2026-12-31", "members": members})
}

pub fn digest(s: &str) -> String {
    format!("blake3:{}", blake3::hash(s.as_bytes()).to_hex())
}

/// A fully compliant online COP-MOP meeting `m`: consultation among the Parties, a virtual-mode
/// decision of the COP-MOP Bureau, a scenario note, training at two hours, three two-hour
/// sessions on three days at rotating hours, each fully webcast. No decision yet.
pub fn compliant_online_meeting(l: &mut Ledger, m: &str) {
    l.post("meeting.convened", json!({"meeting_id": m, "body_id": "cp-mop", "title": "Online meeting", "kind": "ordinary", "mode": "online",
        "opens_on": "2025-03-03", "closes_on": "2025-03-05"}));
    l.post(
        "consultation.opened",
        json!({"consultation_id": format!("{m}-cons"), "kind": "parties",
        "subject": {"kind": "virtual_mode", "meeting_id": m}, "opened_at": "2025-01-10T12:00:00Z"}),
    );
    l.post("consultation.closed", json!({"consultation_id": format!("{m}-cons"), "closed_at": "2025-01-20T12:00:00Z", "summary": "Parties agree"}));
    l.post("bureau.decision", json!({"decision_id": format!("{m}-vm"), "bureau_id": "cp-bureau",
        "subject": {"kind": "virtual_mode", "meeting_id": m}, "decided_at": "2025-01-25T12:00:00Z", "method": "electronic",
        "consultation_ids": [format!("{m}-cons")], "exceptional_circumstances": {"statement": "pandemic", "prolonged": true},
        "members_participating": ["pres", "vp0", "vp1"]}));
    l.post("scenario_note.published", json!({"note_id": format!("{m}-note"), "meeting_id": m, "prepared_by": "secretariat",
        "bureau_consulted_id": "cp-bureau", "available_to": "all_parties", "published_at": "2025-02-20T12:00:00Z", "document_digest": digest("note")}));
    l.post("training.held", json!({"training_id": format!("{m}-tr1"), "meeting_id": m, "kind": "training", "starts_at": "2025-02-25T08:00:00Z", "ends_at": "2025-02-25T09:00:00Z"}));
    l.post("training.held", json!({"training_id": format!("{m}-tr2"), "meeting_id": m, "kind": "connectivity_test", "starts_at": "2025-02-26T20:00:00Z", "ends_at": "2025-02-26T21:00:00Z"}));
    for (k, (day, hour)) in [("03", 12), ("04", 13), ("05", 14)].into_iter().enumerate() {
        Session {
            meeting: m,
            id: &format!("{m}-s{}", k + 1),
            mode: "online",
            start: &format!("2025-03-{day}T{hour}:00:00Z"),
            end: &format!("2025-03-{day}T{}:00:00Z", hour + 2),
            webcast: true,
        }
        .hold(l);
    }
}

/// A session to record, by name: `Session { meeting, id, mode, start, end, webcast }.hold(l)`.
#[derive(Clone, Copy, Debug)]
pub struct Session<'a> {
    pub meeting: &'a str,
    pub id: &'a str,
    /// `online`, `hybrid` or `in_person`.
    pub mode: &'a str,
    pub start: &'a str,
    pub end: &'a str,
    /// Also record a webcast covering the session exactly.
    pub webcast: bool,
}

impl Session<'_> {
    /// Posts `session.held` (and the webcast); returns the session's index.
    pub fn hold(self, l: &mut Ledger) -> u64 {
        let Session {
            meeting,
            id,
            mode,
            start,
            end,
            webcast,
        } = self;
        let i = l.post("session.held", json!({"session_id": id, "meeting_id": meeting, "mode": mode, "started_at": start, "ended_at": end}));
        if webcast {
            l.post(
                "webcast.recorded",
                json!({"session_id": id, "started_at": start, "ended_at": end, "access": "public"}),
            );
        }
        i
    }
}

/// A decision adopted in a session, by name:
/// `Adoption { meeting, id, session, category, method, at }.adopt(l)`. Its title is its id and
/// its text digest the digest of its id.
#[derive(Clone, Copy, Debug)]
pub struct Adoption<'a> {
    pub meeting: &'a str,
    pub id: &'a str,
    pub session: &'a str,
    /// `substantive`, `budgetary`, `procedural_secretariat` or `procedural_other`.
    pub category: &'a str,
    /// `consensus`, `vote`, …
    pub method: &'a str,
    pub at: &'a str,
}

impl Adoption<'_> {
    /// Posts `decision.adopted`; returns its index.
    pub fn adopt(self, l: &mut Ledger) -> u64 {
        let Adoption {
            meeting,
            id,
            session,
            category,
            method,
            at,
        } = self;
        l.post("decision.adopted", json!({"decision_id": id, "meeting_id": meeting, "title": id, "category": category,
            "via": {"session_id": session}, "method": method, "adopted_at": at, "text_digest": digest(id)}))
    }
}

/// Regional consultations for every region, closed, then a silence-procedure Bureau decision,
/// an extraordinary meeting convened on a decision, and a silence procedure (72 h).
pub fn compliant_silence(l: &mut Ledger, m: &str, p: &str) {
    let mut ids = vec![];
    for r in REGIONS {
        let c = format!("{p}-{r}");
        l.post("consultation.opened", json!({"consultation_id": c, "kind": "regional", "region": r,
            "subject": {"kind": "silence_procedure", "procedure_id": p}, "opened_at": "2025-05-01T12:00:00Z"}));
        l.post("consultation.closed", json!({"consultation_id": c, "closed_at": "2025-05-05T12:00:00Z", "summary": "region agrees"}));
        ids.push(c);
    }
    l.post("bureau.decision", json!({"decision_id": format!("{p}-bd"), "bureau_id": "cp-bureau",
        "subject": {"kind": "silence_procedure", "procedure_id": p}, "decided_at": "2025-05-06T12:00:00Z", "method": "electronic",
        "consultation_ids": ids, "exceptional_circumstances": {"statement": "no budget", "prolonged": true},
        "members_participating": ["pres", "vp0"]}));
    l.post("meeting.convened", json!({"meeting_id": m, "body_id": "cp-mop", "title": "Extraordinary meeting", "kind": "extraordinary", "mode": "online",
        "opens_on": "2025-05-10", "closes_on": "2025-05-20", "basis": {"kind": "decision", "decision_ref": "CP-10/1"}}));
    l.post("silence.opened", json!({"procedure_id": p, "meeting_id": m, "bureau_decision_id": format!("{p}-bd"),
        "draft": {"title": "Interim budget", "category": "budgetary", "urgent": true, "text_digest": digest("draft-1")},
        "circulated_at": "2025-05-10T12:00:00Z", "deadline": "2025-05-13T12:00:00Z"}));
}

/// Loads one case of `ledger_rules::cases` through the real admission checks, each event signed
/// by the key its `signer` names (`keys` keeps the Parties' and members' keys across cases);
/// panics, naming the event, if one is refused.
pub fn load_case(
    l: &mut Ledger,
    case: &ledger_rules::cases::Case,
    keys: &mut HashMap<ledger_rules::cases::Signer, SignerKey>,
) {
    use ledger_rules::cases::Signer;
    for (k, ev) in case.events.iter().enumerate() {
        let signer = Signer::parse(&ev.signer).unwrap();
        let key = match &signer {
            Signer::Secretariat => l.sec.clone(),
            Signer::Admin => l.admin.clone(),
            other => keys
                .entry(other.clone())
                .or_insert_with(|| l.key(&other.key_name(), other.binding()))
                .clone(),
        };
        if let Err(e) = l.submit(&[&key], ev.event.clone()) {
            panic!(
                "case {} event {k} ({}) refused: {e}",
                case.case, ev.event["type"]
            );
        }
    }
}
