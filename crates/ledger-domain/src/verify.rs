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
#[derive(Clone, Debug)]
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
    let mut v = Verifier::new();
    if entries_jsonl.is_empty() {
        v.report.problems.push(Problem::Entry {
            index: 0,
            why: "the export has no entries (entry 0, the genesis, is missing)".into(),
        });
        return v.report;
    }
    let Some(body) = entries_jsonl.strip_suffix(b"\n") else {
        let n = entries_jsonl.split(|b| *b == b'\n').count() as u64 - 1;
        v.report.problems.push(Problem::Entry {
            index: n,
            why: "the last line has no final newline (truncated?)".into(),
        });
        return v.report;
    };
    for line in body.split(|b| *b == b'\n') {
        if v.push_line(line).is_err() {
            return v.report;
        }
    }
    v.finish(checkpoint, trusted_log_key, since)
}

/// Line-by-line verification: [`verify_export`] is `push_line` for each line, then `finish`.
/// Cloneable, so a caller can keep the state after any prefix of the log.
#[derive(Clone, Debug)]
pub struct Verifier {
    report: Report,
    prev: Hash,
    last_at: Instant,
}

impl Default for Verifier {
    fn default() -> Self {
        Self::new()
    }
}

impl Verifier {
    pub fn new() -> Self {
        Verifier {
            report: Report {
                state: LedgerState::new(),
                model: Model::new(),
                size: 0,
                root: ledger_proof::empty_root(),
                anchored: false,
                log_key_id: None,
                problems: Vec::new(),
                tree: MemoryTree::new(),
            },
            prev: GENESIS_PREV,
            last_at: Instant(i128::MIN),
        }
    }

    /// Checks the next line (without its newline) and folds it in; on a problem, records it and
    /// returns it (the verifier then holds the state before that line).
    pub fn push_line(&mut self, line: &[u8]) -> Result<(), Problem> {
        match self.check_line(line) {
            Ok(()) => Ok(()),
            Err(p) => {
                self.report.problems.push(p.clone());
                Err(p)
            }
        }
    }

    fn check_line(&mut self, line: &[u8]) -> Result<(), Problem> {
        let index = self.report.size;
        let fail = |why: String| Problem::Entry { index, why };
        let text = std::str::from_utf8(line).map_err(|_| fail("the line is not ASCII".into()))?;
        let entry = Entry::parse(text).map_err(|e| fail(format!("{e}")))?;
        if entry.index != index {
            return Err(fail(format!(
                "the line says index {} (lines missing, added or reordered)",
                entry.index
            )));
        }
        if entry.prev != self.prev {
            return Err(fail(
                "prev is not the BLAKE3 hash of the previous line (chain broken)".into(),
            ));
        }
        let at =
            Instant::parse(&entry.recorded_at).map_err(|e| fail(format!("recorded_at: {e}")))?;
        if at < self.last_at {
            return Err(fail(format!(
                "recorded_at {} is earlier than the previous entry's",
                entry.recorded_at
            )));
        }
        match self.report.state.admit(&entry.envelope) {
            Ok(Admission::New(admitted)) => {
                let rec = self.report.state.apply(&admitted, index, at);
                self.report.model.apply(&rec);
            }
            Ok(Admission::Repeat { index: j }) => {
                return Err(fail(format!("its event id repeats entry {j}")));
            }
            Err(rej) => return Err(fail(format!("{} ({})", rej, rej.status()))),
        }
        self.prev = chain_hash(line);
        self.last_at = at;
        self.report.tree.push(leaf_hash(line));
        self.report.size = index + 1;
        Ok(())
    }

    /// Checks the checkpoint against the lines pushed so far and returns the report.
    pub fn finish(
        mut self,
        checkpoint: &str,
        trusted_log_key: Option<&VerifierKey>,
        since: Option<&str>,
    ) -> Report {
        self.report.anchored = trusted_log_key.is_some();
        if !self.report.problems.is_empty() {
            return self.report;
        }
        self.report.root = self.report.tree.root();
        check_checkpoint(checkpoint, trusted_log_key, since, &mut self.report);
        self.report
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
