//! Offline verification of an export (contract §3, §8): every line canonical, the BLAKE3 chain,
//! every signature and role at its index, schemas and references (by replaying the admission
//! checks of [`LedgerState::admit`]), the Merkle root and size against the checkpoint, and the
//! checkpoint's signature by the log key. Pure: it takes the bytes of the export as arguments.

use crate::admission::{Admission, LedgerState, Recorded};
use ledger_events::time::Instant;
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

/// What a verifier folds each verified entry into, besides the admission state: the rules'
/// model (`ledger_rules::Model`) when the rules are to run after the integrity checks, or `()`
/// when only integrity matters.
pub trait Fold {
    fn fold(&mut self, rec: &Recorded);
}

impl Fold for () {
    fn fold(&mut self, _: &Recorded) {}
}

/// What verification found.
#[derive(Clone, Debug)]
pub struct Report<M = ()> {
    /// The admission state after the entries that passed every check.
    pub state: LedgerState,
    /// What the caller folds from the same entries (the rules' model).
    pub model: M,
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

impl<M> Report<M> {
    pub fn intact(&self) -> bool {
        self.problems.is_empty()
    }
}

/// Verifies an export. `trusted_log_key` is the trust anchor; without it the log key named in the
/// genesis entry is used and the result is only self-consistent. `since` is an earlier checkpoint
/// the export must extend.
pub fn verify_export<M: Fold + Default>(
    entries_jsonl: &[u8],
    checkpoint: &str,
    trusted_log_key: Option<&VerifierKey>,
    since: Option<&str>,
) -> Report<M> {
    let mut v = Verifier::<M>::new();
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
    let lines: Vec<&[u8]> = body.split(|b| *b == b'\n').collect();
    let verified = preverify_signatures(&lines);
    for (line, sigs) in lines.iter().zip(&verified) {
        if v.push_checked(line, Some(sigs)).is_err() {
            return v.report;
        }
    }
    v.finish(checkpoint, trusted_log_key, since)
}

/// Checks every DSSE signature of the export on all available cores (strict Ed25519, as the
/// server does), ahead of the sequential replay. Keys are looked up by key id among every key
/// the log registers (key ids are unique in a ledger); whether the key was registered *before*
/// the entry and not revoked is left to the replay. Returns, per line, per signature, whether
/// it verifies; a line that does not parse gets no answers (the replay reports it).
pub fn preverify_signatures(lines: &[&[u8]]) -> Vec<Vec<bool>> {
    // 1. parse lines and payloads (in parallel), collect registered keys (sequentially, cheap)
    let parse = |line: &&[u8]| -> Option<(Entry, Vec<u8>)> {
        let e = Entry::parse(std::str::from_utf8(line).ok()?).ok()?;
        let p = e.envelope.payload_bytes().ok()?;
        Some((e, p))
    };
    let parsed: Vec<Option<(Entry, Vec<u8>)>> = par_map(lines, parse);
    let mut keys: std::collections::HashMap<String, VerifierKey> = std::collections::HashMap::new();
    for (_, payload) in parsed.iter().flatten() {
        let Ok(v) = serde_json::from_slice::<serde_json::Value>(payload) else {
            continue;
        };
        let vkeys: Vec<&str> = match v["type"].as_str() {
            Some("ledger.genesis") => vec![v["data"]["admin_vkey"].as_str().unwrap_or("")],
            Some("key.registered") => vec![v["data"]["vkey"].as_str().unwrap_or("")],
            _ => vec![],
        };
        for text in vkeys {
            if let Ok(k) = VerifierKey::parse(text) {
                keys.entry(k.key_id()).or_insert(k);
            }
        }
    }
    // 2. verify every signature, in parallel
    par_map(&parsed, |p| match p {
        None => vec![],
        Some((e, payload)) => e
            .envelope
            .signatures
            .iter()
            .map(|s| {
                keys.get(&s.keyid).is_some_and(|k| {
                    ledger_proof::verify_dsse_signature(
                        k,
                        &e.envelope.payload_type,
                        payload,
                        &s.sig,
                    )
                })
            })
            .collect(),
    })
}

/// Maps `f` over `items` on every available core, keeping the order.
fn par_map<T: Sync, R: Send, F: Fn(&T) -> R + Sync>(items: &[T], f: F) -> Vec<R> {
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(items.len().max(1));
    let chunk = items.len().div_ceil(threads.max(1)).max(1);
    std::thread::scope(|scope| {
        let handles: Vec<_> = items
            .chunks(chunk)
            .map(|c| scope.spawn(|| c.iter().map(&f).collect::<Vec<R>>()))
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap_or_default())
            .collect()
    })
}

/// Line-by-line verification: [`verify_export`] is `push_line` for each line, then `finish`.
/// Cloneable, so a caller can keep the state after any prefix of the log.
#[derive(Clone, Debug)]
pub struct Verifier<M = ()> {
    report: Report<M>,
    prev: Hash,
    last_at: Instant,
}

impl<M: Fold + Default> Default for Verifier<M> {
    fn default() -> Self {
        Self::new()
    }
}

impl<M: Fold + Default> Verifier<M> {
    pub fn new() -> Self {
        Verifier {
            report: Report {
                state: LedgerState::new(),
                model: M::default(),
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
        self.push_checked(line, None)
    }

    /// [`Verifier::push_line`] with the line's signatures already checked (see
    /// [`preverify_signatures`]).
    pub fn push_checked(&mut self, line: &[u8], verified: Option<&[bool]>) -> Result<(), Problem> {
        match self.check_line(line, verified) {
            Ok(()) => Ok(()),
            Err(p) => {
                self.report.problems.push(p.clone());
                Err(p)
            }
        }
    }

    fn check_line(&mut self, line: &[u8], verified: Option<&[bool]>) -> Result<(), Problem> {
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
        let verified = verified.filter(|v| v.len() == entry.envelope.signatures.len());
        match self.report.state.admit_with(&entry.envelope, verified) {
            Ok(Admission::New(admitted)) => {
                let rec = self.report.state.apply(&admitted, index, at);
                self.report.model.fold(&rec);
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
    ) -> Report<M> {
        self.report.anchored = trusted_log_key.is_some();
        if !self.report.problems.is_empty() {
            return self.report;
        }
        self.report.root = self.report.tree.root();
        check_checkpoint(checkpoint, trusted_log_key, since, &mut self.report);
        self.report
    }
}

fn check_checkpoint<M>(
    text: &str,
    trusted: Option<&VerifierKey>,
    since: Option<&str>,
    report: &mut Report<M>,
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
