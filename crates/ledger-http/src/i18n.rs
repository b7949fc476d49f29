//! The pages' six languages (the UN's: Arabic, Chinese, English, French, Russian, Spanish), with
//! Project Fluent: one message file per language in `crates/ledger-http/locales/`, compiled into
//! the binary; no UI string lives in code.
//!
//! A page's language comes from `?lang=ar|zh|en|fr|ru|es`, then the `lang` cookie (which the
//! switcher's links set: any response to a request with a valid `?lang=` carries
//! `Set-Cookie: lang=…`), then `Accept-Language` with its q-values, then English.
//!
//! Messages are looked up by id; a message missing from a language falls back to English (a test,
//! `tests/i18n.rs`, fails if any id is missing in any language or if the languages disagree on a
//! message's variables). Arabic pages keep Fluent's Unicode isolation marks around every value
//! (identifiers, times and numbers stay left to right inside right-to-left text); the others
//! leave them out.

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{header, HeaderValue};
use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use maud::{html, Markup, PreEscaped};
use std::convert::Infallible;
use std::sync::OnceLock;

/// A language of the pages.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Lang {
    Ar,
    Zh,
    En,
    Fr,
    Ru,
    Es,
}

impl Lang {
    /// The six, in the UN's (alphabetical, English) order.
    pub const ALL: [Lang; 6] = [Lang::Ar, Lang::Zh, Lang::En, Lang::Fr, Lang::Ru, Lang::Es];

    /// The BCP 47 tag the pages use (`<html lang>`, `?lang=`).
    pub const fn code(self) -> &'static str {
        match self {
            Lang::Ar => "ar",
            Lang::Zh => "zh",
            Lang::En => "en",
            Lang::Fr => "fr",
            Lang::Ru => "ru",
            Lang::Es => "es",
        }
    }

    /// `rtl` for Arabic, else `ltr`.
    pub const fn dir(self) -> &'static str {
        match self {
            Lang::Ar => "rtl",
            _ => "ltr",
        }
    }

    /// The language's name in itself (the switcher's words).
    pub const fn endonym(self) -> &'static str {
        match self {
            Lang::Ar => "العربية",
            Lang::Zh => "中文",
            Lang::En => "English",
            Lang::Fr => "Français",
            Lang::Ru => "Русский",
            Lang::Es => "Español",
        }
    }

    /// The message file.
    pub const fn source(self) -> &'static str {
        match self {
            Lang::Ar => include_str!("../locales/ar.ftl"),
            Lang::Zh => include_str!("../locales/zh.ftl"),
            Lang::En => include_str!("../locales/en.ftl"),
            Lang::Fr => include_str!("../locales/fr.ftl"),
            Lang::Ru => include_str!("../locales/ru.ftl"),
            Lang::Es => include_str!("../locales/es.ftl"),
        }
    }

    /// A language tag's language: its primary subtag, case-insensitively (`fr-CA` → French,
    /// `zh-Hans-CN` → Chinese); `None` for the others.
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let primary = tag.trim().split(['-', '_']).next()?.to_ascii_lowercase();
        Lang::ALL.into_iter().find(|l| l.code() == primary)
    }

    /// The best of the six for an `Accept-Language` header (RFC 9110 §12.5.4): tags by
    /// descending q-value (default 1, `q=0` never), ties in the order written; `None` if no
    /// tag names one of the six.
    pub fn from_accept_language(header: &str) -> Option<Lang> {
        let mut tags: Vec<(u32, usize, &str)> = Vec::new();
        for (pos, item) in header.split(',').enumerate() {
            let mut parts = item.split(';');
            let tag = parts.next().unwrap_or("").trim();
            let mut q = 1000u32;
            for p in parts {
                let p = p.trim();
                if let Some(v) = p.strip_prefix("q=").or_else(|| p.strip_prefix("Q=")) {
                    q = parse_qvalue(v.trim()).unwrap_or(0);
                }
            }
            if q > 0 && !tag.is_empty() && tag != "*" {
                tags.push((q, pos, tag));
            }
        }
        tags.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        tags.into_iter().find_map(|(_, _, t)| Lang::from_tag(t))
    }
}

/// A q-value (`0`, `0.5`, `1.000`) in thousandths; `None` if malformed.
fn parse_qvalue(v: &str) -> Option<u32> {
    let (int, frac) = v.split_once('.').unwrap_or((v, ""));
    if frac.len() > 3 || !frac.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let whole: u32 = match int {
        "0" => 0,
        "1" => 1000,
        _ => return None,
    };
    let mut thousandths = 0u32;
    for (k, b) in frac.bytes().enumerate() {
        thousandths += u32::from(b - b'0') * [100, 10, 1][k];
    }
    // "1" may only be followed by zeros (RFC 9110 §12.4.2)
    if whole == 1000 && thousandths > 0 {
        return None;
    }
    Some(whole + thousandths)
}

fn bundles() -> &'static [FluentBundle<FluentResource>] {
    static BUNDLES: OnceLock<Vec<FluentBundle<FluentResource>>> = OnceLock::new();
    BUNDLES.get_or_init(|| {
        Lang::ALL
            .iter()
            .map(|&lang| {
                let tag: unic_langid::LanguageIdentifier =
                    lang.code().parse().expect("a valid language tag");
                let mut b = FluentBundle::new_concurrent(vec![tag]);
                b.set_use_isolating(lang == Lang::Ar);
                let res = FluentResource::try_new(lang.source().to_owned()).unwrap_or_else(
                    |(_, errors)| panic!("locales/{}.ftl does not parse: {errors:?}", lang.code()),
                );
                b.add_resource(res).unwrap_or_else(|errors| {
                    panic!("locales/{}.ftl repeats ids: {errors:?}", lang.code())
                });
                let rules = ledger_rules::texts::locale(lang.code()).unwrap_or("");
                let res =
                    FluentResource::try_new(rules.to_owned()).unwrap_or_else(|(_, errors)| {
                        panic!(
                            "ledger-rules/locales/{}.ftl does not parse: {errors:?}",
                            lang.code()
                        )
                    });
                b.add_resource(res).unwrap_or_else(|errors| {
                    panic!(
                        "ledger-rules/locales/{}.ftl repeats an id of the pages: {errors:?}",
                        lang.code()
                    )
                });
                b
            })
            .collect()
    })
}

fn bundle(lang: Lang) -> &'static FluentBundle<FluentResource> {
    let k = Lang::ALL.iter().position(|&l| l == lang).unwrap_or(2);
    &bundles()[k]
}

/// Messages a page or a finding asked for that no language has, that did not format, or that
/// the language lacked (shown in English instead), since the process started: one record, kept
/// by `ledger_rules::msg`; the tests render every page in every language and require it empty.
pub fn missing_messages() -> Vec<String> {
    ledger_rules::msg::missing_messages()
}

use ledger_rules::msg::note_missing;

/// A value for a message's variable.
pub type Arg<'a> = FluentValue<'a>;

/// The page's language and its messages: what every page function takes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct L {
    pub lang: Lang,
}

impl L {
    pub const EN: L = L { lang: Lang::En };

    pub fn new(lang: Lang) -> L {
        L { lang }
    }

    /// Whether the page's language has the message (the others fall back to English).
    pub fn has(&self, id: &str) -> bool {
        bundle(self.lang).has_message(id)
    }

    /// The message `id` with `args`, in the page's language, else in English, else the id itself.
    pub fn format(&self, id: &str, args: &[(&str, Arg<'_>)]) -> String {
        for lang in [self.lang, Lang::En] {
            let b = bundle(lang);
            if let Some(pattern) = b.get_message(id).and_then(|m| m.value()) {
                let mut fa = FluentArgs::with_capacity(args.len());
                for (k, v) in args {
                    fa.set(*k, v.clone());
                }
                let mut errors = Vec::new();
                let s = b.format_pattern(pattern, Some(&fa), &mut errors);
                if !errors.is_empty() {
                    tracing::warn!(
                        message = id,
                        lang = lang.code(),
                        ?errors,
                        "a message did not format"
                    );
                    note_missing(&format!("{id} ({}): {errors:?}", lang.code()));
                }
                if lang != self.lang {
                    note_missing(&format!("{id} (not in {})", self.lang.code()));
                }
                return s.into_owned();
            }
        }
        tracing::warn!(message = id, "no such message in any language");
        note_missing(id);
        id.to_owned()
    }

    /// The message `id`, which takes no variables.
    pub fn t(&self, id: &str) -> String {
        self.format(id, &[])
    }

    /// The message `id` as HTML, each variable a piece of markup (a link, a code span) put where
    /// the language's sentence has it; the message's own text is escaped.
    pub fn markup(&self, id: &str, args: &[(&str, Markup)]) -> Markup {
        let marks: Vec<String> = (0..args.len())
            .map(|k| format!("\u{E000}{k}\u{E001}"))
            .collect();
        let fa: Vec<(&str, Arg<'_>)> = args
            .iter()
            .zip(&marks)
            .map(|((name, _), m)| (*name, FluentValue::from(m.as_str())))
            .collect();
        let text = self.format(id, &fa);
        let mut out = html! { (text) }.into_string();
        for ((_, m), mark) in args.iter().zip(&marks) {
            out = out.replace(mark.as_str(), &m.0);
        }
        PreEscaped(out)
    }

    /// A word of the record's vocabulary (`in_person`, `budgetary`, `asia_pacific`, …) in the
    /// page's language: the message `w-` + the word with `_` as `-`; a word with no message is
    /// shown as recorded, underscores as spaces.
    pub fn word(&self, word: &str) -> String {
        let id = format!("w-{}", word.replace('_', "-"));
        if bundle(Lang::En).has_message(&id) {
            self.t(&id)
        } else {
            word.replace('_', " ")
        }
    }

    /// The text of a rule (rules.md), in the page's language: the message `rule-` + the id with
    /// `.` as `-`.
    pub fn rule_text(&self, rule: &str) -> String {
        self.t(&format!("rule-{}", rule.replace('.', "-")))
    }
}

/// Every page's language, negotiated from the request (module doc).
impl<S: Send + Sync> FromRequestParts<S> for L {
    type Rejection = Infallible;
    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Infallible> {
        Ok(L::new(negotiate(parts)))
    }
}

/// The `lang` of a query string, if it names one of the six.
pub fn query_lang(query: Option<&str>) -> Option<Lang> {
    form_urlencoded::parse(query?.as_bytes())
        .find(|(k, _)| k == "lang")
        .and_then(|(_, v)| Lang::ALL.into_iter().find(|l| l.code() == v))
}

fn cookie_lang(headers: &axum::http::HeaderMap) -> Option<Lang> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|h| h.to_str().ok())
        .flat_map(|h| h.split(';'))
        .filter_map(|c| c.trim().strip_prefix("lang="))
        .find_map(|v| Lang::ALL.into_iter().find(|l| l.code() == v.trim()))
}

/// `?lang=`, then the cookie, then `Accept-Language`, then English.
pub fn negotiate(parts: &Parts) -> Lang {
    query_lang(parts.uri.query())
        .or_else(|| cookie_lang(&parts.headers))
        .or_else(|| {
            parts
                .headers
                .get(header::ACCEPT_LANGUAGE)
                .and_then(|h| h.to_str().ok())
                .and_then(Lang::from_accept_language)
        })
        .unwrap_or(Lang::En)
}

/// Middleware: a request whose query chooses a language gets the `lang` cookie set, so that the
/// switcher's choice holds on the pages that follow; every HTML answer says its language
/// (`Content-Language`) and that it depends on the cookie and `Accept-Language` (`Vary`), so that
/// a cache in front of the server (a mirror's nginx, a CDN) keeps one copy per language.
pub async fn remember(
    req: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    let chosen = query_lang(req.uri().query());
    let (parts, body) = req.into_parts();
    let lang = negotiate(&parts);
    let mut res = next
        .run(axum::extract::Request::from_parts(parts, body))
        .await;
    let html = res
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    if html {
        res.headers_mut().insert(
            header::CONTENT_LANGUAGE,
            HeaderValue::from_static(lang.code()),
        );
        res.headers_mut().append(
            header::VARY,
            HeaderValue::from_static("Accept-Language, Cookie"),
        );
    }
    if let Some(lang) = chosen {
        let cookie = format!(
            "lang={}; Path=/; Max-Age=31536000; SameSite=Lax",
            lang.code()
        );
        if let Ok(v) = HeaderValue::from_str(&cookie) {
            res.headers_mut().append(header::SET_COOKIE, v);
        }
    }
    res
}

/// The switcher: a link per language to this page in it (`?lang=xx`), the current one marked.
pub fn switcher(l: &L) -> Markup {
    html! {
        nav.langs aria-label=(l.t("nav-languages")) {
            ul {
                @for lang in Lang::ALL {
                    li {
                        @if lang == l.lang {
                            a href={ "?lang=" (lang.code()) } lang=(lang.code()) hreflang=(lang.code()) aria-current="true" { (lang.endonym()) }
                        } @else {
                            a href={ "?lang=" (lang.code()) } lang=(lang.code()) hreflang=(lang.code()) { (lang.endonym()) }
                        }
                    }
                }
            }
        }
    }
}

/// The variables a message of the English file names (`{ $name }`), in order of appearance.
fn variables_of(id: &str) -> Vec<String> {
    let src = Lang::En.source();
    let Some(start) = src.lines().position(|line| {
        line.strip_prefix(id)
            .is_some_and(|rest| rest.trim_start().starts_with('='))
    }) else {
        return Vec::new();
    };
    let mut text = String::new();
    for (k, line) in src.lines().enumerate().skip(start) {
        if k > start && !line.starts_with(' ') {
            break;
        }
        text.push_str(line);
        text.push('\n');
    }
    let mut vars: Vec<String> = Vec::new();
    for piece in text.split("{ $").skip(1) {
        let name: String = piece
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '-')
            .collect();
        if !name.is_empty() && !vars.contains(&name) {
            vars.push(name);
        }
    }
    vars
}

/// The messages a page's script needs (every id starting with one of `prefixes`), in the page's
/// language, as a JSON object in `<script type="application/json" id="ui-messages">`; each
/// variable is left as `{name}` for the script to fill in (`uiText` in verifier_glue.js).
/// Built once per language and set of prefixes (the files are compiled in).
pub fn script_messages(l: &L, prefixes: &[&str]) -> Markup {
    type Cache = std::sync::Mutex<std::collections::HashMap<(Lang, String), String>>;
    static CACHE: OnceLock<Cache> = OnceLock::new();
    let key = (l.lang, prefixes.join(" "));
    let cache = CACHE.get_or_init(Default::default);
    let cached = cache.lock().ok().and_then(|c| c.get(&key).cloned());
    let json = cached.unwrap_or_else(|| {
        let json = script_messages_json(l, prefixes);
        if let Ok(mut c) = cache.lock() {
            c.insert(key, json.clone());
        }
        json
    });
    html! { script #ui-messages type="application/json" { (PreEscaped(json)) } }
}

fn script_messages_json(l: &L, prefixes: &[&str]) -> String {
    let rules = ledger_rules::texts::locale("en").unwrap_or("");
    let mut map = serde_json::Map::new();
    for line in Lang::En.source().lines().chain(rules.lines()) {
        let Some((id, _)) = line.split_once('=') else {
            continue;
        };
        let id = id.trim();
        if !prefixes.iter().any(|p| id.starts_with(p)) || line.starts_with(' ') {
            continue;
        }
        let names = variables_of(id);
        let holders: Vec<String> = names.iter().map(|n| format!("{{{n}}}")).collect();
        let args: Vec<(&str, Arg<'_>)> = names
            .iter()
            .zip(&holders)
            .map(|(n, h)| (n.as_str(), FluentValue::from(h.as_str())))
            .collect();
        map.insert(id.to_owned(), l.format(id, &args).into());
    }
    serde_json::Value::Object(map)
        .to_string()
        .replace('<', "\\u003c")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accept_language_takes_the_highest_q_of_the_six() {
        assert_eq!(
            Lang::from_accept_language("fr-CA,fr;q=0.9,en;q=0.8"),
            Some(Lang::Fr)
        );
        assert_eq!(
            Lang::from_accept_language("de-DE,de;q=0.9,ru;q=0.5,en;q=0.4"),
            Some(Lang::Ru)
        );
        assert_eq!(
            Lang::from_accept_language("en;q=0.2, zh-Hans-CN;q=0.7"),
            Some(Lang::Zh)
        );
        assert_eq!(Lang::from_accept_language("es;q=0, ar"), Some(Lang::Ar));
        assert_eq!(Lang::from_accept_language("de, *;q=0.5"), None);
        assert_eq!(
            Lang::from_accept_language("es;q=1.5, fr;q=0.1"),
            Some(Lang::Fr)
        );
        assert_eq!(Lang::from_accept_language(""), None);
    }

    #[test]
    fn markup_arguments_are_placed_and_the_text_escaped() {
        let l = L::EN;
        let m = l.markup(
            "footer-verify",
            &[("command", html! { code { "dledger verify" } })],
        );
        assert!(m.0.contains("<code>dledger verify</code>"), "{}", m.0);
        assert!(!m.0.contains('\u{E000}'));
    }
}
