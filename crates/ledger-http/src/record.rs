//! `/record` (issue 19): a form per event type, built in the page from the event's JSON Schema
//! (so a new type needs no hand-written form), signed in the browser with the user's own key
//! (WebCrypto Ed25519; the key never leaves the page), checked by a dry run, then submitted; the
//! acknowledgement's inclusion proof is checked in the page by the browser verifier. A Bureau
//! decision's endorsements are collected by passing the draft envelope from member to member.
//!
//! The server gives the page what the log holds, so that references are pickers: meetings,
//! sessions, consultations, procedures, Parties, bodies, Bureaus and their members, requests, and
//! the registered keys with their roles (all public in the log).

use crate::i18n::L;
use crate::{unavailable, AppState};
use axum::extract::State;
use axum::http::header;
use axum::response::{Html, IntoResponse, Response};
use ledger_events::events::EventType;
use maud::{html, PreEscaped, DOCTYPE};
use serde_json::{json, Map, Value};

const SCRIPT: &str = include_str!("record.js");

/// The most choices one picker offers.
const PICKER_MAX: usize = 2000;

const PAGE_CSS: &str = "\
.fieldrow { margin: 0.6rem 0; }\
.fieldrow label { display: block; font-weight: 600; }\
.fieldrow .help { color: var(--muted); font-size: 0.9rem; margin: 0.1rem 0; }\
.fieldrow input[type=text], .fieldrow input[type=date], .fieldrow input[type=number], .fieldrow select, .fieldrow textarea { width: 100%; max-width: 36rem; font: inherit; padding: 0.25rem; }\
.fieldrow .error { color: var(--bad); font-weight: 600; }\
[aria-invalid=true] { border: 2px solid var(--bad); }\
fieldset { border: 1px solid var(--line); border-radius: 6px; margin: 0.6rem 0; }\
legend { font-weight: 700; }\
#errors:not(:empty) { border-inline-start: 4px solid var(--bad); background: #ffebe9; padding: 0.5rem 0.75rem; }\
#notice:not(:empty) { border-inline-start: 4px solid var(--ok); background: #dafbe1; padding: 0.5rem 0.75rem; }\
.actions button, .actions a.button { margin-block: 0.25rem; margin-inline: 0 0.5rem; font: inherit; padding: 0.4rem 0.8rem; }\
pre { max-height: 24rem; }\
button:focus-visible, input:focus-visible, select:focus-visible, a:focus-visible { outline: 3px solid #0969da; outline-offset: 2px; }";

/// What the page needs to build its forms and pickers.
fn page_data(st: &AppState) -> Value {
    let p = st.views.read();
    let m = &p.engine.model;
    let mut schemas = Map::new();
    let mut roles = Map::new();
    for t in EventType::ALL {
        if *t == EventType::Genesis {
            continue;
        }
        if let Some(s) = ledger_events::schema::event_schema(t.as_str()) {
            schemas.insert(t.as_str().into(), s);
        }
        let may: Vec<&str> = ledger_log::admission::submitting_roles(*t)
            .iter()
            .map(|r| r.as_str())
            .collect();
        roles.insert(t.as_str().into(), json!(may));
    }
    let keys: Map<String, Value> = m
        .keys
        .iter()
        .map(|(id, k)| {
            (
                id.clone(),
                json!({"role": k.role.as_str(), "party_id": k.party_id, "bureau_id": k.bureau_id,
                    "member_id": k.member_id, "revoked": k.revoked}),
            )
        })
        .collect();
    // A picker is a convenience (any id can be typed): at most PICKER_MAX choices each, so that
    // the page stays small however long the log grows.
    let pairs = |v: Vec<(String, String)>| -> Value {
        let mut v = v;
        v.sort();
        v.truncate(PICKER_MAX);
        json!(v)
    };
    let meetings = pairs(
        m.meetings
            .iter()
            .map(|(id, x)| (id.clone(), x.conv.ev.title.as_str().to_owned()))
            .collect(),
    );
    let sessions = pairs(
        m.sessions
            .iter()
            .map(|(id, s)| {
                (
                    id.clone(),
                    format!("{} ({})", s.s.ev.meeting_id, s.s.ev.started_at.as_str()),
                )
            })
            .collect(),
    );
    let consultations = pairs(
        m.consultations()
            .map(|(id, c)| {
                let state = if c.closed.is_some() { "closed" } else { "open" };
                (
                    id.clone(),
                    format!("{} consultation, {state}", c.opened.ev.kind),
                )
            })
            .collect(),
    );
    let procedures = pairs(
        m.procedures
            .iter()
            .map(|(id, x)| (id.clone(), x.opened.ev.draft.title.as_str().to_owned()))
            .collect(),
    );
    let parties = pairs(
        m.parties()
            .map(|(id, x)| (id.clone(), x.name.clone()))
            .collect(),
    );
    let bodies = pairs(
        m.bodies
            .iter()
            .map(|(id, b)| {
                (
                    id.clone(),
                    format!("{} ({})", b.ev.name.as_str(), b.ev.kind),
                )
            })
            .collect(),
    );
    let bureaus = pairs(
        m.bodies
            .iter()
            .filter(|(_, b)| b.ev.kind == ledger_events::events::BodyKind::Bureau)
            .map(|(id, b)| (id.clone(), b.ev.name.as_str().to_owned()))
            .collect(),
    );
    let mut members: Vec<(String, String)> = Vec::new();
    for e in m.elections() {
        for x in &e.at.ev.members {
            members.push((
                x.member_id.to_string(),
                format!("{} of {}", x.name.as_str(), e.at.ev.bureau_id),
            ));
        }
    }
    for s in m.substitutions() {
        members.push((
            s.ev.substitute.member_id.to_string(),
            format!("{} of {}", s.ev.substitute.name.as_str(), s.ev.bureau_id),
        ));
    }
    members.dedup();
    let bureau_decisions = pairs(
        m.bureau_decisions
            .iter()
            .map(|(id, d)| {
                (
                    id.clone(),
                    format!("{} ({})", d.ev.subject.kind, d.ev.bureau_id),
                )
            })
            .collect(),
    );
    let requests = pairs(
        m.requests
            .keys()
            .map(|id| (id.clone(), "extraordinary-meeting request".into()))
            .chain(
                m.support
                    .keys()
                    .map(|id| (id.clone(), "support request".into())),
            )
            .collect(),
    );
    let key_ids = pairs(
        m.keys
            .iter()
            .map(|(id, k)| (id.clone(), k.role.as_str().to_owned()))
            .collect(),
    );
    json!({
        "schemas": schemas,
        "roles": roles,
        "keys": keys,
        "log_vkey": st.log_vkey.as_ref(),
        "pickers": {
            "meeting_id": meetings, "session_id": sessions, "consultation_id": consultations,
            "consultation_ids": consultations, "procedure_id": procedures, "party_id": parties,
            "body_id": bodies, "of_body_id": bodies, "parent_id": bodies, "bureau_id": bureaus,
            "bureau_consulted_id": bureaus, "member_id": pairs(members.clone()),
            "replaced_member_id": pairs(members.clone()), "members_participating": pairs(members),
            "bureau_decision_id": bureau_decisions, "request_id": requests, "key_id": key_ids,
        },
    })
}

/// `GET /record`
pub async fn record_page(State(st): State<AppState>, l: L) -> Response {
    if let Err(e) = st.views.caught_up(st.store.reader().published().size).await {
        return unavailable(e).into_response();
    }
    let data = page_data(&st);
    // `<` is escaped so that no text of the log can close the script element.
    let data = serde_json::to_string(&data)
        .unwrap_or_else(|_| "{}".into())
        .replace('<', "\\u003c");
    let read_only = st.store.is_read_only();
    let c = |s: &str| html! { code dir="ltr" { (s) } };
    let body = html! {
        (DOCTYPE)
        html lang=(l.lang.code()) dir=(l.lang.dir()) {
            (crate::pages::page_head(&l, &l.t("record-title"), html! { style { (PreEscaped(PAGE_CSS)) } }))
            body data-state="loading" {
                (crate::pages::site_header(&l, "/record"))
                main {
                    h1 { (l.t("record-title")) }
                    @if read_only {
                        p.note role="alert" { (l.t("record-read-only")) }
                    }
                    p { (l.t("record-intro")) " "
                        strong { (l.t("record-key-stays")) " " } (l.t("record-key-stays-explain")) }
                    div #errors role="alert" aria-live="assertive" {}
                    div #notice role="status" aria-live="polite" {}
                    section aria-labelledby="who" {
                        h2 #who { (l.t("record-step-key")) }
                        div.fieldrow {
                            label for="key" { (l.t("record-key-label")) }
                            p.help #key-help { (l.markup("record-key-help", &[("format", c("PRIVATE+KEY+…")), ("command", c("dledger keygen"))])) }
                            input #key type="file" aria-describedby="key-help";
                        }
                        p #key-status {}
                    }
                    section aria-labelledby="what" {
                        h2 #what { (l.t("record-step-event")) }
                        div.fieldrow {
                            label for="type" { (l.t("record-type")) }
                            select #type name="type" dir="ltr" {}
                        }
                        div.fieldrow {
                            label for="stream" { (l.t("record-stream")) }
                            p.help { (l.markup("record-stream-help", &[("example", c("meeting/<id>"))])) }
                            input #stream type="text" name="stream" dir="ltr";
                        }
                        form #fields novalidate {}
                    }
                    section aria-labelledby="check" {
                        h2 #check { (l.t("record-step-check")) }
                        div.actions {
                            button #dry-run type="button" { (l.t("record-dry-run")) }
                            button #sign type="button" { (l.t("record-sign")) }
                            button #submit type="button" { (l.t("record-submit")) }
                        }
                        h3 { (l.t("record-signatures")) }
                        ul #signers {}
                        div.actions {
                            button #download type="button" { (l.t("record-download-draft")) }
                            a.button #draft-link href="#" { (l.t("record-draft-link")) }
                        }
                        div.fieldrow {
                            label for="draft" { (l.t("record-load-draft")) }
                            input #draft type="file" accept=".json,application/json";
                        }
                        h3 { (l.t("record-event-json")) }
                        pre.wrap #event-json dir="ltr" {}
                        h3 { (l.t("record-envelope-json")) }
                        pre.wrap #envelope-json dir="ltr" {}
                        div #result {}
                    }
                }
                footer { p { (l.t("record-footer")) } }
                script #record-data type="application/json" { (PreEscaped(data)) }
                (crate::i18n::script_messages(&l, &["js-", "field-", "w-"]))
                script { (PreEscaped(crate::verifier::GLUE)) }
                script { (PreEscaped(SCRIPT)) }
            }
        }
    };
    (
        [(header::CACHE_CONTROL, "no-cache")],
        Html(body.into_string()),
    )
        .into_response()
}
