//! Snapshots of derived state (the admission state, the projections), so that a restart replays
//! only the log's tail. A snapshot is never trusted blindly: it names the software that wrote it
//! (its shape), the tree size it describes and the Merkle root at that size, and carries a
//! BLAKE3 of its body. On load, a snapshot whose shape differs, whose body does not hash, whose
//! size the log does not reach or whose root is not the log's root at that size is discarded
//! (the caller rebuilds from the log and says so).
//!
//! File: `dledger-snapshot/1\n`, one JSON header line `{kind, shape, size, root, body_len,
//! body_blake3, parts?}`, then the body (MessagePack, struct fields by name; when `parts` gives
//! the lengths of several parts, one MessagePack value each, decoded at once on their own
//! threads). It is written to a temporary file, synced, renamed over the previous one and the
//! directory synced, so a crash at any moment leaves either the old snapshot or the new one,
//! never a torn one.

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

#[derive(Serialize, Deserialize, Debug, PartialEq, Eq)]
struct Header {
    kind: String,
    shape: String,
    size: u64,
    root: String,
    body_len: u64,
    body_blake3: String,
    /// The lengths of the body's parts, each a MessagePack value of its own (absent: one part).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    parts: Vec<u64>,
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
    write_parts(dir, kind, shape, size, root, &[body])
}

/// [`write`] with a body in parts, each [`encode`]d on its own, that [`read_parts`] hands back
/// to be decoded at once on several threads.
pub fn write_parts(
    dir: &Path,
    kind: &str,
    shape: &str,
    size: u64,
    root: &[u8; 32],
    parts: &[&[u8]],
) -> std::io::Result<()> {
    use base64::Engine as _;
    std::fs::create_dir_all(dir)?;
    let mut hasher = blake3::Hasher::new();
    parts.iter().for_each(|p| {
        hasher.update(p);
    });
    let header = Header {
        kind: kind.to_owned(),
        shape: shape.to_owned(),
        size,
        root: base64::engine::general_purpose::STANDARD.encode(root),
        body_len: parts.iter().map(|p| p.len() as u64).sum(),
        body_blake3: hasher.finalize().to_hex().to_string(),
        parts: if parts.len() == 1 {
            Vec::new()
        } else {
            parts.iter().map(|p| p.len() as u64).collect()
        },
    };
    let tmp = dir.join(format!("{kind}.snapshot.tmp"));
    let written = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(MAGIC)?;
        f.write_all(serde_json::to_string(&header)?.as_bytes())?;
        f.write_all(b"\n")?;
        for p in parts {
            f.write_all(p)?;
        }
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
    read_parts(dir, kind, shape, |parts| {
        match <[Part; 1]>::try_from(parts) {
            Ok([one]) => one.decode(),
            Err(_) => Err("it is in parts".into()),
        }
    })
}

/// One part of a snapshot's body, checked, to be decoded (on any thread).
pub struct Part {
    reader: std::io::Take<std::io::BufReader<std::fs::File>>,
}

impl Part {
    /// Decodes the part (all of it: bytes left over are an error).
    pub fn decode<T: DeserializeOwned>(mut self) -> Result<T, String> {
        let value: T = rmp_serde::from_read(&mut self.reader)
            .map_err(|e| format!("its body is unreadable: {e}"))?;
        if self.reader.limit() != 0 {
            return Err("its body is unreadable: bytes left over".into());
        }
        Ok(value)
    }
}

/// Reads a snapshot whose body is in parts ([`write_parts`]): checks it as [`read`] does, then
/// gives `decode` a reader for each part. The file is read in blocks, never whole: once to
/// check the body's checksum, then by the parts' readers (a snapshot of hundreds of megabytes
/// held in memory while decoded would add that much to the memory a restart touches).
pub fn read_parts<T>(
    dir: &Path,
    kind: &str,
    shape: &str,
    decode: impl FnOnce(Vec<Part>) -> Result<T, String>,
) -> Result<Option<Loaded<T>>, String> {
    use base64::Engine as _;
    use std::io::{BufRead, BufReader, Read, Seek};
    // A temporary file is a write that never finished: it is not a snapshot.
    let _ = std::fs::remove_file(dir.join(format!("{kind}.snapshot.tmp")));
    // (reader at the body, header, the body's offset in the file)
    let open = || -> Result<Option<(BufReader<std::fs::File>, Header, u64)>, String> {
        let file = match std::fs::File::open(path_of(dir, kind)) {
            Ok(f) => f,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(format!("cannot read it: {e}")),
        };
        let mut r = BufReader::with_capacity(1 << 20, file);
        let mut magic = vec![0u8; MAGIC.len()];
        if r.read_exact(&mut magic).is_err() || magic != MAGIC {
            return Err("it is not a dledger snapshot".into());
        }
        let mut line = Vec::new();
        (&mut r)
            .take(64 << 10)
            .read_until(b'\n', &mut line)
            .map_err(|e| format!("cannot read it: {e}"))?;
        let offset = (MAGIC.len() + line.len()) as u64;
        if line.pop() != Some(b'\n') {
            return Err("its header is cut off".into());
        }
        let header: Header =
            serde_json::from_slice(&line).map_err(|e| format!("its header is unreadable: {e}"))?;
        Ok(Some((r, header, offset)))
    };
    let Some((mut body, header, offset)) = open()? else {
        return Ok(None);
    };
    if header.kind != kind {
        return Err(format!("it holds {:?}, not {kind:?}", header.kind));
    }
    if header.shape != shape {
        return Err(format!(
            "it was written by another build of the software ({}; this one is {shape})",
            header.shape
        ));
    }
    let mut hasher = blake3::Hasher::new();
    let len = std::io::copy(&mut body, &mut hasher).map_err(|e| format!("cannot read it: {e}"))?;
    if len != header.body_len || hasher.finalize().to_hex().as_str() != header.body_blake3 {
        return Err("its body does not match its checksum".into());
    }
    let lengths = if header.parts.is_empty() {
        vec![header.body_len]
    } else {
        header.parts.clone()
    };
    if lengths.iter().sum::<u64>() != header.body_len {
        return Err("its parts do not add up to its body".into());
    }
    let root: [u8; 32] = base64::engine::general_purpose::STANDARD
        .decode(&header.root)
        .ok()
        .and_then(|r| r.try_into().ok())
        .ok_or("its root is not a hash")?;
    // The parts' readers, on the body checked above (one process holds the data directory, but
    // a file replaced in between would show another header, and is refused).
    let mut parts = Vec::with_capacity(lengths.len());
    let mut at = offset;
    for len in lengths {
        let Some((mut r, again, _)) = open()? else {
            return Err("it vanished while being read".into());
        };
        if again != header {
            return Err("it changed while being read".into());
        }
        r.seek(std::io::SeekFrom::Start(at))
            .map_err(|e| format!("cannot read it: {e}"))?;
        parts.push(Part {
            reader: r.take(len),
        });
        at += len;
    }
    Ok(Some(Loaded {
        size: header.size,
        root,
        body: decode(parts)?,
    }))
}

/// Removes a snapshot (one found unusable), so that it is not read again.
pub fn remove(dir: &Path, kind: &str) {
    let _ = std::fs::remove_file(path_of(dir, kind));
}

#[cfg(test)]
mod tests {
    use super::*;

    type Two = Result<Option<Loaded<(Vec<String>, u64)>>, String>;

    fn parts_of(dir: &Path) -> Two {
        read_parts(dir, "t", "shape", |parts| {
            let Ok([a, b]) = <[Part; 2]>::try_from(parts) else {
                return Err("not two parts".into());
            };
            Ok((a.decode()?, b.decode()?))
        })
    }

    #[test]
    fn parts_read_back_and_a_damaged_snapshot_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        assert!(parts_of(d).unwrap().is_none(), "no snapshot yet");
        let a = encode(&vec!["x".to_string(); 1000]).unwrap();
        let b = encode(&42u64).unwrap();
        write_parts(d, "t", "shape", 7, &[9; 32], &[&a, &b]).unwrap();
        let back = parts_of(d).unwrap().unwrap();
        assert_eq!((back.size, back.root), (7, [9; 32]));
        assert_eq!(back.body, (vec!["x".to_string(); 1000], 42));
        // one part asked of a snapshot in two
        assert!(read::<u64>(d, "t", "shape").is_err());
        // another build
        assert!(parts_of_shape(d, "other")
            .err()
            .is_some_and(|e| e.contains("another build")));

        let file = d.join("t.snapshot");
        let bytes = std::fs::read(&file).unwrap();
        // a byte of the body changed: the checksum says so
        let mut damaged = bytes.clone();
        let last = damaged.len() - 1;
        damaged[last] ^= 1;
        std::fs::write(&file, &damaged).unwrap();
        assert!(parts_of(d).err().is_some_and(|e| e.contains("checksum")));
        // parts that do not add up to the body
        let header_end = MAGIC.len()
            + bytes[MAGIC.len()..]
                .iter()
                .position(|c| *c == b'\n')
                .unwrap();
        let header = String::from_utf8(bytes[..header_end].to_vec()).unwrap();
        let lens = format!("[{},{}]", a.len(), b.len());
        let wrong = format!("[{},{}]", a.len() - 1, b.len());
        assert!(header.contains(&lens));
        let mut edited = header.replacen(&lens, &wrong, 1).into_bytes();
        edited.extend_from_slice(&bytes[header_end..]);
        std::fs::write(&file, edited).unwrap();
        assert!(parts_of(d).err().is_some_and(|e| e.contains("add up")));
        // cut short
        std::fs::write(&file, &bytes[..bytes.len() - 3]).unwrap();
        assert!(parts_of(d).is_err());
    }

    fn parts_of_shape(dir: &Path, shape: &str) -> Result<Option<Loaded<u64>>, String> {
        read_parts(dir, "t", shape, |_| Ok(0))
    }
}
