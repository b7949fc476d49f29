//! The read routes of contract §7: meetings, decisions (with receipts), silence procedures,
//! Parties, and the live feed. Every answer comes from the projections (read models built by the
//! same fold and rules as `dledger verify`), after they have caught up with the published log;
//! streams and the filtered feed come from the store's on-disk stream and type indexes.

use crate::{unavailable, AppState, Problem};
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap, HeaderValue};
use axum::response::sse::{Event as SseEvent, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::Json;
use futures::Stream;
use ledger_events::events::EventType;
use ledger_events::time::Date;
use ledger_views::readmodels::{self, ReadContext};
use ledger_views::receipt;
use ledger_views::wire::{StreamEvent, StreamPage};
use serde_json::{json, Value};
use std::collections::HashMap;
use std::convert::Infallible;
use std::time::Duration;

pub(crate) type Params = Query<HashMap<String, String>>;

/// Paging: `limit` (default 100, at most 1000) and `offset`.
fn page(q: &HashMap<String, String>) -> Result<(usize, usize), Problem> {
    let num = |name: &str, default: usize| -> Result<usize, Problem> {
        match q.get(name).filter(|v| !v.is_empty()) {
            None => Ok(default),
            Some(v) => crate::edge::canonical_index(v, name)
                .map(|n| usize::try_from(n).unwrap_or(usize::MAX)),
        }
    };
    Ok((num("limit", 100)?.clamp(1, 1000), num("offset", 0)?))
}

/// One page of a list route: `{total, offset, limit, items}`.
#[derive(serde::Serialize, utoipa::ToSchema)]
pub struct Page<T> {
    pub items: Vec<T>,
    pub limit: usize,
    pub offset: usize,
    pub total: usize,
}

fn paged<T>(items: Vec<T>, limit: usize, offset: usize) -> Page<T> {
    let total = items.len();
    let items = items.into_iter().skip(offset).take(limit).collect();
    Page {
        items,
        limit,
        offset,
        total,
    }
}

/// The JSON body of a typed view. Object keys are written in sorted order, as every read route
/// has written them since the first version (so a client's byte comparisons keep holding);
/// a view that cannot be serialized is a 500 that says so, never an empty body.
pub fn json_body<T: serde::Serialize>(view: &T) -> Result<Json<Value>, Problem> {
    serde_json::to_value(view).map(Json).map_err(|e| {
        Problem::new(
            axum::http::StatusCode::INTERNAL_SERVER_ERROR,
            "internal",
            "internal error",
            format!("the read model cannot be serialized: {e}"),
        )
    })
}

/// Refuses a filter value that is not one of the allowed ones (a typo should not look like "no results").
fn filter<'a>(
    q: &'a HashMap<String, String>,
    name: &str,
    allowed: &[&str],
) -> Result<Option<&'a str>, Problem> {
    match q.get(name).map(String::as_str).filter(|v| !v.is_empty()) {
        None => Ok(None),
        Some(v) if allowed.is_empty() || allowed.contains(&v) => Ok(Some(v)),
        Some(v) => Err(Problem::bad_request(format!(
            "{name} must be one of {}, got {v:?}",
            allowed.join(", ")
        ))),
    }
}

/// One read model by id: wait for the projections to be current, build it, or answer 404.
async fn detail<T: serde::Serialize>(
    st: &AppState,
    id: &str,
    what: &str,
    build: fn(&ReadContext, &str) -> Option<T>,
) -> Result<Json<Value>, Problem> {
    fresh(st).await?;
    let p = st.views.read();
    let audit = p.audit();
    let ctx = ReadContext::from_audit(&p.engine.model, &audit);
    let view = build(&ctx, id).ok_or_else(|| Problem::not_found(format!("no {what} {id:?}")))?;
    json_body(&view)
}

pub(crate) async fn fresh(st: &AppState) -> Result<(), Problem> {
    let size = st.store.reader().published().size;
    st.views.caught_up(size).await.map_err(unavailable)
}

#[utoipa::path(get, path = "/v1/meetings", tag = "read models", description = "Meetings in log order, with counts of sessions, decisions and findings.",
    params(("body" = Option<String>, Query, description = "Only this body's meetings"), ("mode" = Option<String>, Query, description = "in_person, online or hybrid"),
        ("kind" = Option<String>, Query, description = "ordinary or extraordinary"), ("online" = Option<bool>, Query, description = "Online meetings (mode or any session online/hybrid)"), ("from" = Option<String>, Query, description = "Meetings opening on or after this date (YYYY-MM-DD)"), ("to" = Option<String>, Query, description = "Meetings opening on or before this date"), ("q" = Option<String>, Query, description = "Words that must all appear in the id or title"), ("limit" = Option<usize>, Query, description = "Page size (default 100, at most 1000)"), ("offset" = Option<usize>, Query, description = "Items to skip")),
    responses((status = 200, description = "{total, offset, limit, items}", body = Page<readmodels::MeetingSummary>, content_type = "application/json"), (status = 400, description = "Bad filter", content_type = "application/problem+json")))]
pub async fn list_meetings(
    State(st): State<AppState>,
    Query(q): Params,
) -> Result<Json<Value>, Problem> {
    fresh(&st).await?;
    let (limit, offset) = page(&q)?;
    let items = meetings_filtered(&st, &q)?;
    json_body(&paged(items, limit, offset))
}

/// The meetings `GET /v1/meetings` and `/v1/meetings.csv` list, with their filters.
pub(crate) fn meetings_filtered(
    st: &AppState,
    q: &HashMap<String, String>,
) -> Result<Vec<readmodels::MeetingSummary>, Problem> {
    let body = filter(q, "body", &[])?;
    let mode = filter(q, "mode", &["in_person", "online", "hybrid"])?;
    let kind = filter(q, "kind", &["ordinary", "extraordinary"])?;
    let online = filter(q, "online", &["true", "false"])?;
    let (from, to) = date_range(q)?;
    let text = query_text(q);
    let p = st.views.read();
    let audit = p.audit();
    let ctx = ReadContext::from_audit(&p.engine.model, &audit);
    let m = &p.engine.model;
    Ok(m.meeting_order
        .iter()
        .filter_map(|id| m.meetings.get(id))
        .filter(|x| body.is_none_or(|b| x.conv.ev.body_id.as_str() == b))
        .filter(|x| mode.is_none_or(|v| x.conv.ev.mode.as_str() == v))
        .filter(|x| kind.is_none_or(|v| x.conv.ev.kind.as_str() == v))
        .filter(|x| in_range(x.conv.ev.opens_on.day, from, to))
        .filter(|x| {
            matches_text(
                &text,
                &[x.conv.ev.meeting_id.as_str(), x.conv.ev.title.as_str()],
            )
        })
        .map(|x| readmodels::meeting_summary(&ctx, x))
        .filter(|v| online.is_none_or(|o| v.online == (o == "true")))
        .collect())
}

/// `from` and `to` (`YYYY-MM-DD`, inclusive UTC days), each optional; 400 when malformed or
/// when `from` is after `to`.
pub(crate) fn date_range(
    q: &HashMap<String, String>,
) -> Result<(Option<Date>, Option<Date>), Problem> {
    let day = |name: &str| -> Result<Option<Date>, Problem> {
        match q.get(name).filter(|v| !v.is_empty()) {
            None => Ok(None),
            Some(v) => Date::parse(v).map(Some).map_err(|e| {
                Problem::bad_request(format!("{name} must be a date YYYY-MM-DD: {e}"))
            }),
        }
    };
    let (from, to) = (day("from")?, day("to")?);
    if let (Some(f), Some(t)) = (from, to) {
        if f > t {
            return Err(Problem::bad_request("from is after to"));
        }
    }
    Ok((from, to))
}

pub(crate) fn in_range(day: Date, from: Option<Date>, to: Option<Date>) -> bool {
    from.is_none_or(|f| day >= f) && to.is_none_or(|t| day <= t)
}

/// `q`: words that must all appear (case-insensitively) in the item's id or title.
pub(crate) fn query_text(q: &HashMap<String, String>) -> Vec<String> {
    q.get("q")
        .map(|v| v.split_whitespace().map(str::to_lowercase).collect())
        .unwrap_or_default()
}

pub(crate) fn matches_text(words: &[String], fields: &[&str]) -> bool {
    let hay: Vec<String> = fields.iter().map(|f| f.to_lowercase()).collect();
    words
        .iter()
        .all(|w| hay.iter().any(|h| h.contains(w.as_str())))
}

#[utoipa::path(get, path = "/v1/meetings/{id}", tag = "read models", description = "A meeting: mode, virtual-mode determination with its consultations, scenario notes, training, sessions with webcast coverage, decisions, night burden per region, findings.",
    params(("id" = String, Path, description = "Meeting id")),
    responses((status = 200, description = "The meeting read model", body = readmodels::MeetingDetail, content_type = "application/json"), (status = 404, description = "No such meeting", content_type = "application/problem+json")))]
pub async fn get_meeting(
    State(st): State<AppState>,
    Path(id): Path<String>,
) -> Result<Json<Value>, Problem> {
    detail(&st, &id, "meeting", readmodels::meeting_detail).await
}

#[utoipa::path(get, path = "/v1/decisions", tag = "read models", description = "Adopted decisions with their verdicts.",
    params(("verdict" = Option<String>, Query, description = "within_scope, out_of_scope or in_person"), ("category" = Option<String>, Query, description = "substantive, budgetary, procedural_secretariat or procedural_other"),
        ("venue" = Option<String>, Query, description = "online, hybrid, in_person or silence"), ("meeting" = Option<String>, Query, description = "Only this meeting's decisions"), ("from" = Option<String>, Query, description = "Decisions adopted on or after this UTC date (YYYY-MM-DD)"), ("to" = Option<String>, Query, description = "Decisions adopted on or before this UTC date"), ("q" = Option<String>, Query, description = "Words that must all appear in the id or title"), ("limit" = Option<usize>, Query, description = "Page size (default 100, at most 1000)"), ("offset" = Option<usize>, Query, description = "Items to skip")),
    responses((status = 200, description = "{total, offset, limit, items}", body = Page<readmodels::DecisionSummary>, content_type = "application/json"), (status = 400, description = "Bad filter", content_type = "application/problem+json")))]
pub async fn list_decisions(
    State(st): State<AppState>,
    Query(q): Params,
) -> Result<Json<Value>, Problem> {
    fresh(&st).await?;
    let (limit, offset) = page(&q)?;
    let items = decisions_filtered(&st, &q)?;
    json_body(&paged(items, limit, offset))
}

/// The decisions `GET /v1/decisions` and `/v1/decisions.csv` list, with their filters.
pub(crate) fn decisions_filtered(
    st: &AppState,
    q: &HashMap<String, String>,
) -> Result<Vec<readmodels::DecisionSummary>, Problem> {
    let verdict = filter(q, "verdict", &["within_scope", "out_of_scope", "in_person"])?;
    let category = filter(
        q,
        "category",
        &[
            "substantive",
            "budgetary",
            "procedural_secretariat",
            "procedural_other",
        ],
    )?;
    let venue = filter(q, "venue", &["online", "hybrid", "in_person", "silence"])?;
    let meeting = filter(q, "meeting", &[])?;
    let (from, to) = date_range(q)?;
    let text = query_text(q);
    let p = st.views.read();
    let audit = p.audit();
    let ctx = ReadContext::from_audit(&p.engine.model, &audit);
    let m = &p.engine.model;
    Ok(audit
        .decisions
        .iter()
        .filter(|d| verdict.is_none_or(|v| d.verdict.as_str() == v))
        .filter(|d| category.is_none_or(|v| d.category == v))
        .filter(|d| venue.is_none_or(|v| d.venue == v))
        .filter(|d| meeting.is_none_or(|v| d.meeting_id == v))
        .filter(|d| {
            m.decisions.get(d.decision_id.as_str()).is_some_and(|x| {
                in_range(x.ev.adopted_at.at.date(), from, to)
                    && matches_text(&text, &[x.ev.decision_id.as_str(), x.ev.title.as_str()])
            })
        })
        .filter_map(|d| readmodels::decision_summary(&ctx, &d.decision_id))
        .collect())
}

#[utoipa::path(get, path = "/v1/decisions/{id}", tag = "read models", description = "A decision: verdict, every finding considered with its evidence, the Bureau decision behind it and its endorsing members.",
    params(("id" = String, Path, description = "Decision id")),
    responses((status = 200, description = "The decision read model", body = readmodels::DecisionDetail, content_type = "application/json"), (status = 404, description = "No such decision", content_type = "application/problem+json")))]
pub async fn get_decision(
    State(st): State<AppState>,
    Path(id): Path<String>,
) -> Result<Json<Value>, Problem> {
    detail(&st, &id, "decision", readmodels::decision_detail).await
}

#[utoipa::path(get, path = "/v1/silence/{id}", tag = "read models", description = "A silence procedure: rounds with deadlines, objections (qualifying or not, and why), conclusions, outcome.",
    params(("id" = String, Path, description = "Procedure id")),
    responses((status = 200, description = "The procedure read model", body = readmodels::SilenceDetail, content_type = "application/json"), (status = 404, description = "No such procedure", content_type = "application/problem+json")))]
pub async fn get_silence(
    State(st): State<AppState>,
    Path(id): Path<String>,
) -> Result<Json<Value>, Problem> {
    detail(&st, &id, "silence procedure", readmodels::silence_detail).await
}

#[utoipa::path(get, path = "/v1/periods", tag = "read models", description = "Completeness statements (contract §5.7) in log order: the counts stated and those the log held when each was recorded, and the entries recorded after it that it would have counted (`late`).",
    params(("body" = Option<String>, Query, description = "Only statements for this body (`all` for those covering every body)"), ("limit" = Option<usize>, Query, description = "Page size (default 100, at most 1000)"), ("offset" = Option<usize>, Query, description = "Items to skip")),
    responses((status = 200, description = "{total, offset, limit, items}", body = Page<readmodels::PeriodView>, content_type = "application/json"), (status = 400, description = "Bad filter", content_type = "application/problem+json")))]
pub async fn list_periods(
    State(st): State<AppState>,
    Query(q): Params,
) -> Result<Json<Value>, Problem> {
    fresh(&st).await?;
    let (limit, offset) = page(&q)?;
    let body = filter(&q, "body", &[])?;
    let p = st.views.read();
    let audit = p.audit();
    let ctx = ReadContext::from_audit(&p.engine.model, &audit);
    let items: Vec<_> = readmodels::periods(&ctx)
        .into_iter()
        .filter(|v| match body {
            None => true,
            Some("all") => v.body_id.is_none(),
            Some(b) => v.body_id.as_deref() == Some(b),
        })
        .collect();
    json_body(&paged(items, limit, offset))
}

#[utoipa::path(get, path = "/v1/periods/{id}", tag = "read models", description = "One completeness statement: `{period_id, index, body_id, from, to, stated, found, late}`, with what it counted, its findings and whether it holds.",
    params(("id" = String, Path, description = "Period id")),
    responses((status = 200, description = "The statement", body = readmodels::PeriodView, content_type = "application/json"), (status = 404, description = "No such statement", content_type = "application/problem+json")))]
pub async fn get_period(
    State(st): State<AppState>,
    Path(id): Path<String>,
) -> Result<Json<Value>, Problem> {
    detail(&st, &id, "completeness statement", readmodels::period_view).await
}

#[utoipa::path(get, path = "/v1/parties/{id}", tag = "read models", description = "A Party's history: status, consultation responses, objections, support, requests, Bureau seats.",
    params(("id" = String, Path, description = "Party id")),
    responses((status = 200, description = "The Party read model", body = readmodels::PartyDetail, content_type = "application/json"), (status = 404, description = "No such Party", content_type = "application/problem+json")))]
pub async fn get_party(
    State(st): State<AppState>,
    Path(id): Path<String>,
) -> Result<Json<Value>, Problem> {
    detail(&st, &id, "Party", readmodels::party_detail).await
}

/// Builds the receipt of a decision under the latest checkpoint.
pub async fn build_receipt(st: &AppState, id: &str) -> Result<receipt::Receipt, Problem> {
    let bytes = receipt_bytes(st, id).await?;
    serde_json::from_slice(&bytes).map_err(|e| {
        Problem::new(
            axum::http::StatusCode::INTERNAL_SERVER_ERROR,
            "internal",
            "internal error",
            format!("a receipt built here does not read back: {e}"),
        )
    })
}

/// The receipt of a decision as of the published checkpoint, in its canonical bytes: built once
/// per checkpoint and decision (cached), with the Parties' entries only where the verdict reads
/// them (see [`readmodels::receipt_indices_but_parties`]). The compact receipt is served only if
/// it verifies and recomputes the same verdict by itself (`receipt::verify`); else the receipt
/// with every Party's entries is.
pub async fn receipt_bytes(st: &AppState, id: &str) -> Result<std::sync::Arc<Vec<u8>>, Problem> {
    // The projections and the checkpoint must describe the same log size; retry while appends race.
    for _ in 0..50 {
        let published = st.store.reader().published();
        // With witnesses, the checkpoint with its cosignatures (contract §10).
        let cp_text = st.checkpoint_of(published.clone());
        if let Some(b) = st.receipts.get(&cp_text, id) {
            return Ok(b);
        }
        st.views
            .caught_up(published.size)
            .await
            .map_err(unavailable)?;
        let p = st.views.read();
        if p.size != published.size {
            continue;
        }
        let audit = p.audit();
        let model = &p.engine.model;
        let verdict = audit
            .decisions
            .iter()
            .find(|d| d.decision_id == id)
            .ok_or_else(|| Problem::not_found(format!("no decision {id:?}")))?;
        let (base, counts_parties) = readmodels::receipt_indices_but_parties(model, id)
            .ok_or_else(|| Problem::not_found(format!("no decision {id:?}")))?;
        let reader = st.store.reader();
        let line_of = |i: u64| -> Result<String, Problem> {
            let line = reader
                .entry(i)?
                .ok_or_else(|| Problem::not_found(format!("entry {i} is not published")))?;
            Ok(String::from_utf8_lossy(&line).into_owned())
        };
        let build = |indices: &std::collections::BTreeSet<u64>| -> Result<Vec<u8>, Problem> {
            let mut entries = Vec::with_capacity(indices.len());
            for &i in indices {
                let proof = reader.inclusion_proof(i, published.size)?;
                entries.push((i, line_of(i)?, proof));
            }
            receipt::build(
                verdict,
                &p.engine.settings,
                entries,
                published.size,
                cp_text.clone(),
                st.log_vkey.to_string(),
            )
            .to_bytes()
            .map_err(|e| {
                Problem::new(
                    axum::http::StatusCode::INTERNAL_SERVER_ERROR,
                    "internal",
                    "internal error",
                    format!("the receipt cannot be serialized: {e}"),
                )
            })
        };
        let all_parties = || {
            let mut ix = base.clone();
            ix.extend(readmodels::party_evidence(
                model,
                model.parties().map(|(id, _)| id.as_str()),
            ));
            ix
        };
        let bytes = if counts_parties {
            build(&all_parties())?
        } else {
            // The Parties the receipt's own entries name.
            let mut named = std::collections::BTreeSet::new();
            for &i in &base {
                named_parties(&line_of(i)?, &mut named);
            }
            let mut ix = base.clone();
            ix.extend(readmodels::party_evidence(
                model,
                named.iter().map(String::as_str),
            ));
            let compact = build(&ix)?;
            let vkey = ledger_proof::VerifierKey::parse(&st.log_vkey).ok();
            if vkey.is_some_and(|k| receipt::verify(&compact, &k).is_ok()) {
                compact
            } else {
                build(&all_parties())?
            }
        };
        let bytes = std::sync::Arc::new(bytes);
        st.receipts.put(&cp_text, id, bytes.clone());
        return Ok(bytes);
    }
    Err(unavailable(
        "the log kept growing while the receipt was built; try again".into(),
    ))
}

/// Adds every Party id an entry's event names (`party_id` fields, at any depth) to `out`.
fn named_parties(line: &str, out: &mut std::collections::BTreeSet<String>) {
    fn walk(v: &Value, out: &mut std::collections::BTreeSet<String>) {
        match v {
            Value::Object(m) => {
                for (k, x) in m {
                    match (k.as_str(), x) {
                        ("party_id", Value::String(p)) => {
                            out.insert(p.clone());
                        }
                        _ => walk(x, out),
                    }
                }
            }
            Value::Array(a) => a.iter().for_each(|x| walk(x, out)),
            _ => {}
        }
    }
    let Ok(entry) = serde_json::from_str::<Value>(line) else {
        return;
    };
    let payload = entry["envelope"]["payload"].as_str().unwrap_or("");
    if let Some(event) = ledger_proof::b64_decode(payload)
        .ok()
        .and_then(|b| serde_json::from_slice::<Value>(&b).ok())
    {
        walk(&event, out);
    }
}

/// Receipts of the current checkpoint, by decision id (dropped when the log grows).
#[derive(Default)]
pub struct ReceiptCache(std::sync::Mutex<Receipts>);

/// The checkpoint the cached receipts are under, and their bytes by decision id.
type Receipts = (String, HashMap<String, std::sync::Arc<Vec<u8>>>);

impl ReceiptCache {
    const MAX: usize = 512;

    fn get(&self, checkpoint: &str, id: &str) -> Option<std::sync::Arc<Vec<u8>>> {
        let c = self.0.lock().ok()?;
        (c.0 == checkpoint).then(|| c.1.get(id).cloned()).flatten()
    }

    fn put(&self, checkpoint: &str, id: &str, bytes: std::sync::Arc<Vec<u8>>) {
        if let Ok(mut c) = self.0.lock() {
            if c.0 != checkpoint {
                *c = (checkpoint.to_owned(), HashMap::new());
            }
            if c.1.len() < Self::MAX {
                c.1.insert(id.to_owned(), bytes);
            }
        }
    }
}

#[utoipa::path(get, path = "/v1/decisions/{id}/receipt", tag = "read models", description = "Everything an auditor needs offline for one decision: the entries its verdict rests on with inclusion proofs, the checkpoint, the log key, and the claimed verdict and findings. Check it with `dledger verify-receipt FILE --log-vkey VKEY`.",
    params(("id" = String, Path, description = "Decision id")),
    responses((status = 200, description = "The receipt (dledger-receipt/v1)", body = receipt::Receipt, content_type = "application/json"), (status = 404, description = "No such decision", content_type = "application/problem+json")))]
pub async fn get_receipt(
    State(st): State<AppState>,
    Path(id): Path<String>,
) -> Result<Response, Problem> {
    let bytes = receipt_bytes(&st, &id).await?;
    let mut resp = Vec::clone(&bytes).into_response();
    resp.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    if let Ok(v) = HeaderValue::from_str(&format!(
        "attachment; filename=\"receipt-{}.json\"",
        sanitize(&id)
    )) {
        resp.headers_mut().insert(header::CONTENT_DISPOSITION, v);
    }
    Ok(resp)
}

fn sanitize(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || "-_.".contains(c) {
                c
            } else {
                '_'
            }
        })
        .collect()
}

/// A stream name from a request: 1–128 bytes of printable ASCII, as contract §2 allows.
fn stream_name(s: &str, what: &str) -> Result<(), Problem> {
    ledger_events::Id::new(s)
        .map(|_| ())
        .map_err(|e| Problem::bad_request(format!("{what} is not a stream name ({e}): {s:?}")))
}

/// An optional positive or non-negative integer query parameter, with a 400 that names it.
fn number(q: &HashMap<String, String>, name: &str) -> Result<Option<u64>, Problem> {
    match q.get(name).filter(|v| !v.is_empty()) {
        None => Ok(None),
        Some(v) => crate::edge::canonical_index(v, name).map(Some),
    }
}

#[utoipa::path(get, path = "/v1/streams/{stream}", tag = "log", description = "One stream's events (contract §2) in version order, as event stores serve them, read from the store's stream index. The stream name may contain `/` (as in `meeting/<id>`), written as is or as %2F.",
    params(("stream" = String, Path, description = "Stream name"), ("from" = Option<u64>, Query, description = "First version (default 1)"), ("limit" = Option<u64>, Query, description = "At most this many events (default and maximum 1000; a larger value is clamped)")),
    responses((status = 200, description = "{stream, version, items: [{version, index, type, id, entry}]}", body = StreamPage, content_type = "application/json"), (status = 400, description = "Bad parameter or stream name", content_type = "application/problem+json"), (status = 404, description = "The stream has no event", content_type = "application/problem+json")))]
pub async fn get_stream(
    State(st): State<AppState>,
    Path(stream): Path<String>,
    Query(q): Params,
) -> Result<Json<Value>, Problem> {
    stream_name(&stream, "the path")?;
    let from = number(&q, "from")?.unwrap_or(1);
    if from == 0 {
        return Err(Problem::bad_request(
            "from must be a version, 1 or more, got 0",
        ));
    }
    // As /v1/entries: a limit above the maximum is clamped, 0 gives no items.
    let limit = number(&q, "limit")?.unwrap_or(1000).min(1000) as usize;
    let (version, events) = st.store.reader().stream(&stream, from, limit)?;
    if version == 0 {
        return Err(Problem::not_found(format!(
            "stream {stream:?} has no event"
        )));
    }
    let mut items = Vec::with_capacity(events.len());
    for e in events {
        let id = ledger_log::read_line(e.index, &e.line)
            .map_err(ledger_store::StoreError::from)?
            .admitted
            .event
            .id
            .as_str()
            .to_owned();
        items.push(StreamEvent {
            entry: String::from_utf8_lossy(&e.line).into_owned(),
            id,
            index: e.index,
            event_type: e.event_type.as_str().to_owned(),
            version: e.version,
        });
    }
    json_body(&StreamPage {
        items,
        stream,
        version,
    })
}

/// The filters of `GET /v1/feed`: one stream and/or some event types.
struct FeedFilter {
    stream: Option<String>,
    types: Option<Vec<EventType>>,
}

fn feed_filter(q: &HashMap<String, String>) -> Result<Option<FeedFilter>, Problem> {
    let stream = match q.get("stream").filter(|v| !v.is_empty()) {
        None => None,
        Some(s) => {
            stream_name(s, "stream")?;
            Some(s.clone())
        }
    };
    let types = match q.get("type").filter(|v| !v.is_empty()) {
        None => None,
        Some(list) => Some(
            list.split(',')
                .map(|name| {
                    EventType::parse(name.trim()).ok_or_else(|| {
                        Problem::bad_request(format!(
                            "type: unknown event type {name:?} (the catalogue: {})",
                            ledger_events::EVENT_TYPES.join(", ")
                        ))
                    })
                })
                .collect::<Result<Vec<_>, _>>()?,
        ),
    };
    Ok((stream.is_some() || types.is_some()).then_some(FeedFilter { stream, types }))
}

/// `GET /v1/feed`: one SSE event per entry (`id:` = index, `data:` = the line), resuming strictly
/// after `Last-Event-ID` (or `?after=`); an `event: caught-up` marker once history is sent;
/// keep-alive comments every 15 s. With `stream=` and/or `type=`, only the matching entries,
/// found through the store's indexes (ids stay log indices, so resuming works the same).
#[utoipa::path(get, path = "/v1/feed", tag = "log", description = "Server-Sent Events: one event per entry (id = index, data = the line), resuming strictly after Last-Event-ID or ?after=; an `event: caught-up` marker once history is sent; keep-alive comments. Optionally only one stream's entries and/or those of some event types (both filters together: entries that match both); ids stay log indices.",
    params(("after" = Option<u64>, Query, description = "Resume after this index (Last-Event-ID takes precedence)"), ("Last-Event-ID" = Option<u64>, Header, description = "Resume after this index"),
        ("stream" = Option<String>, Query, description = "Only this stream's entries"), ("type" = Option<String>, Query, description = "Only entries of these event types (comma-separated wire names)")),
    responses((status = 200, description = "The event stream", content_type = "text/event-stream"), (status = 400, description = "Bad resume point, stream name or event type", content_type = "application/problem+json")))]
pub async fn feed(
    State(st): State<AppState>,
    headers: HeaderMap,
    Query(q): Params,
) -> Result<Sse<impl Stream<Item = Result<SseEvent, Infallible>>>, Problem> {
    let parse = |v: &str, what: &str| crate::edge::canonical_index(v.trim(), what);
    let after = match (
        headers.get("last-event-id").and_then(|v| v.to_str().ok()),
        q.get("after"),
    ) {
        (Some(h), _) => Some(parse(h, "Last-Event-ID")?),
        (None, Some(a)) if !a.is_empty() => Some(parse(a, "after")?),
        _ => None,
    };
    let filter = feed_filter(&q)?;
    // Past the end (even u64::MAX) is an empty history, never a wrap to the start.
    let start = after.map_or(0, |a| a.saturating_add(1));
    let subscriber = Subscriber::join(&st)?;
    let reader = st.store.reader().clone();
    let mut sizes = reader.subscribe();
    let stream = async_stream(move |tx| async move {
        let _subscriber = subscriber;
        let mut next = start;
        let mut caught_up = false;
        loop {
            let size = reader.published().size;
            match &filter {
                None => {
                    while next < size {
                        let lines = match reader.entries(next, FEED_CHUNK) {
                            Ok(l) if !l.is_empty() => l,
                            _ => return,
                        };
                        for line in lines {
                            let ev = SseEvent::default()
                                .id(next.to_string())
                                .data(String::from_utf8_lossy(&line));
                            if tx.send(Ok(ev)).await.is_err() {
                                return;
                            }
                            next += 1;
                        }
                    }
                }
                Some(f) => {
                    while next < size {
                        let page = match reader.filtered(
                            f.stream.as_deref(),
                            f.types.as_deref(),
                            next,
                            FEED_CHUNK as usize,
                        ) {
                            Ok(p) if p.next > next => p,
                            _ => return,
                        };
                        for (index, line) in page.items {
                            let ev = SseEvent::default()
                                .id(index.to_string())
                                .data(String::from_utf8_lossy(&line));
                            if tx.send(Ok(ev)).await.is_err() {
                                return;
                            }
                        }
                        next = page.next;
                    }
                }
            }
            if !caught_up {
                caught_up = true;
                let marker = SseEvent::default()
                    .event("caught-up")
                    .data(json!({"size": size}).to_string());
                if tx.send(Ok(marker)).await.is_err() {
                    return;
                }
            }
            if sizes.changed().await.is_err() {
                return;
            }
        }
    });
    Ok(Sse::new(stream).keep_alive(
        KeepAlive::new()
            .interval(Duration::from_secs(15))
            .text("keep-alive"),
    ))
}

/// Entries a feed reads from the store at a time, and events it queues ahead of the socket: a
/// subscriber that stops reading pins at most this much (plus the socket's buffers) until the
/// write timeout drops it.
const FEED_CHUNK: u64 = 16;
const FEED_QUEUE: usize = 4;

/// One open `/v1/feed` stream, counted against `--max-subscribers` while it lives.
struct Subscriber(AppState);

impl Subscriber {
    fn join(st: &AppState) -> Result<Subscriber, Problem> {
        let now = st.metrics.subscribers();
        if now >= st.limits.max_subscribers as i64 {
            return Err(Problem::new(
                axum::http::StatusCode::SERVICE_UNAVAILABLE,
                "overloaded",
                "too many feed subscribers",
                format!(
                    "the feed has its maximum of {} subscribers; retry later",
                    st.limits.max_subscribers
                ),
            )
            .retry_after(5));
        }
        st.metrics.subscriber_opened();
        Ok(Subscriber(st.clone()))
    }
}

impl Drop for Subscriber {
    fn drop(&mut self) {
        self.0.metrics.subscriber_closed();
    }
}

/// A stream fed by a task through a small channel (the task stops when the client goes away).
fn async_stream<F, Fut>(f: F) -> impl Stream<Item = Result<SseEvent, Infallible>>
where
    F: FnOnce(tokio::sync::mpsc::Sender<Result<SseEvent, Infallible>>) -> Fut,
    Fut: std::future::Future<Output = ()> + Send + 'static,
{
    let (tx, rx) = tokio::sync::mpsc::channel(FEED_QUEUE);
    tokio::spawn(f(tx));
    futures::stream::unfold(rx, |mut rx| async move {
        rx.recv().await.map(|item| (item, rx))
    })
}
