#include "cli/cli.h"

#include "core/log.h"

#include <string.h>

ssim_status_t cli_job_load(cli_job_t *job, const cli_opts_t *opts)
{
    memset(job, 0, sizeof *job);
    ssim_status_t st = ssim_scenario_load(&job->sc, opts->scenario_path);
    if (st == SSIM_OK)
        st = ssim_scenario_override(&job->sc, opts->trials, opts->have_seed, opts->seed);
    if (st == SSIM_OK && opts->network_dir)
        st = ssim_scenario_set_network(&job->sc, opts->network_dir);
    if (st == SSIM_OK && opts->summary_only)
        job->sc.output.per_trial = job->sc.output.time_series = 0;
    if (st != SSIM_OK)
        return st;
    job->model = ssim_model_find(job->sc.model);
    if (!job->model)
        return ssim_error(SSIM_EINVAL, (ssim_loc_t){job->sc.path, 0, 0}, "unknown model '%s'",
                          job->sc.model);
    ssim_debug("loading network %s", job->sc.network_dir);
    if ((st = ssim_network_load(&job->net, job->sc.network_dir)) != SSIM_OK)
        return st;
    if ((st = ssim_graph_build(&job->graph, &job->net)) != SSIM_OK)
        return st;
    job->ctx.net = &job->net;
    job->ctx.graph = &job->graph;
    job->ctx.sc = &job->sc;
    if ((st = job->model->prepare(&job->ctx, &job->shared)) != SSIM_OK)
        return st;
    job->ctx.shared = job->shared;
    return SSIM_OK;
}

void cli_job_destroy(cli_job_t *job)
{
    if (job->model && job->shared)
        job->model->release(job->shared);
    ssim_graph_destroy(&job->graph);
    ssim_network_destroy(&job->net);
    ssim_scenario_destroy(&job->sc);
    memset(job, 0, sizeof *job);
}
