/* scenario/schema — THE table of scenario keys, its lookups and the Markdown
 * key reference.  Adding a key = adding a row here and a field in
 * scenario.h; nothing else changes. */
#include "scenario/schema.h"

#include "core/suggest.h"

#include <stdio.h>
#include <string.h>

#define OFF(field) offsetof(ssim_scenario_t, field)

/* ENUM value lists (NULL-terminated). */
static const char *const model_names[] = {"supply_chain", "independent_cascade",
                                           "watts_threshold", "interdependent_percolation",
                                           "iim", "diim", NULL};
static const char *const econ_kind_names[] = {"interdependency", "technical", "transactions",
                                              NULL};
/* kernel.* value lists; kernel_sector_names must equal ssim_vocab_sector's names
 * (tests/unit/test_kernels.c checks that every sector is accepted). */
static const char *const kernel_direction_names[] = {"directed", "undirected", NULL};
static const char *const kernel_seeds_names[] = {"origins", "random", "fraction", NULL};
static const char *const kernel_prob_names[] = {"constant", "loss", NULL};
static const char *const kernel_sampling_names[] = {"edge", "geometric", NULL};
static const char *const kernel_sector_names[] = {
    "electricity", "gas", "petroleum", "water", "finance", "payments", "rail",
    "aviation", "ports", "logistics", "telecom", "government", "medical", NULL};
static const char *const incident_type_names[] = {
    "malicious_update", "faulty_update", "msp_push", "wiper", "espionage", NULL,
};
static const char *const pick_names[] = {"all", "uniform", "weighted_by_reach", NULL};

/* clang-format off */
/* Row shorthands: a probability in [0, 1], a duration in [0, 1e5] hours, an output switch. */
#define PROB(k, field, d, text)                                                                \
    {.key = k, .type = SSIM_SCENARIO_T_DOUBLE, .def = d, .units = "probability", .desc = text,  \
     .off = OFF(field), .lo = 0, .hi = 1}
#define HOURS(k, field, d, text)                                                               \
    {.key = k, .type = SSIM_SCENARIO_T_DOUBLE, .def = d, .units = "hours", .desc = text,        \
     .off = OFF(field), .lo = 0, .hi = 1e5}
#define DIST(k, field, d, u, text)                                                             \
    {.key = k, .type = SSIM_SCENARIO_T_DIST, .def = d, .units = u, .desc = text, .off = OFF(field)}
#define SWITCH(k, field, d, text)                                                              \
    {.key = k, .type = SSIM_SCENARIO_T_BOOL, .def = d, .units = "", .desc = text, .off = OFF(field)}

/* Every key, in the order of the resolved JSON and the key reference.  Rows
 * of one section must stay contiguous. */
static const ssim_scenario_row_t rows[] = {
    {.key = "name", .type = SSIM_SCENARIO_T_STRING, .required = 1, .nonempty = 1, .units = "",
     .desc = "Scenario title, shown in reports and stored in every output file.",
     .off = OFF(name)},
    {.key = "description", .type = SSIM_SCENARIO_T_STRING, .def = "\"\"", .units = "",
     .desc = "Free text: what the scenario represents and where its numbers come from.",
     .off = OFF(description)},
    {.key = "network", .type = SSIM_SCENARIO_T_PATH, .required = 1, .units = "",
     .desc = "Network directory (operators.csv, suppliers.csv, supply.csv, dependencies.csv), "
             "relative to the scenario file's directory unless absolute.",
     .off = OFF(network_dir)},
    {.key = "model", .type = SSIM_SCENARIO_T_ENUM, .def = "supply_chain", .units = "",
     .desc = "Propagation model run for every trial.", .off = OFF(model), .values = model_names,
     .enum_as_string = 1},
    {.key = "trials", .type = SSIM_SCENARIO_T_UINT64, .def = "1000", .units = "trials",
     .desc = "Number of Monte Carlo trials (sectorsim run --trials overrides it).",
     .off = OFF(trials), .ulo = 1, .uhi = SSIM_MAX_TRIALS},
    {.key = "seed", .type = SSIM_SCENARIO_T_UINT64, .def = "1", .units = "",
     .desc = "Master seed: each random stream is a function of (seed, trial, entity, purpose).",
     .off = OFF(seed), .ulo = 0, .uhi = UINT64_MAX},
    {.key = "horizon_hours", .type = SSIM_SCENARIO_T_DOUBLE, .def = "720", .units = "hours",
     .desc = "Simulated time from the release (t = 0) to the end of each trial.",
     .off = OFF(horizon_hours), .lo = 0, .lo_open = 1, .hi = 1e5},
    {.key = "output_step_hours", .type = SSIM_SCENARIO_T_DOUBLE, .def = "6", .units = "hours",
     .desc = "Bin width of the per-sector time series.", .off = OFF(output_step_hours), .lo = 0,
     .lo_open = 1, .hi = 1e5, .hi_key = "horizon_hours"},

    {.key = "incident.type", .type = SSIM_SCENARIO_T_ENUM, .def = "malicious_update", .units = "",
     .desc = "Kind of incident: malicious_update (bad release, outages by privilege), "
             "faulty_update (non-malicious, reverted at detection, no vendor-of-vendor), "
             "msp_push (origins and compromised MSPs push to managed clients within push_hours), wiper (every "
             "install is an outage), espionage (compromise without outage).",
     .off = OFF(incident.type), .values = incident_type_names},
    {.key = "incident.origin.suppliers", .type = SSIM_SCENARIO_T_STRLIST, .def = "[]",
     .units = "", .desc = "Ids (suppliers.csv) of candidate origin suppliers; distinct. Give "
     "these, or category/country filters, or both (a supplier must pass every filter given).",
     .off = OFF(incident.origin_ids), .off_n = OFF(incident.n_origins),
     .off_locs = OFF(incident.origin_locs), .ulo = 0, .uhi = SSIM_MAX_ORIGINS, .unique = 1},
    {.key = "incident.origin.category", .type = SSIM_SCENARIO_T_STRLIST, .def = "[]",
     .units = "", .desc = "Filter: candidate origins have one of these supplier categories.",
     .off = OFF(incident.origin_categories), .off_n = OFF(incident.n_origin_categories),
     .off_locs = OFF(incident.origin_category_locs), .ulo = 0, .uhi = 64, .unique = 1},
    {.key = "incident.origin.country", .type = SSIM_SCENARIO_T_STRLIST, .def = "[]",
     .units = "", .desc = "Filter: candidate origins are from one of these countries (ISO "
     "3166-1 alpha-2).", .off = OFF(incident.origin_countries),
     .off_n = OFF(incident.n_origin_countries), .off_locs = OFF(incident.origin_country_locs),
     .ulo = 0, .uhi = 300, .unique = 1},
    {.key = "incident.origin.exclude_country", .type = SSIM_SCENARIO_T_STRLIST, .def = "[]",
     .units = "", .desc = "Filter: candidate origins are not from these countries (e.g. [JP] "
     "for foreign suppliers only).", .off = OFF(incident.origin_exclude),
     .off_n = OFF(incident.n_origin_exclude), .off_locs = OFF(incident.origin_exclude_locs),
     .ulo = 0, .uhi = 300, .unique = 1},
    {.key = "incident.origin.pick", .type = SSIM_SCENARIO_T_ENUM, .def = "all", .units = "",
     .desc = "all: every candidate is an origin in every trial; uniform / weighted_by_reach: "
     "each trial draws `count` distinct candidates, uniformly or weighted by the customers "
     "they reach (directly and through vendor-of-vendor edges).",
     .off = OFF(incident.origin_pick), .values = pick_names},
    {.key = "incident.origin.count", .type = SSIM_SCENARIO_T_UINT64, .def = "1",
     .units = "suppliers", .desc = "Origins drawn per trial when pick is not all.",
     .off = OFF(incident.origin_count), .ulo = 1, .uhi = SSIM_MAX_ORIGINS},
    HOURS("incident.release_hours", incident.release_hours, "0",
          "Time the origin suppliers ship the bad release."),
    DIST("incident.dormancy_hours", incident.dormancy_hours, "0", "hours",
         "Delay from a customer's install to the effect (outage draw)."),
    DIST("incident.detection_hours", incident.detection_hours,
         "{ dist: lognormal, median: 96, sigma: 0.8 }", "hours",
         "Delay from a supplier's bad release to its revocation; installs after it do not happen."),
    DIST("incident.push_hours", incident.push_hours, "2", "hours",
         "msp_push: delay from the release of an origin or a compromised MSP (category msp) "
         "to its push to each managed client (replaces install_lag_hours on its "
         "managed-channel edges)."),
    {.key = "incident.detection_hazard.base_per_hour", .type = SSIM_SCENARIO_T_DOUBLE,
     .def = "0", .units = "1/hours",
     .desc = "Detection hazard of a compromised supplier's release, per hour, from its release "
     "on; detection (revocation) happens at the earlier of this and detection_hours.",
     .off = OFF(incident.hazard_base), .lo = 0, .hi = 1e3},
    {.key = "incident.detection_hazard.per_install_per_hour", .type = SSIM_SCENARIO_T_DOUBLE,
     .def = "0", .units = "1/hours",
     .desc = "Hazard added per install of the release (canaries that install are noticed), "
     "per hour.", .off = OFF(incident.hazard_per_install), .lo = 0, .hi = 1e3},
    PROB("incident.transitive.probability", incident.transitive_probability, "0",
         "Probability that a compromised supplier ships its own bad release (vendor of vendor)."),
    DIST("incident.transitive.delay_hours", incident.transitive_delay_hours, "24", "hours",
         "Delay from a supplier's compromise to its own bad release."),

    DIST("install_lag_factor.auto", install_lag_factor[SSIM_CHANNEL_AUTO], "1", "factor",
         "Multiplier on install_lag_hours of supply edges with channel auto."),
    DIST("install_lag_factor.manual", install_lag_factor[SSIM_CHANNEL_MANUAL], "1", "factor",
         "Multiplier on install_lag_hours of supply edges with channel manual."),
    DIST("install_lag_factor.managed", install_lag_factor[SSIM_CHANNEL_MANAGED], "1", "factor",
         "Multiplier on install_lag_hours of supply edges with channel managed."),

    {.key = "rollout.canary_fraction", .type = SSIM_SCENARIO_T_DOUBLE, .def = "1",
     .units = "fraction", .desc = "Staged rollout: each customer edge gets a release at once "
     "with this probability (a canary); the others after rollout.hold_hours.",
     .off = OFF(rollout.canary_fraction), .lo = 0, .lo_open = 1, .hi = 1},
    HOURS("rollout.hold_hours", rollout.hold_hours, "0",
          "Staged rollout: delay before non-canary customers get a release."),

    SWITCH("response.disconnect_on_detection", response.disconnect_on_detection, "false",
           "Operators using a product cut it off when its release is revoked: an outage of "
           "that edge's share for those not already out through it."),
    DIST("response.disconnect_hours", response.disconnect_hours, "24", "hours",
         "How long operators stay disconnected after a revocation."),

    HOURS("advance_notice.hours", advance_notice.hours, "0",
          "Hold on updates to regulated operators (advance-notice rule); 0 = none."),
    SWITCH("advance_notice.designated_only", advance_notice.designated_only, "true",
           "true: only designated operators hold updates; false: all operators do."),

    PROB("outage.probability.it", outage.probability[SSIM_PRIV_IT], "0.3",
         "Probability that a compromised operator loses service, privilege it."),
    PROB("outage.probability.ot", outage.probability[SSIM_PRIV_OT], "0.7",
         "Probability that a compromised operator loses service, privilege ot."),
    PROB("outage.probability.endpoint", outage.probability[SSIM_PRIV_ENDPOINT], "0.5",
         "Probability that a compromised operator loses service, privilege endpoint."),
    DIST("outage.duration_hours.default", outage.duration_default,
         "{ dist: lognormal, median: 48, sigma: 1.0 }", "hours",
         "Outage duration for sectors without their own entry."),
    {.key = "outage.duration_hours.<sector>", .type = SSIM_SCENARIO_T_DIST,
     .def_from = "outage.duration_hours.default", .units = "hours",
     .desc = "Outage duration of operators in that sector.", .off = OFF(outage.duration[0]),
     .vocab = &ssim_vocab_sector, .stride = sizeof(ssim_dist_t)},

    {.key = "cascade.down_threshold", .type = SSIM_SCENARIO_T_DOUBLE, .def = "0.5",
     .units = "fraction",
     .desc = "A provider counts as down for its dependants when its capacity loss is >= this.",
     .off = OFF(cascade.down_threshold), .lo = 0, .lo_open = 1, .hi = 1},
    DIST("cascade.restart_hours", cascade.restart_hours, "0", "hours",
         "Delay after a provider recovers before a dependant that went down with it recovers."),

    /* kernel.*: the classic kernels (models/kernel_*.c, docs/models/); other models ignore them. */
    {.key = "kernel.direction", .type = SSIM_SCENARIO_T_ENUM, .def = "directed", .units = "",
     .desc = "independent_cascade, watts_threshold: how a dependency edge spreads failure: "
             "directed = from the provider to the dependent only; undirected = both ways.",
     .off = OFF(kernel.direction), .values = kernel_direction_names, .enum_as_string = 1},
    {.key = "kernel.seeds", .type = SSIM_SCENARIO_T_ENUM, .def = "origins", .units = "",
     .desc = "independent_cascade, watts_threshold: the operators failed at the start of a "
             "trial: origins = every operator supplied directly (supply.csv) by "
             "incident.origin.suppliers; random = kernel.n_seeds distinct operators drawn "
             "uniformly per trial; fraction = each operator independently with probability "
             "kernel.seed_fraction per trial.",
     .off = OFF(kernel.seeds), .values = kernel_seeds_names, .enum_as_string = 1},
    {.key = "kernel.n_seeds", .type = SSIM_SCENARIO_T_UINT64, .def = "1", .units = "operators",
     .desc = "seeds: random: seed operators drawn per trial (at most the number of operators).",
     .off = OFF(kernel.n_seeds), .ulo = 1, .uhi = 100000000 /* the loader's row cap */},
    PROB("kernel.seed_fraction", kernel.seed_fraction, "0.01",
         "seeds: fraction: probability that an operator is a seed in a trial."),
    PROB("kernel.edge_probability", kernel.edge_probability, "0.1",
         "independent_cascade: probability T that a failed provider fails its dependent "
         "through one dependency edge (probability_from: constant)."),
    {.key = "kernel.probability_from", .type = SSIM_SCENARIO_T_ENUM, .def = "constant",
     .units = "", .desc = "independent_cascade: constant = every edge transmits with "
             "kernel.edge_probability; loss = edge d transmits with probability loss(d) "
             "from dependencies.csv.",
     .off = OFF(kernel.probability_from), .values = kernel_prob_names, .enum_as_string = 1},
    {.key = "kernel.sampling", .type = SSIM_SCENARIO_T_ENUM, .def = "edge", .units = "",
     .desc = "independent_cascade: how the open edges are drawn (the same distribution "
             "either way): edge = one coin per dependency, keyed by the dependency (common "
             "random numbers per edge across options, one coin for both directions when "
             "undirected); geometric = each failed operator jumps from one open arc to the "
             "next with geometric gaps drawn from its own stream: cost per open arc instead "
             "of per arc, different numbers than edge.",
     .off = OFF(kernel.sampling), .values = kernel_sampling_names, .enum_as_string = 1},
    DIST("kernel.threshold", kernel.threshold, "0.18", "fraction",
         "watts_threshold: an operator fails when the fraction of its providers that failed "
         "is >= its threshold phi: a number (the same phi for all) or a distribution, drawn "
         "per operator and trial."),
    {.key = "kernel.network_a", .type = SSIM_SCENARIO_T_ENUM, .def = "electricity", .units = "",
     .desc = "interdependent_percolation: the sector whose operators form network A (attacked).",
     .off = OFF(kernel.network_a), .values = kernel_sector_names, .enum_as_string = 1},
    {.key = "kernel.network_b", .type = SSIM_SCENARIO_T_ENUM, .def = "telecom", .units = "",
     .desc = "interdependent_percolation: the sector whose operators form network B "
             "(different from network_a).",
     .off = OFF(kernel.network_b), .values = kernel_sector_names, .enum_as_string = 1},
    PROB("kernel.occupation", kernel.occupation, "0.75",
         "interdependent_percolation: p, the probability that an operator of network A "
         "survives the initial attack (a fraction 1 - p is removed)."),

    /* economic.*: the economic layer (models/economic/economic.c, docs/models/economic.md). */
    SWITCH("economic.enabled", economic.enabled, "false",
           "supply_chain: run the dynamic inoperability IO model (DIIM) on each trial's sector "
           "outage and report the economic loss (yen)."),
    {.key = "economic.matrix", .type = SSIM_SCENARIO_T_STRING, .def = "\"\"", .units = "",
     .desc = "\"\" = the built-in Japan 2011 13-sector IO table; else a CSV file (relative to "
             "the scenario file's directory): a label column, one column per sector, optionally "
             "a last column x (annual output, yen), one row per sector in header order.",
     .off = OFF(economic.matrix)},
    {.key = "economic.matrix_kind", .type = SSIM_SCENARIO_T_ENUM, .def = "interdependency",
     .units = "", .desc = "What the matrix file holds: interdependency = A*; technical = A "
             "(needs x); transactions = Z (needs x).",
     .off = OFF(economic.matrix_kind), .values = econ_kind_names, .enum_as_string = 1},
    {.key = "economic.k_per_hour", .type = SSIM_SCENARIO_T_DOUBLE, .def = "0", .units = "1/hours",
     .desc = "DIIM recovery rate K of every sector; 0 = derived from recovery_hours.",
     .off = OFF(economic.k_per_hour), .lo = 0, .hi = 1e3},
    {.key = "economic.recovery_hours", .type = SSIM_SCENARIO_T_DOUBLE, .def = "168",
     .units = "hours", .desc = "Time for a sector's inoperability to fall to 1% of its initial "
             "value: k_i = ln(100) / (recovery_hours (1 - a*_ii)) (Lian & Haimes 2006).",
     .off = OFF(economic.recovery_hours), .lo = 0, .lo_open = 1, .hi = 1e6},
    {.key = "economic.perturbation.sectors", .type = SSIM_SCENARIO_T_STRLIST, .def = "[]",
     .units = "", .desc = "iim, diim: the perturbed sectors (names from the matrix).",
     .off = OFF(economic.perturbed), .off_n = OFF(economic.n_perturbed),
     .off_locs = OFF(economic.perturbed_locs), .ulo = 0, .uhi = 1000, .unique = 1},
    {.key = "economic.perturbation.values", .type = SSIM_SCENARIO_T_STRLIST, .def = "[]",
     .units = "fraction", .desc = "iim, diim: the perturbation c* of each perturbed sector, "
             "numbers in [0, 1], in the order of sectors.",
     .off = OFF(economic.values), .off_n = OFF(economic.n_values),
     .off_locs = OFF(economic.value_locs), .ulo = 0, .uhi = 1000},
    HOURS("economic.perturbation.start_hours", economic.start_hours, "0",
          "iim, diim: the perturbation is on from this time..."),
    {.key = "economic.perturbation.end_hours", .type = SSIM_SCENARIO_T_DOUBLE, .def = "100000",
     .units = "hours", .desc = "iim, diim: ...until this time (exclusive); the default keeps it "
             "on to the horizon.",
     .off = OFF(economic.end_hours), .lo = 0, .hi = 1e5},

    /* burden.*: cost parameters of the regulation levers (docs/regulation.md); used by
     * `compare`.  Documented assumptions, low confidence: override them. */
    {.key = "burden.switching_cost.default", .type = SSIM_SCENARIO_T_DOUBLE, .def = "30000000",
     .units = "yen", .desc = "Cost of replacing one supply edge's product (vetting, diversity "
     "cap): migration, testing, retraining.", .off = OFF(burden.switching_default), .lo = 0,
     .hi = 1e15},
    {.key = "burden.switching_cost.<category>", .type = SSIM_SCENARIO_T_DOUBLE,
     .def_from = "burden.switching_cost.default", .units = "yen",
     .desc = "Switching cost for suppliers of that category.", .off = OFF(burden.switching[0]),
     .vocab = &ssim_vocab_category, .stride = sizeof(double), .lo = 0, .hi = 1e15},
    {.key = "burden.releases_per_year", .type = SSIM_SCENARIO_T_DOUBLE, .def = "12",
     .units = "1/year", .desc = "Updates shipped per supply edge per year (advance notice holds "
     "each of them).", .off = OFF(burden.releases_per_year), .lo = 0, .hi = 1e4},
    PROB("burden.security_patch_share", burden.security_share, "0.3",
         "Fraction of those updates that are security patches (their delay is reported "
         "separately)."),
    {.key = "burden.held_update_cost_per_day", .type = SSIM_SCENARIO_T_DOUBLE, .def = "50000",
     .units = "yen", .desc = "Cost of one operator-day of a held update (review work, delayed "
     "fixes).", .off = OFF(burden.held_update_cost_per_day), .lo = 0, .hi = 1e15},
    {.key = "burden.compliance_per_operator", .type = SSIM_SCENARIO_T_DOUBLE, .def = "5000000",
     .units = "yen", .desc = "Yearly compliance cost of each operator a lever regulates "
     "(notification, audits).", .off = OFF(burden.compliance_per_operator), .lo = 0, .hi = 1e15},
    {.key = "burden.buffer_cost_per_hour", .type = SSIM_SCENARIO_T_DOUBLE, .def = "2000000",
     .units = "yen", .desc = "Cost of one added buffer-hour on one dependency (backup power, "
     "storage).", .off = OFF(burden.buffer_cost_per_hour), .lo = 0, .hi = 1e15},
    {.key = "burden.segmentation_per_operator", .type = SSIM_SCENARIO_T_DOUBLE,
     .def = "20000000", .units = "yen", .desc = "Cost of IT/OT segmentation at one operator.",
     .off = OFF(burden.segmentation_per_operator), .lo = 0, .hi = 1e15},
    {.key = "burden.rollout_per_supplier", .type = SSIM_SCENARIO_T_DOUBLE, .def = "10000000",
     .units = "yen", .desc = "Yearly cost of a staged-rollout obligation for one supplier.",
     .off = OFF(burden.rollout_per_supplier), .lo = 0, .hi = 1e15},

    SWITCH("output.per_trial", output.per_trial, "true",
           "Write one row of results per trial (false: the run also keeps less per trial "
           "in memory; the summaries are the same)."),
    SWITCH("output.time_series", output.time_series, "true",
           "Write per-trial sector time series on the output_step_hours grid."),
    SWITCH("output.per_operator", output.per_operator, "true",
           "Write per-operator statistics (compromise and outage frequencies). Off, the "
           "trials skip their per-operator counts: 16 bytes per operator and thread less, and "
           "one random memory write per failed operator saved."),
    SWITCH("output.events", output.events, "false",
           "Write the event table /events: origins, installs (who compromised whom), releases, "
           "outages, revocations and disconnections of every trial (large; off by default)."),
};

/* clang-format on */

#define N_ROWS (sizeof rows / sizeof rows[0])

_Static_assert(SSIM_MAX_SECTORS <= 64, "walk.c keeps wildcard codes in a 64-bit mask");

const ssim_scenario_row_t *ssim_scenario_schema_rows(size_t *n)
{
    *n = N_ROWS;
    return rows;
}

int ssim_scenario_schema_n_codes(const ssim_scenario_row_t *row)
{
    return row->vocab ? row->vocab->n : 1;
}

/* Length of a wildcard row's fixed prefix, dot included ("outage.duration_hours."). */
static size_t wild_prefix_len(const ssim_scenario_row_t *row)
{
    return (size_t)(strrchr(row->key, '.') - row->key) + 1;
}

void ssim_scenario_schema_key(const ssim_scenario_row_t *row, int code, char *buf, size_t size)
{
    if (row->vocab)
        snprintf(buf, size, "%.*s%s", (int)wild_prefix_len(row), row->key, row->vocab->names[code]);
    else
        snprintf(buf, size, "%s", row->key);
}

const ssim_scenario_row_t *ssim_scenario_schema_find(const char *key, int *code)
{
    *code = -1;
    for (size_t i = 0; i < N_ROWS; i++)
        if (!rows[i].vocab && strcmp(rows[i].key, key) == 0)
            return &rows[i];
    for (size_t i = 0; i < N_ROWS; i++) {
        size_t p = rows[i].vocab ? wild_prefix_len(&rows[i]) : 0;
        if (p && strncmp(rows[i].key, key, p) == 0) {
            int c = ssim_vocab_find(rows[i].vocab, key + p);
            if (c >= 0) {
                *code = c;
                return &rows[i];
            }
        }
    }
    return NULL;
}

int ssim_scenario_schema_is_section(const char *prefix)
{
    size_t n = strlen(prefix);
    for (size_t i = 0; i < N_ROWS; i++)
        if (strncmp(rows[i].key, prefix, n) == 0 && rows[i].key[n] == '.')
            return 1;
    return 0;
}

/* Byte offset of row's value for code within ssim_scenario_t. */
static size_t value_offset(const ssim_scenario_row_t *row, int code)
{
    return row->off + (row->vocab && code > 0 ? (size_t)code * row->stride : 0);
}

void *ssim_scenario_schema_dst(const ssim_scenario_row_t *row, ssim_scenario_t *sc, int code)
{
    return (char *)sc + value_offset(row, code);
}

const void *ssim_scenario_schema_src(const ssim_scenario_row_t *row, const ssim_scenario_t *sc,
                                     int code)
{
    return (const char *)sc + value_offset(row, code);
}

/* Consider candidate (n bytes of s) for the closest match to key. */
static void consider(const char *key, const char *s, size_t n, char *best, int *best_d)
{
    char cand[SSIM_SCENARIO_MAX_KEY];
    if (n >= sizeof cand)
        return;
    memcpy(cand, s, n);
    cand[n] = '\0';
    int d = ssim_suggest_distance(key, cand, 2);
    if (d < *best_d) {
        *best_d = d;
        memcpy(best, cand, n + 1);
    }
}

/* Closest key or section within edit distance 2 (first in schema order on
 * ties) into best; returns 0 when there is none. */
static int closest_key(const char *key, char *best)
{
    int best_d = 3;
    char full[SSIM_SCENARIO_MAX_KEY];
    for (size_t i = 0; i < N_ROWS; i++) {
        for (int c = 0; c < ssim_scenario_schema_n_codes(&rows[i]); c++) {
            ssim_scenario_schema_key(&rows[i], c, full, sizeof full);
            for (const char *dot = strchr(full, '.'); dot; dot = strchr(dot + 1, '.'))
                consider(key, full, (size_t)(dot - full), best, &best_d);
            consider(key, full, strlen(full), best, &best_d);
        }
    }
    return best_d <= 2;
}

/* Append the distinct names that may follow `parent` ("" = top level). */
static void list_children(const char *parent, char *buf, size_t size)
{
    size_t plen = strlen(parent), used = strlen(buf);
    const char *last = NULL;
    size_t last_len = 0;
    for (size_t i = 0; i < N_ROWS && used < size; i++) {
        const char *k = rows[i].key;
        if (strncmp(k, parent, plen) != 0)
            continue;
        const char *name = k + plen, *dot = strchr(name, '.');
        size_t len = dot ? (size_t)(dot - name) : strlen(name);
        if (last && len == last_len && strncmp(name, last, len) == 0)
            continue; /* rows of one section are contiguous */
        int w = rows[i].vocab && !dot
                    ? snprintf(buf + used, size - used, "%sa %s name (%s)", last ? ", " : "",
                               rows[i].vocab->what, ssim_vocab_list(rows[i].vocab))
                    : snprintf(buf + used, size - used, "%s%.*s", last ? ", " : "", (int)len, name);
        used += w > 0 ? (size_t)w : 0;
        last = name;
        last_len = len;
    }
}

const char *ssim_scenario_schema_hint(const char *key, char *buf, size_t size)
{
    char best[SSIM_SCENARIO_MAX_KEY];
    if (closest_key(key, best)) {
        snprintf(buf, size, " (did you mean '%s'?)", best);
        return buf;
    }
    const char *dot = strrchr(key, '.');
    char parent[SSIM_SCENARIO_MAX_KEY];
    snprintf(parent, sizeof parent, "%.*s", dot ? (int)(dot - key + 1) : 0, key);
    snprintf(buf, size, " (expected one of: ");
    list_children(parent, buf, size > 1 ? size - 1 : size);
    size_t used = strlen(buf);
    if (used + 1 < size) {
        buf[used] = ')';
        buf[used + 1] = '\0';
    }
    return buf;
}

/* Markdown cell text: '|' escaped, so a description cannot break the table. */
static void md_cell(FILE *out, const char *s)
{
    for (; *s; s++) {
        if (*s == '|')
            fputc('\\', out);
        fputc(*s, out);
    }
}

void ssim_scenario_schema_markdown(FILE *out)
{
    fputs("| key | type | default | units | description |\n", out);
    fputs("|---|---|---|---|---|\n", out);
    for (size_t i = 0; i < N_ROWS; i++) {
        const ssim_scenario_row_t *r = &rows[i];
        char type[512];
        fprintf(out, "| `%s` | ", r->key);
        md_cell(out, ssim_scenario_value_doc(r, type, sizeof type));
        fputs(" | ", out);
        if (r->required)
            fputs("*required*", out);
        else if (r->def_from)
            fprintf(out, "= `%s`", r->def_from);
        else
            fprintf(out, "`%s`", r->def);
        fputs(" | ", out);
        md_cell(out, r->units);
        fputs(" | ", out);
        md_cell(out, r->desc);
        if (r->vocab) {
            fprintf(out, " `%.*s` is one of: ", (int)(strcspn(strrchr(r->key, '<'), ">") + 1),
                    strrchr(r->key, '<'));
            md_cell(out, ssim_vocab_list(r->vocab));
            fputs(".", out);
        }
        fputs(" |\n", out);
    }
    ssim_scenario_options_markdown(out);
}

const char *ssim_incident_type_name(ssim_incident_type_t t)
{
    return (unsigned)t < SSIM_N_INCIDENT_TYPES ? incident_type_names[t] : "unknown";
}
