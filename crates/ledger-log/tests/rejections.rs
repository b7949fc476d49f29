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
