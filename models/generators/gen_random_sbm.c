/* models/gen_random_sbm — `sectorsim generate sbm`: a stochastic block model
 * (igraph_sbm_game), undirected, no loops: vertices in blocks, each pair in
 * the same block linked with probability p-in, each pair in different blocks
 * with p-out.  Written as a network by ssim_gen_graph_write(): each vertex an
 * operator whose sector is its block b mod 13 (with --block-sizes sectors the
 * blocks are the 13 sectors), each edge two dependencies (kind other, buffer
 * 0, loss 1), one supplier S0 feeding --seeds operators.
 *
 * Random numbers: igraph's default RNG seeded from --seed (the graph), Philox
 * streams (prefectures, seeds).  Time O(blocks^2 + n + m), memory
 * O(blocks^2 + n + m).
 */
#include "models/generators/gen_common.h"
#include "models/generators/generator.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

enum { P_NODES, P_BLOCKS, P_SIZES, P_P_IN, P_P_OUT, P_SEEDS };

static const ssim_gen_param_t params[] = {
    {"nodes", SSIM_GEN_INT, "10000", 2, 1e7, "vertices (operators)"},
    {"blocks", SSIM_GEN_INT, "13", 1, 1000, "number of blocks; block b holds sector b mod 13"},
    {"block-sizes", SSIM_GEN_TEXT, "equal", 0, 0,
     "equal, sectors (13 blocks sized by the synthetic generator's default sector mix), or "
     "W1,W2,... (one relative weight per block)"},
    {"p-in", SSIM_GEN_REAL, "0.01", 0, 1, "edge probability within a block"},
    {"p-out", SSIM_GEN_REAL, "0.0005", 0, 1, "edge probability between blocks"},
    SSIM_GEN_PARAM_SEEDS,
    {NULL, SSIM_GEN_INT, NULL, 0, 0, NULL},
};

/* Relative block weights from --block-sizes into w (length blocks). */
static ssim_status_t block_weights(const char *text, int blocks, double *w)
{
    if (!strcmp(text, "equal")) {
        for (int b = 0; b < blocks; b++)
            w[b] = 1;
        return SSIM_OK;
    }
    if (!strcmp(text, "sectors")) {
        if (blocks != ssim_vocab_sector.n)
            return ssim_error(SSIM_EINVAL, SSIM_LOC_NONE,
                              "--block-sizes sectors needs --blocks "
                              "%d, one block per sector (got %d)",
                              ssim_vocab_sector.n, blocks);
        return ssim_gen_parse_sector_mix("block-sizes", ssim_gen_default_sector_mix, w);
    }
    const char *s = text;
    double sum = 0;
    for (int b = 0; b < blocks; b++) {
        char *end = NULL;
        errno = 0;
        w[b] = strtod(s, &end);
        if (end == s || errno || !isfinite(w[b]) || w[b] < 0 || (*end != ',' && *end != '\0') ||
            (*end == '\0' && b + 1 < blocks) || (*end == ',' && b + 1 == blocks))
            return ssim_error(SSIM_EINVAL, SSIM_LOC_NONE,
                              "--block-sizes must be equal, sectors, or %d comma-separated "
                              "weights >= 0, one per block (got '%s')",
                              blocks, text);
        sum += w[b];
        s = end + 1;
    }
    if (!(sum > 0))
        return ssim_error(SSIM_EINVAL, SSIM_LOC_NONE,
                          "--block-sizes: the weights must not all "
                          "be 0 (got '%s')",
                          text);
    return SSIM_OK;
}

/* Block sizes by cumulative rounding of the weights: they sum to n and each is
 * within 1 of its exact share. */
static void block_sizes_from(const double *w, int blocks, int64_t n, igraph_vector_int_t *sizes)
{
    double total = 0, cum = 0;
    for (int b = 0; b < blocks; b++)
        total += w[b];
    int64_t prev = 0;
    for (int b = 0; b < blocks; b++) {
        cum += w[b];
        int64_t upto = b + 1 == blocks ? n : (int64_t)llround(cum / total * (double)n);
        VECTOR(*sizes)[b] = upto - prev;
        prev = upto;
    }
}

/* Expected edges of the model with these block sizes. */
static double expected_edges(const igraph_vector_int_t *sizes, double p_in, double p_out)
{
    double n = 0, within = 0, sq = 0;
    for (igraph_integer_t b = 0; b < igraph_vector_int_size(sizes); b++) {
        double nb = (double)VECTOR(*sizes)[b];
        n += nb;
        sq += nb * nb;
        within += nb * (nb - 1) / 2;
    }
    return p_in * within + p_out * (n * n - sq) / 2;
}

/* Block sizes and the preference matrix; the caller destroys both on success. */
static ssim_status_t model_init(const ssim_gen_args_t *args, igraph_vector_int_t *sizes,
                                igraph_matrix_t *pref)
{
    int blocks = (int)args->real[P_BLOCKS];
    int64_t n = (int64_t)args->real[P_NODES];
    double w[1000];
    ssim_status_t st = block_weights(args->text[P_SIZES], blocks, w);
    if (st != SSIM_OK)
        return st;
    if (igraph_vector_int_init(sizes, blocks) != IGRAPH_SUCCESS)
        return ssim_error(SSIM_ENOMEM, SSIM_LOC_NONE, "out of memory in igraph");
    if (igraph_matrix_init(pref, blocks, blocks) != IGRAPH_SUCCESS) {
        igraph_vector_int_destroy(sizes);
        return ssim_error(SSIM_ENOMEM, SSIM_LOC_NONE, "out of memory in igraph");
    }
    block_sizes_from(w, blocks, n, sizes);
    for (int a = 0; a < blocks; a++)
        for (int b = 0; b < blocks; b++)
            MATRIX(*pref, a, b) = a == b ? args->real[P_P_IN] : args->real[P_P_OUT];
    return SSIM_OK;
}

static ssim_status_t generate(const ssim_gen_args_t *args, ssim_netwrite_t *out)
{
    igraph_integer_t n = (igraph_integer_t)args->real[P_NODES];
    igraph_vector_int_t sizes;
    igraph_matrix_t pref;
    igraph_t g;
    ssim_status_t st = model_init(args, &sizes, &pref);
    if (st != SSIM_OK)
        return st;
    double rows = 2 * expected_edges(&sizes, args->real[P_P_IN], args->real[P_P_OUT]);
    st = ssim_gen_check_rows(rows + 6 * sqrt(2 * rows), "dependencies.csv");
    if (st == SSIM_OK) {
        ssim_gen_igraph_prepare(args->seed);
        if (igraph_sbm_game(&g, n, &pref, &sizes, IGRAPH_UNDIRECTED, 0) != IGRAPH_SUCCESS)
            st = ssim_error(SSIM_ENOMEM, SSIM_LOC_NONE,
                            "igraph_sbm_game failed (out of "
                            "memory?) for %lld nodes",
                            (long long)n);
    }
    if (st == SSIM_OK) {
        st = ssim_gen_graph_write(&g, &sizes, args->seed, (int64_t)args->real[P_SEEDS], out);
        igraph_destroy(&g);
    }
    igraph_matrix_destroy(&pref);
    igraph_vector_int_destroy(&sizes);
    return st;
}

const ssim_generator_t ssim_generator_sbm = {
    "sbm", "stochastic block model (igraph) as a dependency network, blocks as sectors", params,
    generate};
