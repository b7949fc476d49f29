//! Projections of the log: the rule engine (findings, verdicts) and, from it, the read models.
//! A runner task follows the store's published size and folds each new entry in; it is never
//! called from the append path. Handlers that need read-your-writes wait until the runner has
//! caught up with the index they care about.

use ledger_proof::Hash;
use ledger_rules::{self as rules, Audit, Engine, Finding, Settings};
use ledger_store::Reader;
use std::collections::HashMap;
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

/// Handle to the projections and their runner.
#[derive(Clone)]
pub struct Views {
    inner: Arc<RwLock<Projection>>,
    applied: watch::Receiver<u64>,
    stop: Arc<Notify>,
}

impl Views {
    /// Starts the runner on the current tokio runtime; it first folds in the whole log.
    pub fn start(reader: Reader, settings: Settings) -> Views {
        let inner = Arc::new(RwLock::new(Projection {
            engine: Engine::new(settings),
            raised: HashMap::new(),
            size: 0,
            root: ledger_proof::empty_root(),
            failed: None,
            audit: std::sync::Mutex::new(None),
        }));
        let (tx, applied) = watch::channel(0u64);
        let stop = Arc::new(Notify::new());
        let views = Views {
            inner: inner.clone(),
            applied,
            stop: stop.clone(),
        };
        tokio::spawn(async move {
            let mut sizes = reader.subscribe();
            loop {
                let published = reader.published();
                if let Err(e) = catch_up(&reader, &inner, published.size, published.root).await {
                    tracing::error!("projection stopped: {e}");
                    if let Ok(mut p) = inner.write() {
                        p.failed = Some(e);
                    }
                    tx.send_replace(u64::MAX);
                    return;
                }
                tx.send_replace(published.size);
                tokio::select! {
                    changed = sizes.changed() => if changed.is_err() { return },
                    _ = stop.notified() => return,
                }
            }
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

    pub fn read(&self) -> RwLockReadGuard<'_, Projection> {
        self.inner.read().unwrap_or_else(|e| e.into_inner())
    }

    /// Stops the runner (at shutdown).
    pub fn stop(&self) {
        self.stop.notify_one();
    }
}

async fn catch_up(
    reader: &Reader,
    inner: &RwLock<Projection>,
    target: u64,
    root: Hash,
) -> Result<(), String> {
    loop {
        let from = inner.read().map_err(|e| e.to_string())?.size;
        if from >= target {
            break;
        }
        let lines = reader
            .entries(from, 1000.min(target - from))
            .map_err(|e| e.to_string())?;
        if lines.is_empty() {
            return Err(format!(
                "the store returned no entries at {from} below {target}"
            ));
        }
        let records = lines
            .iter()
            .enumerate()
            .map(|(k, l)| ledger_log::read_line(from + k as u64, l).map(|s| s.into_recorded()))
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| e.to_string())?;
        {
            let mut p = inner.write().map_err(|e| e.to_string())?;
            for rec in &records {
                let raised = p.engine.apply(rec);
                if !raised.is_empty() {
                    p.raised.insert(rec.index, raised);
                }
                p.size = rec.index + 1;
            }
            if p.size == target {
                p.root = root;
            }
        }
        tokio::task::yield_now().await;
    }
    Ok(())
}
