//! The stream and type indexes, on disk in the log's tree, so that reading one stream or following
//! some event types costs the same at 10M entries as at 1k (sled range scans and point reads; no
//! scan of the log, nothing held in memory per entry).
//!
//! - `s` + stream bytes + `0x00` + version (u64 BE) → index (u64 BE) + type code (u16 BE). Stream
//!   names are printable ASCII (contract §2), so `0x00` cannot occur in them and a stream's keys
//!   are one contiguous range in version order. Versions start at 1.
//! - `t` + type code (u16 BE) + index (u64 BE) → empty: the entries of one type in log order.
//! - `m:index-size` → u64 BE: how many entries (from 0) the indexes cover. The writer puts it in
//!   every batch with the entries and checkpoint, so it always equals the log size after a commit.
//! - `m:index-types` → the wire names of [`EventType::ALL`], one a line: the table the type codes
//!   were taken from. The type code is the position of the type in [`EventType::ALL`] (catalogue
//!   order); if the catalogue changes order, the stored table differs and the indexes are rebuilt.
//!
//! On open, [`catch_up`] indexes the entries the marker does not cover (a store written before the
//! indexes existed, or one whose indexes were removed), in batches that each carry the marker, so
//! the store is never half-indexed without saying so.

use crate::{entry_key, Reader, StoreError};
use ledger_events::events::EventType;
use ledger_events::Event;
use std::collections::HashMap;

const KEY_INDEX_SIZE: &[u8] = b"m:index-size";
const KEY_INDEX_TYPES: &[u8] = b"m:index-types";
/// Entries indexed per batch when (re)building on open.
const REBUILD_BATCH: u64 = 10_000;

/// The index code of an event type: its position in [`EventType::ALL`] (catalogue order). The
/// table is stored with the indexes (`m:index-types`), so a reordered catalogue rebuilds them.
pub fn type_code(t: EventType) -> u16 {
    EventType::ALL.iter().position(|x| *x == t).unwrap_or(0) as u16
}

fn type_of(code: u16) -> Result<EventType, StoreError> {
    EventType::ALL
        .get(code as usize)
        .copied()
        .ok_or_else(|| StoreError::Corrupt(format!("unknown type code {code} in the index")))
}

fn types_table() -> Vec<u8> {
    EventType::ALL
        .iter()
        .map(|t| t.as_str())
        .collect::<Vec<_>>()
        .join("\n")
        .into_bytes()
}

fn stream_prefix(stream: &[u8]) -> Vec<u8> {
    let mut k = Vec::with_capacity(stream.len() + 10);
    k.push(b's');
    k.extend_from_slice(stream);
    k.push(0);
    k
}

fn stream_key(stream: &[u8], version: u64) -> Vec<u8> {
    let mut k = stream_prefix(stream);
    k.extend_from_slice(&version.to_be_bytes());
    k
}

fn type_key(code: u16, index: u64) -> [u8; 11] {
    let mut k = [0u8; 11];
    k[0] = b't';
    k[1..3].copy_from_slice(&code.to_be_bytes());
    k[3..].copy_from_slice(&index.to_be_bytes());
    k
}

fn u64_at(bytes: &[u8], at: usize) -> Result<u64, StoreError> {
    bytes
        .get(at..at + 8)
        .and_then(|b| b.try_into().ok())
        .map(u64::from_be_bytes)
        .ok_or_else(|| StoreError::Corrupt("a malformed index key or value".into()))
}

/// (index, type code) of a stream index value.
fn stream_value(v: &[u8]) -> Result<(u64, u16), StoreError> {
    let index = u64_at(v, 0)?;
    let code = v
        .get(8..10)
        .and_then(|b| b.try_into().ok())
        .map(u16::from_be_bytes)
        .ok_or_else(|| StoreError::Corrupt("a malformed stream index value".into()))?;
    Ok((index, code))
}

/// Adds the index keys of the entry at `index` to a batch; `version` is its version in its
/// stream (1 for the first), `None` for an event without a stream.
pub(crate) fn add(writes: &mut sled::Batch, event: &Event, index: u64, version: Option<u64>) {
    let stream = event.stream.as_ref().map(|s| s.as_str());
    add_parts(writes, stream, event.data.event_type(), index, version);
}

/// [`add`] from the entry's stream and type.
pub(crate) fn add_parts(
    writes: &mut sled::Batch,
    stream: Option<&str>,
    event_type: EventType,
    index: u64,
    version: Option<u64>,
) {
    let code = type_code(event_type);
    if let (Some(stream), Some(version)) = (stream, version) {
        let mut v = [0u8; 10];
        v[..8].copy_from_slice(&index.to_be_bytes());
        v[8..].copy_from_slice(&code.to_be_bytes());
        writes.insert(stream_key(stream.as_bytes(), version), &v[..]);
    }
    writes.insert(&type_key(code, index)[..], &[][..]);
}

/// Records in a batch the type table the indexes' codes were taken from.
pub(crate) fn mark_types(writes: &mut sled::Batch) {
    writes.insert(KEY_INDEX_TYPES, types_table());
}

/// Records in a batch that the indexes cover the first `size` entries.
pub(crate) fn cover(writes: &mut sled::Batch, size: u64) {
    writes.insert(KEY_INDEX_SIZE, &size.to_be_bytes()[..]);
}

/// Brings the indexes up to the `size` stored entries (see the module documentation).
pub(crate) fn catch_up(tree: &sled::Tree, size: u64) -> Result<(), StoreError> {
    let table = types_table();
    let mut covered = match tree.get(KEY_INDEX_SIZE)? {
        Some(v) => u64_at(&v, 0)?,
        None => 0,
    };
    let same_table = tree.get(KEY_INDEX_TYPES)?.is_some_and(|t| t == table);
    if !same_table || covered > size {
        if covered > 0 {
            tracing::info!(
                covered,
                size,
                "the stream and type indexes do not fit this log or catalogue; rebuilding them"
            );
        }
        // Remove every index key first, and only then say the indexes cover nothing: a crash in
        // between leaves the old marker, and the next open removes them again.
        for prefix in [&b"s"[..], &b"t"[..]] {
            let mut batch = sled::Batch::default();
            let mut n = 0u64;
            for item in tree.scan_prefix(prefix) {
                let (k, _) = item?;
                batch.remove(k);
                n += 1;
                if n % REBUILD_BATCH == 0 {
                    tree.apply_batch(std::mem::take(&mut batch))?;
                }
            }
            tree.apply_batch(batch)?;
        }
        let mut batch = sled::Batch::default();
        batch.insert(KEY_INDEX_TYPES, table);
        cover(&mut batch, 0);
        tree.apply_batch(batch)?;
        covered = 0;
    }
    if covered == size {
        return Ok(());
    }
    tracing::info!(
        from = covered,
        to = size,
        "indexing streams and event types of stored entries"
    );
    // The version each stream has reached: one count per stream seen, read from the index the
    // first time a stream comes up.
    let mut versions: HashMap<Vec<u8>, u64> = HashMap::new();
    let mut batch = sled::Batch::default();
    for item in tree.range(entry_key(covered)..entry_key(size)) {
        let (k, line) = item?;
        let index = u64_at(&k, 1)?;
        let stored = ledger_log::read_line(index, &line)?;
        let event = &stored.admitted.event;
        let version = match &event.stream {
            None => None,
            Some(s) => {
                let name = s.as_str().as_bytes();
                let v = match versions.get_mut(name) {
                    Some(v) => v,
                    None => {
                        let last = last_version(tree, name)?.map_or(0, |(v, _)| v);
                        versions.entry(name.to_vec()).or_insert(last)
                    }
                };
                *v += 1;
                Some(*v)
            }
        };
        add(&mut batch, event, index, version);
        if (index + 1 - covered) % REBUILD_BATCH == 0 {
            cover(&mut batch, index + 1);
            tree.apply_batch(std::mem::take(&mut batch))?;
        }
    }
    cover(&mut batch, size);
    tree.apply_batch(batch)?;
    tree.flush()?;
    tracing::info!(size, "the stream and type indexes cover the log");
    Ok(())
}

/// The highest version stored for a stream, with its log index (published or not).
fn last_version(tree: &sled::Tree, stream: &[u8]) -> Result<Option<(u64, u64)>, StoreError> {
    let prefix = stream_prefix(stream);
    match tree.scan_prefix(&prefix).next_back() {
        None => Ok(None),
        Some(item) => {
            let (k, v) = item?;
            Ok(Some((u64_at(&k, prefix.len())?, stream_value(&v)?.0)))
        }
    }
}

/// One event of a stream, as [`Reader::stream`] reads it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StreamItem {
    pub version: u64,
    pub index: u64,
    pub event_type: EventType,
    pub line: Vec<u8>,
}

/// Entries that match a filter, in log order, and where to go on: every matching published entry
/// with an index below `next` is in `items` or was before the page's start.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FeedPage {
    /// (index, line)
    pub items: Vec<(u64, Vec<u8>)>,
    pub next: u64,
}

impl Reader {
    fn line(&self, index: u64) -> Result<Vec<u8>, StoreError> {
        self.tree
            .get(entry_key(index))?
            .map(|v| v.to_vec())
            .ok_or_else(|| StoreError::Corrupt(format!("indexed entry {index} is missing")))
    }

    /// The version of `stream` among the first `size` entries (0 if it has none there).
    fn stream_version_at(&self, stream: &[u8], size: u64) -> Result<u64, StoreError> {
        let prefix = stream_prefix(stream);
        // Walks back over at most the one batch written but not yet published.
        for item in self.tree.scan_prefix(&prefix).rev() {
            let (k, v) = item?;
            if stream_value(&v)?.0 < size {
                return u64_at(&k, prefix.len());
            }
        }
        Ok(0)
    }

    /// A stream's current version (its number of published events) and up to `limit` of its
    /// events from version `from_version` on, in version order.
    pub fn stream(
        &self,
        stream: &str,
        from_version: u64,
        limit: usize,
    ) -> Result<(u64, Vec<StreamItem>), StoreError> {
        let size = self.published().size;
        let name = stream.as_bytes();
        let current = self.stream_version_at(name, size)?;
        let from = from_version.max(1);
        let mut items = Vec::new();
        if limit == 0 || from > current {
            return Ok((current, items));
        }
        let prefix_len = stream_prefix(name).len();
        for item in self
            .tree
            .range(stream_key(name, from)..=stream_key(name, current))
        {
            let (k, v) = item?;
            let (index, code) = stream_value(&v)?;
            items.push(StreamItem {
                version: u64_at(&k, prefix_len)?,
                index,
                event_type: type_of(code)?,
                line: self.line(index)?,
            });
            if items.len() == limit {
                break;
            }
        }
        Ok((current, items))
    }

    /// Up to `limit` published entries of `stream` with index ≥ `start`, in log order, only of
    /// `types` if given. Finds the first by a binary search over the stream's versions (their
    /// indices increase with them): O(log n) point reads, then one range scan.
    pub fn stream_from(
        &self,
        stream: &str,
        types: Option<&[EventType]>,
        start: u64,
        limit: usize,
    ) -> Result<FeedPage, StoreError> {
        let size = self.published().size;
        let done = FeedPage {
            items: Vec::new(),
            next: size.max(start),
        };
        let name = stream.as_bytes();
        let Some((last, _)) = last_version(&self.tree, name)? else {
            return Ok(done);
        };
        if limit == 0 || start >= size {
            return Ok(done);
        }
        let index_of = |version: u64| -> Result<u64, StoreError> {
            let v = self.tree.get(stream_key(name, version))?.ok_or_else(|| {
                StoreError::Corrupt(format!("stream {stream:?} lacks version {version}"))
            })?;
            Ok(stream_value(&v)?.0)
        };
        // The smallest version whose index is ≥ start (last + 1 if none).
        let (mut lo, mut hi) = (1u64, last + 1);
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            if index_of(mid)? < start {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        let codes: Option<Vec<u16>> = types.map(|ts| ts.iter().map(|t| type_code(*t)).collect());
        let mut items = Vec::new();
        if lo > last {
            return Ok(done);
        }
        for item in self
            .tree
            .range(stream_key(name, lo)..=stream_key(name, last))
        {
            let (_, v) = item?;
            let (index, code) = stream_value(&v)?;
            if index >= size {
                break;
            }
            if codes.as_ref().is_some_and(|c| !c.contains(&code)) {
                continue;
            }
            items.push((index, self.line(index)?));
            if items.len() == limit {
                return Ok(FeedPage {
                    items,
                    next: index + 1,
                });
            }
        }
        Ok(FeedPage { items, ..done })
    }

    /// Up to `limit` published entries of any of `types` with index ≥ `start`, in log order: the
    /// per-type ranges of the type index merged by index.
    pub fn types_from(
        &self,
        types: &[EventType],
        start: u64,
        limit: usize,
    ) -> Result<FeedPage, StoreError> {
        let size = self.published().size;
        let mut codes: Vec<u16> = types.iter().map(|t| type_code(*t)).collect();
        codes.sort_unstable();
        codes.dedup();
        let mut items = Vec::new();
        if limit == 0 || start >= size {
            return Ok(FeedPage {
                items,
                next: size.max(start),
            });
        }
        let next_of = |it: &mut sled::Iter| -> Result<Option<u64>, StoreError> {
            match it.next() {
                None => Ok(None),
                Some(item) => Ok(Some(u64_at(&item?.0, 3)?)),
            }
        };
        let mut heads = Vec::with_capacity(codes.len());
        for code in codes {
            let mut it = self.tree.range(type_key(code, start)..type_key(code, size));
            let head = next_of(&mut it)?;
            heads.push((head, it));
        }
        // The smallest head among the types' ranges comes next.
        while let Some((k, index)) = heads
            .iter()
            .enumerate()
            .filter_map(|(k, (h, _))| h.map(|i| (k, i)))
            .min_by_key(|(_, i)| *i)
        {
            items.push((index, self.line(index)?));
            if items.len() == limit {
                return Ok(FeedPage {
                    items,
                    next: index + 1,
                });
            }
            let (head, it) = &mut heads[k];
            *head = next_of(it)?;
        }
        Ok(FeedPage { items, next: size })
    }

    /// Up to `limit` published entries from index `start` that are in `stream` (if given) and of
    /// one of `types` (if given), read through the indexes. Without either filter, use
    /// [`Reader::entries`].
    pub fn filtered(
        &self,
        stream: Option<&str>,
        types: Option<&[EventType]>,
        start: u64,
        limit: usize,
    ) -> Result<FeedPage, StoreError> {
        match (stream, types) {
            (Some(s), t) => self.stream_from(s, t, start, limit),
            (None, Some(t)) => self.types_from(t, start, limit),
            (None, None) => Err(StoreError::BadRequest(
                "a filtered read needs a stream or types".into(),
            )),
        }
    }
}
