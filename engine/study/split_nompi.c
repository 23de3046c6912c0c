/* study/split_nompi — the MPI entry points of a build without MPI (split.h):
 * a run under mpirun with more than one rank is refused. */
#include "study/split.h"

#include <stdlib.h>

ssim_status_t ssim_mpi_init(int *argc, char ***argv, int *rank, int *size)
{
    (void)argc;
    (void)argv;
    *rank = 0;
    *size = 1;
    return ssim_error(SSIM_EINVAL, SSIM_LOC_NONE,
                      "this sectorsim was built without MPI, but mpirun started it with several "
                      "ranks: install libopenmpi-dev and rebuild (./setup.sh), or run one "
                      "process");
}

void ssim_mpi_finalize(int ok) { (void)ok; }

ssim_status_t ssim_mpi_run(ssim_split_t *sp, const ssim_model_type_t *model,
                           const ssim_model_ctx_t *ctx, ssim_results_t *res,
                           const ssim_run_opts_t *opts, ssim_run_stats_t *stats)
{
    (void)sp;
    (void)model;
    (void)ctx;
    (void)res;
    (void)opts;
    (void)stats;
    return ssim_error(SSIM_EINTERNAL, SSIM_LOC_NONE, "built without MPI");
}

ssim_status_t ssim_mpi_same_identity(const char *identity)
{
    (void)identity;
    return SSIM_OK;
}
