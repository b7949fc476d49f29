//! The rules as types: every rule of rules.md with its id, its severity and its text in one place
//! ([`RuleId`]), and the things findings are about ([`Subject`]).
//!
//! A rule either always weighs the same ([`Grading::Fixed`]: [`crate::Finding::new`] takes the
//! severity from the rule), or weighs each finding on its facts ([`Grading::PerFinding`]:
//! [`crate::Finding::graded`] takes the severity from the call site). The rules of the second kind
//! are P2.consult_then_decide (a violation, or advisory when the circumstances are not found
//! prolonged), P5.limited_membership (info on a meeting, advisory on an unmandated body),
//! P6.bureau_online (info on a Bureau meeting online, a violation on a decision adopted in one)
//! and P7.scenario_note (a violation, or advisory for a note by the presiding officer).

use crate::Severity;
use serde::{Deserialize, Serialize};
use std::cmp::Ordering;
use std::fmt;
use std::str::FromStr;

/// How a rule's findings are weighed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Grading {
    /// Every finding of the rule has this severity.
    Fixed(Severity),
    /// The severity depends on the finding; the check states it.
    PerFinding,
}

macro_rules! rules {
    ($($variant:ident = $id:literal, $grading:expr;)*) => {
        /// A rule of rules.md. Serializes as its id string (e.g. `"P2.online_scope"`).
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
        pub enum RuleId {
            $(#[serde(rename = $id)] $variant,)*
        }

        impl RuleId {
            /// Every rule, in the order of rules.md.
            pub const ALL: &'static [RuleId] = &[$(RuleId::$variant,)*];

            /// The id string, as findings carry it.
            pub const fn as_str(self) -> &'static str {
                match self { $(RuleId::$variant => $id,)* }
            }

            /// How the rule's findings are weighed.
            pub const fn grading(self) -> Grading {
                match self { $(RuleId::$variant => $grading,)* }
            }

            /// The rule as rules.md states it, for people reading a finding: the message
            /// `rule-<id>` of `locales/en.ftl` (`.` as `-`); [`RuleId::text_in`] for the other
            /// languages.
            pub fn text(self) -> &'static str {
                static TEXTS: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
                let texts = TEXTS.get_or_init(|| {
                    RuleId::ALL.iter().map(|r| r.text_in("en")).collect()
                });
                let k = RuleId::ALL.iter().position(|r| *r == self).unwrap_or(0);
                texts[k].as_str()
            }

            /// The rule's text in a language of `locales/` (`ar`, `zh`, `en`, `fr`, `ru`, `es`).
            pub fn text_in(self, lang: &str) -> String {
                crate::msg::format(lang, &format!("rule-{}", self.as_str().replace('.', "-")), &[])
            }
        }
    };
}

use Grading::{Fixed, PerFinding};
use Severity::{Advisory as A, Info as I, Violation as V};

rules! {
    P1InPersonDefault = "P1.in_person_default", Fixed(V);
    P2ConsultThenDecide = "P2.consult_then_decide", PerFinding;
    P2OnlineScope = "P2.online_scope", Fixed(V);
    P5LimitedMembership = "P5.limited_membership", PerFinding;
    P6BureauOnline = "P6.bureau_online", PerFinding;
    P3SilenceBasis = "P3.silence_basis", Fixed(V);
    P3ExtraordinaryBasis = "P3.extraordinary_basis", Fixed(V);
    P3SilenceOutcome = "P3.silence_outcome", Fixed(V);
    P3SilencePeriod = "P3.silence_period", Fixed(A);
    P3Urgency = "P3.urgency", Fixed(A);
    P4Webcast = "P4.webcast", Fixed(V);
    P7ScenarioNote = "P7.scenario_note", PerFinding;
    P7TimeZones = "P7.time_zones", Fixed(A);
    P7SessionLength = "P7.session_length", Fixed(A);
    P7ParticipationSupport = "P7.participation_support", Fixed(A);
    RBureauComposition = "R.bureau_composition", Fixed(V);
    RConsensus = "R.consensus", Fixed(V);
    RCountedParties = "R.counted_parties", Fixed(I);
    LLateRecord = "L.late_record", Fixed(A);
    LFutureTime = "L.future_time", Fixed(A);
    LRetrospective = "L.retrospective", Fixed(I);
    LPeriodCounts = "L.period_counts", Fixed(V);
    LAfterClose = "L.after_close", Fixed(V);
}

/// The id string; honours width and alignment (`{:<26}`) as a `&str` does.
impl fmt::Display for RuleId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}

/// An id string that names no rule.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("unknown rule id {0:?}")]
pub struct UnknownRule(pub String);

impl FromStr for RuleId {
    type Err = UnknownRule;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        RuleId::ALL
            .iter()
            .copied()
            .find(|r| r.as_str() == s)
            .ok_or_else(|| UnknownRule(s.to_owned()))
    }
}

/// Rules order as their id strings do (findings are sorted by them).
impl Ord for RuleId {
    fn cmp(&self, other: &Self) -> Ordering {
        self.as_str().cmp(other.as_str())
    }
}
impl PartialOrd for RuleId {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// What a finding is about (contract §6): `<kind>:<id>`. Serializes as that string.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(into = "String", try_from = "String")]
pub enum Subject {
    Decision(String),
    Meeting(String),
    Session(String),
    Procedure(String),
    BureauDecision(String),
    Consultation(String),
    Bureau(String),
    Body(String),
    Request(String),
    Period(String),
    /// An entry of the log, by index.
    Entry(u64),
}

impl Subject {
    /// The kind, as the string form spells it.
    pub fn kind(&self) -> &'static str {
        match self {
            Subject::Decision(_) => "decision",
            Subject::Meeting(_) => "meeting",
            Subject::Session(_) => "session",
            Subject::Procedure(_) => "procedure",
            Subject::BureauDecision(_) => "bureau_decision",
            Subject::Consultation(_) => "consultation",
            Subject::Bureau(_) => "bureau",
            Subject::Body(_) => "body",
            Subject::Request(_) => "request",
            Subject::Period(_) => "period",
            Subject::Entry(_) => "entry",
        }
    }

    /// The id part, as the string form spells it.
    pub fn id(&self) -> std::borrow::Cow<'_, str> {
        match self {
            Subject::Decision(s)
            | Subject::Meeting(s)
            | Subject::Session(s)
            | Subject::Procedure(s)
            | Subject::BureauDecision(s)
            | Subject::Consultation(s)
            | Subject::Bureau(s)
            | Subject::Body(s)
            | Subject::Request(s)
            | Subject::Period(s) => std::borrow::Cow::Borrowed(s),
            Subject::Entry(i) => std::borrow::Cow::Owned(i.to_string()),
        }
    }

    pub fn decision(id: impl fmt::Display) -> Self {
        Subject::Decision(id.to_string())
    }
    pub fn meeting(id: impl fmt::Display) -> Self {
        Subject::Meeting(id.to_string())
    }
    pub fn session(id: impl fmt::Display) -> Self {
        Subject::Session(id.to_string())
    }
    pub fn procedure(id: impl fmt::Display) -> Self {
        Subject::Procedure(id.to_string())
    }
    pub fn bureau_decision(id: impl fmt::Display) -> Self {
        Subject::BureauDecision(id.to_string())
    }
    pub fn bureau(id: impl fmt::Display) -> Self {
        Subject::Bureau(id.to_string())
    }
    pub fn body(id: impl fmt::Display) -> Self {
        Subject::Body(id.to_string())
    }
    pub fn request(id: impl fmt::Display) -> Self {
        Subject::Request(id.to_string())
    }
    pub fn period(id: impl fmt::Display) -> Self {
        Subject::Period(id.to_string())
    }
}

/// `<kind>:<id>`; honours width and alignment as a `&str` does.
impl fmt::Display for Subject {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if f.width().is_none() && f.precision().is_none() {
            write!(f, "{}:{}", self.kind(), self.id())
        } else {
            f.pad(&format!("{}:{}", self.kind(), self.id()))
        }
    }
}

/// A string that is not `<kind>:<id>` with a kind of contract §6.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("not a finding subject (<kind>:<id> with a kind of contract §6): {0:?}")]
pub struct BadSubject(pub String);

impl FromStr for Subject {
    type Err = BadSubject;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bad = || BadSubject(s.to_owned());
        let (kind, id) = s.split_once(':').ok_or_else(bad)?;
        let id = id.to_owned();
        Ok(match kind {
            "decision" => Subject::Decision(id),
            "meeting" => Subject::Meeting(id),
            "session" => Subject::Session(id),
            "procedure" => Subject::Procedure(id),
            "bureau_decision" => Subject::BureauDecision(id),
            "consultation" => Subject::Consultation(id),
            "bureau" => Subject::Bureau(id),
            "body" => Subject::Body(id),
            "request" => Subject::Request(id),
            "period" => Subject::Period(id),
            // Only the canonical spelling of an index, so that the string form round-trips.
            "entry" => match id.parse::<u64>() {
                Ok(i) if i.to_string() == id => Subject::Entry(i),
                _ => return Err(bad()),
            },
            _ => return Err(bad()),
        })
    }
}

impl From<Subject> for String {
    fn from(s: Subject) -> String {
        s.to_string()
    }
}

impl TryFrom<String> for Subject {
    type Error = BadSubject;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        s.parse()
    }
}

/// Subjects order as their string forms do (findings are sorted by them): kind, then id.
/// (Comparing the kinds first gives the string order: the only kind that is a prefix of another,
/// `bureau` of `bureau_decision`, sorts first either way, as ':' < '_'.)
impl Ord for Subject {
    fn cmp(&self, other: &Self) -> Ordering {
        self.kind()
            .cmp(other.kind())
            .then_with(|| self.id().cmp(&other.id()))
    }
}
impl PartialOrd for Subject {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rule_ids_round_trip_and_are_unique() {
        for r in RuleId::ALL {
            assert_eq!(r.as_str().parse::<RuleId>().unwrap(), *r);
            assert_eq!(serde_json::to_value(r).unwrap(), r.as_str());
            assert!(!r.text().is_empty());
        }
        let mut ids: Vec<&str> = RuleId::ALL.iter().map(|r| r.as_str()).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), RuleId::ALL.len());
        assert!("P2.onlinescope".parse::<RuleId>().is_err());
    }

    #[test]
    fn rule_order_is_the_id_string_order() {
        for a in RuleId::ALL {
            for b in RuleId::ALL {
                assert_eq!(a.cmp(b), a.as_str().cmp(b.as_str()), "{a} {b}");
            }
        }
    }

    #[test]
    fn subjects_round_trip_and_order_as_strings() {
        let all = [
            "decision:d1",
            "meeting:m",
            "session:s:1",
            "procedure:p",
            "bureau_decision:bd",
            "consultation:c",
            "bureau:b",
            "bureau:b_x",
            "bureau_decision:a",
            "body:x",
            "request:r",
            "period:2024",
            "entry:0",
            "entry:9",
            "entry:10",
            "meeting:",
        ];
        let subjects: Vec<Subject> = all.iter().map(|s| s.parse().unwrap()).collect();
        for (s, text) in subjects.iter().zip(all) {
            assert_eq!(s.to_string(), text);
            assert_eq!(serde_json::to_value(s).unwrap(), text);
            let back: Subject = serde_json::from_value(serde_json::json!(text)).unwrap();
            assert_eq!(&back, s);
        }
        for (a, sa) in subjects.iter().zip(all) {
            for (b, sb) in subjects.iter().zip(all) {
                assert_eq!(a.cmp(b), sa.cmp(sb), "{sa} {sb}");
            }
        }
        assert_eq!(
            format!("[{:<12}]", Subject::meeting("m1")),
            format!("[{:<12}]", "meeting:m1")
        );
        assert_eq!(
            format!("[{:<26}]", RuleId::P4Webcast),
            format!("[{:<26}]", "P4.webcast")
        );
        for bad in ["meeting", "entry:01", "entry:x", "thing:1", ""] {
            assert!(bad.parse::<Subject>().is_err(), "{bad}");
        }
    }
}
