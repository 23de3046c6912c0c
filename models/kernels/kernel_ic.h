/* models/kernels/kernel_ic — independent cascade (bond percolation) on the
 * dependency graph (docs/models/independent-cascade.md).
 *
 * One trial: the seeds (kernel.seeds) fail; every failed operator u tries
 * once to fail each neighbour v through each edge d = u -> v (kernel.direction),
 * succeeding with probability p(d) (kernel.edge_probability, or the
 * dependency's loss with kernel.probability_from: loss).  The coin of edge d is
 * the first number of the stream (seed, trial, d, SSIM_KERNEL_P_EDGE): a pure
 * function of the edge, so the outcome does not depend on the thread or on
 * the visiting order, and in undirected mode both directions of d share one
 * coin (exactly bond percolation).  The failed set is the set of operators
 * reachable from the seeds through open edges.
 *
 * kernel.sampling: geometric draws the same model differently: a failed
 * operator u takes the gaps between its open arcs from its own stream (seed,
 * trial, u, SSIM_KERNEL_P_SKIP): G = floor(log U / log(1 - p)) closed arcs, then
 * an open one (ssim_kernel_gap).  With per-edge probabilities the gaps use
 * u's largest probability pmax and an arc reached is kept with probability
 * p(d) / pmax (ssim_kernel_thin_keep, numbers from the stream (seed, trial, u,
 * SSIM_KERNEL_P_THIN), one per arc reached).  Every arc is still open independently
 * with its own probability, so the failed set has the same distribution (and
 * stays independent of the visiting order: u's open arcs depend on (trial, u)
 * only), but the numbers differ from edge sampling, the two directions of an
 * undirected edge get separate draws (only the first to fire can matter), and
 * common random numbers across options hold per operator, not per edge.  A
 * trial then costs O(failed operators + open arcs) instead of O(arcs leaving
 * the failed operators); events counts the open arcs found.
 *
 * Cost per trial (edge sampling): O(seeds + failed operators + edges leaving
 * them); the workspace is reset only where the trial touched it.
 *
 * Two implementations of the same trial, with the same random numbers and the
 * same result rows bit for bit (unit.test_kernel_ic_fast runs both):
 *   - the reference (ssim_model_independent_cascade_reference, not in the
 *     registry): the obvious loop — a byte flag per operator, the
 *     dependency's probability looked up per arc, ssim_rng_seed +
 *     ssim_rng_uniform per coin;
 *   - the fast kernel (ssim_model_independent_cascade, the registered one):
 *     arcs stored as (target, dependency) pairs in one array with 32-bit
 *     offsets (8 B per arc + 4 B per operator), the probability as an
 *     integer threshold (one for all arcs with probability_from: constant),
 *     the coin computed inline (ssim_kernel_coin53: one Philox block, no
 *     stream state), the failed set as a bitmap (n/8 bytes: cache-resident
 *     at 10^6 operators), and software prefetch of the offsets and arcs of
 *     queue entries ahead of the one being expanded.
 * Both visit operators in the same breadth-first order, so even the count of
 * edges tested (the row's events) is identical.
 */
#ifndef SSIM_MODELS_KERNELS_KERNEL_IC_H
#define SSIM_MODELS_KERNELS_KERNEL_IC_H

#include "models/kernels/kernel_common.h"

#include <stddef.h>
#include <stdint.h>

/* The largest out-degree of a CSR offsets array of n nodes. */
size_t ssim_kernel_ic_max_degree(const int64_t *off, size_t n);

/* The largest probability over the arcs of each operator (0 without arcs);
 * caller frees; NULL when out of memory. */
double *ssim_kernel_ic_arc_pmax(const ssim_kernel_adj_t *adj, const double *prob);

/* 1 when the scenario asks for geometric sampling (kernel.sampling). */
int ssim_kernel_ic_geometric(const ssim_scenario_t *sc);

#endif
