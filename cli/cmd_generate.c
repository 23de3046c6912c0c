/* The generate subcommand: sectorsim generate NAME [--PARAM VALUE ...] [--seed S] -o DIR.
 * Its options: the command table's (-o, --seed, --facts, -q) and NAME's
 * parameter table, parsed and listed by the same parser and help. */
#include "cli/cli.h"

#include "core/log.h"
#include "core/suggest.h"
#include "models/generators/generator.h"
#include "ssim_version.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

void cli_generate_list(FILE *out)
{
    fprintf(out, "generators (sectorsim generate NAME --help for parameters):\n");
    for (int i = 0; ssim_generator_registry[i]; i++)
        fprintf(out, "  %-10s %s\n", ssim_generator_registry[i]->name,
                ssim_generator_registry[i]->summary);
}

/* generate NAME: the generator's parameter table as option rows (the
 * parser's and the help's), each help line with its default and bounds. */
typedef struct {
    char label[64];
    cli_option_t opts[SSIM_GEN_MAX_PARAMS + 1];
    char help[SSIM_GEN_MAX_PARAMS][256];
    cli_variant_t variant;
} gen_variant_t;

static void variant_init(gen_variant_t *v, const ssim_generator_t *g)
{
    static const char *const placeholder[] = {
        [SSIM_GEN_INT] = "N", [SSIM_GEN_REAL] = "X", [SSIM_GEN_TEXT] = "TEXT"};
    snprintf(v->label, sizeof v->label, "generate %s", g->name);
    int i;
    for (i = 0; i < SSIM_GEN_MAX_PARAMS && g->params[i].name; i++) {
        const ssim_gen_param_t *p = &g->params[i];
        if (p->kind == SSIM_GEN_TEXT)
            snprintf(v->help[i], sizeof v->help[i], "%s (default %s)", p->help, p->def);
        else
            snprintf(v->help[i], sizeof v->help[i], "%s (default %s; %g..%g)", p->help, p->def,
                     p->min, p->max);
        v->opts[i] =
            (cli_option_t){p->name, 0, placeholder[p->kind], v->help[i], CLI_OPT_GEN_PARAM, i};
    }
    v->opts[i] = (cli_option_t){NULL, 0, NULL, NULL, CLI_OPT_HELP, 0};
    v->variant = (cli_variant_t){v->label, "[options] -o DIR", g->summary, v->opts};
}

/* Parse one parameter value against its table entry. */
static ssim_status_t parse_value(const ssim_gen_param_t *p, const char *text, int i,
                                 ssim_gen_args_t *args)
{
    if (p->kind == SSIM_GEN_TEXT) {
        args->text[i] = text;
        return SSIM_OK;
    }
    char *end = NULL;
    errno = 0;
    double v = strtod(text, &end);
    int bad = !*text || *end || errno || !isfinite(v) || v < p->min || v > p->max;
    if (!bad && p->kind == SSIM_GEN_INT && v != floor(v))
        bad = 1;
    if (bad)
        return ssim_error(SSIM_EINVAL, SSIM_LOC_NONE, "--%s must be %s in [%g, %g] (got '%s')",
                          p->name, p->kind == SSIM_GEN_INT ? "an integer" : "a number", p->min,
                          p->max, text);
    args->real[i] = v;
    return SSIM_OK;
}

static ssim_status_t set_defaults(const ssim_generator_t *g, ssim_gen_args_t *args)
{
    memset(args, 0, sizeof *args);
    args->seed = 1;
    args->source_dir = SSIM_DATA_DIR;
    for (int i = 0; g->params[i].name; i++)
        if (parse_value(&g->params[i], g->params[i].def, i, args) != SSIM_OK)
            return SSIM_EINTERNAL;
    return SSIM_OK;
}

/* Apply one option of generate NAME. */
static ssim_status_t gen_option(const cli_parser_t *p, const ssim_generator_t *g,
                                ssim_gen_args_t *args, const char **out_dir, int *quiet)
{
    switch (p->opt->id) {
    case CLI_OPT_OUTPUT:
        *out_dir = p->value;
        return SSIM_OK;
    case CLI_OPT_SEED:
        return cli_parse_u64("--seed", p->value, 0, UINT64_MAX, &args->seed);
    case CLI_OPT_FACTS:
        args->source_dir = p->value;
        return SSIM_OK;
    case CLI_OPT_QUIET:
        *quiet = 1;
        return SSIM_OK;
    case CLI_OPT_GEN_PARAM:
        if (g)
            return parse_value(&g->params[p->opt->index], p->value, p->opt->index, args);
        break;
    default:
        break;
    }
    return ssim_error(SSIM_EINTERNAL, SSIM_LOC_NONE, "%s: --%s is not a generate option (a bug)",
                      p->label, p->opt->name);
}

static int unknown_generator(const char *name)
{
    enum { MAX_GENERATORS = 64 };
    const char *names[MAX_GENERATORS];
    size_t n = 0;
    for (int i = 0; ssim_generator_registry[i] && n < MAX_GENERATORS; i++)
        names[n++] = ssim_generator_registry[i]->name;
    const char *near = ssim_suggest_nearest(name, names, n, 2);
    if (near)
        ssim_error(SSIM_EINVAL, SSIM_LOC_NONE,
                   "generate: unknown generator '%s' (did you mean "
                   "'%s'?)",
                   name, near);
    else
        ssim_error(SSIM_EINVAL, SSIM_LOC_NONE,
                   "generate: unknown generator '%s' (see "
                   "'sectorsim generate --help')",
                   name);
    return 2;
}

/* Load the network written to w's temporaries and build its graph (the
 * check; the dependency cycles are counted later, for the shape only).  A
 * network that fails is the generator's bug (SSIM_EINTERNAL), except for
 * running out of memory or a read failure. */
static ssim_status_t check_network(const ssim_generator_t *g, ssim_netwrite_t *w, const char *dir,
                                   ssim_network_t *net, ssim_graph_t *graph)
{
    const char *paths[SSIM_NET_N_FILES];
    ssim_status_t st = ssim_netwrite_flush(w, paths);
    if (st == SSIM_OK)
        st = ssim_network_load_files(net, dir, paths);
    if (st == SSIM_OK)
        st = ssim_graph_build(graph, net);
    if (st == SSIM_EINVAL)
        st = ssim_error(SSIM_EINTERNAL, SSIM_LOC_NONE,
                        "generator '%s' wrote an invalid network (a bug; nothing was written to "
                        "%s): see the message above",
                        g->name, dir);
    return st;
}

/* Generate into temporaries in dir, load them back and check them, and only
 * then commit them as the network (so a network that fails the check is
 * never committed); print its shape. */
static ssim_status_t run_generator(const ssim_generator_t *g, const ssim_gen_args_t *args,
                                   const char *dir)
{
    double t0 = ssim_now(), t1 = t0;
    ssim_netwrite_t w;
    ssim_network_t net;
    ssim_graph_t graph;
    memset(&net, 0, sizeof net);
    memset(&graph, 0, sizeof graph);
    ssim_status_t st = ssim_netwrite_open(&w, dir);
    if (st != SSIM_OK)
        return st;
    st = g->generate(args, &w);
    if (st == SSIM_OK) {
        t1 = ssim_now();
        st = check_network(g, &w, dir, &net, &graph);
    }
    ssim_status_t cst = ssim_netwrite_close(&w, st == SSIM_OK);
    if (st == SSIM_OK)
        st = cst;
    if (st == SSIM_OK) {
        ssim_info("generated %s in %.2f s, loaded and checked in %.2f s", dir, t1 - t0,
                  ssim_now() - t1);
        st = cli_print_network_shape(stdout, &net, &graph);
    }
    ssim_graph_destroy(&graph);
    ssim_network_destroy(&net);
    return st;
}

int cli_cmd_generate(const cli_command_t *cmd, int argc, char **argv, const char *command_line)
{
    (void)command_line;
    /* NAME comes first: it decides which parameters are options */
    const ssim_generator_t *g = NULL;
    gen_variant_t v;
    if (argc > 1 && argv[1][0] != '-') {
        if (!(g = ssim_generator_find(argv[1])))
            return unknown_generator(argv[1]);
        variant_init(&v, g);
    }
    ssim_gen_args_t args;
    memset(&args, 0, sizeof args);
    if (g && set_defaults(g, &args) != SSIM_OK)
        return 1;
    const char *dir = NULL;
    int quiet = 0;
    cli_parser_t p;
    cli_parser_init(&p, cmd, g ? &v.variant : NULL, argc, argv);
    cli_parse_t r;
    ssim_status_t st = SSIM_OK;
    while (st == SSIM_OK && (r = cli_parser_next(&p)) == CLI_PARSE_OPTION)
        st = gen_option(&p, g, &args, &dir, &quiet);
    if (st != SSIM_OK)
        return ssim_status_exit_code(st);
    if (r != CLI_PARSE_END)
        return cli_parse_exit_code(r);
    if (!g)
        return ssim_status_exit_code(ssim_error(SSIM_EINVAL, SSIM_LOC_NONE,
                                                "generate: the generator NAME must come first "
                                                "(got '%s' after options)",
                                                p.args[0]));
    if (!dir)
        return ssim_status_exit_code(
            ssim_error(SSIM_EINVAL, SSIM_LOC_NONE, "generate %s: missing -o DIR", g->name));
    /* The four files replace only their own directory entries, which no
     * generator reads (the fact tables have other names): no input can be
     * overwritten; but a device, FIFO or directory there must not be. */
    const char *names[SSIM_NET_N_FILES];
    for (int f = 0; f < SSIM_NET_N_FILES; f++)
        names[f] = ssim_network_file_name((ssim_net_file_t)f);
    st = cli_check_output_dir("-o", dir, names, SSIM_NET_N_FILES, NULL, 0);
    if (st != SSIM_OK)
        return ssim_status_exit_code(st);
    ssim_log_set_level(quiet ? SSIM_LOG_QUIET : SSIM_LOG_NORMAL);
    return ssim_status_exit_code(run_generator(g, &args, dir));
}
