# decision-ledger: رسائل الصفحات، بالعربية.
# للمترجمين: يجب الإبقاء على كل معرّف وكل { $variable }؛ يحمل المتغير معرّفا أو وقتا أو
# رقما أو رابطا، ويُعرض كما سُجّل. أما كلمات مفردات السجل (w-…) ونصوص القواعد (rule-…)
# ورسائل الاستنتاجات (f-…) فهي في crates/ledger-rules/locales/.

## التنقل وجميع الصفحات

nav-site = الموقع
nav-tag = تدقيق المقرر CP-11/4
nav-verify = التحقق
nav-record = التسجيل
nav-copies = النسخ
nav-witnesses = الشهود
nav-api = واجهة API
nav-languages = اللغة
footer-verify = كل رقم في هذه الصفحة محسوب من السجل الموقَّع وفق القواعد نفسها التي يطبقها { $command }. صدِّر السجل وتحقق منه بنفسك.
notfound-title = غير موجود
notfound-back = العودة إلى الدفتر
notfound-what = لا يتضمن السجل: { $what } { $id }.
thing-decision = المقرر
thing-meeting = الاجتماع
thing-procedure = إجراء الموافقة الصامتة
thing-period = بيان الاكتمال
thing-party = الطرف
thing-entry = القيد
demo-label = عرض توضيحي:
check-yourself = تحقق بنفسك
check-in-browser = أو تحقق منه في متصفحك، دون اتصال بالشبكة، على { $link }.
verifier-link = صفحة التحقق
heading-findings = الاستنتاجات
no-findings = لا توجد استنتاجات.
finding-meta = الموضوع { $subject }؛ الأدلة: { $evidence }
unofficial-translation = قراءة المشروع، ترجمة غير رسمية؛ نص المقرر CP-11/4 الذي يحوزه المشروع هو الأصل العربي
quote-original = المقرر CP-11/4، الفقرة { $para }، في النص العربي الأصلي
minutes = { $minutes } د

illustrative-title = سيناريو توضيحي، وليس سجلا تاريخيا.
illustrative-body = أُعدّ لهذا الدفتر انطلاقا من المقرر CP-11/4 لبيان ما يبدو عليه اجتماع عبر الإنترنت وإجراء موافقة صامتة يُداران وفق القواعد، إلى جانب مقرر لا يزال خارج النطاق المسموح. وتُعرض الحالات التاريخية تماما كما وردت في السجل.
illustrative-short = سيناريو توضيحي

## الشارات

verdict-within-scope = ضمن النطاق المسموح
verdict-out-of-scope = خارج النطاق المسموح
verdict-in-person = حضوري
severity-violation = مخالفة
severity-advisory = تنبيه
severity-info = معلومة

## أعمدة الجداول

col-decision = المقرر
col-meeting = الاجتماع
col-category = الفئة
col-venue = مكان الانعقاد
col-verdict = الحكم
col-index = الرقم
col-type = النوع
col-recorded-at = وقت التسجيل
col-consultation = المشاورة
col-kind = النوع
col-opened = الافتتاح
col-closed = الاختتام
col-responses = الردود
col-session = الجلسة
col-mode = الطريقة
col-start = البداية
col-end = النهاية
col-length = المدة
col-webcast = تغطية البث الشبكي

## الصفحة الرئيسية

index-title = الدفتر
index-heading = المقررات المتخذة خارج الاجتماعات الحضورية العادية
index-log = السجل
index-entries = القيود
index-root = جذر ميركل
index-decisions = المقررات
index-decision-counts = { $total } — { $within } ضمن النطاق المسموح، و{ $out } خارج النطاق المسموح، و{ $inperson } حضوري
index-checkpoint = نقطة التحقق الموقَّعة
index-decisions-verdicts = المقررات والأحكام
filter-verdict = الحكم
filter-category = الفئة
filter-any = الكل
filter-submit = تصفية
index-no-match = لا يوجد مقرر مطابق.
index-meetings = الاجتماعات
index-silence-link = إجراء الموافقة الصامتة { $id }
index-latest = أحدث القيود
index-live = مباشر: متابعة السجل.
index-live-caught-up = مباشر: محدَّث، متابعة السجل.

## المقرر

decision-title = المقرر { $id }
decision-verdict = الحكم:
decision-adopted = الاعتماد
decision-adopted-by = { $at }، الطريقة: { $method }
decision-where = المكان
decision-session = الجلسة { $id }
decision-scope = نطاق ما تقرر (P2.online_scope)
decision-scope-in-person = اعتُمد حضوريا: لا تنشأ مسألة النطاق المسموح عبر الإنترنت.
decision-scope-ok = يجوز اتخاذ مقرر من فئة «{ $category }» بهذه الطريقة؛ ويراعي الحكم أيضا كيفية تقرير عقد الاجتماع وإدارته.
decision-scope-none = لا يوجد استنتاج بشأن النطاق المسموح عبر الإنترنت.
decision-scope-out = مقرر من فئة «{ $category }» اتُّخذ عبر الإنترنت.
decision-evidence = قيود الأدلة
decision-bureau-behind = قرار المكتب الذي يستند إليه
decision-bureau-line = { $id } الصادر عن { $bureau }، { $at } ({ $method })
decision-endorsed-by = أيّده الأعضاء:
decision-none-recorded = لم يُسجَّل شيء
decision-witnesses = اطّلاع الشهود
decision-witness-demo = يتولى هذا الخادم نفسه تشغيل هؤلاء الشهود ({ $flag })، شاهد واحد لكل مجموعة إقليمية من مجموعات الأمم المتحدة، لبيان طريقة العمل. ولا تثبت توقيعاتهم المشتركة شيئا عن هذا الخادم إلى أن تتولى تشغيلهم جهات مستقلة.
decision-witness-explain = يفيد التوقيع المشترك من شاهد على نقطة تحقق تتضمن قيد هذا المقرر ({ $entry }) بأن السجل كان يتضمنه في ذلك الوقت، وبأن الشاهد لم يطّلع على أي تاريخ آخر للسجل.
decision-seen-at = اطُّلع عليه في { $at }
decision-not-yet = ليس بعد
decision-download-receipt = تنزيل الإيصال
decision-receipt-explain = يتضمن الإيصال كل قيد يستند إليه هذا الحكم، مع إثبات إدراج كل منها مقابل نقطة تحقق موقَّعة. تحقق منه دون اتصال بالشبكة، باستخدام مفتاح السجل الذي تثق به:
audit-note = ملاحظة تدقيق
audit-note-text = مطبوع من السجل الموقَّع. يثبت إيصال هذا المقرر قيوده مقابل نقطة التحقق هذه (أو نقطة لاحقة)؛ تحقق منه باستخدام مفتاح السجل الذي تثق به: { $command }

## بيانات الاكتمال

coverage-heading = الاكتمال
coverage-late-decision = يشمله بيان الاكتمال عن { $period }، الذي يناقضه هذا المقرر: فقد سُجّل بعد البيان.
coverage-late-meeting = يشمله بيان الاكتمال عن { $period }، الذي يناقضه هذا الاجتماع: فقد سُجّل بعد البيان.
coverage-recorded-late = سُجّل متأخرا
coverage-holds = يشمله بيان الاكتمال عن { $period }، وهو بيان صحيح.
coverage-not-holds = يشمله بيان الاكتمال عن { $period }، وهو بيان غير صحيح (انظر البيان).
period-title = بيان الاكتمال { $id }
period-holds = صحيح
period-not-holds = غير صحيح
period-stated-body = أفادت الأمانة بأن السجل يتضمن كل اجتماع وإجراء موافقة صامتة ومقرر وقرار مكتب للهيئة { $body } من { $from } إلى { $to } (أيام بالتوقيت العالمي المنسق UTC)، وبعددها.
period-stated-all = أفادت الأمانة بأن السجل يتضمن كل اجتماع وإجراء موافقة صامتة ومقرر وقرار مكتب لجميع الهيئات من { $from } إلى { $to } (أيام بالتوقيت العالمي المنسق UTC)، وبعددها.
period-recorded = التسجيل
period-recorded-value = القيد { $entry }، أُقفل في { $at }
period-statement = البيان
period-report = التقرير
period-counts = الأعداد
period-what = البند
period-stated = العدد المعلن
period-found = الموجود في السجل عند تسجيله
period-meetings = الاجتماعات
period-procedures = إجراءات الموافقة الصامتة
period-decisions = المقررات
period-bureau-decisions = قرارات المكتب
period-differs = مختلف
period-after = ما سُجّل بعده ويقع ضمن فترته
period-nothing-late = لم يُسجَّل بعد البيان شيء يقع ضمن فترته: لا يوجد قيد لاحق يناقضه.
period-late-explain = سُجّل كل من هذه البنود بعد البيان، وكان البيان سيحسبه: لم يكن البيان كاملا (L.after_close).
period-counted = ما حسبه البيان
period-nothing = لا شيء.
period-item = { $kind } { $id } (القيد { $entry })

## الرسوم البيانية والتسلسلات الزمنية

chart-as-table = الأرقام في جدول
chart-limit = الخط المتقطع: { $limit }
chart-night-title = نسبة وقت الجلسات الواقع ليلا لكل منطقة (22:00–07:00 في المنطقة الزمنية المرجعية للمنطقة)
chart-night-desc = عمود واحد لكل منطقة من مناطق الأمم المتحدة: النسبة المئوية من وقت جلسات الاجتماع الواقعة بين الساعة 22:00 والساعة 07:00 في المنطقة الزمنية المرجعية للمنطقة. ويشير الخط المتقطع إلى 50%، وهي أقصى نسبة يسمح بها التناوب المنصوص عليه في المقرر CP-11/4 (P7.time_zones).
chart-night-value = { $percent }% ليلا ({ $night } د من أصل { $total } د)
chart-day-title = وقت الجلسات عبر الإنترنت في اليوم
chart-day-desc = عمود واحد لكل يوم عُقدت فيه جلسات عبر الإنترنت أو مختلطة: مجموع مدتها. ويشير الخط المتقطع إلى ساعتين، وهي المدة اليومية التي يفضلها المقرر CP-11/4 (P7.session_length).
chart-day-value = { $hours } س { $minutes } د
timeline-explain = بترتيب وقوعها، حسب الأوقات التي تذكرها الأحداث (مع رابط إلى القيد الذي يسجل كلا منها): يمكن قراءة ما سبق ما من الأعلى إلى الأسفل.
timeline-empty = لا شيء لعرضه بعد.
tl-consultation-opened = افتُتحت المشاورة
tl-consultation-closed = اختُتمت المشاورة
tl-bureau-decision = قرار المكتب
tl-scenario-note = نُشرت مذكرة السيناريو
tl-training = التدريب
tl-session = بدأت الجلسة
tl-decision = اعتُمد المقرر
tl-round-circulated = عُمّم المشروع
tl-round-deadline = الموعد النهائي
tl-objection = ورد
tl-conclusion = اختُتم

## الاجتماع

meeting-title = الاجتماع { $id }
meeting-id = معرّف الاجتماع
meeting-body = الهيئة
meeting-kind-mode = النوع وطريقة الانعقاد
meeting-kind-mode-value = { $kind }، طريقة الانعقاد: { $mode }
meeting-online = اجتماع عبر الإنترنت
meeting-dates = التواريخ
meeting-dates-value = من { $from } إلى { $to } (المنطقة الزمنية المرجعية { $zone })
meeting-vmd = قرار الانعقاد الافتراضي
meeting-vmd-none = لا يوجد قبل الجلسة الأولى
meeting-timeline = التسلسل الزمني للاجتماع
meeting-bds = قرارات المكتب والمشاورات
meeting-no-bd = لا يوجد في السجل أي قرار للمكتب بشأن هذا الاجتماع.
meeting-bd-by = صادر عن { $bureau }، { $at }.
meeting-bd-circumstances = الظروف الاستثنائية:
meeting-prolonged = لفترة طويلة
meeting-none-stated = لم يُذكر شيء
meeting-no-consultation = لم يُستشهد بأي مشاورة.
meeting-respond = الرد بصفتك طرفا
meeting-record-here = التسجيل لهذا الاجتماع
meeting-record-links = للأمانة، مع تعبئة بيانات الاجتماع: { $session }، { $webcast }، { $training }، { $decision }.
meeting-record-session = الجلسة التالية
meeting-record-webcast = البث الشبكي لجلسة
meeting-record-training = تدريب
meeting-record-decision = مقرر
meeting-notes = مذكرة السيناريو والتدريب
meeting-no-note = لا توجد في السجل مذكرة سيناريو.
meeting-note-line = المذكرة { $id }، أعدّها { $by }، نُشرت في { $at }، متاحة لـ{ $to }
meeting-no-training = لا يوجد في السجل أي تدريب أو اختبار للاتصال.
meeting-training-line = { $kind } من { $from } إلى { $to }
meeting-sessions = الجلسات
meeting-no-session = لا توجد في السجل أي جلسة (الاجتماع الذي يُعقد بإجراء كتابي فقط ليست له جلسات).
meeting-webcast-percent = بث شبكي بنسبة { $percent }%
meeting-charts = عبء المناطق الزمنية ومدة الجلسات
meeting-decisions = المقررات
meeting-no-decision = لم يُعتمد أي مقرر.

## إجراء الموافقة الصامتة

silence-title = إجراء الموافقة الصامتة { $id }
silence-draft = المشروع
silence-urgent = عاجل
silence-outcome = النتيجة
silence-broken = كُسر الصمت
silence-held = لم يُكسر الصمت
silence-not-concluded = لم يُختتم
silence-timeline = التسلسل الزمني للإجراء
silence-rounds = الجولات
silence-round = الجولة { $round }
silence-round-line = عُمّم في { $at }، الموعد النهائي { $deadline } ({ $hours } س)
silence-no-objection = لم يرد أي اعتراض في هذه الجولة.
silence-breaks = يكسر الصمت
silence-not-counted = لا يُحتسب
silence-objection-line = { $kind } من { $party }، ورد في { $at }
silence-objection-from = { $kind } من { $party }
silence-outside = اعتراضات خارج جميع الجولات
silence-object = الاعتراض أو التعليق بصفتك طرفا
silence-object-explain = بمفتاح الطرف الذي تمثله، ويُوقَّع في متصفحك؛ وتحصل على إثبات القيد.
silence-conclusions = الاختتام
silence-conclusion-line = { $outcome } في { $at } (القيد { $entry })
silence-decisions = المقررات المعتمدة بموجبه
why-not-party = لم يكن طرفا في البروتوكول عند وروده
why-comment = التعليق لا يكسر الصمت
why-outside = خارج الفترة الزمنية لجميع الجولات

## الطرف

party-title = الطرف { $id }
party-id = معرّف الطرف
party-region = المنطقة
party-since = طرف في البروتوكول منذ
party-withdrawn = تاريخ الانسحاب
party-objections = الاعتراضات
party-objection-line = { $kind } في { $procedure }، { $at }
party-not-counted = لا يُحتسب (لم يكن طرفا في البروتوكول حينئذ)
party-responses = الردود على المشاورات
party-response-line = { $position } في المشاورة { $consultation }، { $at }

## القيد

entry-title = القيد { $index }
entry-heading = القيد #{ $index }
entry-event-id = معرّف الحدث
entry-server-clock = ساعة الخادم
entry-prev = تجزئة القيد السابق (BLAKE3)
entry-signers = الموقّعون
entry-signer-member = { $role } (العضو { $member } في { $bureau })
entry-signer-admin = مفتاح المشرف الذي يسجله
entry-event = الحدث
entry-inclusion = إثبات الإدراج
entry-against = مقابل نقطة التحقق ذات الحجم { $size } (الجذر { $root }):
entry-line = سطر القيد، مطابقا بايتا ببايت
entry-download-proof = تنزيل الإثبات
entry-proof-explain = يتضمن الإثبات (وهو { $spec } وفق C2SP) سطر هذا القيد، وإثبات إدراجه، ونقطة التحقق مع التوقيعات المشتركة لشهودها. تحقق منه دون اتصال بالشبكة باستخدام مفتاح السجل الذي تثق به:
entry-pager = القيود
entry-previous = → السابق
entry-next = التالي ←
doc-heading = مطابقة وثيقة مع هذه البصمة
doc-explain = يحفظ الدفتر الوثائق ببصمتها وفق BLAKE3. والنسخة التي أُرسلت إليك هي النسخة المسجلة هنا إذا كانت بصمتها مطابقة؛ احسب بصمة الملف على حاسوبك باستخدام { $command }، أو أفلت الملف على { $link } مع إثبات هذا القيد أو إيصال المقرر: تحسب الصفحة البصمة في متصفحك وتبيّن القيود المثبتة التي تذكرها.

## النسخ والمرايا

pub-title = النسخ والمرايا
pub-heading = نسخ هذا السجل ومراياه
pub-intro = يمكن لأي شخص الاحتفاظ بنسخة من هذا السجل والتحقق منها دون الحاجة إلى الثقة بهذا الخادم. ويُنشر السجل بصيغة { $spec } تحت { $path }: نقطة تحقق موقّعة بمفتاح السجل، وملفات لا تتغير أبدا بعد كتابتها.
pub-now = السجل الآن
pub-origin = المصدر
pub-root = الجذر
pub-log-key = مفتاح السجل
pub-publish = نشر نسخة ثابتة
pub-publish-explain = يكتب نقطة التحقق ومفتاح السجل والبلاطات ملفاتٍ عادية؛ أعد تشغيله لإضافة الجديد. ويمكن بعد ذلك لأي خادم ويب أو مخزن كائنات أو شبكة CDN تقديم الدليل.
pub-mirror = تشغيل مرآة
pub-mirror-explain = تتحقق المرآة من كل قيد (التوقيعات والأدوار والمخططات والشجرة والقواعد) ومن اتساق كل نقطة تحقق جديدة مع آخر نقطة قبلتها، ثم تقدم الصفحات والمسارات نفسها، للقراءة فقط. وإذا عرض السجل يوما نقطة تحقق غير متسقة مع نقطة سبق أن قبلتها، تحتفظ المرآة بكلتيهما دليلا وتتوقف عن المتابعة.
pub-agree = التحقق من تطابق مرآة مع هذا السجل
pub-agree-explain = احفظ نقطة التحقق الخاصة بالمرآة، ثم تحقق من أن هذا السجل امتداد لها: القيود نفسها حتى حجمها، بمفتاح السجل هذا.
pub-agree-exit = تعني قيمة الخروج 0 أن المرآة تتضمن بادئة من هذا السجل، قيدا بقيد. وأي نتيجة أخرى تسمّي القيد أو نقطة التحقق المختلفة.

## الشهود

wit-title = الشهود
wit-heading = الإشهاد على هذا السجل
wit-intro = توقّع الأمانة كل نقطة تحقق من نقاط هذا السجل بمفتاح السجل. ولا يمكن للتوقيع وحده أن يبيّن أن الجميع اطّلعوا على التاريخ نفسه: إذ يمكن لخادم أن يعرض تاريخا على مجموعة إقليمية وتاريخا آخر على البقية. ويسد الشهود هذه الثغرة: فلا يوقّع كل منهم توقيعا مشتركا على نقطة تحقق إلا إذا كانت متسقة مع كل نقطة تحقق من السجل سبق أن وقّعها ({ $spec }).
wit-now = شهود هذا الخادم
wit-none = لا يقدم هذا الخادم نقاط التحقق الخاصة به إلى أي شاهد (فهو يعمل دون { $flag }).
wit-demo = يتولى هذا الخادم نفسه تشغيل الشهود أدناه ({ $flag }). وهم يبيّنون طريقة عمل الإشهاد ولا يثبتون شيئا عن هذا الخادم.
wit-quorum = نصاب السياسة على نقطة التحقق المقدَّمة حاليا:
wit-met = مكتمل
wit-not-met = غير مكتمل
wit-cosignatures = { $count ->
    [zero] لا توقيعات مشتركة
    [one] توقيع مشترك واحد
    [two] توقيعان مشتركان
    [few] { $count } توقيعات مشتركة
    [many] { $count } توقيعا مشتركا
   *[other] { $count } توقيع مشترك
}
wit-run = تشغيل شاهد
wit-run-explain = أمر واحد ينشئ مفتاحه، وأمر آخر يشغّله لهذا السجل:
wit-run-page = تسرد صفحته نقاط التحقق التي وقّعها توقيعا مشتركا، وتحتفظ بأي دليل على سوء السلوك: نقطتا تحقق من هذا السجل لا يمكن أن تكونا صحيحتين معا.
wit-policy = إضافته إلى السياسة
wit-policy-explain = يحدد ملفٌّ بصيغة { $spec } الشهودَ الذين يُعتدّ بهم، وهو الملف نفسه للخادم ولكل جهة تحقق. والخيار الطبيعي لهيئة منشأة بمعاهدة: شاهد واحد لكل مجموعة إقليمية من مجموعات الأمم المتحدة ونصاب من ثلاثة من خمسة.
wit-policy-use = يأخذه الخادم باستخدام { $serve }؛ ويتحقق المدقق من نسخة مصدَّرة أو إيصال باستخدام { $verify } أو { $receipt }، ويفشل الأمران في غياب النصاب، مع تسمية المجموعة الناقصة.
wit-proves = ما يثبته التوقيع المشترك وما لا يثبته
wit-proves-1 = يثبت أن الشاهد، في الوقت المذكور فيه، لم يطّلع على أي تاريخ آخر لهذا السجل، وأن السجل كان يتضمن حينئذ ذلك العدد من القيود على الأقل: وهذا حد أعلى لوقت وجود قيد ما (اعتراض، مقرر) في السجل، لا يعتمد على الثقة بساعة الخادم.
wit-proves-2 = مع نصاب من الشهود المستقلين، يكون كل قارئ يتحقق من النصاب قد اطّلع على التاريخ نفسه.
wit-proves-3 = لا يثبت أن القيود صحيحة أو كاملة أو مشروعة: فذلك هو الغرض من { $command } ومن قواعد المقرر CP-11/4. والشاهد لا يقرأ القيود.
wit-proves-4 = لا يثبت شيئا إذا كانت الأمانة نفسها هي التي تتولى تشغيل الشاهد، كما هو الحال في شهود العرض التوضيحي.

## صفحة التحقق (/verify, /verify.html)

verify-title = التحقق
verify-heading = التحقق من إيصال أو نسخة مصدَّرة أو إثبات أو وثيقة
verify-offline-tag = أداة تحقق دون اتصال
verify-receipt = الإيصال
verify-export = النسخة المصدَّرة
verify-proof = الإثبات
verify-document = الوثيقة
verify-intro = تحقق مما قدمه لك الدفتر، هنا في متصفحك، دون الحاجة إلى الثقة بالخادم الذي أرسله: { $receipt } الخاص بمقرر، أو { $export } للسجل بأكمله ({ $files } معا)، أو { $proof } الخاص بقيد ({ $ext })، أو { $document } (نص مقرر، مذكرة سيناريو) لمعرفة القيود المثبتة التي تذكر بصمتها.
verify-same-code = عمليات الفحص هي الشيفرة نفسها التي يستخدمها { $verify } و{ $receipt } و{ $proof }، مترجمة إلى WebAssembly. ولا تغادر الملفات هذه الصفحة أبدا: فهي غير مسموح لها بالاتصال بأي جهة.
verify-files-label = الملفات: إيصال، أو .tlog-proof، أو وثيقة، أو ملفا نسخة مصدَّرة
verify-drop = أو أفلتها هنا.
verify-trust-label = مرتكز الثقة: مفتاح التحقق الخاص بالسجل (vkey) أو tlog-policy
verify-trust-help = الصق مفتاحا حصلت عليه بمعزل عن هذه الصفحة: من منشورات الأمانة، أو من زميل، أو من قيد التأسيس في نسخة مصدَّرة تثق بها بالفعل. ويبدو مفتاح vkey هكذا { $vkey }؛ وتسرد السياسة أسطر { $log } و{ $witness } و{ $quorum }.
verify-missing = بُني هذا الخادم دون أداة التحقق في المتصفح (لم يُثبَّت الهدف { $target }). شغّل { $command } وأعد البناء، أو استخدم { $tools }.
verify-keep = الاحتفاظ بأداة التحقق هذه في ملف واحد
verify-keep-explain = تعمل عند فتحها من القرص، دون شبكة.
verify-footer = أداة التحقق في decision-ledger، الإصدار { $version }. معنى علامة ✓ مكتوب بجانبها؛ وتسمّي علامة ✗ الفحص الذي فشل وسبب فشله.
js-verify-choose = اختر الملفات والصق مرتكز الثقة.
js-verify-passed = ناجح
js-verify-failed = فاشل
js-verify-not-checked = لم يُفحص
js-verify-within-scope = ضمن النطاق المسموح
js-verify-out-of-scope = خارج النطاق المسموح
js-verify-in-person = حضوري
js-verify-violation = مخالفة
js-verify-advisory = تنبيه
js-verify-info = معلومة
js-verify-entry = القيد { $index }
js-verify-decision-line = المقرر { $id } ({ $category }، { $venue }، الاجتماع { $meeting })
js-verify-subject = الموضوع
js-verify-evidence = الأدلة:
js-verify-findings = الاستنتاجات، بعد إعادة حسابها
js-verify-no-finding = لا يوجد استنتاج بشأن هذا المقرر.
js-verify-proof-line = ({ $type } { $id })، المسجَّل في { $at }، موجود في السجل (عدد القيود: { $size }).
js-verify-export-line = عدد القيود: { $size }، الجذر
js-verify-decisions = المقررات:
js-verify-none = لا شيء
js-verify-named = عدد بصمات الوثائق التي تذكرها هذه القيود: { $count }؛ اختر وثيقة لمطابقتها معها.
js-verify-progress = جارٍ فحص النسخة المصدَّرة: القيود المفحوصة: { $done } (نسبة المقروء: { $percent }%)
js-verify-document = الوثيقة
js-verify-its-digest = بصمتها:
js-verify-names-it = يذكرها بوصفها { $field } في { $type } { $id }.
js-verify-doc-match = هذه الوثيقة هي التي يذكرها السجل: وقد أُثبتت القيود أدناه في هذه الصفحة.
js-verify-doc-none-proven = لا يوجد قيد مثبت في هذه الصفحة يذكر هذه البصمة: اختر إيصال المقرر أو إثبات القيد أو النسخة المصدَّرة مع الوثيقة.
js-verify-doc-no-match = لا تطابق هذه البصمةُ أيًّا من بصمات الوثائق التي تذكرها القيود المثبتة في هذه الصفحة (وعددها { $count }): ليست هذه هي الوثيقة التي تذكرها (أو ليست الملف نفسه بايتا ببايت).
js-verify-choose-files = اختر إيصالا، أو نسخة مصدَّرة (entries.jsonl وcheckpoint معا)، أو .tlog-proof، أو وثيقة.
js-verify-paste-trust = الصق مفتاح vkey الخاص بالسجل أو tlog-policy: يبدأ الفحص بمجرد توفر الاثنين.
js-verify-checking = جارٍ الفحص…
js-verify-receipt-title = الإيصال { $name }
js-verify-proof-title = الإثبات { $name }
js-verify-export-title = النسخة المصدَّرة { $entries } مع { $checkpoint }
js-verify-export = النسخة المصدَّرة
js-verify-vkey-ignored = ملف log.vkey الموجود في النسخة المصدَّرة ليس مرتكز ثقة: فهو يبيّن المفتاح الذي يدّعيه الخادم. الصق أعلاه مفتاحا حصلت عليه بصورة مستقلة.
js-verify-verified = تم التحقق: جميع الملفات التي اخترتها سليمة (عددها: { $count }).
js-verify-failed-count = فشل: لم يجتز الفحوص { $bad } من أصل { $count } من الملفات التي اخترتها؛ وتبيّن علامة ✗ أدناه السبب.
js-verify-stopped = توقف الفحص: { $error }

## صفحة التسجيل (/record)

record-title = تسجيل حدث
record-read-only = هذا الخادم نسخة للقراءة فقط: لا يقبل أي أحداث. سجّل على خادم الأمانة.
record-intro = املأ الاستمارة، وحمّل مفتاحك، وافحص ما سيؤدي إليه الحدث، ثم وقّعه وسجّله.
record-key-stays = لا يغادر مفتاحك هذه الصفحة أبدا:
record-key-stays-explain = يُنشأ التوقيع هنا، في متصفحك، ولا يُرسل إلا الظرف الموقَّع.
record-step-key = 1. مفتاحك
record-key-label = المفتاح
record-key-help = ملف مفتاح التوقيع الخاص بك ({ $format }، كما يكتبه { $command }). يُقرأ هنا ولا يُستخدم إلا للتوقيع.
record-step-event = 2. الحدث
record-type = نوع الحدث
record-stream = التدفق (اختياري)
record-stream-help = موضوع مثل { $example }؛ تُحتسب الأحداث لكل تدفق.
record-step-check = 3. الفحص والتوقيع والتسجيل
record-dry-run = فحص ما سيؤدي إليه (تشغيل تجريبي)
record-sign = توقيع
record-submit = التوقيع والتسجيل
record-signatures = التوقيعات
record-download-draft = تنزيل المسودة للموقّع التالي
record-draft-link = رابط يتضمن المسودة
record-load-draft = تحميل ظرف مسودة لإضافة توقيعك
record-event-json = الحدث (JSON)
record-envelope-json = الظرف الموقَّع (DSSE)
record-footer = يفحص الخادم كل حدث بترتيب العقد؛ ولا يُكتب شيء ما لم تنجح جميع الفحوص.
js-record-nothing-recorded = لم يُسجَّل شيء.
js-record-time-help = اكتب الوقت مع منطقته الزمنية: Z للتوقيت العالمي المنسق UTC، أو فارقا مثل +01:00.
js-record-optional = (اختياري)
js-record-not-key = هذا ليس ملف مفتاح توقيع (PRIVATE+KEY+name+keyhash+…)
js-record-not-ed25519 = المفتاح ليس مفتاح Ed25519 (النوع 0x01، 32 بايت)
js-record-key-damaged = ملف المفتاح تالف: تجزئة المفتاح فيه لا تطابق مفتاحه
js-record-load-key-first = حمّل مفتاحك أولا (1. مفتاحك)
js-record-not-signed = (لم يُوقَّع بعد)
js-record-who-member = عضو المكتب { $member } في { $bureau }
js-record-who-party = الطرف { $party }
js-record-who-unknown = مفتاح لا يعرفه السجل
js-record-role-admin = المشرف
js-record-role-secretariat = الأمانة
js-record-role-bureau_member = عضو المكتب
js-record-role-party = طرف
js-record-no-signature = لا يوجد توقيع بعد.
js-record-go-to-field = الانتقال إلى الحقل { $field }
js-record-no-finding = لن يثير أي استنتاج.
js-record-severity-violation = مخالفة
js-record-severity-advisory = تنبيه
js-record-severity-info = معلومة
js-record-on = بشأن
js-record-would-decision = سيجعل هذا المقرر { $id } خارج النطاق المسموح.
js-record-would-rest = سيجعل هذا المقررات المستندة إلى { $subject } خارج النطاق المسموح.
js-record-already = سُجّل بالفعل، بوصفه القيد { $index }
js-record-would-be = نجحت جميع الفحوص: سيكون القيد { $index }
js-record-nothing-written = لم يُكتب شيء.
js-record-dry-run-ok = تشغيل تجريبي: نجحت جميع الفحوص؛ ولم يُكتب شيء.
js-record-recorded = سُجّل بوصفه القيد { $index }
js-record-see-entry = عرض القيد { $index }
js-record-recorded-say = سُجّل بوصفه القيد { $index }.
js-record-already-say = سُجّل بالفعل بوصفه القيد { $index }.
js-record-ack-no-verifier = أداة التحقق في المتصفح غير مدمجة في هذا الخادم: لم يُفحص الإشعار بالاستلام هنا
js-record-ack-bad = إثبات الإشعار بالاستلام غير صحيح: { $why }
js-record-ack-other-event = القيد المشعَر باستلامه لا يتضمن الحدث الموقَّع هنا
js-record-ack-holds = الإشعار بالاستلام صحيح: القيد { $index } موجود في السجل (عدد القيود: { $size }) تحت نقطة تحقق موقّعة بمفتاح السجل، ويتضمن الحدث الموقَّع هنا (فُحص في هذه الصفحة)
js-record-ack-unchecked = تعذّر فحص الإشعار بالاستلام هنا: { $why }
js-record-not-draft = هذا ليس ظرف مسودة خاصا بهذا الدفتر
js-record-draft-loaded = حُمّلت المسودة: عدد التوقيعات حتى الآن: { $count }. حمّل مفتاحك واضغط «توقيع» لإضافة توقيعك.
js-record-changed = تغيّر الحدث: وقّعه مجددا.
js-record-key-unregistered = المفتاح { $key } غير مسجل في هذا السجل: سيرفض الخادم ما يوقّعه (401). اطلب من مشرف الدفتر تسجيله.
js-record-key-revoked = أُلغي المفتاح { $key }: يرفض الخادم ما يوقّعه (401).
js-record-key-role = المفتاح { $key }: { $who }. لا تُعرض إلا الأنواع التي يجوز لهذا الدور تقديمها.
js-record-signed = وقّعه { $key }. نزّل المسودة أو انسخ رابطها للموقّع التالي، أو سجّله.
js-record-bad-link = تتعذر قراءة المسودة الواردة في الرابط: { $why }

## The witness's own page (dledger witness serve)

witness-title = الشاهد { $name }
witness-key = المفتاح: { $key }
witness-explain = لا يوقّع هذا الشاهد توقيعا مشتركا على نقطة تحقق لسجل ما إلا إذا كانت متسقة مع كل نقاط التحقق لذلك السجل التي وقّع عليها من قبل (C2SP tlog-witness). ويعني توقيعه المشترك: في هذا الوقت، كانت هذه أكبر شجرة متسقة رآها.
witness-logs = السجلات المتابَعة
witness-size = آخر حجم موقَّع
witness-at = وقت التوقيع المشترك (UTC)
witness-evidence = أدلة سوء السلوك
witness-no-evidence = لا شيء: كانت كل نقطة تحقق عُرضت عليه متسقة مع ما وقّع عليه.
witness-two-checkpoints = نقطتا التحقق

## حقول الاستمارة في صفحة التسجيل (أسماء مخططات الأحداث؛ وتبقى الأوصاف الواردة في المخططات نفسها بالإنكليزية)

field-access = الإتاحة
field-admin-vkey = مفتاح vkey للمشرف
field-adopted-at = الاعتماد (الوقت)
field-at = الوقت
field-available-to = متاحة لـ
field-basis = الأساس
field-body-id = الهيئة
field-bureau-consulted-id = المكتب الذي استُشير
field-bureau-consulted-ids = المكاتب التي استُشيرت
field-bureau-decision-id = قرار المكتب
field-bureau-decisions = قرارات المكتب
field-bureau-id = المكتب
field-category = الفئة
field-circulated-at = التعميم (الوقت)
field-closed-at = الاختتام (الوقت)
field-closes-at = موعد الاختتام (الوقت)
field-closes-on = الاختتام (التاريخ)
field-communicated-at = الإبلاغ (الوقت)
field-concluded-at = الاختتام (الوقت)
field-consultation-id = المشاورة
field-consultation-ids = المشاورات
field-counts = الأعداد
field-created-at = الإنشاء (الوقت)
field-data = البيانات
field-deadline = الموعد النهائي
field-decided-at = اتخاذ القرار (الوقت)
field-decision-id = المقرر
field-decision-ref = مرجع المقرر
field-decisions = المقررات
field-document-digest = بصمة الوثيقة
field-draft = المشروع
field-effective-at = بدء السريان (الوقت)
field-ended-at = النهاية (الوقت)
field-ends-at = النهاية (الوقت)
field-exceptional-circumstances = الظروف الاستثنائية
field-expected-version = الإصدار المتوقع
field-from = من
field-id = المعرّف
field-items = البنود
field-key-id = المفتاح
field-kind = النوع
field-log-vkey = مفتاح vkey للسجل
field-mandate-ref = مرجع الولاية
field-meeting-id = الاجتماع
field-meetings = الاجتماعات
field-member-id = العضو
field-members = الأعضاء
field-members-participating = الأعضاء المشاركون
field-method = الطريقة
field-mode = طريقة الانعقاد
field-name = الاسم
field-new-term-end = النهاية الجديدة لمدة الولاية
field-note = الملاحظة
field-note-id = المذكرة
field-of-body-id = تابع للهيئة
field-opened-at = الافتتاح (الوقت)
field-opens-on = الافتتاح (التاريخ)
field-origin = المصدر
field-outcome = النتيجة
field-parent-id = الهيئة الأم
field-party-id = الطرف
field-period-id = بيان الاكتمال
field-position = الموقف
field-prepared-by = أعدّها
field-procedure-id = الإجراء
field-prolonged = لفترة طويلة
field-protocol-party-since = طرف في البروتوكول منذ
field-provided-at = التقديم (الوقت)
field-published-at = النشر (الوقت)
field-rapporteur = المقرِّر
field-reason = السبب
field-received-at = الورود (الوقت)
field-received-via = طريقة الورود
field-reference-tz = المنطقة الزمنية المرجعية
field-region = المنطقة
field-replaced-member-id = العضو المستبدَل
field-report-digest = بصمة التقرير
field-request-id = الطلب
field-requested-at = الطلب (الوقت)
field-responded-at = الرد (الوقت)
field-role = الدور
field-rules = القواعد
field-session-id = الجلسة
field-silence-procedures = إجراءات الموافقة الصامتة
field-started-at = البداية (الوقت)
field-starts-at = البداية (الوقت)
field-statement = البيان
field-stream = التدفق
field-subject = الموضوع
field-substitute = العضو البديل
field-summary = الملخص
field-summary-digest = بصمة الملخص
field-supported-at = التأييد (الوقت)
field-term-end = نهاية مدة الولاية
field-term-start = بداية مدة الولاية
field-text-digest = بصمة النص
field-title = العنوان
field-to = إلى
field-training-id = التدريب
field-type = النوع
field-urgent = عاجل
field-via = عن طريق
field-vkey = مفتاح vkey
field-withdrawn-on = الانسحاب (التاريخ)
js-record-add = إضافة: { $field }
