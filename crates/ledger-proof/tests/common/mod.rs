//! Shared helpers of the integration tests: where the shared test vectors live.

#![allow(dead_code)]

use std::path::{Path, PathBuf};

/// `/work/shared/vectors`, found relative to this crate; fails loudly if it is missing, so a
/// moved checkout cannot turn vector tests into silent no-ops.
pub fn vectors_dir() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/vectors");
    assert!(
        dir.is_dir(),
        "test vectors directory {} is missing",
        dir.display()
    );
    dir
}

pub fn read_vector(name: &str) -> String {
    let path = vectors_dir().join(name);
    std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read vector file {}: {e}", path.display()))
}
