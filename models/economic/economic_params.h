/* models/economic_params — the `economic.*` scenario keys (docs/models/economic.md)
 * as a parameter set (scenario/params.h): read by the iim and diim models
 * (the matrix and the perturbation) and by the supply-chain model when
 * economic.enabled (the matrix and K), always through ssim_econ_load().
 * One set, registered once however many models read it. */
#ifndef SSIM_MODELS_ECONOMIC_PARAMS_H
#define SSIM_MODELS_ECONOMIC_PARAMS_H

#include "scenario/scenario.h"

#include <stddef.h>

/* The values of the set. */
typedef struct {
    int enabled;       /* supply_chain: DIIM on each trial's sector outage */
    char *matrix;      /* "" = built-in Japan 2011 13-sector table; else a CSV path
                              as written, relative to the scenario file's directory */
    char *matrix_kind; /* "interdependency" (A*), "technical" (A) or "transactions" (Z) */
    /* by IO sector (a number for every sector, or default + matrix sector names): */
    ssim_scenario_nummap_t k_per_hour;     /* > 0: DIIM rate K; 0: from recovery_hours */
    ssim_scenario_nummap_t recovery_hours; /* > 0: time to 1% of the initial inoperability */
    size_t n_perturbed;                    /* iim/diim: perturbed sectors (matrix names) */
    char **perturbed;
    ssim_loc_t *perturbed_locs;
    size_t n_values; /* iim/diim: c* of each perturbed sector, numbers in [0, 1] */
    char **values;
    ssim_loc_t *value_locs;
    double start_hours; /* iim/diim: the perturbation is on over [start, end) */
    double end_hours;
} ssim_econ_params_t;

/* The set: section "economic", rows in economic_params.c. */
extern const ssim_scenario_params_t ssim_econ_param_set;

/* {&ssim_econ_param_set, NULL}: the .params of every model that reads it. */
extern const ssim_scenario_params_t *const ssim_econ_param_sets[];

/* The economic.* values of sc.  sc must have been loaded with a catalog that
 * lists the set (models/registry.h: ssim_model_catalog() does). */
static inline const ssim_econ_params_t *ssim_econ_params(const ssim_scenario_t *sc)
{
    return (const ssim_econ_params_t *)ssim_scenario_params(sc, &ssim_econ_param_set);
}

#endif
