#include "graph/graph.h"

#include "core/alloc.h"

#include <igraph.h>
#include <stdlib.h>
#include <string.h>

/* Counting sort of edge indices by a key (the CSR "freeze"):
 * off has length n_keys + 1, out has length n_edges. */
static void csr_by_key(const int32_t *key, size_t n_edges, size_t n_keys, int32_t key_base,
                       int64_t *off, int32_t *out)
{
    memset(off, 0, (n_keys + 1) * sizeof *off);
    for (size_t e = 0; e < n_edges; e++)
        off[key[e] - key_base + 1]++;
    for (size_t k = 0; k < n_keys; k++)
        off[k + 1] += off[k];
    int64_t *fill = off; /* reuse: walk with a cursor per key, then restore */
    for (size_t e = 0; e < n_edges; e++)
        out[fill[key[e] - key_base]++] = (int32_t)e;
    for (size_t k = n_keys; k > 0; k--)
        off[k] = off[k - 1];
    off[0] = 0;
}

/* Number of strongly connected components of size > 1 in g. */
static ssim_status_t count_cycles(const igraph_t *g, size_t *n_cycles)
{
    igraph_vector_int_t csize;
    igraph_integer_t no = 0;
    if (igraph_vector_int_init(&csize, 0) != IGRAPH_SUCCESS)
        return ssim_error(SSIM_ENOMEM, SSIM_LOC_NONE, "out of memory in igraph");
    if (igraph_connected_components(g, NULL, &csize, &no, IGRAPH_STRONG) != IGRAPH_SUCCESS) {
        igraph_vector_int_destroy(&csize);
        return ssim_error(SSIM_EINTERNAL, SSIM_LOC_NONE, "igraph failed to find components");
    }
    *n_cycles = 0;
    for (igraph_integer_t i = 0; i < no; i++)
        *n_cycles += VECTOR(csize)[i] > 1;
    igraph_vector_int_destroy(&csize);
    return SSIM_OK;
}

/* Build an igraph graph on n vertices from (from[e] - from_base, to[e] - to_base). */
static ssim_status_t make_igraph(igraph_t *g, size_t n, size_t m, const int32_t *from,
                                 int32_t from_base, const int32_t *to, int32_t to_base)
{
    igraph_vector_int_t edges;
    if (igraph_vector_int_init(&edges, (igraph_integer_t)(2 * m)) != IGRAPH_SUCCESS)
        return ssim_error(SSIM_ENOMEM, SSIM_LOC_NONE, "out of memory building the graph");
    for (size_t e = 0; e < m; e++) {
        VECTOR(edges)[2 * e] = from[e] - from_base;
        VECTOR(edges)[2 * e + 1] = to[e] - to_base;
    }
    igraph_error_t err = igraph_create(g, &edges, (igraph_integer_t)n, IGRAPH_DIRECTED);
    igraph_vector_int_destroy(&edges);
    if (err != IGRAPH_SUCCESS)
        return ssim_error(SSIM_ENOMEM, SSIM_LOC_NONE, "igraph could not build the graph");
    return SSIM_OK;
}

/* Supplier-to-supplier edges only: (src supplier, dst supplier) pairs. */
static size_t supplier_edges(const ssim_network_t *net, int32_t *from, int32_t *to)
{
    size_t m = 0;
    for (size_t e = 0; e < net->n_supply; e++) {
        if ((size_t)net->sup_dst[e] >= net->n_operators) {
            from[m] = net->sup_src[e];
            to[m] = net->sup_dst[e] - (int32_t)net->n_operators;
            m++;
        }
    }
    return m;
}

/* Reach of each supplier: the operators supplied by it or by any supplier
 * downstream of it (igraph BFS on the supplier subgraph), with the residents
 * they serve (customers x people per customer of the sector: sectors'
 * customer units are never added). */
static ssim_status_t compute_reach(ssim_graph_t *g, const ssim_network_t *net)
{
    size_t ns = net->n_suppliers;
    double per_customer[SSIM_MAX_SECTORS];
    for (int k = 0; k < SSIM_MAX_SECTORS; k++)
        per_customer[k] = ssim_network_sector(net, k).people_per_customer;
    ssim_status_t st = SSIM_OK;
    int32_t *from = ssim_malloc(net->n_supply + 1, sizeof *from, "supplier edges");
    int32_t *to = ssim_malloc(net->n_supply + 1, sizeof *to, "supplier edges");
    uint32_t *mark = ssim_calloc(net->n_operators + 1, sizeof *mark, "reach marks");
    igraph_vector_int_t down;
    int have_graph = 0, have_vec = 0;
    igraph_t sg;
    if (!from || !to || !mark) {
        st = SSIM_ENOMEM;
        goto cleanup;
    }
    size_t m = supplier_edges(net, from, to);
    if ((st = make_igraph(&sg, ns, m, from, 0, to, 0)) != SSIM_OK)
        goto cleanup;
    have_graph = 1;
    if ((st = count_cycles(&sg, &g->n_supplier_cycles)) != SSIM_OK)
        goto cleanup;
    if (igraph_vector_int_init(&down, 0) != IGRAPH_SUCCESS) {
        st = ssim_error(SSIM_ENOMEM, SSIM_LOC_NONE, "out of memory in igraph");
        goto cleanup;
    }
    have_vec = 1;
    for (size_t s = 0; s < ns; s++) {
        if (igraph_subcomponent(&sg, &down, (igraph_integer_t)s, IGRAPH_OUT) != IGRAPH_SUCCESS) {
            st = ssim_error(SSIM_EINTERNAL, SSIM_LOC_NONE, "igraph subcomponent failed");
            goto cleanup;
        }
        int32_t n_ops = 0;
        double people = 0;
        for (igraph_integer_t i = 0; i < igraph_vector_int_size(&down); i++) {
            size_t u = (size_t)VECTOR(down)[i];
            for (int64_t k = g->supply_off[u]; k < g->supply_off[u + 1]; k++) {
                int32_t c = net->sup_dst[g->supply_edge[k]];
                if ((size_t)c < net->n_operators && mark[c] != s + 1) {
                    mark[c] = (uint32_t)(s + 1);
                    n_ops++;
                    people += (double)net->op_customers[c] * per_customer[net->op_sector[c]];
                }
            }
        }
        g->reach_operators[s] = n_ops;
        g->reach_people[s] = people;
    }
cleanup:
    if (have_vec)
        igraph_vector_int_destroy(&down);
    if (have_graph)
        igraph_destroy(&sg);
    free(from);
    free(to);
    free(mark);
    return st;
}

/* Operators with no supply and no dependency edge: a fact to report, not
 * an error. */
static ssim_status_t count_isolated(ssim_graph_t *g, const ssim_network_t *net)
{
    uint8_t *touched = ssim_calloc(net->n_operators + 1, 1, "isolation marks");
    if (!touched)
        return SSIM_ENOMEM;
    for (size_t e = 0; e < net->n_supply; e++)
        if ((size_t)net->sup_dst[e] < net->n_operators)
            touched[net->sup_dst[e]] = 1;
    for (size_t d = 0; d < net->n_deps; d++)
        touched[net->dep_op[d]] = touched[net->dep_provider[d]] = 1;
    g->n_isolated_operators = 0;
    for (size_t i = 0; i < net->n_operators; i++)
        g->n_isolated_operators += !touched[i];
    free(touched);
    return SSIM_OK;
}

ssim_status_t ssim_graph_count_dependency_cycles(ssim_graph_t *g, const ssim_network_t *net)
{
    igraph_t dg;
    ssim_status_t st =
        make_igraph(&dg, net->n_operators, net->n_deps, net->dep_provider, 0, net->dep_op, 0);
    if (st != SSIM_OK)
        return st;
    st = count_cycles(&dg, &g->n_dependency_cycles);
    igraph_destroy(&dg);
    return st;
}

ssim_status_t ssim_graph_build(ssim_graph_t *g, const ssim_network_t *net)
{
    memset(g, 0, sizeof *g);
    /* igraph's default handler aborts; report through our statuses instead. */
    igraph_set_error_handler(igraph_error_handler_ignore);
    igraph_set_warning_handler(igraph_warning_handler_ignore);
    g->n_operators = net->n_operators;
    g->n_suppliers = net->n_suppliers;
    g->n_nodes = net->n_operators + net->n_suppliers;
    g->n_supply = net->n_supply;
    g->n_deps = net->n_deps;
    if (g->n_nodes > INT32_MAX || g->n_supply > INT32_MAX || g->n_deps > INT32_MAX)
        return ssim_error(SSIM_ENOMEM, SSIM_LOC_NONE,
                          "network too large: node and edge counts "
                          "must be below 2^31");
    g->supply_off = ssim_malloc(g->n_suppliers + 1, sizeof *g->supply_off, "supply CSR");
    g->supply_edge = ssim_malloc(g->n_supply + 1, sizeof *g->supply_edge, "supply CSR");
    g->dependents_off = ssim_malloc(g->n_operators + 1, sizeof *g->dependents_off, "dep CSR");
    g->dependents_edge = ssim_malloc(g->n_deps + 1, sizeof *g->dependents_edge, "dep CSR");
    g->reach_operators = ssim_calloc(g->n_suppliers + 1, sizeof *g->reach_operators, "reach");
    g->reach_people = ssim_calloc(g->n_suppliers + 1, sizeof *g->reach_people, "reach");
    ssim_status_t st = SSIM_ENOMEM;
    if (!g->supply_off || !g->supply_edge || !g->dependents_off || !g->dependents_edge ||
        !g->reach_operators || !g->reach_people)
        goto fail;
    csr_by_key(net->sup_src, g->n_supply, g->n_suppliers, 0, g->supply_off, g->supply_edge);
    csr_by_key(net->dep_provider, g->n_deps, g->n_operators, 0, g->dependents_off,
               g->dependents_edge);
    if ((st = count_isolated(g, net)) != SSIM_OK || (st = compute_reach(g, net)) != SSIM_OK)
        goto fail;
    return SSIM_OK;
fail:
    ssim_graph_destroy(g);
    return st;
}

void ssim_graph_destroy(ssim_graph_t *g)
{
    if (!g)
        return;
    free(g->supply_off);
    free(g->supply_edge);
    free(g->dependents_off);
    free(g->dependents_edge);
    free(g->reach_operators);
    free(g->reach_people);
    memset(g, 0, sizeof *g);
}
