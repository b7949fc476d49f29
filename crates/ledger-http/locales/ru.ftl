# decision-ledger: сообщения страниц, на русском языке.
# Переводчикам: сохраняйте каждый идентификатор и каждую { $variable }; переменная содержит
# идентификатор, время, число или ссылку в том виде, в каком они записаны. Слова словаря записи (w-…),
# тексты правил (rule-…) и сообщения выводов (f-…) находятся в crates/ledger-rules/locales/.

## Навигация и общие элементы страниц

nav-site = Сайт
nav-tag = Аудит по CP-11/4
nav-verify = Проверка
nav-record = Внести запись
nav-copies = Копии
nav-witnesses = Свидетели
nav-api = API
nav-languages = Язык
footer-verify = Все данные на этой странице вычислены по подписанному журналу по тем же правилам, что и в { $command }. Выгрузите журнал и проверьте его сами.
notfound-title = Не найдено
notfound-back = Вернуться к реестру
notfound-what = В журнале нет: { $what } { $id }.
thing-decision = решение
thing-meeting = совещание
thing-procedure = процедура молчаливого согласия
thing-period = заявление о полноте
thing-party = Сторона
thing-entry = запись
demo-label = Демонстрация:
check-yourself = Проверьте сами
check-in-browser = Или проверьте в браузере, без подключения к сети, с помощью { $link }.
verifier-link = страницы проверки
heading-findings = Выводы
no-findings = Выводов нет.
finding-meta = Объект: { $subject }; доказательства: { $evidence }
unofficial-translation = прочтение проекта, неофициальный перевод; текст решения CP-11/4, которым располагает проект, — оригинал на арабском языке
quote-original = CP-11/4, пункт { $para }, в оригинале на арабском языке
minutes = { $minutes } мин

illustrative-title = Иллюстративный сценарий, а не историческая запись.
illustrative-body = Составлен для этого реестра на основе решения CP-11/4, чтобы показать, как выглядят онлайн-совещание и процедура молчаливого согласия, проведенные в строгом соответствии с правилами, наряду с решением, которое по-прежнему остается вне допустимых пределов. Исторические случаи показаны в точности так, как они отражены в записи.
illustrative-short = иллюстративный сценарий

## Значки

verdict-within-scope = в допустимых пределах
verdict-out-of-scope = вне допустимых пределов
verdict-in-person = очно
severity-violation = нарушение
severity-advisory = рекомендация
severity-info = справка

## Столбцы таблиц

col-decision = Решение
col-meeting = Совещание
col-category = Категория
col-venue = Формат
col-verdict = Заключение
col-index = Номер
col-type = Тип
col-recorded-at = Время внесения
col-consultation = Консультация
col-kind = Вид
col-opened = Открыта
col-closed = Закрыта
col-responses = Ответы
col-session = Заседание
col-mode = Формат
col-start = Начало
col-end = Окончание
col-length = Продолжительность
col-webcast = Охват веб-трансляцией

## Главная страница

index-title = Реестр
index-heading = Решения, принятые вне обычных очных совещаний
index-log = Журнал
index-entries = Записи
index-root = Корень дерева Меркла
index-decisions = Решения
index-decision-counts = { $total } — в допустимых пределах: { $within }, вне допустимых пределов: { $out }, очно: { $inperson }
index-checkpoint = Подписанная контрольная точка
index-decisions-verdicts = Решения и заключения
filter-verdict = Заключение
filter-category = Категория
filter-any = все
filter-submit = Применить
index-no-match = Нет решений, отвечающих условиям.
index-meetings = Совещания
index-silence-link = процедура молчаливого согласия { $id }
index-latest = Последние записи
index-live = В реальном времени: отслеживание журнала.
index-live-caught-up = В реальном времени: данные актуальны, отслеживание журнала.

## Решение

decision-title = Решение { $id }
decision-verdict = Заключение:
decision-adopted = Принято
decision-adopted-by = { $at }, способ принятия: { $method }
decision-where = Где
decision-session = заседание { $id }
decision-scope = Предмет решения (P2.online_scope)
decision-scope-in-person = Принято очно: вопрос о допустимых пределах онлайн-решений не возникает.
decision-scope-ok = решение { $category } может быть принято таким образом; в заключении учитывается также то, как было принято решение о проведении совещания и как оно проводилось.
decision-scope-none = Выводов о допустимых пределах онлайн-решений нет.
decision-scope-out = решение { $category }, принятое онлайн.
decision-evidence = Записи-доказательства
decision-bureau-behind = Решение Бюро, на котором оно основано
decision-bureau-line = { $id } Бюро { $bureau }, { $at } ({ $method })
decision-endorsed-by = Одобрено членами:
decision-none-recorded = не зафиксировано
decision-witnesses = Засвидетельствовано свидетелями
decision-witness-demo = эти свидетели работают на самом этом сервере ({ $flag }), по одному на каждую региональную группу ООН, чтобы показать принцип работы. Их заверяющие подписи ничего не доказывают в отношении этого сервера, пока свидетелей не ведут независимые операторы.
decision-witness-explain = Заверяющая подпись свидетеля под контрольной точкой, содержащей запись этого решения ({ $entry }), означает, что на тот момент журнал содержал эту запись и что свидетелю не была показана никакая другая история журнала.
decision-seen-at = засвидетельствовано { $at }
decision-not-yet = еще нет
decision-download-receipt = Скачать квитанцию
decision-receipt-explain = Квитанция содержит все записи, на которых основано это заключение, каждую — с доказательством включения относительно подписанной контрольной точки. Проверьте ее без подключения к сети с помощью ключа журнала, которому вы доверяете:
audit-note = Аудиторская отметка
audit-note-text = Распечатано из подписанного журнала. Квитанция этого решения доказывает его записи относительно этой контрольной точки (или более поздней); проверьте ее с помощью ключа журнала, которому вы доверяете: { $command }

## Заявления о полноте

coverage-heading = Полнота
coverage-late-decision = Охватывается заявлением о полноте за период { $period }, которому это решение противоречит: оно было внесено после заявления.
coverage-late-meeting = Охватывается заявлением о полноте за период { $period }, которому это совещание противоречит: оно было внесено после заявления.
coverage-recorded-late = внесено с опозданием
coverage-holds = Охватывается заявлением о полноте за период { $period }, которое подтверждается.
coverage-not-holds = Охватывается заявлением о полноте за период { $period }, которое не подтверждается (см. заявление).
period-title = Заявление о полноте { $id }
period-holds = подтверждается
period-not-holds = не подтверждается
period-stated-body = Секретариат заявил, что журнал содержит все совещания, процедуры молчаливого согласия, решения и решения Бюро органа { $body } с { $from } по { $to } (дни по UTC), и указал их число.
period-stated-all = Секретариат заявил, что журнал содержит все совещания, процедуры молчаливого согласия, решения и решения Бюро всех органов с { $from } по { $to } (дни по UTC), и указал их число.
period-recorded = Внесено
period-recorded-value = запись { $entry }, период закрыт { $at }
period-statement = Заявление
period-report = Отчет
period-counts = Количество
period-what = Что
period-stated = Заявлено
period-found = В журнале на момент внесения
period-meetings = Совещания
period-procedures = Процедуры молчаливого согласия
period-decisions = Решения
period-bureau-decisions = Решения Бюро
period-differs = расхождение
period-after = Внесено после него, в пределах его периода
period-nothing-late = Ничто из внесенного после заявления не относится к его периоду: ни одна более поздняя запись ему не противоречит.
period-late-explain = Каждая из этих записей была внесена после заявления и должна была бы быть в нем учтена: заявление было неполным (L.after_close).
period-counted = Что в нем учтено
period-nothing = Ничего.
period-item = { $kind } { $id } (запись { $entry })

## Диаграммы и хронология

chart-as-table = Данные в виде таблицы
chart-limit = пунктирная линия: { $limit }
chart-night-title = Доля времени заседаний, приходящаяся на ночь в каждом регионе (22:00–07:00 по базовому часовому поясу региона)
chart-night-desc = По одному столбцу на каждый регион ООН: процентная доля времени заседаний совещания, пришедшаяся на период с 22:00 до 07:00 по базовому часовому поясу региона. Пунктирная линия обозначает 50% — максимум, допускаемый ротацией согласно CP-11/4 (P7.time_zones).
chart-night-value = { $percent }% ночью ({ $night } мин из { $total } мин)
chart-day-title = Время онлайн-заседаний по дням
chart-day-desc = По одному столбцу на каждый день с онлайн- или гибридными заседаниями: их общая продолжительность. Пунктирная линия обозначает два часа — продолжительность заседаний в день, которой отдается предпочтение в CP-11/4 (P7.session_length).
chart-day-value = { $hours } ч { $minutes } мин
timeline-explain = В порядке наступления, по времени, указанному в событиях (со ссылкой на запись, фиксирующую каждое из них): последовательность читается сверху вниз.
timeline-empty = Пока нечего показать.
tl-consultation-opened = Консультация открыта
tl-consultation-closed = Консультация закрыта
tl-bureau-decision = Решение Бюро
tl-scenario-note = Опубликована сценарная записка
tl-training = Обучение
tl-session = Начало заседания
tl-decision = Принято решение
tl-round-circulated = Разослан проект
tl-round-deadline = Крайний срок
tl-objection = Получено
tl-conclusion = Завершено

## Совещание

meeting-title = Совещание { $id }
meeting-id = Идентификатор совещания
meeting-body = Орган
meeting-kind-mode = Вид и формат
meeting-kind-mode-value = { $kind }, проводится { $mode }
meeting-online = онлайн-совещание
meeting-dates = Даты
meeting-dates-value = с { $from } по { $to } (базовый часовой пояс: { $zone })
meeting-vmd = Решение о виртуальном формате
meeting-vmd-none = отсутствует до первого заседания
meeting-timeline = Хронология совещания
meeting-bds = Решения Бюро и консультации
meeting-no-bd = Решений Бюро об этом совещании не зафиксировано.
meeting-bd-by = Принято Бюро { $bureau }, { $at }.
meeting-bd-circumstances = Исключительные обстоятельства:
meeting-prolonged = затяжные
meeting-none-stated = не указаны
meeting-no-consultation = Ссылок на консультации нет.
meeting-respond = Ответить в качестве Стороны
meeting-record-here = Внести запись по этому совещанию
meeting-record-links = Для Секретариата, с уже указанным совещанием: { $session }, { $webcast }, { $training }, { $decision }.
meeting-record-session = следующее заседание
meeting-record-webcast = веб-трансляция заседания
meeting-record-training = обучение
meeting-record-decision = решение
meeting-notes = Сценарная записка и обучение
meeting-no-note = Сценарная записка не зафиксирована.
meeting-note-line = Записка { $id }; подготовлена: { $by }; опубликована { $at }; доступна: { $to }
meeting-no-training = Обучение или проверка связи не зафиксированы.
meeting-training-line = { $kind }: с { $from } по { $to }
meeting-sessions = Заседания
meeting-no-session = Заседания не зафиксированы (у совещания, проводимого только в письменной форме, их нет).
meeting-webcast-percent = веб-трансляция: { $percent }%
meeting-charts = Нагрузка по часовым поясам и продолжительность заседаний
meeting-decisions = Решения
meeting-no-decision = Решения не принимались.

## Процедура молчаливого согласия

silence-title = Процедура молчаливого согласия { $id }
silence-draft = Проект
silence-urgent = срочный
silence-outcome = Итог
silence-broken = молчание нарушено
silence-held = молчание соблюдено
silence-not-concluded = не завершена
silence-timeline = Хронология процедуры
silence-rounds = Раунды
silence-round = Раунд { $round }
silence-round-line = Разослан { $at }, крайний срок { $deadline } ({ $hours } ч)
silence-no-objection = В этом раунде возражений не поступило.
silence-breaks = нарушает молчание
silence-not-counted = не учитывается
silence-objection-line = { $kind } от { $party }; время получения: { $at }
silence-objection-from = { $kind } от { $party }
silence-outside = Возражения вне всех раундов
silence-object = Возразить или представить замечание в качестве Стороны
silence-object-explain = ключом вашей Стороны, с подписью в вашем браузере; вы получите доказательство записи.
silence-conclusions = Итоги
silence-conclusion-line = { $outcome }: { $at } (запись { $entry })
silence-decisions = Решения, принятые по этой процедуре
why-not-party = на момент получения не являлась Стороной Протокола
why-comment = замечание не нарушает молчания
why-outside = вне сроков всех раундов

## Сторона

party-title = Сторона { $id }
party-id = Идентификатор Стороны
party-region = Регион
party-since = Сторона Протокола с
party-withdrawn = Дата выхода
party-objections = Возражения
party-objection-line = { $kind } по процедуре { $procedure }, { $at }
party-not-counted = не учитывается (на тот момент не являлась Стороной Протокола)
party-responses = Ответы на консультации
party-response-line = { $position } по консультации { $consultation }, { $at }

## Запись

entry-title = Запись { $index }
entry-heading = Запись № { $index }
entry-event-id = Идентификатор события
entry-server-clock = часы сервера
entry-prev = Хеш предыдущей записи (BLAKE3)
entry-signers = Подписавшие
entry-signer-member = { $role } (член { $member } Бюро { $bureau })
entry-signer-admin = регистрируемый ею ключ администратора
entry-event = Событие
entry-inclusion = Доказательство включения
entry-against = Относительно контрольной точки размером { $size } (корень { $root }):
entry-line = Строка записи, побайтово точная
entry-download-proof = Скачать доказательство
entry-proof-explain = Доказательство (формата C2SP { $spec }) содержит строку этой записи, доказательство ее включения и контрольную точку с заверяющими подписями свидетелей. Проверьте его без подключения к сети с помощью ключа журнала, которому вы доверяете:
entry-pager = Записи
entry-previous = ← предыдущая
entry-next = следующая →
doc-heading = Сверить документ с этим хешем
doc-explain = Реестр хранит документы по их хешу BLAKE3. Полученная вами копия совпадает с зафиксированной здесь, если ее хеш тот же; вычислите хеш файла на своем компьютере с помощью { $command } или перетащите файл в окно { $link } вместе с доказательством этой записи или квитанцией решения: страница вычислит хеш в вашем браузере и покажет, в каких проверенных записях он указан.

## Копии и зеркала

pub-title = Копии и зеркала
pub-heading = Копии и зеркала этого журнала
pub-intro = Любой может хранить копию этого журнала и проверять ее, не доверяя этому серверу. Журнал публикуется в формате { $spec } по адресу { $path }: контрольная точка, подписанная ключом журнала, и файлы, которые после записи никогда не изменяются.
pub-now = Текущее состояние журнала
pub-origin = Источник
pub-root = Корень
pub-log-key = Ключ журнала
pub-publish = Опубликовать статическую копию
pub-publish-explain = Записывает контрольную точку, ключ журнала и тайлы в виде обычных файлов; запустите повторно, чтобы добавить новое. После этого каталог может обслуживать любой веб-сервер, объектное хранилище или CDN.
pub-mirror = Запустить зеркало
pub-mirror-explain = Зеркало проверяет каждую запись (подписи, роли, схемы, дерево, правила) и согласованность каждой новой контрольной точки с последней принятой им, а затем обслуживает те же страницы и маршруты в режиме только для чтения. Если журнал когда-либо предложит контрольную точку, не согласующуюся с ранее принятой, зеркало сохранит обе в качестве доказательства и прекратит отслеживание.
pub-agree = Проверить, что зеркало согласуется с этим журналом
pub-agree-explain = Сохраните контрольную точку зеркала, затем проверьте, что этот журнал является ее продолжением: те же записи вплоть до ее размера, под этим ключом журнала.
pub-agree-exit = Код выхода 0 означает, что зеркало содержит начальную часть этого журнала, запись в запись. Любой другой ответ указывает на отличающуюся запись или контрольную точку.

## Свидетели

wit-title = Свидетели
wit-heading = Засвидетельствование этого журнала
wit-intro = Секретариат подписывает каждую контрольную точку этого журнала своим ключом журнала. Одна лишь подпись не может показать, что всем была показана одна и та же история: сервер мог бы показывать одну историю одной региональной группе, а другую — остальным. Свидетели устраняют этот пробел: каждый из них заверяет контрольную точку своей подписью, только если она согласуется со всеми контрольными точками журнала, заверенными им ранее ({ $spec }).
wit-now = Свидетели этого сервера
wit-none = Этот сервер не направляет свои контрольные точки ни одному свидетелю (он работает без { $flag }).
wit-demo = свидетели ниже работают на самом этом сервере ({ $flag }). Они показывают, как работает засвидетельствование, и ничего не доказывают в отношении этого сервера.
wit-quorum = Кворум политики для текущей контрольной точки:
wit-met = достигнут
wit-not-met = не достигнут
wit-cosignatures = { $count ->
    [one] { $count } заверяющая подпись
    [few] { $count } заверяющие подписи
    [many] { $count } заверяющих подписей
   *[other] { $count } заверяющей подписи
}
wit-run = Запустить свидетеля
wit-run-explain = Одна команда создает его ключ, другая запускает его для этого журнала:
wit-run-page = На его странице перечислены заверенные им контрольные точки и хранятся все доказательства ненадлежащего поведения: две контрольные точки этого журнала, которые не могут быть верны одновременно.
wit-policy = Добавить его в политику
wit-policy-explain = Какие свидетели учитываются, определяет файл { $spec }, одинаковый для сервера и для каждого проверяющего. Естественный вариант для договорного органа: по одному свидетелю на каждую региональную группу ООН и кворум в три из пяти.
wit-policy-use = Сервер принимает его с помощью { $serve }; аудитор проверяет выгрузку или квитанцию с помощью { $verify } или { $receipt }, которые при отсутствии кворума завершаются ошибкой с указанием группы, которой недостает.
wit-proves = Что доказывает заверяющая подпись и чего она не доказывает
wit-proves-1 = Она доказывает, что на указанный в ней момент свидетелю не была показана никакая другая история этого журнала и что журнал тогда содержал не менее этого числа записей: это верхняя граница времени, когда запись (возражение, решение) была зафиксирована, не требующая доверия к часам сервера.
wit-proves-2 = При кворуме независимых свидетелей каждому читателю, проверяющему кворум, была показана одна и та же история.
wit-proves-3 = Она не доказывает, что записи истинны, полны или правомерны: для этого служат { $command } и правила CP-11/4. Свидетель не читает записи.
wit-proves-4 = Она ничего не доказывает, если свидетель работает у самого Секретариата, как демонстрационные свидетели.

## Страница проверки (/verify, /verify.html)

verify-title = Проверка
verify-heading = Проверить квитанцию, выгрузку, доказательство или документ
verify-offline-tag = автономная проверка
verify-receipt = квитанцию
verify-export = выгрузку
verify-proof = доказательство
verify-document = документ
verify-intro = Проверьте полученное от реестра здесь, в вашем браузере, не доверяя отправившему его серверу: { $receipt } решения, { $export } всего журнала ({ $files } вместе), { $proof } записи ({ $ext }) или { $document } (текст решения, сценарную записку), чтобы найти, в каких проверенных записях указан его хеш.
verify-same-code = Проверки выполняет тот же самый код, что и в { $verify }, { $receipt } и { $proof }, скомпилированный в WebAssembly. Файлы никогда не покидают эту страницу: ей запрещено подключаться куда-либо.
verify-files-label = Файлы: квитанция, .tlog-proof, документ или два файла выгрузки
verify-drop = Или перетащите их сюда.
verify-trust-label = Якорь доверия: ключ проверки журнала (vkey) или tlog-policy
verify-trust-help = Вставьте ключ, полученный независимо от этой страницы: из публикации Секретариата, от коллеги или из начальной записи выгрузки, которой вы уже доверяете. Ключ vkey выглядит так: { $vkey }; политика содержит строки { $log }, { $witness } и { $quorum }.
verify-missing = Этот сервер собран без браузерного средства проверки (цель { $target } не была установлена). Выполните { $command } и соберите заново или используйте { $tools }.
verify-keep = Сохранить это средство проверки в виде одного файла
verify-keep-explain = оно работает при открытии с диска, без сети.
verify-footer = Средство проверки decision-ledger, { $version }. Значение знака ✓ поясняется рядом с ним; знак ✗ указывает на непройденную проверку и ее причину.
js-verify-choose = Выберите файлы и вставьте якорь доверия.
js-verify-passed = пройдена
js-verify-failed = не пройдена
js-verify-not-checked = не проверялось
js-verify-within-scope = в допустимых пределах
js-verify-out-of-scope = вне допустимых пределов
js-verify-in-person = очно
js-verify-violation = нарушение
js-verify-advisory = рекомендация
js-verify-info = справка
js-verify-entry = запись { $index }
js-verify-decision-line = решение { $id } ({ $category }, { $venue }, совещание { $meeting })
js-verify-subject = объект
js-verify-evidence = доказательства:
js-verify-findings = Выводы, вычисленные заново
js-verify-no-finding = По этому решению выводов нет.
js-verify-proof-line = ({ $type } { $id }), внесена { $at }, содержится в журнале (записей в журнале: { $size }).
js-verify-export-line = записей: { $size }, корень
js-verify-decisions = Решения:
js-verify-none = нет
js-verify-named = Хешей документов, указанных в этих записях: { $count }; выберите документ, чтобы сверить его с ними.
js-verify-progress = Проверка выгрузки: проверено записей: { $done } (прочитано { $percent }%)
js-verify-document = Документ
js-verify-its-digest = Его хеш:
js-verify-names-it = указывает его в поле { $field } ({ $type } { $id }).
js-verify-doc-match = Этот документ — тот, который указан в журнале: приведенные ниже записи проверены на этой странице.
js-verify-doc-none-proven = Ни одна запись, проверенная на этой странице, не указывает этот хеш: выберите вместе с документом квитанцию решения, доказательство записи или выгрузку.
js-verify-doc-no-match = Ни один из хешей документов, указанных в проверенных на этой странице записях (всего: { $count }), не совпадает с этим: это не тот документ, который в них указан (или файл не совпадает с ним побайтово).
js-verify-choose-files = Выберите квитанцию, выгрузку (entries.jsonl вместе с checkpoint), .tlog-proof или документ.
js-verify-paste-trust = Вставьте vkey журнала или tlog-policy: проверка начнется, как только будут указаны оба.
js-verify-checking = Проверка…
js-verify-receipt-title = Квитанция { $name }
js-verify-proof-title = Доказательство { $name }
js-verify-export-title = Выгрузка { $entries } с { $checkpoint }
js-verify-export = Выгрузка
js-verify-vkey-ignored = Собственный файл log.vkey выгрузки не является якорем доверия: он лишь показывает, какой ключ заявляет сервер. Вставьте выше ключ, полученный независимо.
js-verify-verified = Проверено: все выбранные файлы прошли проверку (файлов: { $count }).
js-verify-failed-count = Проверка не пройдена: файлов с ошибками — { $bad } из { $count } выбранных; причина указана ниже у знака ✗.
js-verify-stopped = Проверка прервана: { $error }

## Страница внесения записей (/record)

record-title = Внести событие
record-read-only = Этот сервер — копия только для чтения: он не принимает события. Вносите записи на сервере Секретариата.
record-intro = Заполните форму, загрузите свой ключ, проверьте, к чему приведет событие, затем подпишите и внесите его.
record-key-stays = Ваш ключ никогда не покидает эту страницу:
record-key-stays-explain = подпись создается здесь, в вашем браузере, а отправляется только подписанный конверт.
record-step-key = 1. Ваш ключ
record-key-label = ключ
record-key-help = Файл вашего ключа подписи ({ $format }, в том виде, в каком его записывает { $command }). Он считывается здесь и используется только для подписи.
record-step-event = 2. Событие
record-type = Тип события
record-stream = Поток (необязательно)
record-stream-help = Объект, например { $example }; события подсчитываются по потокам.
record-step-check = 3. Проверка, подпись и внесение
record-dry-run = Проверить, к чему это приведет (пробный прогон)
record-sign = Подписать
record-submit = Подписать и внести
record-signatures = Подписи
record-download-draft = Скачать проект для следующего подписанта
record-draft-link = Ссылка с проектом
record-load-draft = Загрузить проект конверта, чтобы добавить свою подпись
record-event-json = Событие (JSON)
record-envelope-json = Подписанный конверт (DSSE)
record-footer = Каждое событие проверяется сервером в порядке, установленном контрактом; ничего не записывается, если не пройдены все проверки.
js-record-nothing-recorded = Ничего не внесено.
js-record-time-help = Указывайте время с часовым поясом: Z для UTC или смещение, например +01:00.
js-record-optional = (необязательно)
js-record-not-key = это не файл ключа подписи (PRIVATE+KEY+name+keyhash+…)
js-record-not-ed25519 = ключ не является ключом Ed25519 (тип 0x01, 32 байта)
js-record-key-damaged = файл ключа поврежден: хеш ключа не соответствует ключу
js-record-load-key-first = сначала загрузите свой ключ (1. Ваш ключ)
js-record-not-signed = (еще не подписано)
js-record-who-member = член Бюро { $member } ({ $bureau })
js-record-who-party = Сторона { $party }
js-record-who-unknown = ключ, неизвестный журналу
js-record-role-admin = администратор
js-record-role-secretariat = Секретариат
js-record-role-bureau_member = член Бюро
js-record-role-party = Сторона
js-record-no-signature = Подписей пока нет.
js-record-go-to-field = Перейти к полю { $field }
js-record-no-finding = Никаких выводов это не повлечет.
js-record-severity-violation = нарушение
js-record-severity-advisory = рекомендация
js-record-severity-info = справка
js-record-on = в отношении
js-record-would-decision = В результате решение { $id } окажется вне допустимых пределов.
js-record-would-rest = В результате решения, основанные на { $subject }, окажутся вне допустимых пределов.
js-record-already = Уже внесено как запись { $index }
js-record-would-be = Все проверки пройдены: это будет запись { $index }
js-record-nothing-written = Ничего не записано.
js-record-dry-run-ok = Пробный прогон: все проверки пройдены; ничего не записано.
js-record-recorded = Внесено как запись { $index }
js-record-see-entry = См. запись { $index }
js-record-recorded-say = Внесено как запись { $index }.
js-record-already-say = Уже внесено как запись { $index }.
js-record-ack-no-verifier = браузерное средство проверки не встроено в этот сервер: подтверждение здесь не проверялось
js-record-ack-bad = доказательство в подтверждении недействительно: { $why }
js-record-ack-other-event = подтвержденная запись не содержит событие, подписанное здесь
js-record-ack-holds = подтверждение действительно: запись { $index } содержится в журнале (записей в журнале: { $size }) под контрольной точкой, подписанной ключом журнала, и содержит событие, подписанное здесь (проверено на этой странице)
js-record-ack-unchecked = подтверждение не удалось проверить здесь: { $why }
js-record-not-draft = это не проект конверта этого реестра
js-record-draft-loaded = Проект загружен; подписей на данный момент: { $count }. Загрузите свой ключ и нажмите «Подписать», чтобы добавить свою.
js-record-changed = Событие изменилось: подпишите его заново.
js-record-key-unregistered = Ключ { $key } не зарегистрирован в этом журнале: сервер отклонит все, что им подписано (401). Попросите администратора реестра зарегистрировать его.
js-record-key-revoked = Ключ { $key } отозван: сервер отклоняет все, что им подписано (401).
js-record-key-role = Ключ { $key }: { $who }. Предлагаются только типы событий, которые разрешено представлять этой роли.
js-record-signed = Подписано ключом { $key }. Скачайте проект или скопируйте ссылку на него для следующего подписанта либо внесите его.
js-record-bad-link = Не удается прочитать проект по ссылке: { $why }

## The witness's own page (dledger witness serve)

witness-title = Свидетель { $name }
witness-key = Ключ: { $key }
witness-explain = Этот свидетель заверяет контрольную точку журнала, только если она согласуется со всеми ранее заверенными им контрольными точками этого журнала (C2SP tlog-witness). Его заверяющая подпись означает: на этот момент это было наибольшее согласованное дерево, которое он видел.
witness-logs = Отслеживаемые журналы
witness-size = Последний заверенный размер
witness-at = Время заверения (UTC)
witness-evidence = Доказательства нарушений
witness-no-evidence = Нет: каждая предъявленная ему контрольная точка согласовывалась с тем, что он заверил.
witness-two-checkpoints = две контрольные точки

## Поля формы на странице внесения записей (названия из схем событий; собственные описания в схемах остаются на английском языке)

field-access = Доступ
field-admin-vkey = Ключ администратора (vkey)
field-adopted-at = Принятие (время)
field-at = Время
field-available-to = Кому доступна
field-basis = Основание
field-body-id = Орган
field-bureau-consulted-id = Бюро, с которым консультировались
field-bureau-consulted-ids = Бюро, с которыми консультировались
field-bureau-decision-id = Решение Бюро
field-bureau-decisions = Решения Бюро
field-bureau-id = Бюро
field-category = Категория
field-circulated-at = Рассылка (время)
field-closed-at = Закрытие (время)
field-closes-at = Закрытие (время)
field-closes-on = Закрытие (дата)
field-communicated-at = Уведомление Сторон (время)
field-concluded-at = Завершение (время)
field-consultation-id = Консультация
field-consultation-ids = Консультации
field-counts = Количество
field-created-at = Создание (время)
field-data = Данные
field-deadline = Крайний срок
field-decided-at = Принятие решения (время)
field-decision-id = Решение
field-decision-ref = Ссылка на решение
field-decisions = Решения
field-document-digest = Хеш документа
field-draft = Проект
field-effective-at = Вступление в силу (время)
field-ended-at = Окончание (время)
field-ends-at = Окончание (время)
field-exceptional-circumstances = Исключительные обстоятельства
field-expected-version = Ожидаемая версия
field-from = Период с
field-id = Идентификатор
field-items = Пункты повестки дня
field-key-id = Ключ
field-kind = Вид
field-log-vkey = Ключ журнала (vkey)
field-mandate-ref = Ссылка на мандат
field-meeting-id = Совещание
field-meetings = Совещания
field-member-id = Член Бюро
field-members = Члены Бюро
field-members-participating = Участвовавшие члены Бюро
field-method = Способ принятия
field-mode = Формат
field-name = Имя или название
field-new-term-end = Новое окончание срока полномочий
field-note = Примечание
field-note-id = Записка
field-of-body-id = Орган Бюро
field-opened-at = Открытие (время)
field-opens-on = Открытие (дата)
field-origin = Источник
field-outcome = Итог
field-parent-id = Вышестоящий орган
field-party-id = Сторона
field-period-id = Период
field-position = Позиция
field-prepared-by = Кем подготовлена
field-procedure-id = Процедура
field-prolonged = Затяжной характер
field-protocol-party-since = Сторона Протокола с
field-provided-at = Предоставление (время)
field-published-at = Публикация (время)
field-rapporteur = Докладчик
field-reason = Причина
field-received-at = Получение (время)
field-received-via = Способ получения
field-reference-tz = Базовый часовой пояс
field-region = Регион
field-replaced-member-id = Заменяемый член Бюро
field-report-digest = Хеш отчета
field-request-id = Просьба
field-requested-at = Направление просьбы (время)
field-responded-at = Ответ (время)
field-role = Роль
field-rules = Правила
field-session-id = Заседание
field-silence-procedures = Процедуры молчаливого согласия
field-started-at = Начало (время)
field-starts-at = Начало (время)
field-statement = Заявление
field-stream = Поток
field-subject = Предмет
field-substitute = Заменяющий член Бюро
field-summary = Резюме
field-summary-digest = Хеш резюме
field-supported-at = Поддержка (время)
field-term-end = Окончание срока полномочий
field-term-start = Начало срока полномочий
field-text-digest = Хеш текста
field-title = Название
field-to = Период по
field-training-id = Обучение
field-type = Тип
field-urgent = Срочный характер
field-via = Где принято
field-vkey = Ключ (vkey)
field-withdrawn-on = Выход (дата)
js-record-add = Добавить: { $field }
