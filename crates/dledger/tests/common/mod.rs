//! Helpers for tests that drive the real `dledger` binary.
#![allow(dead_code)]

use ledger_proof::{Envelope, SignerKey};
use serde_json::Value;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};

pub fn bin() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_dledger"))
}

pub fn dledger(args: &[&str]) -> Output {
    Command::new(bin())
        .args(args)
        .output()
        .expect("run dledger")
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// A `dledger serve` child process on a free loopback port.
pub struct Server {
    pub child: Child,
    pub url: String,
    /// Everything the server wrote to standard error so far.
    pub log: std::sync::Arc<std::sync::Mutex<String>>,
}

impl Server {
    pub fn start(data: &Path) -> Server {
        Self::start_with(data, &[])
    }

    pub fn start_with(data: &Path, extra: &[&str]) -> Server {
        Self::start_env(data, extra, &[])
    }

    /// With extra flags and environment variables.
    pub fn start_env(data: &Path, extra: &[&str], env: &[(&str, &str)]) -> Server {
        let mut args = vec![
            "serve",
            "--data",
            data.to_str().unwrap(),
            "--listen",
            "127.0.0.1:0",
        ];
        args.extend_from_slice(extra);
        Self::spawn(&args, env)
    }

    /// Any command that serves HTTP (`serve`, `mirror`): waits until it says where it listens.
    pub fn spawn(args: &[&str], env: &[(&str, &str)]) -> Server {
        let mut child = Command::new(bin())
            .envs(env.iter().copied())
            .args(args)
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn dledger serve");
        let stderr = child.stderr.take().unwrap();
        let mut reader = BufReader::new(stderr);
        let mut url = None;
        let log = std::sync::Arc::new(std::sync::Mutex::new(String::new()));
        let mut line = String::new();
        while reader.read_line(&mut line).unwrap_or(0) > 0 {
            log.lock().unwrap().push_str(&line);
            if let Some(rest) = line.split("listening on ").nth(1) {
                url = Some(rest.split_whitespace().next().unwrap().to_string());
                break;
            }
            line.clear();
        }
        // Keep draining stderr so the child never blocks on a full pipe.
        let sink_log = log.clone();
        std::thread::spawn(move || {
            let mut sink = String::new();
            while reader.read_line(&mut sink).unwrap_or(0) > 0 {
                sink_log.lock().unwrap().push_str(&sink);
                sink.clear();
            }
        });
        let Some(url) = url else {
            let status = child.wait().ok();
            panic!(
                "the server never printed its address (exit: {status:?}); it wrote:\n{}",
                log.lock().unwrap()
            );
        };
        Server { child, url, log }
    }

    /// SIGTERM and wait: the server must stop cleanly (exit 0).
    pub fn stop(mut self) -> std::process::ExitStatus {
        let pid = self.child.id().to_string();
        Command::new("kill").args(["-TERM", &pid]).status().unwrap();
        let status = self.child.wait().unwrap();
        if !status.success() {
            // Shown with the failing assertion.
            std::thread::sleep(std::time::Duration::from_millis(100));
            eprintln!(
                "the server exited with {status}; it wrote:\n{}",
                self.log_text()
            );
        }
        status
    }

    /// Waits until `/healthz` answers 200 (the read models hold the whole log).
    pub fn wait_ready(&self) {
        let http = Http::new(&self.url);
        for _ in 0..3000 {
            if http.get("/healthz").0 == 200 {
                return;
            }
            std::thread::sleep(std::time::Duration::from_millis(10));
        }
        panic!("the server never became ready");
    }

    pub fn log_text(&self) -> String {
        self.log.lock().unwrap().clone()
    }

    /// The log once it contains `needle` (standard error is drained by a thread, which may lag
    /// behind what the server has already done), or as it is after 10 s.
    pub fn log_with(&self, needle: &str) -> String {
        for _ in 0..1000 {
            let log = self.log_text();
            if log.contains(needle) {
                return log;
            }
            std::thread::sleep(std::time::Duration::from_millis(10));
        }
        self.log_text()
    }

    pub fn kill(mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A server left running by a failing test is killed, never left holding its data directory.
impl Drop for Server {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

/// `dledger init` of a new ledger; returns its admin key and its log vkey (trimmed).
pub fn init_ledger(data: &Path, origin: &str) -> (SignerKey, String) {
    let o = dledger(&["init", "--data", data.to_str().unwrap(), "--origin", origin]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let admin = read_key(&data.join("keys/admin.skey"));
    let vkey = std::fs::read_to_string(data.join("keys/log.vkey")).unwrap();
    (admin, vkey.trim().to_owned())
}

pub fn key(name: &str, seed: u8) -> SignerKey {
    SignerKey::from_seed(name, [seed; 32]).unwrap()
}

pub fn read_key(path: &Path) -> SignerKey {
    SignerKey::parse(&std::fs::read_to_string(path).unwrap()).unwrap()
}

pub fn envelope(event: &Value, keys: &[&SignerKey]) -> Envelope {
    Envelope::sign(event.to_string().as_bytes(), keys)
}

/// Blocking HTTP helper over reqwest's async client.
pub struct Http {
    rt: tokio::runtime::Runtime,
    client: reqwest::Client,
    pub base: String,
}

impl Http {
    pub fn new(base: &str) -> Http {
        Http {
            rt: tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .unwrap(),
            client: reqwest::Client::new(),
            base: base.trim_end_matches('/').to_string(),
        }
    }

    pub fn post_raw(&self, body: Vec<u8>, content_type: &str) -> (u16, String) {
        self.rt.block_on(async {
            let r = self
                .client
                .post(format!("{}/v1/events", self.base))
                .header("content-type", content_type)
                .body(body)
                .send()
                .await
                .unwrap();
            let s = r.status().as_u16();
            (s, r.text().await.unwrap())
        })
    }

    pub fn post(&self, env: &Envelope) -> (u16, Value) {
        let (s, body) = self.post_raw(env.to_json().into_bytes(), "application/json");
        (
            s,
            serde_json::from_str(&body).unwrap_or(Value::String(body)),
        )
    }

    /// Like `post`, but `None` when the connection fails (the server died).
    pub fn try_post(&self, env: &Envelope) -> Option<(u16, Value)> {
        self.rt.block_on(async {
            let r = self
                .client
                .post(format!("{}/v1/events", self.base))
                .header("content-type", "application/json")
                .body(env.to_json())
                .send()
                .await
                .ok()?;
            let s = r.status().as_u16();
            let body = r.text().await.ok()?;
            Some((
                s,
                serde_json::from_str(&body).unwrap_or(Value::String(body)),
            ))
        })
    }

    pub fn get(&self, path: &str) -> (u16, String) {
        self.rt.block_on(async {
            let r = self
                .client
                .get(format!("{}{path}", self.base))
                .send()
                .await
                .unwrap();
            let s = r.status().as_u16();
            (s, r.text().await.unwrap())
        })
    }

    /// Every published line, in order (pages of `/v1/entries`), checked to be gapless.
    pub fn all_lines(&self) -> Vec<String> {
        let size = self.size();
        let mut lines = Vec::new();
        while (lines.len() as u64) < size {
            let (s, page) = self.get(&format!("/v1/entries?start={}&limit=1000", lines.len()));
            assert_eq!(s, 200);
            let got: Vec<String> = page.lines().map(str::to_string).collect();
            assert!(
                !got.is_empty(),
                "the log stopped at {} of {size}",
                lines.len()
            );
            lines.extend(got);
        }
        lines
    }

    pub fn size(&self) -> u64 {
        let (_, body) = self.get("/healthz");
        serde_json::from_str::<Value>(&body).unwrap()["size"]
            .as_u64()
            .unwrap()
    }
}

pub fn hex(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02x}")).collect()
}

/// A number from the environment, or a default (bounded sizes in CI, larger by hand).
pub fn env_or<T: std::str::FromStr>(name: &str, default: T) -> T {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}
