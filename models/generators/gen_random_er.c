/* models/gen_random_er — `sectorsim generate er`: an Erdős–Rényi random graph,
 * G(n, p) with p = mean-degree / (n - 1) (igraph_erdos_renyi_game_gnp) or
 * G(n, m) with m = round(mean-degree n / 2) (igraph_erdos_renyi_game_gnm),
 * undirected, no loops or multi-edges, written as a network by
 * ssim_gen_graph_write() (each vertex an operator, each edge two dependencies
 * of kind other with buffer 0 and loss 1, one supplier S0 feeding --seeds).
 *
 * Random numbers: igraph's default RNG seeded from --seed (the graph), Philox
 * streams (prefectures, seeds).  Time and memory O(n + m).
 */
#include "models/generators/gen_common.h"
#include "models/generators/generator.h"

#include <math.h>
#include <string.h>

enum { P_NODES, P_MEAN_DEGREE, P_MODEL, P_SEEDS };

static const ssim_gen_param_t params[] = {
    {"nodes", SSIM_GEN_INT, "10000", 2, 1e7, "vertices (operators)"},
    {"mean-degree", SSIM_GEN_REAL, "4", 0, 1e4,
     "expected mean degree: p = mean-degree / (nodes - 1), or m = round(mean-degree nodes / 2)"},
    {"model", SSIM_GEN_TEXT, "gnp", 0, 0, "gnp (independent edges) or gnm (exactly m edges)"},
    SSIM_GEN_PARAM_SEEDS,
    {NULL, SSIM_GEN_INT, NULL, 0, 0, NULL},
};

static ssim_status_t make_graph(igraph_t *g, igraph_integer_t n, double k, int gnm)
{
    igraph_error_t err;
    if (gnm)
        err = igraph_erdos_renyi_game_gnm(g, n, (igraph_integer_t)llround(k * (double)n / 2),
                                          IGRAPH_UNDIRECTED, 0);
    else
        err = igraph_erdos_renyi_game_gnp(g, n, k / (double)(n - 1), IGRAPH_UNDIRECTED, 0);
    if (err != IGRAPH_SUCCESS)
        return ssim_error(SSIM_ENOMEM, SSIM_LOC_NONE,
                          "igraph Erdős–Rényi game failed (out of "
                          "memory?) for %lld nodes",
                          (long long)n);
    return SSIM_OK;
}

static ssim_status_t generate(const ssim_gen_args_t *args, ssim_netwrite_t *out)
{
    igraph_integer_t n = (igraph_integer_t)args->real[P_NODES];
    double k = args->real[P_MEAN_DEGREE];
    const char *model = args->text[P_MODEL];
    int gnm = strcmp(model, "gnm") == 0;
    if (!gnm && strcmp(model, "gnp") != 0)
        return ssim_error(SSIM_EINVAL, SSIM_LOC_NONE, "--model must be gnp or gnm (got '%s')",
                          model);
    if (k > (double)(n - 1))
        return ssim_error(SSIM_EINVAL, SSIM_LOC_NONE,
                          "--mean-degree must be <= nodes - 1 "
                          "(got %g with %lld nodes)",
                          k, (long long)n);
    /* two rows per edge; G(n,p)'s edge count exceeds its mean by < 6 sd */
    double rows = k * (double)n;
    ssim_status_t st = ssim_gen_check_rows(rows + 6 * sqrt(2 * rows), "dependencies.csv");
    if (st != SSIM_OK)
        return st;
    ssim_gen_igraph_prepare(args->seed);
    igraph_t g;
    if ((st = make_graph(&g, n, k, gnm)) != SSIM_OK)
        return st;
    st = ssim_gen_graph_write(&g, NULL, args->seed, (int64_t)args->real[P_SEEDS], out);
    igraph_destroy(&g);
    return st;
}

const ssim_generator_t ssim_generator_er = {
    "er", "Erdős–Rényi random graph G(n,p) or G(n,m) (igraph) as a dependency network", params,
    generate};
