//! Canonical base64 (RFC 4648 §4, standard alphabet, padded) and lowercase hex.
//!
//! The contract accepts exactly one encoding of any byte string, so that bytes which are
//! signed or hashed cannot be re-encoded into a second, equally "valid" text.

use base64::engine::general_purpose::STANDARD;
use base64::{DecodeError, Engine};
use thiserror::Error;

use crate::merkle::ProofError;
use crate::Hash;

/// Why a text is not canonical base64.
#[derive(Clone, Debug, Error, PartialEq, Eq)]
pub enum Base64Error {
    /// A byte outside the alphabet (this includes whitespace and misplaced `=`).
    #[error("invalid base64 character {byte:#04x} at offset {offset}")]
    InvalidByte { offset: usize, byte: u8 },
    /// The number of symbols cannot encode whole bytes.
    #[error("invalid base64 length ({symbols} symbols)")]
    InvalidLength { symbols: usize },
    /// The last symbol carries non-zero bits that decoding would drop, so another text
    /// decodes to the same bytes.
    #[error("non-zero padding bits in base64 symbol {byte:#04x} at offset {offset}")]
    NonZeroPadBits { offset: usize, byte: u8 },
    /// Padding is missing or is not the canonical amount.
    #[error("missing or non-canonical base64 padding")]
    InvalidPadding,
}

impl From<DecodeError> for Base64Error {
    fn from(e: DecodeError) -> Self {
        match e {
            DecodeError::InvalidByte(offset, byte) => Base64Error::InvalidByte { offset, byte },
            DecodeError::InvalidLength(symbols) => Base64Error::InvalidLength { symbols },
            DecodeError::InvalidLastSymbol(offset, byte) => {
                Base64Error::NonZeroPadBits { offset, byte }
            }
            DecodeError::InvalidPadding => Base64Error::InvalidPadding,
        }
    }
}

/// Encodes bytes as padded standard base64.
pub fn b64_encode(bytes: &[u8]) -> String {
    STANDARD.encode(bytes)
}

/// Decodes canonical padded standard base64 only.
///
/// The `STANDARD` engine already requires canonical padding and zero trailing bits and
/// rejects any byte outside the alphabet (whitespace included); this function exists so that
/// every caller goes through that one configuration.
pub fn b64_decode(s: &str) -> Result<Vec<u8>, ProofError> {
    Ok(b64_decode_strict(s)?)
}

pub(crate) fn b64_decode_strict(s: &str) -> Result<Vec<u8>, Base64Error> {
    Ok(STANDARD.decode(s)?)
}

/// Parses exactly 64 lowercase hex digits.
pub(crate) fn parse_hash_hex(s: &str) -> Option<Hash> {
    if s.len() != 64 || !is_lower_hex(s) {
        return None;
    }
    let mut out = [0u8; 32];
    hex::decode_to_slice(s, &mut out).ok()?;
    Some(out)
}

/// True if every character is one of `0-9a-f` (upper case is not canonical here).
pub(crate) fn is_lower_hex(s: &str) -> bool {
    s.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}
