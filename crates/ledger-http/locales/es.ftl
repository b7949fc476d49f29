# decision-ledger: los mensajes de las páginas, en español.
# Traductores: conserven cada id y cada { $variable }; una variable contiene un identificador, una hora, un
# número o un enlace, tal como se registró. Las palabras del vocabulario del registro (w-…), los textos de las reglas (rule-…)
# y los mensajes de las constataciones (f-…) están en crates/ledger-rules/locales/.

## Navegación y elementos comunes a todas las páginas

nav-site = Sitio
nav-tag = Auditoría CP-11/4
nav-verify = Verificar
nav-record = Registrar
nav-copies = Copias
nav-witnesses = Testigos
nav-api = API
nav-languages = Idioma
footer-verify = Todas las cifras de esta página se calculan a partir del registro firmado con las mismas reglas que { $command }. Exporte el registro y compruébelo usted mismo.
notfound-title = No encontrado
notfound-back = Volver al libro registro
notfound-what = El registro no contiene: { $what } { $id }.
thing-decision = decisión
thing-meeting = reunión
thing-procedure = procedimiento de acuerdo tácito
thing-period = declaración de exhaustividad
thing-party = Parte
thing-entry = entrada
demo-label = Demostración:
check-yourself = Compruébelo usted mismo
check-in-browser = O compruébelo en su navegador, sin conexión, en { $link }.
verifier-link = la página del verificador
heading-findings = Constataciones
no-findings = Ninguna constatación.
finding-meta = Objeto: { $subject }; pruebas: { $evidence }
unofficial-translation = lectura del proyecto, traducción no oficial; el texto de la decisión CP-11/4 del que dispone el proyecto es el original árabe
quote-original = CP-11/4, párrafo { $para }, en el original árabe
minutes = { $minutes } min

illustrative-title = Escenario ilustrativo, no un registro histórico.
illustrative-body = Redactado para este libro registro a partir de la decisión CP-11/4 para mostrar cómo se desarrollan, conforme a las normas, una reunión en línea y un procedimiento de acuerdo tácito, junto a una decisión que sigue estando fuera del ámbito permitido. Los casos históricos se muestran exactamente como figuran en el registro.
illustrative-short = escenario ilustrativo

## Distintivos

verdict-within-scope = dentro del ámbito permitido
verdict-out-of-scope = fuera del ámbito permitido
verdict-in-person = presencial
severity-violation = infracción
severity-advisory = advertencia
severity-info = información

## Columnas de las tablas

col-decision = Decisión
col-meeting = Reunión
col-category = Categoría
col-venue = Lugar
col-verdict = Veredicto
col-index = Índice
col-type = Tipo
col-recorded-at = Registrado el
col-consultation = Consulta
col-kind = Clase
col-opened = Apertura
col-closed = Cierre
col-responses = Respuestas
col-session = Sesión
col-mode = Modalidad
col-start = Inicio
col-end = Fin
col-length = Duración
col-webcast = Cobertura de la transmisión web

## La página principal

index-title = El libro registro
index-heading = Decisiones adoptadas fuera de las reuniones presenciales ordinarias
index-log = El registro
index-entries = Entradas
index-root = Raíz de Merkle
index-decisions = Decisiones
index-decision-counts = { $total } — { $within } dentro del ámbito permitido, { $out } fuera del ámbito permitido, { $inperson } presenciales
index-checkpoint = Punto de control firmado
index-decisions-verdicts = Decisiones y veredictos
filter-verdict = Veredicto
filter-category = Categoría
filter-any = cualquiera
filter-submit = Filtrar
index-no-match = Ninguna decisión coincide.
index-meetings = Reuniones
index-silence-link = procedimiento de acuerdo tácito { $id }
index-latest = Últimas entradas
index-live = En directo: siguiendo el registro.
index-live-caught-up = En directo: al día, siguiendo el registro.

## Una decisión

decision-title = Decisión { $id }
decision-verdict = Veredicto:
decision-adopted = Adoptada
decision-adopted-by = { $at }, por { $method }
decision-where = Dónde
decision-session = sesión { $id }
decision-scope = Ámbito de lo decidido (P2.online_scope)
decision-scope-in-person = Adoptada en forma presencial: no se plantea la cuestión del ámbito en línea.
decision-scope-ok = una decisión { $category } puede adoptarse de este modo; el veredicto también tiene en cuenta cómo se decidió y se desarrolló la reunión.
decision-scope-none = Ninguna constatación sobre el ámbito en línea.
decision-scope-out = una decisión { $category } adoptada en línea.
decision-evidence = Entradas probatorias
decision-bureau-behind = La decisión de la Mesa en que se basa
decision-bureau-line = { $id } de { $bureau }, { $at } ({ $method })
decision-endorsed-by = Respaldada por los miembros:
decision-none-recorded = no consta ninguno
decision-witnesses = Vista por los testigos
decision-witness-demo = estos testigos los gestiona el propio servidor ({ $flag }), uno por grupo regional de las Naciones Unidas, para mostrar cómo funciona. Sus cofirmas no prueban nada sobre este servidor mientras no los gestionen testigos independientes.
decision-witness-explain = La cofirma de un testigo a un punto de control que contiene la entrada de esta decisión ({ $entry }) indica que, en ese momento, el registro la contenía y que el testigo no había visto ninguna otra historia del registro.
decision-seen-at = vista el { $at }
decision-not-yet = todavía no
decision-download-receipt = Descargar el comprobante
decision-receipt-explain = El comprobante contiene todas las entradas en que se basa este veredicto, cada una con una prueba de inclusión respecto de un punto de control firmado. Verifíquelo sin conexión, con la clave del registro en la que confíe:
audit-note = Nota de auditoría
audit-note-text = Impreso a partir del registro firmado. El comprobante de esta decisión prueba sus entradas respecto de este punto de control (o de uno posterior); verifíquelo con la clave del registro en la que confíe: { $command }

## Declaraciones de exhaustividad

coverage-heading = Exhaustividad
coverage-late-decision = Comprendida en la declaración de exhaustividad correspondiente a { $period }, que esta decisión contradice: se registró después de la declaración.
coverage-late-meeting = Comprendida en la declaración de exhaustividad correspondiente a { $period }, que esta reunión contradice: se registró después de la declaración.
coverage-recorded-late = registrada con retraso
coverage-holds = Comprendida en la declaración de exhaustividad correspondiente a { $period }, que se cumple.
coverage-not-holds = Comprendida en la declaración de exhaustividad correspondiente a { $period }, que no se cumple (véase la declaración).
period-title = Declaración de exhaustividad { $id }
period-holds = se cumple
period-not-holds = no se cumple
period-stated-body = La Secretaría declaró que el registro contiene todas las reuniones, procedimientos de acuerdo tácito, decisiones y decisiones de la Mesa del órgano { $body } del { $from } al { $to } (días UTC), y cuántos hubo.
period-stated-all = La Secretaría declaró que el registro contiene todas las reuniones, procedimientos de acuerdo tácito, decisiones y decisiones de la Mesa de todos los órganos del { $from } al { $to } (días UTC), y cuántos hubo.
period-recorded = Registrada
period-recorded-value = entrada { $entry }, cerrada el { $at }
period-statement = Declaración
period-report = Informe
period-counts = Recuentos
period-what = Qué
period-stated = Declarado
period-found = En el registro en el momento de su registro
period-meetings = Reuniones
period-procedures = Procedimientos de acuerdo tácito
period-decisions = Decisiones
period-bureau-decisions = Decisiones de la Mesa
period-differs = difiere
period-after = Registrado después de ella, dentro de su período
period-nothing-late = Nada de lo registrado después de la declaración corresponde a su período: ninguna entrada posterior la contradice.
period-late-explain = Cada uno de estos elementos se registró después de la declaración y esta lo habría contado: la declaración no era exhaustiva (L.after_close).
period-counted = Lo que contó
period-nothing = Nada.
period-item = { $kind } { $id } (entrada { $entry })

## Gráficos y cronologías

chart-as-table = Las cifras en forma de tabla
chart-limit = línea discontinua: { $limit }
chart-night-title = Proporción del tiempo de sesión de cada región en horario nocturno (22.00–07.00 en el huso horario de referencia de la región)
chart-night-desc = Una barra por región de las Naciones Unidas: el porcentaje del tiempo de sesión de la reunión comprendido entre las 22.00 y las 07.00 en el huso horario de referencia de la región. La línea discontinua marca el 50 %, el máximo que permite la rotación prevista en la decisión CP-11/4 (P7.time_zones).
chart-night-value = { $percent } % en horario nocturno ({ $night } min de { $total } min)
chart-day-title = Tiempo de sesión en línea por día
chart-day-desc = Una barra por cada día con sesiones en línea o híbridas: su duración total. La línea discontinua marca dos horas, la duración diaria que prefiere la decisión CP-11/4 (P7.session_length).
chart-day-value = { $hours } h { $minutes } min
timeline-explain = En el orden en que ocurrió, según las horas que indican los eventos (se enlaza la entrada que registra cada uno): lo que precedió a qué puede leerse de arriba abajo.
timeline-empty = Todavía no hay nada que mostrar.
tl-consultation-opened = Apertura de la consulta
tl-consultation-closed = Cierre de la consulta
tl-bureau-decision = Decisión de la Mesa
tl-scenario-note = Publicación de la nota de escenario
tl-training = Capacitación
tl-session = Inicio de la sesión
tl-decision = Adopción de la decisión
tl-round-circulated = Distribución del proyecto
tl-round-deadline = Plazo
tl-objection = Recepción
tl-conclusion = Conclusión

## Una reunión

meeting-title = Reunión { $id }
meeting-id = Identificador de la reunión
meeting-body = Órgano
meeting-kind-mode = Clase y modalidad
meeting-kind-mode-value = { $kind }, convocada en modalidad { $mode }
meeting-online = una reunión en línea
meeting-dates = Fechas
meeting-dates-value = Del { $from } al { $to } (huso horario de referencia: { $zone })
meeting-vmd = Determinación de la modalidad virtual
meeting-vmd-none = ninguna antes de la primera sesión
meeting-timeline = Cronología de la reunión
meeting-bds = Decisiones de la Mesa y consultas
meeting-no-bd = No consta ninguna decisión de la Mesa sobre esta reunión.
meeting-bd-by = Por { $bureau }, { $at }.
meeting-bd-circumstances = Circunstancias excepcionales:
meeting-prolonged = prolongadas
meeting-none-stated = no se indica ninguna
meeting-no-consultation = No se cita ninguna consulta.
meeting-respond = Responder como Parte
meeting-record-here = Registrar para esta reunión
meeting-record-links = Para la Secretaría, con la reunión ya indicada: { $session }, { $webcast }, { $training }, { $decision }.
meeting-record-session = la próxima sesión
meeting-record-webcast = la transmisión web de una sesión
meeting-record-training = una capacitación
meeting-record-decision = una decisión
meeting-notes = Nota de escenario y capacitación
meeting-no-note = No consta ninguna nota de escenario.
meeting-note-line = Nota { $id }, preparada por { $by }, publicada el { $at }, a disposición de { $to }
meeting-no-training = No consta ninguna capacitación ni prueba de conectividad.
meeting-training-line = { $kind } del { $from } al { $to }
meeting-sessions = Sesiones
meeting-no-session = No consta ninguna sesión (una reunión celebrada únicamente por procedimiento escrito no tiene ninguna).
meeting-webcast-percent = { $percent } % con transmisión web
meeting-charts = Carga de los husos horarios y duración de las sesiones
meeting-decisions = Decisiones
meeting-no-decision = No se adoptó ninguna decisión.

## Un procedimiento de acuerdo tácito

silence-title = Procedimiento de acuerdo tácito { $id }
silence-draft = Proyecto
silence-urgent = urgente
silence-outcome = Resultado
silence-broken = silencio roto
silence-held = silencio mantenido
silence-not-concluded = no concluido
silence-timeline = Cronología del procedimiento
silence-rounds = Rondas
silence-round = Ronda { $round }
silence-round-line = Distribuido el { $at }, plazo: { $deadline } ({ $hours } h)
silence-no-objection = No se recibió ninguna objeción en esta ronda.
silence-breaks = rompe el silencio
silence-not-counted = no se computa
silence-objection-line = { $kind } de { $party }; recepción: { $at }
silence-objection-from = { $kind } de { $party }
silence-outside = Objeciones fuera de todas las rondas
silence-object = Formular una objeción o un comentario como Parte
silence-object-explain = con la clave de su Parte, firmando en su navegador; recibirá la prueba de la entrada.
silence-conclusions = Conclusiones
silence-conclusion-line = { $outcome } el { $at } (entrada { $entry })
silence-decisions = Decisiones adoptadas mediante este procedimiento
why-not-party = no era Parte en el Protocolo en el momento de la recepción
why-comment = un comentario no rompe el silencio
why-outside = fuera del plazo de todas las rondas

## Una Parte

party-title = Parte { $id }
party-id = Identificador de la Parte
party-region = Región
party-since = Parte en el Protocolo desde
party-withdrawn = Se retiró el
party-objections = Objeciones
party-objection-line = { $kind } en { $procedure }, { $at }
party-not-counted = no se computa (no era Parte en el Protocolo en ese momento)
party-responses = Respuestas a consultas
party-response-line = { $position } sobre { $consultation }, { $at }

## Una entrada

entry-title = Entrada { $index }
entry-heading = Entrada n.º { $index }
entry-event-id = Identificador del evento
entry-server-clock = el reloj del servidor
entry-prev = Hash de la entrada anterior (BLAKE3)
entry-signers = Firmantes
entry-signer-member = { $role } (miembro { $member } de { $bureau })
entry-signer-admin = la clave de administración que registra
entry-event = Evento
entry-inclusion = Prueba de inclusión
entry-against = Respecto del punto de control de tamaño { $size } (raíz { $root }):
entry-line = La línea de la entrada, exacta byte a byte
entry-download-proof = Descargar la prueba
entry-proof-explain = La prueba (un { $spec } de C2SP) contiene la línea de esta entrada, su prueba de inclusión y el punto de control con las cofirmas de sus testigos. Compruébela sin conexión con la clave del registro en la que confíe:
entry-pager = Entradas
entry-previous = ← anterior
entry-next = siguiente →
doc-heading = Comprobar un documento con este resumen
doc-explain = El libro registro identifica los documentos por su resumen BLAKE3. Una copia que le hayan enviado es la registrada aquí si su resumen es el mismo; calcule el resumen de un archivo en su propio ordenador con { $command }, o arrastre el archivo a { $link } junto con la prueba de esta entrada o el comprobante de la decisión: la página calcula el resumen en su navegador y muestra qué entradas probadas lo mencionan.

## Copias y réplicas

pub-title = Copias y réplicas
pub-heading = Copias y réplicas de este registro
pub-intro = Cualquiera puede conservar una copia de este registro y comprobarla sin confiar en este servidor. El registro se publica como { $spec } en { $path }: un punto de control firmado con la clave del registro y archivos que no cambian nunca una vez escritos.
pub-now = El registro en este momento
pub-origin = Origen
pub-root = Raíz
pub-log-key = Clave del registro
pub-publish = Publicar una copia estática
pub-publish-explain = Escribe el punto de control, la clave del registro y los mosaicos (tiles) como archivos simples; vuelva a ejecutarlo para añadir lo nuevo. Después, cualquier servidor web, almacén de objetos o CDN puede servir el directorio.
pub-mirror = Gestionar una réplica
pub-mirror-explain = Una réplica verifica cada entrada (firmas, funciones, esquemas, el árbol, las reglas) y la coherencia de cada nuevo punto de control con el último que aceptó, y luego sirve las mismas páginas y rutas, en modo de solo lectura. Si el registro llega a ofrecer un punto de control que no es coherente con uno ya aceptado, la réplica conserva ambos como prueba y deja de seguirlo.
pub-agree = Comprobar que una réplica concuerda con este registro
pub-agree-explain = Guarde el punto de control de la réplica y luego compruebe que este registro lo amplía: las mismas entradas hasta su tamaño, con esta clave del registro.
pub-agree-exit = Un código de salida 0 significa que la réplica contiene un prefijo de este registro, entrada por entrada. Cualquier otra respuesta indica la entrada o el punto de control que difiere.

## Testigos

wit-title = Testigos
wit-heading = Atestiguación de este registro
wit-intro = La Secretaría firma cada punto de control de este registro con su clave del registro. Una firma por sí sola no puede demostrar que a todos se les mostró la misma historia: un servidor podría mostrar una historia a un grupo regional y otra al resto. Los testigos subsanan esa laguna: cada uno cofirma un punto de control solo si es coherente con todos los puntos de control del registro que cofirmó anteriormente ({ $spec }).
wit-now = Testigos de este servidor
wit-none = Este servidor no presenta sus puntos de control a ningún testigo (funciona sin { $flag }).
wit-demo = los testigos que figuran a continuación los gestiona el propio servidor ({ $flag }). Muestran cómo funciona la atestiguación y no prueban nada sobre este servidor.
wit-quorum = Quórum de la política sobre el punto de control servido actualmente:
wit-met = alcanzado
wit-not-met = no alcanzado
wit-cosignatures = { $count ->
    [one] { $count } cofirma
   *[other] { $count } cofirmas
}
wit-run = Gestionar un testigo
wit-run-explain = Un comando genera su clave y otro lo ejecuta para este registro:
wit-run-page = Su página enumera los puntos de control que cofirmó y conserva toda prueba de conducta indebida: dos puntos de control de este registro que no pueden ser ciertos a la vez.
wit-policy = Añadirlo a la política
wit-policy-explain = Los testigos que se tienen en cuenta se definen en un archivo { $spec }, el mismo para el servidor y para cada verificador. Uno natural para un órgano creado en virtud de un tratado: un testigo por grupo regional de las Naciones Unidas y un quórum de tres de cinco.
wit-policy-use = El servidor lo recibe con { $serve }; un auditor comprueba una exportación o un comprobante con { $verify } o { $receipt }, que fallan si no se alcanza el quórum e indican el grupo que falta.
wit-proves = Lo que prueba una cofirma y lo que no prueba
wit-proves-1 = Prueba que, en el momento que indica, el testigo no había visto ninguna otra historia de este registro y que el registro contenía entonces al menos ese número de entradas: un límite superior de cuándo constaba una entrada (una objeción, una decisión), que no depende del reloj del servidor.
wit-proves-2 = Con un quórum de testigos independientes, a todos los lectores que comprueban el quórum se les mostró la misma historia.
wit-proves-3 = No prueba que las entradas sean verídicas, completas o lícitas: para eso están { $command } y las reglas de la decisión CP-11/4. Un testigo no lee las entradas.
wit-proves-4 = No prueba nada si el testigo lo gestiona la propia Secretaría, como ocurre con los de demostración.

## La página del verificador (/verify, /verify.html)

verify-title = Verificar
verify-heading = Verificar un comprobante, una exportación, una prueba o un documento
verify-offline-tag = verificador sin conexión
verify-receipt = comprobante
verify-export = exportación
verify-proof = prueba
verify-document = documento
verify-intro = Compruebe lo que le entregó el libro registro, aquí en su navegador, sin confiar en el servidor que lo envió: el { $receipt } de una decisión, una { $export } de todo el registro ({ $files } juntos), la { $proof } de una entrada ({ $ext }) o un { $document } (el texto de una decisión, una nota de escenario) para averiguar qué entradas probadas mencionan su resumen.
verify-same-code = Las comprobaciones son el mismo código de { $verify }, { $receipt } y { $proof }, compilado a WebAssembly. Los archivos nunca salen de esta página: no se le permite conectarse a ningún sitio.
verify-files-label = Archivos: un comprobante, un .tlog-proof, un documento o los dos archivos de una exportación
verify-drop = O arrástrelos aquí.
verify-trust-label = Ancla de confianza: la clave de verificación del registro (vkey) o una tlog-policy
verify-trust-help = Pegue una clave que haya obtenido independientemente de esta página: de la publicación de la Secretaría, de un colega o de la entrada génesis de una exportación en la que ya confíe. Una vkey tiene este aspecto: { $vkey }; una política enumera líneas { $log }, { $witness } y { $quorum }.
verify-missing = Este servidor se compiló sin el verificador para navegador (no estaba instalado el destino { $target }). Ejecute { $command } y vuelva a compilar, o utilice { $tools }.
verify-keep = Conservar este verificador como un único archivo
verify-keep-explain = funciona abierto desde el disco, sin red.
verify-footer = Verificador de decision-ledger, { $version }. El significado de una ✓ se indica a su lado; una ✗ indica la comprobación que falló y por qué.
js-verify-choose = Elija los archivos y pegue un ancla de confianza.
js-verify-passed = superada
js-verify-failed = fallida
js-verify-not-checked = no comprobada
js-verify-within-scope = dentro del ámbito permitido
js-verify-out-of-scope = fuera del ámbito permitido
js-verify-in-person = presencial
js-verify-violation = infracción
js-verify-advisory = advertencia
js-verify-info = información
js-verify-entry = entrada { $index }
js-verify-decision-line = decisión { $id } ({ $category }, { $venue }, reunión { $meeting })
js-verify-subject = objeto
js-verify-evidence = pruebas:
js-verify-findings = Constataciones, recalculadas
js-verify-no-finding = Ninguna constatación sobre esta decisión.
js-verify-proof-line = ({ $type } { $id }), registrado el { $at }, figura en el registro de { $size } entradas.
js-verify-export-line = { $size } entradas, raíz
js-verify-decisions = Decisiones:
js-verify-none = ninguna
js-verify-named = Resúmenes de documentos mencionados por estas entradas: { $count }; elija un documento para compararlo con ellos.
js-verify-progress = Comprobando la exportación; entradas comprobadas: { $done } ({ $percent } % leído)
js-verify-document = Documento
js-verify-its-digest = Su resumen:
js-verify-names-it = lo menciona como { $field } de { $type } { $id }.
js-verify-doc-match = Este documento es el que menciona el registro: las entradas siguientes se han probado en esta página.
js-verify-doc-none-proven = Ninguna entrada probada en esta página menciona este resumen: elija el comprobante de la decisión, la prueba de la entrada o la exportación junto con el documento.
js-verify-doc-no-match = Ninguno de los resúmenes de documentos ({ $count }) mencionados por las entradas probadas en esta página es este: no es el documento que mencionan (o no es exactamente el mismo archivo, byte a byte).
js-verify-choose-files = Elija un comprobante, una exportación (entries.jsonl y checkpoint, juntos), un .tlog-proof o un documento.
js-verify-paste-trust = Pegue la vkey del registro o una tlog-policy: la comprobación empieza en cuanto estén ambos.
js-verify-checking = Comprobando…
js-verify-receipt-title = Comprobante { $name }
js-verify-proof-title = Prueba { $name }
js-verify-export-title = Exportación { $entries } con { $checkpoint }
js-verify-export = Exportación
js-verify-vkey-ignored = El propio log.vkey de la exportación no es un ancla de confianza: indica qué clave afirma tener el servidor. Pegue arriba una clave que haya obtenido de forma independiente.
js-verify-verified = Verificado: todos los archivos elegidos son válidos ({ $count }).
js-verify-failed-count = Error: { $bad } de los { $count } archivos elegidos no superaron las comprobaciones; la ✗ que figura abajo indica por qué.
js-verify-stopped = La comprobación se detuvo: { $error }

## La página de registro (/record)

record-title = Registrar un evento
record-read-only = Este servidor es una copia de solo lectura: no acepta eventos. Registre en el servidor de la Secretaría.
record-intro = Rellene el formulario, cargue su clave, compruebe qué haría el evento y, a continuación, fírmelo y regístrelo.
record-key-stays = Su clave nunca sale de esta página:
record-key-stays-explain = la firma se realiza aquí, en su navegador, y solo se envía el sobre firmado.
record-step-key = 1. Su clave
record-key-label = clave
record-key-help = Su archivo de clave de firmante ({ $format }, tal como lo escribe { $command }). Se lee aquí y solo se utiliza para firmar.
record-step-event = 2. El evento
record-type = Tipo de evento
record-stream = Flujo (opcional)
record-stream-help = Un objeto como { $example }; los eventos se cuentan por flujo.
record-step-check = 3. Comprobar, firmar y registrar
record-dry-run = Comprobar qué haría (simulación)
record-sign = Firmar
record-submit = Firmar y registrar
record-signatures = Firmas
record-download-draft = Descargar el borrador para el siguiente firmante
record-draft-link = Enlace que contiene el borrador
record-load-draft = Cargar un sobre borrador para añadir su firma
record-event-json = El evento (JSON)
record-envelope-json = El sobre firmado (DSSE)
record-footer = El servidor comprueba cada evento en el orden del contrato; no se escribe nada a menos que se superen todas las comprobaciones.
js-record-nothing-recorded = No se registró nada.
js-record-time-help = Escriba la hora con su zona: Z para UTC, o un desfase como +01:00.
js-record-optional = (opcional)
js-record-not-key = este no es un archivo de clave de firmante (PRIVATE+KEY+name+keyhash+…)
js-record-not-ed25519 = la clave no es una clave Ed25519 (tipo 0x01, 32 bytes)
js-record-key-damaged = el archivo de clave está dañado: su hash de clave no corresponde a su clave
js-record-load-key-first = cargue primero su clave (1. Su clave)
js-record-not-signed = (todavía sin firmar)
js-record-who-member = Miembro de la Mesa { $member } de { $bureau }
js-record-who-party = Parte { $party }
js-record-who-unknown = una clave que el registro no conoce
js-record-role-admin = administrador
js-record-role-secretariat = Secretaría
js-record-role-bureau_member = Miembro de la Mesa
js-record-role-party = Parte
js-record-no-signature = Todavía no hay ninguna firma.
js-record-go-to-field = Ir al campo { $field }
js-record-no-finding = No daría lugar a ninguna constatación.
js-record-severity-violation = infracción
js-record-severity-advisory = advertencia
js-record-severity-info = información
js-record-on = sobre
js-record-would-decision = Esto situaría la decisión { $id } fuera del ámbito permitido.
js-record-would-rest = Esto situaría fuera del ámbito permitido las decisiones que se basan en { $subject }.
js-record-already = Ya registrado, como entrada { $index }
js-record-would-be = Se superan todas las comprobaciones: sería la entrada { $index }
js-record-nothing-written = No se escribió nada.
js-record-dry-run-ok = Simulación: se superan todas las comprobaciones; no se escribió nada.
js-record-recorded = Registrado como entrada { $index }
js-record-see-entry = Ver la entrada { $index }
js-record-recorded-say = Registrado como entrada { $index }.
js-record-already-say = Ya registrado como entrada { $index }.
js-record-ack-no-verifier = el verificador para navegador no está integrado en este servidor: el acuse de recibo no se comprobó aquí
js-record-ack-bad = la prueba del acuse de recibo no es válida: { $why }
js-record-ack-other-event = la entrada objeto del acuse de recibo no contiene el evento firmado aquí
js-record-ack-holds = el acuse de recibo es válido: la entrada { $index } figura en el registro de { $size } entradas con un punto de control firmado con la clave del registro, y contiene el evento firmado aquí (comprobado en esta página)
js-record-ack-unchecked = no se pudo comprobar aquí el acuse de recibo: { $why }
js-record-not-draft = este no es un sobre borrador de este libro registro
js-record-draft-loaded = Borrador cargado: { $count } firma(s) hasta ahora. Cargue su clave y pulse Firmar para añadir la suya.
js-record-changed = El evento ha cambiado: fírmelo de nuevo.
js-record-key-unregistered = La clave { $key } no está registrada en este registro: el servidor rechazaría lo que firme (401). Pida al administrador del libro registro que la registre.
js-record-key-revoked = La clave { $key } fue revocada: el servidor rechaza lo que firma (401).
js-record-key-role = Clave { $key }: { $who }. Solo se ofrecen los tipos que puede presentar esta función.
js-record-signed = Firmado por { $key }. Descargue el borrador o copie su enlace para el siguiente firmante, o regístrelo.
js-record-bad-link = No se puede leer el borrador del enlace: { $why }

## The witness's own page (dledger witness serve)

witness-title = Testigo { $name }
witness-key = Clave: { $key }
witness-explain = Este testigo solo cofirma un punto de control de un registro si es coherente con todos los puntos de control de ese registro que cofirmó antes (C2SP tlog-witness). Su cofirma dice: en ese momento, este era el mayor árbol coherente que había visto.
witness-logs = Registros seguidos
witness-size = Último tamaño cofirmado
witness-at = Cofirmado el (UTC)
witness-evidence = Pruebas de conducta indebida
witness-no-evidence = Ninguna: cada punto de control que se le mostró era coherente con lo que había cofirmado.
witness-two-checkpoints = los dos puntos de control

## Los campos del formulario de la página de registro (los nombres de los esquemas de eventos; las descripciones propias de los esquemas se mantienen en inglés)

field-access = Acceso
field-admin-vkey = Vkey de administración
field-adopted-at = Adopción (hora)
field-at = Hora
field-available-to = A disposición de
field-basis = Fundamento
field-body-id = Órgano
field-bureau-consulted-id = Mesa consultada
field-bureau-consulted-ids = Mesas consultadas
field-bureau-decision-id = Decisión de la Mesa
field-bureau-decisions = Decisiones de la Mesa
field-bureau-id = Mesa
field-category = Categoría
field-circulated-at = Distribución (hora)
field-closed-at = Cierre (hora)
field-closes-at = Cierre previsto (hora)
field-closes-on = Clausura (fecha)
field-communicated-at = Comunicación (hora)
field-concluded-at = Conclusión (hora)
field-consultation-id = Consulta
field-consultation-ids = Consultas
field-counts = Recuentos
field-created-at = Creación (hora)
field-data = Datos
field-deadline = Plazo
field-decided-at = Decisión (hora)
field-decision-id = Decisión
field-decision-ref = Referencia de la decisión
field-decisions = Decisiones
field-document-digest = Resumen del documento
field-draft = Proyecto
field-effective-at = Efectividad (hora)
field-ended-at = Fin (hora)
field-ends-at = Fin (hora)
field-exceptional-circumstances = Circunstancias excepcionales
field-expected-version = Versión esperada
field-from = Desde
field-id = Identificador
field-items = Temas del programa
field-key-id = Clave
field-kind = Clase
field-log-vkey = Vkey del registro
field-mandate-ref = Referencia del mandato
field-meeting-id = Reunión
field-meetings = Reuniones
field-member-id = Miembro
field-members = Miembros
field-members-participating = Miembros participantes
field-method = Método
field-mode = Modalidad
field-name = Nombre
field-new-term-end = Nuevo fin del mandato
field-note = Nota
field-note-id = Nota
field-of-body-id = Del órgano
field-opened-at = Apertura (hora)
field-opens-on = Apertura (fecha)
field-origin = Origen
field-outcome = Resultado
field-parent-id = Órgano superior
field-party-id = Parte
field-period-id = Declaración de exhaustividad
field-position = Posición
field-prepared-by = Preparada por
field-procedure-id = Procedimiento
field-prolonged = Prolongadas
field-protocol-party-since = Parte en el Protocolo desde
field-provided-at = Prestación (hora)
field-published-at = Publicación (hora)
field-rapporteur = Relator
field-reason = Motivo
field-received-at = Recepción (hora)
field-received-via = Medio de recepción
field-reference-tz = Huso horario de referencia
field-region = Región
field-replaced-member-id = Miembro sustituido
field-report-digest = Resumen del informe
field-request-id = Solicitud
field-requested-at = Solicitud (hora)
field-responded-at = Respuesta (hora)
field-role = Función
field-rules = Reglas
field-session-id = Sesión
field-silence-procedures = Procedimientos de acuerdo tácito
field-started-at = Inicio (hora)
field-starts-at = Inicio (hora)
field-statement = Declaración
field-stream = Flujo
field-subject = Asunto
field-substitute = Sustituto
field-summary = Síntesis
field-summary-digest = Resumen de la síntesis
field-supported-at = Apoyo (hora)
field-term-end = Fin del mandato
field-term-start = Inicio del mandato
field-text-digest = Resumen del texto
field-title = Título
field-to = Hasta
field-training-id = Capacitación
field-type = Tipo
field-urgent = Urgente
field-via = Vía
field-vkey = Vkey
field-withdrawn-on = Retiro (fecha)
js-record-add = Añadir: { $field }
