//! The rules' words in the six UN languages (Project Fluent message files in
//! `crates/ledger-rules/locales/`): the record's vocabulary (`w-…`), the text of every rule
//! (`rule-…`) and the findings' messages (`f-…`). English is the language of the wire: a
//! finding's `message`, as the JSON routes, the audit and receipts carry it, is its message
//! rendered from `locales/en.ftl`; the pages show it in their own language from the same
//! message and arguments.

/// The message file of a language (`ar`, `zh`, `en`, `fr`, `ru`, `es`), or `None`.
pub fn locale(code: &str) -> Option<&'static str> {
    Some(match code {
        "ar" => include_str!("../locales/ar.ftl"),
        "zh" => include_str!("../locales/zh.ftl"),
        "en" => include_str!("../locales/en.ftl"),
        "fr" => include_str!("../locales/fr.ftl"),
        "ru" => include_str!("../locales/ru.ftl"),
        "es" => include_str!("../locales/es.ftl"),
        _ => return None,
    })
}

/// The text of a rule, or an empty string for an id that names no rule.
pub fn rule_text(id: &str) -> &'static str {
    id.parse::<crate::RuleId>().map_or("", |r| r.text())
}
