#include "models/registry.h"

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
