/* The compare subcommand: the baseline and every regulation option of the
 * scenario on common random numbers (docs/regulation.md).
 *
 *   load scenario, network, graph, baseline model  (cli_job_load)
 *   run the baseline                                (ssim_run_trials)
 *   for each option: build its variant, prepare the model on it, run the
 *     same trials with the same seed, and reduce against the baseline in
 *     trial order (paired difference, unpaired SE, tails, burden)
 *   mark the risk/burden frontier, print the table
 *
 * Every statistic is a reduction in trial order after the runs, so the
 * output does not depend on the thread count. */
#include "cli/cli.h"

#include "core/alloc.h"
#include "core/log.h"
#include "core/vocab.h"
#include "io/h5.h"
#include "models/options.h"
#include "results/compare.h"
#include "run/run.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Baseline quantities kept for the paired reductions (borrowed from its results). */
typedef struct {
    const double *ch;           /* length T: baseline customer-hours per trial */
    const ssim_op_accum_t *ops; /* baseline per-operator statistics */
} base_t;

/* Row i's risk measures from an option's (or the baseline's) results. */
static void fill_risk(ssim_compare_t *c, size_t i, const ssim_results_t *res)
{
    c->mean[i] = res->total.mean;
    c->p95[i] = res->total.quantile[3];
    c->p99[i] = res->total.quantile[4];
    c->cvar95[i] = res->total.cvar95;
    c->p_multi[i] = res->p_multi_sector;
    c->econ_mean[i] = res->econ_loss ? res->econ_total.mean : NAN;
    c->econ = res->econ_loss != NULL;
    c->ops_compromised[i] = res->operators_compromised_mean;
    for (size_t s = 0; s < c->n_sectors; s++)
        c->sector_mean[i * c->n_sectors + s] = res->sector[s].mean;
    if (c->customer_hours)
        memcpy(c->customer_hours + i * c->n_trials, res->customer_hours,
               c->n_trials * sizeof *res->customer_hours);
}

/* Row i's paired difference to the baseline and the operators it changed. */
static void fill_paired(ssim_compare_t *c, size_t i, const base_t *b, const ssim_results_t *res)
{
    ssim_paired_t p;
    ssim_paired_compute(&p, b->ch, res->customer_hours, res->n_trials);
    c->diff_mean[i] = p.mean;
    c->diff_se[i] = p.se;
    c->diff_lo[i] = p.ci_low;
    c->diff_hi[i] = p.ci_high;
    c->unpaired_se[i] = p.unpaired_se;
    c->max_abs_diff[i] = p.max_abs;
    c->per_burden[i] = c->burden[i] > 0 ? p.mean / (c->burden[i] / 1e9) : NAN;
    c->ops_changed[i] = 0;
    for (size_t o = 0; o < res->n_operators; o++)
        c->ops_changed[i] += b->ops->n_compromised[o] != res->ops.n_compromised[o] ||
                             b->ops->n_out[o] != res->ops.n_out[o] ||
                             b->ops->outage_ms[o] != res->ops.outage_ms[o];
}

/* Row i's static burden from its variant. */
static void fill_burden(ssim_compare_t *c, size_t i, const ssim_burden_t *bu)
{
    size_t S = c->n_sectors;
    c->burden[i] = bu->total;
    for (size_t s = 0; s < S; s++) {
        c->replaced[i * S + s] = bu->replaced[s];
        c->blocked[i * S + s] = bu->blocked[s];
        c->held_days[i * S + s] = bu->held_days[s];
        c->patch_days[i * S + s] = bu->patch_days[s];
        c->regulated[i * S + s] = bu->regulated[s];
        c->buffer_hours[i * S + s] = bu->buffer_hours[s];
        for (size_t l = 0; l < c->n_levers; l++) {
            c->burden_lever[i * c->n_levers + l] += bu->cost[l][s];
            c->burden_sector[i * S + s] += bu->cost[l][s];
        }
    }
}

/* Result storage for a run of the comparison: the options' runs keep only
 * what the comparison reads (lean storage); the baseline keeps its per-trial
 * rows when the file has them (output.per_trial). */
static ssim_status_t results_for(ssim_results_t *res, const cli_job_t *job, int baseline)
{
    return ssim_results_init(res, job->sc.trials, (size_t)ssim_vocab_sector.n, job->net.n_operators,
                             job->sc.horizon_hours, job->sc.output_step_hours,
                             ssim_results_flags(baseline && job->sc.output.per_trial, 0, 1));
}

/* Run option i (1-based row) on its variant and fill its row. */
static ssim_status_t run_option(cli_job_t *job, const cli_opts_t *opts, size_t i, const base_t *b,
                                ssim_compare_t *c)
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
    if ((st = job->model->prepare(&ctx, &shared)) == SSIM_OK) {
        ctx.shared = shared;
        st = results_for(&res, job, 0);
    }
    ssim_run_opts_t ro = {.threads = opts->threads, .progress = !opts->quiet};
    ssim_run_stats_t stats = {0};
    if (st == SSIM_OK) {
        ssim_info("option %zu/%zu: %s", i, job->sc.n_options, opt->name);
        st = ssim_run_trials(job->model, &ctx, &res, &ro, &stats);
    }
    if (st == SSIM_OK) {
        c->names[i] = opt->name;
        fill_burden(c, i, &v.burden);
        fill_risk(c, i, &res);
        fill_paired(c, i, b, &res);
    }
    ssim_results_destroy(&res);
    if (shared)
        job->model->release(shared);
    ssim_variant_destroy(&v);
    return st;
}

static void print_sectors(FILE *out, const ssim_compare_t *c)
{
    fprintf(out, "\n  E[customer-hours] by sector\n  %-26s", "option");
    for (size_t s = 0; s < c->n_sectors; s++)
        fprintf(out, " %11.11s", ssim_vocab_sector.names[s]);
    fprintf(out, "\n");
    for (size_t i = 0; i < c->n_options; i++) {
        fprintf(out, "  %-26s", c->names[i]);
        for (size_t s = 0; s < c->n_sectors; s++)
            fprintf(out, " %11.4g", c->sector_mean[i * c->n_sectors + s]);
        fprintf(out, "\n");
    }
    fprintf(out, "\n  burden (yen per year) by lever\n  %-26s", "option");
    for (size_t l = 0; l < c->n_levers; l++)
        fprintf(out, " %14.14s", c->lever_names[l]);
    fprintf(out, "\n");
    for (size_t i = 0; i < c->n_options; i++) {
        fprintf(out, "  %-26s", c->names[i]);
        for (size_t l = 0; l < c->n_levers; l++)
            fprintf(out, " %14.4g", c->burden_lever[i * c->n_levers + l]);
        fprintf(out, "\n");
    }
}

static void print_table(FILE *out, const ssim_compare_t *c)
{
    fprintf(out,
            "Comparison over %llu trials on common random numbers (customer-hours of lost "
            "service; burden in yen per year; reduction = baseline - option, paired)\n",
            (unsigned long long)c->n_trials);
    fprintf(out, "  %-26s %11s %11s %11s %11s %8s %9s %10s %11s %23s %9s %9s %11s %9s %5s %s\n",
            "option", "E[cust-h]", "p95", "p99", "CVaR95", "P(multi)", "E[comp]", "burden",
            "reduction", "95% CI (paired)", "SE pair", "SE unpair", "red/1e9yen", "max|d|", "ops",
            "frontier");
    for (size_t i = 0; i < c->n_options; i++) {
        char ci[64];
        snprintf(ci, sizeof ci, "%.4g .. %.4g", c->diff_lo[i], c->diff_hi[i]);
        fprintf(out,
                "  %-26s %11.5g %11.5g %11.5g %11.5g %8.4f %9.4g %10.4g %11.5g %23s %9.3g "
                "%9.3g %11.4g %9.3g %5llu %s\n",
                c->names[i], c->mean[i], c->p95[i], c->p99[i], c->cvar95[i], c->p_multi[i],
                c->ops_compromised[i], c->burden[i], c->diff_mean[i], i ? ci : "-", c->diff_se[i],
                c->unpaired_se[i], c->per_burden[i], c->max_abs_diff[i],
                (unsigned long long)c->ops_changed[i], c->frontier[i] ? "*" : "");
    }
    if (c->econ) {
        fprintf(out, "\n  expected economic loss (yen):");
        for (size_t i = 0; i < c->n_options; i++)
            fprintf(out, "%s %s %.4g", i ? "," : "", c->names[i], c->econ_mean[i]);
        fprintf(out, "\n");
    }
    print_sectors(out, c);
}

static ssim_status_t compare_job(cli_job_t *job, const cli_opts_t *opts, const char *output,
                                 const char *command_line)
{
    ssim_compare_t c;
    ssim_results_t res;
    const char *lever_names[SSIM_N_LEVERS];
    memset(&res, 0, sizeof res);
    ssim_status_t st = ssim_compare_init(&c, job->sc.n_options + 1, (size_t)ssim_vocab_sector.n,
                                         SSIM_N_LEVERS, job->sc.trials, job->sc.output.per_trial);
    for (int l = 0; l < SSIM_N_LEVERS; l++)
        lever_names[l] = ssim_scenario_lever_name(l);
    c.lever_names = lever_names;
    if (st == SSIM_OK)
        st = results_for(&res, job, 1);
    ssim_run_opts_t ro = {.threads = opts->threads, .progress = !opts->quiet};
    ssim_run_stats_t stats = {0};
    if (st == SSIM_OK) {
        ssim_info("%s: baseline and %zu options, %llu trials each (seed %llu) -> %s", job->sc.path,
                  job->sc.n_options, (unsigned long long)job->sc.trials,
                  (unsigned long long)job->sc.seed, output);
        st = ssim_run_trials(job->model, &job->ctx, &res, &ro, &stats);
    }
    base_t b = {res.customer_hours, &res.ops};
    if (st == SSIM_OK) {
        c.names[0] = "baseline";
        fill_risk(&c, 0, &res);
        fill_paired(&c, 0, &b, &res);
    }
    for (size_t i = 1; st == SSIM_OK && i < c.n_options; i++)
        st = run_option(job, opts, i, &b, &c);
    if (st == SSIM_OK) {
        ssim_compare_frontier(&c);
        print_table(stdout, &c);
        fflush(stdout);
        ssim_run_info_t info = {command_line, job->model->name, stats.threads, stats.elapsed,
                                stats.events};
        st = ssim_h5_write_compare(output, &job->sc, &job->net, &res, &info, &c);
        if (st == SSIM_OK)
            ssim_info("wrote %s", output);
    }
    ssim_results_destroy(&res);
    ssim_compare_destroy(&c);
    return st;
}

int cli_cmd_compare(int argc, char **argv, const char *command_line)
{
    cli_opts_t opts;
    ssim_status_t st = cli_parse_job_opts(argc, argv, "compare", 1, &opts);
    if (st != SSIM_OK)
        return ssim_status_exit_code(st);
    if (!opts.output_path)
        return ssim_status_exit_code(
            ssim_error(SSIM_EINVAL, SSIM_LOC_NONE, "compare: -o OUT.h5 is required"));
    ssim_log_set_level(opts.quiet ? SSIM_LOG_QUIET : SSIM_LOG_NORMAL);
    cli_job_t job;
    ssim_scenario_t shared_options; /* --options FILE */
    memset(&job, 0, sizeof job);
    memset(&shared_options, 0, sizeof shared_options);
    st = cli_check_output_path(opts.output_path);
    if (st == SSIM_OK)
        st = cli_job_load(&job, &opts);
    if (st == SSIM_OK && opts.options_path &&
        (st = ssim_scenario_load(&shared_options, opts.options_path)) == SSIM_OK)
        st = ssim_scenario_adopt_options(&job.sc, &shared_options);
    if (st == SSIM_OK && strcmp(job.sc.model, "supply_chain") != 0)
        st = ssim_error(SSIM_EINVAL, (ssim_loc_t){job.sc.path, 0, 0},
                        "compare needs model supply_chain (got %s)", job.sc.model);
    if (st == SSIM_OK && job.sc.n_options == 0)
        st = ssim_error(SSIM_EINVAL, (ssim_loc_t){job.sc.path, 0, 0},
                        "compare: the scenario has no options (add an `options:` list)");
    if (st == SSIM_OK)
        st = compare_job(&job, &opts, opts.output_path, command_line);
    cli_job_destroy(&job);
    ssim_scenario_destroy(&shared_options);
    return ssim_status_exit_code(st);
}
