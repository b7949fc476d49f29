//! A witness's state (contract §10, C2SP tlog-witness): per log origin, the latest checkpoint it
//! cosigned, and the evidence of misbehaviour it was shown. The check of a new checkpoint against
//! the stored one and the persisting of the new one are one atomic step: they run under one lock,
//! and the new state is flushed to disk before the caller answers.

use crate::StoreError;
use serde::{Deserialize, Serialize};
use std::path::Path;
use std::sync::Mutex;

/// The latest checkpoint a witness cosigned for one log.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Eq)]
pub struct Latest {
    pub size: u64,
    /// Base64 root hash.
    pub root: String,
    /// The checkpoint note as it was submitted.
    pub note: String,
    /// When it was cosigned (POSIX seconds).
    pub cosigned_at: u64,
}

/// Two signed checkpoints of one log that cannot both be true, and why.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Evidence {
    pub origin: String,
    pub at: u64,
    pub accepted: String,
    pub offered: String,
    pub why: String,
}

pub struct WitnessDb {
    db: sled::Db,
    logs: sled::Tree,
    evidence: sled::Tree,
    lock: Mutex<()>,
}

impl WitnessDb {
    pub fn open(dir: &Path) -> Result<WitnessDb, StoreError> {
        let db = crate::open_db(dir)?;
        Ok(WitnessDb {
            logs: db.open_tree("witness-logs")?,
            evidence: db.open_tree("witness-evidence")?,
            db,
            lock: Mutex::new(()),
        })
    }

    fn read(&self, origin: &str) -> Result<Option<Latest>, StoreError> {
        match self.logs.get(origin.as_bytes())? {
            None => Ok(None),
            Some(v) => serde_json::from_slice(&v)
                .map(Some)
                .map_err(|e| StoreError::Corrupt(format!("witness state of {origin}: {e}"))),
        }
    }

    pub fn latest(&self, origin: &str) -> Result<Option<Latest>, StoreError> {
        self.read(origin)
    }

    /// Under the lock: `check` sees the stored state and returns the new one (persisted and
    /// flushed before this returns) or its refusal (nothing changes).
    pub fn advance<E>(
        &self,
        origin: &str,
        check: impl FnOnce(Option<&Latest>) -> Result<Latest, E>,
    ) -> Result<Result<Latest, E>, StoreError> {
        let _guard = self.lock.lock().map_err(|_| StoreError::Poisoned)?;
        let stored = self.read(origin)?;
        match check(stored.as_ref()) {
            Err(e) => Ok(Err(e)),
            Ok(new) => {
                let bytes = serde_json::to_vec(&new)
                    .map_err(|e| StoreError::Corrupt(format!("witness state: {e}")))?;
                self.logs.insert(origin.as_bytes(), bytes)?;
                self.db.flush()?;
                Ok(Ok(new))
            }
        }
    }

    pub fn add_evidence(&self, e: &Evidence) -> Result<(), StoreError> {
        let key = self.db.generate_id()?.to_be_bytes();
        let bytes = serde_json::to_vec(e).map_err(|e| StoreError::Corrupt(e.to_string()))?;
        self.evidence.insert(key, bytes)?;
        self.db.flush()?;
        Ok(())
    }

    pub fn evidence(&self) -> Vec<Evidence> {
        self.evidence
            .iter()
            .filter_map(|r| r.ok())
            .filter_map(|(_, v)| serde_json::from_slice(&v).ok())
            .collect()
    }

    pub fn all(&self) -> Vec<(String, Latest)> {
        self.logs
            .iter()
            .filter_map(|r| r.ok())
            .filter_map(|(k, v)| {
                Some((
                    String::from_utf8(k.to_vec()).ok()?,
                    serde_json::from_slice(&v).ok()?,
                ))
            })
            .collect()
    }
}
