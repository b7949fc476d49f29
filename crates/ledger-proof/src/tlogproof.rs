//! C2SP tlog-proof (contract §11): one entry's detached, offline-checkable proof of inclusion.
//!
//! ```text
//! c2sp.org/tlog-proof@v1
//! extra <base64 of the entry line>
//! index <i>
//! <base64 hash>            (the RFC 6962 inclusion proof, leaf's sibling first)
//! …
//!                          (an empty line)
//! <the checkpoint, verbatim, with its cosignatures>
//! ```
//!
//! The parser is strict (the header line exactly, `index` in canonical decimal, each hash 32
//! bytes of canonical base64, the checkpoint a well-formed signed note) so that two readers
//! never disagree about what a file says. The `extra` data is not trusted by itself: the ledger
//! puts the entry line there, and the proof holds only if that line is the leaf at `index` of
//! the tree the checkpoint signs.

use crate::encoding::b64_decode_strict;
use crate::keys::VerifierKey;
use crate::merkle::{leaf_hash, verify_inclusion};
use crate::note::{Checkpoint, SignedNote};
use crate::policy::Policy;
use crate::{b64_encode, Entry, Hash};
use std::collections::BTreeMap;

/// The first line of every tlog-proof.
pub const HEADER: &str = "c2sp.org/tlog-proof@v1";

/// A parsed tlog-proof.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TlogProof {
    /// The opaque extra data (for the ledger: the entry line).
    pub extra: Option<Vec<u8>>,
    pub index: u64,
    /// The inclusion proof, from the leaf's sibling up to the root's child.
    pub hashes: Vec<Hash>,
    /// The checkpoint note, verbatim (body, empty line, signature lines).
    pub checkpoint: String,
}

impl TlogProof {
    /// The proof's text, exactly as the spec lays it out.
    pub fn render(&self) -> String {
        let mut out = String::with_capacity(64 + self.hashes.len() * 45 + self.checkpoint.len());
        out.push_str(HEADER);
        out.push('\n');
        if let Some(extra) = &self.extra {
            out.push_str("extra ");
            out.push_str(&b64_encode(extra));
            out.push('\n');
        }
        out.push_str(&format!("index {}\n", self.index));
        for h in &self.hashes {
            out.push_str(&b64_encode(h));
            out.push('\n');
        }
        out.push('\n');
        out.push_str(&self.checkpoint);
        out
    }

    /// Parses a proof. Every error names the line (1-based) that is wrong.
    pub fn parse(text: &str) -> Result<TlogProof, String> {
        let mut lines = Lines { rest: text, n: 0 };
        let Some((_, first)) = lines.next() else {
            return Err("not a tlog-proof: no complete first line".into());
        };
        if first != HEADER {
            return Err(format!(
                "line 1: not a tlog-proof: the first line must be {HEADER:?}, found {:?}",
                truncate(first)
            ));
        }
        let (mut ln, mut line) = lines
            .next()
            .ok_or("line 2: the proof ends before its index line")?;
        let mut extra = None;
        if let Some(b64) = line.strip_prefix("extra ") {
            let bytes = b64_decode_strict(b64)
                .map_err(|e| format!("line {ln}: extra data is not canonical base64: {e}"))?;
            extra = Some(bytes);
            (ln, line) = lines
                .next()
                .ok_or_else(|| format!("line {}: the proof ends before its index line", ln + 1))?;
        }
        let digits = line.strip_prefix("index ").ok_or_else(|| {
            format!(
                "line {ln}: expected \"index <i>\", found {:?}",
                truncate(line)
            )
        })?;
        let index = parse_canonical_u64(digits).ok_or_else(|| {
            format!(
                "line {ln}: the index must be a decimal with no leading zeroes, found {digits:?}"
            )
        })?;
        let mut hashes = Vec::new();
        loop {
            let (ln, line) = lines.next().ok_or_else(|| {
                "the proof ends before the empty line and the checkpoint".to_owned()
            })?;
            if line.is_empty() {
                break;
            }
            let bytes = b64_decode_strict(line)
                .map_err(|e| format!("line {ln}: a proof hash is not canonical base64: {e}"))?;
            let hash: Hash = bytes.as_slice().try_into().map_err(|_| {
                format!(
                    "line {ln}: a proof hash must be 32 bytes, this is {}",
                    bytes.len()
                )
            })?;
            hashes.push(hash);
        }
        let checkpoint = lines.rest.to_owned();
        SignedNote::parse(&checkpoint)
            .map_err(|e| format!("the checkpoint after line {}: {e}", lines.n))?;
        Ok(TlogProof {
            extra,
            index,
            hashes,
            checkpoint,
        })
    }
}

/// The lines of a text, each ended by `\n`, counted from 1.
struct Lines<'a> {
    rest: &'a str,
    n: usize,
}

impl<'a> Lines<'a> {
    fn next(&mut self) -> Option<(usize, &'a str)> {
        let (line, after) = self.rest.split_once('\n')?;
        self.rest = after;
        self.n += 1;
        Some((self.n, line))
    }
}

fn truncate(s: &str) -> String {
    s.chars().take(60).collect()
}

fn parse_canonical_u64(s: &str) -> Option<u64> {
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) || (s.len() > 1 && s.starts_with('0'))
    {
        return None;
    }
    s.parse().ok()
}

/// What a checkpoint is trusted under: the log's own key, or a tlog-policy (its log keys and
/// the quorum of witness cosignatures).
#[derive(Clone, Debug)]
pub enum Trust {
    Log(VerifierKey),
    Policy(Policy),
}

impl Trust {
    /// A vkey or a tlog-policy, told apart by their form: a vkey is one line `name+hash+key`.
    pub fn parse(text: &str) -> Result<Trust, String> {
        let t = text.trim();
        if !t.contains('\n') && !t.contains(' ') {
            return VerifierKey::parse(t)
                .map(Trust::Log)
                .map_err(|e| format!("not a vkey: {e}"));
        }
        Policy::parse(text).map(Trust::Policy)
    }

    /// Verifies a checkpoint note: the log's signature (and, under a policy, the quorum).
    pub fn verify_checkpoint(&self, note: &str) -> Result<TrustedCheckpoint, String> {
        match self {
            Trust::Log(key) => {
                let checkpoint =
                    Checkpoint::parse_verified(note, key).map_err(|e| e.to_string())?;
                Ok(TrustedCheckpoint {
                    checkpoint,
                    log: key.clone(),
                    cosigned: BTreeMap::new(),
                })
            }
            Trust::Policy(p) => {
                let w = p.verify(note)?;
                Ok(TrustedCheckpoint {
                    checkpoint: w.checkpoint,
                    log: w.log,
                    cosigned: w.cosigned,
                })
            }
        }
    }

    /// The log key for a checkpoint of this origin.
    pub fn log_key(&self, origin: &str) -> Result<VerifierKey, String> {
        match self {
            Trust::Log(k) => Ok(k.clone()),
            Trust::Policy(p) => p
                .logs
                .iter()
                .map(|(k, _)| k)
                .find(|k| k.name() == origin)
                .cloned()
                .ok_or_else(|| format!("the policy lists no log with origin {origin:?}")),
        }
    }
}

/// A checkpoint that verified: the log key that signed it and, under a policy, the witnesses
/// whose cosignatures verify, with their timestamps (seconds since the epoch).
#[derive(Clone, Debug)]
pub struct TrustedCheckpoint {
    pub checkpoint: Checkpoint,
    pub log: VerifierKey,
    pub cosigned: BTreeMap<String, u64>,
}

/// A ledger entry proven by a tlog-proof.
#[derive(Clone, Debug)]
pub struct ProvenEntry {
    pub index: u64,
    /// The entry line (the proof's extra data).
    pub line: String,
    pub entry: Entry,
    pub checkpoint: TrustedCheckpoint,
}

/// Which check of a ledger tlog-proof failed, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProofFailure {
    /// `format`, `checkpoint`, `extra`, `inclusion` or `entry`.
    pub check: &'static str,
    pub why: String,
}

impl std::fmt::Display for ProofFailure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.check, self.why)
    }
}

fn fail(check: &'static str, why: impl Into<String>) -> ProofFailure {
    ProofFailure {
        check,
        why: why.into(),
    }
}

/// Checks a ledger entry's tlog-proof (contract §11): the file's form, the checkpoint under
/// the trust anchor (signature, and quorum under a policy), that the extra data is a canonical
/// entry line whose own `index` is the proof's index, and that it is the leaf at that index of
/// the checkpoint's tree.
pub fn verify_entry_proof(text: &str, trust: &Trust) -> Result<ProvenEntry, ProofFailure> {
    let proof = TlogProof::parse(text).map_err(|e| fail("format", e))?;
    let checkpoint = trust
        .verify_checkpoint(&proof.checkpoint)
        .map_err(|e| fail("checkpoint", e))?;
    let extra = proof.extra.as_deref().ok_or_else(|| {
        fail(
            "extra",
            "the proof has no extra line, so it does not carry the entry it proves",
        )
    })?;
    let line = std::str::from_utf8(extra)
        .map_err(|_| fail("extra", "the extra data is not an entry line (not UTF-8)"))?;
    verify_inclusion(
        proof.index,
        checkpoint.checkpoint.size,
        &leaf_hash(extra),
        &proof.hashes,
        &checkpoint.checkpoint.root,
    )
    .map_err(|e| fail("inclusion", e.to_string()))?;
    let entry = Entry::parse(line).map_err(|e| fail("entry", e.to_string()))?;
    if entry.index != proof.index {
        return Err(fail(
            "entry",
            format!(
                "the line says it is entry {}, the proof places it at index {}",
                entry.index, proof.index
            ),
        ));
    }
    Ok(ProvenEntry {
        index: proof.index,
        line: line.to_owned(),
        entry,
        checkpoint,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::merkle::{inclusion_proof, MemoryTree};
    use crate::{SignerKey, GENESIS_PREV};

    fn fixture() -> (SignerKey, Vec<String>, MemoryTree) {
        let key = SignerKey::from_seed("example.org/log", [7; 32]).unwrap();
        let mut tree = MemoryTree::new();
        let mut lines = Vec::new();
        let mut prev = GENESIS_PREV;
        for i in 0..5u64 {
            let line = format!(
                "{{\"index\":{i},\"prev\":\"{}\",\"recorded_at\":\"2024-11-01T10:00:00.000Z\",\"envelope\":{{\"payloadType\":\"application/vnd.dledger.event+json\",\"payload\":\"e30=\",\"signatures\":[{{\"keyid\":\"a+00000000\",\"sig\":\"AA==\"}}]}}}}",
                hex::encode(prev)
            );
            prev = crate::chain_hash(line.as_bytes());
            tree.push(leaf_hash(line.as_bytes()));
            lines.push(line);
        }
        (key, lines, tree)
    }

    fn proof_of(i: u64) -> (SignerKey, String) {
        let (key, lines, tree) = fixture();
        let cp = Checkpoint {
            origin: "example.org/log".into(),
            size: tree.size(),
            root: tree.root(),
        };
        let p = TlogProof {
            extra: Some(lines[i as usize].clone().into_bytes()),
            index: i,
            hashes: inclusion_proof(&tree, i, tree.size()).unwrap(),
            checkpoint: cp.sign(&key).unwrap(),
        };
        (key, p.render())
    }

    #[test]
    fn render_parse_round_trip_and_verify() {
        let (key, text) = proof_of(3);
        assert!(text.starts_with("c2sp.org/tlog-proof@v1\nextra "));
        assert!(text.contains("\nindex 3\n"));
        let p = TlogProof::parse(&text).unwrap();
        assert_eq!(p.render(), text);
        let trust = Trust::Log(key.verifier());
        let v = verify_entry_proof(&text, &trust).unwrap();
        assert_eq!(v.index, 3);
        assert_eq!(v.checkpoint.checkpoint.size, 5);
    }

    #[test]
    fn every_alteration_is_named() {
        let (key, text) = proof_of(2);
        let trust = Trust::Log(key.verifier());
        let check = |t: &str| verify_entry_proof(t, &trust).unwrap_err().check;
        assert_eq!(check(&text.replacen("index 2", "index 1", 1)), "inclusion");
        assert_eq!(check(&text.replacen("index 2", "index 02", 1)), "format");
        assert_eq!(
            check(&text.replacen("tlog-proof@v1", "tlog-proof@v2", 1)),
            "format"
        );
        // The checkpoint's size changed: its signature no longer holds.
        let lines: Vec<&str> = text.split('\n').collect();
        let size_at = lines.iter().position(|l| *l == "5").unwrap();
        let mut l2 = lines.clone();
        l2[size_at] = "6";
        assert_eq!(check(&l2.join("\n")), "checkpoint");
        // A proof hash dropped.
        let mut l3 = lines.clone();
        l3.remove(3);
        assert_eq!(check(&l3.join("\n")), "inclusion");
        // No extra line.
        let mut l4 = lines.clone();
        l4.remove(1);
        assert_eq!(check(&l4.join("\n")), "extra");
        // Another key.
        let other = SignerKey::from_seed("example.org/log", [8; 32]).unwrap();
        let e = verify_entry_proof(&text, &Trust::Log(other.verifier())).unwrap_err();
        assert_eq!(e.check, "checkpoint");
    }

    #[test]
    fn another_entrys_line_under_a_proof_is_refused() {
        // The extra line of entry 1 put into the proof of entry 3: it is not leaf 3.
        let (key, p3) = proof_of(3);
        let (_, p1) = proof_of(1);
        let e1 = p1.split('\n').nth(1).unwrap().to_owned();
        let e3 = p3.split('\n').nth(1).unwrap().to_owned();
        let swapped = p3.replacen(&e3, &e1, 1);
        let e = verify_entry_proof(&swapped, &Trust::Log(key.verifier())).unwrap_err();
        assert_eq!(e.check, "inclusion");
    }

    #[test]
    fn trust_tells_a_vkey_from_a_policy() {
        let (key, _) = proof_of(0);
        let vkey = key.verifier().to_string();
        assert!(matches!(Trust::parse(&vkey), Ok(Trust::Log(_))));
        assert!(matches!(
            Trust::parse(&format!("{vkey}\n")),
            Ok(Trust::Log(_))
        ));
        let policy = format!("log {vkey}\nquorum none\n");
        assert!(matches!(Trust::parse(&policy), Ok(Trust::Policy(_))));
        assert!(Trust::parse("nonsense").is_err());
    }
}
