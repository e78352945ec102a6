// Les textes français des rapports, par clé (voir report_texts.hpp).
#include <span>

#include <iothub_diag/report/report_texts.hpp>

namespace iothub_diag {
namespace {

// A plain array: std::array's deduction guide nests one fold per entry, past
// clang's limit of 256.
constexpr TextEntry kFrench[] = {
    TextEntry{"ui.report_title", "diagnostic des erreurs 404104 DeviceConnectionClosedRemotely"},
    TextEntry{"ui.no_pattern", "Aucun schéma de déconnexion trouvé."},
    TextEntry{"ui.input", "Entrée"},
    TextEntry{"ui.fleet", "Parc"},
    TextEntry{"ui.skipped", "ignorés"},
    TextEntry{"ui.duplicates_dropped", "doublons écartés"},
    TextEntry{"ui.note", "Remarque\u00A0:"},
    TextEntry{"ui.logs_show", "Symptôme\u00A0:"},
    TextEntry{"ui.cause", "Cause\u00A0:"},
    TextEntry{"ui.what_to_do", "Solution\u00A0:"},
    TextEntry{"ui.more", "En savoir plus\u00A0:"},
    TextEntry{"ui.yes", "oui"},
    TextEntry{"ui.no", "non"},
    TextEntry{"ui.verdict", "Verdict"},
    TextEntry{"ui.report_cut", "Le rapport s’arrête ici pour rester sous sa taille maximale."},
    TextEntry{"ui.symptom", "symptôme {}"},
    TextEntry{"ui.severity_error", "ERREUR"},
    TextEntry{"ui.severity_warning", "AVERTISSEMENT"},
    TextEntry{"ui.severity_info", "INFO"},
    TextEntry{"ui.summary", "Résumé"},
    TextEntry{"ui.span", "Période"},
    TextEntry{"ui.hubs", "Hubs"},
    TextEntry{"ui.records", "Enregistrements"},
    TextEntry{"ui.files", "Fichiers"},
    TextEntry{"ui.devices", "Appareils"},
    TextEntry{"ui.codes", "Codes de résultat"},
    TextEntry{"ui.connected_devices", "Appareils connectés"},
    TextEntry{"ui.timeline", "Chronologie des appareils les plus touchés"},
    TextEntry{"ui.unnamed_hub", "tous les enregistrements (aucun hub nommé)"},
    TextEntry{"ui.connect", "connexion"},
    TextEntry{"ui.disconnect", "déconnexion propre"},
    TextEntry{"ui.drop", "coupure (404104)"},
    TextEntry{"ui.error", "code d’erreur"},
    TextEntry{"ui.unexplained", "ni événement de parc ni cycle de jeton"},
    TextEntry{"ui.to", "au"},
    TextEntry{"ui.left_out_events", "{} événements ultérieurs non dessinés"},
    TextEntry{"ui.legend", "Légende"},
    TextEntry{"ui.more_in_list", "(+{} autres)"},
    TextEntry{"ui.records_from_files", "{} issus de {}"},
    TextEntry{"ui.records_from_files_one", "{} issu de {}"},
    TextEntry{"ui.more_items",
              "… et encore {}\u00A0: --format json ou csv donne la liste complète."},
    TextEntry{
        "ui.more_items_budget",
        "… et encore {}, omis pour rester sous la taille maximale\u00A0: --format json ou csv "
        "donne la liste complète."},
    TextEntry{"ui.more_notes", "{} de plus, omises."},
    TextEntry{
        "ui.budget_cut",
        "{} omises pour garder ce rapport sous 1 Mio\u00A0; --format json ou csv donne la liste "
        "complète."},
    TextEntry{"ui.rows_left_out",
              "{} affichés sur {}\u00A0; les {} autres ne figurent pas sur cette page\u00A0: "
              "--format json ou csv donne la liste complète."},
    TextEntry{"ui.windows_shaded",
              "En grisé\u00A0: les fenêtres des constats à l’échelle du parc."},
    TextEntry{"ui.no_connection_events", "Aucun événement de connexion à tracer."},
    TextEntry{"ui.metric_line", "métrique connectedDeviceCount (Azure Monitor), en pointillés"},
    TextEntry{"ui.time_utc", "heure (UTC)"},
    TextEntry{"ui.skipped_reasons", "Ignorés"},
    TextEntry{"ui.duplicates", "Doublons écartés"},
    TextEntry{"ui.findings", "Constats"},
    TextEntry{"ui.notes", "Remarques"},
    TextEntry{"ui.sort_hint",
              "Cliquez sur un en-tête de colonne pour trier (JavaScript requis\u00A0; la page se "
              "lit de même sans lui)."},
    TextEntry{"ui.drop_causes", "Coupures par cause"},
    TextEntry{"ui.text_error", "ERREUR"},
    TextEntry{"ui.text_warning", "ALERTE"},
    TextEntry{"ui.text_info", "INFO"},
    TextEntry{"ui.text_more", "... et {} de plus (--format json donne la liste complète)"},
    TextEntry{"ui.text_prose", "{} ({})\u00A0: "},
    TextEntry{"ui.text_result_codes", "\u00A0; codes de résultat\u00A0:"},
    TextEntry{"ui.text_items", "{}\u00A0:"},
    TextEntry{"ui.text_items_worst", "{}\u00A0; les {} plus touchés\u00A0:"},
    TextEntry{"ui.text_items_first", "{}\u00A0; les {} premières\u00A0:"},
    TextEntry{"ui.text_items_longest",
              "{}\u00A0; les {} qui ont suivi les plus longues connexions\u00A0:"},
    TextEntry{"ui.text_at", " à "},
    TextEntry{"ui.text_colon", "\u00A0: "},
    TextEntry{"ui.text_semicolon", "\u00A0; "},
    TextEntry{"ui.text_no_hub", "(sans hub)"},
    TextEntry{"ui.not_read", "Non lus"},
    TextEntry{"ui.text_drops", "Coupures"},
    TextEntry{"ui.text_no_drops", "aucune coupure 404104"},
    TextEntry{"ui.text_drops_line", "{}\u00A0: {}"},
    TextEntry{"ui.text_cause_detail", "{}\u00A0: {}"},
    TextEntry{"ui.text_out_of_scope", "\u00A0; {} d’autres hubs écartés"},
    TextEntry{"ui.text_hub_items", "hub {}\u00A0: {}"},
    TextEntry{"ui.text_no_pattern_no_drops",
              "Aucun schéma de déconnexion trouvé\u00A0: aucun appareil n’a été coupé."},
    TextEntry{"ui.text_drop_event", "coupure"},
    TextEntry{"ui.device_timelines", "Chronologie des appareils demandés"},
    TextEntry{"ui.event", "événement"},
    TextEntry{"ui.code", "code"},
    TextEntry{"ui.cause_rule", "attribuée à"},
    TextEntry{"ui.text_scope", "Portée"},
    TextEntry{"ui.text_azure", "Azure"},
    TextEntry{"ui.text_metric_series", "{}{} de {}\u00A0: {} minutes"},
    TextEntry{"ui.text_activity_events",
              "{}{} événements du journal d’activité, {} événements d’intégrité"},
    TextEntry{"ui.text_scope_range", "{} – {}\u00A0; "},
    TextEntry{"ui.text_start", "début"},
    TextEntry{"ui.text_end", "fin"},
    TextEntry{"ui.text_scope_left_out",
              "{} événements de connexion et erreurs hors de la portée écartés"},
    TextEntry{"ui.text_device", "Appareil"},
    TextEntry{"ui.event_connect", "connexion"},
    TextEntry{"ui.event_disconnect", "déconnexion"},
    TextEntry{"ui.event_drop", "coupure"},
    TextEntry{"ui.event_error", "erreur"},
    TextEntry{"ui.rules_heading", "Règles, dans l’ordre d’évaluation\u00A0:"},
    TextEntry{"ui.rules_rule", "    {}\n    décide sur\u00A0: {}\n    documentation\u00A0: {}"},
    TextEntry{
        "ui.rules_thresholds",
        "Seuils (remplacez-en avec --config FICHIER, un objet JSON nom\u00A0: nombre)\u00A0:"},
    TextEntry{"ui.rules_default", " (par défaut {:g})"},
    TextEntry{
        "threshold.period_tolerance_seconds",
        "des durées de connexion à coupure aussi proches appartiennent à un même cycle de jeton"},
    TextEntry{"threshold.period_tolerance_ratio", "ajouté à la tolérance, en part de la période"},
    TextEntry{"threshold.period_tolerance_max_share",
              "la tolérance, au plus cette part de la période (une courte : un délai d’inactivité "
              "du réseau)"},
    TextEntry{"threshold.token_late_tolerance_seconds",
              "une seconde tolérance, plus large, pour des jetons dont les cycles finissent à "
              "des minutes d’écart après la marge (un hub qui vérifie l’expiration en retard) ; "
              "0 : aucune"},
    TextEntry{"threshold.min_period_minutes",
              "des cycles plus courts ne sont pas pris pour des durées de jeton"},
    TextEntry{
        "threshold.min_token_cycles",
        "cycles d’une même durée nécessaires pour dire périodiques les coupures d’un appareil"},
    TextEntry{
        "threshold.max_chance_probability",
        "le groupe de cycles doit être moins probable que cela d’après des coupures aléatoires"},
    TextEntry{"threshold.max_overlong_share",
              "connexions qui ont duré plus que la période, en part des cycles, avant que la "
              "périodicité soit réfutée"},
    TextEntry{"threshold.token_grace_minutes",
              "tolérance de décalage d’horloge après l’expiration du jeton\u00A0; durée du jeton = "
              "période - marge"},
    TextEntry{"threshold.day_token_minutes",
              "une coupure sans 401003 dont la connexion a duré ce temps à 15 min de plus (un "
              "jeton SAS d’un jour après la marge du hub) est un cycle d’un jeton dont les cycles "
              "sont trop peu nombreux pour montrer sa période\u00A0; 0\u00A0: aucun"},
    TextEntry{"threshold.unauthorized_window_seconds",
              "un 401003 aussi proche d’un 404104 (avant ou après) appartient à son cycle"},
    TextEntry{
        "threshold.min_random_drops",
        "coupures 404104 inexpliquées et non périodiques nécessaires pour signaler un appareil"},
    TextEntry{"threshold.burst_window_minutes",
              "des coupures d’appareils différents aussi proches comptent comme simultanées"},
    TextEntry{"threshold.burst_min_devices",
              "une rafale de parc touche au moins ce nombre d’appareils"},
    TextEntry{"threshold.burst_min_fleet_share",
              "une rafale à l’échelle du hub touche au moins cette part de ses appareils"},
    TextEntry{"threshold.fleet_wide_min_share",
              "une rafale du hub sans erreurs du hub est à l’échelle du parc avec cette part du "
              "hub, et des appareils hors des sites tombés pendant celle-ci"},
    TextEntry{"threshold.burst_baseline_factor",
              "une rafale de parc dépasse les coupures habituelles par fenêtre de ce nombre "
              "d’écarts (MAD)"},
    TextEntry{"threshold.fleet_max_chance_probability",
              "rafales du hub attendues sur la période si chaque appareil coupait indépendamment à "
              "son propre rythme, au plus"},
    TextEntry{"threshold.hub_error_margin_minutes",
              "des erreurs côté hub aussi proches d’une rafale comptent comme sa preuve"},
    TextEntry{
        "threshold.min_hub_errors",
        "erreurs côté hub (500xxx, 400029/400030, 404012) nécessaires pour incriminer le hub"},
    TextEntry{"threshold.hub_error_baseline_factor",
              "les erreurs côté hub autour d’une rafale doivent dépasser leur rythme habituel de "
              "ce facteur"},
    TextEntry{"threshold.recovery_minutes",
              "le nombre d’appareils connectés «\u00A0après\u00A0» un incident est lu ce temps "
              "après sa fin"},
    TextEntry{"threshold.site_min_devices",
              "un site (les appareils d’un hub derrière une même IP masquée) compte et perd au "
              "moins ce nombre d’appareils"},
    TextEntry{"threshold.site_min_group_share",
              "une rafale de site touche au moins cette part des appareils du site"},
    TextEntry{"threshold.site_max_chance_probability",
              "rafales de site attendues sur la période si les coupures du site étaient aléatoires "
              "(son propre historique), au plus"},
    TextEntry{"threshold.gap_min_minutes",
              "un silence du hub au moins aussi long peut être un trou dans les journaux"},
    TextEntry{
        "threshold.gap_quiet_share",
        "une portion de trou contient moins que cette part des enregistrements habituels du hub"},
    TextEntry{"threshold.gap_max_chance_probability",
              "silences aussi profonds attendus sur la période au rythme habituel du hub, au plus"},
    TextEntry{"threshold.min_scheduled_cycles",
              "cycles propres de connexion à déconnexion (ou écarts de redémarrage) d’une même "
              "durée qui font un planning"},
    TextEntry{"threshold.never_reconnected_minutes",
              "silence après le dernier 404104 d’un appareil, jusqu’à la fin des journaux, avant "
              "qu’il compte comme parti"},
    TextEntry{"threshold.duplicate_identity_min_closes",
              "enregistrements 400027 ConnectionForcefullyClosedOnNewConnection qui font le "
              "ping-pong d’une identité"},
    TextEntry{"threshold.unauthorized_storm_min_failures",
              "401003 d’affilée sans connexion réussie entre eux"},
    TextEntry{
        "threshold.edge_min_identities",
        "identités d’une passerelle IoT Edge ($edgeHub, $edgeAgent, ses modules) qui coupent à "
        "moins de burst_window_minutes les unes des autres pour un redémarrage de passerelle"},
    TextEntry{"threshold.throttling_margin_seconds",
              "une erreur de limitation 429xxx de l’appareil aussi longtemps avant un 404104 en "
              "fait une coupure par limitation"},
    TextEntry{"threshold.idle_min_period_seconds",
              "des durées de connexion répétées plus courtes ne sont pas prises pour un délai "
              "d’inactivité réseau (les plus longues jusqu’à min_period_minutes le sont)"},
    TextEntry{"noun.device.one", "appareil"},
    TextEntry{"noun.device.many", "appareils"},
    TextEntry{"noun.window.one", "fenêtre"},
    TextEntry{"noun.window.many", "fenêtres"},
    TextEntry{"noun.record.one", "enregistrement"},
    TextEntry{"noun.record.many", "enregistrements"},
    TextEntry{"noun.file.one", "fichier"},
    TextEntry{"noun.file.many", "fichiers"},
    TextEntry{"noun.note.one", "remarque"},
    TextEntry{"noun.note.many", "remarques"},
    TextEntry{"noun.drop.one", "coupure"},
    TextEntry{"noun.drop.many", "coupures"},
    TextEntry{"noun.event.one", "événement"},
    TextEntry{"noun.event.many", "événements"},
    TextEntry{"noun.row.one", "ligne de tableau"},
    TextEntry{"noun.row.many", "lignes de tableau"},
    TextEntry{"noun.skipped.one", "ignoré"},
    TextEntry{"noun.skipped.many", "ignorés"},
    TextEntry{"noun.duplicate.one", "doublon écarté"},
    TextEntry{"noun.duplicate.many", "doublons écartés"},
    // Libellés des colonnes de preuves, par clé JSON.
    TextEntry{"label.hub", "hub"},
    TextEntry{"label.device_id", "appareil"},
    TextEntry{"label.module_id", "module"},
    TextEntry{"label.connection_source", "source"},
    TextEntry{"label.start", "début"},
    TextEntry{"label.end", "fin"},
    TextEntry{"label.time", "heure"},
    TextEntry{"label.devices", "appareils"},
    TextEntry{"label.fleet_share", "du parc"},
    TextEntry{"label.group_share", "du groupe"},
    TextEntry{"label.ip_share", "de la rafale"},
    TextEntry{"label.masked_ip", "IP du site"},
    TextEntry{"label.ip_groups", "groupes d’IP"},
    TextEntry{"label.hub_errors", "erreurs côté hub"},
    TextEntry{"label.hub_error_total", "erreurs côté hub"},
    TextEntry{"label.input", "entrée"},
    TextEntry{"label.records", "enregistrements"},
    TextEntry{"label.usual_records", "enregistrements habituels"},
    TextEntry{"label.cut", "coupure"},
    TextEntry{"label.detail", "détail"},
    TextEntry{"label.usual_drops_per_window", "coupures habituelles/fenêtre"},
    TextEntry{"label.event_grid_devices", "Event Grid seul"},
    TextEntry{"label.connected_before", "connectés avant"},
    TextEntry{"label.connected_lowest", "minimum"},
    TextEntry{"label.connected_after", "après"},
    TextEntry{"label.metric_before", "métrique avant"},
    TextEntry{"label.metric_lowest", "métrique minimum"},
    TextEntry{"label.metric_after", "métrique après"},
    TextEntry{"label.admitted_by_azure", "reconnu par Azure"},
    TextEntry{"label.health_events", "événements d’intégrité"},
    TextEntry{"label.period_seconds", "période"},
    TextEntry{"label.period_spread_seconds", "écart"},
    TextEntry{"label.implied_token_lifetime_seconds", "durée du jeton"},
    TextEntry{"label.cycles", "cycles"},
    TextEntry{"label.cycles_with_401003", "avec 401003"},
    TextEntry{"label.typical_reconnect_delay_seconds", "reconnexion"},
    TextEntry{"label.drops", "coupures"},
    TextEntry{"label.reconnect_delay_min_seconds", "reconnexion min"},
    TextEntry{"label.reconnect_delay_median_seconds", "médiane"},
    TextEntry{"label.reconnect_delay_max_seconds", "max"},
    TextEntry{"label.also_token_expiry", "aussi périodique"},
    TextEntry{"label.connected_seconds", "connecté depuis"},
    TextEntry{"label.reconnect_delay_seconds", "reconnexion"},
    TextEntry{"label.last_drop", "dernière coupure"},
    TextEntry{"label.silent_seconds", "silencieux depuis"},
    TextEntry{"label.during_hub_incident", "pendant l’incident"},
    TextEntry{"label.last_drop_cause", "cause de la dernière coupure"},
    TextEntry{"label.forced_closes", "400027"},
    TextEntry{"label.connects", "connexions"},
    TextEntry{"label.failures", "401003 d’affilée"},
    TextEntry{"label.first", "premier"},
    TextEntry{"label.last", "dernier"},
    TextEntry{"label.protocol", "protocole"},
    TextEntry{"label.sdk_version", "version du SDK"},
    TextEntry{"label.sdk", "SDK"},
    TextEntry{"label.sdk_assessment", "SDK"},
    TextEntry{"label.possible_causes", "causes possibles"},
    TextEntry{"label.ruled_out", "écartées"},
    TextEntry{"label.device_ids", "appareils concernés"},
    // Les règles, dans le vocabulaire de l’article 404104.
    TextEntry{"rule.hub-incident.title",
              "Incident côté hub\u00A0: de nombreux appareils coupés en même temps"},
    TextEntry{"rule.hub-incident.symptom_text",
              "De nombreux appareils se déconnectent en même temps, la métrique des appareils "
              "connectés baisse, et les journaux présentent plus d’erreurs 404104 "
              "DeviceConnectionClosedRemotely et d’erreurs internes 500xxx que d’habitude."},
    TextEntry{"rule.hub-incident.cause",
              "Un problème temporaire dans IoT Hub a fermé les connexions."},
    TextEntry{"rule.hub-incident.solution",
              "Laissez les appareils réessayer avec un délai exponentiel (les kits SDK Azure IoT "
              "le font), gardez les SDK à jour, et consultez l’état d’Azure et le Resource Health "
              "du hub. Si le problème persiste, ouvrez une demande de support ou envisagez un "
              "basculement manuel."},
    TextEntry{"rule.hub-incident.decision",
              "une rafale de coupures 404104 simultanées bien au-dessus du niveau habituel du "
              "parc et au-delà de ce que le taux de coupure propre des appareils rend probable "
              "par hasard (fleet_max_chance_probability), avec des erreurs côté hub (500xxx, "
              "400029/400030, 404012) au-dessus de leur "
              "taux habituel dans la marge"},
    TextEntry{"rule.site-network-outage.title",
              "Panne réseau d’un site\u00A0: les appareils derrière une même IP coupés ensemble"},
    TextEntry{"rule.site-network-outage.symptom_text",
              "De nombreux appareils qui partagent une même adresse IP publique (un site) se "
              "déconnectent en même temps avec 404104 DeviceConnectionClosedRemotely, sans erreur "
              "côté hub."},
    TextEntry{
        "rule.site-network-outage.cause",
        "Le site a perdu sa connexion réseau plus longtemps que le keep-alive MQTT des "
        "appareils\u00A0: la cause 2 de l’article 404104 (délai d’inactivité distant) à l’échelle "
        "d’un site, pas un problème d’IoT Hub."},
    TextEntry{"rule.site-network-outage.solution",
              "Vérifiez le routeur, le pare-feu, le proxy ou la liaison montante du site autour "
              "de la fenêtre\u00A0; les appareils se reconnectent d’eux-mêmes au retour du réseau. "
              "N’ouvrez pas de ticket auprès d’Azure pour cela."},
    TextEntry{"rule.site-network-outage.decision",
              "une rafale parmi les appareils d’un hub derrière une même IP masquée, au regard de "
              "l’historique propre de ce groupe (site_min_devices, site_min_group_share, "
              "site_max_chance_probability), sans erreur côté hub et hors d’une rafale à l’échelle "
              "du hub"},
    TextEntry{"rule.sas-token-expiry.title",
              "Expiration du jeton SAS\u00A0: déconnexions périodiques"},
    TextEntry{"rule.sas-token-expiry.symptom_text",
              "L’appareil se déconnecte à intervalles réguliers (toutes les 65 minutes, par "
              "exemple) avec 404104 DeviceConnectionClosedRemotely\u00A0; parfois 401003 "
              "IoTHubUnauthorized s’affiche aussi, et une connexion réussie suit moins d’une "
              "minute plus tard."},
    TextEntry{"rule.sas-token-expiry.cause",
              "Le jeton SAS utilisé pour se connecter a expiré et dès lors, IoT Hub a fermé la "
              "connexion\u00A0; l’appareil s’est reconnecté une fois son jeton actualisé."},
    TextEntry{
        "rule.sas-token-expiry.solution",
        "Renouvelez le jeton SAS avant son expiration (un SDK qui le renouvelle de lui-même, "
        "ou l’authentification X.509, évite la coupure)\u00A0; ne déclenchez pas d’alerte sur une "
        "déconnexion suivie d’une reconnexion rapide. Voir 401003 IoTHubUnauthorized, "
        "solution 1."},
    TextEntry{"rule.sas-token-expiry.decision",
              "des coupures 404104 dont la durée entre connexion et coupure se répète (au moins "
              "min_token_cycles cycles dans la tolérance, peu probables par hasard, et aucune "
              "connexion plus longue que la période)\u00A0; sur un tel appareil, aussi une coupure "
              "avec un 401003 à côté dont la connexion a duré au moins la durée du jeton (la "
              "période moins token_grace_minutes)"},
    TextEntry{"rule.random-disconnects.title", "Déconnexions aléatoires"},
    TextEntry{"rule.random-disconnects.symptom_text",
              "L’appareil se déconnecte de façon aléatoire avec 404104 "
              "DeviceConnectionClosedRemotely."},
    TextEntry{
        "rule.random-disconnects.cause",
        "L’appareil a perdu la connectivité réseau plus longtemps que son keep-alive MQTT "
        "(délai d’inactivité distant)\u00A0; ou il a interrompu la connexion TCP sans MQTT "
        "DISCONNECT (souvent un bogue des anciennes versions des kits SDK Azure IoT)\u00A0; ou "
        "l’application côté appareil s’est bloquée."},
    TextEntry{
        "rule.random-disconnects.solution",
        "Vérifiez la connectivité de l’appareil à IoT Hub\u00A0; sur un réseau peu fiable, "
        "n’augmentez pas le keep-alive (cela ne fait que retarder la détection)\u00A0; passez à "
        "une version récente du kit SDK Azure IoT."},
    TextEntry{"rule.random-disconnects.decision",
              "des coupures 404104 qu’aucun événement de parc n’explique et qui n’appartiennent à "
              "aucun cycle de jeton (au moins min_random_drops\u00A0; sur un appareil sans période "
              "de jeton, les cycles d’un jeton trop peu nombreux pour la montrer s’y joignent sans "
              "compter\u00A0: moins de min_token_cycles coupures avec un 401003 à côté, les "
              "coupures qui ont duré autant qu’elles, et celles qui ont duré de day_token_minutes "
              "à 15 min de plus)"},
    TextEntry{"rule.scheduled-reconnects.title",
              "Reconnexions propres planifiées (comportement attendu)"},
    TextEntry{"rule.scheduled-reconnects.symptom_text",
              "L’appareil se déconnecte et se reconnecte proprement (niveau Information, sans "
              "code d’erreur) à intervalles réguliers."},
    TextEntry{"rule.scheduled-reconnects.cause",
              "Le SDK de l’appareil renouvelle son jeton SAS avant expiration en se reconnectant "
              "(le SDK C environ toutes les 48 minutes, Node.js environ toutes les 45, Python peu "
              "avant l’expiration), ou l’appareil redémarre selon un calendrier. Tout va bien."},
    TextEntry{
        "rule.scheduled-reconnects.solution",
        "Rien à corriger. Ne déclenchez pas d’alerte sur ces reconnexions\u00A0; alertez plutôt "
        "sur les schémas de 404104."},
    TextEntry{"rule.scheduled-reconnects.decision",
              "des déconnexions propres dont la durée entre connexion et déconnexion se répète "
              "(même test de périodicité que sas-token-expiry)"},
    TextEntry{"rule.never-reconnected.title", "Coupé et jamais revenu"},
    TextEntry{"rule.never-reconnected.symptom_text",
              "Le dernier événement de l’appareil est un 404104 DeviceConnectionClosedRemotely et "
              "aucune connexion réussie ne suit avant la fin des journaux."},
    TextEntry{"rule.never-reconnected.cause",
              "L’appareil a perdu son réseau pour de bon, s’est bloqué, n’a plus d’alimentation, "
              "ou a cessé de réessayer (certains anciens SDK abandonnent après une panne)."},
    TextEntry{
        "rule.never-reconnected.solution",
        "Vérifiez l’appareil sur site\u00A0; assurez-vous que sa stratégie de nouvelle tentative "
        "n’abandonne jamais (les kits SDK Azure IoT actuels réessaient indéfiniment avec un "
        "délai croissant)."},
    TextEntry{
        "rule.never-reconnected.decision",
        "un dernier 404104 suivi d’aucune connexion réussie pendant au moins "
        "never_reconnected_minutes (plus deux cycles pour un appareil qui a un cycle de jeton "
        "ou d’inactivité), jusqu’à la fin des journaux, et plus longtemps que l’appareil ne "
        "s’est jamais absenté auparavant\u00A0; dans un export qui a perdu des connexions, "
        "un appareil sans cycle seulement si nettement plus d’appareils sont silencieux que "
        "cette perte ne l’explique, ceux dont la dernière coupure tombe dans un événement de "
        "flotte comptés à part"},
    TextEntry{"rule.incomplete-export.title",
              "Export incomplet\u00A0: une partie des journaux demandés manque"},
    TextEntry{
        "rule.incomplete-export.symptom_text",
        "Une entrée est un résultat de requête que l’API de requête Log Analytics a coupé "
        "(HTTP 200 avec une PartialError, E_QUERY_RESULT_SET_TOO_LARGE), ou un export qui "
        "contient exactement autant de lignes qu’un plafond de requête ou d’export (500\u00A0000, "
        "30\u00A0000, 10\u00A0000)\u00A0; ou un hub qui journalise régulièrement se tait un "
        "moment, alors que les habitudes de ses appareils disent qu’ils journalisaient (un trou "
        "dans les journaux)."},
    TextEntry{
        "rule.incomplete-export.cause",
        "L’API de requête s’arrête à 500\u00A0000 lignes ou environ 64\u00A0Mo et répond quand "
        "même\u00A0; az monitor log-analytics query et les exports du portail perdent l’erreur "
        "qui le dit. Un blob horaire non téléchargé, ou une tranche non extraite, laisse un trou "
        "que rien d’autre ne montre. Les enregistrements y manquent\u00A0: des appareils "
        "semblent ne jamais se reconnecter, des incidents disparaissent, des cycles de jeton "
        "semblent rompus. Dans un trou, l’analyse ne bâtit aucune fenêtre de flotte, ne déclare "
        "jamais reconnecté aucun appareil dont la reconnexion peut s’y trouver, et ne rompt "
        "aucun cycle de jeton."},
    TextEntry{"rule.incomplete-export.solution",
              "Lisez l’espace de travail avec iothub-diag analyze --workspace ID, qui demande par "
              "tranches que le service ne coupe jamais, ou découpez la requête dans le temps "
              "(iothub-diag kql --count donne les lignes par heure) et exportez chaque partie. "
              "Pour un trou, téléchargez de nouveau les blobs horaires que nomme la fenêtre "
              "(insights-logs-<catégorie>/resourceId=/.../y=/m=/d=/h=), ou extrayez de nouveau "
              "cette période, et analysez avec eux."},
    TextEntry{"rule.incomplete-export.decision",
              "une entrée dont la réponse de requête porte un membre PartialError ou "
              "E_QUERY_RESULT_SET_TOO_LARGE, ou dont le nombre de lignes est exactement un "
              "plafond connu (500\u00A0000, 30\u00A0000, 10\u00A0000)\u00A0; ou au moins "
              "gap_min_minutes pendant lesquelles un hub a journalisé moins de gap_quiet_share de "
              "ce qu’attendent les habitudes de ses appareils (leur rythme quand ils sont "
              "connectés, les périodes de leurs jetons ou de leurs horaires), un déficit que le "
              "hasard atteindrait moins de gap_max_chance_probability fois sur la période"},
    TextEntry{"rule.duplicate-identity.title",
              "Deux clients partagent une même identité d’appareil"},
    TextEntry{"rule.duplicate-identity.symptom_text",
              "L’identité se connecte et se déconnecte toutes les quelques secondes avec 400027 "
              "ConnectionForcefullyClosedOnNewConnection."},
    TextEntry{"rule.duplicate-identity.cause",
              "Deux appareils ou processus utilisent la même identité d’appareil (une image "
              "clonée, une chaîne de connexion copiée)\u00A0; chaque connexion chasse l’autre."},
    TextEntry{
        "rule.duplicate-identity.solution",
        "Donnez à chaque appareil sa propre identité (provisionnez avec DPS), et assurez-vous "
        "qu’un seul processus par appareil se connecte."},
    TextEntry{
        "rule.duplicate-identity.decision",
        "au moins duplicate_identity_min_closes enregistrements 400027 sur une même identité"},
    TextEntry{"rule.unauthorized-storm.title",
              "L’authentification échoue sans cesse (401003 sans aucun succès)"},
    TextEntry{"rule.unauthorized-storm.symptom_text",
              "L’appareil échoue sans cesse à se connecter avec 401003 IoTHubUnauthorized et ne "
              "se connecte jamais avec succès entre deux échecs."},
    TextEntry{
        "rule.unauthorized-storm.cause",
        "Ce n’est pas un cycle de renouvellement\u00A0: l’horloge de l’appareil dérive de plus "
        "de 5 minutes (son identifiant semble expiré ou pas encore valide), ou son identifiant "
        "est faux\u00A0: une clé régénérée ou, pour un appareil qui s’authentifie par un "
        "certificat X.509, un certificat expiré ou signé par une racine à laquelle l’appareil "
        "ne fait pas confiance (comme le passage en 2023 de Baltimore CyberTrust Root à "
        "DigiCert Global Root G2)."},
    TextEntry{
        "rule.unauthorized-storm.solution",
        "Synchronisez l’horloge de l’appareil (NTP)\u00A0; comparez l’identifiant de l’appareil "
        "à son identité dans le hub\u00A0: régénérez la chaîne de connexion d’un appareil à "
        "clé\u00A0; renouvelez le certificat d’un appareil à certificat et vérifiez qu’il fait "
        "confiance à DigiCert Global Root G2."},
    TextEntry{"rule.unauthorized-storm.decision",
              "au moins unauthorized_storm_min_failures enregistrements 401003 d’affilée sans "
              "connexion réussie entre eux"},
    // Les messages (core/message.hpp), par identifiant : singulier, puis pluriel.
    TextEntry{"msg.pipe_read",
              "lecture d’un tube : {} n’est pas un fichier ordinaire ; il est lu jusqu’à ce que "
              "son rédacteur le ferme (une ligne plus longue que --max-record-size est ignorée, et "
              "des données binaires y mettent fin)"},
    TextEntry{"msg.own_report_passed_over",
              "{} est un rapport écrit par iothub-diag, pas des journaux : il n’a pas été lu"},
    TextEntry{"msg.own_ground_truth_passed_over",
              "{} est la vérité terrain que `iothub-diag simulate` a écrite à côté de ses "
              "journaux, pas des journaux : elle n’a pas été lue"},
    TextEntry{"msg.os_no_such_file", "Aucun fichier ou dossier de ce nom"},
    TextEntry{"msg.os_permission_denied", "Permission non accordée"},
    TextEntry{"msg.os_not_permitted", "Opération non permise"},
    TextEntry{"msg.os_is_directory", "Est un dossier"},
    TextEntry{"msg.os_not_directory", "N’est pas un dossier"},
    TextEntry{"msg.os_no_space", "Plus de place sur le périphérique"},
    TextEntry{"msg.os_quota_exceeded", "Quota de disque dépassé"},
    TextEntry{"msg.os_read_only", "Système de fichiers en lecture seule"},
    TextEntry{"msg.os_too_many_open", "Trop de fichiers ouverts"},
    TextEntry{"msg.os_too_many_open_in_system", "Trop de fichiers ouverts dans le système"},
    TextEntry{"msg.os_symlink_loop", "Trop de niveaux de liens symboliques"},
    TextEntry{"msg.os_name_too_long", "Nom de fichier trop long"},
    TextEntry{"msg.os_io_error", "Erreur d’entrée-sortie"},
    TextEntry{"msg.os_broken_pipe", "Tube rompu"},
    TextEntry{"msg.os_file_too_large", "Fichier trop volumineux"},
    TextEntry{"msg.os_error_other", "{}"},
    TextEntry{"msg.csv_dates_by_values",
              "{}\u00A0: dates locales lues en {}, comme le montrent des valeurs telles que "
              "«\u00A0{}\u00A0»"},
    TextEntry{"msg.csv_dates_by_values_against_request",
              "{}\u00A0: dates locales lues en {}, comme le montrent des valeurs telles que "
              "«\u00A0{}\u00A0» (l’ordre {} demandé ne leur convient pas)"},
    TextEntry{"msg.csv_dates_undecided",
              "{}\u00A0: aucune date ne montre si le jour ou le mois vient en premier (aucune "
              "au-delà de 12)\u00A0; lues en mois/jour/année\u00A0: utilisez --date-order "
              "day-first si l’export était en jour/mois"},
    TextEntry{"msg.csv_dates_by_request",
              "{}\u00A0: dates locales lues en {}, comme demandé par --date-order"},
    TextEntry{"msg.date_order_day_first", "jour/mois/année"},
    TextEntry{"msg.date_order_month_first", "mois/jour/année"},
    TextEntry{"msg.csv_local_time_offset",
              "{}\u00A0: «\u00A0{}\u00A0» contient des heures locales, converties en UTC avec le "
              "décalage {}"},
    TextEntry{"msg.csv_local_time_no_offset",
              "{}\u00A0: «\u00A0{}\u00A0» contient des heures locales et aucun décalage UTC n’a "
              "été donné (--local-time-offset)\u00A0: elles ont été lues comme UTC, donc chaque "
              "heure peut être décalée du fuseau de l’exportateur"},
    TextEntry{"msg.sdk_renews_120s",
              "renouvelle son jeton 120 s avant expiration par une reconnexion propre\u00A0; "
              "keep-alive 60 s"},
    TextEntry{"msg.sdk_renews_15min",
              "renouvelle son jeton 15 min avant expiration (toutes les ~45 min avec des jetons de "
              "60 min) par une reconnexion propre\u00A0; keep-alive 180 s"},
    TextEntry{"msg.sdk_renews_at_expiry",
              "sur MQTT, ne se reconnecte que lorsque le hub ferme la liaison à la fin de la durée "
              "du jeton plus la marge, avec des erreurs dans les journaux (le cas des 65 "
              "min)\u00A0; keep-alive {} s"},
    TextEntry{"msg.sdk_renews_at_80_percent",
              "renouvelle les jetons de 60 min à 80 % de leur durée par une reconnexion propre "
              "toutes les ~48 min\u00A0; keep-alive 240 s"},
    TextEntry{"msg.sdk_application_renews",
              "laisse le renouvellement du jeton à l’application\u00A0; les applications qui ne le "
              "renouvellent pas tombent dans le cas des 65 min"},
    TextEntry{"msg.sdk_unknown_renewal",
              "SDK inconnu\u00A0: vérifiez s’il renouvelle son jeton SAS, et quand."},
    TextEntry{"msg.sdk_expected_at_expiry",
              "{} {}. Attendu de ce SDK\u00A0: renouvelez les jetons avant expiration, ou passez à "
              "X.509, pour l’éviter{}."},
    TextEntry{"msg.sdk_contradicted",
              "{} {}. Ces cycles le contredisent\u00A0: le renouvellement n’a pas lieu (un "
              "fournisseur de jetons personnalisé, ou un jeton que le SDK n’a pas créé\u00A0?){}."},
    TextEntry{"msg.sdk_not_renewed", "{} {}. Cette application ne renouvelle pas son jeton."},
    TextEntry{"msg.sdk_outdated_suffix",
              "\u00A0; la version {} est antérieure à {}, et les anciens SDK avaient des bogues de "
              "reconnexion connus\u00A0: mettez-le à jour"},
    TextEntry{"msg.snapshot_cycle",
              "Vu seulement dans Event Grid, donc jugé sur la seule chronologie\u00A0: le cycle "
              "correspond à une durée de jeton, mais une reconnexion planifiée à la même période a "
              "le même aspect. Confirmez avec les journaux de ressources Connections (un 401003 "
              "près de chaque coupure)."},
    TextEntry{
        "msg.snapshot_drop",
        "Vu seulement dans Event Grid, donc jugé sur la seule chronologie\u00A0: une déconnexion "
        "propre (un redémarrage, un arrêt) a le même aspect qu’une connexion perdue. Confirmez "
        "avec les journaux de ressources Connections (404104 et les codes autour)."},
    TextEntry{"msg.sdk_unknown_keep_alive",
              "SDK inconnu\u00A0: vérifiez son keep-alive et sa gestion des reconnexions."},
    TextEntry{"msg.sdk_outdated",
              "{} {} est antérieur à {}\u00A0: les anciens kits SDK Azure IoT pouvaient "
              "interrompre la connexion TCP sans MQTT DISCONNECT. Commencez par le mettre à jour."},
    TextEntry{
        "msg.sdk_keep_alive",
        "Le keep-alive de {} est de {} s par défaut\u00A0: le hub ferme la liaison après environ "
        "{} s sans trafic, donc les pertes de réseau plus longues apparaissent en 404104."},
    TextEntry{"msg.sdk_check_keep_alive",
              "{}\u00A0: vérifiez le keep-alive de l’application et sa gestion des reconnexions."},
    TextEntry{"msg.scheduled_reconnect", "une reconnexion ou un redémarrage planifié"},
    TextEntry{"msg.sdk_renewal_matches",
              "correspond au renouvellement du jeton par ce SDK\u00A0: {}"},
    TextEntry{"msg.sdk_renewal_interval",
              "une reconnexion planifiée\u00A0; ce SDK renouvelle les jetons de 60 min environ "
              "toutes les {} min (proportionnellement pour d’autres durées de jeton)"},
    TextEntry{"msg.link_conflicts",
              "{} de ces coupures a été suivie de 409002 LinkCreationConflict\u00A0: un effet de "
              "la reconnexion immédiate, pas une cause.",
              "{} de ces coupures ont été suivies de 409002 LinkCreationConflict\u00A0: un effet "
              "de la reconnexion immédiate, pas une cause."},
    TextEntry{"msg.hub_drops_not_counted",
              "{} coupure dans ces fenêtres est attribuée au hub et ne compte dans le schéma "
              "propre d’aucun appareil.",
              "{} coupures dans ces fenêtres sont attribuées au hub et ne comptent dans le schéma "
              "propre d’aucun appareil."},
    TextEntry{"msg.health_admitted_windows",
              "{} de ces fenêtres a journalisé trop peu d’erreurs côté hub pour l’incriminer, mais "
              "le journal d’activité d’Azure y reconnaît une panne (un événement Resource Health à "
              "l’initiative de la plateforme sur le hub, ou un incident Service Health pour IoT "
              "Hub dans sa région)\u00A0: voir ses événements d’intégrité.",
              "{} de ces fenêtres ont journalisé trop peu d’erreurs côté hub pour l’incriminer, "
              "mais le journal d’activité d’Azure y reconnaît une panne (un événement Resource "
              "Health à l’initiative de la plateforme sur le hub, ou un incident Service Health "
              "pour IoT Hub dans sa région)\u00A0: voir leurs événements d’intégrité."},
    TextEntry{
        "msg.certificate_devices",
        "{} de ces appareils s’authentifie par un certificat X.509\u00A0: vérifiez sa date "
        "d’expiration, et que l’appareil fait confiance à la racine qui signe le certificat du hub "
        "(IoT Hub est passé de Baltimore CyberTrust Root à DigiCert Global Root G2 en 2023).",
        "{} de ces appareils s’authentifient par un certificat X.509\u00A0: vérifiez sa date "
        "d’expiration, et que l’appareil fait confiance à la racine qui signe le certificat du hub "
        "(IoT Hub est passé de Baltimore CyberTrust Root à DigiCert Global Root G2 en 2023)."},
    TextEntry{
        "msg.last_drop_in_fleet_event",
        "{} de ces appareils a subi sa dernière coupure pendant un événement de parc (un incident "
        "du hub, une coupure à l’échelle du parc, une panne de site ou le redémarrage d’une "
        "passerelle)\u00A0: après une panne, certains appareils cessent de réessayer, mais une "
        "reconnexion absente des données se présente de la même façon. L’état que le hub garde de "
        "l’appareil les départage\u00A0: az iot hub device-identity show --hub-name HUB "
        "--device-id ID --query connectionState.",
        "{} de ces appareils ont subi leur dernière coupure pendant un événement de parc (un "
        "incident du hub, une coupure à l’échelle du parc, une panne de site ou le redémarrage "
        "d’une passerelle)\u00A0: après une panne, certains appareils cessent de réessayer, mais "
        "une reconnexion absente des données se présente de la même façon. L’état que le hub "
        "garde de l’appareil les départage\u00A0: az iot hub device-identity show --hub-name HUB "
        "--device-id ID --query connectionState."},
    TextEntry{
        "msg.isolated_need_more",
        "Un schéma demande au moins {} coupure sur un appareil (une coupure avec un 401003 à "
        "côté ne compte que pour une période de jeton, qui demande {} cycles). Pour départager "
        "ces causes, "
        "recueillez davantage d’heures de journaux, les journaux de l’appareil lui-même autour de "
        "chaque coupure, et la métrique des appareils connectés du hub pour les mêmes minutes.",
        "Un schéma demande au moins {} coupures sur un appareil (une coupure avec un 401003 à "
        "côté ne compte que pour une période de jeton, qui demande {} cycles). Pour départager "
        "ces causes, "
        "recueillez davantage d’heures de journaux, les journaux de l’appareil lui-même autour de "
        "chaque coupure, et la métrique des appareils connectés du hub pour les mêmes minutes."},
    TextEntry{
        "msg.isolated_event_grid",
        "Les appareils vus seulement dans Event Grid ne portent ni code d’erreur ni adresse\u00A0: "
        "pour eux, même une erreur côté hub ou un site commun n’aurait pas pu être vu."},
    TextEntry{"msg.cause_certificate_credential",
              "un identifiant qui expire pendant la connexion\u00A0: l’appareil s’authentifie par "
              "un certificat X.509, vérifié seulement quand il se connecte"},
    TextEntry{
        "msg.cause_certificate_root",
        "un certificat expiré, ou une racine à laquelle l’appareil ne fait pas confiance (comme le "
        "passage de 2023 à DigiCert Global Root G2)\u00A0: la reconnexion échoue avec 401003"},
    TextEntry{
        "msg.cause_token_refused",
        "expiration du jeton SAS (symptôme 1)\u00A0: un 401003 à côté de la coupure dit que le "
        "hub a refusé le jeton de l’appareil"},
    TextEntry{"msg.cause_token_start_unknown",
              "expiration du jeton SAS (symptôme 1)\u00A0: le début de cette connexion n’est pas "
              "dans les journaux"},
    TextEntry{"msg.cause_token_lasted",
              "expiration du jeton SAS (symptôme 1)\u00A0: la connexion a duré {} min, soit un "
              "jeton de 60 min par défaut plus la marge du hub"},
    TextEntry{"msg.cause_default_token_lasted",
              "expiration d’un jeton SAS de 60 min par défaut\u00A0: la connexion a duré {} min "
              "(un jeton d’une autre durée reste possible)"},
    TextEntry{"msg.cause_day_token_lasted",
              "expiration du jeton SAS (symptôme 1)\u00A0: la connexion a duré {} min, soit un "
              "jeton d’un jour plus la marge du hub"},
    TextEntry{"msg.cause_keep_alive_known",
              "une perte de réseau plus longue que le keep-alive (symptôme 2)\u00A0: {} envoie un "
              "ping toutes les {} s, le hub ferme donc une liaison inactive après environ {} s"},
    TextEntry{"msg.cause_keep_alive_unknown",
              "une perte de réseau plus longue que le keep-alive MQTT de l’appareil (symptôme 2)"},
    TextEntry{"msg.cause_tcp_reset_sdk_unknown",
              "une réinitialisation TCP sans MQTT DISCONNECT, un bogue connu des anciens SDK (le "
              "SDK ne figure pas dans les journaux)"},
    TextEntry{"msg.cause_tcp_reset_outdated",
              "une réinitialisation TCP sans MQTT DISCONNECT\u00A0: {} {} est antérieur à {}, qui "
              "a corrigé des bogues de reconnexion connus"},
    TextEntry{"msg.cause_reconnect_bug_current",
              "un bogue de reconnexion connu d’un ancien SDK\u00A0: {} {} est à jour"},
    TextEntry{"msg.version_unknown", "(version inconnue)"},
    TextEntry{"msg.cause_device_stopped",
              "l’appareil, son application ou son alimentation s’est arrêté\u00A0: il ne s’est pas "
              "reconnecté avant la fin des journaux"},
    TextEntry{"msg.cause_crash_reconnected",
              "un plantage ou une coupure de courant de l’appareil\u00A0: il s’est reconnecté {} s "
              "plus tard"},
    TextEntry{"msg.cause_crash_no_reconnect",
              "l’application côté appareil s’est bloquée ou l’appareil a redémarré avant de se "
              "reconnecter"},
    TextEntry{"msg.cause_hub_too_few_devices",
              "un problème dans IoT Hub (symptôme 3)\u00A0: trop peu d’appareils dans ces journaux "
              "pour comparer"},
    TextEntry{"msg.cause_hub_others_stayed",
              "un problème dans IoT Hub (symptôme 3)\u00A0: les autres appareils du hub n’ont pas "
              "été coupés en même temps"},
    TextEntry{"msg.cut_row_cap", "exactement {} lignes\u00A0: {}"},
    TextEntry{"msg.row_cap_query_api",
              "le plafond de lignes de l’API de requête Log Analytics (et le plafond d’export du "
              "portail)"},
    TextEntry{"msg.row_cap_portal_earlier", "un ancien plafond d’export du portail Log Analytics"},
    TextEntry{"msg.row_cap_portal_first", "le premier plafond d’export du portail Log Analytics"},
    TextEntry{"msg.log_gap_detail",
              "le hub a journalisé {} enregistrement là où il en journalise d’habitude environ "
              "{}\u00A0: téléchargez de nouveau les blobs horaires {}, ou extrayez de nouveau "
              "cette période de l’espace de travail",
              "le hub a journalisé {} enregistrements là où il en journalise d’habitude environ "
              "{}\u00A0: téléchargez de nouveau les blobs horaires {}, ou extrayez de nouveau "
              "cette période de l’espace de travail"},
    TextEntry{"msg.metric_gap_detail",
              "la métrique connectedDeviceCount du hub a varié de {} appareil alors que ses "
              "journaux ne contiennent rien\u00A0: téléchargez de nouveau les blobs horaires {}, "
              "ou extrayez de nouveau cette période de l’espace de travail",
              "la métrique connectedDeviceCount du hub a varié de {} appareils alors que ses "
              "journaux ne contiennent rien\u00A0: téléchargez de nouveau les blobs horaires {}, "
              "ou extrayez de nouveau cette période de l’espace de travail"},
    TextEntry{"msg.story_connected", "connecté pendant {}"},
    TextEntry{"msg.story_connect_unknown", "connexion absente des journaux"},
    TextEntry{"msg.story_window_span", "{} à {}, {} appareil", "{} à {}, {} appareils"},
    TextEntry{"msg.story_hub_incident",
              "dans la fenêtre de l’incident côté hub ({}, {} erreurs côté hub)"},
    TextEntry{"msg.story_site_outage", "dans la panne du site derrière {} ({})"},
    TextEntry{"msg.story_fleet_wide", "dans la coupure à l’échelle du parc ({})"},
    TextEntry{"msg.story_edge_restart", "dans le redémarrage de la passerelle IoT Edge {} ({})"},
    TextEntry{"msg.story_token_period", "{}\u00A0; la période de jeton de l’appareil est de {}"},
    TextEntry{"msg.story_idle_period",
              "{}\u00A0; les connexions de l’appareil se terminent après {}, une minuterie sur le "
              "chemin réseau"},
    TextEntry{"msg.story_throttled",
              "{}\u00A0; une erreur de limitation 429xxx de l’appareil est arrivée juste avant"},
    TextEntry{"msg.story_random",
              "{}, hors de toute période de l’appareil\u00A0; {} coupure de ce type",
              "{}, hors de toute période de l’appareil\u00A0; {} coupures de ce type"},
    TextEntry{"msg.story_too_few",
              "{}\u00A0; trop peu pour conclure ({} coupure de ce type sur l’appareil)",
              "{}\u00A0; trop peu pour conclure ({} coupures de ce type sur l’appareil)"},
    TextEntry{"msg.event_grid_snapshots",
              "Les événements de connexion Event Grid ne portent aucun code d’erreur et sont des "
              "instantanés d’état pris toutes les 60 secondes.{}{}"},
    TextEntry{
        "msg.event_grid_only_devices",
        " Appareil vu seulement dans ces événements\u00A0: {}, jugé sur la seule "
        "chronologie\u00A0: une expiration de jeton et une reconnexion planifiée se ressemblent, "
        "une déconnexion propre ressemble à une coupure, une coupure à l’échelle du parc ne peut "
        "pas être imputée au hub, et une reconnexion dans l’instantané ne montre aucun délai.",
        " Appareils vus seulement dans ces événements\u00A0: {}, jugés sur la seule "
        "chronologie\u00A0: une expiration de jeton et une reconnexion planifiée se ressemblent, "
        "une déconnexion propre ressemble à une coupure, une coupure à l’échelle du parc ne peut "
        "pas être imputée au hub, et une reconnexion dans l’instantané ne montre aucun délai."},
    TextEntry{"msg.event_grid_also_logged",
              " Appareil présent aussi dans les journaux de ressources\u00A0: {}, jugé sur "
              "ceux-ci\u00A0; ses événements Event Grid ne sont pas comptés une seconde fois.",
              " Appareils présents aussi dans les journaux de ressources\u00A0: {}, jugés sur "
              "ceux-ci\u00A0; leurs événements Event Grid ne sont pas comptés une seconde fois."},
    TextEntry{
        "msg.record_loss",
        "L’export a perdu des enregistrements de connexion\u00A0: {} coupures sur {} ne montrent "
        "aucune reconnexion alors que l’appareil a de nouveau coupé. Un appareil dont la dernière "
        "coupure ne montre aucune reconnexion est signalé comme jamais reconnecté si un cycle de "
        "jeton ou d’inactivité qui lui est propre l’aurait fait couper de nouveau depuis, sinon "
        "seulement si nettement plus d’appareils sont silencieux que cette perte ne l’explique "
        "(ceux dont la dernière coupure "
        "tombe dans un événement de flotte comptés à part)."},
    TextEntry{"msg.snapshot_loss",
              "Les événements Event Grid ont perdu des événements de connexion, environ {}\u00A0% "
              "d’entre eux\u00A0: {} instantanés de déconnexion sur {} sont suivis d’une autre "
              "déconnexion plus de deux minutes après, sans connexion entre les deux, alors qu’une "
              "connexion qui dure plus d’un instantané est publiée. Un appareil dont la dernière "
              "déconnexion ne montre aucune connexion est signalé comme jamais reconnecté si un "
              "cycle de jeton qui lui est propre l’aurait fait se déconnecter de nouveau depuis, "
              "sinon seulement si nettement plus d’appareils sont silencieux que cette perte ne "
              "l’explique (ceux dont la dernière "
              "déconnexion tombe dans un événement de flotte comptés à part)."},
    TextEntry{"msg.metric_dip",
              "La métrique connectedDeviceCount de {} est tombée de {} à {} entre {} et {}, mais "
              "les journaux ne contiennent alors des coupures que pour {} appareil\u00A0: les "
              "journaux manquent cette baisse. Récupérez les journaux Connections de ces minutes.",
              "La métrique connectedDeviceCount de {} est tombée de {} à {} entre {} et {}, mais "
              "les journaux ne contiennent alors des coupures que pour {} appareils\u00A0: les "
              "journaux manquent cette baisse. Récupérez les journaux Connections de ces minutes."},
    TextEntry{"msg.device_timelines_cut",
              "--device a retenu {} identités\u00A0; les chronologies sont données pour les {} "
              "premières (par hub et identifiant)."},
    // Skip reasons: their English descriptions live in model/skip_reason.cpp.
    TextEntry{"skip.invalid_json", "pas du JSON valide"},
    TextEntry{"skip.truncated_record", "l’enregistrement s’arrête avant son accolade fermante"},
    TextEntry{"skip.invalid_utf8", "le texte n’est pas de l’UTF-8 valide"},
    TextEntry{"skip.nesting_too_deep",
              "des crochets imbriqués plus profondément que dans tout enregistrement de journal"},
    TextEntry{"skip.record_too_large", "plus grand que --max-record-size"},
    TextEntry{"skip.not_a_record",
              "du JSON valide, mais ni un enregistrement de journal de ressource ni un événement"},
    TextEntry{"skip.missing_time", "l’enregistrement n’a pas d’heure"},
    TextEntry{"skip.invalid_time", "l’heure de l’enregistrement est illisible"},
    TextEntry{"skip.invalid_properties",
              "`properties` n’est ni un objet JSON ni un objet JSON dans une chaîne"},
    TextEntry{"skip.invalid_csv_row", "une ligne CSV qui ne correspond pas à son en-tête"},
    TextEntry{"skip.unreadable_file", "le fichier ne peut pas être lu"},
    TextEntry{"skip.binary_file", "le fichier contient des données binaires, pas du texte"},
    TextEntry{"skip.corrupt_compressed_data", "les données gzip sont tronquées ou corrompues"},
    TextEntry{"skip.unrecognized_format",
              "ni du JSON Lines, ni du JSON, ni un export CSV de Log Analytics, ni aucune autre "
              "forme que cet outil lit"},
    TextEntry{"skip.invalid_result_code",
              "le resultType n’est pas un code de résultat (`-404104`, `1e30`, `abc`)"},
    TextEntry{"skip.missing_device_id", "une déconnexion 404104 qui ne nomme aucun appareil"},
    TextEntry{"skip.unusable_metric",
              "une série ou un point de métrique qui n’est pas le nombre d’appareils connectés du "
              "hub, ou qui ne nomme ni hub ni heure"},
    TextEntry{"skip.unused_activity_event",
              "un événement du journal d’activité qui n’est ni un événement Resource Health ni un "
              "incident Service Health, ou qui n’a pas d’heure"},
    TextEntry{"skip.other_resource",
              "un enregistrement d’une autre ressource Azure qu’un hub IoT (l’export d’un espace "
              "de travail ou d’un compte de stockage entier)"},
    TextEntry{"msg.line_error", "erreur\u00A0: {}"},
    TextEntry{"msg.line_warning", "avertissement\u00A0: {}"},
    TextEntry{"msg.config_unreadable", "impossible de lire la configuration «\u00A0{}\u00A0»"},
    TextEntry{"msg.config_not_json", "la configuration «\u00A0{}\u00A0» n’est pas du JSON valide"},
    TextEntry{"msg.config_refused", "configuration «\u00A0{}\u00A0»\u00A0: {}"},
    TextEntry{"msg.input_cut",
              "{} ne contient qu’une partie des journaux demandés ({})\u00A0: les lignes après la "
              "coupure manquent\u00A0; lisez l’espace de travail avec --workspace, ou découpez la "
              "requête par période"},
    TextEntry{"msg.record_skipped", "ignoré {}\u00A0: {} ({})"},
    TextEntry{"msg.location_in_batch", "{}:{} (enregistrement {})"},
    TextEntry{"msg.records_skipped_more",
              "{} autre enregistrement ignoré\u00A0; input.skipped_reasons les compte tous",
              "{} autres enregistrements ignorés\u00A0; input.skipped_reasons les compte tous"},
    TextEntry{"msg.path_unreadable", "impossible de lire «\u00A0{}\u00A0»\u00A0: {}"},
    TextEntry{"msg.since_after_until_resolved",
              "--since ({}) est postérieur à --until ({}) une fois comptés depuis le dernier "
              "événement\u00A0: aucun événement ne peut être analysé"},
    TextEntry{"msg.window_outside_logs",
              "--since/--until\u00A0: la fenêtre de {} à {} ne contient aucun enregistrement des "
              "hubs analysés, dont les journaux vont de {} à {}"},
    TextEntry{"msg.hub_not_found",
              "--hub {}\u00A0: aucun hub de ce nom dans l’entrée (hubs\u00A0: {})"},
    TextEntry{"msg.hub_unnamed", "(sans hub)"},
    TextEntry{"msg.no_records", "aucun enregistrement de journal n’a pu être lu ({}, {} ignoré)",
              "aucun enregistrement de journal n’a pu être lu ({}, {} ignorés)"},
    TextEntry{"msg.device_not_found",
              "--device {}\u00A0: aucun appareil de ce nom dans les journaux analysés"},
    TextEntry{"msg.since_after_until", "--since {} est postérieur à --until {}"},
    TextEntry{"msg.kql_device_needs_one_hub",
              "--device demande exactement un --hub, et pas de --count"},
    TextEntry{"msg.output_is_input",
              "-o «\u00A0{}\u00A0» écraserait un journal lu depuis «\u00A0{}\u00A0»\u00A0; écrivez "
              "le rapport ailleurs"},
    TextEntry{"msg.save_without_workspace",
              "--save garde les tranches d’une lecture --workspace\u00A0: donnez --workspace ID "
              "avec lui"},
    TextEntry{"msg.workspace_with_paths",
              "--workspace lit les journaux dans l’espace de travail\u00A0: ne donnez pas de PATH "
              "avec lui"},
    TextEntry{"msg.report_file_unwritable",
              "impossible d’écrire le rapport dans «\u00A0{}\u00A0»\u00A0: {}"},
    TextEntry{"msg.stdout_unwritable", "impossible d’écrire {} sur la sortie standard\u00A0: {}"},
    TextEntry{"msg.output_report", "le rapport"},
    TextEntry{"msg.output_rule_list", "la liste des règles"},
    TextEntry{"msg.output_query", "la requête"},
    TextEntry{"msg.access_token_missing",
              "aucun jeton d’accès pour l’espace de travail\u00A0: {}\u00A0; donnez à {} un jeton "
              "pour {}, ou connectez-vous avec az login"},
    TextEntry{"msg.az_not_started", "az n’a pas pu être lancé"},
    TextEntry{"msg.az_not_installed",
              "az (l’interface en ligne de commande d’Azure) n’est pas installé"},
    TextEntry{"msg.az_token_failed", "az account get-access-token a échoué (lancez az login)"},
    TextEntry{"msg.workspace_default_span",
              "lecture des 24 heures avant {} (--since fixe le début)"},
    TextEntry{"msg.workspace_unreadable", "impossible de lire l’espace de travail {}\u00A0: {}"},
    TextEntry{"msg.pull_folder_failed",
              "impossible de créer un dossier temporaire pour la lecture\u00A0: {}"},
    TextEntry{"msg.workspace_failed", "espace de travail {}\u00A0: {}"},
    TextEntry{"msg.workspace_chunks_kept",
              "les tranches lues jusqu’ici sont dans {}\u00A0; relancez la même commande pour ne "
              "demander que le reste"},
    TextEntry{"msg.workspace_pulled",
              "espace de travail {}\u00A0: {}, {}\u00A0Mo en {} ({}, {}, {}, {})"},
    TextEntry{"msg.workspace_progress", "espace de travail\u00A0: tranche {} sur {}, {} ligne",
              "espace de travail\u00A0: tranche {} sur {}, {} lignes"},
    TextEntry{"msg.reading_progress",
              "lecture\u00A0: {}\u00A0Mio, {} enregistrement, {}\u00A0Mio/s",
              "lecture\u00A0: {}\u00A0Mio, {} enregistrements, {}\u00A0Mio/s"},
    TextEntry{"msg.pulled_rows", "{} ligne", "{} lignes"},
    TextEntry{"msg.pulled_chunks", "{} tranche", "{} tranches"},
    TextEntry{"msg.pulled_asked", "{} demandée", "{} demandées"},
    TextEntry{"msg.pulled_saved", "{} déjà enregistrée", "{} déjà enregistrées"},
    TextEntry{"msg.pulled_split", "{} coupée ou expirée et redemandée en deux moitiés",
              "{} coupées ou expirées et redemandées en deux moitiés"},
    TextEntry{"msg.pulled_retried", "{} requête réessayée", "{} requêtes réessayées"},
    TextEntry{"msg.workspace_recent_rows",
              "espace de travail {}\u00A0: des lignes des {}\u00A0dernières minutes de la période "
              "peuvent encore arriver dans l’espace de travail, et manquer à ce rapport"},
    TextEntry{"msg.workspace_recent_rows_saved",
              "espace de travail {}\u00A0: des lignes des {}\u00A0dernières minutes de la période "
              "peuvent encore arriver dans l’espace de travail\u00A0; une lecture ultérieure dans "
              "le même dossier --save les redemande"},
    TextEntry{"msg.workspace_renewal_failed",
              "un nouveau jeton d’accès a été demandé à az\u00A0: {}"},
    TextEntry{"msg.workspace_token_renewed",
              "espace de travail {}\u00A0: le service a refusé le jeton d’accès pendant la "
              "lecture\u00A0; az en a donné un nouveau ({}\u00A0fois)"},
    TextEntry{
        "msg.timings",
        "durées\u00A0: {} (total {}\u00A0s)\u00A0; pic de mémoire résidente {}\u00A0Mio\u00A0; {}"},
    TextEntry{"msg.timing_stage", "{} {}\u00A0s"},
    TextEntry{"msg.timing_stage_cpu", "{} {}\u00A0s (processeur {}\u00A0s)"},
    TextEntry{"msg.timing_stage_cpu_steps", "{} {}\u00A0s (processeur {}\u00A0s\u00A0; {})"},
    TextEntry{"msg.stage_read", "lecture"},
    TextEntry{"msg.stage_finalize", "finalisation"},
    TextEntry{"msg.stage_diagnosis", "diagnostic"},
    TextEntry{"msg.stage_rules", "règles"},
    TextEntry{"msg.stage_report", "rapport"},
    TextEntry{"msg.stage_render", "rendu"},
    TextEntry{"msg.stage_timelines", "chronologies"},
    TextEntry{"msg.stage_gaps", "trous"},
    TextEntry{"msg.stage_bursts", "rafales"},
    TextEntry{"msg.stage_attribution", "attribution"},
    TextEntry{"msg.heap_huge_pages", "tas en grandes pages"},
    TextEntry{"msg.heap_small_pages", "tas en pages de 4\u00A0Kio"},
    TextEntry{"msg.usage_not_one_of",
              "{}\u00A0: «\u00A0{}\u00A0» n’est pas une valeur admise ({})"},
    TextEntry{"msg.usage_not_in_range",
              "{}\u00A0: «\u00A0{}\u00A0» n’est pas un nombre entier de {} à {}"},
    TextEntry{"msg.usage_not_size",
              "{}\u00A0: «\u00A0{}\u00A0» n’est pas une taille de 1 octet à {} (en octets, ou un "
              "nombre avec une unité\u00A0: 8M, 512KiB)"},
    TextEntry{"msg.usage_not_whole_count",
              "{}\u00A0: «\u00A0{}\u00A0» n’est pas un nombre entier d’au moins 1"},
    TextEntry{"msg.usage_not_time_bound",
              "{}\u00A0: «\u00A0{}\u00A0» n’est ni une heure UTC ISO-8601 (2026-11-20T13:00:00Z) "
              "ni une durée (90m, 24h, 7d)"},
    TextEntry{"msg.usage_not_utc_offset",
              "{}\u00A0: «\u00A0{}\u00A0» n’est pas un décalage UTC comme +02:00 ou -0530"},
    TextEntry{"msg.usage_unexpected", "argument inattendu\u00A0: {}",
              "arguments inattendus\u00A0: {}"},
    TextEntry{"msg.usage_value_missing", "{} demande une valeur"},
    TextEntry{"msg.usage_given_twice", "{} est donné plus d’une fois"},
    TextEntry{"msg.usage_flag_value", "{}\u00A0: «\u00A0{}\u00A0» n’est ni true ni false"},
    TextEntry{"msg.usage_option_required", "{} est obligatoire"},
    TextEntry{"msg.usage_unknown_command",
              "«\u00A0{}\u00A0» n’est pas une commande (commandes\u00A0: {})"},
    TextEntry{
        "msg.usage_unknown_command_near",
        "«\u00A0{}\u00A0» n’est pas une commande\u00A0; vouliez-vous dire «\u00A0{}\u00A0»\u00A0?"},
    TextEntry{"msg.usage_command_missing", "une commande est nécessaire\u00A0: {}"},
    TextEntry{"msg.usage_other", "{}"},
    TextEntry{"msg.usage_see_help", "voir «\u00A0{} --help\u00A0»"},
    TextEntry{"msg.pull_no_answer", "aucune réponse de {} ({})"},
    TextEntry{"msg.pull_broke_off", "HTTP {} interrompu ({})"},
    TextEntry{"msg.pull_http_status", "HTTP {}\u00A0: {}"},
    TextEntry{"msg.pull_token_refused", "l’espace de travail a refusé le jeton d’accès ({})"},
    TextEntry{"msg.pull_query_refused", "l’API de requête a refusé la requête ({})"},
    TextEntry{"msg.pull_gave_up", "abandon après {} essai\u00A0: {}",
              "abandon après {} essais\u00A0: {}"},
    TextEntry{"msg.pull_chunk_too_large",
              "les lignes de {} dépassent à elles seules ce que l’API de requête renvoie en une "
              "réponse ({})"},
    TextEntry{"msg.file_unwritable", "impossible d’écrire «\u00A0{}\u00A0»\u00A0: {}"},
    TextEntry{"msg.save_folder_unusable",
              "impossible d’utiliser «\u00A0{}\u00A0» comme dossier --save\u00A0: {}"},
    TextEntry{"msg.not_a_folder", "ce n’est pas un dossier"},
    TextEntry{"msg.manifest_unreadable",
              "«\u00A0{}\u00A0» n’est pas un manifeste que cette version sait lire"},
    TextEntry{"msg.save_folder_foreign",
              "«\u00A0{}\u00A0» contient la lecture d’un autre espace de travail, d’une autre "
              "sélection de hubs ou d’une autre requête\u00A0: donnez un autre dossier --save"},
    TextEntry{"msg.planning_no_table",
              "la réponse de la requête de planification ne contient aucune table"},
    TextEntry{
        "msg.planning_no_columns",
        "la réponse de la requête de planification n’a pas de colonnes TimeGenerated et count_"},
    TextEntry{"msg.detail_as_given", "{}"},
    TextEntry{
        "msg.binary_without_line_end",
        "données binaires (octets NUL) sans fin de ligne dans --max-record-size\u00A0: le reste du "
        "flux n’est pas lu"},
    TextEntry{"msg.csv_row_too_large", "une ligne CSV plus grande que --max-record-size"},
    TextEntry{"msg.csv_ends_in_quotes", "les données s’arrêtent dans un champ entre guillemets"},
    TextEntry{"msg.csv_text_after_quote", "du texte après le guillemet fermant d’un champ"},
    TextEntry{"msg.csv_field_count", "{} champs là où l’en-tête en a {}"},
    TextEntry{"msg.csv_header_unknown",
              "un en-tête CSV sans TimeGenerated, OperationName ni aucune autre colonne "
              "d’AzureDiagnostics"},
    TextEntry{"msg.advice_utf16",
              "texte UTF-16\u00A0: enregistrez le fichier en UTF-8 et relisez-le"},
    TextEntry{"msg.advice_avro",
              "un fichier Avro (Event Hubs Capture)\u00A0: extrayez d’abord le corps des messages "
              "en JSON (avro-tools tojson)"},
    TextEntry{"msg.advice_zip", "une archive zip\u00A0: décompressez-la et donnez le dossier"},
    TextEntry{"msg.batch_element_not_object", "un élément de lot qui n’est pas un objet"},
    TextEntry{"msg.table_not_object", "une table qui n’est pas un objet"},
    TextEntry{"msg.table_row_not_array", "une ligne de table qui n’est pas un tableau"},
    TextEntry{"msg.table_row_length",
              "une ligne de table dont la longueur diffère de celle de ses colonnes"},
    TextEntry{"msg.not_json_object", "pas un objet JSON"},
    TextEntry{"msg.table_columns", "les colonnes d’une table"},
    TextEntry{"msg.table_row_before_columns",
              "une ligne de table qui vient avant les colonnes de sa table"},
    TextEntry{"msg.table_row_columns_broken",
              "une ligne de table dont les colonnes n’ont pas pu être lues"},
    TextEntry{"msg.no_record_members", "ni operationName, ni category, ni eventType"},
    TextEntry{"msg.result_type_text", "resultType \"{}\""},
    TextEntry{"msg.other_resource_type", "une ressource de type {}"},
    TextEntry{"msg.result_type_number", "resultType {}"},
    TextEntry{"msg.result_type_neither", "resultType n’est ni un nombre ni une chaîne"},
    TextEntry{"msg.metric_not_object", "une métrique qui n’est pas un objet"},
    TextEntry{
        "msg.metric_other_name",
        "une métrique autre que connectedDeviceCount ou devices.connectedDevices.allProtocol"},
    TextEntry{"msg.metric_no_hub", "une métrique dont l’id ne nomme aucun hub IoT Hub"},
    TextEntry{"msg.metric_bad_times", "des points de métrique sans timeStamp lisible ({})"},
    TextEntry{"msg.activity_other_category",
              "un événement du journal d’activité d’une autre catégorie que ResourceHealth ou "
              "ServiceHealth"},
    TextEntry{"msg.activity_no_time", "un événement du journal d’activité sans heure lisible"},
    TextEntry{"msg.health_not_iot_hub",
              "un événement Resource Health d’une ressource qui n’est pas un hub IoT Hub"},
    TextEntry{"msg.gzip_truncated",
              "données gzip tronquées (le fichier s’arrête dans un flux compressé)"},
    TextEntry{"msg.gzip_corrupt", "données gzip corrompues\u00A0: {}"},
    TextEntry{"msg.zlib_unavailable", "impossible d’initialiser zlib"},
    TextEntry{"msg.read_failed", "erreur de lecture"},
    TextEntry{"msg.json_capacity", "document trop grand pour l’analyseur JSON"},
    TextEntry{"msg.json_structure",
              "le document JSON a une structure incorrecte\u00A0: virgules, accolades ou clés "
              "manquantes ou en trop, etc."},
    TextEntry{"msg.json_too_deep",
              "le document JSON est trop profond (trop d’objets et de tableaux imbriqués)"},
    TextEntry{"msg.json_bad_string", "problème à la lecture d’une chaîne"},
    TextEntry{"msg.json_bad_true",
              "problème à la lecture d’un atome commençant par la lettre «\u00A0t\u00A0»"},
    TextEntry{"msg.json_bad_false",
              "problème à la lecture d’un atome commençant par la lettre «\u00A0f\u00A0»"},
    TextEntry{"msg.json_bad_null",
              "problème à la lecture d’un atome commençant par la lettre «\u00A0n\u00A0»"},
    TextEntry{"msg.json_bad_number", "problème à la lecture d’un nombre"},
    TextEntry{"msg.json_bad_utf8", "l’entrée n’est pas de l’UTF-8 valide"},
    TextEntry{"msg.json_empty", "vide\u00A0: aucun JSON trouvé"},
    TextEntry{"msg.json_unescaped",
              "des caractères qui doivent être échappés dans une chaîne ne le sont pas"},
    TextEntry{"msg.json_unclosed_string", "une chaîne est ouverte mais jamais fermée"},
    TextEntry{"msg.json_ends_early",
              "le document JSON s’arrête au milieu d’un objet ou d’un tableau"},
    TextEntry{"msg.json_trailing_content", "contenu inattendu après le JSON"},
    TextEntry{"label.site_devices", "sur le site"},
    TextEntry{"rule.edge-gateway-restart.title",
              "Redémarrage d’une passerelle IoT Edge\u00A0: ses modules et ses appareils en aval "
              "se sont déconnectés ensemble"},
    TextEntry{"rule.edge-gateway-restart.symptom_text",
              "Les identités d’un appareil IoT Edge ($edgeAgent, $edgeHub et ses modules) se "
              "déconnectent avec 404104 DeviceConnectionClosedRemotely à quelques secondes "
              "d’intervalle, et les appareils en aval de la passerelle (même IP masquée) "
              "tombent avec elles\u00A0; $edgeAgent revient en général le premier, puis "
              "$edgeHub, puis les autres."},
    TextEntry{"rule.edge-gateway-restart.cause",
              "La passerelle, et non le réseau du site ni IoT Hub\u00A0: un redémarrage du runtime "
              "IoT Edge (une mise à jour, un nouveau déploiement, edgeAgent ou edgeHub qui "
              "plante), un redémarrage de l’hôte, ou la perte du réseau de la passerelle "
              "elle-même. Les appareils en aval passent par $edgeHub\u00A0: ils tombent dès "
              "qu’il tombe."},
    TextEntry{"rule.edge-gateway-restart.solution",
              "Regardez sur la passerelle autour de la fenêtre\u00A0: iotedge check, iotedge "
              "logs edgeAgent et iotedge logs edgeHub (un redémarrage du runtime montre les "
              "modules qui redémarrent alors que l’hôte est resté allumé)\u00A0; uptime et "
              "journalctl --list-boots (un redémarrage de l’hôte montre un nouveau "
              "démarrage)\u00A0; les journaux réseau de l’hôte (une perte de réseau montre des "
              "liaisons qui expirent alors que les modules tournaient). Tenez le runtime à jour "
              "et donnez aux modules une politique de redémarrage."},
    TextEntry{"rule.edge-gateway-restart.decision",
              "au moins edge_min_identities identités d’un même identifiant d’appareil doté d’un "
              "module $edgeHub ou $edgeAgent qui tombent à moins de burst_window_minutes les "
              "unes des autres\u00A0; les appareils en aval sont les identités du hub à l’IP "
              "masquée de la passerelle tombées dans cette fenêtre\u00A0; réclamé avant les "
              "pannes de site"},
    TextEntry{"rule.throttling-disconnects.title",
              "Limitation\u00A0: le hub a fermé les connexions d’un appareil limité"},
    TextEntry{"rule.throttling-disconnects.symptom_text",
              "L’appareil journalise des erreurs de limitation 429xxx (429001 "
              "ThrottlingException, 429002 ThrottlingBacklogTimeout) dans une catégorie "
              "quelconque, et un 404104 DeviceConnectionClosedRemotely suit en quelques "
              "secondes."},
    TextEntry{"rule.throttling-disconnects.cause",
              "L’appareil (ou le hub dans son ensemble) a dépassé les limites de débit du hub "
              "pour son niveau et son nombre d’unités\u00A0; les requêtes ont attendu au-delà de "
              "leur délai et le hub a fermé la connexion. Ce n’est pas un problème de réseau de "
              "l’appareil."},
    TextEntry{"rule.throttling-disconnects.solution",
              "Comparez le niveau et les unités du hub aux opérations par seconde qu’envoie le "
              "parc (quotas et limitation d’IoT Hub), baissez le débit d’envoi de l’appareil ou "
              "groupez ses messages, et après un 429 réessayez avec un délai exponentiel plutôt "
              "que tout de suite\u00A0; ajoutez des unités ou passez à un niveau supérieur si la "
              "charge est réelle."},
    TextEntry{"rule.throttling-disconnects.decision",
              "des coupures 404104 précédées d’un 429xxx du même appareil, de n’importe quelle "
              "catégorie, au plus throttling_margin_seconds avant"},
    TextEntry{"rule.network-idle-timeout.title",
              "Délai d’inactivité réseau\u00A0: chaque connexion dure le même court moment"},
    TextEntry{"rule.network-idle-timeout.symptom_text",
              "L’appareil se déconnecte avec 404104 DeviceConnectionClosedRemotely après la même "
              "durée de connexion à chaque fois (quelques minutes), trop courte pour une durée "
              "de vie de jeton et sans 401003 IoTHubUnauthorized."},
    TextEntry{"rule.network-idle-timeout.cause",
              "Une minuterie sur le chemin réseau (un NAT, un pare-feu ou un répartiteur de "
              "charge qui oublie les flux inactifs) expire avant le keep-alive MQTT de "
              "l’appareil\u00A0: ses pings n’atteignent plus le hub, qui ferme la liaison muette "
              "après 1,5 fois le keep-alive (au plus 1\u00A0767 s). C’est le symptôme 2, avec une "
              "cause qui n’a rien d’aléatoire."},
    TextEntry{"rule.network-idle-timeout.solution",
              "Réglez le keep-alive de l’appareil en dessous du délai d’inactivité du NAT ou du "
              "pare-feu sur le chemin (ici le conseil de l’article de ne pas toucher au "
              "keep-alive ne s’applique pas\u00A0: il faut le baisser), ou relevez ce délai "
              "d’inactivité au-dessus du keep-alive."},
    TextEntry{"rule.network-idle-timeout.decision",
              "des coupures 404104 dont la durée entre connexion et coupure se répète (le test "
              "de périodicité de sas-token-expiry) à une période entre idle_min_period_seconds "
              "et min_period_minutes, ou à toute période pour un appareil qui s’authentifie par "
              "un certificat"},
    TextEntry{"label.gateway_id", "passerelle"},
    TextEntry{"label.identities", "identités"},
    TextEntry{"label.not_back", "pas revenues"},
    TextEntry{"label.modules", "modules"},
    TextEntry{"label.leaf_devices", "appareils en aval"},
    TextEntry{"label.return_order", "ordre de retour"},
    TextEntry{"label.throttling_errors", "429xxx"},
    TextEntry{"label.throttling_codes", "codes de limitation"},
    TextEntry{"label.throttle_to_drop_median_seconds", "du 429 à la coupure"},
    TextEntry{"label.throttle_to_drop_max_seconds", "max"},
    TextEntry{"label.connection_seconds", "connexion"},
    TextEntry{"label.connection_spread_seconds", "écart"},
    TextEntry{"label.keep_alive_seconds", "keep-alive du SDK"},
    TextEntry{"label.hub_idle_close_seconds", "le hub ferme une liaison muette après"},
    TextEntry{"label.certificate", "X.509"},
    TextEntry{
        "rule.fleet-wide-drop.title",
        "Coupure à l’échelle du parc\u00A0: de nombreux appareils du hub coupés en même temps"},
    TextEntry{"rule.fleet-wide-drop.symptom_text",
              "De nombreux appareils d’un même hub se déconnectent dans les mêmes minutes, depuis "
              "de nombreux réseaux, et le nombre d’appareils connectés baisse\u00A0; les journaux "
              "contiennent trop peu d’erreurs côté hub (500xxx) pour incriminer le hub, et aucun "
              "site ne l’explique à lui seul."},
    TextEntry{"rule.fleet-wide-drop.cause",
              "Soit un problème dans IoT Hub qui n’a journalisé aucune erreur serveur (une mise à "
              "niveau ou un basculement du hub ferme les connexions sans elles, et un export de la "
              "seule catégorie Connections les omet), soit une panne réseau régionale ou d’un "
              "opérateur\u00A0: les journaux ne permettent pas de les distinguer. Des appareils "
              "répartis sur de nombreux réseaux (ip_groups) désignent plutôt le hub."},
    TextEntry{"rule.fleet-wide-drop.solution",
              "Consultez l’état d’Azure et le Resource Health du hub pour la fenêtre, ainsi que sa "
              "métrique des appareils connectés. Vérifiez que l’export inclut toutes les "
              "catégories (les erreurs 500xxx sont journalisées dans d’autres catégories que "
              "Connections). Si le hub était sain, cherchez un chemin réseau commun aux appareils "
              "(un opérateur, une région, une passerelle). Les appareils se reconnectent d’eux-"
              "mêmes\u00A0: gardez des nouvelles tentatives avec délai croissant."},
    TextEntry{"rule.fleet-wide-drop.decision",
              "une rafale de coupures simultanées bien au-dessus du niveau habituel du hub et "
              "au-delà de ce que le taux de coupure propre des appareils rend probable par hasard "
              "(fleet_max_chance_probability), avec moins d’erreurs côté hub qu’un incident du "
              "hub, atteignant fleet_wide_min_share du "
              "hub, dans laquelle des appareils hors de tout site en panne ont aussi été coupés "
              "(fleet_wide_min_share d’entre eux)"},
    TextEntry{"rule.isolated-drops.title",
              "Coupures isolées\u00A0: trop peu pour former un schéma"},
    TextEntry{
        "rule.isolated-drops.symptom_text",
        "Un appareil s’est déconnecté avec 404104 DeviceConnectionClosedRemotely trop peu de "
        "fois dans les journaux pour former un schéma, en dehors de tout événement de parc et "
        "sans période qui lui soit propre."},
    TextEntry{
        "rule.isolated-drops.cause",
        "Trop peu de coupures pour conclure\u00A0: chacune peut être une perte de réseau au-delà "
        "du keep-alive, une réinitialisation TCP par le client, un plantage ou un "
        "redémarrage de l’application de l’appareil, ou un jeton expiré. La chronologie "
        "écarte déjà certaines de ces causes (voir chaque coupure)."},
    TextEntry{"rule.isolated-drops.solution",
              "En général rien, si l’appareil s’est reconnecté de lui-même. Si cela compte\u00A0: "
              "recueillez davantage d’heures de journaux (un schéma demande plusieurs coupures), "
              "les journaux de l’appareil autour de chaque coupure, et la métrique des appareils "
              "connectés du hub pour ces minutes."},
    TextEntry{"rule.isolated-drops.decision",
              "des coupures sur un appareil, hors événements de parc et cycles de jeton, moins "
              "nombreuses que min_random_drops (sans compter les cycles d’un jeton trop peu "
              "nombreux pour montrer sa période\u00A0: les rares qui ont un 401003 à côté, et "
              "celles qui ont duré de day_token_minutes à 15 min de plus)"},
};

}  // namespace

std::span<const TextEntry> french_texts() noexcept {
  return kFrench;
}

}  // namespace iothub_diag
