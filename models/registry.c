/* models/registry — the model list and the scenario catalog built from it. */
#include "models/registry.h"

#include "models/economic/economic_params.h"
#include "models/incident/incident_params.h"
#include "models/kernels/kernel_params.h"

#include <string.h>

extern const ssim_model_type_t ssim_model_supply_chain;
extern const ssim_model_type_t ssim_model_independent_cascade;
extern const ssim_model_type_t ssim_model_watts_threshold;
extern const ssim_model_type_t ssim_model_interdependent_percolation;
extern const ssim_model_type_t ssim_model_iim;
extern const ssim_model_type_t ssim_model_diim;

const ssim_model_type_t *const ssim_model_registry[] = {
    &ssim_model_supply_chain,
    &ssim_model_independent_cascade,
    &ssim_model_watts_threshold,
    &ssim_model_interdependent_percolation,
    &ssim_model_iim,
    &ssim_model_diim,
    NULL,
};

#define N_MODELS (sizeof ssim_model_registry / sizeof ssim_model_registry[0] - 1)

/* The order of the existing parameter sets in the key reference and the
 * resolved JSON (after the core keys name ... output_step_hours, just before
 * the core burden.* keys; the order is part of every results file's
 * resolved_config).  The catalog lists these first, then
 * any other set a model lists in its .params, in model order, so a new model
 * with a set of its own needs only its line in ssim_model_registry.  Every set
 * here is some model's (tests/unit/test_registry.c checks it). */
static const ssim_scenario_params_t *const ordered_sets[] = {
    /* the supply-chain incident (models/incident): supply_chain; the kernels read incident.* */
    SSIM_INCIDENT_PARAM_SETS,
    &ssim_kernel_param_set, /* independent_cascade, watts_threshold, interdependent_percolation */
    &ssim_econ_param_set,   /* iim, diim; supply_chain with economic.enabled */
    NULL,
};

const ssim_model_type_t *ssim_model_find(const char *name)
{
    for (int i = 0; ssim_model_registry[i]; i++)
        if (strcmp(ssim_model_registry[i]->name, name) == 0)
            return ssim_model_registry[i];
    return NULL;
}

const ssim_col_table_t *const *ssim_model_result_tables(void)
{
    enum { MAX_TABLES = 16 };
    static const ssim_col_table_t *tables[MAX_TABLES + 1];
    if (tables[0])
        return tables;
    size_t n = 0;
    tables[n++] = &ssim_results_base_table;
    for (int i = 0; ssim_model_registry[i]; i++)
        for (int k = 0; ssim_model_registry[i]->tables && ssim_model_registry[i]->tables[k]; k++) {
            const ssim_col_table_t *t = ssim_model_registry[i]->tables[k];
            int seen = 0;
            for (size_t j = 0; j < n; j++)
                seen |= tables[j] == t;
            if (!seen && n < MAX_TABLES)
                tables[n++] = t;
        }
    return tables;
}

/* 1 when set is in the NULL-terminated list. */
static int listed(const ssim_scenario_params_t *const *list, const ssim_scenario_params_t *set)
{
    for (size_t i = 0; list && list[i]; i++)
        if (list[i] == set)
            return 1;
    return 0;
}

const ssim_scenario_catalog_t *ssim_model_catalog(void)
{
    enum { MAX_SETS = 32 };
    static const char *names[N_MODELS + 1];
    static ssim_scenario_model_check_t checks[N_MODELS + 1];
    static const ssim_scenario_params_t *sets[MAX_SETS + 1];
    static const ssim_scenario_catalog_t catalog = {
        .models = names, .sets = sets, .checks = checks};
    if (names[0])
        return &catalog;
    size_t n = 0;
    for (size_t i = 0; ordered_sets[i] && n < MAX_SETS; i++)
        sets[n++] = ordered_sets[i];
    for (size_t m = 0; m < N_MODELS; m++) {
        names[m] = ssim_model_registry[m]->name;
        checks[m] = ssim_model_registry[m]->scenario_check;
        const ssim_scenario_params_t *const *own = ssim_model_registry[m]->params;
        for (size_t k = 0; own && own[k] && n < MAX_SETS; k++)
            if (!listed(sets, own[k]))
                sets[n++] = own[k];
    }
    return &catalog;
}
