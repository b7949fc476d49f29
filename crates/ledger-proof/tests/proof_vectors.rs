//! Every JSON file of `rfc6962-proofs/` (transparency-dev/merkle testdata): happy paths
//! verify, every `wantErr: true` case is rejected, and a malformed hash is a rejection, never
//! a panic.

mod common;

use std::path::{Path, PathBuf};

use ledger_proof::{b64_decode, verify_consistency, verify_inclusion, Hash, ProofError};
use serde_json::Value;

/// The only `wantErr: false` file we reject, and why: its roots are 12-byte strings
/// ("don't care 2"), which cannot be SHA-256 roots. transparency-dev/merkle compares roots as
/// byte strings and so accepts it; here roots are typed 32-byte hashes, so decoding already
/// refuses it. The same case with real 32-byte roots is checked below.
const MALFORMED_BUT_NOT_WANT_ERR: &[&str] =
    &["consistency/additional/sizes-are-equal-one-and-proof-is-empty.json"];

fn json_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let entries =
        std::fs::read_dir(dir).unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display()));
    for entry in entries {
        let path = entry.expect("directory entry").path();
        if path.is_dir() {
            json_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "json") {
            out.push(path);
        }
    }
}

/// Why a case could not even be decoded; that is a rejection too.
#[derive(Debug)]
enum Malformed {
    Field(&'static str),
    Hash(String),
}

impl std::fmt::Display for Malformed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Malformed::Field(what) => write!(f, "malformed field: {what}"),
            Malformed::Hash(what) => write!(f, "malformed hash: {what}"),
        }
    }
}

fn hash(v: &Value) -> Result<Hash, Malformed> {
    let s = v.as_str().ok_or(Malformed::Field("hash is not a string"))?;
    let bytes = b64_decode(s).map_err(|e| Malformed::Hash(format!("{s:?}: {e}")))?;
    Hash::try_from(bytes.as_slice())
        .map_err(|_| Malformed::Hash(format!("{s:?} is {} bytes", bytes.len())))
}

fn proof(v: &Value) -> Result<Vec<Hash>, Malformed> {
    match v {
        Value::Null => Ok(Vec::new()),
        Value::Array(items) => items.iter().map(hash).collect(),
        _ => Err(Malformed::Field("proof is neither null nor an array")),
    }
}

fn u64_field(v: &Value, name: &'static str) -> Result<u64, Malformed> {
    v[name].as_u64().ok_or(Malformed::Field(name))
}

/// Decodes and verifies one case: Ok(Ok) accepted, Ok(Err) rejected by verification,
/// Err rejected while decoding.
fn run(kind: &str, v: &Value) -> Result<Result<(), ProofError>, Malformed> {
    Ok(match kind {
        "inclusion" => verify_inclusion(
            u64_field(v, "leafIdx")?,
            u64_field(v, "treeSize")?,
            &hash(&v["leafHash"])?,
            &proof(&v["proof"])?,
            &hash(&v["root"])?,
        ),
        "consistency" => verify_consistency(
            u64_field(v, "size1")?,
            u64_field(v, "size2")?,
            &proof(&v["proof"])?,
            &hash(&v["root1"])?,
            &hash(&v["root2"])?,
        ),
        other => panic!("unknown proof kind {other}"),
    })
}

#[test]
fn every_proof_vector() {
    let base = common::vectors_dir().join("rfc6962-proofs");
    let mut found = 0usize;
    let mut checked = 0usize;
    let mut happy = 0usize;
    let mut want_err = 0usize;
    let mut malformed_not_want_err = Vec::new();
    for kind in ["inclusion", "consistency"] {
        let mut files = Vec::new();
        json_files(&base.join(kind), &mut files);
        assert!(!files.is_empty(), "no {kind} vectors found");
        files.sort();
        found += files.len();
        for path in files {
            let rel = path
                .strip_prefix(&base)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            let text = std::fs::read_to_string(&path).unwrap();
            let v: Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{rel}: {e}"));
            let expect_err = v["wantErr"]
                .as_bool()
                .unwrap_or_else(|| panic!("{rel}: wantErr missing"));
            let outcome = run(kind, &v);
            if expect_err {
                want_err += 1;
                assert!(
                    !matches!(outcome, Ok(Ok(()))),
                    "{rel}: wantErr case accepted ({})",
                    v["desc"]
                );
            } else {
                if rel.ends_with("/happy-path.json") {
                    happy += 1;
                }
                match outcome {
                    Ok(Ok(())) => {}
                    Err(Malformed::Hash(why))
                        if MALFORMED_BUT_NOT_WANT_ERR.contains(&rel.as_str()) =>
                    {
                        malformed_not_want_err.push((rel.clone(), why));
                    }
                    Ok(Err(e)) => panic!("{rel}: valid case rejected: {e}"),
                    Err(e) => panic!("{rel}: valid case not decodable: {e}"),
                }
            }
            checked += 1;
        }
    }
    assert!(found > 0);
    assert_eq!(checked, found);
    assert_eq!(happy, 10, "expected the 10 happy-path files");
    assert!(want_err > 0);
    assert_eq!(
        malformed_not_want_err.len(),
        MALFORMED_BUT_NOT_WANT_ERR.len(),
        "{malformed_not_want_err:?}"
    );
    eprintln!("checked {checked} proof vectors ({happy} happy paths, {want_err} wantErr)");
}

#[test]
fn equal_sizes_with_equal_real_roots_and_empty_proof_verify() {
    // The 32-byte version of the one vector whose roots are not hashes.
    let root = [0x5a; 32];
    verify_consistency(1, 1, &[], &root, &root).unwrap();
    verify_consistency(1, 1, &[], &root, &[0x5b; 32]).unwrap_err();
    verify_consistency(1, 1, &[root], &root, &root).unwrap_err();
}
