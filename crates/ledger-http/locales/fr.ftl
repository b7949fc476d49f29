# decision-ledger : les messages des pages, en français.
# Traducteurs : conservez chaque identifiant et chaque { $variable } ; une variable contient un identifiant, une heure, un
# nombre ou un lien, affiché tel qu'enregistré. Les mots du vocabulaire du registre (w-…), les textes des règles (rule-…)
# et les messages des constatations (f-…) se trouvent dans crates/ledger-rules/locales/.

## Navigation et toutes les pages

nav-site = Navigation du site
nav-tag = Audit CP-11/4
nav-verify = Vérifier
nav-record = Enregistrer
nav-copies = Copies et miroirs
nav-witnesses = Témoins
nav-api = API
nav-languages = Langue
footer-verify = Chaque chiffre de cette page est calculé à partir du journal signé selon les mêmes règles que { $command }. Exportez le journal et vérifiez-le vous-même.
notfound-title = Introuvable
notfound-back = Retour au registre
notfound-what = Le journal ne contient rien de tel : { $what } { $id }.
thing-decision = décision
thing-meeting = réunion
thing-procedure = procédure d'approbation tacite
thing-period = déclaration d'exhaustivité
thing-party = Partie
thing-entry = entrée
demo-label = Démonstration :
check-yourself = Vérifiez par vous-même
check-in-browser = Ou vérifiez-le dans votre navigateur, hors ligne, sur { $link }.
verifier-link = la page du vérificateur
heading-findings = Constatations
no-findings = Aucune constatation.
finding-meta = Objet : { $subject } ; éléments de preuve : { $evidence }
unofficial-translation = lecture du projet, traduction non officielle ; le texte de la décision CP-11/4 dont dispose le projet est l'original arabe
quote-original = CP-11/4, paragraphe { $para }, dans l'original arabe
minutes = { $minutes } min

illustrative-title = Scénario illustratif, et non un document historique.
illustrative-body = Rédigé pour ce registre à partir de la décision CP-11/4 afin de montrer ce que sont une réunion en ligne et une procédure d'approbation tacite conduites dans les règles, à côté d'une décision qui reste hors du champ autorisé. Les cas historiques sont présentés exactement tels qu'ils figurent dans le registre.
illustrative-short = scénario illustratif

## Badges

verdict-within-scope = dans le champ autorisé
verdict-out-of-scope = hors du champ autorisé
verdict-in-person = en présentiel
severity-violation = manquement
severity-advisory = indicatif
severity-info = information

## Colonnes des tableaux

col-decision = Décision
col-meeting = Réunion
col-category = Catégorie
col-venue = Cadre
col-verdict = Évaluation
col-index = N°
col-type = Type d'événement
col-recorded-at = Enregistrée le
col-consultation = Consultation (identifiant)
col-kind = Nature
col-opened = Ouverte le
col-closed = Close le
col-responses = Réponses
col-session = Séance
col-mode = Modalité
col-start = Début
col-end = Fin
col-length = Durée
col-webcast = Couverture de la diffusion sur le Web

## La page d'accueil

index-title = Le registre
index-heading = Décisions prises en dehors des réunions ordinaires en présentiel
index-log = Le journal
index-entries = Entrées
index-root = Racine de Merkle
index-decisions = Décisions
index-decision-counts = { $total } — { $within } dans le champ autorisé, { $out } hors du champ autorisé, { $inperson } en présentiel
index-checkpoint = Point de contrôle signé
index-decisions-verdicts = Décisions et verdicts
filter-verdict = Évaluation
filter-category = Catégorie
filter-any = indifférent
filter-submit = Filtrer
index-no-match = Aucune décision ne correspond.
index-meetings = Réunions
index-silence-link = procédure d'approbation tacite { $id }
index-latest = Dernières entrées
index-live = En direct : suivi du journal.
index-live-caught-up = En direct : à jour, suivi du journal.

## Une décision

decision-title = Décision { $id }
decision-verdict = Verdict :
decision-adopted = Adoptée
decision-adopted-by = { $at }, par { $method }
decision-where = Cadre
decision-session = séance { $id }
decision-scope = Portée de ce qui a été décidé (P2.online_scope)
decision-scope-in-person = Adoptée en présentiel : la question de la portée en ligne ne se pose pas.
decision-scope-ok = une décision { $category } peut être prise de cette manière ; le verdict tient également compte de la manière dont la réunion a été décidée et conduite.
decision-scope-none = Aucune constatation relative à la portée en ligne.
decision-scope-out = une décision { $category } prise en ligne.
decision-evidence = Entrées servant de preuve
decision-bureau-behind = La décision du Bureau sur laquelle elle repose
decision-bureau-line = { $id } de { $bureau }, { $at } ({ $method })
decision-endorsed-by = Approuvée par les membres :
decision-none-recorded = aucun enregistré
decision-witnesses = Vue par les témoins
decision-witness-demo = ces témoins sont exécutés par ce serveur lui-même ({ $flag }), un par groupe régional de l'ONU, pour montrer le fonctionnement. Leurs cosignatures ne prouvent rien au sujet de ce serveur tant que ce ne sont pas des tiers indépendants qui les exécutent.
decision-witness-explain = La cosignature, par un témoin, d'un point de contrôle qui contient l'entrée de cette décision ({ $entry }) atteste qu'à ce moment-là le journal la contenait et que le témoin n'avait vu aucun autre historique du journal.
decision-seen-at = vue le { $at }
decision-not-yet = pas encore
decision-download-receipt = Télécharger le reçu
decision-receipt-explain = Le reçu contient toutes les entrées sur lesquelles repose ce verdict, chacune accompagnée d'une preuve d'inclusion par rapport à un point de contrôle signé. Vérifiez-le hors ligne, avec la clé du journal à laquelle vous faites confiance :
audit-note = Note d'audit
audit-note-text = Imprimé à partir du journal signé. Le reçu de cette décision prouve ses entrées par rapport à ce point de contrôle (ou à un point de contrôle ultérieur) ; vérifiez-le avec la clé du journal à laquelle vous faites confiance : { $command }

## Déclarations d'exhaustivité

coverage-heading = Exhaustivité
coverage-late-decision = Couverte par la déclaration d'exhaustivité relative à { $period }, que cette décision contredit : elle a été enregistrée après la déclaration.
coverage-late-meeting = Couverte par la déclaration d'exhaustivité relative à { $period }, que cette réunion contredit : elle a été enregistrée après la déclaration.
coverage-recorded-late = enregistrée tardivement
coverage-holds = Couverte par la déclaration d'exhaustivité relative à { $period }, qui se vérifie.
coverage-not-holds = Couverte par la déclaration d'exhaustivité relative à { $period }, qui ne se vérifie pas (voir la déclaration).
period-title = Déclaration d'exhaustivité { $id }
period-holds = se vérifie
period-not-holds = ne se vérifie pas
period-stated-body = Le Secrétariat a déclaré que le journal contient toutes les réunions, procédures d'approbation tacite, décisions et décisions du Bureau de l'organe { $body } du { $from } au { $to } (jours UTC), ainsi que leur nombre.
period-stated-all = Le Secrétariat a déclaré que le journal contient toutes les réunions, procédures d'approbation tacite, décisions et décisions du Bureau de tous les organes du { $from } au { $to } (jours UTC), ainsi que leur nombre.
period-recorded = Enregistrement
period-recorded-value = entrée { $entry }, close le { $at }
period-statement = Déclaration
period-report = Rapport
period-counts = Décomptes
period-what = Objet
period-stated = Déclaré
period-found = Dans le journal au moment de son enregistrement
period-meetings = Réunions
period-procedures = Procédures d'approbation tacite
period-decisions = Décisions
period-bureau-decisions = Décisions du Bureau
period-differs = diffère
period-after = Enregistré après elle, dans sa période
period-nothing-late = Rien de ce qui a été enregistré après la déclaration ne relève de sa période : aucune entrée ultérieure ne la contredit.
period-late-explain = Chacun de ces éléments a été enregistré après la déclaration et aurait été compté par elle : la déclaration n'était pas exhaustive (L.after_close).
period-counted = Ce qu'elle a compté
period-nothing = Rien.
period-item = { $kind } { $id } (entrée { $entry })

## Graphiques et chronologies

chart-as-table = Les chiffres sous forme de tableau
chart-limit = ligne pointillée : { $limit }
chart-night-title = Part du temps de séance de chaque région tombant la nuit (22:00–07:00 dans le fuseau de référence de la région)
chart-night-desc = Une barre par région de l'ONU : le pourcentage du temps de séance de la réunion compris entre 22:00 et 07:00 dans le fuseau horaire de référence de la région. La ligne pointillée marque 50 %, le maximum que permet la rotation prévue par la décision CP-11/4 (P7.time_zones).
chart-night-value = { $percent } % de nuit ({ $night } min sur { $total } min)
chart-day-title = Temps de séance en ligne par jour
chart-day-desc = Une barre par jour comportant des séances en ligne ou hybrides : leur durée totale. La ligne pointillée marque deux heures, la durée quotidienne que privilégie la décision CP-11/4 (P7.session_length).
chart-day-value = { $hours } h { $minutes } min
timeline-explain = Dans l'ordre où les faits se sont produits, selon les heures indiquées par les événements (l'entrée qui enregistre chacun d'eux est liée) : ce qui a précédé quoi se lit de haut en bas.
timeline-empty = Rien à afficher pour l'instant.
tl-consultation-opened = Ouverture de la consultation
tl-consultation-closed = Clôture de la consultation
tl-bureau-decision = Décision du Bureau
tl-scenario-note = Publication de la note de scénario
tl-training = Formation
tl-session = Début de séance
tl-decision = Adoption de la décision
tl-round-circulated = Diffusion du projet
tl-round-deadline = Date limite
tl-objection = Réception
tl-conclusion = Conclusion

## Une réunion

meeting-title = Réunion { $id }
meeting-id = Identifiant de la réunion
meeting-body = Organe
meeting-kind-mode = Type et mode
meeting-kind-mode-value = { $kind } ; mode prévu : { $mode }
meeting-online = une réunion en ligne
meeting-dates = Période
meeting-dates-value = du { $from } au { $to } (fuseau horaire de référence : { $zone })
meeting-vmd = Décision sur le mode virtuel
meeting-vmd-none = aucune avant la première séance
meeting-timeline = Chronologie de la réunion
meeting-bds = Décisions du Bureau et consultations
meeting-no-bd = Aucune décision du Bureau concernant cette réunion n'est enregistrée.
meeting-bd-by = Par { $bureau }, le { $at }.
meeting-bd-circumstances = Circonstances exceptionnelles :
meeting-prolonged = prolongées
meeting-none-stated = aucune indiquée
meeting-no-consultation = Aucune consultation citée.
meeting-respond = Répondre en tant que Partie
meeting-record-here = Enregistrer pour cette réunion
meeting-record-links = Pour le Secrétariat, avec la réunion déjà renseignée : { $session }, { $webcast }, { $training }, { $decision }.
meeting-record-session = la séance suivante
meeting-record-webcast = la diffusion sur le Web d'une séance
meeting-record-training = une formation
meeting-record-decision = une décision
meeting-notes = Note de scénario et formation
meeting-no-note = Aucune note de scénario n'est enregistrée.
meeting-note-line = Note { $id }, établie par { $by }, publiée le { $at }, mise à disposition : { $to }
meeting-no-training = Aucune formation ni aucun test de connexion n'est enregistré.
meeting-training-line = { $kind } du { $from } au { $to }
meeting-sessions = Séances
meeting-no-session = Aucune séance n'est enregistrée (une réunion tenue uniquement par procédure écrite n'en comporte aucune).
meeting-webcast-percent = { $percent } % diffusé sur le Web
meeting-charts = Charge liée aux fuseaux horaires et durée des séances
meeting-decisions = Décisions
meeting-no-decision = Aucune décision n'a été adoptée.

## Une procédure d'approbation tacite

silence-title = Procédure d'approbation tacite { $id }
silence-draft = Projet
silence-urgent = à caractère urgent
silence-outcome = Résultat
silence-broken = silence rompu
silence-held = silence maintenu
silence-not-concluded = non conclue
silence-timeline = Chronologie de la procédure
silence-rounds = Tours
silence-round = Tour { $round }
silence-round-line = Diffusé le { $at }, date limite : { $deadline } ({ $hours } h)
silence-no-objection = Aucune objection reçue au cours de ce tour.
silence-breaks = rompt le silence
silence-not-counted = non pris en compte
silence-objection-line = { $kind } de { $party }, date de réception : { $at }
silence-objection-from = { $kind } de { $party }
silence-outside = Objections reçues hors de tout tour
silence-object = Formuler une objection ou une observation, en tant que Partie
silence-object-explain = avec la clé de votre Partie, signée dans votre navigateur ; vous recevez la preuve de l'entrée.
silence-conclusions = Clôtures
silence-conclusion-line = { $outcome } le { $at } (entrée { $entry })
silence-decisions = Décisions adoptées par cette procédure
why-not-party = pas Partie au Protocole au moment de la réception
why-comment = une observation ne rompt pas le silence
why-outside = en dehors de la période de tout tour

## Une Partie

party-title = Partie { $id }
party-id = Identifiant de la Partie
party-region = Région
party-since = Partie au Protocole depuis le
party-withdrawn = Retrait le
party-objections = Objections formulées
party-objection-line = { $kind } — procédure { $procedure }, { $at }
party-not-counted = non pris en compte (pas Partie au Protocole à ce moment-là)
party-responses = Réponses aux consultations
party-response-line = { $position } — consultation { $consultation }, { $at }

## Une entrée

entry-title = Entrée { $index }
entry-heading = Entrée n° { $index }
entry-event-id = Identifiant de l'événement
entry-server-clock = l'horloge du serveur
entry-prev = Hachage de l'entrée précédente (BLAKE3)
entry-signers = Signataires
entry-signer-member = { $role } (membre { $member } de { $bureau })
entry-signer-admin = la clé d'administration qu'elle enregistre
entry-event = Événement
entry-inclusion = Preuve d'inclusion
entry-against = Par rapport au point de contrôle de taille { $size } (racine { $root }) :
entry-line = La ligne de l'entrée, à l'octet près
entry-download-proof = Télécharger la preuve
entry-proof-explain = La preuve (au format C2SP { $spec }) contient la ligne de cette entrée, sa preuve d'inclusion et le point de contrôle avec les cosignatures de ses témoins. Vérifiez-la hors ligne avec la clé du journal à laquelle vous faites confiance :
entry-pager = Entrées
entry-previous = ← précédente
entry-next = suivante →
doc-heading = Vérifier un document par rapport à cette empreinte
doc-explain = Le registre identifie les documents par leur empreinte BLAKE3. Une copie qui vous a été envoyée est celle enregistrée ici si son empreinte est identique ; calculez l'empreinte d'un fichier sur votre propre ordinateur avec { $command }, ou déposez le fichier sur { $link } avec la preuve de cette entrée ou le reçu de la décision : la page calcule l'empreinte dans votre navigateur et indique quelles entrées prouvées la mentionnent.

## Copies et miroirs

pub-title = Copies et miroirs
pub-heading = Copies et miroirs de ce journal
pub-intro = Chacun peut conserver une copie de ce journal et la vérifier sans faire confiance à ce serveur. Le journal est publié au format { $spec } sous { $path } : un point de contrôle signé par la clé du journal, et des fichiers qui ne changent plus une fois écrits.
pub-now = Le journal à ce jour
pub-origin = Origine
pub-root = Racine
pub-log-key = Clé du journal
pub-publish = Publier une copie statique
pub-publish-explain = Écrit le point de contrôle, la clé du journal et les tuiles sous forme de fichiers ordinaires ; relancez la commande pour ajouter ce qui est nouveau. Tout serveur Web, stockage d'objets ou CDN peut ensuite servir le répertoire.
pub-mirror = Exploiter un miroir
pub-mirror-explain = Un miroir vérifie chaque entrée (signatures, rôles, schémas, arbre, règles) et la cohérence de chaque nouveau point de contrôle avec le dernier qu'il a accepté, puis sert les mêmes pages et routes, en lecture seule. Si le journal propose un jour un point de contrôle incohérent avec un point de contrôle déjà accepté, le miroir conserve les deux comme éléments de preuve et cesse de le suivre.
pub-agree = Vérifier qu'un miroir concorde avec ce journal
pub-agree-explain = Enregistrez le point de contrôle du miroir, puis vérifiez que ce journal le prolonge : les mêmes entrées jusqu'à sa taille, sous cette clé du journal.
pub-agree-exit = Le code de sortie 0 signifie que le miroir contient un préfixe de ce journal, entrée par entrée. Toute autre réponse désigne l'entrée ou le point de contrôle qui diffère.

## Témoins

wit-title = Témoins
wit-heading = Attestation de ce journal par des témoins
wit-intro = Le Secrétariat signe chaque point de contrôle de ce journal avec sa clé du journal. Une signature seule ne peut démontrer que tous ont vu le même historique : un serveur pourrait montrer un historique à un groupe régional et un autre au reste. Les témoins comblent cette lacune : chacun ne cosigne un point de contrôle que s'il est cohérent avec chaque point de contrôle du journal qu'il a cosigné auparavant ({ $spec }).
wit-now = Témoins de ce serveur
wit-none = Ce serveur ne soumet ses points de contrôle à aucun témoin (il fonctionne sans { $flag }).
wit-demo = les témoins ci-dessous sont exécutés par ce serveur lui-même ({ $flag }). Ils montrent le fonctionnement de l'attestation et ne prouvent rien au sujet de ce serveur.
wit-quorum = Quorum de la politique pour le point de contrôle actuellement servi :
wit-met = atteint
wit-not-met = non atteint
wit-cosignatures = { $count ->
    [one] { $count } cosignature
   *[other] { $count } cosignatures
}
wit-run = Exploiter un témoin
wit-run-explain = Une commande crée sa clé, une autre l'exécute pour ce journal :
wit-run-page = Sa page répertorie les points de contrôle qu'il a cosignés et conserve toute preuve de comportement fautif : deux points de contrôle de ce journal qui ne peuvent être vrais tous les deux.
wit-policy = L'ajouter à la politique
wit-policy-explain = Les témoins pris en compte sont définis dans un fichier { $spec }, le même pour le serveur et pour chaque vérificateur. Un choix naturel pour un organe conventionnel : un témoin par groupe régional de l'ONU et un quorum de trois sur cinq.
wit-policy-use = Le serveur le prend avec { $serve } ; un auditeur vérifie un export ou un reçu avec { $verify } ou { $receipt }, qui échouent en l'absence de quorum, en nommant le groupe manquant.
wit-proves = Ce que prouve une cosignature, et ce qu'elle ne prouve pas
wit-proves-1 = Elle prouve qu'au moment qu'elle indique, le témoin n'avait vu aucun autre historique de ce journal, et que le journal contenait alors au moins ce nombre d'entrées : une borne supérieure de la date à laquelle une entrée (une objection, une décision) figurait au registre, qui ne dépend pas de l'horloge du serveur.
wit-proves-2 = Avec un quorum de témoins indépendants, chaque lecteur qui vérifie le quorum a vu le même historique.
wit-proves-3 = Elle ne prouve pas que les entrées sont exactes, complètes ou licites : c'est le rôle de { $command } et des règles de la décision CP-11/4. Un témoin ne lit pas les entrées.
wit-proves-4 = Elle ne prouve rien si le témoin est exploité par le Secrétariat lui-même, comme le sont les témoins de démonstration.

## La page du vérificateur (/verify, /verify.html)

verify-title = Vérifier
verify-heading = Vérifier un reçu, un export, une preuve ou un document
verify-offline-tag = vérificateur hors ligne
verify-receipt = reçu
verify-export = exportation
verify-proof = preuve
verify-document = fichier
verify-intro = Vérifiez ce que le registre vous a remis, ici, dans votre navigateur, sans faire confiance au serveur qui l'a envoyé : le { $receipt } d'une décision, un { $export } du journal complet ({ $files } ensemble), la { $proof } d'une entrée ({ $ext }), ou un { $document } (texte de décision, note de scénario) pour trouver quelles entrées prouvées mentionnent son empreinte.
verify-same-code = Les vérifications sont le code même de { $verify }, { $receipt } et { $proof }, compilé en WebAssembly. Les fichiers ne quittent jamais cette page : elle n'est autorisée à se connecter nulle part.
verify-files-label = Fichiers : un reçu, un .tlog-proof, un document, ou les deux fichiers d'un export
verify-drop = Ou déposez-les ici.
verify-trust-label = Ancre de confiance : la clé de vérification du journal (vkey) ou une tlog-policy
verify-trust-help = Collez une clé obtenue indépendamment de cette page : dans la publication du Secrétariat, auprès d'un collègue, ou dans l'entrée de genèse d'un export auquel vous faites déjà confiance. Une vkey ressemble à { $vkey } ; une politique comporte des lignes { $log }, { $witness } et { $quorum }.
verify-missing = Ce serveur a été compilé sans le vérificateur pour navigateur (la cible { $target } n'était pas installée). Exécutez { $command } puis recompilez, ou utilisez { $tools }.
verify-keep = Conserver ce vérificateur en un seul fichier
verify-keep-explain = il fonctionne ouvert depuis le disque, sans réseau.
verify-footer = Vérificateur de decision-ledger, { $version }. La signification d'un ✓ est indiquée à côté ; un ✗ désigne la vérification qui a échoué et en donne la raison.
js-verify-choose = Choisissez des fichiers et collez une ancre de confiance.
js-verify-passed = réussie
js-verify-failed = échouée
js-verify-not-checked = non vérifiée
js-verify-within-scope = dans le champ autorisé
js-verify-out-of-scope = hors du champ autorisé
js-verify-in-person = en présentiel
js-verify-violation = violation
js-verify-advisory = indicatif
js-verify-info = info
js-verify-entry = entrée { $index }
js-verify-decision-line = décision { $id } ({ $category }, { $venue }, réunion { $meeting })
js-verify-subject = objet
js-verify-evidence = éléments de preuve :
js-verify-findings = Constatations, recalculées
js-verify-no-finding = Aucune constatation concernant cette décision.
js-verify-proof-line = ({ $type } { $id }), enregistrée le { $at }, figure dans le journal de { $size } entrées.
js-verify-export-line = { $size } entrées, racine
js-verify-decisions = Décisions :
js-verify-none = aucune
js-verify-named = Empreintes de documents mentionnées par ces entrées : { $count } ; choisissez un document pour le vérifier par rapport à celles-ci.
js-verify-progress = Vérification de l'export : { $done } entrées vérifiées ({ $percent } % lu)
js-verify-document = Document
js-verify-its-digest = Son empreinte :
js-verify-names-it = le mentionne comme { $field } de { $type } { $id }.
js-verify-doc-match = Ce document est celui que mentionne le journal : les entrées ci-dessous ont été prouvées dans cette page.
js-verify-doc-none-proven = Aucune entrée prouvée dans cette page ne mentionne cette empreinte : choisissez le reçu de la décision, la preuve de l'entrée ou l'export en même temps que le document.
js-verify-doc-no-match = Aucune des empreintes de documents ({ $count }) mentionnées par les entrées prouvées dans cette page ne correspond à celle-ci : ce n'est pas le document qu'elles mentionnent (ou pas exactement le même fichier, à l'octet près).
js-verify-choose-files = Choisissez un reçu, un export (entries.jsonl et checkpoint ensemble), un .tlog-proof ou un document.
js-verify-paste-trust = Collez la vkey du journal ou une tlog-policy : la vérification démarre dès que les deux sont présents.
js-verify-checking = Vérification…
js-verify-receipt-title = Reçu { $name }
js-verify-proof-title = Preuve { $name }
js-verify-export-title = Export { $entries } avec { $checkpoint }
js-verify-export = Export
js-verify-vkey-ignored = Le fichier log.vkey de l'export n'est pas une ancre de confiance : il indique la clé que le serveur revendique. Collez ci-dessus une clé obtenue indépendamment.
js-verify-verified = Vérifié : chacun des fichiers choisis est valide ({ $count }).
js-verify-failed-count = Échec : fichiers choisis n'ayant pas passé les vérifications : { $bad } sur { $count } ; le ✗ ci-dessous indique pourquoi.
js-verify-stopped = La vérification s'est arrêtée : { $error }

## La page d'enregistrement (/record)

record-title = Enregistrer un événement
record-read-only = Ce serveur est une copie en lecture seule : il n'accepte aucun événement. Enregistrez sur le serveur du Secrétariat.
record-intro = Remplissez le formulaire, chargez votre clé, vérifiez l'effet qu'aurait l'événement, puis signez-le et enregistrez-le.
record-key-stays = Votre clé ne quitte jamais cette page :
record-key-stays-explain = la signature est produite ici, dans votre navigateur, et seule l'enveloppe signée est envoyée.
record-step-key = 1. Votre clé
record-key-label = clé
record-key-help = Votre fichier de clé de signataire ({ $format }, tel que l'écrit { $command }). Il est lu ici et sert uniquement à signer.
record-step-event = 2. L'événement
record-type = Type d'événement
record-stream = Flux (facultatif)
record-stream-help = Un objet tel que { $example } ; les événements sont comptés par flux.
record-step-check = 3. Vérifier, signer et enregistrer
record-dry-run = Vérifier l'effet (simulation)
record-sign = Signer
record-submit = Signer et enregistrer
record-signatures = Signatures apposées
record-download-draft = Télécharger le brouillon pour le signataire suivant
record-draft-link = Lien contenant le brouillon
record-load-draft = Charger une enveloppe brouillon pour y ajouter votre signature
record-event-json = L'événement (JSON)
record-envelope-json = L'enveloppe signée (DSSE)
record-footer = Chaque événement est vérifié par le serveur dans l'ordre du contrat ; rien n'est écrit si une seule vérification échoue.
js-record-nothing-recorded = Rien n'a été enregistré.
js-record-time-help = Indiquez l'heure avec son fuseau : Z pour UTC, ou un décalage tel que +01:00.
js-record-optional = (facultatif)
js-record-not-key = ceci n'est pas un fichier de clé de signataire (PRIVATE+KEY+name+keyhash+…)
js-record-not-ed25519 = la clé n'est pas une clé Ed25519 (type 0x01, 32 octets)
js-record-key-damaged = le fichier de clé est endommagé : son hachage de clé ne correspond pas à sa clé
js-record-load-key-first = chargez d'abord votre clé (1. Votre clé)
js-record-not-signed = (pas encore signé)
js-record-who-member = membre { $member } du Bureau { $bureau }
js-record-who-party = Partie { $party }
js-record-who-unknown = une clé inconnue du journal
js-record-role-admin = administrateur
js-record-role-secretariat = Secrétariat
js-record-role-bureau_member = membre du Bureau
js-record-role-party = Partie
js-record-no-signature = Aucune signature pour l'instant.
js-record-go-to-field = Aller au champ { $field }
js-record-no-finding = Il ne donnerait lieu à aucune constatation.
js-record-severity-violation = violation
js-record-severity-advisory = indicatif
js-record-severity-info = info
js-record-on = concernant
js-record-would-decision = Cela placerait la décision { $id } hors du champ autorisé.
js-record-would-rest = Cela placerait hors du champ autorisé les décisions qui reposent sur { $subject }.
js-record-already = Déjà enregistré, en tant qu'entrée { $index }
js-record-would-be = Toutes les vérifications sont concluantes : ce serait l'entrée { $index }
js-record-nothing-written = Rien n'a été écrit.
js-record-dry-run-ok = Simulation : toutes les vérifications sont concluantes ; rien n'a été écrit.
js-record-recorded = Enregistré en tant qu'entrée { $index }
js-record-see-entry = Voir l'entrée { $index }
js-record-recorded-say = Enregistré en tant qu'entrée { $index }.
js-record-already-say = Déjà enregistré en tant qu'entrée { $index }.
js-record-ack-no-verifier = le vérificateur pour navigateur n'est pas intégré à ce serveur : l'accusé de réception n'a pas été vérifié ici
js-record-ack-bad = la preuve de l'accusé de réception n'est pas valide : { $why }
js-record-ack-other-event = l'entrée dont la réception est accusée ne contient pas l'événement signé ici
js-record-ack-holds = l'accusé de réception est valide : l'entrée { $index } figure dans le journal de { $size } entrées sous un point de contrôle signé par la clé du journal, et contient l'événement signé ici (vérifié dans cette page)
js-record-ack-unchecked = l'accusé de réception n'a pas pu être vérifié ici : { $why }
js-record-not-draft = ceci n'est pas une enveloppe brouillon de ce registre
js-record-draft-loaded = Brouillon chargé : { $count } signature(s) à ce stade. Chargez votre clé et appuyez sur Signer pour ajouter la vôtre.
js-record-changed = L'événement a changé : signez-le de nouveau.
js-record-key-unregistered = La clé { $key } n'est pas enregistrée dans ce journal : le serveur refuserait ce qu'elle signe (401). Demandez à l'administrateur du registre de l'enregistrer.
js-record-key-revoked = La clé { $key } a été révoquée : le serveur refuse ce qu'elle signe (401).
js-record-key-role = Clé { $key } : { $who }. Seuls les types que ce rôle peut soumettre sont proposés.
js-record-signed = Signé par { $key }. Téléchargez le brouillon ou copiez son lien pour le signataire suivant, ou enregistrez-le.
js-record-bad-link = Le brouillon contenu dans le lien est illisible : { $why }

## The witness's own page (dledger witness serve)

witness-title = Témoin { $name }
witness-key = Clé : { $key }
witness-explain = Ce témoin ne cosigne un point de contrôle d'un journal que s'il est cohérent avec tous les points de contrôle de ce journal qu'il a cosignés auparavant (C2SP tlog-witness). Sa cosignature dit : à ce moment, c'était le plus grand arbre cohérent qu'il avait vu.
witness-logs = Journaux suivis
witness-size = Dernière taille cosignée
witness-at = Cosigné le (UTC)
witness-evidence = Preuves de comportement fautif
witness-no-evidence = Aucune : chaque point de contrôle qui lui a été présenté était cohérent avec ce qu'il avait cosigné.
witness-two-checkpoints = les deux points de contrôle

## Les champs du formulaire de la page d'enregistrement (les noms des schémas d'événements ; les descriptions propres aux schémas restent en anglais)

field-access = Accès
field-admin-vkey = Vkey d'administration
field-adopted-at = Adoption (heure)
field-at = Date et heure
field-available-to = Mise à disposition
field-basis = Fondement
field-body-id = Organe
field-bureau-consulted-id = Bureau consulté
field-bureau-consulted-ids = Bureaux consultés
field-bureau-decision-id = Décision du Bureau
field-bureau-decisions = Décisions du Bureau
field-bureau-id = Bureau
field-category = Catégorie
field-circulated-at = Diffusion (heure)
field-closed-at = Clôture (heure)
field-closes-at = Clôture prévue (heure)
field-closes-on = Clôture (date)
field-communicated-at = Communication (heure)
field-concluded-at = Conclusion (heure)
field-consultation-id = Consultation
field-consultation-ids = Consultations
field-counts = Décomptes
field-created-at = Création (heure)
field-data = Données
field-deadline = Date limite
field-decided-at = Prise de décision (heure)
field-decision-id = Décision
field-decision-ref = Référence de la décision
field-decisions = Décisions
field-document-digest = Empreinte du document
field-draft = Projet
field-effective-at = Prise d'effet (heure)
field-ended-at = Fin (heure)
field-ends-at = Fin (heure)
field-exceptional-circumstances = Circonstances exceptionnelles
field-expected-version = Version attendue
field-from = Du
field-id = Identifiant
field-items = Points de l'ordre du jour
field-key-id = Clé
field-kind = Nature
field-log-vkey = Vkey du journal
field-mandate-ref = Référence du mandat
field-meeting-id = Réunion
field-meetings = Réunions
field-member-id = Membre
field-members = Membres
field-members-participating = Membres participants
field-method = Méthode
field-mode = Mode
field-name = Nom
field-new-term-end = Nouvelle fin du mandat
field-note = Remarque
field-note-id = Note de scénario
field-of-body-id = Organe de rattachement
field-opened-at = Ouverture (heure)
field-opens-on = Ouverture (date)
field-origin = Origine
field-outcome = Résultat
field-parent-id = Organe de tutelle
field-party-id = Partie
field-period-id = Période
field-position = Position
field-prepared-by = Établie par
field-procedure-id = Procédure
field-prolonged = Prolongées
field-protocol-party-since = Partie au Protocole depuis le
field-provided-at = Fourniture (heure)
field-published-at = Publication (heure)
field-rapporteur = Rapporteur
field-reason = Motif
field-received-at = Réception (heure)
field-received-via = Mode de réception
field-reference-tz = Fuseau horaire de référence
field-region = Région
field-replaced-member-id = Membre remplacé
field-report-digest = Empreinte du rapport
field-request-id = Demande
field-requested-at = Demande (heure)
field-responded-at = Réponse (heure)
field-role = Rôle
field-rules = Règles
field-session-id = Séance
field-silence-procedures = Procédures d'approbation tacite
field-started-at = Début (heure)
field-starts-at = Début (heure)
field-statement = Déclaration
field-stream = Flux
field-subject = Objet
field-substitute = Remplaçant
field-summary = Résumé
field-summary-digest = Empreinte du résumé
field-supported-at = Appui (heure)
field-term-end = Fin du mandat
field-term-start = Début du mandat
field-text-digest = Empreinte du texte
field-title = Titre
field-to = Au
field-training-id = Formation
field-type = Type
field-urgent = Urgent
field-via = Cadre
field-vkey = Vkey
field-withdrawn-on = Retrait (date)
js-record-add = Ajouter : { $field }
