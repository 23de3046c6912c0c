/* models/gen_random_ba — `sectorsim generate ba`: a Barabási–Albert
 * preferential-attachment graph (igraph_barabasi_game, psumtree algorithm, no
 * multi-edges), written as a network by ssim_gen_graph_write(): each vertex an
 * operator, each undirected edge two dependencies (kind other, buffer 0,
 * loss 1), one supplier S0 feeding --seeds operators.
 *
 * Model: vertices arrive one at a time; vertex t >= 1 attaches to min(t, m)
 * distinct earlier vertices, each chosen with probability proportional to
 * degree + 1 (igraph's power 1, zero-appeal A = 1).  Edges:
 * m (n - 1) - m (m - 1) / 2 for n > m.  Random numbers: igraph's default RNG
 * seeded from --seed (the graph), Philox streams (prefectures, seeds).
 * Time O(n m log n), memory about 40 bytes per edge inside igraph.
 */
#include "models/generators/gen_common.h"
#include "models/generators/generator.h"

enum { P_NODES, P_M, P_SEEDS };

static const ssim_gen_param_t params[] = {
    {"nodes", SSIM_GEN_INT, "10000", 2, 1e7, "vertices (operators)"},
    {"m", SSIM_GEN_INT, "5", 1, 1000, "edges added with each new vertex; must be < nodes"},
    SSIM_GEN_PARAM_SEEDS,
    {NULL, SSIM_GEN_INT, NULL, 0, 0, NULL},
};

/* Edges of igraph's BA graph without multi-edges: vertex t adds min(t, m). */
static double ba_edges(double n, double m) { return m * (n - 1) - m * (m - 1) / 2; }

static ssim_status_t generate(const ssim_gen_args_t *args, ssim_netwrite_t *out)
{
    igraph_integer_t n = (igraph_integer_t)args->real[P_NODES];
    igraph_integer_t m = (igraph_integer_t)args->real[P_M];
    if (m >= n)
        return ssim_error(SSIM_EINVAL, SSIM_LOC_NONE,
                          "--m must be < --nodes (got m %lld, "
                          "nodes %lld)",
                          (long long)m, (long long)n);
    ssim_status_t st = ssim_gen_check_rows(2 * ba_edges((double)n, (double)m), "dependencies.csv");
    if (st != SSIM_OK)
        return st;
    ssim_gen_igraph_prepare(args->seed);
    igraph_t g;
    if (igraph_barabasi_game(&g, n, 1.0, m, NULL, 0, 1.0, IGRAPH_UNDIRECTED,
                             IGRAPH_BARABASI_PSUMTREE, NULL) != IGRAPH_SUCCESS)
        return ssim_error(SSIM_ENOMEM, SSIM_LOC_NONE,
                          "igraph_barabasi_game failed (out of "
                          "memory?) for %lld nodes, m %lld",
                          (long long)n, (long long)m);
    st = ssim_gen_graph_write(&g, NULL, args->seed, (int64_t)args->real[P_SEEDS], out);
    igraph_destroy(&g);
    return st;
}

const ssim_generator_t ssim_generator_ba = {
    "ba", "Barabási–Albert preferential-attachment graph (igraph) as a dependency network", params,
    generate};
