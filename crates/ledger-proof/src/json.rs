//! The strict JSON readers of the ledger, and the writer of the two JSON texts this crate owns.
//!
//! serde_json already refuses invalid UTF-8, lone surrogates, a BOM, `NaN` and `Infinity`,
//! and bounds nesting depth; what it does not do is tell us about repeated keys. Two readers
//! add that, and they differ on purpose:
//!
//! * the DSSE envelope and the entry line are read into [`Value`], which keeps every object
//!   member in input order, duplicates included, so that the shape checks ([`fields`]) can say
//!   *which* object repeats *which* key among its known members (a typed [`EnvelopeError`]);
//! * an event payload (contract §2) is read by [`parse_strict`] into a [`serde_json::Value`]
//!   for the schema and the typed parse, refusing a repeated key at the point it is read.
//!
//! Both read "exactly one JSON text" through the same [`one_text`].

use std::fmt;

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};

use crate::dsse::EnvelopeError;

/// A JSON value that keeps object members as written (order and duplicates).
/// Only what the shape checks need is kept: booleans and numbers other than u64 are refused
/// wherever they appear, so their values do not matter.
pub(crate) enum Value {
    Null,
    Bool,
    /// A non-negative integer that fits u64.
    U64(u64),
    /// Any other number (negative, fractional, exponent, or beyond u64).
    OtherNumber,
    Str(String),
    Array(Vec<Value>),
    Object(Vec<(String, Value)>),
}

static NULL: Value = Value::Null;

impl<'de> Deserialize<'de> for Value {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(ValueVisitor)
    }
}

struct ValueVisitor;

impl<'de> Visitor<'de> for ValueVisitor {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }
    fn visit_unit<E: de::Error>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Value, E> {
        Ok(Value::Bool)
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Value, E> {
        Ok(Value::U64(v))
    }
    fn visit_i64<E: de::Error>(self, _: i64) -> Result<Value, E> {
        Ok(Value::OtherNumber)
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<Value, E> {
        Ok(Value::OtherNumber)
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Value, E> {
        Ok(Value::Str(v.to_owned()))
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<Value, E> {
        Ok(Value::Str(v))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element::<Value>()? {
            items.push(item);
        }
        Ok(Value::Array(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut members = Vec::new();
        while let Some(key) = map.next_key::<String>()? {
            let value = map.next_value::<Value>()?;
            members.push((key, value));
        }
        Ok(Value::Object(members))
    }
}

/// Reads exactly one JSON text from `de` (surrounding JSON whitespace allowed, nothing else).
fn one_text<'de, R: serde_json::de::Read<'de>, T: Deserialize<'de>>(
    mut de: serde_json::Deserializer<R>,
) -> Result<T, serde_json::Error> {
    let value = T::deserialize(&mut de)?;
    de.end()?;
    Ok(value)
}

/// Parses one complete JSON text (surrounding JSON whitespace allowed, nothing else).
pub(crate) fn parse(bytes: &[u8]) -> Result<Value, EnvelopeError> {
    one_text(serde_json::Deserializer::from_slice(bytes)).map_err(|e| EnvelopeError::Syntax {
        message: e.to_string(),
    })
}

/// Why a payload is not strict JSON (contract §2).
#[derive(Debug, thiserror::Error)]
pub enum StrictJsonError {
    #[error("a byte order mark is not allowed")]
    ByteOrderMark,
    #[error("not UTF-8: {0}")]
    NotUtf8(#[from] std::str::Utf8Error),
    /// A syntax error, a repeated key, a lone surrogate or a non-finite number, with its line
    /// and column.
    #[error("invalid JSON: {0}")]
    Syntax(#[from] serde_json::Error),
}

/// Parses a payload as strict JSON (contract §2): UTF-8, no byte order mark, no repeated key in
/// any object, no lone surrogate, no `NaN`/`Infinity`, exactly one JSON text.
pub fn parse_strict(bytes: &[u8]) -> Result<serde_json::Value, StrictJsonError> {
    if bytes.starts_with(&[0xEF, 0xBB, 0xBF]) {
        return Err(StrictJsonError::ByteOrderMark);
    }
    let text = std::str::from_utf8(bytes)?;
    let StrictValue(v) = one_text(serde_json::Deserializer::from_str(text))?;
    Ok(v)
}

/// A [`serde_json::Value`] read with repeated keys refused.
struct StrictValue(serde_json::Value);

impl<'de> Deserialize<'de> for StrictValue {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(StrictVisitor).map(StrictValue)
    }
}

struct StrictVisitor;

impl<'de> Visitor<'de> for StrictVisitor {
    type Value = serde_json::Value;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON value")
    }
    fn visit_bool<E>(self, v: bool) -> Result<Self::Value, E> {
        Ok(serde_json::Value::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Self::Value, E> {
        Ok(serde_json::Value::from(v))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Self::Value, E> {
        Ok(serde_json::Value::from(v))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
        serde_json::Number::from_f64(v)
            .map(serde_json::Value::Number)
            .ok_or_else(|| E::custom("non-finite number"))
    }
    fn visit_str<E>(self, v: &str) -> Result<Self::Value, E> {
        Ok(serde_json::Value::String(v.to_owned()))
    }
    fn visit_string<E>(self, v: String) -> Result<Self::Value, E> {
        Ok(serde_json::Value::String(v))
    }
    fn visit_unit<E>(self) -> Result<Self::Value, E> {
        Ok(serde_json::Value::Null)
    }
    fn visit_none<E>(self) -> Result<Self::Value, E> {
        Ok(serde_json::Value::Null)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut out = Vec::new();
        while let Some(StrictValue(v)) = seq.next_element()? {
            out.push(v);
        }
        Ok(serde_json::Value::Array(out))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut out = serde_json::Map::new();
        while let Some(key) = map.next_key::<String>()? {
            if out.contains_key(&key) {
                return Err(de::Error::custom(format!("duplicate key \"{key}\"")));
            }
            let StrictValue(v) = map.next_value()?;
            out.insert(key, v);
        }
        Ok(serde_json::Value::Object(out))
    }
}

impl Value {
    fn kind(&self) -> &'static str {
        match self {
            Value::Null => "null",
            Value::Bool => "a boolean",
            Value::U64(_) | Value::OtherNumber => "a number",
            Value::Str(_) => "a string",
            Value::Array(_) => "an array",
            Value::Object(_) => "an object",
        }
    }
}

pub(crate) fn wrong_type(
    object: &'static str,
    field: &'static str,
    expected: &'static str,
    v: &Value,
) -> EnvelopeError {
    EnvelopeError::WrongType {
        object,
        field,
        expected,
        found: v.kind(),
    }
}

/// Takes exactly the members `names` of an object, each once, in any order.
pub(crate) fn fields<'a, const N: usize>(
    v: &'a Value,
    object: &'static str,
    names: [&'static str; N],
) -> Result<[&'a Value; N], EnvelopeError> {
    let Value::Object(members) = v else {
        return Err(EnvelopeError::NotAnObject {
            object,
            found: v.kind(),
        });
    };
    let mut found: [Option<&Value>; N] = [None; N];
    for (key, value) in members {
        let Some(i) = names.iter().position(|n| n == key) else {
            return Err(EnvelopeError::UnknownField {
                object,
                field: key.clone(),
            });
        };
        if found[i].replace(value).is_some() {
            return Err(EnvelopeError::DuplicateKey {
                object,
                key: key.clone(),
            });
        }
    }
    if let Some(i) = found.iter().position(Option::is_none) {
        return Err(EnvelopeError::MissingField {
            object,
            field: names[i],
        });
    }
    Ok(found.map(|f| f.unwrap_or(&NULL)))
}

/// A string member whose every character is printable ASCII (0x20..=0x7E).
pub(crate) fn printable_str<'a>(
    v: &'a Value,
    object: &'static str,
    field: &'static str,
) -> Result<&'a str, EnvelopeError> {
    let Value::Str(s) = v else {
        return Err(wrong_type(object, field, "a string", v));
    };
    if let Some(offset) = s.bytes().position(|b| !(0x20..=0x7e).contains(&b)) {
        return Err(EnvelopeError::NonPrintable {
            object,
            field,
            offset,
        });
    }
    Ok(s)
}

/// Appends `s` as a JSON string. Canonical content (printable ASCII without `"` or `\`) is
/// copied unchanged; anything else is escaped so the output stays valid JSON, and the entry
/// line parser then refuses it because canonical lines contain no escapes.
pub(crate) fn write_str(out: &mut String, s: &str) {
    out.push('"');
    // Most strings (base64, ids, key ids) need no escape: copied whole.
    if !s.bytes().any(|b| b < 0x20 || b == b'"' || b == b'\\') {
        out.push_str(s);
        out.push('"');
        return;
    }
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if u32::from(c) < 0x20 => out.push_str(&format!("\\u{:04x}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
}
