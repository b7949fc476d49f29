//! The log's own answers (contract §3, §7) as types: the acknowledgement of an append, one entry
//! with its inclusion proof, the proofs, one stream's events, and liveness. The server builds
//! them, `dledger submit` and `export` read them back, and `/openapi.json` describes them from
//! these definitions.

use crate::receipt::InclusionProof;
use ledger_rules::Finding;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// `201`/`200` of `POST /v1/events`: the entry and a self-contained proof that it is in the log
/// under a signed checkpoint, with the findings the entry raised.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Acknowledgement {
    /// The checkpoint note the proof is against (C2SP tlog-checkpoint).
    pub checkpoint: String,
    /// The entry line, exactly as stored (contract §3).
    pub entry: String,
    /// Hex BLAKE3-256 of the line.
    pub entry_hash: String,
    /// The findings this entry raised (those the log holds after it and did not hold before).
    pub findings: Vec<Finding>,
    pub inclusion_proof: InclusionProof,
    pub index: u64,
    /// With a witness policy (contract §10): whether `checkpoint` carries the policy's quorum of
    /// cosignatures (false: the witness timeout passed first). Absent without a policy.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub witnessed: Option<bool>,
}

/// `GET /v1/entries/{index}`: one entry with its inclusion proof against the latest checkpoint.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct EntryWithProof {
    pub checkpoint: String,
    /// The entry line, exactly as stored.
    pub entry: String,
    pub inclusion_proof: InclusionProof,
}

/// `GET /v1/proofs/consistency`: RFC 9162 consistency proof between two tree sizes.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ConsistencyProof {
    pub from: u64,
    /// Base64 SHA-256 hashes, in RFC 9162 order.
    pub hashes: Vec<String>,
    pub to: u64,
}

/// `GET /healthz`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Health {
    /// The published log size.
    pub size: u64,
    /// `ok`; `starting` (answered with 503) while the read models are being built; or
    /// `writes-stopped` (answered with 200: reads are served, appends get 503) while the store
    /// refuses writes, e.g. on a full disk.
    pub status: String,
    /// While starting: what the server is doing; while writes are stopped: why.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
}

/// One event of a stream in `GET /v1/streams/{stream}`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct StreamEvent {
    /// The entry line, exactly as stored.
    pub entry: String,
    /// The event id.
    pub id: String,
    /// The entry's log index.
    pub index: u64,
    /// The event type's wire name (`decision.adopted`).
    #[serde(rename = "type")]
    pub event_type: String,
    /// The event's version in its stream (1 for the first).
    pub version: u64,
}

/// `GET /v1/streams/{stream}`: one stream's events in version order (contract §2, §7).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct StreamPage {
    /// The events from the requested version on, at most `limit` of them.
    pub items: Vec<StreamEvent>,
    pub stream: String,
    /// The stream's current version: how many events it holds in the published log.
    pub version: u64,
}
