//! The verifier page (issue 17): `/verify` on the server and the same page as one
//! self-contained file, `/verify.html`, with the WebAssembly verifier (crates/ledger-wasm, built
//! by this crate's build script) inlined, so that it works opened from disk and makes no request
//! once loaded. Its Content-Security-Policy forbids every connection (`/verify` may fetch only
//! its own `/verify.wasm`), so "nothing is sent" is the browser's promise, not only ours.

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
ol.checks { list-style: none; padding-left: 0; }\
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

fn document(standalone: bool) -> String {
    let intro = html! {
        p { "Check what the ledger gave you, here in your browser, without trusting the server that sent it: "
            "a decision's " strong { "receipt" } ", an " strong { "export" } " of the whole log ("
            code { "entries.jsonl" } " and " code { "checkpoint" } " together), an entry's "
            strong { "proof" } " (" code { ".tlog-proof" } "), or a " strong { "document" }
            " (a decision text, a scenario note) to find which proven entries name its digest." }
        p { "The checks are the very code of " code { "dledger verify" } ", " code { "verify-receipt" }
            " and " code { "verify-proof" } ", compiled to WebAssembly. The files never leave this page: "
            "it is not allowed to connect anywhere." }
    };
    let form = html! {
        div.drop #drop {
            label for="input" { "Files: a receipt, a .tlog-proof, a document, or the two files of an export" }
            input #input type="file" multiple aria-describedby="status";
            p.meta { "Or drop them here." }
        }
        div.trust {
            label for="trust" { "Trust anchor: the log's verifier key (vkey) or a tlog-policy" }
            textarea #trust spellcheck="false" autocomplete="off" aria-describedby="trust-help" {}
            p.meta #trust-help { "Paste a key you obtained independently of this page: from the Secretariat's publication, a colleague, or the genesis entry of an export you already trust. "
                "A vkey looks like " code { "origin+1a2b3c4d+AUF…" } "; a policy lists " code { "log" } ", " code { "witness" } " and " code { "quorum" } " lines." }
        }
        p #status role="status" aria-live="polite" { "Choose files and paste a trust anchor." }
        div #results tabindex="-1" {}
    };
    let missing = html! {
        p.note role="alert" { "This server was built without the browser verifier (the "
            code { "wasm32-unknown-unknown" } " target was not installed). Run "
            code { "rustup target add wasm32-unknown-unknown" } " and build again, or use "
            code { "dledger verify-receipt" } ", " code { "verify-proof" } " and " code { "verify" } "." }
    };
    let wasm_url = (!standalone).then_some("/verify.wasm");
    html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                meta http-equiv="Content-Security-Policy" content=(csp(standalone));
                title { "Verify — decision-ledger" }
                link rel="icon" href="data:,";
                @if standalone {
                    style { (PreEscaped(crate::pages::CSS)) }
                } @else {
                    link rel="stylesheet" href="/assets/style.css";
                }
                style { (PreEscaped(PAGE_CSS)) }
            }
            body data-wasm=[wasm_url] data-state="loading" {
                header {
                    nav aria-label="Site" {
                        @if standalone {
                            span.brand { "decision-ledger" }
                            span.tag { "offline verifier" }
                        } @else {
                            a.brand href="/" { "decision-ledger" }
                            span.tag { "CP-11/4 audit" }
                            a href="/verify" aria-current="page" { "Verify" }
                            a href="/publication" { "Copies" }
                            a href="/witnessing" { "Witnesses" }
                            a href="/docs/" { "API" }
                        }
                    }
                }
                main {
                    h1 { "Verify a receipt, an export, a proof or a document" }
                    (intro)
                    @if available() {
                        (form)
                        @if !standalone {
                            p { a.button href="/verify.html" download="dledger-verify.html" { "Keep this verifier as one file" }
                                " — it works opened from disk, with no network." }
                        }
                    } @else {
                        (missing)
                    }
                }
                footer {
                    p { "decision-ledger's verifier, " (env!("CARGO_PKG_VERSION")) ". What a ✓ means is written beside it; a ✗ names the check that failed and why." }
                }
                @if available() {
                    @if standalone {
                        script #verifier-wasm type="application/octet-stream;base64" { (PreEscaped(base64_module())) }
                    }
                    script { (PreEscaped(GLUE)) }
                    script { (PreEscaped(SCRIPT)) }
                }
            }
        }
    }
    .into_string()
}

fn page(standalone: bool) -> Response {
    static SERVED: OnceLock<String> = OnceLock::new();
    static FILE: OnceLock<String> = OnceLock::new();
    let cell = if standalone { &FILE } else { &SERVED };
    let body = cell.get_or_init(|| document(standalone)).clone();
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
pub async fn verify_page() -> Response {
    page(false)
}

/// `GET /verify.html`: the same page as one file, the verifier inlined.
pub async fn verify_file() -> Response {
    page(true)
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
pub fn link() -> Markup {
    html! { a href="/verify" { "the verifier page" } }
}
