//! A finding's message in a page's language: the finding carries its message as data
//! ([`ledger_rules::msg::Msg`]), rendered here from `ledger-rules/locales/<lang>.ftl`. English
//! pages show the message exactly as the JSON routes carry it.

use crate::i18n::{Lang, L};
use ledger_rules::Finding;

/// The finding's message as the page's language says it. A finding without its message as
/// data (none is built that way today) is shown in English, marked as such by the caller.
pub fn message(l: &L, f: &Finding) -> String {
    match (&f.text, l.lang) {
        (_, Lang::En) | (None, _) => f.message.clone(),
        (Some(m), lang) => m.render(lang.code()),
    }
}
