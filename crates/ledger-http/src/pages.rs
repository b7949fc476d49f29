//! Human pages, rendered on the server (maud) from the same read models as the JSON routes; no
//! JavaScript framework and nothing loaded from the internet (the stylesheet is served by the
//! binary; the only script is a few lines that follow the SSE feed on the front page). Badges
//! always carry words; colour is never the only signal.

use crate::{unavailable, AppState, Problem};
use axum::extract::{Path, Query, State};
use axum::http::header;
use axum::response::{Html, IntoResponse, Response};
use ledger_events::events::{Mode, Outcome};
use ledger_rules::{Finding, RuleId, Severity, Verdict};
use ledger_views::readmodels::{self, Consultation, ReadContext};
use maud::{html, Markup, PreEscaped, DOCTYPE};
use serde_json::Value;
use std::collections::HashMap;

pub(crate) const CSS: &str = include_str!("style.css");

pub async fn stylesheet() -> Response {
    ([(header::CONTENT_TYPE, "text/css; charset=utf-8")], CSS).into_response()
}

fn layout(title: &str, body: Markup) -> Html<String> {
    Html(
        html! {
            (DOCTYPE)
            html lang="en" {
                head {
                    meta charset="utf-8";
                    meta name="viewport" content="width=device-width, initial-scale=1";
                    title { (title) " — decision-ledger" }
                    link rel="icon" href="data:,";
                    link rel="stylesheet" href="/assets/style.css";
                }
                body {
                    header {
                        nav aria-label="Site" {
                            a.brand href="/" { "decision-ledger" }
                            span.tag { "CP-11/4 audit" }
                            a href="/verify" { "Verify" }
                            a href="/record" { "Record" }
                            a href="/publication" { "Copies" }
                            a href="/witnessing" { "Witnesses" }
                            a href="/docs/" { "API" }
                        }
                    }
                    main { (body) }
                    footer {
                        p { "Every figure on this page is computed from the signed log by the same rules as "
                            code { "dledger verify" } ". Export the log and check it yourself." }
                    }
                }
            }
        }
        .into_string(),
    )
}

/// The label every page showing the illustrative scenario carries (its ids start with
/// `illustrative-`): it is not a historical record.
fn illustrative_note(id: &str) -> Markup {
    html! {
        @if ledger_rules::cases::is_illustrative(id) {
            p.note.illustrative role="note" { strong { "Illustrative scenario, not a historical record. " }
                "Written for this ledger from decision CP-11/4 to show what an online meeting and a silence procedure run by the book look like, beside a decision that is still out of scope. The historical cases are shown exactly as the record has them." }
        }
    }
}

/// A value for a query string (`/record?…=`), form-encoded.
fn urlencode(s: &str) -> String {
    form_urlencoded::byte_serialize(s.as_bytes()).collect()
}

/// `http://<Host>` of the request (what links and commands on a page name this server by).
pub(crate) fn base_url(headers: &axum::http::HeaderMap) -> String {
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .filter(|h| h.bytes().all(|b| b.is_ascii_graphic()))
        .unwrap_or("127.0.0.1:8080");
    format!("http://{host}")
}

/// An optional value as a page shows it: the value, or "—" where the record has none.
fn opt<T: std::fmt::Display>(v: &Option<T>) -> String {
    v.as_ref().map_or_else(|| "—".into(), |x| x.to_string())
}

fn verdict_badge(v: Verdict) -> Markup {
    let (class, words) = match v {
        Verdict::WithinScope => ("badge within", "✓ within scope"),
        Verdict::OutOfScope => ("badge out", "✗ out of scope"),
        Verdict::InPerson => ("badge person", "● in person"),
    };
    html! { span class=(class) { (words) } }
}

fn severity_badge(sev: Severity) -> Markup {
    let (class, words) = match sev {
        Severity::Violation => ("badge out", "✗ violation"),
        Severity::Advisory => ("badge advisory", "! advisory"),
        Severity::Info => ("badge info", "i info"),
    };
    html! { span class=(class) { (words) } }
}

fn evidence_links<'a>(ev: impl IntoIterator<Item = &'a u64>) -> Markup {
    html! {
        @for i in ev {
            a.evidence href={ "/entries/" (i) } { "#" (i) } " "
        }
    }
}

fn findings_list(list: &[Finding]) -> Markup {
    html! {
        @if list.is_empty() {
            p { "No findings." }
        } @else {
            ul.findings {
                @for f in list {
                    li {
                        (severity_badge(f.severity)) " "
                        strong { code { (f.rule) } } " — " (f.message)
                        p.ruletext { (f.rule.text()) }
                        p.meta { "Subject " code { (f.subject) } "; evidence: " (evidence_links(&f.evidence)) }
                    }
                }
            }
        }
    }
}

async fn context_ready(st: &AppState) -> Result<(), Problem> {
    let size = st.store.reader().published().size;
    st.views.caught_up(size).await.map_err(unavailable)
}

fn page_error(p: Problem) -> Response {
    let status = p.status;
    let body = layout(
        "Not found",
        html! { h1 { "Not found" } p { (p.detail) } p { a href="/" { "Back to the ledger" } } },
    );
    (status, body).into_response()
}

/// `/`: the ledger at a glance.
pub async fn index(
    State(st): State<AppState>,
    Query(q): Query<HashMap<String, String>>,
) -> Response {
    if let Err(e) = context_ready(&st).await {
        return page_error(e);
    }
    let published = st.store.reader().published();
    let p = st.views.read();
    let audit = p.audit();
    let model = &p.engine.model;
    let verdict_filter = q.get("verdict").filter(|v| !v.is_empty()).cloned();
    let category_filter = q.get("category").filter(|v| !v.is_empty()).cloned();
    let decisions: Vec<_> = audit
        .decisions
        .iter()
        .filter(|d| {
            verdict_filter
                .as_deref()
                .is_none_or(|v| d.verdict.as_str() == v)
        })
        .filter(|d| category_filter.as_deref().is_none_or(|v| d.category == v))
        .collect();
    let latest: Vec<(u64, &str, String)> = (p.size.saturating_sub(10)..p.size)
        .rev()
        .map(|i| {
            (
                i,
                model.facts.get(i as usize).map_or("", |f| f.type_name),
                model
                    .recorded_at
                    .get(i as usize)
                    .map(|t| t.to_string())
                    .unwrap_or_default(),
            )
        })
        .collect();
    let counts = |v: &str| {
        audit
            .decisions
            .iter()
            .filter(|d| d.verdict.as_str() == v)
            .count()
    };
    layout(
        "The ledger",
        html! {
            h1 { "Decisions taken outside ordinary in-person meetings" }
            section aria-labelledby="state" {
                h2 #state { "The log" }
                dl.facts {
                    dt { "Entries" } dd #size { (published.size) }
                    dt { "Merkle root" } dd { code.wrap { (ledger_proof::b64_encode(&published.root)) } }
                    dt { "Decisions" } dd { (audit.decisions.len()) " — " (counts("within_scope")) " within scope, " (counts("out_of_scope")) " out of scope, " (counts("in_person")) " in person" }
                }
                details { summary { "Signed checkpoint" } pre.wrap { (published.checkpoint) } }
            }
            section aria-labelledby="decisions" {
                h2 #decisions { "Decisions and verdicts" }
                form.filters method="get" action="/" {
                    label { "Verdict " select name="verdict" {
                        option value="" { "any" }
                        @for v in ["within_scope", "out_of_scope", "in_person"] {
                            option value=(v) selected[verdict_filter.as_deref() == Some(v)] { (v.replace('_', " ")) }
                        }
                    } }
                    " "
                    label { "Category " select name="category" {
                        option value="" { "any" }
                        @for c in ["substantive", "budgetary", "procedural_secretariat", "procedural_other"] {
                            option value=(c) selected[category_filter.as_deref() == Some(c)] { (c.replace('_', " ")) }
                        }
                    } }
                    " " button type="submit" { "Filter" }
                }
                @if decisions.is_empty() { p { "No decision matches." } } @else {
                    div.scroll { table {
                        thead { tr { th scope="col" { "Decision" } th scope="col" { "Meeting" } th scope="col" { "Category" } th scope="col" { "Venue" } th scope="col" { "Verdict" } } }
                        tbody {
                            @for d in &decisions {
                                tr {
                                    td { a href={ "/decisions/" (d.decision_id) } { (d.decision_id) }
                                        @if ledger_rules::cases::is_illustrative(&d.decision_id) { " " em.illustrative { "(illustrative scenario)" } } }
                                    td { a href={ "/meetings/" (d.meeting_id) } { (d.meeting_id) } }
                                    td { (d.category.replace('_', " ")) }
                                    td { (d.venue.replace('_', " ")) }
                                    td { (verdict_badge(d.verdict)) }
                                }
                            }
                        }
                    } }
                }
            }
            section aria-labelledby="meetings" {
                h2 #meetings { "Meetings" }
                ul.compact {
                    @for id in &model.meeting_order {
                        @if let Some(m) = model.meetings.get(id) {
                            li { a href={ "/meetings/" (id) } { (m.conv.ev.title.as_str()) } " (" (m.conv.ev.mode) ", " (m.conv.ev.opens_on.day) ")"
                                @for pid in &m.procedures { " · " a href={ "/silence/" (pid) } { "silence procedure " (pid) } } }
                        }
                    }
                }
            }
            section aria-labelledby="latest" {
                h2 #latest { "Latest entries" } p.meta #live aria-live="polite" { "Live: following the log." }
                div.scroll { table #entries {
                    thead { tr { th scope="col" { "Index" } th scope="col" { "Type" } th scope="col" { "Recorded at" } } }
                    tbody {
                        @for (i, t, at) in &latest {
                            tr { td { a href={ "/entries/" (i) } { "#" (i) } } td { code { (t) } } td { (at) } }
                        }
                    }
                } }
            }
            script { (PreEscaped(format!(r#"
(function () {{
  var after = {last};
  if (!window.EventSource) return;
  var es = new EventSource('/v1/feed?after=' + after);
  var body = document.querySelector('#entries tbody');
  es.onmessage = function (e) {{
    var entry = JSON.parse(e.data), type = '';
    try {{ type = JSON.parse(atob(entry.envelope.payload)).type; }} catch (err) {{ type = '?'; }}
    var tr = document.createElement('tr');
    tr.innerHTML = '<td><a href="/entries/' + entry.index + '">#' + entry.index + '</a></td><td><code></code></td><td></td>';
    tr.children[1].firstChild.textContent = type;
    tr.children[2].textContent = entry.recorded_at;
    body.insertBefore(tr, body.firstChild);
    while (body.children.length > 10) body.removeChild(body.lastChild);
    document.getElementById('size').textContent = entry.index + 1;
  }};
  es.addEventListener('caught-up', function () {{ document.getElementById('live').textContent = 'Live: up to date, following the log.'; }});
}})();
"#, last = p.size as i64 - 1))) }
        },
    )
    .into_response()
}

/// `/decisions/{id}`.
pub async fn decision(State(st): State<AppState>, Path(id): Path<String>) -> Response {
    if let Err(e) = context_ready(&st).await {
        return page_error(e);
    }
    let p = st.views.read();
    let audit = p.audit();
    let entry_index = p.engine.model.decisions.get(id.as_str()).map(|d| d.index);
    let ctx = ReadContext::from_audit(&p.engine.model, &audit);
    let Some(d) = readmodels::decision_detail(&ctx, &id) else {
        return page_error(Problem::not_found(format!("no decision {id:?}")));
    };
    let online_scope_ok = !d
        .findings
        .iter()
        .any(|f| f.rule == RuleId::P2OnlineScope && f.severity == Severity::Violation);
    let in_scope_category = matches!(d.category.as_str(), "budgetary" | "procedural_secretariat");
    let category = d.category.as_str().replace('_', " ");
    let vkey = st.log_vkey.to_string();
    let file = format!(
        "receipt-{}.json",
        id.chars()
            .map(|c| if c.is_ascii_alphanumeric() || "-_.".contains(c) {
                c
            } else {
                '_'
            })
            .collect::<String>()
    );
    layout(
        &format!("Decision {id}"),
        html! {
            h1 { "Decision " (id) }
            (illustrative_note(&id))
            p.lead { (d.title.as_str()) }
            p { "Verdict: " (verdict_badge(d.verdict)) }
            dl.facts {
                dt { "Meeting" } dd { a href={ "/meetings/" (d.meeting_id) } { (d.meeting_id) } }
                dt { "Category" } dd { (category) }
                dt { "Adopted" } dd { (d.adopted_at) " by " (d.method) }
                dt { "Where" } dd { (d.venue.replace('_', " "))
                    @if let Some(sid) = &d.via.session_id { " — session " code { (sid) } }
                    @if let Some(pid) = &d.via.procedure_id { " — " a href={ "/silence/" (pid) } { "silence procedure " (pid) } } }
                dt { "Scope of what was decided (P2.online_scope)" } dd {
                    @if d.venue == "in_person" { "Adopted in person: the online scope question does not arise." }
                    @else if online_scope_ok && (in_scope_category || d.venue == "silence") { span.badge.within { "✓ within scope" } " — a " (category) " decision may be taken this way; the verdict also weighs how the meeting was decided and run." }
                    @else if online_scope_ok { "No online-scope finding." }
                    @else { span.badge.out { "✗ out of scope" } " — a " (category) " decision taken online." }
                }
                dt { "Evidence entries" } dd { (evidence_links(&d.evidence)) }
            }
            @if let Some(bd) = &d.bureau_decision {
                section aria-labelledby="bd" {
                    h2 #bd { "The Bureau decision behind it" }
                    p { code { (bd.decision_id) } " of " code { (bd.bureau_id) } ", " (bd.decided_at) " (" (bd.method) ")" }
                    p { "Endorsed by members: " @if d.endorsing_members.is_empty() { "none recorded" } @else { (d.endorsing_members.join(", ")) } }
                }
            }
            section aria-labelledby="findings" {
                h2 #findings { "Findings" }
                (findings_list(&d.findings))
            }
            @if let (Some(w), Some(index)) = (&st.witnessing, entry_index) {
                section aria-labelledby="witnesses" {
                    h2 #witnesses { "Seen by the witnesses" }
                    @if w.demonstration {
                        p.note { strong { "Demonstration: " } "these witnesses are run by this server itself (" code { "serve --demo" } "), one per UN regional group, to show how it works. Their cosignatures prove nothing about this server until independent witnesses run them." }
                    }
                    p { "A witness's cosignature of a checkpoint that holds this decision's entry (" a href={ "/entries/" (index) } { "entry " (index) } ") says that, at that time, the log held it, and that the witness had seen no other history of the log." }
                    ul.witnesses {
                        @for (name, t) in w.first_seen(index) {
                            li { code { (name) } ": "
                                @match t {
                                    Some(t) => { "seen at " (ledger_events::time::Instant::from_millis(t as i128 * 1000).to_recorded_at()) }
                                    None => { "not yet" }
                                }
                            }
                        }
                    }
                }
            }
            (coverage_section(&d.completeness, "decision"))
            (document_check(&serde_json::json!({ "text_digest": d.text_digest.as_str() })))
            section aria-labelledby="receipt" {
                h2 #receipt { "Check it yourself" }
                p { a.button href={ "/v1/decisions/" (id) "/receipt" } download=(file) { "Download the receipt" } }
                p { "The receipt holds every entry this verdict rests on, each with an inclusion proof against a signed checkpoint. Verify it offline, with the log key you trust:" }
                pre.wrap { code { "dledger verify-receipt " (file) " --log-vkey '" (vkey) "'" } }
                p { "Or check it in your browser, offline, on " (crate::verifier::link()) "." }
            }
            section.print-only aria-label="Audit note" {
                h2 { "Audit note" }
                p { "Printed from the signed log. The receipt of this decision proves its entries against this checkpoint (or a later one); verify it with the log key you trust: "
                    code { "dledger verify-receipt " (file) " --log-vkey '" (vkey) "'" } }
                pre { (st.checkpoint()) }
            }
        },
    )
    .into_response()
}

fn bar_chart(
    title: &str,
    bars: &[(String, f64, String)],
    max: f64,
    limit: Option<(f64, &str)>,
    class: &str,
) -> Markup {
    let w = 320.0;
    let row = 28.0;
    let h = row * bars.len() as f64 + 10.0;
    let label_w = 150.0;
    let scale = |v: f64| {
        if max > 0.0 {
            (v / max) * (w - label_w - 60.0)
        } else {
            0.0
        }
    };
    html! {
        figure {
            svg viewBox={ "0 0 " (w) " " (h) } role="img" aria-label=(title) class="chart" {
                title { (title) }
                @for (k, (label, value, text)) in bars.iter().enumerate() {
                    text x="0" y=(row * k as f64 + 18.0) class="label" { (label) }
                    rect class={ "bar " (class) } data-label=(label) x=(label_w) y=(row * k as f64 + 5.0) width=(scale(*value).max(1.0)) height=(row - 10.0) {}
                    text x=(label_w + scale(*value) + 4.0) y=(row * k as f64 + 18.0) class="value" { (text) }
                }
                @if let Some((l, name)) = limit {
                    line x1=(label_w + scale(l)) x2=(label_w + scale(l)) y1="0" y2=(h) class="limit" {}
                    text x=(label_w + scale(l) + 2.0) y=(h - 2.0) class="value" { (name) }
                }
            }
            figcaption { (title) }
        }
    }
}

/// `/meetings/{id}`.
pub async fn meeting(State(st): State<AppState>, Path(id): Path<String>) -> Response {
    if let Err(e) = context_ready(&st).await {
        return page_error(e);
    }
    let p = st.views.read();
    let audit = p.audit();
    let ctx = ReadContext::from_audit(&p.engine.model, &audit);
    let Some(m) = readmodels::meeting_detail(&ctx, &id) else {
        return page_error(Problem::not_found(format!("no meeting {id:?}")));
    };
    let sessions = &m.sessions;
    let regions: Vec<(String, f64, String)> = m
        .night_shares
        .regions
        .iter()
        .map(|(r, v)| {
            let n = v.night_minutes as f64;
            let t = v.session_minutes as f64;
            let pct = if t > 0.0 { n * 100.0 / t } else { 0.0 };
            (
                r.replace('_', " "),
                pct,
                format!("{pct:.0}% at night ({} min of {} min)", n as i64, t as i64),
            )
        })
        .collect();
    let mut days: Vec<(String, f64, String)> = Vec::new();
    for sess in sessions.iter().filter(|x| x.mode != Mode::InPerson) {
        let day = sess.started_at.chars().take(10).collect::<String>();
        let minutes = sess.minutes as f64;
        match days.iter_mut().find(|(d, _, _)| *d == day) {
            Some(e) => e.1 += minutes,
            None => days.push((day, minutes, String::new())),
        }
    }
    for d in &mut days {
        d.2 = format!("{} h {:02} min", d.1 as i64 / 60, d.1 as i64 % 60);
    }
    let max_day = days.iter().map(|d| d.1).fold(120.0, f64::max);
    layout(
        &format!("Meeting {id}"),
        html! {
            h1 { (m.title.as_str()) }
            (illustrative_note(&id))
            dl.facts {
                dt { "Meeting id" } dd { code { (id) } }
                dt { "Body" } dd { (m.body_id) " (" (opt(&m.body_kind).replace('_', " ")) ")" }
                dt { "Kind and mode" } dd { (m.kind) ", convened " (m.mode.as_str().replace('_', " ")) @if m.online { " — an online meeting" } }
                dt { "Dates" } dd { (m.opens_on.as_str()) " to " (m.closes_on.as_str()) " (reference time zone " (m.reference_tz) ")" }
                dt { "Virtual-mode determination" } dd { @if let Some(vmd) = &m.virtual_mode_determination { code { (vmd) } } @else { "none before the first session" } }
            }
            section aria-labelledby="bds" {
                h2 #bds { "Bureau decisions and consultations" }
                @if m.bureau_decisions.is_empty() { p { "No Bureau decision about this meeting is on record." } }
                @for bd in &m.bureau_decisions {
                    article.card {
                        h3 { code { (bd.decision_id) } " — " (bd.subject.kind.as_str().replace('_', " ")) }
                        p { "By " (bd.bureau_id) ", " (bd.decided_at) ". Exceptional circumstances: "
                            @if let Some(ec) = &bd.exceptional_circumstances { "“" (ec.statement.as_str()) "”" @if ec.prolonged { " (prolonged)" } } @else { "none stated" } }
                        @if bd.consultations.is_empty() { p { "No consultation cited." } } @else {
                            div.scroll { table {
                                thead { tr { th scope="col" { "Consultation" } th scope="col" { "Kind" } th scope="col" { "Opened" } th scope="col" { "Closed" } th scope="col" { "Responses" } } }
                                tbody { @for c in &bd.consultations { @match c {
                                    Consultation::Recorded(c) => tr { td { code { (c.consultation_id) } @if c.closed_at.is_none() { " " a.respond href={ "/record?type=consultation.response&consultation_id=" (urlencode(&c.consultation_id)) } { "Respond as a Party" } } } td { (c.kind) @if let Some(r) = c.region { " (" (r.as_str().replace('_', " ")) ")" } } td { (c.opened_at) } td { (opt(&c.closed_at)) } td { (c.responses.len()) } },
                                    Consultation::Unrecorded(c) => tr { td { code { (c.consultation_id) } } td { "—" } td { "—" } td { "—" } td { "0" } },
                                } } }
                            } }
                        }
                        (findings_list(&bd.findings))
                    }
                }
            }
            section aria-labelledby="recordhere" {
                h2 #recordhere { "Record for this meeting" }
                p { "For the Secretariat, with the meeting filled in: "
                    a href={ "/record?type=session.held&meeting_id=" (urlencode(&id)) } { "the next session" } ", "
                    a href={ "/record?type=webcast.recorded" } { "a session's webcast" } ", "
                    a href={ "/record?type=training.held&meeting_id=" (urlencode(&id)) } { "a training" } ", "
                    a href={ "/record?type=decision.adopted&meeting_id=" (urlencode(&id)) } { "a decision" } "." }
            }
            section aria-labelledby="notes" {
                h2 #notes { "Scenario note and training" }
                @if m.scenario_notes.is_empty() { p { "No scenario note is on record." } }
                ul { @for n in &m.scenario_notes { li { "Note " code { (n.note_id) } ", prepared by " (n.prepared_by.as_str().replace('_', " ")) ", published " (n.published_at) ", available to " (n.available_to.as_str().replace('_', " ")) } } }
                @if m.trainings.is_empty() { p { "No training or connectivity test is on record." } }
                ul { @for t in &m.trainings { li { (t.kind.as_str().replace('_', " ")) " " (t.starts_at) " to " (t.ends_at) } } }
            }
            section aria-labelledby="sessions" {
                h2 #sessions { "Sessions" }
                @if sessions.is_empty() { p { "No session is on record (a meeting held only by written procedure has none)." } } @else {
                    div.scroll { table {
                        thead { tr { th scope="col" { "Session" } th scope="col" { "Mode" } th scope="col" { "Start" } th scope="col" { "End" } th scope="col" { "Length" } th scope="col" { "Webcast coverage" } } }
                        tbody { @for x in sessions {
                            @let cov = x.webcast_coverage.covered_percent;
                            tr { td { code { (x.session_id) } } td { (x.mode.as_str().replace('_', " ")) } td { (x.started_at) } td { (x.ended_at) }
                                td { (x.minutes) " min" }
                                td { svg.coverage width="60" height="10" role="img" aria-label={ (cov) "% webcast" } { rect x="0" y="0" width="60" height="10" class="track" {} rect x="0" y="0" width=(cov as f64 * 0.6) height="10" class="fill" {} } " " (cov) "%" } }
                        } }
                    } }
                }
            }
            @if !sessions.is_empty() {
                section aria-labelledby="charts" {
                    h2 #charts { "Time-zone burden and session length" }
                    (bar_chart("Share of each region's session time at night (22:00–07:00 in the region's reference zone)", &regions, 100.0, Some((50.0, "50%")), "region"))
                    @if !days.is_empty() { (bar_chart("Online session time per day", &days, max_day, Some((120.0, "2 h")), "day")) }
                }
            }
            section aria-labelledby="mdecisions" {
                h2 #mdecisions { "Decisions" }
                @if m.decisions.is_empty() { p { "No decision was adopted." } }
                ul { @for d in &m.decisions { li { a href={ "/decisions/" (d.decision_id) } { (d.decision_id) } " " (verdict_badge(d.verdict)) } } }
            }
            section aria-labelledby="mfindings" {
                h2 #mfindings { "Findings" }
                (findings_list(&m.findings))
            }
            (coverage_section(&m.completeness, "meeting"))
        },
    )
    .into_response()
}

/// `/silence/{id}`.
pub async fn silence(State(st): State<AppState>, Path(id): Path<String>) -> Response {
    if let Err(e) = context_ready(&st).await {
        return page_error(e);
    }
    let p = st.views.read();
    let audit = p.audit();
    let ctx = ReadContext::from_audit(&p.engine.model, &audit);
    let Some(sp) = readmodels::silence_detail(&ctx, &id) else {
        return page_error(Problem::not_found(format!("no silence procedure {id:?}")));
    };
    layout(
        &format!("Silence procedure {id}"),
        html! {
            h1 { "Silence procedure " (id) }
            (illustrative_note(&id))
            dl.facts {
                dt { "Meeting" } dd { a href={ "/meetings/" (sp.meeting_id) } { (sp.meeting_id) } }
                dt { "Draft" } dd { (sp.draft.title.as_str()) " (" (sp.draft.category) @if sp.draft.urgent { ", urgent" } ")" }
                dt { "Outcome" } dd { @match sp.outcome { Some(Outcome::Adopted) => span.badge.within { "✓ adopted" }, Some(Outcome::Broken) => span.badge.out { "✗ broken" }, None => "not concluded" } }
            }
            h2 { "Rounds" }
            ol.timeline {
                @for r in &sp.rounds {
                    li.round data-broken=(r.broken) {
                        h3 { "Round " (r.round) ": "
                            @if r.broken { span.badge.out { "✗ broken" } } @else { span.badge.within { "✓ silence held" } } }
                        p { "Circulated " time { (r.circulated_at) } ", deadline " time { (r.deadline) } " (" (r.hours) " h)" }
                        @if r.objections.is_empty() { p { "No objection received in this round." } } @else {
                            ul { @for o in &r.objections { li {
                                @if o.qualifying { span.badge.out { "breaks silence" } } @else { span.badge.info { "does not count" } }
                                " " (o.kind) " from " a href={ "/parties/" (o.party_id) } { (o.party_id) } ", received " (o.received_at)
                                @if let Some(why) = &o.why_not { " — " (why) }
                            } } }
                        }
                    }
                }
            }
            @if !sp.objections_outside_rounds.is_empty() { h2 { "Objections outside every round" } ul { @for o in &sp.objections_outside_rounds { li { (o.kind) " from " (o.party_id) ", " (o.received_at) " — does not count" } } } }
            p { a.button.object href={ "/record?type=silence.objection&procedure_id=" (urlencode(&id)) } { "Object or comment, as a Party" }
                " — with your Party's key, signed in your browser; you get the entry's proof." }
            h2 { "Conclusions" }
            ul { @for c in &sp.conclusions { li { (c.outcome) " at " (c.concluded_at) " (entry " a href={ "/entries/" (c.index) } { "#" (c.index) } ")" } } }
            h2 { "Decisions adopted by it" }
            ul { @for d in &sp.decisions { li { a href={ "/decisions/" (d.decision_id) } { (d.decision_id) } " " (verdict_badge(d.verdict)) } } }
            h2 { "Findings" }
            (findings_list(&sp.findings))
        },
    )
    .into_response()
}

/// `/periods/{id}`: a completeness statement, its counts as stated and as found, what it
/// counted, and what was recorded after it that it would have counted.
pub async fn period(State(st): State<AppState>, Path(id): Path<String>) -> Response {
    if let Err(e) = context_ready(&st).await {
        return page_error(e);
    }
    let p = st.views.read();
    let audit = p.audit();
    let ctx = ReadContext::from_audit(&p.engine.model, &audit);
    let Some(v) = readmodels::period_view(&ctx, &id) else {
        return page_error(Problem::not_found(format!(
            "no completeness statement {id:?}"
        )));
    };
    let link = |c: &readmodels::CountedItem| -> Markup {
        let href = match c.kind.as_str() {
            "meeting" => format!("/meetings/{}", c.id),
            "silence_procedure" => format!("/silence/{}", c.id),
            "decision" => format!("/decisions/{}", c.id),
            _ => format!("/entries/{}", c.index),
        };
        html! { (c.kind.replace('_', " ")) " " a href=(href) { (c.id) } " (entry " a href={ "/entries/" (c.index) } { "#" (c.index) } ")" }
    };
    let rows = [
        ("Meetings", v.stated.meetings, v.found.meetings),
        (
            "Silence procedures",
            v.stated.silence_procedures,
            v.found.silence_procedures,
        ),
        ("Decisions", v.stated.decisions, v.found.decisions),
        (
            "Bureau decisions",
            v.stated.bureau_decisions,
            v.found.bureau_decisions,
        ),
    ];
    layout(
        &format!("Completeness statement {id}"),
        html! {
            h1 { "Completeness statement " (id) }
            (illustrative_note(&id))
            p { @if v.holds { span.badge.within { "✓ holds" } } @else { span.badge.out { "✗ does not hold" } }
                " The Secretariat stated that the log holds every meeting, silence procedure, decision and Bureau decision "
                @match &v.body_id { Some(b) => { "of body " code { (b) } " " }, None => { "of every body " } }
                "from " (v.from) " to " (v.to) " (UTC days), and how many there were." }
            dl.facts {
                dt { "Recorded" } dd { "entry " a href={ "/entries/" (v.index) } { "#" (v.index) } ", closed at " (v.closed_at) }
                @if let Some(s) = &v.statement { dt { "Statement" } dd { (s) } }
                @if let Some(d) = &v.report_digest { dt { "Report" } dd { code.wrap { (d) } } }
            }
            h2 { "Counts" }
            div.scroll { table {
                thead { tr { th scope="col" { "What" } th scope="col" { "Stated" } th scope="col" { "In the log when it was recorded" } } }
                tbody { @for (what, stated, found) in rows { tr data-differs=(stated != found) {
                    th scope="row" { (what) } td { (stated) } td { (found) @if stated != found { " " span.badge.out { "✗ differs" } } }
                } } }
            } }
            h2 { "Recorded after it, in its period" }
            @if v.late_items.is_empty() {
                p { "Nothing recorded after the statement falls in its period: no later entry contradicts it." }
            } @else {
                p { "Each of these was recorded after the statement and would have been counted by it: the statement was not complete (L.after_close)." }
                ul.late { @for c in &v.late_items { li { (link(c)) } } }
            }
            h2 { "What it counted" }
            @if v.counted.is_empty() { p { "Nothing." } } @else {
                ul.compact { @for c in &v.counted { li { (link(c)) } } }
            }
            h2 { "Findings" }
            (findings_list(&v.findings))
        },
    )
    .into_response()
}

/// "Covered by the completeness statement for …, which holds / which this … contradicts".
fn coverage_section(list: &[readmodels::Coverage], what: &str) -> Markup {
    html! {
        @if !list.is_empty() {
            section aria-labelledby="completeness" {
                h2 #completeness { "Completeness" }
                ul.coverage { @for c in list { li data-holds=(c.holds) data-late=(c.late) {
                    "Covered by the completeness statement for "
                    a href={ "/periods/" (c.period_id) } { (c.from) " to " (c.to) @if let Some(b) = &c.body_id { " (" (b) ")" } }
                    @if c.late { ", which this " (what) " contradicts: it was recorded after the statement " span.badge.out { "✗ recorded late" } }
                    @else if c.holds { ", which holds " span.badge.within { "✓" } }
                    @else { ", which does not hold (see the statement) " span.badge.out { "✗" } }
                    "."
                } } }
            }
        }
    }
}

/// `/parties/{id}` (linked from objections): the Party read model, briefly.
pub async fn party(State(st): State<AppState>, Path(id): Path<String>) -> Response {
    if let Err(e) = context_ready(&st).await {
        return page_error(e);
    }
    let p = st.views.read();
    let audit = p.audit();
    let ctx = ReadContext::from_audit(&p.engine.model, &audit);
    let Some(party) = readmodels::party_detail(&ctx, &id) else {
        return page_error(Problem::not_found(format!("no Party {id:?}")));
    };
    layout(
        &format!("Party {id}"),
        html! {
            h1 { (party.name) }
            dl.facts {
                dt { "Party id" } dd { code { (id) } }
                dt { "Region" } dd { (opt(&party.region).replace('_', " ")) }
                dt { "Protocol Party since" } dd { (opt(&party.protocol_party_since)) }
                dt { "Withdrawn on" } dd { (opt(&party.withdrawn_on)) }
            }
            h2 { "Objections" }
            ul { @for o in &party.objections { li { (o.kind) " in " a href={ "/silence/" (o.procedure_id) } { (o.procedure_id) } ", " (o.received_at) @if !o.counted { " — not counted (not a Protocol Party then)" } } } }
            h2 { "Consultation responses" }
            ul { @for r in &party.responses { li { (r.position) " on " code { (r.consultation_id) } ", " (r.responded_at) } } }
        },
    )
    .into_response()
}

/// A field of a stored event's raw JSON, as text ("—" where it is absent).
fn json_text(v: &Value) -> String {
    match v {
        Value::String(x) => x.clone(),
        Value::Null => "—".into(),
        other => other.to_string(),
    }
}

/// `/entries/{index}`: one entry, its signers and roles, its inclusion proof.
pub async fn entry(State(st): State<AppState>, Path(index): Path<String>) -> Response {
    let Ok(index) = crate::edge::canonical_index(&index, "index") else {
        return page_error(Problem::not_found("an entry index is a number".to_string()));
    };
    if let Err(e) = context_ready(&st).await {
        return page_error(e);
    }
    let reader = st.store.reader();
    let published = reader.published();
    let line = match reader.entry(index) {
        Ok(Some(l)) => String::from_utf8_lossy(&l).into_owned(),
        _ => {
            return page_error(Problem::not_found(format!(
                "no entry {index}: the log has {} entries",
                published.size
            )))
        }
    };
    let proof = reader
        .inclusion_proof(index, published.size)
        .unwrap_or_default();
    let parsed = ledger_proof::Entry::parse(&line).ok();
    let payload: Value = parsed
        .as_ref()
        .and_then(|e| e.envelope.payload_bytes().ok())
        .and_then(|b| serde_json::from_slice(&b).ok())
        .unwrap_or(Value::Null);
    let p = st.views.read();
    let keys = &p.engine.model.keys;
    let signers: Vec<(String, String)> = parsed
        .as_ref()
        .map(|e| {
            e.envelope
                .signatures
                .iter()
                .map(|sig| {
                    let role = match keys.get(&sig.keyid) {
                        Some(ledger_rules::model::KeyBinding {
                            role,
                            bureau_id: b,
                            member_id: m,
                            ..
                        }) => match (b, m) {
                            (Some(b), Some(m)) => format!("{role} (member {m} of {b})"),
                            _ => role.to_string(),
                        },
                        None => "the admin key it registers".into(),
                    };
                    (sig.keyid.clone(), role)
                })
                .collect()
        })
        .unwrap_or_default();
    layout(
        &format!("Entry {index}"),
        html! {
            h1 { "Entry #" (index) }
            (illustrative_note(json_text(&payload["id"]).as_ref()))
            dl.facts {
                dt { "Type" } dd { code { (json_text(&payload["type"])) } }
                dt { "Event id" } dd { code { (json_text(&payload["id"])) } }
                dt { "Recorded at" } dd { (parsed.as_ref().map(|e| e.recorded_at.clone()).unwrap_or_default()) " (the server's clock)" }
                dt { "Previous entry hash (BLAKE3)" } dd { code.wrap { (parsed.as_ref().map(|e| e.prev.iter().map(|b| format!("{b:02x}")).collect::<String>()).unwrap_or_default()) } }
            }
            h2 { "Signers" }
            ul { @for (k, role) in &signers { li { code { (k) } " — " (role) } } }
            h2 { "Event" }
            pre.wrap { (serde_json::to_string_pretty(&payload).unwrap_or_default()) }
            h2 { "Inclusion proof" }
            p { "Against the checkpoint of size " (published.size) " (root " code { (ledger_proof::b64_encode(&published.root)) } "):" }
            ol { @for h in &proof { li { code.wrap { (ledger_proof::b64_encode(h)) } } } }
            details { summary { "The entry line, byte-exact" } pre.wrap { (line) } }
            section aria-labelledby="check" {
                h2 #check { "Check it yourself" }
                p { a.button href={ "/v1/entries/" (index) "/proof" } download={ "entry-" (index) ".tlog-proof" } { "Download the proof" } }
                p { "The proof (a C2SP " a href="https://c2sp.org/tlog-proof" { "tlog-proof" } ") holds this entry's line, its inclusion proof and the checkpoint with its witnesses' cosignatures. Check it offline with the log key you trust:" }
                pre.wrap { code { "dledger verify-proof entry-" (index) ".tlog-proof --log-vkey '" (st.log_vkey) "'" } }
                p { "Or check it in your browser, offline, on " (crate::verifier::link()) "." }
            }
            (document_check(&payload["data"]))
            p { @if index > 0 { a href={ "/entries/" (index - 1) } { "← previous" } " " } @if index + 1 < published.size { a href={ "/entries/" (index + 1) } { "next →" } } }
        },
    )
    .into_response()
}

/// "Check a document against this digest": the digests an event names, and how to compare a
/// file with them (`dledger digest`, or the verifier page, which computes it in the browser).
pub(crate) fn document_check(data: &Value) -> Markup {
    let digests = ledger_views::documents::digests_in(data);
    html! {
        @if !digests.is_empty() {
            section aria-labelledby="documents" {
                h2 #documents { "Check a document against this digest" }
                p { "The ledger holds documents by their BLAKE3 digest. A copy you were sent is the one recorded here if its digest is the same; compute a file's digest on your own computer with " code { "dledger digest FILE" } ", or drop the file on " (crate::verifier::link()) " together with this entry's proof or the decision's receipt: the page computes the digest in your browser and shows which proven entries name it." }
                dl.facts {
                    @for (field, d) in &digests {
                        dt { code { (field) } }
                        dd { code.wrap { (d) } }
                    }
                }
            }
        }
    }
}

/// `/publication`: for people who publish a copy of this log or run a mirror of it, with this
/// server's own address, log key and checkpoint in the commands.
pub async fn publication(State(st): State<AppState>, headers: axum::http::HeaderMap) -> Response {
    let url = base_url(&headers);
    let p = st.store.reader().published();
    let vkey = st.log_vkey.to_string();
    let lines: Vec<&str> = p.checkpoint.lines().collect();
    layout(
        "Copies and mirrors",
        html! {
            h1 { "Copies and mirrors of this log" }
            p { "Anyone can keep a copy of this log and check it without trusting this server. The log is published as "
                a href="https://c2sp.org/tlog-tiles" { "C2SP tlog-tiles" }
                " under " code { (url) "/tlog" } ": a checkpoint signed by the log key, and files that never change once written." }
            section aria-labelledby="now" {
                h2 id="now" { "The log now" }
                dl {
                    dt { "Origin" } dd { code { (lines.first().copied().unwrap_or("")) } }
                    dt { "Entries" } dd { (p.size) }
                    dt { "Root" } dd { code.wrap { (lines.get(2).copied().unwrap_or("")) } }
                    dt { "Log key" } dd { code.wrap { (vkey) } }
                }
            }
            section aria-labelledby="publish" {
                h2 id="publish" { "Publish a static copy" }
                p { "Writes the checkpoint, the log key and the tiles as plain files; run it again to add what is new. Any web server, object store or CDN can then serve the directory." }
                pre { code { "dledger publish --server " (url) " --out ./copy" } }
            }
            section aria-labelledby="mirror" {
                h2 id="mirror" { "Run a mirror" }
                p { "A mirror verifies every entry (signatures, roles, schemas, the tree, the rules) and every new checkpoint's consistency with the last one it accepted, then serves the same pages and routes, read-only. If the log ever offers a checkpoint that is not consistent with one it accepted, the mirror keeps both as evidence and stops following." }
                pre { code { "dledger mirror --from " (url) "/tlog --data ./mirror --log-vkey '" (vkey) "'" } }
            }
            section aria-labelledby="agree" {
                h2 id="agree" { "Check that a mirror agrees with this log" }
                p { "Save the mirror's checkpoint, then check that this log extends it: the same entries up to its size, under this log key." }
                pre { code { "curl -s MIRROR/v1/checkpoint > mirror.checkpoint\n"
                    "dledger verify " (url) "/tlog --log-vkey '" (vkey) "' --since mirror.checkpoint" } }
                p { "Exit 0 means the mirror holds a prefix of this log, entry for entry. Any other answer names the entry or the checkpoint that differs." }
            }
        },
    )
    .into_response()
}

/// `/witnessing`: for a regional group, an auditor or a Party who would run a witness of this log.
pub async fn witnessing(State(st): State<AppState>) -> Response {
    let vkey = st.log_vkey.to_string();
    let w = st.witnessing.as_ref();
    layout(
        "Witnesses",
        html! {
            h1 { "Witnessing this log" }
            p { "The Secretariat signs every checkpoint of this log with its log key. A signature alone cannot show that everyone was shown the same history: a server could show one history to one regional group and another to the rest. Witnesses close that gap: each cosigns a checkpoint only if it is consistent with every checkpoint of the log it cosigned before (" a href="https://c2sp.org/tlog-witness" { "C2SP tlog-witness" } ")." }
            section aria-labelledby="now" {
                h2 id="now" { "Witnesses of this server" }
                @match w {
                    None => p { "This server submits its checkpoints to no witness (it runs without " code { "--witness-policy" } ")." },
                    Some(w) => {
                        @if w.demonstration {
                            p.note { strong { "Demonstration: " } "the witnesses below are run by this server itself (" code { "serve --demo" } "). They show how witnessing works and prove nothing about this server." }
                        }
                        @let served = st.checkpoint();
                        @let quorum = w.policy.verify(&served);
                        p { "Quorum of the policy on the checkpoint served now: "
                            @match &quorum { Ok(x) => { span.badge.within { "met" } " (" (x.cosigned.len()) " cosignatures)" } Err(e) => { span.badge.out { "not met" } " — " (e) } } }
                        ul {
                            @for wt in &w.policy.witnesses {
                                li { code { (wt.name) } @if let Some(u) = &wt.url { " at " code { (u) } } }
                            }
                        }
                    }
                }
            }
            section aria-labelledby="run" {
                h2 id="run" { "Run a witness" }
                p { "One command makes its key, one runs it for this log:" }
                pre { code { "dledger witness init --data ./witness --name witness.example/your-group\n"
                    "dledger witness serve --data ./witness --log '" (vkey) "' --listen 0.0.0.0:8081" } }
                p { "Its page lists the checkpoints it cosigned and keeps any evidence of misbehaviour: two checkpoints of this log that cannot both be true." }
            }
            section aria-labelledby="policy" {
                h2 id="policy" { "Add it to the policy" }
                p { "Which witnesses count is a " a href="https://c2sp.org/tlog-policy" { "C2SP tlog-policy" } " file, the same for the server and for every verifier. A natural one for a treaty body: one witness per UN regional group and a quorum of three of five." }
                pre { code { "log " (vkey) "\n"
                    "witness african  <its vkey> https://witness.example/african\n"
                    "witness asia_pacific <its vkey> https://…\n"
                    "…\n"
                    "group regions 3 african asia_pacific eastern_european latin_american_caribbean weog\n"
                    "quorum regions" } }
                p { "The server takes it with " code { "dledger serve --witness-policy FILE" } "; an auditor checks an export or a receipt with " code { "dledger verify EXPORT --policy FILE" } " or " code { "dledger verify-receipt FILE --policy FILE" } ", which fail, naming the group that is short, without the quorum." }
            }
            section aria-labelledby="proves" {
                h2 id="proves" { "What a cosignature proves, and what it does not" }
                ul {
                    li { "It proves that, at the time it carries, the witness had seen no other history of this log, and that the log then held at least that many entries: an upper bound on when an entry (an objection, a decision) was on record, that does not trust the server's clock." }
                    li { "With a quorum of independent witnesses, every reader who checks the quorum was shown the same history." }
                    li { "It does not prove that the entries are true, complete or lawful: that is what " code { "dledger verify" } " and the rules of CP-11/4 are for. A witness does not read the entries." }
                    li { "It proves nothing if the witness is run by the Secretariat itself, as the demonstration ones are." }
                }
            }
        },
    )
    .into_response()
}
