//! The pure domain of decision-ledger: the event catalogue of contract §5 as types, the admission
//! rules of the log (signatures, roles, references, in the order of contract §7), and the state
//! folded from the log. No IO, no clock, no randomness: the server and the offline verifier call
//! the same functions with the same bytes and so reach the same answers.

pub mod cases;
pub mod events;
pub mod json;
pub mod ledger;
pub mod time;
pub mod verify;
pub mod versions;

pub use events::{Event, EventData, Id, EVENT_TYPES};
pub use ledger::{Admission, Admitted, KeyInfo, LedgerState, Recorded, Rejection};
pub use time::{Date, Instant};

/// The rule set this software implements, named in `ledger.genesis`.
pub const RULE_SET: &str = "CP-11/4";
pub mod readmodels;
pub mod receipt;
pub mod rules;
pub mod schema;
