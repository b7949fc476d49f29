//! `dledger mirror` (contract §8, §9): a verified, read-only copy that follows a log through its
//! tiles. The first start imports the tree (every check of `verify`); then, every `--interval`
//! seconds, the mirror reads the log's checkpoint, checks its signature and its consistency with
//! the last checkpoint it accepted, fetches the new entries from the bundles and hands them to
//! the store, which checks each one as `verify` does before writing them under that checkpoint.
//! A checkpoint that is not consistent with the accepted one is kept with it as evidence, and
//! the mirror stops following (it goes on serving what it verified). A restarted mirror resumes
//! from its store.

use super::tiles::{BundleLines, TilesAt};
use anyhow::{anyhow, bail, Result};
use ledger_proof::tlog::{self, TilePath};
use ledger_proof::tlogproof::Trust;
use ledger_proof::{b64_encode, Checkpoint};
use ledger_store::Store;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// Where a mirror keeps the evidence of an inconsistent log, and the mark that it stopped.
pub fn evidence_dir(data: &Path) -> PathBuf {
    data.join("evidence")
}

pub fn mirror(
    from: &str,
    data: &Path,
    trust: &Trust,
    listen: &str,
    interval: Duration,
    limits: ledger_http::server::Limits,
) -> Result<i32> {
    let src = TilesAt::open(from)?;
    // The log key: given, or the one the policy lists for the origin the log names. Under a
    // policy the mirror starts only from a checkpoint with the quorum, and follows only such.
    let offered = src.checkpoint()?;
    let origin = offered.split('\n').next().unwrap_or("").to_owned();
    let vkey = &trust.log_key(&origin).map_err(|e| anyhow!("{from}: {e}"))?;
    if let Trust::Policy(_) = trust {
        trust.verify_checkpoint(&offered).map_err(|e| {
            anyhow!("{from}: {e}; the mirror starts from a witnessed checkpoint only")
        })?;
    }
    if !super::data::is_initialised(data) {
        eprintln!(
            "mirror: importing {from} into {} (every check of verify)",
            data.display()
        );
        let (n, _) = super::data::import_trusting(data, Path::new(from), None, Some(vkey))?;
        eprintln!("mirror: imported {n} entries");
    }
    let opened = super::data::open_for_serving(data)?;
    if !opened.store.is_read_only() {
        bail!(
            "{} holds a ledger with its own log key: a mirror's data directory holds only keys/log.vkey",
            data.display()
        );
    }
    if &opened.log != vkey {
        bail!(
            "{} mirrors the log of {}, not {}",
            data.display(),
            opened.log.key_id(),
            vkey.key_id()
        );
    }
    let stopped = evidence_dir(data).join("STOPPED");
    if let Ok(why) = std::fs::read_to_string(&stopped) {
        opened
            .store
            .stop_writes(format!("the mirror stopped following: {}", why.trim()));
    }
    let from = from.to_owned();
    let trust = trust.clone();
    let data_dir = data.to_owned();
    super::data::run_server(
        data,
        listen,
        opened,
        limits,
        super::data::WitnessSetup::None,
        move |store| {
            if stopped.exists() {
                tracing::error!(
                    "mirror: not following {from}: evidence of an inconsistent log is in {}",
                    evidence_dir(&data_dir).display()
                );
                return;
            }
            let store = store.clone();
            std::thread::Builder::new()
                .name("mirror".into())
                .spawn(move || follow(src, &store, &trust, &data_dir, interval))
                .ok();
        },
    )
}

fn follow(src: TilesAt, store: &Store, trust: &Trust, data: &Path, interval: Duration) {
    tracing::info!("mirror: following {} every {:?}", src.name(), interval);
    loop {
        match step(&src, store, trust) {
            Ok(Step::Same) => {}
            Ok(Step::Grew { from, to }) => {
                tracing::info!(
                    "mirror: {} entries verified and stored ({from} -> {to})",
                    to - from
                )
            }
            Ok(Step::Inconsistent {
                accepted,
                offered,
                why,
                proof,
            }) => {
                let dir = evidence_dir(data);
                let keep = || -> std::io::Result<PathBuf> {
                    let at = std::time::SystemTime::now()
                        .duration_since(std::time::UNIX_EPOCH)
                        .map(|d| d.as_millis())
                        .unwrap_or(0);
                    let d = dir.join(at.to_string());
                    std::fs::create_dir_all(&d)?;
                    std::fs::write(d.join("accepted.checkpoint"), &accepted)?;
                    std::fs::write(d.join("offered.checkpoint"), &offered)?;
                    std::fs::write(d.join("consistency-proof"), proof.join("\n") + "\n")?;
                    std::fs::write(d.join("why.txt"), format!("{why}\n"))?;
                    std::fs::write(dir.join("STOPPED"), format!("{why}\n"))?;
                    Ok(d)
                };
                match keep() {
                    Ok(d) => tracing::error!(
                        "mirror: {why}; both checkpoints are kept in {}; no longer following",
                        d.display()
                    ),
                    Err(e) => {
                        tracing::error!("mirror: {why}; the evidence could not be written: {e}")
                    }
                }
                store.stop_writes(format!("the mirror stopped following: {why}"));
                return;
            }
            Err(e) => tracing::warn!("mirror: {e:#} (trying again in {interval:?})"),
        }
        std::thread::sleep(interval);
    }
}

enum Step {
    Same,
    Grew {
        from: u64,
        to: u64,
    },
    Inconsistent {
        accepted: String,
        offered: String,
        why: String,
        proof: Vec<String>,
    },
}

fn step(src: &TilesAt, store: &Store, trust: &Trust) -> Result<Step> {
    let cp_text = src.checkpoint()?;
    // Under a policy, a checkpoint without the quorum is not taken (yet): the log may still be
    // collecting its cosignatures.
    let cp = match trust {
        Trust::Log(vkey) => Checkpoint::parse_verified(&cp_text, vkey)
            .map_err(|e| anyhow!("the log's checkpoint is not signed by its key: {e}"))?,
        Trust::Policy(_) => {
            trust
                .verify_checkpoint(&cp_text)
                .map_err(|e| anyhow!("the log's checkpoint is not taken: {e}"))?
                .checkpoint
        }
    };
    let local = store.reader().published();
    // The source's tiles, authenticated by the checkpoint it offers: the root of the tree they
    // make at its size must be its root, else they are only bad tiles (retry later), not
    // evidence against the log.
    let tree = tlog::TiledTree::new(cp.size, |p: &TilePath| src.tile(p).ok().flatten());
    let root = ledger_proof::root_at(&tree, cp.size)
        .map_err(|e| anyhow!("reading the log's tiles: {e}"))?;
    if root != cp.root {
        bail!(
            "the log's tiles do not give the root of its checkpoint of {} entries",
            cp.size
        );
    }
    // Consistency with what this mirror accepted, read from the same tiles.
    let (small, big) = if cp.size >= local.size {
        (local.size, cp.size)
    } else {
        (cp.size, local.size)
    };
    let offered_at = ledger_proof::root_at(&tree, small).map_err(|e| anyhow!("{e}"))?;
    let local_at = if cp.size >= local.size {
        local.root
    } else {
        store
            .reader()
            .root_at(cp.size)
            .map_err(|e| anyhow!("{e}"))?
    };
    if offered_at != local_at {
        let proof = ledger_proof::consistency_proof(&tree, small.max(1), cp.size.max(1))
            .map(|p| p.iter().map(|h| b64_encode(h)).collect())
            .unwrap_or_default();
        return Ok(Step::Inconsistent {
            accepted: local.checkpoint,
            offered: cp_text,
            why: format!(
                "the log's checkpoint of {} entries is not consistent with the accepted checkpoint of {} entries (their trees differ at size {small})",
                cp.size, local.size
            ),
            proof,
        });
    }
    if cp.size <= local.size {
        // The same tree, or an older view of it (a stale cache): nothing to do.
        let _ = big;
        return Ok(Step::Same);
    }
    // The new entries: the bundles from the one holding entry `local.size`.
    let mut lines = Vec::with_capacity((cp.size - local.size) as usize);
    let mut reader = BundleLines::starting_at(src, cp.size, local.size / tlog::TILE_WIDTH);
    let mut text = Vec::new();
    reader.read_to_end(&mut text)?;
    let skip = (local.size % tlog::TILE_WIDTH) as usize;
    for (k, l) in text.split(|b| *b == b'\n').enumerate() {
        if k < skip || lines.len() as u64 == cp.size - local.size {
            continue;
        }
        lines.push(l.to_vec());
    }
    let from = local.size;
    let to = store
        .replicate(lines, cp_text)
        .map_err(|e| anyhow!("{e}"))?;
    Ok(Step::Grew { from, to })
}
