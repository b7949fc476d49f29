//! RFC 9457 problem details: every error the API returns is one of these, with a `detail` that
//! says what was wrong in words a client author can act on.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use ledger_log::Rejection;
use ledger_store::StoreError;
use serde_json::{json, Map, Value};

#[derive(Debug)]
pub struct Problem {
    pub status: StatusCode,
    pub slug: &'static str,
    pub title: String,
    pub detail: String,
    pub extra: Map<String, Value>,
    /// Sent as `Retry-After` (seconds) when set.
    pub retry_after: Option<u64>,
}

impl Problem {
    pub fn new(
        status: StatusCode,
        slug: &'static str,
        title: impl Into<String>,
        detail: impl Into<String>,
    ) -> Self {
        Problem {
            status,
            slug,
            title: title.into(),
            detail: detail.into(),
            extra: Map::new(),
            retry_after: None,
        }
    }
    /// Tells the client when to try again (`Retry-After`, seconds).
    pub fn retry_after(mut self, seconds: u64) -> Self {
        self.retry_after = Some(seconds);
        self
    }
    pub fn bad_request(detail: impl Into<String>) -> Self {
        Self::new(
            StatusCode::BAD_REQUEST,
            "bad-request",
            "bad request",
            detail,
        )
    }
    pub fn not_found(detail: impl Into<String>) -> Self {
        Self::new(StatusCode::NOT_FOUND, "not-found", "not found", detail)
    }
    pub fn with(mut self, key: &str, value: Value) -> Self {
        self.extra.insert(key.into(), value);
        self
    }
}

impl From<Rejection> for Problem {
    fn from(r: Rejection) -> Self {
        let status = StatusCode::from_u16(r.status()).unwrap_or(StatusCode::UNPROCESSABLE_ENTITY);
        let slug = match &r {
            Rejection::Malformed(_) => "malformed",
            Rejection::Unauthenticated(_) => "unauthenticated",
            Rejection::Forbidden(_) => "forbidden",
            Rejection::IdConflict { .. } => "event-id-conflict",
            Rejection::Conflict(_) => "conflict",
            Rejection::VersionConflict { .. } => "version-conflict",
            Rejection::Invalid(_) => "invalid-event",
            Rejection::LineTooLong { .. } => "too-large",
        };
        let mut p = Problem::new(status, slug, r.title(), r.to_string());
        match &r {
            Rejection::VersionConflict {
                stream,
                expected,
                actual,
            } => {
                p = p
                    .with("stream", json!(stream))
                    .with("expected", json!(expected))
                    .with("actual", json!(actual));
            }
            Rejection::IdConflict { id, index } => {
                p = p.with("event_id", json!(id)).with("index", json!(index));
            }
            // the field at fault, as a JSON pointer into the event (contract §7's 422)
            Rejection::Invalid(f) => {
                if let Some(ptr) = &f.pointer {
                    p = p.with("pointer", json!(ptr));
                }
            }
            _ => {}
        }
        p
    }
}

impl From<StoreError> for Problem {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::Rejected(r) => r.into(),
            StoreError::BadRequest(d) => Problem::bad_request(d),
            StoreError::ReadOnly => Problem::new(
                StatusCode::METHOD_NOT_ALLOWED,
                "read-only",
                "this ledger takes no appends",
                e.to_string(),
            ),
            StoreError::Poisoned | StoreError::Closed | StoreError::WritesStopped(_) => {
                Problem::new(
                    StatusCode::SERVICE_UNAVAILABLE,
                    "writes-stopped",
                    "the ledger cannot accept writes now",
                    e.to_string(),
                )
                .retry_after(5)
            }
            other => {
                tracing::error!("internal error: {other}");
                Problem::new(
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "internal",
                    "internal error",
                    other.to_string(),
                )
            }
        }
    }
}

impl IntoResponse for Problem {
    fn into_response(self) -> Response {
        let mut body = Map::new();
        body.insert(
            "type".into(),
            json!(format!("urn:dledger:problem:{}", self.slug)),
        );
        body.insert("title".into(), json!(self.title));
        body.insert("status".into(), json!(self.status.as_u16()));
        body.insert("detail".into(), json!(self.detail));
        body.extend(self.extra);
        let mut resp = (self.status, Value::Object(body).to_string()).into_response();
        resp.headers_mut().insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/problem+json"),
        );
        if let Some(secs) = self.retry_after {
            resp.headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(secs));
        }
        resp
    }
}
