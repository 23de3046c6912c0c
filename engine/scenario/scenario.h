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
#define SSIM_MAX_STEPS 1000000            /* output steps over the horizon (time-series bins) */

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
        int per_trial;      /* write per-trial rows */
        int time_series;    /* write per-trial sector time series */
        int per_operator;   /* write per-operator statistics */
        int events;         /* write the event table (who compromised whom, when) */
        int network_tables; /* copy the operators' names and the edge tables into /network */
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
        double life_years;                     /* years over which one-off costs are amortised */
        double discount_rate;                  /* per year, for that amortisation */
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

/* Move the regulation options and the burden parameters of `from` (another
 * parsed scenario, e.g. a shared options file) into sc, replacing sc's, and
 * refresh sc's resolved_json.  from keeps no options; it must outlive sc
 * (option locations name its file).  SSIM_ENOMEM on failure. */
ssim_status_t ssim_scenario_adopt_options(ssim_scenario_t *sc, ssim_scenario_t *from);

/* Section name of lever SSIM_LEVER_* ("vetting", ...). */
const char *ssim_scenario_lever_name(int lever);

#endif
