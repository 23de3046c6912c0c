/* Unit tests for graph: the CSR freeze, structural reach, cycle counts. */
#include "check.h"

#include "graph/graph.h"

#include <string.h>

/* 4 operators, 3 suppliers (nodes 4, 5, 6).
 * supply: s0->o0, s0->o1, s0->s1, s1->o2, s1->o1, s2->o3, s1->s0 (a supplier cycle)
 * deps (dependent <- provider): o1<-o0, o2<-o0, o0<-o2 (a dependency cycle) */
static void fill(ssim_network_t *net)
{
    static int64_t customers[] = {10, 20, 30, 40};
    static int32_t src[] = {0, 0, 0, 1, 1, 2, 1};
    static int32_t dst[] = {0, 1, 5, 2, 1, 3, 4};
    static int32_t dep_op[] = {1, 2, 0};
    static int32_t dep_provider[] = {0, 0, 2};
    memset(net, 0, sizeof *net);
    net->n_operators = 4;
    net->n_suppliers = 3;
    net->op_customers = customers;
    net->n_supply = 7;
    net->sup_src = src;
    net->sup_dst = dst;
    net->n_deps = 3;
    net->dep_op = dep_op;
    net->dep_provider = dep_provider;
}

int main(void)
{
    ssim_network_t net;
    fill(&net);
    ssim_graph_t g;
    CHECK(ssim_graph_build(&g, &net) == SSIM_OK);
    CHECK_EQ_INT(g.n_nodes, 7);

    /* supply CSR: supplier 0 -> edges 0,1,2; supplier 1 -> 3,4,6; supplier 2 -> 5 */
    const int64_t off[] = {0, 3, 6, 7};
    const int32_t edges[] = {0, 1, 2, 3, 4, 6, 5};
    for (int i = 0; i < 4; i++)
        CHECK_EQ_INT(g.supply_off[i], off[i]);
    for (int i = 0; i < 7; i++)
        CHECK_EQ_INT(g.supply_edge[i], edges[i]);

    /* dependents CSR by provider: o0 -> deps 0,1; o1 -> none; o2 -> dep 2; o3 -> none */
    const int64_t doff[] = {0, 2, 2, 3, 3};
    for (int i = 0; i < 5; i++)
        CHECK_EQ_INT(g.dependents_off[i], doff[i]);
    CHECK_EQ_INT(g.dependents_edge[0], 0);
    CHECK_EQ_INT(g.dependents_edge[1], 1);
    CHECK_EQ_INT(g.dependents_edge[2], 2);

    /* reach: s0 and s1 reach each other, so both reach o0, o1, o2; s2 reaches o3 */
    CHECK_EQ_INT(g.reach_operators[0], 3);
    CHECK_EQ_INT(g.reach_customers[0], 60);
    CHECK_EQ_INT(g.reach_operators[1], 3);
    CHECK_EQ_INT(g.reach_operators[2], 1);
    CHECK_EQ_INT(g.reach_customers[2], 40);

    CHECK_EQ_INT(g.n_supplier_cycles, 1);
    CHECK_EQ_INT(g.n_dependency_cycles, 0); /* not counted by the build */
    CHECK(ssim_graph_count_dependency_cycles(&g, &net) == SSIM_OK);
    CHECK_EQ_INT(g.n_dependency_cycles, 1);
    CHECK_EQ_INT(g.n_isolated_operators, 0);
    ssim_graph_destroy(&g);
    ssim_graph_destroy(NULL);

    /* An operator with no edges is counted as isolated. */
    fill(&net);
    net.n_supply = 5; /* drop s2->o3 and s1->s0 */
    CHECK(ssim_graph_build(&g, &net) == SSIM_OK);
    CHECK_EQ_INT(g.n_isolated_operators, 1);
    CHECK_EQ_INT(g.n_supplier_cycles, 0);
    CHECK_EQ_INT(g.reach_operators[1], 2);
    ssim_graph_destroy(&g);
    return check_report("test_graph");
}
