//! C2SP signed notes (`c2sp.org/signed-note`) with Ed25519 signatures, and the ledger's
//! checkpoints (`c2sp.org/tlog-checkpoint`, no extension lines).
//!
//! A note is its text, a blank line, and signature lines `— <name> <base64(keyhash ||
//! sig)>`. Lines by keys we do not know (witness cosignatures) are kept but ignored; a line
//! by the key we verify against must verify, and at least one must be there.

use std::fmt;

use thiserror::Error;

use crate::encoding::{b64_decode_strict, b64_encode, Base64Error};
use crate::keys::{is_valid_key_name, SignerKey, VerifierKey};
use crate::Hash;

/// Every signature line starts with an EM DASH (U+2014) and a space.
const SIG_PREFIX: &str = "\u{2014} ";
/// C2SP asks verifiers to accept at least 16 signatures; the cap bounds the work one note
/// can ask for.
const MAX_SIGNATURES: usize = 100;

/// Why a note or checkpoint was refused.
#[derive(Clone, Debug, Error, PartialEq, Eq)]
pub enum NoteError {
    #[error("control character {byte:#04x} at byte {offset} (only newline is allowed)")]
    ControlCharacter { offset: usize, byte: u8 },
    #[error("note text must be non-empty and end with a newline")]
    TextNotTerminated,
    #[error("no blank line separating the text from the signatures")]
    MissingSignatureBlock,
    #[error("signature block is empty or does not end with a newline")]
    BadSignatureBlock,
    #[error("signature line {line}: {reason}")]
    MalformedSignatureLine { line: usize, reason: &'static str },
    #[error("signature line {line}: {source}")]
    SignatureBase64 {
        line: usize,
        #[source]
        source: Base64Error,
    },
    #[error("more than {max} signature lines")]
    TooManySignatures { max: usize },
    #[error("no signature by {key_id}")]
    NoSignatureByKey { key_id: String },
    #[error("signature by {key_id} does not verify")]
    InvalidSignature { key_id: String },
    #[error("checkpoint body has {lines} lines, expected exactly 3 (origin, size, root)")]
    CheckpointLines { lines: usize },
    #[error("checkpoint origin {origin:?} is not a valid key name")]
    InvalidOrigin { origin: String },
    #[error("checkpoint size {text:?} is not a decimal u64 without leading zeros")]
    InvalidSize { text: String },
    #[error("checkpoint root is not canonical base64: {0}")]
    RootBase64(#[source] Base64Error),
    #[error("checkpoint root is {len} bytes, expected 32")]
    RootLength { len: usize },
    #[error("checkpoint origin {origin:?} is not the log key name {key_name:?}")]
    OriginMismatch { origin: String, key_name: String },
}

/// One signature line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NoteSignature {
    pub name: String,
    pub key_hash: [u8; 4],
    /// The bytes after the 4-byte key hash.
    pub signature: Vec<u8>,
}

/// A parsed (not yet verified) signed note.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SignedNote {
    /// The text, including its final newline, excluding the separating blank line.
    pub text: String,
    pub signatures: Vec<NoteSignature>,
}

/// Text rule of C2SP: no ASCII control character but newline (UTF-8 is given by `&str`).
fn check_no_controls(s: &str) -> Result<(), NoteError> {
    match s.bytes().enumerate().find(|&(_, b)| b < 0x20 && b != b'\n') {
        Some((offset, byte)) => Err(NoteError::ControlCharacter { offset, byte }),
        None => Ok(()),
    }
}

/// C2SP key names: non-empty, no Unicode space, no `+`. Cosigners' names are not ours to
/// restrict further; our own keys additionally satisfy [`is_valid_key_name`].
fn is_c2sp_name(name: &str) -> bool {
    !name.is_empty() && !name.chars().any(|c| c.is_whitespace() || c == '+')
}

fn signature_line(name: &str, hash: [u8; 4], sig: &[u8]) -> String {
    let mut raw = Vec::with_capacity(4 + sig.len());
    raw.extend_from_slice(&hash);
    raw.extend_from_slice(sig);
    format!("{SIG_PREFIX}{name} {}\n", b64_encode(&raw))
}

impl SignedNote {
    /// Strict C2SP parse: text ending in newline, a blank line, then one or more well-formed
    /// signature lines (canonical base64 of a 4-byte key hash and at least one byte).
    pub fn parse(note: &str) -> Result<SignedNote, NoteError> {
        check_no_controls(note)?;
        // The text may contain blank lines; the signatures start after the last one.
        let split = note.rfind("\n\n").ok_or(NoteError::MissingSignatureBlock)?;
        let (text, block) = (&note[..=split], &note[split + 2..]);
        if block.is_empty() || !block.ends_with('\n') {
            return Err(NoteError::BadSignatureBlock);
        }
        let mut signatures = Vec::new();
        for (i, line) in block[..block.len() - 1].split('\n').enumerate() {
            let line_no = i + 1;
            if line_no > MAX_SIGNATURES {
                return Err(NoteError::TooManySignatures {
                    max: MAX_SIGNATURES,
                });
            }
            let malformed = |reason| NoteError::MalformedSignatureLine {
                line: line_no,
                reason,
            };
            let rest = line
                .strip_prefix(SIG_PREFIX)
                .ok_or(malformed("does not start with an em dash and a space"))?;
            let (name, b64) = rest
                .split_once(' ')
                .ok_or(malformed("expected <name> <base64>"))?;
            if !is_c2sp_name(name) {
                return Err(malformed("invalid key name"));
            }
            let raw = b64_decode_strict(b64).map_err(|source| NoteError::SignatureBase64 {
                line: line_no,
                source,
            })?;
            let [a, b, c, d, signature @ ..] = raw.as_slice() else {
                return Err(malformed("signature shorter than the 4-byte key hash"));
            };
            if signature.is_empty() {
                return Err(malformed("empty signature"));
            }
            signatures.push(NoteSignature {
                name: name.to_owned(),
                key_hash: [*a, *b, *c, *d],
                signature: signature.to_vec(),
            });
        }
        Ok(SignedNote {
            text: text.to_owned(),
            signatures,
        })
    }

    /// Signs `text` (non-empty, ending in newline, no control characters but newline) and
    /// returns the whole note: text, blank line, one signature line.
    pub fn sign(text: &str, key: &SignerKey) -> Result<String, NoteError> {
        if !text.ends_with('\n') {
            return Err(NoteError::TextNotTerminated);
        }
        check_no_controls(text)?;
        let verifier = key.verifier();
        let line = signature_line(key.name(), verifier.hash(), &key.sign(text.as_bytes()));
        Ok(format!("{text}\n{line}"))
    }

    /// Signature lines whose (name, key hash) are not the key's are ignored; at least one
    /// line must be the key's, and every line that is must verify.
    pub fn verify(&self, key: &VerifierKey) -> Result<(), NoteError> {
        let mut seen = false;
        for s in &self.signatures {
            if s.name != key.name() || s.key_hash != key.hash() {
                continue;
            }
            if !key.verify(self.text.as_bytes(), &s.signature) {
                return Err(NoteError::InvalidSignature {
                    key_id: key.key_id(),
                });
            }
            seen = true;
        }
        if seen {
            Ok(())
        } else {
            Err(NoteError::NoSignatureByKey {
                key_id: key.key_id(),
            })
        }
    }
}

impl fmt::Display for SignedNote {
    /// The note as text: text, blank line, signature lines.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "{}", self.text)?;
        for s in &self.signatures {
            f.write_str(&signature_line(&s.name, s.key_hash, &s.signature))?;
        }
        Ok(())
    }
}

/// A tlog checkpoint: the log's origin (its key name), tree size and root.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Checkpoint {
    pub origin: String,
    pub size: u64,
    pub root: Hash,
}

impl Checkpoint {
    /// `<origin>\n<size>\n<base64 root>\n`.
    pub fn body(&self) -> String {
        format!(
            "{}\n{}\n{}\n",
            self.origin,
            self.size,
            b64_encode(&self.root)
        )
    }

    /// The full signed note. The key must be the log key, whose name is the origin.
    pub fn sign(&self, key: &SignerKey) -> Result<String, NoteError> {
        if self.origin != key.name() {
            return Err(NoteError::OriginMismatch {
                origin: self.origin.clone(),
                key_name: key.name().to_owned(),
            });
        }
        SignedNote::sign(&self.body(), key)
    }

    /// Parses a checkpoint note and verifies it against the log key: exactly three body
    /// lines, origin equal to the key name, and a valid signature by that key.
    pub fn parse_verified(note: &str, key: &VerifierKey) -> Result<Checkpoint, NoteError> {
        let (checkpoint, signed) = Checkpoint::parse_unverified(note)?;
        if checkpoint.origin != key.name() {
            return Err(NoteError::OriginMismatch {
                origin: checkpoint.origin,
                key_name: key.name().to_owned(),
            });
        }
        signed.verify(key)?;
        Ok(checkpoint)
    }

    /// The same parse without a key; signatures are parsed but not checked.
    pub fn parse_unverified(note: &str) -> Result<(Checkpoint, SignedNote), NoteError> {
        let signed = SignedNote::parse(note)?;
        let checkpoint = Checkpoint::parse_body(&signed.text)?;
        Ok((checkpoint, signed))
    }

    fn parse_body(text: &str) -> Result<Checkpoint, NoteError> {
        // The text ends in '\n' (SignedNote::parse guarantees it), so this yields its lines.
        let body = text.strip_suffix('\n').unwrap_or(text);
        let lines: Vec<&str> = body.split('\n').collect();
        let [origin, size, root] = lines.as_slice() else {
            return Err(NoteError::CheckpointLines { lines: lines.len() });
        };
        if !is_valid_key_name(origin) {
            return Err(NoteError::InvalidOrigin {
                origin: (*origin).to_owned(),
            });
        }
        let canonical_decimal = !size.is_empty()
            && size.bytes().all(|b| b.is_ascii_digit())
            && (*size == "0" || !size.starts_with('0'));
        let size_value = canonical_decimal
            .then(|| size.parse::<u64>().ok())
            .flatten()
            .ok_or_else(|| NoteError::InvalidSize {
                text: (*size).to_owned(),
            })?;
        let raw = b64_decode_strict(root).map_err(NoteError::RootBase64)?;
        let root =
            Hash::try_from(raw.as_slice()).map_err(|_| NoteError::RootLength { len: raw.len() })?;
        Ok(Checkpoint {
            origin: (*origin).to_owned(),
            size: size_value,
            root,
        })
    }
}
