//! A map from ids (strings) to small fixed-size values, kept compact for the indexes of the
//! admission state that grow with the log (event ids, stream versions).
//!
//! Most of it is frozen: four flat arrays sorted by (hash of the id, id): the ids' hashes, the
//! ends of the ids in one byte arena, the arena, the values. The ids added since the last merge
//! sit in an ordinary hash map; when it holds a quarter as many as the frozen part, the two are
//! merged (a linear pass). At 1M event ids this takes about 70 bytes an id instead of about 160
//! in a `HashMap<String, _>`, and a snapshot reads the frozen part back as four byte strings
//! (a copy) instead of inserting a million keys one by one.
//!
//! The answers are exact: the hash only orders and locates; a lookup compares the id's bytes.
//! The hash is BLAKE3's first 8 bytes: ids that share a hash cost one more comparison each, and
//! many ids sharing one (which would slow lookups) cannot be made cheaply.

use serde::de::{self, Deserializer, SeqAccess, Visitor};
use serde::ser::{SerializeStruct, Serializer};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// A value kept in fixed-size little-endian form in the frozen part.
pub trait Fixed: Copy {
    const LEN: usize;
    fn put(&self, out: &mut Vec<u8>);
    /// `bytes` is exactly `LEN` long.
    fn get(bytes: &[u8]) -> Self;
}

impl Fixed for u64 {
    const LEN: usize = 8;
    fn put(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(&self.to_le_bytes());
    }
    fn get(bytes: &[u8]) -> Self {
        let mut b = [0u8; 8];
        b.copy_from_slice(bytes);
        u64::from_le_bytes(b)
    }
}

impl Fixed for (u64, [u8; 32]) {
    const LEN: usize = 40;
    fn put(&self, out: &mut Vec<u8>) {
        self.0.put(out);
        out.extend_from_slice(&self.1);
    }
    fn get(bytes: &[u8]) -> Self {
        let mut h = [0u8; 32];
        h.copy_from_slice(&bytes[8..40]);
        (u64::get(&bytes[..8]), h)
    }
}

fn hash_of(id: &str) -> u64 {
    let h = blake3::hash(id.as_bytes());
    u64::get(&h.as_bytes()[..8])
}

#[derive(Clone, Debug)]
pub struct IdMap<V> {
    /// Frozen part, sorted by (hash, id bytes).
    hashes: Vec<u64>,
    /// End of each id in `arena` (its start is the end of the one before).
    ends: Vec<u64>,
    arena: Vec<u8>,
    values: Vec<V>,
    /// Added since the last merge.
    recent: HashMap<Box<str>, V>,
}

impl<V> Default for IdMap<V> {
    fn default() -> Self {
        IdMap {
            hashes: Vec::new(),
            ends: Vec::new(),
            arena: Vec::new(),
            values: Vec::new(),
            recent: HashMap::new(),
        }
    }
}

/// The recent part is merged in when it reaches this share of the frozen part (or `MIN_MERGE`).
const MERGE_SHARE: usize = 4;
const MIN_MERGE: usize = 4096;

impl<V: Fixed> IdMap<V> {
    pub fn len(&self) -> usize {
        self.hashes.len() + self.recent.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn id_at(&self, i: usize) -> &[u8] {
        let start = if i == 0 { 0 } else { self.ends[i - 1] as usize };
        &self.arena[start..self.ends[i] as usize]
    }

    /// The first position whose hash is not less than `h` (interpolation steps while they
    /// narrow the range well, bisection otherwise: never worse than a binary search).
    fn lower_bound(&self, h: u64) -> usize {
        let hs = &self.hashes;
        let (mut lo, mut hi) = (0usize, hs.len());
        let mut interpolate = true;
        while lo < hi {
            let mid = if interpolate && hi - lo > 16 {
                let (a, b) = (hs[lo], hs[hi - 1]);
                if h <= a {
                    lo
                } else if h > b {
                    return hi;
                } else {
                    let span = (b - a) as u128;
                    let off = ((h - a) as u128 * (hi - 1 - lo) as u128 / span.max(1)) as usize;
                    lo + off
                }
            } else {
                lo + (hi - lo) / 2
            };
            let before = hi - lo;
            if hs[mid] < h {
                lo = mid + 1;
            } else {
                hi = mid;
            }
            // an interpolation step that removed less than half falls back to bisection
            interpolate = interpolate && (hi - lo) * 2 <= before;
        }
        lo
    }

    fn frozen_position(&self, id: &str) -> Option<usize> {
        if self.hashes.is_empty() {
            return None;
        }
        let h = hash_of(id);
        let mut i = self.lower_bound(h);
        while i < self.hashes.len() && self.hashes[i] == h {
            if self.id_at(i) == id.as_bytes() {
                return Some(i);
            }
            i += 1;
        }
        None
    }

    pub fn get(&self, id: &str) -> Option<V> {
        if let Some(v) = self.recent.get(id) {
            return Some(*v);
        }
        self.frozen_position(id).map(|i| self.values[i])
    }

    /// Sets the value of `id` (added or replaced).
    pub fn insert(&mut self, id: &str, value: V) {
        self.update(id, value, |_| value);
    }

    /// Updates the value of `id` with `f`, starting from `absent` when it has none (the id is
    /// looked up once).
    pub fn update(&mut self, id: &str, absent: V, f: impl FnOnce(V) -> V) {
        if let Some(v) = self.recent.get_mut(id) {
            *v = f(*v);
            return;
        }
        if let Some(i) = self.frozen_position(id) {
            self.values[i] = f(self.values[i]);
            return;
        }
        self.recent.insert(id.into(), f(absent));
        if self.recent.len() >= MIN_MERGE.max(self.hashes.len() / MERGE_SHARE) {
            self.merge();
        }
    }

    /// Merges the recent part into the frozen part.
    fn merge(&mut self) {
        if self.recent.is_empty() {
            return;
        }
        let mut fresh: Vec<(u64, Box<str>, V)> = std::mem::take(&mut self.recent)
            .into_iter()
            .map(|(id, v)| (hash_of(&id), id, v))
            .collect();
        fresh.sort_unstable_by(|a, b| (a.0, a.1.as_bytes()).cmp(&(b.0, b.1.as_bytes())));
        let n = self.hashes.len() + fresh.len();
        let fresh_bytes: usize = fresh.iter().map(|f| f.1.len()).sum();
        let mut hashes = Vec::with_capacity(n);
        let mut ends = Vec::with_capacity(n);
        let mut arena = Vec::with_capacity(self.arena.len() + fresh_bytes);
        let mut values = Vec::with_capacity(n);
        let mut push = |h: u64, id: &[u8], v: V| {
            hashes.push(h);
            arena.extend_from_slice(id);
            ends.push(arena.len() as u64);
            values.push(v);
        };
        let mut i = 0usize;
        for (h, id, v) in &fresh {
            while i < self.hashes.len() && (self.hashes[i], self.id_at(i)) < (*h, id.as_bytes()) {
                push(self.hashes[i], self.id_at(i), self.values[i]);
                i += 1;
            }
            push(*h, id.as_bytes(), *v);
        }
        while i < self.hashes.len() {
            push(self.hashes[i], self.id_at(i), self.values[i]);
            i += 1;
        }
        self.hashes = hashes;
        self.ends = ends;
        self.arena = arena;
        self.values = values;
    }
}

/// Bytes written as one MessagePack binary string (not an array of numbers).
struct Blob<'a>(&'a [u8]);

impl Serialize for Blob<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_bytes(self.0)
    }
}

struct BlobBuf(Vec<u8>);

impl<'de> Deserialize<'de> for BlobBuf {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = BlobBuf;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a byte string")
            }
            fn visit_bytes<E: de::Error>(self, v: &[u8]) -> Result<BlobBuf, E> {
                Ok(BlobBuf(v.to_vec()))
            }
            fn visit_byte_buf<E: de::Error>(self, v: Vec<u8>) -> Result<BlobBuf, E> {
                Ok(BlobBuf(v))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<BlobBuf, A::Error> {
                let mut out = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(1 << 20));
                while let Some(b) = seq.next_element::<u8>()? {
                    out.push(b);
                }
                Ok(BlobBuf(out))
            }
        }
        d.deserialize_bytes(V)
    }
}

impl<V: Fixed> Serialize for IdMap<V> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut hashes = Vec::with_capacity(self.hashes.len() * 8);
        self.hashes.iter().for_each(|h| h.put(&mut hashes));
        let mut ends = Vec::with_capacity(self.ends.len() * 8);
        self.ends.iter().for_each(|e| e.put(&mut ends));
        let mut values = Vec::with_capacity(self.values.len() * V::LEN);
        self.values.iter().for_each(|v| v.put(&mut values));
        let mut recent: Vec<(&str, Vec<u8>)> = self
            .recent
            .iter()
            .map(|(k, v)| {
                let mut b = Vec::with_capacity(V::LEN);
                v.put(&mut b);
                (&**k, b)
            })
            .collect();
        recent.sort_unstable_by(|a, b| a.0.cmp(b.0));
        let recent: Vec<(&str, Blob)> = recent.iter().map(|(k, b)| (*k, Blob(b))).collect();
        let mut st = s.serialize_struct("IdMap", 5)?;
        st.serialize_field("hashes", &Blob(&hashes))?;
        st.serialize_field("ends", &Blob(&ends))?;
        st.serialize_field("arena", &Blob(&self.arena))?;
        st.serialize_field("values", &Blob(&values))?;
        st.serialize_field("recent", &recent)?;
        st.end()
    }
}

#[derive(Deserialize)]
struct Raw {
    hashes: BlobBuf,
    ends: BlobBuf,
    arena: BlobBuf,
    values: BlobBuf,
    recent: Vec<(String, BlobBuf)>,
}

fn words(b: &[u8]) -> Vec<u64> {
    b.chunks_exact(8).map(u64::get).collect()
}

impl<'de, V: Fixed> Deserialize<'de> for IdMap<V> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let raw = Raw::deserialize(d)?;
        let bad = |why: &str| de::Error::custom(format!("id map: {why}"));
        if raw.hashes.0.len() % 8 != 0 || raw.ends.0.len() != raw.hashes.0.len() {
            return Err(bad("hashes and ends differ in length"));
        }
        let n = raw.hashes.0.len() / 8;
        if raw.values.0.len() != n * V::LEN {
            return Err(bad("values and hashes differ in length"));
        }
        let hashes = words(&raw.hashes.0);
        let ends = words(&raw.ends.0);
        let arena = raw.arena.0;
        if hashes.windows(2).any(|w| w[0] > w[1])
            || ends.windows(2).any(|w| w[0] > w[1])
            || ends.last().copied().unwrap_or(0) != arena.len() as u64
        {
            return Err(bad("its frozen part is out of order"));
        }
        let values = raw.values.0.chunks_exact(V::LEN).map(V::get).collect();
        let mut recent = HashMap::with_capacity(raw.recent.len());
        for (k, v) in raw.recent {
            if v.0.len() != V::LEN {
                return Err(bad("a recent value has the wrong length"));
            }
            recent.insert(k.into_boxed_str(), V::get(&v.0));
        }
        Ok(IdMap {
            hashes,
            ends,
            arena,
            values,
            recent,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_like_a_hash_map_across_merges_and_a_round_trip() {
        let mut ours: IdMap<u64> = IdMap::default();
        let mut theirs: HashMap<String, u64> = HashMap::new();
        // enough ids for several merges; some replaced, some looked up before and after
        for i in 0..30_000u64 {
            let id = format!("ev-{}", i * 7919 % 20_011);
            let v = theirs.get(&id).map_or(i, |old| old + i);
            ours.update(&id, i, |old| if old == i { i } else { old + i });
            theirs.insert(id, v);
            if i % 997 == 0 {
                let back: IdMap<u64> =
                    rmp_serde::from_slice(&rmp_serde::to_vec_named(&ours).unwrap()).unwrap();
                ours = back;
            }
        }
        assert_eq!(ours.len(), theirs.len());
        assert!(ours.hashes.len() > MIN_MERGE, "the test must cover merges");
        for (k, v) in &theirs {
            assert_eq!(ours.get(k), Some(*v), "{k}");
        }
        for i in 0..2000 {
            assert_eq!(ours.get(&format!("absent-{i}")), None);
        }
        assert_eq!(ours.get(""), None);
    }

    #[test]
    fn a_damaged_frozen_part_is_refused() {
        let mut m: IdMap<(u64, [u8; 32])> = IdMap::default();
        for i in 0..5000u64 {
            m.insert(&format!("x{i}"), (i, [i as u8; 32]));
        }
        let bytes = rmp_serde::to_vec_named(&m).unwrap();
        let back: IdMap<(u64, [u8; 32])> = rmp_serde::from_slice(&bytes).unwrap();
        assert_eq!(back.get("x4321"), Some((4321, [4321u64 as u8; 32])));
        let refused = |damaged: IdMap<(u64, [u8; 32])>| {
            let bytes = rmp_serde::to_vec_named(&damaged).unwrap();
            rmp_serde::from_slice::<IdMap<(u64, [u8; 32])>>(&bytes).is_err()
        };
        let mut out_of_order = m.clone();
        out_of_order.hashes.swap(0, 100);
        assert!(refused(out_of_order));
        let mut short = m.clone();
        short.values.pop();
        assert!(refused(short));
        let mut cut = m.clone();
        cut.arena.pop();
        assert!(refused(cut));
    }
}
