//! Entry lines (contract §3): the canonical one-line JSON of an entry and its BLAKE3 chain.
//!
//! The line bytes are the entry. Parsing therefore accepts a line only if rendering what was
//! parsed gives the very same bytes, so a verifier never has to re-serialize anything.

use thiserror::Error;

use crate::dsse::{Envelope, EnvelopeError};
use crate::encoding::parse_hash_hex;
use crate::json::{self, Value};
use crate::Hash;

/// `prev` of entry 0.
/// The longest line an entry may be (contract §3): every entry fits a C2SP tlog-tiles entry
/// bundle, whose entries carry a 16-bit length.
pub const MAX_LINE: usize = 65_535;

pub const GENESIS_PREV: Hash = [0; 32];

/// Why a line is not a canonical entry line.
#[derive(Clone, Debug, Error, PartialEq, Eq)]
pub enum EntryError {
    #[error("byte {byte:#04x} at offset {offset} is not printable ASCII")]
    NonPrintableByte { offset: usize, byte: u8 },
    /// Canonical lines never contain a JSON escape (contract §3).
    #[error("JSON escape at offset {offset}: canonical lines contain none")]
    Escape { offset: usize },
    #[error("entry line: {0}")]
    Json(#[from] EnvelopeError),
    #[error("prev {value:?} is not 64 lowercase hex digits")]
    InvalidPrev { value: String },
    #[error("recorded_at {value:?} is not a valid YYYY-MM-DDTHH:MM:SS.mmmZ time")]
    InvalidRecordedAt { value: String },
    #[error("line differs from its canonical rendering at byte {offset}")]
    NonCanonical { offset: usize },
}

/// One entry of the log.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    pub index: u64,
    pub prev: Hash,
    pub recorded_at: String,
    pub envelope: Envelope,
}

impl Entry {
    /// The canonical line, without newline:
    /// `{"index":0,"prev":"<64 hex>","recorded_at":"…","envelope":{…}}`.
    /// The length in bytes of the line entry `index` would have with this envelope: `prev` and
    /// `recorded_at` have fixed widths, so only the index and the envelope vary.
    pub fn line_len(index: u64, envelope: &crate::Envelope) -> usize {
        let mut out = String::new();
        envelope.write_json(&mut out);
        // {"index":N,"prev":"<64 hex>","recorded_at":"<24>","envelope":…}
        r#"{"index":,"prev":"","recorded_at":"","envelope":}"#.len()
            + index.to_string().len()
            + 64
            + 24
            + out.len()
    }

    pub fn render(&self) -> String {
        let mut out = String::with_capacity(160 + self.envelope.payload.len());
        out.push_str("{\"index\":");
        out.push_str(&self.index.to_string());
        out.push_str(",\"prev\":\"");
        out.push_str(&hex::encode(self.prev));
        out.push_str("\",\"recorded_at\":");
        json::write_str(&mut out, &self.recorded_at);
        out.push_str(",\"envelope\":");
        self.envelope.write_json(&mut out);
        out.push('}');
        out
    }

    /// Strict parse of one line (without its newline). Any line that is not byte for byte
    /// the canonical rendering of what it says is refused.
    pub fn parse(line: &str) -> Result<Entry, EntryError> {
        if let Some((offset, &byte)) = line
            .as_bytes()
            .iter()
            .enumerate()
            .find(|(_, b)| !(0x20..=0x7e).contains(*b))
        {
            return Err(EntryError::NonPrintableByte { offset, byte });
        }
        // Rendering escapes `"` and `\` inside strings, so an escaped line could re-render
        // identically; the contract says no escape ever occurs, so refuse any.
        if let Some(offset) = line.find('\\') {
            return Err(EntryError::Escape { offset });
        }

        const OBJ: &str = "entry";
        let value = json::parse(line.as_bytes())?;
        let [index, prev, recorded_at, envelope] =
            json::fields(&value, OBJ, ["index", "prev", "recorded_at", "envelope"])?;
        let Value::U64(index) = *index else {
            return Err(json::wrong_type(OBJ, "index", "a non-negative integer", index).into());
        };
        let prev_text = json::printable_str(prev, OBJ, "prev")?;
        let prev = parse_hash_hex(prev_text).ok_or_else(|| EntryError::InvalidPrev {
            value: prev_text.to_owned(),
        })?;
        let recorded_at = json::printable_str(recorded_at, OBJ, "recorded_at")?;
        if !is_valid_recorded_at(recorded_at) {
            return Err(EntryError::InvalidRecordedAt {
                value: recorded_at.to_owned(),
            });
        }
        let entry = Entry {
            index,
            prev,
            recorded_at: recorded_at.to_owned(),
            envelope: Envelope::from_value(envelope)?,
        };

        let canonical = entry.render();
        if canonical != line {
            let offset = canonical
                .bytes()
                .zip(line.bytes())
                .position(|(a, b)| a != b)
                .unwrap_or(canonical.len().min(line.len()));
            return Err(EntryError::NonCanonical { offset });
        }
        Ok(entry)
    }
}

/// BLAKE3-256 of a line (without newline): the next entry's `prev`.
pub fn chain_hash(line: &[u8]) -> Hash {
    *blake3::hash(line).as_bytes()
}

/// True if `s` is exactly `YYYY-MM-DDTHH:MM:SS.mmmZ` with a real calendar date and a time
/// of day without leap second.
pub fn is_valid_recorded_at(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() != 24 {
        return false;
    }
    let shape_ok = b.iter().enumerate().all(|(i, &c)| match i {
        4 | 7 => c == b'-',
        10 => c == b'T',
        13 | 16 => c == b':',
        19 => c == b'.',
        23 => c == b'Z',
        _ => c.is_ascii_digit(),
    });
    if !shape_ok {
        return false;
    }
    let num = |from: usize, to: usize| {
        b[from..to]
            .iter()
            .fold(0u32, |acc, &c| acc * 10 + u32::from(c - b'0'))
    };
    let (year, month, day) = (num(0, 4), num(5, 7), num(8, 10));
    let (hour, minute, second) = (num(11, 13), num(14, 16), num(17, 19));
    (1..=12).contains(&month)
        && (1..=days_in_month(year, month)).contains(&day)
        && hour < 24
        && minute < 60
        && second < 60
}

fn days_in_month(year: u32, month: u32) -> u32 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        _ => 31,
    }
}
