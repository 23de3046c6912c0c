/* PLACEHOLDER — the synthetic generator is being written. */
#include "models/generator.h"

static const ssim_gen_param_t params[] = {{NULL, SSIM_GEN_INT, NULL, 0, 0, NULL}};

static ssim_status_t generate(const ssim_gen_args_t *args, ssim_netwrite_t *out)
{
    (void)args;
    (void)out;
    return ssim_error(SSIM_EINTERNAL, SSIM_LOC_NONE, "generator 'synthetic' is not built yet");
}

const ssim_generator_t ssim_generator_synthetic = {"synthetic", "(not built yet)", params, generate};
