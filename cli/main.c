/* sectorsim — nationwide sector risk simulation engine.
 *
 * main() dispatches to a subcommand; each subcommand reads like its pipeline:
 *   run       scenario -> network -> graph -> model -> trials -> summary -> HDF5
 *   compare   scenario -> network -> graph -> baseline + each option's variant
 *             -> trials on common random numbers -> paired comparison -> HDF5
 *   validate  scenario -> network -> graph -> model   (writes nothing)
 *   info      HDF5 -> description
 *   summarize HDF5 -> tables, CSV          report  HDF5 -> HTML (python3)
 *   criticality scenario -> per-supplier runs -> ranking
 */
#include "cli/cli.h"

#include "io/h5.h"
#include "ssim_revision.h"
#include "ssim_version.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char usage[] =
    "usage: sectorsim <command> [options]\n"
    "\n"
    "Simulates software-supplier compromises propagating into outages of critical-sector\n"
    "operators (Monte Carlo, OpenMP) and writes the results to HDF5.\n"
    "\n"
    "commands:\n"
    "  run SCENARIO [-o OUT.h5] [options]   run a scenario, print a summary, write OUT.h5\n"
    "  validate SCENARIO [options]          check the scenario and its network; write nothing\n"
    "  compare SCENARIO -o OUT.h5 [options] baseline vs the scenario's regulation options on\n"
    "                                       common random numbers: table on stdout, OUT.h5\n"
    "  info OUT.h5 | NETWORK_DIR            describe a results file, or a network's shape\n"
    "  generate NAME -o DIR [options]       write a network: japan, synthetic, ba, er, sbm, coupled_er\n"
    "                                       (sectorsim generate --help)\n"
    "  summarize OUT.h5 [--csv DIR] [--excel]  summary tables (and tidy CSV files)\n"
    "  report OUT.h5 -o DIR [--criticality F]  HTML report with charts (python3 matplotlib)\n"
    "  criticality SCENARIO [-o OUT.csv]    rank suppliers by systemic importance\n"
    "  schema                               print the scenario key reference (Markdown)\n"
    "  fields                               print the output dataset reference (Markdown)\n"
    "  help                                 this text\n"
    "\n"
    "options for run, compare and validate:\n"
    "  -o, --output FILE   results file (required by compare; run's default: SCENARIO's\n"
    "                      name with .h5, in the current directory)\n"
    "  --trials N          override the scenario's trial count (1..100000000)\n"
    "  --seed S            override the scenario's seed (0..2^64-1)\n"
    "  --threads T         OpenMP threads (default: OMP_NUM_THREADS or all cores);\n"
    "                      results are identical for any T\n"
    "  --summary-only      write summaries but no per-trial rows (small files, less memory)\n"
    "  --network DIR       use this network directory instead of the scenario's\n"
    "  --options FILE      compare only: the options and burden of this scenario file\n"
    "                      (e.g. replay an archetype incident under a shared option set)\n"
    "  -q, --quiet         no progress or informational messages\n"
    "\n"
    "general options:\n"
    "  -h, --help          this text (on stdout)\n"
    "  -V, --version       version and git revision (on stdout)\n"
    "\n"
    "exit codes:\n"
    "  0 ok, 1 internal failure, 2 bad usage or bad input, 3 resource limit\n"
    "  (memory or size cap), 4 I/O failure, 5 interrupted (SIGINT/SIGTERM; nothing written).\n"
    "\n"
    "Errors name FILE:LINE:COL and the rule broken. Progress and messages go to stderr,\n"
    "results to stdout and files. Documentation: README.md and docs/ in the source tree.\n";

static char *join_args(int argc, char **argv)
{
    size_t n = 1;
    for (int i = 0; i < argc; i++)
        n += strlen(argv[i]) + 1;
    char *s = malloc(n);
    if (!s)
        return NULL;
    s[0] = '\0';
    for (int i = 0; i < argc; i++) {
        if (i)
            strcat(s, " ");
        strcat(s, argv[i]);
    }
    return s;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fputs(usage, stderr);
        return 2;
    }
    const char *cmd = argv[1];
    if (!strcmp(cmd, "-h") || !strcmp(cmd, "--help") || !strcmp(cmd, "help")) {
        fputs(usage, stdout);
        return 0;
    }
    if (!strcmp(cmd, "-V") || !strcmp(cmd, "--version")) {
        printf("sectorsim %s (git %s)\n", SSIM_VERSION, SSIM_GIT_REVISION);
        return 0;
    }
    if (!strcmp(cmd, "run")) {
        char *line = join_args(argc, argv);
        int rc = cli_cmd_run(argc - 1, argv + 1, line ? line : "sectorsim run");
        free(line);
        return rc;
    }
    if (!strcmp(cmd, "compare")) {
        char *line = join_args(argc, argv);
        int rc = cli_cmd_compare(argc - 1, argv + 1, line ? line : "sectorsim compare");
        free(line);
        return rc;
    }
    if (!strcmp(cmd, "validate"))
        return cli_cmd_validate(argc - 1, argv + 1);
    if (!strcmp(cmd, "info"))
        return cli_cmd_info(argc - 1, argv + 1);
    if (!strcmp(cmd, "generate"))
        return cli_cmd_generate(argc - 1, argv + 1);
    if (!strcmp(cmd, "summarize"))
        return cli_cmd_summarize(argc - 1, argv + 1);
    if (!strcmp(cmd, "report"))
        return cli_cmd_report(argc - 1, argv + 1);
    if (!strcmp(cmd, "criticality"))
        return cli_cmd_criticality(argc - 1, argv + 1);
    if (!strcmp(cmd, "schema") && argc == 2) {
        return ssim_status_exit_code(ssim_scenario_schema_markdown(stdout, ssim_model_catalog()));
    }
    if (!strcmp(cmd, "fields") && argc == 2) {
        ssim_h5_fields_markdown(stdout);
        return 0;
    }
    ssim_error(SSIM_EINVAL, SSIM_LOC_NONE,
               "unknown command or arguments '%s' (see 'sectorsim --help')", cmd);
    return 2;
}
