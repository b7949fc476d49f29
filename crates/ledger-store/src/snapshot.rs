//! Snapshots of derived state (the admission state, the projections), so that a restart replays
//! only the log's tail. A snapshot is never trusted blindly: it names the software that wrote it
//! (its shape), the tree size it describes and the Merkle root at that size, and carries a
//! BLAKE3 of its body. On load, a snapshot whose shape differs, whose body does not hash, whose
//! size the log does not reach or whose root is not the log's root at that size is discarded
//! (the caller rebuilds from the log and says so).
//!
//! File: `dledger-snapshot/1\n`, one JSON header line `{kind, shape, size, root, body_len,
//! body_blake3}`, then the body (MessagePack, struct fields by name). It is written to a
//! temporary file, synced, renamed over the previous one and the directory synced, so a crash
//! at any moment leaves either the old snapshot or the new one, never a torn one.

use serde::{de::DeserializeOwned, Deserialize, Serialize};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

const MAGIC: &[u8] = b"dledger-snapshot/1\n";

/// Bump when derived state changes meaning without changing form.
pub const SHAPE_VERSION: u32 = 1;

/// Entries between two periodic snapshots (`DLEDGER_SNAPSHOT_EVERY` overrides it, for tests).
pub fn every() -> u64 {
    static EVERY: OnceLock<u64> = OnceLock::new();
    *EVERY.get_or_init(|| {
        std::env::var("DLEDGER_SNAPSHOT_EVERY")
            .ok()
            .and_then(|v| v.parse().ok())
            .filter(|n| *n > 0)
            .unwrap_or(100_000)
    })
}

/// The shape of derived state this build writes: the snapshot format, the crate version and a
/// BLAKE3 of the running executable, so that any other build of the software discards it.
pub fn shape(kind: &str, extra: &str) -> String {
    static EXE: OnceLock<String> = OnceLock::new();
    let exe = EXE.get_or_init(|| {
        std::env::current_exe()
            .and_then(std::fs::read)
            .map(|b| blake3::hash(&b).to_hex()[..16].to_string())
            .unwrap_or_else(|_| format!("unreadable-{}", std::process::id()))
    });
    format!(
        "{kind}/v{SHAPE_VERSION}/{}/{exe}/{}",
        env!("CARGO_PKG_VERSION"),
        blake3::hash(extra.as_bytes()).to_hex()[..16].to_owned()
    )
}

#[derive(Serialize, Deserialize, Debug)]
struct Header {
    kind: String,
    shape: String,
    size: u64,
    root: String,
    body_len: u64,
    body_blake3: String,
}

/// A snapshot read back: what it describes, and its body.
pub struct Loaded<T> {
    pub size: u64,
    pub root: [u8; 32],
    pub body: T,
}

fn path_of(dir: &Path, kind: &str) -> PathBuf {
    dir.join(format!("{kind}.snapshot"))
}

/// Serializes `body` (MessagePack with field names).
pub fn encode<T: Serialize>(body: &T) -> Result<Vec<u8>, String> {
    rmp_serde::to_vec_named(body).map_err(|e| e.to_string())
}

/// Writes a snapshot atomically (temporary file, fsync, rename, fsync of the directory).
pub fn write(
    dir: &Path,
    kind: &str,
    shape: &str,
    size: u64,
    root: &[u8; 32],
    body: &[u8],
) -> std::io::Result<()> {
    use base64::Engine as _;
    std::fs::create_dir_all(dir)?;
    let header = Header {
        kind: kind.to_owned(),
        shape: shape.to_owned(),
        size,
        root: base64::engine::general_purpose::STANDARD.encode(root),
        body_len: body.len() as u64,
        body_blake3: blake3::hash(body).to_hex().to_string(),
    };
    let tmp = dir.join(format!("{kind}.snapshot.tmp"));
    let written = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(MAGIC)?;
        f.write_all(serde_json::to_string(&header)?.as_bytes())?;
        f.write_all(b"\n")?;
        f.write_all(body)?;
        f.sync_all()
    })();
    if let Err(e) = written {
        // A full disk: give the space of the partial file back at once.
        let _ = std::fs::remove_file(&tmp);
        return Err(e);
    }
    std::fs::rename(&tmp, path_of(dir, kind))?;
    std::fs::File::open(dir)?.sync_all()?;
    Ok(())
}

/// Reads a snapshot if there is one of this shape whose body is intact. `Ok(None)`: none;
/// `Err(why)`: one exists but is unusable (the caller discards it and rebuilds).
pub fn read<T: DeserializeOwned>(
    dir: &Path,
    kind: &str,
    shape: &str,
) -> Result<Option<Loaded<T>>, String> {
    use base64::Engine as _;
    // A temporary file is a write that never finished: it is not a snapshot.
    let _ = std::fs::remove_file(dir.join(format!("{kind}.snapshot.tmp")));
    let bytes = match std::fs::read(path_of(dir, kind)) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(format!("cannot read it: {e}")),
    };
    let rest = bytes
        .strip_prefix(MAGIC)
        .ok_or("it is not a dledger snapshot")?;
    let nl = rest
        .iter()
        .position(|b| *b == b'\n')
        .ok_or("its header is cut off")?;
    let header: Header = serde_json::from_slice(&rest[..nl])
        .map_err(|e| format!("its header is unreadable: {e}"))?;
    let body = &rest[nl + 1..];
    if header.kind != kind {
        return Err(format!("it holds {:?}, not {kind:?}", header.kind));
    }
    if header.shape != shape {
        return Err(format!(
            "it was written by another build of the software ({}; this one is {shape})",
            header.shape
        ));
    }
    if body.len() as u64 != header.body_len
        || blake3::hash(body).to_hex().as_str() != header.body_blake3
    {
        return Err("its body does not match its checksum".into());
    }
    let root: [u8; 32] = base64::engine::general_purpose::STANDARD
        .decode(&header.root)
        .ok()
        .and_then(|r| r.try_into().ok())
        .ok_or("its root is not a hash")?;
    let body: T =
        rmp_serde::from_slice(body).map_err(|e| format!("its body is unreadable: {e}"))?;
    Ok(Some(Loaded {
        size: header.size,
        root,
        body,
    }))
}

/// Removes a snapshot (one found unusable), so that it is not read again.
pub fn remove(dir: &Path, kind: &str) {
    let _ = std::fs::remove_file(path_of(dir, kind));
}
