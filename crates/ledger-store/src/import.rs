//! Bulk loading of entries that were verified elsewhere (`dledger import`): the same layout as
//! appends write (entry lines, tiles, stream and type indexes), written in large unflushed
//! batches, then the checkpoint and the markers, then one flush. The caller builds the store
//! under a temporary name and renames it into place only once [`Importer::finish`] returned,
//! so an interrupted import leaves no half-written ledger behind.

use crate::{entry_key, index, tiles, StoreError, KEY_CHECKPOINT};
use ledger_log::LedgerState;
use ledger_proof::{leaf_hash, Checkpoint, Frontier, VerifierKey};
use std::collections::HashMap;
use std::path::Path;

/// Entries per sled batch.
const BATCH: u64 = 20_000;

pub struct Importer {
    db: sled::Db,
    tree: sled::Tree,
    batch: sled::Batch,
    frontier: Frontier,
    tiles: tiles::TileWriter,
    versions: HashMap<String, u64>,
    size: u64,
}

impl Importer {
    /// A new, empty store at `dir` (which must not hold one).
    pub fn create(dir: &Path) -> Result<Importer, StoreError> {
        if dir.exists() {
            return Err(StoreError::BadRequest(format!(
                "{} exists already",
                dir.display()
            )));
        }
        let db = crate::open_db(dir)?;
        let tree = db.open_tree("log")?;
        Ok(Importer {
            db,
            tree,
            batch: sled::Batch::default(),
            frontier: Frontier::new(),
            tiles: tiles::TileWriter::default(),
            versions: HashMap::new(),
            size: 0,
        })
    }

    /// Adds the next entry (verified by the caller, in log order), with what the store keeps of
    /// its record: its stream and type.
    pub fn push_parts(
        &mut self,
        index: u64,
        line: &[u8],
        stream: Option<&str>,
        event_type: ledger_events::events::EventType,
    ) -> Result<(), StoreError> {
        if index != self.size {
            return Err(StoreError::BadRequest(format!(
                "entry {index} pushed after {} entries",
                self.size
            )));
        }
        self.batch.insert(&entry_key(index)[..], line);
        self.tiles.add(&self.frontier.push(leaf_hash(line)));
        let version = stream.map(|s| {
            let v = match self.versions.get_mut(s) {
                Some(v) => v,
                None => self.versions.entry(s.to_owned()).or_insert(0),
            };
            *v += 1;
            *v
        });
        index::add_parts(&mut self.batch, stream, event_type, index, version);
        self.size += 1;
        if self.size % BATCH == 0 {
            self.write_batch()?;
        }
        Ok(())
    }

    fn write_batch(&mut self) -> Result<(), StoreError> {
        for ((level, i), bytes) in self.tiles.take_dirty() {
            self.batch.insert(&tiles::tile_key(level, i)[..], bytes);
        }
        self.tree.apply_batch(std::mem::take(&mut self.batch))?;
        Ok(())
    }

    /// Writes the checkpoint (which must sign this size and root under `log_key`) and the
    /// markers, flushes, and writes the admission snapshot of `state` beside the store, so that
    /// the first start replays nothing.
    pub fn finish(
        mut self,
        checkpoint: &str,
        log_key: &VerifierKey,
        state: &LedgerState,
    ) -> Result<u64, StoreError> {
        let cp = Checkpoint::parse_verified(checkpoint, log_key)
            .map_err(|e| StoreError::BadRequest(format!("checkpoint: {e}")))?;
        let root = self.frontier.root();
        if cp.size != self.size || cp.root != root || state.size() != self.size {
            return Err(StoreError::BadRequest(format!(
                "the checkpoint (size {}) does not describe the {} imported entries",
                cp.size, self.size
            )));
        }
        self.write_batch()?;
        let mut last = sled::Batch::default();
        last.insert(KEY_CHECKPOINT, checkpoint.as_bytes());
        index::cover(&mut last, self.size);
        index::mark_types(&mut last);
        tiles::mark_layout(&mut last);
        self.tree.apply_batch(last)?;
        self.db.flush()?;
        Ok(self.size)
    }

    /// Writes the admission snapshot of a finished import, for the store at `db_dir`.
    pub fn snapshot(
        db_dir: &Path,
        state: &LedgerState,
        root: &ledger_proof::Hash,
    ) -> Result<(), StoreError> {
        let body = crate::snapshot::encode(state).map_err(StoreError::Corrupt)?;
        crate::snapshot::write(
            &crate::derived_dir(db_dir),
            "admission",
            &crate::snapshot::shape("admission", ""),
            state.size(),
            root,
            &body,
        )
        .map_err(|e| StoreError::Corrupt(format!("writing the admission snapshot: {e}")))
    }
}
