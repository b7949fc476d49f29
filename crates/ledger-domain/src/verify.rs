//! Offline verification of an export (contract §3, §8): every line canonical, the BLAKE3 chain,
//! every signature and role at its index, schemas and references (by replaying the admission
//! checks of [`LedgerState::admit`]), the Merkle root and size against the checkpoint, and the
//! checkpoint's signature by the log key. Pure: it takes the bytes of the export as arguments.

use crate::ledger::{Admission, LedgerState};
use crate::rules::Model;
use crate::time::Instant;
use ledger_proof::{
    chain_hash, leaf_hash, Checkpoint, Entry, Hash, MemoryTree, VerifierKey, GENESIS_PREV,
};

/// One integrity problem, located at an entry or at the checkpoint.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Problem {
    Entry { index: u64, why: String },
    Checkpoint { why: String },
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Problem::Entry { index, why } => write!(f, "entry {index}: {why}"),
            Problem::Checkpoint { why } => write!(f, "checkpoint: {why}"),
        }
    }
}

/// What verification found.
#[derive(Debug)]
pub struct Report {
    /// The admission state after the entries that passed every check.
    pub state: LedgerState,
    /// What the rules read, folded from the same entries.
    pub model: Model,
    pub size: u64,
    pub root: Hash,
    /// The checkpoint's signature was checked against a key the caller trusts (`--log-vkey`).
    pub anchored: bool,
    /// The key id the checkpoint was verified with.
    pub log_key_id: Option<String>,
    pub problems: Vec<Problem>,
    /// All perfect subtrees, kept so that receipts and `--since` can be checked.
    pub tree: MemoryTree,
}

impl Report {
    pub fn intact(&self) -> bool {
        self.problems.is_empty()
    }
}

/// Verifies an export. `trusted_log_key` is the trust anchor; without it the log key named in the
/// genesis entry is used and the result is only self-consistent. `since` is an earlier checkpoint
/// the export must extend.
pub fn verify_export(
    entries_jsonl: &[u8],
    checkpoint: &str,
    trusted_log_key: Option<&VerifierKey>,
    since: Option<&str>,
) -> Report {
    let mut report = Report {
        state: LedgerState::new(),
        model: Model::new(),
        size: 0,
        root: ledger_proof::empty_root(),
        anchored: trusted_log_key.is_some(),
        log_key_id: None,
        problems: Vec::new(),
        tree: MemoryTree::new(),
    };
    replay(entries_jsonl, &mut report);
    if !report.problems.is_empty() {
        return report;
    }
    report.root = report.tree.root();
    check_checkpoint(checkpoint, trusted_log_key, since, &mut report);
    report
}

fn replay(bytes: &[u8], report: &mut Report) {
    let mut prev: Hash = GENESIS_PREV;
    let mut last_at = Instant(i128::MIN);
    if bytes.is_empty() {
        report.problems.push(Problem::Entry {
            index: 0,
            why: "the export has no entries (entry 0, the genesis, is missing)".into(),
        });
        return;
    }
    let body = match bytes.strip_suffix(b"\n") {
        Some(b) => b,
        None => {
            let n = bytes.split(|b| *b == b'\n').count() as u64 - 1;
            report.problems.push(Problem::Entry {
                index: n,
                why: "the last line has no final newline (truncated?)".into(),
            });
            return;
        }
    };
    for (i, line) in body.split(|b| *b == b'\n').enumerate() {
        let index = i as u64;
        let fail = |why: String| Problem::Entry { index, why };
        let Ok(text) = std::str::from_utf8(line) else {
            report.problems.push(fail("the line is not ASCII".into()));
            return;
        };
        let entry = match Entry::parse(text) {
            Ok(e) => e,
            Err(e) => {
                report.problems.push(fail(format!("{e}")));
                return;
            }
        };
        if entry.index != index {
            report.problems.push(fail(format!(
                "the line says index {} (lines missing, added or reordered)",
                entry.index
            )));
            return;
        }
        if entry.prev != prev {
            report.problems.push(fail(
                "prev is not the BLAKE3 hash of the previous line (chain broken)".into(),
            ));
            return;
        }
        let at = match Instant::parse(&entry.recorded_at) {
            Ok(at) => at,
            Err(e) => {
                report.problems.push(fail(format!("recorded_at: {e}")));
                return;
            }
        };
        if at < last_at {
            report.problems.push(fail(format!(
                "recorded_at {} is earlier than the previous entry's",
                entry.recorded_at
            )));
            return;
        }
        match report.state.admit(&entry.envelope) {
            Ok(Admission::New(admitted)) => {
                let rec = report.state.apply(&admitted, index, at);
                report.model.apply(&rec);
            }
            Ok(Admission::Repeat { index: j }) => {
                report
                    .problems
                    .push(fail(format!("its event id repeats entry {j}")));
                return;
            }
            Err(rej) => {
                report
                    .problems
                    .push(fail(format!("{} ({})", rej, rej.status())));
                return;
            }
        }
        prev = chain_hash(line);
        last_at = at;
        report.tree.push(leaf_hash(line));
        report.size = index + 1;
    }
}

fn check_checkpoint(
    text: &str,
    trusted: Option<&VerifierKey>,
    since: Option<&str>,
    report: &mut Report,
) {
    let fail = |why: String| Problem::Checkpoint { why };
    let genesis_key = report.state.log_key.clone();
    let key = match (trusted, &genesis_key) {
        (Some(t), Some(g)) if t != g => {
            report.problems.push(fail(format!(
                "the trusted log key {} is not the log key {} named in the genesis entry",
                t.key_id(),
                g.key_id()
            )));
            return;
        }
        (Some(t), _) => t.clone(),
        (None, Some(g)) => g.clone(),
        (None, None) => {
            report.problems.push(fail(
                "no log key: none given and the genesis names none".into(),
            ));
            return;
        }
    };
    report.log_key_id = Some(key.key_id());
    let cp = match Checkpoint::parse_verified(text, &key) {
        Ok(cp) => cp,
        Err(e) => {
            report.problems.push(fail(format!("{e}")));
            return;
        }
    };
    if cp.size != report.size {
        report.problems.push(fail(format!(
            "its size is {} but the export has {} entries",
            cp.size, report.size
        )));
        return;
    }
    if cp.root != report.root {
        report.problems.push(fail(
            "its root is not the Merkle root of the entries".into(),
        ));
        return;
    }
    if let Some(old) = since {
        match Checkpoint::parse_verified(old, &key) {
            Err(e) => report.problems.push(fail(format!("--since: {e}"))),
            Ok(old) if old.size > report.size => report.problems.push(fail(format!(
                "--since: the earlier checkpoint has size {}, more than the export's {}",
                old.size, report.size
            ))),
            Ok(old) => {
                let root = ledger_proof::root_at(&report.tree, old.size);
                if root.as_ref().ok() != Some(&old.root) {
                    report.problems.push(fail(format!(
                        "--since: the export does not extend the earlier checkpoint (root at size {} differs)",
                        old.size
                    )));
                }
            }
        }
    }
}
