/* The summarize subcommand: results file -> tables on stdout (+ tidy CSVs). */
#include "cli/cli.h"

#include "analysis/summary.h"
#include "io/h5.h"

#include <string.h>

int cli_cmd_summarize(const cli_command_t *cmd, int argc, char **argv, const char *command_line)
{
    (void)command_line;
    const char *csv_dir = NULL;
    int excel = 0;
    cli_parser_t p;
    cli_parser_init(&p, cmd, NULL, argc, argv);
    cli_parse_t r;
    while ((r = cli_parser_next(&p)) == CLI_PARSE_OPTION) {
        if (p.opt->id == CLI_OPT_CSV)
            csv_dir = p.value;
        else if (p.opt->id == CLI_OPT_EXCEL)
            excel = 1;
    }
    if (r != CLI_PARSE_END)
        return cli_parse_exit_code(r);
    if (excel && !csv_dir) {
        ssim_error(SSIM_EINVAL, SSIM_LOC_NONE, "summarize: --excel needs --csv DIR");
        return 2;
    }
    if (cli_refuse_shard(p.args[0], "summarize") != SSIM_OK)
        return 2;
    if (ssim_h5_is_risk(p.args[0])) {
        if (csv_dir) {
            ssim_error(SSIM_EINVAL, SSIM_LOC_NONE,
                       "summarize: --csv is for run and compare files; %s is a risk file (read "
                       "its /risk group with h5py or xarray: docs/risk.md)",
                       p.args[0]);
            return 2;
        }
        return ssim_status_exit_code(cli_print_risk_file(stdout, p.args[0], 0));
    }
    ssim_analysis_summary_t s;
    memset(&s, 0, sizeof s);
    const char *inputs[] = {p.args[0]};
    ssim_status_t st = csv_dir
                           ? cli_check_output_dir("--csv", csv_dir, ssim_analysis_summary_csv_names,
                                                  SSIM_ANALYSIS_N_CSV, inputs, 1)
                           : SSIM_OK;
    if (st == SSIM_OK)
        st = ssim_analysis_summary_load(&s, p.args[0]);
    if (st == SSIM_OK) /* first: a failure here leaves no CSV file written */
        st = ssim_analysis_summary_print(&s, stdout);
    if (st == SSIM_OK && csv_dir)
        st = ssim_analysis_summary_write_csv(&s, csv_dir, excel);
    ssim_analysis_summary_destroy(&s);
    return ssim_status_exit_code(st);
}
