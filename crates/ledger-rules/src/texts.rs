//! The text of each rule, as rules.md states it, for people reading a finding. The texts live on
//! [`RuleId`](crate::RuleId); this looks one up by its id string (for pages that read findings
//! as JSON).

/// The text of a rule, or an empty string for an id that names no rule.
pub fn rule_text(id: &str) -> &'static str {
    id.parse::<crate::RuleId>().map_or("", |r| r.text())
}
