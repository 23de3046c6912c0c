/* models/incident — the supply-chain incident's scenario keys, as parameter
 * sets (scenario/params.h), one per section: incident.*,
 * install_lag_factor.*, rollout.*, response.*, advance_notice.*, outage.*,
 * cascade.* (docs/models/supply-chain.md, docs/scenario.md).
 *
 * Read by the supply-chain model, the kernels (incident.origin.suppliers for
 * kernel.seeds: origins), the regulation variants (advance_notice.*,
 * rollout.*) and the criticality study (which rewrites incident.origin per
 * supplier), so the sets live in this room below all of them.  Every model
 * accepts them; the catalog (models/registry.c) lists them first, in the
 * order above, where the resolved JSON has always had them.  The rule that
 * an incident needs candidate origins is the supply-chain model's
 * (ssim_model_type_t.scenario_check), not a check of these sets. */
#ifndef SSIM_MODELS_INCIDENT_PARAMS_H
#define SSIM_MODELS_INCIDENT_PARAMS_H

#include "core/dist.h"
#include "core/vocab.h"
#include "scenario/scenario.h"

#include <stddef.h>
#include <stdint.h>

#define SSIM_MAX_ORIGINS 4096 /* items of incident.origin.suppliers, incident.origin.count */

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

/* incident.*: what goes wrong, where it starts, how it is detected. */
typedef struct {
    ssim_incident_type_t type;
    size_t n_origins;        /* named origins (may be 0 when filters are given) */
    char **origin_ids;       /* supplier ids, length n_origins */
    ssim_loc_t *origin_locs; /* where each id is written (for "unknown supplier" errors) */
    size_t n_scope;          /* incident.scope.operators: 0 = every customer */
    char **scope_ids;        /* operator ids the bad releases reach, length n_scope */
    ssim_loc_t *scope_locs;
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
    double hazard_per_outage;      /* added hazard per hour per outage its release causes */
    uint64_t hazard_max_outages;   /* [1, 1e9]: outages that add hazard_per_outage (1e9: all) */
    double release_hours;          /* >= 0: when the origins ship the bad release */
    ssim_dist_t dormancy_hours;    /* install -> effect delay */
    ssim_dist_t detection_hours;   /* release -> revocation delay, per compromised supplier */
    double transitive_probability; /* [0,1]: a compromised supplier ships its own bad release */
    ssim_dist_t transitive_delay_hours; /* compromise -> its own release */
} ssim_incident_params_t;

/* install_lag_factor.*: multiplier on install_lag_hours, by channel. */
typedef struct {
    ssim_dist_t factor[SSIM_N_CHANNELS]; /* index: ssim_channel_t */
} ssim_incident_install_lag_params_t;

/* rollout.*: the vendors' staged rollout. */
typedef struct {
    double canary_fraction; /* (0,1]: share of customers that get a release at once */
    double hold_hours;      /* >= 0: the rest get it this much later */
} ssim_incident_rollout_params_t;

/* response.*: what operators do at a revocation. */
typedef struct {
    int disconnect_on_detection;  /* operators cut the product off when it is revoked */
    ssim_dist_t disconnect_hours; /* how long they stay disconnected */
} ssim_incident_response_params_t;

/* advance_notice.*: the baseline advance-notice rule. */
typedef struct {
    double hours;        /* >= 0: hold on updates to regulated operators */
    int designated_only; /* 1: only designated operators hold updates */
} ssim_incident_advance_notice_params_t;

/* outage.*: the effect of a compromise. */
typedef struct {
    double probability[SSIM_N_PRIVILEGES];  /* P(outage | compromise) by privilege */
    ssim_dist_t duration_default;           /* hours */
    ssim_dist_t duration[SSIM_MAX_SECTORS]; /* per sector code; = default unless set */
} ssim_incident_outage_params_t;

/* cascade.*: the dependency cascade. */
typedef struct {
    double down_threshold;     /* (0,1]: provider counts as down at loss >= this */
    ssim_dist_t restart_hours; /* delay after the provider recovers */
} ssim_incident_cascade_params_t;

/* The sets, one per section (rows in incident_params.c). */
extern const ssim_scenario_params_t ssim_incident_param_set;                /* incident */
extern const ssim_scenario_params_t ssim_incident_install_lag_param_set;    /* install_lag_factor */
extern const ssim_scenario_params_t ssim_incident_rollout_param_set;        /* rollout */
extern const ssim_scenario_params_t ssim_incident_response_param_set;       /* response */
extern const ssim_scenario_params_t ssim_incident_advance_notice_param_set; /* advance_notice */
extern const ssim_scenario_params_t ssim_incident_outage_param_set;         /* outage */
extern const ssim_scenario_params_t ssim_incident_cascade_param_set;        /* cascade */

/* The seven in key-reference and resolved-JSON order, as the entries of an
 * initializer: the supply-chain model's .params (with economic.*) and the head
 * of the catalog's ordered sets list them so, and ssim_incident_param_sets
 * holds them alone, NULL-terminated. */
#define SSIM_INCIDENT_PARAM_SETS                                                                   \
    &ssim_incident_param_set, &ssim_incident_install_lag_param_set,                                \
        &ssim_incident_rollout_param_set, &ssim_incident_response_param_set,                       \
        &ssim_incident_advance_notice_param_set, &ssim_incident_outage_param_set,                  \
        &ssim_incident_cascade_param_set
extern const ssim_scenario_params_t *const ssim_incident_param_sets[];

/* The values of sc.  sc must have been loaded with a catalog that lists the
 * sets (models/registry.h: ssim_model_catalog() does).  Borrowed. */
static inline const ssim_incident_params_t *ssim_incident_params(const ssim_scenario_t *sc)
{
    return (const ssim_incident_params_t *)ssim_scenario_params(sc, &ssim_incident_param_set);
}
static inline const ssim_incident_install_lag_params_t *
ssim_incident_install_lag_params(const ssim_scenario_t *sc)
{
    return (const ssim_incident_install_lag_params_t *)ssim_scenario_params(
        sc, &ssim_incident_install_lag_param_set);
}
static inline const ssim_incident_rollout_params_t *
ssim_incident_rollout_params(const ssim_scenario_t *sc)
{
    return (const ssim_incident_rollout_params_t *)ssim_scenario_params(
        sc, &ssim_incident_rollout_param_set);
}
static inline const ssim_incident_response_params_t *
ssim_incident_response_params(const ssim_scenario_t *sc)
{
    return (const ssim_incident_response_params_t *)ssim_scenario_params(
        sc, &ssim_incident_response_param_set);
}
static inline const ssim_incident_advance_notice_params_t *
ssim_incident_advance_notice_params(const ssim_scenario_t *sc)
{
    return (const ssim_incident_advance_notice_params_t *)ssim_scenario_params(
        sc, &ssim_incident_advance_notice_param_set);
}
static inline const ssim_incident_outage_params_t *
ssim_incident_outage_params(const ssim_scenario_t *sc)
{
    return (const ssim_incident_outage_params_t *)ssim_scenario_params(
        sc, &ssim_incident_outage_param_set);
}
static inline const ssim_incident_cascade_params_t *
ssim_incident_cascade_params(const ssim_scenario_t *sc)
{
    return (const ssim_incident_cascade_params_t *)ssim_scenario_params(
        sc, &ssim_incident_cascade_param_set);
}

/* The incident.* values of sc, writable: for the criticality study, which
 * rewrites incident.origin per supplier and restores it (resolved_json is
 * not refreshed; see ssim_scenario_params_edit for ownership). */
static inline ssim_incident_params_t *ssim_incident_params_edit(ssim_scenario_t *sc)
{
    return (ssim_incident_params_t *)ssim_scenario_params_edit(sc, &ssim_incident_param_set);
}

/* "malicious_update", ... ("unknown" out of range). */
const char *ssim_incident_type_name(ssim_incident_type_t t);

#endif
