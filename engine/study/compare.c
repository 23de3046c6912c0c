/* study/compare — see compare.h. */
#include "study/compare.h"

#include "core/log.h"
#include "core/vocab.h"
#include "models/regulation/variant.h"

#include <math.h>
#include <string.h>

/* Baseline quantities kept for the paired reductions (borrowed from its results). */
typedef struct {
    const double *ch;           /* length T: baseline person-hours affected per trial */
    const double *yen;          /* length T: baseline value of lost service per trial */
    const ssim_op_accum_t *ops; /* baseline per-operator statistics */
} base_t;

/* Row i's risk measures from an option's (or the baseline's) results.  The
 * economic loss is the `economic_loss` column's, when the run has it. */
static void fill_risk(ssim_compare_t *c, size_t i, const ssim_results_t *res)
{
    const ssim_summary_t *total = ssim_results_stats(res, SSIM_COL_PRIMARY);
    const ssim_summary_t *sector = ssim_results_stats(res, SSIM_COL_SECTOR_SERVICE);
    int loss = ssim_results_find(res, "economic_loss");
    const ssim_summary_t *econ = loss >= 0 ? ssim_results_stats(res, loss) : NULL;
    c->mean[i] = total->mean;
    c->p95[i] = total->quantile[3]; /* ssim_quantile_levels[3] = 0.95 */
    c->p99[i] = total->quantile[4]; /* 0.99 */
    c->cvar95[i] = total->cvar95;
    c->yen_mean[i] = ssim_results_stats(res, SSIM_COL_LOSS_YEN)->mean;
    c->p_multi[i] = ssim_results_mean(res, SSIM_COL_MAX_SECTORS_OUT)[0];
    c->econ_mean[i] = econ ? econ->mean : NAN;
    c->econ = econ != NULL;
    c->ops_compromised[i] = ssim_results_mean(res, SSIM_COL_OPERATORS_COMPROMISED)[0];
    for (size_t s = 0; s < c->n_sectors; s++)
        c->sector_mean[i * c->n_sectors + s] = sector[s].mean;
    if (c->people_hours)
        memcpy(c->people_hours + i * c->n_trials, ssim_results_f64(res, SSIM_COL_PRIMARY),
               c->n_trials * sizeof(double));
}

/* Row i's paired difference to the baseline and the operators it changed. */
static void fill_paired(ssim_compare_t *c, size_t i, const base_t *b, const ssim_results_t *res)
{
    ssim_paired_t p;
    ssim_paired_compute(&p, b->yen, ssim_results_f64(res, SSIM_COL_LOSS_YEN), res->n_trials);
    c->yen_diff_mean[i] = p.mean;
    c->yen_diff_lo[i] = p.ci_low;
    c->yen_diff_hi[i] = p.ci_high;
    ssim_paired_compute(&p, b->ch, ssim_results_f64(res, SSIM_COL_PRIMARY), res->n_trials);
    c->diff_mean[i] = p.mean;
    c->diff_se[i] = p.se;
    c->diff_lo[i] = p.ci_low;
    c->diff_hi[i] = p.ci_high;
    c->unpaired_se[i] = p.unpaired_se;
    c->max_abs_diff[i] = p.max_abs;
    c->per_burden[i] = c->burden[i] > 0 ? p.mean / (c->burden[i] / 1e9) : NAN;
    c->ops_changed[i] = 0;
    double T = (double)res->n_trials;
    for (size_t o = 0; o < res->n_operators && T > 0; o++) {
        size_t k = i * c->n_operators + o;
        c->op_p_compromised[k] = res->ops.n_compromised[o] / T;
        c->op_p_out[k] = res->ops.n_out[o] / T;
        c->op_outage_hours[k] = (double)res->ops.outage_ms[o] * 1e-3 / T;
    }
    for (size_t o = 0; o < res->n_operators; o++)
        c->ops_changed[i] += b->ops->n_compromised[o] != res->ops.n_compromised[o] ||
                             b->ops->n_out[o] != res->ops.n_out[o] ||
                             b->ops->outage_ms[o] != res->ops.outage_ms[o];
}

/* Row i's static burden from its variant: one-off costs annualised with the
 * scenario's burden.life_years and burden.discount_rate, so that every burden
 * column is yen per year. */
static void fill_burden(ssim_compare_t *c, size_t i, const ssim_burden_t *bu,
                        const ssim_scenario_t *sc)
{
    size_t S = c->n_sectors;
    double crf = ssim_burden_recovery_factor(sc->burden.life_years, sc->burden.discount_rate);
    c->burden_oneoff[i] = bu->oneoff_total;
    c->burden_recurring[i] = bu->recurring_total;
    c->burden[i] = bu->recurring_total + bu->oneoff_total * crf;
    for (size_t s = 0; s < S; s++) {
        c->replaced[i * S + s] = bu->replaced[s];
        c->blocked[i * S + s] = bu->blocked[s];
        c->held_days[i * S + s] = bu->held_days[s];
        c->patch_days[i * S + s] = bu->patch_days[s];
        c->regulated[i * S + s] = bu->regulated[s];
        c->buffer_hours[i * S + s] = bu->buffer_hours[s];
        for (size_t l = 0; l < c->n_levers; l++) {
            double yearly = bu->cost[l][s] - bu->oneoff[l][s] + bu->oneoff[l][s] * crf;
            c->burden_lever[i * c->n_levers + l] += yearly;
            c->burden_sector[i * S + s] += yearly;
        }
    }
}

/* Storage of a run: the options' runs keep only what the comparison reads
 * (lean storage, per-operator statistics for ops_changed); the baseline
 * keeps its per-trial rows when the file has them (output.per_trial). */
static int flags_for(const ssim_study_job_t *job, int baseline)
{
    return ssim_results_flags(baseline && job->sc.output.per_trial, 0, 1);
}

/* Run option i (1-based row) on its variant and fill its row. */
static ssim_status_t run_option(const ssim_study_job_t *job, const ssim_run_opts_t *opts, size_t i,
                                const base_t *b, ssim_compare_t *c)
{
    const ssim_scenario_option_t *opt = &job->sc.options[i - 1];
    ssim_variant_t v;
    ssim_results_t res;
    void *shared = NULL;
    memset(&res, 0, sizeof res);
    ssim_status_t st = ssim_variant_build(&v, &job->net, &job->graph, &job->sc, opt);
    if (st != SSIM_OK)
        return st;
    ssim_model_ctx_t ctx = {&v.net, &v.graph, &job->sc, NULL, &v};
    if ((st = job->model->prepare(&ctx, &shared)) == SSIM_OK)
        ctx.shared = shared;
    ssim_run_stats_t stats = {0};
    if (st == SSIM_OK) {
        ssim_info("option %zu/%zu: %s", i, job->sc.n_options, opt->name);
        st = ssim_study_run(job, &ctx, 0, flags_for(job, 0), opts, &res, &stats);
    }
    if (st == SSIM_OK) {
        c->names[i] = opt->name;
        fill_burden(c, i, &v.burden, &job->sc);
        fill_risk(c, i, &res);
        fill_paired(c, i, b, &res);
        ssim_results_destroy(&res);
    }
    if (shared)
        job->model->release(shared);
    ssim_variant_destroy(&v);
    return st;
}

ssim_status_t ssim_study_compare_check(const ssim_study_job_t *job)
{
    ssim_loc_t loc = {job->sc.path, 0, 0};
    if (!(job->model->caps & SSIM_MODEL_CAP_VARIANTS))
        return ssim_error(SSIM_EINVAL, loc,
                          "compare needs a model that runs regulation options (supply_chain); "
                          "model %s does not",
                          job->model->name);
    if (job->sc.n_options == 0)
        return ssim_error(SSIM_EINVAL, loc,
                          "compare: the scenario has no options (add an `options:` list)");
    return SSIM_OK;
}

/* Lever names in lever order (static: c->lever_names borrows them). */
static const char **lever_names(void)
{
    static const char *names[SSIM_N_LEVERS];
    for (int l = 0; l < SSIM_N_LEVERS; l++)
        names[l] = ssim_scenario_lever_name(l);
    return names;
}

ssim_status_t ssim_study_compare(ssim_study_job_t *job, const ssim_run_opts_t *opts,
                                 ssim_compare_t *c, ssim_results_t *res, ssim_run_stats_t *stats)
{
    memset(res, 0, sizeof *res);
    ssim_status_t st =
        ssim_compare_init(c, job->sc.n_options + 1, (size_t)ssim_vocab_sector.n, SSIM_N_LEVERS,
                          job->net.n_operators, job->sc.trials, job->sc.output.per_trial);
    c->lever_names = lever_names();
    if (st == SSIM_OK)
        st = ssim_study_run(job, &job->ctx, 0, flags_for(job, 1), opts, res, stats);
    if (st != SSIM_OK)
        return st;
    base_t b = {ssim_results_f64(res, SSIM_COL_PRIMARY), ssim_results_f64(res, SSIM_COL_LOSS_YEN),
                &res->ops};
    c->names[0] = "baseline";
    fill_risk(c, 0, res);
    fill_paired(c, 0, &b, res);
    for (size_t i = 1; st == SSIM_OK && i < c->n_options; i++)
        st = run_option(job, opts, i, &b, c);
    if (st == SSIM_OK)
        ssim_compare_frontier(c);
    return st;
}
