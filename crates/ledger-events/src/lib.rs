//! The event catalogue of decision-ledger (contract §5) as Rust types, and what every reader of
//! an event needs with it: RFC 3339 times and dates with the comparisons of rules.md §6
//! (`time`), the strict JSON reader that refuses duplicate keys (`json`), the JSON Schemas
//! generated from the types and the validators compiled from them (`schema`), and the versions
//! and pure upcasters of event types (`versions`). No IO, no clock, no randomness: this crate
//! says what an event *is*; `ledger-log` says whether it may enter the log.

pub mod events;
pub mod json;
pub mod presized;
pub mod schema;
pub mod time;
pub mod versions;

pub use events::{Event, EventData, FieldError, Id, EVENT_TYPES};
pub use time::{Date, Instant};

/// The rule set this software implements, named in `ledger.genesis`.
pub const RULE_SET: &str = "CP-11/4";
