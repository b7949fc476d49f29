# decision-ledger：各页面的消息，中文。
# 译者：保留每个 id 和每个 { $variable }；变量包含标识符、时间、数字或链接，按记录原样显示。
# 记录词汇（w-…）、规则文本（rule-…）和检查结果消息（f-…）
# 位于 crates/ledger-rules/locales/。

## 导航和所有页面

nav-site = 网站
nav-tag = CP-11/4号决定审计
nav-verify = 验证
nav-record = 记录
nav-copies = 副本
nav-witnesses = 见证方
nav-api = API
nav-languages = 语言
footer-verify = 本页的每一项数据都是根据已签名的日志，按照与{ $command }相同的规则计算得出的。请导出日志并自行核查。
notfound-title = 未找到
notfound-back = 返回登记簿
notfound-what = 日志中没有：{ $what } { $id }。
thing-decision = 决定
thing-meeting = 会议
thing-procedure = 默许程序
thing-period = 完整性声明
thing-party = 缔约方
thing-entry = 条目
demo-label = 演示：
check-yourself = 自行核查
check-in-browser = 也可在浏览器中离线核查，见{ $link }。
verifier-link = 验证页面
heading-findings = 检查结果
no-findings = 无检查结果。
finding-meta = 对象：{ $subject }；证据：{ $evidence }
unofficial-translation = 本项目的解读，非正式译文；本项目所持的CP-11/4文本为阿拉伯文原文
quote-original = CP-11/4号决定第{ $para }段，阿拉伯文原文
minutes = { $minutes }分钟

illustrative-title = 示例情景，并非历史记录。
illustrative-body = 本示例根据CP-11/4号决定为本登记簿编写，用以展示依规举行的在线会议和默许程序的情形，并与一项仍超出允许范围的决定相对照。历史案例完全按照记录原样显示。
illustrative-short = 示例情景

## 标记

verdict-within-scope = 在允许范围内
verdict-out-of-scope = 超出允许范围
verdict-in-person = 现场
severity-violation = 违规
severity-advisory = 提示
severity-info = 信息

## 表格列

col-decision = 决定
col-meeting = 会议
col-category = 类别
col-venue = 会议形式
col-verdict = 结论
col-index = 序号
col-type = 类型
col-recorded-at = 记录时间
col-consultation = 磋商
col-kind = 种类
col-opened = 开始
col-closed = 结束
col-responses = 答复
col-session = 场次
col-mode = 方式
col-start = 开始
col-end = 结束
col-length = 时长
col-webcast = 网络直播覆盖率

## 首页

index-title = 登记簿
index-heading = 在常规现场会议之外作出的决定
index-log = 日志
index-entries = 条目
index-root = Merkle根
index-decisions = 决定
index-decision-counts = { $total }项——{ $within }项在允许范围内，{ $out }项超出允许范围，{ $inperson }项现场作出
index-checkpoint = 已签名检查点
index-decisions-verdicts = 决定和结论
filter-verdict = 结论
filter-category = 类别
filter-any = 全部
filter-submit = 筛选
index-no-match = 没有匹配的决定。
index-meetings = 会议
index-silence-link = 默许程序{ $id }
index-latest = 最新条目
index-live = 实时：正在跟踪日志。
index-live-caught-up = 实时：已是最新，正在跟踪日志。

## 决定

decision-title = 决定{ $id }
decision-verdict = 结论：
decision-adopted = 通过
decision-adopted-by = { $at }，以{ $method }方式
decision-where = 地点
decision-session = 场次{ $id }
decision-scope = 所决定事项的范围（P2.online_scope）
decision-scope-in-person = 现场通过：不涉及在线范围问题。
decision-scope-ok = { $category }决定可以此方式作出；结论还考虑了会议的决定方式和举行方式。
decision-scope-none = 无在线范围方面的检查结果。
decision-scope-out = 在线作出的{ $category }决定。
decision-evidence = 证据条目
decision-bureau-behind = 所依据的主席团决定
decision-bureau-line = { $bureau }的{ $id }，{ $at }（{ $method }）
decision-endorsed-by = 赞同的成员：
decision-none-recorded = 无记录
decision-witnesses = 见证方所见
decision-witness-demo = 这些见证方由本服务器自行运行（{ $flag }），每个联合国区域组一个，用于演示其工作方式。在由独立见证方运行之前，其联署签名不能证明本服务器的任何情况。
decision-witness-explain = 见证方对包含本决定条目（{ $entry }）的检查点进行联署签名，即表明当时日志中包含该条目，且该见证方未见过该日志的任何其他历史。
decision-seen-at = 见于{ $at }
decision-not-yet = 尚未
decision-download-receipt = 下载凭证
decision-receipt-explain = 凭证包含本结论所依据的每一个条目，每个条目均附有针对已签名检查点的包含证明。请使用您信任的日志密钥离线验证：
audit-note = 审计说明
audit-note-text = 打印自已签名的日志。本决定的凭证可根据此检查点（或更晚的检查点）证明其条目；请使用您信任的日志密钥验证：{ $command }

## 完整性声明

coverage-heading = 完整性
coverage-late-decision = 属于{ $period }完整性声明的涵盖范围，而本决定与该声明相矛盾：本决定是在该声明之后记录的。
coverage-late-meeting = 属于{ $period }完整性声明的涵盖范围，而本次会议与该声明相矛盾：本次会议是在该声明之后记录的。
coverage-recorded-late = 延迟记录
coverage-holds = 属于{ $period }完整性声明的涵盖范围，该声明成立。
coverage-not-holds = 属于{ $period }完整性声明的涵盖范围，该声明不成立（见该声明）。
period-title = 完整性声明{ $id }
period-holds = 成立
period-not-holds = 不成立
period-stated-body = 秘书处声明：日志包含机构{ $body }从{ $from }至{ $to }（UTC日）的所有会议、默许程序、决定和主席团决定，并说明了各自的数目。
period-stated-all = 秘书处声明：日志包含所有机构从{ $from }至{ $to }（UTC日）的所有会议、默许程序、决定和主席团决定，并说明了各自的数目。
period-recorded = 记录
period-recorded-value = 条目{ $entry }，截止于{ $at }
period-statement = 声明
period-report = 报告
period-counts = 数目
period-what = 项目
period-stated = 声明数
period-found = 记录时日志中的数目
period-meetings = 会议
period-procedures = 默许程序
period-decisions = 决定
period-bureau-decisions = 主席团决定
period-differs = 不一致
period-after = 在其之后记录、属于其期间的条目
period-nothing-late = 在该声明之后记录的内容均不属于其期间：没有后来的条目与之相矛盾。
period-late-explain = 以下各项均在该声明之后记录，且本应计入该声明：该声明并不完整（L.after_close）。
period-counted = 其计入的内容
period-nothing = 无。
period-item = { $kind }{ $id }（条目{ $entry }）

## 图表和时间线

chart-as-table = 以表格显示数据
chart-limit = 虚线：{ $limit }
chart-night-title = 各区域会议时间中处于夜间的比例（区域参考时区的22:00–07:00）
chart-night-desc = 每个联合国区域一个条形：会议时间中处于该区域参考时区22:00至07:00之间的百分比。虚线标示50%，即CP-11/4号决定的轮换所允许的上限（P7.time_zones）。
chart-night-value = 夜间占{ $percent }%（{ $total }分钟中的{ $night }分钟）
chart-day-title = 每日在线会议时间
chart-day-desc = 每个举行在线或混合场次的日期一个条形：显示其总时长。虚线标示两小时，即CP-11/4号决定倾向的每日时长（P7.session_length）。
chart-day-value = { $hours }小时{ $minutes }分钟
timeline-explain = 按发生顺序排列，依据各事件所述时间（链接至记录各事件的条目）：从上到下即可看出先后顺序。
timeline-empty = 暂无内容。
tl-consultation-opened = 磋商开始
tl-consultation-closed = 磋商结束
tl-bureau-decision = 主席团决定
tl-scenario-note = 情景说明发布
tl-training = 培训
tl-session = 场次开始
tl-decision = 决定通过
tl-round-circulated = 草案分发
tl-round-deadline = 截止时间
tl-objection = 收到
tl-conclusion = 结束

## 会议

meeting-title = 会议{ $id }
meeting-id = 会议编号
meeting-body = 机构
meeting-kind-mode = 种类和方式
meeting-kind-mode-value = { $kind }，以{ $mode }方式召开
meeting-online = 在线会议
meeting-dates = 日期
meeting-dates-value = { $from }至{ $to }（参考时区{ $zone }）
meeting-vmd = 虚拟方式决定
meeting-vmd-none = 首个场次之前无
meeting-timeline = 会议时间线
meeting-bds = 主席团决定和磋商
meeting-no-bd = 没有关于本次会议的主席团决定记录。
meeting-bd-by = 由{ $bureau }于{ $at }作出。
meeting-bd-circumstances = 特殊情况：
meeting-prolonged = 长期持续
meeting-none-stated = 未说明
meeting-no-consultation = 未援引任何磋商。
meeting-respond = 以缔约方身份答复
meeting-record-here = 为本次会议记录
meeting-record-links = 供秘书处使用，已填入会议信息：{ $session }、{ $webcast }、{ $training }、{ $decision }。
meeting-record-session = 下一场次
meeting-record-webcast = 某一场次的网络直播
meeting-record-training = 一次培训
meeting-record-decision = 一项决定
meeting-notes = 情景说明和培训
meeting-no-note = 没有情景说明记录。
meeting-note-line = 说明{ $id }，由{ $by }编写，于{ $at }发布，提供给{ $to }
meeting-no-training = 没有培训或连接测试记录。
meeting-training-line = { $kind }：{ $from }至{ $to }
meeting-sessions = 场次
meeting-no-session = 没有场次记录（仅以书面程序举行的会议没有场次）。
meeting-webcast-percent = 网络直播{ $percent }%
meeting-charts = 时区负担和场次时长
meeting-decisions = 决定
meeting-no-decision = 未通过任何决定。

## 默许程序

silence-title = 默许程序{ $id }
silence-draft = 草案
silence-urgent = 紧急
silence-outcome = 结果
silence-broken = 已被打破
silence-held = 未被打破
silence-not-concluded = 未结束
silence-timeline = 程序时间线
silence-rounds = 轮次
silence-round = 第{ $round }轮
silence-round-line = { $at }分发，截止时间{ $deadline }（{ $hours }小时）
silence-no-objection = 本轮未收到反对意见。
silence-breaks = 打破默许
silence-not-counted = 不计入
silence-objection-line = 来自{ $party }的{ $kind }，于{ $at }收到
silence-objection-from = 来自{ $party }的{ $kind }
silence-outside = 不属于任何轮次的反对意见
silence-object = 以缔约方身份提出反对或评论
silence-object-explain = 使用贵缔约方的密钥，在浏览器中签名；您将获得该条目的证明。
silence-conclusions = 程序结束
silence-conclusion-line = { $at }：{ $outcome }（条目{ $entry }）
silence-decisions = 经其通过的决定
why-not-party = 收到时不是议定书缔约方
why-comment = 评论不打破默许
why-outside = 不在任何轮次的时限内

## 缔约方

party-title = 缔约方{ $id }
party-id = 缔约方编号
party-region = 区域
party-since = 成为议定书缔约方的日期
party-withdrawn = 退出日期
party-objections = 反对意见
party-objection-line = { $procedure }中的{ $kind }，{ $at }
party-not-counted = 不计入（当时不是议定书缔约方）
party-responses = 磋商答复
party-response-line = 就{ $consultation }：{ $position }，{ $at }

## 条目

entry-title = 条目{ $index }
entry-heading = 条目#{ $index }
entry-event-id = 事件编号
entry-server-clock = 服务器时钟
entry-prev = 前一条目的哈希值（BLAKE3）
entry-signers = 签名者
entry-signer-member = { $role }（{ $bureau }成员{ $member }）
entry-signer-admin = 其所登记的管理员密钥
entry-event = 事件
entry-inclusion = 包含证明
entry-against = 针对大小为{ $size }的检查点（根{ $root }）：
entry-line = 条目行，逐字节一致
entry-download-proof = 下载证明
entry-proof-explain = 该证明（C2SP { $spec }）包含本条目的行、其包含证明，以及附有见证方联署签名的检查点。请使用您信任的日志密钥离线核查：
entry-pager = 条目
entry-previous = ← 上一条
entry-next = 下一条 →
doc-heading = 根据此摘要核查文档
doc-explain = 本登记簿按BLAKE3摘要保存文档。您收到的副本如果摘要相同，即为此处记录的文档；您可在自己的计算机上用{ $command }计算文件摘要，或将文件连同本条目的证明或该决定的凭证拖放到{ $link }：该页面将在您的浏览器中计算摘要，并显示哪些已证明的条目提及该摘要。

## 副本和镜像

pub-title = 副本和镜像
pub-heading = 本日志的副本和镜像
pub-intro = 任何人都可以保存本日志的副本并加以核查，而无需信任本服务器。本日志以{ $spec }格式发布于{ $path }：包括一个由日志密钥签名的检查点，以及一经写入即不再更改的文件。
pub-now = 日志现状
pub-origin = 来源
pub-root = 根
pub-log-key = 日志密钥
pub-publish = 发布静态副本
pub-publish-explain = 将检查点、日志密钥和瓦片写为普通文件；再次运行即可添加新内容。随后任何网络服务器、对象存储或CDN均可提供该目录。
pub-mirror = 运行镜像
pub-mirror-explain = 镜像会验证每个条目（签名、角色、模式、树、规则）以及每个新检查点与其上次接受的检查点是否一致，然后以只读方式提供相同的页面和路由。如果日志提供的检查点与镜像已接受的检查点不一致，镜像会将两者都保留为证据并停止跟踪。
pub-agree = 核查镜像是否与本日志一致
pub-agree-explain = 保存镜像的检查点，然后核查本日志是否为其延伸：在本日志密钥下，截至该检查点大小的条目均相同。
pub-agree-exit = 退出码0表示镜像持有本日志的前缀，逐条一致。任何其他结果都会指出不一致的条目或检查点。

## 见证方

wit-title = 见证方
wit-heading = 见证本日志
wit-intro = 秘书处使用日志密钥签署本日志的每个检查点。仅凭签名无法表明所有人看到的是同一历史：服务器可能向一个区域组显示一种历史，而向其余区域组显示另一种历史。见证方弥补了这一缺陷：每个见证方只有在检查点与其此前联署签名的该日志所有检查点均一致时，才会对其联署签名（{ $spec }）。
wit-now = 本服务器的见证方
wit-none = 本服务器不向任何见证方提交检查点（运行时未使用{ $flag }）。
wit-demo = 以下见证方由本服务器自行运行（{ $flag }）。它们用于演示见证的工作方式，不能证明本服务器的任何情况。
wit-quorum = 当前所提供检查点的策略法定人数：
wit-met = 已达到
wit-not-met = 未达到
wit-cosignatures = { $count }个联署签名
wit-run = 运行见证方
wit-run-explain = 一条命令生成其密钥，另一条命令为本日志运行见证方：
wit-run-page = 其页面列出其联署签名的检查点，并保留任何不当行为的证据：本日志中不可能同时为真的两个检查点。
wit-policy = 将其加入策略
wit-policy-explain = 哪些见证方计入由一个{ $spec }文件规定，服务器和每个验证者使用同一文件。对条约机构而言，一种自然的做法是：每个联合国区域组一个见证方，法定人数为五分之三。
wit-policy-use = 服务器通过{ $serve }采用该文件；审计人员使用{ $verify }或{ $receipt }核查导出文件或凭证，如未达到法定人数，则核查失败，并指出缺少哪个区域组。
wit-proves = 联署签名能证明什么，不能证明什么
wit-proves-1 = 它证明，在其所载时间，见证方未见过本日志的任何其他历史，且日志当时至少包含该数目的条目：这为某一条目（反对意见、决定）何时已记录在案提供了上限，而无需信任服务器时钟。
wit-proves-2 = 有了由独立见证方构成的法定人数，每个核查该法定人数的读者看到的都是同一历史。
wit-proves-3 = 它不能证明条目真实、完整或合法：这需要依靠{ $command }和CP-11/4号决定的规则。见证方不读取条目内容。
wit-proves-4 = 如果见证方由秘书处自行运行（如演示见证方），则它不能证明任何事情。

## 验证页面（/verify、/verify.html）

verify-title = 验证
verify-heading = 验证凭证、导出文件、证明或文档
verify-offline-tag = 离线验证器
verify-receipt = 凭证
verify-export = 导出文件
verify-proof = 证明
verify-document = 文档
verify-intro = 在浏览器中核查登记簿提供给您的内容，而无需信任发送内容的服务器：决定的{ $receipt }、整个日志的{ $export }（{ $files }一并提供）、条目的{ $proof }（{ $ext }），或{ $document }（决定文本、情景说明），以查明哪些已证明的条目提及其摘要。
verify-same-code = 这些核查使用的正是{ $verify }、{ $receipt }和{ $proof }的代码，编译为WebAssembly。文件绝不会离开本页面：本页面不允许连接任何地方。
verify-files-label = 文件：凭证、.tlog-proof、文档，或导出的两个文件
verify-drop = 或拖放到此处。
verify-trust-label = 信任锚：日志的验证密钥（vkey）或tlog-policy
verify-trust-help = 请粘贴您通过独立于本页面的途径获得的密钥：来自秘书处的公布、同事，或您已信任的导出文件的创世条目。vkey形如{ $vkey }；策略列出{ $log }、{ $witness }和{ $quorum }行。
verify-missing = 本服务器在构建时未包含浏览器验证器（未安装{ $target }目标）。请运行{ $command }后重新构建，或使用{ $tools }。
verify-keep = 将此验证器保存为单个文件
verify-keep-explain = 从磁盘打开即可使用，无需网络。
verify-footer = decision-ledger验证器，{ $version }。✓的含义写在其旁边；✗会指出未通过的核查及原因。
js-verify-choose = 请选择文件并粘贴信任锚。
js-verify-passed = 通过
js-verify-failed = 未通过
js-verify-not-checked = 未核查
js-verify-within-scope = 在允许范围内
js-verify-out-of-scope = 超出允许范围
js-verify-in-person = 现场
js-verify-violation = 违规
js-verify-advisory = 提示
js-verify-info = 信息
js-verify-entry = 条目{ $index }
js-verify-decision-line = 决定{ $id }（{ $category }，{ $venue }，会议{ $meeting }）
js-verify-subject = 对象
js-verify-evidence = 证据：
js-verify-findings = 检查结果（重新计算）
js-verify-no-finding = 本决定无检查结果。
js-verify-proof-line = （{ $type } { $id }）记录于{ $at }，位于包含{ $size }个条目的日志中。
js-verify-export-line = { $size }个条目，根
js-verify-decisions = 决定：
js-verify-none = 无
js-verify-named = 这些条目提及{ $count }个文档摘要；请选择一个文档与之核对。
js-verify-progress = 正在核查导出文件：已核查{ $done }个条目（已读取{ $percent }%）
js-verify-document = 文档
js-verify-its-digest = 其摘要：
js-verify-names-it = 作为{ $type } { $id }的{ $field }提及该文档。
js-verify-doc-match = 该文档正是日志所提及的文档：以下条目已在本页面中得到证明。
js-verify-doc-none-proven = 本页面中已证明的条目均未提及此摘要：请将决定的凭证、条目的证明或导出文件与文档一并选择。
js-verify-doc-no-match = 本页面中已证明的条目提及{ $count }个文档摘要，但均不是此摘要：这不是这些条目所提及的文档（或并非逐字节相同的文件）。
js-verify-choose-files = 请选择凭证、导出文件（entries.jsonl和checkpoint一并选择）、.tlog-proof或文档。
js-verify-paste-trust = 请粘贴日志的vkey或tlog-policy：两者齐备后即开始核查。
js-verify-checking = 正在核查…
js-verify-receipt-title = 凭证{ $name }
js-verify-proof-title = 证明{ $name }
js-verify-export-title = 导出文件{ $entries }及{ $checkpoint }
js-verify-export = 导出文件
js-verify-vkey-ignored = 导出文件自带的log.vkey不是信任锚：它只表明服务器声称使用哪个密钥。请在上方粘贴您通过独立途径获得的密钥。
js-verify-verified = 已验证：您选择的每个文件均通过核查（{ $count }个）。
js-verify-failed-count = 未通过：您选择的{ $count }个文件中有{ $bad }个未通过核查；下方的✗说明了原因。
js-verify-stopped = 核查已停止：{ $error }

## 记录页面（/record）

record-title = 记录事件
record-read-only = 本服务器是只读副本，不接受事件。请在秘书处的服务器上记录。
record-intro = 填写表格，加载您的密钥，核查该事件将产生的效果，然后签名并记录。
record-key-stays = 您的密钥绝不会离开本页面：
record-key-stays-explain = 签名在此处、在您的浏览器中生成，只发送已签名的信封。
record-step-key = 1. 您的密钥
record-key-label = 密钥
record-key-help = 您的签名者密钥文件（{ $format }，由{ $command }生成）。仅在此处读取，且仅用于签名。
record-step-event = 2. 事件
record-type = 事件类型
record-stream = 流（可选）
record-stream-help = 一个主题，例如{ $example }；事件按流计数。
record-step-check = 3. 核查、签名并记录
record-dry-run = 核查其效果（试运行）
record-sign = 签名
record-submit = 签名并记录
record-signatures = 签名
record-download-draft = 下载草稿，供下一位签名者使用
record-draft-link = 含草稿的链接
record-load-draft = 加载草稿信封以添加您的签名
record-event-json = 事件（JSON）
record-envelope-json = 已签名的信封（DSSE）
record-footer = 服务器按照契约规定的顺序核查每个事件；只有全部核查通过才会写入。
js-record-nothing-recorded = 未记录任何内容。
js-record-time-help = 请连同时区填写时间：Z表示UTC，或使用+01:00等偏移量。
js-record-optional = （可选）
js-record-not-key = 这不是签名者密钥文件（PRIVATE+KEY+name+keyhash+…）
js-record-not-ed25519 = 该密钥不是Ed25519密钥（类型0x01，32字节）
js-record-key-damaged = 密钥文件已损坏：其密钥哈希与密钥不符
js-record-load-key-first = 请先加载您的密钥（1. 您的密钥）
js-record-not-signed = （尚未签名）
js-record-who-member = { $bureau }的主席团成员{ $member }
js-record-who-party = 缔约方{ $party }
js-record-who-unknown = 日志未知的密钥
js-record-role-admin = 管理员
js-record-role-secretariat = 秘书处
js-record-role-bureau_member = 主席团成员
js-record-role-party = 缔约方
js-record-no-signature = 尚无签名。
js-record-go-to-field = 转到字段{ $field }
js-record-no-finding = 不会产生任何检查结果。
js-record-severity-violation = 违规
js-record-severity-advisory = 提示
js-record-severity-info = 信息
js-record-on = 针对
js-record-would-decision = 这将使决定{ $id }超出允许范围。
js-record-would-rest = 这将使依据{ $subject }的决定超出允许范围。
js-record-already = 已记录为条目{ $index }
js-record-would-be = 全部核查通过：将成为条目{ $index }
js-record-nothing-written = 未写入任何内容。
js-record-dry-run-ok = 试运行：全部核查通过；未写入任何内容。
js-record-recorded = 已记录为条目{ $index }
js-record-see-entry = 查看条目{ $index }
js-record-recorded-say = 已记录为条目{ $index }。
js-record-already-say = 此前已记录为条目{ $index }。
js-record-ack-no-verifier = 本服务器未内置浏览器验证器：未在此核查确认回执
js-record-ack-bad = 确认回执的证明不成立：{ $why }
js-record-ack-other-event = 所确认的条目并不包含在此签名的事件
js-record-ack-holds = 确认回执成立：条目{ $index }位于包含{ $size }个条目的日志中，其检查点由日志密钥签名，且该条目包含在此签名的事件（已在本页面中核查）
js-record-ack-unchecked = 无法在此核查确认回执：{ $why }
js-record-not-draft = 这不是本登记簿的草稿信封
js-record-draft-loaded = 已加载草稿：目前有{ $count }个签名。请加载您的密钥并按“签名”添加您的签名。
js-record-changed = 事件已更改：请重新签名。
js-record-key-unregistered = 密钥{ $key }未在本日志中登记：服务器将拒绝其签名的内容 (401)。请联系登记簿管理员予以登记。
js-record-key-revoked = 密钥{ $key }已被撤销：服务器拒绝其签名的内容 (401)。
js-record-key-role = 密钥{ $key }：{ $who }。仅提供该角色可以提交的类型。
js-record-signed = 已由{ $key }签名。请下载草稿或复制其链接供下一位签名者使用，或直接记录。
js-record-bad-link = 无法读取链接中的草稿：{ $why }

## The witness's own page (dledger witness serve)

witness-title = 见证者 { $name }
witness-key = 密钥：{ $key }
witness-explain = 仅当日志的检查点与该见证者此前共同签署的该日志所有检查点一致时，见证者才会共同签署（C2SP tlog-witness）。其共同签名表明：在此时刻，这是它所见过的最大的一致树。
witness-logs = 所跟踪的日志
witness-size = 最近共同签署的规模
witness-at = 共同签署时间（UTC）
witness-evidence = 不当行为的证据
witness-no-evidence = 无：向其出示的每个检查点都与其已共同签署的内容一致。
witness-two-checkpoints = 两个检查点
