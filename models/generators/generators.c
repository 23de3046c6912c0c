#include "models/generators/generator.h"

#include <string.h>

extern const ssim_generator_t ssim_generator_japan;
extern const ssim_generator_t ssim_generator_synthetic;
extern const ssim_generator_t ssim_generator_ba;
extern const ssim_generator_t ssim_generator_er;
extern const ssim_generator_t ssim_generator_sbm;
extern const ssim_generator_t ssim_generator_coupled_er;

const ssim_generator_t *const ssim_generator_registry[] = {
    &ssim_generator_japan,
    &ssim_generator_synthetic,
    &ssim_generator_ba,
    &ssim_generator_er,
    &ssim_generator_sbm,
    &ssim_generator_coupled_er,
    NULL,
};

const ssim_generator_t *ssim_generator_find(const char *name)
{
    for (int i = 0; ssim_generator_registry[i]; i++)
        if (strcmp(ssim_generator_registry[i]->name, name) == 0)
            return ssim_generator_registry[i];
    return NULL;
}

int ssim_generator_param_index(const ssim_generator_t *g, const char *name)
{
    for (int i = 0; g->params[i].name; i++)
        if (strcmp(g->params[i].name, name) == 0)
            return i;
    return -1;
}
