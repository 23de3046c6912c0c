/* models/gen_japan — `sectorsim generate japan [--scale X] [--seed S] [--facts DIR] -o DIR`:
 * the calibrated nationwide Japan network (see gen_japan.h for the pipeline
 * and scenarios/data/japan/README.md for every fact, rule and assumption).
 *
 * Facts are read from <source_dir>/japan/facts, where source_dir is the
 * bundled data directory (<repo>/scenarios/data) or --facts DIR; --facts may
 * also name the facts directory itself. */
#include "models/generators/japan/gen_japan.h"

#include "core/log.h"
#include "models/generators/generator.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

enum { PARAM_SCALE = 0 };

static const ssim_gen_param_t params[] = {
    {"scale", SSIM_GEN_REAL, "1", 0.01, 2500,
     "multiplies the operator counts of every kind (1 = the real counts; the 10 power areas "
     "are kept at every scale)"},
    {NULL, SSIM_GEN_REAL, NULL, 0, 0, NULL},
};

/* 1 when dir/name is a readable file (paths that do not fit count as absent). */
static int readable(const char *dir, const char *name)
{
    char path[4096];
    int n = snprintf(path, sizeof path, "%s/%s", dir, name);
    return n > 0 && (size_t)n < sizeof path && access(path, R_OK) == 0;
}

/* The facts directory: <source>/japan/facts if it holds the tables, else <source>. */
static ssim_status_t facts_dir(const char *source, char *buf, size_t size)
{
    int n = snprintf(buf, size, "%s/japan/facts", source);
    if (n > 0 && (size_t)n < size && readable(buf, "prefectures.csv"))
        return SSIM_OK;
    n = snprintf(buf, size, "%s", source);
    if (n > 0 && (size_t)n < size && readable(buf, "prefectures.csv"))
        return SSIM_OK;
    return ssim_error(SSIM_EINVAL, (ssim_loc_t){source, 0, 0},
                      "japan: no fact tables here or in its japan/facts (prefectures.csv, ...)");
}

static size_t count_designated(const ssim_jp_ops_t *ops)
{
    size_t n = 0;
    for (size_t i = 0; i < ops->n; i++)
        n += ops->designated[i];
    return n;
}

static ssim_status_t generate(const ssim_gen_args_t *args, ssim_netwrite_t *out)
{
    char dir[4096];
    double scale = args->real[PARAM_SCALE];
    ssim_jp_facts_t facts;
    ssim_jp_ops_t ops;
    size_t n_supply = 0, n_deps = 0, n_areas = 0;
    memset(&facts, 0, sizeof facts);
    memset(&ops, 0, sizeof ops);
    ssim_status_t st = facts_dir(args->source_dir, dir, sizeof dir);
    if (st == SSIM_OK)
        st = ssim_jp_facts_load(&facts, dir);
    if (st == SSIM_OK)
        st = ssim_jp_ops_build(&ops, &facts, scale);
    if (st == SSIM_OK) {
        ssim_jp_write_operators(&facts, &ops, out);
        ssim_jp_write_suppliers(&facts, out);
        st = ssim_jp_write_supply(&facts, &ops, args->seed, out, &n_supply);
    }
    if (st == SSIM_OK)
        st = ssim_jp_write_deps(&facts, &ops, args->seed, out, &n_deps);
    if (st == SSIM_OK)
        st = ssim_jp_write_conseq(&facts, &ops, out, &n_areas);
    if (st == SSIM_OK)
        ssim_info("japan: scale %g, seed %llu: %zu operators (%zu designated), %zu suppliers, "
                  "%zu supply edges, %zu dependencies, %zu service-area rows (facts: %s)",
                  scale, (unsigned long long)args->seed, ops.n, count_designated(&ops),
                  facts.n_suppliers, n_supply, n_deps, n_areas, dir);
    ssim_jp_ops_free(&ops);
    ssim_jp_facts_free(&facts);
    return st;
}

const ssim_generator_t ssim_generator_japan = {
    "japan",
    "the calibrated nationwide Japan data set (47 prefectures, 10 power areas, ~4,900 "
    "operators at scale 1, fictional supplier archetypes)",
    params, generate};
