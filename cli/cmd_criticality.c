/* The criticality subcommand: load the job, run the criticality study (one
 * run per supplier as the only origin, on common random numbers:
 * study/criticality.h), print the ranked table, write the CSV. */
#include "cli/cli.h"

#include "analysis/criticality.h"
#include "study/criticality.h"
#include "core/alloc.h"
#include "core/log.h"

#include <stdlib.h>
#include <string.h>

int cli_cmd_criticality(const cli_command_t *cmd, int argc, char **argv, const char *command_line)
{
    (void)command_line;
    cli_opts_t opts;
    cli_parse_t r = cli_parse_job_opts(cmd, argc, argv, &opts);
    if (r != CLI_PARSE_END)
        return cli_parse_exit_code(r);
    ssim_status_t st;
    ssim_log_set_level(opts.quiet ? SSIM_LOG_QUIET : SSIM_LOG_NORMAL);
    opts.src.summary_only = 1;
    ssim_study_job_t job;
    ssim_crit_row_t *rows = NULL;
    ssim_split_t split;
    memset(&split, 0, sizeof split);
    cli_install_signal_handlers();
    st = ssim_study_job_load(&job, &opts.src);
    if (st == SSIM_OK && opts.output_path)
        st = cli_check_output_path(opts.output_path);
    if (st == SSIM_OK && !opts.output_path && (opts.split.parts || opts.split.every))
        st = ssim_error(SSIM_EINVAL, SSIM_LOC_NONE,
                        "criticality: --part and --checkpoint need -o (the shard or the CSV "
                        "file beside which the checkpoint goes)");
    if (st == SSIM_OK)
        st = cli_split_setup("criticality", opts.output_path ? opts.output_path : "criticality",
                             &opts.split, &split);
    if (st == SSIM_OK && opts.output_path)
        st = ssim_study_check_output(&job, opts.output_path);
    if (st == SSIM_OK)
        st = ssim_study_criticality_check(&job);
    if (st == SSIM_OK) {
        char identity[65];
        job.split = &split;
        ssim_study_identity(&job, "criticality", identity);
        st = ssim_split_set_identity(&split, identity);
    }
    if (st == SSIM_OK && !(rows = ssim_calloc(job.net.n_suppliers ? job.net.n_suppliers : 1,
                                              sizeof *rows, "criticality rows")))
        st = SSIM_ENOMEM;
    if (st == SSIM_OK) {
        ssim_info("criticality: %zu suppliers x %llu trials of '%s' (seed %llu)",
                  job.net.n_suppliers, (unsigned long long)job.sc.trials, job.sc.name,
                  (unsigned long long)job.sc.seed);
        ssim_crit_opts_t co = {job.sc.trials, opts.threads, !opts.quiet};
        st = ssim_study_criticality(&job, &co, rows);
    }
    int whole = st == SSIM_OK && cli_split_finish(&split, opts.output_path, &st);
    if (whole && opts.output_path)
        st = ssim_analysis_criticality_write_csv(opts.output_path, &job.net, rows);
    if (whole && st == SSIM_OK) {
        ssim_analysis_criticality_print(stdout, &job.net, rows, 0);
        if (opts.output_path)
            ssim_info("wrote %s", opts.output_path);
        ssim_split_done(&split);
    }
    free(rows);
    ssim_study_job_destroy(&job);
    cli_split_destroy(&split);
    return ssim_status_exit_code(st);
}
