//! The rules of procedure and the Protocol: R.bureau_composition, R.consensus,
//! R.counted_parties.

use super::{is_cop_mop_bureau, EntryFacts};
use crate::model::*;
use crate::msg::{word, Msg};
use crate::{msg, Finding, RuleId, Settings, Subject};
use ledger_events::events::*;
use ledger_events::time::Instant;

/// What is wrong with a Bureau's composition at `t` (empty when it is right), and the entries
/// that show it.
pub fn composition_problems(
    model: &Model,
    settings: &Settings,
    e: &ElectionRec,
    t: Instant,
) -> (Vec<Msg>, Vec<u64>) {
    let seats = model.seats_at(e, t);
    let mut problems = Vec::new();
    let mut evidence = vec![e.at.index];
    evidence.extend(seats.iter().map(|seat| seat.index));
    let presidents = seats
        .iter()
        .filter(|seat| seat.member.role == MemberRole::President)
        .count();
    let vps: Vec<&Member> = seats
        .iter()
        .map(|seat| &seat.member)
        .filter(|m| m.role == MemberRole::VicePresident)
        .collect();
    let rapporteurs = seats.iter().filter(|seat| seat.member.rapporteur).count();
    if presidents != settings.bureau_presidents {
        problems.push(msg!(
            "f-comp-presidents",
            count = presidents,
            want = settings.bureau_presidents
        ));
    }
    if vps.len() != settings.bureau_vice_presidents {
        problems.push(msg!(
            "f-comp-vps",
            count = vps.len(),
            want = settings.bureau_vice_presidents
        ));
    }
    if rapporteurs != settings.bureau_rapporteurs {
        problems.push(msg!(
            "f-comp-rapporteurs",
            count = rapporteurs,
            want = settings.bureau_rapporteurs
        ));
    }
    for r in Region::ALL {
        let n = vps.iter().filter(|m| m.region == Some(*r)).count();
        if n != settings.bureau_vice_presidents_per_region {
            problems.push(msg!(
                "f-comp-region",
                count = n,
                region = word(r),
                want = settings.bureau_vice_presidents_per_region
            ));
        }
    }
    let no_region = vps.iter().filter(|m| m.region.is_none()).count();
    if no_region > 0 {
        problems.push(msg!("f-comp-no-region", count = no_region));
    }
    for Seat { member: m, on, .. } in &seats {
        match model.party(m.party_id.as_str()) {
            Some(p) if p.protocol_party_on(*on) => {}
            Some(p) => {
                evidence.extend(p.evidence());
                problems.push(msg!(
                    "f-comp-not-party",
                    member = m.member_id.as_str(),
                    party = m.party_id.as_str(),
                    on = on.to_string()
                ));
            }
            None => problems.push(msg!(
                "f-comp-unknown-party",
                member = m.member_id.as_str(),
                party = m.party_id.as_str()
            )),
        }
    }
    (problems, evidence)
}

/// R.bureau_composition, as judged when a Bureau decision relied on the Bureau.
pub(super) fn bureau_composition(
    model: &Model,
    settings: &Settings,
    bd: &At<BureauDecision>,
) -> Option<Finding> {
    let t = bd.ev.decided_at.at;
    let e = model
        .election_for(bd.ev.bureau_id.as_str(), t)
        .filter(|e| is_cop_mop_bureau(model, e))?;
    let (problems, mut evidence) = composition_problems(model, settings, e, t);
    if problems.is_empty() {
        return None;
    }
    evidence.push(bd.index);
    Some(Finding::new(
        RuleId::RBureauComposition,
        Subject::bureau(&bd.ev.bureau_id),
        msg!(
            "f-comp-relied",
            decision = bd.ev.decision_id.as_str(),
            at = bd.ev.decided_at.as_str(),
            problems = problems
        ),
        evidence,
    ))
}

pub(super) fn r_consensus(d: &At<DecisionAdopted>, out: &mut Vec<Finding>) {
    if d.ev.category == Category::Substantive && d.ev.method == AdoptionMethod::Vote {
        out.push(Finding::new(
            RuleId::RConsensus,
            Subject::decision(&d.ev.decision_id),
            msg!("f-consensus"),
            [d.index],
        ));
    }
}

pub(super) fn r_counted_parties(model: &Model, i: u64, facts: &EntryFacts, out: &mut Vec<Finding>) {
    if let Some((party, t, what)) = facts.counted() {
        let p = model.party(party);
        if !p.is_some_and(|p| p.protocol_party_at(t)) {
            let mut ev = vec![i];
            if let Some(p) = p {
                ev.extend(p.evidence());
            }
            out.push(Finding::new(
                RuleId::RCountedParties,
                Subject::Entry(i),
                msg!(
                    "f-counted",
                    what = Msg::plain(counted_what(what)),
                    party = party,
                    on = t.date().to_string()
                ),
                ev,
            ));
        }
    }
}

/// The message of one of the fixed `what` texts of `EntryFacts::counted`.
fn counted_what(what: &str) -> &'static str {
    match what {
        "consultation response" => "f-what-response",
        "silence objection" => "f-what-objection",
        "silence amendment" => "f-what-amendment",
        "silence comment" => "f-what-comment",
        _ => "f-what-support",
    }
}
