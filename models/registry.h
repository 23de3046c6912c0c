/* models/registry — the list of propagation models (run/model.h).  The one
 * file that names every model; adding a model adds one line to registry.c. */
#ifndef SSIM_MODELS_REGISTRY_H
#define SSIM_MODELS_REGISTRY_H

#include "run/model.h"

/* NULL-terminated list of every model, in the order `sectorsim schema` and
 * the docs list them. */
extern const ssim_model_type_t *const ssim_model_registry[];

/* Model by name, or NULL. */
const ssim_model_type_t *ssim_model_find(const char *name);

/* Every result-column table: the base table, then each table a model may
 * add, once (NULL-terminated, static). */
const ssim_col_table_t *const *ssim_model_result_tables(void);

/* What the scenario loader accepts besides the core keys: every model's
 * name (the `model` key; the first, supply_chain, its default) and every
 * parameter set of the models, each once.  Static: built on the first call,
 * which must come from serial code (the loaders are serial). */
const ssim_scenario_catalog_t *ssim_model_catalog(void);

#endif
