//! The router's outer layer: refuses what must not reach a handler (a body framed twice, an
//! over-long target), bounds each request's time, turns every error the framework produces on
//! its own (404, 405, extractor rejections, 413) into problem+json, and counts responses.

use crate::problem::Problem;
use crate::server::ConnInfo;
use crate::AppState;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::sync::atomic::Ordering;

/// Longest request target (path and query) accepted, in bytes; longer gets 414.
pub const MAX_URI: usize = 8 * 1024;

pub async fn edge(State(st): State<AppState>, req: Request, next: Next) -> Response {
    let started = std::time::Instant::now();
    let is_append = req.method() == Method::POST && req.uri().path() == "/v1/events";
    let method = req.method().clone();
    let double_framed = req
        .extensions()
        .get::<ConnInfo>()
        .is_some_and(|c| c.conflicting_framing.load(Ordering::Relaxed))
        || (req.headers().contains_key(header::CONTENT_LENGTH)
            && req.headers().contains_key(header::TRANSFER_ENCODING));
    let target_len = req.uri().path_and_query().map_or(0, |p| p.as_str().len());
    let resp = if double_framed {
        let mut r = Problem::new(
            StatusCode::BAD_REQUEST,
            "conflicting-framing",
            "bad request",
            "the request has both Content-Length and Transfer-Encoding; send one (RFC 9112 §6.3)",
        )
        .into_response();
        r.headers_mut()
            .insert(header::CONNECTION, HeaderValue::from_static("close"));
        r
    } else if target_len > MAX_URI {
        Problem::new(
            StatusCode::URI_TOO_LONG,
            "uri-too-long",
            "URI too long",
            format!("the request target is {target_len} bytes; at most {MAX_URI} are accepted"),
        )
        .into_response()
    } else {
        let limit = st.limits.request_timeout;
        match tokio::time::timeout(limit, next.run(req)).await {
            Ok(r) => r,
            Err(_) => {
                Problem::new(
                    StatusCode::SERVICE_UNAVAILABLE,
                    "timeout",
                    "the request took too long",
                    format!(
                        "no answer within {} s; an append may still have been recorded: repeat it (appends are idempotent)",
                        limit.as_secs()
                    ),
                )
                .retry_after(1)
                .into_response()
            }
        }
    };
    let resp = as_problem(resp, &method).await;
    let status = resp.status().as_u16();
    st.metrics.response(status);
    if is_append {
        match status {
            201 => st
                .metrics
                .append("created", Some(started.elapsed().as_secs_f64())),
            200 => st
                .metrics
                .append("repeat", Some(started.elapsed().as_secs_f64())),
            _ => st.metrics.append("rejected", None),
        }
    }
    resp
}

/// An error response without a problem+json body gets one, keeping its status and headers.
async fn as_problem(resp: Response, method: &Method) -> Response {
    let status = resp.status();
    if status.as_u16() < 400 {
        return resp;
    }
    // The framework's own answers have no body type or plain text; the routes' own error
    // bodies (problem+json, the Health of a starting server) are left as they are.
    let framework = resp
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_none_or(|v| v.starts_with("text/plain"));
    if !framework {
        return resp;
    }
    let (mut parts, body) = resp.into_parts();
    let text = axum::body::to_bytes(body, 64 * 1024)
        .await
        .map(|b| String::from_utf8_lossy(&b).trim().to_owned())
        .unwrap_or_default();
    let (slug, detail) = match status {
        StatusCode::METHOD_NOT_ALLOWED => {
            let allow = parts
                .headers
                .get(header::ALLOW)
                .and_then(|v| v.to_str().ok())
                .filter(|v| !v.is_empty())
                .map(|v| format!(" (it takes {v})"))
                .unwrap_or_default();
            (
                "method-not-allowed",
                format!("this route does not take {method}{allow}"),
            )
        }
        StatusCode::NOT_FOUND => ("not-found", "no such route".to_owned()),
        StatusCode::PAYLOAD_TOO_LARGE => ("too-large", "the request body is too large".into()),
        StatusCode::UNSUPPORTED_MEDIA_TYPE => ("unsupported-media-type", text.clone()),
        StatusCode::BAD_REQUEST | StatusCode::UNPROCESSABLE_ENTITY => ("bad-request", text.clone()),
        _ => ("error", text.clone()),
    };
    let detail = if detail.is_empty() {
        status.canonical_reason().unwrap_or("error").to_owned()
    } else {
        detail
    };
    let title = status
        .canonical_reason()
        .unwrap_or("error")
        .to_ascii_lowercase();
    let problem = Problem::new(status, slug, title, detail).into_response();
    let (p, body) = problem.into_parts();
    parts.headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/problem+json"),
    );
    parts.headers.remove(header::CONTENT_LENGTH);
    if let Some(len) = p.headers.get(header::CONTENT_LENGTH) {
        parts.headers.insert(header::CONTENT_LENGTH, len.clone());
    }
    Response::from_parts(parts, Body::new(body))
}

/// Expensive reads (the audit, receipts) run a few at a time; the rest wait for a turn within
/// the request timeout, so that appends and `/healthz` keep their latency under a flood of them.
pub async fn expensive(State(st): State<AppState>, req: Request, next: Next) -> Response {
    match st.expensive.clone().acquire_owned().await {
        Ok(_permit) => next.run(req).await,
        Err(_) => Problem::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "unavailable",
            "shutting down",
            "the server is stopping",
        )
        .into_response(),
    }
}

/// Parses an entry index written canonically: decimal digits, no sign, no leading zero.
pub fn canonical_index(v: &str, what: &str) -> Result<u64, Problem> {
    let digits = !v.is_empty() && v.bytes().all(|b| b.is_ascii_digit());
    let canonical = digits && (v == "0" || !v.starts_with('0'));
    if !canonical {
        return Err(Problem::bad_request(format!(
            "{what} must be a non-negative integer in decimal without sign or leading zeros, got {v:?}"
        )));
    }
    v.parse::<u64>()
        .map_err(|_| Problem::bad_request(format!("{what} {v:?} is larger than 2^64 - 1")))
}

#[cfg(test)]
mod tests {
    use super::canonical_index;

    #[test]
    fn indices_are_canonical_decimal() {
        assert_eq!(canonical_index("0", "i").unwrap(), 0);
        assert_eq!(canonical_index("17", "i").unwrap(), 17);
        assert_eq!(
            canonical_index("18446744073709551615", "i").unwrap(),
            u64::MAX
        );
        for bad in [
            "",
            "+1",
            "01",
            "-1",
            " 1",
            "1 ",
            "1e3",
            "0x10",
            "18446744073709551616",
        ] {
            assert!(canonical_index(bad, "i").is_err(), "{bad:?}");
        }
    }
}
