//! The server as a witness client (contract §10): with `serve --witness-policy FILE`, every new
//! checkpoint is submitted to the policy's witnesses (C2SP tlog-witness `add-checkpoint`, with a
//! consistency proof from the size each witness last cosigned; a 409 is answered with the size it
//! returns), their cosignature lines are added to the checkpoint, and the result is what
//! `/v1/checkpoint` and `/tlog/checkpoint` serve. A witness that is down or slow costs at most
//! the witness timeout per checkpoint and never blocks an append: the append waits at most that
//! long for a checkpoint with the quorum, then is acknowledged with the best checkpoint there is
//! (`"witnessed": false`).

use ledger_proof::b64_encode;
use ledger_proof::policy::Policy;
use ledger_store::Reader;
use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::watch;

/// The latest checkpoint with the cosignatures it got.
#[derive(Clone, Debug)]
pub struct Cosigned {
    pub size: u64,
    pub note: String,
    pub quorum: bool,
}

/// Every cosignature received: (witness, tree size, cosignature time), in arrival order.
type Seen = Arc<std::sync::Mutex<Vec<(String, u64, u64)>>>;

#[derive(Clone)]
pub struct Witnessing {
    pub policy: Arc<Policy>,
    pub timeout: Duration,
    /// The witnesses are `serve --demo`'s own (pages say so).
    pub demonstration: bool,
    latest: watch::Receiver<Option<Cosigned>>,
    seen: Seen,
}

impl Witnessing {
    /// Starts the client on the current runtime.
    pub fn start(
        reader: Reader,
        policy: Policy,
        timeout: Duration,
        demonstration: bool,
    ) -> Witnessing {
        let (tx, rx) = watch::channel(None);
        let policy = Arc::new(policy);
        let seen: Seen = Arc::default();
        let (p, s) = (policy.clone(), seen.clone());
        tokio::spawn(async move { run(reader, p, timeout, tx, s).await });
        Witnessing {
            policy,
            timeout,
            demonstration,
            latest: rx,
            seen,
        }
    }

    /// Per witness of the policy, the time of its first cosignature of a tree holding entry
    /// `index` (None: it has not cosigned one since this server started).
    pub fn first_seen(&self, index: u64) -> Vec<(String, Option<u64>)> {
        let seen = self.seen.lock().map(|s| s.clone()).unwrap_or_default();
        self.policy
            .witnesses
            .iter()
            .map(|w| {
                let t = seen
                    .iter()
                    .filter(|(n, size, _)| *n == w.name && *size > index)
                    .map(|(_, _, t)| *t)
                    .min();
                (w.name.clone(), t)
            })
            .collect()
    }

    /// The cosigned checkpoint of exactly `size`, if there is one.
    pub fn checkpoint_at(&self, size: u64) -> Option<Cosigned> {
        self.latest.borrow().clone().filter(|c| c.size == size)
    }

    /// The latest checkpoint the witnesses were asked to cosign, with what it got.
    pub fn latest(&self) -> Option<Cosigned> {
        self.latest.borrow().clone()
    }

    /// Waits up to the timeout for a checkpoint of at least `size` entries with the quorum.
    pub async fn witnessed(&self, size: u64) -> Option<Cosigned> {
        let mut rx = self.latest.clone();
        let found = tokio::time::timeout(self.timeout, async {
            rx.wait_for(|c| c.as_ref().is_some_and(|c| c.size >= size && c.quorum))
                .await
                .ok()
                .and_then(|c| c.clone())
        })
        .await;
        found.ok().flatten()
    }
}

async fn run(
    reader: Reader,
    policy: Arc<Policy>,
    timeout: Duration,
    tx: watch::Sender<Option<Cosigned>>,
    seen: Seen,
) {
    let client = reqwest::Client::builder()
        .timeout(timeout)
        .build()
        .unwrap_or_default();
    // What each witness last cosigned, as far as we know (409 answers correct it).
    let mut known: HashMap<String, u64> = HashMap::new();
    let mut sizes = reader.subscribe();
    loop {
        let p = reader.published();
        if p.size > 0 {
            let mut jobs = Vec::new();
            for w in policy.witnesses.iter().filter(|w| w.url.is_some()) {
                let url = format!(
                    "{}/add-checkpoint",
                    w.url.as_deref().unwrap_or("").trim_end_matches('/')
                );
                let old = known.get(&w.name).copied().unwrap_or(0).min(p.size);
                let (client, reader, note, name) = (
                    client.clone(),
                    reader.clone(),
                    p.checkpoint.clone(),
                    w.name.clone(),
                );
                let size = p.size;
                jobs.push(tokio::spawn(async move {
                    let mut old = old;
                    for _ in 0..2 {
                        let mut body = format!("old {old}\n");
                        if old > 0 && old < size {
                            match reader.consistency_proof(old, size) {
                                Ok(proof) => {
                                    for h in proof {
                                        body.push_str(&b64_encode(&h));
                                        body.push('\n');
                                    }
                                }
                                Err(_) => return (name, None, None),
                            }
                        }
                        body.push('\n');
                        body.push_str(&note);
                        let r = match client.post(&url).body(body).send().await {
                            Ok(r) => r,
                            Err(e) => {
                                tracing::warn!("witness {name}: {e}");
                                return (name, None, None);
                            }
                        };
                        let status = r.status().as_u16();
                        let text = r.text().await.unwrap_or_default();
                        match status {
                            200 => return (name, Some(size), Some(text)),
                            409 => match text.trim().parse::<u64>() {
                                Ok(n) if n <= size && n != old => old = n,
                                _ => {
                                    tracing::error!(
                                        "witness {name} holds a size this log cannot extend ({}): it may have seen another history",
                                        text.trim()
                                    );
                                    return (name, None, None);
                                }
                            },
                            s => {
                                tracing::warn!("witness {name} answered {s}: {}", text.trim());
                                return (name, None, None);
                            }
                        }
                    }
                    (name, None, None)
                }));
            }
            let mut lines = Vec::new();
            for j in jobs {
                if let Ok((name, size, text)) = j.await {
                    if let Some(s) = size {
                        known.insert(name.clone(), s);
                    }
                    if let Some(t) = text {
                        // Only lines of this witness that verify are kept.
                        if let Some(w) = policy.witnesses.iter().find(|w| w.name == name) {
                            for l in t.lines() {
                                let candidate = format!("{}{l}\n", p.checkpoint);
                                if let Ok(n) = ledger_proof::SignedNote::parse(&candidate) {
                                    if let Some(t) = w.key.cosigned_at(&ledger_proof::SignedNote {
                                        text: n.text.clone(),
                                        signatures: n.signatures[n.signatures.len() - 1..].to_vec(),
                                    }) {
                                        lines.push(format!("{l}\n"));
                                        if let Ok(mut s) = seen.lock() {
                                            if s.len() >= 100_000 {
                                                s.drain(..50_000);
                                            }
                                            s.push((name.clone(), p.size, t));
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
            let note = format!("{}{}", p.checkpoint, lines.concat());
            let quorum = policy.verify(&note).is_ok();
            tx.send_replace(Some(Cosigned {
                size: p.size,
                note,
                quorum,
            }));
        }
        if sizes.changed().await.is_err() {
            return;
        }
    }
}
