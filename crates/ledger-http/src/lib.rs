//! The only crate that knows HTTP: the axum router of contract §7. Handlers are thin: they parse
//! the request, call the store (writes) or its reader (proofs, entries), and render JSON or
//! problem+json. Appends go through the store's single writer; nothing here writes on any error.

pub mod problem;
pub mod views;

use axum::body::{Body, Bytes};
use axum::extract::{DefaultBodyLimit, Path, Query, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use ledger_domain::rules::{self, Finding, Settings};
use ledger_domain::LedgerState;
use ledger_proof::{b64_encode, Hash};
use ledger_store::{Ack, Store};
pub use problem::Problem;
use serde::Deserialize;
use serde_json::{json, Value};
use std::future::Future;
use std::sync::Arc;
use views::Views;

/// Largest accepted request body (contract §7).
pub const MAX_BODY: usize = 1 << 20;

/// Shared handles of the server.
#[derive(Clone)]
pub struct AppState {
    pub store: Store,
    pub log_vkey: Arc<str>,
    pub views: Views,
}

impl AppState {
    /// Wires a store to its projections (starts the runner on the current runtime).
    pub fn new(store: Store, log_vkey: &str, settings: Settings) -> AppState {
        let views = Views::start(store.reader().clone(), settings);
        AppState {
            store,
            log_vkey: Arc::from(log_vkey),
            views,
        }
    }
}

/// The router of contract §7.
pub fn router(state: AppState) -> Router {
    Router::new()
        .route("/v1/events", post(post_event))
        .route("/v1/checkpoint", get(get_checkpoint))
        .route("/v1/log-key", get(get_log_key))
        .route("/v1/entries", get(get_entries))
        .route("/v1/entries/{index}", get(get_entry))
        .route("/v1/proofs/inclusion", get(get_inclusion))
        .route("/v1/proofs/consistency", get(get_consistency))
        .route("/v1/audit", get(get_audit))
        .route("/healthz", get(healthz))
        .fallback(|| async { Problem::not_found("no such route") })
        // The body limit is enforced by post_event itself so that the 413 is problem+json.
        .layer(DefaultBodyLimit::disable())
        .with_state(state)
}

/// Serves the router on a bound listener until `shutdown` resolves.
pub async fn serve(
    listener: tokio::net::TcpListener,
    state: AppState,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    axum::serve(listener, router(state))
        .with_graceful_shutdown(shutdown)
        .await
}

fn hashes_b64(hashes: &[Hash]) -> Vec<String> {
    hashes.iter().map(|h| b64_encode(h)).collect()
}

/// The acknowledgement body of contract §7.
pub fn ack_json(ack: &Ack, findings: &[Finding]) -> Value {
    json!({
        "index": ack.index,
        "entry": ack.line,
        "entry_hash": hex_lower(&ack.entry_hash),
        "checkpoint": ack.checkpoint,
        "inclusion_proof": {"index": ack.index, "size": ack.size, "hashes": hashes_b64(&ack.proof)},
        "findings": findings,
    })
}

fn hex_lower(h: &[u8]) -> String {
    h.iter().map(|b| format!("{b:02x}")).collect()
}

async fn post_event(State(st): State<AppState>, req: Request) -> Result<Response, Problem> {
    let (parts, body) = req.into_parts();
    // 1. size (413), before anything else is looked at.
    if let Some(len) = parts.headers.get(header::CONTENT_LENGTH) {
        let len: u64 = len
            .to_str()
            .ok()
            .and_then(|s| s.parse().ok())
            .ok_or_else(|| Problem::bad_request("Content-Length is not a number"))?;
        if len > MAX_BODY as u64 {
            return Err(too_large());
        }
    }
    let bytes: Bytes = match axum::body::to_bytes(body, MAX_BODY).await {
        Ok(b) => b,
        Err(e) => {
            let length_limit = std::error::Error::source(&e)
                .is_some_and(|s| s.is::<http_body_util::LengthLimitError>())
                || e.to_string().contains("length limit");
            return Err(if length_limit {
                too_large()
            } else {
                Problem::bad_request(format!("cannot read the body: {e}"))
            });
        }
    };
    // 2. media type (415).
    check_json_media_type(&parts.headers)?;
    // 3. envelope form (400); the rest of the order of §7 is the domain's.
    let envelope = LedgerState::parse_envelope(&bytes)?;
    let ack = st.store.append(envelope).await?;
    // Read-your-writes: the acknowledgement waits until the projections include the entry.
    st.views
        .caught_up(ack.index + 1)
        .await
        .map_err(unavailable)?;
    let findings = st
        .views
        .read()
        .raised
        .get(&ack.index)
        .cloned()
        .unwrap_or_default();
    let status = if ack.created {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    };
    Ok((status, Json(ack_json(&ack, &findings))).into_response())
}

fn unavailable(e: String) -> Problem {
    Problem::new(
        StatusCode::SERVICE_UNAVAILABLE,
        "unavailable",
        "the read models are unavailable",
        e,
    )
}

/// The audit of contract §8, as of the projections' size.
pub fn audit_json(views: &Views) -> Value {
    let p = views.read();
    let audit = rules::audit(
        &p.engine.model,
        &p.engine.settings,
        p.engine.findings(),
        b64_encode(&p.root),
    );
    serde_json::to_value(audit).unwrap_or(Value::Null)
}

async fn get_audit(State(st): State<AppState>) -> Result<Json<Value>, Problem> {
    let size = st.store.reader().published().size;
    st.views.caught_up(size).await.map_err(unavailable)?;
    Ok(Json(audit_json(&st.views)))
}

fn too_large() -> Problem {
    Problem::new(
        StatusCode::PAYLOAD_TOO_LARGE,
        "too-large",
        "request body too large",
        format!("the body exceeds {MAX_BODY} bytes"),
    )
}

fn check_json_media_type(headers: &HeaderMap) -> Result<(), Problem> {
    let ct = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let essence = ct.split(';').next().unwrap_or("").trim();
    if essence.eq_ignore_ascii_case("application/json") {
        Ok(())
    } else {
        Err(Problem::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupported-media-type",
            "unsupported media type",
            format!("Content-Type must be application/json, got {:?}", ct),
        ))
    }
}

fn text(body: String) -> Response {
    (
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("text/plain; charset=utf-8"),
        )],
        body,
    )
        .into_response()
}

async fn get_checkpoint(State(st): State<AppState>) -> Response {
    text(st.store.reader().published().checkpoint)
}

async fn get_log_key(State(st): State<AppState>) -> Response {
    text(format!("{}\n", st.log_vkey))
}

async fn healthz(State(st): State<AppState>) -> Json<Value> {
    Json(json!({"status": "ok", "size": st.store.reader().published().size}))
}

/// Parses an optional non-negative integer query parameter with a clear error.
fn param(
    q: &std::collections::HashMap<String, String>,
    name: &str,
) -> Result<Option<u64>, Problem> {
    match q.get(name) {
        None => Ok(None),
        Some(v) if v.is_empty() => Ok(None),
        Some(v) => v.parse::<u64>().map(Some).map_err(|_| {
            Problem::bad_request(format!("{name} must be a non-negative integer, got {v:?}"))
        }),
    }
}

type Params = Query<std::collections::HashMap<String, String>>;

async fn get_entries(State(st): State<AppState>, Query(q): Params) -> Result<Response, Problem> {
    let start = param(&q, "start")?.unwrap_or(0);
    let limit = param(&q, "limit")?.unwrap_or(1000).min(1000);
    let lines = st.store.reader().entries(start, limit)?;
    let mut body = Vec::with_capacity(lines.iter().map(|l| l.len() + 1).sum());
    for l in lines {
        body.extend_from_slice(&l);
        body.push(b'\n');
    }
    Ok((
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/jsonl"),
        )],
        Body::from(body),
    )
        .into_response())
}

#[derive(Deserialize)]
struct IndexPath {
    index: String,
}

async fn get_entry(
    State(st): State<AppState>,
    Path(p): Path<IndexPath>,
) -> Result<Json<Value>, Problem> {
    let index: u64 = p.index.parse().map_err(|_| {
        Problem::bad_request(format!(
            "index must be a non-negative integer, got {:?}",
            p.index
        ))
    })?;
    let reader = st.store.reader();
    let published = reader.published();
    let line = reader.entry(index)?.ok_or_else(|| {
        Problem::not_found(format!(
            "no entry {index}: the log has {} entries",
            published.size
        ))
    })?;
    let proof = reader.inclusion_proof(index, published.size)?;
    Ok(Json(json!({
        "entry": String::from_utf8_lossy(&line),
        "inclusion_proof": {"index": index, "size": published.size, "hashes": hashes_b64(&proof)},
        "checkpoint": published.checkpoint,
    })))
}

async fn get_inclusion(
    State(st): State<AppState>,
    Query(q): Params,
) -> Result<Json<Value>, Problem> {
    let index = param(&q, "index")?.ok_or_else(|| Problem::bad_request("index is required"))?;
    let size = match param(&q, "size")? {
        Some(s) => s,
        None => st.store.reader().published().size,
    };
    let proof = st.store.reader().inclusion_proof(index, size)?;
    Ok(Json(
        json!({"index": index, "size": size, "hashes": hashes_b64(&proof)}),
    ))
}

async fn get_consistency(
    State(st): State<AppState>,
    Query(q): Params,
) -> Result<Json<Value>, Problem> {
    let from = param(&q, "from")?.ok_or_else(|| Problem::bad_request("from is required"))?;
    let to = match param(&q, "to")? {
        Some(t) => t,
        None => st.store.reader().published().size,
    };
    let proof = st.store.reader().consistency_proof(from, to)?;
    Ok(Json(
        json!({"from": from, "to": to, "hashes": hashes_b64(&proof)}),
    ))
}
