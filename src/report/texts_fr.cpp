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
    TextEntry{"ui.text_at", " à "},
    TextEntry{"ui.text_colon", "\u00A0: "},
    TextEntry{"ui.text_no_hub", "(sans hub)"},
    TextEntry{"ui.not_read", "Non lus"},
    TextEntry{"ui.text_drops", "Coupures"},
    TextEntry{"ui.text_no_drops", "aucune coupure 404104"},
    TextEntry{"ui.text_drops_line", "{}\u00A0: {}"},
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
    TextEntry{"label.expected_records", "enregistrements attendus"},
    TextEntry{"label.cut", "coupure"},
    TextEntry{"label.detail", "détail"},
    TextEntry{"label.usual_drops_per_window", "coupures habituelles/fenêtre"},
    TextEntry{"label.event_grid_devices", "Event Grid seul"},
    TextEntry{"label.connected_before", "connectés avant"},
    TextEntry{"label.connected_lowest", "minimum"},
    TextEntry{"label.connected_after", "après"},
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
              "connexion plus longue que la période)"},
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
              "aucun cycle de jeton (au moins min_random_drops)"},
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
    TextEntry{"rule.never-reconnected.decision",
              "un dernier 404104 suivi d’aucune connexion réussie pendant au moins "
              "never_reconnected_minutes, jusqu’à la fin des journaux\u00A0; dans un export qui a "
              "perdu des connexions, seulement si nettement plus d’appareils sont silencieux que "
              "cette perte ne l’explique"},
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
        "Ce n’est pas un cycle de renouvellement du jeton\u00A0: l’horloge de l’appareil dérive de "
        "plus de 5 minutes (ses jetons semblent expirés ou pas encore valides), ou ses "
        "identifiants sont faux ou ont été régénérés."},
    TextEntry{
        "rule.unauthorized-storm.solution",
        "Synchronisez l’horloge de l’appareil (NTP)\u00A0; comparez la clé ou le certificat de "
        "l’appareil à son identité dans le hub et régénérez la chaîne de connexion si "
        "nécessaire."},
    TextEntry{"rule.unauthorized-storm.decision",
              "au moins unauthorized_storm_min_failures enregistrements 401003 d’affilée sans "
              "connexion réussie entre eux"},
    // Les phrases écrites en anglais par l’analyse, même clé que texts_en.cpp.
    TextEntry{"sentence.01",
              "SDK inconnu\u00A0: vérifiez s’il renouvelle son jeton SAS, et quand."},
    TextEntry{"sentence.02",
              "{} {}. Attendu de ce SDK\u00A0: renouvelez les jetons avant expiration, ou passez à "
              "X.509, pour l’éviter{}."},
    TextEntry{
        "sentence.03",
        "{} {}. Ces cycles le contredisent\u00A0: le renouvellement n’a pas lieu (un fournisseur "
        "de jetons personnalisé, ou un jeton que le SDK n’a pas créé\u00A0?){}."},
    TextEntry{"sentence.04", "{} {}. Cette application ne renouvelle pas son jeton."},
    TextEntry{"sentence.05",
              "Vu seulement dans Event Grid, donc jugé sur la seule chronologie\u00A0: le cycle "
              "correspond à une durée de jeton, mais une reconnexion planifiée à la même période "
              "a le même aspect. Confirmez avec les journaux de ressources Connections (un 401003 "
              "près de chaque coupure)."},
    TextEntry{"sentence.06",
              "Vu seulement dans Event Grid, donc jugé sur la seule chronologie\u00A0: une "
              "déconnexion propre (un redémarrage, un arrêt) a le même aspect qu’une connexion "
              "perdue. Confirmez avec les journaux de ressources Connections (404104 et les codes "
              "autour)."},
    TextEntry{"sentence.07",
              "SDK inconnu\u00A0: vérifiez son keep-alive et sa gestion des reconnexions."},
    TextEntry{
        "sentence.08",
        "{} {} est antérieur à {}\u00A0: les anciens kits SDK Azure IoT pouvaient interrompre la "
        "connexion TCP sans MQTT DISCONNECT. Commencez par le mettre à jour."},
    TextEntry{
        "sentence.09",
        "Le keep-alive de {} est de {} s par défaut\u00A0: le hub ferme la liaison après environ "
        "{} s sans trafic, donc les pertes de réseau plus longues apparaissent en 404104."},
    TextEntry{"sentence.10",
              "{}\u00A0: vérifiez le keep-alive de l’application et sa gestion des reconnexions."},
    TextEntry{
        "sentence.11",
        "{} de ces coupures ont été suivies de 409002 LinkCreationConflict\u00A0: un effet de "
        "la reconnexion immédiate, pas une cause."},
    TextEntry{"sentence.12", "une reconnexion ou un redémarrage planifié"},
    TextEntry{"sentence.13", "correspond au renouvellement du jeton par ce SDK\u00A0: {}"},
    TextEntry{
        "sentence.14",
        "une reconnexion planifiée\u00A0; ce SDK renouvelle les jetons de 60 min environ toutes "
        "les {} min (proportionnellement pour d’autres durées de jeton)"},
    TextEntry{"sentence.15",
              "{} coupures dans ces fenêtres sont attribuées au hub et ne comptent dans le schéma "
              "propre d’aucun appareil."},
    TextEntry{"sentence.16",
              "Les événements de connexion Event Grid ne portent aucun code d’erreur et sont des "
              "instantanés d’état pris toutes les 60 secondes."},
    TextEntry{
        "sentence.17",
        "Appareils vus seulement dans ces événements\u00A0: {0}, jugés sur la seule "
        "chronologie\u00A0: une expiration de jeton et une reconnexion planifiée se ressemblent, "
        "une déconnexion propre ressemble à une coupure, une coupure à l’échelle du parc ne "
        "peut pas être imputée au hub, et une reconnexion dans l’instantané ne montre aucun "
        "délai."},
    TextEntry{"sentence.18",
              "Appareils présents aussi dans les journaux de ressources\u00A0: {0}, jugés sur "
              "ceux-ci\u00A0; "
              "leurs événements Event Grid ne sont pas comptés une seconde fois."},
    TextEntry{"sentence.19",
              "\u00A0; la version {} est antérieure à {}, et les anciens SDK avaient des bogues de "
              "reconnexion connus\u00A0: mettez-le à jour"},
    TextEntry{
        "sentence.20",
        "renouvelle son jeton 120 s avant expiration par une reconnexion propre\u00A0; keep-alive "
        "60 s"},
    TextEntry{"sentence.21",
              "renouvelle son jeton 15 min avant expiration (toutes les ~45 min avec des jetons de "
              "60 min) par une reconnexion propre\u00A0; keep-alive 180 s"},
    TextEntry{
        "sentence.22",
        "sur MQTT, ne se reconnecte que lorsque le hub ferme la liaison à la fin de la durée "
        "du jeton plus la marge, avec des erreurs dans les journaux (le cas des 65 min)\u00A0; "
        "keep-alive {} s"},
    TextEntry{"sentence.23",
              "renouvelle les jetons de 60 min à 80 % de leur durée par une reconnexion propre "
              "toutes les ~48 min\u00A0; keep-alive 240 s"},
    TextEntry{"sentence.24",
              "laisse le renouvellement du jeton à l’application\u00A0; les applications qui ne le "
              "renouvellent pas tombent dans le cas des 65 min"},
    TextEntry{"sentence.25",
              "{}\u00A0: dates locales lues en {}, comme le montrent des valeurs telles que "
              "«\u00A0{}\u00A0»"},
    TextEntry{"sentence.26", "{}\u00A0: dates locales lues en {}, comme demandé par --date-order"},
    TextEntry{"sentence.27",
              "{}\u00A0: «\u00A0{}\u00A0» contient des heures locales, converties en UTC avec le "
              "décalage {}"},
    TextEntry{"sentence.28",
              "expiration du jeton SAS\u00A0: l’appareil s’authentifie par un certificat X.509"},
    TextEntry{"sentence.29",
              "expiration du jeton SAS (symptôme 1)\u00A0: le début de cette connexion n’est pas "
              "dans les journaux"},
    TextEntry{
        "sentence.30",
        "expiration du jeton SAS (symptôme 1)\u00A0: la connexion a duré {} min, soit un jeton "
        "de 60 min par défaut plus la marge du hub"},
    TextEntry{
        "sentence.31",
        "expiration d’un jeton SAS de 60 min par défaut\u00A0: la connexion a duré {} min (un "
        "jeton d’une autre durée reste possible)"},
    TextEntry{
        "sentence.32",
        "une perte de réseau plus longue que le keep-alive (symptôme 2)\u00A0: {} envoie un ping "
        "toutes les {} s, le hub ferme donc une liaison inactive après environ {} s"},
    TextEntry{"sentence.33",
              "une perte de réseau plus longue que le keep-alive MQTT de l’appareil (symptôme 2)"},
    TextEntry{"sentence.34",
              "une réinitialisation TCP sans MQTT DISCONNECT, un bogue connu des anciens SDK (le "
              "SDK ne figure pas dans les journaux)"},
    TextEntry{
        "sentence.35",
        "une réinitialisation TCP sans MQTT DISCONNECT\u00A0: {} {} est antérieur à {}, qui a "
        "corrigé des bogues de reconnexion connus"},
    TextEntry{"sentence.36",
              "un bogue de reconnexion connu d’un ancien SDK\u00A0: {} {} est à jour"},
    TextEntry{"sentence.37",
              "l’appareil, son application ou son alimentation s’est arrêté\u00A0: il ne s’est pas "
              "reconnecté avant la fin des journaux"},
    TextEntry{"sentence.38",
              "un plantage ou une coupure de courant de l’appareil\u00A0: il s’est reconnecté {} s "
              "plus tard"},
    TextEntry{"sentence.39",
              "l’application côté appareil s’est bloquée ou l’appareil a redémarré avant de se "
              "reconnecter"},
    TextEntry{
        "sentence.40",
        "un problème dans IoT Hub (symptôme 3)\u00A0: trop peu d’appareils dans ces journaux pour "
        "comparer"},
    TextEntry{
        "sentence.41",
        "un problème dans IoT Hub (symptôme 3)\u00A0: les autres appareils du hub n’ont pas été "
        "coupés en même temps"},
    TextEntry{"sentence.42",
              "Un schéma demande au moins {} coupures sur un appareil. Pour départager ces causes, "
              "recueillez davantage d’heures de journaux, les journaux de l’appareil lui-même "
              "autour de chaque coupure, et la métrique des appareils connectés du hub pour les "
              "mêmes minutes."},
    TextEntry{"sentence.43",
              "Les appareils vus seulement dans Event Grid ne portent ni code d’erreur ni "
              "adresse\u00A0: pour eux, même une erreur côté hub ou un site commun n’aurait pas pu "
              "être vu."},
    TextEntry{"label.site_devices", "sur le site"},
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
    TextEntry{"rule.isolated-drops.symptom_text",
              "Un appareil s’est déconnecté avec 404104 DeviceConnectionClosedRemotely une ou deux "
              "fois dans les journaux, en dehors de tout événement de parc et sans période qui lui "
              "soit propre."},
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
              "nombreuses que min_random_drops"},
    TextEntry{"sentence.44", "connecté pendant {}"},
    TextEntry{"sentence.45", "connexion absente des journaux"},
    TextEntry{"sentence.46", "dans la fenêtre de l’incident côté hub ({}, {} erreurs côté hub)"},
    TextEntry{"sentence.47", "dans la panne du site derrière {} ({})"},
    TextEntry{"sentence.48", "dans la coupure à l’échelle du parc ({})"},
    TextEntry{"sentence.49", "{}\u00A0; la période de jeton de l’appareil est de {}"},
    TextEntry{"sentence.50",
              "{}, hors de toute période de l’appareil\u00A0; {} coupures de ce type"},
    TextEntry{"sentence.51",
              "{}\u00A0; trop peu pour conclure ({} coupure(s) de ce type sur l’appareil)"},
    TextEntry{"sentence.52", "{} à {}, {} appareils"},
    TextEntry{"sentence.53",
              "L’export a perdu des enregistrements de connexion\u00A0: {} coupures sur {} ne "
              "montrent aucune reconnexion alors que l’appareil a de nouveau coupé. Un appareil "
              "dont la dernière coupure ne montre aucune reconnexion n’est signalé comme jamais "
              "reconnecté que si nettement plus d’appareils sont silencieux que cette perte ne "
              "l’explique."},
    TextEntry{"sentence.54",
              "lecture d’un tube : {} n’est pas un fichier ordinaire ; il est lu jusqu’à "
              "ce que son rédacteur le ferme (une ligne plus longue que --max-record-size est "
              "ignorée, et des données binaires y mettent fin)"},
    TextEntry{"sentence.55",
              "le hub a journalisé {} enregistrements là où les habitudes de ses appareils en "
              "donnent environ {}\u00A0: téléchargez de nouveau les blobs horaires {}, ou "
              "extrayez de nouveau cette période de l’espace de travail"},
};

}  // namespace

std::span<const TextEntry> french_texts() noexcept {
  return kFrench;
}

}  // namespace iothub_diag
