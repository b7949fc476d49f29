//! C2SP tlog-policy (contract §10): which logs and witnesses count, and the quorum of witness
//! cosignatures a checkpoint needs. Parsed strictly (names defined before use, each member
//! once, 1 ≤ k ≤ n, one quorum line, no duplicate keys) and evaluated over the cosignatures
//! that verify.

use crate::cosig::CosignerKey;
use crate::keys::VerifierKey;
use crate::note::Checkpoint;
use std::collections::{BTreeMap, HashMap, HashSet};

#[derive(Clone, Debug)]
pub struct PolicyWitness {
    pub name: String,
    pub key: CosignerKey,
    pub url: Option<String>,
}

#[derive(Clone, Debug)]
pub struct PolicyGroup {
    pub name: String,
    pub threshold: usize,
    pub members: Vec<String>,
}

#[derive(Clone, Debug)]
pub struct Policy {
    pub logs: Vec<(VerifierKey, Option<String>)>,
    pub witnesses: Vec<PolicyWitness>,
    pub groups: Vec<PolicyGroup>,
    /// None: `quorum none`.
    pub quorum: Option<String>,
}

/// A checkpoint that satisfies a policy: the checkpoint, the log key that signed it, and the
/// witnesses whose cosignatures verify, with their timestamps.
#[derive(Clone, Debug)]
pub struct Witnessed {
    pub checkpoint: Checkpoint,
    pub log: VerifierKey,
    pub cosigned: BTreeMap<String, u64>,
}

impl Policy {
    pub fn parse(text: &str) -> Result<Policy, String> {
        let mut logs: Vec<(VerifierKey, Option<String>)> = Vec::new();
        let mut witnesses: Vec<PolicyWitness> = Vec::new();
        let mut groups: Vec<PolicyGroup> = Vec::new();
        let mut quorum: Option<Option<String>> = None;
        let mut names: HashSet<String> = HashSet::new();
        let mut keys: HashSet<[u8; 32]> = HashSet::new();
        for (n, raw) in text.split('\n').enumerate() {
            let at = |why: String| format!("policy line {}: {why}", n + 1);
            if let Some(b) = raw.bytes().find(|b| *b < 0x20 && *b != b'\t' || *b == 0x7f) {
                return Err(at(format!("control character {b:#04x}")));
            }
            let line = raw.trim_matches([' ', '\t']);
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let items: Vec<&str> = line.split([' ', '\t']).filter(|s| !s.is_empty()).collect();
            match items[0] {
                "log" => {
                    let (vkey, url) = match items.as_slice() {
                        [_, k] => (*k, None),
                        [_, k, u] => (*k, Some(u.to_string())),
                        _ => return Err(at("expected: log <vkey> [<url>]".into())),
                    };
                    let key = VerifierKey::parse(vkey).map_err(|e| at(format!("log key: {e}")))?;
                    if !keys.insert(key.public_key().to_bytes()) {
                        return Err(at("duplicate key".into()));
                    }
                    logs.push((key, url));
                }
                "witness" => {
                    let (name, vkey, url) = match items.as_slice() {
                        [_, n, k] => (*n, *k, None),
                        [_, n, k, u] => (*n, *k, Some(u.to_string())),
                        _ => return Err(at("expected: witness <name> <vkey> [<url>]".into())),
                    };
                    if name == "none" || !names.insert(name.to_owned()) {
                        return Err(at(format!("the name {name:?} is already defined")));
                    }
                    let key =
                        CosignerKey::parse(vkey).map_err(|e| at(format!("witness key: {e}")))?;
                    if !keys.insert(*key.public_key()) {
                        return Err(at("duplicate key".into()));
                    }
                    witnesses.push(PolicyWitness {
                        name: name.to_owned(),
                        key,
                        url,
                    });
                }
                "group" => {
                    let [_, name, k, members @ ..] = items.as_slice() else {
                        return Err(at("expected: group <name> all|any|<k> <name>...".into()));
                    };
                    if members.is_empty() {
                        return Err(at("a group needs at least one member".into()));
                    }
                    let mut seen = HashSet::new();
                    for m in members {
                        if *m == "none" || !names.contains(*m) {
                            return Err(at(format!("{m:?} is not defined on an earlier line")));
                        }
                        if !seen.insert(*m) {
                            return Err(at(format!("{m:?} is listed twice")));
                        }
                    }
                    let threshold = match *k {
                        "all" => members.len(),
                        "any" => 1,
                        k => {
                            let ok = !k.is_empty()
                                && k.bytes().all(|b| b.is_ascii_digit())
                                && !k.starts_with('0');
                            let v: usize = k.parse().ok().filter(|_| ok).ok_or_else(|| {
                                at(format!(
                                    "threshold {k:?} is not all, any or a decimal number"
                                ))
                            })?;
                            if v < 1 || v > members.len() {
                                return Err(at(format!(
                                    "threshold {v} is not between 1 and {}",
                                    members.len()
                                )));
                            }
                            v
                        }
                    };
                    if *name == "none" || !names.insert(name.to_string()) {
                        return Err(at(format!("the name {name:?} is already defined")));
                    }
                    groups.push(PolicyGroup {
                        name: name.to_string(),
                        threshold,
                        members: members.iter().map(|m| m.to_string()).collect(),
                    });
                }
                "quorum" => {
                    let [_, name] = items.as_slice() else {
                        return Err(at("expected: quorum <name>".into()));
                    };
                    if quorum.is_some() {
                        return Err(at("a second quorum line".into()));
                    }
                    if *name != "none" && !names.contains(*name) {
                        return Err(at(format!("{name:?} is not defined on an earlier line")));
                    }
                    quorum = Some((*name != "none").then(|| name.to_string()));
                }
                other => return Err(at(format!("unknown keyword {other:?}"))),
            }
        }
        let quorum = quorum.ok_or("the policy has no quorum line")?;
        Ok(Policy {
            logs,
            witnesses,
            groups,
            quorum,
        })
    }

    /// Whether `name` (a witness or group) has witnessed, given the witnesses that cosigned.
    fn holds(
        &self,
        name: &str,
        cosigned: &HashSet<&str>,
        memo: &mut HashMap<String, bool>,
    ) -> bool {
        if let Some(v) = memo.get(name) {
            return *v;
        }
        let v = match self.groups.iter().find(|g| g.name == name) {
            Some(g) => {
                g.members
                    .iter()
                    .filter(|m| self.holds(m, cosigned, memo))
                    .count()
                    >= g.threshold
            }
            None => cosigned.contains(name),
        };
        memo.insert(name.to_owned(), v);
        v
    }

    /// Whether these witnesses' cosignatures satisfy the quorum.
    pub fn quorum_met<'a>(&self, cosigned: impl IntoIterator<Item = &'a str>) -> bool {
        let set: HashSet<&str> = cosigned.into_iter().collect();
        match &self.quorum {
            None => true,
            Some(q) => self.holds(q, &set, &mut HashMap::new()),
        }
    }

    /// The groups (and the quorum) that are short, each as `<name>: k of n needed, m witnessed`.
    pub fn shortfall<'a>(&self, cosigned: impl IntoIterator<Item = &'a str>) -> Vec<String> {
        let set: HashSet<&str> = cosigned.into_iter().collect();
        let mut memo = HashMap::new();
        let mut out = Vec::new();
        for g in &self.groups {
            let have = g
                .members
                .iter()
                .filter(|m| self.holds(m, &set, &mut memo))
                .count();
            if have < g.threshold {
                out.push(format!(
                    "group {}: {} of its {} members needed, {have} witnessed",
                    g.name,
                    g.threshold,
                    g.members.len()
                ));
            }
        }
        if let Some(q) = &self.quorum {
            if !self.groups.iter().any(|g| &g.name == q) && !set.contains(q.as_str()) {
                out.push(format!("witness {q}: its cosignature is needed"));
            }
        }
        out
    }

    /// Verifies a checkpoint note under the policy: signed by one of its logs (the log key
    /// named by the origin), and cosigned by witnesses that make the quorum. The error says
    /// which group is short.
    pub fn verify(&self, note: &str) -> Result<Witnessed, String> {
        let (cp, signed) = Checkpoint::parse_unverified(note).map_err(|e| e.to_string())?;
        let log = self
            .logs
            .iter()
            .map(|(k, _)| k)
            .find(|k| k.name() == cp.origin)
            .ok_or_else(|| format!("the policy lists no log with origin {:?}", cp.origin))?;
        let cp = Checkpoint::parse_verified(note, log).map_err(|e| e.to_string())?;
        let mut cosigned = BTreeMap::new();
        for w in &self.witnesses {
            if let Some(t) = w.key.cosigned_at(&signed) {
                cosigned.insert(w.name.clone(), t);
            }
        }
        if !self.quorum_met(cosigned.keys().map(String::as_str)) {
            let short = self.shortfall(cosigned.keys().map(String::as_str));
            return Err(format!(
                "the checkpoint of {} entries does not have the policy's quorum of cosignatures ({} valid: {}): {}",
                cp.size,
                cosigned.len(),
                if cosigned.is_empty() { "none".to_owned() } else { cosigned.keys().cloned().collect::<Vec<_>>().join(", ") },
                short.join("; ")
            ));
        }
        Ok(Witnessed {
            checkpoint: cp,
            log: log.clone(),
            cosigned,
        })
    }
}
