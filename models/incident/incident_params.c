/* models/incident — the rows of the supply-chain incident's parameter sets
 * (incident_params.h).  Keys, defaults, bounds and descriptions as they were
 * when these were core rows of the scenario layer: the key reference and the
 * resolved JSON keep their bytes. */
#include "models/incident/incident_params.h"

#include <stddef.h>
#include <stdio.h>
#include <string.h>

/* ENUM codes are stored as int (scenario/params.h). */
_Static_assert(sizeof(ssim_incident_type_t) == sizeof(int), "ENUM codes are stored as int");
_Static_assert(sizeof(ssim_pick_t) == sizeof(int), "ENUM codes are stored as int");

/* ENUM value lists (NULL-terminated), in code order. */
static const char *const incident_type_names[] = {
    "malicious_update", "faulty_update", "msp_push", "wiper", "espionage", NULL,
};
static const char *const pick_names[] = {"all", "uniform", "weighted_by_reach", NULL};

/* Row shorthands (scenario/params.h) with offsets into the set's struct T. */
#define PROB(k, field, d, text) SSIM_SCENARIO_ROW_PROB(k, offsetof(T, field), d, text)
#define HOURS(k, field, d, text) SSIM_SCENARIO_ROW_HOURS(k, offsetof(T, field), d, text)
#define DIST(k, field, d, u, text) SSIM_SCENARIO_ROW_DIST(k, offsetof(T, field), d, u, text)
#define SWITCH(k, field, d, text) SSIM_SCENARIO_ROW_SWITCH(k, offsetof(T, field), d, text)
#define OFF(field) offsetof(T, field)

/* A set of this file: its section, its rows and the struct they fill. */
#define PARAM_SET(section_, rows_, type_)                                                          \
    {                                                                                              \
        .section = section_, .rows = rows_, .n_rows = sizeof rows_ / sizeof rows_[0],              \
        .size = sizeof(type_)                                                                      \
    }

/* clang-format off */
#define T ssim_incident_params_t
static const ssim_scenario_row_t incident_rows[] = {
    {.key = "incident.type", .type = SSIM_SCENARIO_T_ENUM, .def = "malicious_update", .units = "",
     .desc = "Kind of incident: malicious_update (bad release, outages by privilege), "
             "faulty_update (non-malicious, reverted at detection, no vendor-of-vendor), "
             "msp_push (origins and compromised MSPs push to managed clients within push_hours), wiper (every "
             "install is an outage), espionage (compromise without outage).",
     .off = OFF(type), .values = incident_type_names},
    {.key = "incident.origin.suppliers", .type = SSIM_SCENARIO_T_STRLIST, .def = "[]",
     .units = "", .desc = "Ids (suppliers.csv) of candidate origin suppliers; distinct. Give "
     "these, or category/country filters, or both (a supplier must pass every filter given).",
     .off = OFF(origin_ids), .off_n = OFF(n_origins),
     .off_locs = OFF(origin_locs), .ulo = 0, .uhi = SSIM_MAX_ORIGINS, .unique = 1},
    {.key = "incident.origin.category", .type = SSIM_SCENARIO_T_STRLIST, .def = "[]",
     .units = "", .desc = "Filter: candidate origins have one of these supplier categories.",
     .off = OFF(origin_categories), .off_n = OFF(n_origin_categories),
     .off_locs = OFF(origin_category_locs), .ulo = 0, .uhi = 64, .unique = 1},
    {.key = "incident.origin.country", .type = SSIM_SCENARIO_T_STRLIST, .def = "[]",
     .units = "", .desc = "Filter: candidate origins are from one of these countries (ISO "
     "3166-1 alpha-2).", .off = OFF(origin_countries),
     .off_n = OFF(n_origin_countries), .off_locs = OFF(origin_country_locs),
     .ulo = 0, .uhi = 300, .unique = 1},
    {.key = "incident.origin.exclude_country", .type = SSIM_SCENARIO_T_STRLIST, .def = "[]",
     .units = "", .desc = "Filter: candidate origins are not from these countries (e.g. [JP] "
     "for foreign suppliers only).", .off = OFF(origin_exclude),
     .off_n = OFF(n_origin_exclude), .off_locs = OFF(origin_exclude_locs),
     .ulo = 0, .uhi = 300, .unique = 1},
    {.key = "incident.origin.pick", .type = SSIM_SCENARIO_T_ENUM, .def = "all", .units = "",
     .desc = "all: every candidate is an origin in every trial; uniform / weighted_by_reach: "
     "each trial draws `count` distinct candidates, uniformly or weighted by the residents "
     "served by the operators they reach (directly and through vendor-of-vendor edges; "
     "customers x people per customer of the sector).",
     .off = OFF(origin_pick), .values = pick_names},
    {.key = "incident.origin.count", .type = SSIM_SCENARIO_T_UINT64, .def = "1",
     .units = "suppliers", .desc = "Origins drawn per trial when pick is not all.",
     .off = OFF(origin_count), .ulo = 1, .uhi = SSIM_MAX_ORIGINS},
    {.key = "incident.scope.operators", .type = SSIM_SCENARIO_T_STRLIST, .def = "[]",
     .units = "", .desc = "Ids (operators.csv) of the only operators the bad releases reach; "
     "empty: every customer. A faulty change inside one operator's own systems (a telecom "
     "core change) is a faulty update its vendor ships to it alone; installs on suppliers "
     "(vendor of vendor) are not restricted.",
     .off = OFF(scope_ids), .off_n = OFF(n_scope), .off_locs = OFF(scope_locs), .ulo = 0,
     .uhi = SSIM_MAX_ORIGINS, .unique = 1},
    HOURS("incident.release_hours", release_hours, "0",
          "Time the origin suppliers ship the bad release."),
    DIST("incident.dormancy_hours", dormancy_hours, "0", "hours",
         "Delay from a customer's install to the effect (outage draw)."),
    DIST("incident.detection_hours", detection_hours,
         "{ dist: lognormal, median: 96, sigma: 0.8 }", "hours",
         "Delay from a supplier's bad release to its revocation; installs after it do not happen."),
    DIST("incident.push_hours", push_hours, "2", "hours",
         "msp_push: delay from the release of an origin or a compromised MSP (category msp) "
         "to its push to each managed client (replaces install_lag_hours on its "
         "managed-channel edges)."),
    {.key = "incident.detection_hazard.base_per_hour", .type = SSIM_SCENARIO_T_DOUBLE,
     .def = "0", .units = "1/hours",
     .desc = "Detection hazard of a compromised supplier's release, per hour, from its release "
     "on; detection (revocation) happens at the earlier of this and detection_hours.",
     .off = OFF(hazard_base), .lo = 0, .hi = 1e3},
    {.key = "incident.detection_hazard.per_install_per_hour", .type = SSIM_SCENARIO_T_DOUBLE,
     .def = "0", .units = "1/hours",
     .desc = "Hazard added per install of the release (canaries that install are noticed), "
     "per hour.", .off = OFF(hazard_per_install), .lo = 0, .hi = 1e3},
    {.key = "incident.detection_hazard.per_outage_per_hour", .type = SSIM_SCENARIO_T_DOUBLE,
     .def = "0", .units = "1/hours",
     .desc = "Hazard added per outage the release causes, per hour from the outage's start: "
     "what customers see is detection (a crash of many hosts is noticed within minutes; "
     "CrowdStrike's faulty file was reverted 78 minutes after release).",
     .off = OFF(hazard_per_outage), .lo = 0, .hi = 1e3},
    {.key = "incident.detection_hazard.max_outages", .type = SSIM_SCENARIO_T_UINT64,
     .def = "1000000000", .units = "outages",
     .desc = "Outages of a release that add per_outage_per_hour: its outage hazard is "
     "per_outage_per_hour x min(outages so far, max_outages). 1: the release is revoked an "
     "exponential time (mean 1/per_outage_per_hour) after its first outage however many "
     "follow (a diagnosis, not a vote); the default, larger than any outage count, is no cap.",
     .off = OFF(hazard_max_outages), .ulo = 1, .uhi = 1000000000},
    PROB("incident.transitive.probability", transitive_probability, "0",
         "Probability that a compromised supplier ships its own bad release (vendor of vendor)."),
    DIST("incident.transitive.delay_hours", transitive_delay_hours, "24", "hours",
         "Delay from a supplier's compromise to its own bad release."),
};
#undef T
/* clang-format on */

/* Keys that an incident type ignores (docs/models/supply-chain.md, "Incident
 * types"; the supply-chain model's incident_rules): a key at or under
 * `prefix`, set in the file while incident.type is one of `types` (bit
 * mask of ssim_incident_type_t), has no effect.  A warning, not an error:
 * scenarios that share a base file set keys for every type. */
#define TYPE_BIT(t) (1u << (t))
static const struct {
    const char *prefix;
    unsigned types;
    const char *why;
} inert_keys[] = {
    {"incident.transitive.", TYPE_BIT(SSIM_INCIDENT_FAULTY_UPDATE),
     "a faulty update does not spread"},
    {"incident.push_hours", ((1u << SSIM_N_INCIDENT_TYPES) - 1) & ~TYPE_BIT(SSIM_INCIDENT_MSP_PUSH),
     "only msp_push pushes through managed channels"},
    {"incident.dormancy_hours", TYPE_BIT(SSIM_INCIDENT_ESPIONAGE), "espionage causes no outage"},
    {"outage.probability.", TYPE_BIT(SSIM_INCIDENT_WIPER), "every install of a wiper is an outage"},
    {"outage.probability.", TYPE_BIT(SSIM_INCIDENT_ESPIONAGE), "espionage causes no outage"},
    {"outage.duration_hours.", TYPE_BIT(SSIM_INCIDENT_ESPIONAGE),
     "espionage causes no outage; a disconnection lasts response.disconnect_hours"},
};

/* Warn about key (as the file may write it) when the type ignores it. */
static void warn_if_inert(const ssim_scenario_check_t *chk, ssim_incident_type_t type,
                          const char *key)
{
    ssim_loc_t loc;
    for (size_t r = 0; r < sizeof inert_keys / sizeof inert_keys[0]; r++)
        if ((inert_keys[r].types & TYPE_BIT(type)) &&
            strncmp(key, inert_keys[r].prefix, strlen(inert_keys[r].prefix)) == 0 &&
            ssim_scenario_check_is_set(chk, key, &loc)) {
            ssim_warn(loc, "%s has no effect with incident.type %s (%s)", key,
                      ssim_incident_type_name(type), inert_keys[r].why);
            return;
        }
}

/* The incident set's check hook: no rule, only the warnings above, for the
 * keys of the incident.* and outage.* sets (a wildcard row once per
 * vocabulary name).  O(rows x names). */
static ssim_status_t warn_inert_keys(const ssim_scenario_check_t *chk, const ssim_scenario_t *sc,
                                     const void *values)
{
    ssim_incident_type_t type = ((const ssim_incident_params_t *)values)->type;
    const ssim_scenario_params_t *sets[] = {&ssim_incident_param_set,
                                            &ssim_incident_outage_param_set};
    (void)sc;
    for (size_t k = 0; k < sizeof sets / sizeof sets[0]; k++)
        for (size_t i = 0; i < sets[k]->n_rows; i++) {
            const ssim_scenario_row_t *row = &sets[k]->rows[i];
            if (!row->vocab) {
                warn_if_inert(chk, type, row->key);
                continue;
            }
            const char *dot = strrchr(row->key, '.');
            for (int c = 0; c < row->vocab->n; c++) {
                char key[SSIM_SCENARIO_MAX_KEY];
                snprintf(key, sizeof key, "%.*s%s", (int)(dot + 1 - row->key), row->key,
                         row->vocab->names[c]);
                warn_if_inert(chk, type, key);
            }
        }
    return SSIM_OK;
}

const ssim_scenario_params_t ssim_incident_param_set = {
    .section = "incident",
    .rows = incident_rows,
    .n_rows = sizeof incident_rows / sizeof incident_rows[0],
    .size = sizeof(ssim_incident_params_t),
    .check = warn_inert_keys,
};

/* clang-format off */
#define T ssim_incident_install_lag_params_t
static const ssim_scenario_row_t install_lag_rows[] = {
    DIST("install_lag_factor.auto", factor[SSIM_CHANNEL_AUTO], "1", "factor",
         "Multiplier on install_lag_hours of supply edges with channel auto."),
    DIST("install_lag_factor.manual", factor[SSIM_CHANNEL_MANUAL], "1", "factor",
         "Multiplier on install_lag_hours of supply edges with channel manual."),
    DIST("install_lag_factor.managed", factor[SSIM_CHANNEL_MANAGED], "1", "factor",
         "Multiplier on install_lag_hours of supply edges with channel managed."),
};
#undef T
/* clang-format on */

const ssim_scenario_params_t ssim_incident_install_lag_param_set =
    PARAM_SET("install_lag_factor", install_lag_rows, ssim_incident_install_lag_params_t);

/* clang-format off */
#define T ssim_incident_rollout_params_t
static const ssim_scenario_row_t rollout_rows[] = {
    {.key = "rollout.canary_fraction", .type = SSIM_SCENARIO_T_DOUBLE, .def = "1",
     .units = "fraction", .desc = "Staged rollout: each customer edge gets a release at once "
     "with this probability (a canary); the others after rollout.hold_hours.",
     .off = OFF(canary_fraction), .lo = 0, .lo_open = 1, .hi = 1},
    HOURS("rollout.hold_hours", hold_hours, "0",
          "Staged rollout: delay before non-canary customers get a release."),
};
#undef T
/* clang-format on */

const ssim_scenario_params_t ssim_incident_rollout_param_set =
    PARAM_SET("rollout", rollout_rows, ssim_incident_rollout_params_t);

/* clang-format off */
#define T ssim_incident_response_params_t
static const ssim_scenario_row_t response_rows[] = {
    SWITCH("response.disconnect_on_detection", disconnect_on_detection, "false",
           "Operators using a product cut it off when its release is revoked: an outage of "
           "that edge's share for those not already out through it."),
    DIST("response.disconnect_hours", disconnect_hours, "24", "hours",
         "How long operators stay disconnected after a revocation."),
};
#undef T
/* clang-format on */

const ssim_scenario_params_t ssim_incident_response_param_set =
    PARAM_SET("response", response_rows, ssim_incident_response_params_t);

/* clang-format off */
#define T ssim_incident_advance_notice_params_t
static const ssim_scenario_row_t advance_notice_rows[] = {
    HOURS("advance_notice.hours", hours, "0",
          "Hold on updates to regulated operators (advance-notice rule); 0 = none."),
    SWITCH("advance_notice.designated_only", designated_only, "true",
           "true: only designated operators hold updates; false: all operators do."),
};
#undef T
/* clang-format on */

const ssim_scenario_params_t ssim_incident_advance_notice_param_set =
    PARAM_SET("advance_notice", advance_notice_rows, ssim_incident_advance_notice_params_t);

/* clang-format off */
#define T ssim_incident_outage_params_t
static const ssim_scenario_row_t outage_rows[] = {
    PROB("outage.probability.it", probability[SSIM_PRIV_IT], "0.3",
         "Probability that a compromised operator loses service, privilege it."),
    PROB("outage.probability.ot", probability[SSIM_PRIV_OT], "0.7",
         "Probability that a compromised operator loses service, privilege ot."),
    PROB("outage.probability.endpoint", probability[SSIM_PRIV_ENDPOINT], "0.5",
         "Probability that a compromised operator loses service, privilege endpoint."),
    DIST("outage.duration_hours.default", duration_default,
         "{ dist: lognormal, median: 48, sigma: 1.0 }", "hours",
         "Outage duration for sectors without their own entry."),
    {.key = "outage.duration_hours.<sector>", .type = SSIM_SCENARIO_T_DIST,
     .def_from = "outage.duration_hours.default", .units = "hours",
     .desc = "Outage duration of operators in that sector.", .off = OFF(duration[0]),
     .vocab = &ssim_vocab_sector, .stride = sizeof(ssim_dist_t)},
};
#undef T
/* clang-format on */

const ssim_scenario_params_t ssim_incident_outage_param_set =
    PARAM_SET("outage", outage_rows, ssim_incident_outage_params_t);

/* clang-format off */
#define T ssim_incident_cascade_params_t
static const ssim_scenario_row_t cascade_rows[] = {
    {.key = "cascade.down_threshold", .type = SSIM_SCENARIO_T_DOUBLE, .def = "0.5",
     .units = "fraction",
     .desc = "A provider counts as down for its dependants when its capacity loss is >= this.",
     .off = OFF(down_threshold), .lo = 0, .lo_open = 1, .hi = 1},
    DIST("cascade.restart_hours", restart_hours, "0", "hours",
         "Delay after a provider recovers before a dependant that went down with it recovers."),
};
#undef T
/* clang-format on */

const ssim_scenario_params_t ssim_incident_cascade_param_set =
    PARAM_SET("cascade", cascade_rows, ssim_incident_cascade_params_t);

const ssim_scenario_params_t *const ssim_incident_param_sets[] = {
    SSIM_INCIDENT_PARAM_SETS,
    NULL,
};

const char *ssim_incident_type_name(ssim_incident_type_t t)
{
    return (unsigned)t < SSIM_N_INCIDENT_TYPES ? incident_type_names[t] : "unknown";
}
