//! The verifier page (issue 17): `/verify` on the server and the same page as one
//! self-contained file, `/verify.html`, with the WebAssembly verifier (crates/ledger-wasm, built
//! by this crate's build script) inlined, so that it works opened from disk and makes no request
//! once loaded. Its Content-Security-Policy forbids every connection (`/verify` may fetch only
//! its own `/verify.wasm`), so "nothing is sent" is the browser's promise, not only ours.

use crate::i18n::{Lang, L};
use axum::http::header;
use axum::response::{Html, IntoResponse, Response};
use maud::{html, Markup, PreEscaped, DOCTYPE};
use std::sync::OnceLock;

/// The verifier module, or nothing when this binary was built without the wasm32 target.
pub static VERIFIER_WASM: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/verifier.wasm"));

const SCRIPT: &str = include_str!("verify.js");
/// The glue that instantiates the module and passes bytes to it (also used by `/record`).
pub(crate) const GLUE: &str = include_str!("verifier_glue.js");

const PAGE_CSS: &str = "\
.drop { border: 2px dashed var(--line); border-radius: 8px; padding: 1rem; margin: 0.5rem 0 1rem; }\
.drop.over { border-color: #0550ae; background: #ddf4ff; }\
.drop label, .trust label { font-weight: 600; display: block; margin-bottom: 0.25rem; }\
#input { max-width: 100%; }\
#trust { width: 100%; min-height: 5.5rem; font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: 0.85rem; }\
#status { font-weight: 600; }\
ol.checks { list-style: none; padding-inline-start: 0; }\
ol.checks li { margin: 0.2rem 0; overflow-wrap: anywhere; }\
.mark { display: inline-block; width: 1.3rem; text-align: center; font-weight: 700; }\
.mark.ok { color: var(--ok); } .mark.bad { color: var(--bad); } .mark.none { color: var(--muted); }\
.result h2 { margin-top: 0.5rem; overflow-wrap: anywhere; }\
.summary { font-weight: 600; }\
.result p, .result li, #status { overflow-wrap: anywhere; }\
textarea:focus-visible, input:focus-visible, a:focus-visible { outline: 3px solid #0969da; outline-offset: 2px; }";

/// Whether the verifier was built into this binary.
pub fn available() -> bool {
    !VERIFIER_WASM.is_empty()
}

fn base64_module() -> &'static str {
    static B64: OnceLock<String> = OnceLock::new();
    B64.get_or_init(|| ledger_proof::b64_encode(VERIFIER_WASM))
}

/// The policy each copy runs under: the file may connect to nothing at all; the served page may
/// fetch its own module and nothing else. `wasm-unsafe-eval` lets it compile WebAssembly.
fn csp(standalone: bool) -> &'static str {
    if standalone {
        "default-src 'none'; script-src 'unsafe-inline' 'wasm-unsafe-eval'; style-src 'unsafe-inline'; img-src data:; connect-src 'none'; form-action 'none'; base-uri 'none'"
    } else {
        "default-src 'none'; script-src 'unsafe-inline' 'wasm-unsafe-eval'; style-src 'self' 'unsafe-inline'; img-src data:; connect-src 'self'; form-action 'none'; base-uri 'none'"
    }
}

fn document(l: &L, standalone: bool) -> String {
    let c = |s: &str| html! { code dir="ltr" { (s) } };
    let intro = html! {
        p { (l.markup("verify-intro", &[
            ("receipt", html! { strong { (l.t("verify-receipt")) } }),
            ("export", html! { strong { (l.t("verify-export")) } }),
            ("files", html! { (c("entries.jsonl")) " + " (c("checkpoint")) }),
            ("proof", html! { strong { (l.t("verify-proof")) } }),
            ("ext", c(".tlog-proof")),
            ("document", html! { strong { (l.t("verify-document")) } }),
        ])) }
        p { (l.markup("verify-same-code", &[("verify", c("dledger verify")), ("receipt", c("verify-receipt")), ("proof", c("verify-proof"))])) }
    };
    let form = html! {
        div.drop #drop {
            label for="input" { (l.t("verify-files-label")) }
            input #input type="file" multiple aria-describedby="status";
            p.meta { (l.t("verify-drop")) }
        }
        div.trust {
            label for="trust" { (l.t("verify-trust-label")) }
            textarea #trust spellcheck="false" autocomplete="off" dir="ltr" aria-describedby="trust-help" {}
            p.meta #trust-help { (l.markup("verify-trust-help", &[("vkey", c("origin+1a2b3c4d+AUF…")), ("log", c("log")), ("witness", c("witness")), ("quorum", c("quorum"))])) }
        }
        p #status role="status" aria-live="polite" { (l.t("js-verify-choose")) }
        div #results tabindex="-1" {}
    };
    let missing = html! {
        p.note role="alert" { (l.markup("verify-missing", &[("target", c("wasm32-unknown-unknown")), ("command", c("rustup target add wasm32-unknown-unknown")), ("tools", html! { (c("dledger verify-receipt")) ", " (c("verify-proof")) ", " (c("verify")) })])) }
    };
    let wasm_url = (!standalone).then_some("/verify.wasm");
    let title = l.t("verify-title");
    html! {
        (DOCTYPE)
        html lang=(l.lang.code()) dir=(l.lang.dir()) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                meta http-equiv="Content-Security-Policy" content=(csp(standalone));
                title { (title) " — decision-ledger" }
                link rel="icon" href="data:,";
                @if standalone {
                    style { (PreEscaped(crate::pages::CSS)) }
                } @else {
                    link rel="stylesheet" href="/assets/style.css";
                }
                style { (PreEscaped(PAGE_CSS)) }
            }
            body data-wasm=[wasm_url] data-state="loading" {
                @if standalone {
                    header {
                        nav aria-label=(l.t("nav-site")) {
                            span.brand lang="en" dir="ltr" { "decision-ledger" }
                            span.tag { (l.t("verify-offline-tag")) }
                        }
                    }
                } @else {
                    (crate::pages::site_header(l, "/verify"))
                }
                main {
                    h1 { (l.t("verify-heading")) }
                    (intro)
                    @if available() {
                        (form)
                        @if !standalone {
                            p { a.button href="/verify.html" download="dledger-verify.html" { (l.t("verify-keep")) }
                                " — " (l.t("verify-keep-explain")) }
                        }
                    } @else {
                        (missing)
                    }
                }
                footer {
                    p { (l.format("verify-footer", &[("version", env!("CARGO_PKG_VERSION").into())])) }
                }
                @if available() {
                    @if standalone {
                        script #verifier-wasm type="application/octet-stream;base64" { (PreEscaped(base64_module())) }
                    }
                    (crate::i18n::script_messages(l, &["js-verify-"]))
                    script { (PreEscaped(GLUE)) }
                    script { (PreEscaped(SCRIPT)) }
                }
            }
        }
    }
    .into_string()
}

fn page(l: &L, standalone: bool) -> Response {
    static SERVED: [OnceLock<String>; 6] = [const { OnceLock::new() }; 6];
    static FILE: [OnceLock<String>; 6] = [const { OnceLock::new() }; 6];
    let k = Lang::ALL.iter().position(|&x| x == l.lang).unwrap_or(2);
    let cell = if standalone { &FILE[k] } else { &SERVED[k] };
    let body = cell.get_or_init(|| document(l, standalone)).clone();
    (
        [
            (header::CONTENT_SECURITY_POLICY, csp(standalone)),
            (header::CACHE_CONTROL, "no-cache"),
        ],
        Html(body),
    )
        .into_response()
}

/// `GET /verify`
pub async fn verify_page(l: L) -> Response {
    page(&l, false)
}

/// `GET /verify.html`: the same page as one file, the verifier inlined.
pub async fn verify_file(l: L) -> Response {
    page(&l, true)
}

/// `GET /verify.wasm`: the module `/verify` loads.
pub async fn verify_wasm() -> Response {
    if !available() {
        return crate::Problem::not_found(
            "this server was built without the browser verifier (the wasm32-unknown-unknown target was not installed)",
        )
        .into_response();
    }
    (
        [
            (header::CONTENT_TYPE, "application/wasm"),
            (header::CACHE_CONTROL, "no-cache"),
        ],
        VERIFIER_WASM,
    )
        .into_response()
}

/// The markup of a link to the verifier, for other pages.
pub fn link(l: &L) -> Markup {
    html! { a href="/verify" { (l.t("verifier-link")) } }
}
