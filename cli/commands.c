/* The command table: every command of sectorsim, its usage, text and
 * options.  Dispatch (main.c), the global help and each command's --help
 * (help.c) and the option parser (args.c) all read these rows; adding a
 * command or an option is adding a row here (and its code). */
#include "cli/cli.h"

#include "core/suggest.h"
#include "io/h5.h"

#include <string.h>

/* Rows shared by the commands that run a scenario: one text per option. */
#define ROW_TRIALS                                                                                 \
    {                                                                                              \
        "trials", 0, "N", "override the scenario's trial count (1..100000000)", CLI_OPT_TRIALS, 0  \
    }
#define ROW_SEED                                                                                   \
    {                                                                                              \
        "seed", 0, "S", "override the scenario's seed (0..2^64-1)", CLI_OPT_SEED, 0                \
    }
#define ROW_THREADS                                                                                \
    {                                                                                              \
        "threads", 0, "T",                                                                         \
            "OpenMP threads (default: OMP_NUM_THREADS or all cores); results are identical for "   \
            "any T",                                                                               \
            CLI_OPT_THREADS, 0                                                                     \
    }
#define ROW_SUMMARY_ONLY                                                                           \
    {                                                                                              \
        "summary-only", 0, NULL,                                                                   \
            "write summaries but no per-trial rows (small files, less memory)",                    \
            CLI_OPT_SUMMARY_ONLY, 0                                                                \
    }
#define ROW_NETWORK                                                                                \
    {                                                                                              \
        "network", 0, "DIR", "use this network directory (or snapshot) instead of the scenario's", \
            CLI_OPT_NETWORK, 0                                                                     \
    }
#define ROW_QUIET                                                                                  \
    {                                                                                              \
        "quiet", 'q', NULL, "no progress or informational messages", CLI_OPT_QUIET, 0              \
    }
#define ROW_PART                                                                                   \
    {                                                                                              \
        "part", 0, "K/N",                                                                          \
            "run part K of N of the work and write a shard to -o (combine the N shards with "      \
            "sectorsim merge)",                                                                    \
            CLI_OPT_PART, 0                                                                        \
    }
#define ROW_CHECKPOINT                                                                             \
    {                                                                                              \
        "checkpoint", 0, "SECONDS",                                                                \
            "save finished work to OUT.ckpt at least this often and on SIGINT/SIGTERM (exit 5)",   \
            CLI_OPT_CHECKPOINT, 0                                                                  \
    }
#define ROW_RESUME                                                                                 \
    {                                                                                              \
        "resume", 0, NULL, "continue from OUT.ckpt; the file written is the uninterrupted run's",  \
            CLI_OPT_RESUME, 0                                                                      \
    }
#define ROW_END                                                                                    \
    {                                                                                              \
        NULL, 0, NULL, NULL, CLI_OPT_HELP, 0                                                       \
    }

static const cli_option_t run_options[] = {
    {"output", 'o', "OUT.h5",
     "results file (default: SCENARIO's name with .h5, in the current directory)", CLI_OPT_OUTPUT,
     0},
    ROW_TRIALS,
    ROW_SEED,
    ROW_THREADS,
    ROW_SUMMARY_ONLY,
    ROW_NETWORK,
    ROW_PART,
    ROW_CHECKPOINT,
    ROW_RESUME,
    ROW_QUIET,
    ROW_END,
};

static const cli_option_t validate_options[] = {
    ROW_TRIALS,
    ROW_SEED,
    {"threads", 0, "T", "accepted for symmetry with run; validate runs no trials", CLI_OPT_THREADS,
     0},
    {"summary-only", 0, NULL, "validate the scenario as run --summary-only would run it",
     CLI_OPT_SUMMARY_ONLY, 0},
    ROW_NETWORK,
    ROW_QUIET,
    ROW_END,
};

static const cli_option_t compare_options[] = {
    {"output", 'o', "OUT.h5", "results file (required)", CLI_OPT_OUTPUT, 0},
    ROW_TRIALS,
    ROW_SEED,
    ROW_THREADS,
    ROW_SUMMARY_ONLY,
    ROW_NETWORK,
    {"options", 0, "FILE",
     "the options and burden of this scenario file (e.g. replay an archetype incident under a "
     "shared option set)",
     CLI_OPT_OPTIONS, 0},
    ROW_PART,
    ROW_CHECKPOINT,
    ROW_RESUME,
    ROW_QUIET,
    ROW_END,
};

static const cli_option_t risk_options[] = {
    {"output", 'o', "OUT.h5", "results file (required)", CLI_OPT_OUTPUT, 0},
    {"years", 0, "N",
     "override the catalogue's simulated years (a multiple of its replicates; up to 1e8)",
     CLI_OPT_YEARS, 0},
    {"seed", 0, "S", "override the catalogue's seed (0..2^64-1)", CLI_OPT_SEED, 0},
    ROW_THREADS,
    {"options", 0, "FILE",
     "rank the options and burden of this scenario file across the catalogue (instead of the "
     "catalogue's `options`)",
     CLI_OPT_OPTIONS, 0},
    ROW_PART,
    ROW_CHECKPOINT,
    ROW_RESUME,
    ROW_QUIET,
    ROW_END,
};

static const cli_option_t criticality_options[] = {
    {"output", 'o', "OUT.csv", "write the ranking to this CSV file too", CLI_OPT_OUTPUT, 0},
    {"trials", 0, "N", "trials per supplier (default: the scenario's; 1..100000000)",
     CLI_OPT_TRIALS, 0},
    ROW_SEED,
    ROW_THREADS,
    {"summary-only", 0, NULL,
     "accepted for symmetry with run; criticality always keeps "
     "summaries only",
     CLI_OPT_SUMMARY_ONLY, 0},
    ROW_NETWORK,
    ROW_PART,
    ROW_CHECKPOINT,
    ROW_RESUME,
    ROW_QUIET,
    ROW_END,
};

static const cli_option_t generate_options[] = {
    {"output", 'o', "DIR", "network directory to write (created if missing)", CLI_OPT_OUTPUT, 0},
    {"seed", 0, "S", "seed of the random streams (default 1)", CLI_OPT_SEED, 0},
    {"facts", 0, "DIR",
     "fact tables: a facts folder, or a data folder holding japan/facts (default: the bundled "
     "data)",
     CLI_OPT_FACTS, 0},
    ROW_QUIET,
    ROW_END,
};

static const cli_option_t network_options[] = {
    {"output", 'o', "NET.ssn", "pack: the snapshot file to write (required)", CLI_OPT_OUTPUT, 0},
    ROW_QUIET,
    ROW_END,
};

static const cli_option_t summarize_options[] = {
    {"csv", 0, "DIR",
     "also write national.csv, sectors.csv, prefectures.csv, quantiles.csv, exceedance.csv "
     "(and options.csv) into DIR",
     CLI_OPT_CSV, 0},
    {"excel", 0, NULL, "start each CSV file with a UTF-8 byte-order mark (needs --csv)",
     CLI_OPT_EXCEL, 0},
    ROW_END,
};

static const cli_option_t report_options[] = {
    {"output", 'o', "DIR", "directory of the report (required; created if missing)", CLI_OPT_OUTPUT,
     0},
    {"criticality", 0, "FILE.csv", "add the ranking of a 'sectorsim criticality -o' CSV",
     CLI_OPT_CRITICALITY, 0},
    {"population", 0, "FILE.csv",
     "prefecture population table (code, pop2020; default: the bundled Japan facts)",
     CLI_OPT_POPULATION, 0},
    ROW_END,
};

static const cli_option_t no_options[] = {ROW_END};

static const cli_option_t merge_options[] = {
    {"output", 'o', "OUT", "the file the shards' command would have written (required)",
     CLI_OPT_OUTPUT, 0},
    ROW_THREADS,
    ROW_QUIET,
    ROW_END,
};

static int schema_main(const cli_command_t *cmd, int argc, char **argv, const char *command_line);
static int fields_main(const cli_command_t *cmd, int argc, char **argv, const char *command_line);
static int help_main(const cli_command_t *cmd, int argc, char **argv, const char *command_line);

const cli_command_t cli_commands[] = {
    {"run", "SCENARIO [-o OUT.h5] [options]", "run a scenario, print a summary, write OUT.h5",
     "Runs the scenario's trials, prints the national summary and the verification hash on\n"
     "stdout and writes the results to OUT.h5.",
     "SCENARIO", 1, 1, run_options, NULL, cli_cmd_run},
    {"validate", "SCENARIO [options]", "check the scenario and its network; write nothing",
     "Loads the scenario, its network and its model, checks them, prints the network's shape\n"
     "and writes nothing.",
     "SCENARIO", 1, 1, validate_options, NULL, cli_cmd_validate},
    {"compare", "SCENARIO -o OUT.h5 [options]",
     "baseline vs the scenario's regulation options on common random numbers",
     "Runs the baseline and each of the scenario's regulation options on common random\n"
     "numbers, prints the paired comparison table on stdout and writes OUT.h5.",
     "SCENARIO", 1, 1, compare_options, NULL, cli_cmd_compare},
    {"info", "OUT.h5 | NETWORK_DIR | NET.ssn", "describe a results file, or a network's shape",
     "Describes a results file, or loads and checks a network directory (or snapshot) and\n"
     "prints its shape.",
     "OUT.h5 | NETWORK_DIR | NET.ssn", 1, 1, no_options, NULL, cli_cmd_info},
    {"generate", "NAME [--PARAM VALUE ...] [--seed S] -o DIR",
     "write a network from a generator (generate --help lists them)",
     "Writes a network directory (operators.csv, suppliers.csv, supply.csv,\n"
     "dependencies.csv), deterministic for a seed.  The files are loaded back and\n"
     "checked before they are committed: a network that fails the check is never written.",
     "generator NAME", 1, 1, generate_options, cli_generate_list, cli_cmd_generate},
    {"network", "pack DIR -o NET.ssn",
     "pack a network directory into one binary snapshot (fast to load)",
     "pack: loads and checks the network directory DIR as run does, then writes it as one\n"
     "binary snapshot NET.ssn (docs/snapshot.md), written atomically.  Wherever a network\n"
     "directory is accepted (a scenario's network key, --network, info), a snapshot is too:\n"
     "the same network and the same input hashes, loaded by mapping the file.",
     "ACTION DIR", 2, 2, network_options, NULL, cli_cmd_network},
    {"summarize", "OUT.h5 [--csv DIR] [--excel]",
     "summary tables of a results file (and tidy CSV files)",
     "Prints the national, per-sector, per-prefecture (and per-option) summaries.", "OUT.h5", 1, 1,
     summarize_options, NULL, cli_cmd_summarize},
    {"report", "OUT.h5 -o DIR [--criticality FILE.csv] [--population FILE.csv]",
     "HTML report with charts (python3 matplotlib)",
     "Writes DIR/index.html (every chart inlined as SVG) and DIR/charts/*.png and *.svg,\n"
     "with analysis/report.py under /usr/bin/python3 (matplotlib, h5py, numpy).  OUT.h5 is\n"
     "a file of run or compare, or of risk (annual losses, exceedance, options ranked).",
     "OUT.h5", 1, 1, report_options, NULL, cli_cmd_report},
    {"risk", "CATALOGUE -o OUT.h5 [options]",
     "annual risk over an incident catalogue; options ranked across it",
     "Simulates the catalogue's years (a Poisson number of incidents of each class per year,\n"
     "each a full trial of the class's scenario), prints the average annual loss with its\n"
     "confidence interval, the exceedance tables at return periods 2 to 250 years and each\n"
     "class's share, and, with options, ranks them by net annual benefit on the same years.\n"
     "Writes OUT.h5 (docs/risk.md).",
     "CATALOGUE", 1, 1, risk_options, NULL, cli_cmd_risk},
    {"merge", "SHARD... -o OUT",
     "combine the shards of run, compare, criticality or risk --part K/N",
     "Checks that the shards belong to one study (the same command, inputs and sectorsim\n"
     "version) and cover its work exactly once, then writes the file one process would have\n"
     "written: the same datasets and verification hash (docs/scale-out.md).",
     "SHARD", 1, 1000000, merge_options, NULL, cli_cmd_merge},
    {"criticality", "SCENARIO [-o OUT.csv] [options]", "rank suppliers by systemic importance",
     "Runs the scenario once per supplier, that supplier the only origin, on common random\n"
     "numbers, and prints the suppliers ranked by systemic importance.",
     "SCENARIO", 1, 1, criticality_options, NULL, cli_cmd_criticality},
    {"schema", "", "print the scenario key reference (Markdown)",
     "Prints the table of scenario keys (type, default, units, description) as Markdown:\n"
     "the reference in docs/scenario.md.",
     NULL, 0, 0, no_options, NULL, schema_main},
    {"fields", "", "print the output dataset reference (Markdown)",
     "Prints the table of the results file's datasets as Markdown: the reference in\n"
     "docs/output.md.",
     NULL, 0, 0, no_options, NULL, fields_main},
    {"help", "[COMMAND]", "this text, or a command's usage and options",
     "Prints the commands, or COMMAND's usage and options (as 'sectorsim COMMAND --help').",
     "COMMAND", 0, 1, no_options, NULL, help_main},
};

const size_t cli_n_commands = sizeof cli_commands / sizeof cli_commands[0];

const cli_command_t *cli_command_find(const char *name)
{
    for (size_t i = 0; i < cli_n_commands; i++)
        if (!strcmp(cli_commands[i].name, name))
            return &cli_commands[i];
    return NULL;
}

int cli_unknown_command(const char *name)
{
    static const char *const general[] = {"--help", "--version"};
    const char *names[sizeof cli_commands / sizeof cli_commands[0]];
    for (size_t i = 0; i < cli_n_commands; i++)
        names[i] = cli_commands[i].name;
    int option = name[0] == '-';
    const char *near = option ? ssim_suggest_nearest(name, general, 2, 2)
                              : ssim_suggest_nearest(name, names, cli_n_commands, 2);
    const char *what = option ? "option" : "command";
    if (near)
        ssim_error(SSIM_EINVAL, SSIM_LOC_NONE, "unknown %s '%s' (did you mean '%s'?)", what, name,
                   near);
    else
        ssim_error(SSIM_EINVAL, SSIM_LOC_NONE, "unknown %s '%s' (see 'sectorsim --help')", what,
                   name);
    return 2;
}

/* A command without options or arguments beyond -h: returns -1 to go on,
 * else the exit code. */
static int parse_bare(const cli_command_t *cmd, int argc, char **argv, cli_parser_t *p)
{
    cli_parser_init(p, cmd, NULL, argc, argv);
    cli_parse_t r = cli_parser_next(p);
    return r == CLI_PARSE_END ? -1 : cli_parse_exit_code(r);
}

static int schema_main(const cli_command_t *cmd, int argc, char **argv, const char *command_line)
{
    (void)command_line;
    cli_parser_t p;
    int rc = parse_bare(cmd, argc, argv, &p);
    if (rc >= 0)
        return rc;
    return ssim_status_exit_code(ssim_scenario_schema_markdown(stdout, ssim_model_catalog()));
}

static int fields_main(const cli_command_t *cmd, int argc, char **argv, const char *command_line)
{
    (void)command_line;
    cli_parser_t p;
    int rc = parse_bare(cmd, argc, argv, &p);
    if (rc >= 0)
        return rc;
    return ssim_status_exit_code(ssim_h5_fields_markdown(stdout, ssim_model_result_tables()));
}

static int help_main(const cli_command_t *cmd, int argc, char **argv, const char *command_line)
{
    (void)command_line;
    cli_parser_t p;
    int rc = parse_bare(cmd, argc, argv, &p);
    if (rc >= 0)
        return rc;
    if (p.n_args == 0) {
        cli_usage_print(stdout);
        return 0;
    }
    const cli_command_t *about = cli_command_find(p.args[0]);
    if (!about)
        return cli_unknown_command(p.args[0]);
    cli_help_print(stdout, about, NULL);
    return 0;
}
