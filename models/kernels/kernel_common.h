/* models/kernel_common — pieces shared by the classic kernels
 * (kernel_ic_ref.c, kernel_ic_fast.c, kernel_watts.c, kernel_interdep.c): adjacency in CSR form
 * built from the dependency edges, seed selection, and the writer that turns
 * a trial's failed operators into its result row.
 *
 * Conventions common to the kernels (docs/models/independent-cascade.md):
 *   - nodes are operators 0..n_operators-1; suppliers play no part except
 *     that seeds: origins takes the operators they supply directly;
 *   - a dependency edge d = (dep_op[d] depends on dep_provider[d]) spreads
 *     failure provider -> dependent ("directed"), or both ways ("undirected");
 *   - failures are static: a failed operator stays out for the whole horizon,
 *     so its customer-hours are customers x horizon_hours.
 *
 * Random streams: purposes below, never renumbered (part of the stream key).
 */
#ifndef SSIM_MODELS_KERNEL_COMMON_H
#define SSIM_MODELS_KERNEL_COMMON_H

#include "models/incident/incident_params.h"
#include "models/kernels/kernel_params.h"
#include "run/model.h"

#include <Random123/philox.h>
#include <math.h>
#include <stddef.h>
#include <stdint.h>

/* Random-stream purposes of the kernels (entity in brackets). */
enum {
    SSIM_KERNEL_P_SEEDS = 1,     /* [0] the trial's seed draws, one sequential stream */
    SSIM_KERNEL_P_EDGE = 2,      /* [dependency] does the edge transmit (IC) */
    SSIM_KERNEL_P_THRESHOLD = 3, /* [operator] threshold phi (Watts) */
    SSIM_KERNEL_P_OCCUPY = 4,    /* [operator] survives the initial attack (Buldyrev) */
    SSIM_KERNEL_P_SKIP = 5,      /* [operator] gaps between its open arcs (IC, geometric) */
    SSIM_KERNEL_P_THIN = 6,      /* [operator] keep-or-drop numbers of the arcs its gaps reach
                                    (IC, geometric, per-edge p) */
};

/* Compressed adjacency: the neighbours of node u are nbr[off[u] .. off[u+1])
 * with the dependency index of each in edge[].  Lengths: off n + 1, nbr and
 * edge off[n] (= n_deps directed, 2 n_deps undirected).  Order: by dependency
 * index within each node, so the structure is deterministic. */
typedef struct {
    size_t n;
    int64_t *off;
    int32_t *nbr;
    int32_t *edge;
} ssim_kernel_adj_t;

/* Which endpoints of a dependency an adjacency links. */
typedef enum {
    SSIM_KERNEL_ADJ_DIRECTED = 0, /* provider -> dependent */
    SSIM_KERNEL_ADJ_UNDIRECTED,   /* both ways */
} ssim_kernel_adj_mode_t;

/* Edge filter for ssim_kernel_adj_build: keep dependency d or not.  NULL keeps all. */
typedef int (*ssim_kernel_edge_filter_t)(const ssim_network_t *net, size_t d, const void *arg);

/* Build the adjacency of the operators over the dependencies kept by keep
 * (O(n_operators + n_deps) time and memory).  Raises SSIM_ENOMEM. */
ssim_status_t ssim_kernel_adj_build(ssim_kernel_adj_t *adj, const ssim_network_t *net,
                                    ssim_kernel_adj_mode_t mode, ssim_kernel_edge_filter_t keep,
                                    const void *arg);
void ssim_kernel_adj_destroy(ssim_kernel_adj_t *adj);

/* kernel.direction as an adjacency mode; -1 for an unknown name (a schema bug). */
int ssim_kernel_direction(const ssim_scenario_t *sc);

/* kernel.direction of sc into *dir, and for undirected the links of net
 * into *twin (NULL when directed).  Undirected, each dependency row is a link
 * both ways, except that a row "a depends on b" and a row "b depends on a" of
 * the same kind are the two halves of ONE link (a network that `generate er`,
 * `ba` and `sbm` write lists each undirected edge so): the later row d gets
 * twin[d] = the earlier row's index and is left out of the adjacency
 * (ssim_kernel_keep_link), so the link has one coin, the earlier row's; every
 * other row has twin[d] = -1.  Rows of different kinds stay separate links,
 * as parallel rows are when directed.  When the halves' probabilities differ
 * (kernel.probability_from: loss and two losses), the link is ambiguous:
 * SSIM_EINVAL naming the two operators.  SSIM_EINTERNAL for an unknown name;
 * SSIM_ENOMEM.  O(n_deps log n_deps) when undirected.  Free *twin. */
ssim_status_t ssim_kernel_direction_for(const ssim_network_t *net, const ssim_scenario_t *sc,
                                        int *dir, int32_t **twin);

/* Edge filter for ssim_kernel_adj_build with arg = twin (may be NULL): keep
 * the rows that are links of their own or a link's first half. */
int ssim_kernel_keep_link(const ssim_network_t *net, size_t d, const void *twin);

/* ---- seeds (kernel.seeds) ---- */

typedef enum {
    SSIM_KERNEL_SEEDS_ORIGINS = 0,
    SSIM_KERNEL_SEEDS_RANDOM,
    SSIM_KERNEL_SEEDS_FRACTION
} ssim_kernel_seed_mode_t;

typedef struct {
    ssim_kernel_seed_mode_t mode;
    int32_t *fixed; /* origins: the seed operators, ascending, distinct; length n_fixed */
    size_t n_fixed;
    size_t n_suppliers; /* origins: origin suppliers (the row's suppliers_compromised) */
    uint64_t n_random;  /* random: seeds per trial, <= n_operators */
    double fraction;    /* fraction: P(an operator is a seed) */
    size_t n_operators;
} ssim_kernel_seeds_t;

/* Resolve kernel.seeds against the network: origins must name suppliers
 * that supply at least one operator; n_seeds must not exceed the operators.
 * Errors name the scenario and the rule (SSIM_EINVAL). */
ssim_status_t ssim_kernel_seeds_init(ssim_kernel_seeds_t *s, const ssim_network_t *net,
                                     const ssim_scenario_t *sc);
void ssim_kernel_seeds_destroy(ssim_kernel_seeds_t *s);

/* Write trial's seeds into out[] (capacity n_operators) and set bit in
 * flag[] for each; returns their number.  Seeds are distinct.  flag[] must
 * have bit clear on every operator on entry.  Draws only from the stream
 * (seed, trial, 0, SSIM_KERNEL_P_SEEDS); O(number of seeds) expected time
 * (random: Floyd's sampling; fraction: geometric gaps between seeds). */
size_t ssim_kernel_seeds_draw(const ssim_kernel_seeds_t *s, uint64_t seed, uint64_t trial,
                              uint8_t *flag, uint8_t bit, int32_t *out);

/* ---- the result row ---- */

/* What the result row needs of one operator, packed into 8 bytes (eight to
 * a cache line), so that the row costs one scattered read per failed
 * operator instead of three (net->op_customers, op_sector, op_prefecture):
 * customers in bits 0-47, the sector code in 48-55, the prefecture in 56-63. */
typedef uint64_t ssim_kernel_opinfo_t;
#define SSIM_KERNEL_OPINFO_MAX_CUSTOMERS ((int64_t)1 << 48)

/* The packed records of every operator (length n_operators + 1) into *out,
 * or *out = NULL when an operator has SSIM_KERNEL_OPINFO_MAX_CUSTOMERS
 * customers or more, or the network says where customers live
 * (service_areas.csv: the row then splits each failed operator's customers by
 * residence; otherwise it reads the network's arrays).  SSIM_ENOMEM
 * (error raised) when out of memory.  Free *out with free(). */
ssim_status_t ssim_kernel_opinfo_build(const ssim_network_t *net, ssim_kernel_opinfo_t **out);

/* What one static trial produced (all borrowed). */
typedef struct {
    const ssim_kernel_opinfo_t *info; /* ssim_kernel_opinfo_build(net), or NULL: read the
                                         network's arrays (the same numbers) */
    const int32_t *out;               /* failed operators, distinct; length n_out */
    size_t n_out;
    const uint64_t *failed;     /* the same set as a bitmap (bit v & 63 of word v >> 6),
                                   or NULL; with info, a large set is read through it */
    const int32_t *compromised; /* operators failed by the trial's initial condition
                                   (seeds, or the attacked operators); length n_compromised */
    size_t n_compromised;
    int32_t suppliers; /* suppliers_compromised */
    uint64_t events;   /* the model's cost figure (see its page) */
} ssim_kernel_outcome_t;

/* Fill row and the accumulators from a static outcome: every failed
 * operator is out for the whole horizon.  Writes every row field (the time
 * series when kept: constant over time); O(n_out + n_compromised + K S), or
 * O(n_operators / 64 + n_out) when the failed set is large and given as a
 * bitmap: the records and counters are then read in operator order, which
 * streams them from memory instead of missing the cache once per operator.
 * The sums do not depend on the order (integers), so the row is the same. */
void ssim_kernel_write_row(const ssim_model_ctx_t *ctx, const ssim_kernel_outcome_t *o,
                           ssim_trial_row_t *row, ssim_op_accum_t *acc);

/* The independent cascade's reference implementation (models/kernels/kernel_ic_ref.c):
 * the same model as the registered ssim_model_independent_cascade, written
 * the obvious way; not in the registry, used by unit.test_kernel_ic_fast. */
extern const ssim_model_type_t ssim_model_independent_cascade_reference;

/* ---- inline edge coins ---- */

/* One Philox4x32-10 block of core/rng.h's stream layout, computed inline:
 * out = philox({c0, entity, trial_lo, c3}, {key0, key1}), where c0 is the
 * block index within the stream, key = {seed low, seed high} and c3 = the
 * stream's ctr[3], (trial >> 32 & 0xffff) << 16 | purpose.  Tested bit for bit
 * against core/rng.c (unit.test_kernel_ic_fast). */
static inline void ssim_kernel_philox(uint32_t key0, uint32_t key1, uint32_t c0, uint32_t entity,
                                      uint32_t trial_lo, uint32_t c3, uint32_t out[4])
{
    philox4x32_ctr_t c = {{c0, entity, trial_lo, c3}};
    philox4x32_key_t k = {{key0, key1}};
    philox4x32_ctr_t r = philox4x32_R(10, c, k);
    for (int i = 0; i < 4; i++)
        out[i] = r.v[i];
}

/* The 53-bit integer X behind the first uniform U = X 2^-53 of the stream
 * (seed, trial, entity, purpose) of core/rng.h (ssim_rng_seed followed by
 * ssim_rng_uniform), computed inline: one Philox4x32-10 block, no call, no
 * stream state.  Arguments as ssim_kernel_philox.  About 3-5 ns scalar. */
static inline uint64_t ssim_kernel_coin53(uint32_t key0, uint32_t key1, uint32_t entity,
                                          uint32_t trial_lo, uint32_t c3)
{
    uint32_t x[4];
    ssim_kernel_philox(key0, key1, 0, entity, trial_lo, c3, x);
    return (uint64_t)(x[0] >> 5) << 26 | (x[1] >> 6);
}

/* kernel.sampling: geometric.  The arcs of an operator are open
 * independently with probability p each; instead of a coin per arc, the
 * number of closed arcs before the next open one is drawn directly:
 * G = floor(log(U) inv), U = 1 - X 2^-53 in (0, 1], inv = 1 / log(1 - p), so
 * P(G = g) = (1 - p)^g p.  X is the next 53-bit number of the operator's
 * stream (taken as ssim_rng_uniform takes it).  Returned as a double: it can
 * exceed any arc count.  Both IC kernels call this one function, so they
 * agree bit for bit. */
static inline double ssim_kernel_gap(uint64_t x53, double inv)
{
    return floor(log(1.0 - (double)x53 * 0x1.0p-53) * inv);
}

/* As ssim_kernel_gap when r arcs remain in the list and q_r = (1 - p)^r
 * (ssim_kernel_qpow): the gap is at least r exactly when U <= q_r, so that
 * test answers "no open arc left" without a logarithm (most operators of a
 * small cascade have none).  Returns INFINITY then; q_r < 0 skips the test. */
static inline double ssim_kernel_gap_q(uint64_t x53, double inv, double q_r)
{
    double u = 1.0 - (double)x53 * 0x1.0p-53;
    return u <= q_r ? INFINITY : floor(log(u) * inv);
}

/* The table q[r] = (1 - p)^r, r = 0 .. max_r, for ssim_kernel_gap_q; NULL
 * (error raised) when out of memory.  Free with free(). */
double *ssim_kernel_qpow(double p, size_t max_r);

/* Thinning for per-edge probabilities under geometric sampling: the gaps are
 * drawn with the operator's largest probability pmax, and an arc reached is
 * kept when X 2^-53 pmax < p(d), i.e. with probability p(d) / pmax.  X comes
 * from a second stream of the operator (SSIM_KERNEL_P_THIN), so that all the
 * gaps can be drawn before any arc is read. */
static inline int ssim_kernel_thin_keep(uint64_t x53, double p, double pmax)
{
    return (double)x53 * 0x1.0p-53 * pmax < p;
}

/* The integer threshold of probability p for ssim_kernel_coin53: for every
 * 53-bit X, X < ssim_kernel_coin_threshold(p) exactly when X 2^-53 < p
 * (p 2^53 is exact in double; X is an integer).  0 for p <= 0 (never open),
 * 2^53 for p >= 1 (always open). */
static inline uint64_t ssim_kernel_coin_threshold(double p)
{
    if (!(p > 0.0))
        return 0;
    if (p >= 1.0)
        return (uint64_t)1 << 53;
    return (uint64_t)ceil(p * 0x1.0p53);
}

/* last_error() of the kernels: their trials cannot fail. */
const char *ssim_kernel_last_error(const void *ws);

#endif
