/* models/gen_common — private helpers shared by the network generators
 * (gen_synthetic.c, gen_random_ba.c, gen_random_er.c, gen_random_sbm.c).
 * Not part of the plug-in interface (models/generators/generator.h): nothing outside the
 * generator files includes this header.
 *
 * Contents: the random-stream purposes of the generators, the 2020 census
 * prefecture weights and power areas, fixed-width ids, a few inverse-CDF
 * samplers (one uniform per draw, so each stream's layout is fixed), sector-mix
 * parsing and apportionment, and the writer that turns an igraph graph into a
 * network directory (the classic random graphs).
 */
#ifndef SSIM_MODELS_GEN_COMMON_H
#define SSIM_MODELS_GEN_COMMON_H

#include "core/rng.h"
#include "core/status.h"
#include "core/vocab.h"
#include "input/netwrite.h"

#include <igraph.h>
#include <stdint.h>

/* Purposes of the generators' random streams (core/rng.h).  Every stream is
 * keyed (seed, trial 0, entity, purpose), so a draw for one operator never
 * depends on how many numbers another operator used, and changing one
 * parameter leaves the draws of unrelated purposes untouched. */
enum {
    SSIM_GEN_P_OP_ATTR = 1,   /* operator: prefecture, customers */
    SSIM_GEN_P_OP_SUPPLY = 2, /* operator: its supply edges */
    SSIM_GEN_P_OP_DEPS = 3,   /* operator: its dependencies */
    SSIM_GEN_P_SUP_ATTR = 4,  /* supplier: country, upstream role */
    SSIM_GEN_P_SUP_EDGES = 5, /* supplier: its supplier-to-supplier edges */
    SSIM_GEN_P_NODE_PREF = 6, /* graph node: prefecture */
    SSIM_GEN_P_SEEDS = 7      /* graph node: selected as a seed of S0 or not */
};

/* Japan's 10 general transmission/distribution (power) areas, codes 0..9. */
#define SSIM_GEN_N_AREAS 10
extern const char *const ssim_gen_area_names[SSIM_GEN_N_AREAS];

/* 2020 census population of prefecture code 1..47 (0 when out of range). */
int64_t ssim_gen_pref_population(int pref);

/* Main power area (0..9) of prefecture code 1..47. */
int ssim_gen_pref_area(int pref);

/* Prefecture code 1..47 drawn with probability proportional to its 2020
 * population, from a uniform u in [0, 1).  O(log 47). */
int ssim_gen_draw_prefecture(double u);

/* Prefecture codes ordered by (power area, code): slot k of 0..46 holds
 * ssim_gen_pref_by_slot(k); each area's prefectures are consecutive slots
 * [ssim_gen_area_first_slot(a), ssim_gen_area_first_slot(a + 1)), a in 0..10. */
int ssim_gen_pref_by_slot(int slot);
int ssim_gen_slot_of_pref(int pref);
int ssim_gen_area_first_slot(int area);

/* Digits needed for ids 0..n-1, at least min_width. */
int ssim_gen_id_width(uint64_t n, int min_width);

/* prefix followed by i in decimal, zero-padded to width: ("OP", 123, 6) ->
 * "OP000123".  buf holds at least strlen(prefix) + 21 bytes.  Returns buf. */
char *ssim_gen_id(char *buf, const char *prefix, uint64_t i, int width);

/* A uniform in (0, 1) (never exactly 0) from the stream. */
double ssim_gen_uniform_pos(ssim_rng_t *rng);

/* Poisson(mean) by inversion from one uniform, capped at max.  mean in [0, 64]. */
int ssim_gen_poisson(double mean, int max, ssim_rng_t *rng);

/* x rounded to a multiple of step (step a power of ten such as 0.01), so the
 * network file holds short decimal numbers that read back exactly. */
double ssim_gen_round(double x, double step);

/* A draw in [lo, hi) (lo < hi) from a cumulative weight array cum
 * (nondecreasing, running over the whole array): index k with probability
 * (cum[k] - cum[k-1]) / (cum[hi-1] - cum[lo-1]), from a uniform u in [0, 1).
 * O(log(hi - lo)) binary search. */
uint32_t ssim_gen_draw_cum(const double *cum, uint32_t lo, uint32_t hi, double u);

/* A draw from a small table of n > 0 weights (>= 0, sum > 0): index k with
 * probability w[k] / sum, from a uniform u in [0, 1).  O(n). */
int ssim_gen_draw_weights(const double *w, int n, double u);

/* Parse "sector:weight,sector:weight,..." (names from ssim_vocab_sector,
 * weights finite and >= 0, sectors not listed get 0, no sector twice, sum > 0)
 * into w (length ssim_vocab_sector.n).  SSIM_EINVAL naming the option and the
 * rule otherwise. */
ssim_status_t ssim_gen_parse_sector_mix(const char *option, const char *text, double *w);

/* The default sector mix of the synthetic generator (documented in
 * docs/models/generators.md), as text for the parameter tables. */
extern const char ssim_gen_default_sector_mix[];

/* Split n items over k <= 64 classes in proportion to w (largest remainders, ties
 * to the lower index): counts[c] in {floor(w_c n / W), ceil(...)}, sum n. */
void ssim_gen_apportion(const double *w, int k, uint64_t n, uint64_t *counts);

/* Raise counts[c] to at least min for every c with need[c], one at a time
 * from the largest count that can spare one (a needed class keeps min, any
 * other keeps 0); stops when none can. */
void ssim_gen_raise_min(uint64_t *counts, int k, const int *need, uint64_t min);

/* Prepare igraph for a generator: errors are returned, not aborted on, and
 * igraph's default random generator is seeded from seed (igraph's own RNG,
 * not Philox: the output is deterministic for a given igraph version). */
void ssim_gen_igraph_prepare(uint64_t seed);

/* Raise SSIM_ENOMEM when a generator would write more rows than the network
 * loader accepts (SSIM_NET_MAX_ROWS per file); what names the file. */
ssim_status_t ssim_gen_check_rows(double rows, const char *what);

/* Write an undirected igraph graph as a network directory (the mapping of the
 * classic random graphs; see docs/models/generators.md):
 *   vertex i        -> operator OP<i> (zero-padded), customers 1, not
 *                      designated, prefecture drawn by population (stream
 *                      (seed, 0, i, SSIM_GEN_P_NODE_PREF)); sector i mod 13,
 *                      or, when block_sizes is given (vertices in block
 *                      order, as igraph_sbm_game numbers them), block b mod 13;
 *   edge {u, v}     -> dependencies u <- v and v <- u, kind other,
 *                      buffer_hours 0, loss 1;
 *   supplier S0     -> category other, country JP, with a supply edge (auto,
 *                      lag 0, share 1, privilege it) to `seeds` operators
 *                      drawn uniformly without replacement (Knuth's selection
 *                      sampling, stream (seed, 0, i, SSIM_GEN_P_SEEDS)).
 * O(n + m) time, constant extra memory.  seeds in [1, n]. */
ssim_status_t ssim_gen_graph_write(const igraph_t *graph, const igraph_vector_int_t *block_sizes,
                                   uint64_t seed, int64_t seeds, ssim_netwrite_t *out);

/* Parameter-table rows shared by the random-graph generators. */
#define SSIM_GEN_PARAM_SEEDS                                                                       \
    {                                                                                              \
        "seeds", SSIM_GEN_INT, "1", 1, 1e7,                                                        \
            "operators supplied by S0 (the cascade's start), drawn by --seed; at most --nodes"     \
    }

#endif
