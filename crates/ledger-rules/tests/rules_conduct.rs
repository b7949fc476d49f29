//! Table-driven tests of paras 4 and 7 (P4.webcast, P7.*), of R.bureau_composition, of
//! R.counted_parties and of the record rules (L.late_record, L.future_time), with boundaries.

use ledger_rules::Severity::*;
use ledger_testkit::*;
use serde_json::json;

fn meeting() -> Ledger {
    let mut l = Ledger::new();
    registry(&mut l);
    compliant_online_meeting(&mut l, "m1");
    l
}

fn cast(l: &mut Ledger, s: &str, a: &str, b: &str) {
    l.post(
        "webcast.recorded",
        json!({"session_id": s, "started_at": a, "ended_at": b, "access": "registered_delegates"}),
    );
}

#[test]
fn p4_webcast_gaps_of_five_minutes_pass_six_do_not() {
    let mut l = meeting();
    Session {
        meeting: "m1",
        id: "ok-start",
        mode: "online",
        start: "2025-03-05T17:00:00Z",
        end: "2025-03-05T18:00:00Z",
        webcast: false,
    }
    .hold(&mut l);
    cast(
        &mut l,
        "ok-start",
        "2025-03-05T17:05:00Z",
        "2025-03-05T18:00:00Z",
    );
    Session {
        meeting: "m1",
        id: "ok-end",
        mode: "online",
        start: "2025-03-05T18:30:00Z",
        end: "2025-03-05T19:00:00Z",
        webcast: false,
    }
    .hold(&mut l);
    cast(
        &mut l,
        "ok-end",
        "2025-03-05T18:30:00Z",
        "2025-03-05T18:55:00Z",
    );
    Session {
        meeting: "m1",
        id: "bad-start",
        mode: "online",
        start: "2025-03-05T19:30:00Z",
        end: "2025-03-05T20:00:00Z",
        webcast: false,
    }
    .hold(&mut l);
    cast(
        &mut l,
        "bad-start",
        "2025-03-05T19:36:00Z",
        "2025-03-05T20:00:00Z",
    );
    Session {
        meeting: "m1",
        id: "bad-end",
        mode: "online",
        start: "2025-03-05T20:30:00Z",
        end: "2025-03-05T21:00:00Z",
        webcast: false,
    }
    .hold(&mut l);
    cast(
        &mut l,
        "bad-end",
        "2025-03-05T20:30:00Z",
        "2025-03-05T20:54:00Z",
    );
    Session {
        meeting: "m1",
        id: "pieces",
        mode: "online",
        start: "2025-03-05T21:00:00Z",
        end: "2025-03-05T21:40:00Z",
        webcast: false,
    }
    .hold(&mut l);
    cast(
        &mut l,
        "pieces",
        "2025-03-05T21:00:00Z",
        "2025-03-05T21:20:00Z",
    );
    cast(
        &mut l,
        "pieces",
        "2025-03-05T21:20:00Z",
        "2025-03-05T21:40:00Z",
    );
    Session {
        meeting: "m1",
        id: "hole",
        mode: "online",
        start: "2025-03-05T22:00:00Z",
        end: "2025-03-05T22:40:00Z",
        webcast: false,
    }
    .hold(&mut l);
    cast(
        &mut l,
        "hole",
        "2025-03-05T22:00:00Z",
        "2025-03-05T22:15:00Z",
    );
    cast(
        &mut l,
        "hole",
        "2025-03-05T22:17:00Z",
        "2025-03-05T22:40:00Z",
    );
    Session {
        meeting: "m1",
        id: "none",
        mode: "in_person",
        start: "2025-03-05T23:00:00Z",
        end: "2025-03-05T23:30:00Z",
        webcast: false,
    }
    .hold(&mut l);
    for (s, bad) in [
        ("ok-start", false),
        ("ok-end", false),
        ("bad-start", true),
        ("bad-end", true),
        ("pieces", false),
        ("hole", true),
        ("none", true),
    ] {
        assert_eq!(
            l.has("P4.webcast", &format!("session:{s}"), Violation),
            bad,
            "{s}"
        );
    }
}

#[test]
fn p7_scenario_note() {
    assert!(meeting().find("P7.scenario_note", "meeting:m1").is_empty());
    let variants = [
        ("published_at", json!("2025-03-03T12:00:00Z"), Violation),
        ("available_to", json!("limited"), Violation),
        ("bureau_consulted_id", serde_json::Value::Null, Violation),
        ("prepared_by", json!("presiding_officer"), Advisory),
    ];
    for (field, value, sev) in variants {
        let mut l = Ledger::new();
        registry(&mut l);
        l.post("meeting.convened", json!({"meeting_id": "m", "body_id": "sbstta", "title": "t", "kind": "ordinary", "mode": "online", "opens_on": "2025-03-03", "closes_on": "2025-03-03"}));
        let mut note = json!({"note_id": "n", "meeting_id": "m", "prepared_by": "secretariat", "bureau_consulted_id": "sbstta-bureau",
            "available_to": "all_parties", "published_at": "2025-02-20T12:00:00Z", "document_digest": digest("n")});
        if value.is_null() {
            note.as_object_mut().unwrap().remove(field);
        } else {
            note[field] = value;
        }
        l.post("scenario_note.published", note);
        Session {
            meeting: "m",
            id: "s",
            mode: "online",
            start: "2025-03-03T12:00:00Z",
            end: "2025-03-03T13:00:00Z",
            webcast: true,
        }
        .hold(&mut l);
        let f = l.find("P7.scenario_note", "meeting:m");
        assert_eq!(f.len(), 1, "{field}: {f:#?}");
        assert_eq!(f[0].severity, sev, "{field}");
    }
    // no note at all
    let mut l = Ledger::new();
    registry(&mut l);
    l.post("meeting.convened", json!({"meeting_id": "m", "body_id": "sbstta", "title": "t", "kind": "ordinary", "mode": "hybrid", "opens_on": "2025-03-03", "closes_on": "2025-03-03"}));
    Session {
        meeting: "m",
        id: "s",
        mode: "in_person",
        start: "2025-03-03T12:00:00Z",
        end: "2025-03-03T13:00:00Z",
        webcast: true,
    }
    .hold(&mut l);
    assert!(
        l.has("P7.scenario_note", "meeting:m", Violation),
        "a hybrid meeting needs a note too"
    );
}

#[test]
fn p7_session_length_two_hours_pass_two_hours_one_minute_do_not() {
    let mut l = meeting();
    Session {
        meeting: "m1",
        id: "two",
        mode: "online",
        start: "2025-03-06T12:00:00Z",
        end: "2025-03-06T14:00:00Z",
        webcast: true,
    }
    .hold(&mut l);
    Session {
        meeting: "m1",
        id: "two-one",
        mode: "online",
        start: "2025-03-07T12:00:00Z",
        end: "2025-03-07T14:01:00Z",
        webcast: true,
    }
    .hold(&mut l);
    // two sessions 10 minutes apart are one continuous session of 2 h 10 min
    Session {
        meeting: "m1",
        id: "a1",
        mode: "online",
        start: "2025-03-08T12:00:00Z",
        end: "2025-03-08T13:00:00Z",
        webcast: true,
    }
    .hold(&mut l);
    Session {
        meeting: "m1",
        id: "a2",
        mode: "online",
        start: "2025-03-08T13:10:00Z",
        end: "2025-03-08T14:10:00Z",
        webcast: true,
    }
    .hold(&mut l);
    // 15 minutes apart they are two sessions
    Session {
        meeting: "m1",
        id: "b1",
        mode: "online",
        start: "2025-03-09T12:00:00Z",
        end: "2025-03-09T13:00:00Z",
        webcast: true,
    }
    .hold(&mut l);
    Session {
        meeting: "m1",
        id: "b2",
        mode: "online",
        start: "2025-03-09T13:15:00Z",
        end: "2025-03-09T14:15:00Z",
        webcast: true,
    }
    .hold(&mut l);
    // in person, a long day is no online burden
    Session {
        meeting: "m1",
        id: "long-in-person",
        mode: "in_person",
        start: "2025-03-10T09:00:00Z",
        end: "2025-03-10T18:00:00Z",
        webcast: true,
    }
    .hold(&mut l);
    assert!(l.find("P7.session_length", "session:two").is_empty());
    assert!(l.has("P7.session_length", "session:two-one", Advisory));
    assert!(l.has("P7.session_length", "session:a1", Advisory));
    assert!(l.find("P7.session_length", "session:b1").is_empty());
    assert!(l.find("P7.session_length", "session:b2").is_empty());
    assert!(l
        .find("P7.session_length", "session:long-in-person")
        .is_empty());
}

#[test]
fn p7_time_zones_rotation_and_night_share() {
    assert!(
        meeting().find("P7.time_zones", "meeting:m1").is_empty(),
        "the baseline rotates and keeps nights short"
    );
    // the same UTC hour three days running
    let mut l = Ledger::new();
    registry(&mut l);
    l.post("meeting.convened", json!({"meeting_id": "m", "body_id": "sbstta", "title": "t", "kind": "ordinary", "mode": "online", "opens_on": "2020-09-15", "closes_on": "2020-09-17"}));
    for d in 15..=17 {
        Session {
            meeting: "m",
            id: &format!("s{d}"),
            mode: "online",
            start: &format!("2020-09-{d}T11:00:00Z"),
            end: &format!("2020-09-{d}T13:00:00Z"),
            webcast: true,
        }
        .hold(&mut l);
    }
    let f = l.find("P7.time_zones", "meeting:m");
    assert_eq!(f.len(), 1);
    assert!(f[0].message.contains("do not rotate"), "{}", f[0].message);
    let data = f[0].data.as_ref().unwrap();
    assert_eq!(
        data["regions"].as_object().unwrap().len(),
        5,
        "per-region numbers for the chart"
    );
    assert_eq!(data["regions"]["asia_pacific"]["night_minutes"], json!(0));
    // rotating, but at night in Asia-Pacific: 17:00-19:00Z is 00:00-02:00 in Bangkok
    let mut l = Ledger::new();
    registry(&mut l);
    l.post("meeting.convened", json!({"meeting_id": "m", "body_id": "sbstta", "title": "t", "kind": "ordinary", "mode": "online", "opens_on": "2020-09-15", "closes_on": "2020-09-16"}));
    Session {
        meeting: "m",
        id: "x1",
        mode: "online",
        start: "2020-09-15T17:00:00Z",
        end: "2020-09-15T19:00:00Z",
        webcast: true,
    }
    .hold(&mut l);
    Session {
        meeting: "m",
        id: "x2",
        mode: "online",
        start: "2020-09-16T18:00:00Z",
        end: "2020-09-16T20:00:00Z",
        webcast: true,
    }
    .hold(&mut l);
    let f = l.find("P7.time_zones", "meeting:m");
    assert_eq!(f.len(), 1, "{f:#?}");
    assert!(f[0].message.contains("asia_pacific"), "{}", f[0].message);
    assert!(!f[0].message.contains("rotate"));
    assert_eq!(
        f[0].data.as_ref().unwrap()["regions"]["asia_pacific"]["night_minutes"],
        json!(240)
    );
    // a one-day meeting has nothing to rotate
    let mut l = Ledger::new();
    registry(&mut l);
    l.post("meeting.convened", json!({"meeting_id": "m", "body_id": "sbstta", "title": "t", "kind": "ordinary", "mode": "online", "opens_on": "2020-09-15", "closes_on": "2020-09-15"}));
    Session {
        meeting: "m",
        id: "y1",
        mode: "online",
        start: "2020-09-15T17:00:00Z",
        end: "2020-09-15T19:00:00Z",
        webcast: true,
    }
    .hold(&mut l);
    assert!(l.find("P7.time_zones", "meeting:m").is_empty());
}

#[test]
fn p7_participation_support() {
    assert!(meeting()
        .find("P7.participation_support", "meeting:m1")
        .is_empty());
    let mut l = Ledger::new();
    registry(&mut l);
    l.post("meeting.convened", json!({"meeting_id": "m", "body_id": "sbstta", "title": "t", "kind": "ordinary", "mode": "online", "opens_on": "2025-03-03", "closes_on": "2025-03-04"}));
    l.post("training.held", json!({"training_id": "t1", "meeting_id": "m", "kind": "training", "starts_at": "2025-02-25T08:00:00Z", "ends_at": "2025-02-25T09:00:00Z"}));
    l.post("training.held", json!({"training_id": "t2", "meeting_id": "m", "kind": "training", "starts_at": "2025-02-26T08:30:00Z", "ends_at": "2025-02-26T09:30:00Z"}));
    l.post("support.requested", json!({"request_id": "sr-early", "meeting_id": "m", "party_id": "african-1", "kind": "connectivity", "requested_at": "2025-02-20T12:00:00Z"}));
    l.post("support.requested", json!({"request_id": "sr-met", "meeting_id": "m", "party_id": "african-2", "kind": "country_office_facility", "requested_at": "2025-02-20T12:00:00Z"}));
    l.post(
        "support.provided",
        json!({"request_id": "sr-met", "provided_at": "2025-02-28T12:00:00Z"}),
    );
    l.post(
        "support.provided",
        json!({"request_id": "sr-early", "provided_at": "2025-03-03T12:30:00Z"}),
    );
    l.post("support.requested", json!({"request_id": "sr-late", "meeting_id": "m", "party_id": "african-2", "kind": "connectivity", "requested_at": "2025-03-03T13:00:00Z"}));
    l.post(
        "support.provided",
        json!({"request_id": "sr-late", "provided_at": "2025-03-04T23:59:00Z"}),
    );
    Session {
        meeting: "m",
        id: "s1",
        mode: "online",
        start: "2025-03-03T12:00:00Z",
        end: "2025-03-03T14:00:00Z",
        webcast: true,
    }
    .hold(&mut l);
    let f = l.find("P7.participation_support", "meeting:m");
    assert_eq!(f.len(), 1, "{f:#?}");
    assert!(
        f[0].message.contains("08:00 UTC"),
        "trainings at one start hour only: {}",
        f[0].message
    );
    assert!(
        l.has("P7.participation_support", "request:sr-early", Advisory),
        "provided after the first session"
    );
    assert!(l
        .find("P7.participation_support", "request:sr-met")
        .is_empty());
    assert!(
        l.find("P7.participation_support", "request:sr-late")
            .is_empty(),
        "asked during the meeting, met before it ended"
    );
    // no training at all
    let mut l = Ledger::new();
    registry(&mut l);
    l.post("meeting.convened", json!({"meeting_id": "m", "body_id": "sbstta", "title": "t", "kind": "ordinary", "mode": "online", "opens_on": "2025-03-03", "closes_on": "2025-03-04"}));
    Session {
        meeting: "m",
        id: "s1",
        mode: "online",
        start: "2025-03-03T12:00:00Z",
        end: "2025-03-03T14:00:00Z",
        webcast: true,
    }
    .hold(&mut l);
    l.post("training.held", json!({"training_id": "after", "meeting_id": "m", "kind": "training", "starts_at": "2025-03-03T15:00:00Z", "ends_at": "2025-03-03T16:00:00Z"}));
    assert!(l
        .find("P7.participation_support", "meeting:m")
        .iter()
        .any(|f| f.message.contains("no training")));
}

#[test]
fn r_bureau_composition() {
    // nine Vice-Presidents
    let mut l = Ledger::new();
    registry(&mut l);
    l.post(
        "body.registered",
        json!({"body_id": "b9", "name": "short Bureau", "kind": "bureau"}),
    );
    l.post(
        "body.registered",
        json!({"body_id": "mop2", "name": "another COP-MOP", "kind": "cop_mop"}),
    );
    l.post("bureau.elected", bureau_election("b9", "mop2", 9, None));
    l.post("bureau.decision", json!({"decision_id": "d9", "bureau_id": "b9", "subject": {"kind": "other"}, "decided_at": "2025-01-01T00:00:00Z",
        "method": "in_meeting", "consultation_ids": [], "members_participating": []}));
    let f = l.find("R.bureau_composition", "bureau:b9");
    assert_eq!(f.len(), 1);
    assert!(
        f[0].message.contains("9 Vice-Presidents"),
        "{}",
        f[0].message
    );
    assert!(
        f[0].message
            .contains("1 Vice-President(s) from the western_european_others region"),
        "{}",
        f[0].message
    );

    // a member from a Convention-only Party, replaced before the decision: passes; after: fails
    for (sub_at, fails) in [
        ("2024-12-31T23:59:59Z", false),
        ("2025-01-01T00:00:01Z", true),
    ] {
        let mut l = Ledger::new();
        registry(&mut l);
        l.post(
            "body.registered",
            json!({"body_id": "bx", "name": "Bureau X", "kind": "bureau"}),
        );
        l.post(
            "bureau.elected",
            bureau_election("bx", "cp-mop", 10, Some((9, "us"))),
        );
        l.post("bureau.member_substituted", json!({"bureau_id": "bx", "replaced_member_id": "vp9",
            "substitute": {"member_id": "vp9b", "party_id": "western_european_others-3", "name": "Substitute", "role": "vice_president", "rapporteur": false, "region": "western_european_others"},
            "at": sub_at}));
        l.post("bureau.decision", json!({"decision_id": "dx", "bureau_id": "bx", "subject": {"kind": "other"}, "decided_at": "2025-01-01T00:00:00Z",
            "method": "in_meeting", "consultation_ids": [], "members_participating": []}));
        assert_eq!(
            l.has("R.bureau_composition", "bureau:bx", Violation),
            fails,
            "substituted at {sub_at}"
        );
    }
    // the properly composed registry Bureau passes
    let mut l = Ledger::new();
    registry(&mut l);
    compliant_online_meeting(&mut l, "m1");
    assert!(l
        .find("R.bureau_composition", "bureau:cp-bureau")
        .is_empty());
}

#[test]
fn r_counted_parties() {
    let mut l = meeting();
    let i = l.post("consultation.response", json!({"consultation_id": "m1-cons", "party_id": "us", "position": "support", "responded_at": "2025-01-15T00:00:00Z"}));
    let j = l.post("consultation.response", json!({"consultation_id": "m1-cons", "party_id": "african-1", "position": "object", "responded_at": "2025-01-15T00:00:00Z"}));
    assert!(l.has("R.counted_parties", &format!("entry:{i}"), Info));
    assert!(l
        .find("R.counted_parties", &format!("entry:{j}"))
        .is_empty());
    // a later ratification changes the answer (the Party's status is as the log last records it)
    l.post(
        "party.updated",
        json!({"party_id": "us", "protocol_party_since": "2025-01-15"}),
    );
    assert!(l
        .find("R.counted_parties", &format!("entry:{i}"))
        .is_empty());
}

#[test]
fn l_late_record_and_future_time_boundaries() {
    let mut l = Ledger::new();
    registry(&mut l);
    l.post("meeting.convened", json!({"meeting_id": "m", "body_id": "ahteg", "title": "t", "kind": "ordinary", "mode": "online", "opens_on": "2025-03-01", "closes_on": "2025-03-20"}));
    let at = |l: &mut Ledger, recorded: &str, id: &str, start: &str, end: &str| {
        l.clock = Some(t(recorded));
        l.post("session.held", json!({"session_id": id, "meeting_id": "m", "mode": "online", "started_at": start, "ended_at": end}))
    };
    let exactly_7 = at(
        &mut l,
        "2025-03-08T13:00:00Z",
        "a",
        "2025-03-01T12:00:00Z",
        "2025-03-01T13:00:00Z",
    );
    let over_7 = at(
        &mut l,
        "2025-03-08T13:00:00.001Z",
        "b",
        "2025-03-01T12:00:00Z",
        "2025-03-01T13:00:00Z",
    );
    let exactly_1 = at(
        &mut l,
        "2025-03-09T13:00:00Z",
        "c",
        "2025-03-10T12:00:00Z",
        "2025-03-10T13:00:00Z",
    );
    let over_1 = at(
        &mut l,
        "2025-03-09T12:59:59Z",
        "d",
        "2025-03-10T12:00:00Z",
        "2025-03-10T13:00:00Z",
    );
    assert!(l
        .find("L.late_record", &format!("entry:{exactly_7}"))
        .is_empty());
    assert!(l.has("L.late_record", &format!("entry:{over_7}"), Advisory));
    assert!(l
        .find("L.future_time", &format!("entry:{exactly_1}"))
        .is_empty());
    assert!(l.has("L.future_time", &format!("entry:{over_1}"), Advisory));
    // a plan (consultation closes_at, silence deadline) is never a late or future record
    l.clock = Some(t("2025-03-09T00:00:00Z"));
    let plan = l.post("consultation.opened", json!({"consultation_id": "c", "kind": "parties", "subject": {"kind": "other"}, "opened_at": "2025-03-08T00:00:00Z", "closes_at": "2026-03-08T00:00:00Z"}));
    assert!(l.find("L.future_time", &format!("entry:{plan}")).is_empty());
    assert!(l.find("L.late_record", &format!("entry:{plan}")).is_empty());
}
