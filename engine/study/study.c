/* study — job loading and the common run call (study.h). */
#include "study/study.h"

#include "core/log.h"
#include "core/sha256.h"
#include "core/vocab.h"
#include "ssim_revision.h"
#include "ssim_version.h"
#include "study/split.h"

#include <stdio.h>

#include <string.h>
#include <sys/stat.h>

ssim_status_t ssim_study_job_load(ssim_study_job_t *job, const ssim_study_source_t *src)
{
    memset(job, 0, sizeof *job);
    ssim_status_t st = ssim_scenario_load(&job->sc, src->scenario_path, ssim_model_catalog());
    if (st == SSIM_OK)
        st = ssim_scenario_override(&job->sc, src->trials, src->have_seed, src->seed);
    if (st == SSIM_OK && src->network_dir)
        st = ssim_scenario_set_network(&job->sc, src->network_dir);
    if (st == SSIM_OK && src->summary_only)
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
    if (src->options_path && (st = ssim_scenario_load(&job->options_sc, src->options_path,
                                                      ssim_model_catalog())) == SSIM_OK)
        st = ssim_scenario_adopt_options(&job->sc, &job->options_sc);
    return st;
}

/* SSIM_EINVAL when output (stat'ed as out) is the file at input. */
static ssim_status_t not_same(const struct stat *out, const char *output, const char *input)
{
    struct stat in;
    if (input && stat(input, &in) == 0 && in.st_dev == out->st_dev && in.st_ino == out->st_ino)
        return ssim_error(SSIM_EINVAL, SSIM_LOC_NONE,
                          "-o %s: is the input %s; writing the results would destroy it", output,
                          input);
    return SSIM_OK;
}

ssim_status_t ssim_study_check_output_paths(const char *output, const char *const *inputs, size_t n,
                                            const char *network_dir)
{
    struct stat out;
    if (stat(output, &out) != 0)
        return SSIM_OK; /* a new file is no input */
    ssim_status_t st = SSIM_OK;
    for (size_t i = 0; st == SSIM_OK && i < n; i++)
        st = not_same(&out, output, inputs[i]);
    if (st == SSIM_OK) /* a network snapshot (a file) */
        st = not_same(&out, output, network_dir);
    char path[4096];
    for (int f = 0; st == SSIM_OK && f < SSIM_NET_N_FILES + SSIM_NET_N_OPT_FILES; f++) {
        const char *name =
            f < SSIM_NET_N_FILES
                ? ssim_network_file_name((ssim_net_file_t)f)
                : ssim_network_opt_file_name((ssim_net_opt_file_t)(f - SSIM_NET_N_FILES));
        int k = snprintf(path, sizeof path, "%s/%s", network_dir, name);
        if (k > 0 && (size_t)k < sizeof path)
            st = not_same(&out, output, path);
    }
    return st;
}

ssim_status_t ssim_study_check_output(const ssim_study_job_t *job, const char *output)
{
    const char *inputs[] = {job->sc.path, job->options_sc.path};
    return ssim_study_check_output_paths(output, inputs, 2, job->sc.network_dir);
}

void ssim_study_job_destroy(ssim_study_job_t *job)
{
    if (job->model && job->shared)
        job->model->release(job->shared);
    ssim_graph_destroy(&job->graph);
    ssim_network_destroy(&job->net);
    ssim_scenario_destroy(&job->sc);
    ssim_scenario_destroy(&job->options_sc);
    memset(job, 0, sizeof *job);
}

ssim_status_t ssim_study_run(const ssim_study_job_t *job, const ssim_model_ctx_t *ctx,
                             uint64_t trials, int flags, const ssim_run_opts_t *opts,
                             ssim_results_t *res, ssim_run_stats_t *stats)
{
    const ssim_scenario_t *sc = &job->sc;
    ssim_status_t st =
        ssim_results_init(res, trials ? trials : sc->trials, (size_t)ssim_vocab_sector.n,
                          ctx->net->n_operators, sc->horizon_hours, sc->output_step_hours, flags);
    if (st != SSIM_OK)
        return st;
    if ((st = ssim_split_run(job->split, job->model, ctx, res, opts, stats)) != SSIM_OK)
        ssim_results_destroy(res);
    return st;
}

void ssim_study_hash_network(ssim_sha256_t *h, const ssim_network_t *net)
{
    for (int f = 0; f < SSIM_NET_N_FILES; f++)
        ssim_study_hash_text(h, net->files[f].sha256);
    for (int f = 0; f < SSIM_NET_N_OPT_FILES; f++)
        ssim_study_hash_text(h, net->opt_files[f].path ? net->opt_files[f].sha256 : "-");
}

void ssim_study_hash_text(ssim_sha256_t *h, const char *s)
{
    s = s ? s : "";
    ssim_sha256_update(h, s, strlen(s) + 1);
}

void ssim_study_identity(const ssim_study_job_t *job, const char *command, char hex[65])
{
    ssim_sha256_t h;
    ssim_sha256_init(&h);
    ssim_study_hash_text(&h, "sectorsim identity 1");
    ssim_study_hash_text(&h, SSIM_VERSION);
    ssim_study_hash_text(&h, SSIM_GIT_REVISION);
    ssim_study_hash_text(&h, command);
    ssim_study_hash_text(&h, job->sc.resolved_json);
    char flags[96];
    snprintf(flags, sizeof flags, "per_trial=%d time_series=%d per_operator=%d events=%d",
             job->sc.output.per_trial, job->sc.output.time_series, job->sc.output.per_operator,
             job->sc.output.events);
    ssim_study_hash_text(&h, flags);
    ssim_study_hash_network(&h, &job->net);
    ssim_sha256_hex(&h, hex);
}
