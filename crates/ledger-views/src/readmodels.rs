//! Read models: what `GET /v1/meetings`, `/v1/decisions`, `/v1/silence`, `/v1/parties` and the web
//! pages show, built from the rules' [`Model`] and the findings, never from anything else, so a
//! page can never disagree with `dledger verify`. Pure functions returning JSON values.

use ledger_events::events::*;
use ledger_events::time::{Instant, MINUTE};
use ledger_rules::checks::{
    self, breaking_objections, class_of, determination, sessions_of, BodyClass,
};
use ledger_rules::model::*;
use ledger_rules::{Audit, DecisionVerdict, Finding, Scope, Settings};
use serde_json::{json, Value};
use std::collections::{BTreeSet, HashMap};

/// A snapshot of the projections: the model, every finding, and the verdicts.
pub struct ReadContext<'a> {
    pub model: &'a Model,
    pub settings: &'a Settings,
    pub findings: &'a [Finding],
    pub verdicts: &'a [DecisionVerdict],
    by_subject: HashMap<String, Vec<&'a Finding>>,
    verdict_of: HashMap<&'a str, &'a DecisionVerdict>,
}

impl<'a> ReadContext<'a> {
    pub fn new(
        model: &'a Model,
        settings: &'a Settings,
        findings: &'a [Finding],
        verdicts: &'a [DecisionVerdict],
    ) -> Self {
        let mut by_subject: HashMap<String, Vec<&Finding>> = HashMap::new();
        for f in findings {
            by_subject.entry(f.subject.to_string()).or_default().push(f);
        }
        let verdict_of = verdicts
            .iter()
            .map(|v| (v.decision_id.as_str(), v))
            .collect();
        ReadContext {
            model,
            settings,
            findings,
            verdicts,
            by_subject,
            verdict_of,
        }
    }

    pub fn from_audit(model: &'a Model, audit: &'a Audit) -> Self {
        Self::new(model, &audit.settings, &audit.findings, &audit.decisions)
    }

    fn on(&self, subject: &str) -> Vec<&'a Finding> {
        self.by_subject.get(subject).cloned().unwrap_or_default()
    }

    pub fn verdict(&self, decision: &str) -> Option<&'a DecisionVerdict> {
        self.verdict_of.get(decision).copied()
    }
}

fn count_severity(fs: &[&Finding], sev: ledger_rules::Severity) -> usize {
    fs.iter().filter(|f| f.severity == sev).count()
}

/// Webcast coverage of a session: the share of [start, end] covered, and the gaps.
pub fn webcast_coverage(s: &SessionRec) -> Value {
    let (start, end) = (s.s.ev.started_at.at, s.s.ev.ended_at.at);
    let mut casts: Vec<(Instant, Instant)> = s
        .webcasts
        .iter()
        .map(|w| (w.ev.started_at.at.max(start), w.ev.ended_at.at.min(end)))
        .filter(|(a, b)| b > a)
        .collect();
    casts.sort();
    let mut covered = 0i128;
    let mut cursor = start;
    let mut gaps = Vec::new();
    for (a, b) in casts {
        if a > cursor {
            gaps.push(json!({"from": cursor.to_string(), "to": a.to_string(), "minutes": (a.0 - cursor.0) / MINUTE}));
        }
        if b > cursor {
            covered += b.0 - a.max(cursor).0;
            cursor = b;
        }
    }
    if end > cursor {
        gaps.push(json!({"from": cursor.to_string(), "to": end.to_string(), "minutes": (end.0 - cursor.0) / MINUTE}));
    }
    let total = (end.0 - start.0).max(1);
    json!({"covered_percent": (covered * 100 / total) as i64, "gaps": gaps})
}

fn session_json(ctx: &ReadContext, s: &SessionRec) -> Value {
    let subject = format!("session:{}", s.s.ev.session_id);
    json!({
        "session_id": s.s.ev.session_id,
        "mode": s.s.ev.mode,
        "started_at": s.s.ev.started_at.as_str(),
        "ended_at": s.s.ev.ended_at.as_str(),
        "minutes": (s.s.ev.ended_at.at.0 - s.s.ev.started_at.at.0) / MINUTE,
        "index": s.s.index,
        "webcasts": s.webcasts.iter().map(|w| json!({"started_at": w.ev.started_at.as_str(), "ended_at": w.ev.ended_at.as_str(), "access": w.ev.access, "index": w.index})).collect::<Vec<_>>(),
        "webcast_coverage": webcast_coverage(s),
        "decisions": s.decisions,
        "findings": ctx.on(&subject),
    })
}

fn consultation_json(model: &Model, id: &str) -> Value {
    match model.consultations.get(id) {
        None => json!({"consultation_id": id, "recorded": false}),
        Some(c) => json!({
            "consultation_id": id,
            "kind": c.opened.ev.kind,
            "region": c.opened.ev.region,
            "subject": c.opened.ev.subject,
            "opened_at": c.opened.ev.opened_at.as_str(),
            "closes_at": c.opened.ev.closes_at.as_ref().map(|t| t.as_str()),
            "closed_at": c.closed.as_ref().map(|x| x.ev.closed_at.as_str()),
            "summary": c.closed.as_ref().map(|x| x.ev.summary.as_str()),
            "responses": c.responses.iter().map(|r| json!({"party_id": r.ev.party_id, "position": r.ev.position,
                "responded_at": r.ev.responded_at.as_str(), "index": r.index,
                "counted": model.protocol_party_at(r.ev.party_id.as_str(), r.ev.responded_at.at)})).collect::<Vec<_>>(),
            "index": c.opened.index,
            "closed_index": c.closed.as_ref().map(|x| x.index),
        }),
    }
}

/// A Bureau decision with its consultations, endorsements and findings.
pub fn bureau_decision_json(ctx: &ReadContext, bd: &At<BureauDecision>) -> Value {
    let subject = format!("bureau_decision:{}", bd.ev.decision_id);
    let mut findings = ctx.on(&subject);
    for f in ctx.on(&format!("bureau:{}", bd.ev.bureau_id)) {
        if f.evidence.contains(&bd.index) {
            findings.push(f);
        }
    }
    json!({
        "decision_id": bd.ev.decision_id,
        "bureau_id": bd.ev.bureau_id,
        "subject": bd.ev.subject,
        "decided_at": bd.ev.decided_at.as_str(),
        "method": bd.ev.method,
        "exceptional_circumstances": bd.ev.exceptional_circumstances,
        "members_participating": bd.ev.members_participating,
        "endorsing_members": ctx.model.endorsing_members(bd),
        "consultations": bd.ev.consultation_ids.iter().map(|c| consultation_json(ctx.model, c.as_str())).collect::<Vec<_>>(),
        "index": bd.index,
        "findings": findings,
    })
}

fn meeting_findings<'a>(ctx: &ReadContext<'a>, m: &MeetingRec) -> Vec<&'a Finding> {
    let mut subjects = vec![format!("meeting:{}", m.conv.ev.meeting_id)];
    subjects.extend(m.sessions.iter().map(|s| format!("session:{s}")));
    subjects.extend(m.decisions.iter().map(|d| format!("decision:{d}")));
    subjects.extend(m.procedures.iter().map(|p| format!("procedure:{p}")));
    subjects.extend(m.support_requests.iter().map(|r| format!("request:{r}")));
    let mut out: Vec<&Finding> = subjects.iter().flat_map(|s| ctx.on(s)).collect();
    out.dedup();
    out
}

/// One line of `GET /v1/meetings`.
pub fn meeting_summary(ctx: &ReadContext, m: &MeetingRec) -> Value {
    let fs = meeting_findings(ctx, m);
    let kind = ctx.model.body_kind(m.conv.ev.body_id.as_str());
    json!({
        "meeting_id": m.conv.ev.meeting_id,
        "title": m.conv.ev.title,
        "body_id": m.conv.ev.body_id,
        "body_kind": kind,
        "kind": m.conv.ev.kind,
        "mode": m.conv.ev.mode,
        "online": checks::is_online_meeting(ctx.model, m),
        "opens_on": m.conv.ev.opens_on,
        "closes_on": m.conv.ev.closes_on,
        "sessions": m.sessions.len(),
        "decisions": m.decisions.len(),
        "procedures": m.procedures.len(),
        "violations": count_severity(&fs, ledger_rules::Severity::Violation),
        "advisories": count_severity(&fs, ledger_rules::Severity::Advisory),
        "index": m.conv.index,
    })
}

/// `GET /v1/meetings/{id}`.
pub fn meeting_detail(ctx: &ReadContext, id: &str) -> Option<Value> {
    let m = ctx.model.meetings.get(id)?;
    let sessions = sessions_of(ctx.model, m);
    let mut v = meeting_summary(ctx, m);
    let bds: Vec<&At<BureauDecision>> = ctx
        .model
        .bureau_decisions_by_meeting
        .get(id)
        .into_iter()
        .flatten()
        .filter_map(|d| ctx.model.bureau_decisions.get(d))
        .collect();
    let first_start = sessions.first().map(|s| s.s.ev.started_at.at);
    let det = first_start
        .and_then(|t| determination(ctx.model, id, t))
        .map(|d| d.ev.decision_id.to_string());
    let class = ctx
        .model
        .body_kind(m.conv.ev.body_id.as_str())
        .map(class_of);
    let ns = checks::night_shares(ctx.settings, m, &sessions);
    v["reference_tz"] = json!(m.conv.ev.reference_tz());
    v["basis"] = json!(m.conv.ev.basis);
    v["governed"] = json!(class == Some(BodyClass::Governed));
    v["virtual_mode_determination"] = json!(det);
    v["bureau_decisions"] = json!(bds
        .iter()
        .map(|d| bureau_decision_json(ctx, d))
        .collect::<Vec<_>>());
    v["scenario_notes"] = json!(m.notes.iter().map(|n| json!({"note_id": n.ev.note_id, "prepared_by": n.ev.prepared_by,
        "bureau_consulted_ids": n.ev.bureau_consulted_ids, "available_to": n.ev.available_to, "published_at": n.ev.published_at.as_str(),
        "document_digest": n.ev.document_digest, "index": n.index})).collect::<Vec<_>>());
    v["trainings"] = json!(m.trainings.iter().map(|t| json!({"training_id": t.ev.training_id, "kind": t.ev.kind, "starts_at": t.ev.starts_at.as_str(),
        "ends_at": t.ev.ends_at.as_str(), "index": t.index})).collect::<Vec<_>>());
    v["support_requests"] = json!(m.support_requests.iter().filter_map(|r| ctx.model.support.get(r)).map(|r| json!({"request_id": r.r.ev.request_id,
        "party_id": r.r.ev.party_id, "kind": r.r.ev.kind, "requested_at": r.r.ev.requested_at.as_str(), "index": r.r.index,
        "provided": r.provided.iter().map(|p| json!({"provided_at": p.ev.provided_at.as_str(), "index": p.index})).collect::<Vec<_>>()})).collect::<Vec<_>>());
    v["sessions"] = json!(sessions
        .iter()
        .map(|s| session_json(ctx, s))
        .collect::<Vec<_>>());
    v["decisions"] = json!(m
        .decisions
        .iter()
        .filter_map(|d| decision_summary(ctx, d))
        .collect::<Vec<_>>());
    v["procedures"] = json!(m.procedures);
    v["night_shares"] = json!({
        "days": ns.days,
        "start_hours_utc": ns.start_hours_utc,
        "start_hours_local": ns.start_hours_local,
        "regions": ns.regions.iter().map(|(r, (n, t))| (r.clone(), json!({"night_minutes": n, "session_minutes": t,
            "zone": ctx.settings.region_zones.get(r)}))).collect::<serde_json::Map<_, _>>(),
    });
    v["findings"] = json!(meeting_findings(ctx, m));
    Some(v)
}

/// One line of `GET /v1/decisions`.
pub fn decision_summary(ctx: &ReadContext, id: &str) -> Option<Value> {
    let d = ctx.model.decisions.get(id)?;
    let v = ctx.verdict(id)?;
    Some(json!({
        "decision_id": d.ev.decision_id,
        "title": d.ev.title,
        "meeting_id": d.ev.meeting_id,
        "category": d.ev.category,
        "method": d.ev.method,
        "venue": v.venue,
        "verdict": v.verdict,
        "adopted_at": d.ev.adopted_at.as_str(),
        "findings": v.findings,
        "index": d.index,
    }))
}

/// The Bureau decision behind a decision: its session's virtual-mode determination, or its
/// silence procedure's Bureau decision.
pub fn bureau_decision_behind<'a>(
    model: &'a Model,
    d: &At<DecisionAdopted>,
) -> Option<&'a At<BureauDecision>> {
    if let Some(s) =
        d.ev.via
            .session_id
            .as_ref()
            .and_then(|s| model.sessions.get(s.as_str()))
    {
        return determination(model, s.s.ev.meeting_id.as_str(), s.s.ev.started_at.at);
    }
    let p = model
        .procedures
        .get(d.ev.via.procedure_id.as_ref()?.as_str())?;
    model
        .bureau_decisions
        .get(p.opened.ev.bureau_decision_id.as_str())
}

/// `GET /v1/decisions/{id}`.
pub fn decision_detail(ctx: &ReadContext, id: &str) -> Option<Value> {
    let d = ctx.model.decisions.get(id)?;
    let verdict = ctx.verdict(id)?;
    let mut v = decision_summary(ctx, id)?;
    let mut evidence: BTreeSet<u64> = BTreeSet::from([d.index]);
    for f in &verdict.considered {
        evidence.extend(&f.evidence);
    }
    let behind = bureau_decision_behind(ctx.model, d);
    v["via"] = json!(d.ev.via);
    v["text_digest"] = json!(d.ev.text_digest);
    v["findings"] = json!(verdict.considered);
    v["rules"] = json!(verdict.findings);
    v["evidence"] = json!(evidence);
    v["bureau_decision"] = json!(behind.map(|b| bureau_decision_json(ctx, b)));
    v["endorsing_members"] = json!(behind
        .map(|b| ctx.model.endorsing_members(b))
        .unwrap_or_default());
    Some(v)
}

/// `GET /v1/silence/{id}`: rounds, objections (qualifying or not, and why), conclusions, outcome.
pub fn silence_detail(ctx: &ReadContext, id: &str) -> Option<Value> {
    let p = ctx.model.procedures.get(id)?;
    let rounds = p.rounds(None);
    let mut placed = BTreeSet::new();
    let settings = ctx.settings;
    let round_json: Vec<Value> = rounds
        .iter()
        .map(|r| {
            let breaking: Vec<u64> = breaking_objections(ctx.model, settings, p, r).iter().map(|o| o.index).collect();
            let objections: Vec<Value> = p
                .objections
                .iter()
                .filter(|o| r.circulated_at <= o.ev.received_at.at && o.ev.received_at.at < r.deadline)
                .map(|o| {
                    placed.insert(o.index);
                    let why_not = if breaking.contains(&o.index) {
                        None
                    } else if !ctx.model.protocol_party_at(o.ev.party_id.as_str(), o.ev.received_at.at) {
                        Some("not a Protocol Party when received")
                    } else {
                        Some("a comment does not break silence")
                    };
                    json!({"party_id": o.ev.party_id, "kind": o.ev.kind, "received_at": o.ev.received_at.as_str(),
                        "received_via": o.ev.received_via, "qualifying": why_not.is_none(), "why_not": why_not, "index": o.index})
                })
                .collect();
            json!({"round": r.number, "circulated_at": r.circulated_at.to_string(), "deadline": r.deadline.to_string(),
                "hours": (r.deadline.0 - r.circulated_at.0) / (60 * MINUTE), "text_digest": r.text_digest, "index": r.index,
                "broken": !breaking.is_empty(), "objections": objections})
        })
        .collect();
    let outside: Vec<Value> = p
        .objections
        .iter()
        .filter(|o| !placed.contains(&o.index))
        .map(|o| json!({"party_id": o.ev.party_id, "kind": o.ev.kind, "received_at": o.ev.received_at.as_str(), "qualifying": false,
            "why_not": "outside every round's window", "index": o.index}))
        .collect();
    let conclusions: Vec<Value> = p
        .steps
        .iter()
        .filter_map(|s| match s {
            SilenceStep::Concluded(c) => Some(json!({"outcome": c.ev.outcome, "concluded_at": c.ev.concluded_at.as_str(), "index": c.index})),
            SilenceStep::Resumed(_) => None,
        })
        .collect();
    let outcome = p.steps.iter().rev().find_map(|s| match s {
        SilenceStep::Concluded(c) => Some(c.ev.outcome),
        SilenceStep::Resumed(_) => None,
    });
    let bd = ctx
        .model
        .bureau_decisions
        .get(p.opened.ev.bureau_decision_id.as_str());
    let mut findings = ctx.on(&format!("procedure:{id}"));
    for d in &p.decisions {
        findings.extend(
            ctx.on(&format!("decision:{d}"))
                .into_iter()
                .filter(|f| f.rule.as_str().starts_with("P3.")),
        );
    }
    Some(json!({
        "procedure_id": id,
        "meeting_id": p.opened.ev.meeting_id,
        "bureau_decision": bd.map(|b| bureau_decision_json(ctx, b)),
        "draft": p.opened.ev.draft,
        "rounds": round_json,
        "objections_outside_rounds": outside,
        "conclusions": conclusions,
        "outcome": outcome,
        "decisions": p.decisions.iter().filter_map(|d| decision_summary(ctx, d)).collect::<Vec<_>>(),
        "index": p.opened.index,
        "findings": findings,
    }))
}

/// `GET /v1/parties/{id}`: a Party's history.
pub fn party_detail(ctx: &ReadContext, id: &str) -> Option<Value> {
    let p = ctx.model.parties.get(id)?;
    let m = ctx.model;
    let mut responses = Vec::new();
    for (cid, c) in &m.consultations {
        for r in c.responses.iter().filter(|r| r.ev.party_id.as_str() == id) {
            responses.push(json!({"consultation_id": cid, "position": r.ev.position, "responded_at": r.ev.responded_at.as_str(),
                "counted": p.protocol_party_at(r.ev.responded_at.at), "index": r.index}));
        }
    }
    let mut objections = Vec::new();
    for (pid, proc_) in &m.procedures {
        for o in proc_
            .objections
            .iter()
            .filter(|o| o.ev.party_id.as_str() == id)
        {
            objections.push(json!({"procedure_id": pid, "kind": o.ev.kind, "received_at": o.ev.received_at.as_str(),
                "counted": p.protocol_party_at(o.ev.received_at.at), "index": o.index}));
        }
    }
    let mut support = Vec::new();
    let mut requests = Vec::new();
    for (rid, r) in &m.requests {
        if r.req.ev.party_id.as_str() == id {
            requests.push(
                json!({"kind": "extraordinary_meeting", "request_id": rid, "items": r.req.ev.items,
                "communicated_at": r.req.ev.communicated_at.as_str(), "index": r.req.index}),
            );
        }
        for s in r.supports.iter().filter(|s| s.ev.party_id.as_str() == id) {
            support.push(
                json!({"request_id": rid, "supported_at": s.ev.supported_at.as_str(),
                "counted": p.protocol_party_at(s.ev.supported_at.at), "index": s.index}),
            );
        }
    }
    for (rid, r) in &m.support {
        if r.r.ev.party_id.as_str() == id {
            requests.push(json!({"kind": r.r.ev.kind, "request_id": rid, "meeting_id": r.r.ev.meeting_id,
                "requested_at": r.r.ev.requested_at.as_str(), "provided": !r.provided.is_empty(), "index": r.r.index}));
        }
    }
    let by_index = |a: &Value, b: &Value| a["index"].as_u64().cmp(&b["index"].as_u64());
    responses.sort_by(by_index);
    objections.sort_by(by_index);
    support.sort_by(by_index);
    requests.sort_by(by_index);
    let seats: Vec<Value> = m
        .elections
        .iter()
        .flat_map(|e| e.at.ev.members.iter().filter(|mm| mm.party_id.as_str() == id).map(move |mm| json!({"bureau_id": e.at.ev.bureau_id,
            "member_id": mm.member_id, "role": mm.role, "term_start": e.at.ev.term_start, "index": e.at.index})))
        .collect();
    Some(json!({
        "party_id": id,
        "name": p.name,
        "region": p.region,
        "protocol_party_since": p.since.map(|d| d.to_string()),
        "withdrawn_on": p.withdrawn.map(|d| d.to_string()),
        "index": p.index,
        "updates": p.updates,
        "responses": responses,
        "objections": objections,
        "support": support,
        "requests": requests,
        "bureau_seats": seats,
    }))
}

/// The entries a decision's verdict rests on, and everything the rules read to reach it: the
/// registry (Parties, bodies, Bureau elections, substitutions, extensions), the meeting and all
/// it holds, the Bureau decisions about it or behind its procedures, the consultations they
/// cite, and the extraordinary request it was convened on. Replaying exactly these entries
/// gives the same verdict and findings for the decision (what `dledger verify-receipt` checks).
pub fn receipt_indices(model: &Model, decision_id: &str) -> Option<BTreeSet<u64>> {
    let d = model.decisions.get(decision_id)?;
    let m = model.meetings.get(d.ev.meeting_id.as_str())?;
    let mut ix = BTreeSet::new();
    ix.extend(model.parties.values().flat_map(|p| p.evidence()));
    ix.extend(model.bodies.values().map(|b| b.index));
    ix.extend(model.elections.iter().map(|e| e.at.index));
    ix.extend(model.substitutions.iter().map(|s| s.index));
    ix.extend(model.extensions.iter().map(|s| s.index));
    ix.insert(m.conv.index);
    for s in m.sessions.iter().filter_map(|s| model.sessions.get(s)) {
        ix.insert(s.s.index);
        ix.extend(s.webcasts.iter().map(|w| w.index));
    }
    ix.extend(
        m.decisions
            .iter()
            .filter_map(|d| model.decisions.get(d))
            .map(|d| d.index),
    );
    ix.extend(m.notes.iter().map(|n| n.index));
    ix.extend(m.trainings.iter().map(|t| t.index));
    for r in m
        .support_requests
        .iter()
        .filter_map(|r| model.support.get(r))
    {
        ix.insert(r.r.index);
        ix.extend(r.provided.iter().map(|p| p.index));
    }
    let mut bds: Vec<&At<BureauDecision>> = model
        .bureau_decisions_by_meeting
        .get(m.conv.ev.meeting_id.as_str())
        .into_iter()
        .flatten()
        .filter_map(|b| model.bureau_decisions.get(b))
        .collect();
    for p in m.procedures.iter().filter_map(|p| model.procedures.get(p)) {
        ix.insert(p.opened.index);
        ix.extend(p.objections.iter().map(|o| o.index));
        ix.extend(p.steps.iter().map(|s| match s {
            SilenceStep::Resumed(r) => r.index,
            SilenceStep::Concluded(c) => c.index,
        }));
        bds.extend(
            model
                .bureau_decisions
                .get(p.opened.ev.bureau_decision_id.as_str()),
        );
    }
    for bd in bds {
        ix.insert(bd.index);
        if let Some(other) = bd
            .ev
            .subject
            .meeting_id
            .as_ref()
            .and_then(|x| model.meetings.get(x.as_str()))
        {
            ix.insert(other.conv.index);
        }
        for c in bd
            .ev
            .consultation_ids
            .iter()
            .filter_map(|c| model.consultations.get(c.as_str()))
        {
            ix.insert(c.opened.index);
            ix.extend(c.closed.as_ref().map(|x| x.index));
        }
    }
    if let Some(r) = m
        .conv
        .ev
        .basis
        .as_ref()
        .and_then(|b| b.request_id.as_ref())
        .and_then(|r| model.requests.get(r.as_str()))
    {
        ix.insert(r.req.index);
        ix.extend(r.supports.iter().map(|s| s.index));
    }
    Some(ix)
}

/// The scopes whose findings a decision's verdict reads.
pub fn verdict_scopes(model: &Model, decision_id: &str) -> Vec<Scope> {
    let mut v = Vec::new();
    if let Some(d) = model.decisions.get(decision_id) {
        v.push(Scope::Meeting(d.ev.meeting_id.to_string()));
        if let Some(bd) = bureau_decision_behind(model, d) {
            match &bd.ev.subject.meeting_id {
                None => v.push(Scope::BureauDecision(bd.ev.decision_id.to_string())),
                Some(x) if *x != d.ev.meeting_id => v.push(Scope::Meeting(x.to_string())),
                Some(_) => {}
            }
        }
    }
    v
}
