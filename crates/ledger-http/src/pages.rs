//! Human pages, rendered on the server (maud) from the same read models as the JSON routes; no
//! JavaScript framework and nothing loaded from the internet (the stylesheet is served by the
//! binary; the only script is a few lines that follow the SSE feed on the front page). Badges
//! always carry words; colour is never the only signal. Every word of a page is a message of
//! `locales/` in the page's language (`crate::i18n`); identifiers, times and JSON are shown as
//! recorded, left to right.

use crate::i18n::{Lang, L};
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

/// The site's navigation and the language switcher, shared by every page (`current` is the
/// path of the page it is on, marked `aria-current`).
pub(crate) fn site_header(l: &L, current: &str) -> Markup {
    let links = [
        ("/verify", "nav-verify"),
        ("/record", "nav-record"),
        ("/publication", "nav-copies"),
        ("/witnessing", "nav-witnesses"),
        ("/docs/", "nav-api"),
    ];
    html! {
        header {
            nav aria-label=(l.t("nav-site")) {
                a.brand href="/" lang="en" dir="ltr" { "decision-ledger" }
                span.tag { (l.t("nav-tag")) }
                @for (href, id) in links {
                    @if href == current { a href=(href) aria-current="page" { (l.t(id)) } }
                    @else { a href=(href) { (l.t(id)) } }
                }
            }
            (crate::i18n::switcher(l))
        }
    }
}

/// `<html lang dir>` and the `<head>` every page shares.
pub(crate) fn page_head(l: &L, title: &str, extra: Markup) -> Markup {
    html! {
        head {
            meta charset="utf-8";
            meta name="viewport" content="width=device-width, initial-scale=1";
            title { (title) " — decision-ledger" }
            link rel="icon" href="data:,";
            link rel="stylesheet" href="/assets/style.css";
            @for lang in Lang::ALL { @if lang != l.lang { link rel="alternate" hreflang=(lang.code()) href={ "?lang=" (lang.code()) }; } }
            (extra)
        }
    }
}

fn layout(l: &L, title: &str, body: Markup) -> Html<String> {
    layout_at(l, "", title, body)
}

/// A page whose own entry of the site's navigation is `current`.
fn layout_at(l: &L, current: &str, title: &str, body: Markup) -> Html<String> {
    Html(
        html! {
            (DOCTYPE)
            html lang=(l.lang.code()) dir=(l.lang.dir()) {
                (page_head(l, title, html! {}))
                body {
                    (site_header(l, current))
                    main { (body) }
                    footer {
                        p { (l.markup("footer-verify", &[("command", html! { code dir="ltr" { "dledger verify" } })])) }
                    }
                }
            }
        }
        .into_string(),
    )
}

/// The label every page showing the illustrative scenario carries (its ids start with
/// `illustrative-`): it is not a historical record.
fn illustrative_note(l: &L, id: &str) -> Markup {
    html! {
        @if ledger_rules::cases::is_illustrative(id) {
            p.note.illustrative role="note" { strong { (l.t("illustrative-title")) " " }
                (l.t("illustrative-body")) }
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

/// An optional word of the record's vocabulary, in the page's language, or "—".
fn opt_word<T: std::fmt::Display>(l: &L, v: &Option<T>) -> String {
    v.as_ref()
        .map_or_else(|| "—".into(), |x| l.word(&x.to_string()))
}

/// A value that reads left to right whatever the page's direction (ids, times, digests).
fn ltr(v: impl std::fmt::Display) -> Markup {
    html! { bdi dir="ltr" { (v) } }
}

fn verdict_badge(l: &L, v: Verdict) -> Markup {
    let (class, mark, id) = match v {
        Verdict::WithinScope => ("badge within", "✓", "verdict-within-scope"),
        Verdict::OutOfScope => ("badge out", "✗", "verdict-out-of-scope"),
        Verdict::InPerson => ("badge person", "●", "verdict-in-person"),
    };
    html! { span class=(class) data-verdict=(v.as_str()) { (mark) " " (l.t(id)) } }
}

fn severity_badge(l: &L, sev: Severity) -> Markup {
    let (class, mark, id) = match sev {
        Severity::Violation => ("badge out", "✗", "severity-violation"),
        Severity::Advisory => ("badge advisory", "!", "severity-advisory"),
        Severity::Info => ("badge info", "i", "severity-info"),
    };
    html! { span class=(class) data-severity=(sev.as_str()) { (mark) " " (l.t(id)) } }
}

fn evidence_links<'a>(ev: impl IntoIterator<Item = &'a u64>) -> Markup {
    html! {
        @for i in ev {
            a.evidence href={ "/entries/" (i) } dir="ltr" { "#" (i) } " "
        }
    }
}

/// The paragraphs of CP-11/4 a rule applies (rules.md), as the Arabic original numbers them:
/// `(paragraph, sub-paragraph)`.
fn cited_paragraphs(rule: RuleId) -> &'static [(u8, u8)] {
    use RuleId::*;
    match rule {
        P1InPersonDefault => &[(1, 0), (2, 0)],
        P2ConsultThenDecide | P2OnlineScope => &[(2, 0)],
        P3SilenceBasis | P3ExtraordinaryBasis | P3SilenceOutcome | P3SilencePeriod | P3Urgency => {
            &[(3, 0)]
        }
        P4Webcast => &[(4, 0)],
        P5LimitedMembership => &[(5, 0)],
        P6BureauOnline => &[(6, 0)],
        P7ScenarioNote => &[(7, 1)],
        P7TimeZones => &[(7, 2)],
        P7SessionLength => &[(7, 3)],
        P7ParticipationSupport => &[(7, 4)],
        _ => &[],
    }
}

/// What a finding's rule says: on Arabic pages, the paragraphs of CP-11/4 it applies quoted from
/// the Arabic original (the authentic text); on the others, the project's reading of the rule in
/// the page's language, marked as an unofficial translation.
fn rule_basis(l: &L, rule: RuleId) -> Markup {
    let paras = cited_paragraphs(rule);
    html! {
        @if l.lang == Lang::Ar && !paras.is_empty() {
            @for (p, sub) in paras {
                @if let Some(text) = crate::cp11_4::paragraph(*p, *sub) {
                    blockquote.original lang="ar" dir="rtl" data-paragraph=(crate::cp11_4::label(*p, *sub)) {
                        p { (text) }
                        footer { (l.format("quote-original", &[("para", crate::cp11_4::label(*p, *sub).into())])) }
                    }
                }
            }
            p.ruletext { (l.rule_text(rule.as_str())) }
        } @else {
            p.ruletext { (l.rule_text(rule.as_str()))
                @if !paras.is_empty() { " " span.unofficial { "(" (l.t("unofficial-translation")) ")" } } }
        }
    }
}

fn findings_list(l: &L, list: &[Finding]) -> Markup {
    html! {
        @if list.is_empty() {
            p { (l.t("no-findings")) }
        } @else {
            ul.findings {
                @for f in list {
                    li {
                        (severity_badge(l, f.severity)) " "
                        strong { code dir="ltr" { (f.rule) } } " — " (crate::findings_text::message(l, f))
                        (rule_basis(l, f.rule))
                        p.meta { (l.markup("finding-meta", &[("subject", html! { code dir="ltr" { (f.subject) } }), ("evidence", evidence_links(&f.evidence))])) }
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

/// A 404 page in the page's language: the log holds no `what` (a message id) called `id`.
fn not_found(l: &L, what: &str, id: &str) -> Response {
    let detail = l.markup(
        "notfound-what",
        &[("what", html! { (l.t(what)) }), ("id", ltr(id))],
    );
    let body = layout(
        l,
        &l.t("notfound-title"),
        html! { h1 { (l.t("notfound-title")) } p #detail { (detail) } p { a href="/" { (l.t("notfound-back")) } } },
    );
    (axum::http::StatusCode::NOT_FOUND, body).into_response()
}

fn page_error(l: &L, p: Problem) -> Response {
    let status = p.status;
    let body = layout(
        l,
        &l.t("notfound-title"),
        html! { h1 { (l.t("notfound-title")) } p lang="en" dir="ltr" { (p.detail) } p { a href="/" { (l.t("notfound-back")) } } },
    );
    (status, body).into_response()
}

/// `/`: the ledger at a glance.
pub async fn index(
    State(st): State<AppState>,
    l: L,
    Query(q): Query<HashMap<String, String>>,
) -> Response {
    if let Err(e) = context_ready(&st).await {
        return page_error(&l, e);
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
                model.facts.get(i as usize).map_or("", |f| f.type_name()),
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
            .count() as i64
    };
    let live_done = l.t("index-live-caught-up");
    layout(
        &l,
        &l.t("index-title"),
        html! {
            h1 { (l.t("index-heading")) }
            section aria-labelledby="state" {
                h2 #state { (l.t("index-log")) }
                dl.facts {
                    dt { (l.t("index-entries")) } dd #size dir="ltr" { (published.size) }
                    dt { (l.t("index-root")) } dd { code.wrap dir="ltr" { (ledger_proof::b64_encode(&published.root)) } }
                    dt { (l.t("index-decisions")) } dd { (l.format("index-decision-counts", &[
                        ("total", (audit.decisions.len() as i64).into()),
                        ("within", counts("within_scope").into()),
                        ("out", counts("out_of_scope").into()),
                        ("inperson", counts("in_person").into()),
                    ])) }
                }
                details { summary { (l.t("index-checkpoint")) } pre.wrap dir="ltr" { (published.checkpoint) } }
            }
            section aria-labelledby="decisions" {
                h2 #decisions { (l.t("index-decisions-verdicts")) }
                form.filters method="get" action="/" {
                    input type="hidden" name="lang" value=(l.lang.code());
                    label { (l.t("filter-verdict")) " " select name="verdict" {
                        option value="" { (l.t("filter-any")) }
                        @for v in ["within_scope", "out_of_scope", "in_person"] {
                            option value=(v) selected[verdict_filter.as_deref() == Some(v)] { (l.word(v)) }
                        }
                    } }
                    " "
                    label { (l.t("filter-category")) " " select name="category" {
                        option value="" { (l.t("filter-any")) }
                        @for c in ["substantive", "budgetary", "procedural_secretariat", "procedural_other"] {
                            option value=(c) selected[category_filter.as_deref() == Some(c)] { (l.word(c)) }
                        }
                    } }
                    " " button type="submit" { (l.t("filter-submit")) }
                }
                @if decisions.is_empty() { p { (l.t("index-no-match")) } } @else {
                    div.scroll { table {
                        thead { tr { th scope="col" { (l.t("col-decision")) } th scope="col" { (l.t("col-meeting")) } th scope="col" { (l.t("col-category")) } th scope="col" { (l.t("col-venue")) } th scope="col" { (l.t("col-verdict")) } } }
                        tbody {
                            @for d in &decisions {
                                tr {
                                    td { a href={ "/decisions/" (d.decision_id) } dir="ltr" { (d.decision_id) }
                                        @if ledger_rules::cases::is_illustrative(&d.decision_id) { " " em.illustrative { "(" (l.t("illustrative-short")) ")" } } }
                                    td { a href={ "/meetings/" (d.meeting_id) } dir="ltr" { (d.meeting_id) } }
                                    td { (l.word(&d.category)) }
                                    td { (l.word(&d.venue)) }
                                    td { (verdict_badge(&l, d.verdict)) }
                                }
                            }
                        }
                    } }
                }
            }
            section aria-labelledby="meetings" {
                h2 #meetings { (l.t("index-meetings")) }
                ul.compact {
                    @for id in &model.meeting_order {
                        @if let Some(m) = model.meetings.get(id) {
                            li { a href={ "/meetings/" (id) } { bdi.recorded { (m.conv.ev.title.as_str()) } } " (" (l.word(m.conv.ev.mode.as_str())) ", " (ltr(m.conv.ev.opens_on.day)) ")"
                                @for pid in &m.procedures { " · " a href={ "/silence/" (pid) } { (l.markup("index-silence-link", &[("id", ltr(pid))])) } } }
                        }
                    }
                }
            }
            section aria-labelledby="latest" {
                h2 #latest { (l.t("index-latest")) } p.meta #live aria-live="polite" data-done=(live_done) { (l.t("index-live")) }
                div.scroll { table #entries {
                    thead { tr { th scope="col" { (l.t("col-index")) } th scope="col" { (l.t("col-type")) } th scope="col" { (l.t("col-recorded-at")) } } }
                    tbody {
                        @for (i, t, at) in &latest {
                            tr { td { a href={ "/entries/" (i) } dir="ltr" { "#" (i) } } td { code dir="ltr" { (t) } } td { (ltr(at)) } }
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
    tr.innerHTML = '<td><a dir="ltr" href="/entries/' + entry.index + '">#' + entry.index + '</a></td><td><code dir="ltr"></code></td><td><bdi dir="ltr"></bdi></td>';
    tr.children[1].firstChild.textContent = type;
    tr.children[2].firstChild.textContent = entry.recorded_at;
    body.insertBefore(tr, body.firstChild);
    while (body.children.length > 10) body.removeChild(body.lastChild);
    document.getElementById('size').textContent = entry.index + 1;
  }};
  es.addEventListener('caught-up', function () {{ var live = document.getElementById('live'); live.textContent = live.getAttribute('data-done'); }});
}})();
"#, last = p.size as i64 - 1))) }
        },
    )
    .into_response()
}

/// `/decisions/{id}`.
pub async fn decision(State(st): State<AppState>, l: L, Path(id): Path<String>) -> Response {
    if let Err(e) = context_ready(&st).await {
        return page_error(&l, e);
    }
    let p = st.views.read();
    let audit = p.audit();
    let entry_index = p.engine.model.decisions.get(id.as_str()).map(|d| d.index);
    let ctx = ReadContext::from_audit(&p.engine.model, &audit);
    let Some(d) = readmodels::decision_detail(&ctx, &id) else {
        return not_found(&l, "thing-decision", &id);
    };
    let online_scope_ok = !d
        .findings
        .iter()
        .any(|f| f.rule == RuleId::P2OnlineScope && f.severity == Severity::Violation);
    let in_scope_category = matches!(d.category.as_str(), "budgetary" | "procedural_secretariat");
    let category = l.word(d.category.as_str());
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
    let receipt_cmd =
        html! { code dir="ltr" { "dledger verify-receipt " (file) " --log-vkey '" (vkey) "'" } };
    layout(
        &l,
        &l.format("decision-title", &[("id", id.as_str().into())]),
        html! {
            h1 { (l.markup("decision-title", &[("id", ltr(&id))])) }
            (illustrative_note(&l, &id))
            p.lead { bdi.recorded { (d.title.as_str()) } }
            p { (l.t("decision-verdict")) " " (verdict_badge(&l, d.verdict)) }
            dl.facts {
                dt { (l.t("col-meeting")) } dd { a href={ "/meetings/" (d.meeting_id) } dir="ltr" { (d.meeting_id) } }
                dt { (l.t("col-category")) } dd { (category) }
                dt { (l.t("decision-adopted")) } dd { (l.markup("decision-adopted-by", &[("at", ltr(&d.adopted_at)), ("method", html! { (l.word(d.method.as_str())) })])) }
                dt { (l.t("decision-where")) } dd { (l.word(&d.venue))
                    @if let Some(sid) = &d.via.session_id { " — " (l.markup("decision-session", &[("id", html! { code dir="ltr" { (sid) } })])) }
                    @if let Some(pid) = &d.via.procedure_id { " — " a href={ "/silence/" (pid) } { (l.markup("index-silence-link", &[("id", ltr(pid))])) } } }
                dt { (l.t("decision-scope")) } dd {
                    @if d.venue == "in_person" { (l.t("decision-scope-in-person")) }
                    @else if online_scope_ok && (in_scope_category || d.venue == "silence") { span.badge.within { "✓ " (l.t("verdict-within-scope")) } " — " (l.format("decision-scope-ok", &[("category", category.clone().into())])) }
                    @else if online_scope_ok { (l.t("decision-scope-none")) }
                    @else { span.badge.out { "✗ " (l.t("verdict-out-of-scope")) } " — " (l.format("decision-scope-out", &[("category", category.clone().into())])) }
                }
                dt { (l.t("decision-evidence")) } dd { (evidence_links(&d.evidence)) }
            }
            @if let Some(bd) = &d.bureau_decision {
                section aria-labelledby="bd" {
                    h2 #bd { (l.t("decision-bureau-behind")) }
                    p { (l.markup("decision-bureau-line", &[("id", html! { code dir="ltr" { (bd.decision_id) } }), ("bureau", html! { code dir="ltr" { (bd.bureau_id) } }), ("at", ltr(&bd.decided_at)), ("method", html! { (l.word(bd.method.as_str())) })])) }
                    p { (l.t("decision-endorsed-by")) " " @if d.endorsing_members.is_empty() { (l.t("decision-none-recorded")) } @else { (ltr(d.endorsing_members.join(", "))) } }
                }
            }
            section aria-labelledby="findings" {
                h2 #findings { (l.t("heading-findings")) }
                (findings_list(&l, &d.findings))
            }
            @if let (Some(w), Some(index)) = (&st.witnessing, entry_index) {
                section aria-labelledby="witnesses" {
                    h2 #witnesses { (l.t("decision-witnesses")) }
                    @if w.demonstration {
                        p.note { strong { (l.t("demo-label")) " " } (l.markup("decision-witness-demo", &[("flag", html! { code dir="ltr" { "serve --demo" } })])) }
                    }
                    p { (l.markup("decision-witness-explain", &[("entry", html! { a href={ "/entries/" (index) } dir="ltr" { "#" (index) } })])) }
                    ul.witnesses {
                        @for (name, t) in w.first_seen(index) {
                            li { code dir="ltr" { (name) } ": "
                                @match t {
                                    Some(t) => { (l.markup("decision-seen-at", &[("at", ltr(ledger_events::time::Instant::from_millis(t as i128 * 1000).to_recorded_at()))])) }
                                    None => { (l.t("decision-not-yet")) }
                                }
                            }
                        }
                    }
                }
            }
            (coverage_section(&l, &d.completeness, "decision"))
            (document_check(&l, &serde_json::json!({ "text_digest": d.text_digest.as_str() })))
            section aria-labelledby="receipt" {
                h2 #receipt { (l.t("check-yourself")) }
                p { a.button href={ "/v1/decisions/" (id) "/receipt" } download=(file) { (l.t("decision-download-receipt")) } }
                p { (l.t("decision-receipt-explain")) }
                pre.wrap { (receipt_cmd) }
                p { (l.markup("check-in-browser", &[("link", crate::verifier::link(&l))])) }
            }
            section.print-only aria-label=(l.t("audit-note")) {
                h2 { (l.t("audit-note")) }
                p { (l.markup("audit-note-text", &[("command", receipt_cmd.clone())])) }
                pre dir="ltr" { (st.checkpoint()) }
            }
        },
    )
    .into_response()
}

/// One bar of a chart: its label, its value (in the chart's unit) and the value as words.
struct Bar {
    label: String,
    value: f64,
    text: String,
}

/// A horizontal bar chart that nothing cuts: each bar has its label and its value on lines of
/// their own above it, across the whole width (no column of fixed width for text of any
/// language), the limit is a dashed line named in the caption, and the figures are also a table.
/// Right-to-left pages get it mirrored (bars grow from the right, text runs from the right edge
/// in the language's direction).
/// A chart: its key (ids, `data-chart`), title and description, bars, the value of a full bar,
/// a limit line with its words, and the bars' class.
struct Chart<'a> {
    key: &'a str,
    title: String,
    desc: String,
    bars: &'a [Bar],
    max: f64,
    limit: Option<(f64, String)>,
    class: &'a str,
}

fn bar_chart(l: &L, c: Chart<'_>) -> Markup {
    let Chart {
        key,
        title,
        desc,
        bars,
        max,
        limit,
        class,
    } = c;
    let (title, desc) = (title.as_str(), desc.as_str());
    const W: f64 = 420.0;
    const ROW: f64 = 74.0;
    const PAD: f64 = 8.0;
    let rtl = l.lang.dir() == "rtl";
    let h = ROW * bars.len() as f64 + PAD;
    let scale = |v: f64| {
        if max > 0.0 {
            (v / max).clamp(0.0, 1.0) * (W - 2.0 * PAD)
        } else {
            0.0
        }
    };
    // x of a length from the reading start, and of a bar of width `w` starting there
    let x_text = if rtl { W - PAD } else { PAD };
    let dir = l.lang.dir();
    let x_bar = |w: f64| if rtl { W - PAD - w } else { PAD };
    let x_at = |v: f64| {
        if rtl {
            W - PAD - scale(v)
        } else {
            PAD + scale(v)
        }
    };
    let title_id = format!("{key}-title");
    let desc_id = format!("{key}-desc");
    html! {
        figure.chart {
            svg viewBox={ "0 0 " (W) " " (h) } role="img" aria-labelledby={ (title_id) " " (desc_id) } class="chart" data-chart=(key) {
                title #(title_id) { (title) }
                desc #(desc_id) { (desc) }
                @for (k, b) in bars.iter().enumerate() {
                    @let y = ROW * k as f64;
                    text x=(x_text) y=(y + 20.0) direction=(dir) text-anchor="start" class="label" { (b.label) }
                    text x=(x_text) y=(y + 44.0) direction=(dir) text-anchor="start" class="value" { (b.text) }
                    rect class="track" x=(PAD) y=(y + 54.0) width=(W - 2.0 * PAD) height="12" {}
                    rect class={ "bar " (class) } data-label=(b.label) x=(x_bar(scale(b.value).max(1.0))) y=(y + 54.0) width=(scale(b.value).max(1.0)) height="12" {}
                }
                @if let Some((v, _)) = &limit {
                    line x1=(x_at(*v)) x2=(x_at(*v)) y1="52" y2=(h - PAD + 2.0) class="limit" {}
                }
            }
            figcaption {
                (title)
                @if let Some((_, name)) = &limit { " " span.limitname { "(" (l.format("chart-limit", &[("limit", name.clone().into())])) ")" } }
            }
            details.chart-table {
                summary { (l.t("chart-as-table")) }
                div.scroll { table {
                    caption { (title) }
                    tbody { @for b in bars { tr { th scope="row" { (b.label) } td { (b.text) } } } }
                } }
            }
        }
    }
}

/// A moment of a timeline: when (as recorded, and as an instant to order by), what, and the
/// entry that records it.
struct Moment {
    at: String,
    order: i128,
    kind: &'static str,
    what: Markup,
    index: u64,
    mark: Option<Markup>,
}

fn moment(at: &str, kind: &'static str, what: Markup, index: u64) -> Moment {
    let order = ledger_events::time::Instant::parse(at)
        .map(|i| i.millis())
        .or_else(|_| ledger_events::time::Date::parse(at).map(|d| d.start().millis()))
        .unwrap_or(i128::MAX);
    Moment {
        at: at.to_owned(),
        order,
        kind,
        what,
        index,
        mark: None,
    }
}

/// A timeline: every moment in the order it happened (by the times the events state, not the
/// order of recording), with its entry, so that "was it decided before it was consulted?" is one
/// look down the list.
fn timeline(l: &L, key: &str, mut moments: Vec<Moment>) -> Markup {
    moments.sort_by(|a, b| a.order.cmp(&b.order).then(a.index.cmp(&b.index)));
    html! {
        @if moments.is_empty() { p { (l.t("timeline-empty")) } } @else {
            ol.timeline.events data-timeline=(key) {
                @for m in &moments {
                    li data-kind=(m.kind) {
                        time datetime=(m.at) dir="ltr" { (m.at) }
                        div.what { span.kind { (l.t(&format!("tl-{}", m.kind))) } " " (m.what)
                            @if let Some(mark) = &m.mark { " " (mark) }
                            " " a.evidence href={ "/entries/" (m.index) } dir="ltr" { "#" (m.index) } }
                    }
                }
            }
        }
    }
}

/// The moments of a Bureau decision: each recorded consultation it cites, opened and closed,
/// and the decision itself (the meeting's and the silence procedure's timelines share them).
fn bureau_decision_moments(l: &L, bd: &readmodels::BureauDecisionView, moments: &mut Vec<Moment>) {
    for c in &bd.consultations {
        if let Consultation::Recorded(c) = c {
            let what = html! { code dir="ltr" { (c.consultation_id) } " (" (l.word(c.kind.as_str())) @if let Some(r) = c.region { ", " (l.word(r.as_str())) } ")" };
            moments.push(moment(
                &c.opened_at,
                "consultation-opened",
                what.clone(),
                c.index,
            ));
            if let (Some(at), Some(ix)) = (&c.closed_at, c.closed_index) {
                moments.push(moment(at, "consultation-closed", what, ix));
            }
        }
    }
    moments.push(moment(
        &bd.decided_at,
        "bureau-decision",
        html! { code dir="ltr" { (bd.decision_id) } " — " (l.word(bd.subject.kind.as_str())) },
        bd.index,
    ));
}

/// `/meetings/{id}`.
pub async fn meeting(State(st): State<AppState>, l: L, Path(id): Path<String>) -> Response {
    if let Err(e) = context_ready(&st).await {
        return page_error(&l, e);
    }
    let p = st.views.read();
    let audit = p.audit();
    let ctx = ReadContext::from_audit(&p.engine.model, &audit);
    let Some(m) = readmodels::meeting_detail(&ctx, &id) else {
        return not_found(&l, "thing-meeting", &id);
    };
    let sessions = &m.sessions;
    let regions: Vec<Bar> = m
        .night_shares
        .regions
        .iter()
        .map(|(r, v)| {
            let pct = if v.session_minutes > 0 {
                v.night_minutes as f64 * 100.0 / v.session_minutes as f64
            } else {
                0.0
            };
            Bar {
                label: l.word(r),
                value: pct,
                text: l.format(
                    "chart-night-value",
                    &[
                        ("percent", (pct.round() as i64).into()),
                        ("night", v.night_minutes.into()),
                        ("total", v.session_minutes.into()),
                    ],
                ),
            }
        })
        .collect();
    let mut days: Vec<(String, i64)> = Vec::new();
    for sess in sessions.iter().filter(|x| x.mode != Mode::InPerson) {
        let day = sess.started_at.chars().take(10).collect::<String>();
        let minutes = sess.minutes as i64;
        match days.iter_mut().find(|(d, _)| *d == day) {
            Some(e) => e.1 += minutes,
            None => days.push((day, minutes)),
        }
    }
    let day_bars: Vec<Bar> = days
        .iter()
        .map(|(d, min)| Bar {
            label: d.clone(),
            value: *min as f64,
            text: l.format(
                "chart-day-value",
                &[("hours", (min / 60).into()), ("minutes", (min % 60).into())],
            ),
        })
        .collect();
    let max_day = days.iter().map(|d| d.1 as f64).fold(120.0, f64::max);
    let mut moments: Vec<Moment> = Vec::new();
    for bd in &m.bureau_decisions {
        bureau_decision_moments(&l, bd, &mut moments);
    }
    for n in &m.scenario_notes {
        moments.push(moment(
            &n.published_at,
            "scenario-note",
            html! { code dir="ltr" { (n.note_id) } },
            n.index,
        ));
    }
    for t in &m.trainings {
        moments.push(moment(
            &t.starts_at,
            "training",
            html! { (l.word(t.kind.as_str())) " " code dir="ltr" { (t.training_id) } },
            t.index,
        ));
    }
    for x in sessions {
        moments.push(moment(&x.started_at, "session", html! { code dir="ltr" { (x.session_id) } " (" (l.word(x.mode.as_str())) ", " (l.format("minutes", &[("minutes", (x.minutes as i64).into())])) ")" }, x.index));
    }
    for d in &m.decisions {
        let mut mo = moment(
            &d.adopted_at,
            "decision",
            html! { a href={ "/decisions/" (d.decision_id) } dir="ltr" { (d.decision_id) } },
            d.index,
        );
        mo.mark = Some(verdict_badge(&l, d.verdict));
        moments.push(mo);
    }
    layout(
        &l,
        &l.format("meeting-title", &[("id", id.as_str().into())]),
        html! {
            h1 { bdi.recorded { (m.title.as_str()) } }
            (illustrative_note(&l, &id))
            dl.facts {
                dt { (l.t("meeting-id")) } dd { code dir="ltr" { (id) } }
                dt { (l.t("meeting-body")) } dd { (ltr(&m.body_id)) " (" (opt_word(&l, &m.body_kind)) ")" }
                dt { (l.t("meeting-kind-mode")) } dd { (l.format("meeting-kind-mode-value", &[("kind", l.word(m.kind.as_str()).into()), ("mode", l.word(m.mode.as_str()).into())])) @if m.online { " — " (l.t("meeting-online")) } }
                dt { (l.t("meeting-dates")) } dd { (l.markup("meeting-dates-value", &[("from", ltr(m.opens_on.as_str())), ("to", ltr(m.closes_on.as_str())), ("zone", ltr(&m.reference_tz))])) }
                dt { (l.t("meeting-vmd")) } dd { @if let Some(vmd) = &m.virtual_mode_determination { code dir="ltr" { (vmd) } } @else { (l.t("meeting-vmd-none")) } }
            }
            section aria-labelledby="mtimeline" {
                h2 #mtimeline { (l.t("meeting-timeline")) }
                p.meta { (l.t("timeline-explain")) }
                (timeline(&l, "meeting", moments))
            }
            section aria-labelledby="bds" {
                h2 #bds { (l.t("meeting-bds")) }
                @if m.bureau_decisions.is_empty() { p { (l.t("meeting-no-bd")) } }
                @for bd in &m.bureau_decisions {
                    article.card {
                        h3 { code dir="ltr" { (bd.decision_id) } " — " (l.word(bd.subject.kind.as_str())) }
                        p { (l.markup("meeting-bd-by", &[("bureau", ltr(&bd.bureau_id)), ("at", ltr(&bd.decided_at))])) " " (l.t("meeting-bd-circumstances")) " "
                            @if let Some(ec) = &bd.exceptional_circumstances { "“" bdi.recorded { (ec.statement.as_str()) } "”" @if ec.prolonged { " (" (l.t("meeting-prolonged")) ")" } } @else { (l.t("meeting-none-stated")) } }
                        @if bd.consultations.is_empty() { p { (l.t("meeting-no-consultation")) } } @else {
                            div.scroll { table {
                                thead { tr { th scope="col" { (l.t("col-consultation")) } th scope="col" { (l.t("col-kind")) } th scope="col" { (l.t("col-opened")) } th scope="col" { (l.t("col-closed")) } th scope="col" { (l.t("col-responses")) } } }
                                tbody { @for c in &bd.consultations { @match c {
                                    Consultation::Recorded(c) => tr { td { code dir="ltr" { (c.consultation_id) } @if c.closed_at.is_none() { " " a.respond href={ "/record?type=consultation.response&consultation_id=" (urlencode(&c.consultation_id)) } { (l.t("meeting-respond")) } } } td { (l.word(c.kind.as_str())) @if let Some(r) = c.region { " (" (l.word(r.as_str())) ")" } } td { (ltr(&c.opened_at)) } td { (ltr(opt(&c.closed_at))) } td { (c.responses.len()) } },
                                    Consultation::Unrecorded(c) => tr { td { code dir="ltr" { (c.consultation_id) } } td { "—" } td { "—" } td { "—" } td { "0" } },
                                } } }
                            } }
                        }
                        (findings_list(&l, &bd.findings))
                    }
                }
            }
            section aria-labelledby="recordhere" {
                h2 #recordhere { (l.t("meeting-record-here")) }
                p { (l.markup("meeting-record-links", &[
                    ("session", html! { a href={ "/record?type=session.held&meeting_id=" (urlencode(&id)) } { (l.t("meeting-record-session")) } }),
                    ("webcast", html! { a href={ "/record?type=webcast.recorded" } { (l.t("meeting-record-webcast")) } }),
                    ("training", html! { a href={ "/record?type=training.held&meeting_id=" (urlencode(&id)) } { (l.t("meeting-record-training")) } }),
                    ("decision", html! { a href={ "/record?type=decision.adopted&meeting_id=" (urlencode(&id)) } { (l.t("meeting-record-decision")) } }),
                ])) }
            }
            section aria-labelledby="notes" {
                h2 #notes { (l.t("meeting-notes")) }
                @if m.scenario_notes.is_empty() { p { (l.t("meeting-no-note")) } }
                ul { @for n in &m.scenario_notes { li { (l.markup("meeting-note-line", &[("id", html! { code dir="ltr" { (n.note_id) } }), ("by", html! { (l.word(n.prepared_by.as_str())) }), ("at", ltr(&n.published_at)), ("to", html! { (l.word(n.available_to.as_str())) })])) } } }
                @if m.trainings.is_empty() { p { (l.t("meeting-no-training")) } }
                ul { @for t in &m.trainings { li { (l.markup("meeting-training-line", &[("kind", html! { (l.word(t.kind.as_str())) }), ("from", ltr(&t.starts_at)), ("to", ltr(&t.ends_at))])) } } }
            }
            section aria-labelledby="sessions" {
                h2 #sessions { (l.t("meeting-sessions")) }
                @if sessions.is_empty() { p { (l.t("meeting-no-session")) } } @else {
                    div.scroll { table {
                        thead { tr { th scope="col" { (l.t("col-session")) } th scope="col" { (l.t("col-mode")) } th scope="col" { (l.t("col-start")) } th scope="col" { (l.t("col-end")) } th scope="col" { (l.t("col-length")) } th scope="col" { (l.t("col-webcast")) } } }
                        tbody { @for x in sessions {
                            @let cov = x.webcast_coverage.covered_percent;
                            tr { td { code dir="ltr" { (x.session_id) } } td { (l.word(x.mode.as_str())) } td { (ltr(&x.started_at)) } td { (ltr(&x.ended_at)) }
                                td { (l.format("minutes", &[("minutes", (x.minutes as i64).into())])) }
                                td { svg.coverage width="60" height="10" role="img" aria-label=(l.format("meeting-webcast-percent", &[("percent", cov.into())])) { rect x="0" y="0" width="60" height="10" class="track" {} rect x="0" y="0" width=(cov as f64 * 0.6) height="10" class="fill" {} } " " (ltr(format!("{cov}%"))) } }
                        } }
                    } }
                }
            }
            @if !sessions.is_empty() {
                section aria-labelledby="charts" {
                    h2 #charts { (l.t("meeting-charts")) }
                    (bar_chart(&l, Chart { key: "night", title: l.t("chart-night-title"), desc: l.t("chart-night-desc"), bars: &regions, max: 100.0, limit: Some((50.0, "50%".to_owned())), class: "region" }))
                    @if !day_bars.is_empty() { (bar_chart(&l, Chart { key: "length", title: l.t("chart-day-title"), desc: l.t("chart-day-desc"), bars: &day_bars, max: max_day, limit: Some((120.0, l.format("chart-day-value", &[("hours", 2.into()), ("minutes", 0.into())]))), class: "day" })) }
                }
            }
            section aria-labelledby="mdecisions" {
                h2 #mdecisions { (l.t("meeting-decisions")) }
                @if m.decisions.is_empty() { p { (l.t("meeting-no-decision")) } }
                ul { @for d in &m.decisions { li { a href={ "/decisions/" (d.decision_id) } dir="ltr" { (d.decision_id) } " " (verdict_badge(&l, d.verdict)) } } }
            }
            section aria-labelledby="mfindings" {
                h2 #mfindings { (l.t("heading-findings")) }
                (findings_list(&l, &m.findings))
            }
            (coverage_section(&l, &m.completeness, "meeting"))
        },
    )
    .into_response()
}

/// Why an objection does not count, in the page's language (the read model states it in
/// English, as one of its `WHY_*` texts).
fn why_not(l: &L, why: &str) -> String {
    match why {
        readmodels::WHY_NOT_PARTY => l.t("why-not-party"),
        readmodels::WHY_COMMENT => l.t("why-comment"),
        readmodels::WHY_OUTSIDE => l.t("why-outside"),
        other => other.to_owned(),
    }
}

/// `/silence/{id}`.
pub async fn silence(State(st): State<AppState>, l: L, Path(id): Path<String>) -> Response {
    if let Err(e) = context_ready(&st).await {
        return page_error(&l, e);
    }
    let p = st.views.read();
    let audit = p.audit();
    let ctx = ReadContext::from_audit(&p.engine.model, &audit);
    let Some(sp) = readmodels::silence_detail(&ctx, &id) else {
        return not_found(&l, "thing-procedure", &id);
    };
    let mut moments: Vec<Moment> = Vec::new();
    if let Some(bd) = &sp.bureau_decision {
        bureau_decision_moments(&l, bd, &mut moments);
    }
    for r in &sp.rounds {
        moments.push(moment(
            &r.circulated_at,
            "round-circulated",
            html! { (l.format("silence-round", &[("round", (r.round as i64).into())])) },
            r.index,
        ));
        let mut dl = moment(
            &r.deadline,
            "round-deadline",
            html! { (l.format("silence-round", &[("round", (r.round as i64).into())])) },
            r.index,
        );
        dl.mark = Some(if r.broken {
            html! { span.badge.out { "✗ " (l.t("silence-broken")) } }
        } else {
            html! { span.badge.within { "✓ " (l.t("silence-held")) } }
        });
        moments.push(dl);
        for o in &r.objections {
            let mut mo = moment(
                &o.received_at,
                "objection",
                html! { (l.markup("silence-objection-from", &[("kind", html! { (l.word(o.kind.as_str())) }), ("party", html! { a href={ "/parties/" (o.party_id) } dir="ltr" { (o.party_id) } })])) },
                o.index,
            );
            mo.mark = Some(if o.qualifying {
                html! { span.badge.out { (l.t("silence-breaks")) } }
            } else {
                html! { span.badge.info { (l.t("silence-not-counted")) } }
            });
            moments.push(mo);
        }
    }
    for o in &sp.objections_outside_rounds {
        let mut mo = moment(
            &o.received_at,
            "objection",
            html! { (l.markup("silence-objection-from", &[("kind", html! { (l.word(o.kind.as_str())) }), ("party", html! { a href={ "/parties/" (o.party_id) } dir="ltr" { (o.party_id) } })])) },
            o.index,
        );
        mo.mark = Some(
            html! { span.badge.info { (l.t("silence-not-counted")) } " " (why_not(&l, &o.why_not)) },
        );
        moments.push(mo);
    }
    for c in &sp.conclusions {
        moments.push(moment(
            &c.concluded_at,
            "conclusion",
            html! { (l.word(c.outcome.as_str())) },
            c.index,
        ));
    }
    for d in &sp.decisions {
        let mut mo = moment(
            &d.adopted_at,
            "decision",
            html! { a href={ "/decisions/" (d.decision_id) } dir="ltr" { (d.decision_id) } },
            d.index,
        );
        mo.mark = Some(verdict_badge(&l, d.verdict));
        moments.push(mo);
    }
    layout(
        &l,
        &l.format("silence-title", &[("id", id.as_str().into())]),
        html! {
            h1 { (l.markup("silence-title", &[("id", ltr(&id))])) }
            (illustrative_note(&l, &id))
            dl.facts {
                dt { (l.t("col-meeting")) } dd { a href={ "/meetings/" (sp.meeting_id) } dir="ltr" { (sp.meeting_id) } }
                dt { (l.t("silence-draft")) } dd { bdi.recorded { (sp.draft.title.as_str()) } " (" (l.word(sp.draft.category.as_str())) @if sp.draft.urgent { ", " (l.t("silence-urgent")) } ")" }
                dt { (l.t("silence-outcome")) } dd { @match sp.outcome { Some(Outcome::Adopted) => span.badge.within { "✓ " (l.word("adopted")) }, Some(Outcome::Broken) => span.badge.out { "✗ " (l.t("silence-broken")) }, None => (l.t("silence-not-concluded")) } }
            }
            section aria-labelledby="stimeline" {
                h2 #stimeline { (l.t("silence-timeline")) }
                p.meta { (l.t("timeline-explain")) }
                (timeline(&l, "silence", moments))
            }
            h2 { (l.t("silence-rounds")) }
            ol.timeline {
                @for r in &sp.rounds {
                    li.round data-broken=(r.broken) {
                        h3 { (l.format("silence-round", &[("round", (r.round as i64).into())])) ": "
                            @if r.broken { span.badge.out { "✗ " (l.t("silence-broken")) } } @else { span.badge.within { "✓ " (l.t("silence-held")) } } }
                        p { (l.markup("silence-round-line", &[("at", html! { time dir="ltr" { (r.circulated_at) } }), ("deadline", html! { time dir="ltr" { (r.deadline) } }), ("hours", ltr(r.hours))])) }
                        @if r.objections.is_empty() { p { (l.t("silence-no-objection")) } } @else {
                            ul { @for o in &r.objections { li {
                                @if o.qualifying { span.badge.out { (l.t("silence-breaks")) } } @else { span.badge.info { (l.t("silence-not-counted")) } }
                                " " (l.markup("silence-objection-line", &[("kind", html! { (l.word(o.kind.as_str())) }), ("party", html! { a href={ "/parties/" (o.party_id) } dir="ltr" { (o.party_id) } }), ("at", ltr(&o.received_at))]))
                                @if let Some(why) = &o.why_not { " — " (why_not(&l, why)) }
                            } } }
                        }
                    }
                }
            }
            @if !sp.objections_outside_rounds.is_empty() { h2 { (l.t("silence-outside")) } ul { @for o in &sp.objections_outside_rounds { li { (l.markup("silence-objection-line", &[("kind", html! { (l.word(o.kind.as_str())) }), ("party", html! { a href={ "/parties/" (o.party_id) } dir="ltr" { (o.party_id) } }), ("at", ltr(&o.received_at))])) " — " (l.t("silence-not-counted")) } } } }
            p { a.button.object href={ "/record?type=silence.objection&procedure_id=" (urlencode(&id)) } { (l.t("silence-object")) }
                " — " (l.t("silence-object-explain")) }
            h2 { (l.t("silence-conclusions")) }
            ul { @for c in &sp.conclusions { li { (l.markup("silence-conclusion-line", &[("outcome", html! { (l.word(c.outcome.as_str())) }), ("at", ltr(&c.concluded_at)), ("entry", html! { a href={ "/entries/" (c.index) } dir="ltr" { "#" (c.index) } })])) } } }
            h2 { (l.t("silence-decisions")) }
            ul { @for d in &sp.decisions { li { a href={ "/decisions/" (d.decision_id) } dir="ltr" { (d.decision_id) } " " (verdict_badge(&l, d.verdict)) } } }
            h2 { (l.t("heading-findings")) }
            (findings_list(&l, &sp.findings))
        },
    )
    .into_response()
}

/// `/periods/{id}`: a completeness statement, its counts as stated and as found, what it
/// counted, and what was recorded after it that it would have counted.
pub async fn period(State(st): State<AppState>, l: L, Path(id): Path<String>) -> Response {
    if let Err(e) = context_ready(&st).await {
        return page_error(&l, e);
    }
    let p = st.views.read();
    let audit = p.audit();
    let ctx = ReadContext::from_audit(&p.engine.model, &audit);
    let Some(v) = readmodels::period_view(&ctx, &id) else {
        return not_found(&l, "thing-period", &id);
    };
    let link = |c: &readmodels::CountedItem| -> Markup {
        let href = match c.kind.as_str() {
            "meeting" => format!("/meetings/{}", c.id),
            "silence_procedure" => format!("/silence/{}", c.id),
            "decision" => format!("/decisions/{}", c.id),
            _ => format!("/entries/{}", c.index),
        };
        html! { (l.markup("period-item", &[("kind", html! { (l.word(&c.kind)) }), ("id", html! { a href=(href) dir="ltr" { (c.id) } }), ("entry", html! { a href={ "/entries/" (c.index) } dir="ltr" { "#" (c.index) } })])) }
    };
    let rows = [
        ("period-meetings", v.stated.meetings, v.found.meetings),
        (
            "period-procedures",
            v.stated.silence_procedures,
            v.found.silence_procedures,
        ),
        ("period-decisions", v.stated.decisions, v.found.decisions),
        (
            "period-bureau-decisions",
            v.stated.bureau_decisions,
            v.found.bureau_decisions,
        ),
    ];
    layout(
        &l,
        &l.format("period-title", &[("id", id.as_str().into())]),
        html! {
            h1 { (l.markup("period-title", &[("id", ltr(&id))])) }
            (illustrative_note(&l, &id))
            p { @if v.holds { span.badge.within { "✓ " (l.t("period-holds")) } } @else { span.badge.out { "✗ " (l.t("period-not-holds")) } }
                " "
                @match &v.body_id {
                    Some(b) => { (l.markup("period-stated-body", &[("body", html! { code dir="ltr" { (b) } }), ("from", ltr(&v.from)), ("to", ltr(&v.to))])) },
                    None => { (l.markup("period-stated-all", &[("from", ltr(&v.from)), ("to", ltr(&v.to))])) },
                } }
            dl.facts {
                dt { (l.t("period-recorded")) } dd { (l.markup("period-recorded-value", &[("entry", html! { a href={ "/entries/" (v.index) } dir="ltr" { "#" (v.index) } }), ("at", ltr(&v.closed_at))])) }
                @if let Some(s) = &v.statement { dt { (l.t("period-statement")) } dd { bdi.recorded { (s) } } }
                @if let Some(d) = &v.report_digest { dt { (l.t("period-report")) } dd { code.wrap dir="ltr" { (d) } } }
            }
            h2 { (l.t("period-counts")) }
            div.scroll { table {
                thead { tr { th scope="col" { (l.t("period-what")) } th scope="col" { (l.t("period-stated")) } th scope="col" { (l.t("period-found")) } } }
                tbody { @for (what, stated, found) in rows { tr data-differs=(stated != found) {
                    th scope="row" { (l.t(what)) } td { (stated) } td { (found) @if stated != found { " " span.badge.out { "✗ " (l.t("period-differs")) } } }
                } } }
            } }
            h2 { (l.t("period-after")) }
            @if v.late_items.is_empty() {
                p { (l.t("period-nothing-late")) }
            } @else {
                p { (l.t("period-late-explain")) }
                ul.late { @for c in &v.late_items { li { (link(c)) } } }
            }
            h2 { (l.t("period-counted")) }
            @if v.counted.is_empty() { p { (l.t("period-nothing")) } } @else {
                ul.compact { @for c in &v.counted { li { (link(c)) } } }
            }
            h2 { (l.t("heading-findings")) }
            (findings_list(&l, &v.findings))
        },
    )
    .into_response()
}

/// "Covered by the completeness statement for …, which holds / which this … contradicts".
fn coverage_section(l: &L, list: &[readmodels::Coverage], what: &str) -> Markup {
    html! {
        @if !list.is_empty() {
            section aria-labelledby="completeness" {
                h2 #completeness { (l.t("coverage-heading")) }
                ul.coverage { @for c in list { li data-holds=(c.holds) data-late=(c.late) {
                    @let period = html! { a href={ "/periods/" (c.period_id) } { (ltr(&c.from)) " – " (ltr(&c.to)) @if let Some(b) = &c.body_id { " (" (ltr(b)) ")" } } };
                    @if c.late { (l.markup(&format!("coverage-late-{what}"), &[("period", period)])) " " span.badge.out { "✗ " (l.t("coverage-recorded-late")) } }
                    @else if c.holds { (l.markup("coverage-holds", &[("period", period)])) " " span.badge.within { "✓" } }
                    @else { (l.markup("coverage-not-holds", &[("period", period)])) " " span.badge.out { "✗" } }
                } } }
            }
        }
    }
}

/// `/parties/{id}` (linked from objections): the Party read model, briefly.
pub async fn party(State(st): State<AppState>, l: L, Path(id): Path<String>) -> Response {
    if let Err(e) = context_ready(&st).await {
        return page_error(&l, e);
    }
    let p = st.views.read();
    let audit = p.audit();
    let ctx = ReadContext::from_audit(&p.engine.model, &audit);
    let Some(party) = readmodels::party_detail(&ctx, &id) else {
        return not_found(&l, "thing-party", &id);
    };
    layout(
        &l,
        &l.format("party-title", &[("id", id.as_str().into())]),
        html! {
            h1 { bdi.recorded { (party.name) } }
            dl.facts {
                dt { (l.t("party-id")) } dd { code dir="ltr" { (id) } }
                dt { (l.t("party-region")) } dd { (opt_word(&l, &party.region)) }
                dt { (l.t("party-since")) } dd { (ltr(opt(&party.protocol_party_since))) }
                dt { (l.t("party-withdrawn")) } dd { (ltr(opt(&party.withdrawn_on))) }
            }
            h2 { (l.t("party-objections")) }
            ul { @for o in &party.objections { li { (l.markup("party-objection-line", &[("kind", html! { (l.word(o.kind.as_str())) }), ("procedure", html! { a href={ "/silence/" (o.procedure_id) } dir="ltr" { (o.procedure_id) } }), ("at", ltr(&o.received_at))])) @if !o.counted { " — " (l.t("party-not-counted")) } } } }
            h2 { (l.t("party-responses")) }
            ul { @for r in &party.responses { li { (l.markup("party-response-line", &[("position", html! { (l.word(r.position.as_str())) }), ("consultation", html! { code dir="ltr" { (r.consultation_id) } }), ("at", ltr(&r.responded_at))])) } } }
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
pub async fn entry(State(st): State<AppState>, l: L, Path(index): Path<String>) -> Response {
    let Ok(index) = crate::edge::canonical_index(&index, "index") else {
        return not_found(&l, "thing-entry", &index);
    };
    if let Err(e) = context_ready(&st).await {
        return page_error(&l, e);
    }
    let reader = st.store.reader();
    let published = reader.published();
    let line = match reader.entry(index) {
        Ok(Some(line)) => String::from_utf8_lossy(&line).into_owned(),
        _ => return not_found(&l, "thing-entry", &index.to_string()),
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
                            (Some(b), Some(m)) => l.format(
                                "entry-signer-member",
                                &[
                                    ("role", l.word(role.as_str()).into()),
                                    ("member", m.to_string().into()),
                                    ("bureau", b.to_string().into()),
                                ],
                            ),
                            _ => l.word(role.as_str()),
                        },
                        None => l.t("entry-signer-admin"),
                    };
                    (sig.keyid.clone(), role)
                })
                .collect()
        })
        .unwrap_or_default();
    let proof_file = format!("entry-{index}.tlog-proof");
    layout(
        &l,
        &l.format("entry-title", &[("index", (index as i64).into())]),
        html! {
            h1 { (l.markup("entry-heading", &[("index", ltr(index))])) }
            (illustrative_note(&l, json_text(&payload["id"]).as_ref()))
            dl.facts {
                dt { (l.t("col-type")) } dd { code dir="ltr" { (json_text(&payload["type"])) } }
                dt { (l.t("entry-event-id")) } dd { code dir="ltr" { (json_text(&payload["id"])) } }
                dt { (l.t("col-recorded-at")) } dd { (ltr(parsed.as_ref().map(|e| e.recorded_at.clone()).unwrap_or_default())) " (" (l.t("entry-server-clock")) ")" }
                dt { (l.t("entry-prev")) } dd { code.wrap dir="ltr" { (parsed.as_ref().map(|e| e.prev.iter().map(|b| format!("{b:02x}")).collect::<String>()).unwrap_or_default()) } }
            }
            h2 { (l.t("entry-signers")) }
            ul { @for (k, role) in &signers { li { code dir="ltr" { (k) } " — " (role) } } }
            h2 { (l.t("entry-event")) }
            pre.wrap dir="ltr" { (serde_json::to_string_pretty(&payload).unwrap_or_default()) }
            h2 { (l.t("entry-inclusion")) }
            p { (l.markup("entry-against", &[("size", ltr(published.size)), ("root", html! { code.wrap dir="ltr" { (ledger_proof::b64_encode(&published.root)) } })])) }
            ol { @for h in &proof { li { code.wrap dir="ltr" { (ledger_proof::b64_encode(h)) } } } }
            details { summary { (l.t("entry-line")) } pre.wrap dir="ltr" { (line) } }
            section aria-labelledby="check" {
                h2 #check { (l.t("check-yourself")) }
                p { a.button href={ "/v1/entries/" (index) "/proof" } download=(proof_file) { (l.t("entry-download-proof")) } }
                p { (l.markup("entry-proof-explain", &[("spec", html! { a href="https://c2sp.org/tlog-proof" lang="en" { "tlog-proof" } })])) }
                pre.wrap { code dir="ltr" { "dledger verify-proof " (proof_file) " --log-vkey '" (st.log_vkey) "'" } }
                p { (l.markup("check-in-browser", &[("link", crate::verifier::link(&l))])) }
            }
            (document_check(&l, &payload["data"]))
            nav.pager aria-label=(l.t("entry-pager")) { @if index > 0 { a href={ "/entries/" (index - 1) } rel="prev" { (l.t("entry-previous")) } " " } @if index + 1 < published.size { a href={ "/entries/" (index + 1) } rel="next" { (l.t("entry-next")) } } }
        },
    )
    .into_response()
}

/// "Check a document against this digest": the digests an event names, and how to compare a
/// file with them (`dledger digest`, or the verifier page, which computes it in the browser).
pub(crate) fn document_check(l: &L, data: &Value) -> Markup {
    let digests = ledger_views::documents::digests_in(data);
    html! {
        @if !digests.is_empty() {
            section aria-labelledby="documents" {
                h2 #documents { (l.t("doc-heading")) }
                p { (l.markup("doc-explain", &[("command", html! { code dir="ltr" { "dledger digest FILE" } }), ("link", crate::verifier::link(l))])) }
                dl.facts {
                    @for (field, d) in &digests {
                        dt { code dir="ltr" { (field) } }
                        dd { code.wrap dir="ltr" { (d) } }
                    }
                }
            }
        }
    }
}

/// `/publication`: for people who publish a copy of this log or run a mirror of it, with this
/// server's own address, log key and checkpoint in the commands.
pub async fn publication(
    State(st): State<AppState>,
    l: L,
    headers: axum::http::HeaderMap,
) -> Response {
    let url = base_url(&headers);
    let p = st.store.reader().published();
    let vkey = st.log_vkey.to_string();
    let lines: Vec<&str> = p.checkpoint.lines().collect();
    layout_at(
        &l,
        "/publication",
        &l.t("pub-title"),
        html! {
            h1 { (l.t("pub-heading")) }
            p { (l.markup("pub-intro", &[("spec", html! { a href="https://c2sp.org/tlog-tiles" lang="en" { "C2SP tlog-tiles" } }), ("path", html! { code dir="ltr" { (url) "/tlog" } })])) }
            section aria-labelledby="now" {
                h2 id="now" { (l.t("pub-now")) }
                dl {
                    dt { (l.t("pub-origin")) } dd { code dir="ltr" { (lines.first().copied().unwrap_or("")) } }
                    dt { (l.t("index-entries")) } dd { (ltr(p.size)) }
                    dt { (l.t("pub-root")) } dd { code.wrap dir="ltr" { (lines.get(2).copied().unwrap_or("")) } }
                    dt { (l.t("pub-log-key")) } dd { code.wrap dir="ltr" { (vkey) } }
                }
            }
            section aria-labelledby="publish" {
                h2 id="publish" { (l.t("pub-publish")) }
                p { (l.t("pub-publish-explain")) }
                pre dir="ltr" { code { "dledger publish --server " (url) " --out ./copy" } }
            }
            section aria-labelledby="mirror" {
                h2 id="mirror" { (l.t("pub-mirror")) }
                p { (l.t("pub-mirror-explain")) }
                pre dir="ltr" { code { "dledger mirror --from " (url) "/tlog --data ./mirror --log-vkey '" (vkey) "'" } }
            }
            section aria-labelledby="agree" {
                h2 id="agree" { (l.t("pub-agree")) }
                p { (l.t("pub-agree-explain")) }
                pre dir="ltr" { code { "curl -s MIRROR/v1/checkpoint > mirror.checkpoint\n"
                    "dledger verify " (url) "/tlog --log-vkey '" (vkey) "' --since mirror.checkpoint" } }
                p { (l.t("pub-agree-exit")) }
            }
        },
    )
    .into_response()
}

/// `/witnessing`: for a regional group, an auditor or a Party who would run a witness of this log.
pub async fn witnessing(State(st): State<AppState>, l: L) -> Response {
    let vkey = st.log_vkey.to_string();
    let w = st.witnessing.as_ref();
    let c = |s: &str| html! { code dir="ltr" { (s) } };
    layout_at(
        &l,
        "/witnessing",
        &l.t("wit-title"),
        html! {
            h1 { (l.t("wit-heading")) }
            p { (l.markup("wit-intro", &[("spec", html! { a href="https://c2sp.org/tlog-witness" lang="en" { "C2SP tlog-witness" } })])) }
            section aria-labelledby="now" {
                h2 id="now" { (l.t("wit-now")) }
                @match w {
                    None => p { (l.markup("wit-none", &[("flag", c("--witness-policy"))])) },
                    Some(w) => {
                        @if w.demonstration {
                            p.note { strong { (l.t("demo-label")) " " } (l.markup("wit-demo", &[("flag", c("serve --demo"))])) }
                        }
                        @let served = st.checkpoint();
                        @let quorum = w.policy.verify(&served);
                        p { (l.t("wit-quorum")) " "
                            @match &quorum { Ok(x) => { span.badge.within { (l.t("wit-met")) } " (" (l.format("wit-cosignatures", &[("count", (x.cosigned.len() as i64).into())])) ")" } Err(e) => { span.badge.out { (l.t("wit-not-met")) } " — " span lang="en" dir="ltr" { (e) } } } }
                        ul {
                            @for wt in &w.policy.witnesses {
                                li { code dir="ltr" { (wt.name) } @if let Some(u) = &wt.url { " — " code dir="ltr" { (u) } } }
                            }
                        }
                    }
                }
            }
            section aria-labelledby="run" {
                h2 id="run" { (l.t("wit-run")) }
                p { (l.t("wit-run-explain")) }
                pre dir="ltr" { code { "dledger witness init --data ./witness --name witness.example/your-group\n"
                    "dledger witness serve --data ./witness --log '" (vkey) "' --listen 0.0.0.0:8081" } }
                p { (l.t("wit-run-page")) }
            }
            section aria-labelledby="policy" {
                h2 id="policy" { (l.t("wit-policy")) }
                p { (l.markup("wit-policy-explain", &[("spec", html! { a href="https://c2sp.org/tlog-policy" lang="en" { "C2SP tlog-policy" } })])) }
                pre dir="ltr" { code { "log " (vkey) "\n"
                    "witness african  <its vkey> https://witness.example/african\n"
                    "witness asia_pacific <its vkey> https://…\n"
                    "…\n"
                    "group regions 3 african asia_pacific eastern_european latin_american_caribbean weog\n"
                    "quorum regions" } }
                p { (l.markup("wit-policy-use", &[("serve", c("dledger serve --witness-policy FILE")), ("verify", c("dledger verify EXPORT --policy FILE")), ("receipt", c("dledger verify-receipt FILE --policy FILE"))])) }
            }
            section aria-labelledby="proves" {
                h2 id="proves" { (l.t("wit-proves")) }
                ul {
                    li { (l.t("wit-proves-1")) }
                    li { (l.t("wit-proves-2")) }
                    li { (l.markup("wit-proves-3", &[("command", c("dledger verify"))])) }
                    li { (l.t("wit-proves-4")) }
                }
            }
        },
    )
    .into_response()
}
