//! Take-away formats (issue 18 point 4): `/v1/decisions.csv`, `/v1/meetings.csv` and
//! `/v1/findings.csv` (`text/csv`, a header row, one row per item, the JSON routes' filters), and
//! an Atom feed of decisions and findings (`/feed.atom`).
//!
//! CSV: RFC 4180 quoting; a cell that begins with `=`, `+`, `-`, `@`, a tab or a carriage return
//! gets a leading `'`, so that no spreadsheet reads a title as a formula (OWASP's advice).

use crate::read::{decisions_filtered, fresh, matches_text, meetings_filtered, query_text, Params};
use crate::{AppState, Problem};
use axum::extract::{Query, State};
use axum::http::{header, HeaderMap};
use axum::response::{IntoResponse, Response};
use ledger_rules::Finding;
use std::collections::HashMap;
use std::fmt::Write as _;

fn cell(v: &str) -> String {
    let v = if v.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{v}")
    } else {
        v.to_owned()
    };
    if v.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", v.replace('"', "\"\""))
    } else {
        v
    }
}

fn csv(header: &[&str], rows: impl Iterator<Item = Vec<String>>) -> Response {
    let mut out = header.join(",");
    out.push_str("\r\n");
    for r in rows {
        let line: Vec<String> = r.iter().map(|c| cell(c)).collect();
        out.push_str(&line.join(","));
        out.push_str("\r\n");
    }
    (
        [
            (
                header::CONTENT_TYPE,
                "text/csv; charset=utf-8; header=present",
            ),
            (header::CACHE_CONTROL, "no-cache"),
        ],
        out,
    )
        .into_response()
}

#[utoipa::path(get, path = "/v1/decisions.csv", tag = "read models", description = "The decisions of `/v1/decisions` (same filters, with `from`, `to` and `q`), one row each, with a header row.",
    responses((status = 200, description = "CSV", content_type = "text/csv"), (status = 400, description = "Bad filter", content_type = "application/problem+json")))]
pub async fn decisions_csv(State(st): State<AppState>, Query(q): Params) -> Response {
    if let Err(e) = fresh(&st).await {
        return e.into_response();
    }
    match decisions_filtered(&st, &q) {
        Err(e) => e.into_response(),
        Ok(items) => csv(
            &[
                "decision_id",
                "meeting_id",
                "title",
                "category",
                "venue",
                "method",
                "adopted_at",
                "verdict",
                "findings",
                "index",
            ],
            items.into_iter().map(|d| {
                vec![
                    d.decision_id.to_string(),
                    d.meeting_id.to_string(),
                    d.title.as_str().to_owned(),
                    d.category.as_str().to_owned(),
                    d.venue,
                    d.method.as_str().to_owned(),
                    d.adopted_at,
                    d.verdict.as_str().to_owned(),
                    d.findings
                        .iter()
                        .map(|r| r.as_str())
                        .collect::<Vec<_>>()
                        .join(" "),
                    d.index.to_string(),
                ]
            }),
        ),
    }
}

#[utoipa::path(get, path = "/v1/meetings.csv", tag = "read models", description = "The meetings of `/v1/meetings` (same filters, with `from`, `to` and `q`), one row each, with a header row.",
    responses((status = 200, description = "CSV", content_type = "text/csv"), (status = 400, description = "Bad filter", content_type = "application/problem+json")))]
pub async fn meetings_csv(State(st): State<AppState>, Query(q): Params) -> Response {
    if let Err(e) = fresh(&st).await {
        return e.into_response();
    }
    match meetings_filtered(&st, &q) {
        Err(e) => e.into_response(),
        Ok(items) => csv(
            &[
                "meeting_id",
                "body_id",
                "title",
                "kind",
                "mode",
                "online",
                "opens_on",
                "closes_on",
                "sessions",
                "decisions",
                "procedures",
                "violations",
                "advisories",
                "index",
            ],
            items.into_iter().map(|m| {
                vec![
                    m.meeting_id.to_string(),
                    m.body_id.to_string(),
                    m.title.as_str().to_owned(),
                    m.kind.as_str().to_owned(),
                    m.mode.as_str().to_owned(),
                    m.online.to_string(),
                    m.opens_on.as_str().to_owned(),
                    m.closes_on.as_str().to_owned(),
                    m.sessions.to_string(),
                    m.decisions.to_string(),
                    m.procedures.to_string(),
                    m.violations.to_string(),
                    m.advisories.to_string(),
                    m.index.to_string(),
                ]
            }),
        ),
    }
}

/// The findings of the audit, filtered: `rule`, `severity`, `subject` (exact) and `q` (words in
/// the subject or message).
fn findings_filtered(st: &AppState, q: &HashMap<String, String>) -> Result<Vec<Finding>, Problem> {
    let sev = match q
        .get("severity")
        .map(String::as_str)
        .filter(|v| !v.is_empty())
    {
        None => None,
        Some(v @ ("violation" | "advisory" | "info")) => Some(v.to_owned()),
        Some(v) => {
            return Err(Problem::bad_request(format!(
                "severity must be one of violation, advisory, info, got {v:?}"
            )))
        }
    };
    let rule = q.get("rule").filter(|v| !v.is_empty()).cloned();
    let subject = q.get("subject").filter(|v| !v.is_empty()).cloned();
    let text = query_text(q);
    let p = st.views.read();
    let audit = p.audit();
    Ok(audit
        .findings
        .iter()
        .filter(|f| sev.as_deref().is_none_or(|s| f.severity.as_str() == s))
        .filter(|f| rule.as_deref().is_none_or(|r| f.rule.as_str() == r))
        .filter(|f| {
            subject
                .as_deref()
                .is_none_or(|s| f.subject.to_string() == s)
        })
        .filter(|f| matches_text(&text, &[&f.subject.to_string(), &f.message]))
        .cloned()
        .collect())
}

#[utoipa::path(get, path = "/v1/findings.csv", tag = "read models", description = "Every finding of the audit (filters `rule`, `severity`, `subject`, `q`), one row each, with a header row; evidence as space-separated entry indices.",
    responses((status = 200, description = "CSV", content_type = "text/csv"), (status = 400, description = "Bad filter", content_type = "application/problem+json")))]
pub async fn findings_csv(State(st): State<AppState>, Query(q): Params) -> Response {
    if let Err(e) = fresh(&st).await {
        return e.into_response();
    }
    match findings_filtered(&st, &q) {
        Err(e) => e.into_response(),
        Ok(items) => csv(
            &["rule", "severity", "subject", "message", "evidence"],
            items.into_iter().map(|f| {
                vec![
                    f.rule.as_str().to_owned(),
                    f.severity.as_str().to_owned(),
                    f.subject.to_string(),
                    f.message.clone(),
                    f.evidence
                        .iter()
                        .map(u64::to_string)
                        .collect::<Vec<_>>()
                        .join(" "),
                ]
            }),
        ),
    }
}

fn xml(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The page of a finding's subject, where there is one.
fn subject_href(subject: &str, last: u64) -> String {
    match subject.split_once(':') {
        Some(("decision", id)) => format!("/decisions/{id}"),
        Some(("meeting", id)) => format!("/meetings/{id}"),
        Some(("procedure", id)) => format!("/silence/{id}"),
        Some(("period", id)) => format!("/periods/{id}"),
        _ => format!("/entries/{last}"),
    }
}

/// `GET /feed.atom`: the latest 100 decisions (with their verdicts) and violation or advisory
/// findings, newest first, each dated by when the log recorded it.
pub async fn atom(State(st): State<AppState>, headers: HeaderMap) -> Response {
    if let Err(e) = fresh(&st).await {
        return e.into_response();
    }
    let origin = st
        .log_vkey
        .split('+')
        .next()
        .unwrap_or("dledger")
        .to_owned();
    let p = st.views.read();
    let m = &p.engine.model;
    let audit = p.audit();
    let at = |i: u64| {
        m.recorded_at
            .get(i as usize)
            .map(|t| t.to_recorded_at())
            .unwrap_or_default()
    };
    // (index, id, title, href, summary)
    let mut entries: Vec<(u64, String, String, String, String)> = Vec::new();
    for d in &audit.decisions {
        let Some(x) = m.decisions.get(d.decision_id.as_str()) else {
            continue;
        };
        let rules: Vec<&str> = d.findings.iter().map(|r| r.as_str()).collect();
        entries.push((
            x.index,
            format!("urn:dledger:{origin}:decision:{}", d.decision_id),
            format!(
                "Decision {}: {}",
                d.decision_id,
                d.verdict.as_str().replace('_', " ")
            ),
            format!("/decisions/{}", d.decision_id),
            format!(
                "{} ({}, {}, meeting {}). Findings: {}.",
                x.ev.title.as_str(),
                d.category,
                d.venue,
                d.meeting_id,
                if rules.is_empty() {
                    "none".to_owned()
                } else {
                    rules.join(", ")
                }
            ),
        ));
    }
    for f in audit
        .findings
        .iter()
        .filter(|f| f.severity != ledger_rules::Severity::Info)
    {
        let last = f.evidence.iter().copied().max().unwrap_or(0);
        let subject = f.subject.to_string();
        let ev: Vec<String> = f.evidence.iter().map(u64::to_string).collect();
        entries.push((
            last,
            format!(
                "urn:dledger:{origin}:finding:{}:{subject}:{}",
                f.rule,
                ev.join("-")
            ),
            format!("{}: {} on {subject}", f.severity.as_str(), f.rule),
            subject_href(&subject, last),
            f.message.clone(),
        ));
    }
    entries.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    entries.truncate(100);
    let base = crate::pages::base_url(&headers);
    let updated = entries.first().map(|e| at(e.0)).unwrap_or_else(|| at(0));
    let mut out = String::new();
    let _ = write!(
        out,
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:base=\"{}/\">\n<title>decision-ledger: decisions and findings ({})</title>\n<id>urn:dledger:{}:feed</id>\n<updated>{}</updated>\n<author><name>decision-ledger</name></author>\n<link rel=\"self\" href=\"{}/feed.atom\"/>\n<link rel=\"alternate\" href=\"{}/\"/>\n",
        xml(&base),
        xml(&origin),
        xml(&origin),
        xml(&updated),
        xml(&base),
        xml(&base)
    );
    for (index, id, title, href, summary) in &entries {
        let _ = write!(
            out,
            "<entry>\n<id>{}</id>\n<title>{}</title>\n<updated>{}</updated>\n<link href=\"{}{}\"/>\n<summary>{}</summary>\n</entry>\n",
            xml(id),
            xml(title),
            xml(&at(*index)),
            xml(&base),
            xml(href),
            xml(summary)
        );
    }
    out.push_str("</feed>\n");
    (
        [
            (header::CONTENT_TYPE, "application/atom+xml; charset=utf-8"),
            (header::CACHE_CONTROL, "no-cache"),
        ],
        out,
    )
        .into_response()
}
