//! The six languages (issue 18): every message file complete and consistent with English; every
//! page rendered in every language with no message missing and no English UI string left on a
//! page in another language; `<html lang dir>`; the Arabic page quoting CP-11/4 from the
//! original; the language chosen by `?lang=`, then the cookie, then `Accept-Language`.

mod common;
use ledger_testkit as kit;

use axum::body::Body;
use axum::http::Request;
use fluent_syntax::ast;
use ledger_http::i18n::{Lang, L};
use ledger_http::{router, AppState};
use ledger_rules::cases::{self, Signer};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use tower::ServiceExt;

// ---------------------------------------------------------------------------------------------
// The message files
// ---------------------------------------------------------------------------------------------

fn vars_of_pattern(p: &ast::Pattern<&str>, out: &mut BTreeSet<String>) {
    for e in &p.elements {
        if let ast::PatternElement::Placeable { expression } = e {
            vars_of_expression(expression, out);
        }
    }
}

fn vars_of_expression(e: &ast::Expression<&str>, out: &mut BTreeSet<String>) {
    match e {
        ast::Expression::Inline(i) => vars_of_inline(i, out),
        ast::Expression::Select { selector, variants } => {
            vars_of_inline(selector, out);
            for v in variants {
                vars_of_pattern(&v.value, out);
            }
        }
    }
}

fn vars_of_inline(i: &ast::InlineExpression<&str>, out: &mut BTreeSet<String>) {
    match i {
        ast::InlineExpression::VariableReference { id } => {
            out.insert(id.name.to_owned());
        }
        ast::InlineExpression::Placeable { expression } => vars_of_expression(expression, out),
        _ => {}
    }
}

/// id → variables of every message of a file; panics with the file's name if it does not parse.
fn messages(name: &str, src: &str) -> BTreeMap<String, BTreeSet<String>> {
    let res = fluent_syntax::parser::parse(src)
        .unwrap_or_else(|(_, errors)| panic!("{name} does not parse: {errors:?}"));
    let mut out = BTreeMap::new();
    for e in res.body {
        if let ast::Entry::Message(m) = e {
            let mut vars = BTreeSet::new();
            if let Some(v) = &m.value {
                vars_of_pattern(v, &mut vars);
            }
            assert!(
                out.insert(m.id.name.to_owned(), vars).is_none(),
                "{name}: {} twice",
                m.id.name
            );
        }
    }
    out
}

#[test]
fn every_language_has_every_message_with_the_same_variables() {
    type Source = fn(&str) -> Option<&'static str>;
    let files: [(&str, Source); 2] = [
        ("ledger-http/locales", |c| {
            Lang::ALL
                .into_iter()
                .find(|l| l.code() == c)
                .map(|l| l.source())
        }),
        ("ledger-rules/locales", ledger_rules::texts::locale),
    ];
    let mut problems = Vec::new();
    for (dir, source) in files {
        let en = messages(&format!("{dir}/en.ftl"), source("en").unwrap());
        assert!(en.len() > 80, "{dir}/en.ftl has {} messages", en.len());
        for lang in Lang::ALL {
            let name = format!("{dir}/{}.ftl", lang.code());
            let other = messages(&name, source(lang.code()).unwrap());
            for (id, vars) in &en {
                match other.get(id) {
                    None => problems.push(format!("{name}: missing {id}")),
                    Some(v) if v != vars => {
                        problems.push(format!("{name}: {id} uses {v:?}, English {vars:?}"))
                    }
                    _ => {}
                }
            }
            for id in other.keys().filter(|id| !en.contains_key(*id)) {
                problems.push(format!("{name}: {id} is not an English message"));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn every_rule_has_its_text_in_every_language() {
    for r in ledger_rules::RuleId::ALL {
        let en = r.text_in("en");
        assert!(en.len() > 40, "{r}: {en}");
        assert_eq!(r.text(), en);
        for lang in ["ar", "zh", "fr", "ru", "es"] {
            let t = r.text_in(lang);
            assert_ne!(t, en, "{r} is not translated into {lang}");
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The pages
// ---------------------------------------------------------------------------------------------

/// The registry, case C1 (a silence procedure of the historical record) and the illustrative
/// scenario, loaded through the real admission checks.
fn demo() -> kit::Ledger {
    let mut l = kit::Ledger::new();
    let mut keys: HashMap<Signer, ledger_proof::SignerKey> = HashMap::new();
    for case in cases::all().unwrap() {
        if !["registry", "C1", "I1"].contains(&case.case.as_str()) {
            continue;
        }
        kit::load_case(&mut l, &case, &mut keys);
    }
    l
}

async fn get(state: &AppState, path: &str, headers: &[(&str, &str)]) -> (u16, Vec<String>, String) {
    let mut req = Request::get(path).header("host", "ledger.test");
    for (k, v) in headers {
        req = req.header(*k, *v);
    }
    let res = router(state.clone())
        .oneshot(req.body(Body::empty()).unwrap())
        .await
        .unwrap();
    let status = res.status().as_u16();
    let cookies = res
        .headers()
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap().to_owned())
        .collect();
    let body = http_body_util::BodyExt::collect(res.into_body())
        .await
        .unwrap()
        .to_bytes();
    (status, cookies, String::from_utf8(body.to_vec()).unwrap())
}

/// The text a person reads: the page without its tags, scripts, styles, and without what the
/// record itself says (`bdi.recorded`, `code`, `pre`: titles, identifiers, JSON) or marks as
/// English (`lang="en"`).
fn visible_text(html: &str) -> String {
    let mut out = String::new();
    let mut rest = html;
    let skip_blocks = [
        ("<script", "</script>"),
        ("<style", "</style>"),
        ("<pre", "</pre>"),
        ("<code", "</code>"),
        ("<bdi class=\"recorded\"", "</bdi>"),
        ("<title", "</title>"),
    ];
    'outer: while let Some(lt) = rest.find('<') {
        out.push_str(&rest[..lt]);
        rest = &rest[lt..];
        for (open, close) in skip_blocks {
            if rest.starts_with(open) {
                match rest.find(close) {
                    Some(end) => {
                        rest = &rest[end + close.len()..];
                        out.push(' ');
                        continue 'outer;
                    }
                    None => break 'outer,
                }
            }
        }
        match rest.find('>') {
            Some(gt) => {
                let tag = &rest[..gt];
                rest = &rest[gt + 1..];
                // an element marked English: skip to its end (spans and paragraphs only)
                if tag.contains("lang=\"en\"") && !tag.starts_with("<a") {
                    let name: String = tag[1..]
                        .chars()
                        .take_while(|c| c.is_ascii_alphanumeric())
                        .collect();
                    let close = format!("</{name}>");
                    if let Some(end) = rest.find(&close) {
                        rest = &rest[end + close.len()..];
                    }
                }
                out.push(' ');
            }
            None => break,
        }
    }
    out.push_str(rest);
    out.replace("&amp;", "&")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
}

/// id → the literal text of each message of a file (its text elements, joined).
fn texts(src: &str) -> BTreeMap<String, String> {
    let res = fluent_syntax::parser::parse(src).unwrap();
    let mut out = BTreeMap::new();
    for e in res.body {
        let ast::Entry::Message(m) = e else { continue };
        let Some(v) = m.value else { continue };
        let mut t = String::new();
        collect_text(&v, &mut t);
        out.insert(m.id.name.to_owned(), t);
    }
    out
}

fn collect_text(p: &ast::Pattern<&str>, out: &mut String) {
    for el in &p.elements {
        match el {
            ast::PatternElement::TextElement { value } => out.push_str(value),
            ast::PatternElement::Placeable {
                expression: ast::Expression::Select { variants, .. },
            } => {
                for v in variants {
                    collect_text(&v.value, out);
                    out.push('\n');
                }
            }
            _ => out.push('\n'),
        }
    }
}

/// The English UI strings: the literal text of every English message (pages' and rules'),
/// pieces between variables and punctuation of at least 14 characters, except where the
/// language's own message keeps the piece as it is (a name, a code, a citation).
fn english_pieces(lang: Lang) -> Vec<String> {
    let mut pieces = BTreeSet::new();
    let sources = [
        (Lang::En.source(), lang.source()),
        (
            ledger_rules::texts::locale("en").unwrap(),
            ledger_rules::texts::locale(lang.code()).unwrap(),
        ),
    ];
    for (en, other) in sources {
        let other = texts(other);
        for (id, text) in texts(en) {
            let theirs = other.get(&id).map(String::as_str).unwrap_or("");
            for piece in text.split(['(', ')', ':', ';', '—', '\n']) {
                let piece = piece.trim();
                // kept as it is inside a translated message: a name, a code, a citation
                let kept = theirs != text && theirs.contains(piece);
                if piece.chars().count() >= 14 && !kept {
                    pieces.insert(piece.to_owned());
                }
            }
        }
    }
    pieces.into_iter().collect()
}

/// Messages that read the same in a language as in English by design (names, codes).
const SAME_EVERYWHERE: &[&str] = &[
    "nav-api",
    "w-cop-mop",
    "f-sep",
    "f-comma",
    "f-list",
    "f-h",
    "f-h-min",
    "minutes",
];

#[test]
fn no_language_leaves_a_message_in_english() {
    let mut problems = Vec::new();
    for lang in Lang::ALL.into_iter().filter(|l| *l != Lang::En) {
        for (en, other) in [
            (Lang::En.source(), lang.source()),
            (
                ledger_rules::texts::locale("en").unwrap(),
                ledger_rules::texts::locale(lang.code()).unwrap(),
            ),
        ] {
            let other = texts(other);
            for (id, text) in texts(en) {
                // one or two words may be the same in both languages (Mode, Verdict, Bureau)
                let words = text
                    .split(|c: char| !c.is_alphabetic())
                    .filter(|w| w.chars().count() >= 2)
                    .count();
                if words >= 3
                    && other.get(&id) == Some(&text)
                    && !SAME_EVERYWHERE.contains(&id.as_str())
                {
                    problems.push(format!(
                        "{}: {id} is the English text {text:?}",
                        lang.code()
                    ));
                }
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_page_in_every_language() {
    let l = demo();
    let s = common::served(&l).await;
    let st = &s.state;
    let size = st.store.reader().published().size;
    let mut paths: Vec<String> = vec![
        "/".into(),
        "/decisions/illustrative-interim-budget-2026".into(),
        "/decisions/illustrative-substantive-online-2026".into(),
        "/decisions/illustrative-interim-budget-by-silence-2026".into(),
        "/decisions/c1-cp-exmop-1-interim-budget-2021".into(),
        "/meetings/illustrative-cp-mop-online-2026".into(),
        "/meetings/illustrative-cp-mop-exmop-2026".into(),
        "/meetings/c1-cp-exmop-1".into(),
        "/silence/illustrative-sp-interim-budget-2026".into(),
        "/silence/c1-sp-interim-budget-2021".into(),
        "/publication".into(),
        "/witnessing".into(),
        "/verify".into(),
        "/record".into(),
        "/meetings/no-such-meeting".into(),
        format!("/entries/{}", size - 1),
        "/entries/3".into(),
    ];
    let (_, _, periods) = get(st, "/v1/periods", &[]).await;
    let periods: serde_json::Value = serde_json::from_str(&periods).unwrap();
    for p in periods["items"].as_array().unwrap() {
        paths.push(format!("/periods/{}", p["period_id"].as_str().unwrap()));
    }
    let party = l.findings().iter().find_map(|f| {
        f.subject
            .to_string()
            .strip_prefix("party:")
            .map(str::to_owned)
    });
    if let Some(p) = party {
        paths.push(format!("/parties/{p}"));
    }
    let mut problems = Vec::new();
    for lang in Lang::ALL {
        let pieces = english_pieces(lang);
        if lang != Lang::En {
            assert!(
                pieces.len() > 200,
                "{}: {} pieces",
                lang.code(),
                pieces.len()
            );
        }
        for path in &paths {
            let (status, _, html) = get(st, &format!("{path}?lang={}", lang.code()), &[]).await;
            let want = if path.contains("no-such") { 404 } else { 200 };
            assert_eq!(status, want, "{path} in {}", lang.code());
            let head = format!("<html lang=\"{}\" dir=\"{}\"", lang.code(), lang.dir());
            assert!(html.contains(&head), "{path} in {}: no {head}", lang.code());
            if lang == Lang::En {
                continue;
            }
            let text = visible_text(&html);
            for piece in &pieces {
                if text.contains(piece.as_str()) {
                    problems.push(format!("{path} in {}: English {piece:?}", lang.code()));
                }
            }
        }
    }
    let missing = ledger_http::i18n::missing_messages();
    assert!(missing.is_empty(), "messages missing: {missing:#?}");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn arabic_pages_quote_cp_11_4_from_the_original_and_the_others_mark_their_reading() {
    let l = demo();
    let s = common::served(&l).await;
    let path = "/decisions/illustrative-substantive-online-2026";
    let (_, _, ar) = get(&s.state, &format!("{path}?lang=ar"), &[]).await;
    let para2 = ledger_http::cp11_4::paragraph(2, 0).unwrap();
    assert!(
        ar.contains("data-paragraph=\"2\"") && ar.contains(para2),
        "the Arabic page does not quote paragraph 2 from the original"
    );
    assert!(para2.contains("طالما لم تُتخذ أي قرارات موضوعية عبر الإنترنت"));
    // the finding's message itself, in Arabic (the English message is not on the page)
    let f = l
        .findings()
        .into_iter()
        .find(|f| {
            f.rule == ledger_rules::RuleId::P2OnlineScope
                && f.subject.to_string() == "decision:illustrative-substantive-online-2026"
        })
        .expect("the substantive decision's P2.online_scope finding");
    assert!(
        !ar.contains(&f.message),
        "English message on the Arabic page"
    );
    let arabic = f.text.as_ref().unwrap().render("ar");
    let shown = maud::html! { (arabic) }.into_string();
    assert!(
        ar.contains(&shown),
        "the Arabic message {arabic:?} is not on the page"
    );
    for lang in ["fr", "es", "ru", "zh", "en"] {
        let (_, _, page) = get(&s.state, &format!("{path}?lang={lang}"), &[]).await;
        assert!(!page.contains("data-paragraph"), "{lang} quotes the Arabic");
        let l = L::new(Lang::from_tag(lang).unwrap());
        let mark = maud::html! { (l.t("unofficial-translation")) }.into_string();
        assert!(
            page.contains(&mark),
            "{lang}: the reading is not marked unofficial"
        );
        let rule =
            maud::html! { (ledger_rules::RuleId::P2OnlineScope.text_in(lang)) }.into_string();
        assert!(page.contains(&rule), "{lang}: no rule text in the language");
    }
    // English pages keep the wire's message
    let (_, _, en) = get(&s.state, path, &[]).await;
    assert!(en.contains(&maud::html! { (f.message) }.into_string()));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_language_comes_from_the_query_then_the_cookie_then_accept_language() {
    let f = common::fixture().await;
    let st = &f.state;
    let lang_of = |html: &str| {
        let at = html.find("<html lang=\"").unwrap() + 12;
        html[at..at + 2].to_owned()
    };
    let (_, cookies, html) = get(st, "/", &[]).await;
    assert_eq!(lang_of(&html), "en");
    assert!(cookies.is_empty());
    let (_, _, html) = get(st, "/", &[("accept-language", "de-CH, fr;q=0.8, en;q=0.5")]).await;
    assert_eq!(lang_of(&html), "fr");
    let (_, _, html) = get(
        st,
        "/",
        &[("accept-language", "en;q=0.3, zh-Hans-CN;q=0.9")],
    )
    .await;
    assert_eq!(lang_of(&html), "zh");
    let (_, _, html) = get(
        st,
        "/",
        &[("accept-language", "fr"), ("cookie", "theme=x; lang=ru")],
    )
    .await;
    assert_eq!(lang_of(&html), "ru", "the cookie wins over Accept-Language");
    let (_, cookies, html) = get(
        st,
        "/publication?lang=ar",
        &[("accept-language", "fr"), ("cookie", "lang=ru")],
    )
    .await;
    assert_eq!(lang_of(&html), "ar", "the query wins over the cookie");
    assert!(html.contains("dir=\"rtl\""));
    assert_eq!(cookies.len(), 1);
    assert!(cookies[0].starts_with("lang=ar;") && cookies[0].contains("Path=/"));
    // the answer says its language and what it depends on
    let req = Request::get("/?lang=zh").body(Body::empty()).unwrap();
    let res = router(st.clone()).oneshot(req).await.unwrap();
    assert_eq!(res.headers()["content-language"], "zh");
    assert!(res.headers()["vary"]
        .to_str()
        .unwrap()
        .contains("Accept-Language"));
    // an unknown language changes nothing and sets nothing
    let (_, cookies, html) = get(st, "/?lang=xx", &[("accept-language", "es")]).await;
    assert_eq!(lang_of(&html), "es");
    assert!(cookies.is_empty());
    // the switcher: a link per language, the current one marked
    let (_, _, html) = get(st, "/witnessing?lang=es", &[]).await;
    for lang in Lang::ALL {
        assert!(html.contains(&format!("href=\"?lang={}\"", lang.code())));
    }
    assert!(html.contains("hreflang=\"es\" aria-current=\"true\""));
}
