//! The log of decision-ledger, as pure code: the admission of an envelope in the order of
//! contract §7 (form, idempotency, signatures and keys, roles, schema and references,
//! `expected_version`) against the state folded from the entries before it (`admission`), and
//! the offline verification of an export, which replays every line through that same admission
//! (`verify`). The server and the verifier call these functions with the same bytes, so the
//! server cannot accept what the verifier would refuse. No IO, no clock, no randomness.

pub mod admission;
pub mod idmap;
pub mod line;
pub mod signatures;
pub mod verify;

pub use admission::{
    Admission, Admitted, KeyInfo, LedgerState, PayloadError, Prepared, Recorded, Rejection,
};
pub use line::{
    parse_line, read_entry, read_line, read_recorded, read_stored, LineError, ReadError,
    StoredEntry,
};
pub use signatures::verify_signatures;
