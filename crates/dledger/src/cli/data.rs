//! Commands that work on a data directory: `init`, `serve`, `export --data`, `import`.
//!
//! Layout of a data directory: `keys/log.skey` and `keys/admin.skey` (mode 0600) with their
//! `.vkey` beside them, and `db/`, the sled store (`db.derived/`: its snapshots). A directory with
//! `keys/log.vkey` but no `keys/log.skey` (an import without the log key) is served read-only.

use anyhow::{anyhow, bail, Context, Result};
use ledger_proof::{Envelope, SignerKey, VerifierKey};
use ledger_store::{system_clock, Store};
use std::io::Write;
use std::path::Path;

pub struct InitInfo {
    pub log_vkey: VerifierKey,
    pub admin_vkey: VerifierKey,
}

/// Writes a secret file with mode 0600 from the start (never readable by others, even briefly).
pub fn write_secret(path: &Path, text: &str) -> Result<()> {
    let mut opts = std::fs::OpenOptions::new();
    opts.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.mode(0o600);
    }
    let mut f = opts
        .open(path)
        .with_context(|| format!("creating {} (it must not exist yet)", path.display()))?;
    f.write_all(text.as_bytes())?;
    f.sync_all()?;
    Ok(())
}

/// A UUIDv7 (RFC 9562): 48-bit Unix milliseconds, version 7, variant 10, 74 random bits.
pub fn uuid_v7() -> String {
    use rand::RngCore;
    let ms = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_millis() as u64)
        .unwrap_or(0);
    let mut b = [0u8; 16];
    rand::rngs::OsRng.fill_bytes(&mut b);
    b[..6].copy_from_slice(&ms.to_be_bytes()[2..]);
    b[6] = 0x70 | (b[6] & 0x0f);
    b[8] = 0x80 | (b[8] & 0x3f);
    let h: String = b.iter().map(|x| format!("{x:02x}")).collect();
    format!(
        "{}-{}-{}-{}-{}",
        &h[0..8],
        &h[8..12],
        &h[12..16],
        &h[16..20],
        &h[20..32]
    )
}

pub fn is_initialised(dir: &Path) -> bool {
    dir.join("keys/log.skey").exists()
        || dir.join("keys/log.vkey").exists()
        || dir.join("db").exists()
}

/// `dledger init`: keys, genesis, first checkpoint. Refuses a directory that holds a ledger.
pub fn init(dir: &Path, origin: &str) -> Result<InitInfo> {
    if !ledger_proof::is_valid_key_name(origin) {
        bail!("origin {origin:?} is not a valid key name (1-64 characters of A-Za-z0-9._/-)");
    }
    if is_initialised(dir) {
        bail!("{} already holds a ledger", dir.display());
    }
    let keys = dir.join("keys");
    std::fs::create_dir_all(&keys).with_context(|| format!("creating {}", keys.display()))?;
    let log = SignerKey::generate(origin, &mut rand::rngs::OsRng).map_err(|e| anyhow!("{e}"))?;
    let admin = SignerKey::generate("admin", &mut rand::rngs::OsRng).map_err(|e| anyhow!("{e}"))?;
    write_secret(&keys.join("log.skey"), &format!("{log}\n"))?;
    std::fs::write(keys.join("log.vkey"), format!("{}\n", log.verifier()))?;
    write_secret(&keys.join("admin.skey"), &format!("{admin}\n"))?;
    std::fs::write(keys.join("admin.vkey"), format!("{}\n", admin.verifier()))?;

    let now = (system_clock())();
    let genesis = serde_json::json!({
        "id": uuid_v7(),
        "type": "ledger.genesis",
        "data": {
            "origin": origin,
            "log_vkey": log.verifier().to_string(),
            "admin_vkey": admin.verifier().to_string(),
            "rules": ledger_events::RULE_SET,
            "created_at": now.to_recorded_at(),
        }
    });
    let envelope = Envelope::sign(genesis.to_string().as_bytes(), &[&admin]);
    let store = Store::open(&dir.join("db"), log.clone(), system_clock())?;
    store
        .append_blocking(envelope)
        .map_err(|e| anyhow!("writing the genesis entry: {e}"))?;
    store.close()?;
    Ok(InitInfo {
        log_vkey: log.verifier(),
        admin_vkey: admin.verifier(),
    })
}

pub fn load_log_key(dir: &Path) -> Result<SignerKey> {
    super::read_signer(&dir.join("keys/log.skey"))
}

/// Opens the store of an initialised data directory: with the log key when `keys/log.skey` is
/// there, else read-only under `keys/log.vkey`.
pub fn open_store(dir: &Path) -> Result<(Store, VerifierKey)> {
    let context = || {
        format!(
            "opening the store in {} (is a server running on it?)",
            dir.display()
        )
    };
    if !dir.join("keys/log.skey").exists() && dir.join("keys/log.vkey").exists() {
        let vkey = super::read_vkey(&dir.join("keys/log.vkey").to_string_lossy())?;
        let store = Store::open_read_only(&dir.join("db"), vkey.clone()).with_context(context)?;
        return Ok((store, vkey));
    }
    let log = load_log_key(dir)?;
    let store = Store::open(&dir.join("db"), log.clone(), system_clock()).with_context(context)?;
    Ok((store, log.verifier()))
}

/// `dledger serve`.
pub fn serve(
    dir: &Path,
    listen: &str,
    demo: bool,
    limits: ledger_http::server::Limits,
    witness: Option<(ledger_proof::policy::Policy, std::time::Duration)>,
) -> Result<i32> {
    if !is_initialised(dir) {
        init(dir, "localhost/dledger")?;
        eprintln!("initialised a new ledger in {}", dir.display());
    }
    let opened = open_for_serving(dir)?;
    let store = &opened.store;
    if store.is_read_only() {
        eprintln!(
            "{} has no log key (keys/log.skey): serving it read-only",
            dir.display()
        );
    }
    if demo && !store.is_read_only() {
        if store.reader().published().size == 1 {
            let n = fill_demo(dir, store)?;
            eprintln!("demo: appended {n} entries from the historical cases of cases.md");
        } else {
            eprintln!(
                "demo: {} already holds entries; serving it as it is",
                dir.display()
            );
        }
    }
    let witness = match witness {
        Some((p, t)) => WitnessSetup::Policy(p, t),
        None if demo && !store.is_read_only() => WitnessSetup::Demo,
        None => WitnessSetup::None,
    };
    run_server(dir, listen, opened, limits, witness, |_| {})
}

/// A store opened for serving, with its projection snapshot already being read.
pub struct Opened {
    pub store: Store,
    pub log: VerifierKey,
    pub preload: Option<ledger_http::views::Preload>,
}

/// [`open_store`] for a server: the projections' snapshot is decoded on one core
/// ([`ledger_http::views::Preload`]) while the store opens on the other.
pub fn open_for_serving(dir: &Path) -> Result<Opened> {
    let preload = ledger_http::views::Preload::start(
        ledger_store::derived_dir(&dir.join("db")),
        Default::default(),
    );
    let (store, log) = open_store(dir)?;
    Ok(Opened {
        store,
        log,
        preload: Some(preload),
    })
}

/// Who cosigns the server's checkpoints.
pub enum WitnessSetup {
    None,
    /// `--witness-policy`: the policy's witnesses, with the append timeout.
    Policy(ledger_proof::policy::Policy, std::time::Duration),
    /// `serve --demo`: five demonstration witnesses run by this process, one per UN regional
    /// group, on loopback, with their own keys under `DIR/demo-witnesses/`, and a policy of 3 of 5.
    Demo,
}

/// Starts the demonstration witnesses and returns their policy (also written to
/// `DIR/demo-witnesses/policy`).
async fn demo_witnesses(dir: &Path, log: &VerifierKey) -> Result<ledger_proof::policy::Policy> {
    use ledger_proof::cosig::CosignerSigner;
    let regions = [
        "african",
        "asia_pacific",
        "eastern_european",
        "latin_american_caribbean",
        "weog",
    ];
    let base = dir.join("demo-witnesses");
    let mut text = format!(
        "# The demonstration witnesses of `dledger serve --demo`: one per UN regional group, run\n# by the server itself. They show how witnessing works; they prove nothing.\nlog {log}\n"
    );
    for r in regions {
        let d = base.join(r);
        std::fs::create_dir_all(&d)?;
        let skey = d.join("witness.skey");
        let key = match std::fs::read_to_string(&skey) {
            Ok(t) => CosignerSigner::parse(&t).map_err(|e| anyhow!("{}: {e}", skey.display()))?,
            Err(_) => {
                let k = CosignerSigner::generate(
                    &format!("{r}.demo-witness.localhost"),
                    &mut rand::rngs::OsRng,
                )
                .map_err(|e| anyhow!("{e}"))?;
                write_secret(&skey, &format!("{k}\n"))?;
                std::fs::write(d.join("witness.vkey"), format!("{}\n", k.verifier()))?;
                k
            }
        };
        let db = ledger_store::witness::WitnessDb::open(&d.join("db"))?;
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
        let url = format!("http://{}", listener.local_addr()?);
        text.push_str(&format!("witness {r} {} {url}\n", key.verifier()));
        let w = ledger_http::witness::Witness {
            db: std::sync::Arc::new(db),
            key: std::sync::Arc::new(key),
            logs: std::sync::Arc::new([(log.name().to_owned(), log.clone())].into_iter().collect()),
            clock: std::sync::Arc::new(|| {
                std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .map_or(0, |d| d.as_secs())
            }),
        };
        tokio::spawn(ledger_http::server::serve(
            listener,
            ledger_http::witness::router(w),
            ledger_http::server::Limits::default(),
            ledger_http::metrics::Metrics::new(),
            std::future::pending::<()>(),
        ));
    }
    text.push_str(&format!(
        "group regions 3 {}\nquorum regions\n",
        regions.join(" ")
    ));
    std::fs::write(base.join("policy"), &text)?;
    eprintln!(
        "demo: five demonstration witnesses (one per UN regional group) on loopback; their policy is {}",
        base.join("policy").display()
    );
    ledger_proof::policy::Policy::parse(&text).map_err(|e| anyhow!("{e}"))
}

/// Serves `store` until SIGINT/SIGTERM; `started` is called with the store once the server
/// listens (the mirror starts following there).
pub fn run_server(
    dir: &Path,
    listen: &str,
    opened: Opened,
    mut limits: ledger_http::server::Limits,
    witness: WitnessSetup,
    started: impl FnOnce(&Store),
) -> Result<i32> {
    let Opened {
        store,
        log,
        preload,
    } = opened;
    let fds = limits.fit_to_fds();
    let rt = super::runtime()?;
    rt.block_on(async move {
        let shutdown = shutdown_signal();
        let listener = tokio::net::TcpListener::bind(listen)
            .await
            .with_context(|| format!("binding {listen}"))?;
        let addr = listener.local_addr()?;
        eprintln!(
            "dledger listening on http://{addr} (data {})",
            dir.display()
        );
        tracing::info!(
            "limits: {} connections ({} per client), header {:?}, body {:?}, request {:?}, write {:?}, {} feed subscribers; {fds} file descriptors",
            limits.max_connections,
            limits.max_per_client,
            limits.header_timeout,
            limits.body_timeout,
            limits.request_timeout,
            limits.write_timeout,
            limits.max_subscribers
        );
        if let Some(why) = store.writes_stopped() {
            tracing::error!("serving reads only for now: {why}");
        }
        started(&store);
        let mut state = ledger_http::AppState::with_preload(
            store.clone(),
            &log.to_string(),
            Default::default(),
            limits,
            preload,
        );
        let witness = match witness {
            WitnessSetup::None => None,
            WitnessSetup::Policy(p, t) => Some((p, t, false)),
            WitnessSetup::Demo => Some((
                demo_witnesses(dir, &log).await?,
                std::time::Duration::from_secs(3),
                true,
            )),
        };
        if let Some((policy, timeout, demonstration)) = witness {
            tracing::info!(
                "witnessing: submitting checkpoints to {} witnesses (timeout {timeout:?})",
                policy.witnesses.iter().filter(|w| w.url.is_some()).count()
            );
            state.witnessing = Some(ledger_http::witnessing::Witnessing::start(
                store.reader().clone(),
                policy,
                timeout,
                demonstration,
            ));
        }
        let views = state.views.clone();
        ledger_http::serve(listener, state, shutdown).await?;
        views.shutdown().await;
        store.close()?;
        eprintln!("dledger stopped cleanly");
        Ok::<_, anyhow::Error>(())
    })?;
    Ok(0)
}

/// `serve --demo`: appends the registry and every historical case, each event signed by the key
/// of the role that would really sign it. Keys are made here, saved under `DIR/keys/` (0600) and
/// registered by the admin before their first use.
pub fn fill_demo(dir: &Path, store: &Store) -> Result<u64> {
    use ledger_rules::cases::{self, Signer};
    use std::collections::HashMap;
    let admin = super::read_signer(&dir.join("keys/admin.skey"))?;
    let mut keys: HashMap<Signer, SignerKey> = HashMap::new();
    keys.insert(Signer::Admin, admin.clone());
    let mut appended = 0u64;
    let mut append = |env: Envelope, what: &str| -> Result<()> {
        store
            .append_blocking(env)
            .map_err(|e| anyhow!("demo: {what}: {e}"))?;
        appended += 1;
        Ok(())
    };
    for case in cases::all()? {
        for (k, ev) in case.events.iter().enumerate() {
            let signer =
                Signer::parse(&ev.signer).map_err(|e| anyhow!("case {}: {e}", case.case))?;
            if !keys.contains_key(&signer) {
                let key = SignerKey::generate(&signer.key_name(), &mut rand::rngs::OsRng)
                    .map_err(|e| anyhow!("{e}"))?;
                let file = dir.join("keys").join(format!("{}.skey", signer.key_name()));
                if !file.exists() {
                    write_secret(&file, &format!("{key}\n"))?;
                    std::fs::write(file.with_extension("vkey"), format!("{}\n", key.verifier()))?;
                }
                let mut data = signer.binding();
                data["vkey"] = serde_json::json!(key.verifier().to_string());
                let reg = serde_json::json!({"id": format!("demo-key-{}", signer.key_name()), "type": "key.registered", "data": data});
                append(
                    Envelope::sign(reg.to_string().as_bytes(), &[&admin]),
                    "registering a key",
                )?;
                keys.insert(signer.clone(), key);
            }
            let key = &keys[&signer];
            let env = Envelope::sign(ev.event.to_string().as_bytes(), &[key]);
            append(env, &format!("case {} event {k}", case.case))?;
        }
    }
    Ok(appended)
}

/// SIGINT or SIGTERM. The handlers are installed when this is called (inside the runtime, before
/// the server says it is listening), so a signal that arrives at any later moment stops the
/// server cleanly instead of killing it.
pub fn shutdown_signal() -> impl std::future::Future<Output = ()> {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{signal, SignalKind};
        let term = signal(SignalKind::terminate()).ok();
        let int = signal(SignalKind::interrupt()).ok();
        async move {
            let wait = |s: Option<tokio::signal::unix::Signal>| async move {
                match s {
                    Some(mut s) => {
                        s.recv().await;
                    }
                    None => std::future::pending::<()>().await,
                }
            };
            tokio::select! {
                _ = wait(term) => {},
                _ = wait(int) => {},
            }
        }
    }
    #[cfg(not(unix))]
    async {
        let _ = tokio::signal::ctrl_c().await;
    }
}

/// Reads a data directory's published log: the lines (each with its newline), the checkpoint,
/// the log's vkey.
pub fn read_local(dir: &Path) -> Result<(Vec<u8>, String, VerifierKey)> {
    let (store, log) = open_store(dir)?;
    let reader = store.reader();
    let published = reader.published();
    let mut lines = Vec::new();
    let mut start = 0;
    while start < published.size {
        let page = reader.entries(start, 10_000)?;
        if page.is_empty() {
            break;
        }
        for l in &page {
            lines.extend_from_slice(l);
            lines.push(b'\n');
        }
        start += page.len() as u64;
    }
    store.close()?;
    Ok((lines, published.checkpoint, log))
}

/// `dledger export --data`.
pub fn export_local(dir: &Path, out: &Path) -> Result<u64> {
    let (lines, checkpoint, key) = read_local(dir)?;
    let n = lines.iter().filter(|b| **b == b'\n').count() as u64;
    write_export(out, &lines, &checkpoint, &key)?;
    Ok(n)
}

/// Writes the three files of an export (contract §3).
pub fn write_export(
    out: &Path,
    lines: &[u8],
    checkpoint: &str,
    log_key: &VerifierKey,
) -> Result<()> {
    std::fs::create_dir_all(out).with_context(|| format!("creating {}", out.display()))?;
    std::fs::write(out.join("entries.jsonl"), lines)?;
    std::fs::write(out.join("checkpoint"), checkpoint)?;
    std::fs::write(out.join("log.vkey"), format!("{log_key}\n"))?;
    Ok(())
}

/// `dledger import --data DIR EXPORT [--log-key FILE]` (contract §8): every check of `verify`,
/// each verified entry stored as it comes; the store is built as `DIR/db.importing` and renamed
/// to `DIR/db` only once complete, so an interrupted import leaves no ledger behind (and a
/// second attempt starts over). Returns the number of entries.
pub fn import(dir: &Path, export: &Path, log_key: Option<&Path>) -> Result<(u64, bool)> {
    import_trusting(dir, export, log_key, None)
}

/// [`import`] with a trust anchor for the log key (a mirror's `--log-vkey`): the export must be
/// signed by it, whatever `log.vkey` it ships.
pub fn import_trusting(
    dir: &Path,
    export: &Path,
    log_key: Option<&Path>,
    anchor: Option<&VerifierKey>,
) -> Result<(u64, bool)> {
    if is_initialised(dir) {
        bail!("{} already holds a ledger", dir.display());
    }
    let created = !dir.exists();
    let result = import_into(dir, export, log_key, anchor);
    if result.is_err() {
        // Nothing half-written: what this import made goes (the directory held no ledger, so
        // every one of these names is this import's), and the directory too, if it made it.
        let building = dir.join("db.importing");
        let db = dir.join("db");
        for d in [&building, &db] {
            let _ = std::fs::remove_dir_all(ledger_store::derived_dir(d));
            let _ = std::fs::remove_dir_all(d);
        }
        let _ = std::fs::remove_file(dir.join("keys/log.vkey"));
        let _ = std::fs::remove_file(dir.join("keys/log.skey"));
        let _ = std::fs::remove_dir(dir.join("keys"));
        if created {
            let _ = std::fs::remove_dir(dir);
        }
    }
    result
}

fn import_into(
    dir: &Path,
    export: &Path,
    log_key: Option<&Path>,
    anchor: Option<&VerifierKey>,
) -> Result<(u64, bool)> {
    use ledger_log::verify::verify_read;
    let signer = log_key.map(super::read_signer).transpose()?;
    let export_name = export.to_string_lossy().into_owned();
    let tiles = if super::tiles::is_tiles(&export_name) {
        Some(super::tiles::TilesAt::open(&export_name)?)
    } else {
        None
    };
    let entries = export.join("entries.jsonl");
    let (checkpoint, shipped_text) = match &tiles {
        Some(t) => (t.checkpoint()?, t.shipped_vkey()?),
        None => (
            std::fs::read_to_string(export.join("checkpoint"))
                .with_context(|| format!("reading {}/checkpoint", export.display()))?,
            std::fs::read_to_string(export.join("log.vkey")).ok(),
        ),
    };
    let shipped = shipped_text
        .map(|t| VerifierKey::parse(&t))
        .transpose()
        .map_err(|e| anyhow!("{export_name}/log.vkey: {e}"))?;
    // The trust anchor: the signer key given, else the export's own log.vkey (then the copy is
    // only as trustworthy as the export; `verify --log-vkey` says so too).
    let trusted = anchor
        .cloned()
        .or(signer.as_ref().map(SignerKey::verifier))
        .or(shipped.clone());
    if let (Some(s), Some(v)) = (&signer, &shipped) {
        if s.verifier() != *v {
            bail!(
                "--log-key is {}, but the export's log.vkey is {}",
                s.key_id(),
                v.key_id()
            );
        }
    }
    // The lines: the export's entries.jsonl, or the bundles of a tiles tree (as lines).
    let (shape, total_bytes, file): (_, u64, Box<dyn std::io::Read + Send + '_>) = match &tiles {
        Some(t) => {
            let size = checkpoint
                .lines()
                .nth(1)
                .and_then(|l| l.parse::<u64>().ok())
                .ok_or_else(|| anyhow!("{export_name}/checkpoint has no tree size"))?;
            let shape = ledger_log::verify::Shape {
                last: (size > 0).then_some(b'\n'),
                lines: 0,
            };
            // For the progress bar only: about 1.5 kB per line.
            (
                shape,
                size * 1500,
                Box::new(super::tiles::BundleLines::new(t, size)),
            )
        }
        None => (
            super::shape_of_file(&entries)
                .with_context(|| format!("reading {}", entries.display()))?,
            std::fs::metadata(&entries)?.len(),
            Box::new(std::fs::File::open(&entries)?),
        ),
    };
    std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    let building = dir.join("db.importing");
    if building.exists() {
        std::fs::remove_dir_all(&building)?;
    }
    let _ = std::fs::remove_dir_all(ledger_store::derived_dir(&building));
    let mut importer = ledger_store::Importer::create(&building)?;
    let bar = progress(total_bytes);
    let counted = CountingReader {
        inner: file,
        bar: bar.clone(),
    };
    // The store is written by its own thread, fed in order by the verifier's replay.
    type Item = (
        u64,
        Vec<u8>,
        Option<String>,
        ledger_events::events::EventType,
    );
    let (tx, rx) = std::sync::mpsc::sync_channel::<Vec<Item>>(64);
    let writer = std::thread::Builder::new()
        .name("import-writer".into())
        .spawn(
            move || -> Result<ledger_store::Importer, ledger_store::StoreError> {
                for items in rx {
                    for (index, line, stream, t) in items {
                        importer.push_parts(index, &line, stream.as_deref(), t)?;
                    }
                }
                Ok(importer)
            },
        )?;
    let mut pending: Vec<Item> = Vec::with_capacity(512);
    let mut tx = Some(tx);
    let report = verify_read::<(), _>(
        counted,
        shape,
        &checkpoint,
        trusted.as_ref(),
        None,
        |index, line, rec| {
            pending.push((
                index,
                line.to_vec(),
                rec.event.stream.as_ref().map(|s| s.as_str().to_owned()),
                rec.event.data.event_type(),
            ));
            if pending.len() == 512 {
                let items = std::mem::replace(&mut pending, Vec::with_capacity(512));
                if tx.as_ref().is_none_or(|t| t.send(items).is_err()) {
                    return Err("the store's writer stopped".into());
                }
            }
            Ok(())
        },
    );
    if let Some(t) = tx.take() {
        let _ = t.send(std::mem::take(&mut pending));
    }
    let importer = writer
        .join()
        .map_err(|_| anyhow!("the store's writer panicked"))?;
    bar.finish_and_clear();
    let importer = importer.map_err(|e| anyhow!("writing the store: {e}"))?;
    if !report.intact() {
        drop(importer);
        let problems: Vec<String> = report.problems.iter().map(|p| p.to_string()).collect();
        bail!(
            "the export does not verify; nothing imported:\n{}",
            problems.join("\n")
        );
    }
    let log_vkey = report
        .state
        .log_key
        .clone()
        .ok_or_else(|| anyhow!("the genesis names no log key"))?;
    if let Some(s) = &signer {
        if s.verifier() != log_vkey {
            bail!(
                "--log-key {} is not the log key named in the genesis entry",
                s.key_id()
            );
        }
    }
    let size = importer.finish(&checkpoint, &log_vkey, &report.state)?;
    ledger_store::Importer::snapshot(&building, &report.state, &report.root)?;
    // The store under its name first (its snapshots, then the store), the keys last: a crash in
    // between leaves a store without keys, which `serve` refuses to open (no key to check it
    // with) and `import` refuses to overwrite; never keys over an empty store, which `serve`
    // would take for a new ledger.
    let derived = ledger_store::derived_dir(&dir.join("db"));
    if derived.exists() {
        // left by a ledger that is no longer there: it describes nothing
        std::fs::remove_dir_all(&derived)?;
    }
    std::fs::rename(ledger_store::derived_dir(&building), &derived)?;
    std::fs::rename(&building, dir.join("db"))?;
    sync_dir(dir);
    let keys = dir.join("keys");
    std::fs::create_dir_all(&keys)?;
    write_synced(&keys.join("log.vkey"), &format!("{log_vkey}\n"))?;
    if let Some(s) = &signer {
        write_secret(&keys.join("log.skey"), &format!("{s}\n"))?;
    }
    sync_dir(&keys);
    sync_dir(dir);
    Ok((size, signer.is_some()))
}

/// Writes a file and makes it durable.
fn write_synced(path: &Path, text: &str) -> Result<()> {
    let mut f =
        std::fs::File::create(path).with_context(|| format!("creating {}", path.display()))?;
    f.write_all(text.as_bytes())?;
    f.sync_all()?;
    Ok(())
}

/// Makes a directory's entries (new names, renames) durable.
fn sync_dir(dir: &Path) {
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
}

/// A progress bar on stderr, over the bytes of the export (hidden when stderr is not a terminal).
fn progress(total: u64) -> indicatif::ProgressBar {
    let bar = indicatif::ProgressBar::new(total);
    bar.set_style(
        indicatif::ProgressStyle::with_template(
            "importing {wide_bar} {bytes}/{total_bytes} ({bytes_per_sec}, {eta} left)",
        )
        .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    bar
}

struct CountingReader<R> {
    inner: R,
    bar: indicatif::ProgressBar,
}

impl<R: std::io::Read> std::io::Read for CountingReader<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.bar.inc(n as u64);
        Ok(n)
    }
}
