//! C2SP tlog-cosignature, Ed25519 `cosignature/v1` (contract §10): witness keys (vkey signature
//! type 0x04), timestamped cosignatures over a checkpoint's body, and their verification.
//!
//! - key id: `SHA-256(<name> || "\n" || 0x04 || 32-byte public key)[:4]`;
//! - signature line: `— <name> base64(key id || u64 big-endian timestamp || Ed25519 signature)`;
//! - signed message: `cosignature/v1\n` + `time <timestamp>\n` + the checkpoint body (with its
//!   final newline, without signature lines).

use crate::encoding::{b64_decode, b64_encode};
use crate::keys::KeyError;
use crate::note::{NoteSignature, SignedNote};
use ed25519_dalek::{Signature, Signer, SigningKey, VerifyingKey};
use sha2::{Digest, Sha256};
use std::fmt;

/// The vkey signature type of Ed25519 cosigners.
pub const ALG_COSIGNATURE_V1: u8 = 0x04;
const SKEY_PREFIX: &str = "PRIVATE+KEY+";

/// `SHA-256(name || "\n" || 0x04 || key)[:4]`.
pub fn cosigner_key_hash(name: &str, public_key: &[u8; 32]) -> [u8; 4] {
    let mut h = Sha256::new();
    h.update(name.as_bytes());
    h.update([b'\n', ALG_COSIGNATURE_V1]);
    h.update(public_key);
    let d = h.finalize();
    [d[0], d[1], d[2], d[3]]
}

/// The message a `cosignature/v1` signs.
pub fn cosigned_message(body: &str, timestamp: u64) -> Vec<u8> {
    format!("cosignature/v1\ntime {timestamp}\n{body}").into_bytes()
}

/// C2SP key names: non-empty, no Unicode space, no `+`.
fn check_name(name: &str) -> Result<(), KeyError> {
    if name.is_empty() || name.chars().any(|c| c.is_whitespace() || c == '+') {
        return Err(KeyError::Malformed {
            what: "witness key",
            reason: "the name must be non-empty, without spaces or '+'",
        });
    }
    Ok(())
}

fn parse_material(b64: &str, what: &'static str) -> Result<[u8; 32], KeyError> {
    let raw = b64_decode(b64).map_err(|_| KeyError::Malformed {
        what,
        reason: "the key material is not canonical base64",
    })?;
    match raw.split_first() {
        Some((&ALG_COSIGNATURE_V1, rest)) if rest.len() == 32 => {
            let mut k = [0u8; 32];
            k.copy_from_slice(rest);
            Ok(k)
        }
        Some((&ALG_COSIGNATURE_V1, _)) => Err(KeyError::Malformed {
            what,
            reason: "an Ed25519 cosigner key is 32 bytes",
        }),
        _ => Err(KeyError::Malformed {
            what,
            reason: "not a cosignature/v1 key (signature type 0x04)",
        }),
    }
}

fn parse_hash(text: &str, what: &'static str) -> Result<[u8; 4], KeyError> {
    let bad = KeyError::Malformed {
        what,
        reason: "the key hash must be 8 lowercase hex digits",
    };
    if text.len() != 8 || !text.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f')) {
        return Err(bad);
    }
    let v = hex::decode(text).map_err(|_| bad)?;
    Ok([v[0], v[1], v[2], v[3]])
}

fn material_text(pk: &[u8; 32]) -> String {
    let mut raw = vec![ALG_COSIGNATURE_V1];
    raw.extend_from_slice(pk);
    b64_encode(&raw)
}

/// A witness's public key: `<name>+<hash>+<base64(0x04 || key)>`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CosignerKey {
    name: String,
    hash: [u8; 4],
    key: VerifyingKey,
}

impl CosignerKey {
    pub fn parse(text: &str) -> Result<Self, KeyError> {
        let what = "witness verifier key";
        let mut parts = text.trim().splitn(3, '+');
        let (Some(name), Some(hash), Some(b64)) = (parts.next(), parts.next(), parts.next()) else {
            return Err(KeyError::Malformed {
                what,
                reason: "expected <name>+<keyhash>+<base64 key>",
            });
        };
        check_name(name)?;
        let stated = parse_hash(hash, what)?;
        let pk = parse_material(b64, what)?;
        if cosigner_key_hash(name, &pk) != stated {
            return Err(KeyError::Malformed {
                what,
                reason: "the key hash does not match the name and key",
            });
        }
        let key = VerifyingKey::from_bytes(&pk).map_err(|_| KeyError::InvalidPoint)?;
        if key.is_weak() {
            return Err(KeyError::InvalidPoint);
        }
        Ok(CosignerKey {
            name: name.to_owned(),
            hash: stated,
            key,
        })
    }

    pub fn name(&self) -> &str {
        &self.name
    }

    pub fn hash(&self) -> [u8; 4] {
        self.hash
    }

    pub fn public_key(&self) -> &[u8; 32] {
        self.key.as_bytes()
    }

    /// The timestamp of `sig` if it is a valid cosignature by this key over `body`.
    pub fn verify(&self, body: &str, sig: &NoteSignature) -> Option<u64> {
        if sig.name != self.name || sig.key_hash != self.hash || sig.signature.len() != 72 {
            return None;
        }
        let mut ts = [0u8; 8];
        ts.copy_from_slice(&sig.signature[..8]);
        let t = u64::from_be_bytes(ts);
        if t > i64::MAX as u64 {
            return None;
        }
        let s = <[u8; 64]>::try_from(&sig.signature[8..]).ok()?;
        self.key
            .verify_strict(&cosigned_message(body, t), &Signature::from_bytes(&s))
            .ok()
            .map(|_| t)
    }

    /// The timestamps of this key's valid cosignatures on a checkpoint note (the first one
    /// counts; an invalid line by this key makes none count).
    pub fn cosigned_at(&self, note: &SignedNote) -> Option<u64> {
        let mut at = None;
        for s in &note.signatures {
            if s.name != self.name || s.key_hash != self.hash {
                continue;
            }
            match self.verify(&note.text, s) {
                Some(t) => at = at.or(Some(t)),
                None => return None,
            }
        }
        at
    }
}

impl fmt::Display for CosignerKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}+{}+{}",
            self.name,
            hex::encode(self.hash),
            material_text(self.key.as_bytes())
        )
    }
}

/// A witness's signing key: `PRIVATE+KEY+<name>+<hash>+<base64(0x04 || seed)>`. `Debug` shows
/// the name only.
#[derive(Clone)]
pub struct CosignerSigner {
    name: String,
    hash: [u8; 4],
    key: SigningKey,
}

impl fmt::Debug for CosignerSigner {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "CosignerSigner({}+{})",
            self.name,
            hex::encode(self.hash)
        )
    }
}

impl CosignerSigner {
    pub fn from_seed(name: &str, seed: [u8; 32]) -> Result<Self, KeyError> {
        check_name(name)?;
        let key = SigningKey::from_bytes(&seed);
        Ok(CosignerSigner {
            name: name.to_owned(),
            hash: cosigner_key_hash(name, key.verifying_key().as_bytes()),
            key,
        })
    }

    pub fn generate<R: rand_core::CryptoRng + rand_core::RngCore>(
        name: &str,
        rng: &mut R,
    ) -> Result<Self, KeyError> {
        let mut seed = [0u8; 32];
        rng.fill_bytes(&mut seed);
        Self::from_seed(name, seed)
    }

    pub fn parse(text: &str) -> Result<Self, KeyError> {
        let what = "witness signer key";
        let malformed = KeyError::Malformed {
            what,
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
        let stated = parse_hash(hash, what)?;
        let seed = parse_material(b64, what)?;
        let k = Self::from_seed(name, seed)?;
        if k.hash != stated {
            return Err(KeyError::Malformed {
                what,
                reason: "the key hash does not match the name and key",
            });
        }
        Ok(k)
    }

    pub fn name(&self) -> &str {
        &self.name
    }

    pub fn verifier(&self) -> CosignerKey {
        CosignerKey {
            name: self.name.clone(),
            hash: self.hash,
            key: self.key.verifying_key(),
        }
    }

    /// The cosignature line (with its newline) over a checkpoint body, at `timestamp`.
    pub fn cosign(&self, body: &str, timestamp: u64) -> String {
        let sig = self.key.sign(&cosigned_message(body, timestamp)).to_bytes();
        let mut raw = Vec::with_capacity(76);
        raw.extend_from_slice(&self.hash);
        raw.extend_from_slice(&timestamp.to_be_bytes());
        raw.extend_from_slice(&sig);
        format!("\u{2014} {} {}\n", self.name, b64_encode(&raw))
    }
}

impl fmt::Display for CosignerSigner {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{SKEY_PREFIX}{}+{}+{}",
            self.name,
            hex::encode(self.hash),
            material_text(&self.key.to_bytes())
        )
    }
}
