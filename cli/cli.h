/* cli — the sectorsim program: subcommand dispatch, option parsing, and the
 * printing of what a run or a study returns.  The top layer: nothing below it
 * knows the command line.  Private to the executable. */
#ifndef SSIM_CLI_CLI_H
#define SSIM_CLI_CLI_H

#include "core/status.h"
#include "graph/graph.h"
#include "input/network.h"
#include "results/results.h"
#include "scenario/scenario.h"
#include "study/study.h"

#include <stdint.h>
#include <stdio.h>

/* Options common to the subcommands that run a scenario. */
typedef struct {
    ssim_study_source_t src;   /* the scenario and its overrides (--trials, --seed,
                                  --network, --summary-only, compare's --options) */
    const char *output_path;   /* NULL: <scenario stem>.h5 in the current directory */
    int threads;               /* 0: OpenMP default */
    int quiet;
} cli_opts_t;

/* Parse "--name VALUE" numbers: returns SSIM_EINVAL with a message naming
 * the option and the rule. */
ssim_status_t cli_parse_u64(const char *option, const char *text, uint64_t min, uint64_t max,
                            uint64_t *out);

/* Parse options for run/validate/compare-like commands from argv[first..]. */
ssim_status_t cli_parse_job_opts(int argc, char **argv, const char *command, int allow_output,
                                 cli_opts_t *opts);

/* Print the network's shape (operators per sector, suppliers, edges, cycles),
 * counting g's dependency cycles first (ssim_graph_count_dependency_cycles:
 * the graph build leaves them out).  Prints nothing when that fails. */
ssim_status_t cli_print_network_shape(FILE *out, const ssim_network_t *net, ssim_graph_t *g);

/* Print the national summary tables of a finished run. */
void cli_print_summary(FILE *out, const ssim_network_t *net, const ssim_results_t *res);

int cli_cmd_run(int argc, char **argv, const char *command_line);
int cli_cmd_validate(int argc, char **argv);
int cli_cmd_compare(int argc, char **argv, const char *command_line);

/* -o PATH: its directory must exist and it must not be a directory. */
ssim_status_t cli_check_output_path(const char *path);
int cli_cmd_info(int argc, char **argv);
int cli_cmd_generate(int argc, char **argv);
int cli_cmd_summarize(int argc, char **argv);
int cli_cmd_report(int argc, char **argv);
int cli_cmd_criticality(int argc, char **argv);

#endif
