//! DSSE envelopes (in-toto "Dead Simple Signing Envelope"): PAE, signing, strict parsing and
//! the canonical compact JSON that appears inside entry lines.
//!
//! Parsing checks only the envelope's shape. Whether the payload type is the ledger's, and
//! whether the signers are registered keys, is decided by the caller; the helpers here do the
//! byte-level part of that (PAE, canonical base64, `verify_strict`).

use thiserror::Error;

use crate::encoding::{b64_decode_strict, b64_encode};
use crate::json::{self, Value};
use crate::keys::{SignerKey, VerifierKey};
use crate::merkle::ProofError;

/// The only payload type the ledger accepts.
pub const PAYLOAD_TYPE: &str = "application/vnd.dledger.event+json";

/// Why a JSON text is not a well-formed envelope (also used for the shape of entry lines).
#[derive(Clone, Debug, Error, PartialEq, Eq)]
pub enum EnvelopeError {
    /// Not one valid JSON text (includes invalid UTF-8, lone surrogates, BOM, NaN,
    /// trailing data).
    #[error("invalid JSON: {message}")]
    Syntax { message: String },
    #[error("{object} must be a JSON object, found {found}")]
    NotAnObject {
        object: &'static str,
        found: &'static str,
    },
    #[error("duplicate key {key:?} in {object}")]
    DuplicateKey { object: &'static str, key: String },
    #[error("unknown field {field:?} in {object}")]
    UnknownField { object: &'static str, field: String },
    #[error("missing field {field:?} in {object}")]
    MissingField {
        object: &'static str,
        field: &'static str,
    },
    #[error("field {field:?} in {object} must be {expected}, found {found}")]
    WrongType {
        object: &'static str,
        field: &'static str,
        expected: &'static str,
        found: &'static str,
    },
    #[error(
        "field {field:?} in {object} has a character outside printable ASCII at byte {offset}"
    )]
    NonPrintable {
        object: &'static str,
        field: &'static str,
        offset: usize,
    },
}

/// DSSE pre-authentication encoding:
/// `"DSSEv1" SP len(type) SP type SP len(payload) SP payload`, lengths in ASCII decimal.
pub fn pae(payload_type: &str, payload: &[u8]) -> Vec<u8> {
    let head = format!(
        "DSSEv1 {} {} {} ",
        payload_type.len(),
        payload_type,
        payload.len()
    );
    let mut out = Vec::with_capacity(head.len() + payload.len());
    out.extend_from_slice(head.as_bytes());
    out.extend_from_slice(payload);
    out
}

/// One DSSE signature, kept as the text that was received.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DsseSignature {
    pub keyid: String,
    /// Base64 text exactly as received.
    pub sig: String,
}

/// A DSSE envelope, kept as the texts that were received (never re-encoded).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Envelope {
    pub payload_type: String,
    /// Base64 text exactly as received.
    pub payload: String,
    pub signatures: Vec<DsseSignature>,
}

impl Envelope {
    /// Strict parse of a submitted envelope (an HTTP body, or the `envelope` of an entry
    /// line): exactly the fields `payloadType`, `payload`, `signatures` (each signature
    /// exactly `keyid`, `sig`), all strings of printable ASCII, no key repeated. Field order
    /// is free. Payload type and signatures are not checked here.
    pub fn parse_json(bytes: &[u8]) -> Result<Envelope, EnvelopeError> {
        Envelope::from_value(&json::parse(bytes)?)
    }

    pub(crate) fn from_value(v: &Value) -> Result<Envelope, EnvelopeError> {
        const OBJ: &str = "envelope";
        let [payload_type, payload, signatures] =
            json::fields(v, OBJ, ["payloadType", "payload", "signatures"])?;
        let Value::Array(items) = signatures else {
            return Err(json::wrong_type(OBJ, "signatures", "an array", signatures));
        };
        let signatures = items
            .iter()
            .map(|item| {
                const SIG: &str = "signature";
                let [keyid, sig] = json::fields(item, SIG, ["keyid", "sig"])?;
                Ok(DsseSignature {
                    keyid: json::printable_str(keyid, SIG, "keyid")?.to_owned(),
                    sig: json::printable_str(sig, SIG, "sig")?.to_owned(),
                })
            })
            .collect::<Result<Vec<_>, EnvelopeError>>()?;
        Ok(Envelope {
            payload_type: json::printable_str(payload_type, OBJ, "payloadType")?.to_owned(),
            payload: json::printable_str(payload, OBJ, "payload")?.to_owned(),
            signatures,
        })
    }

    /// Signs `payload` as a ledger event: one signature per key, in the order given.
    pub fn sign(payload: &[u8], keys: &[&SignerKey]) -> Envelope {
        let message = pae(PAYLOAD_TYPE, payload);
        Envelope {
            payload_type: PAYLOAD_TYPE.to_owned(),
            payload: b64_encode(payload),
            signatures: keys
                .iter()
                .map(|k| DsseSignature {
                    keyid: k.key_id(),
                    sig: b64_encode(&k.sign(&message)),
                })
                .collect(),
        }
    }

    /// The payload bytes (canonical base64 only).
    pub fn payload_bytes(&self) -> Result<Vec<u8>, ProofError> {
        Ok(b64_decode_strict(&self.payload)?)
    }

    /// Canonical compact JSON:
    /// `{"payloadType":…,"payload":…,"signatures":[{"keyid":…,"sig":…},…]}`.
    pub fn to_json(&self) -> String {
        let mut out = String::with_capacity(64 + self.payload.len() + 128 * self.signatures.len());
        self.write_json(&mut out);
        out
    }

    pub(crate) fn write_json(&self, out: &mut String) {
        out.push_str("{\"payloadType\":");
        json::write_str(out, &self.payload_type);
        out.push_str(",\"payload\":");
        json::write_str(out, &self.payload);
        out.push_str(",\"signatures\":[");
        for (i, s) in self.signatures.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            out.push_str("{\"keyid\":");
            json::write_str(out, &s.keyid);
            out.push_str(",\"sig\":");
            json::write_str(out, &s.sig);
            out.push('}');
        }
        out.push_str("]}");
    }
}

/// Verifies one DSSE signature (canonical base64 of 64 bytes) over
/// `pae(payload_type, payload)` with `verify_strict`.
pub fn verify_dsse_signature(
    key: &VerifierKey,
    payload_type: &str,
    payload: &[u8],
    sig_b64: &str,
) -> bool {
    match b64_decode_strict(sig_b64) {
        Ok(sig) => key.verify(&pae(payload_type, payload), &sig),
        Err(_) => false,
    }
}
