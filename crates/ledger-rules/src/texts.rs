//! The text of each rule, as rules.md states it, for people reading a finding.

/// (rule id, severity in words, the rule) for every rule of rules.md.
pub const RULES: &[(&str, &str)] = &[
    ("P1.in_person_default", "Meetings are held in person. Every online or hybrid session of a COP-MOP or subsidiary-body meeting needs a Bureau decision on virtual mode for that meeting, stating exceptional circumstances, taken before the session started (paras 1-2)."),
    ("P2.consult_then_decide", "The virtual-mode decision must be taken by the COP-MOP Bureau, cite at least one consultation among the Parties on the same meeting, and come after every cited consultation closed (para 2). Not finding the circumstances prolonged is advisory."),
    ("P2.online_scope", "No substantive decision is taken online: a decision adopted in an online or hybrid session must be on budget matters or procedural matters that let the Secretariat function (para 2)."),
    ("P5.limited_membership", "Expert groups, advisory groups and other limited-membership bodies may meet in person, online or hybrid under their mandate (para 5); a body without a recorded mandate is flagged."),
    ("P6.bureau_online", "Bureaus may meet online between sessions to guide the Secretariat (para 6); they do not adopt the COP-MOP's decisions."),
    ("P3.silence_basis", "A silence procedure needs a Bureau decision on it, by the COP-MOP Bureau, stating exceptional circumstances, taken before circulation after regional consultations covering every region on the Bureau, within an extraordinary meeting (para 3)."),
    ("P3.extraordinary_basis", "An extraordinary meeting needs a basis: a decision, or a Party request supported by at least one third of the Protocol Parties within six months (CBD Art. 23(2), Protocol Art. 29, rule 4)."),
    ("P3.silence_outcome", "Silence is broken by an objection or amendment from a Protocol Party received before the round's deadline; conclusions and adoptions must follow the rounds (para 3, UN practice)."),
    ("P3.silence_period", "Each round of silence should last at least 72 hours (UN General Assembly practice, decision 74/544)."),
    ("P3.urgency", "A draft under silence should be urgent and, like budget decisions, of the kind para 3 names; other categories are flagged."),
    ("P4.webcast", "Every session is webcast so all registered delegates can follow in real time, from start to end, allowing 5 minutes at either end (para 4)."),
    ("P7.scenario_note", "Each online meeting's modalities are set out in a scenario note prepared in consultation with the relevant Bureau and available to all Parties before the first session (para 7(1)); a note by the presiding officer is advisory."),
    ("P7.time_zones", "Scheduling takes account of time-zone burden and rotates time zones: no region should bear more than half its session time at night (22:00-07:00), and sessions should not all start at the same hour (para 7(2))."),
    ("P7.session_length", "Online sessions are preferably limited to two consecutive hours a day (para 7(3))."),
    ("P7.participation_support", "The Secretariat facilitates participation: training or connectivity tests before the meeting at more than one time of day, and support provided to Parties who ask for it (para 7(4))."),
    ("R.bureau_composition", "A COP-MOP Bureau has one President, ten Vice-Presidents (two per UN region), one rapporteur, every member representing a Protocol Party (Protocol Art. 29(3))."),
    ("R.consensus", "Substantive decisions are taken by consensus (rule 40(1) of the rules of procedure was never adopted)."),
    ("R.counted_parties", "A response, objection or support from a Party that is not a Protocol Party at the time is recorded but does not count."),
    ("L.late_record", "An event recorded more than 7 days after it happened: the ledger vouches only for when it was recorded."),
    ("L.future_time", "An event reported as having happened more than a day after it was recorded."),
    ("L.retrospective", "A decision adopted before CP-11/4 (1 November 2024): the rules are applied retrospectively."),
];

/// The text of a rule, or an empty string for an unknown id.
pub fn rule_text(id: &str) -> &'static str {
    RULES.iter().find(|(r, _)| *r == id).map_or("", |(_, t)| t)
}
