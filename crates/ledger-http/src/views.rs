//! Projections of the log: the rule engine (findings, verdicts) and, from it, the read models.
//! A runner task follows the store's published size and folds each new entry in; it is never
//! called from the append path. Handlers that need read-your-writes wait until the runner has
//! caught up with the index they care about.

use ledger_log::admission::Recorded;
use ledger_proof::Hash;
use ledger_rules::{self as rules, Audit, Engine, Finding, Settings};
use ledger_store::{snapshot, Reader};
use std::collections::HashMap;
use std::path::Path;
use std::sync::{Arc, RwLock, RwLockReadGuard};
use tokio::sync::{watch, Notify};

/// Everything the read side serves, as of `size` entries.
#[derive(Debug)]
pub struct Projection {
    pub engine: Engine,
    /// Findings each entry raised when it was folded in (entries that raised none are absent).
    pub raised: HashMap<u64, Vec<Finding>>,
    pub size: u64,
    pub root: Hash,
    /// Set if an entry could not be folded in: the read side then refuses to answer.
    pub failed: Option<String>,
    /// The audit (findings and verdicts) as of `audit_size`, computed on first use after a change.
    audit: std::sync::Mutex<Option<(u64, Arc<Audit>)>>,
}

impl Projection {
    /// The audit of contract §8 as of this projection (cached until the next entry).
    pub fn audit(&self) -> Arc<Audit> {
        let mut cache = self.audit.lock().unwrap_or_else(|e| e.into_inner());
        if let Some((size, a)) = cache.as_ref() {
            if *size == self.size {
                return a.clone();
            }
        }
        let a = Arc::new(rules::audit(
            &self.engine.model,
            &self.engine.settings,
            self.engine.findings(),
            ledger_proof::b64_encode(&self.root),
        ));
        *cache = Some((self.size, a.clone()));
        a
    }
}

/// What a projection snapshot holds besides the rules' model, which is its first part (written
/// from a borrow, read back owned). The two parts are decoded at once on two threads (at 1M
/// entries of the bench's mix: 244 MB for the model, 73 MB for this).
#[derive(serde::Serialize)]
struct SnapshotRef<'a> {
    index: ledger_rules::EngineIndexRef<'a>,
    raised: &'a HashMap<u64, Vec<Finding>>,
}

#[derive(serde::Deserialize)]
struct SnapshotRest {
    index: ledger_rules::EngineIndex,
    #[serde(deserialize_with = "ledger_events::presized::map")]
    raised: HashMap<u64, Vec<Finding>>,
}

struct SnapshotBody {
    engine: Engine,
    raised: HashMap<u64, Vec<Finding>>,
}

const KIND: &str = "projections";

fn shape(settings: &Settings) -> String {
    // The settings are part of the shape: findings computed under other settings are not these.
    snapshot::shape(KIND, &serde_json::to_string(settings).unwrap_or_default())
}

/// A projection snapshot read from disk, not yet checked against the log.
type Read = Result<Option<snapshot::Loaded<SnapshotBody>>, String>;

fn read_snapshot(dir: &Path, settings: &Settings) -> Read {
    snapshot::read_parts(dir, KIND, &shape(settings), |parts| {
        let Ok([model, rest]) = <[snapshot::Part; 2]>::try_from(parts) else {
            return Err("it does not have the two parts of a projection snapshot".into());
        };
        // The model's part goes to a thread of its own; if none can be had, it is decoded here
        // after the rest (slower, never a reason to discard the snapshot).
        let model = std::sync::Mutex::new(Some(model));
        let take = || model.lock().ok().and_then(|mut m| m.take());
        let (model, rest) = std::thread::scope(|s| {
            let thread = std::thread::Builder::new()
                .name("projection-snapshot-model".into())
                .spawn_scoped(s, || take().map(|m| m.decode::<ledger_rules::Model>()));
            let rest = rest.decode::<SnapshotRest>();
            let model = match thread.map(|t| t.join()) {
                Ok(Ok(Some(m))) => m,
                Ok(Err(_)) => Err("decoding it panicked".into()),
                Ok(Ok(None)) | Err(_) => match take() {
                    Some(m) => m.decode::<ledger_rules::Model>(),
                    None => Err("its model's part was lost".into()),
                },
            };
            (model, rest)
        });
        let rest = rest?;
        Ok(SnapshotBody {
            engine: Engine::from_parts(settings.clone(), model?, rest.index),
            raised: rest.raised,
        })
    })
}

/// The projection snapshot being read and decoded on a thread of its own, started before the
/// store opens: decoding it is most of a restart's work, and the store restores and replays
/// the admission state on the other core meanwhile. [`Views::start_with`] checks it against the
/// log as [`Views::start`] checks a snapshot it reads itself.
pub struct Preload {
    dir: std::path::PathBuf,
    settings: Settings,
    /// `None` when no thread could be had: the runner then reads the snapshot itself.
    thread: Option<std::thread::JoinHandle<Read>>,
}

impl Preload {
    /// Starts reading the snapshot in `derived` (the store's `derived_dir`) for `settings`.
    pub fn start(derived: std::path::PathBuf, settings: Settings) -> Preload {
        let (dir, st) = (derived.clone(), settings.clone());
        let thread = std::thread::Builder::new()
            .name("projection-snapshot".into())
            .spawn(move || read_snapshot(&dir, &st))
            .ok();
        Preload {
            dir: derived,
            settings,
            thread,
        }
    }

    /// What was read, if it was read for this directory and these settings.
    fn take(self, dir: &Path, settings: &Settings) -> Option<Read> {
        let read = self
            .thread?
            .join()
            .unwrap_or_else(|_| Err("reading it panicked".into()));
        (self.dir == dir && &self.settings == settings).then_some(read)
    }
}

/// Restores the projections from their snapshot if it is of this build and settings, within the
/// published log, and has the log's root at its size.
fn restore(read: Read, reader: &Reader, settings: &Settings) -> Result<Option<Projection>, String> {
    let Some(snap) = read? else {
        return Ok(None);
    };
    let published = reader.published().size;
    if snap.size == 0 || snap.size > published {
        return Err(format!(
            "it describes {} entries and the log holds {published}",
            snap.size
        ));
    }
    if snap.body.engine.model.size != snap.size {
        return Err("its model does not describe its size".into());
    }
    let root = reader.root_at(snap.size).map_err(|e| e.to_string())?;
    if root != snap.root {
        return Err(format!(
            "its root is not the log's root at {} entries",
            snap.size
        ));
    }
    let mut engine = snap.body.engine;
    engine.settings = settings.clone();
    Ok(Some(Projection {
        engine,
        raised: snap.body.raised,
        size: snap.size,
        root,
        failed: None,
        audit: std::sync::Mutex::new(None),
    }))
}

/// Writes the projections' snapshot (on a blocking thread; readers go on reading meanwhile).
async fn save(inner: Arc<RwLock<Projection>>, dir: std::path::PathBuf) -> Option<u64> {
    tokio::task::spawn_blocking(move || {
        let (size, root, body, shape) = {
            let p = inner.read().unwrap_or_else(|e| e.into_inner());
            if p.failed.is_some() || p.size == 0 {
                return None;
            }
            let body = snapshot::encode(&p.engine.model).and_then(|model| {
                let rest = snapshot::encode(&SnapshotRef {
                    index: p.engine.index_ref(),
                    raised: &p.raised,
                })?;
                Ok((model, rest))
            });
            (p.size, p.root, body, shape(&p.engine.settings))
        };
        let body = match body {
            Ok(b) => b,
            Err(e) => {
                tracing::error!("cannot encode the projection snapshot: {e}");
                return None;
            }
        };
        match snapshot::write_parts(&dir, KIND, &shape, size, &root, &[&body.0, &body.1]) {
            Ok(()) => {
                tracing::info!("projection snapshot written at {size} entries");
                Some(size)
            }
            Err(e) => {
                tracing::warn!("projection snapshot at {size} entries not written: {e}");
                None
            }
        }
    })
    .await
    .ok()
    .flatten()
}

/// Handle to the projections and their runner.
#[derive(Clone)]
pub struct Views {
    inner: Arc<RwLock<Projection>>,
    applied: watch::Receiver<u64>,
    stop: Arc<Notify>,
    /// The published size when the runner started: until it is folded in, the server is not ready.
    start_size: u64,
    stopped: watch::Receiver<bool>,
}

impl Views {
    /// Starts the runner on the current tokio runtime; it restores the projections from their
    /// snapshot in `derived` when one is usable (else folds in the whole log, saying so), folds in
    /// the rest, then follows the log, writing a snapshot every [`snapshot::every`] entries and
    /// at [`Views::shutdown`].
    pub fn start(reader: Reader, settings: Settings, derived: Option<std::path::PathBuf>) -> Views {
        Self::start_with(reader, settings, derived, None)
    }

    /// [`Views::start`] with the snapshot already being read by a [`Preload`].
    pub fn start_with(
        reader: Reader,
        settings: Settings,
        derived: Option<std::path::PathBuf>,
        preload: Option<Preload>,
    ) -> Views {
        let inner = Arc::new(RwLock::new(Projection {
            engine: Engine::new(settings.clone()),
            raised: HashMap::new(),
            size: 0,
            root: ledger_proof::empty_root(),
            failed: None,
            audit: std::sync::Mutex::new(None),
        }));
        let (tx, applied) = watch::channel(0u64);
        let (stopped_tx, stopped) = watch::channel(false);
        let stop = Arc::new(Notify::new());
        let start_size = reader.published().size;
        let views = Views {
            inner: inner.clone(),
            applied,
            stop: stop.clone(),
            start_size,
            stopped,
        };
        tokio::spawn(async move {
            let mut saved = 0u64;
            if let Some(dir) = derived.clone() {
                let (r, st) = (reader.clone(), settings.clone());
                let dir2 = dir.clone();
                let restored = tokio::task::spawn_blocking(move || {
                    let read = preload
                        .and_then(|p| p.take(&dir2, &st))
                        .unwrap_or_else(|| read_snapshot(&dir2, &st));
                    restore(read, &r, &st)
                })
                .await
                .unwrap_or_else(|e| Err(e.to_string()));
                match restored {
                    Ok(Some(p)) => {
                        tracing::info!(
                            "projections restored from their snapshot at {} entries; folding in the last {}",
                            p.size,
                            start_size.saturating_sub(p.size)
                        );
                        saved = p.size;
                        tx.send_replace(p.size);
                        if let Ok(mut w) = inner.write() {
                            *w = p;
                        }
                    }
                    Ok(None) if start_size > 0 => tracing::info!(
                        "no projection snapshot: rebuilding the projections from all {start_size} entries"
                    ),
                    Ok(None) => {}
                    Err(why) => {
                        tracing::warn!(
                            "projection snapshot discarded ({why}): rebuilding the projections from all {start_size} entries"
                        );
                        snapshot::remove(&dir, KIND);
                    }
                }
            }
            let mut sizes = reader.subscribe();
            loop {
                let published = reader.published();
                if let Err(e) = catch_up(&reader, &inner, published.size, published.root).await {
                    tracing::error!("projection stopped: {e}");
                    if let Ok(mut p) = inner.write() {
                        p.failed = Some(e);
                    }
                    tx.send_replace(u64::MAX);
                    let _ = stopped_tx.send(true);
                    return;
                }
                tx.send_replace(published.size);
                if let Some(dir) = &derived {
                    if published.size >= saved + snapshot::every() {
                        if let Some(n) = save(inner.clone(), dir.clone()).await {
                            saved = n;
                        }
                    }
                }
                tokio::select! {
                    changed = sizes.changed() => if changed.is_err() { break },
                    _ = stop.notified() => break,
                }
            }
            // A clean stop leaves a snapshot of everything folded in.
            if let Some(dir) = &derived {
                let size = inner.read().map(|p| p.size).unwrap_or(0);
                if size > saved {
                    save(inner.clone(), dir.clone()).await;
                }
            }
            let _ = stopped_tx.send(true);
        });
        views
    }

    /// Waits until every entry below `size` is folded in.
    pub async fn caught_up(&self, size: u64) -> Result<(), String> {
        let mut rx = self.applied.clone();
        rx.wait_for(|applied| *applied >= size)
            .await
            .map_err(|_| "the projection runner stopped".to_string())?;
        match &self.read().failed {
            Some(e) => Err(e.clone()),
            None => Ok(()),
        }
    }

    /// `(folded in, to fold in before ready)`: the server is ready once the first reaches the second.
    pub fn progress(&self) -> (u64, u64) {
        (*self.applied.borrow(), self.start_size)
    }

    pub fn read(&self) -> RwLockReadGuard<'_, Projection> {
        self.inner.read().unwrap_or_else(|e| e.into_inner())
    }

    /// Stops the runner (at shutdown) without waiting.
    pub fn stop(&self) {
        self.stop.notify_one();
    }

    /// Stops the runner and waits until it has written its final snapshot.
    pub async fn shutdown(&self) {
        self.stop.notify_one();
        let mut rx = self.stopped.clone();
        let _ = rx.wait_for(|s| *s).await;
    }
}

/// How [`catch_up`] reads: entries read and parsed per step, and from how many entries to fold
/// in a thread reads and parses the next chunks while this one folds (below, it reads them
/// itself: a rebuild or a restart's tail is pipelined, an append's few entries are not).
#[derive(Clone, Copy, Debug)]
struct Pace {
    chunk: u64,
    pipeline_from: u64,
}

const PACE: Pace = Pace {
    chunk: 1000,
    pipeline_from: 20_000,
};

/// Reads entries `[from, from + n)` (at most `chunk`) as records.
fn read_chunk(
    reader: &Reader,
    from: u64,
    target: u64,
    chunk: u64,
) -> Result<Vec<Recorded>, String> {
    let lines = reader
        .entries(from, chunk.min(target - from))
        .map_err(|e| e.to_string())?;
    if lines.is_empty() {
        return Err(format!(
            "the store returned no entries at {from} below {target}"
        ));
    }
    lines
        .iter()
        .enumerate()
        .map(|(k, l)| ledger_log::read_recorded(from + k as u64, l))
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| e.to_string())
}

/// Folds records in, in order.
fn fold(
    inner: &RwLock<Projection>,
    records: &[Recorded],
    target: u64,
    root: Hash,
) -> Result<(), String> {
    let mut p = inner.write().map_err(|e| e.to_string())?;
    for rec in records {
        if rec.index != p.size {
            return Err(format!(
                "entry {} arrived to be folded in at {}",
                rec.index, p.size
            ));
        }
        let raised = p.engine.apply(rec);
        if !raised.is_empty() {
            p.raised.insert(rec.index, raised);
        }
        p.size = rec.index + 1;
    }
    if p.size == target {
        p.root = root;
    }
    Ok(())
}

async fn catch_up(
    reader: &Reader,
    inner: &RwLock<Projection>,
    target: u64,
    root: Hash,
) -> Result<(), String> {
    catch_up_paced(reader, inner, target, root, PACE).await
}

async fn catch_up_paced(
    reader: &Reader,
    inner: &RwLock<Projection>,
    target: u64,
    root: Hash,
    pace: Pace,
) -> Result<(), String> {
    let from = inner.read().map_err(|e| e.to_string())?.size;
    if target > from && target - from >= pace.pipeline_from {
        // Reading and parsing, done on the other core two chunks ahead while this thread folds
        // (a first start at 1M entries: 16-17.5 s instead of 20.5-22.6 s; BENCHMARKS.md).
        let (tx, mut rx) = tokio::sync::mpsc::channel::<Result<Vec<Recorded>, String>>(2);
        let r = reader.clone();
        let ahead = std::thread::Builder::new()
            .name("projection-read".into())
            .spawn(move || {
                let mut at = from;
                while at < target {
                    let chunk = read_chunk(&r, at, target, pace.chunk);
                    let next = chunk.as_ref().map_or(target, |c| at + c.len() as u64);
                    let stop = chunk.is_err();
                    if tx.blocking_send(chunk).is_err() || stop {
                        return;
                    }
                    at = next;
                }
            });
        if ahead.is_ok() {
            while let Some(chunk) = rx.recv().await {
                fold(inner, &chunk?, target, root)?;
                tokio::task::yield_now().await;
            }
            let size = inner.read().map_err(|e| e.to_string())?.size;
            if size != target {
                return Err(format!("the reader stopped at {size} below {target}"));
            }
            return Ok(());
        }
        // no thread to be had: the same work, in turn, below
    }
    loop {
        let from = inner.read().map_err(|e| e.to_string())?.size;
        if from >= target {
            break;
        }
        let records = read_chunk(reader, from, target, pace.chunk)?;
        fold(inner, &records, target, root)?;
        tokio::task::yield_now().await;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn empty() -> RwLock<Projection> {
        RwLock::new(Projection {
            engine: Engine::new(Settings::default()),
            raised: HashMap::new(),
            size: 0,
            root: ledger_proof::empty_root(),
            failed: None,
            audit: std::sync::Mutex::new(None),
        })
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_pipelined_rebuild_folds_in_what_a_sequential_one_does() {
        let mut l = ledger_testkit::Ledger::new();
        ledger_testkit::registry(&mut l);
        for m in ["m-1", "m-2", "m-3", "m-4"] {
            ledger_testkit::compliant_online_meeting(&mut l, m);
        }
        let dir = tempfile::tempdir().unwrap();
        let log = ledger_proof::SignerKey::from_seed("test.example/log", [1; 32]).unwrap();
        let store =
            ledger_store::Store::open(dir.path(), log, ledger_store::system_clock()).unwrap();
        for env in &l.envelopes {
            store.append(env.clone()).await.unwrap();
        }
        let reader = store.reader();
        let published = reader.published();
        // chunks of 7: many of them, handed over in order between the threads
        assert!(published.size > 10 * 7, "{} entries", published.size);
        let (seq, pipe) = (empty(), empty());
        let one_thread = Pace {
            chunk: 7,
            pipeline_from: u64::MAX,
        };
        let two = Pace {
            chunk: 7,
            pipeline_from: 1,
        };
        catch_up_paced(reader, &seq, published.size, published.root, one_thread)
            .await
            .unwrap();
        catch_up_paced(reader, &pipe, published.size, published.root, two)
            .await
            .unwrap();
        let (seq, pipe) = (seq.into_inner().unwrap(), pipe.into_inner().unwrap());
        assert_eq!((pipe.size, pipe.root), (published.size, published.root));
        assert_eq!((seq.size, seq.root), (published.size, published.root));
        let findings = seq.engine.findings();
        assert!(!findings.is_empty(), "the ledger must raise findings");
        assert_eq!(pipe.engine.findings(), findings);
        assert_eq!(pipe.raised, seq.raised);
        assert_eq!(pipe.engine.model.size, published.size);
    }
}
