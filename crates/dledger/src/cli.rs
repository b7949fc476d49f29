//! Command implementations.

use anyhow::{anyhow, bail, Context, Result};
use clap::{Parser, Subcommand};
use ledger_log::verify::verify_export;
use ledger_proof::tlogproof::Trust;
use ledger_proof::{
    b64_decode, leaf_hash, verify_inclusion, Checkpoint, Envelope, SignerKey, VerifierKey,
    PAYLOAD_TYPE,
};
use ledger_rules::{Audit, Settings, Severity, Verdict};
use ledger_views::wire::Acknowledgement;
use std::path::{Path, PathBuf};

pub mod bench;
pub mod data;
pub mod mirror;
pub mod mix;
pub mod peer;
pub mod tiles;

#[derive(Parser)]
#[command(
    name = "dledger",
    version,
    about = "decision-ledger: the signed, append-only record of decisions taken under CP-11/4"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Create a new ledger: log key, admin key, genesis entry, first checkpoint.
    Init {
        #[arg(long)]
        data: PathBuf,
        #[arg(long)]
        origin: String,
    },
    /// Make a new Ed25519 key pair: writes the signer key to FILE (mode 0600), prints the verifier key.
    Keygen {
        #[arg(long)]
        name: String,
        #[arg(long)]
        out: PathBuf,
    },
    /// Sign an event file and print the DSSE envelope.
    Sign {
        #[arg(long = "key", required = true)]
        keys: Vec<PathBuf>,
        event: PathBuf,
    },
    /// Sign an event, post it, check the acknowledgement's proof, print it.
    Submit {
        #[arg(long)]
        server: String,
        #[arg(long = "key", required = true)]
        keys: Vec<PathBuf>,
        /// The log's vkey (or a file holding it); by default the server's own is fetched.
        #[arg(long)]
        log_vkey: Option<String>,
        /// Make every check of the append and write nothing: prints the index it would get and
        /// the findings it would raise (contract §7 `?dry_run=true`).
        #[arg(long)]
        dry_run: bool,
        event: PathBuf,
    },
    /// Run the HTTP server.
    Serve {
        #[arg(long, default_value = "./ledger-data")]
        data: PathBuf,
        #[arg(long, default_value = "127.0.0.1:8080")]
        listen: String,
        /// Fill a new ledger with the historical cases of cases.md.
        #[arg(long)]
        demo: bool,
        #[command(flatten)]
        limits: LimitArgs,
        /// A C2SP tlog-policy: submit each checkpoint to its witnesses (contract §10).
        #[arg(long)]
        witness_policy: Option<PathBuf>,
        /// Seconds an append waits for a checkpoint with the policy's quorum.
        #[arg(long, default_value_t = 3.0)]
        witness_timeout: f64,
    },
    /// Write an export (entries.jsonl, checkpoint, log.vkey).
    Export {
        #[arg(long, conflicts_with = "server", required_unless_present = "server")]
        data: Option<PathBuf>,
        #[arg(long)]
        server: Option<String>,
        #[arg(long)]
        out: PathBuf,
    },
    /// Write or update the static tiles tree of contract §9 (C2SP tlog-tiles): checkpoint,
    /// log.vkey, tile/…; incremental, crash-safe (checkpoint last, by rename).
    Publish {
        /// A ledger's data directory (its server stopped)...
        #[arg(long, conflicts_with = "server", required_unless_present = "server")]
        data: Option<PathBuf>,
        /// ...or a running server (its /tlog).
        #[arg(long)]
        server: Option<String>,
        #[arg(long)]
        out: PathBuf,
        /// The log's vkey (or a file holding it); by default the source's own.
        #[arg(long)]
        log_vkey: Option<String>,
    },
    /// A witness (contract §10, C2SP tlog-witness): `init` makes its key, `serve` runs it.
    Witness {
        #[command(subcommand)]
        cmd: WitnessCmd,
    },
    /// A verified, read-only copy that follows a log through its tiles (contract §9) and
    /// serves the same read routes and pages.
    Mirror {
        /// The tiles prefix: `http://host/tlog`, or the root of a static copy (URL or directory).
        #[arg(long)]
        from: String,
        #[arg(long)]
        data: PathBuf,
        /// The log's vkey (or a file holding it): the trust anchor.
        #[arg(long, required_unless_present = "policy")]
        log_vkey: Option<String>,
        /// A C2SP tlog-policy (contract §10).
        #[arg(long, conflicts_with = "log_vkey")]
        policy: Option<PathBuf>,
        #[arg(long, default_value = "127.0.0.1:8080")]
        listen: String,
        /// Seconds between two reads of the log's checkpoint.
        #[arg(long, default_value_t = 5.0)]
        interval: f64,
        #[command(flatten)]
        limits: LimitArgs,
    },
    /// A new ledger from an export: every check of verify, then stored. With the log's signer
    /// key it takes appends again; without it, it is served read-only.
    Import {
        #[arg(long)]
        data: PathBuf,
        /// The export's directory (entries.jsonl, checkpoint, log.vkey), or a tiles tree (a
        /// directory holding checkpoint and tile/, or an http:// prefix).
        export: PathBuf,
        /// The log's signer key (PRIVATE+KEY+...), matching the genesis' log_vkey.
        #[arg(long)]
        log_key: Option<PathBuf>,
    },
    /// Verify an export, or a tiles tree (a directory or an http:// prefix), offline.
    Verify {
        dir: PathBuf,
        /// The trust anchor: the log's vkey, or a file holding it.
        #[arg(long, conflicts_with = "policy")]
        log_vkey: Option<String>,
        /// A C2SP tlog-policy (contract §10): the log key and the quorum of witness
        /// cosignatures the checkpoint must carry.
        #[arg(long)]
        policy: Option<PathBuf>,
        /// An earlier checkpoint (file) that the export must extend.
        #[arg(long)]
        since: Option<PathBuf>,
        #[arg(long)]
        json: bool,
        /// Exit 3 when the log is intact but a rule is violated.
        #[arg(long)]
        strict: bool,
    },
    /// Check a decision's receipt offline: proofs, checkpoint, and the verdict recomputed from its entries.
    VerifyReceipt {
        file: PathBuf,
        /// The trust anchor: the log's vkey, or a file holding it.
        #[arg(long, required_unless_present = "policy", conflicts_with = "policy")]
        log_vkey: Option<String>,
        /// A C2SP tlog-policy: the log key, and the quorum of witness cosignatures the
        /// receipt's checkpoint must carry (contract §10).
        #[arg(long)]
        policy: Option<PathBuf>,
    },
    /// Check an entry's C2SP tlog-proof offline (contract §11): the checkpoint (and the quorum
    /// under a policy), the inclusion of the entry line; prints the entry.
    VerifyProof {
        file: PathBuf,
        /// The trust anchor: the log's vkey, or a file holding it.
        #[arg(long, required_unless_present = "policy", conflicts_with = "policy")]
        log_vkey: Option<String>,
        /// A C2SP tlog-policy: the log key, and the quorum of witness cosignatures the
        /// proof's checkpoint must carry (contract §10).
        #[arg(long)]
        policy: Option<PathBuf>,
    },
    /// Print a document's digest as the ledger records it: `blake3:<hex>`.
    Digest { file: PathBuf },
    /// Measure: HTTP appends with latencies, the bare limit, a large ledger's verify and rebuild.
    Bench {
        /// Events appended over HTTP.
        #[arg(long, default_value_t = 20_000)]
        events: usize,
        /// Concurrent HTTP clients.
        #[arg(long, default_value_t = 64)]
        clients: usize,
        /// Entries of the large ledger (0 skips that step).
        #[arg(long, default_value_t = 1_000_000)]
        ledger: usize,
        /// Keep the large ledger (DIR/data) and its export (DIR/export) for inspection.
        #[arg(long, value_name = "DIR")]
        keep: Option<PathBuf>,
        /// Only the figures of an existing export: the strict-signature limit, `verify` and
        /// `import` of it, side by side.
        #[arg(long, value_name = "DIR")]
        export: Option<PathBuf>,
    },
    /// Print the findings and verdicts of the CP-11/4 rules.
    Audit {
        /// An export directory.
        #[arg(required_unless_present = "data", conflicts_with = "data")]
        dir: Option<PathBuf>,
        /// A data directory (the server must not be running on it).
        #[arg(long)]
        data: Option<PathBuf>,
        #[arg(long)]
        json: bool,
    },
}

/// Parses flags, runs the command, maps errors to exit code 2.
pub fn run() -> i32 {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return code;
        }
    };
    match dispatch(cli.command) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e:#}");
            2
        }
    }
}

#[derive(Subcommand, Debug)]
pub enum WitnessCmd {
    /// A new witness: its key in DIR/witness.skey (0600) and DIR/witness.vkey; prints the vkey.
    Init {
        #[arg(long)]
        data: PathBuf,
        /// The witness's name (a schema-less URL that identifies it, e.g. witness.example/african-group).
        #[arg(long)]
        name: String,
    },
    /// Serve the witness for the logs given (one --log per log: its vkey, or a file holding it).
    Serve {
        #[arg(long)]
        data: PathBuf,
        #[arg(long = "log", required = true)]
        logs: Vec<String>,
        #[arg(long, default_value = "127.0.0.1:8081")]
        listen: String,
    },
}

/// The bounds of `serve` (RELIABILITY.md): connections, timeouts, feed subscribers.
#[derive(clap::Args, Debug)]
pub struct LimitArgs {
    /// Connections served at once (beyond it: 503 with Retry-After; kept under the fd limit).
    #[arg(long, default_value_t = 1024)]
    max_connections: usize,
    /// Connections served at once from one client address (behind a proxy: set it to
    /// --max-connections).
    #[arg(long, default_value_t = 256)]
    max_connections_per_client: usize,
    /// Seconds for a request head to arrive (also the idle keep-alive timeout).
    #[arg(long, default_value_t = 10.0)]
    header_timeout: f64,
    /// Seconds for a request body to arrive.
    #[arg(long, default_value_t = 10.0)]
    body_timeout: f64,
    /// Seconds for the server to answer a request (503 after).
    #[arg(long, default_value_t = 30.0)]
    request_timeout: f64,
    /// Seconds a write to a client may make no progress before the connection is dropped.
    #[arg(long, default_value_t = 20.0)]
    write_timeout: f64,
    /// Open /v1/feed streams at once (beyond it: 503).
    #[arg(long, default_value_t = 256)]
    max_subscribers: usize,
}

impl LimitArgs {
    fn into_limits(self) -> ledger_http::server::Limits {
        let secs = |s: f64| std::time::Duration::from_secs_f64(s.clamp(0.05, 86_400.0));
        ledger_http::server::Limits {
            max_connections: self.max_connections.max(1),
            max_per_client: self.max_connections_per_client.max(1),
            header_timeout: secs(self.header_timeout),
            body_timeout: secs(self.body_timeout),
            request_timeout: secs(self.request_timeout),
            write_timeout: secs(self.write_timeout),
            max_subscribers: self.max_subscribers,
            ..Default::default()
        }
    }
}

fn witness_cmd(cmd: WitnessCmd) -> Result<i32> {
    use ledger_proof::cosig::CosignerSigner;
    match cmd {
        WitnessCmd::Init { data, name } => {
            let skey = data.join("witness.skey");
            if skey.exists() {
                bail!("{} already holds a witness key", data.display());
            }
            std::fs::create_dir_all(&data)
                .with_context(|| format!("creating {}", data.display()))?;
            let key = CosignerSigner::generate(&name, &mut rand::rngs::OsRng)
                .map_err(|e| anyhow!("{e}"))?;
            data::write_secret(&skey, &format!("{key}\n"))?;
            std::fs::write(data.join("witness.vkey"), format!("{}\n", key.verifier()))?;
            println!("{}", key.verifier());
            Ok(0)
        }
        WitnessCmd::Serve { data, logs, listen } => {
            let text = std::fs::read_to_string(data.join("witness.skey")).with_context(|| {
                format!(
                    "reading {}/witness.skey (make one with `dledger witness init`)",
                    data.display()
                )
            })?;
            let key = CosignerSigner::parse(&text).map_err(|e| anyhow!("witness.skey: {e}"))?;
            let mut followed = std::collections::HashMap::new();
            for l in &logs {
                let k = read_vkey(l)?;
                followed.insert(k.name().to_owned(), k);
            }
            let db =
                ledger_store::witness::WitnessDb::open(&data.join("db")).with_context(|| {
                    format!(
                        "opening {}/db (is a witness running on it?)",
                        data.display()
                    )
                })?;
            let w = ledger_http::witness::Witness {
                db: std::sync::Arc::new(db),
                key: std::sync::Arc::new(key.clone()),
                logs: std::sync::Arc::new(followed),
                clock: std::sync::Arc::new(|| {
                    std::time::SystemTime::now()
                        .duration_since(std::time::UNIX_EPOCH)
                        .map_or(0, |d| d.as_secs())
                }),
            };
            let mut limits = ledger_http::server::Limits::default();
            limits.fit_to_fds();
            runtime()?.block_on(async move {
                let shutdown = data::shutdown_signal();
                let listener = tokio::net::TcpListener::bind(&listen)
                    .await
                    .with_context(|| format!("binding {listen}"))?;
                eprintln!(
                    "dledger witness {} listening on http://{} (logs: {})",
                    key.name(),
                    listener.local_addr()?,
                    logs.len()
                );
                ledger_http::server::serve(
                    listener,
                    ledger_http::witness::router(w),
                    limits,
                    ledger_http::metrics::Metrics::new(),
                    shutdown,
                )
                .await?;
                Ok::<_, anyhow::Error>(())
            })?;
            Ok(0)
        }
    }
}

fn published(p: &tiles::Published, out: &Path) -> Result<i32> {
    println!(
        "published {} entries to {}: {} files written, {} full tiles and bundles already there",
        p.size,
        out.display(),
        p.written,
        p.kept
    );
    Ok(0)
}

fn dispatch(cmd: Command) -> Result<i32> {
    match cmd {
        Command::Init { data, origin } => {
            let info = data::init(&data, &origin)?;
            println!("initialised {} (origin {origin})", data.display());
            println!("log key:   {}", info.log_vkey);
            println!("admin key: {}", info.admin_vkey);
            Ok(0)
        }
        Command::Keygen { name, out } => {
            let key =
                SignerKey::generate(&name, &mut rand::rngs::OsRng).map_err(|e| anyhow!("{e}"))?;
            data::write_secret(&out, &format!("{key}\n"))?;
            println!("{}", key.verifier());
            Ok(0)
        }
        Command::Sign { keys, event } => {
            let env = sign_file(&keys, &event)?;
            println!("{}", env.to_json());
            Ok(0)
        }
        Command::Submit {
            server,
            keys,
            log_vkey,
            dry_run,
            event,
        } => submit(&server, &keys, log_vkey.as_deref(), &event, dry_run),
        Command::Serve {
            data,
            listen,
            demo,
            limits,
            witness_policy,
            witness_timeout,
        } => {
            let witness = witness_policy
                .map(|p| -> Result<_> {
                    let text = std::fs::read_to_string(&p)
                        .with_context(|| format!("reading --witness-policy {}", p.display()))?;
                    let policy = ledger_proof::policy::Policy::parse(&text)
                        .map_err(|e| anyhow!("{}: {e}", p.display()))?;
                    Ok((
                        policy,
                        std::time::Duration::from_secs_f64(witness_timeout.clamp(0.05, 3600.0)),
                    ))
                })
                .transpose()?;
            data::serve(&data, &listen, demo, limits.into_limits(), witness)
        }
        Command::Export { data, server, out } => {
            let n = match (data, server) {
                (Some(d), _) => data::export_local(&d, &out)?,
                (None, Some(s)) => export_remote(&s, &out)?,
                (None, None) => bail!("give --data DIR or --server URL"),
            };
            println!("exported {n} entries to {}", out.display());
            Ok(0)
        }
        Command::Publish {
            data,
            server,
            out,
            log_vkey,
        } => {
            let trusted = log_vkey.as_deref().map(read_vkey).transpose()?;
            let src = match (data, server) {
                (Some(d), _) => {
                    let (store, vkey) = data::open_store(&d)?;
                    let trusted = trusted.or(Some(vkey));
                    let src = tiles::TilesAt::Store(store);
                    let p = tiles::publish(&src, &out, trusted.as_ref())?;
                    return published(&p, &out);
                }
                (None, Some(s)) => {
                    tiles::TilesAt::open(&format!("{}/tlog", s.trim_end_matches('/')))?
                }
                (None, None) => bail!("give --data DIR or --server URL"),
            };
            let p = tiles::publish(&src, &out, trusted.as_ref())?;
            published(&p, &out)
        }
        Command::Witness { cmd } => witness_cmd(cmd),
        Command::Mirror {
            from,
            data,
            log_vkey,
            policy,
            listen,
            interval,
            limits,
        } => {
            let trust = trust_arg(log_vkey.as_deref(), policy.as_deref())?;
            mirror::mirror(
                &from,
                &data,
                &trust,
                &listen,
                std::time::Duration::from_secs_f64(interval.clamp(0.05, 86_400.0)),
                limits.into_limits(),
            )
        }
        Command::Import {
            data,
            export,
            log_key,
        } => {
            let t = std::time::Instant::now();
            let (n, writable) = data::import(&data, &export, log_key.as_deref())?;
            println!(
                "imported {n} entries into {} in {:.1} s ({})",
                data.display(),
                t.elapsed().as_secs_f64(),
                if writable {
                    "with the log key: it takes appends"
                } else {
                    "without the log key: served read-only"
                }
            );
            Ok(0)
        }
        Command::Verify {
            dir,
            log_vkey,
            policy,
            since,
            json,
            strict,
        } => verify(
            &dir,
            log_vkey.as_deref(),
            policy.as_deref(),
            since.as_deref(),
            json,
            strict,
        ),
        Command::VerifyReceipt {
            file,
            log_vkey,
            policy,
        } => verify_receipt(&file, log_vkey.as_deref(), policy.as_deref()),
        Command::VerifyProof {
            file,
            log_vkey,
            policy,
        } => verify_proof(&file, log_vkey.as_deref(), policy.as_deref()),
        Command::Digest { file } => digest(&file),
        Command::Bench {
            events,
            clients,
            ledger,
            keep,
            export,
        } => match export {
            Some(dir) => bench::export_figures(&dir),
            None => bench::run(bench::Args {
                events,
                clients,
                ledger,
                keep,
            }),
        },
        Command::Audit { dir, data, json } => audit_cmd(dir.as_deref(), data.as_deref(), json),
    }
}

pub fn read_signer(path: &Path) -> Result<SignerKey> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("reading key {}", path.display()))?;
    SignerKey::parse(&text).map_err(|e| anyhow!("key {}: {e}", path.display()))
}

/// A vkey given inline or as a file.
pub(crate) fn read_vkey(arg: &str) -> Result<VerifierKey> {
    if let Ok(k) = VerifierKey::parse(arg) {
        return Ok(k);
    }
    let text = std::fs::read_to_string(arg)
        .with_context(|| format!("--log-vkey {arg:?} is neither a vkey nor a readable file"))?;
    VerifierKey::parse(&text).map_err(|e| anyhow!("--log-vkey {arg}: {e}"))
}

fn sign_file(keys: &[PathBuf], event: &Path) -> Result<Envelope> {
    let payload = std::fs::read(event).with_context(|| format!("reading {}", event.display()))?;
    ledger_events::json::parse_strict(&payload).map_err(|e| anyhow!("{}: {e}", event.display()))?;
    let signers = keys
        .iter()
        .map(|k| read_signer(k))
        .collect::<Result<Vec<_>>>()?;
    let refs: Vec<&SignerKey> = signers.iter().collect();
    Ok(Envelope::sign(&payload, &refs))
}

pub(crate) fn runtime() -> Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("starting the async runtime")
}

fn url(server: &str, path: &str) -> String {
    format!("{}{path}", server.trim_end_matches('/'))
}

async fn get_text(client: &reqwest::Client, u: &str) -> Result<String> {
    let resp = client
        .get(u)
        .send()
        .await
        .with_context(|| format!("GET {u}"))?;
    let status = resp.status();
    let body = resp.text().await.with_context(|| format!("GET {u}"))?;
    if !status.is_success() {
        bail!("GET {u}: {status}: {body}");
    }
    Ok(body)
}

fn submit(
    server: &str,
    keys: &[PathBuf],
    log_vkey: Option<&str>,
    event: &Path,
    dry_run: bool,
) -> Result<i32> {
    let env = sign_file(keys, event)?;
    runtime()?.block_on(async {
        let client = reqwest::Client::new();
        let log_key = match (log_vkey, dry_run) {
            (Some(k), _) => Some(read_vkey(k)?),
            (None, false) => Some(
                VerifierKey::parse(&get_text(&client, &url(server, "/v1/log-key")).await?)
                    .map_err(|e| anyhow!("the server's log key: {e}"))?,
            ),
            // a dry run has no acknowledgement to check
            (None, true) => None,
        };
        let u = url(
            server,
            if dry_run {
                "/v1/events?dry_run=true"
            } else {
                "/v1/events"
            },
        );
        let resp = client
            .post(&u)
            .header("content-type", "application/json")
            .body(env.to_json())
            .send()
            .await
            .with_context(|| format!("POST {u}"))?;
        let status = resp.status();
        let body = resp.text().await?;
        if !status.is_success() {
            eprintln!("{body}");
            bail!(
                "the server {} the event: {status}",
                if dry_run { "would refuse" } else { "refused" }
            );
        }
        let value: serde_json::Value =
            serde_json::from_str(&body).context("the server's answer is not JSON")?;
        let Some(log_key) = log_key.filter(|_| !dry_run) else {
            if value["dry_run"] != serde_json::json!(true) {
                bail!("the server did not make a dry run (it answered {body})");
            }
            println!("{}", serde_json::to_string_pretty(&value)?);
            eprintln!("dry run: every check passed; nothing was written");
            return Ok(0);
        };
        let ack: Acknowledgement = serde_json::from_value(value.clone())
            .context("the acknowledgement is not of the shape of contract §7")?;
        check_ack(&ack, &env, &log_key)?;
        println!("{}", serde_json::to_string_pretty(&value)?);
        Ok(0)
    })
}

/// Checks an acknowledgement on its own: the entry holds our envelope, the checkpoint is signed
/// by the log key, and the inclusion proof leads from the entry to the checkpoint's root.
pub fn check_ack(ack: &Acknowledgement, sent: &Envelope, log_key: &VerifierKey) -> Result<()> {
    let line = &ack.entry;
    let entry = ledger_proof::Entry::parse(line).map_err(|e| anyhow!("ack entry: {e}"))?;
    if entry.envelope.payload != sent.payload || entry.envelope.payload_type != PAYLOAD_TYPE {
        bail!("the acknowledged entry does not hold the submitted payload");
    }
    let cp = Checkpoint::parse_verified(&ack.checkpoint, log_key)
        .map_err(|e| anyhow!("ack checkpoint: {e}"))?;
    let proof = &ack.inclusion_proof;
    let (index, size) = (proof.index, proof.size);
    if index != entry.index || size != cp.size || ack.index != entry.index {
        bail!("the ack's proof is for index {index}, size {size}, not entry {} under a checkpoint of size {}", entry.index, cp.size);
    }
    let hashes = proof
        .hashes
        .iter()
        .map(|h| {
            let b = b64_decode(h).map_err(|e| anyhow!("proof hash: {e}"))?;
            <[u8; 32]>::try_from(b.as_slice()).map_err(|_| anyhow!("proof hash is not 32 bytes"))
        })
        .collect::<Result<Vec<_>>>()?;
    verify_inclusion(index, size, &leaf_hash(line.as_bytes()), &hashes, &cp.root)
        .map_err(|e| anyhow!("the inclusion proof does not verify: {e}"))?;
    Ok(())
}

fn export_remote(server: &str, out: &Path) -> Result<u64> {
    runtime()?.block_on(async {
        let client = reqwest::Client::new();
        let vkey_text = get_text(&client, &url(server, "/v1/log-key")).await?;
        let log_key =
            VerifierKey::parse(&vkey_text).map_err(|e| anyhow!("the server's log key: {e}"))?;
        let checkpoint = get_text(&client, &url(server, "/v1/checkpoint")).await?;
        let cp = Checkpoint::parse_verified(&checkpoint, &log_key)
            .map_err(|e| anyhow!("the server's checkpoint: {e}"))?;
        let mut lines = Vec::new();
        let mut count = 0u64;
        while count < cp.size {
            let page = get_text(
                &client,
                &url(server, &format!("/v1/entries?start={count}&limit=1000")),
            )
            .await?;
            if page.is_empty() {
                bail!(
                    "the server stopped at {count} entries, its checkpoint says {}",
                    cp.size
                );
            }
            for line in page.split_inclusive('\n') {
                if count == cp.size {
                    break;
                }
                lines.extend_from_slice(line.as_bytes());
                count += 1;
            }
        }
        data::write_export(out, &lines, &checkpoint, &log_key)?;
        Ok(count)
    })
}

/// Reads an export directory: entries, checkpoint, and the log key it ships.
/// The shape of an export's `entries.jsonl` (its last byte, and its line count when that byte
/// is not a newline), read from its end, for [`ledger_log::verify::verify_read`].
pub(crate) fn shape_of_file(path: &std::path::Path) -> std::io::Result<ledger_log::verify::Shape> {
    use ledger_log::verify::Shape;
    use std::io::{Read, Seek, SeekFrom};
    let mut f = std::fs::File::open(path)?;
    let len = f.metadata()?.len();
    if len == 0 {
        return Ok(Shape {
            last: None,
            lines: 0,
        });
    }
    f.seek(SeekFrom::Start(len - 1))?;
    let mut b = [0u8; 1];
    f.read_exact(&mut b)?;
    // The line count only matters for the message about a missing newline.
    let lines = if b[0] == b'\n' {
        0
    } else {
        f.seek(SeekFrom::Start(0))?;
        let mut n = 0u64;
        let mut buf = vec![0u8; 1 << 20];
        loop {
            let k = f.read(&mut buf)?;
            if k == 0 {
                break;
            }
            n += buf[..k].iter().filter(|b| **b == b'\n').count() as u64;
        }
        n
    };
    Ok(Shape {
        last: Some(b[0]),
        lines,
    })
}

/// The lines of an export: a file, read as it is verified (never whole into memory), or bytes.
pub(crate) enum Entries {
    File(std::path::PathBuf),
    Bytes(Vec<u8>),
    /// A tiles tree (contract §9): its bundles are read as lines, and its tree tiles are checked
    /// against the tiles computed from those lines.
    Tiles(tiles::TilesAt),
}

fn read_export(dir: &Path) -> Result<(Entries, String, Option<String>)> {
    let name = dir.to_string_lossy();
    if tiles::is_tiles(&name) {
        let src = tiles::TilesAt::open(&name)?;
        let checkpoint = src.checkpoint()?;
        let vkey = src.shipped_vkey()?;
        return Ok((Entries::Tiles(src), checkpoint, vkey));
    }
    let path = dir.join("entries.jsonl");
    std::fs::File::open(&path).with_context(|| format!("reading {}", path.display()))?;
    let entries = Entries::File(path);
    // Bytes, not text: a checkpoint altered into invalid UTF-8 is an integrity failure (exit 1),
    // which the lossy text then shows, not an I/O error.
    let checkpoint = std::fs::read(dir.join("checkpoint"))
        .map(|b| String::from_utf8_lossy(&b).into_owned())
        .with_context(|| format!("reading {}/checkpoint", dir.display()))?;
    let vkey = std::fs::read_to_string(dir.join("log.vkey")).ok();
    Ok((entries, checkpoint, vkey))
}

/// Integrity, then the rules, as `dledger verify` and `dledger audit` both need.
fn check_export(
    entries: &Entries,
    checkpoint: &str,
    shipped_vkey: Option<&str>,
    trusted: Option<&VerifierKey>,
    since: Option<&str>,
) -> Result<(
    ledger_log::verify::Report<ledger_rules::Model>,
    Option<Audit>,
)> {
    use ledger_log::verify::{verify_read, Problem};
    let mut report = match entries {
        Entries::Bytes(b) => verify_export::<ledger_rules::Model>(b, checkpoint, trusted, since),
        Entries::File(path) => {
            let shape =
                shape_of_file(path).with_context(|| format!("reading {}", path.display()))?;
            let file =
                std::fs::File::open(path).with_context(|| format!("reading {}", path.display()))?;
            verify_read(file, shape, checkpoint, trusted, since, |_, _, _| Ok(()))
        }
        Entries::Tiles(src) => {
            let size = checkpoint
                .lines()
                .nth(1)
                .and_then(|l| l.parse::<u64>().ok())
                .unwrap_or(0);
            let shape = ledger_log::verify::Shape {
                last: (size > 0).then_some(b'\n'),
                lines: 0,
            };
            // The key the state is kept under: the trusted one, else the one the tree ships.
            let key_id = trusted.map(VerifierKey::key_id).or_else(|| {
                shipped_vkey
                    .and_then(|t| VerifierKey::parse(t.trim()).ok())
                    .map(|k| k.key_id())
            });
            // `--since` a checkpoint this machine verified before: resume from there.
            let resume = match (since, &key_id) {
                (Some(t), Some(k)) => Checkpoint::parse_unverified(t)
                    .ok()
                    .and_then(|(c, _)| tiles::load_state(k, c.size, &c.root)),
                _ => None,
            };
            let report = match resume {
                Some(r) => {
                    let from = r.size;
                    eprintln!(
                        "verify: resuming from this machine's verification of the first {from} entries (the --since checkpoint): checking only the entries added since"
                    );
                    let mut leaves = Vec::new();
                    let mut report = ledger_log::verify::verify_read_from(
                        Some(r),
                        tiles::BundleLines::from_entry(src, size, from),
                        shape,
                        checkpoint,
                        trusted,
                        since,
                        |_, line, _| {
                            leaves.push(ledger_proof::leaf_hash(line));
                            Ok(())
                        },
                    );
                    if report.intact() {
                        if let Err(why) =
                            tiles::check_tiles_since(src, from, &leaves, size, &report.root)
                        {
                            report.problems.push(Problem::Checkpoint { why });
                        }
                    }
                    report
                }
                None => {
                    let mut set = ledger_proof::tlog::TileSet::new();
                    let mut report = verify_read(
                        tiles::BundleLines::new(src, size),
                        shape,
                        checkpoint,
                        trusted,
                        since,
                        |_, line, _| {
                            set.push_line(line);
                            Ok(())
                        },
                    );
                    if report.intact() {
                        if let Err(why) = tiles::check_tree_tiles(src, &set) {
                            report.problems.push(Problem::Checkpoint { why });
                        }
                    }
                    report
                }
            };
            if let (true, Some(k), Some(r)) = (report.intact(), &key_id, report.resume()) {
                if let Err(e) = tiles::save_state(k, &report.root, &r) {
                    eprintln!("verify: the state reached was not saved for a later --since: {e:#}");
                }
            }
            report
        }
    };
    // The export's own log.vkey must be the log key it names, or a reader trusting the file is misled.
    if let (true, Some(text)) = (report.intact(), shipped_vkey) {
        match (VerifierKey::parse(text), &report.state.log_key) {
            (Ok(k), Some(g)) if &k == g => {}
            (Ok(k), Some(g)) => report.problems.push(Problem::Checkpoint {
                why: format!(
                    "log.vkey holds {}, not the log key {} named in the genesis entry",
                    k.key_id(),
                    g.key_id()
                ),
            }),
            (Err(e), _) => report.problems.push(Problem::Checkpoint {
                why: format!("log.vkey: {e}"),
            }),
            _ => {}
        }
    }
    if !report.intact() {
        return Ok((report, None));
    }
    let settings = Settings::default();
    let findings = ledger_rules::evaluate(&report.model, &settings);
    let audit = ledger_rules::audit(
        &report.model,
        &settings,
        findings,
        ledger_proof::b64_encode(&report.root),
    );
    Ok((report, Some(audit)))
}

fn count(audit: &Audit, sev: Severity) -> usize {
    audit.findings.iter().filter(|f| f.severity == sev).count()
}

fn verify(
    dir: &Path,
    log_vkey: Option<&str>,
    policy: Option<&Path>,
    since: Option<&Path>,
    json: bool,
    strict: bool,
) -> Result<i32> {
    let mut trusted = log_vkey.map(read_vkey).transpose()?;
    let (entries, checkpoint, shipped) = read_export(dir)?;
    let policy = policy
        .map(|p| -> Result<ledger_proof::policy::Policy> {
            let text = std::fs::read_to_string(p)
                .with_context(|| format!("reading --policy {}", p.display()))?;
            ledger_proof::policy::Policy::parse(&text).map_err(|e| anyhow!("{}: {e}", p.display()))
        })
        .transpose()?;
    if let Some(p) = &policy {
        // The policy's log whose name is the checkpoint's origin is the trust anchor.
        let origin = checkpoint.lines().next().unwrap_or("");
        trusted = Some(
            p.logs
                .iter()
                .map(|(k, _)| k.clone())
                .find(|k| k.name() == origin)
                .ok_or_else(|| anyhow!("the policy lists no log with origin {origin:?}"))?,
        );
    }
    let since_text = since
        .map(|p| {
            std::fs::read_to_string(p).with_context(|| format!("reading --since {}", p.display()))
        })
        .transpose()?;
    let (report, audit) = check_export(
        &entries,
        &checkpoint,
        shipped.as_deref(),
        trusted.as_ref(),
        since_text.as_deref(),
    )?;
    let mut report = report;
    if let (true, Some(p)) = (report.intact(), &policy) {
        match p.verify(&checkpoint) {
            Ok(w) => eprintln!(
                "checkpoint: the policy's quorum holds ({} cosignatures: {})",
                w.cosigned.len(),
                w.cosigned.keys().cloned().collect::<Vec<_>>().join(", ")
            ),
            Err(why) => report
                .problems
                .push(ledger_log::verify::Problem::Checkpoint { why }),
        }
    }
    let violations = audit.as_ref().map_or(0, |a| count(a, Severity::Violation));
    if json {
        let out = serde_json::json!({
            "intact": report.intact(),
            "anchored": report.anchored,
            "log_key": report.log_key_id,
            "size": report.size,
            "root": ledger_proof::b64_encode(&report.root),
            "problems": report.problems.iter().map(|p| p.to_string()).collect::<Vec<_>>(),
            "audit": audit,
        });
        println!("{}", serde_json::to_string_pretty(&out)?);
    } else if report.intact() {
        println!(
            "intact: {} entries, root {}",
            report.size,
            ledger_proof::b64_encode(&report.root)
        );
        match (&report.log_key_id, report.anchored) {
            (Some(k), true) => println!("checkpoint signed by {k}, the trusted log key"),
            (Some(k), false) => println!(
                "checkpoint signed by {k}, the key named in the export itself: the export is only self-consistent (pass --log-vkey to anchor it)"
            ),
            _ => {}
        }
        if let Some(a) = &audit {
            let out_of_scope = a
                .decisions
                .iter()
                .filter(|d| d.verdict == Verdict::OutOfScope)
                .count();
            println!(
                "rules {}: {} decisions ({} out of scope); {} violations, {} advisories, {} info (run `dledger audit` for details)",
                ledger_events::RULE_SET,
                a.decisions.len(),
                out_of_scope,
                violations,
                count(a, Severity::Advisory),
                count(a, Severity::Info)
            );
        }
    } else {
        for p in &report.problems {
            println!("{p}");
        }
    }
    let code = if !report.intact() {
        1
    } else if strict && violations > 0 {
        3
    } else {
        0
    };
    // The process exits next: freeing the state of a large log one allocation at a time would
    // only delay the answer (seconds at 10M entries), so it is left to the exit.
    std::mem::forget((report, audit));
    Ok(code)
}

fn audit_cmd(dir: Option<&Path>, data: Option<&Path>, json: bool) -> Result<i32> {
    let (entries, checkpoint, vkey) = match (dir, data) {
        (Some(d), _) => read_export(d)?,
        (None, Some(d)) => {
            let (lines, checkpoint, key) = data::read_local(d)?;
            (Entries::Bytes(lines), checkpoint, Some(key.to_string()))
        }
        (None, None) => bail!("give an export DIR or --data DIR"),
    };
    let (report, audit) = check_export(&entries, &checkpoint, vkey.as_deref(), None, None)?;
    let Some(audit) = audit else {
        for p in &report.problems {
            eprintln!("{p}");
        }
        return Ok(1);
    };
    if json {
        println!("{}", serde_json::to_string_pretty(&audit)?);
    } else {
        print!("{}", render_audit(&audit));
    }
    Ok(0)
}

fn severity_word(s: Severity) -> &'static str {
    match s {
        Severity::Violation => "violation",
        Severity::Advisory => "advisory",
        Severity::Info => "info",
    }
}

/// The audit for people: decisions first, verdict first, each finding with its rule, reason and evidence.
pub fn render_audit(a: &Audit) -> String {
    use std::fmt::Write;
    let mut s = String::new();
    let _ = writeln!(
        s,
        "Audit under {} of a log of {} entries (root {})",
        ledger_events::RULE_SET,
        a.size,
        a.root
    );
    let _ = writeln!(s);
    let line = |s: &mut String, f: &ledger_rules::Finding| {
        let _ = writeln!(
            s,
            "    {:<9} {:<26} {}",
            severity_word(f.severity),
            f.rule,
            f.message
        );
        let _ = writeln!(
            s,
            "              subject {}, evidence entries {:?}",
            f.subject, f.evidence
        );
    };
    let mut attached = std::collections::HashSet::new();
    for d in &a.decisions {
        let verdict = match d.verdict {
            Verdict::WithinScope => "WITHIN SCOPE",
            Verdict::OutOfScope => "OUT OF SCOPE",
            Verdict::InPerson => "IN PERSON",
        };
        let _ = writeln!(
            s,
            "{verdict}  decision {} ({}, {}, meeting {}, entry {})",
            d.decision_id, d.category, d.venue, d.meeting_id, d.index
        );
        if d.considered.is_empty() {
            let _ = writeln!(s, "    no findings");
        }
        for f in &d.considered {
            attached.insert((f.rule, f.subject.clone(), f.message.clone()));
            line(&mut s, f);
        }
        let _ = writeln!(s);
    }
    let rest: Vec<_> = a
        .findings
        .iter()
        .filter(|f| !attached.contains(&(f.rule, f.subject.clone(), f.message.clone())))
        .collect();
    if !rest.is_empty() {
        let _ = writeln!(s, "Findings on no decision:");
        for f in rest {
            line(&mut s, f);
        }
        let _ = writeln!(s);
    }
    let _ = writeln!(
        s,
        "{} decisions; {} violations, {} advisories, {} info",
        a.decisions.len(),
        count(a, Severity::Violation),
        count(a, Severity::Advisory),
        count(a, Severity::Info)
    );
    s
}

/// `--log-vkey` or `--policy`, as the trust anchor of a checkpoint.
fn trust_arg(log_vkey: Option<&str>, policy: Option<&Path>) -> Result<Trust> {
    match (log_vkey, policy) {
        (Some(k), _) => Ok(Trust::Log(read_vkey(k)?)),
        (None, Some(p)) => {
            let text = std::fs::read_to_string(p)
                .with_context(|| format!("reading --policy {}", p.display()))?;
            let policy = ledger_proof::policy::Policy::parse(&text)
                .map_err(|e| anyhow!("{}: {e}", p.display()))?;
            Ok(Trust::Policy(policy))
        }
        (None, None) => bail!("give --log-vkey VKEY or --policy FILE"),
    }
}

fn verify_proof(file: &Path, log_vkey: Option<&str>, policy: Option<&Path>) -> Result<i32> {
    let bytes = std::fs::read(file).with_context(|| format!("reading {}", file.display()))?;
    let trust = trust_arg(log_vkey, policy)?;
    let Ok(text) = std::str::from_utf8(&bytes) else {
        println!("proof does not hold: format: the file is not UTF-8 text");
        return Ok(1);
    };
    match ledger_proof::tlogproof::verify_entry_proof(text, &trust) {
        Err(why) => {
            println!("proof does not hold: {why}");
            Ok(1)
        }
        Ok(p) => {
            println!("{}", p.line);
            let cp = &p.checkpoint;
            let witnesses = if cp.cosigned.is_empty() {
                String::new()
            } else {
                let list: Vec<String> = cp
                    .cosigned
                    .iter()
                    .map(|(n, t)| format!("{n} at {}", unix_time(*t)))
                    .collect();
                format!("; cosigned by {}", list.join(", "))
            };
            eprintln!(
                "entry {} is in the log of {} entries under a checkpoint signed by {}{witnesses}",
                p.index,
                cp.checkpoint.size,
                cp.log.key_id()
            );
            Ok(0)
        }
    }
}

/// Seconds since the epoch, as `recorded_at` is written.
fn unix_time(t: u64) -> String {
    ledger_events::time::Instant::from_millis(i128::from(t) * 1000).to_recorded_at()
}

fn digest(file: &Path) -> Result<i32> {
    let mut f = std::fs::File::open(file).with_context(|| format!("reading {}", file.display()))?;
    let mut h = blake3::Hasher::new();
    std::io::copy(&mut f, &mut h).with_context(|| format!("reading {}", file.display()))?;
    println!("blake3:{}", h.finalize().to_hex());
    Ok(0)
}

fn verify_receipt(file: &Path, log_vkey: Option<&str>, policy: Option<&Path>) -> Result<i32> {
    let bytes = std::fs::read(file).with_context(|| format!("reading {}", file.display()))?;
    let trust = trust_arg(log_vkey, policy)?;
    // The receipt's checkpoint names its log by its origin; under a policy it must also carry
    // the quorum.
    let v: serde_json::Value = serde_json::from_slice(&bytes).unwrap_or_default();
    let note = v["checkpoint"].as_str().unwrap_or("");
    let trusted = trust
        .log_key(note.split('\n').next().unwrap_or(""))
        .map_err(|e| anyhow!("{e}"))?;
    if let Trust::Policy(p) = &trust {
        if let Err(why) = p.verify(note) {
            println!("receipt does not hold: checkpoint: {why}");
            return Ok(1);
        }
    }
    match ledger_views::receipt::verify(&bytes, &trusted) {
        Err(why) => {
            println!("receipt does not hold: {why}");
            Ok(1)
        }
        Ok(v) => {
            let r = &v.receipt;
            let verdict = match r.verdict {
                Verdict::WithinScope => "WITHIN SCOPE",
                Verdict::OutOfScope => "OUT OF SCOPE",
                Verdict::InPerson => "IN PERSON",
            };
            println!(
                "{verdict}  decision {} ({}, {}, meeting {})",
                r.decision_id, r.category, r.venue, r.meeting_id
            );
            for f in &r.findings {
                println!(
                    "    {:<9} {:<26} {}",
                    severity_word(f.severity),
                    f.rule,
                    f.message
                );
                println!(
                    "              subject {}, evidence entries {:?}",
                    f.subject, f.evidence
                );
            }
            for c in &v.coverage {
                println!("    {}", c.describe());
            }
            println!(
                "{} entries proven in the log of {} entries under a checkpoint signed by {}; the verdict was recomputed from them under {}",
                r.entries.len(),
                v.checkpoint.size,
                trusted.key_id(),
                ledger_events::RULE_SET
            );
            Ok(0)
        }
    }
}
