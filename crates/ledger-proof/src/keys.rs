//! C2SP signed-note Ed25519 keys (the `sumdb/note` text formats) and key ids.
//!
//! A verifier key is `<name>+<keyhash>+<base64(0x01 || public key)>`, a signer key is
//! `PRIVATE+KEY+<name>+<keyhash>+<base64(0x01 || seed)>`, and a key id is `<name>+<keyhash>`.
//! Public keys that are non-canonical point encodings or of small order are refused here,
//! once, so that no later check has to remember to.

use std::fmt;
use std::str::FromStr;

use ed25519_dalek::{Signature, Signer, SigningKey, VerifyingKey};
use rand_core::{CryptoRng, RngCore};
use sha2::{Digest, Sha256};
use thiserror::Error;

use crate::encoding::{b64_decode_strict, b64_encode, is_lower_hex, Base64Error};

/// Signature type byte of Ed25519 in C2SP signed-note.
const ALG_ED25519: u8 = 0x01;
const MAX_NAME_LEN: usize = 64;
const SKEY_PREFIX: &str = "PRIVATE+KEY+";

/// Why a key or key id text was refused.
#[derive(Clone, Debug, Error, PartialEq, Eq)]
pub enum KeyError {
    #[error("invalid key name {name:?}: must be 1-64 characters of [A-Za-z0-9._/-]")]
    InvalidName { name: String },
    #[error("malformed {what}: {reason}")]
    Malformed {
        what: &'static str,
        reason: &'static str,
    },
    #[error("invalid key hash {text:?}: must be 8 lowercase hex digits")]
    InvalidKeyHash { text: String },
    #[error("key material is not canonical base64: {0}")]
    Base64(#[source] Base64Error),
    #[error("key material is {len} bytes, expected 33 (algorithm byte and 32-byte key)")]
    WrongLength { len: usize },
    #[error("unsupported signature algorithm {alg:#04x}: only 0x01 (Ed25519) is accepted")]
    UnsupportedAlgorithm { alg: u8 },
    #[error("key hash {stated} does not match {computed}, the hash of the name and public key")]
    HashMismatch { stated: String, computed: String },
    #[error("public key is not a point on Ed25519")]
    InvalidPoint,
    #[error("public key is a non-canonical point encoding")]
    NonCanonicalPoint,
    #[error("public key is of small order")]
    SmallOrder,
}

/// True if `name` is 1-64 characters of `[A-Za-z0-9._/-]` (the contract's key names).
pub fn is_valid_key_name(name: &str) -> bool {
    (1..=MAX_NAME_LEN).contains(&name.len())
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'/' | b'-'))
}

/// First 4 bytes of SHA-256(name || 0x0A || 0x01 || public key): the C2SP key id hash.
pub fn key_hash(name: &str, public_key: &[u8; 32]) -> [u8; 4] {
    let mut h = Sha256::new();
    h.update(name.as_bytes());
    h.update([b'\n', ALG_ED25519]);
    h.update(public_key);
    let d = h.finalize();
    [d[0], d[1], d[2], d[3]]
}

/// Parses a key id `<name>+<8 lowercase hex>` strictly.
pub fn parse_key_id(id: &str) -> Result<(String, [u8; 4]), KeyError> {
    let (name, hash) = id.split_once('+').ok_or(KeyError::Malformed {
        what: "key id",
        reason: "expected <name>+<keyhash>",
    })?;
    check_name(name)?;
    Ok((name.to_owned(), parse_hash_text(hash)?))
}

fn check_name(name: &str) -> Result<(), KeyError> {
    if is_valid_key_name(name) {
        Ok(())
    } else {
        Err(KeyError::InvalidName {
            name: name.to_owned(),
        })
    }
}

fn parse_hash_text(text: &str) -> Result<[u8; 4], KeyError> {
    let mut out = [0u8; 4];
    if text.len() != 8 || !is_lower_hex(text) || hex::decode_to_slice(text, &mut out).is_err() {
        return Err(KeyError::InvalidKeyHash {
            text: text.to_owned(),
        });
    }
    Ok(out)
}

/// Decodes `base64(0x01 || 32 bytes)`.
fn parse_key_material(b64: &str) -> Result<[u8; 32], KeyError> {
    let raw = b64_decode_strict(b64).map_err(KeyError::Base64)?;
    let Ok([alg, key @ ..]) = <[u8; 33]>::try_from(raw.as_slice()) else {
        return Err(KeyError::WrongLength { len: raw.len() });
    };
    if alg != ALG_ED25519 {
        return Err(KeyError::UnsupportedAlgorithm { alg });
    }
    Ok(key)
}

fn key_material_text(key: &[u8; 32]) -> String {
    let mut raw = Vec::with_capacity(33);
    raw.push(ALG_ED25519);
    raw.extend_from_slice(key);
    b64_encode(&raw)
}

fn check_stated_hash(stated: [u8; 4], computed: [u8; 4]) -> Result<(), KeyError> {
    if stated == computed {
        Ok(())
    } else {
        Err(KeyError::HashMismatch {
            stated: hex::encode(stated),
            computed: hex::encode(computed),
        })
    }
}

/// Refuses public keys that verify_strict would refuse anyway, and non-canonical encodings
/// (which would give one point two key ids).
fn check_public_key(key: &VerifyingKey) -> Result<(), KeyError> {
    // Re-compressing the decoded point yields its one canonical encoding.
    if VerifyingKey::from(key.to_edwards()).as_bytes() != key.as_bytes() {
        return Err(KeyError::NonCanonicalPoint);
    }
    if key.is_weak() {
        return Err(KeyError::SmallOrder);
    }
    Ok(())
}

/// A parsed, validated verifier key.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VerifierKey {
    name: String,
    hash: [u8; 4],
    key: VerifyingKey,
}

impl VerifierKey {
    /// Parses `<name>+<keyhash>+<base64(0x01 || pk)>`, ignoring surrounding whitespace.
    pub fn parse(text: &str) -> Result<Self, KeyError> {
        let text = text.trim();
        // Split at the first two '+' only: the base64 part may itself contain '+'.
        let mut parts = text.splitn(3, '+');
        let (Some(name), Some(hash), Some(b64)) = (parts.next(), parts.next(), parts.next()) else {
            return Err(KeyError::Malformed {
                what: "verifier key",
                reason: "expected <name>+<keyhash>+<base64 key>",
            });
        };
        check_name(name)?;
        let stated = parse_hash_text(hash)?;
        let pk = parse_key_material(b64)?;
        check_stated_hash(stated, key_hash(name, &pk))?;
        let key = VerifyingKey::from_bytes(&pk).map_err(|_| KeyError::InvalidPoint)?;
        check_public_key(&key)?;
        Ok(VerifierKey {
            name: name.to_owned(),
            hash: stated,
            key,
        })
    }

    /// Wraps a public key under a name, with the same checks as [`VerifierKey::parse`].
    pub fn from_verifying_key(name: &str, key: VerifyingKey) -> Result<Self, KeyError> {
        check_name(name)?;
        check_public_key(&key)?;
        Ok(VerifierKey {
            name: name.to_owned(),
            hash: key_hash(name, key.as_bytes()),
            key,
        })
    }

    pub fn name(&self) -> &str {
        &self.name
    }

    pub fn hash(&self) -> [u8; 4] {
        self.hash
    }

    /// `<name>+<keyhash hex>`.
    pub fn key_id(&self) -> String {
        format!("{}+{}", self.name, hex::encode(self.hash))
    }

    pub fn public_key(&self) -> &VerifyingKey {
        &self.key
    }

    /// Verifies a 64-byte Ed25519 signature with `verify_strict` (S < L, no small-order R or
    /// A, R compared as bytes). Any other length is simply not a valid signature.
    pub fn verify(&self, msg: &[u8], sig: &[u8]) -> bool {
        let Ok(bytes) = <[u8; 64]>::try_from(sig) else {
            return false;
        };
        self.key
            .verify_strict(msg, &Signature::from_bytes(&bytes))
            .is_ok()
    }
}

impl fmt::Display for VerifierKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}+{}+{}",
            self.name,
            hex::encode(self.hash),
            key_material_text(self.key.as_bytes())
        )
    }
}

impl FromStr for VerifierKey {
    type Err = KeyError;
    fn from_str(s: &str) -> Result<Self, KeyError> {
        VerifierKey::parse(s)
    }
}

/// A signer key. Its `Debug` shows the key id only, never the seed.
#[derive(Clone)]
pub struct SignerKey {
    name: String,
    hash: [u8; 4],
    key: SigningKey,
}

impl SignerKey {
    /// Parses `PRIVATE+KEY+<name>+<keyhash>+<base64(0x01 || seed)>`, ignoring surrounding
    /// whitespace; the key hash must match the derived public key.
    pub fn parse(text: &str) -> Result<Self, KeyError> {
        let malformed = KeyError::Malformed {
            what: "signer key",
            reason: "expected PRIVATE+KEY+<name>+<keyhash>+<base64 seed>",
        };
        let rest = text
            .trim()
            .strip_prefix(SKEY_PREFIX)
            .ok_or(malformed.clone())?;
        let mut parts = rest.splitn(3, '+');
        let (Some(name), Some(hash), Some(b64)) = (parts.next(), parts.next(), parts.next()) else {
            return Err(malformed);
        };
        check_name(name)?;
        let stated = parse_hash_text(hash)?;
        let seed = parse_key_material(b64)?;
        let key = SignerKey::from_seed(name, seed)?;
        check_stated_hash(stated, key.hash)?;
        Ok(key)
    }

    /// A fresh key from the caller's cryptographic rng.
    pub fn generate<R: CryptoRng + RngCore>(name: &str, rng: &mut R) -> Result<Self, KeyError> {
        let mut seed = [0u8; 32];
        rng.fill_bytes(&mut seed);
        SignerKey::from_seed(name, seed)
    }

    pub fn from_seed(name: &str, seed: [u8; 32]) -> Result<Self, KeyError> {
        check_name(name)?;
        let key = SigningKey::from_bytes(&seed);
        Ok(SignerKey {
            name: name.to_owned(),
            hash: key_hash(name, key.verifying_key().as_bytes()),
            key,
        })
    }

    pub fn name(&self) -> &str {
        &self.name
    }

    /// `<name>+<keyhash hex>`.
    pub fn key_id(&self) -> String {
        format!("{}+{}", self.name, hex::encode(self.hash))
    }

    pub fn verifier(&self) -> VerifierKey {
        // A public key derived from a seed is always a canonical, prime-order point, so this
        // does not go through the checks that guard untrusted key texts.
        VerifierKey {
            name: self.name.clone(),
            hash: self.hash,
            key: self.key.verifying_key(),
        }
    }

    /// Deterministic Ed25519 (RFC 8032) signature over `msg`.
    pub fn sign(&self, msg: &[u8]) -> [u8; 64] {
        self.key.sign(msg).to_bytes()
    }
}

impl fmt::Display for SignerKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{SKEY_PREFIX}{}+{}+{}",
            self.name,
            hex::encode(self.hash),
            key_material_text(self.key.as_bytes())
        )
    }
}

impl fmt::Debug for SignerKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SignerKey")
            .field("key_id", &self.key_id())
            .finish_non_exhaustive()
    }
}

/// A verifier key is kept (in snapshots of derived state) as its text form, and parsed back.
impl serde::Serialize for VerifierKey {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_string())
    }
}

impl<'de> serde::Deserialize<'de> for VerifierKey {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        VerifierKey::parse(&text).map_err(serde::de::Error::custom)
    }
}
