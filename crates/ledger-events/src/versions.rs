//! Event versions and upcasters. Stored bytes are never rewritten: when an event type gains a
//! new version, the ledger keeps accepting and storing the old one as it was signed, and a pure
//! upcaster turns each old event into the new form when the log is *read* (by the rules, the
//! read models, the verifier). ARCHITECTURE.md tells the whole story.
//!
//! One type has a v2 today: `scenario_note.published`, whose v2 lists every Bureau consulted
//! (`bureau_consulted_ids`) instead of at most one (`bureau_consulted_id`) — the informal SBI-3
//! note of C3, for one, was prepared after consulting two Bureaus. The contract still fixes v1 on
//! the wire, so v2 exists as the read form: [`upcast_scenario_note`] is how every reader sees a
//! stored v1 note.

use crate::events::{AvailableTo, Digest, Id, PreparedBy, ScenarioNotePublished, Time};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// `scenario_note.published` v2 (read form): a scenario note setting out an online meeting's
/// modalities (para 7(1)).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ScenarioNoteV2 {
    /// The note's id.
    pub note_id: Id,
    /// The online meeting whose modalities it sets out.
    pub meeting_id: Id,
    /// Who prepared it: `secretariat` (as para 7(1) says) or `presiding_officer` (the 2021 practice, advisory).
    pub prepared_by: PreparedBy,
    /// Every Bureau consulted on it (bodies of kind `bureau`); empty when none is recorded
    /// (P7.scenario_note needs at least one).
    pub bureau_consulted_ids: Vec<Id>,
    /// To whom it was made available; P7.scenario_note needs `all_parties`.
    pub available_to: AvailableTo,
    /// When it was published; P7.scenario_note needs this before the first session started.
    pub published_at: Time,
    /// The digest of the note's document.
    pub document_digest: Digest,
}

/// v1 → v2: the one consulted Bureau, if any, becomes a list of one. Pure and total.
pub fn upcast_scenario_note(v1: &ScenarioNotePublished) -> ScenarioNoteV2 {
    ScenarioNoteV2 {
        note_id: v1.note_id.clone(),
        meeting_id: v1.meeting_id.clone(),
        prepared_by: v1.prepared_by,
        bureau_consulted_ids: v1.bureau_consulted_id.iter().cloned().collect(),
        available_to: v1.available_to,
        published_at: v1.published_at.clone(),
        document_digest: v1.document_digest.clone(),
    }
}
