//! The historical cases of cases.md, encoded as event files (`cases/*.json`), compiled into the
//! binary: the rule tests load them and `dledger serve --demo` appends them to a new ledger. Each
//! file lists events in log order with the role that would really sign each, and the findings
//! and verdicts the rules must give. Keys are not in the files: whoever loads a case makes a key
//! per signer and registers it (as the admin) before its first use.

use serde::Deserialize;
use serde_json::{json, Value};
use std::collections::BTreeMap;

/// The case files, registry first.
pub const FILES: &[(&str, &str)] = &[
    (
        "00-registry.json",
        include_str!("../cases/00-registry.json"),
    ),
    ("C1.json", include_str!("../cases/C1.json")),
    ("C2.json", include_str!("../cases/C2.json")),
    ("C3.json", include_str!("../cases/C3.json")),
    ("C4.json", include_str!("../cases/C4.json")),
    ("C5.json", include_str!("../cases/C5.json")),
    (
        "C5-variant-substantive.json",
        include_str!("../cases/C5-variant-substantive.json"),
    ),
    ("C6.json", include_str!("../cases/C6.json")),
    ("C7.json", include_str!("../cases/C7.json")),
    // Not a historical record: the illustrative scenario, labelled as such wherever it is shown
    // (its ids start with `illustrative-`).
    (
        "I1-illustrative.json",
        include_str!("../cases/I1-illustrative.json"),
    ),
];

/// Whether an id belongs to the illustrative scenario (not a historical record).
pub fn is_illustrative(id: &str) -> bool {
    id.starts_with("illustrative-")
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Case {
    pub case: String,
    pub title: String,
    pub summary: String,
    pub sources: Vec<String>,
    #[serde(default)]
    pub notes: Option<Value>,
    pub events: Vec<CaseEvent>,
    pub expected: Expected,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CaseEvent {
    pub signer: String,
    pub event: Value,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Expected {
    #[serde(default)]
    pub verdicts: BTreeMap<String, String>,
    #[serde(default)]
    pub findings: Vec<ExpectedFinding>,
    #[serde(default)]
    pub absent: Vec<AbsentFinding>,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExpectedFinding {
    pub rule: String,
    pub severity: String,
    pub subject: String,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AbsentFinding {
    pub rule: String,
    pub subject: String,
}

/// Why the case data cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum CaseError {
    /// A case file is not a case (its JSON or its shape).
    #[error("cases/{file}: {source}")]
    File {
        file: &'static str,
        #[source]
        source: serde_json::Error,
    },
    /// An event names a signer that is none of `admin`, `secretariat`, `party:<id>`,
    /// `member:<bureau>/<member>`.
    #[error("unknown signer {0:?}")]
    UnknownSigner(String),
}

/// Every case file, parsed; the registry is the first.
pub fn all() -> Result<Vec<Case>, CaseError> {
    FILES
        .iter()
        .map(|(name, text)| {
            serde_json::from_str::<Case>(text)
                .map_err(|source| CaseError::File { file: name, source })
        })
        .collect()
}

/// Who signs an event of a case.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Signer {
    Admin,
    Secretariat,
    Party(String),
    Member { bureau: String, member: String },
}

impl Signer {
    pub fn parse(s: &str) -> Result<Signer, CaseError> {
        match s {
            "admin" => Ok(Signer::Admin),
            "secretariat" => Ok(Signer::Secretariat),
            _ => {
                if let Some(p) = s.strip_prefix("party:") {
                    return Ok(Signer::Party(p.to_owned()));
                }
                if let Some((b, m)) = s.strip_prefix("member:").and_then(|r| r.split_once('/')) {
                    return Ok(Signer::Member {
                        bureau: b.to_owned(),
                        member: m.to_owned(),
                    });
                }
                Err(CaseError::UnknownSigner(s.to_owned()))
            }
        }
    }

    /// A key name for this signer (C2SP names: 1-64 of `[A-Za-z0-9._/-]`).
    pub fn key_name(&self) -> String {
        let clean = |s: &str| -> String {
            s.chars()
                .map(|c| {
                    if c.is_ascii_alphanumeric() || "._-".contains(c) {
                        c
                    } else {
                        '-'
                    }
                })
                .collect()
        };
        let name = match self {
            Signer::Admin => "admin".to_owned(),
            Signer::Secretariat => "secretariat".to_owned(),
            Signer::Party(p) => format!("party.{}", clean(p)),
            Signer::Member { bureau, member } => {
                format!("member.{}.{}", clean(bureau), clean(member))
            }
        };
        name.chars().take(64).collect()
    }

    /// The `key.registered` data binding a key of this signer (without `vkey`).
    pub fn binding(&self) -> Value {
        match self {
            Signer::Admin => json!({"role": "admin"}),
            Signer::Secretariat => {
                json!({"role": "secretariat", "note": "demo key of the Secretariat"})
            }
            Signer::Party(p) => json!({"role": "party", "party_id": p}),
            Signer::Member { bureau, member } => {
                json!({"role": "bureau_member", "bureau_id": bureau, "member_id": member})
            }
        }
    }
}
