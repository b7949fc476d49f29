//! JSON Schemas (draft 2020-12) of the DSSE envelope, the entry line, the event wrapper and every
//! event type, generated from the Rust types (schemars) so that the two cannot drift; `schemas/`
//! holds them as files and a test keeps the files equal to what this module generates.
//! [`validate_event`] checks a payload against its type's schema and names the offending field by
//! JSON pointer; admission runs it before the typed parse.

use crate::events::{EventData, EVENT_TYPES};
use serde_json::{json, Map, Value};
use std::collections::HashMap;
use std::sync::OnceLock;

pub const DRAFT: &str = "https://json-schema.org/draft/2020-12/schema";
const BASE: &str = "https://decision-ledger.invalid/schemas/";
/// The version of every event type's schema in this catalogue.
pub const VERSION: u32 = 1;

fn key_id_pattern() -> &'static str {
    "^[A-Za-z0-9._/-]{1,64}\\+[0-9a-f]{8}$"
}

const B64: &str = "^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$";

/// The DSSE envelope of contract §2.
pub fn envelope_schema() -> Value {
    json!({
        "$schema": DRAFT,
        "$id": format!("{BASE}envelope.json"),
        "title": "DSSE envelope",
        "description": "An event submitted to the ledger: the event's exact JSON bytes (base64) and one or more Ed25519 signatures over DSSE's PAE of them. The first signer with a role allowed to submit the type submits it; other signatures are endorsements.",
        "type": "object",
        "properties": {
            "payloadType": {"const": ledger_proof::PAYLOAD_TYPE, "description": "Always application/vnd.dledger.event+json."},
            "payload": {"type": "string", "pattern": B64, "description": "Standard base64 (padded, canonical) of the event JSON bytes exactly as signed; stored unchanged."},
            "signatures": {
                "type": "array",
                "minItems": 1,
                "description": "Signatures over PAE(payloadType, payload bytes), in the order submitted; each key at most once.",
                "items": {
                    "type": "object",
                    "properties": {
                        "keyid": {"type": "string", "pattern": key_id_pattern(), "description": "The signer's key id <name>+<keyhash>, registered earlier in the log and not revoked."},
                        "sig": {"type": "string", "pattern": B64, "description": "Base64 of the 64-byte Ed25519 signature."}
                    },
                    "required": ["keyid", "sig"],
                    "additionalProperties": false
                }
            }
        },
        "required": ["payloadType", "payload", "signatures"],
        "additionalProperties": false
    })
}

/// One line of `entries.jsonl` (contract §3).
pub fn entry_schema() -> Value {
    json!({
        "$schema": DRAFT,
        "$id": format!("{BASE}entry.json"),
        "title": "Entry line",
        "description": "One entry of the log as the server writes it: compact JSON, fields in this order, printable ASCII only. The line bytes are the entry: verifiers hash them as stored (BLAKE3 chain, RFC 6962 leaf) and refuse a line that differs from its canonical rendering.",
        "type": "object",
        "properties": {
            "index": {"type": "integer", "minimum": 0, "description": "Position in the log, from 0, gapless."},
            "prev": {"type": "string", "pattern": "^[0-9a-f]{64}$", "description": "Hex BLAKE3-256 of the previous line; 64 zeros for entry 0."},
            "recorded_at": {"type": "string", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\\.[0-9]{3}Z$", "description": "The server's clock at append (UTC, milliseconds), never decreasing; only the server's claim."},
            "envelope": {"$ref": "envelope.json"}
        },
        "required": ["index", "prev", "recorded_at", "envelope"],
        "additionalProperties": false
    })
}

fn wrapper_properties(type_schema: Value) -> Value {
    json!({
        "id": {"type": "string", "minLength": 1, "maxLength": 128, "pattern": "^[ -~]{1,128}$",
               "description": "Client-chosen, unique in the ledger (UUIDv7 recommended): the idempotency key. The same id with identical payload bytes is a repeat (200); with other bytes a conflict (409)."},
        "type": type_schema,
        "stream": {"type": ["string", "null"], "minLength": 1, "maxLength": 128, "pattern": "^[ -~]{1,128}$",
                   "description": "Optional subject stream, e.g. meeting/<id>; versions count events per stream from 1. null = absent."},
        "expected_version": {"type": ["integer", "null"], "minimum": 0,
                   "description": "Optional, only with stream: the append succeeds only if the stream has exactly this many events (else 409). null = absent."},
    })
}

/// `expected_version` (when an integer) needs `stream`.
fn version_needs_stream() -> Value {
    json!({"if": {"required": ["expected_version"], "properties": {"expected_version": {"type": "integer"}}}, "then": {"required": ["stream"]}})
}

/// The event wrapper of contract §2, for any type.
pub fn wrapper_schema() -> Value {
    let mut props = wrapper_properties(
        json!({"enum": EVENT_TYPES, "description": "The event type; data must match schemas/events/<type>.v1.json."}),
    );
    props["data"] =
        json!({"type": "object", "description": "The type's data, as its own schema says."});
    let mut s = json!({
        "$schema": DRAFT,
        "$id": format!("{BASE}event.json"),
        "title": "Event",
        "description": "The JSON object a DSSE envelope carries: UTF-8, no duplicate keys, no lone surrogates, no BOM, no NaN or Infinity (else 400); unknown, missing or mistyped fields are refused (422).",
        "type": "object",
        "properties": props,
        "required": ["id", "type", "data"],
        "additionalProperties": false
    });
    merge(&mut s, version_needs_stream());
    s
}

fn merge(target: &mut Value, extra: Value) {
    if let (Value::Object(t), Value::Object(e)) = (target, extra) {
        for (k, v) in e {
            t.insert(k, v);
        }
    }
}

/// Constraints across fields that the Rust types check in code and the schema states explicitly.
fn cross_field_rules(
    type_name: &str,
    data: &mut Map<String, Value>,
    defs: &mut Map<String, Value>,
) {
    let one_of_two = |a: &str, b: &str| {
        json!({"oneOf": [
            {"required": [a], "properties": {a: {"type": "string"}}},
            {"required": [b], "properties": {b: {"type": "string"}}},
        ]})
    };
    match type_name {
        "key.registered" => {
            data.insert("allOf".into(), json!([
                {"if": {"properties": {"role": {"const": "party"}}}, "then": {"required": ["party_id"]}},
                {"if": {"properties": {"role": {"const": "bureau_member"}}}, "then": {"required": ["bureau_id", "member_id"]}},
            ]));
        }
        "consultation.opened" => {
            data.insert(
                "if".into(),
                json!({"properties": {"kind": {"const": "regional"}}}),
            );
            data.insert("then".into(), json!({"required": ["region"]}));
        }
        "decision.adopted" => {
            if let Some(Value::Object(via)) = defs.get_mut("Via") {
                if let Value::Object(extra) = one_of_two("session_id", "procedure_id") {
                    via.extend(extra);
                }
            }
        }
        _ => {}
    }
}

/// An optional enum is generated as `anyOf: [{$ref: E}, {type: null}]`, whose validation error
/// says only "not valid under any of the schemas". Inline it as one `enum` (with `null`, which
/// stands for absent) so that the error lists the allowed values.
fn inline_optional_enums(v: &mut Value, defs: &Map<String, Value>) {
    match v {
        Value::Object(m) => {
            let replacement = match m.get("anyOf").and_then(Value::as_array) {
                Some(alts) if alts.len() == 2 => {
                    let r = alts[0]
                        .get("$ref")
                        .and_then(Value::as_str)
                        .and_then(|r| r.strip_prefix("#/$defs/"));
                    let is_null = alts[1].get("type").and_then(Value::as_str) == Some("null");
                    match (
                        r.and_then(|r| defs.get(r))
                            .and_then(|d| d.get("enum"))
                            .and_then(Value::as_array),
                        is_null,
                    ) {
                        (Some(values), true) => {
                            let mut values = values.clone();
                            values.push(Value::Null);
                            Some(values)
                        }
                        _ => None,
                    }
                }
                _ => None,
            };
            if let Some(values) = replacement {
                m.remove("anyOf");
                m.insert("enum".into(), Value::Array(values));
            }
            for child in m.values_mut() {
                inline_optional_enums(child, defs);
            }
        }
        Value::Array(a) => {
            for child in a {
                inline_optional_enums(child, defs);
            }
        }
        _ => {}
    }
}

/// The schema of one event type: the wrapper with `type` fixed and `data` as the Rust type says.
pub fn event_schema(type_name: &str) -> Option<Value> {
    let schema = EventData::data_schema(type_name)?;
    let Value::Object(mut data) = schema.to_value() else {
        return None;
    };
    data.remove("$schema");
    let title = data.remove("title");
    let mut defs = match data.remove("$defs") {
        Some(Value::Object(d)) => d,
        _ => Map::new(),
    };
    cross_field_rules(type_name, &mut data, &mut defs);
    let snapshot = defs.clone();
    let mut data = Value::Object(data);
    inline_optional_enums(&mut data, &snapshot);
    let mut defs_value = Value::Object(defs);
    inline_optional_enums(&mut defs_value, &snapshot);
    let Value::Object(defs) = defs_value else {
        return None;
    };
    let Value::Object(data) = data else {
        return None;
    };
    let description = data.get("description").cloned().unwrap_or(Value::Null);
    let mut s = json!({
        "$schema": DRAFT,
        "$id": format!("{BASE}events/{type_name}.v{VERSION}.json"),
        "title": format!("{type_name} v{VERSION}"),
        "description": description,
        "type": "object",
        "properties": wrapper_properties(json!({"const": type_name})),
        "required": ["id", "type", "data"],
        "additionalProperties": false,
    });
    let _ = title;
    s["properties"]["data"] = Value::Object(data);
    merge(&mut s, version_needs_stream());
    if !defs.is_empty() {
        s["$defs"] = Value::Object(defs);
    }
    Some(s)
}

/// Every schema file of `schemas/`, as (path relative to `schemas/`, pretty JSON with a final
/// newline), in a stable order.
pub fn files() -> Vec<(String, String)> {
    let pretty = |v: &Value| format!("{}\n", serde_json::to_string_pretty(v).unwrap_or_default());
    let mut out = vec![
        ("envelope.json".to_owned(), pretty(&envelope_schema())),
        ("entry.json".to_owned(), pretty(&entry_schema())),
        ("event.json".to_owned(), pretty(&wrapper_schema())),
    ];
    for t in EVENT_TYPES {
        if let Some(s) = event_schema(t) {
            out.push((format!("events/{t}.v{VERSION}.json"), pretty(&s)));
        }
    }
    out.push((
        "events/scenario_note.published.v2.json".to_owned(),
        pretty(&scenario_note_v2_schema()),
    ));
    out
}

/// The v2 read form of `scenario_note.published` (see [`crate::versions`]).
pub fn scenario_note_v2_schema() -> Value {
    let Value::Object(mut data) = schemars::schema_for!(crate::versions::ScenarioNoteV2).to_value()
    else {
        return Value::Null;
    };
    data.remove("$schema");
    data.remove("title");
    let defs = data.remove("$defs");
    let mut s = json!({
        "$schema": DRAFT,
        "$id": format!("{BASE}events/scenario_note.published.v2.json"),
        "title": "scenario_note.published v2 (read form)",
        "description": "How every reader sees a scenario note: stored v1 notes are upcast to this form when the log is read (bureau_consulted_id becomes bureau_consulted_ids). The wire accepts v1 until contract §5 names v2; stored bytes are never rewritten.",
        "type": "object",
        "properties": wrapper_properties(json!({"const": "scenario_note.published"})),
        "required": ["id", "type", "data"],
        "additionalProperties": false,
    });
    s["properties"]["data"] = Value::Object(data);
    if let Some(d) = defs {
        s["$defs"] = d;
    }
    s
}

fn validators() -> &'static HashMap<&'static str, jsonschema::Validator> {
    static V: OnceLock<HashMap<&'static str, jsonschema::Validator>> = OnceLock::new();
    V.get_or_init(|| {
        EVENT_TYPES
            .iter()
            .filter_map(|t| {
                let schema = event_schema(t)?;
                let v = jsonschema::options()
                    .with_draft(jsonschema::Draft::Draft202012)
                    .build(&schema)
                    .ok()?;
                Some((*t, v))
            })
            .collect()
    })
}

/// Checks an event payload against its type's schema. The error names the first offending field
/// by JSON pointer and says why, e.g. `/data/category: "substantiv" is not one of [...]`.
/// `Ok` for an unknown type: the typed parse refuses it with a message listing the catalogue.
pub fn validate_event(value: &Value) -> Result<(), crate::events::FieldError> {
    let Some(t) = value.get("type").and_then(Value::as_str) else {
        return Ok(());
    };
    let Some(v) = validators().get(t) else {
        return Ok(());
    };
    // The common case (valid) by the cheap check; the first error is looked for only if not.
    if v.is_valid(value) {
        return Ok(());
    }
    match v.iter_errors(value).next() {
        None => Ok(()),
        Some(e) => {
            let path = e.instance_path().to_string();
            let path = if path.is_empty() {
                "/".to_owned()
            } else {
                path
            };
            Err(crate::events::FieldError::at(path, e.to_string()))
        }
    }
}
