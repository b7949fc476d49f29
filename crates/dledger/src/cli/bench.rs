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

fn rss_kb(pid: u32) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmRSS:"))
                .and_then(|l| l.split_whitespace().nth(1)?.parse().ok())
        })
        .unwrap_or(0)
}

pub fn run(a: Args) -> Result<i32> {
    println!(
        "dledger bench: {} events from {} clients; a ledger of {} entries; {} cores",
        a.events,
        a.clients,
        a.ledger,
        std::thread::available_parallelism().map_or(1, |n| n.get())
    );
    let (http_rate, p50, p99) = http_appends(&a)?;
    println!("1. HTTP appends: {http_rate:.0} durable, signed, proof-carrying appends/s; latency p50 {:.2} ms, p99 {:.2} ms", p50.as_secs_f64() * 1e3, p99.as_secs_f64() * 1e3);
    let bare = bare_limit(a.events)?;
    println!("2. bare limit (Ed25519 verify + sled insert, flushed per 512, one thread, no server): {bare:.0}/s; HTTP / bare = {:.2}", http_rate / bare);
    if a.ledger > 0 {
        big_ledger(a.ledger)?;
    }
    Ok(0)
}

fn http_appends(a: &Args) -> Result<(f64, Duration, Duration)> {
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
    drop(store);
    let _ = std::fs::remove_dir_all(&dir);
    Ok(result)
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

fn big_ledger(m: usize) -> Result<()> {
    let dir = fresh_dir("big")?;
    super::data::init(&dir, "bench.local/log")?;
    let log = super::data::load_log_key(&dir)?;
    let store = Store::open(&dir.join("db"), log.clone(), system_clock())?;
    let sec = register_secretariat(&dir, &store)?;
    // import in chunks: sign on every core, then append with many in flight (group commit)
    let rt = super::runtime()?;
    let start = Instant::now();
    let chunk = 20_000usize;
    let mut done = 0usize;
    while done < m {
        let n = chunk.min(m - done);
        let envs = sign_all(&sec, "L", done..done + n);
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
        })?;
        done += n;
        eprintln!(
            "   building the ledger: {done}/{m} entries ({:.0}/s)",
            done as f64 / start.elapsed().as_secs_f64()
        );
    }
    let import = start.elapsed();
    println!("3a. import of {m} signed entries through the store (admission + group commit): {:.0} entries/s", m as f64 / import.as_secs_f64());
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
    println!("3e. proof generation from the store at {} entries: inclusion {:.1} µs, consistency {:.1} µs (mean of {n_proofs})", published.size, inc.as_secs_f64() * 1e6, cons.as_secs_f64() * 1e6);
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

    let t = Instant::now();
    let report = ledger_log::verify::verify_export::<ledger_rules::Model>(
        &lines,
        &published.checkpoint,
        Some(&log.verifier()),
        None,
    );
    let verify = t.elapsed();
    if !report.intact() {
        bail!(
            "the benchmark ledger does not verify: {:?}",
            report.problems.first()
        );
    }
    println!("3b. offline verify (every check of `dledger verify`, signatures on every core): {:.0} entries/s ({} entries in {:.1} s)", published.size as f64 / verify.as_secs_f64(), published.size, verify.as_secs_f64());
    drop(report);

    let t = Instant::now();
    let mut engine = Engine::new(Settings::default());
    for (i, line) in lines
        .split(|b| *b == b'\n')
        .filter(|l| !l.is_empty())
        .enumerate()
    {
        // the projection runner's path: ledger_log::read_line
        engine.apply(&ledger_log::read_line(i as u64, line)?.into_recorded());
    }
    let rebuild = t.elapsed();
    println!(
        "3c. projection rebuild (parse + rules fold, one core): {:.0} entries/s",
        published.size as f64 / rebuild.as_secs_f64()
    );
    drop(engine);
    drop(lines);

    // a server holding the ledger: start it, wait until its projections are current, read its RSS
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
        for line in BufReader::new(err).lines().map_while(|l| l.ok()) {
            if let Some(rest) = line.split("listening on ").nth(1) {
                url = rest.split_whitespace().next().map(str::to_string);
                break;
            }
        }
    }
    let url = url.ok_or_else(|| anyhow!("the server did not start"))?;
    let rt = super::runtime()?;
    rt.block_on(async {
        reqwest::get(format!("{url}/v1/decisions?limit=1"))
            .await?
            .error_for_status()
    })?;
    let ready = t.elapsed();
    let rss = rss_kb(child.id());
    let _ = child.kill();
    let _ = child.wait();
    println!("3d. server with {} entries: ready (store replayed, projections rebuilt) in {:.1} s; RSS {:.0} MB", published.size, ready.as_secs_f64(), rss as f64 / 1024.0);
    let _ = std::fs::remove_dir_all(&dir);
    Ok(())
}
