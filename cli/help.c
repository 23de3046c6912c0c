/* The help texts, printed from the command table: the global help (the
 * commands, one line each) and each command's usage and options. */
#include "cli/cli.h"

#include <string.h>

static const char intro[] =
    "usage: sectorsim <command> [options]\n"
    "\n"
    "Simulates software-supplier compromises propagating into outages of critical-sector\n"
    "operators (Monte Carlo, OpenMP) and writes the results to HDF5.\n"
    "\n"
    "commands:\n";

static const char outro[] =
    "\n"
    "'sectorsim COMMAND --help' (or 'sectorsim help COMMAND') prints a command's usage and\n"
    "options.\n"
    "\n"
    "general options:\n"
    "  -h, --help          this text (on stdout)\n"
    "  -V, --version       version and git revision (on stdout)\n"
    "\n"
    "exit codes:\n"
    "  0 ok, 1 internal failure, 2 bad usage or bad input, 3 resource limit\n"
    "  (memory or size cap, free disk space found short before the run), 4 I/O failure,\n"
    "  5 interrupted (SIGINT/SIGTERM; no results file, a checkpoint with --checkpoint).\n"
    "\n"
    "Errors name FILE:LINE:COL and the rule broken. Progress and messages go to stderr,\n"
    "results to stdout and files. Documentation: README.md and docs/ in the source tree.\n";

void cli_usage_print(FILE *out)
{
    fputs(intro, out);
    for (size_t i = 0; i < cli_n_commands; i++)
        fprintf(out, "  %-12s %s\n", cli_commands[i].name, cli_commands[i].summary);
    fputs(outro, out);
}

/* The left column of an option's line: "-o, --output FILE" or
 * "    --trials N". */
static void option_label(char *buf, size_t size, const cli_option_t *o)
{
    char letter[8] = "    ";
    if (o->short_name)
        snprintf(letter, sizeof letter, "-%c, ", o->short_name);
    snprintf(buf, size, "%s--%s%s%s", letter, o->name, o->value ? " " : "",
             o->value ? o->value : "");
}

void cli_help_print(FILE *out, const cli_command_t *cmd, const cli_variant_t *variant)
{
    enum { MAX_WIDTH = 30 }; /* longer labels push their text to the right */
    const char *label = variant ? variant->label : cmd->name;
    const char *synopsis = variant ? variant->synopsis : cmd->synopsis;
    const char *details = variant ? variant->details : cmd->details;
    fprintf(out, "usage: sectorsim %s%s%s\n", label, *synopsis ? " " : "", synopsis);
    if (details)
        fprintf(out, "\n%s\n", details);
    /* the parser's own list of the options: the help cannot list others */
    cli_parser_t p;
    cli_parser_init(&p, cmd, variant, 0, NULL);
    char buf[128];
    int width = 0;
    for (size_t i = 0; i < p.n_opts; i++) {
        option_label(buf, sizeof buf, p.opts[i]);
        int n = (int)strlen(buf);
        if (n > width)
            width = n < MAX_WIDTH ? n : MAX_WIDTH;
    }
    fputs("\noptions:\n", out);
    for (size_t i = 0; i < p.n_opts; i++) {
        option_label(buf, sizeof buf, p.opts[i]);
        fprintf(out, "  %-*s  %s\n", width, buf, p.opts[i]->help);
    }
    if (!variant && cmd->more_help) {
        fputc('\n', out);
        cmd->more_help(out);
    }
}
