//! The peer of `dledger bench`: what a user would pick instead for "an append-only table of signed
//! events". Debian's PostgreSQL server, started here on a temporary data directory (unix socket
//! only, `synchronous_commit = on`, `fsync = on`), one table `log (id bigserial primary key, line
//! text not null)`, and the very lines our HTTP appends stored, inserted one durable transaction
//! each by the same number of concurrent clients.

use anyhow::{anyhow, bail, Context, Result};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Instant;

/// Where the server's programs are: Debian's versioned directory (the newest), else `PATH`.
fn bindir() -> Option<PathBuf> {
    let mut versions: Vec<(u32, PathBuf)> = std::fs::read_dir("/usr/lib/postgresql")
        .ok()?
        .flatten()
        .filter_map(|e| {
            let v: u32 = e.file_name().to_str()?.parse().ok()?;
            let bin = e.path().join("bin");
            bin.join("postgres").exists().then_some((v, bin))
        })
        .collect();
    versions.sort();
    versions.pop().map(|(_, b)| b)
}

/// Runs a server program, as the `postgres` user when we are root (PostgreSQL refuses root).
fn run(bin: &Path, program: &str, args: &[&str], as_postgres: bool) -> Result<()> {
    let exe = bin.join(program);
    let out = if as_postgres {
        Command::new("runuser")
            .args(["-u", "postgres", "--"])
            .arg(&exe)
            .args(args)
            .output()
    } else {
        Command::new(&exe).args(args).output()
    }
    .with_context(|| format!("running {}", exe.display()))?;
    if !out.status.success() {
        bail!(
            "{program} failed: {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
    }
    Ok(())
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
        .unwrap_or(false)
}

/// Durable inserts/s of `lines` by `clients` concurrent connections, or why it could not run.
pub fn postgres_inserts(lines: &[String], clients: usize) -> Result<f64, String> {
    let bin = bindir().ok_or(
        "PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/postgres; apt-get install postgresql)",
    )?;
    let as_postgres = is_root();
    let dir = std::env::temp_dir().join(format!("dledger-bench-{}-pg", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    if as_postgres {
        let ok = Command::new("chown")
            .args(["postgres:postgres", dir.to_str().unwrap_or_default()])
            .status()
            .map(|s| s.success())
            .unwrap_or(false);
        if !ok {
            let _ = std::fs::remove_dir_all(&dir);
            return Err("cannot hand the data directory to the postgres user".into());
        }
    }
    let result = (|| -> Result<f64> {
        let data = dir.join("data");
        let data_s = data.to_string_lossy().into_owned();
        let sock = dir.to_string_lossy().into_owned();
        run(
            &bin,
            "initdb",
            &[
                "-D",
                &data_s,
                "-U",
                "postgres",
                "-A",
                "trust",
                "-E",
                "UTF8",
                "--no-locale",
            ],
            as_postgres,
        )?;
        let opts = format!(
            "-c listen_addresses='' -c unix_socket_directories={sock} -c port=5499 \
             -c synchronous_commit=on -c fsync=on -c max_connections={}",
            clients + 10
        );
        let log = dir.join("server.log").to_string_lossy().into_owned();
        run(
            &bin,
            "pg_ctl",
            &["-D", &data_s, "-o", &opts, "-l", &log, "-w", "start"],
            as_postgres,
        )?;
        let rate = insert_all(&sock, lines, clients);
        let _ = run(
            &bin,
            "pg_ctl",
            &["-D", &data_s, "-m", "fast", "-w", "stop"],
            as_postgres,
        );
        rate
    })();
    let _ = std::fs::remove_dir_all(&dir);
    result.map_err(|e| format!("{e:#}"))
}

fn insert_all(sock: &str, lines: &[String], clients: usize) -> Result<f64> {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    rt.block_on(async {
        let conf = format!("host={sock} port=5499 user=postgres dbname=postgres");
        let connect = || async {
            let (client, conn) = tokio_postgres::connect(&conf, tokio_postgres::NoTls).await?;
            tokio::spawn(async move {
                let _ = conn.await;
            });
            Ok::<_, tokio_postgres::Error>(client)
        };
        let admin = connect().await?;
        admin
            .batch_execute("CREATE TABLE log (id bigserial PRIMARY KEY, line text NOT NULL)")
            .await?;
        let lines: Arc<Vec<String>> = Arc::new(lines.to_vec());
        let next = Arc::new(AtomicUsize::new(0));
        let mut conns = Vec::new();
        for _ in 0..clients {
            conns.push(connect().await?);
        }
        let start = Instant::now();
        let mut tasks = Vec::new();
        for c in conns {
            let (lines, next) = (lines.clone(), next.clone());
            tasks.push(tokio::spawn(async move {
                let stmt = c.prepare("INSERT INTO log (line) VALUES ($1)").await?;
                loop {
                    let i = next.fetch_add(1, Ordering::SeqCst);
                    let Some(line) = lines.get(i) else { break };
                    // autocommit: one durable transaction per line, as our appends are
                    c.execute(&stmt, &[line]).await?;
                }
                Ok::<_, tokio_postgres::Error>(())
            }));
        }
        for t in tasks {
            t.await.map_err(|e| anyhow!("{e}"))??;
        }
        let took = start.elapsed();
        let n: i64 = admin
            .query_one("SELECT count(*) FROM log", &[])
            .await?
            .get(0);
        if n as usize != lines.len() {
            bail!("PostgreSQL holds {n} rows, {} were inserted", lines.len());
        }
        Ok(lines.len() as f64 / took.as_secs_f64())
    })
}
