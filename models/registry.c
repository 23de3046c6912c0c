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
