/* Unit tests for graph: the CSR freeze, structural reach, cycle counts, the
 * restricted dependency components (against a transitive-closure reference). */
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
    static int8_t sector[] = {0, 0, 1, 1};
    memset(net, 0, sizeof *net);
    net->op_sector = sector;
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

/* The slow reference of ssim_graph_dependency_sccs: the transitive closure
 * (Warshall) of the kept dependencies; u and v share a component when each
 * reaches the other, components of one operator are -1, numbered in the
 * order of their smallest operator. */
enum { REF_N = 24, REF_M = 48 };
static size_t ref_sccs(const ssim_network_t *net, const uint8_t *keep, int32_t *comp)
{
    static uint8_t r[REF_N][REF_N];
    size_t n = net->n_operators, n_comp = 0;
    memset(r, 0, sizeof r);
    for (size_t d = 0; d < net->n_deps; d++)
        if (keep[d])
            r[net->dep_provider[d]][net->dep_op[d]] = 1;
    for (size_t k = 0; k < n; k++)
        for (size_t i = 0; i < n; i++)
            for (size_t j = 0; j < n; j++)
                r[i][j] |= r[i][k] & r[k][j];
    for (size_t v = 0; v < n; v++)
        comp[v] = -2;
    for (size_t v = 0; v < n; v++) {
        if (comp[v] != -2)
            continue;
        int any = 0;
        for (size_t u = v + 1; u < n; u++)
            if (r[v][u] && r[u][v]) {
                comp[u] = (int32_t)n_comp;
                any = 1;
            }
        comp[v] = any ? (int32_t)n_comp++ : -1;
    }
    return n_comp;
}

/* ssim_graph_dependency_sccs against the reference on random graphs. */
static void check_sccs_random(void)
{
    static int32_t dep_op[REF_M], dep_provider[REF_M];
    static int64_t customers[REF_N];
    uint8_t keep[REF_M];
    int32_t comp[REF_N], want[REF_N];
    uint32_t x = 12345;
    for (int round = 0; round < 200; round++) {
        ssim_network_t net = {0};
        net.n_operators = 2 + (size_t)(round % (REF_N - 1));
        net.n_deps = (size_t)(round % REF_M) + 1;
        net.op_customers = customers;
        net.dep_op = dep_op;
        net.dep_provider = dep_provider;
        for (size_t d = 0; d < net.n_deps; d++) {
            x = x * 1103515245u + 12345u;
            dep_provider[d] = (int32_t)((x >> 8) % net.n_operators);
            x = x * 1103515245u + 12345u;
            dep_op[d] = (dep_provider[d] + 1 + (int32_t)((x >> 8) % (net.n_operators - 1))) %
                        (int32_t)net.n_operators;
            x = x * 1103515245u + 12345u;
            keep[d] = (x >> 12) % 4 != 0;
        }
        ssim_graph_t g;
        size_t n_comp = 99;
        CHECK(ssim_graph_build(&g, &net) == SSIM_OK);
        CHECK(ssim_graph_dependency_sccs(&g, &net, keep, comp, &n_comp) == SSIM_OK);
        CHECK_EQ_INT(n_comp, ref_sccs(&net, keep, want));
        for (size_t v = 0; v < net.n_operators; v++)
            CHECK_EQ_INT(comp[v], want[v]);
        ssim_graph_destroy(&g);
    }
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
    CHECK(g.reach_people[0] == 60);
    CHECK_EQ_INT(g.reach_operators[1], 3);
    CHECK_EQ_INT(g.reach_operators[2], 1);
    CHECK(g.reach_people[2] == 40);
    ssim_graph_destroy(&g);
    /* residents, not customers: sector 1 (o2, o3) counts 2 people per customer */
    net.sector_info[1].people_per_customer = 2.0;
    net.sector_info[1].line = 1;
    CHECK(ssim_graph_build(&g, &net) == SSIM_OK);
    CHECK(g.reach_people[0] == 10 + 20 + 2 * 30);
    CHECK(g.reach_people[2] == 2 * 40);
    net.sector_info[1] = (ssim_sector_info_t){0};

    CHECK_EQ_INT(g.n_supplier_cycles, 1);
    CHECK_EQ_INT(g.n_dependency_cycles, 0); /* not counted by the build */
    CHECK(ssim_graph_count_dependency_cycles(&g, &net) == SSIM_OK);
    CHECK_EQ_INT(g.n_dependency_cycles, 1);
    CHECK_EQ_INT(g.n_isolated_operators, 0);
    /* the same cycle through the restricted components: kept, then one link dropped */
    uint8_t keep[3] = {1, 1, 1};
    int32_t comp[4];
    size_t n_comp = 0;
    CHECK(ssim_graph_dependency_sccs(&g, &net, keep, comp, &n_comp) == SSIM_OK);
    CHECK_EQ_INT(n_comp, 1);
    CHECK_EQ_INT(comp[0], 0);
    CHECK_EQ_INT(comp[1], -1);
    CHECK_EQ_INT(comp[2], 0);
    CHECK_EQ_INT(comp[3], -1);
    keep[2] = 0; /* o0 <- o2 */
    CHECK(ssim_graph_dependency_sccs(&g, &net, keep, comp, &n_comp) == SSIM_OK);
    CHECK_EQ_INT(n_comp, 0);
    CHECK_EQ_INT(comp[0], -1);
    CHECK_EQ_INT(comp[2], -1);
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
    check_sccs_random();
    return check_report("test_graph");
}
