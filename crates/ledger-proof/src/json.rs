//! A small strict JSON reader and writer for the two JSON texts this crate owns: the DSSE
//! envelope and the entry line.
//!
//! serde_json already refuses invalid UTF-8, lone surrogates, a BOM, `NaN` and `Infinity`,
//! and bounds nesting depth; what it does not do is tell us about repeated keys. So the text
//! is read into [`Value`], which keeps every object member in input order, duplicates
//! included, and the shape checks run on that.

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

/// Parses one complete JSON text (surrounding JSON whitespace allowed, nothing else).
pub(crate) fn parse(bytes: &[u8]) -> Result<Value, EnvelopeError> {
    let syntax = |e: serde_json::Error| EnvelopeError::Syntax {
        message: e.to_string(),
    };
    let mut de = serde_json::Deserializer::from_slice(bytes);
    let value = Value::deserialize(&mut de).map_err(syntax)?;
    de.end().map_err(syntax)?;
    Ok(value)
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
