/* scenario — the scenario file: YAML parsed through one declarative schema.
 *
 * Every key a scenario may contain is declared once, as a row (key path,
 * type, bounds, default, units, description): the core keys in the tables of
 * schema.c, a model's own keys in its parameter set (scenario/params.h),
 * handed to the loader in a catalog by the layer that knows the models.  The
 * rows drive parsing, validation, the resolved-configuration dump written
 * into every output file, and the key reference in docs/scenario.md
 * (`sectorsim schema`).  Unknown keys, duplicate keys, wrong types and values
 * out of bounds are errors naming scenario-file:line:col and the rule.
 *
 * Accepted YAML subset: block and flow mappings and sequences, plain and
 * quoted scalars, comments.  Anchors, aliases, tags and multiple documents
 * are rejected.  JSON files parse too (JSON is YAML's flow style).
 */
#ifndef SSIM_SCENARIO_SCENARIO_H
#define SSIM_SCENARIO_SCENARIO_H

#include "core/dist.h"
#include "core/status.h"
#include "core/vocab.h"
#include "scenario/params.h"

#include <stdint.h>
#include <stdio.h>

#define SSIM_SCENARIO_MAX_BYTES (4 << 20) /* scenario file size cap */
#define SSIM_MAX_TRIALS 100000000ULL      /* 1e8 */
#define SSIM_MAX_ORIGINS 4096

/* Incident types (docs/models/supply-chain.md, "Incident types"). */
typedef enum {
    SSIM_INCIDENT_MALICIOUS_UPDATE = 0, /* bad release, dormancy, outages by privilege */
    SSIM_INCIDENT_FAULTY_UPDATE, /* non-malicious: reverted at detection; no vendor-of-vendor */
    SSIM_INCIDENT_MSP_PUSH,      /* origins and compromised MSPs push to managed clients */
    SSIM_INCIDENT_WIPER,         /* every install destroys its share: outage probability 1 */
    SSIM_INCIDENT_ESPIONAGE,     /* compromise without outage */
    SSIM_N_INCIDENT_TYPES
} ssim_incident_type_t;

/* How origins are drawn from the candidates (named suppliers, or suppliers
 * matching category/country filters). */
typedef enum { SSIM_PICK_ALL = 0, SSIM_PICK_UNIFORM, SSIM_PICK_WEIGHTED_BY_REACH } ssim_pick_t;

#define SSIM_MAX_OPTIONS 64    /* regulation options in one scenario */
#define SSIM_MAX_CATEGORIES 32 /* upper bound on ssim_vocab_category.n */

/* A list of strings with the place each item is written (option scopes). */
typedef struct {
    char **items; /* length n */
    size_t n;
    ssim_loc_t *locs; /* length n */
} ssim_strlist_t;

/* Levers of a regulation option (bit i of ssim_scenario_option_t.levers). */
typedef enum {
    SSIM_LEVER_VETTING = 0,    /* procurement vetting: replace or block suppliers */
    SSIM_LEVER_ADVANCE_NOTICE, /* hold updates to regulated operators */
    SSIM_LEVER_DIVERSITY_CAP,  /* no supplier above a share of a sector/category */
    SSIM_LEVER_BUFFER_MANDATE, /* minimum buffer hours on dependencies */
    SSIM_LEVER_SEGMENTATION,   /* IT/OT segmentation: outage probability x factor */
    SSIM_LEVER_STAGED_ROLLOUT, /* vendor canary fraction and hold */
    SSIM_LEVER_DISCONNECTION,  /* emergency disconnection on detection */
    SSIM_N_LEVERS
} ssim_lever_t;

typedef enum { SSIM_VET_REPLACE = 0, SSIM_VET_BLOCK } ssim_vet_action_t;

/* One regulation option (`options:` list item; docs/regulation.md).  Scope
 * lists that are empty mean "all".  Every field has its default even when
 * the lever is absent; `levers` says which lever sections the item has. */
typedef struct {
    char *name;      /* unique among the options, not "baseline" */
    ssim_loc_t loc;  /* where the item starts */
    unsigned levers; /* bit SSIM_LEVER_* set: the lever is present */
    struct {
        ssim_strlist_t sectors;         /* operators in scope */
        ssim_strlist_t countries;       /* suppliers from these countries fail */
        ssim_strlist_t allow_countries; /* non-empty: suppliers from other countries fail */
        ssim_strlist_t categories;      /* only suppliers of these categories are vetted */
        int designated_only;
        int action; /* ssim_vet_action_t */
    } vetting;
    struct {
        double hours;
        int designated_only;
        ssim_strlist_t sectors;
    } advance_notice;
    struct {
        double max_share; /* (0, 1]: of a (sector, category)'s supply edges */
        ssim_strlist_t sectors, categories;
    } diversity_cap;
    struct {
        double min_hours;
        ssim_strlist_t kinds, sectors; /* dependency kinds; dependent's sector */
    } buffer_mandate;
    struct {
        double factor; /* [0, 1]: multiplies the outage probability */
        ssim_strlist_t privileges, sectors;
    } segmentation;
    struct {
        double canary_fraction, hold_hours;
        ssim_strlist_t countries, categories; /* suppliers in scope */
    } staged_rollout;
    struct {
        double hours; /* disconnection length, fixed */
        int designated_only;
        ssim_strlist_t sectors;
    } disconnection;
} ssim_scenario_option_t;

typedef struct ssim_scenario {
    /* the file */
    char *path; /* as given on the command line */
    char *text; /* file contents, verbatim (NUL-terminated) */

    /* top level */
    char *name;               /* required */
    char *description;        /* "" when absent */
    char *network_dir;        /* the `network` key resolved against the scenario file's directory */
    char *model;              /* model name in the registry (default "supply_chain") */
    uint64_t trials;          /* [1, SSIM_MAX_TRIALS] */
    uint64_t seed;            /* any uint64 */
    double horizon_hours;     /* (0, 1e5] */
    double output_step_hours; /* (0, horizon_hours]; time-series bin width */

    struct {
        ssim_incident_type_t type;
        size_t n_origins;           /* named origins (may be 0 when filters are given) */
        char **origin_ids;          /* supplier ids, length n_origins */
        ssim_loc_t *origin_locs;    /* where each id is written (for "unknown supplier" errors) */
        size_t n_origin_categories; /* filter: supplier categories (names) */
        char **origin_categories;
        ssim_loc_t *origin_category_locs;
        size_t n_origin_countries; /* filter: supplier countries (ISO alpha-2) */
        char **origin_countries;
        ssim_loc_t *origin_country_locs;
        size_t n_origin_exclude; /* filter: countries excluded */
        char **origin_exclude;
        ssim_loc_t *origin_exclude_locs;
        ssim_pick_t origin_pick;       /* all candidates, or `origin_count` drawn per trial */
        uint64_t origin_count;         /* origins drawn per trial when pick != all */
        ssim_dist_t push_hours;        /* msp_push: MSP -> managed client push delay */
        double hazard_base;            /* detection hazard per hour, per compromised supplier */
        double hazard_per_install;     /* added hazard per hour per install of its release */
        double release_hours;          /* >= 0: when the origins ship the bad release */
        ssim_dist_t dormancy_hours;    /* install -> effect delay */
        ssim_dist_t detection_hours;   /* release -> revocation delay, per compromised supplier */
        double transitive_probability; /* [0,1]: a compromised supplier ships its own bad release */
        ssim_dist_t transitive_delay_hours; /* compromise -> its own release */
    } incident;

    ssim_dist_t install_lag_factor[SSIM_N_CHANNELS]; /* multiplier on install_lag_hours */

    struct {
        double canary_fraction; /* (0,1]: share of customers that get a release at once */
        double hold_hours;      /* >= 0: the rest get it this much later */
    } rollout;

    struct {
        int disconnect_on_detection;  /* operators cut the product off when it is revoked */
        ssim_dist_t disconnect_hours; /* how long they stay disconnected */
    } response;

    struct {
        double hours;        /* >= 0: hold on updates to regulated operators */
        int designated_only; /* 1: only designated operators hold updates */
    } advance_notice;

    struct {
        double probability[SSIM_N_PRIVILEGES];  /* P(outage | compromise) by privilege */
        ssim_dist_t duration_default;           /* hours */
        ssim_dist_t duration[SSIM_MAX_SECTORS]; /* per sector code; = default unless set */
    } outage;

    struct {
        double down_threshold;     /* (0,1]: provider counts as down at loss >= this */
        ssim_dist_t restart_hours; /* delay after the provider recovers */
    } cascade;

    struct {
        int per_trial;    /* write per-trial rows */
        int time_series;  /* write per-trial sector time series */
        int per_operator; /* write per-operator statistics */
        int events;       /* write the event table (who compromised whom, when) */
    } output;

    /* Regulation options for `compare` (docs/regulation.md): parsed through
     * the option-lever table (options.c); included in resolved_json. */
    ssim_scenario_option_t *options; /* length n_options */
    size_t n_options;

    /* Burden cost parameters (documented assumptions, docs/regulation.md). */
    struct {
        double switching_default;              /* yen per replaced supply edge */
        double switching[SSIM_MAX_CATEGORIES]; /* by category code; = default unless set */
        double releases_per_year;              /* updates per supply edge per year */
        double security_share;                 /* fraction of updates that are patches */
        double held_update_cost_per_day;       /* yen per operator-day of held updates */
        double compliance_per_operator;        /* yen per regulated operator per year */
        double buffer_cost_per_hour;           /* yen per added buffer-hour per dependency */
        double segmentation_per_operator;      /* yen per segmented operator */
        double rollout_per_supplier;           /* yen per supplier obliged to stage */
    } burden;

    char *resolved_json; /* every key with its value after defaults, canonical JSON */

    /* Parameter sets (scenario/params.h): the composed key table of the
     * catalog the file was read with (engine/scenario only), and one value
     * struct per set of that catalog, in its order.  Read them with
     * ssim_scenario_params(). */
    struct ssim_scenario_schema *schema; /* owned */
    void **params;                       /* length = the catalog's sets; each owned */
} ssim_scenario_t;

/* Parse and validate a scenario file against the core keys and the catalog's
 * models and parameter sets (borrowed: cat must outlive sc; the models'
 * catalog is models/registry.h's ssim_model_catalog()).  *sc is zeroed
 * first.  On failure an error names path:line:col and the rule, *sc is left
 * empty, and the status is returned (SSIM_EINVAL, SSIM_EIO when unreadable;
 * SSIM_EINTERNAL when a parameter set of cat breaks the table's rules). */
ssim_status_t ssim_scenario_load(ssim_scenario_t *sc, const char *path,
                                 const ssim_scenario_catalog_t *cat);

/* Same from a string already in memory (path used in messages only). */
ssim_status_t ssim_scenario_parse(ssim_scenario_t *sc, const char *path, const char *text,
                                  const ssim_scenario_catalog_t *cat);

/* The values of parameter set `set` (its struct, filled and defaulted), or
 * NULL when sc was not loaded with a catalog that lists set.  Borrowed: valid
 * until ssim_scenario_destroy(sc). */
const void *ssim_scenario_params(const ssim_scenario_t *sc, const ssim_scenario_params_t *set);

/* The same, writable: for tests and benchmarks that vary a parameter after
 * loading (resolved_json is not refreshed; a string field is owned: free the
 * old one, store a malloc'd copy). */
void *ssim_scenario_params_edit(ssim_scenario_t *sc, const ssim_scenario_params_t *set);

/* Apply command-line overrides (0 = keep) and refresh resolved_json. */
ssim_status_t ssim_scenario_override(ssim_scenario_t *sc, uint64_t trials, int have_seed,
                                     uint64_t seed);

/* Replace the network directory (command-line --network; used as given, not
 * resolved against the scenario file) and refresh resolved_json. */
ssim_status_t ssim_scenario_set_network(ssim_scenario_t *sc, const char *dir);

void ssim_scenario_destroy(ssim_scenario_t *sc);

/* Print the key reference (a Markdown table generated from the schema: the
 * core keys and every parameter set of cat).  SSIM_EINTERNAL / SSIM_ENOMEM
 * (raised) when the table of cat cannot be composed. */
ssim_status_t ssim_scenario_schema_markdown(FILE *out, const ssim_scenario_catalog_t *cat);

const char *ssim_incident_type_name(ssim_incident_type_t t);

/* Move the regulation options and the burden parameters of `from` (another
 * parsed scenario, e.g. a shared options file) into sc, replacing sc's, and
 * refresh sc's resolved_json.  from keeps no options; it must outlive sc
 * (option locations name its file).  SSIM_ENOMEM on failure. */
ssim_status_t ssim_scenario_adopt_options(ssim_scenario_t *sc, ssim_scenario_t *from);

/* Section name of lever SSIM_LEVER_* ("vetting", ...). */
const char *ssim_scenario_lever_name(int lever);

#endif
