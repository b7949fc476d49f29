//! The RFC 6962 / RFC 9162 Merkle tree over SHA-256: hashing, proofs from a store of perfect
//! subtrees, proof verification, and two trees (all-nodes in memory, and the right frontier).
//!
//! Proof generation only ever asks a [`SubtreeSource`] for perfect subtrees (2^level leaves
//! starting at a multiple of 2^level), which is exactly what an append-only store can keep
//! immutably. Verification follows RFC 9162 §2.1.3.2 and §2.1.4.2 step by step, after
//! checking the proof length, as transparency-dev/merkle does.

use sha2::{Digest, Sha256};
use thiserror::Error;

use crate::encoding::Base64Error;
use crate::Hash;

/// Why a proof could not be produced or did not verify.
#[derive(Clone, Debug, Error, PartialEq, Eq)]
pub enum ProofError {
    #[error("invalid base64: {0}")]
    Base64(#[from] Base64Error),
    #[error("index {index} is not inside a tree of size {size}")]
    IndexOutOfRange { index: u64, size: u64 },
    #[error("no consistency proof from size {from} to size {to}: need 0 < from <= to")]
    InvalidSizes { from: u64, to: u64 },
    #[error("range [{start}, {end}) is empty, reversed or not a subtree of any tree")]
    InvalidRange { start: u64, end: u64 },
    #[error("perfect subtree at level {level}, index {index} is not available")]
    MissingSubtree { level: u32, index: u64 },
    #[error("proof has {got} hashes, expected {expected}")]
    WrongProofLength { got: usize, expected: usize },
    #[error("{which} root mismatch: computed {}, expected {}", hex::encode(.computed), hex::encode(.expected))]
    RootMismatch {
        which: &'static str,
        computed: Hash,
        expected: Hash,
    },
    #[error("frontier of size {size} needs {expected} peaks, got {got}")]
    InvalidFrontier {
        size: u64,
        expected: usize,
        got: usize,
    },
}

/// SHA-256(0x00 || data).
pub fn leaf_hash(data: &[u8]) -> Hash {
    Sha256::new()
        .chain_update([0x00])
        .chain_update(data)
        .finalize()
        .into()
}

/// SHA-256(0x01 || l || r).
pub fn node_hash(l: &Hash, r: &Hash) -> Hash {
    Sha256::new()
        .chain_update([0x01])
        .chain_update(l)
        .chain_update(r)
        .finalize()
        .into()
}

/// SHA-256(""): the root of the empty tree.
pub fn empty_root() -> Hash {
    Sha256::digest([]).into()
}

/// MTH over a list of leaf hashes, straight from the RFC 6962 definition.
pub fn root_from_leaf_hashes(leaves: &[Hash]) -> Hash {
    match leaves {
        [] => empty_root(),
        [leaf] => *leaf,
        _ => {
            // The length fits u64 and is at least 2, so the split is in range.
            let k = largest_power_of_two_below(leaves.len() as u64) as usize;
            let (l, r) = leaves.split_at(k);
            node_hash(&root_from_leaf_hashes(l), &root_from_leaf_hashes(r))
        }
    }
}

/// The largest power of two strictly less than `n` (n >= 2): RFC 6962's split point `k`.
fn largest_power_of_two_below(n: u64) -> u64 {
    1 << (63 - (n - 1).leading_zeros())
}

/// Right-fold of subtree roots listed left to right: how RFC 6962 combines the perfect
/// subtrees of a tree whose size is not a power of two.
fn fold_peaks<'a>(peaks: impl DoubleEndedIterator<Item = &'a Hash>) -> Hash {
    let mut it = peaks.rev();
    match it.next() {
        None => empty_root(),
        Some(last) => it.fold(*last, |acc, p| node_hash(p, &acc)),
    }
}

/// A store of perfect subtree hashes.
pub trait SubtreeSource {
    /// The hash of the 2^level leaves starting at leaf `index << level`. Only asked for
    /// subtrees that are complete within the tree size in question.
    fn perfect_subtree(&self, level: u32, index: u64) -> Result<Hash, ProofError>;
}

/// MTH of the leaves `[start, end)`, assembled from at most 64 perfect subtrees.
///
/// The range must be a subtree in RFC 6962's recursion: `start` is 0 or a multiple of the
/// smallest power of two >= `end - start` (every range proofs use is). An empty range is
/// only valid as `[0, 0)`, the empty tree.
pub fn range_hash<S: SubtreeSource + ?Sized>(
    src: &S,
    start: u64,
    end: u64,
) -> Result<Hash, ProofError> {
    let invalid = ProofError::InvalidRange { start, end };
    let n = end.checked_sub(start).ok_or(invalid.clone())?;
    if n == 0 {
        return if start == 0 {
            Ok(empty_root())
        } else {
            Err(invalid)
        };
    }
    // An unaligned range would not be made of perfect subtrees of the tree, and splitting it
    // further would cost O(n) lookups.
    let aligned = start == 0
        || n.checked_next_power_of_two()
            .is_some_and(|p| start % p == 0);
    if !aligned {
        return Err(invalid);
    }
    // MTH splits off the largest power of two first, so the range is its set bits, from the
    // highest, left to right.
    let mut peaks = Vec::with_capacity(n.count_ones() as usize);
    let mut pos = start;
    for level in (0..64u32).rev().filter(|l| n >> l & 1 == 1) {
        peaks.push(src.perfect_subtree(level, pos >> level)?);
        pos += 1 << level;
    }
    Ok(fold_peaks(peaks.iter()))
}

/// The root of the tree of the first `size` leaves.
pub fn root_at<S: SubtreeSource + ?Sized>(src: &S, size: u64) -> Result<Hash, ProofError> {
    range_hash(src, 0, size)
}

/// RFC 9162 §2.1.3.1 inclusion proof of leaf `index` in the tree of size `size`.
pub fn inclusion_proof<S: SubtreeSource + ?Sized>(
    src: &S,
    index: u64,
    size: u64,
) -> Result<Vec<Hash>, ProofError> {
    if index >= size {
        return Err(ProofError::IndexOutOfRange { index, size });
    }
    let mut proof = Vec::new();
    path(src, index, 0, size, &mut proof)?;
    Ok(proof)
}

/// PATH(m, D[start:end]), appended bottom-up (RFC 6962 §2.1.1).
fn path<S: SubtreeSource + ?Sized>(
    src: &S,
    m: u64,
    start: u64,
    end: u64,
    out: &mut Vec<Hash>,
) -> Result<(), ProofError> {
    if end - start <= 1 {
        return Ok(());
    }
    let mid = start + largest_power_of_two_below(end - start);
    if m < mid {
        path(src, m, start, mid, out)?;
        out.push(range_hash(src, mid, end)?);
    } else {
        path(src, m, mid, end, out)?;
        out.push(range_hash(src, start, mid)?);
    }
    Ok(())
}

/// RFC 9162 §2.1.4.1 consistency proof between tree sizes `from` and `to`
/// (0 < from <= to; from == to gives the empty proof).
pub fn consistency_proof<S: SubtreeSource + ?Sized>(
    src: &S,
    from: u64,
    to: u64,
) -> Result<Vec<Hash>, ProofError> {
    if from == 0 || from > to {
        return Err(ProofError::InvalidSizes { from, to });
    }
    let mut proof = Vec::new();
    subproof(src, from, 0, to, true, &mut proof)?;
    Ok(proof)
}

/// SUBPROOF(m, D[start:end], b), appended bottom-up (RFC 6962 §2.1.2); `m` is absolute.
fn subproof<S: SubtreeSource + ?Sized>(
    src: &S,
    m: u64,
    start: u64,
    end: u64,
    whole_old_tree: bool,
    out: &mut Vec<Hash>,
) -> Result<(), ProofError> {
    if m == end {
        // The old tree's own root is known to the verifier; a subtree of it is not.
        if !whole_old_tree {
            out.push(range_hash(src, start, end)?);
        }
        return Ok(());
    }
    let mid = start + largest_power_of_two_below(end - start);
    if m <= mid {
        subproof(src, m, start, mid, whole_old_tree, out)?;
        out.push(range_hash(src, mid, end)?);
    } else {
        subproof(src, m, mid, end, false, out)?;
        out.push(range_hash(src, start, mid)?);
    }
    Ok(())
}

/// Number of bits needed to write `x` (0 for 0).
fn bit_len(x: u64) -> u32 {
    64 - x.leading_zeros()
}

/// Length of the inclusion proof of `index` in a tree of `size` leaves (index < size):
/// the levels where the paths to `index` and to the last leaf differ, plus one hash for
/// each left sibling above that.
fn inclusion_proof_len(index: u64, size: u64) -> usize {
    let inner = bit_len(index ^ (size - 1));
    // `inner` is 64 when the top bit differs: a plain shift would overflow (found by fuzzing).
    let border = index.checked_shr(inner).unwrap_or(0).count_ones();
    (inner + border) as usize
}

fn check_len(proof: &[Hash], expected: usize) -> Result<(), ProofError> {
    if proof.len() == expected {
        Ok(())
    } else {
        Err(ProofError::WrongProofLength {
            got: proof.len(),
            expected,
        })
    }
}

fn check_root(which: &'static str, computed: Hash, expected: &Hash) -> Result<(), ProofError> {
    if computed == *expected {
        Ok(())
    } else {
        Err(ProofError::RootMismatch {
            which,
            computed,
            expected: *expected,
        })
    }
}

/// The path walk shared by the two verifications of RFC 9162 (§2.1.3.2 and §2.1.4.2): from
/// node `fnode` of a tree whose last node is `snode`, calls `step(hash, left)` for each proof
/// hash, `left` when the hash is the left sibling. Fails if the path does not end at the root;
/// `got` and `expected` are the proof lengths for the error.
fn walk_path(
    mut fnode: u64,
    mut snode: u64,
    path: &[Hash],
    got: usize,
    expected: usize,
    mut step: impl FnMut(&Hash, bool),
) -> Result<(), ProofError> {
    for p in path {
        if snode == 0 {
            // Unreachable after the length check; kept so the loop is RFC 9162 verbatim.
            return Err(ProofError::WrongProofLength { got, expected });
        }
        if fnode & 1 == 1 || fnode == snode {
            step(p, true);
            if fnode & 1 == 0 {
                while fnode & 1 == 0 && fnode != 0 {
                    fnode >>= 1;
                    snode >>= 1;
                }
            }
        } else {
            step(p, false);
        }
        fnode >>= 1;
        snode >>= 1;
    }
    if snode != 0 {
        return Err(ProofError::WrongProofLength { got, expected });
    }
    Ok(())
}

/// RFC 9162 §2.1.3.2: verifies that `leaf` is leaf `index` of the tree of `size` with `root`.
pub fn verify_inclusion(
    index: u64,
    size: u64,
    leaf: &Hash,
    proof: &[Hash],
    root: &Hash,
) -> Result<(), ProofError> {
    if index >= size {
        return Err(ProofError::IndexOutOfRange { index, size });
    }
    let expected = inclusion_proof_len(index, size);
    check_len(proof, expected)?;
    let mut r = *leaf;
    walk_path(index, size - 1, proof, proof.len(), expected, |p, left| {
        r = if left {
            node_hash(p, &r)
        } else {
            node_hash(&r, p)
        };
    })?;
    check_root("tree", r, root)
}

/// RFC 9162 §2.1.4.2: verifies that the tree of size `from` with `root_from` is a prefix of
/// the tree of size `to` with `root_to`. `from == to` needs an empty proof and equal roots;
/// `from == 0` and `from > to` are errors (the contract has no such proofs).
pub fn verify_consistency(
    from: u64,
    to: u64,
    proof: &[Hash],
    root_from: &Hash,
    root_to: &Hash,
) -> Result<(), ProofError> {
    if from == 0 || from > to {
        return Err(ProofError::InvalidSizes { from, to });
    }
    if from == to {
        check_len(proof, 0)?;
        return check_root("new", *root_from, root_to);
    }

    // Expected length: the inclusion path of the old tree's last leaf in the new tree, minus
    // the levels inside the old tree's rightmost perfect subtree, plus that subtree's own
    // hash unless it is the whole old tree (then the verifier knows it as `root_from`).
    let shift = from.trailing_zeros();
    let inner = bit_len((from - 1) ^ (to - 1)) - shift;
    let border = (from - 1)
        .checked_shr(bit_len((from - 1) ^ (to - 1)))
        .unwrap_or(0)
        .count_ones();
    let from_is_perfect = from.is_power_of_two();
    let expected = usize::from(!from_is_perfect) + (inner + border) as usize;
    check_len(proof, expected)?;

    // Step 2: if the old tree is perfect, its root is the first node of the path.
    let (first, rest) = if from_is_perfect {
        (root_from, proof)
    } else {
        match proof.split_first() {
            Some(split) => split,
            None => {
                return Err(ProofError::WrongProofLength { got: 0, expected });
            }
        }
    };
    let (mut fnode, mut snode) = (from - 1, to - 1);
    while fnode & 1 == 1 {
        fnode >>= 1;
        snode >>= 1;
    }
    let (mut fr, mut sr) = (*first, *first);
    walk_path(fnode, snode, rest, proof.len(), expected, |c, left| {
        if left {
            fr = node_hash(c, &fr);
            sr = node_hash(c, &sr);
        } else {
            sr = node_hash(&sr, c);
        }
    })?;
    check_root("old", fr, root_from)?;
    check_root("new", sr, root_to)
}

/// A tree that keeps every perfect subtree hash: `levels[l][i]` is the hash of the 2^l
/// leaves starting at `i << l`.
#[derive(Clone, Debug, Default)]
pub struct MemoryTree {
    levels: Vec<Vec<Hash>>,
}

impl MemoryTree {
    pub fn new() -> Self {
        Self::default()
    }

    /// Appends a leaf hash and every perfect subtree it completes.
    pub fn push(&mut self, leaf: Hash) {
        let mut level = 0;
        let mut hash = leaf;
        loop {
            if self.levels.len() == level {
                self.levels.push(Vec::new());
            }
            let row = &mut self.levels[level];
            row.push(hash);
            // An even count means the new node closed a pair.
            match row.as_slice() {
                [.., l, r] if row.len() % 2 == 0 => hash = node_hash(l, r),
                _ => return,
            }
            level += 1;
        }
    }

    pub fn size(&self) -> u64 {
        self.levels.first().map_or(0, |l| l.len() as u64)
    }

    pub fn root(&self) -> Hash {
        // A level holds size >> l nodes; it has a peak exactly when that count is odd, and
        // the peak is its last node. Peaks go left to right from the highest level.
        fold_peaks(
            self.levels
                .iter()
                .rev()
                .filter(|row| row.len() % 2 == 1)
                .filter_map(|row| row.last()),
        )
    }
}

impl SubtreeSource for MemoryTree {
    fn perfect_subtree(&self, level: u32, index: u64) -> Result<Hash, ProofError> {
        usize::try_from(index)
            .ok()
            .and_then(|i| self.levels.get(level as usize)?.get(i))
            .copied()
            .ok_or(ProofError::MissingSubtree { level, index })
    }
}

/// The right frontier (compact range `[0, size)`) of an append-only tree: one perfect
/// subtree per set bit of `size`, highest first.
#[derive(Clone, Debug, Default)]
pub struct Frontier {
    size: u64,
    peaks: Vec<Hash>,
}

impl Frontier {
    pub fn new() -> Self {
        Self::default()
    }

    /// Rebuilds a frontier from its size and peaks (highest level first).
    pub fn from_parts(size: u64, peaks: Vec<Hash>) -> Result<Self, ProofError> {
        let expected = size.count_ones() as usize;
        if peaks.len() != expected {
            return Err(ProofError::InvalidFrontier {
                size,
                expected,
                got: peaks.len(),
            });
        }
        Ok(Frontier { size, peaks })
    }

    pub fn size(&self) -> u64 {
        self.size
    }

    pub fn peaks(&self) -> &[Hash] {
        &self.peaks
    }

    /// The frontier of the first `size` leaves, read from stored perfect subtrees (one per set
    /// bit of `size`, largest first), without touching the leaves.
    pub fn from_source<S: SubtreeSource + ?Sized>(src: &S, size: u64) -> Result<Self, ProofError> {
        let mut peaks = Vec::new();
        let mut start = 0u64;
        for level in (0..64u32).rev() {
            if size & (1u64 << level) != 0 {
                peaks.push(src.perfect_subtree(level, start >> level)?);
                start += 1u64 << level;
            }
        }
        Self::from_parts(size, peaks)
    }

    /// Appends a leaf hash; returns the perfect subtrees this creates as
    /// `(level, index, hash)`, the leaf itself first (level 0, index = old size), so a store
    /// can persist them.
    pub fn push(&mut self, leaf: Hash) -> Vec<(u32, u64, Hash)> {
        let mut level = 0u32;
        let mut index = self.size;
        let mut hash = leaf;
        let mut created = vec![(level, index, hash)];
        // Each trailing one bit of the old size is a peak that the new node completes.
        while index & 1 == 1 {
            let Some(left) = self.peaks.pop() else { break };
            hash = node_hash(&left, &hash);
            level += 1;
            index >>= 1;
            created.push((level, index, hash));
        }
        self.peaks.push(hash);
        self.size += 1;
        created
    }

    pub fn root(&self) -> Hash {
        fold_peaks(self.peaks.iter())
    }
}
