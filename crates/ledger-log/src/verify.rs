//! Offline verification of an export (contract §3, §8): every line canonical, the BLAKE3 chain,
//! every signature and role at its index, schemas and references (by replaying the admission
//! checks of [`LedgerState::admit`]), the Merkle root and size against the checkpoint, and the
//! checkpoint's signature by the log key. Pure: it takes the bytes of the export as arguments.

use crate::admission::{Admission, LedgerState, Recorded};
use crate::line::{parse_line, LineError};
use crate::signatures::verify_signatures_of;
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
    let parsed = parse_lines(&lines);
    let verified = preverify_signatures(&parsed);
    for ((line, parsed), sigs) in lines.iter().zip(parsed).zip(&verified) {
        let parsed = parsed.map(|(entry, _)| entry);
        if v.push_parsed(line, parsed, Some(sigs)).is_err() {
            return v.report;
        }
    }
    v.finish(checkpoint, trusted_log_key, since)
}

/// A line of the export read as an entry, with its payload decoded when it is base64.
type ParsedLine = Result<(Entry, Option<Vec<u8>>), LineError>;

/// Reads every line as an entry line and decodes its payload, on all available cores.
fn parse_lines(lines: &[&[u8]]) -> Vec<ParsedLine> {
    par_map(lines, |line| {
        let entry = parse_line(line)?;
        let payload = entry.envelope.payload_bytes().ok();
        Ok((entry, payload))
    })
}

/// Checks every DSSE signature of the export on all available cores (strict Ed25519, as the
/// server does), ahead of the sequential replay. Keys are looked up by key id among every key
/// the log registers (key ids are unique in a ledger); whether the key was registered *before*
/// the entry and not revoked is left to the replay. Returns, per line, per signature, whether
/// it verifies; a line that does not parse gets no answers (the replay reports it).
fn preverify_signatures(parsed: &[ParsedLine]) -> Vec<Vec<bool>> {
    // 1. collect registered keys (sequentially, cheap); a payload that does not name a key
    //    registers none here, and the replay reports whatever is wrong with it
    let mut keys: std::collections::HashMap<String, VerifierKey> = std::collections::HashMap::new();
    for (_, payload) in parsed.iter().flatten() {
        let Some(Ok(v)) = payload
            .as_deref()
            .map(serde_json::from_slice::<serde_json::Value>)
        else {
            continue;
        };
        let vkey = match v["type"].as_str() {
            Some("ledger.genesis") => v["data"]["admin_vkey"].as_str(),
            Some("key.registered") => v["data"]["vkey"].as_str(),
            _ => None,
        };
        if let Some(Ok(k)) = vkey.map(VerifierKey::parse) {
            keys.entry(k.key_id()).or_insert(k);
        }
    }
    // 2. verify every signature, in parallel
    par_map(parsed, |p| match p {
        Ok((e, Some(payload))) => verify_signatures_of(&e.envelope, payload, |id| keys.get(id)),
        Ok((_, None)) | Err(_) => vec![],
    })
}

/// Maps `f` over `items` on every available core, keeping the order. A panic in `f` is a bug of
/// the verifier, not a finding about the export: it is resumed on the calling thread (never
/// turned into missing answers, which the replay would report as bad signatures).
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
        let mut out = Vec::with_capacity(items.len());
        for h in handles {
            match h.join() {
                Ok(part) => out.extend(part),
                Err(panic) => std::panic::resume_unwind(panic),
            }
        }
        out
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

    /// [`Verifier::push_line`] with the line's signatures already checked (by
    /// [`crate::signatures::verify_signatures`]).
    pub fn push_checked(&mut self, line: &[u8], verified: Option<&[bool]>) -> Result<(), Problem> {
        self.push_parsed(line, parse_line(line), verified)
    }

    /// [`Verifier::push_checked`] with the line already read by [`parse_line`].
    fn push_parsed(
        &mut self,
        line: &[u8],
        parsed: Result<Entry, LineError>,
        verified: Option<&[bool]>,
    ) -> Result<(), Problem> {
        match self.check_line(line, parsed, verified) {
            Ok(()) => Ok(()),
            Err(p) => {
                self.report.problems.push(p.clone());
                Err(p)
            }
        }
    }

    fn check_line(
        &mut self,
        line: &[u8],
        parsed: Result<Entry, LineError>,
        verified: Option<&[bool]>,
    ) -> Result<(), Problem> {
        let index = self.report.size;
        let fail = |why: String| Problem::Entry { index, why };
        let entry = parsed.map_err(|e| fail(e.to_string()))?;
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

#[cfg(test)]
mod tests {
    use super::par_map;

    #[test]
    fn par_map_keeps_the_order() {
        let items: Vec<u32> = (0..1000).collect();
        assert_eq!(
            par_map(&items, |i| i * 2),
            (0..1000).map(|i| i * 2).collect::<Vec<_>>()
        );
    }

    #[test]
    #[should_panic(expected = "a verify thread panicked")]
    fn a_panicking_thread_is_not_a_missing_answer() {
        let items: Vec<u32> = (0..64).collect();
        par_map(&items, |i| {
            if *i == 63 {
                panic!("a verify thread panicked");
            }
            vec![true]
        });
    }
}
