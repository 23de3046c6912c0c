/* The option parser: getopt_long, built from a command's option table (the
 * only file of sectorsim that includes <getopt.h>), and the options of the
 * commands that run a scenario. */
#include "cli/cli.h"

#include "core/suggest.h"

#include <ctype.h>
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

ssim_status_t cli_parse_u64(const char *option, const char *text, uint64_t min, uint64_t max,
                            uint64_t *out)
{
    const char *p = text;
    if (!*p || !isdigit((unsigned char)*p))
        goto bad;
    errno = 0;
    char *end = NULL;
    unsigned long long v = strtoull(p, &end, 10);
    if (errno || *end || v < min || v > max)
        goto bad;
    *out = v;
    return SSIM_OK;
bad:
    return ssim_error(SSIM_EINVAL, SSIM_LOC_NONE,
                      "%s must be an integer in [%llu, %llu] (got '%s')", option,
                      (unsigned long long)min, (unsigned long long)max, text);
}

const cli_option_t cli_option_help = {"help", 'h', NULL, "this text (on stdout)", CLI_OPT_HELP, 0};

/* getopt_long's copy of the tables of the parse under way (getopt's state is
 * global, so is this).  A long option returns LONG_BASE + its index in
 * cli_parser_t.opts; a short one its letter. */
enum { LONG_BASE = 256 };
static struct option longopts[CLI_MAX_OPTIONS + 1];
static char shortopts[2 + 2 * CLI_MAX_OPTIONS];

/* Add one option; a full list or a name or letter seen before breaks it. */
static void add_option(cli_parser_t *p, const cli_option_t *o)
{
    for (size_t i = 0; i < p->n_opts; i++)
        if (!strcmp(p->opts[i]->name, o->name) ||
            (o->short_name && o->short_name == p->opts[i]->short_name))
            p->broken = 1;
    if (p->n_opts == CLI_MAX_OPTIONS)
        p->broken = 1;
    else
        p->opts[p->n_opts++] = o;
}

void cli_parser_init(cli_parser_t *p, const cli_command_t *cmd, const cli_variant_t *variant,
                     int argc, char **argv)
{
    memset(p, 0, sizeof *p);
    p->cmd = cmd;
    p->variant = variant;
    p->label = variant ? variant->label : cmd->name;
    p->argc = argc;
    p->argv = argv;
    for (const cli_option_t *o = variant ? variant->options : NULL; o && o->name; o++)
        add_option(p, o);
    for (const cli_option_t *o = cmd->options; o && o->name; o++)
        add_option(p, o);
    add_option(p, &cli_option_help);
}

/* Fill getopt's tables and restart it (optind = 0: glibc's full reset). */
static void start(cli_parser_t *p)
{
    char *s = shortopts;
    *s++ = ':'; /* a missing value returns ':', not '?' */
    for (size_t i = 0; i < p->n_opts; i++) {
        const cli_option_t *o = p->opts[i];
        longopts[i] = (struct option){o->name, o->value ? required_argument : no_argument, NULL,
                                      LONG_BASE + (int)i};
        if (o->short_name) {
            *s++ = o->short_name;
            if (o->value)
                *s++ = ':';
        }
    }
    longopts[p->n_opts] = (struct option){NULL, 0, NULL, 0};
    *s = '\0';
    optind = 0;
    opterr = 0;
    p->started = 1;
}

/* "-o/--output" or "--options": how errors name an option. */
static const char *option_name(const cli_option_t *o, char *buf, size_t size)
{
    if (o->short_name)
        snprintf(buf, size, "-%c/--%s", o->short_name, o->name);
    else
        snprintf(buf, size, "--%s", o->name);
    return buf;
}

/* The option of another command called --name (or -letter when name is
 * NULL): the first one into *owner_opt, the number of commands that have it
 * returned, owner[0] and owner[1] the first two such commands. */
static int other_owners(const cli_parser_t *p, const char *name, char letter,
                        const cli_command_t **owner, const cli_option_t **owner_opt)
{
    int n = 0;
    for (size_t c = 0; c < cli_n_commands; c++) {
        const cli_command_t *cmd = &cli_commands[c];
        if (cmd == p->cmd)
            continue;
        for (const cli_option_t *o = cmd->options; o && o->name; o++) {
            if (name ? strcmp(o->name, name) != 0 : o->short_name != letter)
                continue;
            if (n < 2)
                owner[n] = cmd;
            if (!n++)
                *owner_opt = o;
            break;
        }
    }
    return n;
}

/* Report an unknown option: -letter (name NULL) or --name (len bytes). */
static cli_parse_t unknown_option(const cli_parser_t *p, const char *name, size_t len, char letter)
{
    char word[SSIM_SUGGEST_MAX_LEN] = "", shown[SSIM_SUGGEST_MAX_LEN + 8], buf[96];
    if (name && len < sizeof word) {
        memcpy(word, name, len);
        word[len] = '\0';
    }
    if (name)
        snprintf(shown, sizeof shown, "--%.*s", (int)len, name);
    else
        snprintf(shown, sizeof shown, "-%c", letter);
    const cli_command_t *owner[2] = {NULL, NULL};
    const cli_option_t *owner_opt = NULL;
    int n_owners =
        (!name || word[0]) ? other_owners(p, name ? word : NULL, letter, owner, &owner_opt) : 0;
    if (n_owners == 1)
        ssim_error(SSIM_EINVAL, SSIM_LOC_NONE, "%s: %s is an option of %s only", p->label,
                   option_name(owner_opt, buf, sizeof buf), owner[0]->name);
    else if (n_owners == 2)
        ssim_error(SSIM_EINVAL, SSIM_LOC_NONE, "%s: %s is an option of %s and %s only", p->label,
                   option_name(owner_opt, buf, sizeof buf), owner[0]->name, owner[1]->name);
    else if (n_owners > 2)
        ssim_error(SSIM_EINVAL, SSIM_LOC_NONE,
                   "%s: %s is not an option of this command (see 'sectorsim %s --help')", p->label,
                   option_name(owner_opt, buf, sizeof buf), p->label);
    else {
        const char *names[CLI_MAX_OPTIONS];
        for (size_t i = 0; i < p->n_opts; i++)
            names[i] = p->opts[i]->name;
        const char *near = word[0] ? ssim_suggest_nearest(word, names, p->n_opts, 2) : NULL;
        if (near)
            ssim_error(SSIM_EINVAL, SSIM_LOC_NONE, "%s: unknown option '%s' (did you mean '--%s'?)",
                       p->label, shown, near);
        else
            ssim_error(SSIM_EINVAL, SSIM_LOC_NONE,
                       "%s: unknown option '%s' (see 'sectorsim %s --help')", p->label, shown,
                       p->label);
    }
    return CLI_PARSE_USAGE;
}

/* getopt_long returned '?': an unknown option, an ambiguous prefix, or a
 * value given to a flag (optopt says which). */
static cli_parse_t bad_option(const cli_parser_t *p)
{
    if (optopt >= LONG_BASE && (size_t)(optopt - LONG_BASE) < p->n_opts) {
        ssim_error(SSIM_EINVAL, SSIM_LOC_NONE, "%s: option '--%s' takes no value", p->label,
                   p->opts[optopt - LONG_BASE]->name);
        return CLI_PARSE_USAGE;
    }
    if (optopt)
        return unknown_option(p, NULL, 0, (char)optopt);
    const char *arg = p->argv[optind - 1]; /* getopt has stepped past the unknown --name */
    const char *name = strncmp(arg, "--", 2) == 0 ? arg + 2 : arg;
    size_t len = strcspn(name, "=");
    int n_prefix = 0;
    char list[256] = "";
    for (size_t i = 0; i < p->n_opts; i++) {
        if (len && strncmp(p->opts[i]->name, name, len) == 0) {
            size_t used = strlen(list);
            snprintf(list + used, sizeof list - used, "%s--%s", n_prefix ? ", " : "",
                     p->opts[i]->name);
            n_prefix++;
        }
    }
    if (n_prefix > 1) {
        ssim_error(SSIM_EINVAL, SSIM_LOC_NONE, "%s: option '--%.*s' is ambiguous (%s)", p->label,
                   (int)len, name, list);
        return CLI_PARSE_USAGE;
    }
    return unknown_option(p, name, len, 0);
}

/* After the last option: check the number of positional arguments. */
static cli_parse_t finish(cli_parser_t *p)
{
    const cli_command_t *cmd = p->cmd;
    p->args = p->argv + optind;
    p->n_args = p->argc - optind;
    if (p->n_args < cmd->min_args) {
        const char *synopsis = p->variant ? p->variant->synopsis : cmd->synopsis;
        ssim_error(SSIM_EINVAL, SSIM_LOC_NONE, "%s: missing %s argument (usage: sectorsim %s %s)",
                   p->label, cmd->args, p->label, synopsis);
        return CLI_PARSE_USAGE;
    }
    if (p->n_args > cmd->max_args) {
        ssim_error(SSIM_EINVAL, SSIM_LOC_NONE, "%s: unexpected argument '%s'", p->label,
                   p->args[cmd->max_args]);
        return CLI_PARSE_USAGE;
    }
    return CLI_PARSE_END;
}

cli_parse_t cli_parser_next(cli_parser_t *p)
{
    if (p->broken) {
        ssim_error(SSIM_EINTERNAL, SSIM_LOC_NONE,
                   "%s: the option table is longer than %d or "
                   "repeats a name (a bug)",
                   p->label, CLI_MAX_OPTIONS);
        return CLI_PARSE_BUG;
    }
    if (!p->started)
        start(p);
    int c = getopt_long(p->argc, p->argv, shortopts, longopts, NULL);
    if (c == -1)
        return finish(p);
    if (c == ':') {
        ssim_error(SSIM_EINVAL, SSIM_LOC_NONE, "%s: option '%s' needs a value", p->label,
                   p->argv[optind - 1]);
        return CLI_PARSE_USAGE;
    }
    const cli_option_t *o = NULL;
    if (c >= LONG_BASE && (size_t)(c - LONG_BASE) < p->n_opts)
        o = p->opts[c - LONG_BASE];
    for (size_t i = 0; !o && c != '?' && i < p->n_opts; i++)
        if (p->opts[i]->short_name == c)
            o = p->opts[i];
    if (!o)
        return bad_option(p);
    if (o->id == CLI_OPT_HELP) {
        cli_help_print(stdout, p->cmd, p->variant);
        return CLI_PARSE_HELP;
    }
    p->opt = o;
    p->value = o->value ? optarg : NULL;
    return CLI_PARSE_OPTION;
}

int cli_parse_exit_code(cli_parse_t r)
{
    switch (r) {
    case CLI_PARSE_HELP:
        return 0;
    case CLI_PARSE_BUG:
        return 1;
    case CLI_PARSE_USAGE:
        return 2;
    case CLI_PARSE_OPTION:
    case CLI_PARSE_END:
        break;
    }
    return 0;
}

/* Apply one option of a scenario command to opts. */
static ssim_status_t job_option(const cli_parser_t *p, cli_opts_t *opts)
{
    const char *v = p->value;
    uint64_t n;
    ssim_status_t st = SSIM_OK;
    switch (p->opt->id) {
    case CLI_OPT_OUTPUT:
        opts->output_path = v;
        break;
    case CLI_OPT_TRIALS:
        st = cli_parse_u64("--trials", v, 1, SSIM_MAX_TRIALS, &opts->src.trials);
        break;
    case CLI_OPT_SEED:
        st = cli_parse_u64("--seed", v, 0, UINT64_MAX, &opts->src.seed);
        opts->src.have_seed = st == SSIM_OK;
        break;
    case CLI_OPT_THREADS:
        st = cli_parse_u64("--threads", v, 1, 1024, &n);
        if (st == SSIM_OK)
            opts->threads = (int)n;
        break;
    case CLI_OPT_SUMMARY_ONLY:
        opts->src.summary_only = 1;
        break;
    case CLI_OPT_NETWORK:
        opts->src.network_dir = v;
        break;
    case CLI_OPT_OPTIONS:
        opts->src.options_path = v;
        break;
    case CLI_OPT_QUIET:
        opts->quiet = 1;
        break;
    default:
        if (cli_split_option(p, &opts->split, &st))
            break;
        st = ssim_error(SSIM_EINTERNAL, SSIM_LOC_NONE, "%s: --%s is not a scenario option (a bug)",
                        p->label, p->opt->name);
    }
    return st;
}

cli_parse_t cli_parse_job_opts(const cli_command_t *cmd, int argc, char **argv, cli_opts_t *opts)
{
    memset(opts, 0, sizeof *opts);
    cli_parser_t p;
    cli_parser_init(&p, cmd, NULL, argc, argv);
    cli_parse_t r;
    while ((r = cli_parser_next(&p)) == CLI_PARSE_OPTION) {
        ssim_status_t st = job_option(&p, opts);
        if (st != SSIM_OK)
            return st == SSIM_EINVAL ? CLI_PARSE_USAGE : CLI_PARSE_BUG;
    }
    if (r == CLI_PARSE_END)
        opts->src.scenario_path = p.args[0];
    return r;
}
