//! `GET /openapi.json`, generated from the handlers' `#[utoipa::path]` annotations, with the
//! JSON Schemas of the envelope and every event type (generated from the Rust types) added as
//! components; and an interactive page at `/docs/`, served from the binary (swagger-ui vendored),
//! so it works offline.

use serde_json::{json, Value};
use utoipa::OpenApi;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "decision-ledger",
        description = "The signed, append-only record of decisions taken under CP-11/4, and the audit of each against the scope it allows. Bytes, routes and statuses: contract §1-§8."
    ),
    paths(
        crate::post_event,
        crate::get_checkpoint,
        crate::get_log_key,
        crate::get_entries,
        crate::get_entry,
        crate::get_entry_proof,
        crate::get_inclusion,
        crate::get_consistency,
        crate::get_audit,
        crate::healthz,
        crate::get_metrics,
        crate::tlog::checkpoint,
        crate::tlog::tile,
        crate::read::list_meetings,
        crate::read::get_meeting,
        crate::read::list_decisions,
        crate::read::get_decision,
        crate::read::get_receipt,
        crate::read::get_silence,
        crate::read::get_party,
        crate::read::list_periods,
        crate::read::get_period,
        crate::takeaway::decisions_csv,
        crate::takeaway::meetings_csv,
        crate::takeaway::findings_csv,
        crate::read::feed,
        crate::read::get_stream,
    )
)]
pub struct ApiDoc;

/// The OpenAPI document as JSON, with the schemas of `schemas/` as components.
pub fn document() -> Value {
    // Built from static annotations: failing to serialize it is a bug, not a condition to hide.
    let mut doc = serde_json::to_value(ApiDoc::openapi()).expect("the OpenAPI document serializes");
    // The response bodies' schemas (the typed views) are utoipa's; the event schemas join them.
    let mut schemas = match doc.pointer_mut("/components/schemas").map(Value::take) {
        Some(Value::Object(m)) => m,
        _ => serde_json::Map::new(),
    };
    // Each schema keeps its $id, so that its internal "#/$defs/..." references resolve within it.
    let strip = |mut v: Value| {
        if let Value::Object(m) = &mut v {
            m.remove("$schema");
        }
        v
    };
    schemas.insert(
        "Envelope".into(),
        strip(ledger_events::schema::envelope_schema()),
    );
    schemas.insert(
        "Event".into(),
        strip(ledger_events::schema::wrapper_schema()),
    );
    for t in ledger_events::EVENT_TYPES {
        if let Some(s) = ledger_events::schema::event_schema(t) {
            schemas.insert(format!("event.{t}"), strip(s));
        }
    }
    doc["components"]["schemas"] = Value::Object(schemas);
    if let Some(body) =
        doc.pointer_mut("/paths/~1v1~1events/post/requestBody/content/application~1json")
    {
        body["schema"] = json!({"$ref": "#/components/schemas/Envelope"});
    }
    doc
}
