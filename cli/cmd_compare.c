/* The compare subcommand: parse, load the job, run the comparison study
 * (study/compare.h), print its table, write the file. */
#include "cli/cli.h"

#include "core/log.h"
#include "io/h5.h"
#include "study/compare.h"

#include <string.h>

static void print_sectors(FILE *out, const ssim_network_t *net, const ssim_scenario_t *sc,
                          const ssim_compare_t *c)
{
    fprintf(out, "\n  expected lost service by sector, each in its own unit\n  %-26s", "option");
    for (size_t s = 0; s < c->n_sectors; s++)
        fprintf(out, " %11.11s", ssim_vocab_sector.names[s]);
    fprintf(out, "\n");
    for (size_t i = 0; i < c->n_options; i++) {
        fprintf(out, "  %-26s", c->names[i]);
        for (size_t s = 0; s < c->n_sectors; s++)
            fprintf(out, " %11.4g", c->sector_mean[i * c->n_sectors + s]);
        fprintf(out, "\n");
    }
    fprintf(out, "  units:");
    for (size_t s = 0; s < c->n_sectors; s++)
        fprintf(out, "%s %s: %s", s ? ";" : "", ssim_vocab_sector.names[s],
                ssim_network_sector(net, (int)s).service_unit);
    fprintf(out, "\n");
    fprintf(out,
            "\n  burden (yen per year) by lever; one-off costs annualised over %g years at %g%%, "
            "then the one-off (yen) and recurring (yen per year) totals\n  %-26s",
            sc->burden.life_years, 100 * sc->burden.discount_rate, "option");
    for (size_t l = 0; l < c->n_levers; l++)
        fprintf(out, " %14.14s", c->lever_names[l]);
    fprintf(out, " %14s %14s\n", "one-off", "recurring");
    for (size_t i = 0; i < c->n_options; i++) {
        fprintf(out, "  %-26s", c->names[i]);
        for (size_t l = 0; l < c->n_levers; l++)
            fprintf(out, " %14.4g", c->burden_lever[i * c->n_levers + l]);
        fprintf(out, " %14.4g %14.4g\n", c->burden_oneoff[i], c->burden_recurring[i]);
    }
}

static void print_table(FILE *out, const ssim_network_t *net, const ssim_scenario_t *sc,
                        const ssim_compare_t *c)
{
    fprintf(out,
            "Comparison over %llu trials on common random numbers, given the incident "
            "(person-hours affected, each resident counted once; burden in yen per year, one-off "
            "costs annualised; "
            "reduction = baseline - option, paired)\n",
            (unsigned long long)c->n_trials);
    fprintf(out, "  %-26s %11s %11s %11s %11s %8s %9s %10s %11s %23s %9s %9s %11s %9s %5s %s\n",
            "option", "E[person-h]", "p95", "p99", "CVaR95", "P(multi)", "E[comp]", "burden",
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
    fprintf(out, "\n  value of lost service, yen (sector weights: network sectors.csv)\n");
    fprintf(out, "  %-26s %14s %14s %31s\n", "option", "E[loss]", "reduction", "95% CI (paired)");
    for (size_t i = 0; i < c->n_options; i++)
        fprintf(out, "  %-26s %14.5g %14.5g %14.5g .. %-14.5g\n", c->names[i], c->yen_mean[i],
                c->yen_diff_mean[i], c->yen_diff_lo[i], c->yen_diff_hi[i]);
    if (c->econ) {
        fprintf(out, "\n  expected economic loss (yen):");
        for (size_t i = 0; i < c->n_options; i++)
            fprintf(out, "%s %s %.4g", i ? "," : "", c->names[i], c->econ_mean[i]);
        fprintf(out, "\n");
    }
    print_sectors(out, net, sc, c);
}

int cli_cmd_compare(const cli_command_t *cmd, int argc, char **argv, const char *command_line)
{
    cli_opts_t opts;
    cli_parse_t r = cli_parse_job_opts(cmd, argc, argv, &opts);
    if (r != CLI_PARSE_END)
        return cli_parse_exit_code(r);
    ssim_status_t st;
    if (!opts.output_path)
        return ssim_status_exit_code(
            ssim_error(SSIM_EINVAL, SSIM_LOC_NONE, "compare: -o OUT.h5 is required"));
    ssim_log_set_level(opts.quiet ? SSIM_LOG_QUIET : SSIM_LOG_NORMAL);
    ssim_study_job_t job;
    ssim_compare_t c;
    ssim_results_t res;
    memset(&job, 0, sizeof job);
    memset(&c, 0, sizeof c);
    memset(&res, 0, sizeof res);
    ssim_split_t split;
    memset(&split, 0, sizeof split);
    cli_install_signal_handlers();
    st = cli_check_output_path(opts.output_path);
    if (st == SSIM_OK)
        st = cli_split_setup("compare", opts.output_path, &opts.split, &split);
    if (st == SSIM_OK)
        st = ssim_study_job_load(&job, &opts.src);
    if (st == SSIM_OK)
        st = ssim_study_check_output(&job, opts.output_path);
    if (st == SSIM_OK)
        st = ssim_study_compare_check(&job);
    if (st == SSIM_OK) {
        char identity[65];
        job.split = &split;
        ssim_study_identity(&job, "compare", identity);
        st = ssim_split_set_identity(&split, identity);
    }
    ssim_run_opts_t ro = {.threads = opts.threads, .progress = !opts.quiet};
    ssim_run_stats_t stats = {0};
    if (st == SSIM_OK) {
        ssim_info("%s: baseline and %zu options, %llu trials each (seed %llu) -> %s", job.sc.path,
                  job.sc.n_options, (unsigned long long)job.sc.trials,
                  (unsigned long long)job.sc.seed, opts.output_path);
        st = ssim_study_compare(&job, &ro, &c, &res, &stats);
    }
    if (st == SSIM_OK && cli_split_finish(&split, opts.output_path, &st)) {
        print_table(stdout, &job.net, &job.sc, &c);
        fflush(stdout);
        ssim_run_info_t info = {command_line, job.model->name, stats.threads, stats.elapsed,
                                stats.events};
        st = ssim_h5_write_compare(opts.output_path, &job.sc, &job.net, &res, &info, &c);
        if (st == SSIM_OK)
            ssim_info("wrote %s", opts.output_path);
        if (st == SSIM_OK)
            ssim_split_done(&split);
    }
    ssim_results_destroy(&res);
    ssim_compare_destroy(&c);
    ssim_study_job_destroy(&job);
    cli_split_destroy(&split);
    return ssim_status_exit_code(st);
}
