//! The cryptographic check of an envelope's signatures ahead of admission: the HTTP worker runs
//! it before queueing an append, and the writer completes it for what the worker could not
//! check (the offline verifier checks signatures on its own workers, noting the key each
//! verified under). Admission then takes the answers ([`crate::LedgerState::admit_with`]) and
//! makes every other check itself.

use ledger_proof::{verify_dsse_signature, Envelope, VerifierKey};

/// Per signature of `envelope`, whether it verifies (strict Ed25519 over the DSSE PAE) under the
/// key `key_for` returns for its key id. A signature `known` already marks as verified is not
/// checked again; a key id with no key, or a payload that is not base64, verifies nothing. The
/// payload is decoded only if a signature is left to check.
pub fn verify_signatures<'k>(
    envelope: &Envelope,
    key_for: impl Fn(&str) -> Option<&'k VerifierKey>,
    known: &[bool],
) -> Vec<bool> {
    let mut payload: Option<Option<Vec<u8>>> = None;
    envelope
        .signatures
        .iter()
        .enumerate()
        .map(|(k, s)| {
            if known.get(k).copied().unwrap_or(false) {
                return true;
            }
            let Some(key) = key_for(&s.keyid) else {
                return false;
            };
            let payload = payload.get_or_insert_with(|| envelope.payload_bytes().ok());
            payload
                .as_deref()
                .is_some_and(|p| verify_dsse_signature(key, &envelope.payload_type, p, &s.sig))
        })
        .collect()
}
