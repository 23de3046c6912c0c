/* The risk subcommand: parse, load the catalogue, run the risk study
 * (study/risk.h), print its tables, write the file. */
#include "cli/cli.h"

#include "core/log.h"
#include "io/h5.h"
#include "study/risk.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    const char *catalogue, *output, *options;
    uint64_t years, seed;
    int have_seed, threads, quiet;
    cli_split_opts_t split;
} risk_opts_t;

static cli_parse_t parse(const cli_command_t *cmd, int argc, char **argv, risk_opts_t *o)
{
    memset(o, 0, sizeof *o);
    cli_parser_t p;
    cli_parser_init(&p, cmd, NULL, argc, argv);
    cli_parse_t r;
    while ((r = cli_parser_next(&p)) == CLI_PARSE_OPTION) {
        ssim_status_t st = SSIM_OK;
        uint64_t n;
        switch (p.opt->id) {
        case CLI_OPT_OUTPUT:
            o->output = p.value;
            break;
        case CLI_OPT_YEARS:
            st = cli_parse_u64("--years", p.value, 1, SSIM_CATALOGUE_MAX_YEARS, &o->years);
            break;
        case CLI_OPT_SEED:
            st = cli_parse_u64("--seed", p.value, 0, UINT64_MAX, &o->seed);
            o->have_seed = st == SSIM_OK;
            break;
        case CLI_OPT_THREADS:
            if ((st = cli_parse_u64("--threads", p.value, 1, 1024, &n)) == SSIM_OK)
                o->threads = (int)n;
            break;
        case CLI_OPT_OPTIONS:
            o->options = p.value;
            break;
        case CLI_OPT_QUIET:
            o->quiet = 1;
            break;
        default:
            if (cli_split_option(&p, &o->split, &st))
                break;
            st = ssim_error(SSIM_EINTERNAL, SSIM_LOC_NONE, "risk: --%s is not handled (a bug)",
                            p.opt->name);
        }
        if (st != SSIM_OK)
            return st == SSIM_EINVAL ? CLI_PARSE_USAGE : CLI_PARSE_BUG;
    }
    if (r == CLI_PARSE_END)
        o->catalogue = p.args[0];
    return r;
}

int cli_cmd_risk(const cli_command_t *cmd, int argc, char **argv, const char *command_line)
{
    risk_opts_t o;
    cli_parse_t pr = parse(cmd, argc, argv, &o);
    if (pr != CLI_PARSE_END)
        return cli_parse_exit_code(pr);
    if (!o.output)
        return ssim_status_exit_code(
            ssim_error(SSIM_EINVAL, SSIM_LOC_NONE, "risk: -o OUT.h5 is required"));
    ssim_log_set_level(o.quiet ? SSIM_LOG_QUIET : SSIM_LOG_NORMAL);
    ssim_risk_job_t job;
    ssim_risk_t r;
    memset(&job, 0, sizeof job);
    memset(&r, 0, sizeof r);
    ssim_split_t split;
    memset(&split, 0, sizeof split);
    cli_install_signal_handlers();
    ssim_status_t st = cli_check_output_path(o.output);
    if (st == SSIM_OK)
        st = cli_split_setup("risk", o.output, &o.split, &split);
    if (st == SSIM_OK)
        st = ssim_risk_job_load(&job, o.catalogue, o.years, o.have_seed, o.seed, o.options);
    if (st == SSIM_OK)
        st = ssim_risk_check_output(&job, o.output);
    if (st == SSIM_OK) {
        char identity[65];
        job.split = &split;
        ssim_risk_identity(&job, identity);
        st = ssim_split_set_identity(&split, identity);
    }
    ssim_run_opts_t ro = {.threads = o.threads, .progress = !o.quiet};
    ssim_run_stats_t stats = {0};
    if (st == SSIM_OK)
        st = ssim_risk_run(&job, &ro, &r, &stats);
    if (st == SSIM_OK && cli_split_finish(&split, o.output, &st)) {
        const char *units[2 + SSIM_MAX_SECTORS] = {"JPY", "person h"};
        for (size_t q = 0; q < r.n_sectors; q++)
            units[SSIM_RISK_M_SECTOR + q] = ssim_network_sector(&job.net, (int)q).service_unit;
        cli_print_risk(stdout, &r, job.cat.seed, units);
        fflush(stdout);
        const ssim_scenario_t **cls = malloc(job.cat.n_classes * sizeof *cls);
        if (!cls)
            st = ssim_error(SSIM_ENOMEM, SSIM_LOC_NONE, "out of memory");
        for (size_t c = 0; cls && c < job.cat.n_classes; c++)
            cls[c] = &job.cls[c].sc;
        ssim_h5_risk_inputs_t in = {&job.cat, cls, job.options_sc.path ? &job.options_sc : NULL,
                                    &job.net};
        ssim_run_info_t info = {command_line, "catalogue", stats.threads, stats.elapsed,
                                stats.events};
        if (st == SSIM_OK)
            st = ssim_h5_write_risk(o.output, &in, &r, &info);
        if (st == SSIM_OK)
            ssim_info("wrote %s", o.output);
        if (st == SSIM_OK)
            ssim_split_done(&split);
        free(cls);
    }
    ssim_risk_destroy(&r);
    ssim_risk_job_destroy(&job);
    cli_split_destroy(&split);
    return ssim_status_exit_code(st);
}
