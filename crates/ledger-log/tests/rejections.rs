//! A 422 carries the JSON pointer of the offending field as a field of the error, not only in
//! its prose, and a reference to something not recorded names the field it is in.

use ledger_log::Rejection;
use ledger_testkit::Ledger;
use serde_json::json;

fn invalid(r: Result<u64, Rejection>) -> ledger_events::events::FieldError {
    match r {
        Err(Rejection::Invalid(e)) => e,
        other => panic!("expected a 422, got {other:?}"),
    }
}

#[test]
fn a_mistyped_field_is_named_by_its_pointer() {
    let mut l = Ledger::new();
    let e = invalid(l.try_post(
        "party.registered",
        json!({"party_id": "p1", "name": "Ruritania", "region": "atlantis"}),
    ));
    assert_eq!(e.pointer.as_deref(), Some("/data/region"), "{e}");
    assert!(e.to_string().starts_with("/data/region"), "{e}");
}

#[test]
fn an_unknown_field_and_a_dangling_reference_are_named() {
    let mut l = Ledger::new();
    let e = invalid(l.try_post(
        "party.registered",
        json!({"party_id": "p1", "name": "Ruritania", "flag": "red"}),
    ));
    assert!(
        e.pointer.as_deref().is_some_and(|p| p.starts_with("/data")),
        "{e}"
    );
    let e = invalid(l.try_post(
        "party.updated",
        json!({"party_id": "nobody", "protocol_party_since": "2020-01-01"}),
    ));
    assert_eq!(e.pointer.as_deref(), Some("/data/party_id"), "{e}");
}

/// Contract §3: a line is at most 65,535 bytes; an envelope whose line would be longer is 413
/// and nothing is written. The limit is exact: the longest line that fits is accepted.
#[test]
fn a_line_over_65535_bytes_is_refused_and_one_that_fits_is_accepted() {
    use ledger_proof::{Entry, Envelope, MAX_LINE};
    let mut l = Ledger::new();
    let event = |n: usize| {
        json!({"id": format!("big-{n}"), "type": "party.registered",
               "data": {"party_id": format!("p-{n}"), "name": "x".repeat(n)}})
    };
    let len = |l: &Ledger, n: usize| {
        let env = Envelope::sign(event(n).to_string().as_bytes(), &[&l.sec]);
        Entry::line_len(l.state.size(), &env)
    };
    // The largest name whose line fits, and the smallest whose line does not.
    let fits = (45_000..49_500)
        .rev()
        .find(|&n| len(&l, n) <= MAX_LINE)
        .unwrap();
    let over = fits + 1;
    assert!(len(&l, over) > MAX_LINE);

    let size = l.state.size();
    let sec = l.sec.clone();
    match l.submit(&[&sec], event(over)) {
        Err(r @ Rejection::LineTooLong { length }) => {
            assert_eq!(r.status(), 413);
            assert!(length > MAX_LINE, "{r}");
        }
        other => panic!("expected 413, got {other:?}"),
    }
    assert_eq!(l.state.size(), size, "nothing was written");

    let index = l
        .submit(&[&sec], event(fits))
        .expect("the longest line that fits is accepted");
    // line_len is the length of the line the store renders.
    let env = l.envelopes.last().unwrap().clone();
    let line = Entry {
        index,
        prev: [7; 32],
        recorded_at: "2024-11-01T10:00:00.000Z".into(),
        envelope: env.clone(),
    }
    .render();
    assert_eq!(line.len(), Entry::line_len(index, &env));
    assert!(line.len() <= MAX_LINE && line.len() > MAX_LINE - 4);
}
