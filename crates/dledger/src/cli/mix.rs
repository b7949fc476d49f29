//! The realistic mix `dledger bench` builds its large ledger from: a compliant treaty body's
//! record, four days at a time (about 53 entries per cycle). Each cycle holds:
//! - an online COP-MOP meeting: a consultation among the Parties with three responses, closed; a
//!   Bureau decision on virtual mode citing it; a scenario note; a training and a connectivity
//!   test; a participation-support request and its provision; two webcast sessions at rotating
//!   hours; a budget decision;
//! - a hybrid SBSTTA meeting: its own consultation (one response), determination, scenario note
//!   and connectivity test; a webcast session; a Secretariat-procedural decision;
//! - an in-person COP-MOP meeting: a webcast session and a substantive decision;
//! - an online expert-group meeting: one session;
//! - a silence procedure in its own extraordinary meeting: five regional consultations opened
//!   and closed, a Bureau decision, the procedure, a comment (every 5th procedure an objection
//!   that breaks the silence and a resumed 72-hour round with an amended text), its conclusion
//!   and the adoption.
//!
//! Rarer events come at a treaty body's pace: a Party's status update every 10 cycles, a Party
//! key registered and later revoked every 25, an extraordinary request supported by a third of
//! the Parties and the meeting convened on it every 40, a new Party every 50, a Bureau member
//! substituted every 100, a new body every 200, and a new Bureau every term (183 cycles, about two
//! years) whose term is extended once. Every event type of the catalogue occurs and every event is
//! admissible. Each is recorded half an hour after the time it reports, or at the previous
//! entry's time if that is later (recorded times never go back), so the record rules (L.*) see a
//! live ledger. Events are filed under `meeting/…`, `silence/…`, `consultation/…` and `party/…`
//! streams.

use ledger_events::time::{civil_from_days, days_from_civil, Instant};
use ledger_proof::SignerKey;
use serde_json::{json, Value};

/// Who signs an event of the mix.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Signer {
    Admin,
    Secretariat,
}

/// One event of the mix: its JSON, its signer and the time to record it at.
#[derive(Clone, Debug)]
pub struct MixEvent {
    pub signer: Signer,
    pub event: Value,
    pub record_at: Instant,
}

const REGIONS: [&str; 5] = [
    "african",
    "asia_pacific",
    "eastern_european",
    "latin_american_caribbean",
    "western_european_others",
];
/// Parties per region at the start.
const PER_REGION: usize = 40;
/// Cycles (of four days) per Bureau term.
const TERM: u64 = 183;

/// Minutes since 1970 → the wire form of a time.
fn ts(min: i64) -> String {
    let (y, m, d) = civil_from_days(min.div_euclid(1440));
    let r = min.rem_euclid(1440);
    format!("{y:04}-{m:02}-{d:02}T{:02}:{:02}:00Z", r / 60, r % 60)
}

fn date(min: i64) -> String {
    let (y, m, d) = civil_from_days(min.div_euclid(1440));
    format!("{y:04}-{m:02}-{d:02}")
}

fn digest(s: &str) -> String {
    format!("blake3:{}", blake3::hash(s.as_bytes()).to_hex())
}

/// The generator: `next_cycle` yields the events of the next four days.
pub struct Mix {
    cycle: u64,
    /// Minutes since 1970 of the first cycle's start.
    day0: i64,
    /// The last record time handed out (record times never go back).
    last_record: i64,
    /// Parties registered so far, in order.
    parties: Vec<String>,
    /// The party key registered and not yet revoked, with its key id.
    party_key: Option<String>,
    /// Member ids of the sitting Bureau's Vice-Presidents, by seat.
    seats: Vec<String>,
    /// What a completeness statement counts, by UTC day (minutes / 1440): meetings, silence
    /// procedures, decisions, Bureau decisions; days not yet stated complete.
    counted: std::collections::BTreeMap<i64, [u64; 4]>,
    /// The first day the next completeness statement covers.
    period_from: i64,
    out: Vec<MixEvent>,
}

impl Default for Mix {
    fn default() -> Self {
        Self::new()
    }
}

impl Mix {
    pub fn new() -> Mix {
        Mix {
            cycle: 0,
            // After the day this bench was written, so that no entry is recorded before what it reports.
            day0: days_from_civil(2027, 1, 4) * 1440,
            last_record: 0,
            parties: Vec::new(),
            party_key: None,
            seats: Vec::new(),
            counted: std::collections::BTreeMap::new(),
            period_from: days_from_civil(2027, 1, 4),
            out: Vec::new(),
        }
    }

    fn push(&mut self, signer: Signer, id: String, ty: &str, data: Value, at_min: i64) {
        let rec = self.last_record.max(at_min + 30);
        self.last_record = rec;
        // The Secretariat files events under their subject's stream (contract §2).
        let stream = [
            ("meeting_id", "meeting"),
            ("procedure_id", "silence"),
            ("consultation_id", "consultation"),
            ("party_id", "party"),
        ]
        .into_iter()
        .find_map(|(field, kind)| Some(format!("{kind}/{}", data.get(field)?.as_str()?)));
        let dated = match ty {
            "meeting.convened" => Some((0, "opens_on")),
            "silence.opened" => Some((1, "circulated_at")),
            "decision.adopted" => Some((2, "adopted_at")),
            "bureau.decision" => Some((3, "decided_at")),
            _ => None,
        };
        if let Some((k, field)) = dated {
            // every time of the mix is written in UTC, so its first ten characters are its day
            let day = data[field].as_str().and_then(|t| {
                let y = t.get(0..4)?.parse().ok()?;
                let m = t.get(5..7)?.parse().ok()?;
                let d = t.get(8..10)?.parse().ok()?;
                Some(days_from_civil(y, m, d))
            });
            if let Some(day) = day {
                self.counted.entry(day).or_default()[k] += 1;
            }
        }
        let mut event = json!({"id": id, "type": ty, "data": data});
        if let Some(s) = stream {
            event["stream"] = json!(s);
        }
        self.out.push(MixEvent {
            signer,
            event,
            record_at: Instant::from_millis(rec as i128 * 60_000),
        });
    }

    fn sec(&mut self, id: String, ty: &str, data: Value, at_min: i64) {
        self.push(Signer::Secretariat, id, ty, data, at_min)
    }

    fn party(&self, k: u64) -> String {
        self.parties[(k as usize * 7919) % self.parties.len()].clone()
    }

    fn elect(&mut self, start: i64) {
        let c = self.cycle;
        let mut members = vec![
            json!({"member_id": format!("pres-{c}"), "party_id": "african-1", "name": "President", "role": "president", "rapporteur": false, "region": "african"}),
        ];
        self.seats.clear();
        for i in 0..10 {
            let region = REGIONS[i / 2];
            let id = format!("vp{i}-{c}");
            members.push(json!({"member_id": id, "party_id": format!("{region}-{}", 2 + i % 2 + (c as usize % 30)), "name": format!("VP {i}"),
                "role": "vice_president", "rapporteur": i == 0, "region": region}));
            self.seats.push(id);
        }
        // Terms overlap by a few weeks; the later election is the Bureau in term (rules.md §0).
        self.sec(format!("el-{c}"), "bureau.elected",
            json!({"bureau_id": "cp-bureau", "of_body_id": "cp-mop", "term_start": date(start), "term_end": date(start + (TERM as i64 * 4 + 20) * 1440), "members": members}),
            start);
    }

    fn setup(&mut self) {
        let t = self.day0 - 30 * 1440;
        for r in REGIONS {
            for k in 1..=PER_REGION {
                let id = format!("{r}-{k}");
                self.sec(format!("pr-{id}"), "party.registered",
                    json!({"party_id": id, "name": format!("{r} Party {k}"), "region": r, "protocol_party_since": "2003-09-11"}), t);
                self.parties.push(id);
            }
        }
        for (id, name, kind, parent, mandate) in [
            ("cp-mop", "COP-MOP", "cop_mop", None, None),
            ("sbstta", "SBSTTA", "subsidiary_body", Some("cp-mop"), None),
            (
                "cp-bureau",
                "COP-MOP Bureau",
                "bureau",
                Some("cp-mop"),
                None,
            ),
            ("ahteg", "AHTEG", "expert_group", None, Some("CP-9/13")),
        ] {
            let mut d = json!({"body_id": id, "name": name, "kind": kind});
            if let Some(p) = parent {
                d["parent_id"] = json!(p);
            }
            if let Some(m) = mandate {
                d["mandate_ref"] = json!(m);
            }
            self.sec(format!("body-{id}"), "body.registered", d, t);
        }
        self.elect(t);
    }

    /// The events of the next cycle (the first also registers Parties, bodies and a Bureau).
    pub fn next_cycle(&mut self) -> Vec<MixEvent> {
        if self.cycle == 0 && self.parties.is_empty() {
            self.setup();
        }
        let k = self.cycle;
        let d = self.day0 + k as i64 * 4 * 1440;
        let h = |day: i64, hour: i64| d + day * 1440 + hour * 60;
        if k > 0 && k % TERM == 0 {
            self.elect(h(0, 0));
        }
        if k % TERM == 100 {
            let end = self.day0 + ((k - 100) as i64 * 4 + TERM as i64 * 4 + 50) * 1440;
            self.sec(format!("ext-{k}"), "bureau.term_extended",
                json!({"bureau_id": "cp-bureau", "new_term_end": date(end), "reason": "the next meeting of the Parties is postponed"}), h(0, 0));
        }
        if k % 200 == 199 {
            self.sec(format!("body-eg-{k}"), "body.registered",
                json!({"body_id": format!("eg-{k}"), "name": "Expert group", "kind": "expert_group", "mandate_ref": format!("CP-{}/1", 11 + k / 200)}), h(0, 0));
        }
        if k % 50 == 49 {
            let r = REGIONS[(k / 50) as usize % 5];
            let id = format!("{r}-new-{k}");
            self.sec(format!("pr-{id}"), "party.registered",
                json!({"party_id": id, "name": "New Party", "region": r, "protocol_party_since": date(h(0, 0))}), h(0, 0));
            self.parties.push(id);
        }
        if k % 10 == 5 {
            // One of the founding Parties: restating a later Party's accession as 2003 would
            // make it count, retroactively, towards the support of earlier requests.
            let p = self.parties[(k as usize * 7919) % (PER_REGION * REGIONS.len())].clone();
            self.sec(
                format!("pu-{k}"),
                "party.updated",
                json!({"party_id": p, "protocol_party_since": "2003-09-11"}),
                h(0, 0),
            );
        }
        if k % 25 == 3 {
            let p = self.party(k + 1);
            let key =
                SignerKey::from_seed(&format!("party-{k}"), blake3::hash(&k.to_be_bytes()).into())
                    .expect("a seed makes a key");
            self.push(
                Signer::Admin,
                format!("kr-{k}"),
                "key.registered",
                json!({"vkey": key.verifier().to_string(), "role": "party", "party_id": p}),
                h(0, 0),
            );
            self.party_key = Some(key.key_id());
        } else if k % 25 == 20 {
            if let Some(id) = self.party_key.take() {
                self.push(Signer::Admin, format!("kv-{k}"), "key.revoked",
                    json!({"key_id": id, "reason": "delegate changed", "effective_at": ts(h(0, 1))}), h(0, 1));
            }
        }
        if k % 100 == 60 && !self.seats.is_empty() {
            let seat = (k / 100) as usize % self.seats.len();
            let region = REGIONS[seat / 2];
            let new = format!("sub-{k}");
            self.sec(format!("bs-{k}"), "bureau.member_substituted",
                json!({"bureau_id": "cp-bureau", "replaced_member_id": self.seats[seat], "at": ts(h(0, 2)),
                "substitute": {"member_id": new, "party_id": format!("{region}-39"), "name": "Substitute", "role": "vice_president", "rapporteur": seat == 0, "region": region}}),
                h(0, 2));
            self.seats[seat] = new;
        }

        // The four meetings.
        let (on, hy, ip, eg) = (
            format!("on-{k}"),
            format!("hy-{k}"),
            format!("ip-{k}"),
            format!("eg-{k}"),
        );
        for (m, body, mode, title) in [
            (&on, "cp-mop", "online", "Online session of the COP-MOP"),
            (&hy, "sbstta", "hybrid", "Hybrid SBSTTA meeting"),
            (&ip, "cp-mop", "in_person", "COP-MOP in person"),
            (&eg, "ahteg", "online", "AHTEG online meeting"),
        ] {
            self.sec(format!("mc-{m}"), "meeting.convened",
                json!({"meeting_id": m, "body_id": body, "title": title, "kind": "ordinary", "mode": mode,
                "opens_on": date(h(2, 0)), "closes_on": date(h(3, 0)), "basis": {"kind": "decision", "decision_ref": "CP-11/4"}}), h(0, 0));
        }
        // Consultation among the Parties, then the Bureau's determinations.
        let c = format!("c-{k}");
        self.sec(format!("co-{c}"), "consultation.opened",
            json!({"consultation_id": c, "kind": "parties", "subject": {"kind": "virtual_mode", "meeting_id": on}, "opened_at": ts(h(0, 1))}), h(0, 1));
        for r in 0..3 {
            let p = self.party(k * 3 + r);
            self.sec(format!("cr-{c}-{r}"), "consultation.response",
                json!({"consultation_id": c, "party_id": p, "position": "support", "responded_at": ts(h(0, 2))}), h(0, 2));
        }
        self.sec(
            format!("cc-{c}"),
            "consultation.closed",
            json!({"consultation_id": c, "closed_at": ts(h(0, 3)), "summary": "the Parties agree"}),
            h(0, 3),
        );
        let ch = format!("ch-{k}");
        self.sec(format!("co-{ch}"), "consultation.opened",
            json!({"consultation_id": ch, "kind": "parties", "subject": {"kind": "virtual_mode", "meeting_id": hy}, "opened_at": ts(h(0, 1))}), h(0, 1));
        let p = self.party(k * 3 + 7);
        self.sec(format!("cr-{ch}"), "consultation.response",
            json!({"consultation_id": ch, "party_id": p, "position": "comment", "responded_at": ts(h(0, 2))}), h(0, 2));
        self.sec(
            format!("cc-{ch}"),
            "consultation.closed",
            json!({"consultation_id": ch, "closed_at": ts(h(0, 3)), "summary": "no objection"}),
            h(0, 3),
        );
        let (p0, p1) = (self.seats[0].clone(), self.seats[1].clone());
        for (id, m, cid) in [(format!("vm-{k}"), &on, &c), (format!("vmh-{k}"), &hy, &ch)] {
            self.sec(format!("bd-{id}"), "bureau.decision",
                json!({"decision_id": id, "bureau_id": "cp-bureau", "subject": {"kind": "virtual_mode", "meeting_id": m},
                "decided_at": ts(h(0, 4)), "method": "electronic", "consultation_ids": [cid],
                "exceptional_circumstances": {"statement": "travel is impossible", "prolonged": true}, "members_participating": [p0, p1]}), h(0, 4));
        }
        for m in [&on, &hy] {
            self.sec(format!("sn-{m}"), "scenario_note.published",
                json!({"note_id": format!("note-{m}"), "meeting_id": m, "prepared_by": "secretariat", "bureau_consulted_id": "cp-bureau",
                "available_to": "all_parties", "published_at": ts(h(0, 5)), "document_digest": digest(m)}), h(0, 5));
        }
        self.sec(format!("tr-{k}"), "training.held",
            json!({"training_id": format!("tr-{k}"), "meeting_id": on, "kind": "training", "starts_at": ts(h(0, 6)), "ends_at": ts(h(0, 8))}), h(0, 8));
        self.sec(format!("trh-{k}"), "training.held",
            json!({"training_id": format!("trh-{k}"), "meeting_id": hy, "kind": "connectivity_test", "starts_at": ts(h(0, 20)), "ends_at": ts(h(0, 21))}), h(0, 21));
        self.sec(format!("tr2-{k}"), "training.held",
            json!({"training_id": format!("tr2-{k}"), "meeting_id": on, "kind": "connectivity_test", "starts_at": ts(h(0, 18)), "ends_at": ts(h(0, 19))}), h(0, 19));
        let sp = self.party(k + 11);
        self.sec(format!("sr-{k}"), "support.requested",
            json!({"request_id": format!("sr-{k}"), "meeting_id": on, "party_id": sp, "kind": "connectivity", "requested_at": ts(h(0, 9))}), h(0, 9));
        self.sec(
            format!("sp-{k}"),
            "support.provided",
            json!({"request_id": format!("sr-{k}"), "provided_at": ts(h(0, 10))}),
            h(0, 10),
        );

        // The silence procedure: regional consultations, Bureau decision, procedure.
        let p = format!("p-{k}");
        let sx = format!("sx-{k}");
        self.sec(format!("mc-{sx}"), "meeting.convened",
            json!({"meeting_id": sx, "body_id": "cp-mop", "title": "Extraordinary meeting by silence procedure", "kind": "extraordinary", "mode": "online",
            "opens_on": date(h(0, 14)), "closes_on": date(h(3, 15)), "basis": {"kind": "decision", "decision_ref": "CP-11/4"}}), h(0, 10));
        let mut ids = Vec::new();
        for r in REGIONS {
            let rc = format!("{p}-{r}");
            self.sec(format!("co-{rc}"), "consultation.opened",
                json!({"consultation_id": rc, "kind": "regional", "region": r, "subject": {"kind": "silence_procedure", "procedure_id": p}, "opened_at": ts(h(0, 11))}), h(0, 11));
            self.sec(format!("cc-{rc}"), "consultation.closed", json!({"consultation_id": rc, "closed_at": ts(h(0, 12)), "summary": "the region agrees"}), h(0, 12));
            ids.push(rc);
        }
        let (p0, p1) = (self.seats[0].clone(), self.seats[1].clone());
        self.sec(format!("bd-sp-{k}"), "bureau.decision",
            json!({"decision_id": format!("sp-{k}"), "bureau_id": "cp-bureau", "subject": {"kind": "silence_procedure", "procedure_id": p},
            "decided_at": ts(h(0, 13)), "method": "electronic", "consultation_ids": ids,
            "exceptional_circumstances": {"statement": "an urgent budget decision", "prolonged": true}, "members_participating": [p0, p1]}), h(0, 13));
        let draft = digest(&format!("draft-{k}"));
        self.sec(format!("so-{p}"), "silence.opened",
            json!({"procedure_id": p, "meeting_id": sx, "bureau_decision_id": format!("sp-{k}"),
            "draft": {"title": "Interim budget", "category": "budgetary", "urgent": true, "text_digest": draft},
            "circulated_at": ts(h(0, 14)), "deadline": ts(h(3, 14))}), h(0, 14));
        // Every 5th procedure an objection breaks the silence and an amended text is circulated
        // for another 72 hours; otherwise a comment is received and the silence holds.
        let resumed = k % 5 == 2;
        let op = self.party(k + 5);
        self.sec(format!("sob-{p}"), "silence.objection",
            json!({"procedure_id": p, "party_id": op, "kind": if resumed { "objection" } else { "comment" }, "received_at": ts(h(1, 9))}), h(1, 9));
        let mut text = draft;
        let mut end = h(3, 15);
        if resumed {
            text = digest(&format!("draft-{k}-2"));
            self.sec(format!("sre-{p}"), "silence.resumed",
                json!({"procedure_id": p, "circulated_at": ts(h(1, 12)), "deadline": ts(h(4, 12)), "text_digest": text}), h(1, 12));
            end = h(4, 13);
        }

        // Extraordinary request, its support, and the meeting convened on it.
        if k % 40 == 17 {
            let rq = format!("xr-{k}");
            let who = self.party(k + 2);
            self.sec(format!("xr-{k}"), "extraordinary.requested",
                json!({"request_id": rq, "party_id": who, "items": ["biosafety clearing-house"], "communicated_at": ts(h(0, 15))}), h(0, 15));
            // A third of the Parties support it within six months (CBD Art. 23(2)).
            let need = self.parties.len().div_ceil(3) as u64;
            for s in 0..need {
                let sp = self.parties[(k + 1 + s) as usize % self.parties.len()].clone();
                let at = h(1, 8) + s as i64;
                self.sec(
                    format!("xs-{k}-{s}"),
                    "extraordinary.supported",
                    json!({"request_id": rq, "party_id": sp, "supported_at": ts(at)}),
                    at,
                );
            }
            self.sec(format!("mc-ex-{k}"), "meeting.convened",
                json!({"meeting_id": format!("ex-{k}"), "body_id": "cp-mop", "title": "Extraordinary meeting", "kind": "extraordinary", "mode": "in_person",
                "opens_on": date(h(3, 0)), "closes_on": date(h(3, 0)), "basis": {"kind": "party_request", "request_id": rq}}), h(1, 14));
        }

        // Sessions (rotating hours), webcasts and decisions.
        let hour = 11 + (k % 3) as i64;
        for (n, day) in [(1, 2), (2, 3)] {
            let hour = hour + n - 1;
            let s = format!("{on}-s{n}");
            self.sec(format!("sh-{s}"), "session.held",
                json!({"session_id": s, "meeting_id": on, "mode": "online", "started_at": ts(h(day, hour)), "ended_at": ts(h(day, hour + 2))}), h(day, hour + 2));
            self.sec(format!("wc-{s}"), "webcast.recorded",
                json!({"session_id": s, "started_at": ts(h(day, hour)), "ended_at": ts(h(day, hour + 2)), "access": "public"}), h(day, hour + 2));
        }
        self.sec(format!("da-{on}"), "decision.adopted",
            json!({"decision_id": format!("{on}-d"), "meeting_id": on, "title": "Budget", "category": "budgetary", "via": {"session_id": format!("{on}-s1")},
            "method": "consensus", "adopted_at": ts(h(2, hour + 1)), "text_digest": digest(&format!("{on}-d"))}), h(2, hour + 2));
        let s = format!("{hy}-s1");
        self.sec(format!("sh-{s}"), "session.held",
            json!({"session_id": s, "meeting_id": hy, "mode": "hybrid", "started_at": ts(h(2, 14)), "ended_at": ts(h(2, 16))}), h(2, 16));
        self.sec(format!("wc-{s}"), "webcast.recorded",
            json!({"session_id": s, "started_at": ts(h(2, 14)), "ended_at": ts(h(2, 16)), "access": "public"}), h(2, 16));
        self.sec(format!("da-{hy}"), "decision.adopted",
            json!({"decision_id": format!("{hy}-d"), "meeting_id": hy, "title": "Documentation of the next meeting", "category": "procedural_secretariat", "via": {"session_id": s},
            "method": "consensus", "adopted_at": ts(h(2, 15)), "text_digest": digest(&format!("{hy}-d"))}), h(2, 16));
        let s = format!("{ip}-s1");
        self.sec(format!("sh-{s}"), "session.held",
            json!({"session_id": s, "meeting_id": ip, "mode": "in_person", "started_at": ts(h(2, 9)), "ended_at": ts(h(2, 12))}), h(2, 12));
        self.sec(format!("wc-{s}"), "webcast.recorded",
            json!({"session_id": s, "started_at": ts(h(2, 9)), "ended_at": ts(h(2, 12)), "access": "public"}), h(2, 12));
        self.sec(format!("da-{ip}"), "decision.adopted",
            json!({"decision_id": format!("{ip}-d"), "meeting_id": ip, "title": "Risk assessment", "category": "substantive", "via": {"session_id": s},
            "method": "consensus", "adopted_at": ts(h(2, 11)), "text_digest": digest(&format!("{ip}-d"))}), h(2, 12));
        let s = format!("{eg}-s1");
        self.sec(format!("sh-{s}"), "session.held",
            json!({"session_id": s, "meeting_id": eg, "mode": "online", "started_at": ts(h(2, 17)), "ended_at": ts(h(2, 19))}), h(2, 19));

        // The silence procedure ends.
        self.sec(
            format!("sc-{p}"),
            "silence.concluded",
            json!({"procedure_id": p, "outcome": "adopted", "concluded_at": ts(end)}),
            end,
        );
        self.sec(format!("da-{p}"), "decision.adopted",
            json!({"decision_id": format!("{p}-d"), "meeting_id": sx, "title": "Interim budget", "category": "budgetary", "via": {"procedure_id": p},
            "method": "silence", "adopted_at": ts(end), "text_digest": text}), end);

        if k % 90 == 89 {
            // About once a year, the Secretariat states the record complete up to this cycle's
            // last day, with the right counts (L.period_counts; nothing later falls in it).
            let to = d / 1440 + 3;
            let mut n = [0u64; 4];
            for (_, c) in self.counted.range(self.period_from..=to) {
                for (a, b) in n.iter_mut().zip(c) {
                    *a += b;
                }
            }
            self.counted = self.counted.split_off(&(to + 1));
            let from = self.period_from;
            self.period_from = to + 1;
            self.sec(format!("pc-{k}"), "period.closed",
                json!({"period_id": format!("record-to-{}", date(to * 1440)), "from": date(from * 1440), "to": date(to * 1440),
                "counts": {"meetings": n[0], "silence_procedures": n[1], "decisions": n[2], "bureau_decisions": n[3]},
                "closed_at": ts(h(4, 0)), "statement": "The log holds every meeting, silence procedure, decision and Bureau decision of the period."}), h(4, 0));
        }
        self.cycle += 1;
        std::mem::take(&mut self.out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The mix over a Bureau term and more: every event is admitted by the real admission, every
    /// type of the catalogue but the genesis occurs, and the engine agrees with a full evaluation.
    #[test]
    fn the_mix_is_admissible_and_holds_every_event_type() {
        let mut l = ledger_testkit::Ledger::new();
        let mut mix = Mix::new();
        let mut seen = std::collections::BTreeSet::new();
        let mut n = 0;
        while mix.cycle < TERM + 20 {
            for e in mix.next_cycle() {
                l.clock = Some(e.record_at);
                let key = match e.signer {
                    Signer::Admin => l.admin.clone(),
                    Signer::Secretariat => l.sec.clone(),
                };
                let ty = e.event["type"].as_str().unwrap_or_default().to_owned();
                if let Err(r) = l.submit(&[&key], e.event.clone()) {
                    panic!("cycle {}: {} refused: {r}", mix.cycle, e.event);
                }
                seen.insert(ty);
                n += 1;
            }
        }
        // A payload with escapes and non-ASCII text, for the line readers below.
        let tricky = json!({"id": "tricky", "type": "meeting.convened", "data": {"meeting_id": "tricky", "body_id": "cp-mop",
            "title": "R\u{e9}union \"extra\"\n\\", "kind": "ordinary", "mode": "in_person", "opens_on": "2030-01-01", "closes_on": "2030-01-02"}});
        let sec = l.sec.clone();
        l.submit(&[&sec], tricky).expect("admitted");
        // The one-pass reader of stored lines gives what the strict reader gives, on every line.
        let mut prev = ledger_proof::GENESIS_PREV;
        for (i, env) in l.envelopes.iter().enumerate() {
            let line = ledger_proof::Entry {
                index: i as u64,
                prev,
                recorded_at: ledger_events::Instant::from_millis(1_800_000_000_000 + i as i128)
                    .to_recorded_at(),
                envelope: env.clone(),
            }
            .render();
            prev = ledger_proof::chain_hash(line.as_bytes());
            let strict = ledger_log::read_line(i as u64, line.as_bytes())
                .expect("strict")
                .into_recorded();
            let fast = ledger_log::read_recorded(i as u64, line.as_bytes()).expect("fast");
            assert_eq!(fast.event, strict.event, "line {i}");
            assert_eq!(
                (fast.index, fast.recorded_at, &fast.signers),
                (strict.index, strict.recorded_at, &strict.signers)
            );
        }
        assert!(matches!(
            ledger_log::read_recorded(5, b"{\"index\":4}"),
            Err(ledger_log::ReadError::Payload { .. } | ledger_log::ReadError::WrongIndex { .. })
        ));
        let missing: Vec<&str> = ledger_events::EVENT_TYPES
            .iter()
            .copied()
            .filter(|t| *t != "ledger.genesis" && !seen.contains(*t))
            .collect();
        assert!(missing.is_empty(), "the mix never records {missing:?}");
        let audit = l.audit();
        let within = audit
            .decisions
            .iter()
            .filter(|d| d.verdict == ledger_rules::Verdict::WithinScope)
            .count();
        eprintln!(
            "{n} events, {} decisions ({within} within scope), {} findings",
            audit.decisions.len(),
            audit.findings.len()
        );
        // The mix is a compliant treaty body's record: no violation, and every decision taken
        // online is within scope.
        let violations: Vec<_> = audit
            .findings
            .iter()
            .filter(|f| f.severity == ledger_rules::Severity::Violation)
            .collect();
        assert!(violations.is_empty(), "violations: {violations:?}");
        let in_person = audit
            .decisions
            .iter()
            .filter(|d| d.verdict == ledger_rules::Verdict::InPerson)
            .count();
        assert_eq!(within + in_person, audit.decisions.len());
        assert!(n > 40 * (TERM as usize + 20));
    }

    #[test]
    fn times_are_written_in_the_wire_form() {
        let m = days_from_civil(2025, 1, 6) * 1440 + 9 * 60 + 5;
        assert_eq!(ts(m), "2025-01-06T09:05:00Z");
        assert_eq!(date(m), "2025-01-06");
    }
}
