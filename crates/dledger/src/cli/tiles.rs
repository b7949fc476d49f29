//! Tiles on the command line (contract §8, §9): where a tiles tree is read from (a directory, an
//! `http://` prefix, or a local store), `dledger publish`, and the reader that feeds the lines of
//! a tiles tree to `verify` and `import` as if they were an export's `entries.jsonl`.

use anyhow::{anyhow, bail, Context, Result};
use ledger_proof::tlog::{self, TileKind, TilePath, TILE_WIDTH};
use ledger_proof::{Checkpoint, VerifierKey};
use std::io::Write;
use std::path::{Path, PathBuf};

/// Where a tiles tree is read from.
pub enum TilesAt {
    /// A static copy: `DIR/checkpoint`, `DIR/log.vkey`, `DIR/tile/...`.
    Dir(PathBuf),
    /// A tlog-tiles prefix (`http://host/tlog`), with the log key from `log.vkey` beside it
    /// or, for a dledger server, `/v1/log-key`.
    Http {
        prefix: String,
        client: reqwest::Client,
        rt: tokio::runtime::Runtime,
    },
    /// A ledger's own store (`publish --data`).
    Store(ledger_store::Store),
}

/// True when `s` names a tiles tree (an http(s) prefix, or a directory with a checkpoint and
/// tiles but no `entries.jsonl`).
pub fn is_tiles(s: &str) -> bool {
    if s.starts_with("http://") || s.starts_with("https://") {
        return true;
    }
    let p = Path::new(s);
    p.join("checkpoint").is_file() && p.join("tile").is_dir() && !p.join("entries.jsonl").exists()
}

impl TilesAt {
    pub fn open(s: &str) -> Result<TilesAt> {
        if s.starts_with("http://") || s.starts_with("https://") {
            let rt = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()?;
            return Ok(TilesAt::Http {
                prefix: s.trim_end_matches('/').to_owned(),
                client: reqwest::Client::new(),
                rt,
            });
        }
        Ok(TilesAt::Dir(PathBuf::from(s)))
    }

    /// The resource at `rel` under the prefix (None: 404 / missing).
    pub fn get(&self, rel: &str) -> Result<Option<Vec<u8>>> {
        match self {
            TilesAt::Dir(d) => match std::fs::read(d.join(rel)) {
                Ok(b) => Ok(Some(b)),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
                Err(e) => Err(anyhow!("reading {}: {e}", d.join(rel).display())),
            },
            TilesAt::Http { prefix, client, rt } => rt.block_on(async {
                let url = format!("{prefix}/{rel}");
                let r = client
                    .get(&url)
                    .send()
                    .await
                    .with_context(|| format!("fetching {url}"))?;
                if r.status() == reqwest::StatusCode::NOT_FOUND {
                    return Ok(None);
                }
                if !r.status().is_success() {
                    bail!("fetching {url}: {}", r.status());
                }
                Ok(Some(r.bytes().await?.to_vec()))
            }),
            TilesAt::Store(store) => {
                let reader = store.reader();
                if rel == "checkpoint" {
                    return Ok(Some(reader.published().checkpoint.into_bytes()));
                }
                let Some(p) = rel.strip_prefix("tile/").and_then(TilePath::parse) else {
                    return Ok(None);
                };
                if !tlog::exists(reader.published().size, &p) {
                    return Ok(None);
                }
                match p.kind {
                    TileKind::Level(l) => Ok(reader
                        .tile(l, p.index)?
                        .and_then(|t| t.hashes(p.width()).map(<[u8]>::to_vec))),
                    TileKind::Entries => {
                        let lines = reader.entries(p.index * TILE_WIDTH, p.width())?;
                        Ok(Some(tlog::encode_bundle(&lines).map_err(|e| anyhow!(e))?))
                    }
                }
            }
        }
    }

    pub fn tile(&self, p: &TilePath) -> Result<Option<Vec<u8>>> {
        self.get(&p.render())
    }

    pub fn checkpoint(&self) -> Result<String> {
        let b = self
            .get("checkpoint")?
            .ok_or_else(|| anyhow!("{} has no checkpoint", self.name()))?;
        Ok(String::from_utf8_lossy(&b).into_owned())
    }

    /// The log key the tree ships (`log.vkey`, or a dledger server's `/v1/log-key`).
    pub fn shipped_vkey(&self) -> Result<Option<String>> {
        if let TilesAt::Store(_) = self {
            return Ok(None);
        }
        if let Some(b) = self.get("log.vkey")? {
            return Ok(Some(String::from_utf8_lossy(&b).trim().to_owned()));
        }
        if let TilesAt::Http { prefix, .. } = self {
            if let Some(base) = prefix.strip_suffix("/tlog") {
                let server = TilesAt::open(base)?;
                if let Some(b) = server.get("v1/log-key")? {
                    return Ok(Some(String::from_utf8_lossy(&b).trim().to_owned()));
                }
            }
        }
        Ok(None)
    }

    pub fn name(&self) -> String {
        match self {
            TilesAt::Dir(d) => d.display().to_string(),
            TilesAt::Http { prefix, .. } => prefix.clone(),
            TilesAt::Store(_) => "the store".into(),
        }
    }
}

/// The lines of a tiles tree of `size`, bundle by bundle, each followed by `\n`: what `verify`
/// and `import` read from an export's `entries.jsonl`. Every bundle must hold exactly the
/// entries its width says; a missing or malformed bundle is a read error naming it.
pub struct BundleLines<'a> {
    src: &'a TilesAt,
    size: u64,
    next: u64,
    buf: Vec<u8>,
    pos: usize,
    /// Lines of the first bundle read that are not wanted (those before the first entry).
    skip: usize,
}

impl<'a> BundleLines<'a> {
    pub fn new(src: &'a TilesAt, size: u64) -> Self {
        Self::starting_at(src, size, 0)
    }

    /// From bundle `first` on (the lines of entries `256 * first ..`).
    pub fn starting_at(src: &'a TilesAt, size: u64, first: u64) -> Self {
        BundleLines {
            src,
            size,
            next: first,
            buf: Vec::new(),
            pos: 0,
            skip: 0,
        }
    }

    /// The lines of entries `entry ..` only.
    pub fn from_entry(src: &'a TilesAt, size: u64, entry: u64) -> Self {
        let mut b = Self::starting_at(src, size, entry / TILE_WIDTH);
        b.skip = (entry % TILE_WIDTH) as usize;
        b
    }

    fn fill(&mut self) -> std::io::Result<bool> {
        let n = self.next;
        let w = tlog::tile_width(self.size, 0, n);
        if w == 0 {
            return Ok(false);
        }
        let p = TilePath {
            kind: TileKind::Entries,
            index: n,
            partial: (w < TILE_WIDTH).then_some(w),
        };
        let err = |why: String| std::io::Error::other(format!("{}: {why}", p.render()));
        let bytes = self
            .src
            .tile(&p)
            .map_err(|e| err(e.to_string()))?
            .ok_or_else(|| err("missing".into()))?;
        let lines = tlog::decode_bundle(&bytes, w).map_err(err)?;
        self.buf.clear();
        self.pos = 0;
        for l in lines.into_iter().skip(std::mem::take(&mut self.skip)) {
            self.buf.extend_from_slice(l);
            self.buf.push(b'\n');
        }
        self.next += 1;
        Ok(true)
    }
}

impl std::io::Read for BundleLines<'_> {
    fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
        while self.pos == self.buf.len() {
            if !self.fill()? {
                return Ok(0);
            }
        }
        let n = out.len().min(self.buf.len() - self.pos);
        out[..n].copy_from_slice(&self.buf[self.pos..self.pos + n]);
        self.pos += n;
        Ok(n)
    }
}

/// Checks every tree tile of a tiles tree of `size` against the tiles computed from its lines:
/// (a tiles client reads the tree tiles, not only the bundles). Returns the first mismatch.
pub fn check_tree_tiles(src: &TilesAt, set: &tlog::TileSet) -> Result<(), String> {
    for p in tlog::tiles_of(set.size()) {
        let TileKind::Level(l) = p.kind else { continue };
        let want = set
            .tile(l, p.index, p.width())
            .ok_or_else(|| format!("{}: not computable", p.render()))?;
        match src.tile(&p) {
            Ok(Some(got)) if got == want => {}
            Ok(Some(_)) => return Err(format!("{} does not hold the tree's hashes", p.render())),
            Ok(None) => return Err(format!("{} is missing", p.render())),
            Err(e) => return Err(format!("{}: {e}", p.render())),
        }
    }
    Ok(())
}

fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    let tmp = path.with_file_name(format!(
        ".{}.tmp",
        path.file_name().and_then(|n| n.to_str()).unwrap_or("tile")
    ));
    let mut f =
        std::fs::File::create(&tmp).with_context(|| format!("writing {}", tmp.display()))?;
    f.write_all(bytes)
        .and_then(|_| f.sync_all())
        .with_context(|| format!("writing {}", tmp.display()))?;
    std::fs::rename(&tmp, path).with_context(|| format!("renaming {}", path.display()))?;
    Ok(())
}

/// What a publish did.
pub struct Published {
    pub size: u64,
    pub written: usize,
    pub kept: usize,
}

/// `dledger publish`: writes (or brings up to date) the static tiles tree of `src` in `out`.
/// New full tiles and bundles are written once (never rewritten: they are immutable); the
/// partial ones of the new size are written beside them; every file goes through a temporary
/// file and a rename; the tree is checked against the checkpoint (the root, and consistency with
/// the checkpoint already published there) before the checkpoint is written, last, by rename.
/// A crash at any moment leaves the old checkpoint, which names only tiles that are there.
pub fn publish(src: &TilesAt, out: &Path, trusted: Option<&VerifierKey>) -> Result<Published> {
    let text = src.checkpoint()?;
    let vkey = match trusted {
        Some(k) => k.clone(),
        None => {
            let shipped = src
                .shipped_vkey()?
                .ok_or_else(|| anyhow!("{} ships no log key: pass --log-vkey", src.name()))?;
            VerifierKey::parse(&shipped).map_err(|e| anyhow!("the source's log key: {e}"))?
        }
    };
    let cp = Checkpoint::parse_verified(&text, &vkey)
        .map_err(|e| anyhow!("the source's checkpoint: {e}"))?;
    let old = match std::fs::read_to_string(out.join("checkpoint")) {
        Ok(t) => Some(
            Checkpoint::parse_verified(&t, &vkey)
                .map_err(|e| anyhow!("{}/checkpoint: {e}", out.display()))?,
        ),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => return Err(anyhow!("reading {}/checkpoint: {e}", out.display())),
    };
    if let Some(o) = &old {
        if o.size > cp.size {
            bail!(
                "{} already holds a checkpoint of {} entries, newer than the source's {}",
                out.display(),
                o.size,
                cp.size
            );
        }
    }
    // Before anything is written: the source's tree must have its checkpoint's root, and the
    // root of the checkpoint already published at that size (else the source forked from what
    // was published, and nothing is overwritten).
    let src_tree =
        |size: u64| tlog::TiledTree::new(size, move |p: &TilePath| src.tile(p).ok().flatten());
    let root = ledger_proof::root_at(&src_tree(cp.size), cp.size)
        .map_err(|e| anyhow!("reading the source's tiles: {e}"))?;
    if root != cp.root {
        bail!("the source's tiles do not give its checkpoint's root");
    }
    if let Some(o) = &old {
        let then = ledger_proof::root_at(&src_tree(o.size), o.size)
            .map_err(|e| anyhow!("reading the source's tiles: {e}"))?;
        if then != o.root {
            bail!(
                "the source's tree is not consistent with the checkpoint of {} entries already published in {}: refusing to overwrite it",
                o.size,
                out.display()
            );
        }
    }
    let mut written = 0;
    let mut kept = 0;
    let mut paths = tlog::tiles_of(cp.size);
    paths.extend(tlog::tiles_of(cp.size).into_iter().filter_map(|p| {
        (p.kind == TileKind::Level(0)).then_some(TilePath {
            kind: TileKind::Entries,
            ..p
        })
    }));
    for p in &paths {
        let file = out.join(p.render());
        if p.partial.is_none() && file.is_file() {
            kept += 1;
            continue;
        }
        let bytes = src
            .tile(p)?
            .ok_or_else(|| anyhow!("{} has no {}", src.name(), p.render()))?;
        match p.kind {
            TileKind::Level(_) => {
                if bytes.len() as u64 != 32 * p.width() {
                    bail!(
                        "{}: {} bytes, not {}",
                        p.render(),
                        bytes.len(),
                        32 * p.width()
                    );
                }
            }
            TileKind::Entries => {
                // Each entry must hash to its level-0 tile hash (written just before).
                let lines = tlog::decode_bundle(&bytes, p.width())
                    .map_err(|e| anyhow!("{}: {e}", p.render()))?;
                let tile0 = std::fs::read(
                    out.join(
                        TilePath {
                            kind: TileKind::Level(0),
                            ..*p
                        }
                        .render(),
                    ),
                )?;
                for (k, l) in lines.iter().enumerate() {
                    if ledger_proof::leaf_hash(l)[..] != tile0[32 * k..32 * k + 32] {
                        bail!(
                            "{}: entry {k} does not hash to its level-0 tile",
                            p.render()
                        );
                    }
                }
            }
        }
        write_atomic(&file, &bytes)?;
        written += 1;
    }
    // The tree as written must have the checkpoint's root before the checkpoint names it.
    let tree = tlog::TiledTree::new(cp.size, |p: &TilePath| {
        std::fs::read(out.join(p.render())).ok()
    });
    let root = ledger_proof::root_at(&tree, cp.size).map_err(|e| anyhow!("{e}"))?;
    if root != cp.root {
        bail!("the tiles written do not give the checkpoint's root");
    }
    write_atomic(&out.join("log.vkey"), format!("{vkey}\n").as_bytes())?;
    write_atomic(&out.join("checkpoint"), text.as_bytes())?;
    if let Ok(d) = std::fs::File::open(out) {
        let _ = d.sync_all();
    }
    // Partial tiles superseded by full ones may go (tlog-tiles allows it).
    for p in &paths {
        if p.partial.is_none() {
            let dir = out.join(format!("{}.p", p.render()));
            if dir.is_dir() {
                let _ = std::fs::remove_dir_all(dir);
            }
        }
    }
    Ok(Published {
        size: cp.size,
        written,
        kept,
    })
}

/// After a verification resumed at `from`: the tiles of the tree of `size` must give `root`, and
/// every new entry (`leaves`, from `from` on) must be the hash its level-0 tile holds.
pub fn check_tiles_since(
    src: &TilesAt,
    from: u64,
    leaves: &[ledger_proof::Hash],
    size: u64,
    root: &ledger_proof::Hash,
) -> Result<(), String> {
    let tree = tlog::TiledTree::new(size, |p: &TilePath| src.tile(p).ok().flatten());
    match ledger_proof::root_at(&tree, size) {
        Ok(r) if &r == root => {}
        Ok(_) => return Err("the tree tiles do not give the checkpoint's root".into()),
        Err(e) => return Err(format!("reading the tree tiles: {e}")),
    }
    let mut n = from / TILE_WIDTH;
    while n * TILE_WIDTH < size {
        let w = tlog::tile_width(size, 0, n);
        let p = TilePath {
            kind: TileKind::Level(0),
            index: n,
            partial: (w < TILE_WIDTH).then_some(w),
        };
        let tile = src
            .tile(&p)
            .map_err(|e| format!("{}: {e}", p.render()))?
            .ok_or_else(|| format!("{} is missing", p.render()))?;
        for i in (n * TILE_WIDTH).max(from)..(n * TILE_WIDTH + w) {
            let k = (i - n * TILE_WIDTH) as usize;
            let leaf = leaves[(i - from) as usize];
            if tile.get(32 * k..32 * k + 32) != Some(&leaf[..]) {
                return Err(format!(
                    "{} does not hold the hash of entry {i}",
                    p.render()
                ));
            }
        }
        n += 1;
    }
    Ok(())
}

/// Where `verify` keeps the state it reached on a tiles tree, so that `--since` that checkpoint
/// later checks only what was added: `$DLEDGER_CACHE_DIR`, else `$XDG_CACHE_HOME/dledger`, else
/// `~/.cache/dledger`, under `verify/<log key id>/`.
pub fn state_dir(key_id: &str) -> Option<PathBuf> {
    let base = std::env::var_os("DLEDGER_CACHE_DIR")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("XDG_CACHE_HOME").map(|x| PathBuf::from(x).join("dledger")))
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cache/dledger")))?;
    let safe: String = key_id
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '.' || c == '-' {
                c
            } else {
                '_'
            }
        })
        .collect();
    Some(base.join("verify").join(safe))
}

fn state_file(dir: &Path, size: u64, root: &ledger_proof::Hash) -> PathBuf {
    let hex: String = root.iter().map(|b| format!("{b:02x}")).collect();
    dir.join(format!("{size}-{hex}.state"))
}

const STATE_MAGIC: &[u8] = b"dledger-verify-state/1\n";

/// The saved state of a verification that reached `size` with `root`, if there is an intact one.
pub fn load_state(
    key_id: &str,
    size: u64,
    root: &ledger_proof::Hash,
) -> Option<ledger_log::verify::Resume<ledger_rules::Model>> {
    let path = state_file(&state_dir(key_id)?, size, root);
    let bytes = std::fs::read(path).ok()?;
    let rest = bytes.strip_prefix(STATE_MAGIC)?;
    let (sum, body) = rest.split_at_checked(64)?;
    if blake3::hash(body).to_hex().as_bytes() != sum {
        return None;
    }
    let r: ledger_log::verify::Resume<ledger_rules::Model> = rmp_serde::from_slice(body).ok()?;
    (r.size == size).then_some(r)
}

/// Saves the state a verification reached (keeping the two latest per log key).
pub fn save_state(
    key_id: &str,
    root: &ledger_proof::Hash,
    r: &ledger_log::verify::Resume<ledger_rules::Model>,
) -> Result<PathBuf> {
    let dir =
        state_dir(key_id).ok_or_else(|| anyhow!("no cache directory (set DLEDGER_CACHE_DIR)"))?;
    std::fs::create_dir_all(&dir)?;
    let body = rmp_serde::to_vec_named(r)?;
    let mut bytes = STATE_MAGIC.to_vec();
    bytes.extend_from_slice(blake3::hash(&body).to_hex().as_bytes());
    bytes.extend_from_slice(&body);
    let path = state_file(&dir, r.size, root);
    write_atomic(&path, &bytes)?;
    let mut old: Vec<(std::time::SystemTime, PathBuf)> = std::fs::read_dir(&dir)?
        .filter_map(|e| e.ok())
        .filter(|e| e.path().extension().is_some_and(|x| x == "state"))
        .filter_map(|e| Some((e.metadata().ok()?.modified().ok()?, e.path())))
        .collect();
    old.sort();
    while old.len() > 2 {
        let (_, p) = old.remove(0);
        let _ = std::fs::remove_file(p);
    }
    Ok(path)
}
