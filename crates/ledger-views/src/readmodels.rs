//! Read models: what `GET /v1/meetings`, `/v1/decisions`, `/v1/silence`, `/v1/parties` and the web
//! pages show, built from the rules' [`Model`] and the findings, never from anything else, so a
//! page can never disagree with `dledger verify`. Pure functions returning typed views
//! (`Serialize` + `utoipa::ToSchema`): the JSON routes, the pages and the command line all take
//! these structs as they are.

use ledger_events::events::*;
use ledger_events::time::{Instant, MINUTE};
use ledger_rules::checks::{
    self, breaking_objections, class_of, determination, sessions_of, BodyClass,
};
use ledger_rules::model::*;
use ledger_rules::{Audit, DecisionVerdict, Finding, RuleId, Scope, Settings, Verdict};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use utoipa::ToSchema;

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

fn owned(fs: Vec<&Finding>) -> Vec<Finding> {
    fs.into_iter().cloned().collect()
}

/// A stretch of a session without webcast.
#[derive(Clone, Debug, PartialEq, Serialize, ToSchema)]
pub struct Gap {
    pub from: String,
    #[schema(value_type = i64)]
    pub minutes: i128,
    pub to: String,
}

/// Webcast coverage of a session: the share of [start, end] covered, and the gaps.
#[derive(Clone, Debug, PartialEq, Serialize, ToSchema)]
pub struct WebcastCoverage {
    pub covered_percent: i64,
    pub gaps: Vec<Gap>,
}

/// Webcast coverage of a session: the share of [start, end] covered, and the gaps.
pub fn webcast_coverage(s: &SessionRec) -> WebcastCoverage {
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
            gaps.push(Gap {
                from: cursor.to_string(),
                to: a.to_string(),
                minutes: (a.0 - cursor.0) / MINUTE,
            });
        }
        if b > cursor {
            covered += b.0 - a.max(cursor).0;
            cursor = b;
        }
    }
    if end > cursor {
        gaps.push(Gap {
            from: cursor.to_string(),
            to: end.to_string(),
            minutes: (end.0 - cursor.0) / MINUTE,
        });
    }
    let total = (end.0 - start.0).max(1);
    WebcastCoverage {
        covered_percent: (covered * 100 / total) as i64,
        gaps,
    }
}

/// A webcast of a session.
#[derive(Clone, Debug, PartialEq, Serialize, ToSchema)]
pub struct Webcast {
    #[schema(value_type = String)]
    pub access: WebcastAccess,
    pub ended_at: String,
    pub index: u64,
    pub started_at: String,
}

/// A session of a meeting, with its webcast coverage.
#[derive(Clone, Debug, PartialEq, Serialize, ToSchema)]
pub struct Session {
    pub decisions: Vec<String>,
    pub ended_at: String,
    pub findings: Vec<Finding>,
    pub index: u64,
    #[schema(value_type = i64)]
    pub minutes: i128,
    #[schema(value_type = String)]
    pub mode: Mode,
    #[schema(value_type = String)]
    pub session_id: Id,
    pub started_at: String,
    pub webcast_coverage: WebcastCoverage,
    pub webcasts: Vec<Webcast>,
}

fn session_view(ctx: &ReadContext, s: &SessionRec) -> Session {
    let subject = format!("session:{}", s.s.ev.session_id);
    Session {
        session_id: s.s.ev.session_id.clone(),
        mode: s.s.ev.mode,
        started_at: s.s.ev.started_at.as_str().to_owned(),
        ended_at: s.s.ev.ended_at.as_str().to_owned(),
        minutes: (s.s.ev.ended_at.at.0 - s.s.ev.started_at.at.0) / MINUTE,
        index: s.s.index,
        webcasts: s
            .webcasts
            .iter()
            .map(|w| Webcast {
                started_at: w.ev.started_at.as_str().to_owned(),
                ended_at: w.ev.ended_at.as_str().to_owned(),
                access: w.ev.access,
                index: w.index,
            })
            .collect(),
        webcast_coverage: webcast_coverage(s),
        decisions: s.decisions.clone(),
        findings: owned(ctx.on(&subject)),
    }
}

/// A Party's response to a consultation, as a consultation shows it.
#[derive(Clone, Debug, PartialEq, Serialize, ToSchema)]
pub struct ConsultationResponseView {
    pub counted: bool,
    pub index: u64,
    #[schema(value_type = String)]
    pub party_id: Id,
    #[schema(value_type = String)]
    pub position: Position,
    pub responded_at: String,
}

/// A consultation on record.
#[derive(Clone, Debug, PartialEq, Serialize, ToSchema)]
pub struct RecordedConsultation {
    pub closed_at: Option<String>,
    pub closed_index: Option<u64>,
    pub closes_at: Option<String>,
    pub consultation_id: String,
    pub index: u64,
    #[schema(value_type = String)]
    pub kind: ConsultationKind,
    pub opened_at: String,
    #[schema(value_type = Option<String>)]
    pub region: Option<Region>,
    pub responses: Vec<ConsultationResponseView>,
    #[schema(value_type = Object)]
    pub subject: Subject,
    pub summary: Option<String>,
}

/// A consultation cited but not on record.
#[derive(Clone, Debug, PartialEq, Serialize, ToSchema)]
pub struct UnrecordedConsultation {
    pub consultation_id: String,
    /// Always `false`.
    pub recorded: bool,
}

/// A consultation a Bureau decision cites: on record, or not.
#[derive(Clone, Debug, PartialEq, Serialize, ToSchema)]
#[serde(untagged)]
pub enum Consultation {
    Recorded(RecordedConsultation),
    Unrecorded(UnrecordedConsultation),
}

fn consultation_view(model: &Model, id: &str) -> Consultation {
    match model.consultation(id) {
        None => Consultation::Unrecorded(UnrecordedConsultation {
            consultation_id: id.to_owned(),
            recorded: false,
        }),
        Some(c) => Consultation::Recorded(RecordedConsultation {
            consultation_id: id.to_owned(),
            kind: c.opened.ev.kind,
            region: c.opened.ev.region,
            subject: c.opened.ev.subject.clone(),
            opened_at: c.opened.ev.opened_at.as_str().to_owned(),
            closes_at: c
                .opened
                .ev
                .closes_at
                .as_ref()
                .map(|t| t.as_str().to_owned()),
            closed_at: c
                .closed
                .as_ref()
                .map(|x| x.ev.closed_at.as_str().to_owned()),
            summary: c.closed.as_ref().map(|x| x.ev.summary.as_str().to_owned()),
            responses: c
                .responses
                .iter()
                .map(|r| ConsultationResponseView {
                    party_id: r.ev.party_id.clone(),
                    position: r.ev.position,
                    responded_at: r.ev.responded_at.as_str().to_owned(),
                    index: r.index,
                    counted: model.protocol_party_at(r.ev.party_id.as_str(), r.ev.responded_at.at),
                })
                .collect(),
            index: c.opened.index,
            closed_index: c.closed.as_ref().map(|x| x.index),
        }),
    }
}

/// A Bureau decision with its consultations, endorsements and findings.
#[derive(Clone, Debug, PartialEq, Serialize, ToSchema)]
pub struct BureauDecisionView {
    #[schema(value_type = String)]
    pub bureau_id: Id,
    pub consultations: Vec<Consultation>,
    pub decided_at: String,
    #[schema(value_type = String)]
    pub decision_id: Id,
    pub endorsing_members: Vec<String>,
    #[schema(value_type = Option<Object>)]
    pub exceptional_circumstances: Option<ExceptionalCircumstances>,
    pub findings: Vec<Finding>,
    pub index: u64,
    #[schema(value_type = Vec<String>)]
    pub members_participating: Vec<Id>,
    #[schema(value_type = String)]
    pub method: DecisionMethod,
    #[schema(value_type = Object)]
    pub subject: Subject,
}

/// A Bureau decision with its consultations, endorsements and findings.
pub fn bureau_decision_view(ctx: &ReadContext, bd: &At<BureauDecision>) -> BureauDecisionView {
    let subject = format!("bureau_decision:{}", bd.ev.decision_id);
    let mut findings = ctx.on(&subject);
    for f in ctx.on(&format!("bureau:{}", bd.ev.bureau_id)) {
        if f.evidence.contains(&bd.index) {
            findings.push(f);
        }
    }
    BureauDecisionView {
        decision_id: bd.ev.decision_id.clone(),
        bureau_id: bd.ev.bureau_id.clone(),
        subject: bd.ev.subject.clone(),
        decided_at: bd.ev.decided_at.as_str().to_owned(),
        method: bd.ev.method,
        exceptional_circumstances: bd.ev.exceptional_circumstances.clone(),
        members_participating: bd.ev.members_participating.clone(),
        endorsing_members: ctx.model.endorsing_members(bd),
        consultations: bd
            .ev
            .consultation_ids
            .iter()
            .map(|c| consultation_view(ctx.model, c.as_str()))
            .collect(),
        index: bd.index,
        findings: owned(findings),
    }
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
#[derive(Clone, Debug, PartialEq, Serialize, ToSchema)]
pub struct MeetingSummary {
    pub advisories: usize,
    #[schema(value_type = String)]
    pub body_id: Id,
    #[schema(value_type = Option<String>)]
    pub body_kind: Option<BodyKind>,
    #[schema(value_type = String)]
    pub closes_on: DateField,
    /// How many decisions were adopted.
    pub decisions: usize,
    pub index: u64,
    #[schema(value_type = String)]
    pub kind: MeetingKind,
    #[schema(value_type = String)]
    pub meeting_id: Id,
    #[schema(value_type = String)]
    pub mode: Mode,
    pub online: bool,
    #[schema(value_type = String)]
    pub opens_on: DateField,
    /// How many silence procedures it holds.
    pub procedures: usize,
    /// How many sessions were held.
    pub sessions: usize,
    #[schema(value_type = String)]
    pub title: Text,
    pub violations: usize,
}

/// One line of `GET /v1/meetings`.
pub fn meeting_summary(ctx: &ReadContext, m: &MeetingRec) -> MeetingSummary {
    let fs = meeting_findings(ctx, m);
    MeetingSummary {
        meeting_id: m.conv.ev.meeting_id.clone(),
        title: m.conv.ev.title.clone(),
        body_id: m.conv.ev.body_id.clone(),
        body_kind: ctx.model.body_kind(m.conv.ev.body_id.as_str()),
        kind: m.conv.ev.kind,
        mode: m.conv.ev.mode,
        online: checks::is_online_meeting(ctx.model, m),
        opens_on: m.conv.ev.opens_on.clone(),
        closes_on: m.conv.ev.closes_on.clone(),
        sessions: m.sessions.len(),
        decisions: m.decisions.len(),
        procedures: m.procedures.len(),
        violations: count_severity(&fs, ledger_rules::Severity::Violation),
        advisories: count_severity(&fs, ledger_rules::Severity::Advisory),
        index: m.conv.index,
    }
}

/// A scenario note of a meeting.
#[derive(Clone, Debug, PartialEq, Serialize, ToSchema)]
pub struct ScenarioNote {
    #[schema(value_type = String)]
    pub available_to: AvailableTo,
    #[schema(value_type = Vec<String>)]
    pub bureau_consulted_ids: Vec<Id>,
    #[schema(value_type = String)]
    pub document_digest: Digest,
    pub index: u64,
    #[schema(value_type = String)]
    pub note_id: Id,
    #[schema(value_type = String)]
    pub prepared_by: PreparedBy,
    pub published_at: String,
}

/// A training or connectivity test of a meeting.
#[derive(Clone, Debug, PartialEq, Serialize, ToSchema)]
pub struct Training {
    pub ends_at: String,
    pub index: u64,
    #[schema(value_type = String)]
    pub kind: TrainingKind,
    pub starts_at: String,
    #[schema(value_type = String)]
    pub training_id: Id,
}

/// A provision of requested support.
#[derive(Clone, Debug, PartialEq, Serialize, ToSchema)]
pub struct Provided {
    pub index: u64,
    pub provided_at: String,
}

/// A request for support in a meeting.
#[derive(Clone, Debug, PartialEq, Serialize, ToSchema)]
pub struct SupportRequestView {
    pub index: u64,
    #[schema(value_type = String)]
    pub kind: SupportKind,
    #[schema(value_type = String)]
    pub party_id: Id,
    pub provided: Vec<Provided>,
    #[schema(value_type = String)]
    pub request_id: Id,
    pub requested_at: String,
}

/// A region's night burden in a meeting.
#[derive(Clone, Debug, PartialEq, Serialize, ToSchema)]
pub struct RegionNight {
    pub night_minutes: i64,
    pub session_minutes: i64,
    pub zone: Option<String>,
}

/// The night burden of a meeting's online sessions.
#[derive(Clone, Debug, PartialEq, Serialize, ToSchema)]
pub struct NightSharesView {
    pub days: usize,
    pub regions: BTreeMap<String, RegionNight>,
    pub start_hours_local: BTreeSet<u32>,
    pub start_hours_utc: BTreeSet<u32>,
}

/// `GET /v1/meetings/{id}`.
#[derive(Clone, Debug, PartialEq, Serialize, ToSchema)]
pub struct MeetingDetail {
    pub advisories: usize,
    #[schema(value_type = Option<Object>)]
    pub basis: Option<Basis>,
    #[schema(value_type = String)]
    pub body_id: Id,
    #[schema(value_type = Option<String>)]
    pub body_kind: Option<BodyKind>,
    pub bureau_decisions: Vec<BureauDecisionView>,
    /// The completeness statements (§5.7) that cover it.
    pub completeness: Vec<Coverage>,
    #[schema(value_type = String)]
    pub closes_on: DateField,
    pub decisions: Vec<DecisionSummary>,
    pub findings: Vec<Finding>,
    pub governed: bool,
    pub index: u64,
    #[schema(value_type = String)]
    pub kind: MeetingKind,
    #[schema(value_type = String)]
    pub meeting_id: Id,
    #[schema(value_type = String)]
    pub mode: Mode,
    pub night_shares: NightSharesView,
    pub online: bool,
    #[schema(value_type = String)]
    pub opens_on: DateField,
    pub procedures: Vec<String>,
    pub reference_tz: String,
    pub scenario_notes: Vec<ScenarioNote>,
    pub sessions: Vec<Session>,
    pub support_requests: Vec<SupportRequestView>,
    #[schema(value_type = String)]
    pub title: Text,
    pub trainings: Vec<Training>,
    pub violations: usize,
    pub virtual_mode_determination: Option<String>,
}

/// `GET /v1/meetings/{id}`.
pub fn meeting_detail(ctx: &ReadContext, id: &str) -> Option<MeetingDetail> {
    let m = ctx.model.meetings.get(id)?;
    let sessions = sessions_of(ctx.model, m);
    let sum = meeting_summary(ctx, m);
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
    Some(MeetingDetail {
        completeness: coverage(ctx, "meeting", id),
        advisories: sum.advisories,
        body_id: sum.body_id,
        body_kind: sum.body_kind,
        closes_on: sum.closes_on,
        index: sum.index,
        kind: sum.kind,
        meeting_id: sum.meeting_id,
        mode: sum.mode,
        online: sum.online,
        opens_on: sum.opens_on,
        title: sum.title,
        violations: sum.violations,
        reference_tz: m.conv.ev.reference_tz().to_owned(),
        basis: m.conv.ev.basis.clone(),
        governed: class == Some(BodyClass::Governed),
        virtual_mode_determination: det,
        bureau_decisions: bds.iter().map(|d| bureau_decision_view(ctx, d)).collect(),
        scenario_notes: m
            .notes
            .iter()
            .map(|n| ScenarioNote {
                note_id: n.ev.note_id.clone(),
                prepared_by: n.ev.prepared_by,
                bureau_consulted_ids: n.ev.bureau_consulted_ids.clone(),
                available_to: n.ev.available_to,
                published_at: n.ev.published_at.as_str().to_owned(),
                document_digest: n.ev.document_digest.clone(),
                index: n.index,
            })
            .collect(),
        trainings: m
            .trainings
            .iter()
            .map(|t| Training {
                training_id: t.ev.training_id.clone(),
                kind: t.ev.kind,
                starts_at: t.ev.starts_at.as_str().to_owned(),
                ends_at: t.ev.ends_at.as_str().to_owned(),
                index: t.index,
            })
            .collect(),
        support_requests: m
            .support_requests
            .iter()
            .filter_map(|r| ctx.model.support.get(r))
            .map(|r| SupportRequestView {
                request_id: r.r.ev.request_id.clone(),
                party_id: r.r.ev.party_id.clone(),
                kind: r.r.ev.kind,
                requested_at: r.r.ev.requested_at.as_str().to_owned(),
                index: r.r.index,
                provided: r
                    .provided
                    .iter()
                    .map(|p| Provided {
                        provided_at: p.ev.provided_at.as_str().to_owned(),
                        index: p.index,
                    })
                    .collect(),
            })
            .collect(),
        sessions: sessions.iter().map(|s| session_view(ctx, s)).collect(),
        decisions: m
            .decisions
            .iter()
            .filter_map(|d| decision_summary(ctx, d))
            .collect(),
        procedures: m.procedures.clone(),
        night_shares: NightSharesView {
            days: ns.days,
            start_hours_utc: ns.start_hours_utc,
            start_hours_local: ns.start_hours_local,
            regions: ns
                .regions
                .iter()
                .map(|(r, (n, t))| {
                    (
                        r.clone(),
                        RegionNight {
                            night_minutes: *n,
                            session_minutes: *t,
                            zone: ctx.settings.region_zones.get(r).cloned(),
                        },
                    )
                })
                .collect(),
        },
        findings: owned(meeting_findings(ctx, m)),
    })
}

/// One line of `GET /v1/decisions`.
#[derive(Clone, Debug, PartialEq, Serialize, ToSchema)]
pub struct DecisionSummary {
    pub adopted_at: String,
    #[schema(value_type = String)]
    pub category: Category,
    #[schema(value_type = String)]
    pub decision_id: Id,
    /// Rule ids of the findings considered, in order, each once.
    #[schema(value_type = Vec<String>)]
    pub findings: Vec<RuleId>,
    pub index: u64,
    #[schema(value_type = String)]
    pub meeting_id: Id,
    #[schema(value_type = String)]
    pub method: AdoptionMethod,
    #[schema(value_type = String)]
    pub title: Text,
    pub venue: String,
    pub verdict: Verdict,
}

/// One line of `GET /v1/decisions`.
pub fn decision_summary(ctx: &ReadContext, id: &str) -> Option<DecisionSummary> {
    let d = ctx.model.decisions.get(id)?;
    let v = ctx.verdict(id)?;
    Some(DecisionSummary {
        decision_id: d.ev.decision_id.clone(),
        title: d.ev.title.clone(),
        meeting_id: d.ev.meeting_id.clone(),
        category: d.ev.category,
        method: d.ev.method,
        venue: v.venue.clone(),
        verdict: v.verdict,
        adopted_at: d.ev.adopted_at.as_str().to_owned(),
        findings: v.findings.clone(),
        index: d.index,
    })
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
#[derive(Clone, Debug, PartialEq, Serialize, ToSchema)]
pub struct DecisionDetail {
    pub adopted_at: String,
    pub bureau_decision: Option<BureauDecisionView>,
    #[schema(value_type = String)]
    pub category: Category,
    /// The completeness statements (§5.7) that cover it.
    pub completeness: Vec<Coverage>,
    #[schema(value_type = String)]
    pub decision_id: Id,
    pub endorsing_members: Vec<String>,
    pub evidence: BTreeSet<u64>,
    /// Every finding the verdict considers, with its evidence.
    pub findings: Vec<Finding>,
    pub index: u64,
    #[schema(value_type = String)]
    pub meeting_id: Id,
    #[schema(value_type = String)]
    pub method: AdoptionMethod,
    /// Rule ids of the findings considered, in order, each once.
    #[schema(value_type = Vec<String>)]
    pub rules: Vec<RuleId>,
    #[schema(value_type = String)]
    pub text_digest: Digest,
    #[schema(value_type = String)]
    pub title: Text,
    pub venue: String,
    pub verdict: Verdict,
    #[schema(value_type = Object)]
    pub via: Via,
}

/// `GET /v1/decisions/{id}`.
pub fn decision_detail(ctx: &ReadContext, id: &str) -> Option<DecisionDetail> {
    let d = ctx.model.decisions.get(id)?;
    let verdict = ctx.verdict(id)?;
    let sum = decision_summary(ctx, id)?;
    let mut evidence: BTreeSet<u64> = BTreeSet::from([d.index]);
    for f in &verdict.considered {
        evidence.extend(&f.evidence);
    }
    let behind = bureau_decision_behind(ctx.model, d);
    Some(DecisionDetail {
        completeness: coverage(ctx, "decision", id),
        adopted_at: sum.adopted_at,
        category: sum.category,
        decision_id: sum.decision_id,
        index: sum.index,
        meeting_id: sum.meeting_id,
        method: sum.method,
        title: sum.title,
        venue: sum.venue,
        verdict: sum.verdict,
        via: d.ev.via.clone(),
        text_digest: d.ev.text_digest.clone(),
        findings: verdict.considered.clone(),
        rules: sum.findings,
        evidence,
        bureau_decision: behind.map(|b| bureau_decision_view(ctx, b)),
        endorsing_members: behind
            .map(|b| ctx.model.endorsing_members(b))
            .unwrap_or_default(),
    })
}

/// An objection received within a round of a silence procedure.
#[derive(Clone, Debug, PartialEq, Serialize, ToSchema)]
pub struct RoundObjection {
    pub index: u64,
    #[schema(value_type = String)]
    pub kind: ObjectionKind,
    #[schema(value_type = String)]
    pub party_id: Id,
    pub qualifying: bool,
    pub received_at: String,
    #[schema(value_type = Option<String>)]
    pub received_via: Option<ReceivedVia>,
    /// Why it does not break silence; null when it does.
    pub why_not: Option<String>,
}

/// An objection received outside every round's window (never qualifying).
/// Why an objection does not count, as `why_not` says it (pages translate these three).
pub const WHY_NOT_PARTY: &str = "not a Protocol Party when received";
pub const WHY_COMMENT: &str = "a comment does not break silence";
pub const WHY_OUTSIDE: &str = "outside every round's window";

#[derive(Clone, Debug, PartialEq, Serialize, ToSchema)]
pub struct OutsideObjection {
    pub index: u64,
    #[schema(value_type = String)]
    pub kind: ObjectionKind,
    #[schema(value_type = String)]
    pub party_id: Id,
    /// Always `false`.
    pub qualifying: bool,
    pub received_at: String,
    pub why_not: String,
}

/// One round of a silence procedure.
#[derive(Clone, Debug, PartialEq, Serialize, ToSchema)]
pub struct RoundView {
    pub broken: bool,
    pub circulated_at: String,
    pub deadline: String,
    #[schema(value_type = i64)]
    pub hours: i128,
    pub index: u64,
    pub objections: Vec<RoundObjection>,
    pub round: usize,
    pub text_digest: String,
}

/// A conclusion of a silence procedure.
#[derive(Clone, Debug, PartialEq, Serialize, ToSchema)]
pub struct Conclusion {
    pub concluded_at: String,
    pub index: u64,
    #[schema(value_type = String)]
    pub outcome: Outcome,
}

/// `GET /v1/silence/{id}`.
#[derive(Clone, Debug, PartialEq, Serialize, ToSchema)]
pub struct SilenceDetail {
    pub bureau_decision: Option<BureauDecisionView>,
    pub conclusions: Vec<Conclusion>,
    pub decisions: Vec<DecisionSummary>,
    #[schema(value_type = Object)]
    pub draft: Draft,
    pub findings: Vec<Finding>,
    pub index: u64,
    #[schema(value_type = String)]
    pub meeting_id: Id,
    pub objections_outside_rounds: Vec<OutsideObjection>,
    #[schema(value_type = Option<String>)]
    pub outcome: Option<Outcome>,
    pub procedure_id: String,
    pub rounds: Vec<RoundView>,
}

/// `GET /v1/silence/{id}`: rounds, objections (qualifying or not, and why), conclusions, outcome.
pub fn silence_detail(ctx: &ReadContext, id: &str) -> Option<SilenceDetail> {
    let p = ctx.model.procedures.get(id)?;
    let rounds = p.rounds(None);
    let mut placed = BTreeSet::new();
    let settings = ctx.settings;
    let round_views: Vec<RoundView> = rounds
        .iter()
        .map(|r| {
            let breaking: Vec<u64> = breaking_objections(ctx.model, settings, p, r)
                .iter()
                .map(|o| o.index)
                .collect();
            let objections: Vec<RoundObjection> = p
                .objections
                .iter()
                .filter(|o| {
                    r.circulated_at <= o.ev.received_at.at && o.ev.received_at.at < r.deadline
                })
                .map(|o| {
                    placed.insert(o.index);
                    let why_not = if breaking.contains(&o.index) {
                        None
                    } else if !ctx
                        .model
                        .protocol_party_at(o.ev.party_id.as_str(), o.ev.received_at.at)
                    {
                        Some(WHY_NOT_PARTY)
                    } else {
                        Some(WHY_COMMENT)
                    };
                    RoundObjection {
                        party_id: o.ev.party_id.clone(),
                        kind: o.ev.kind,
                        received_at: o.ev.received_at.as_str().to_owned(),
                        received_via: o.ev.received_via,
                        qualifying: why_not.is_none(),
                        why_not: why_not.map(str::to_owned),
                        index: o.index,
                    }
                })
                .collect();
            RoundView {
                round: r.number,
                circulated_at: r.circulated_at.to_string(),
                deadline: r.deadline.to_string(),
                hours: (r.deadline.0 - r.circulated_at.0) / (60 * MINUTE),
                text_digest: r.text_digest.clone(),
                index: r.index,
                broken: !breaking.is_empty(),
                objections,
            }
        })
        .collect();
    let outside: Vec<OutsideObjection> = p
        .objections
        .iter()
        .filter(|o| !placed.contains(&o.index))
        .map(|o| OutsideObjection {
            party_id: o.ev.party_id.clone(),
            kind: o.ev.kind,
            received_at: o.ev.received_at.as_str().to_owned(),
            qualifying: false,
            why_not: WHY_OUTSIDE.to_owned(),
            index: o.index,
        })
        .collect();
    let conclusions: Vec<Conclusion> = p
        .steps
        .iter()
        .filter_map(|s| match s {
            SilenceStep::Concluded(c) => Some(Conclusion {
                outcome: c.ev.outcome,
                concluded_at: c.ev.concluded_at.as_str().to_owned(),
                index: c.index,
            }),
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
    Some(SilenceDetail {
        procedure_id: id.to_owned(),
        meeting_id: p.opened.ev.meeting_id.clone(),
        bureau_decision: bd.map(|b| bureau_decision_view(ctx, b)),
        draft: p.opened.ev.draft.clone(),
        rounds: round_views,
        objections_outside_rounds: outside,
        conclusions,
        outcome,
        decisions: p
            .decisions
            .iter()
            .filter_map(|d| decision_summary(ctx, d))
            .collect(),
        index: p.opened.index,
        findings: owned(findings),
    })
}

/// A Party's response to a consultation, as the Party's history shows it.
#[derive(Clone, Debug, PartialEq, Serialize, ToSchema)]
pub struct PartyResponse {
    pub consultation_id: String,
    pub counted: bool,
    pub index: u64,
    #[schema(value_type = String)]
    pub position: Position,
    pub responded_at: String,
}

/// A Party's objection in a silence procedure.
#[derive(Clone, Debug, PartialEq, Serialize, ToSchema)]
pub struct PartyObjection {
    pub counted: bool,
    pub index: u64,
    #[schema(value_type = String)]
    pub kind: ObjectionKind,
    pub procedure_id: String,
    pub received_at: String,
}

/// A Party's support of an extraordinary-meeting request.
#[derive(Clone, Debug, PartialEq, Serialize, ToSchema)]
pub struct PartySupport {
    pub counted: bool,
    pub index: u64,
    pub request_id: String,
    pub supported_at: String,
}

/// A Party's request for an extraordinary meeting.
#[derive(Clone, Debug, PartialEq, Serialize, ToSchema)]
pub struct ExtraordinaryRequest {
    pub communicated_at: String,
    pub index: u64,
    #[schema(value_type = Vec<String>)]
    pub items: Vec<Text>,
    /// Always `extraordinary_meeting`.
    pub kind: String,
    pub request_id: String,
}

/// A Party's request for support in a meeting.
#[derive(Clone, Debug, PartialEq, Serialize, ToSchema)]
pub struct PartySupportRequest {
    pub index: u64,
    #[schema(value_type = String)]
    pub kind: SupportKind,
    #[schema(value_type = String)]
    pub meeting_id: Id,
    pub provided: bool,
    pub request_id: String,
    pub requested_at: String,
}

/// A request a Party made.
#[derive(Clone, Debug, PartialEq, Serialize, ToSchema)]
#[serde(untagged)]
pub enum PartyRequest {
    Extraordinary(ExtraordinaryRequest),
    Support(PartySupportRequest),
}

impl PartyRequest {
    pub fn index(&self) -> u64 {
        match self {
            PartyRequest::Extraordinary(r) => r.index,
            PartyRequest::Support(r) => r.index,
        }
    }
}

/// A Party's seat in a Bureau.
#[derive(Clone, Debug, PartialEq, Serialize, ToSchema)]
pub struct BureauSeat {
    #[schema(value_type = String)]
    pub bureau_id: Id,
    pub index: u64,
    #[schema(value_type = String)]
    pub member_id: Id,
    #[schema(value_type = String)]
    pub role: MemberRole,
    #[schema(value_type = String)]
    pub term_start: DateField,
}

/// `GET /v1/parties/{id}`.
#[derive(Clone, Debug, PartialEq, Serialize, ToSchema)]
pub struct PartyDetail {
    pub bureau_seats: Vec<BureauSeat>,
    pub index: u64,
    pub name: String,
    pub objections: Vec<PartyObjection>,
    pub party_id: String,
    pub protocol_party_since: Option<String>,
    #[schema(value_type = Option<String>)]
    pub region: Option<Region>,
    pub requests: Vec<PartyRequest>,
    pub responses: Vec<PartyResponse>,
    pub support: Vec<PartySupport>,
    pub updates: Vec<u64>,
    pub withdrawn_on: Option<String>,
}

/// `GET /v1/parties/{id}`: a Party's history.
pub fn party_detail(ctx: &ReadContext, id: &str) -> Option<PartyDetail> {
    let p = ctx.model.party(id)?;
    let m = ctx.model;
    let mut responses = Vec::new();
    for (cid, c) in m.consultations() {
        for r in c.responses.iter().filter(|r| r.ev.party_id.as_str() == id) {
            responses.push(PartyResponse {
                consultation_id: cid.clone(),
                position: r.ev.position,
                responded_at: r.ev.responded_at.as_str().to_owned(),
                counted: p.protocol_party_at(r.ev.responded_at.at),
                index: r.index,
            });
        }
    }
    let mut objections = Vec::new();
    for (pid, proc_) in &m.procedures {
        for o in proc_
            .objections
            .iter()
            .filter(|o| o.ev.party_id.as_str() == id)
        {
            objections.push(PartyObjection {
                procedure_id: pid.clone(),
                kind: o.ev.kind,
                received_at: o.ev.received_at.as_str().to_owned(),
                counted: p.protocol_party_at(o.ev.received_at.at),
                index: o.index,
            });
        }
    }
    let mut support = Vec::new();
    let mut requests = Vec::new();
    for (rid, r) in &m.requests {
        if r.req.ev.party_id.as_str() == id {
            requests.push(PartyRequest::Extraordinary(ExtraordinaryRequest {
                kind: "extraordinary_meeting".to_owned(),
                request_id: rid.clone(),
                items: r.req.ev.items.clone(),
                communicated_at: r.req.ev.communicated_at.as_str().to_owned(),
                index: r.req.index,
            }));
        }
        for s in r.supports.iter().filter(|s| s.ev.party_id.as_str() == id) {
            support.push(PartySupport {
                request_id: rid.clone(),
                supported_at: s.ev.supported_at.as_str().to_owned(),
                counted: p.protocol_party_at(s.ev.supported_at.at),
                index: s.index,
            });
        }
    }
    for (rid, r) in &m.support {
        if r.r.ev.party_id.as_str() == id {
            requests.push(PartyRequest::Support(PartySupportRequest {
                kind: r.r.ev.kind,
                request_id: rid.clone(),
                meeting_id: r.r.ev.meeting_id.clone(),
                requested_at: r.r.ev.requested_at.as_str().to_owned(),
                provided: !r.provided.is_empty(),
                index: r.r.index,
            }));
        }
    }
    responses.sort_by_key(|x| x.index);
    objections.sort_by_key(|x| x.index);
    support.sort_by_key(|x| x.index);
    requests.sort_by_key(PartyRequest::index);
    let bureau_seats: Vec<BureauSeat> = m
        .elections()
        .iter()
        .flat_map(|e| {
            e.at.ev
                .members
                .iter()
                .filter(|mm| mm.party_id.as_str() == id)
                .map(move |mm| BureauSeat {
                    bureau_id: e.at.ev.bureau_id.clone(),
                    member_id: mm.member_id.clone(),
                    role: mm.role,
                    term_start: e.at.ev.term_start.clone(),
                    index: e.at.index,
                })
        })
        .collect();
    Some(PartyDetail {
        party_id: id.to_owned(),
        name: p.name.clone(),
        region: p.region,
        protocol_party_since: p.since.map(|d| d.to_string()),
        withdrawn_on: p.withdrawn.map(|d| d.to_string()),
        index: p.index,
        updates: p.updates.clone(),
        responses,
        objections,
        support,
        requests,
        bureau_seats,
    })
}

/// The entries a decision's verdict rests on, and everything the rules read to reach it: the
/// registry (Parties, bodies, Bureau elections, substitutions, extensions), the meeting and all
/// it holds, the Bureau decisions about it or behind its procedures, the consultations they
/// cite, and the extraordinary request it was convened on. Replaying exactly these entries
/// gives the same verdict and findings for the decision (what `dledger verify-receipt` checks).
pub fn receipt_indices(model: &Model, decision_id: &str) -> Option<BTreeSet<u64>> {
    let (mut ix, _) = receipt_indices_but_parties(model, decision_id)?;
    ix.extend(model.parties().flat_map(|(_, p)| p.evidence()));
    Some(ix)
}

/// The entries of every Party in `ids` (registration and updates).
pub fn party_evidence<'a>(model: &Model, ids: impl IntoIterator<Item = &'a str>) -> Vec<u64> {
    ids.into_iter()
        .filter_map(|id| model.party(id))
        .flat_map(|p| p.evidence())
        .collect()
}

/// [`receipt_indices`] without the Parties' entries, and whether the verdict counts the
/// Protocol Parties (a meeting of its scopes convened on a Party request: P3.extraordinary_basis
/// divides by the number of Parties, so every Party's entries are needed). Otherwise a verdict
/// reads only the Parties its entries name.
pub fn receipt_indices_but_parties(
    model: &Model,
    decision_id: &str,
) -> Option<(BTreeSet<u64>, bool)> {
    let d = model.decisions.get(decision_id)?;
    let m = model.meetings.get(d.ev.meeting_id.as_str())?;
    let counts_parties = verdict_scopes(model, decision_id).iter().any(|s| match s {
        Scope::Meeting(id) => model.meetings.get(id.as_str()).is_some_and(|m| {
            m.conv
                .ev
                .basis
                .as_ref()
                .is_some_and(|b| matches!(b.kind, BasisKind::PartyRequest))
        }),
        _ => false,
    });
    let mut ix = BTreeSet::new();
    ix.extend(model.bodies.values().map(|b| b.index));
    ix.extend(model.elections().iter().map(|e| e.at.index));
    ix.extend(model.substitutions().iter().map(|s| s.index));
    ix.extend(model.extensions().iter().map(|s| s.index));
    // every completeness statement: L.after_close is recomputed from them, and the receipt says
    // which cover the decision and whether it was recorded in time
    ix.extend(model.periods.iter().map(|p| p.index));
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
            .filter_map(|c| model.consultation(c.as_str()))
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
    Some((ix, counts_parties))
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

// ---------------------------------------------------------------------------------------------
// Completeness statements (contract §5.7, §7 `/v1/periods`)
// ---------------------------------------------------------------------------------------------

/// A meeting, silence procedure, decision or Bureau decision a completeness statement counts.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, ToSchema)]
pub struct CountedItem {
    pub id: String,
    pub index: u64,
    /// `meeting`, `silence_procedure`, `decision` or `bureau_decision`.
    pub kind: String,
}

/// The counts of a statement (as stated, or as found).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, ToSchema)]
pub struct Counts {
    pub bureau_decisions: u64,
    pub decisions: u64,
    pub meetings: u64,
    pub silence_procedures: u64,
}

impl From<PeriodCounts> for Counts {
    fn from(c: PeriodCounts) -> Self {
        Counts {
            bureau_decisions: c.bureau_decisions,
            decisions: c.decisions,
            meetings: c.meetings,
            silence_procedures: c.silence_procedures,
        }
    }
}

/// `GET /v1/periods/{id}` and the items of `GET /v1/periods` (contract §7): the statement, the
/// counts stated and found when it was recorded, and the entries recorded after it that it would
/// have counted (`late`). Beyond the contract's fields: what it counted, the late items, its
/// findings, and whether it holds.
#[derive(Clone, Debug, PartialEq, Serialize, ToSchema)]
pub struct PeriodView {
    /// The body whose record it states complete; null: every body.
    pub body_id: Option<String>,
    pub closed_at: String,
    /// The entries it counted when it was recorded, in log order.
    pub counted: Vec<CountedItem>,
    /// L.period_counts on it, and L.after_close on each late item.
    pub findings: Vec<Finding>,
    pub found: Counts,
    pub from: String,
    /// True when the counts stated are those found and nothing it would have counted was
    /// recorded after it.
    pub holds: bool,
    pub index: u64,
    /// Indices of the entries recorded after it that it would have counted.
    pub late: Vec<u64>,
    pub late_items: Vec<CountedItem>,
    pub period_id: String,
    pub report_digest: Option<String>,
    pub stated: Counts,
    pub statement: Option<String>,
    pub to: String,
}

fn counted_item(c: &ledger_rules::checks::record::Counted) -> CountedItem {
    use ledger_rules::checks::record::CountedKind as K;
    CountedItem {
        id: c.id.clone(),
        index: c.index,
        kind: match c.kind {
            K::Meeting => "meeting",
            K::SilenceProcedure => "silence_procedure",
            K::Decision => "decision",
            K::BureauDecision => "bureau_decision",
        }
        .into(),
    }
}

/// Whether a finding speaks against a statement: L.period_counts on it, or L.after_close citing
/// it (its evidence is the statement, then the late entry).
fn against(f: &Finding, p: &At<PeriodClosed>) -> bool {
    match f.rule {
        RuleId::LPeriodCounts => f.subject == ledger_rules::Subject::period(&p.ev.period_id),
        RuleId::LAfterClose => f.evidence.first() == Some(&p.index),
        _ => false,
    }
}

/// The read model of one statement.
pub fn period_view(ctx: &ReadContext, id: &str) -> Option<PeriodView> {
    use ledger_rules::checks::record::{count, counted_by};
    let p = ctx.model.period(id)?;
    let all = counted_by(ctx.model, &p.ev, u64::MAX);
    let (before, after): (Vec<_>, Vec<_>) = all.into_iter().partition(|c| c.index < p.index);
    let found = count(&before);
    let findings: Vec<Finding> = ctx
        .findings
        .iter()
        .filter(|f| against(f, p))
        .cloned()
        .collect();
    Some(PeriodView {
        body_id: p.ev.body_id.as_ref().map(|b| b.to_string()),
        closed_at: p.ev.closed_at.as_str().to_owned(),
        counted: before.iter().map(counted_item).collect(),
        holds: found == p.ev.counts && after.is_empty(),
        found: found.into(),
        findings,
        from: p.ev.from.as_str().to_owned(),
        index: p.index,
        late: after.iter().map(|c| c.index).collect(),
        late_items: after.iter().map(counted_item).collect(),
        period_id: p.ev.period_id.to_string(),
        report_digest: p.ev.report_digest.as_ref().map(|d| d.as_str().to_owned()),
        stated: p.ev.counts.into(),
        statement: p.ev.statement.as_ref().map(|s| s.as_str().to_owned()),
        to: p.ev.to.as_str().to_owned(),
    })
}

/// Every statement, in log order.
pub fn periods(ctx: &ReadContext) -> Vec<PeriodView> {
    ctx.model
        .periods
        .iter()
        .filter_map(|p| period_view(ctx, p.ev.period_id.as_str()))
        .collect()
}

/// A statement that covers an item, as the item's page shows it.
#[derive(Clone, Debug, PartialEq, Serialize, ToSchema)]
pub struct Coverage {
    /// Whether the statement holds (its counts right, nothing late).
    pub holds: bool,
    pub index: u64,
    /// Whether this item was recorded after the statement (it contradicts it).
    pub late: bool,
    pub period_id: String,
    pub from: String,
    pub to: String,
    pub body_id: Option<String>,
}

/// The statements that cover a decision (`kind` = decision) or a meeting, in log order.
pub fn coverage(ctx: &ReadContext, kind: &str, id: &str) -> Vec<Coverage> {
    use ledger_rules::checks::record::{covers, CountedKind};
    let m = ctx.model;
    let item = match kind {
        "decision" => m.decisions.get(id).and_then(|d| {
            let body = m
                .meetings
                .get(d.ev.meeting_id.as_str())?
                .conv
                .ev
                .body_id
                .to_string();
            Some((
                CountedKind::Decision,
                d.ev.adopted_at.at.date(),
                body,
                d.index,
            ))
        }),
        "meeting" => m.meetings.get(id).map(|x| {
            (
                CountedKind::Meeting,
                x.conv.ev.opens_on.day,
                x.conv.ev.body_id.to_string(),
                x.conv.index,
            )
        }),
        _ => None,
    };
    let Some((k, day, body, index)) = item else {
        return Vec::new();
    };
    m.periods
        .iter()
        .filter(|p| covers(m, &p.ev, k, day, &body, index))
        .map(|p| Coverage {
            // the statement holds when the rules found nothing against it (as `PeriodView::holds`,
            // without recounting the log on every page)
            holds: !ctx.findings.iter().any(|f| against(f, p)),
            index: p.index,
            late: index > p.index,
            period_id: p.ev.period_id.to_string(),
            from: p.ev.from.as_str().to_owned(),
            to: p.ev.to.as_str().to_owned(),
            body_id: p.ev.body_id.as_ref().map(|b| b.to_string()),
        })
        .collect()
}
