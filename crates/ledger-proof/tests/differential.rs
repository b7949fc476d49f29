//! Differential test: proofs built from perfect subtrees equal a naive transcription of
//! RFC 6962's PATH and SUBPROOF for every 1 <= m <= n <= 64, verify, and stop verifying
//! once mutated.

use ledger_proof::{
    consistency_proof, inclusion_proof, leaf_hash, range_hash, root_at, verify_consistency,
    verify_inclusion, Hash, MemoryTree, ProofError,
};
use sha2::{Digest, Sha256};

const MAX: usize = 64;

fn node(l: &Hash, r: &Hash) -> Hash {
    let mut h = Sha256::new();
    h.update([1u8]);
    h.update(l);
    h.update(r);
    h.finalize().into()
}

fn split(n: usize) -> usize {
    let mut k = 1;
    while k * 2 < n {
        k *= 2;
    }
    k
}

fn mth(d: &[Hash]) -> Hash {
    match d.len() {
        0 => Sha256::digest([]).into(),
        1 => d[0],
        n => {
            let k = split(n);
            node(&mth(&d[..k]), &mth(&d[k..]))
        }
    }
}

fn ref_path(m: usize, d: &[Hash]) -> Vec<Hash> {
    if d.len() <= 1 {
        return Vec::new();
    }
    let k = split(d.len());
    let mut p;
    if m < k {
        p = ref_path(m, &d[..k]);
        p.push(mth(&d[k..]));
    } else {
        p = ref_path(m - k, &d[k..]);
        p.push(mth(&d[..k]));
    }
    p
}

fn ref_subproof(m: usize, d: &[Hash], b: bool) -> Vec<Hash> {
    let n = d.len();
    if m == n {
        return if b { Vec::new() } else { vec![mth(d)] };
    }
    let k = split(n);
    let mut p;
    if m <= k {
        p = ref_subproof(m, &d[..k], b);
        p.push(mth(&d[k..]));
    } else {
        p = ref_subproof(m - k, &d[k..], false);
        p.push(mth(&d[..k]));
    }
    p
}

/// MAX + 1 leaves, so that "one leaf more" is always a real tree with a real root.
fn setup() -> (Vec<Hash>, MemoryTree, Vec<Hash>) {
    let leaves: Vec<Hash> = (0..=MAX as u32)
        .map(|i| leaf_hash(&i.to_be_bytes()))
        .collect();
    let mut tree = MemoryTree::new();
    for l in &leaves {
        tree.push(*l);
    }
    let roots = (0..=MAX + 1).map(|n| mth(&leaves[..n])).collect();
    (leaves, tree, roots)
}

fn flip(proof: &[Hash], i: usize, bit: usize) -> Vec<Hash> {
    let mut p = proof.to_vec();
    p[i][bit / 8] ^= 1 << (bit % 8);
    p
}

#[test]
fn roots_agree() {
    let (_, tree, roots) = setup();
    for (n, root) in roots.iter().enumerate() {
        assert_eq!(root_at(&tree, n as u64).unwrap(), *root, "size {n}");
    }
}

#[test]
fn inclusion_proofs_agree_and_verify() {
    let (leaves, tree, roots) = setup();
    let mut count = 0;
    for n in 1..=MAX {
        let (size, root) = (n as u64, &roots[n]);
        for m in 0..n {
            let idx = m as u64;
            let proof = inclusion_proof(&tree, idx, size).unwrap();
            assert_eq!(proof, ref_path(m, &leaves[..n]), "PATH({m}, {n})");
            verify_inclusion(idx, size, &leaves[m], &proof, root).unwrap();
            count += 1;

            for i in 0..proof.len() {
                for bit in [0, 137, 255] {
                    let bad = flip(&proof, i, bit);
                    assert!(verify_inclusion(idx, size, &leaves[m], &bad, root).is_err());
                }
            }
            if !proof.is_empty() {
                let short = &proof[..proof.len() - 1];
                assert!(verify_inclusion(idx, size, &leaves[m], short, root).is_err());
                let no_first = &proof[1..];
                assert!(verify_inclusion(idx, size, &leaves[m], no_first, root).is_err());
            }
            let mut long = proof.clone();
            long.push(leaves[0]);
            assert!(verify_inclusion(idx, size, &leaves[m], &long, root).is_err());
            // The proof does not prove inclusion in the tree one leaf larger or smaller.
            assert!(verify_inclusion(idx, size + 1, &leaves[m], &proof, &roots[n + 1]).is_err());
            if m < n - 1 {
                assert!(
                    verify_inclusion(idx, size - 1, &leaves[m], &proof, &roots[n - 1]).is_err()
                );
            }
            // Wrong leaf, wrong index.
            assert!(verify_inclusion(idx, size, &leaves[n], &proof, root).is_err());
            if n > 1 {
                let other = (m + 1) % n;
                assert!(
                    verify_inclusion(other as u64, size, &leaves[m], &proof, root).is_err(),
                    "index {other} accepted for leaf {m} of {n}"
                );
            }
        }
        assert_eq!(
            inclusion_proof(&tree, size, size),
            Err(ProofError::IndexOutOfRange { index: size, size })
        );
    }
    assert_eq!(count, MAX * (MAX + 1) / 2);
}

#[test]
fn consistency_proofs_agree_and_verify() {
    let (leaves, tree, roots) = setup();
    let mut count = 0;
    for n in 1..=MAX {
        for m in 1..=n {
            let (from, to) = (m as u64, n as u64);
            let proof = consistency_proof(&tree, from, to).unwrap();
            assert_eq!(
                proof,
                ref_subproof(m, &leaves[..n], true),
                "SUBPROOF({m}, {n})"
            );
            verify_consistency(from, to, &proof, &roots[m], &roots[n]).unwrap();
            count += 1;

            for i in 0..proof.len() {
                for bit in [0, 100, 255] {
                    let bad = flip(&proof, i, bit);
                    assert!(verify_consistency(from, to, &bad, &roots[m], &roots[n]).is_err());
                }
            }
            if !proof.is_empty() {
                let short = &proof[..proof.len() - 1];
                assert!(verify_consistency(from, to, short, &roots[m], &roots[n]).is_err());
            }
            let mut long = proof.clone();
            long.push(leaves[0]);
            assert!(verify_consistency(from, to, &long, &roots[m], &roots[n]).is_err());
            // Wrong sizes, each with the true root of the size claimed.
            assert!(
                verify_consistency(from, to + 1, &proof, &roots[m], &roots[n + 1]).is_err(),
                "({m}, {n}) proof accepted for ({m}, {})",
                n + 1
            );
            if m < n {
                assert!(
                    verify_consistency(from + 1, to, &proof, &roots[m + 1], &roots[n]).is_err()
                );
            }
            if m > 1 {
                assert!(
                    verify_consistency(from - 1, to, &proof, &roots[m - 1], &roots[n]).is_err()
                );
            }
            // Swapped or wrong roots.
            if m < n {
                assert!(verify_consistency(from, to, &proof, &roots[n], &roots[m]).is_err());
            }
            assert!(verify_consistency(from, to, &proof, &roots[m], &roots[n + 1]).is_err());
        }
    }
    assert_eq!(count, MAX * (MAX + 1) / 2);
}

#[test]
fn invalid_requests_are_errors() {
    let (_, tree, roots) = setup();
    assert_eq!(
        consistency_proof(&tree, 0, 5),
        Err(ProofError::InvalidSizes { from: 0, to: 5 })
    );
    assert_eq!(
        consistency_proof(&tree, 6, 5),
        Err(ProofError::InvalidSizes { from: 6, to: 5 })
    );
    assert!(verify_consistency(0, 0, &[], &roots[0], &roots[0]).is_err());
    assert!(verify_consistency(0, 3, &[], &roots[0], &roots[3]).is_err());
    assert!(verify_consistency(4, 3, &[], &roots[4], &roots[3]).is_err());
    assert!(verify_inclusion(0, 0, &roots[0], &[], &roots[0]).is_err());
    // Asking beyond what the tree holds is an error, not a panic.
    assert!(matches!(
        inclusion_proof(&tree, 3, 1000),
        Err(ProofError::MissingSubtree { .. })
    ));
    // Ranges that are not subtrees of the tree are refused rather than split leaf by leaf.
    assert!(range_hash(&tree, 1, 3).is_err());
    assert!(range_hash(&tree, 4, 3).is_err());
    assert!(range_hash(&tree, 5, 5).is_err());
    assert_eq!(range_hash(&tree, 8, 13).unwrap(), mth(&setup().0[8..13]));
}
