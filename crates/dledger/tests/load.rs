//! A bounded load run on loopback against the real binary: many connections mixing reads and
//! appends for `DLEDGER_LOAD_SECS` seconds (default 8; RELIABILITY.md records a 60 s run), then
//! a read-only phase. Checks: no 5xx, every acknowledged append present at its index with its
//! hash, the export verifies, and memory is flat while only reading (it grows with the log by
//! design while appending: the in-memory indexes hold every entry).

mod common;

use common::*;
use serde_json::json;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

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

#[test]
fn mixed_load_without_5xx_or_lost_acks() {
    let secs: u64 = env_or("DLEDGER_LOAD_SECS", 8);
    let conns: usize = env_or("DLEDGER_LOAD_CONNS", 64);
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let server = Server::start_with(&data, &["--demo"]);
    // /healthz answers 503 until the read models hold the demo ledger: load starts when ready.
    server.wait_ready();
    let pid = server.child.id();
    let base = server.url.clone();
    let sec = read_key(&data.join("keys/secretariat.skey"));
    let vkey = std::fs::read_to_string(data.join("keys/log.vkey")).unwrap();

    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let (acks, reads, errors5xx, rss) = rt.block_on(async move {
        let client = reqwest::Client::builder().pool_max_idle_per_host(conns).build().unwrap();
        let counter = Arc::new(AtomicU64::new(0));
        let reads = Arc::new(AtomicU64::new(0));
        let errors = Arc::new(AtomicU64::new(0));
        let deadline = Instant::now() + Duration::from_secs(secs);
        // memory sampler
        let sampler = tokio::spawn(async move {
            let mut samples = Vec::new();
            while Instant::now() < deadline {
                samples.push(rss_kb(pid));
                tokio::time::sleep(Duration::from_millis(500)).await;
            }
            samples
        });
        let mut tasks = Vec::new();
        for c in 0..conns {
            let (client, base, sec, counter, reads, errors) = (client.clone(), base.clone(), sec.clone(), counter.clone(), reads.clone(), errors.clone());
            tasks.push(tokio::spawn(async move {
                let mut acks = Vec::new();
                let mut k = c as u64;
                while Instant::now() < deadline {
                    k = k.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                    let roll = (k >> 33) % 10;
                    if roll < 3 {
                        let n = counter.fetch_add(1, Ordering::SeqCst);
                        let ev = json!({"id": format!("load-{n}"), "type": "party.registered", "data": {"party_id": format!("load-{n}"), "name": "load"}});
                        let env = envelope(&ev, &[&sec]);
                        let r = client.post(format!("{base}/v1/events")).header("content-type", "application/json").body(env.to_json()).send().await.unwrap();
                        let status = r.status().as_u16();
                        let body: serde_json::Value = r.json().await.unwrap();
                        if status >= 500 {
                            errors.fetch_add(1, Ordering::SeqCst);
                        }
                        assert_eq!(status, 201, "{body}");
                        acks.push((body["index"].as_u64().unwrap(), body["entry_hash"].as_str().unwrap().to_string()));
                    } else {
                        let path = match roll {
                            3 => "/v1/checkpoint".to_string(),
                            4 => format!("/v1/entries?start={}&limit=50", (k >> 40) % 100),
                            5 => "/v1/decisions".to_string(),
                            6 => format!("/v1/entries/{}", (k >> 40) % 100),
                            7 => format!("/v1/proofs/inclusion?index={}", (k >> 40) % 100),
                            8 => "/v1/meetings?limit=5".to_string(),
                            _ => "/healthz".to_string(),
                        };
                        let r = client.get(format!("{base}{path}")).send().await.unwrap();
                        let status = r.status().as_u16();
                        let _ = r.bytes().await;
                        if status >= 500 {
                            errors.fetch_add(1, Ordering::SeqCst);
                        }
                        assert!(status < 500, "{path}: {status}");
                        reads.fetch_add(1, Ordering::SeqCst);
                    }
                }
                acks
            }));
        }
        let mut acks = Vec::new();
        for t in tasks {
            acks.extend(t.await.unwrap());
        }
        let rss = sampler.await.unwrap();
        (acks, reads.load(Ordering::SeqCst), errors.load(Ordering::SeqCst), rss)
    });
    assert_eq!(errors5xx, 0);
    assert!(!acks.is_empty());

    // every acknowledged append is there, with its hash
    let http = Http::new(&server.url);
    let lines = http.all_lines();
    for (index, hash) in &acks {
        assert_eq!(
            &hex(blake3::hash(lines[*index as usize].as_bytes()).as_bytes()),
            hash,
            "entry {index}"
        );
    }
    let mut indices: Vec<u64> = acks.iter().map(|(i, _)| *i).collect();
    indices.sort();
    indices.dedup();
    assert_eq!(
        indices.len(),
        acks.len(),
        "two acknowledgements share an index"
    );

    // read-only phase: memory stays flat
    let before = rss_kb(pid);
    let t_end = Instant::now() + Duration::from_secs(secs.min(10));
    let mut n = 0;
    while Instant::now() < t_end {
        for p in [
            "/v1/decisions",
            "/v1/meetings?limit=5",
            "/v1/entries?start=0&limit=100",
            "/v1/audit",
        ] {
            assert_eq!(http.get(p).0, 200);
            n += 1;
        }
    }
    let after = rss_kb(pid);
    let exp = tmp.path().join("export");
    let o = dledger(&[
        "export",
        "--server",
        &server.url,
        "--out",
        exp.to_str().unwrap(),
    ]);
    assert!(o.status.success());
    let o = dledger(&["verify", exp.to_str().unwrap(), "--log-vkey", vkey.trim()]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    server.kill();

    let secs_f = secs as f64;
    let warm = rss.get(rss.len() / 4).copied().unwrap_or(0);
    let last = rss.last().copied().unwrap_or(0);
    eprintln!(
        "load: {secs} s, {conns} connections: {} appends ({:.0}/s), {reads} reads ({:.0}/s), 0 5xx; RSS {warm} kB after warm-up -> {last} kB at the end of the mixed phase ({:.2} kB per appended entry); read-only phase ({n} requests): {before} kB -> {after} kB",
        acks.len(),
        acks.len() as f64 / secs_f,
        reads as f64 / secs_f,
        (last as f64 - warm as f64) / (acks.len().max(1) as f64 * 0.75),
    );
    assert!(
        after <= before + before / 10 + 2048,
        "memory grew while only reading: {before} kB -> {after} kB"
    );
}
