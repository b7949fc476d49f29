//! Receipts: everything an auditor needs to check one decision's verdict offline. A receipt holds
//! the entries the verdict rests on (see [`crate::readmodels::receipt_indices`]), each with an
//! inclusion proof against one signed checkpoint, and the verdict and findings the server
//! claims. [`verify`] checks the checkpoint against the auditor's log key, every proof, and then
//! **recomputes** the verdict from the receipt's own entries with the same rules: a receipt whose
//! claim does not follow from its entries is refused. Every byte counts: the file must be the
//! canonical rendering of what it says.

use crate::readmodels::verdict_scopes;
use ledger_events::time::Instant;
use ledger_log::admission::admitted_from_entry;
use ledger_log::Recorded;
use ledger_proof::{
    b64_decode, b64_encode, leaf_hash, verify_inclusion, Checkpoint, Entry, Hash, VerifierKey,
};
use ledger_rules::{self as rules, checks, DecisionVerdict, Finding, Model, Settings, Verdict};
use serde::{Deserialize, Serialize};

pub const FORMAT: &str = "dledger-receipt/v1";

/// An RFC 9162 inclusion proof: `hashes` are base64 SHA-256, leaf to root.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct InclusionProof {
    pub index: u64,
    pub size: u64,
    pub hashes: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ReceiptEntry {
    pub index: u64,
    /// The entry line, exactly as stored.
    pub entry: String,
    pub inclusion_proof: InclusionProof,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Receipt {
    pub format: String,
    pub rules: String,
    pub decision_id: String,
    pub meeting_id: String,
    pub category: String,
    pub venue: String,
    pub verdict: Verdict,
    /// The findings the verdict considers (contract §6), with their evidence entries.
    pub findings: Vec<Finding>,
    pub settings: Settings,
    pub entries: Vec<ReceiptEntry>,
    pub checkpoint: String,
    pub log_vkey: String,
}

impl Receipt {
    /// The canonical bytes: pretty JSON and a final newline. A receipt that cannot be
    /// serialized is an error, never an empty file.
    pub fn to_bytes(&self) -> Result<Vec<u8>, serde_json::Error> {
        let mut v = serde_json::to_vec_pretty(self)?;
        v.push(b'\n');
        Ok(v)
    }
}

/// Assembles a receipt from a verdict and the proven entries (index, line, proof).
pub fn build(
    verdict: &DecisionVerdict,
    settings: &Settings,
    entries: Vec<(u64, String, Vec<Hash>)>,
    size: u64,
    checkpoint: String,
    log_vkey: String,
) -> Receipt {
    Receipt {
        format: FORMAT.into(),
        rules: ledger_events::RULE_SET.into(),
        decision_id: verdict.decision_id.clone(),
        meeting_id: verdict.meeting_id.clone(),
        category: verdict.category.clone(),
        venue: verdict.venue.clone(),
        verdict: verdict.verdict,
        findings: verdict.considered.clone(),
        settings: settings.clone(),
        entries: entries
            .into_iter()
            .map(|(index, entry, proof)| ReceiptEntry {
                index,
                entry,
                inclusion_proof: InclusionProof {
                    index,
                    size,
                    hashes: proof.iter().map(|h| b64_encode(h)).collect(),
                },
            })
            .collect(),
        checkpoint,
        log_vkey,
    }
}

/// What a verified receipt establishes.
#[derive(Debug)]
pub struct Verified {
    pub receipt: Receipt,
    pub checkpoint: Checkpoint,
    /// The completeness statements (contract §5.7) in the receipt that cover the decision.
    pub coverage: Vec<ReceiptCoverage>,
}

/// A completeness statement that covers the receipt's decision, as the receipt shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ReceiptCoverage {
    pub period_id: String,
    pub index: u64,
    /// The decision was recorded after the statement (L.after_close: it was not declared in
    /// time); otherwise it was recorded before the statement, as the statement requires.
    pub late: bool,
}

impl ReceiptCoverage {
    /// One line for people: what the receipt shows, and what it cannot.
    pub fn describe(&self) -> String {
        if self.late {
            format!(
                "completeness statement {} (entry {}) covers this decision, which was recorded after it: L.after_close, the statement was not complete",
                self.period_id, self.index
            )
        } else {
            format!(
                "completeness statement {} (entry {}) covers this decision, which was recorded before it: declared in time; whether the statement's counts hold (L.period_counts) needs the whole log (dledger verify)",
                self.period_id, self.index
            )
        }
    }
}

/// Why a receipt does not hold: each variant says which check failed, with its facts.
#[derive(Debug, thiserror::Error)]
pub enum ReceiptError {
    #[error("not a receipt: {0}")]
    NotAReceipt(#[source] serde_json::Error),
    #[error("the file is not the canonical rendering of its content (altered or re-serialized)")]
    NotCanonical,
    #[error("unknown receipt format {format:?} or rule set {rules:?}")]
    UnknownFormat { format: String, rules: String },
    #[error("the receipt was computed with settings other than the rule set's defaults")]
    OtherSettings,
    #[error("log_vkey: {0}")]
    LogKey(#[source] ledger_proof::KeyError),
    #[error("the receipt names log key {named}, not the trusted {trusted}")]
    UntrustedLogKey { named: String, trusted: String },
    #[error("checkpoint: {0}")]
    Checkpoint(#[source] ledger_proof::NoteError),
    /// One of the receipt's entries fails a check (order, proof, line, payload, time).
    #[error("entry {index}: {why}")]
    Entry { index: u64, why: String },
    #[error("decision {0} is not among the receipt's entries")]
    DecisionMissing(String),
    #[error("the receipt claims {claimed} but its entries give {recomputed}")]
    VerdictDiffers {
        claimed: &'static str,
        recomputed: &'static str,
    },
    #[error("the receipt's meeting, category or venue is not what its entries say")]
    FactsDiffer,
    #[error("the receipt's findings are not those its entries give ({claimed} claimed, {recomputed} recomputed)")]
    FindingsDiffer { claimed: usize, recomputed: usize },
}

impl ReceiptError {
    /// Which check of a receipt this is the failure of, as the verifier page and
    /// `verify-receipt` name them: `receipt form`, `log key`, `checkpoint signature`,
    /// `inclusion proofs`, `entry lines`, `verdict recomputed`, `findings recomputed`.
    pub fn check(&self) -> &'static str {
        match self {
            ReceiptError::NotAReceipt(_)
            | ReceiptError::NotCanonical
            | ReceiptError::UnknownFormat { .. }
            | ReceiptError::OtherSettings => "receipt form",
            ReceiptError::LogKey(_) | ReceiptError::UntrustedLogKey { .. } => "log key",
            ReceiptError::Checkpoint(_) => "checkpoint signature",
            ReceiptError::Entry { why, .. }
                if why.contains("proof") || why.contains("increasing index order") =>
            {
                "inclusion proofs"
            }
            ReceiptError::Entry { .. } => "entry lines",
            ReceiptError::DecisionMissing(_)
            | ReceiptError::VerdictDiffers { .. }
            | ReceiptError::FactsDiffer => "verdict recomputed",
            ReceiptError::FindingsDiffer { .. } => "findings recomputed",
        }
    }
}

/// The checks of a receipt, in the order [`verify`] makes them.
pub const RECEIPT_CHECKS: [&str; 7] = [
    "receipt form",
    "log key",
    "checkpoint signature",
    "inclusion proofs",
    "entry lines",
    "verdict recomputed",
    "findings recomputed",
];

/// Verifies a receipt against the auditor's trusted log key. The error says what does not hold.
pub fn verify(bytes: &[u8], trusted: &VerifierKey) -> Result<Verified, ReceiptError> {
    let r: Receipt = serde_json::from_slice(bytes).map_err(ReceiptError::NotAReceipt)?;
    if r.to_bytes().map_err(ReceiptError::NotAReceipt)? != bytes {
        return Err(ReceiptError::NotCanonical);
    }
    if r.format != FORMAT || r.rules != ledger_events::RULE_SET {
        return Err(ReceiptError::UnknownFormat {
            format: r.format.clone(),
            rules: r.rules.clone(),
        });
    }
    if r.settings != Settings::default() {
        return Err(ReceiptError::OtherSettings);
    }
    let shipped = VerifierKey::parse(&r.log_vkey).map_err(ReceiptError::LogKey)?;
    if &shipped != trusted {
        return Err(ReceiptError::UntrustedLogKey {
            named: shipped.key_id(),
            trusted: trusted.key_id(),
        });
    }
    let cp =
        Checkpoint::parse_verified(&r.checkpoint, trusted).map_err(ReceiptError::Checkpoint)?;
    let mut model = Model::new();
    let mut last: Option<u64> = None;
    for e in &r.entries {
        let fail = |why: String| ReceiptError::Entry {
            index: e.index,
            why,
        };
        if last.is_some_and(|l| e.index <= l) {
            return Err(fail("entries are not in increasing index order".into()));
        }
        last = Some(e.index);
        if e.inclusion_proof.index != e.index || e.inclusion_proof.size != cp.size {
            return Err(fail(format!(
                "its proof is for index {} in a tree of {}, not this entry under the checkpoint",
                e.inclusion_proof.index, e.inclusion_proof.size
            )));
        }
        let hashes = e
            .inclusion_proof
            .hashes
            .iter()
            .map(|h| {
                b64_decode(h)
                    .ok()
                    .and_then(|b| <Hash>::try_from(b.as_slice()).ok())
                    .ok_or_else(|| fail("a proof hash is not base64 of 32 bytes".into()))
            })
            .collect::<Result<Vec<_>, _>>()?;
        verify_inclusion(
            e.index,
            cp.size,
            &leaf_hash(e.entry.as_bytes()),
            &hashes,
            &cp.root,
        )
        .map_err(|x| fail(format!("inclusion proof does not verify: {x}")))?;
        let entry = Entry::parse(&e.entry).map_err(|x| fail(x.to_string()))?;
        if entry.index != e.index {
            return Err(fail(format!("the line says index {}", entry.index)));
        }
        let admitted = admitted_from_entry(&entry.envelope).map_err(|x| fail(x.to_string()))?;
        let recorded_at = Instant::parse(&entry.recorded_at).map_err(|x| fail(x.to_string()))?;
        model.apply(&Recorded {
            index: e.index,
            recorded_at,
            event: admitted.event,
            signers: admitted.signers,
        });
    }
    let settings = Settings::default();
    let mut findings: Vec<Finding> = verdict_scopes(&model, &r.decision_id)
        .iter()
        .flat_map(|s| checks::eval_scope(&model, &settings, s))
        .collect();
    findings.sort_by(|a, b| {
        (&a.evidence, &a.rule, &a.subject, &a.message).cmp(&(
            &b.evidence,
            &b.rule,
            &b.subject,
            &b.message,
        ))
    });
    let recomputed = rules::verdicts(&model, &findings)
        .into_iter()
        .find(|d| d.decision_id == r.decision_id)
        .ok_or_else(|| ReceiptError::DecisionMissing(r.decision_id.clone()))?;
    if recomputed.verdict != r.verdict {
        return Err(ReceiptError::VerdictDiffers {
            claimed: r.verdict.as_str(),
            recomputed: recomputed.verdict.as_str(),
        });
    }
    if (
        recomputed.meeting_id.as_str(),
        recomputed.category.as_str(),
        recomputed.venue.as_str(),
    ) != (r.meeting_id.as_str(), r.category.as_str(), r.venue.as_str())
    {
        return Err(ReceiptError::FactsDiffer);
    }
    if recomputed.considered != r.findings {
        return Err(ReceiptError::FindingsDiffer {
            claimed: r.findings.len(),
            recomputed: recomputed.considered.len(),
        });
    }
    let coverage = decision_coverage(&model, &r.decision_id);
    Ok(Verified {
        receipt: r,
        checkpoint: cp,
        coverage,
    })
}

/// The completeness statements of `model` that cover decision `id` (its meeting's body, its
/// adoption's UTC date).
pub fn decision_coverage(model: &Model, id: &str) -> Vec<ReceiptCoverage> {
    use ledger_rules::checks::record::{covers, CountedKind};
    let Some(d) = model.decisions.get(id) else {
        return Vec::new();
    };
    let Some(m) = model.meetings.get(d.ev.meeting_id.as_str()) else {
        return Vec::new();
    };
    model
        .periods
        .iter()
        .filter(|p| {
            covers(
                model,
                &p.ev,
                CountedKind::Decision,
                d.ev.adopted_at.at.date(),
                m.conv.ev.body_id.as_str(),
                d.index,
            )
        })
        .map(|p| ReceiptCoverage {
            period_id: p.ev.period_id.to_string(),
            index: p.index,
            late: d.index > p.index,
        })
        .collect()
}
