# decision-ledger: the pages' messages, in English.
# Translators: keep every id and every { $variable }; a variable holds an identifier, a time, a
# number or a link, shown as recorded. Words of the record's vocabulary (w-…), rule texts (rule-…)
# and finding messages (f-…) are in crates/ledger-rules/locales/.

## Navigation and every page

nav-site = Site
nav-tag = CP-11/4 audit
nav-verify = Verify
nav-record = Record
nav-copies = Copies
nav-witnesses = Witnesses
nav-api = API
nav-languages = Language
footer-verify = Every figure on this page is computed from the signed log by the same rules as { $command }. Export the log and check it yourself.
notfound-title = Not found
notfound-back = Back to the ledger
notfound-what = The log holds no { $what } { $id }.
thing-decision = decision
thing-meeting = meeting
thing-procedure = silence procedure
thing-period = completeness statement
thing-party = Party
thing-entry = entry
demo-label = Demonstration:
check-yourself = Check it yourself
check-in-browser = Or check it in your browser, offline, on { $link }.
verifier-link = the verifier page
heading-findings = Findings
no-findings = No findings.
finding-meta = Subject { $subject }; evidence: { $evidence }
unofficial-translation = the project's reading, an unofficial translation; the text of CP-11/4 the project holds is the Arabic original
quote-original = CP-11/4, paragraph { $para }, in the Arabic original
minutes = { $minutes } min

illustrative-title = Illustrative scenario, not a historical record.
illustrative-body = Written for this ledger from decision CP-11/4 to show what an online meeting and a silence procedure run by the book look like, beside a decision that is still out of scope. The historical cases are shown exactly as the record has them.
illustrative-short = illustrative scenario

## Badges

verdict-within-scope = within scope
verdict-out-of-scope = out of scope
verdict-in-person = in person
severity-violation = violation
severity-advisory = advisory
severity-info = info

## Table columns

col-decision = Decision
col-meeting = Meeting
col-category = Category
col-venue = Venue
col-verdict = Verdict
col-index = Index
col-type = Type
col-recorded-at = Recorded at
col-consultation = Consultation
col-kind = Kind
col-opened = Opened
col-closed = Closed
col-responses = Responses
col-session = Session
col-mode = Mode
col-start = Start
col-end = End
col-length = Length
col-webcast = Webcast coverage

## The front page

index-title = The ledger
index-heading = Decisions taken outside ordinary in-person meetings
index-log = The log
index-entries = Entries
index-root = Merkle root
index-decisions = Decisions
index-decision-counts = { $total } — { $within } within scope, { $out } out of scope, { $inperson } in person
index-checkpoint = Signed checkpoint
index-decisions-verdicts = Decisions and verdicts
filter-verdict = Verdict
filter-category = Category
filter-any = any
filter-submit = Filter
index-no-match = No decision matches.
index-meetings = Meetings
index-silence-link = silence procedure { $id }
index-latest = Latest entries
index-live = Live: following the log.
index-live-caught-up = Live: up to date, following the log.

## A decision

decision-title = Decision { $id }
decision-verdict = Verdict:
decision-adopted = Adopted
decision-adopted-by = { $at } by { $method }
decision-where = Where
decision-session = session { $id }
decision-scope = Scope of what was decided (P2.online_scope)
decision-scope-in-person = Adopted in person: the online scope question does not arise.
decision-scope-ok = a { $category } decision may be taken this way; the verdict also weighs how the meeting was decided and run.
decision-scope-none = No online-scope finding.
decision-scope-out = a { $category } decision taken online.
decision-evidence = Evidence entries
decision-bureau-behind = The Bureau decision behind it
decision-bureau-line = { $id } of { $bureau }, { $at } ({ $method })
decision-endorsed-by = Endorsed by members:
decision-none-recorded = none recorded
decision-witnesses = Seen by the witnesses
decision-witness-demo = these witnesses are run by this server itself ({ $flag }), one per UN regional group, to show how it works. Their cosignatures prove nothing about this server until independent witnesses run them.
decision-witness-explain = A witness's cosignature of a checkpoint that holds this decision's entry ({ $entry }) says that, at that time, the log held it, and that the witness had seen no other history of the log.
decision-seen-at = seen at { $at }
decision-not-yet = not yet
decision-download-receipt = Download the receipt
decision-receipt-explain = The receipt holds every entry this verdict rests on, each with an inclusion proof against a signed checkpoint. Verify it offline, with the log key you trust:
audit-note = Audit note
audit-note-text = Printed from the signed log. The receipt of this decision proves its entries against this checkpoint (or a later one); verify it with the log key you trust: { $command }

## Completeness statements

coverage-heading = Completeness
coverage-late-decision = Covered by the completeness statement for { $period }, which this decision contradicts: it was recorded after the statement.
coverage-late-meeting = Covered by the completeness statement for { $period }, which this meeting contradicts: it was recorded after the statement.
coverage-recorded-late = recorded late
coverage-holds = Covered by the completeness statement for { $period }, which holds.
coverage-not-holds = Covered by the completeness statement for { $period }, which does not hold (see the statement).
period-title = Completeness statement { $id }
period-holds = holds
period-not-holds = does not hold
period-stated-body = The Secretariat stated that the log holds every meeting, silence procedure, decision and Bureau decision of body { $body } from { $from } to { $to } (UTC days), and how many there were.
period-stated-all = The Secretariat stated that the log holds every meeting, silence procedure, decision and Bureau decision of every body from { $from } to { $to } (UTC days), and how many there were.
period-recorded = Recorded
period-recorded-value = entry { $entry }, closed at { $at }
period-statement = Statement
period-report = Report
period-counts = Counts
period-what = What
period-stated = Stated
period-found = In the log when it was recorded
period-meetings = Meetings
period-procedures = Silence procedures
period-decisions = Decisions
period-bureau-decisions = Bureau decisions
period-differs = differs
period-after = Recorded after it, in its period
period-nothing-late = Nothing recorded after the statement falls in its period: no later entry contradicts it.
period-late-explain = Each of these was recorded after the statement and would have been counted by it: the statement was not complete (L.after_close).
period-counted = What it counted
period-nothing = Nothing.
period-item = { $kind } { $id } (entry { $entry })

## Charts and timelines

chart-as-table = The figures as a table
chart-limit = dashed line: { $limit }
chart-night-title = Share of each region's session time at night (22:00–07:00 in the region's reference zone)
chart-night-desc = One bar per UN region: the percentage of the meeting's session time that fell between 22:00 and 07:00 in the region's reference time zone. The dashed line marks 50%, the most CP-11/4's rotation allows (P7.time_zones).
chart-night-value = { $percent }% at night ({ $night } min of { $total } min)
chart-day-title = Online session time per day
chart-day-desc = One bar per day with online or hybrid sessions: their total length. The dashed line marks two hours, the daily length CP-11/4 prefers (P7.session_length).
chart-day-value = { $hours } h { $minutes } min
timeline-explain = In the order it happened, by the times the events state (the entry that records each is linked): what came before what can be read from top to bottom.
timeline-empty = Nothing to show yet.
tl-consultation-opened = Consultation opened
tl-consultation-closed = Consultation closed
tl-bureau-decision = Bureau decision
tl-scenario-note = Scenario note published
tl-training = Training
tl-session = Session started
tl-decision = Decision adopted
tl-round-circulated = Draft circulated
tl-round-deadline = Deadline
tl-objection = Received
tl-conclusion = Concluded

## A meeting

meeting-title = Meeting { $id }
meeting-id = Meeting id
meeting-body = Body
meeting-kind-mode = Kind and mode
meeting-kind-mode-value = { $kind }, convened { $mode }
meeting-online = an online meeting
meeting-dates = Dates
meeting-dates-value = { $from } to { $to } (reference time zone { $zone })
meeting-vmd = Virtual-mode determination
meeting-vmd-none = none before the first session
meeting-timeline = Timeline of the meeting
meeting-bds = Bureau decisions and consultations
meeting-no-bd = No Bureau decision about this meeting is on record.
meeting-bd-by = By { $bureau }, { $at }.
meeting-bd-circumstances = Exceptional circumstances:
meeting-prolonged = prolonged
meeting-none-stated = none stated
meeting-no-consultation = No consultation cited.
meeting-respond = Respond as a Party
meeting-record-here = Record for this meeting
meeting-record-links = For the Secretariat, with the meeting filled in: { $session }, { $webcast }, { $training }, { $decision }.
meeting-record-session = the next session
meeting-record-webcast = a session's webcast
meeting-record-training = a training
meeting-record-decision = a decision
meeting-notes = Scenario note and training
meeting-no-note = No scenario note is on record.
meeting-note-line = Note { $id }, prepared by { $by }, published { $at }, available to { $to }
meeting-no-training = No training or connectivity test is on record.
meeting-training-line = { $kind } { $from } to { $to }
meeting-sessions = Sessions
meeting-no-session = No session is on record (a meeting held only by written procedure has none).
meeting-webcast-percent = { $percent }% webcast
meeting-charts = Time-zone burden and session length
meeting-decisions = Decisions
meeting-no-decision = No decision was adopted.

## A silence procedure

silence-title = Silence procedure { $id }
silence-draft = Draft
silence-urgent = urgent
silence-outcome = Outcome
silence-broken = broken
silence-held = silence held
silence-not-concluded = not concluded
silence-timeline = Timeline of the procedure
silence-rounds = Rounds
silence-round = Round { $round }
silence-round-line = Circulated { $at }, deadline { $deadline } ({ $hours } h)
silence-no-objection = No objection received in this round.
silence-breaks = breaks silence
silence-not-counted = does not count
silence-objection-line = { $kind } from { $party }, received { $at }
silence-objection-from = { $kind } from { $party }
silence-outside = Objections outside every round
silence-object = Object or comment, as a Party
silence-object-explain = with your Party's key, signed in your browser; you get the entry's proof.
silence-conclusions = Conclusions
silence-conclusion-line = { $outcome } at { $at } (entry { $entry })
silence-decisions = Decisions adopted by it
why-not-party = not a Protocol Party when received
why-comment = a comment does not break silence
why-outside = outside every round's window

## A Party

party-title = Party { $id }
party-id = Party id
party-region = Region
party-since = Protocol Party since
party-withdrawn = Withdrawn on
party-objections = Objections
party-objection-line = { $kind } in { $procedure }, { $at }
party-not-counted = not counted (not a Protocol Party then)
party-responses = Consultation responses
party-response-line = { $position } on { $consultation }, { $at }

## An entry

entry-title = Entry { $index }
entry-heading = Entry #{ $index }
entry-event-id = Event id
entry-server-clock = the server's clock
entry-prev = Previous entry hash (BLAKE3)
entry-signers = Signers
entry-signer-member = { $role } (member { $member } of { $bureau })
entry-signer-admin = the admin key it registers
entry-event = Event
entry-inclusion = Inclusion proof
entry-against = Against the checkpoint of size { $size } (root { $root }):
entry-line = The entry line, byte-exact
entry-download-proof = Download the proof
entry-proof-explain = The proof (a C2SP { $spec }) holds this entry's line, its inclusion proof and the checkpoint with its witnesses' cosignatures. Check it offline with the log key you trust:
entry-pager = Entries
entry-previous = ← previous
entry-next = next →
doc-heading = Check a document against this digest
doc-explain = The ledger holds documents by their BLAKE3 digest. A copy you were sent is the one recorded here if its digest is the same; compute a file's digest on your own computer with { $command }, or drop the file on { $link } together with this entry's proof or the decision's receipt: the page computes the digest in your browser and shows which proven entries name it.

## Copies and mirrors

pub-title = Copies and mirrors
pub-heading = Copies and mirrors of this log
pub-intro = Anyone can keep a copy of this log and check it without trusting this server. The log is published as { $spec } under { $path }: a checkpoint signed by the log key, and files that never change once written.
pub-now = The log now
pub-origin = Origin
pub-root = Root
pub-log-key = Log key
pub-publish = Publish a static copy
pub-publish-explain = Writes the checkpoint, the log key and the tiles as plain files; run it again to add what is new. Any web server, object store or CDN can then serve the directory.
pub-mirror = Run a mirror
pub-mirror-explain = A mirror verifies every entry (signatures, roles, schemas, the tree, the rules) and every new checkpoint's consistency with the last one it accepted, then serves the same pages and routes, read-only. If the log ever offers a checkpoint that is not consistent with one it accepted, the mirror keeps both as evidence and stops following.
pub-agree = Check that a mirror agrees with this log
pub-agree-explain = Save the mirror's checkpoint, then check that this log extends it: the same entries up to its size, under this log key.
pub-agree-exit = Exit 0 means the mirror holds a prefix of this log, entry for entry. Any other answer names the entry or the checkpoint that differs.

## Witnesses

wit-title = Witnesses
wit-heading = Witnessing this log
wit-intro = The Secretariat signs every checkpoint of this log with its log key. A signature alone cannot show that everyone was shown the same history: a server could show one history to one regional group and another to the rest. Witnesses close that gap: each cosigns a checkpoint only if it is consistent with every checkpoint of the log it cosigned before ({ $spec }).
wit-now = Witnesses of this server
wit-none = This server submits its checkpoints to no witness (it runs without { $flag }).
wit-demo = the witnesses below are run by this server itself ({ $flag }). They show how witnessing works and prove nothing about this server.
wit-quorum = Quorum of the policy on the checkpoint served now:
wit-met = met
wit-not-met = not met
wit-cosignatures = { $count ->
    [one] { $count } cosignature
   *[other] { $count } cosignatures
}
wit-run = Run a witness
wit-run-explain = One command makes its key, one runs it for this log:
wit-run-page = Its page lists the checkpoints it cosigned and keeps any evidence of misbehaviour: two checkpoints of this log that cannot both be true.
wit-policy = Add it to the policy
wit-policy-explain = Which witnesses count is a { $spec } file, the same for the server and for every verifier. A natural one for a treaty body: one witness per UN regional group and a quorum of three of five.
wit-policy-use = The server takes it with { $serve }; an auditor checks an export or a receipt with { $verify } or { $receipt }, which fail, naming the group that is short, without the quorum.
wit-proves = What a cosignature proves, and what it does not
wit-proves-1 = It proves that, at the time it carries, the witness had seen no other history of this log, and that the log then held at least that many entries: an upper bound on when an entry (an objection, a decision) was on record, that does not trust the server's clock.
wit-proves-2 = With a quorum of independent witnesses, every reader who checks the quorum was shown the same history.
wit-proves-3 = It does not prove that the entries are true, complete or lawful: that is what { $command } and the rules of CP-11/4 are for. A witness does not read the entries.
wit-proves-4 = It proves nothing if the witness is run by the Secretariat itself, as the demonstration ones are.

## The verifier page (/verify, /verify.html)

verify-title = Verify
verify-heading = Verify a receipt, an export, a proof or a document
verify-offline-tag = offline verifier
verify-receipt = receipt
verify-export = export
verify-proof = proof
verify-document = document
verify-intro = Check what the ledger gave you, here in your browser, without trusting the server that sent it: a decision's { $receipt }, an { $export } of the whole log ({ $files } together), an entry's { $proof } ({ $ext }), or a { $document } (a decision text, a scenario note) to find which proven entries name its digest.
verify-same-code = The checks are the very code of { $verify }, { $receipt } and { $proof }, compiled to WebAssembly. The files never leave this page: it is not allowed to connect anywhere.
verify-files-label = Files: a receipt, a .tlog-proof, a document, or the two files of an export
verify-drop = Or drop them here.
verify-trust-label = Trust anchor: the log's verifier key (vkey) or a tlog-policy
verify-trust-help = Paste a key you obtained independently of this page: from the Secretariat's publication, a colleague, or the genesis entry of an export you already trust. A vkey looks like { $vkey }; a policy lists { $log }, { $witness } and { $quorum } lines.
verify-missing = This server was built without the browser verifier (the { $target } target was not installed). Run { $command } and build again, or use { $tools }.
verify-keep = Keep this verifier as one file
verify-keep-explain = it works opened from disk, with no network.
verify-footer = decision-ledger's verifier, { $version }. What a ✓ means is written beside it; a ✗ names the check that failed and why.
js-verify-choose = Choose files and paste a trust anchor.
js-verify-passed = passed
js-verify-failed = failed
js-verify-not-checked = not checked
js-verify-within-scope = within scope
js-verify-out-of-scope = out of scope
js-verify-in-person = in person
js-verify-violation = violation
js-verify-advisory = advisory
js-verify-info = info
js-verify-entry = entry { $index }
js-verify-decision-line = decision { $id } ({ $category }, { $venue }, meeting { $meeting })
js-verify-subject = subject
js-verify-evidence = evidence:
js-verify-findings = Findings, recomputed
js-verify-no-finding = No finding on this decision.
js-verify-proof-line = ({ $type } { $id }), recorded at { $at }, is in the log of { $size } entries.
js-verify-export-line = { $size } entries, root
js-verify-decisions = Decisions:
js-verify-none = none
js-verify-named = { $count } document digests named by these entries; choose a document to check it against them.
js-verify-progress = Checking the export: { $done } entries checked ({ $percent }% read)
js-verify-document = Document
js-verify-its-digest = Its digest:
js-verify-names-it = names it as { $field } of { $type } { $id }.
js-verify-doc-match = This document is the one the log names: the entries below were proven in this page.
js-verify-doc-none-proven = No entry proven in this page names this digest: choose the decision’s receipt, the entry’s proof or the export together with the document.
js-verify-doc-no-match = None of the { $count } document digests named by the entries proven in this page is this one: this is not the document they name (or not byte for byte the same file).
js-verify-choose-files = Choose a receipt, an export (entries.jsonl and checkpoint together), a .tlog-proof or a document.
js-verify-paste-trust = Paste the log’s vkey or a tlog-policy: the check starts as soon as both are there.
js-verify-checking = Checking…
js-verify-receipt-title = Receipt { $name }
js-verify-proof-title = Proof { $name }
js-verify-export-title = Export { $entries } with { $checkpoint }
js-verify-export = Export
js-verify-vkey-ignored = The export’s own log.vkey is not a trust anchor: it says which key the server claims. Paste a key you obtained independently above.
js-verify-verified = Verified: every file you chose holds ({ $count }).
js-verify-failed-count = Failed: { $bad } of the { $count } files you chose failed their checks; the ✗ below says why.
js-verify-stopped = The check stopped: { $error }

## The recording page (/record)

record-title = Record an event
record-read-only = This server is a read-only copy: it takes no events. Record on the Secretariat's server.
record-intro = Fill in the form, load your key, check what the event would do, then sign and record it.
record-key-stays = Your key never leaves this page:
record-key-stays-explain = the signature is made here, in your browser, and only the signed envelope is sent.
record-step-key = 1. Your key
record-key-label = key
record-key-help = Your signer key file ({ $format }, as { $command } writes it). It is read here and used only to sign.
record-step-event = 2. The event
record-type = Event type
record-stream = Stream (optional)
record-stream-help = A subject such as { $example }; events are counted per stream.
record-step-check = 3. Check, sign and record
record-dry-run = Check what it would do (dry run)
record-sign = Sign
record-submit = Sign and record
record-signatures = Signatures
record-download-draft = Download the draft for the next signer
record-draft-link = Link holding the draft
record-load-draft = Load a draft envelope to add your signature
record-event-json = The event (JSON)
record-envelope-json = The signed envelope (DSSE)
record-footer = Every event is checked by the server in the order of the contract; nothing is written unless every check passes.
js-record-nothing-recorded = Nothing was recorded.
js-record-time-help = Write the time with its zone: Z for UTC, or an offset such as +01:00.
js-record-optional = (optional)
js-record-not-key = this is not a signer key file (PRIVATE+KEY+name+keyhash+…)
js-record-not-ed25519 = the key is not an Ed25519 key (type 0x01, 32 bytes)
js-record-key-damaged = the key file is damaged: its key hash does not match its key
js-record-load-key-first = load your key first (1. Your key)
js-record-not-signed = (not signed yet)
js-record-who-member = Bureau member { $member } of { $bureau }
js-record-who-party = Party { $party }
js-record-who-unknown = a key the log does not know
js-record-role-admin = admin
js-record-role-secretariat = Secretariat
js-record-role-bureau_member = Bureau member
js-record-role-party = Party
js-record-no-signature = No signature yet.
js-record-go-to-field = Go to the field { $field }
js-record-no-finding = It would raise no finding.
js-record-severity-violation = violation
js-record-severity-advisory = advisory
js-record-severity-info = info
js-record-on = on
js-record-would-decision = This would make decision { $id } out of scope.
js-record-would-rest = This would make the decisions that rest on { $subject } out of scope.
js-record-already = Already recorded, as entry { $index }
js-record-would-be = Every check passes: it would be entry { $index }
js-record-nothing-written = Nothing was written.
js-record-dry-run-ok = Dry run: every check passes; nothing was written.
js-record-recorded = Recorded as entry { $index }
js-record-see-entry = See entry { $index }
js-record-recorded-say = Recorded as entry { $index }.
js-record-already-say = Already recorded as entry { $index }.
js-record-ack-no-verifier = the browser verifier is not built into this server: the acknowledgement was not checked here
js-record-ack-bad = the acknowledgement's proof does not hold: { $why }
js-record-ack-other-event = the acknowledged entry does not hold the event signed here
js-record-ack-holds = the acknowledgement holds: entry { $index } is in the log of { $size } entries under a checkpoint signed by the log key, and holds the event signed here (checked in this page)
js-record-ack-unchecked = the acknowledgement could not be checked here: { $why }
js-record-not-draft = this is not a draft envelope of this ledger
js-record-draft-loaded = Draft loaded: { $count } signature(s) so far. Load your key and press Sign to add yours.
js-record-changed = The event changed: sign it again.
js-record-key-unregistered = Key { $key } is not registered in this log: the server would refuse what it signs (401). Ask the ledger's administrator to register it.
js-record-key-revoked = Key { $key } was revoked: the server refuses what it signs (401).
js-record-key-role = Key { $key }: { $who }. Only the types this role may submit are offered.
js-record-signed = Signed by { $key }. Download the draft or copy its link for the next signer, or record it.
js-record-bad-link = The draft in the link cannot be read: { $why }

## The witness's own page (dledger witness serve)

witness-title = Witness { $name }
witness-key = Key: { $key }
witness-explain = This witness cosigns a log's checkpoint only if it is consistent with every checkpoint of that log it cosigned before (C2SP tlog-witness). Its cosignature says: at this time, this was the largest consistent tree it had seen.
witness-logs = Logs followed
witness-size = Last cosigned size
witness-at = Cosigned at (UTC)
witness-evidence = Evidence of misbehaviour
witness-no-evidence = None: every checkpoint it was shown was consistent with what it cosigned.
witness-two-checkpoints = the two checkpoints

## The recording page's form fields (the event schemas' names; the schemas' own descriptions stay in English)

field-access = Access
field-admin-vkey = Admin vkey
field-adopted-at = Adopted (time)
field-at = At
field-available-to = Available to
field-basis = Basis
field-body-id = Body
field-bureau-consulted-id = Bureau consulted
field-bureau-consulted-ids = Bureau consulteds
field-bureau-decision-id = Bureau decision
field-bureau-decisions = Bureau decisions
field-bureau-id = Bureau
field-category = Category
field-circulated-at = Circulated (time)
field-closed-at = Closed (time)
field-closes-at = Closes (time)
field-closes-on = Closes (date)
field-communicated-at = Communicated (time)
field-concluded-at = Concluded (time)
field-consultation-id = Consultation
field-consultation-ids = Consultations
field-counts = Counts
field-created-at = Created (time)
field-data = Data
field-deadline = Deadline
field-decided-at = Decided (time)
field-decision-id = Decision
field-decision-ref = Decision ref
field-decisions = Decisions
field-document-digest = Document digest
field-draft = Draft
field-effective-at = Effective (time)
field-ended-at = Ended (time)
field-ends-at = Ends (time)
field-exceptional-circumstances = Exceptional circumstances
field-expected-version = Expected version
field-from = From
field-id = Id
field-items = Items
field-key-id = Key
field-kind = Kind
field-log-vkey = Log vkey
field-mandate-ref = Mandate ref
field-meeting-id = Meeting
field-meetings = Meetings
field-member-id = Member
field-members = Members
field-members-participating = Members participating
field-method = Method
field-mode = Mode
field-name = Name
field-new-term-end = New term end
field-note = Note
field-note-id = Note
field-of-body-id = Of body
field-opened-at = Opened (time)
field-opens-on = Opens (date)
field-origin = Origin
field-outcome = Outcome
field-parent-id = Parent
field-party-id = Party
field-period-id = Period
field-position = Position
field-prepared-by = Prepared by
field-procedure-id = Procedure
field-prolonged = Prolonged
field-protocol-party-since = Protocol party since
field-provided-at = Provided (time)
field-published-at = Published (time)
field-rapporteur = Rapporteur
field-reason = Reason
field-received-at = Received (time)
field-received-via = Received via
field-reference-tz = Reference tz
field-region = Region
field-replaced-member-id = Replaced member
field-report-digest = Report digest
field-request-id = Request
field-requested-at = Requested (time)
field-responded-at = Responded (time)
field-role = Role
field-rules = Rules
field-session-id = Session
field-silence-procedures = Silence procedures
field-started-at = Started (time)
field-starts-at = Starts (time)
field-statement = Statement
field-stream = Stream
field-subject = Subject
field-substitute = Substitute
field-summary = Summary
field-summary-digest = Summary digest
field-supported-at = Supported (time)
field-term-end = Term end
field-term-start = Term start
field-text-digest = Text digest
field-title = Title
field-to = To
field-training-id = Training
field-type = Type
field-urgent = Urgent
field-via = Via
field-vkey = Vkey
field-withdrawn-on = Withdrawn (date)
js-record-add = Add: { $field }
