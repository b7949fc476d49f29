//! A finding's message as data: a message id of `locales/<lang>.ftl` (`f-…`) and its
//! arguments, so that the same finding reads in any of the six languages. Its English rendering
//! is the finding's `message` on the wire (JSON routes, audits, receipts), unchanged by the
//! languages; pages render it again in theirs.

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::OnceLock;

/// The six languages of the message files, in the UN's order.
pub const LANGS: [&str; 6] = ["ar", "zh", "en", "fr", "ru", "es"];

/// A message: an id and its arguments.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Msg {
    pub id: Cow<'static, str>,
    pub args: Vec<(Cow<'static, str>, Arg)>,
}

impl Msg {
    /// A message without arguments.
    pub fn plain(id: &'static str) -> Msg {
        Msg {
            id: Cow::Borrowed(id),
            args: Vec::new(),
        }
    }
}

/// An argument of a message.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Arg {
    /// Shown as recorded (an identifier, a time, a date).
    Text(String),
    /// A number (plural forms select on it).
    Num(i64),
    /// A word of the record's vocabulary (`in_person`, `budgetary`): the message `w-…`.
    Word(String),
    /// A message inside a message.
    Msg(Box<Msg>),
    /// Messages joined by the language's list separator (`f-sep`).
    List(Vec<Msg>),
    /// Messages joined by the language's comma (`f-comma`).
    Commas(Vec<Msg>),
    /// Words of the vocabulary joined by the language's comma.
    Words(Vec<String>),
}

/// A word of the record's vocabulary, as an argument.
pub fn word(w: impl std::fmt::Display) -> Arg {
    Arg::Word(w.to_string())
}

impl From<String> for Arg {
    fn from(s: String) -> Arg {
        Arg::Text(s)
    }
}
impl From<&String> for Arg {
    fn from(s: &String) -> Arg {
        Arg::Text(s.clone())
    }
}
impl From<&str> for Arg {
    fn from(s: &str) -> Arg {
        Arg::Text(s.to_owned())
    }
}
impl From<Msg> for Arg {
    fn from(m: Msg) -> Arg {
        Arg::Msg(Box::new(m))
    }
}
impl From<Vec<Msg>> for Arg {
    fn from(v: Vec<Msg>) -> Arg {
        Arg::List(v)
    }
}
macro_rules! num_arg {
    ($($t:ty),*) => {$(
        impl From<$t> for Arg {
            fn from(n: $t) -> Arg {
                Arg::Num(n as i64)
            }
        }
    )*};
}
num_arg!(i64, i128, u64, u32, i32, usize, i8);

/// `msg!("f-id", name = value, …)`: a message with its arguments (anything `Into<Arg>`).
#[macro_export]
macro_rules! msg {
    ($id:literal $(, $name:ident = $value:expr)* $(,)?) => {
        $crate::msg::Msg {
            id: ::std::borrow::Cow::Borrowed($id),
            args: vec![$((::std::borrow::Cow::Borrowed(stringify!($name)), $crate::msg::Arg::from($value))),*],
        }
    };
}

fn bundles() -> &'static [FluentBundle<FluentResource>] {
    static B: OnceLock<Vec<FluentBundle<FluentResource>>> = OnceLock::new();
    B.get_or_init(|| {
        LANGS
            .iter()
            .map(|code| {
                let tag: unic_langid::LanguageIdentifier =
                    code.parse().expect("a valid language tag");
                let mut b = FluentBundle::new_concurrent(vec![tag]);
                // English is the wire's text: no isolation marks; Arabic keeps them around
                // values (identifiers and times stay left to right).
                b.set_use_isolating(*code == "ar");
                let src = crate::texts::locale(code).unwrap_or("");
                let res = FluentResource::try_new(src.to_owned()).unwrap_or_else(|(_, e)| {
                    panic!("ledger-rules/locales/{code}.ftl does not parse: {e:?}")
                });
                b.add_resource(res)
                    .unwrap_or_else(|e| panic!("ledger-rules/locales/{code}.ftl: {e:?}"));
                b
            })
            .collect()
    })
}

fn bundle(lang: &str) -> &'static FluentBundle<FluentResource> {
    let k = LANGS.iter().position(|l| *l == lang).unwrap_or(2);
    &bundles()[k]
}

/// A message of the rules' files by id, with string and number arguments, in `lang` (English
/// where `lang` lacks it; the id itself where no language has it).
pub fn format(lang: &str, id: &str, args: &[(&str, FluentValue<'_>)]) -> String {
    if lang != "en" && !bundle(lang).has_message(id) {
        note_missing(&format!("{id} (not in {lang})"));
    }
    for l in [lang, "en"] {
        let b = bundle(l);
        if let Some(p) = b.get_message(id).and_then(|m| m.value()) {
            let mut fa = FluentArgs::with_capacity(args.len());
            for (k, v) in args {
                fa.set(*k, v.clone());
            }
            let mut errors = Vec::new();
            let out = b.format_pattern(p, Some(&fa), &mut errors).into_owned();
            if !errors.is_empty() {
                note_missing(&format!("{id} ({l}): {errors:?}"));
            }
            return out;
        }
    }
    note_missing(id);
    id.to_owned()
}

/// Messages asked for that no language has, that did not format, or that a language lacked
/// (English shown instead), since the process started; the tests require it to stay empty.
pub fn missing_messages() -> Vec<String> {
    missing().lock().map(|m| m.clone()).unwrap_or_default()
}

fn missing() -> &'static std::sync::Mutex<Vec<String>> {
    static M: OnceLock<std::sync::Mutex<Vec<String>>> = OnceLock::new();
    M.get_or_init(Default::default)
}

/// Records a message that was missing or did not format (see [`missing_messages`]).
pub fn note_missing(what: &str) {
    if let Ok(mut m) = missing().lock() {
        if m.len() < 1000 && !m.iter().any(|x| x == what) {
            m.push(what.to_owned());
        }
    }
}

/// A word of the record's vocabulary in `lang`: `w-` + the word, `_` as `-`; a word without a
/// message as written, underscores as spaces.
pub fn word_in(lang: &str, w: &str) -> String {
    let id = format!("w-{}", w.replace('_', "-"));
    if bundle("en").has_message(&id) {
        format(lang, &id, &[])
    } else {
        w.replace('_', " ")
    }
}

impl Msg {
    /// The message in `lang` (`ar`, `zh`, `en`, `fr`, `ru`, `es`).
    pub fn render(&self, lang: &str) -> String {
        let args: Vec<(&str, FluentValue<'_>)> = self
            .args
            .iter()
            .map(|(k, a)| {
                let v: FluentValue<'_> = match a {
                    Arg::Text(s) => FluentValue::from(s.clone()),
                    Arg::Num(n) => FluentValue::from(*n),
                    // English is the wire's text: a word as recorded
                    Arg::Word(w) if lang == "en" => FluentValue::from(w.clone()),
                    Arg::Word(w) => FluentValue::from(word_in(lang, w)),
                    Arg::Msg(m) => FluentValue::from(m.render(lang)),
                    Arg::Words(ws) => {
                        let sep = format(lang, "f-comma", &[]);
                        let shown: Vec<String> = ws
                            .iter()
                            .map(|w| {
                                if lang == "en" {
                                    w.clone()
                                } else {
                                    word_in(lang, w)
                                }
                            })
                            .collect();
                        FluentValue::from(shown.join(&sep))
                    }
                    Arg::List(ms) | Arg::Commas(ms) => {
                        let sep_id = if matches!(a, Arg::List(_)) {
                            "f-sep"
                        } else {
                            "f-comma"
                        };
                        let sep = format(lang, sep_id, &[]);
                        FluentValue::from(
                            ms.iter()
                                .map(|m| m.render(lang))
                                .collect::<Vec<_>>()
                                .join(&sep),
                        )
                    }
                };
                (k.as_ref(), v)
            })
            .collect();
        format(lang, &self.id, &args)
    }

    /// The message in English: the finding's `message` on the wire. Rendered from the English
    /// file's messages compiled once into [`Piece`]s (the rules build findings on every
    /// evaluation of a scope, so this is on the engine's path); the same text as Fluent's
    /// rendering of `locales/en.ftl` (a test holds them equal), which is used for any message
    /// the compiled form does not cover.
    pub fn english(&self) -> String {
        let mut out = String::with_capacity(160);
        if self.english_into(&mut out) {
            out
        } else {
            self.render("en")
        }
    }

    fn english_into(&self, out: &mut String) -> bool {
        let Some(Some(pieces)) = english_templates().get(self.id.as_ref()) else {
            return false;
        };
        self.pieces_into(pieces, out)
    }

    fn arg(&self, name: &str) -> Option<&Arg> {
        self.args.iter().find(|(k, _)| k == name).map(|(_, a)| a)
    }

    fn pieces_into(&self, pieces: &[Piece], out: &mut String) -> bool {
        for p in pieces {
            match p {
                Piece::Text(t) => out.push_str(t),
                Piece::Var(v) => {
                    let Some(a) = self.arg(v) else { return false };
                    if !arg_english(a, out) {
                        return false;
                    }
                }
                Piece::Select {
                    var,
                    variants,
                    default,
                } => {
                    let key = match self.arg(var) {
                        Some(Arg::Num(n)) => Some(*n),
                        _ => None,
                    };
                    let chosen = key
                        .and_then(|n| {
                            let n_text = n.to_string();
                            let plural = if n == 1 { "one" } else { "other" };
                            variants
                                .iter()
                                .position(|(k, _)| *k == n_text)
                                .or_else(|| variants.iter().position(|(k, _)| k == plural))
                        })
                        .unwrap_or(*default);
                    if !self.pieces_into(&variants[chosen].1, out) {
                        return false;
                    }
                }
            }
        }
        true
    }
}

/// An argument in English (a word as recorded).
fn arg_english(a: &Arg, out: &mut String) -> bool {
    use std::fmt::Write;
    match a {
        Arg::Text(s) | Arg::Word(s) => out.push_str(s),
        Arg::Num(n) => {
            let _ = write!(out, "{n}");
        }
        Arg::Msg(m) => return m.english_into(out),
        Arg::List(ms) | Arg::Commas(ms) => {
            let sep = if matches!(a, Arg::List(_)) {
                "; "
            } else {
                ", "
            };
            for (k, m) in ms.iter().enumerate() {
                if k > 0 {
                    out.push_str(sep);
                }
                if !m.english_into(out) {
                    return false;
                }
            }
        }
        Arg::Words(ws) => out.push_str(&ws.join(", ")),
    }
    true
}

/// A message of the English file compiled for [`Msg::english`]: text, a variable, or a select
/// on a number (variant keys as written, the default variant's position).
#[derive(Debug)]
enum Piece {
    Text(String),
    Var(String),
    Select {
        var: String,
        variants: Vec<(String, Vec<Piece>)>,
        default: usize,
    },
}

/// id → the message's pieces, or `None` where the message uses more of Fluent than pieces hold.
fn english_templates() -> &'static HashMap<String, Option<Vec<Piece>>> {
    use fluent_syntax::ast;
    static T: OnceLock<HashMap<String, Option<Vec<Piece>>>> = OnceLock::new();
    fn pattern(p: &ast::Pattern<&str>) -> Option<Vec<Piece>> {
        let mut out = Vec::new();
        for e in &p.elements {
            match e {
                ast::PatternElement::TextElement { value } => {
                    out.push(Piece::Text((*value).to_owned()))
                }
                ast::PatternElement::Placeable { expression } => match expression {
                    ast::Expression::Inline(ast::InlineExpression::VariableReference { id }) => {
                        out.push(Piece::Var(id.name.to_owned()))
                    }
                    ast::Expression::Inline(ast::InlineExpression::StringLiteral { value })
                        if !value.contains('\\') =>
                    {
                        out.push(Piece::Text((*value).to_owned()))
                    }
                    ast::Expression::Select { selector, variants } => {
                        let ast::InlineExpression::VariableReference { id } = selector else {
                            return None;
                        };
                        let mut vs = Vec::new();
                        let mut default = 0;
                        for (k, v) in variants.iter().enumerate() {
                            let key = match &v.key {
                                ast::VariantKey::Identifier { name } => (*name).to_owned(),
                                ast::VariantKey::NumberLiteral { value } => (*value).to_owned(),
                            };
                            if v.default {
                                default = k;
                            }
                            vs.push((key, pattern(&v.value)?));
                        }
                        out.push(Piece::Select {
                            var: id.name.to_owned(),
                            variants: vs,
                            default,
                        });
                    }
                    _ => return None,
                },
            }
        }
        Some(out)
    }
    T.get_or_init(|| {
        let src = crate::texts::locale("en").unwrap_or("");
        let Ok(res) = fluent_syntax::parser::parse(src) else {
            return HashMap::new();
        };
        res.body
            .iter()
            .filter_map(|e| match e {
                ast::Entry::Message(m) => {
                    Some((m.id.name.to_owned(), m.value.as_ref().and_then(pattern)))
                }
                _ => None,
            })
            .collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vars(pieces: &[Piece], out: &mut Vec<(String, bool)>) {
        for p in pieces {
            match p {
                Piece::Text(_) => {}
                Piece::Var(v) => out.push((v.clone(), false)),
                Piece::Select { var, variants, .. } => {
                    out.push((var.clone(), true));
                    for (_, v) in variants {
                        vars(v, out);
                    }
                }
            }
        }
    }

    /// The compiled English is Fluent's English, for every message of the file, with text,
    /// numbers (1, 2, 0, 72) for the variables a select reads, nested messages and lists.
    #[test]
    fn compiled_english_is_fluents_english() {
        let t = english_templates();
        assert!(t.len() > 100);
        for (id, pieces) in t {
            let pieces = pieces
                .as_ref()
                .unwrap_or_else(|| panic!("{id} is not compiled"));
            let mut vs = Vec::new();
            vars(pieces, &mut vs);
            for n in [1i64, 2, 0, 72] {
                let args = vs
                    .iter()
                    .map(|(v, select)| {
                        let a = if *select {
                            Arg::Num(n)
                        } else if v.as_str() == "problems" {
                            Arg::List(vec![
                                msg!("f-comp-presidents", count = n, want = 1),
                                Msg::plain("f-note-late"),
                            ])
                        } else if v.as_str() == "regions" {
                            Arg::Words(vec!["asia_pacific".into(), "african".into()])
                        } else {
                            Arg::Text(format!("{v}-{n} (x)"))
                        };
                        (Cow::Owned(v.clone()), a)
                    })
                    .collect();
                let m = Msg {
                    id: Cow::Owned(id.clone()),
                    args,
                };
                assert_eq!(m.english(), m.render("en"), "{id} with {n}");
            }
        }
    }
}
