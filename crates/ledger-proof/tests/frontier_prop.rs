//! Property tests: the O(log n) frontier and the all-nodes tree are the same tree, and the
//! nodes the frontier reports are exactly the perfect subtrees each append creates.

use ledger_proof::{root_from_leaf_hashes, Frontier, Hash, MemoryTree, ProofError, SubtreeSource};
use proptest::prelude::*;

proptest! {
    #[test]
    fn frontier_matches_memory_tree(leaves in prop::collection::vec(any::<[u8; 32]>(), 0..300)) {
        let mut tree = MemoryTree::new();
        let mut frontier = Frontier::new();
        prop_assert_eq!(frontier.root(), tree.root());
        for (i, leaf) in leaves.iter().enumerate() {
            let old_size = frontier.size();
            prop_assert_eq!(old_size, i as u64);
            let created = frontier.push(*leaf);
            tree.push(*leaf);

            // One node per trailing one bit of the old size, plus the leaf itself: exactly
            // (level, old_size >> level) for level 0..=trailing_ones.
            let expected: Vec<(u32, u64)> =
                (0..=old_size.trailing_ones()).map(|l| (l, old_size >> l)).collect();
            let got: Vec<(u32, u64)> = created.iter().map(|&(l, idx, _)| (l, idx)).collect();
            prop_assert_eq!(got, expected);
            prop_assert_eq!(created[0].2, *leaf);
            for &(level, index, hash) in &created {
                prop_assert_eq!(tree.perfect_subtree(level, index)?, hash);
            }

            prop_assert_eq!(frontier.size(), tree.size());
            prop_assert_eq!(frontier.peaks().len(), frontier.size().count_ones() as usize);
            prop_assert_eq!(frontier.root(), tree.root());
        }
        prop_assert_eq!(tree.root(), root_from_leaf_hashes(&leaves));

        // A frontier rebuilt from its parts continues identically.
        let mut rebuilt = Frontier::from_parts(frontier.size(), frontier.peaks().to_vec())?;
        prop_assert_eq!(rebuilt.root(), frontier.root());
        let extra: Hash = [0x42; 32];
        prop_assert_eq!(rebuilt.push(extra), frontier.push(extra));
        prop_assert_eq!(rebuilt.root(), frontier.root());
    }
}

#[test]
fn from_parts_checks_the_peak_count() {
    assert_eq!(
        Frontier::from_parts(5, vec![[0; 32]]).unwrap_err(),
        ProofError::InvalidFrontier {
            size: 5,
            expected: 2,
            got: 1
        }
    );
    assert!(Frontier::from_parts(0, Vec::new()).is_ok());
    assert!(Frontier::from_parts(0, vec![[0; 32]]).is_err());
}
