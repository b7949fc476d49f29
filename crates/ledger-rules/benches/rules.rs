//! Criterion benchmark of the rules fold per entry: the engine's incremental update (as the
//! server's projection runner does it) over a realistic stream of meeting events, and the
//! admission check of one envelope.

use criterion::{criterion_group, criterion_main, BatchSize, Criterion};
use ledger_events::Instant;
use ledger_log::{Admission, LedgerState, Recorded};
use ledger_proof::{Envelope, SignerKey};
use ledger_rules::{Engine, Settings};
use serde_json::json;
use std::hint::black_box;

fn setup(n_meetings: usize) -> (LedgerState, Engine, Vec<Recorded>, SignerKey) {
    let log = SignerKey::from_seed("bench/log", [1; 32]).unwrap();
    let admin = SignerKey::from_seed("admin", [2; 32]).unwrap();
    let sec = SignerKey::from_seed("secretariat", [3; 32]).unwrap();
    let mut st = LedgerState::new();
    let mut engine = Engine::new(Settings::default());
    let mut recs = Vec::new();
    let mut events = vec![
        (
            json!({"id": "g", "type": "ledger.genesis", "data": {"origin": "bench/log", "log_vkey": log.verifier().to_string(),
            "admin_vkey": admin.verifier().to_string(), "rules": "CP-11/4", "created_at": "2025-01-01T00:00:00Z"}}),
            admin.clone(),
        ),
        (
            json!({"id": "k", "type": "key.registered", "data": {"vkey": sec.verifier().to_string(), "role": "secretariat"}}),
            admin.clone(),
        ),
        (
            json!({"id": "b", "type": "body.registered", "data": {"body_id": "cp-mop", "name": "COP-MOP", "kind": "cop_mop"}}),
            sec.clone(),
        ),
    ];
    for m in 0..n_meetings {
        events.push((json!({"id": format!("m{m}"), "type": "meeting.convened", "data": {"meeting_id": format!("m{m}"), "body_id": "cp-mop", "title": "t",
            "kind": "ordinary", "mode": "online", "opens_on": "2025-03-01", "closes_on": "2025-03-20"}}), sec.clone()));
        for s in 0..8 {
            events.push((json!({"id": format!("m{m}s{s}"), "type": "session.held", "data": {"session_id": format!("m{m}s{s}"), "meeting_id": format!("m{m}"),
                "mode": "online", "started_at": format!("2025-03-{:02}T12:00:00Z", s + 1), "ended_at": format!("2025-03-{:02}T14:00:00Z", s + 1)}}), sec.clone()));
            events.push((json!({"id": format!("m{m}w{s}"), "type": "webcast.recorded", "data": {"session_id": format!("m{m}s{s}"),
                "started_at": format!("2025-03-{:02}T12:00:00Z", s + 1), "ended_at": format!("2025-03-{:02}T14:00:00Z", s + 1), "access": "public"}}), sec.clone()));
        }
    }
    for (i, (ev, k)) in events.iter().enumerate() {
        let env = Envelope::sign(ev.to_string().as_bytes(), &[k]);
        let Ok(Admission::New(a)) = st.admit(&env) else {
            panic!("setup")
        };
        let rec = st.apply(
            &a,
            i as u64,
            Instant::parse("2025-04-01T00:00:00Z").unwrap(),
        );
        engine.apply(&rec);
        recs.push(rec);
    }
    (st, engine, recs, sec)
}

fn benches(c: &mut Criterion) {
    let (st, engine, recs, sec) = setup(200);
    let mut g = c.benchmark_group("rules");
    g.bench_function("fold one session.held into a log of 3,400 entries", |b| {
        let next = recs.len() as u64;
        let rec = Recorded {
            index: next,
            recorded_at: Instant::parse("2025-04-01T00:00:00Z").unwrap(),
            event: ledger_events::Event::from_value(json!({"id": "extra", "type": "session.held", "data": {"session_id": "extra", "meeting_id": "m7",
                "mode": "online", "started_at": "2025-03-12T12:00:00Z", "ended_at": "2025-03-12T14:00:00Z"}})).unwrap(),
            signers: vec![],
        };
        // return the engine so that dropping it is not timed
        b.iter_batched(|| engine.clone(), |mut e| { let r = e.apply(&rec); (e, r) }, BatchSize::LargeInput)
    });
    g.bench_function("fold the whole stream, per entry", |b| {
        b.iter(|| {
            let mut e = Engine::new(Settings::default());
            for r in &recs {
                e.apply(r);
            }
            black_box(e)
        })
    });
    g.finish();
    let env = Envelope::sign(json!({"id": "p-new", "type": "party.registered", "data": {"party_id": "new", "name": "New Party", "region": "african"}}).to_string().as_bytes(), &[&sec]);
    c.bench_function(
        "admission of one envelope (parse, schema, signature, references)",
        |b| b.iter(|| black_box(st.admit(&env).unwrap())),
    );
}

criterion_group! {
    name = rules;
    config = Criterion::default().sample_size(20).measurement_time(std::time::Duration::from_secs(3)).warm_up_time(std::time::Duration::from_secs(1));
    targets = benches
}
criterion_main!(rules);
