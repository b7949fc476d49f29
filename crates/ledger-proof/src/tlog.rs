//! C2SP tlog-tiles: resource paths, tile widths, entry bundles, and a tile set computed from
//! leaves (contract §9). Pure: the server, `publish`, `verify` and `mirror` all read and write
//! tiles through these functions, so a path or a width means the same thing everywhere.
//!
//! - A tile `<L>/<N>[.p/<W>]` at level L holds up to 256 hashes: at level 0 the leaf hashes
//!   `D[N*256 ..]`, at level l+1 the roots of the full level-l tiles. `N` is written as 3-digit
//!   groups, all but the last prefixed with `x` (`1234067` → `x001/x234/067`).
//! - The width of tile N at level L for a tree of size s is `floor(s / 256^L) - 256 N`, capped at
//!   256; a full tile has width 256 and no `.p/` suffix.
//! - An entry bundle `entries/<N>[.p/<W>]` is the lines `D[N*256 ..]`, each prefixed by its
//!   length as a big-endian u16 (so a line is at most 65,535 bytes, contract §3).

use crate::merkle::{leaf_hash, node_hash, ProofError, SubtreeSource};
use crate::Hash;

pub const TILE_WIDTH: u64 = 256;
/// A tile spans 8 levels of the tree.
pub const TILE_HEIGHT: u32 = 8;

/// What a `tile/...` path names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TileKind {
    /// A Merkle tree tile at this level (0–63).
    Level(u8),
    /// An entry bundle.
    Entries,
}

/// A parsed tile path: kind, index, and the width of a partial tile (None: full).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TilePath {
    pub kind: TileKind,
    pub index: u64,
    pub partial: Option<u64>,
}

impl TilePath {
    /// The width asked for: the partial width, or 256.
    pub fn width(&self) -> u64 {
        self.partial.unwrap_or(TILE_WIDTH)
    }

    /// The path under the prefix, `tile/...`.
    pub fn render(&self) -> String {
        let head = match self.kind {
            TileKind::Level(l) => l.to_string(),
            TileKind::Entries => "entries".to_owned(),
        };
        let mut s = format!("tile/{head}/{}", index_path(self.index));
        if let Some(w) = self.partial {
            s.push_str(&format!(".p/{w}"));
        }
        s
    }

    /// Parses the part after `tile/` exactly as tlog-tiles writes it (no leading zeros beyond
    /// the 3-digit groups, no empty groups, a width of 1–255); anything else is None.
    pub fn parse(rest: &str) -> Option<TilePath> {
        let (head, rest) = rest.split_once('/')?;
        let kind = if head == "entries" {
            TileKind::Entries
        } else {
            let l = canonical_decimal(head)?;
            if l > 63 {
                return None;
            }
            TileKind::Level(l as u8)
        };
        let (index_part, partial) = match rest.split_once(".p/") {
            Some((i, w)) => {
                let w = canonical_decimal(w)?;
                if !(1..TILE_WIDTH).contains(&w) {
                    return None;
                }
                (i, Some(w))
            }
            None => (rest, None),
        };
        let groups: Vec<&str> = index_part.split('/').collect();
        let mut index: u64 = 0;
        for (k, g) in groups.iter().enumerate() {
            let last = k + 1 == groups.len();
            let digits = if last { *g } else { g.strip_prefix('x')? };
            if digits.len() != 3 || !digits.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            index = index
                .checked_mul(1000)?
                .checked_add(digits.parse::<u64>().ok()?)?;
        }
        let p = TilePath {
            kind,
            index,
            partial,
        };
        // One spelling per index: `x000/001` is not how 1 is written.
        (p.render() == format!("tile/{}/{}", head, rest)).then_some(p)
    }
}

fn canonical_decimal(s: &str) -> Option<u64> {
    let ok =
        !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()) && (s == "0" || !s.starts_with('0'));
    ok.then(|| s.parse().ok()).flatten()
}

/// `N` as tlog-tiles path elements: `x001/x234/067`.
pub fn index_path(mut n: u64) -> String {
    let mut groups = vec![format!("{:03}", n % 1000)];
    n /= 1000;
    while n > 0 {
        groups.push(format!("x{:03}", n % 1000));
        n /= 1000;
    }
    groups.reverse();
    groups.join("/")
}

/// How many hashes tile `index` at `level` has in a tree of `size` (0: none, 256: full).
pub fn tile_width(size: u64, level: u8, index: u64) -> u64 {
    let shift = 8 * level as u32;
    if shift >= 64 {
        return 0;
    }
    let units = size >> shift;
    units
        .saturating_sub(index.saturating_mul(TILE_WIDTH))
        .min(TILE_WIDTH)
}

/// Whether a tree of `size` has the resource `p` (a full tile only when it is full; a partial
/// tile of width W whenever the tile has at least W hashes).
pub fn exists(size: u64, p: &TilePath) -> bool {
    let level = match p.kind {
        TileKind::Level(l) => l,
        TileKind::Entries => 0,
    };
    let w = tile_width(size, level, p.index);
    match p.partial {
        None => w == TILE_WIDTH,
        Some(want) => want <= w,
    }
}

/// The tiles a tree of `size` consists of, every level, as the paths a client fetches:
/// full tiles and, at the right edge, the partial ones of this size.
pub fn tiles_of(size: u64) -> Vec<TilePath> {
    let mut out = Vec::new();
    for level in 0..64u8 {
        let units = if 8 * level as u32 >= 64 {
            0
        } else {
            size >> (8 * level as u32)
        };
        if units == 0 {
            break;
        }
        let full = units / TILE_WIDTH;
        for index in 0..full {
            out.push(TilePath {
                kind: TileKind::Level(level),
                index,
                partial: None,
            });
        }
        if units % TILE_WIDTH > 0 {
            out.push(TilePath {
                kind: TileKind::Level(level),
                index: full,
                partial: Some(units % TILE_WIDTH),
            });
        }
    }
    out
}

/// An entry bundle of `lines`.
pub fn encode_bundle<L: AsRef<[u8]>>(lines: &[L]) -> Result<Vec<u8>, String> {
    let mut out = Vec::with_capacity(lines.iter().map(|l| l.as_ref().len() + 2).sum());
    for l in lines {
        let l = l.as_ref();
        let n = u16::try_from(l.len())
            .map_err(|_| format!("an entry of {} bytes does not fit a bundle", l.len()))?;
        out.extend_from_slice(&n.to_be_bytes());
        out.extend_from_slice(l);
    }
    Ok(out)
}

/// The entries of a bundle, checked to be exactly `expect` of them with nothing left over.
pub fn decode_bundle(bytes: &[u8], expect: u64) -> Result<Vec<&[u8]>, String> {
    let mut out = Vec::with_capacity(expect as usize);
    let mut rest = bytes;
    while !rest.is_empty() {
        let Some((len, tail)) = rest.split_first_chunk::<2>() else {
            return Err("the bundle ends inside a length prefix".into());
        };
        let n = u16::from_be_bytes(*len) as usize;
        if tail.len() < n {
            return Err(format!(
                "entry {} of the bundle is cut off ({} of {n} bytes)",
                out.len(),
                tail.len()
            ));
        }
        out.push(&tail[..n]);
        rest = &tail[n..];
    }
    if out.len() as u64 != expect {
        return Err(format!(
            "the bundle holds {} entries, not {expect}",
            out.len()
        ));
    }
    Ok(out)
}

/// The root of a full tile's 256 hashes (the hash it contributes to the level above).
pub fn tile_root(hashes: &[Hash]) -> Hash {
    crate::merkle::root_from_leaf_hashes(hashes)
}

/// Every tile of a tree, computed from its leaves: `levels[l]` holds the hashes of level l
/// (level-0 hashes are the leaf hashes; level l+1 the roots of full level-l tiles).
#[derive(Clone, Debug, Default)]
pub struct TileSet {
    levels: Vec<Vec<Hash>>,
}

impl TileSet {
    pub fn new() -> TileSet {
        TileSet::default()
    }

    /// Appends a leaf (the line's data, hashed as an RFC 6962 leaf).
    pub fn push_line(&mut self, line: &[u8]) {
        self.push_leaf(leaf_hash(line));
    }

    pub fn push_leaf(&mut self, h: Hash) {
        let mut carry = Some(h);
        let mut level = 0;
        while let Some(h) = carry.take() {
            if self.levels.len() == level {
                self.levels.push(Vec::new());
            }
            let row = &mut self.levels[level];
            row.push(h);
            if row.len() as u64 % TILE_WIDTH == 0 {
                let start = row.len() - TILE_WIDTH as usize;
                carry = Some(tile_root(&row[start..]));
            }
            level += 1;
        }
    }

    pub fn size(&self) -> u64 {
        self.levels.first().map_or(0, |r| r.len() as u64)
    }

    /// The tlog-tiles bytes of tile `index` at `level`, `width` hashes wide (None if the tree
    /// does not have that many).
    pub fn tile(&self, level: u8, index: u64, width: u64) -> Option<Vec<u8>> {
        let row = self.levels.get(level as usize)?;
        let start = (index * TILE_WIDTH) as usize;
        let end = start + width as usize;
        if width == 0 || width > TILE_WIDTH || end > row.len() {
            return None;
        }
        Some(
            row[start..end]
                .iter()
                .flat_map(|h| h.iter().copied())
                .collect(),
        )
    }
}

impl SubtreeSource for TileSet {
    fn perfect_subtree(&self, level: u32, index: u64) -> Result<Hash, ProofError> {
        // A subtree of height `level` at `index`: from the tile row at level / 8, rehashing the
        // levels inside the tile.
        let missing = ProofError::MissingSubtree { level, index };
        let row_level = (level / TILE_HEIGHT) as usize;
        let inner = level % TILE_HEIGHT;
        let row = self.levels.get(row_level).ok_or(missing.clone())?;
        let start = (index << inner) as usize;
        let end = start + (1usize << inner);
        if end > row.len() {
            return Err(missing);
        }
        let mut hs: Vec<Hash> = row[start..end].to_vec();
        while hs.len() > 1 {
            hs = hs.chunks(2).map(|p| node_hash(&p[0], &p[1])).collect();
        }
        Ok(hs[0])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_written_and_read_as_the_spec_says() {
        assert_eq!(index_path(1234067), "x001/x234/067");
        assert_eq!(index_path(0), "000");
        assert_eq!(index_path(1000), "x001/000");
        let p = TilePath::parse("0/x001/x234/067.p/8").unwrap();
        assert_eq!(
            p,
            TilePath {
                kind: TileKind::Level(0),
                index: 1234067,
                partial: Some(8)
            }
        );
        assert_eq!(p.render(), "tile/0/x001/x234/067.p/8");
        assert_eq!(
            TilePath::parse("entries/001").unwrap().kind,
            TileKind::Entries
        );
        for bad in [
            "0/1",
            "0/01",
            "0/x000/001",
            "00/000",
            "64/000",
            "0/000.p/0",
            "0/000.p/256",
            "0/000.p/07",
            "0/x1/000",
            "0/001/x000",
            "0/000/",
            "a/000",
            "0/0001",
        ] {
            assert_eq!(TilePath::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn the_tiles_of_70000_entries_are_those_of_the_spec() {
        // "273 full level 0 tiles, one partial level 0 tile of width 112, one full level 1
        // tile, one partial level 1 tile of width 17, and one partial level 2 tile of width 1"
        let t = tiles_of(70_000);
        let level = |l| t.iter().filter(move |p| p.kind == TileKind::Level(l));
        assert_eq!(level(0).filter(|p| p.partial.is_none()).count(), 273);
        assert_eq!(
            level(0).find(|p| p.partial.is_some()).unwrap().partial,
            Some(112)
        );
        assert_eq!(level(1).filter(|p| p.partial.is_none()).count(), 1);
        assert_eq!(
            level(1).find(|p| p.partial.is_some()).unwrap().partial,
            Some(17)
        );
        assert_eq!(level(2).next().unwrap().partial, Some(1));
        assert_eq!(level(3).count(), 0);
        assert_eq!(
            tiles_of(256).len(),
            2,
            "a full level-0 tile and a level-1 tile of width 1"
        );
        assert!(exists(
            70_000,
            &TilePath {
                kind: TileKind::Level(0),
                index: 273,
                partial: Some(100)
            }
        ));
        assert!(!exists(
            70_000,
            &TilePath {
                kind: TileKind::Level(0),
                index: 273,
                partial: None
            }
        ));
        assert!(!exists(
            70_000,
            &TilePath {
                kind: TileKind::Level(0),
                index: 274,
                partial: Some(1)
            }
        ));
    }

    #[test]
    fn a_tile_set_gives_the_roots_of_the_tree() {
        let mut set = TileSet::new();
        let mut mem = crate::merkle::MemoryTree::new();
        for i in 0..70_000u32 {
            let line = format!("line {i}");
            set.push_line(line.as_bytes());
            mem.push(leaf_hash(line.as_bytes()));
            if [1, 255, 256, 257, 65_535, 65_536, 69_999].contains(&i) {
                let size = i as u64 + 1;
                assert_eq!(
                    crate::merkle::root_at(&set, size).unwrap(),
                    crate::merkle::root_at(&mem, size).unwrap(),
                    "{size}"
                );
            }
        }
        let b = encode_bundle(&["a", "bc", ""]).unwrap();
        assert_eq!(b, [0, 1, b'a', 0, 2, b'b', b'c', 0, 0]);
        assert_eq!(decode_bundle(&b, 3).unwrap(), vec![&b"a"[..], b"bc", b""]);
        assert!(decode_bundle(&b, 2).is_err());
        assert!(decode_bundle(&b[..5], 2).is_err());
    }
}

/// Tiles fetched so far, by (level, index); None: the tile could not be had.
type TileCache = std::collections::HashMap<(u8, u64), Option<Vec<u8>>>;

/// A tree of `size` read through its tiles: `read` fetches a tile's bytes (None: missing). Each
/// tile is fetched at most once, at the width the tree of `size` gives it.
pub struct TiledTree<F: Fn(&TilePath) -> Option<Vec<u8>>> {
    size: u64,
    read: F,
    cache: std::cell::RefCell<TileCache>,
}

impl<F: Fn(&TilePath) -> Option<Vec<u8>>> TiledTree<F> {
    pub fn new(size: u64, read: F) -> Self {
        TiledTree {
            size,
            read,
            cache: Default::default(),
        }
    }
}

impl<F: Fn(&TilePath) -> Option<Vec<u8>>> SubtreeSource for TiledTree<F> {
    fn perfect_subtree(&self, level: u32, index: u64) -> Result<Hash, ProofError> {
        let missing = ProofError::MissingSubtree { level, index };
        let tl = (level / TILE_HEIGHT) as u8;
        let inner = level % TILE_HEIGHT;
        let first = index.checked_shl(inner).ok_or(missing.clone())?;
        let (n, off) = (first / TILE_WIDTH, (first % TILE_WIDTH) as usize);
        let count = 1usize << inner;
        let w = tile_width(self.size, tl, n);
        if off + count > w as usize {
            return Err(missing);
        }
        let mut cache = self.cache.borrow_mut();
        let bytes = cache.entry((tl, n)).or_insert_with(|| {
            let p = TilePath {
                kind: TileKind::Level(tl),
                index: n,
                partial: (w < TILE_WIDTH).then_some(w),
            };
            (self.read)(&p).filter(|b| b.len() as u64 == 32 * w)
        });
        let bytes = bytes.as_ref().ok_or(missing)?;
        let mut hs: Vec<Hash> = bytes[32 * off..32 * (off + count)]
            .chunks(32)
            .map(|c| {
                let mut h = [0u8; 32];
                h.copy_from_slice(c);
                h
            })
            .collect();
        while hs.len() > 1 {
            hs = hs.chunks(2).map(|p| node_hash(&p[0], &p[1])).collect();
        }
        Ok(hs[0])
    }
}

#[cfg(test)]
mod tiled_tests {
    use super::*;

    #[test]
    fn a_tree_read_through_its_tiles_has_the_roots_of_the_tree() {
        let mut set = TileSet::new();
        for i in 0..70_000u32 {
            set.push_line(format!("line {i}").as_bytes());
        }
        for size in [1u64, 256, 257, 65_536, 69_999, 70_000] {
            // The tiles as a static copy of the tree of `size` would hold them.
            let tree = TiledTree::new(size, |p: &TilePath| {
                let TileKind::Level(l) = p.kind else {
                    return None;
                };
                if !exists(size, p) {
                    return None;
                }
                set.tile(l, p.index, p.width())
            });
            assert_eq!(
                crate::merkle::root_at(&tree, size).unwrap(),
                crate::merkle::root_at(&set, size).unwrap(),
                "{size}"
            );
        }
    }
}
