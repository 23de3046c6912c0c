/* cli — the sectorsim program: the command table (dispatch, the help and the
 * option parser all read it), the commands, and the printing of what a run
 * or a study returns.  The top layer: nothing below it knows the command
 * line.  Private to the executable. */
#ifndef SSIM_CLI_CLI_H
#define SSIM_CLI_CLI_H

#include "core/status.h"
#include "graph/graph.h"
#include "input/network.h"
#include "results/results.h"
#include "results/risk.h"
#include "scenario/scenario.h"
#include "study/split.h"
#include "study/study.h"

#include <stdint.h>
#include <stdio.h>

/* ---- The command table (commands.c) and its options ------------------- */

/* What an option means.  One enum for every command: a command's code
 * switches on the ids of the options its table lists. */
typedef enum {
    CLI_OPT_HELP,         /* -h, --help: every command has it (cli_option_help) */
    CLI_OPT_OUTPUT,       /* -o, --output: the file or directory written */
    CLI_OPT_TRIALS,       /* --trials N */
    CLI_OPT_SEED,         /* --seed S */
    CLI_OPT_THREADS,      /* --threads T */
    CLI_OPT_SUMMARY_ONLY, /* --summary-only */
    CLI_OPT_NETWORK,      /* --network DIR */
    CLI_OPT_OPTIONS,      /* compare's --options FILE */
    CLI_OPT_QUIET,        /* -q, --quiet */
    CLI_OPT_CSV,          /* summarize's --csv DIR */
    CLI_OPT_EXCEL,        /* summarize's --excel */
    CLI_OPT_CRITICALITY,  /* report's --criticality FILE */
    CLI_OPT_POPULATION,   /* report's --population FILE */
    CLI_OPT_FACTS,        /* generate's --facts DIR */
    CLI_OPT_GEN_PARAM,    /* generate NAME's parameter number cli_option_t.index */
    CLI_OPT_YEARS,        /* risk's --years N */
    CLI_OPT_PART,         /* --part K/N: run part K of N, write a shard */
    CLI_OPT_CHECKPOINT,   /* --checkpoint SECONDS */
    CLI_OPT_RESUME        /* --resume */
} cli_opt_id_t;

/* One option of a command.  The same row drives the parser and the line of
 * the command's --help, so the two cannot disagree.  Tables end with a row
 * whose name is NULL. */
typedef struct {
    const char *name;  /* long name without "--" */
    char short_name;   /* 'o' for -o; 0 for none */
    const char *value; /* the value's placeholder in the help ("N", "FILE"); NULL: a flag */
    const char *help;  /* one line */
    cli_opt_id_t id;
    int index; /* CLI_OPT_GEN_PARAM: index in the generator's parameter table */
} cli_option_t;

/* -h, --help: appended to every command's options by the parser and the help. */
extern const cli_option_t cli_option_help;

typedef struct cli_command cli_command_t;

/* A command's code.  argv[0] is the command's name; command_line is the
 * whole command line (provenance of the files written).  Returns the exit
 * code. */
typedef int (*cli_main_t)(const cli_command_t *cmd, int argc, char **argv,
                          const char *command_line);

/* One command: the row drives dispatch, the global help's list, the
 * command's --help and its parser. */
struct cli_command {
    const char *name;
    const char *synopsis;         /* what follows "usage: sectorsim NAME " */
    const char *summary;          /* one line, in the global help */
    const char *details;          /* paragraph(s) of the command's help, '\n'-separated */
    const char *args;             /* the positional argument, as errors name it ("SCENARIO") */
    int min_args, max_args;       /* how many positional arguments it takes */
    const cli_option_t *options;  /* its options, without -h (NULL-name terminated) */
    void (*more_help)(FILE *out); /* after the options (generate: the generators); or NULL */
    cli_main_t main;
};

/* A command narrowed by its first argument (generate NAME): its usage line,
 * text and extra options (listed before the command's own). */
typedef struct {
    const char *label;    /* "generate japan": in the usage line and in errors */
    const char *synopsis; /* what follows "usage: sectorsim LABEL " */
    const char *details;
    const cli_option_t *options; /* NULL-name terminated */
} cli_variant_t;

/* The commands, in the order of the global help. */
extern const cli_command_t cli_commands[];
extern const size_t cli_n_commands;

/* The command called name, or NULL. */
const cli_command_t *cli_command_find(const char *name);

/* Raise "unknown command 'NAME'" with the nearest command name as a
 * suggestion ("did you mean 'run'?") when one is within 2 edits; for a NAME
 * starting with '-', "unknown option" and --help or --version.  Returns 2. */
int cli_unknown_command(const char *name);

/* ---- Help (help.c) ----------------------------------------------------- */

/* The global help: what sectorsim does, the commands, general options, exit codes. */
void cli_usage_print(FILE *out);

/* A command's help: "usage: sectorsim NAME SYNOPSIS", its text, then its
 * options one a line (variant's before the command's; variant may be NULL),
 * -h last, then cmd->more_help when variant is NULL. */
void cli_help_print(FILE *out, const cli_command_t *cmd, const cli_variant_t *variant);

/* ---- The option parser (args.c) ---------------------------------------- */

enum { CLI_MAX_OPTIONS = 48 }; /* options of one command, its variant's and -h together */

/* What cli_parser_next found. */
typedef enum {
    CLI_PARSE_OPTION, /* p->opt holds the next option, p->value its value (NULL: a flag) */
    CLI_PARSE_END,    /* every option read; p->args[0 .. p->n_args) are the positional
                         arguments, their number within the command's bounds */
    CLI_PARSE_HELP,   /* -h or --help: the help is printed on stdout (exit 0) */
    CLI_PARSE_USAGE,  /* bad usage: the error is raised (exit 2) */
    CLI_PARSE_BUG     /* the option tables are inconsistent: the error is raised (exit 1) */
} cli_parse_t;

/* A parse of one command line (getopt_long, built from the tables: GNU
 * rules, so options and arguments may be mixed, "--name=value" and unique
 * prefixes of long names are accepted).  Caller-placed; one parse at a time
 * (getopt's state is global).  Borrows cmd, variant and argv. */
typedef struct {
    const cli_command_t *cmd;
    const cli_variant_t *variant; /* NULL or generate NAME's */
    const char *label;            /* names the command in errors */
    int argc;
    char **argv;                               /* argv[0] = the command's name */
    const cli_option_t *opts[CLI_MAX_OPTIONS]; /* variant's, cmd's, -h; length n_opts */
    size_t n_opts;
    int broken;              /* the tables overflowed or repeat a name */
    int started;             /* getopt's tables are built and its state reset */
    const cli_option_t *opt; /* after CLI_PARSE_OPTION */
    const char *value;
    char **args; /* after CLI_PARSE_END; length n_args */
    int n_args;
} cli_parser_t;

/* Start a parse of argv[1 .. argc) for cmd (and variant, or NULL). */
void cli_parser_init(cli_parser_t *p, const cli_command_t *cmd, const cli_variant_t *variant,
                     int argc, char **argv);

/* The next option, or the end.  Unknown options are reported with the
 * nearest option name ("did you mean '--trials'?"), or the command that has
 * that option ("--options is an option of compare only"). */
cli_parse_t cli_parser_next(cli_parser_t *p);

/* Exit code after a parse that did not reach CLI_PARSE_END: 0 after help,
 * 2 after bad usage, 1 after a bug. */
int cli_parse_exit_code(cli_parse_t r);

/* Parse "--name VALUE" numbers: returns SSIM_EINVAL with a message naming
 * the option and the rule. */
ssim_status_t cli_parse_u64(const char *option, const char *text, uint64_t min, uint64_t max,
                            uint64_t *out);

/* How a study command splits its work (--part, --checkpoint, --resume;
 * cli/split.c, docs/scale-out.md). */
typedef struct {
    uint64_t part, parts; /* --part K/N; 0/0: the whole run */
    double every;         /* --checkpoint SECONDS; 0: none */
    int resume;           /* --resume */
} cli_split_opts_t;

/* Apply p's option to o when it is a split option: 1 (with *st set) when
 * it was one, 0 otherwise. */
int cli_split_option(const cli_parser_t *p, cli_split_opts_t *o, ssim_status_t *st);

/* The command's arguments as typed (argv[1..] of main, before the parser
 * permuted them), and the MPI rank and size of this process (0 and 1
 * without mpirun); main sets them. */
extern int cli_args_count;
extern char **cli_args;
extern int cli_mpi_rank, cli_mpi_size;

/* Set up sp for a study command (`command`, writing `output`): MERGE when
 * `sectorsim merge` runs it, MPI under mpirun with several ranks, PART with
 * --part, and the checkpoint (OUTPUT.ckpt) and resume of o.  Records what a
 * shard needs to run it again.  SSIM_EINVAL for a bad combination or a
 * missing checkpoint.  Release sp with cli_split_destroy. */
ssim_status_t cli_split_setup(const char *command, const char *output, const cli_split_opts_t *o,
                              ssim_split_t *sp);
void cli_split_destroy(ssim_split_t *sp);

/* After the study: write the shard (PART) and say so, or nothing.  Returns
 * 1 when the command must print and write its own results (this process
 * writes the output), 0 otherwise; *st gets the shard's write status. */
int cli_split_finish(ssim_split_t *sp, const char *output, ssim_status_t *st);

/* SIGINT and SIGTERM ask the trial loop to stop (exit 5; a last checkpoint
 * with --checkpoint); installed explicitly so that they work even where the
 * shell ignores them. */
void cli_install_signal_handlers(void);

/* Shard and checkpoint files for info, summarize and report: 1 when path
 * is one; SSIM_EINVAL naming `command` when it is (results readers refuse
 * it); info prints what it holds. */
int cli_is_shard(const char *path);

/* 1 when command `name` is a study that splits its work (run, compare,
 * criticality, risk): the commands --part, merge and mpirun serve. */
int cli_command_splits(const char *name);
ssim_status_t cli_refuse_shard(const char *path, const char *command);
ssim_status_t cli_print_shard(FILE *out, const char *path);

/* `sectorsim merge` runs the shards' command through this split (NULL
 * otherwise). */
extern ssim_split_t *cli_merge_split;

/* Options of the commands that run a scenario (run, validate, compare,
 * criticality): the scenario and the overrides its table allows. */
typedef struct {
    ssim_study_source_t src; /* the scenario and its overrides (--trials, --seed,
                                  --network, --summary-only, compare's --options) */
    const char *output_path; /* NULL: not given */
    int threads;             /* 0: OpenMP default */
    int quiet;
    cli_split_opts_t split; /* --part, --checkpoint, --resume */
} cli_opts_t;

/* Parse a scenario command's options and its SCENARIO into opts (zeroed
 * first).  Returns CLI_PARSE_END when the command should run. */
cli_parse_t cli_parse_job_opts(const cli_command_t *cmd, int argc, char **argv, cli_opts_t *opts);

/* ---- Printing and the commands ----------------------------------------- */

/* Print the network's shape (operators per sector, suppliers, edges, cycles),
 * counting g's dependency cycles first (ssim_graph_count_dependency_cycles:
 * the graph build leaves them out).  Prints nothing when that fails. */
ssim_status_t cli_print_network_shape(FILE *out, const ssim_network_t *net, ssim_graph_t *g);

/* validate: warn (stderr) about the dependency cycles whose every loss is
 * >= cascade.down_threshold, which can lock an outage in place to the
 * horizon (docs/models/supply-chain.md, rule 6): their count, and the size
 * and up to 5 member ids of the 10 largest.  Only for a model that reads
 * cascade.*.  SSIM_ENOMEM (raised). */
ssim_status_t cli_warn_locking_cycles(const ssim_study_job_t *job);

/* Print the national summary tables of a finished run. */
void cli_print_summary(FILE *out, const ssim_network_t *net, const ssim_results_t *res);

/* Print the tables of a risk study (sectorsim risk; summarize and info of a
 * risk file): the baseline's AAL, exceedance, classes and sectors, then the
 * options when there are any.  units: the metrics' units (yen, person-hours,
 * then each sector's service unit). */
void cli_print_risk(FILE *out, const ssim_risk_t *r, uint64_t seed, const char *const *units);

/* A risk file for summarize and info: print its tables (with its title and
 * command line first when header is 1). */
ssim_status_t cli_print_risk_file(FILE *out, const char *path, int header);

/* -o PATH: its directory must exist and it must not be a directory. */
ssim_status_t cli_check_output_path(const char *path);

/* -o PATH, before the first trial: SSIM_ENOMEM (exit 3, a resource limit,
 * naming the figures) when the file system of PATH's directory reports
 * fewer free bytes (statvfs f_bavail) than bytes, the estimated size of the
 * results file; nothing is checked where the file system gives no figure.  A
 * disk that fills up during the write still fails there (exit 4). */
ssim_status_t cli_check_output_space(const char *path, uint64_t bytes);

/* A file a command is about to write (outputs.c): SSIM_EINVAL naming option
 * and path when it exists and is not a regular file or a link to one, or is
 * the same file (device and inode) as one of inputs[0 .. n_inputs) (NULL
 * entries skipped).  A missing file is fine. */
ssim_status_t cli_check_output_file(const char *option, const char *path, const char *const *inputs,
                                    size_t n_inputs);

/* The same for the files names[0 .. n_names) in the directory dir, which must
 * be a directory if it exists. */
ssim_status_t cli_check_output_dir(const char *option, const char *dir, const char *const *names,
                                   size_t n_names, const char *const *inputs, size_t n_inputs);

/* The commands' code (cli_main_t), one file each; the rows in commands.c. */
int cli_cmd_merge(const cli_command_t *cmd, int argc, char **argv, const char *command_line);
int cli_cmd_run(const cli_command_t *cmd, int argc, char **argv, const char *command_line);
int cli_cmd_validate(const cli_command_t *cmd, int argc, char **argv, const char *command_line);
int cli_cmd_compare(const cli_command_t *cmd, int argc, char **argv, const char *command_line);
int cli_cmd_info(const cli_command_t *cmd, int argc, char **argv, const char *command_line);
int cli_cmd_generate(const cli_command_t *cmd, int argc, char **argv, const char *command_line);
int cli_cmd_summarize(const cli_command_t *cmd, int argc, char **argv, const char *command_line);
int cli_cmd_report(const cli_command_t *cmd, int argc, char **argv, const char *command_line);
int cli_cmd_criticality(const cli_command_t *cmd, int argc, char **argv, const char *command_line);
int cli_cmd_risk(const cli_command_t *cmd, int argc, char **argv, const char *command_line);
int cli_cmd_network(const cli_command_t *cmd, int argc, char **argv, const char *command_line);

/* generate --help's list of the generators. */
void cli_generate_list(FILE *out);

#endif
