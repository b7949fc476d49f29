//! A generator of events over the [`registry`](super::registry) for property tests: each
//! operation picks ids from small pools so that events refer to each other often.

use super::{digest, REGIONS};
use serde_json::{json, Value};

const BODIES: [&str; 5] = ["cp-mop", "sbstta", "ahteg", "cp-bureau", "cp-mop"];
const MODES: [&str; 3] = ["online", "hybrid", "in_person"];
const KINDS: [&str; 3] = ["objection", "amendment", "comment"];
const CATS: [&str; 4] = [
    "substantive",
    "budgetary",
    "procedural_secretariat",
    "procedural_other",
];

fn time(day: u8, hour: u8, min: u8) -> String {
    format!(
        "2025-03-{:02}T{:02}:{:02}:00Z",
        1 + day % 20,
        hour % 24,
        min % 60
    )
}

/// How many kinds of operation [`op_event`] picks from (`op % OPS`).
pub const OPS: u8 = 25;
/// The operation that updates a registered Party's status: always admitted.
pub const OP_PARTY_UPDATED: u8 = 13;

pub fn op_event(op: u8, a: u8, b: u8, c: u8) -> (&'static str, Value) {
    let m = format!("m{}", a % 4);
    let s = format!("s{}", b % 8);
    let p = format!("p{}", a % 3);
    let party = format!("{}-{}", REGIONS[(b % 5) as usize], 1 + c % 3);
    match op % OPS {
        0 => (
            "meeting.convened",
            json!({"meeting_id": m, "body_id": BODIES[(b % 5) as usize], "title": "t",
            "kind": if c % 3 == 0 { "extraordinary" } else { "ordinary" }, "mode": MODES[(c % 3) as usize],
            "opens_on": "2025-03-01", "closes_on": "2025-03-25",
            "basis": if c % 2 == 0 { json!({"kind": "decision", "decision_ref": "X/1"}) } else { json!({"kind": "party_request", "request_id": "rq"}) }}),
        ),
        1 | 2 => (
            "session.held",
            json!({"session_id": s, "meeting_id": m, "mode": MODES[(c % 3) as usize],
            "started_at": time(b, 10 + c % 10, 0), "ended_at": time(b, 10 + c % 10 + 1 + c % 3, c)}),
        ),
        3 => (
            "webcast.recorded",
            json!({"session_id": s, "started_at": time(b, 0, 0), "ended_at": time(b, 23, 59), "access": "public"}),
        ),
        4 => (
            "decision.adopted",
            json!({"decision_id": format!("d{a}{b}{c}"), "meeting_id": m, "title": "t", "category": CATS[(c % 4) as usize],
            "via": {"session_id": s}, "method": if c % 5 == 0 { "vote" } else { "consensus" }, "adopted_at": time(b, 12, 0), "text_digest": digest("d")}),
        ),
        5 => (
            "decision.adopted",
            json!({"decision_id": format!("ds{a}{b}{c}"), "meeting_id": m, "title": "t", "category": CATS[(c % 4) as usize],
            "via": {"procedure_id": p}, "method": "silence", "adopted_at": time(b, 12, 0), "text_digest": digest(&format!("t{}", c % 2))}),
        ),
        6 => (
            "consultation.opened",
            json!({"consultation_id": format!("c{}", b % 3), "kind": if c % 2 == 0 { "parties" } else { "regional" },
            "region": REGIONS[(c % 5) as usize], "subject": {"kind": "virtual_mode", "meeting_id": m}, "opened_at": time(0, 1, 0)}),
        ),
        7 => (
            "consultation.closed",
            json!({"consultation_id": format!("c{}", b % 3), "closed_at": time(c % 4, 2, 0), "summary": "s"}),
        ),
        8 => (
            "bureau.decision",
            json!({"decision_id": format!("bd{a}{b}"), "bureau_id": "cp-bureau",
            "subject": if c % 2 == 0 { json!({"kind": "virtual_mode", "meeting_id": m}) } else { json!({"kind": "silence_procedure", "procedure_id": p}) },
            "decided_at": time(c % 6, 3, 0), "method": "electronic",
            "consultation_ids": (0..(c % 3)).map(|k| format!("c{k}")).collect::<Vec<_>>(),
            "exceptional_circumstances": {"statement": "s", "prolonged": c % 4 != 0}, "members_participating": ["pres"]}),
        ),
        9 => (
            "silence.opened",
            json!({"procedure_id": p, "meeting_id": m, "bureau_decision_id": format!("bd{}{}", b % 4, c % 4),
            "draft": {"title": "t", "category": CATS[(c % 4) as usize], "urgent": c % 2 == 0, "text_digest": digest("t0")},
            "circulated_at": time(5, 12, 0), "deadline": time(5 + c % 4, 12, 0)}),
        ),
        10 => (
            "silence.objection",
            json!({"procedure_id": p, "party_id": party, "kind": KINDS[(c % 3) as usize],
            "received_at": time(5 + b % 5, c, 0)}),
        ),
        11 => (
            "silence.resumed",
            json!({"procedure_id": p, "circulated_at": time(10, 12, 0), "deadline": time(10 + c % 4, 12, 0), "text_digest": digest("t1")}),
        ),
        12 => (
            "silence.concluded",
            json!({"procedure_id": p, "outcome": if c % 2 == 0 { "adopted" } else { "broken" }, "concluded_at": time(8 + b % 8, 12, 0)}),
        ),
        OP_PARTY_UPDATED => (
            "party.updated",
            json!({"party_id": party, "protocol_party_since": format!("20{:02}-01-01", 3 + c % 25)}),
        ),
        14 => (
            "bureau.member_substituted",
            json!({"bureau_id": "cp-bureau", "replaced_member_id": format!("vp{}", b % 10),
            "substitute": {"member_id": format!("sub{a}{b}{c}"), "party_id": if c % 2 == 0 { "us".to_string() } else { party.clone() },
                "name": "sub", "role": "vice_president", "rapporteur": false, "region": REGIONS[(b % 10 / 2) as usize]},
            "at": time(c % 10, 0, 0)}),
        ),
        15 => (
            "extraordinary.supported",
            json!({"request_id": "rq", "party_id": party, "supported_at": time(c, 0, 0)}),
        ),
        16 => (
            "training.held",
            json!({"training_id": format!("t{a}{b}{c}"), "meeting_id": m, "kind": "training", "starts_at": time(0, c, 0), "ends_at": time(0, c, 30)}),
        ),
        17 => (
            "support.requested",
            json!({"request_id": format!("sr{}", b % 3), "meeting_id": m, "party_id": party, "kind": "connectivity", "requested_at": time(c % 8, 0, 0)}),
        ),
        18 => (
            "support.provided",
            json!({"request_id": format!("sr{}", b % 3), "provided_at": time(c % 8, 5, 0)}),
        ),
        19 => (
            "scenario_note.published",
            json!({"note_id": format!("n{a}{b}{c}"), "meeting_id": m, "prepared_by": if c % 2 == 0 { "secretariat" } else { "presiding_officer" },
            "bureau_consulted_id": "cp-bureau", "available_to": "all_parties", "published_at": time(c % 6, 0, 0), "document_digest": digest("n")}),
        ),
        20 => (
            "party.registered",
            json!({"party_id": format!("new{a}{b}{c}"), "name": "n", "protocol_party_since": "2010-01-01"}),
        ),
        21 => (
            "bureau.term_extended",
            json!({"bureau_id": if b % 3 == 0 { "cp-bureau2" } else { "cp-bureau" },
            "new_term_end": format!("{}-{:02}-15", 2024 + (c % 4) as u32, 1 + a % 12), "reason": "r"}),
        ),
        22 => {
            // A re-election of the COP-MOP Bureau, or a second Bureau for the same body, with
            // terms that cover the meetings' times (2025) or not.
            let mut e = super::bureau_election(
                if b % 2 == 0 {
                    "cp-bureau2"
                } else {
                    "cp-bureau"
                },
                "cp-mop",
                (c % 11) as usize,
                None,
            );
            let start = 2023 + (a % 4) as i32;
            e["term_start"] = json!(format!("{start}-{:02}-01", 1 + c % 12));
            e["term_end"] = if a % 5 == 0 {
                Value::Null
            } else {
                json!(format!(
                    "{}-{:02}-28",
                    start + 1 + (b % 2) as i32,
                    1 + b % 12
                ))
            };
            if e["term_end"].is_null() {
                e.as_object_mut().map(|o| o.remove("term_end"));
            }
            ("bureau.elected", e)
        }
        24 => {
            // A completeness statement over part of 2025 (the meetings' times), of every body or
            // one, with counts that may or may not be right; later operations may contradict it.
            let mut v = json!({"period_id": format!("per{a}-{b}"), "from": format!("2025-0{}-01", 1 + a % 3),
                "to": format!("2025-0{}-28", 3 + b % 3),
                "counts": {"meetings": c % 3, "silence_procedures": (c / 3) % 2, "decisions": (c / 6) % 3, "bureau_decisions": (c / 18) % 3},
                "closed_at": "2026-01-01T00:00:00Z"});
            if c % 2 == 0 {
                v["body_id"] = json!(BODIES[(b % 5) as usize]);
            }
            ("period.closed", v)
        }
        _ => (
            "consultation.response",
            json!({"consultation_id": format!("c{}", b % 3), "party_id": if c % 2 == 0 { "us".to_string() } else { party }, "position": "support", "responded_at": time(0, 5, 0)}),
        ),
    }
}
