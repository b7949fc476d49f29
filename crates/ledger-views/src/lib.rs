//! The read models of decision-ledger: what the HTTP routes, the pages and the command line show
//! of meetings, decisions, silence procedures and Parties (`readmodels`), built from the rules'
//! model and findings, and the receipt of a decision (`receipt`): the entries its verdict rests
//! on with their inclusion proofs, checkable offline by recomputing the verdict, and the log's
//! own answers (`wire`: acknowledgements, entries with proofs). Pure.

pub mod documents;
pub mod readmodels;
pub mod receipt;
pub mod wire;
