//! The only crate that knows HTTP: the axum router of contract §7. Handlers are thin: they parse
//! the request, call the store (writes) or its reader (proofs, entries), and render JSON or
//! problem+json. Appends go through the store's single writer; nothing here writes on any error.

pub mod cp11_4;
pub mod edge;
pub mod findings_text;
pub mod i18n;
pub mod metrics;
pub mod openapi;
pub mod pages;
pub mod problem;
pub mod read;
pub mod record;
pub mod server;
pub mod takeaway;
pub mod tlog;
pub mod verifier;
pub mod views;
pub mod witness;
pub mod witnessing;

use axum::body::{Body, Bytes};
use axum::extract::{DefaultBodyLimit, Path, Query, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use ledger_log::LedgerState;
use ledger_proof::{b64_encode, Hash};
use ledger_rules::{Finding, Settings};
use ledger_store::{Ack, Store};
use ledger_views::receipt::InclusionProof;
use ledger_views::wire::{Acknowledgement, ConsistencyProof, EntryWithProof, Health};
pub use problem::Problem;
use serde::Deserialize;
use serde_json::Value;
use std::future::Future;
use std::sync::Arc;
use views::Views;

/// Lines `/v1/entries` reads from the store at a time.
const ENTRIES_CHUNK: u64 = 16;

/// Largest accepted request body (contract §7).
pub const MAX_BODY: usize = 1 << 20;

/// Shared handles of the server.
#[derive(Clone)]
pub struct AppState {
    pub store: Store,
    pub log_vkey: Arc<str>,
    pub views: Views,
    pub limits: Arc<server::Limits>,
    pub metrics: metrics::Metrics,
    /// Turns for expensive reads ([`edge::expensive`]).
    pub expensive: Arc<tokio::sync::Semaphore>,
    /// Receipts of the current checkpoint.
    pub receipts: Arc<read::ReceiptCache>,
    /// The witness client, with `serve --witness-policy`.
    pub witnessing: Option<witnessing::Witnessing>,
}

impl AppState {
    /// Wires a store to its projections (starts the runner on the current runtime), with the
    /// default limits.
    pub fn new(store: Store, log_vkey: &str, settings: Settings) -> AppState {
        Self::with_limits(store, log_vkey, settings, server::Limits::default())
    }

    pub fn with_limits(
        store: Store,
        log_vkey: &str,
        settings: Settings,
        limits: server::Limits,
    ) -> AppState {
        Self::with_preload(store, log_vkey, settings, limits, None)
    }

    /// [`AppState::with_limits`] with the projection snapshot already being read
    /// ([`views::Preload`], started before the store was opened).
    pub fn with_preload(
        store: Store,
        log_vkey: &str,
        settings: Settings,
        limits: server::Limits,
        preload: Option<views::Preload>,
    ) -> AppState {
        let views = Views::start_with(
            store.reader().clone(),
            settings,
            Some(store.derived_dir().to_owned()),
            preload,
        );
        let metrics = metrics::Metrics::new();
        let m = metrics.clone();
        store.observe_batches(Arc::new(move |n| m.batch(n)));
        AppState {
            store,
            log_vkey: Arc::from(log_vkey),
            views,
            expensive: Arc::new(tokio::sync::Semaphore::new(limits.expensive_reads.max(1))),
            limits: Arc::new(limits),
            metrics,
            receipts: Arc::default(),
            witnessing: None,
        }
    }

    /// The checkpoint to serve: the latest, with its cosignatures when there are any.
    pub fn checkpoint(&self) -> String {
        self.checkpoint_of(self.store.reader().published())
    }

    /// The checkpoint of exactly this published state, with its cosignatures when there are any
    /// (never one of another size: receipts prove their entries against it).
    pub fn checkpoint_of(&self, p: ledger_store::Published) -> String {
        self.witnessing
            .as_ref()
            .and_then(|w| w.checkpoint_at(p.size))
            .map_or(p.checkpoint, |c| c.note)
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
        .route("/v1/entries/{index}/proof", get(get_entry_proof))
        .route("/v1/proofs/inclusion", get(get_inclusion))
        .route("/v1/proofs/consistency", get(get_consistency))
        .route(
            "/v1/audit",
            get(get_audit).route_layer(axum::middleware::from_fn_with_state(
                state.clone(),
                edge::expensive,
            )),
        )
        .route("/v1/meetings", get(read::list_meetings))
        .route("/v1/meetings/{id}", get(read::get_meeting))
        .route("/v1/decisions", get(read::list_decisions))
        .route("/v1/decisions/{id}", get(read::get_decision))
        .route(
            "/v1/decisions/{id}/receipt",
            get(read::get_receipt).route_layer(axum::middleware::from_fn_with_state(
                state.clone(),
                edge::expensive,
            )),
        )
        .route("/v1/silence/{id}", get(read::get_silence))
        .route("/v1/parties/{id}", get(read::get_party))
        .route("/v1/periods", get(read::list_periods))
        .route("/v1/decisions.csv", get(takeaway::decisions_csv))
        .route("/v1/meetings.csv", get(takeaway::meetings_csv))
        .route("/v1/findings.csv", get(takeaway::findings_csv))
        .route("/feed.atom", get(takeaway::atom))
        .route("/v1/periods/{id}", get(read::get_period))
        .route("/v1/feed", get(read::feed))
        // a catch-all: stream names such as `meeting/<id>` hold slashes
        .route("/v1/streams/{*stream}", get(read::get_stream))
        .route("/", get(pages::index))
        .route("/decisions/{id}", get(pages::decision))
        .route("/meetings/{id}", get(pages::meeting))
        .route("/silence/{id}", get(pages::silence))
        .route("/parties/{id}", get(pages::party))
        .route("/periods/{id}", get(pages::period))
        .route("/entries/{index}", get(pages::entry))
        .route("/publication", get(pages::publication))
        .route("/witnessing", get(pages::witnessing))
        .route("/record", get(record::record_page))
        .route("/verify", get(verifier::verify_page))
        .route("/verify.html", get(verifier::verify_file))
        .route("/verify.wasm", get(verifier::verify_wasm))
        .route("/assets/style.css", get(pages::stylesheet))
        .route("/healthz", get(healthz))
        .route("/metrics", get(get_metrics))
        .merge(tlog::routes())
        // serves /openapi.json and the interactive page at /docs/ (assets inside the binary)
        .merge(
            utoipa_swagger_ui::SwaggerUi::new("/docs")
                .external_url_unchecked("/openapi.json", openapi::document()),
        )
        .fallback(|| async { Problem::not_found("no such route") })
        // The body limit is enforced by post_event itself so that the 413 is problem+json.
        .layer(DefaultBodyLimit::disable())
        .layer(axum::middleware::from_fn(i18n::remember))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            edge::edge,
        ))
        // Request logs: one span per request (method, URI), its status and latency at `info`,
        // server errors at `error` (RUST_LOG=tower_http=warn silences the rest). A 503 is not a
        // fault of the server but its answer while it loads (/healthz, polled) or sheds load,
        // saying why in its body: at `debug`, so that a restart does not log a page of errors.
        .layer(
            tower_http::trace::TraceLayer::new_for_http()
                .make_span_with(
                    tower_http::trace::DefaultMakeSpan::new().level(tracing::Level::INFO),
                )
                .on_request(())
                .on_response(
                    tower_http::trace::DefaultOnResponse::new()
                        .level(tracing::Level::INFO)
                        .latency_unit(tower_http::LatencyUnit::Micros),
                )
                .on_failure(
                    |class: tower_http::classify::ServerErrorsFailureClass,
                     latency: std::time::Duration,
                     _: &tracing::Span| {
                        use tower_http::classify::ServerErrorsFailureClass as C;
                        let ms = latency.as_millis();
                        match class {
                            C::StatusCode(StatusCode::SERVICE_UNAVAILABLE) => {
                                tracing::debug!(latency_ms = ms, "answered 503 (unavailable)")
                            }
                            other => tracing::error!(latency_ms = ms, "response failed: {other}"),
                        }
                    },
                ),
        )
        .with_state(state)
}

/// Serves the router on a bound listener, within the state's limits, until `shutdown` resolves.
pub async fn serve(
    listener: tokio::net::TcpListener,
    state: AppState,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let limits = (*state.limits).clone();
    let metrics = state.metrics.clone();
    server::serve(listener, router(state), limits, metrics, shutdown).await
}

#[utoipa::path(get, path = "/metrics", tag = "log", description = "The server's counters in the Prometheus text format: appends by outcome and their latency, writer batch sizes, responses by status, connections open and shed, feed subscribers, whether writes are stopped, log entries, store bytes.",
    responses((status = 200, description = "Prometheus text exposition format 0.0.4", content_type = "text/plain")))]
async fn get_metrics(State(st): State<AppState>) -> Response {
    let body = st.metrics.render(
        st.store.reader().published().size,
        st.store.size_on_disk(),
        st.store.writes_stopped().is_some(),
    );
    (
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("text/plain; version=0.0.4; charset=utf-8"),
        )],
        body,
    )
        .into_response()
}

fn hashes_b64(hashes: &[Hash]) -> Vec<String> {
    hashes.iter().map(|h| b64_encode(h)).collect()
}

/// The acknowledgement of contract §7, from the store's ack and the findings it raised.
pub fn acknowledgement(ack: &Ack, findings: &[Finding]) -> Acknowledgement {
    Acknowledgement {
        checkpoint: ack.checkpoint.clone(),
        entry: ack.line.clone(),
        entry_hash: hex_lower(&ack.entry_hash),
        findings: findings.to_vec(),
        inclusion_proof: InclusionProof {
            index: ack.index,
            size: ack.size,
            hashes: hashes_b64(&ack.proof),
        },
        index: ack.index,
        witnessed: None,
    }
}

fn hex_lower(h: &[u8]) -> String {
    h.iter().map(|b| format!("{b:02x}")).collect()
}

#[utoipa::path(post, path = "/v1/events", tag = "log",
    description = "Append a DSSE envelope (schemas/envelope.json) carrying an event (schemas/events/<type>.v1.json). Checked in the order of contract §7; nothing is written on any error. The acknowledgement is a self-contained proof.",
    params(("dry_run" = Option<bool>, Query, description = "true: make every check of the append, in the same order with the same statuses, and write nothing (contract §7)")),
    request_body(content = inline(Object), content_type = "application/json", description = "A DSSE envelope, at most 1 MiB"),
    responses((status = 201, description = "Appended: {index, entry, entry_hash, checkpoint, inclusion_proof, findings}", body = Acknowledgement, content_type = "application/json"),
        (status = 200, description = "Idempotent repeat of a stored event: the stored entry, with a current checkpoint and proof; or, with ?dry_run=true, {dry_run, index, findings, repeat}: every check passed and nothing was written", body = RepeatOrDryRun, content_type = "application/json"),
        (status = 400, description = "Malformed envelope or payload", content_type = "application/problem+json"),
        (status = 401, description = "No signature, unknown or revoked key, or a signature that does not verify", content_type = "application/problem+json"),
        (status = 403, description = "No signer holds a role allowed to submit the type", content_type = "application/problem+json"),
        (status = 409, description = "Event id used with other bytes, an id already recorded, or expected_version not met", content_type = "application/problem+json"),
        (status = 413, description = "Body over 1 MiB", content_type = "application/problem+json"),
        (status = 415, description = "Content-Type is not application/json", content_type = "application/problem+json"),
        (status = 422, description = "Schema or reference error, naming the field by JSON pointer", content_type = "application/problem+json")))]
async fn post_event(State(st): State<AppState>, req: Request) -> Result<Response, Problem> {
    // A read-only copy (an import without the log key, a mirror) takes no appends at all.
    if st.store.is_read_only() {
        return Err(ledger_store::StoreError::ReadOnly.into());
    }
    let (parts, body) = req.into_parts();
    let dry_run = dry_run_asked(parts.uri.query())?;
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
    let read = tokio::time::timeout(st.limits.body_timeout, axum::body::to_bytes(body, MAX_BODY));
    let Ok(read) = read.await else {
        let mut r = Problem::new(
            StatusCode::REQUEST_TIMEOUT,
            "body-timeout",
            "request body too slow",
            format!(
                "the request body did not arrive within {} s",
                st.limits.body_timeout.as_secs()
            ),
        )
        .into_response();
        r.headers_mut()
            .insert(header::CONNECTION, HeaderValue::from_static("close"));
        return Ok(r);
    };
    let bytes: Bytes = match read {
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
    // Verify signatures here, on the request's worker, so the single writer does not have to.
    let preverified = {
        let keys = st.store.registered_keys();
        let keys = keys
            .read()
            .map_err(|_| unavailable("key table poisoned".into()))?;
        Some(ledger_log::verify_signatures(
            &envelope,
            |id| keys.get(id),
            &[],
        ))
    };
    if dry_run {
        return post_dry_run(&st, envelope, preverified).await;
    }
    let ack = st.store.append_checked(envelope, preverified).await?;
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
    let mut body = acknowledgement(&ack, &findings);
    if let Some(w) = &st.witnessing {
        // Contract §10: acknowledged once a checkpoint covering the entry has the quorum, or
        // after the witness timeout with the best checkpoint there is.
        match w.witnessed(ack.index + 1).await {
            Some(c) => {
                let proof = st.store.reader().inclusion_proof(ack.index, c.size)?;
                body.checkpoint = c.note;
                body.inclusion_proof = InclusionProof {
                    index: ack.index,
                    size: c.size,
                    hashes: hashes_b64(&proof),
                };
                body.witnessed = Some(true);
            }
            None => {
                if let Some(c) = w.checkpoint_at(ack.size) {
                    body.checkpoint = c.note;
                }
                body.witnessed = Some(false);
            }
        }
    }
    Ok((status, read::json_body(&body)?).into_response())
}

/// `?dry_run=true` (contract §7); `false` or absent is a real append; anything else is a 400.
fn dry_run_asked(query: Option<&str>) -> Result<bool, Problem> {
    let mut asked = false;
    for pair in query.unwrap_or("").split('&').filter(|p| !p.is_empty()) {
        let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
        if k != "dry_run" {
            continue;
        }
        asked = match v {
            "true" => true,
            "false" => false,
            other => {
                return Err(Problem::bad_request(format!(
                    "dry_run must be true or false, got {other:?}"
                )))
            }
        };
    }
    Ok(asked)
}

/// The answer of a dry run (contract §7): the index the event would get now and the findings
/// its entry would raise. Nothing is written.
#[derive(serde::Serialize, utoipa::ToSchema)]
pub struct DryRunAnswer {
    pub dry_run: bool,
    pub findings: Vec<Finding>,
    pub index: u64,
    /// True when the same event is stored already (a real append would answer 200 with it, at
    /// this index, and raise nothing).
    pub repeat: bool,
}

/// The two bodies a 200 of `POST /v1/events` may have (for the OpenAPI document).
#[derive(serde::Serialize, utoipa::ToSchema)]
#[serde(untagged)]
#[allow(dead_code)]
pub enum RepeatOrDryRun {
    Repeat(Acknowledgement),
    DryRun(DryRunAnswer),
}

/// `POST /v1/events?dry_run=true`: the store's writer makes every check of a real append, in
/// the same order and with the same statuses, and writes nothing; the findings come from a copy
/// of the rules' state with the entry folded in.
async fn post_dry_run(
    st: &AppState,
    envelope: ledger_proof::Envelope,
    preverified: Option<Vec<bool>>,
) -> Result<Response, Problem> {
    // Copying the rules' state costs what the log holds: a few at a time.
    let _permit = st
        .expensive
        .acquire()
        .await
        .map_err(|_| unavailable("the server is stopping".into()))?;
    // The log may grow between the writer's answer and the copy: then ask again.
    for _ in 0..20 {
        let rec = match st
            .store
            .dry_run(envelope.clone(), preverified.clone())
            .await?
        {
            ledger_store::DryRun::Repeat { index } => {
                let body = DryRunAnswer {
                    dry_run: true,
                    findings: Vec::new(),
                    index,
                    repeat: true,
                };
                return Ok((StatusCode::OK, read::json_body(&body)?).into_response());
            }
            ledger_store::DryRun::New(rec) => rec,
        };
        st.views.caught_up(rec.index).await.map_err(unavailable)?;
        let mut engine = {
            let p = st.views.read();
            if p.engine.model.size != rec.index {
                continue;
            }
            p.engine.clone()
        };
        let findings = engine.apply(&rec);
        let body = DryRunAnswer {
            dry_run: true,
            findings,
            index: rec.index,
            repeat: false,
        };
        return Ok((StatusCode::OK, read::json_body(&body)?).into_response());
    }
    Err(unavailable(
        "the log kept growing during the dry run; try again".into(),
    ))
}

pub(crate) fn unavailable(e: String) -> Problem {
    Problem::new(
        StatusCode::SERVICE_UNAVAILABLE,
        "unavailable",
        "the read models are unavailable",
        e,
    )
}

/// The audit of contract §8, as of the projections' size, as the JSON `/v1/audit` serves.
pub fn audit_json(views: &Views) -> Result<Json<Value>, Problem> {
    read::json_body(&*views.read().audit())
}

#[utoipa::path(get, path = "/v1/audit", tag = "rules", description = "The full audit: settings, every decision's verdict and every finding (the same JSON as `dledger audit --json`).",
    responses((status = 200, description = "{size, root, settings, decisions, findings}", body = ledger_rules::Audit, content_type = "application/json")))]
async fn get_audit(State(st): State<AppState>) -> Result<Json<Value>, Problem> {
    let size = st.store.reader().published().size;
    st.views.caught_up(size).await.map_err(unavailable)?;
    audit_json(&st.views)
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

#[utoipa::path(get, path = "/v1/checkpoint", tag = "log", description = "The latest signed checkpoint (C2SP tlog-checkpoint note).",
    responses((status = 200, description = "The checkpoint note", content_type = "text/plain")))]
async fn get_checkpoint(State(st): State<AppState>) -> Response {
    text(st.checkpoint())
}

#[utoipa::path(get, path = "/v1/log-key", tag = "log", description = "The log's verifier key (C2SP vkey).",
    responses((status = 200, description = "The vkey", content_type = "text/plain")))]
async fn get_log_key(State(st): State<AppState>) -> Response {
    text(format!("{}\n", st.log_vkey))
}

#[utoipa::path(get, path = "/healthz", tag = "service", description = "Liveness, with the published log size.",
    responses((status = 200, description = "{status, size}", body = Health, content_type = "application/json"),
        (status = 503, description = "Starting: the read models do not hold the whole log yet; `detail` says how far they are", body = Health, content_type = "application/json")))]
async fn healthz(State(st): State<AppState>) -> Response {
    let size = st.store.reader().published().size;
    let (applied, target) = st.views.progress();
    if applied < target {
        // Not ready: the read routes do not serve the whole log yet.
        let body = Health {
            size,
            status: "starting".into(),
            detail: Some(format!(
                "folding the log into the read models: {applied} of {target} entries"
            )),
        };
        return (
            StatusCode::SERVICE_UNAVAILABLE,
            [(header::RETRY_AFTER, "1")],
            Json(body),
        )
            .into_response();
    }
    if let Some(why) = st.store.writes_stopped() {
        // Reads go on; writes are refused until the store can write again (it retries by itself).
        return Json(Health {
            size,
            status: "writes-stopped".into(),
            detail: Some(why),
        })
        .into_response();
    }
    Json(Health {
        size,
        status: "ok".into(),
        detail: None,
    })
    .into_response()
}

/// Parses an optional non-negative integer query parameter with a clear error.
fn param(
    q: &std::collections::HashMap<String, String>,
    name: &str,
) -> Result<Option<u64>, Problem> {
    match q.get(name) {
        None => Ok(None),
        Some(v) if v.is_empty() => Ok(None),
        Some(v) => edge::canonical_index(v, name).map(Some),
    }
}

type Params = Query<std::collections::HashMap<String, String>>;

#[utoipa::path(get, path = "/v1/entries", tag = "log", description = "Entry lines from `start`, byte-exact, each followed by a newline; empty at or past the end.",
    params(("start" = Option<u64>, Query, description = "First index (default 0)"), ("limit" = Option<u64>, Query, description = "At most this many lines (default and maximum 1000)")),
    responses((status = 200, description = "JSON lines", content_type = "application/jsonl"), (status = 400, description = "Bad parameter", content_type = "application/problem+json")))]
async fn get_entries(State(st): State<AppState>, Query(q): Params) -> Result<Response, Problem> {
    let start = param(&q, "start")?.unwrap_or(0);
    let limit = param(&q, "limit")?.unwrap_or(1000).min(1000);
    // Streamed from the store a few lines at a time, up to the size published when the request
    // arrived: a reader that stops reading pins one chunk, not the page, until the write
    // timeout drops it.
    let reader = st.store.reader().clone();
    let end = start
        .saturating_add(limit)
        .min(reader.published().size)
        .max(start);
    let first = reader.entries(start, ENTRIES_CHUNK.min(end - start))?;
    let chunks = futures::stream::unfold(
        (reader, start, end, Some(first)),
        |(reader, next, end, first)| async move {
            let lines = match first {
                Some(l) => l,
                None if next >= end => return None,
                None => match reader.entries(next, ENTRIES_CHUNK.min(end - next)) {
                    Ok(l) => l,
                    Err(e) => {
                        let err = std::io::Error::other(e.to_string());
                        return Some((Err(err), (reader, end, end, None)));
                    }
                },
            };
            if lines.is_empty() {
                return None;
            }
            let n = lines.len() as u64;
            let mut body = Vec::with_capacity(lines.iter().map(|l| l.len() + 1).sum());
            for l in lines {
                body.extend_from_slice(&l);
                body.push(b'\n');
            }
            Some((Ok(Bytes::from(body)), (reader, next + n, end, None)))
        },
    );
    Ok((
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/jsonl"),
        )],
        Body::from_stream(chunks),
    )
        .into_response())
}

#[derive(Deserialize)]
struct IndexPath {
    index: String,
}

/// Entry `index`'s line, or 404 naming the log's size.
fn entry_line(
    reader: &ledger_store::Reader,
    index: u64,
    published: &ledger_store::Published,
) -> Result<Vec<u8>, Problem> {
    reader.entry(index)?.ok_or_else(|| {
        Problem::not_found(format!(
            "no entry {index}: the log has {} entries",
            published.size
        ))
    })
}

#[utoipa::path(get, path = "/v1/entries/{index}", tag = "log", description = "One entry with its inclusion proof against the latest checkpoint.",
    params(("index" = u64, Path, description = "Entry index")),
    responses((status = 200, description = "{entry, inclusion_proof, checkpoint}", body = EntryWithProof, content_type = "application/json"), (status = 404, description = "No such entry", content_type = "application/problem+json")))]
async fn get_entry(
    State(st): State<AppState>,
    Path(p): Path<IndexPath>,
) -> Result<Json<Value>, Problem> {
    let index = edge::canonical_index(&p.index, "index")?;
    let reader = st.store.reader();
    let published = reader.published();
    let line = entry_line(reader, index, &published)?;
    let proof = reader.inclusion_proof(index, published.size)?;
    let checkpoint = st.checkpoint_of(published.clone());
    read::json_body(&EntryWithProof {
        checkpoint,
        entry: String::from_utf8_lossy(&line).into_owned(),
        inclusion_proof: InclusionProof {
            index,
            size: published.size,
            hashes: hashes_b64(&proof),
        },
    })
}

#[utoipa::path(get, path = "/v1/entries/{index}/proof", tag = "log", description = "The entry's C2SP tlog-proof (contract §11): `c2sp.org/tlog-proof@v1`, `extra` = base64 of the entry line, `index`, the inclusion proof, an empty line and the checkpoint with its cosignatures (the latest the witnesses cosigned that holds the entry, else the latest). Check it with `dledger verify-proof`.",
    params(("index" = u64, Path, description = "Entry index")),
    responses((status = 200, description = "The tlog-proof", body = String, content_type = "text/plain"), (status = 404, description = "No such entry", content_type = "application/problem+json")))]
async fn get_entry_proof(
    State(st): State<AppState>,
    Path(p): Path<IndexPath>,
) -> Result<Response, Problem> {
    let index = edge::canonical_index(&p.index, "index")?;
    let reader = st.store.reader();
    let published = reader.published();
    let line = entry_line(reader, index, &published)?;
    // A proof is most useful against a checkpoint the witnesses cosigned: the latest one they
    // were asked to cosign, when it already holds the entry; else the latest (cosigned when
    // it is that one).
    let (size, checkpoint) = match st.witnessing.as_ref().and_then(|w| w.latest()) {
        Some(c) if c.size > index && c.size <= published.size => (c.size, c.note),
        _ => (published.size, st.checkpoint_of(published)),
    };
    let hashes = reader.inclusion_proof(index, size)?;
    let text = ledger_proof::tlogproof::TlogProof {
        extra: Some(line),
        index,
        hashes,
        checkpoint,
    }
    .render();
    Ok((
        [
            (header::CONTENT_TYPE, "text/plain; charset=utf-8".to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"entry-{index}.tlog-proof\""),
            ),
            (header::CACHE_CONTROL, "no-cache".to_owned()),
        ],
        text,
    )
        .into_response())
}

#[utoipa::path(get, path = "/v1/proofs/inclusion", tag = "log", description = "RFC 9162 inclusion proof of an entry in the tree of `size` entries.",
    params(("index" = u64, Query, description = "Entry index"), ("size" = Option<u64>, Query, description = "Tree size (default: the latest)")),
    responses((status = 200, description = "{index, size, hashes}", body = InclusionProof, content_type = "application/json"), (status = 400, description = "Need 0 <= index < size <= latest", content_type = "application/problem+json")))]
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
    read::json_body(&InclusionProof {
        index,
        size,
        hashes: hashes_b64(&proof),
    })
}

#[utoipa::path(get, path = "/v1/proofs/consistency", tag = "log", description = "RFC 9162 consistency proof between two tree sizes.",
    params(("from" = u64, Query, description = "Earlier size (> 0)"), ("to" = Option<u64>, Query, description = "Later size (default: the latest)")),
    responses((status = 200, description = "{from, to, hashes}", body = ConsistencyProof, content_type = "application/json"), (status = 400, description = "Need 0 < from <= to <= latest", content_type = "application/problem+json")))]
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
    read::json_body(&ConsistencyProof {
        from,
        hashes: hashes_b64(&proof),
        to,
    })
}
