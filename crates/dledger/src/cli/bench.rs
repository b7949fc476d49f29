//! `dledger bench`: end-to-end figures in one run, side by side with the limit this machine
//! allows. (1) signed, durable, proof-carrying appends over HTTP from concurrent clients, with
//! latencies; (2) the bare limit: Ed25519 verification of the same envelopes plus sled inserts
//! flushed per batch, no server; (3) a large ledger: import, offline verify throughput (both
//! cores), projection (rules) rebuild throughput, and the RSS of a server holding it.

use anyhow::{anyhow, bail, Context, Result};
use ledger_proof::{verify_dsse_signature, Envelope, SignerKey, PAYLOAD_TYPE};
use ledger_rules::{Engine, Settings};
use ledger_store::{system_clock, Store};
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

pub struct Args {
    pub events: usize,
    pub clients: usize,
    pub ledger: usize,
    /// Leave the large ledger (`DIR/data`) and its export (`DIR/export`) there.
    pub keep: Option<PathBuf>,
}

fn sign_all(key: &SignerKey, prefix: &str, range: std::ops::Range<usize>) -> Vec<Envelope> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let items: Vec<usize> = range.collect();
    let chunk = items.len().div_ceil(threads).max(1);
    std::thread::scope(|s| {
        let hs: Vec<_> = items
            .chunks(chunk)
            .map(|c| {
                s.spawn(move || {
                    c.iter()
                        .map(|i| {
                            let ev = serde_json::json!({"id": format!("{prefix}-{i}"), "type": "party.registered",
                                "data": {"party_id": format!("{prefix}-{i}"), "name": format!("Party {i}"), "region": "african", "protocol_party_since": "2003-09-11"}});
                            Envelope::sign(ev.to_string().as_bytes(), &[key])
                        })
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        // A panicking signer thread is resumed here, never turned into missing envelopes.
        hs.into_iter()
            .flat_map(|h| h.join().unwrap_or_else(|p| std::panic::resume_unwind(p)))
            .collect()
    })
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

fn fresh_dir(name: &str) -> Result<PathBuf> {
    let d = std::env::temp_dir().join(format!("dledger-bench-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    Ok(d)
}

fn register_secretariat(dir: &Path, store: &Store) -> Result<SignerKey> {
    let admin = super::read_signer(&dir.join("keys/admin.skey"))?;
    let sec = SignerKey::from_seed("secretariat", [42; 32]).map_err(|e| anyhow!("{e}"))?;
    let reg = serde_json::json!({"id": "bench-sec", "type": "key.registered", "data": {"vkey": sec.verifier().to_string(), "role": "secretariat"}});
    store
        .append_blocking(Envelope::sign(reg.to_string().as_bytes(), &[&admin]))
        .map_err(|e| anyhow!("{e}"))?;
    Ok(sec)
}

pub fn run(a: Args) -> Result<i32> {
    println!(
        "dledger bench: {} events from {} clients; a ledger of {} entries; {} cores",
        a.events,
        a.clients,
        a.ledger,
        std::thread::available_parallelism().map_or(1, |n| n.get())
    );
    let (http_rate, p50, p99, lines) = http_appends(&a)?;
    println!("1. HTTP appends: {http_rate:.0} durable, signed, proof-carrying appends/s; latency p50 {:.2} ms, p99 {:.2} ms", p50.as_secs_f64() * 1e3, p99.as_secs_f64() * 1e3);
    let bare = bare_limit(a.events)?;
    println!("2. bare limit (Ed25519 verify + sled insert, flushed per 512, one thread, no server): {bare:.0}/s; HTTP / bare = {:.2}", http_rate / bare);
    match super::peer::postgres_inserts(&lines, a.clients) {
        Ok(pg) => println!("4. peer: PostgreSQL (a temporary server, synchronous_commit = on), the same {} lines inserted by {} clients, one transaction each: {pg:.0} inserts/s; our HTTP appends / PostgreSQL = {:.2}", lines.len(), a.clients, http_rate / pg),
        Err(why) => println!("4. peer: PostgreSQL skipped: {why}"),
    }
    if a.ledger > 0 {
        big_ledger(a.ledger, a.keep.as_deref())?;
    }
    Ok(0)
}

/// (appends/s, p50, p99, the lines stored)
fn http_appends(a: &Args) -> Result<(f64, Duration, Duration, Vec<String>)> {
    let dir = fresh_dir("http")?;
    super::data::init(&dir, "bench.local/log")?;
    let log = super::data::load_log_key(&dir)?;
    let store = Store::open(&dir.join("db"), log.clone(), system_clock())?;
    let sec = register_secretariat(&dir, &store)?;
    let envelopes = Arc::new(sign_all(&sec, "h", 0..a.events));
    let rt = super::runtime()?;
    let result = rt.block_on(async {
        let state = ledger_http::AppState::new(
            store.clone(),
            &log.verifier().to_string(),
            Settings::default(),
        );
        let views = state.views.clone();
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
        let addr = listener.local_addr()?;
        let (stop_tx, stop_rx) = tokio::sync::oneshot::channel::<()>();
        let server = tokio::spawn(ledger_http::serve(listener, state, async {
            let _ = stop_rx.await;
        }));
        let client = reqwest::Client::builder()
            .pool_max_idle_per_host(a.clients)
            .build()?;
        let next = Arc::new(AtomicUsize::new(0));
        let start = Instant::now();
        let mut tasks = Vec::new();
        for _ in 0..a.clients {
            let (client, next, envelopes) = (client.clone(), next.clone(), envelopes.clone());
            let url = format!("http://{addr}/v1/events");
            tasks.push(tokio::spawn(async move {
                let mut lat = Vec::new();
                loop {
                    let i = next.fetch_add(1, Ordering::SeqCst);
                    let Some(env) = envelopes.get(i) else { break };
                    let t = Instant::now();
                    let r = client
                        .post(&url)
                        .header("content-type", "application/json")
                        .body(env.to_json())
                        .send()
                        .await?;
                    let status = r.status();
                    let _ = r.bytes().await?;
                    if status.as_u16() != 201 {
                        bail!("append {i} answered {status}");
                    }
                    lat.push(t.elapsed());
                }
                Ok::<_, anyhow::Error>(lat)
            }));
        }
        let mut lat = Vec::new();
        for t in tasks {
            lat.extend(t.await.map_err(|e| anyhow!("{e}"))??);
        }
        let elapsed = start.elapsed();
        let _ = stop_tx.send(());
        let _ = server.await;
        views.stop();
        lat.sort();
        Ok::<_, anyhow::Error>((
            a.events as f64 / elapsed.as_secs_f64(),
            percentile(&lat, 0.5),
            percentile(&lat, 0.99),
        ))
    })?;
    drop(rt);
    let size = store.reader().published().size;
    let lines = store
        .reader()
        .entries(size - a.events as u64, a.events as u64)?
        .into_iter()
        .map(|l| String::from_utf8_lossy(&l).into_owned())
        .collect();
    drop(store);
    let _ = std::fs::remove_dir_all(&dir);
    Ok((result.0, result.1, result.2, lines))
}

fn bare_limit(n: usize) -> Result<f64> {
    let key = SignerKey::from_seed("secretariat", [42; 32]).map_err(|e| anyhow!("{e}"))?;
    let envelopes = sign_all(&key, "b", 0..n);
    let dir = fresh_dir("bare")?;
    let db = sled::Config::new().path(&dir).open()?;
    let tree = db.open_tree("bare")?;
    let vk = key.verifier();
    let start = Instant::now();
    for (c, chunk) in envelopes.chunks(512).enumerate() {
        let mut batch = sled::Batch::default();
        for (k, env) in chunk.iter().enumerate() {
            let payload = env.payload_bytes().map_err(|e| anyhow!("{e}"))?;
            if !verify_dsse_signature(&vk, PAYLOAD_TYPE, &payload, &env.signatures[0].sig) {
                bail!("bare limit: a signature did not verify");
            }
            batch.insert(
                &((c * 512 + k) as u64).to_be_bytes()[..],
                env.to_json().as_bytes(),
            );
        }
        tree.apply_batch(batch)?;
        db.flush()?;
    }
    let rate = n as f64 / start.elapsed().as_secs_f64();
    drop(tree);
    drop(db);
    let _ = std::fs::remove_dir_all(&dir);
    Ok(rate)
}

/// Sizes at which rates are measured over a window of entries ending there: every power of ten
/// from 10,000 up to the ledger's size, and the size itself.
fn marks(m: usize) -> (usize, Vec<usize>) {
    let window = 10_000usize.min(m.max(10) / 10).max(1);
    let mut v = Vec::new();
    let mut x = 10_000usize;
    while x < m {
        v.push(x);
        x *= 10;
    }
    v.push(m);
    v.retain(|&x| x >= window);
    v.dedup();
    (window, v)
}

fn sign_mix(admin: &SignerKey, sec: &SignerKey, events: &[super::mix::MixEvent]) -> Vec<Envelope> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let chunk = events.len().div_ceil(threads).max(1);
    std::thread::scope(|s| {
        let hs: Vec<_> = events
            .chunks(chunk)
            .map(|c| {
                s.spawn(move || {
                    c.iter()
                        .map(|e| {
                            let key = match e.signer {
                                super::mix::Signer::Admin => admin,
                                super::mix::Signer::Secretariat => sec,
                            };
                            Envelope::sign(e.event.to_string().as_bytes(), &[key])
                        })
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        hs.into_iter()
            .flat_map(|h| h.join().unwrap_or_else(|p| std::panic::resume_unwind(p)))
            .collect()
    })
}

/// Appends envelopes in order (one task each, polled in order on one thread, so the store sees
/// them in the order given), with up to 2,048 in flight so that group commit batches them.
fn feed(rt: &tokio::runtime::Runtime, store: &Store, envs: Vec<Envelope>) -> Result<()> {
    rt.block_on(async {
        let mut set = tokio::task::JoinSet::new();
        for env in envs {
            let s = store.clone();
            set.spawn(async move { s.append(env).await });
            while set.len() >= 2048 {
                if let Some(r) = set.join_next().await {
                    r.map_err(|e| anyhow!("{e}"))?.map_err(|e| anyhow!("{e}"))?;
                }
            }
        }
        while let Some(r) = set.join_next().await {
            r.map_err(|e| anyhow!("{e}"))?.map_err(|e| anyhow!("{e}"))?;
        }
        Ok::<_, anyhow::Error>(())
    })
}

/// Starts `dledger serve` on the data dir; returns the child, its URL and the time until
/// `/healthz` answered 200 and a read route served the whole log.
fn start_server(dir: &Path) -> Result<(std::process::Child, String, Duration)> {
    let exe = std::env::current_exe().context("locating the dledger binary")?;
    let t = Instant::now();
    let mut child = std::process::Command::new(exe)
        .args([
            "serve",
            "--data",
            dir.to_str().unwrap_or("."),
            "--listen",
            "127.0.0.1:0",
        ])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()?;
    let mut url = None;
    if let Some(err) = child.stderr.take() {
        let mut lines = BufReader::new(err).lines();
        for line in lines.by_ref().map_while(|l| l.ok()) {
            if let Some(rest) = line.split("listening on ").nth(1) {
                url = rest.split_whitespace().next().map(str::to_string);
                break;
            }
        }
        // keep draining the server's log so that it never blocks on a full pipe
        std::thread::spawn(move || for _ in lines.map_while(|l| l.ok()) {});
    }
    let url = url.ok_or_else(|| anyhow!("the server did not start"))?;
    let rt = super::runtime()?;
    rt.block_on(async {
        let client = reqwest::Client::new();
        loop {
            let ok = client
                .get(format!("{url}/healthz"))
                .send()
                .await
                .map(|r| r.status().as_u16() == 200);
            if let Ok(true) = ok {
                break;
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        client
            .get(format!("{url}/v1/decisions?limit=1"))
            .send()
            .await?
            .error_for_status()?;
        Ok::<_, anyhow::Error>(())
    })?;
    Ok((child, url, t.elapsed()))
}

fn status_kb(pid: u32, field: &str) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with(field))
                .and_then(|l| l.split_whitespace().nth(1)?.parse().ok())
        })
        .unwrap_or(0)
}

/// Reads a sample of every read route (warm-up), so that the RSS measured after is the steady one.
fn warm_up(url: &str, size: u64) -> Result<()> {
    let rt = super::runtime()?;
    rt.block_on(async {
        let c = reqwest::Client::new();
        for k in 0..200u64 {
            let i = (k * 7919) % size;
            c.get(format!("{url}/v1/entries/{i}"))
                .send()
                .await?
                .error_for_status()?;
            let cycle = (k * 131) % (size / 50).max(1);
            for path in [
                format!("/v1/meetings/on-{cycle}"),
                format!("/v1/decisions/on-{cycle}-d"),
                format!("/v1/silence/p-{cycle}"),
                format!("/v1/streams/meeting%2Fon-{cycle}"),
            ] {
                let _ = c.get(format!("{url}{path}")).send().await?.bytes().await?;
            }
        }
        for page in [
            "/v1/meetings?limit=100",
            "/v1/decisions?limit=100",
            "/v1/parties/african-1",
        ] {
            c.get(format!("{url}{page}"))
                .send()
                .await?
                .error_for_status()?;
        }
        Ok::<_, anyhow::Error>(())
    })
}

fn big_ledger(m: usize, keep: Option<&Path>) -> Result<()> {
    let (dir, export_dir) = match keep {
        Some(k) => {
            if k.exists() && std::fs::read_dir(k)?.next().is_some() {
                bail!("--keep {}: the directory is not empty", k.display());
            }
            (k.join("data"), Some(k.join("export")))
        }
        None => (fresh_dir("big")?, None),
    };
    super::data::init(&dir, "bench.local/log")?;
    let log = super::data::load_log_key(&dir)?;
    let admin = super::read_signer(&dir.join("keys/admin.skey"))?;
    // Each entry is recorded at the time the mix gives it (half an hour after what it reports).
    let times: Arc<std::sync::Mutex<std::collections::VecDeque<ledger_events::Instant>>> =
        Arc::default();
    let clock: ledger_store::Clock = {
        let times = times.clone();
        let last = std::sync::Mutex::new(ledger_events::Instant(0));
        Arc::new(move || {
            let mut l = last.lock().unwrap_or_else(|e| e.into_inner());
            if let Some(t) = times.lock().unwrap_or_else(|e| e.into_inner()).pop_front() {
                *l = t;
            }
            *l
        })
    };
    let store = Store::open(&dir.join("db"), log.clone(), clock)?;
    let sec = register_secretariat(&dir, &store)?;
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    let (window, marks) = marks(m);
    // Cut points: a timed window [mark - window, mark) is fed on its own.
    let mut cuts: Vec<usize> = marks.iter().flat_map(|&x| [x - window, x]).collect();
    cuts.sort();
    cuts.dedup();
    let mut mix = super::mix::Mix::new();
    let mut pending: std::collections::VecDeque<super::mix::MixEvent> = Default::default();
    let mut done = 0usize;
    let mut append_rates = Vec::new();
    let mut feeding = Duration::ZERO;
    while done < m {
        let next_cut = cuts.iter().copied().find(|&c| c > done).unwrap_or(m);
        let n = 20_000usize.min(next_cut - done);
        while pending.len() < n {
            pending.extend(mix.next_cycle());
        }
        let events: Vec<_> = pending.drain(..n).collect();
        let envs = sign_mix(&admin, &sec, &events);
        times
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .extend(events.iter().map(|e| e.record_at));
        let t = Instant::now();
        feed(&rt, &store, envs)?;
        let took = t.elapsed();
        feeding += took;
        done += n;
        if marks.contains(&done) && n == window {
            append_rates.push((done, window as f64 / took.as_secs_f64()));
        }
        eprintln!(
            "   building the ledger: {done}/{m} entries ({:.0}/s)",
            done as f64 / feeding.as_secs_f64()
        );
    }
    println!("3a. import of {m} entries of the realistic mix through the store (admission + group commit): {:.0} entries/s", m as f64 / feeding.as_secs_f64());
    for (at, r) in &append_rates {
        println!("3a. appends over the {window} entries before {at}: {r:.0} entries/s");
    }
    if let (Some(first), Some(last)) = (append_rates.first(), append_rates.last()) {
        println!(
            "3a. appends at {} / at {}: {:.2}",
            last.0,
            first.0,
            last.1 / first.1
        );
    }
    let reader = store.reader().clone();
    let published = reader.published();
    // proof generation from the store (sled-stored subtree hashes), at this size
    let t = Instant::now();
    let n_proofs = 20_000u64;
    for k in 0..n_proofs {
        let i = (k * 7919) % published.size;
        reader.inclusion_proof(i, published.size)?;
    }
    let inc = t.elapsed() / n_proofs as u32;
    let t = Instant::now();
    for k in 0..n_proofs {
        let from = 1 + (k * 104_729) % published.size;
        reader.consistency_proof(from, published.size)?;
    }
    let cons = t.elapsed() / n_proofs as u32;
    println!(
        "3e. inclusion proof from the store at {} entries: {:.1} µs (mean of {n_proofs})",
        published.size,
        inc.as_secs_f64() * 1e6
    );
    println!(
        "3e. consistency proof from the store at {} entries: {:.1} µs (mean of {n_proofs})",
        published.size,
        cons.as_secs_f64() * 1e6
    );
    let mut lines = Vec::new();
    let mut start_i = 0;
    while start_i < published.size {
        let page = reader.entries(start_i, 50_000)?;
        for l in &page {
            lines.extend_from_slice(l);
            lines.push(b'\n');
        }
        start_i += page.len() as u64;
    }
    drop(reader);
    drop(store);
    drop(rt);
    let export = export_dir
        .clone()
        .unwrap_or_else(|| dir.with_extension("export"));
    super::data::write_export(&export, &lines, &published.checkpoint, &log.verifier())?;

    verify_and_import(&export, &lines)?;
    if export_dir.is_none() {
        let _ = std::fs::remove_dir_all(&export);
    }

    let mut engine = Engine::new(Settings::default());
    let mut rebuild = Duration::ZERO;
    let mut rebuild_rates = Vec::new();
    let mut window_start = Instant::now();
    let offset = published.size as usize - m; // genesis and the secretariat's key come first
    for (i, line) in lines
        .split(|b| *b == b'\n')
        .filter(|l| !l.is_empty())
        .enumerate()
    {
        let n = i.saturating_sub(offset);
        if i >= offset && marks.iter().any(|&x| x - window == n) {
            window_start = Instant::now();
        }
        let t = Instant::now();
        // the projection runner's path: ledger_log::read_recorded
        engine.apply(&ledger_log::read_recorded(i as u64, line)?);
        rebuild += t.elapsed();
        if i >= offset && marks.contains(&(n + 1)) {
            rebuild_rates.push((n + 1, window as f64 / window_start.elapsed().as_secs_f64()));
        }
    }
    println!(
        "3c. projection rebuild (parse + rules fold, one core): {:.0} entries/s",
        published.size as f64 / rebuild.as_secs_f64()
    );
    for (at, r) in &rebuild_rates {
        println!("3c. rebuild over the {window} entries before {at}: {r:.0} entries/s");
    }
    if let (Some(first), Some(last)) = (rebuild_rates.first(), rebuild_rates.last()) {
        println!(
            "3c. rebuild at {} / at {}: {:.2}",
            last.0,
            first.0,
            last.1 / first.1
        );
    }
    drop(engine);
    drop(lines);

    // A server holding the ledger: first start (nothing derived on disk yet), then a restart.
    let (mut child, url, first) = start_server(&dir)?;
    warm_up(&url, published.size)?;
    let rss1 = status_kb(child.id(), "VmRSS:");
    stop(&mut child);
    println!("3d. server with {} entries, first start: ready in {:.2} s; RSS after warm-up reads {:.0} MB", published.size, first.as_secs_f64(), rss1 as f64 / 1024.0);
    let (mut child, url, again) = start_server(&dir)?;
    let ready_rss = status_kb(child.id(), "VmRSS:");
    warm_up(&url, published.size)?;
    let rss = status_kb(child.id(), "VmRSS:");
    let peak = status_kb(child.id(), "VmHWM:");
    stop(&mut child);
    println!(
        "3d. server with {} entries, restart: ready in {:.2} s",
        published.size,
        again.as_secs_f64()
    );
    println!(
        "3d. server RSS when ready {:.0} MB, after warm-up reads {:.0} MB, peak {:.0} MB",
        ready_rss as f64 / 1024.0,
        rss as f64 / 1024.0,
        peak as f64 / 1024.0
    );
    match keep {
        Some(k) => println!(
            "kept: the ledger in {}, its export in {}",
            dir.display(),
            k.join("export").display()
        ),
        None => {
            let _ = std::fs::remove_dir_all(&dir);
        }
    }
    Ok(())
}

/// `dledger bench --export DIR`: the figures of an existing export only.
pub fn export_figures(export: &Path) -> Result<i32> {
    let lines = std::fs::read(export.join("entries.jsonl"))
        .with_context(|| format!("reading {}/entries.jsonl", export.display()))?;
    println!(
        "dledger bench --export {}: {} entries; {} cores",
        export.display(),
        lines.iter().filter(|b| **b == b'\n').count(),
        std::thread::available_parallelism().map_or(1, |n| n.get())
    );
    verify_and_import(export, &lines)?;
    Ok(0)
}

/// The strict-signature limit of an export, then `dledger verify` and `dledger import` of it as a
/// user runs them (child processes of this binary), each with its ratio to the limit.
fn verify_and_import(export: &Path, lines: &[u8]) -> Result<()> {
    let size = lines.iter().filter(|b| **b == b'\n').count() as f64;
    let limit = signature_limit(lines)?;
    println!("3b. strict-signature limit (Ed25519 verify_strict of the same envelopes, every core, nothing else): {:.0} entries/s ({:.0} signatures/s)", limit.0, limit.1);
    let vkey = std::fs::read_to_string(export.join("log.vkey"))
        .with_context(|| format!("reading {}/log.vkey", export.display()))?;
    let run = |args: &[&std::ffi::OsStr]| -> Result<Duration> {
        let t = Instant::now();
        let out = std::process::Command::new(std::env::current_exe()?)
            .args(args)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::piped())
            .output()?;
        if !out.status.success() {
            bail!(
                "{:?} failed: {}",
                args,
                String::from_utf8_lossy(&out.stderr)
            );
        }
        Ok(t.elapsed())
    };
    let verify = run(&[
        "verify".as_ref(),
        export.as_os_str(),
        "--log-vkey".as_ref(),
        vkey.trim().as_ref(),
    ])?;
    let verify_rate = size / verify.as_secs_f64();
    println!("3b. dledger verify (every check, then the rules): {verify_rate:.0} entries/s ({size} entries in {:.1} s); verify / limit = {:.2}", verify.as_secs_f64(), verify_rate / limit.0);
    let target = fresh_dir("import")?;
    let import = run(&[
        "import".as_ref(),
        "--data".as_ref(),
        target.as_os_str(),
        export.as_os_str(),
    ])?;
    let _ = std::fs::remove_dir_all(&target);
    let import_rate = size / import.as_secs_f64();
    println!("3f. dledger import (every check of verify, each entry stored, one flush): {import_rate:.0} entries/s ({:.1} s); import / verify = {:.2}", import.as_secs_f64(), import_rate / verify_rate);
    Ok(())
}

/// Verifies every signature of every entry of `lines` with `verify_strict` on every core, with
/// everything else (parsing, decoding, the DSSE message, the keys) done before the clock starts:
/// (entries/s, signatures/s).
fn signature_limit(lines: &[u8]) -> Result<(f64, f64)> {
    let mut keys = std::collections::HashMap::new();
    let mut work: Vec<(usize, Vec<u8>, [u8; 64])> = Vec::new();
    let mut entries = 0usize;
    let mut key_list: Vec<ed25519_dalek::VerifyingKey> = Vec::new();
    for line in lines.split(|b| *b == b'\n').filter(|l| !l.is_empty()) {
        let entry = ledger_log::parse_line(line).map_err(|e| anyhow!("limit: {e}"))?;
        let prepared = ledger_log::LedgerState::prepare(&entry.envelope);
        if let Some(k) = prepared.registered_vkey() {
            let k = ledger_proof::VerifierKey::parse(k)?;
            keys.entry(k.key_id()).or_insert_with(|| {
                key_list.push(*k.public_key());
                key_list.len() - 1
            });
        }
        let payload = prepared
            .payload()
            .ok_or_else(|| anyhow!("limit: a payload does not decode"))?;
        let msg = ledger_proof::pae(PAYLOAD_TYPE, payload);
        entries += 1;
        for s in &entry.envelope.signatures {
            let Some(&k) = keys.get(&s.keyid) else {
                bail!("limit: key {} is not registered", s.keyid)
            };
            let sig: [u8; 64] = ledger_proof::b64_decode(&s.sig)?
                .try_into()
                .map_err(|_| anyhow!("limit: a signature is not 64 bytes"))?;
            work.push((k, msg.clone(), sig));
        }
    }
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let chunk = work.len().div_ceil(threads).max(1);
    let t = Instant::now();
    let ok = std::thread::scope(|s| {
        let hs: Vec<_> = work
            .chunks(chunk)
            .map(|c| {
                let key_list = &key_list;
                s.spawn(move || {
                    c.iter().all(|(k, msg, sig)| {
                        key_list[*k]
                            .verify_strict(msg, &ed25519_dalek::Signature::from_bytes(sig))
                            .is_ok()
                    })
                })
            })
            .collect();
        hs.into_iter().all(|h| h.join().unwrap_or(false))
    });
    let took = t.elapsed().as_secs_f64();
    if !ok {
        bail!("limit: a signature did not verify");
    }
    Ok((entries as f64 / took, work.len() as f64 / took))
}

/// Stops a server cleanly (SIGTERM, as an operator would), then waits for it.
fn stop(child: &mut std::process::Child) {
    let _ = std::process::Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status();
    let _ = child.wait();
}
