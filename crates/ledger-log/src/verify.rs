//! Offline verification of an export (contract §3, §8): every line canonical, the BLAKE3 chain,
//! every signature and role at its index, schemas and references (by replaying the admission
//! checks of [`LedgerState::admit`]), the Merkle root and size against the checkpoint, and the
//! checkpoint's signature by the log key. Pure: it takes the bytes of the export as arguments.

use crate::admission::{Admission, LedgerState, Recorded};
use crate::line::{parse_line, LineError};
use ledger_events::time::Instant;
use ledger_proof::{
    chain_hash, leaf_hash, verify_dsse_signature, Checkpoint, Entry, Frontier, Hash, VerifierKey,
    GENESIS_PREV,
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
    /// When intact: the chain hash of the last line, its time, the tree's peaks.
    resume: Option<(Hash, i128, Vec<Hash>)>,
}

impl<M> Report<M> {
    pub fn intact(&self) -> bool {
        self.problems.is_empty()
    }
}

/// Verifies an export held in memory (see [`verify_read`]).
pub fn verify_export<M: Fold + Default>(
    entries_jsonl: &[u8],
    checkpoint: &str,
    trusted_log_key: Option<&VerifierKey>,
    since: Option<&str>,
) -> Report<M> {
    let last = entries_jsonl.last().copied();
    let lines = entries_jsonl.iter().filter(|b| **b == b'\n').count() as u64;
    verify_read(
        entries_jsonl,
        Shape { last, lines },
        checkpoint,
        trusted_log_key,
        since,
        |_, _, _| Ok(()),
    )
}

/// What the caller knows of the export's bytes before reading them: the last byte (`None`: the
/// export is empty) and the number of newlines (to locate a missing final newline).
#[derive(Clone, Copy, Debug)]
pub struct Shape {
    pub last: Option<u8>,
    pub lines: u64,
}

/// Lines per unit of work of the pipeline.
const CHUNK_LINES: usize = 512;

/// Verifies an export read from `input` (the bytes of `entries.jsonl`). `trusted_log_key` is the
/// trust anchor; without it the log key named in the genesis entry is used and the result is only
/// self-consistent. `since` is an earlier checkpoint the export must extend. `each` is called, in
/// log order, with every entry that passed every check (index, line without newline, record); an
/// error it returns stops the verification as a problem at that entry.
///
/// The work is a pipeline: worker threads (one per core) read each line, check its payload's form,
/// schema and typed reading, hash it, and check its signatures against the keys registered so
/// far; the calling thread replays the entries in order, making every check that depends on the
/// log (chain, keys registered and not revoked, roles, references, versions) with the very same
/// admission code the server runs, and verifies itself any signature a worker could not (a key
/// registered in a line not yet read, or a key id answered with another key).
pub fn verify_read<M: Fold + Default, R: std::io::Read + Send>(
    input: R,
    shape: Shape,
    checkpoint: &str,
    trusted_log_key: Option<&VerifierKey>,
    since: Option<&str>,
    each: impl FnMut(u64, &[u8], &Recorded) -> Result<(), String>,
) -> Report<M> {
    verify_read_from(None, input, shape, checkpoint, trusted_log_key, since, each)
}

/// Where a verification resumes: the verifier's state after `size` entries, as an earlier
/// verification of the same log left it ([`Report::resume`]). `input` then holds the lines from
/// entry `size` on, and a `since` checkpoint of that size must have this root.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct Resume<M> {
    pub state: LedgerState,
    pub model: M,
    pub size: u64,
    pub prev: Hash,
    pub last_at: i128,
    pub peaks: Vec<Hash>,
}

impl<M: Clone> Report<M> {
    /// The point a later verification of the same log can resume from (None unless intact).
    pub fn resume(&self) -> Option<Resume<M>> {
        let r = self.resume.as_ref()?;
        Some(Resume {
            state: self.state.clone(),
            model: self.model.clone(),
            size: self.size,
            prev: r.0,
            last_at: r.1,
            peaks: r.2.clone(),
        })
    }
}

/// [`verify_read`] from a [`Resume`] point (None: from the genesis).
pub fn verify_read_from<M: Fold + Default, R: std::io::Read + Send>(
    resume: Option<Resume<M>>,
    input: R,
    shape: Shape,
    checkpoint: &str,
    trusted_log_key: Option<&VerifierKey>,
    since: Option<&str>,
    mut each: impl FnMut(u64, &[u8], &Recorded) -> Result<(), String>,
) -> Report<M> {
    let mut v = Verifier::<M>::new();
    let resumed = resume.is_some();
    if let Some(r) = resume {
        match Frontier::from_parts(r.size, r.peaks) {
            Ok(f) => {
                v.frontier = f;
                v.report.state = r.state;
                v.report.model = r.model;
                v.report.size = r.size;
                v.prev = r.prev;
                v.last_at = Instant(r.last_at);
            }
            Err(e) => {
                v.report.problems.push(Problem::Checkpoint {
                    why: format!("the saved verification state is unusable: {e}"),
                });
                return v.report;
            }
        }
    }
    match shape.last {
        None if resumed => {}
        None => {
            v.report.problems.push(Problem::Entry {
                index: 0,
                why: "the export has no entries (entry 0, the genesis, is missing)".into(),
            });
            return v.report;
        }
        Some(b) if b != b'\n' => {
            v.report.problems.push(Problem::Entry {
                index: shape.lines,
                why: "the last line has no final newline (truncated?)".into(),
            });
            return v.report;
        }
        Some(_) => {}
    }
    // The root at the size of `since`, taken on the way (its signature is checked at the end).
    v.since_size = since
        .and_then(|t| Checkpoint::parse_unverified(t).ok())
        .map(|(c, _)| c.size);
    if resumed && v.since_size == Some(v.report.size) {
        v.since_root = Some(v.frontier.root());
    }
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    // The workers start with the keys the log registered so far (a resumed verification).
    let keys: KeyCache = std::sync::RwLock::new(
        v.report
            .state
            .keys
            .iter()
            .map(|(id, k)| (id.clone(), k.vkey.clone()))
            .collect(),
    );
    let (work_tx, work_rx) = std::sync::mpsc::sync_channel::<(u64, Vec<u8>)>(threads * 2);
    // Shared by the workers only: when they are all gone, the reader's sends fail and it ends.
    let work_rx = std::sync::Arc::new(std::sync::Mutex::new(work_rx));
    // A worker's chunk, or the panic of the worker that had it (so that the replay never waits
    // for a chunk that will not come, holding every later one).
    type Done = (u64, std::thread::Result<Chunk>);
    let (done_tx, done_rx) = std::sync::mpsc::sync_channel::<Done>(threads * 2);
    let read_error = std::sync::Mutex::new(None::<String>);
    let mut panicked = None;
    std::thread::scope(|scope| {
        // the reader: whole lines, CHUNK_LINES at a time
        let read_error = &read_error;
        scope.spawn(move || {
            let why = match read_chunks(input, |seq, bytes| work_tx.send((seq, bytes)).is_ok()) {
                Ok(true) => None,
                // The reader's own check, whatever the caller's shape said (a file can grow).
                Ok(false) => Some("the last line has no final newline (truncated?)".to_owned()),
                Err(e) => Some(format!("cannot read the export: {e}")),
            };
            if let (Some(why), Ok(mut slot)) = (why, read_error.lock()) {
                *slot = Some(why);
            }
        });
        for _ in 0..threads {
            let done_tx = done_tx.clone();
            let (work_rx, keys) = (work_rx.clone(), &keys);
            scope.spawn(move || loop {
                let next = work_rx.lock().ok().and_then(|rx| rx.recv().ok());
                let Some((seq, bytes)) = next else { return };
                let chunk =
                    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| ahead(bytes, keys)));
                let stop = chunk.is_err();
                if done_tx.send((seq, chunk)).is_err() || stop {
                    return;
                }
            });
        }
        drop(done_tx);
        drop(work_rx);
        // the replay, in order; at the first problem, dropping the receiver ends the workers
        // (their sends fail) and then the reader (its sends fail)
        let mut waiting = std::collections::BTreeMap::new();
        let mut next = 0u64;
        'replay: for (seq, chunk) in done_rx.iter() {
            waiting.insert(seq, chunk);
            while let Some(chunk) = waiting.remove(&next) {
                next += 1;
                let chunk = match chunk {
                    Ok(c) => c,
                    Err(p) => {
                        panicked = Some(p);
                        break 'replay;
                    }
                };
                if v.replay_chunk(chunk, &mut each).is_err() {
                    break 'replay;
                }
            }
        }
        drop(done_rx);
    });
    // A panic in a worker is a bug of the verifier, never a finding about the export.
    if let Some(p) = panicked {
        std::panic::resume_unwind(p);
    }
    if let Some(why) = read_error.into_inner().ok().flatten() {
        if v.report.problems.is_empty() {
            v.report.problems.push(Problem::Entry {
                index: v.report.size,
                why,
            });
        }
    }
    v.finish(checkpoint, trusted_log_key, since)
}

/// Keys seen in registrations, by key id, shared by the workers (first seen wins; the replay
/// checks that a signature was verified under the key the log registered for its key id).
type KeyCache = std::sync::RwLock<std::collections::HashMap<String, VerifierKey>>;

/// Reads `input` as chunks of whole lines (each ending in a newline), calling `send(seq, bytes)`
/// until it returns false. Returns false if the input ends with bytes after its last newline
/// (they are not sent: a line without its newline is not a line of the export).
fn read_chunks<R: std::io::Read>(
    mut input: R,
    mut send: impl FnMut(u64, Vec<u8>) -> bool,
) -> std::io::Result<bool> {
    let mut seq = 0u64;
    let mut buf: Vec<u8> = Vec::with_capacity(1 << 20);
    let mut lines_in_buf = 0usize;
    let mut scanned = 0usize;
    let mut block = vec![0u8; 256 << 10];
    loop {
        let n = match input.read(&mut block) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        buf.extend_from_slice(&block[..n]);
        // cut after the CHUNK_LINES-th newline, as often as there are that many
        while let Some(pos) = buf[scanned..].iter().position(|b| *b == b'\n') {
            scanned += pos + 1;
            lines_in_buf += 1;
            if lines_in_buf == CHUNK_LINES {
                let rest = buf.split_off(scanned);
                if !send(seq, std::mem::replace(&mut buf, rest)) {
                    return Ok(true);
                }
                seq += 1;
                lines_in_buf = 0;
                scanned = 0;
            }
        }
    }
    // whole lines left, then perhaps a fragment without its newline
    let fragment = buf.len() > scanned;
    buf.truncate(scanned);
    if !buf.is_empty() {
        send(seq, buf);
    }
    Ok(!fragment)
}

/// A chunk of lines with what the workers found out about each.
struct Chunk {
    bytes: Vec<u8>,
    lines: Vec<Ahead>,
}

/// One line as a worker leaves it for the replay.
struct Ahead {
    /// The line's span in the chunk's bytes, without its newline.
    span: std::ops::Range<usize>,
    parsed: Result<Entry, LineError>,
    prepared: Option<crate::admission::Prepared>,
    /// Per signature: the public key it verified under (None: not verified here).
    verified_under: Vec<Option<[u8; 32]>>,
    chain: Hash,
    leaf: Hash,
}

/// The workers' part: every check of a line that does not depend on the log.
fn ahead(bytes: Vec<u8>, keys: &KeyCache) -> Chunk {
    let mut lines = Vec::with_capacity(CHUNK_LINES);
    let mut start = 0usize;
    for (i, b) in bytes.iter().enumerate() {
        if *b != b'\n' {
            continue;
        }
        let line = &bytes[start..i];
        let parsed = parse_line(line);
        let prepared = parsed
            .as_ref()
            .ok()
            .map(|e| LedgerState::prepare(&e.envelope).with_line_len(line.len()));
        lines.push(Ahead {
            span: start..i,
            parsed,
            prepared,
            verified_under: Vec::new(),
            chain: chain_hash(line),
            leaf: leaf_hash(line),
        });
        start = i + 1;
    }
    // the keys this chunk registers, before its own signatures are checked
    let new: Vec<VerifierKey> = lines
        .iter()
        .filter_map(|a| a.prepared.as_ref()?.registered_vkey())
        .filter_map(|t| VerifierKey::parse(t).ok())
        .collect();
    if !new.is_empty() {
        if let Ok(mut k) = keys.write() {
            for key in new {
                k.entry(key.key_id()).or_insert(key);
            }
        }
    }
    if let Ok(k) = keys.read() {
        for a in &mut lines {
            let (Ok(entry), Some(payload)) =
                (&a.parsed, a.prepared.as_ref().and_then(|p| p.payload()))
            else {
                continue;
            };
            let env = &entry.envelope;
            a.verified_under = env
                .signatures
                .iter()
                .map(|s| {
                    let key = k.get(&s.keyid)?;
                    verify_dsse_signature(key, &env.payload_type, payload, &s.sig)
                        .then(|| key.public_key().to_bytes())
                })
                .collect();
        }
    }
    Chunk { bytes, lines }
}

/// Line-by-line verification: [`verify_export`] is `push_line` for each line, then `finish`.
/// Cloneable, so a caller can keep the state after any prefix of the log.
#[derive(Clone, Debug)]
pub struct Verifier<M = ()> {
    report: Report<M>,
    prev: Hash,
    last_at: Instant,
    frontier: Frontier,
    /// The size of the `--since` checkpoint, and the root once the replay reaches it.
    since_size: Option<u64>,
    since_root: Option<Hash>,
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
                resume: None,
            },
            prev: GENESIS_PREV,
            last_at: Instant(i128::MIN),
            frontier: Frontier::new(),
            since_size: None,
            since_root: None,
        }
    }

    /// Replays one chunk the workers prepared; stops at the first problem.
    fn replay_chunk(
        &mut self,
        chunk: Chunk,
        each: &mut impl FnMut(u64, &[u8], &Recorded) -> Result<(), String>,
    ) -> Result<(), Problem> {
        let Chunk { bytes, lines } = chunk;
        for a in lines {
            let line = &bytes[a.span.clone()];
            let index = self.report.size;
            let result = match (a.parsed, a.prepared) {
                (Ok(entry), Some(prepared)) => {
                    let verified = self.resolve(&entry, &prepared, &a.verified_under);
                    self.check_entry(entry, Some(prepared), Some(&verified), a.chain, a.leaf)
                }
                (parsed, _) => self.check_entry_parsed(parsed, a.chain, a.leaf),
            };
            let result = result.and_then(|rec| {
                each(index, line, &rec).map_err(|why| Problem::Entry { index, why })
            });
            if let Err(p) = result {
                self.report.problems.push(p.clone());
                return Err(p);
            }
        }
        Ok(())
    }

    /// Per signature, whether it verifies under the key the log registered for its key id: the
    /// worker's answer when it used that very key, else checked here.
    fn resolve(
        &self,
        entry: &Entry,
        prepared: &crate::admission::Prepared,
        under: &[Option<[u8; 32]>],
    ) -> Vec<bool> {
        let env = &entry.envelope;
        env.signatures
            .iter()
            .enumerate()
            .map(|(k, s)| {
                let Some(info) = self.report.state.keys.get(&s.keyid) else {
                    return false; // admission refuses an unregistered key
                };
                if under.get(k).copied().flatten() == Some(info.vkey.public_key().to_bytes()) {
                    return true;
                }
                prepared.payload().is_some_and(|p| {
                    verify_dsse_signature(&info.vkey, &env.payload_type, p, &s.sig)
                })
            })
            .collect()
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
        let (chain, leaf) = (chain_hash(line), leaf_hash(line));
        match parsed {
            Ok(entry) => self.check_entry(entry, None, verified, chain, leaf),
            Err(e) => self.check_entry_parsed(Err(e), chain, leaf),
        }
        .map(|_| ())
    }

    fn check_entry_parsed(
        &mut self,
        parsed: Result<Entry, LineError>,
        chain: Hash,
        leaf: Hash,
    ) -> Result<Recorded, Problem> {
        let index = self.report.size;
        let entry = parsed.map_err(|e| Problem::Entry {
            index,
            why: e.to_string(),
        })?;
        self.check_entry(entry, None, None, chain, leaf)
    }

    /// Every check of one parsed entry that depends on the log, then folds it in.
    fn check_entry(
        &mut self,
        entry: Entry,
        prepared: Option<crate::admission::Prepared>,
        verified: Option<&[bool]>,
        chain: Hash,
        leaf: Hash,
    ) -> Result<Recorded, Problem> {
        let index = self.report.size;
        let fail = |why: String| Problem::Entry { index, why };
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
        let state = &self.report.state;
        let admission = match prepared {
            Some(p) => state.admit_prepared(&entry.envelope, p, verified),
            None => state.admit_with(&entry.envelope, verified),
        };
        let rec = match admission {
            Ok(Admission::New(admitted)) => {
                let rec = self.report.state.apply(&admitted, index, at);
                self.report.model.fold(&rec);
                rec
            }
            Ok(Admission::Repeat { index: j }) => {
                return Err(fail(format!("its event id repeats entry {j}")));
            }
            Err(rej) => return Err(fail(format!("{} ({})", rej, rej.status()))),
        };
        self.prev = chain;
        self.last_at = at;
        self.frontier.push(leaf);
        self.report.size = index + 1;
        if self.since_size == Some(self.report.size) {
            self.since_root = Some(self.frontier.root());
        }
        Ok(rec)
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
        self.report.root = self.frontier.root();
        let since = since.map(|text| (text, self.since_root));
        check_checkpoint(checkpoint, trusted_log_key, since, &mut self.report);
        if self.report.problems.is_empty() {
            self.report.resume = Some((
                self.prev,
                self.last_at.millis(),
                self.frontier.peaks().to_vec(),
            ));
        }
        self.report
    }
}

fn check_checkpoint<M>(
    text: &str,
    trusted: Option<&VerifierKey>,
    since: Option<(&str, Option<Hash>)>,
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
    if let Some((old, root_there)) = since {
        match Checkpoint::parse_verified(old, &key) {
            Err(e) => report.problems.push(fail(format!("--since: {e}"))),
            Ok(old) if old.size > report.size => report.problems.push(fail(format!(
                "--since: the earlier checkpoint has size {}, more than the export's {}",
                old.size, report.size
            ))),
            Ok(old) => {
                // The replay took the root when it reached the earlier size (the empty tree's
                // root for size 0).
                let root = match old.size {
                    0 => Some(ledger_proof::empty_root()),
                    _ => root_there,
                };
                if root != Some(old.root) {
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
    use super::read_chunks;

    #[test]
    fn chunks_hold_whole_lines_in_order() {
        // lines of every length from 1 to 700 bytes, more than two chunks of them
        let mut bytes = Vec::new();
        for i in 0..(super::CHUNK_LINES * 2 + 77) {
            bytes.extend(std::iter::repeat_n(b'a' + (i % 26) as u8, 1 + i % 700));
            bytes.push(b'\n');
        }
        let mut chunks = Vec::new();
        let whole = read_chunks(&bytes[..], |seq, c| {
            assert_eq!(seq as usize, chunks.len());
            chunks.push(c);
            true
        })
        .unwrap();
        assert!(whole);
        assert_eq!(chunks.len(), 3);
        for c in &chunks[..2] {
            assert_eq!(
                c.iter().filter(|b| **b == b'\n').count(),
                super::CHUNK_LINES
            );
        }
        assert!(chunks.iter().all(|c| c.last() == Some(&b'\n')));
        assert_eq!(chunks.concat(), bytes);
    }

    #[test]
    fn a_fragment_after_the_last_newline_is_not_a_line() {
        let mut sent = Vec::new();
        let whole = read_chunks(&b"a\nb\nhalf a li"[..], |_, c| {
            sent.push(c);
            true
        })
        .unwrap();
        assert!(!whole);
        assert_eq!(sent.concat(), b"a\nb\n");
    }

    #[test]
    fn a_reader_stops_when_told() {
        let bytes = b"a\n".repeat(super::CHUNK_LINES * 5);
        let mut n = 0;
        read_chunks(&bytes[..], |_, _| {
            n += 1;
            false
        })
        .unwrap();
        assert_eq!(n, 1);
    }
}

/// [`verify_read`] on one thread, fed bytes as they come (a browser reading a file in slices):
/// the same [`Verifier`], the same problems, in the same words. `push` takes any slice of the
/// export's bytes; `finish` checks the checkpoint. (`--since` is not offered here.)
#[derive(Clone, Debug)]
pub struct LineStream<M = ()> {
    verifier: Verifier<M>,
    partial: Vec<u8>,
    lines: u64,
    failed: bool,
}

impl<M: Fold + Default> Default for LineStream<M> {
    fn default() -> Self {
        Self::new()
    }
}

impl<M: Fold + Default> LineStream<M> {
    pub fn new() -> Self {
        LineStream {
            verifier: Verifier::new(),
            partial: Vec::new(),
            lines: 0,
            failed: false,
        }
    }

    /// Entries checked so far.
    pub fn size(&self) -> u64 {
        self.verifier.report.size
    }

    /// Whether a problem was found (later bytes are then only counted).
    pub fn failed(&self) -> bool {
        self.failed
    }

    pub fn push(&mut self, mut bytes: &[u8]) {
        while let Some(nl) = bytes.iter().position(|b| *b == b'\n') {
            self.lines += 1;
            if !self.failed {
                let r = if self.partial.is_empty() {
                    self.verifier.push_line(&bytes[..nl])
                } else {
                    self.partial.extend_from_slice(&bytes[..nl]);
                    let line = std::mem::take(&mut self.partial);
                    self.verifier.push_line(&line)
                };
                self.failed = r.is_err();
            }
            self.partial.clear();
            bytes = &bytes[nl + 1..];
        }
        if !self.failed {
            self.partial.extend_from_slice(bytes);
        } else if !bytes.is_empty() {
            // only whether the export ends in a newline still matters
            self.partial.clear();
            self.partial.push(bytes[bytes.len() - 1]);
        }
    }

    /// The report [`verify_read`] gives for the same bytes (without `since`).
    pub fn finish(self, checkpoint: &str, trusted_log_key: Option<&VerifierKey>) -> Report<M> {
        let mut v = self.verifier;
        if self.lines == 0 && self.partial.is_empty() {
            v.report.problems = vec![Problem::Entry {
                index: 0,
                why: "the export has no entries (entry 0, the genesis, is missing)".into(),
            }];
            v.report.anchored = trusted_log_key.is_some();
            return v.report;
        }
        if !self.partial.is_empty() {
            v.report.problems = vec![Problem::Entry {
                index: self.lines,
                why: "the last line has no final newline (truncated?)".into(),
            }];
            v.report.anchored = trusted_log_key.is_some();
            return v.report;
        }
        v.finish(checkpoint, trusted_log_key, None)
    }
}
