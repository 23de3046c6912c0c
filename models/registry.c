#include "models/model.h"

#include <string.h>

extern const ssim_model_type_t ssim_model_supply_chain;

const ssim_model_type_t *const ssim_model_registry[] = {
    &ssim_model_supply_chain,
    NULL,
};

const ssim_model_type_t *ssim_model_find(const char *name)
{
    for (int i = 0; ssim_model_registry[i]; i++)
        if (strcmp(ssim_model_registry[i]->name, name) == 0)
            return ssim_model_registry[i];
    return NULL;
}
