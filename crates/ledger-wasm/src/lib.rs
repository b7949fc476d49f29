//! The verifier of the `/verify` page (issue 17): the very code `dledger verify`,
//! `verify-receipt` and `verify-proof` run (ledger-proof, ledger-log, ledger-rules,
//! ledger-views), compiled to `wasm32-unknown-unknown`, so the browser and the command line
//! cannot disagree. This module is the pure Rust face (tested natively, against the command
//! line); [`abi`] hands it to JavaScript through linear memory.
//!
//! Every check returns an [`Outcome`]: the checks made, in order, each ✓ / ✗ / not reached with
//! what failed, and what was proven (the recomputed verdict and findings, the entry, the log's
//! size), plus the document digests the proven entries name.

use ledger_log::verify::LineStream;
use ledger_proof::tlogproof::{verify_entry_proof, Trust};
use ledger_proof::{Checkpoint, Entry, VerifierKey};
use ledger_rules::{Model, Settings};
use serde::Serialize;
use serde_json::{json, Value};

pub mod abi;

/// One check: `ok` is None when it was not reached (an earlier one failed).
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct Check {
    pub name: String,
    pub ok: Option<bool>,
    pub detail: String,
}

/// A document digest named by a proven entry.
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct Named {
    pub digest: String,
    pub index: u64,
    pub field: String,
    #[serde(rename = "type")]
    pub event_type: String,
    pub id: String,
}

/// What checking one file gave.
#[derive(Clone, Debug, Serialize)]
pub struct Outcome {
    /// `receipt`, `export`, `proof` or `trust`.
    pub kind: &'static str,
    pub ok: bool,
    pub checks: Vec<Check>,
    /// One sentence: what holds, or the first thing that does not.
    pub summary: String,
    /// What was proven (receipt: the recomputed verdict and findings; proof: the entry;
    /// export: size, root, verdicts).
    pub details: Value,
    /// The document digests the proven entries name.
    pub named: Vec<Named>,
}

fn passed(name: &str, detail: impl Into<String>) -> Check {
    Check {
        name: name.into(),
        ok: Some(true),
        detail: detail.into(),
    }
}

fn failed(name: &str, detail: impl Into<String>) -> Check {
    Check {
        name: name.into(),
        ok: Some(false),
        detail: detail.into(),
    }
}

fn not_reached(name: &str) -> Check {
    Check {
        name: name.into(),
        ok: None,
        detail: "not checked: an earlier check failed".into(),
    }
}

fn outcome(kind: &'static str, checks: Vec<Check>, details: Value, named: Vec<Named>) -> Outcome {
    let ok = checks.iter().all(|c| c.ok == Some(true));
    let summary = match checks.iter().find(|c| c.ok == Some(false)) {
        Some(c) => format!("{}: {}", c.name, c.detail),
        None => match kind {
            "receipt" => "the receipt holds: every entry is in the signed log and the verdict was recomputed from them".into(),
            "proof" => "the proof holds: the entry is in the signed log".into(),
            "export" => "the export is intact: every entry checked, the root and the checkpoint signature hold".into(),
            _ => "ok".into(),
        },
    };
    Outcome {
        kind,
        ok,
        checks,
        summary,
        details,
        named: if ok { named } else { Vec::new() },
    }
}

/// The trust anchor as pasted: a vkey or a tlog-policy.
pub fn parse_trust(text: &str) -> Result<Trust, String> {
    if text.trim().is_empty() {
        return Err("no trust anchor: paste the log's vkey or a tlog-policy".into());
    }
    Trust::parse(text)
}

/// Under a policy, the quorum of a checkpoint already known to be signed by the log.
fn quorum_check(trust: &Trust, note: &str) -> Option<Check> {
    match trust {
        Trust::Log(_) => None,
        Trust::Policy(p) => Some(match p.verify(note) {
            Ok(w) => passed(
                "witness quorum",
                if w.cosigned.is_empty() {
                    "the policy asks for no cosignature (quorum none)".to_owned()
                } else {
                    format!(
                        "cosigned by {}",
                        w.cosigned
                            .iter()
                            .map(|(n, t)| format!("{n} at {}", utc(*t)))
                            .collect::<Vec<_>>()
                            .join(", ")
                    )
                },
            ),
            Err(e) => failed("witness quorum", e),
        }),
    }
}

fn utc(secs: u64) -> String {
    ledger_events::time::Instant::from_millis(i128::from(secs) * 1000).to_recorded_at()
}

fn origin_of(note: &str) -> &str {
    note.split('\n').next().unwrap_or("")
}

/// The digests an entry line's event names, with the field naming each.
pub fn digests_of_line(index: u64, line: &str) -> Vec<Named> {
    let Ok(entry) = Entry::parse(line) else {
        return Vec::new();
    };
    let Some(payload) = entry
        .envelope
        .payload_bytes()
        .ok()
        .and_then(|b| serde_json::from_slice::<Value>(&b).ok())
    else {
        return Vec::new();
    };
    let ty = payload["type"].as_str().unwrap_or("").to_owned();
    let id = payload["id"].as_str().unwrap_or("").to_owned();
    ledger_views::documents::digests_in(&payload["data"])
        .into_iter()
        .map(|(field, digest)| Named {
            digest,
            index,
            field,
            event_type: ty.clone(),
            id: id.clone(),
        })
        .collect()
}

/// A decision's receipt (what `dledger verify-receipt` checks).
pub fn check_receipt(bytes: &[u8], trust_text: &str) -> Outcome {
    let trust = match parse_trust(trust_text) {
        Ok(t) => t,
        Err(e) => return trust_failure(e),
    };
    let v: Value = serde_json::from_slice(bytes).unwrap_or(Value::Null);
    let note = v["checkpoint"].as_str().unwrap_or("").to_owned();
    let mut names: Vec<&str> = ledger_views::receipt::RECEIPT_CHECKS.to_vec();
    if matches!(trust, Trust::Policy(_)) {
        names.insert(3, "witness quorum");
    }
    let key = match trust.log_key(origin_of(&note)) {
        Ok(k) => k,
        Err(e) => {
            let mut checks = vec![passed("receipt form", "")];
            checks.push(failed("log key", e));
            checks.extend(names[2..].iter().map(|n| not_reached(n)));
            return outcome("receipt", checks, Value::Null, Vec::new());
        }
    };
    // Under a policy the quorum is a check of its own, made whatever the others find (as
    // `verify-receipt --policy` refuses a receipt whose checkpoint lacks it).
    let quorum = quorum_check(&trust, &note);
    match ledger_views::receipt::verify(bytes, &key) {
        Err(e) => {
            let at = e.check();
            let mut checks = Vec::new();
            let mut reached = false;
            for n in &names {
                if *n == at {
                    checks.push(failed(n, e.to_string()));
                    reached = true;
                } else if reached {
                    checks.push(not_reached(n));
                } else if *n == "witness quorum" {
                    checks.push(quorum.clone().unwrap_or_else(|| not_reached(n)));
                } else {
                    checks.push(passed(n, ""));
                }
            }
            outcome("receipt", checks, Value::Null, Vec::new())
        }
        Ok(ok) => {
            let r = &ok.receipt;
            let mut checks = Vec::new();
            for n in &names {
                let detail = match *n {
                    "receipt form" => format!("format {}, rule set {}", r.format, r.rules),
                    "log key" => format!("the receipt's log key is the trusted {}", key.key_id()),
                    "checkpoint signature" => format!(
                        "a checkpoint of {} entries signed by {}",
                        ok.checkpoint.size,
                        key.key_id()
                    ),
                    "inclusion proofs" => format!(
                        "{} entries proven in the log of {} entries",
                        r.entries.len(),
                        ok.checkpoint.size
                    ),
                    "entry lines" => {
                        "every line canonical, its event read as the server read it".into()
                    }
                    "verdict recomputed" => format!(
                        "{} from the entries under {}",
                        r.verdict.as_str(),
                        ledger_events::RULE_SET
                    ),
                    "findings recomputed" => format!("{} findings, as claimed", r.findings.len()),
                    _ => String::new(),
                };
                if *n == "witness quorum" {
                    if let Some(c) = quorum.clone() {
                        checks.push(c);
                    }
                } else {
                    checks.push(passed(n, detail));
                }
            }
            let named = r
                .entries
                .iter()
                .flat_map(|e| digests_of_line(e.index, &e.entry))
                .collect();
            let details = json!({
                "decision_id": r.decision_id,
                "meeting_id": r.meeting_id,
                "category": r.category,
                "venue": r.venue,
                "verdict": r.verdict.as_str(),
                "findings": r.findings,
                "size": ok.checkpoint.size,
                "entries": r.entries.iter().map(|e| e.index).collect::<Vec<_>>(),
                "completeness": ok.coverage.iter().map(|c| json!({
                    "period_id": c.period_id, "index": c.index, "late": c.late, "text": c.describe(),
                })).collect::<Vec<_>>(),
            });
            outcome("receipt", checks, details, named)
        }
    }
}

fn trust_failure(why: String) -> Outcome {
    outcome(
        "trust",
        vec![failed("trust anchor", why)],
        Value::Null,
        Vec::new(),
    )
}

/// An entry's tlog-proof (what `dledger verify-proof` checks).
pub fn check_proof(bytes: &[u8], trust_text: &str) -> Outcome {
    let trust = match parse_trust(trust_text) {
        Ok(t) => t,
        Err(e) => return trust_failure(e),
    };
    let mut names = vec![
        "proof form",
        "checkpoint signature",
        "inclusion",
        "entry line",
    ];
    if matches!(trust, Trust::Policy(_)) {
        names.insert(2, "witness quorum");
    }
    let mut checks = Vec::new();
    let finish = |mut checks: Vec<Check>, at: usize| {
        checks.extend(names[at..].iter().map(|n| not_reached(n)));
        outcome("proof", checks, Value::Null, Vec::new())
    };
    let Ok(text) = std::str::from_utf8(bytes) else {
        checks.push(failed("proof form", "the file is not UTF-8 text"));
        return finish(checks, 1);
    };
    let proof = match ledger_proof::tlogproof::TlogProof::parse(text) {
        Ok(p) => p,
        Err(e) => {
            checks.push(failed("proof form", e));
            return finish(checks, 1);
        }
    };
    checks.push(passed(
        "proof form",
        format!("c2sp.org/tlog-proof@v1, entry {}", proof.index),
    ));
    let key: VerifierKey = match trust.log_key(origin_of(&proof.checkpoint)) {
        Ok(k) => k,
        Err(e) => {
            checks.push(failed("checkpoint signature", e));
            return finish(checks, 2);
        }
    };
    let cp = match Checkpoint::parse_verified(&proof.checkpoint, &key) {
        Ok(cp) => cp,
        Err(e) => {
            checks.push(failed("checkpoint signature", e.to_string()));
            return finish(checks, 2);
        }
    };
    checks.push(passed(
        "checkpoint signature",
        format!(
            "a checkpoint of {} entries signed by {}",
            cp.size,
            key.key_id()
        ),
    ));
    let mut next = 2;
    if let Some(c) = quorum_check(&trust, &proof.checkpoint) {
        let bad = c.ok == Some(false);
        checks.push(c);
        next = 3;
        if bad {
            return finish(checks, next);
        }
    }
    match verify_entry_proof(text, &Trust::Log(key)) {
        Err(e) => {
            let name = if e.check == "inclusion" || e.check == "extra" {
                "inclusion"
            } else {
                "entry line"
            };
            if name == "inclusion" {
                checks.push(failed("inclusion", e.why));
                finish(checks, next + 1)
            } else {
                checks.push(passed("inclusion", ""));
                checks.push(failed("entry line", e.why));
                finish(checks, next + 2)
            }
        }
        Ok(p) => {
            checks.push(passed(
                "inclusion",
                format!(
                    "the entry line is leaf {} of the tree of {} entries",
                    p.index, cp.size
                ),
            ));
            let payload: Value = p
                .entry
                .envelope
                .payload_bytes()
                .ok()
                .and_then(|b| serde_json::from_slice(&b).ok())
                .unwrap_or(Value::Null);
            checks.push(passed(
                "entry line",
                format!(
                    "canonical; it says it is entry {}, recorded at {}",
                    p.entry.index, p.entry.recorded_at
                ),
            ));
            let details = json!({
                "index": p.index,
                "size": cp.size,
                "recorded_at": p.entry.recorded_at,
                "type": payload["type"],
                "id": payload["id"],
                "line": p.line,
            });
            let named = digests_of_line(p.index, &p.line);
            outcome("proof", checks, details, named)
        }
    }
}

/// An export (`entries.jsonl` and `checkpoint`) checked as `dledger verify` checks it, fed in
/// slices so that the page can show progress.
pub struct ExportCheck {
    stream: LineStream<Model>,
    named: Vec<Named>,
    index: u64,
    partial: Vec<u8>,
    bytes: u64,
}

impl Default for ExportCheck {
    fn default() -> Self {
        Self::new()
    }
}

impl ExportCheck {
    pub fn new() -> Self {
        ExportCheck {
            stream: LineStream::new(),
            named: Vec::new(),
            index: 0,
            partial: Vec::new(),
            bytes: 0,
        }
    }

    /// Feeds the next bytes of `entries.jsonl`; returns the entries checked so far.
    pub fn push(&mut self, bytes: &[u8]) -> u64 {
        self.stream.push(bytes);
        self.bytes += bytes.len() as u64;
        // the digests the lines name (kept only if the whole export verifies)
        if !self.stream.failed() {
            let mut rest = bytes;
            while let Some(nl) = rest.iter().position(|b| *b == b'\n') {
                self.partial.extend_from_slice(&rest[..nl]);
                let line = std::mem::take(&mut self.partial);
                if let Ok(l) = std::str::from_utf8(&line) {
                    self.named.extend(digests_of_line(self.index, l));
                }
                self.index += 1;
                rest = &rest[nl + 1..];
            }
            self.partial.extend_from_slice(rest);
        }
        self.stream.size()
    }

    pub fn finish(self, checkpoint: &str, trust_text: &str) -> Outcome {
        let trust = match parse_trust(trust_text) {
            Ok(t) => t,
            Err(e) => return trust_failure(e),
        };
        let mut names = vec!["entries", "checkpoint and root", "rules"];
        if matches!(trust, Trust::Policy(_)) {
            names.insert(2, "witness quorum");
        }
        let key = match trust.log_key(origin_of(checkpoint)) {
            Ok(k) => k,
            Err(e) => {
                let mut checks = vec![not_reached("entries")];
                checks.push(failed("checkpoint and root", e));
                checks.extend(names[2..].iter().map(|n| not_reached(n)));
                return outcome("export", checks, Value::Null, Vec::new());
            }
        };
        let report = self.stream.finish(checkpoint, Some(&key));
        let mut checks = Vec::new();
        let entry_problem = report
            .problems
            .iter()
            .find(|p| matches!(p, ledger_log::verify::Problem::Entry { .. }));
        let cp_problem = report
            .problems
            .iter()
            .find(|p| matches!(p, ledger_log::verify::Problem::Checkpoint { .. }));
        match entry_problem {
            Some(p) => {
                checks.push(failed("entries", p.to_string()));
                checks.extend(names[1..].iter().map(|n| not_reached(n)));
                return outcome("export", checks, Value::Null, Vec::new());
            }
            None => checks.push(passed(
                "entries",
                format!(
                    "{} entries: every line canonical, the chain, signatures, roles, schemas and references",
                    report.size
                ),
            )),
        }
        if let Some(p) = cp_problem {
            checks.push(failed("checkpoint and root", p.to_string()));
            checks.extend(names[2..].iter().map(|n| not_reached(n)));
            return outcome("export", checks, Value::Null, Vec::new());
        }
        checks.push(passed(
            "checkpoint and root",
            format!(
                "the Merkle root of the {} entries is the root of the checkpoint signed by {}",
                report.size,
                key.key_id()
            ),
        ));
        if let Some(c) = quorum_check(&trust, checkpoint) {
            let bad = c.ok == Some(false);
            checks.push(c);
            if bad {
                checks.push(not_reached("rules"));
                return outcome("export", checks, Value::Null, Vec::new());
            }
        }
        let settings = Settings::default();
        let findings = ledger_rules::evaluate(&report.model, &settings);
        let audit = ledger_rules::audit(
            &report.model,
            &settings,
            findings,
            ledger_proof::b64_encode(&report.root),
        );
        let count =
            |s: ledger_rules::Severity| audit.findings.iter().filter(|f| f.severity == s).count();
        checks.push(passed(
            "rules",
            format!(
                "{}: {} decisions; {} violations, {} advisories, {} info",
                ledger_events::RULE_SET,
                audit.decisions.len(),
                count(ledger_rules::Severity::Violation),
                count(ledger_rules::Severity::Advisory),
                count(ledger_rules::Severity::Info),
            ),
        ));
        let details = json!({
            "size": report.size,
            "root": audit.root,
            "decisions": audit.decisions,
        });
        outcome("export", checks, details, self.named)
    }
}

/// BLAKE3 of a document, fed in slices: `blake3:<hex>` as events record it.
#[derive(Default)]
pub struct DocumentDigest(blake3::Hasher);

impl DocumentDigest {
    pub fn push(&mut self, bytes: &[u8]) {
        self.0.update(bytes);
    }
    pub fn finish(&self) -> String {
        format!("blake3:{}", self.0.finalize().to_hex())
    }
}
