//! The only crate that knows sled. It keeps the log durable: one writer thread owns the folded
//! [`LedgerState`] and appends; concurrent appends that arrive while a flush is under way are
//! grouped into the next batch (group commit), written with one atomic `apply_batch` and one
//! `flush`, covered by one newly signed checkpoint, and only then acknowledged. Readers never see
//! an entry before the checkpoint that covers it is published.
//!
//! Layout (one sled tree, so that a batch is atomic): `e`+index → entry line; `T`+level+index →
//! a tile of the Merkle tree, as C2SP tlog-tiles lays them out, with its inner nodes (see
//! [`tiles`]), so a proof reads one tile per tile level and never rehashes; `m:tree` → the tree
//! layout (`tiles/1`); `m:checkpoint` → the latest signed checkpoint note.
//! Two indexes, written in the same batch as the entries they index: `s`+stream+0x00+version →
//! index and type code (a stream's events in version order), `t`+type code+index → empty (the
//! entries of one type in log order); `m:index-size` says how many entries they cover (see
//! [`type_code`] and `index`).

use ledger_events::Instant;
use ledger_log::{Admission, LedgerState, Rejection};
use ledger_proof::{
    chain_hash, consistency_proof, inclusion_proof, leaf_hash, Checkpoint, Entry, Envelope,
    Frontier, Hash, ProofError, SignerKey, VerifierKey, GENESIS_PREV,
};
use std::collections::HashMap;
use std::path::Path;
use std::sync::{Arc, RwLock};
use tokio::sync::{oneshot, watch};

/// Most envelopes folded into one durable batch.
pub const MAX_BATCH: usize = 512;

pub(crate) const KEY_CHECKPOINT: &[u8] = b"m:checkpoint";

mod import;
mod index;
pub mod snapshot;
pub mod tiles;
pub mod witness;
pub use import::Importer;
pub use index::{type_code, FeedPage, StreamItem};

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error(transparent)]
    Rejected(#[from] Rejection),
    #[error("storage error: {0}")]
    Storage(#[from] sled::Error),
    #[error("the store is corrupt: {0}")]
    Corrupt(String),
    /// A stored line that cannot be read back as the record at its index.
    #[error("the store is corrupt: {0}")]
    Unreadable(#[from] ledger_log::ReadError),
    #[error("the store stopped after a failed write; restart the server to recover from disk")]
    Poisoned,
    #[error("the writer has shut down")]
    Closed,
    /// Writes are refused for now (the disk is nearly full); they resume by themselves.
    #[error("writes are stopped: {0}")]
    WritesStopped(String),
    /// A ledger served without its log's signer key (an import without `--log-key`, a mirror).
    #[error("this ledger is a read-only copy: it has no log key to sign checkpoints with, so it takes no appends")]
    ReadOnly,
    #[error("{0}")]
    BadRequest(String),
}

impl From<ProofError> for StoreError {
    fn from(e: ProofError) -> Self {
        StoreError::Corrupt(e.to_string())
    }
}

/// The checkpoint readers may rely on: everything up to `size` is durable.
#[derive(Clone, Debug)]
pub struct Published {
    pub size: u64,
    pub root: Hash,
    pub checkpoint: String,
}

/// What an append returns: a self-contained proof that the entry is in the log (contract §3).
#[derive(Clone, Debug)]
pub struct Ack {
    /// false for an idempotent repeat of a stored event.
    pub created: bool,
    pub index: u64,
    pub line: String,
    pub entry_hash: Hash,
    pub checkpoint: String,
    pub size: u64,
    pub proof: Vec<Hash>,
}

/// A clock: the server's wall clock, or a fixed one in tests.
pub type Clock = Arc<dyn Fn() -> Instant + Send + Sync>;

pub fn system_clock() -> Clock {
    Arc::new(|| {
        let d = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap_or_default();
        Instant::from_millis(d.as_millis() as i128)
    })
}

/// Where a writer sends the outcome of one request (a oneshot for async callers, a channel for blocking ones).
type Reply = Box<dyn FnOnce(Result<Ack, StoreError>) + Send>;
/// (index, created) of one admitted or repeated request.
type Outcome = (u64, bool);

/// What the writer is sent: an append, lines of a log this store mirrors, or a dry run.
enum Msg {
    Append(Request),
    Replicate(Replica),
    DryRun(DryRunRequest),
}

/// An append to check and not write (`POST /v1/events?dry_run=true`, contract §7).
struct DryRunRequest {
    envelope: Envelope,
    preverified: Option<Vec<bool>>,
    reply: Box<dyn FnOnce(Result<DryRun, StoreError>) + Send>,
}

/// What a dry run found: every check of an append passed, and this is the entry it would make
/// now. Nothing was written.
#[derive(Clone, Debug)]
pub enum DryRun {
    /// A new event: the entry it would be (index, the server's time now, the event, its signers).
    New(Box<ledger_log::Recorded>),
    /// The same event id with the same payload bytes is stored already, at this index (a real
    /// append would answer 200 with it).
    Repeat { index: u64 },
}

/// Lines of the mirrored log that extend this store, and the log's checkpoint over them.
struct Replica {
    lines: Vec<Vec<u8>>,
    checkpoint: String,
    reply: Box<dyn FnOnce(Result<u64, StoreError>) + Send>,
}

struct Request {
    envelope: Envelope,
    /// Signatures already verified by the caller against the registered keys (see
    /// [`Store::registered_keys`]); `false` means "not checked", and the writer checks it.
    preverified: Option<Vec<bool>>,
    reply: Reply,
}

/// Read access to stored entries and subtree hashes.
#[derive(Clone)]
pub struct Reader {
    tree: sled::Tree,
    tiles: tiles::TileCache,
    published: Arc<RwLock<Published>>,
    size_tx: Arc<watch::Sender<u64>>,
}

fn entry_key(index: u64) -> [u8; 9] {
    let mut k = [0u8; 9];
    k[0] = b'e';
    k[1..].copy_from_slice(&index.to_be_bytes());
    k
}

/// Where derived state (snapshots) is kept: beside the sled directory, never inside it.
pub fn derived_dir(db_dir: &Path) -> std::path::PathBuf {
    let name = db_dir
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "db".into());
    db_dir.with_file_name(format!("{name}.derived"))
}

/// The admission state's snapshot, if there is one of this build, within the log, with the
/// log's root at its size.
fn load_state(
    dir: &Path,
    tree: &sled::Tree,
    cache: &tiles::TileCache,
    stored: u64,
) -> Result<Option<(LedgerState, u64)>, String> {
    let Some(snap) =
        snapshot::read::<LedgerState>(dir, "admission", &snapshot::shape("admission", ""))?
    else {
        return Ok(None);
    };
    if snap.size > stored || snap.size == 0 {
        return Err(format!(
            "it describes {} entries and the log holds {stored}",
            snap.size
        ));
    }
    if snap.body.size() != snap.size {
        return Err("its state does not describe its size".into());
    }
    let root = ledger_proof::root_at(&tiles::TileSource::new(tree, cache), snap.size)
        .map_err(|e| e.to_string())?;
    if root != snap.root {
        return Err(format!(
            "its root is not the log's root at {} entries",
            snap.size
        ));
    }
    Ok(Some((snap.body, snap.size)))
}

impl Reader {
    fn nodes(&self) -> tiles::TileSource<'_> {
        tiles::TileSource::new(&self.tree, &self.tiles)
    }

    /// The stored tile `level/index` of the Merkle tree (C2SP tlog-tiles), if the published tree
    /// has one. Its width may exceed what the published size gives it (the edge tile grows with
    /// each batch before the size is published): a caller serves at most the published width.
    pub fn tile(&self, level: u8, index: u64) -> Result<Option<tiles::Tile>, StoreError> {
        self.nodes()
            .stored(level, index)
            .map_err(StoreError::Corrupt)
    }

    pub fn published(&self) -> Published {
        self.published
            .read()
            .map(|p| p.clone())
            .unwrap_or_else(|e| e.into_inner().clone())
    }

    /// Wakes when the published size grows (for the live feed).
    pub fn subscribe(&self) -> watch::Receiver<u64> {
        self.size_tx.subscribe()
    }

    /// One published entry line.
    pub fn entry(&self, index: u64) -> Result<Option<Vec<u8>>, StoreError> {
        if index >= self.published().size {
            return Ok(None);
        }
        Ok(self.tree.get(entry_key(index))?.map(|v| v.to_vec()))
    }

    /// Up to `limit` published lines from `start`.
    pub fn entries(&self, start: u64, limit: u64) -> Result<Vec<Vec<u8>>, StoreError> {
        let size = self.published().size;
        if start >= size || limit == 0 {
            return Ok(Vec::new());
        }
        let end = size.min(start.saturating_add(limit));
        let mut out = Vec::with_capacity((end - start) as usize);
        for item in self.tree.range(entry_key(start)..entry_key(end)) {
            let (_, v) = item?;
            out.push(v.to_vec());
        }
        if out.len() as u64 != end - start {
            return Err(StoreError::Corrupt(format!(
                "entries {start}..{end} are not all stored"
            )));
        }
        Ok(out)
    }

    /// Inclusion proof of `index` in the tree of `size` (≤ the published size).
    pub fn inclusion_proof(&self, index: u64, size: u64) -> Result<Vec<Hash>, StoreError> {
        let published = self.published().size;
        if size > published || index >= size {
            return Err(StoreError::BadRequest(format!(
                "inclusion proof needs 0 <= index < size <= {published}, got index {index}, size {size}"
            )));
        }
        Ok(inclusion_proof(&self.nodes(), index, size)?)
    }

    /// The Merkle root of the first `size` entries (≤ the published size).
    pub fn root_at(&self, size: u64) -> Result<Hash, StoreError> {
        let published = self.published().size;
        if size > published {
            return Err(StoreError::BadRequest(format!(
                "root_at needs size <= {published}, got {size}"
            )));
        }
        Ok(ledger_proof::root_at(&self.nodes(), size)?)
    }

    /// Consistency proof between two published sizes.
    pub fn consistency_proof(&self, from: u64, to: u64) -> Result<Vec<Hash>, StoreError> {
        let published = self.published().size;
        if from == 0 || from > to || to > published {
            return Err(StoreError::BadRequest(format!(
                "consistency proof needs 0 < from <= to <= {published}, got from {from}, to {to}"
            )));
        }
        Ok(consistency_proof(&self.nodes(), from, to)?)
    }

    fn ack_for(&self, index: u64, created: bool) -> Result<Ack, StoreError> {
        let p = self.published();
        let line = self
            .tree
            .get(entry_key(index))?
            .ok_or_else(|| StoreError::Corrupt(format!("entry {index} is missing")))?;
        let line = String::from_utf8(line.to_vec())
            .map_err(|_| StoreError::Corrupt(format!("entry {index} is not ASCII")))?;
        Ok(Ack {
            created,
            index,
            entry_hash: chain_hash(line.as_bytes()),
            proof: inclusion_proof(&self.nodes(), index, p.size)?,
            line,
            checkpoint: p.checkpoint,
            size: p.size,
        })
    }
}

/// Handle to a running ledger store: submit envelopes, read what is published. Clones share one
/// writer; when the last clone is dropped the writer finishes the queued requests and is joined,
/// so the data directory can be opened again at once.
#[derive(Clone)]
pub struct Store {
    keys: Arc<RwLock<HashMap<String, ledger_proof::VerifierKey>>>,
    writer: Arc<WriterHandle>,
    reader: Reader,
    read_only: bool,
    db: sled::Db,
    derived: std::path::PathBuf,
    health: Arc<WriterHealth>,
    dir: std::path::PathBuf,
}

/// What the writer tells the rest of the server about itself.
#[derive(Default)]
struct WriterHealth {
    /// Why writes are refused, while they are.
    stopped: RwLock<Option<String>>,
    /// Told the number of entries of each durable batch.
    batches: std::sync::OnceLock<Arc<dyn Fn(usize) + Send + Sync>>,
    /// Set when a write failed (not merely refused for want of space): only a restart clears it.
    failed: std::sync::atomic::AtomicBool,
}

/// Free space the writer keeps on the store's file system, beyond what a batch needs: below it,
/// appends are refused (503) before sled writes anything, and resume once space is back.
pub const SPACE_RESERVE: u64 = 8 << 20;

struct WriterHandle {
    tx: Option<std::sync::mpsc::SyncSender<Msg>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Drop for WriterHandle {
    fn drop(&mut self) {
        drop(self.tx.take());
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

struct Writer {
    keys: Arc<RwLock<HashMap<String, ledger_proof::VerifierKey>>>,
    tree: sled::Tree,
    db: sled::Db,
    state: LedgerState,
    frontier: Frontier,
    tiles: tiles::TileWriter,
    prev: Hash,
    last_recorded: Instant,
    /// None for a read-only copy, which refuses every append.
    log_key: Option<SignerKey>,
    origin: String,
    clock: Clock,
    reader: Reader,
    poisoned: bool,
    health: Arc<WriterHealth>,
    /// The sled directory, whose file system's free space is checked before each batch.
    dir: std::path::PathBuf,
    /// The key of the log's checkpoints (a mirror checks the mirrored log's with it).
    log_vkey: VerifierKey,
    /// Where the admission snapshot goes, the size of the last one, and the thread writing one.
    derived: std::path::PathBuf,
    snapshot_at: u64,
    snapshot_thread: Option<std::thread::JoinHandle<()>>,
}

/// Opens the sled database under `dir` with a small page cache (entries are read rarely and
/// sequentially, so memory stays proportional to what is served; sled's default is 1 GiB).
///
/// sled releases its file lock from background threads a moment after the last handle is
/// dropped, so a store closed in this process (or by a server that has just exited) can still
/// be locked for a few milliseconds: the open is retried while the lock is busy, for at most
/// two seconds, and then fails with sled's own error (another process holds the store).
pub(crate) fn open_db(dir: &Path) -> Result<sled::Db, StoreError> {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(2);
    loop {
        match sled::Config::new()
            .path(dir)
            .cache_capacity(64 << 20)
            .open()
        {
            // sled reports the busy lock as ErrorKind::Other with this text (config.rs).
            Err(sled::Error::Io(e))
                if e.to_string().starts_with("could not acquire lock")
                    && std::time::Instant::now() < deadline =>
            {
                std::thread::sleep(std::time::Duration::from_millis(20));
            }
            other => return Ok(other?),
        }
    }
}

impl Store {
    /// Opens (or creates) the store under `dir`. The log key signs every checkpoint; if the store
    /// holds a genesis, the key must be the one it names.
    pub fn open(dir: &Path, log_key: SignerKey, clock: Clock) -> Result<Store, StoreError> {
        let vkey = log_key.verifier();
        Self::open_with(dir, Some(log_key), vkey, clock)
    }

    /// Opens a store without its log's signer key: every read works, every append is refused
    /// ([`StoreError::ReadOnly`]). `log_vkey` must be the key named in the genesis entry.
    pub fn open_read_only(dir: &Path, log_vkey: VerifierKey) -> Result<Store, StoreError> {
        Self::open_with(dir, None, log_vkey, system_clock())
    }

    fn open_with(
        dir: &Path,
        log_key: Option<SignerKey>,
        log_vkey: VerifierKey,
        clock: Clock,
    ) -> Result<Store, StoreError> {
        let db = open_db(dir)?;
        let tree = db.open_tree("log")?;
        let derived = derived_dir(dir);
        let cache = tiles::TileCache::default();
        // The log's size: one past the last stored entry.
        let stored = match tree.scan_prefix(b"e").next_back() {
            Some(item) => {
                let (k, _) = item?;
                let mut b = [0u8; 8];
                b.copy_from_slice(k.get(1..9).ok_or_else(|| {
                    StoreError::Corrupt("an entry key is not e + 8 bytes".into())
                })?);
                u64::from_be_bytes(b) + 1
            }
            None => 0,
        };
        tiles::ensure(&tree, stored)?;
        // The admission state as of a snapshot, if one is usable; then only the tail is replayed.
        let (mut state, from) = match load_state(&derived, &tree, &cache, stored) {
            Ok(Some((state, size))) => {
                tracing::info!(
                    "admission state restored from its snapshot at {size} entries; replaying the last {}",
                    stored - size
                );
                (state, size)
            }
            Ok(None) => {
                if stored > 0 {
                    tracing::info!("no admission snapshot: replaying all {stored} entries");
                }
                (LedgerState::new(), 0)
            }
            Err(why) => {
                tracing::warn!(
                    "admission snapshot discarded ({why}): replaying all {stored} entries"
                );
                snapshot::remove(&derived, "admission");
                (LedgerState::new(), 0)
            }
        };
        let mut frontier = Frontier::from_source(&tiles::TileSource::new(&tree, &cache), from)?;
        let mut prev = GENESIS_PREV;
        let mut last_recorded = Instant(i128::MIN);
        if from > 0 {
            let line = tree
                .get(entry_key(from - 1))?
                .ok_or_else(|| StoreError::Corrupt(format!("entry {} is missing", from - 1)))?;
            let entry = ledger_log::read_entry(from - 1, &line)?;
            last_recorded = Instant::parse(&entry.recorded_at)
                .map_err(|e| StoreError::Corrupt(format!("entry {}: {e}", from - 1)))?;
            prev = chain_hash(&line);
        }
        let mut index = from;
        for item in tree.range(entry_key(from)..) {
            let (k, line) = item?;
            if k.first() != Some(&b'e') {
                break;
            }
            if k.as_ref() != entry_key(index) {
                return Err(StoreError::Corrupt(format!(
                    "gap in the log before entry {index}"
                )));
            }
            // Folded in without checking signatures again: the store wrote the line only after
            // LedgerState::admit accepted it. (`dledger verify` checks everything.)
            let entry = ledger_log::read_entry(index, &line)?;
            if entry.prev != prev {
                return Err(StoreError::Corrupt(format!(
                    "entry {index}: prev does not match the chain"
                )));
            }
            let stored = ledger_log::read_stored(index, entry)?;
            state.apply(&stored.admitted, index, stored.recorded_at);
            last_recorded = stored.recorded_at;
            prev = chain_hash(&line);
            frontier.push(leaf_hash(&line));
            index += 1;
        }
        if index != stored {
            return Err(StoreError::Corrupt(format!(
                "the log holds entries up to {} but they end at {index}",
                stored.saturating_sub(1)
            )));
        }
        let origin = match &state.origin {
            Some(o) => o.clone(),
            None => log_vkey.name().to_owned(),
        };
        if let Some(k) = &state.log_key {
            if *k != log_vkey {
                return Err(StoreError::Corrupt(format!(
                    "the log key {} is not the one named in the genesis entry ({})",
                    log_vkey.key_id(),
                    k.key_id()
                )));
            }
        }
        let checkpoint = match tree.get(KEY_CHECKPOINT)? {
            Some(c) => String::from_utf8(c.to_vec())
                .map_err(|_| StoreError::Corrupt("checkpoint is not UTF-8".into()))?,
            None if index == 0 => String::new(),
            None => return Err(StoreError::Corrupt("entries without a checkpoint".into())),
        };
        if index > 0 {
            let cp = Checkpoint::parse_verified(&checkpoint, &log_vkey)
                .map_err(|e| StoreError::Corrupt(format!("stored checkpoint: {e}")))?;
            if cp.size != index || cp.root != frontier.root() {
                return Err(StoreError::Corrupt(format!(
                    "stored checkpoint (size {}) does not match the {index} stored entries",
                    cp.size
                )));
            }
        }
        let tile_writer = tiles::TileWriter::load(&tiles::TileSource::new(&tree, &cache), index)
            .map_err(StoreError::Corrupt)?;
        // The stream and type indexes must cover every entry before anyone reads them.
        index::catch_up(&tree, index)?;
        let (size_tx, _) = watch::channel(index);
        let reader = Reader {
            tree: tree.clone(),
            tiles: cache,
            published: Arc::new(RwLock::new(Published {
                size: index,
                root: frontier.root(),
                checkpoint,
            })),
            size_tx: Arc::new(size_tx),
        };
        let (tx, rx) = std::sync::mpsc::sync_channel::<Msg>(4096);
        let keys = Arc::new(RwLock::new(HashMap::new()));
        let read_only = log_key.is_none();
        let health = Arc::new(WriterHealth::default());
        let writer = Writer {
            health: health.clone(),
            dir: dir.to_owned(),
            log_vkey: log_vkey.clone(),
            keys: keys.clone(),
            tree,
            db: db.clone(),
            state,
            frontier,
            tiles: tile_writer,
            prev,
            last_recorded,
            log_key,
            origin,
            clock,
            reader: reader.clone(),
            poisoned: false,
            derived,
            snapshot_at: from,
            snapshot_thread: None,
        };
        writer.publish_keys();
        if writer.log_key.is_some() {
            // Started on a full disk: say so at once (reads are served; appends are refused).
            let _ = writer.check_space(&[]);
        }
        let handle = std::thread::Builder::new()
            .name("ledger-writer".into())
            .spawn(move || writer.run(rx))
            .map_err(|e| StoreError::Corrupt(format!("cannot start the writer thread: {e}")))?;
        Ok(Store {
            keys,
            writer: Arc::new(WriterHandle {
                tx: Some(tx),
                thread: Some(handle),
            }),
            reader,
            read_only,
            db,
            derived: derived_dir(dir),
            health,
            dir: dir.to_owned(),
        })
    }

    /// Why writes are refused, while they are (a full disk, a failed write). A refusal for want
    /// of space is lifted here too once the space is back, so `/healthz` tells the truth even
    /// when nobody appends.
    pub fn writes_stopped(&self) -> Option<String> {
        let why = self.health.stopped.read().ok().and_then(|s| s.clone())?;
        if !self
            .health
            .failed
            .load(std::sync::atomic::Ordering::Relaxed)
        {
            if let Ok(free) = fs2::available_space(&self.dir) {
                if free >= SPACE_RESERVE + (1 << 20) {
                    if let Ok(mut s) = self.health.stopped.write() {
                        if s.is_some() {
                            tracing::info!(
                                "writes resumed: {free} bytes free on the disk holding {}",
                                self.dir.display()
                            );
                        }
                        *s = None;
                    }
                    return None;
                }
            }
        }
        Some(why)
    }

    /// The store's size on disk, in bytes.
    pub fn size_on_disk(&self) -> u64 {
        self.db.size_on_disk().unwrap_or(0)
    }

    /// Stops writes for good (until a restart), saying why: a mirror that found its log
    /// inconsistent stops following it.
    pub fn stop_writes(&self, why: String) {
        self.health
            .failed
            .store(true, std::sync::atomic::Ordering::Relaxed);
        if let Ok(mut s) = self.health.stopped.write() {
            *s = Some(why);
        }
    }

    /// Calls `f` with the number of entries of each durable batch (for metrics). Set once.
    pub fn observe_batches(&self, f: Arc<dyn Fn(usize) + Send + Sync>) {
        let _ = self.health.batches.set(f);
    }

    /// Opened without the log's signer key: it refuses every append.
    pub fn is_read_only(&self) -> bool {
        self.read_only
    }

    /// Where snapshots of derived state are kept (beside the sled directory).
    pub fn derived_dir(&self) -> &Path {
        &self.derived
    }

    pub fn reader(&self) -> &Reader {
        &self.reader
    }

    fn sender(&self) -> Result<&std::sync::mpsc::SyncSender<Msg>, StoreError> {
        self.writer.tx.as_ref().ok_or(StoreError::Closed)
    }

    /// Submits an envelope; resolves once it is durable and under a signed checkpoint.
    pub async fn append(&self, envelope: Envelope) -> Result<Ack, StoreError> {
        self.append_checked(envelope, None).await
    }

    /// The keys registered so far, by key id, for callers that verify signatures before
    /// queueing an append (so that the single writer does no cryptography it need not).
    pub fn registered_keys(&self) -> Arc<RwLock<HashMap<String, ledger_proof::VerifierKey>>> {
        self.keys.clone()
    }

    /// [`Store::append`] with signatures verified by the caller: `preverified[k]` is true when
    /// signature `k` verifies under the key registered for its key id (key ids never change key).
    pub async fn append_checked(
        &self,
        envelope: Envelope,
        preverified: Option<Vec<bool>>,
    ) -> Result<Ack, StoreError> {
        let (tx, rx) = oneshot::channel();
        let reply: Reply = Box::new(move |r| {
            let _ = tx.send(r);
        });
        let request = Msg::Append(Request {
            envelope,
            preverified,
            reply,
        });
        match self.sender()?.try_send(request) {
            Ok(()) => {}
            Err(std::sync::mpsc::TrySendError::Full(request)) => {
                // The queue is full: wait for room on the blocking pool, never on a runtime thread.
                let sender = self.sender()?.clone();
                tokio::task::spawn_blocking(move || sender.send(request))
                    .await
                    .map_err(|_| StoreError::Closed)?
                    .map_err(|_| StoreError::Closed)?;
            }
            Err(std::sync::mpsc::TrySendError::Disconnected(_)) => return Err(StoreError::Closed),
        }
        rx.await.map_err(|_| StoreError::Closed)?
    }

    /// A dry run of an append (contract §7 `?dry_run=true`): the writer makes every check of
    /// [`Store::append_checked`], in the same order and with the same rejections, against the
    /// state after every append queued before it, and writes nothing.
    pub async fn dry_run(
        &self,
        envelope: Envelope,
        preverified: Option<Vec<bool>>,
    ) -> Result<DryRun, StoreError> {
        let (tx, rx) = oneshot::channel();
        let request = Msg::DryRun(DryRunRequest {
            envelope,
            preverified,
            reply: Box::new(move |r| {
                let _ = tx.send(r);
            }),
        });
        let sender = self.sender()?.clone();
        tokio::task::spawn_blocking(move || sender.send(request))
            .await
            .map_err(|_| StoreError::Closed)?
            .map_err(|_| StoreError::Closed)?;
        rx.await.map_err(|_| StoreError::Closed)?
    }

    /// The same, for callers without a runtime (the CLI's `init`, tests).
    pub fn append_blocking(&self, envelope: Envelope) -> Result<Ack, StoreError> {
        let (tx, rx) = std::sync::mpsc::channel();
        let reply: Reply = Box::new(move |r| {
            let _ = tx.send(r);
        });
        self.sender()?
            .send(Msg::Append(Request {
                envelope,
                preverified: None,
                reply,
            }))
            .map_err(|_| StoreError::Closed)?;
        rx.recv().map_err(|_| StoreError::Closed)?
    }

    /// A mirror's write (contract §9): `lines` extend this read-only store's log, and
    /// `checkpoint` is the mirrored log's checkpoint over the result, signed by its log key.
    /// Every line is checked as `verify` checks it (canonical form, index, chain, time, every
    /// signature and role, schema and references, against the state of the log so far), the
    /// root against the checkpoint, and only then written with that checkpoint. A line or a
    /// checkpoint that does not hold is refused and the store stops taking lines: nothing of
    /// that batch is written, and a restart reloads the truth from disk. Returns the new size.
    pub fn replicate(&self, lines: Vec<Vec<u8>>, checkpoint: String) -> Result<u64, StoreError> {
        let (tx, rx) = std::sync::mpsc::channel();
        self.sender()?
            .send(Msg::Replicate(Replica {
                lines,
                checkpoint,
                reply: Box::new(move |r| {
                    let _ = tx.send(r);
                }),
            }))
            .map_err(|_| StoreError::Closed)?;
        rx.recv().map_err(|_| StoreError::Closed)?
    }

    /// Flushes sled. Every acknowledged entry is already durable; this is belt and braces for a
    /// clean shutdown. The writer thread ends when the last handle is dropped.
    pub fn close(self) -> Result<(), StoreError> {
        self.db.flush()?;
        Ok(())
    }
}

impl Writer {
    /// Shares the registered keys with callers that verify signatures ahead of the writer.
    fn publish_keys(&self) {
        let snapshot: HashMap<String, ledger_proof::VerifierKey> = self
            .state
            .keys
            .iter()
            .map(|(id, k)| (id.clone(), k.vkey.clone()))
            .collect();
        if let Ok(mut k) = self.keys.write() {
            *k = snapshot;
        }
    }

    fn run(mut self, rx: std::sync::mpsc::Receiver<Msg>) {
        while let Ok(first) = rx.recv() {
            let first = match first {
                Msg::Append(r) => r,
                Msg::Replicate(r) => {
                    let result = self.replicate(&r.lines, &r.checkpoint);
                    (r.reply)(result);
                    continue;
                }
                Msg::DryRun(r) => {
                    let result = self.dry_run(&r.envelope, r.preverified.as_deref());
                    (r.reply)(result);
                    continue;
                }
            };
            let mut batch = vec![first];
            let mut replica = None;
            // Dry runs that arrive while a batch is gathered are answered after it is written,
            // against the state that includes it (as a real append queued then would be).
            let mut dry = Vec::new();
            while batch.len() < MAX_BATCH {
                match rx.try_recv() {
                    Ok(Msg::Append(r)) => batch.push(r),
                    Ok(Msg::Replicate(r)) => {
                        replica = Some(r);
                        break;
                    }
                    Ok(Msg::DryRun(r)) => dry.push(r),
                    Err(_) => break,
                }
            }
            self.commit(batch);
            if let Some(r) = replica {
                let result = self.replicate(&r.lines, &r.checkpoint);
                (r.reply)(result);
            }
            for r in dry {
                let result = self.dry_run(&r.envelope, r.preverified.as_deref());
                (r.reply)(result);
            }
            if self.state.size() >= self.snapshot_at + snapshot::every() {
                self.snapshot(false);
            }
        }
        let _ = self.db.flush();
        // A clean stop leaves a snapshot of everything, so that the next start replays nothing.
        if self.state.size() > self.snapshot_at {
            self.snapshot(true);
        }
        if let Some(t) = self.snapshot_thread.take() {
            let _ = t.join();
        }
    }

    /// Snapshots the admission state as of the durable size (never after a failed write). The
    /// state is encoded here, between batches; the file is written by a thread (or here, `wait`).
    fn snapshot(&mut self, wait: bool) {
        if self.poisoned {
            return;
        }
        let size = self.state.size();
        let root = self.frontier.root();
        let body = match snapshot::encode(&self.state) {
            Ok(b) => b,
            Err(e) => {
                tracing::error!("cannot encode the admission snapshot: {e}");
                return;
            }
        };
        if let Some(t) = self.snapshot_thread.take() {
            let _ = t.join();
        }
        self.snapshot_at = size;
        let dir = self.derived.clone();
        let write = move || {
            let shape = snapshot::shape("admission", "");
            match snapshot::write(&dir, "admission", &shape, size, &root, &body) {
                Ok(()) => tracing::info!("admission snapshot written at {size} entries"),
                Err(e) => tracing::warn!("admission snapshot at {size} entries not written: {e}"),
            }
        };
        if wait {
            write();
        } else {
            self.snapshot_thread = std::thread::Builder::new()
                .name("admission-snapshot".into())
                .spawn(write)
                .ok();
        }
    }

    fn replicate(&mut self, lines: &[Vec<u8>], checkpoint: &str) -> Result<u64, StoreError> {
        if self.log_key.is_some() {
            return Err(StoreError::BadRequest(
                "a store that signs its own checkpoints mirrors no other log".into(),
            ));
        }
        if self.poisoned {
            return Err(StoreError::Poisoned);
        }
        let cp = Checkpoint::parse_verified(checkpoint, &self.log_vkey)
            .map_err(|e| StoreError::BadRequest(format!("the mirrored log's checkpoint: {e}")))?;
        let start = self.state.size();
        if cp.size != start + lines.len() as u64 {
            return Err(StoreError::BadRequest(format!(
                "{} lines after {start} entries do not make the checkpoint's {}",
                lines.len(),
                cp.size
            )));
        }
        let result = self.replicate_lines(lines, &cp);
        if let Err(e) = &result {
            // The in-memory state may be ahead of the disk: take nothing more until a restart.
            tracing::error!("mirror: refused the log's entries after {start}: {e}");
            self.poisoned = true;
            self.set_stopped(Some(format!(
                "the mirrored log's entries after {start} were refused: {e}"
            )));
            return Err(result.unwrap_err());
        }
        let mut writes = result?;
        writes.insert(KEY_CHECKPOINT, checkpoint.as_bytes());
        if let Err(e) = self.persist_signed(writes, checkpoint.to_owned()) {
            self.poisoned = true;
            self.set_stopped(Some(format!("a write to the store failed ({e})")));
            return Err(e);
        }
        Ok(cp.size)
    }

    fn replicate_lines(
        &mut self,
        lines: &[Vec<u8>],
        cp: &Checkpoint,
    ) -> Result<sled::Batch, StoreError> {
        let mut writes = sled::Batch::default();
        for line in lines {
            let index = self.state.size();
            let bad = |why: String| StoreError::Corrupt(format!("entry {index}: {why}"));
            let entry = ledger_log::read_entry(index, line)?;
            if entry.render().as_bytes() != &line[..] {
                return Err(bad("the line is not in its canonical form".into()));
            }
            if entry.index != index {
                return Err(bad(format!("it says index {}", entry.index)));
            }
            if entry.prev != self.prev {
                return Err(bad("prev does not match the chain".into()));
            }
            let at = Instant::parse(&entry.recorded_at).map_err(|e| bad(e.to_string()))?;
            if at.millis() < self.last_recorded.millis() {
                return Err(bad("recorded_at goes back in time".into()));
            }
            let admitted = match self.state.admit_with(&entry.envelope, None) {
                Ok(Admission::New(a)) => a,
                Ok(Admission::Repeat { index: i }) => {
                    return Err(bad(format!("it repeats the event of entry {i}")))
                }
                Err(rej) => return Err(bad(rej.to_string())),
            };
            if let ledger_events::EventData::Genesis(g) = &admitted.event.data {
                if VerifierKey::parse(g.log_vkey.as_str()).ok().as_ref() != Some(&self.log_vkey) {
                    return Err(bad("the genesis names another log key".into()));
                }
            }
            let rec = self.state.apply(&admitted, index, at);
            if matches!(
                rec.event.data,
                ledger_events::EventData::Genesis(_) | ledger_events::EventData::KeyRegistered(_)
            ) {
                self.publish_keys();
            }
            self.prev = chain_hash(line);
            self.last_recorded = at;
            self.tiles.add(&self.frontier.push(leaf_hash(line)));
            writes.insert(&entry_key(index)[..], &line[..]);
            let version = rec
                .event
                .stream
                .as_ref()
                .map(|s| self.state.stream_version(s.as_str()));
            index::add(&mut writes, &rec.event, index, version);
        }
        if self.frontier.root() != cp.root {
            return Err(StoreError::Corrupt(format!(
                "the entries do not give the root of the checkpoint of {} entries",
                cp.size
            )));
        }
        Ok(writes)
    }

    fn set_stopped(&self, why: Option<String>) {
        if let Ok(mut s) = self.health.stopped.write() {
            *s = why;
        }
    }

    /// Refuses a batch, before anything is written, when the store's file system lacks room for
    /// it and [`SPACE_RESERVE`]; lifts the refusal (saying so) once the room is back.
    fn check_space(&self, batch: &[Request]) -> Result<(), String> {
        let Ok(free) = fs2::available_space(&self.dir) else {
            return Ok(()); // unknown: let the write itself tell
        };
        let bytes: usize = batch
            .iter()
            .map(|r| r.envelope.payload.len() + 256 * r.envelope.signatures.len() + 512)
            .sum();
        // The line, its two index keys, sled's log record and the tiles: about 4× the envelope.
        let need = SPACE_RESERVE + 4 * bytes as u64;
        let was = self.health.stopped.read().ok().and_then(|s| s.clone());
        if free < need {
            let why = format!(
                "the disk holding {} is full: {free} bytes free, appends need at least {need}; they resume by themselves once space is freed",
                self.dir.display()
            );
            if was.is_none() {
                tracing::error!("writes stopped: {why}");
            }
            self.set_stopped(Some(why.clone()));
            return Err(why);
        }
        if was.is_some() {
            tracing::info!(
                "writes resumed: {free} bytes free on the disk holding {}",
                self.dir.display()
            );
            self.set_stopped(None);
        }
        Ok(())
    }

    /// False for a genesis entry whose `log_vkey` is not this store's log key.
    fn genesis_is_ours(&self, admitted: &ledger_log::Admitted) -> bool {
        match (&admitted.event.data, &self.log_key) {
            (ledger_events::EventData::Genesis(g), Some(k)) => {
                VerifierKey::parse(g.log_vkey.as_str()).is_ok_and(|v| v == k.verifier())
            }
            _ => true,
        }
    }

    /// Signatures the caller verified need no second check; the rest are checked here.
    fn verified(&self, envelope: &Envelope, preverified: Option<&[bool]>) -> Option<Vec<bool>> {
        preverified.map(|pre| {
            let keys = &self.state.keys;
            ledger_log::verify_signatures(envelope, |id| keys.get(id).map(|k| &k.vkey), pre)
        })
    }

    /// Every check [`Writer::commit`] makes of one request, in the same order with the same
    /// answers, against the state now; nothing is applied or written.
    fn dry_run(
        &mut self,
        envelope: &Envelope,
        preverified: Option<&[bool]>,
    ) -> Result<DryRun, StoreError> {
        if self.log_key.is_none() {
            return Err(StoreError::ReadOnly);
        }
        if self.poisoned {
            return Err(StoreError::Poisoned);
        }
        let verified = self.verified(envelope, preverified);
        match self.state.admit_with(envelope, verified.as_deref()) {
            Err(rej) => Err(StoreError::Rejected(rej)),
            Ok(Admission::New(admitted)) if !self.genesis_is_ours(&admitted) => {
                Err(StoreError::Rejected(Rejection::Forbidden(
                    "ledger.genesis must name this server's log key as log_vkey".into(),
                )))
            }
            Ok(Admission::Repeat { index }) => Ok(DryRun::Repeat { index }),
            Ok(Admission::New(admitted)) => {
                let now = (self.clock)();
                let at = Instant::from_millis(now.millis().max(self.last_recorded.millis()));
                Ok(DryRun::New(Box::new(ledger_log::Recorded {
                    index: self.state.size(),
                    recorded_at: at,
                    event: admitted.event.clone(),
                    signers: admitted.signers.clone(),
                })))
            }
        }
    }

    fn commit(&mut self, batch: Vec<Request>) {
        if self.log_key.is_none() {
            for r in batch {
                (r.reply)(Err(StoreError::ReadOnly));
            }
            return;
        }
        if self.poisoned {
            for r in batch {
                (r.reply)(Err(StoreError::Poisoned));
            }
            return;
        }
        if let Err(why) = self.check_space(&batch) {
            for r in batch {
                (r.reply)(Err(StoreError::WritesStopped(why.clone())));
            }
            return;
        }
        let start_size = self.state.size();
        let mut writes = sled::Batch::default();
        // Per request: Ok((index, created, findings)) or the rejection.
        let mut outcomes: Vec<(Reply, Result<Outcome, StoreError>)> =
            Vec::with_capacity(batch.len());
        for req in batch {
            let verified = self.verified(&req.envelope, req.preverified.as_deref());
            let outcome = match self.state.admit_with(&req.envelope, verified.as_deref()) {
                Err(rej) => Err(StoreError::Rejected(rej)),
                // The genesis must name the key this store signs checkpoints with: an empty store
                // is never a new ledger for whoever posts first.
                Ok(Admission::New(admitted)) if !self.genesis_is_ours(&admitted) => {
                    Err(StoreError::Rejected(Rejection::Forbidden(
                        "ledger.genesis must name this server's log key as log_vkey".into(),
                    )))
                }
                Ok(Admission::Repeat { index }) => Ok((index, false)),
                Ok(Admission::New(admitted)) => {
                    let index = self.state.size();
                    let now = (self.clock)();
                    // recorded_at never decreases, even if the wall clock steps back.
                    let at = Instant::from_millis(now.millis().max(self.last_recorded.millis()));
                    let entry = Entry {
                        index,
                        prev: self.prev,
                        recorded_at: at.to_recorded_at(),
                        envelope: admitted.envelope.clone(),
                    };
                    let line = entry.render();
                    let rec = self.state.apply(&admitted, index, at);
                    if matches!(
                        rec.event.data,
                        ledger_events::EventData::Genesis(_)
                            | ledger_events::EventData::KeyRegistered(_)
                    ) {
                        self.publish_keys();
                    }
                    self.prev = chain_hash(line.as_bytes());
                    self.last_recorded = at;
                    self.tiles
                        .add(&self.frontier.push(leaf_hash(line.as_bytes())));
                    writes.insert(&entry_key(index)[..], line.as_bytes());
                    // Folded in already, so the stream's count is this event's version.
                    let version = rec
                        .event
                        .stream
                        .as_ref()
                        .map(|s| self.state.stream_version(s.as_str()));
                    index::add(&mut writes, &rec.event, index, version);
                    Ok((index, true))
                }
            };
            outcomes.push((req.reply, outcome));
        }
        let added = (self.state.size() - start_size) as usize;
        if added > 0 {
            if let Some(f) = self.health.batches.get() {
                f(added);
            }
        }
        if self.state.size() > start_size {
            if let Err(e) = self.persist(writes) {
                // The in-memory state is now ahead of the disk: refuse everything until a restart
                // reloads the truth from disk.
                tracing::error!("durable write failed, writer stops accepting: {e}");
                self.poisoned = true;
                self.health
                    .failed
                    .store(true, std::sync::atomic::Ordering::Relaxed);
                self.set_stopped(Some(format!(
                    "a write to the store failed ({e}); restart the server to recover from disk"
                )));
                for (reply, _) in outcomes {
                    reply(Err(StoreError::Poisoned));
                }
                return;
            }
        }
        for (reply, outcome) in outcomes {
            let result = outcome.and_then(|(index, created)| self.reader.ack_for(index, created));
            reply(result);
        }
    }

    /// Signs the checkpoint over the new size, writes it with the batch atomically, flushes, and
    /// only then publishes it to readers.
    fn persist(&mut self, mut writes: sled::Batch) -> Result<(), StoreError> {
        let size = self.state.size();
        let root = self.frontier.root();
        let checkpoint = Checkpoint {
            origin: self.origin.clone(),
            size,
            root,
        }
        .sign(self.log_key.as_ref().ok_or(StoreError::ReadOnly)?)
        .map_err(|e| StoreError::Corrupt(format!("cannot sign the checkpoint: {e}")))?;
        writes.insert(KEY_CHECKPOINT, checkpoint.as_bytes());
        self.persist_signed(writes, checkpoint)
    }

    /// Writes a batch whose checkpoint is already in it, flushes, then publishes.
    fn persist_signed(
        &mut self,
        mut writes: sled::Batch,
        checkpoint: String,
    ) -> Result<(), StoreError> {
        let size = self.state.size();
        let root = self.frontier.root();
        index::cover(&mut writes, size);
        let tiles = self.tiles.take_dirty();
        for ((level, index), bytes) in &tiles {
            writes.insert(&tiles::tile_key(*level, *index)[..], &bytes[..]);
        }
        self.tree.apply_batch(writes)?;
        self.db.flush()?;
        // Readers see the grown tiles before the size that needs them.
        tiles::publish(&self.reader.tiles, tiles);
        if let Ok(mut p) = self.reader.published.write() {
            *p = Published {
                size,
                root,
                checkpoint,
            };
        }
        self.reader.size_tx.send_replace(size);
        Ok(())
    }
}
