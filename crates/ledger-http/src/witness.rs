//! `dledger witness serve` (contract §10): a C2SP tlog-witness v1.0.0. `POST /add-checkpoint`
//! takes `old <size>`, the consistency proof lines, a blank line and a checkpoint; it answers
//! 400 (malformed, or old size above the checkpoint's), 404 (an origin it does not follow), 403
//! (no valid signature by the log's key), 409 with `text/x.tlog.size` (the old size is not the
//! one it cosigned last, or the same size with another root), 422 (the proof does not verify),
//! or 200 with its cosignature line. The check and the persisting of the new state are one
//! atomic step ([`ledger_store::witness::WitnessDb::advance`]). A checkpoint that contradicts
//! the one it cosigned is kept as evidence. `GET /` lists what it has cosigned.

use crate::i18n::L;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use ledger_proof::cosig::CosignerSigner;
use ledger_proof::{b64_decode, b64_encode, verify_consistency, Checkpoint, Hash, VerifierKey};
use ledger_store::witness::{Evidence, Latest, WitnessDb};
use maud::{html, DOCTYPE};
use std::collections::HashMap;
use std::sync::Arc;

#[derive(Clone)]
pub struct Witness {
    pub db: Arc<WitnessDb>,
    pub key: Arc<CosignerSigner>,
    /// The logs it follows, by origin.
    pub logs: Arc<HashMap<String, VerifierKey>>,
    pub clock: Arc<dyn Fn() -> u64 + Send + Sync>,
}

pub fn router(w: Witness) -> Router {
    Router::new()
        .route("/add-checkpoint", post(add_checkpoint))
        .route("/", get(page))
        .route("/healthz", get(|| async { "ok\n" }))
        .layer(axum::middleware::from_fn(crate::i18n::remember))
        .with_state(w)
}

fn text(status: StatusCode, body: String) -> Response {
    let mut r = (status, body).into_response();
    r.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/plain; charset=utf-8"),
    );
    r
}

fn conflict(size: u64) -> Response {
    let mut r = (StatusCode::CONFLICT, format!("{size}\n")).into_response();
    r.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/x.tlog.size"),
    );
    r
}

/// A parsed request body: old size, proof, checkpoint note.
struct Submission {
    old: u64,
    proof: Vec<Hash>,
    note: String,
}

fn parse_body(body: &[u8]) -> Result<Submission, String> {
    let text = std::str::from_utf8(body).map_err(|_| "the body is not UTF-8")?;
    let (first, mut rest) = text.split_once('\n').ok_or("no old size line")?;
    let old = first
        .strip_prefix("old ")
        .ok_or("the first line is not `old <size>`")?;
    let canonical = !old.is_empty()
        && old.bytes().all(|b| b.is_ascii_digit())
        && (old == "0" || !old.starts_with('0'));
    let old: u64 = old
        .parse()
        .ok()
        .filter(|_| canonical)
        .ok_or("the old size is not a decimal number without leading zeros")?;
    let mut proof = Vec::new();
    loop {
        let (line, tail) = rest
            .split_once('\n')
            .ok_or("no blank line before the checkpoint")?;
        rest = tail;
        if line.is_empty() {
            break;
        }
        if proof.len() == 63 {
            return Err("more than 63 consistency proof lines".into());
        }
        let h = b64_decode(line).map_err(|_| format!("proof line {:?} is not base64", line))?;
        let h: Hash = h
            .try_into()
            .map_err(|_| format!("proof line {line:?} is not a 32-byte hash"))?;
        proof.push(h);
    }
    Ok(Submission {
        old,
        proof,
        note: rest.to_owned(),
    })
}

enum Refusal {
    Conflict(u64, Option<String>),
    Unprocessable(String),
}

async fn add_checkpoint(State(w): State<Witness>, body: Bytes) -> Response {
    let sub = match parse_body(&body) {
        Ok(s) => s,
        Err(why) => return text(StatusCode::BAD_REQUEST, format!("{why}\n")),
    };
    let (cp, signed) = match Checkpoint::parse_unverified(&sub.note) {
        Ok(x) => x,
        Err(e) => return text(StatusCode::BAD_REQUEST, format!("the checkpoint: {e}\n")),
    };
    let Some(key) = w.logs.get(&cp.origin) else {
        return text(
            StatusCode::NOT_FOUND,
            format!("unknown log {:?}\n", cp.origin),
        );
    };
    if signed.verify(key).is_err() {
        return text(
            StatusCode::FORBIDDEN,
            format!("no valid signature by the key of {}\n", cp.origin),
        );
    }
    if sub.old > cp.size {
        return text(
            StatusCode::BAD_REQUEST,
            format!(
                "old size {} is above the checkpoint's {}\n",
                sub.old, cp.size
            ),
        );
    }
    let now = (w.clock)();
    let root_b64 = b64_encode(&cp.root);
    let result = w.db.advance(&cp.origin, |stored: Option<&Latest>| {
        let stored_size = stored.map_or(0, |s| s.size);
        if sub.old != stored_size {
            return Err(Refusal::Conflict(stored_size, None));
        }
        if sub.old == cp.size {
            if let Some(s) = stored {
                if s.root != root_b64 {
                    return Err(Refusal::Conflict(
                        stored_size,
                        Some(format!(
                            "two checkpoints of size {} with different roots (a split view)",
                            cp.size
                        )),
                    ));
                }
            }
            if !sub.proof.is_empty() {
                return Err(Refusal::Unprocessable(
                    "a proof between equal sizes must be empty".into(),
                ));
            }
        } else if sub.old == 0 {
            if !sub.proof.is_empty() {
                return Err(Refusal::Unprocessable(
                    "the proof must be empty when the old size is 0".into(),
                ));
            }
        } else {
            let old_root: Hash = stored
                .and_then(|s| b64_decode(&s.root).ok())
                .and_then(|b| b.try_into().ok())
                .unwrap_or([0; 32]);
            if verify_consistency(sub.old, cp.size, &sub.proof, &old_root, &cp.root).is_err() {
                return Err(Refusal::Unprocessable(format!(
                    "the consistency proof from {} to {} does not verify against the checkpoint this witness cosigned",
                    sub.old, cp.size
                )));
            }
        }
        Ok(Latest {
            size: cp.size,
            root: root_b64.clone(),
            note: sub.note.clone(),
            cosigned_at: now.max(stored.map_or(0, |s| s.cosigned_at)),
        })
    });
    let keep = |why: String| {
        if let Ok(Some(s)) = w.db.latest(&cp.origin) {
            let _ = w.db.add_evidence(&Evidence {
                origin: cp.origin.clone(),
                at: now,
                accepted: s.note,
                offered: sub.note.clone(),
                why: why.clone(),
            });
            tracing::warn!("witness: evidence kept for {}: {why}", cp.origin);
        }
    };
    match result {
        Err(e) => text(StatusCode::SERVICE_UNAVAILABLE, format!("{e}\n")),
        Ok(Err(Refusal::Conflict(size, evidence))) => {
            if let Some(why) = evidence {
                keep(why);
            }
            conflict(size)
        }
        Ok(Err(Refusal::Unprocessable(why))) => {
            keep(why.clone());
            text(StatusCode::UNPROCESSABLE_ENTITY, format!("{why}\n"))
        }
        Ok(Ok(latest)) => text(StatusCode::OK, w.key.cosign(&cp.body(), latest.cosigned_at)),
    }
}

async fn page(State(w): State<Witness>, l: L) -> Html<String> {
    let logs = w.db.all();
    let evidence = w.db.evidence();
    Html(
        html! {
            (DOCTYPE)
            html lang=(l.lang.code()) dir=(l.lang.dir()) {
                head {
                    meta charset="utf-8";
                    meta name="viewport" content="width=device-width, initial-scale=1";
                    title { (l.format("witness-title", &[("name", w.key.name().to_owned().into())])) }
                    link rel="icon" href="data:,";
                    style { "body{font-family:system-ui,sans-serif;max-width:60rem;margin:1rem auto;padding:0 1rem;line-height:1.5}code{word-break:break-all;unicode-bidi:isolate}table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #ddd;padding:.4rem;text-align:start;vertical-align:top}nav.langs ul{list-style:none;display:flex;flex-wrap:wrap;gap:.25rem .9rem;padding:0}" }
                }
                body {
                    header { (crate::i18n::switcher(&l)) }
                    main {
                        h1 { (l.markup("witness-title", &[("name", html! { code dir="ltr" { (w.key.name()) } })])) }
                        p { (l.markup("witness-key", &[("key", html! { code dir="ltr" { (w.key.verifier().to_string()) } })])) }
                        p { (l.t("witness-explain")) }
                        h2 { (l.t("witness-logs")) }
                        table {
                            thead { tr { th { (l.t("pub-origin")) } th { (l.t("witness-size")) } th { (l.t("pub-root")) } th { (l.t("witness-at")) } } }
                            tbody {
                                @for origin in w.logs.keys() {
                                    @let latest = logs.iter().find(|(o, _)| o == origin).map(|(_, l)| l);
                                    tr {
                                        td { code dir="ltr" { (origin) } }
                                        td { (latest.map_or("—".to_string(), |l| l.size.to_string())) }
                                        td { code dir="ltr" { (latest.map_or("—".to_string(), |l| l.root.clone())) } }
                                        td dir="ltr" { (latest.map_or("—".to_string(), |l| utc(l.cosigned_at))) }
                                    }
                                }
                            }
                        }
                        h2 { (l.t("witness-evidence")) }
                        @if evidence.is_empty() {
                            p { (l.t("witness-no-evidence")) }
                        } @else {
                            ul {
                                @for e in &evidence {
                                    li {
                                        bdi dir="ltr" { (utc(e.at)) } ": " code dir="ltr" { (e.origin) } " — " span lang="en" dir="ltr" { (e.why) }
                                        details { summary { (l.t("witness-two-checkpoints")) }
                                            pre dir="ltr" { (e.accepted) } pre dir="ltr" { (e.offered) } }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        .into_string(),
    )
}

fn utc(secs: u64) -> String {
    ledger_events::time::Instant::from_millis(secs as i128 * 1000).to_recorded_at()
}
