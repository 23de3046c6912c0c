/* models/gen_random_coupled — `sectorsim generate coupled_er`: two
 * Erdős–Rényi networks coupled one-to-one, the test bed of Buldyrev et al.
 * (2010) for the interdependent_percolation model
 * (docs/models/interdependent-percolation.md).
 *
 * Network A = N electricity operators E0..E{N-1}, network B = N telecom
 * operators T0..T{N-1}.  Each is G(N, p) with p = k / (N - 1) (k = mean
 * degree), sampled pair by pair in O(N + edges) with geometric gaps
 * (Batagelj & Brandes 2005) from the stream (seed, 0, x, P_PAIRS) of network
 * x = 0 (A) or 1 (B).  Written as dependency rows:
 *   intra A    E{v} depends on E{w} (w < v), kind power
 *   intra B    T{v} depends on T{w} (w < v), kind telecom
 *   coupling   E{i} depends on T{i} (telecom) and T{i} on E{i} (power)
 * all with buffer_hours 0 and loss 1.  Intra edges are written once, oriented
 * from the lower index; models that need undirected connectivity read them
 * undirected (the interdependent model always does; the cascade kernels with
 * kernel.direction: undirected).  Every operator serves 1 customer, is not
 * designated and sits in prefecture (i mod 47) + 1.  One supplier V1 supplies
 * E0, so that `kernel.seeds: origins` with origin [V1] seeds E0.
 *
 * Memory: constant (rows are streamed).
 */
#include "models/generators/generator.h"

#include "core/rng.h"
#include "core/vocab.h"

#include <math.h>
#include <stdio.h>

enum { P_PAIRS = 1 }; /* stream purpose: the pair gaps of one network */
enum { PARAM_NODES = 0, PARAM_MEAN_DEGREE };

static const ssim_gen_param_t params[] = {
    {"nodes", SSIM_GEN_INT, "1000", 2, 1e7, "operators in each of the two networks (N)"},
    {"mean-degree", SSIM_GEN_REAL, "4", 0, 1000, "mean degree k of each ER network (<= N - 1)"},
    {NULL, SSIM_GEN_INT, NULL, 0, 0, NULL},
};

typedef struct {
    char prefix; /* 'E' or 'T' */
    int sector;  /* vocab code */
    int kind;    /* dependency kind of its intra edges */
} side_t;

static void write_operators(ssim_netwrite_t *out, const side_t *s, uint64_t n)
{
    char id[32], name[64];
    for (uint64_t i = 0; i < n; i++) {
        snprintf(id, sizeof id, "%c%llu", s->prefix, (unsigned long long)i);
        snprintf(name, sizeof name, "%s operator %llu", ssim_vocab_sector.names[s->sector],
                 (unsigned long long)i);
        ssim_netwrite_operator(out, id, name, s->sector, (int)(i % SSIM_N_PREFECTURES) + 1, 1, 0);
    }
}

/* G(n, p) edges (v, w), w < v, in increasing (v, w) order; O(n + edges). */
static void write_er(ssim_netwrite_t *out, const side_t *s, uint64_t n, double p, uint64_t seed,
                     uint32_t entity)
{
    if (p <= 0)
        return;
    ssim_rng_t r;
    ssim_rng_seed(&r, seed, 0, entity, P_PAIRS);
    double log_q = p < 1 ? log1p(-p) : -INFINITY;
    uint64_t v = 1;
    double w = -1;
    char a[32], b[32];
    while (v < n) {
        double gap = p < 1 ? floor(log1p(-ssim_rng_uniform(&r)) / log_q) : 0;
        w += 1 + gap;
        while (w >= (double)v && v < n) {
            w -= (double)v;
            v++;
        }
        if (v >= n)
            break;
        snprintf(a, sizeof a, "%c%llu", s->prefix, (unsigned long long)v);
        snprintf(b, sizeof b, "%c%llu", s->prefix, (unsigned long long)w);
        ssim_netwrite_dependency(out, a, b, s->kind, 0, 1);
    }
}

static void write_coupling(ssim_netwrite_t *out, const side_t *sa, const side_t *sb, uint64_t n)
{
    char a[32], b[32];
    for (uint64_t i = 0; i < n; i++) {
        snprintf(a, sizeof a, "%c%llu", sa->prefix, (unsigned long long)i);
        snprintf(b, sizeof b, "%c%llu", sb->prefix, (unsigned long long)i);
        ssim_netwrite_dependency(out, a, b, sb->kind, 0, 1);
        ssim_netwrite_dependency(out, b, a, sa->kind, 0, 1);
    }
}

static ssim_status_t generate(const ssim_gen_args_t *args, ssim_netwrite_t *out)
{
    uint64_t n = (uint64_t)args->real[PARAM_NODES];
    double k = args->real[PARAM_MEAN_DEGREE];
    if (k > (double)(n - 1))
        return ssim_error(SSIM_EINVAL, SSIM_LOC_NONE,
                          "generate coupled_er: --mean-degree must be <= nodes - 1 (got %g, "
                          "nodes %llu)",
                          k, (unsigned long long)n);
    const side_t a = {'E', ssim_vocab_find(&ssim_vocab_sector, "electricity"),
                      ssim_vocab_find(&ssim_vocab_dep_kind, "power")};
    const side_t b = {'T', ssim_vocab_find(&ssim_vocab_sector, "telecom"),
                      ssim_vocab_find(&ssim_vocab_dep_kind, "telecom")};
    if (a.sector < 0 || b.sector < 0 || a.kind < 0 || b.kind < 0)
        return ssim_error(SSIM_EINTERNAL, SSIM_LOC_NONE, "coupled_er: vocabulary changed");
    double p = k / (double)(n - 1);
    write_operators(out, &a, n);
    write_operators(out, &b, n);
    ssim_netwrite_supplier(out, "V1", "coupled_er seed vendor", "JP",
                           ssim_vocab_find(&ssim_vocab_category, "os"));
    ssim_netwrite_supply(out, "V1", "E0", SSIM_CHANNEL_AUTO, 0, 1, SSIM_PRIV_IT);
    write_er(out, &a, n, p, args->seed, 0);
    write_er(out, &b, n, p, args->seed, 1);
    write_coupling(out, &a, &b, n);
    return SSIM_OK;
}

const ssim_generator_t ssim_generator_coupled_er = {
    "coupled_er", "two ER networks (electricity, telecom) coupled one-to-one (Buldyrev 2010)",
    params, generate};
