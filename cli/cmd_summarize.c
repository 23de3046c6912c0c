/* The summarize subcommand: results file -> tables on stdout (+ tidy CSVs). */
#include "cli/cli.h"

#include "analysis/summary.h"

#include <string.h>

static const char summarize_usage[] =
    "usage: sectorsim summarize OUT.h5 [--csv DIR] [--excel]\n"
    "  prints the national, per-sector, per-prefecture (and per-option) summaries;\n"
    "  --csv DIR writes national.csv, sectors.csv, prefectures.csv, quantiles.csv,\n"
    "  exceedance.csv (and options.csv) into DIR; --excel adds a UTF-8 byte-order mark.\n";

int cli_cmd_summarize(int argc, char **argv)
{
    const char *path = NULL, *csv_dir = NULL;
    int excel = 0;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
            fputs(summarize_usage, stdout);
            return 0;
        } else if (!strcmp(argv[i], "--csv") && i + 1 < argc)
            csv_dir = argv[++i];
        else if (!strcmp(argv[i], "--excel"))
            excel = 1;
        else if (argv[i][0] != '-' && !path)
            path = argv[i];
        else {
            ssim_error(SSIM_EINVAL, SSIM_LOC_NONE, "summarize: unexpected argument '%s'\n%s",
                       argv[i], summarize_usage);
            return 2;
        }
    }
    if (!path) {
        ssim_error(SSIM_EINVAL, SSIM_LOC_NONE, "summarize: missing OUT.h5\n%s", summarize_usage);
        return 2;
    }
    if (excel && !csv_dir) {
        ssim_error(SSIM_EINVAL, SSIM_LOC_NONE, "summarize: --excel needs --csv DIR");
        return 2;
    }
    ssim_analysis_summary_t s;
    ssim_status_t st = ssim_analysis_summary_load(&s, path);
    if (st == SSIM_OK && csv_dir)
        st = ssim_analysis_summary_write_csv(&s, csv_dir, excel);
    if (st == SSIM_OK)
        ssim_analysis_summary_print(&s, stdout);
    ssim_analysis_summary_destroy(&s);
    return ssim_status_exit_code(st);
}
