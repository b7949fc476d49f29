//! Pure proof primitives of decision-ledger: the exact bytes an auditor checks.
//!
//! This crate holds everything the contract (sections 1 and 3) fixes at the byte level and
//! nothing else: canonical base64, C2SP signed-note Ed25519 keys, DSSE envelopes and their
//! PAE, the entry line and its BLAKE3 chain, the RFC 6962 / RFC 9162 Merkle tree with its
//! proofs, and C2SP signed notes and tlog checkpoints.
//!
//! It does no IO, reads no clock and draws no randomness except from an explicit rng
//! argument, so the server, the store and the offline verifier all compute the same bytes.

#![forbid(unsafe_code)]

pub mod cosig;
mod dsse;
mod encoding;
mod entry;
mod json;
mod keys;
mod merkle;
mod note;
pub mod policy;
pub mod tlog;
pub mod tlogproof;

pub use dsse::{pae, verify_dsse_signature, DsseSignature, Envelope, EnvelopeError, PAYLOAD_TYPE};
pub use encoding::{b64_decode, b64_encode, Base64Error};
pub use entry::{chain_hash, is_valid_recorded_at, Entry, EntryError, GENESIS_PREV, MAX_LINE};
pub use json::{parse_strict as parse_strict_json, StrictJsonError};
pub use keys::{is_valid_key_name, key_hash, parse_key_id, KeyError, SignerKey, VerifierKey};
pub use merkle::{
    consistency_proof, empty_root, inclusion_proof, leaf_hash, node_hash, range_hash, root_at,
    root_from_leaf_hashes, verify_consistency, verify_inclusion, Frontier, MemoryTree, ProofError,
    SubtreeSource,
};
pub use note::{Checkpoint, NoteError, NoteSignature, SignedNote};

/// A SHA-256 or BLAKE3-256 digest.
pub type Hash = [u8; 32];
