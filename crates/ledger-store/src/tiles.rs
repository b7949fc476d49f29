//! The Merkle tree, stored as the tiles of C2SP tlog-tiles: tile `L/N` holds the hashes of the
//! 256 (or, at the right edge, fewer) perfect subtrees of height `8·L` starting at subtree `256·N`,
//! so that any node of the tree is in exactly one tile, and a proof in a tree of up to 2^24
//! entries touches at most 3 tiles (one per tile level).
//!
//! Stored value of `T` + L (u8) + N (u64 BE): the width W (u16 BE, 1..=256), then the tile's
//! hashes — exactly the bytes tlog-tiles serves as tile `L/N` of width W — then, so that a proof
//! never rehashes a tile, the complete inner nodes of the tile: for each height h = 1..7 the
//! `W >> h` hashes of the perfect subtrees of height `8·L + h` inside it. A tile of width W is
//! the prefix of the eventual full tile: the right-edge tile is rewritten with each batch and
//! only ever grows. Tiles are written in the same sled batch as the entries they cover.
//!
//! The tiles of levels 1 and up (one for every 65,536 entries) and the right-edge tile of level
//! 0 are kept in memory ([`TileCache`]); level-0 tiles are read from sled.

use ledger_proof::{Frontier, Hash, ProofError, SubtreeSource};
use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::{Arc, RwLock};

/// Height of a tile (tlog-tiles: 8, so 256 hashes wide).
pub const TILE_HEIGHT: u32 = 8;
/// Hashes in a full tile.
pub const TILE_WIDTH: u64 = 1 << TILE_HEIGHT;
/// Most tiles of level ≥ 1 held in memory (about 16 KiB each: 2^27 entries' worth).
const CACHE_UPPER: usize = 2048;

pub(crate) fn tile_key(level: u8, index: u64) -> [u8; 10] {
    let mut k = [0u8; 10];
    k[0] = b'T';
    k[1] = level;
    k[2..].copy_from_slice(&index.to_be_bytes());
    k
}

/// Where the node at tree `level`, position `index` lives: (tile level, tile index, height in
/// the tile, position in that row).
fn locate(level: u32, index: u64) -> (u8, u64, u32, u64) {
    let tl = level / TILE_HEIGHT;
    let h = level % TILE_HEIGHT;
    let shift = TILE_HEIGHT - h;
    (tl as u8, index >> shift, h, index & ((1u64 << shift) - 1))
}

/// Offset (in hashes) of row `h` in a stored tile of width `w`.
fn row_offset(w: u64, h: u32) -> u64 {
    (0..h).map(|k| w >> k).sum()
}

/// One stored tile (see the module doc for its bytes).
#[derive(Clone, Debug)]
pub struct Tile(sled::IVec);

impl Tile {
    fn parse(v: sled::IVec) -> Result<Tile, String> {
        let w = match v.get(..2) {
            Some(b) => u16::from_be_bytes([b[0], b[1]]) as u64,
            None => return Err("a stored tile is shorter than its width".into()),
        };
        let expected = 2 + 32 * row_offset(w, TILE_HEIGHT) as usize;
        if w == 0 || w > TILE_WIDTH || v.len() != expected {
            return Err(format!(
                "a stored tile of width {w} has {} bytes, not {expected}",
                v.len()
            ));
        }
        Ok(Tile(v))
    }

    pub fn width(&self) -> u64 {
        u16::from_be_bytes([self.0[0], self.0[1]]) as u64
    }

    fn hash_at(&self, slot: u64) -> Hash {
        let at = 2 + 32 * slot as usize;
        let mut h = [0u8; 32];
        h.copy_from_slice(&self.0[at..at + 32]);
        h
    }

    /// The node at height `h` (0..8) and position `j` of its row, if the tile holds it.
    fn node(&self, h: u32, j: u64) -> Option<Hash> {
        let w = self.width();
        ((j + 1) << h <= w).then(|| self.hash_at(row_offset(w, h) + j))
    }

    /// The tlog-tiles content of this tile at width `w` (≤ its width): `w` hashes.
    pub fn hashes(&self, w: u64) -> Option<&[u8]> {
        (w >= 1 && w <= self.width()).then(|| &self.0[2..2 + 32 * w as usize])
    }
}

/// The tile at the right edge of one tile level, as the writer grows it.
#[derive(Clone, Debug, Default)]
struct EdgeTile {
    index: u64,
    rows: [Vec<Hash>; TILE_HEIGHT as usize],
}

impl EdgeTile {
    fn from_tile(index: u64, t: &Tile) -> EdgeTile {
        let w = t.width();
        let mut e = EdgeTile {
            index,
            ..EdgeTile::default()
        };
        for (h, row) in e.rows.iter_mut().enumerate() {
            let off = row_offset(w, h as u32);
            *row = (0..w >> h).map(|j| t.hash_at(off + j)).collect();
        }
        e
    }

    fn encode(&self) -> Vec<u8> {
        let w = self.rows[0].len() as u64;
        let mut v = Vec::with_capacity(2 + 32 * row_offset(w, TILE_HEIGHT) as usize);
        v.extend_from_slice(&(w as u16).to_be_bytes());
        for row in &self.rows {
            for h in row {
                v.extend_from_slice(h);
            }
        }
        v
    }
}

/// The tiles held in memory, shared by the writer and every reader.
#[derive(Clone, Default)]
pub struct TileCache(Arc<RwLock<HashMap<(u8, u64), Tile>>>);

impl TileCache {
    fn get(&self, key: (u8, u64)) -> Option<Tile> {
        self.0.read().ok()?.get(&key).cloned()
    }

    fn put(&self, key: (u8, u64), tile: Tile) {
        let Ok(mut m) = self.0.write() else { return };
        if key.0 == 0 {
            // Only the edge of level 0 is kept: the full tile before it goes back to sled.
            if let Some(prev) = key.1.checked_sub(1) {
                m.remove(&(0, prev));
            }
        } else if m.len() >= CACHE_UPPER && !m.contains_key(&key) {
            return;
        }
        m.insert(key, tile);
    }
}

/// Reads tiles for one proof: each tile is fetched once (from the cache or from sled), so a
/// proof costs one fetch per tile level it crosses.
pub(crate) struct TileSource<'a> {
    tree: &'a sled::Tree,
    cache: &'a TileCache,
    memo: RefCell<[Option<(u64, Tile)>; 8]>,
    /// Tiles read from sled (not from the cache), for tests.
    #[cfg(test)]
    pub fetched: std::cell::Cell<usize>,
}

impl<'a> TileSource<'a> {
    pub fn new(tree: &'a sled::Tree, cache: &'a TileCache) -> Self {
        TileSource {
            tree,
            cache,
            memo: RefCell::new(Default::default()),
            #[cfg(test)]
            fetched: std::cell::Cell::new(0),
        }
    }

    fn read(&self, level: u8, index: u64) -> sled::Result<Option<sled::IVec>> {
        #[cfg(test)]
        self.fetched.set(self.fetched.get() + 1);
        self.tree.get(tile_key(level, index))
    }

    fn tile(&self, level: u8, index: u64) -> Result<Option<Tile>, String> {
        if let Some((i, t)) = self
            .memo
            .borrow()
            .get(level as usize)
            .and_then(|m| m.as_ref())
        {
            if *i == index {
                return Ok(Some(t.clone()));
            }
        }
        let tile = match self.cache.get((level, index)) {
            Some(t) => t,
            None => match self.read(level, index) {
                Ok(Some(v)) => {
                    let t = Tile::parse(v)?;
                    if level > 0 && t.width() == TILE_WIDTH {
                        self.cache.put((level, index), t.clone());
                    }
                    t
                }
                Ok(None) => return Ok(None),
                Err(e) => return Err(e.to_string()),
            },
        };
        if let Some(slot) = self.memo.borrow_mut().get_mut(level as usize) {
            *slot = Some((index, tile.clone()));
        }
        Ok(Some(tile))
    }

    /// The stored tile `level/index`, for serving (tlog-tiles).
    pub fn stored(&self, level: u8, index: u64) -> Result<Option<Tile>, String> {
        self.tile(level, index)
    }
}

impl SubtreeSource for TileSource<'_> {
    fn perfect_subtree(&self, level: u32, index: u64) -> Result<Hash, ProofError> {
        let missing = ProofError::MissingSubtree { level, index };
        let (tl, t, h, j) = locate(level, index);
        match self.tile(tl, t) {
            Ok(Some(tile)) => tile.node(h, j).ok_or(missing),
            _ => Err(missing),
        }
    }
}

/// The writer's side: the right-edge tile of every tile level, grown as leaves are appended, and
/// the tiles a batch changed.
#[derive(Clone, Debug, Default)]
pub(crate) struct TileWriter {
    edges: Vec<EdgeTile>,
    dirty: Vec<bool>,
    /// Tiles completed since the last [`TileWriter::take_dirty`] (a batch can cross a tile).
    finished: Vec<((u8, u64), Vec<u8>)>,
}

impl TileWriter {
    /// The edge tiles of a tree of `size` leaves, read back from the store.
    pub fn load(src: &TileSource<'_>, size: u64) -> Result<TileWriter, String> {
        let mut w = TileWriter::default();
        let mut count = size;
        let mut level = 0u8;
        while count > 0 {
            let index = count / TILE_WIDTH;
            let edge = if count % TILE_WIDTH == 0 {
                // The last tile of this level is full: the next node starts a new one.
                EdgeTile {
                    index,
                    ..EdgeTile::default()
                }
            } else {
                let tile = src
                    .tile(level, index)?
                    .ok_or_else(|| format!("tile {level}/{index} is missing"))?;
                if tile.width() != count % TILE_WIDTH {
                    return Err(format!(
                        "tile {level}/{index} has width {}, the log's size needs {}",
                        tile.width(),
                        count % TILE_WIDTH
                    ));
                }
                EdgeTile::from_tile(index, &tile)
            };
            w.edges.push(edge);
            w.dirty.push(false);
            count /= TILE_WIDTH;
            level += 1;
        }
        Ok(w)
    }

    /// Adds the perfect subtrees one appended leaf created (as [`Frontier::push`] returns them).
    pub fn add(&mut self, nodes: &[(u32, u64, Hash)]) {
        for &(level, index, hash) in nodes {
            let (tl, t, h, j) = locate(level, index);
            let tl = tl as usize;
            while self.edges.len() <= tl {
                self.edges.push(EdgeTile::default());
                self.dirty.push(false);
            }
            let edge = &mut self.edges[tl];
            if edge.index != t {
                if self.dirty[tl] && !edge.rows[0].is_empty() {
                    self.finished.push(((tl as u8, edge.index), edge.encode()));
                }
                *edge = EdgeTile {
                    index: t,
                    ..EdgeTile::default()
                };
            }
            let row = &mut edge.rows[h as usize];
            debug_assert_eq!(row.len() as u64, j, "nodes arrive in order");
            row.push(hash);
            self.dirty[tl] = true;
        }
    }

    /// The tiles changed since the last call, encoded, and clears the marks.
    pub fn take_dirty(&mut self) -> Vec<((u8, u64), Vec<u8>)> {
        let mut out = std::mem::take(&mut self.finished);
        for (tl, (edge, dirty)) in self.edges.iter().zip(self.dirty.iter_mut()).enumerate() {
            if *dirty && !edge.rows[0].is_empty() {
                out.push(((tl as u8, edge.index), edge.encode()));
            }
            *dirty = false;
        }
        out
    }
}

/// Publishes written tiles to the cache (after the batch that holds them is durable).
pub(crate) fn publish(cache: &TileCache, written: Vec<((u8, u64), Vec<u8>)>) {
    for (key, bytes) in written {
        if let Ok(t) = Tile::parse(sled::IVec::from(bytes)) {
            cache.put(key, t);
        }
    }
}

const KEY_LAYOUT: &[u8] = b"m:tree";
const LAYOUT: &[u8] = b"tiles/1";
/// Records in a batch that the tree is stored as tiles.
pub(crate) fn mark_layout(writes: &mut sled::Batch) {
    writes.insert(KEY_LAYOUT, LAYOUT);
}

/// Tiles written per batch when the tiles are built on open.
const BUILD_BATCH: usize = 64;

/// Makes sure the tree is stored as tiles: a store written before tiles (one key per perfect
/// subtree, `n` + level + index) or one whose tiles were removed gets them built from its entry
/// lines, in batches, before the marker says so; the old keys are removed after.
pub(crate) fn ensure(tree: &sled::Tree, size: u64) -> Result<(), crate::StoreError> {
    if tree.get(KEY_LAYOUT)?.as_deref() == Some(LAYOUT) {
        // a crash while the old keys were being removed leaves some: finish
        if tree.scan_prefix(b"n").next().is_some() {
            remove_old_nodes(tree)?;
        }
        return Ok(());
    }
    if size > 0 {
        tracing::info!("storing the Merkle tree as tiles: hashing the {size} stored entries");
    }
    let mut frontier = Frontier::new();
    let mut writer = TileWriter::default();
    let mut batch = sled::Batch::default();
    let mut pending = 0usize;
    let mut index = 0u64;
    for item in tree.range(crate::entry_key(0)..) {
        let (k, line) = item?;
        if k.first() != Some(&b'e') || index == size {
            break;
        }
        writer.add(&frontier.push(ledger_proof::leaf_hash(&line)));
        index += 1;
        if index % TILE_WIDTH == 0 {
            for (key, bytes) in writer.take_dirty() {
                batch.insert(&tile_key(key.0, key.1)[..], bytes);
                pending += 1;
            }
            if pending >= BUILD_BATCH {
                tree.apply_batch(std::mem::take(&mut batch))?;
                pending = 0;
            }
        }
    }
    for (key, bytes) in writer.take_dirty() {
        batch.insert(&tile_key(key.0, key.1)[..], bytes);
    }
    batch.insert(KEY_LAYOUT, LAYOUT);
    tree.apply_batch(batch)?;
    tree.flush()?;
    remove_old_nodes(tree)
}

/// Removes the per-node keys of the first layout (`n` + level + index), no longer read.
fn remove_old_nodes(tree: &sled::Tree) -> Result<(), crate::StoreError> {
    let mut old = sled::Batch::default();
    let mut n = 0usize;
    for item in tree.scan_prefix(b"n") {
        let (k, _) = item?;
        old.remove(k);
        n += 1;
        if n % 10_000 == 0 {
            tree.apply_batch(std::mem::take(&mut old))?;
        }
    }
    tree.apply_batch(old)?;
    tree.flush()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use ledger_proof::{consistency_proof, inclusion_proof, leaf_hash, MemoryTree};

    /// A tree of `size` leaves written as the writer writes it, and the cache it leaves.
    fn build(size: u64) -> (sled::Db, sled::Tree, MemoryTree, TileCache) {
        let db = sled::Config::new().temporary(true).open().unwrap();
        let tree = db.open_tree("t").unwrap();
        let mut mem = MemoryTree::new();
        let mut frontier = Frontier::new();
        let mut w = TileWriter::default();
        let mut batch = sled::Batch::default();
        let cache = TileCache::default();
        for i in 0..size {
            let leaf = leaf_hash(&i.to_be_bytes());
            mem.push(leaf);
            w.add(&frontier.push(leaf));
            // Batches of uneven sizes, as group commit makes them.
            if i % 37 == 0 || i + 1 == size {
                let tiles = w.take_dirty();
                for (k, v) in &tiles {
                    batch.insert(&tile_key(k.0, k.1)[..], &v[..]);
                }
                tree.apply_batch(std::mem::take(&mut batch)).unwrap();
                publish(&cache, tiles);
            }
        }
        (db, tree, mem, cache)
    }

    #[test]
    fn proofs_from_tiles_equal_proofs_from_every_node() {
        let (_d, tree, mem, _) = build(70_000);
        // A cold cache: every tile from sled.
        let cache = TileCache::default();
        for size in [1u64, 2, 255, 256, 257, 511, 65_535, 65_536, 65_537, 70_000] {
            let src = TileSource::new(&tree, &cache);
            assert_eq!(
                ledger_proof::root_at(&src, size).unwrap(),
                ledger_proof::root_at(&mem, size).unwrap(),
                "root at {size}"
            );
            for index in [0, size / 3, size - 1] {
                let src = TileSource::new(&tree, &cache);
                assert_eq!(
                    inclusion_proof(&src, index, size).unwrap(),
                    inclusion_proof(&mem, index, size).unwrap()
                );
            }
            for from in [1, size / 2 + 1, size] {
                let src = TileSource::new(&tree, &cache);
                assert_eq!(
                    consistency_proof(&src, from, size).unwrap(),
                    consistency_proof(&mem, from, size).unwrap()
                );
            }
        }
    }

    #[test]
    fn a_proof_reads_at_most_two_tiles_from_sled() {
        // 70,000 entries span tile levels 0, 1 and 2; the writer's cache holds the upper levels
        // and the right edge, so a proof reads the level-0 tile of its leaf (and, for a
        // consistency proof, the one at the old size's edge) and nothing else.
        let (_d, tree, mem, cache) = build(70_000);
        for index in [0u64, 1, 300, 65_535, 65_536, 69_999] {
            let src = TileSource::new(&tree, &cache);
            let proof = inclusion_proof(&src, index, 70_000).unwrap();
            assert_eq!(proof, inclusion_proof(&mem, index, 70_000).unwrap());
            assert!(
                src.fetched.get() <= 1,
                "index {index}: {}",
                src.fetched.get()
            );
        }
        for from in [1u64, 12_345, 65_536, 69_000] {
            let src = TileSource::new(&tree, &cache);
            let proof = consistency_proof(&src, from, 70_000).unwrap();
            assert_eq!(proof, consistency_proof(&mem, from, 70_000).unwrap());
            assert!(src.fetched.get() <= 2, "from {from}: {}", src.fetched.get());
        }
    }

    #[test]
    fn edge_tiles_reload_where_they_stopped() {
        let (_d, tree, mem, _) = build(1_000);
        let cache = TileCache::default();
        let src = TileSource::new(&tree, &cache);
        let w = TileWriter::load(&src, 1_000).unwrap();
        // 1000 = 3·256 + 232: level 0's edge is tile 3 (232 wide), level 1's tile 0 (3 wide).
        assert_eq!(w.edges[0].index, 3);
        assert_eq!(w.edges[0].rows[0].len(), 232);
        assert_eq!(w.edges[1].rows[0].len(), 3);
        assert_eq!(
            ledger_proof::root_at(&src, 1_000).unwrap(),
            ledger_proof::root_at(&mem, 1_000).unwrap()
        );
        // A served tile is the prefix of the leaves' hashes.
        let t = src.stored(0, 3).unwrap().unwrap();
        assert_eq!(t.hashes(2).unwrap().len(), 64);
        assert_eq!(
            t.hashes(1).unwrap(),
            &mem.perfect_subtree(0, 768).unwrap()[..]
        );
        assert!(t.hashes(233).is_none());
    }
}
