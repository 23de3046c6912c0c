/* The generate subcommand: sectorsim generate NAME [--PARAM VALUE ...] [--seed S] -o DIR */
#include "cli/cli.h"

#include "core/log.h"
#include "models/generators/generator.h"
#include "ssim_version.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

static void list_generators(FILE *out)
{
    fprintf(out, "usage: sectorsim generate NAME [--PARAM VALUE ...] [--seed S] -o DIR\n\n"
                 "Writes a network directory (operators.csv, suppliers.csv, supply.csv,\n"
                 "dependencies.csv), deterministic for a seed, then loads it back to check it.\n\n"
                 "generators (sectorsim generate NAME --help for parameters):\n");
    for (int i = 0; ssim_generator_registry[i]; i++)
        fprintf(out, "  %-10s %s\n", ssim_generator_registry[i]->name,
                ssim_generator_registry[i]->summary);
}

static void list_params(FILE *out, const ssim_generator_t *g)
{
    fprintf(out, "usage: sectorsim generate %s [options] -o DIR\n\n%s\n\noptions:\n", g->name,
            g->summary);
    for (int i = 0; g->params[i].name; i++) {
        const ssim_gen_param_t *p = &g->params[i];
        fprintf(out, "  --%-16s %s (default %s", p->name, p->help, p->def);
        if (p->kind != SSIM_GEN_TEXT)
            fprintf(out, "; %g..%g", p->min, p->max);
        fprintf(out, ")\n");
    }
    fprintf(out, "  --%-16s %s\n", "seed S", "seed of the random streams (default 1)");
    fprintf(out, "  --%-16s %s\n", "facts DIR", "fact tables: a facts folder, or a data folder holding japan/facts (default: the bundled data)");
    fprintf(out, "  -o, --output DIR    network directory to write (created if missing)\n");
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

/* Parse argv after NAME.  *out_dir receives -o. */
static ssim_status_t parse_args(const ssim_generator_t *g, int argc, char **argv,
                                ssim_gen_args_t *args, const char **out_dir, int *quiet,
                                int *help)
{
    for (int k = 0; k < argc; k++) {
        const char *a = argv[k];
        if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
            *help = 1;
            return SSIM_OK;
        }
        if (!strcmp(a, "-q") || !strcmp(a, "--quiet")) {
            *quiet = 1;
            continue;
        }
        if (strncmp(a, "--", 2) != 0 && strcmp(a, "-o") != 0)
            return ssim_error(SSIM_EINVAL, SSIM_LOC_NONE, "generate %s: unexpected argument '%s'",
                              g->name, a);
        if (k + 1 >= argc)
            return ssim_error(SSIM_EINVAL, SSIM_LOC_NONE, "generate %s: option '%s' needs a value",
                              g->name, a);
        const char *v = argv[++k];
        if (!strcmp(a, "-o") || !strcmp(a, "--output")) {
            *out_dir = v;
        } else if (!strcmp(a, "--seed")) {
            if (cli_parse_u64("--seed", v, 0, UINT64_MAX, &args->seed) != SSIM_OK)
                return SSIM_EINVAL;
        } else if (!strcmp(a, "--facts")) {
            args->source_dir = v;
        } else {
            int i = ssim_generator_param_index(g, a + 2);
            if (i < 0)
                return ssim_error(SSIM_EINVAL, SSIM_LOC_NONE,
                                  "generate %s: unknown option '%s' (see 'sectorsim generate %s "
                                  "--help')", g->name, a, g->name);
            if (parse_value(&g->params[i], v, i, args) != SSIM_OK)
                return SSIM_EINVAL;
        }
    }
    if (!*out_dir)
        return ssim_error(SSIM_EINVAL, SSIM_LOC_NONE, "generate %s: missing -o DIR", g->name);
    return SSIM_OK;
}

/* Generate into dir, then load it back and print its shape. */
static ssim_status_t run_generator(const ssim_generator_t *g, const ssim_gen_args_t *args,
                                   const char *dir)
{
    double t0 = ssim_now();
    ssim_netwrite_t w;
    ssim_status_t st = ssim_netwrite_open(&w, dir);
    if (st != SSIM_OK)
        return st;
    st = g->generate(args, &w);
    ssim_status_t cst = ssim_netwrite_close(&w, st == SSIM_OK);
    if (st == SSIM_OK)
        st = cst;
    if (st != SSIM_OK)
        return st;
    double t1 = ssim_now();
    ssim_network_t net;
    ssim_graph_t graph;
    memset(&graph, 0, sizeof graph);
    st = ssim_network_load(&net, dir);
    if (st == SSIM_OK)
        st = ssim_graph_build(&graph, &net);
    if (st == SSIM_OK) {
        ssim_info("generated %s in %.2f s, loaded and checked in %.2f s", dir, t1 - t0,
                  ssim_now() - t1);
        st = cli_print_network_shape(stdout, &net, &graph);
    } else {
        ssim_error(SSIM_EINTERNAL, SSIM_LOC_NONE, "generator '%s' wrote an invalid network "
                   "(a bug): see the message above", g->name);
        st = SSIM_EINTERNAL;
    }
    ssim_graph_destroy(&graph);
    ssim_network_destroy(&net);
    return st;
}

int cli_cmd_generate(int argc, char **argv)
{
    if (argc < 2)
        return ssim_status_exit_code(ssim_error(SSIM_EINVAL, SSIM_LOC_NONE,
                                                "generate: missing generator NAME (see "
                                                "'sectorsim generate --help')"));
    if (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help")) {
        list_generators(stdout);
        return 0;
    }
    const ssim_generator_t *g = ssim_generator_find(argv[1]);
    if (!g)
        return ssim_status_exit_code(ssim_error(SSIM_EINVAL, SSIM_LOC_NONE,
                                                "generate: unknown generator '%s' (see "
                                                "'sectorsim generate --help')", argv[1]));
    ssim_gen_args_t args;
    const char *dir = NULL;
    int quiet = 0, help = 0;
    ssim_status_t st = set_defaults(g, &args);
    if (st == SSIM_OK)
        st = parse_args(g, argc - 2, argv + 2, &args, &dir, &quiet, &help);
    if (st == SSIM_OK && help) {
        list_params(stdout, g);
        return 0;
    }
    if (st != SSIM_OK)
        return ssim_status_exit_code(st);
    ssim_log_set_level(quiet ? SSIM_LOG_QUIET : SSIM_LOG_NORMAL);
    return ssim_status_exit_code(run_generator(g, &args, dir));
}
