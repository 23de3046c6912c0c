/* graph — the typed network graph: built and validated with igraph (serial
 * code only: Debian's igraph 0.10 is not thread-safe), then frozen into flat
 * CSR arrays that the parallel kernel reads.
 *
 * Nodes: operators 0..n_operators-1, then suppliers n_operators.. (as in
 * input/network.h).  Two edge types:
 *   supply      supplier -> customer (an update flows this way)
 *   dependency  provider -> dependent operator (an outage flows this way)
 *
 * Frozen arrays (all const during a run):
 *   supply_off[s] .. supply_off[s+1]     supply edges of supplier s, in
 *                                        supply_edge (indices into the
 *                                        network's sup_* columns), by file order
 *   dependents_off[p] .. dependents_off[p+1]   dependency edges whose provider
 *                                        is operator p, in dependents_edge
 * Memory: 8 (n_suppliers + 1) + 4 n_supply + 8 (n_operators + 1) + 4 n_deps bytes.
 */
#ifndef SSIM_GRAPH_GRAPH_H
#define SSIM_GRAPH_GRAPH_H

#include "core/status.h"
#include "input/network.h"

#include <stddef.h>
#include <stdint.h>

typedef struct {
    size_t n_operators, n_suppliers, n_nodes, n_supply, n_deps;
    int64_t *supply_off;      /* length n_suppliers + 1 */
    int32_t *supply_edge;     /* length n_supply */
    int64_t *dependents_off;  /* length n_operators + 1 */
    int32_t *dependents_edge; /* length n_deps */

    /* Structural reach through supply edges (direct and vendor-of-vendor). */
    int32_t *reach_operators; /* length n_suppliers: operators reachable downstream */
    double *reach_people;     /* length n_suppliers: their customers x people per customer of
                             the sector (network sectors.csv), summed: residents served */

    /* Shape facts (reported by `validate`, `info` and `generate`). */
    size_t n_isolated_operators; /* no supply and no dependency edge */
    size_t n_supplier_cycles;    /* strongly connected supplier groups of size > 1 */
    size_t n_dependency_cycles;  /* strongly connected operator groups of size > 1;
                                      0 until ssim_graph_count_dependency_cycles */
} ssim_graph_t;

/* Build, validate and freeze.  *g is zeroed first; on failure it is left
 * empty.  Serial: call from outside any parallel region. */
ssim_status_t ssim_graph_build(ssim_graph_t *g, const ssim_network_t *net);

/* After ssim_graph_build: count the dependency cycles into
 * g->n_dependency_cycles (igraph's strongly connected components over every
 * dependency).  Only the shape reports need it, and on a large network it
 * costs far more than the rest of the build (BA 10^6, 10^7 dependencies:
 * 7-10 s against 0.2 s, most of it igraph indexing the edges), so
 * ssim_graph_build leaves it out.  Serial. */
ssim_status_t ssim_graph_count_dependency_cycles(ssim_graph_t *g, const ssim_network_t *net);

/* The strongly connected components of more than one operator in the
 * dependency graph (provider -> dependent) restricted to the dependencies d
 * with keep[d] != 0 (length n_deps).  comp (length n_operators, the
 * caller's) receives each operator's component, numbered 0.. in the order
 * of the components' smallest operator index, or -1 for an operator in none;
 * *n_comp their count.  Iterative Tarjan on the frozen CSR (no igraph):
 * O(n_operators + n_deps) time, 25 bytes per operator of workspace.
 * SSIM_ENOMEM (raised).  Serial or not: it writes only comp. */
ssim_status_t ssim_graph_dependency_sccs(const ssim_graph_t *g, const ssim_network_t *net,
                                         const uint8_t *keep, int32_t *comp, size_t *n_comp);

void ssim_graph_destroy(ssim_graph_t *g);

#endif
