/* Unit tests of regulation options applied to a hand-made network
 * (models/regulation/variant.c; docs/regulation.md): the replacement choice, blocking,
 * designated-only scope, the diversity cap, buffers, holds, the no-op
 * variant (identical to the baseline), and option parsing errors. */
#include "check.h"

#include "core/status.h"
#include "graph/graph.h"
#include "input/network.h"
#include "models/registry.h"
#include "models/regulation/variant.h"
#include "scenario/scenario.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char dir[] = "/tmp/ssim_test_options.XXXXXX";

static void write_file(const char *name, const char *text)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    fputs(text, f);
    fclose(f);
}

/* Suppliers: V (US, endpoint, 4 edges), J1 (JP, endpoint, 1), J2 (JP,
 * endpoint, 2), K (CN, scada, 1).  Edges 0-3 from V to O1..O4, 4 J1->O1,
 * 5 J2->O2, 6 J2->O3, 7 K->O4.  O1 and O3 are designated. */
static void write_network(void)
{
    write_file("operators.csv", "id,name,sector,prefecture,customers,designated\n"
                                "O1,a,electricity,13,1000,1\nO2,b,electricity,13,500,0\n"
                                "O3,c,water,27,300,1\nO4,d,water,27,400,0\n");
    write_file("suppliers.csv", "id,name,country,category\nV,v,US,endpoint_security\n"
                                "J1,j1,JP,endpoint_security\nJ2,j2,JP,endpoint_security\n"
                                "K,k,CN,scada_ems\n");
    write_file("supply.csv", "supplier,customer,channel,install_lag_hours,share,privilege\n"
                             "V,O1,auto,1,1,endpoint\nV,O2,auto,1,1,endpoint\n"
                             "V,O3,auto,1,1,endpoint\nV,O4,auto,1,1,endpoint\n"
                             "J1,O1,auto,1,1,endpoint\nJ2,O2,auto,1,1,endpoint\n"
                             "J2,O3,auto,1,1,endpoint\nK,O4,managed,1,1,ot\n");
    write_file("dependencies.csv", "operator,provider,kind,buffer_hours,loss\n"
                                   "O3,O1,power,2,1\nO4,O2,water,10,1\n");
}

typedef struct {
    ssim_scenario_t sc;
    ssim_network_t net;
    ssim_graph_t g;
    ssim_variant_t v;
} job_t;

enum { V = 0, J1 = 1, J2 = 2, K = 3 };

/* Load the network and a scenario with one option (YAML text of the item's
 * levers), build its variant.  Returns 0 on success. */
static int build(job_t *j, const char *levers)
{
    char text[2048];
    snprintf(text, sizeof text,
             "name: options test\nnetwork: %s\nincident: { origin: { suppliers: [V] } }\n"
             "advance_notice: { hours: 0 }\noptions:\n  - name: opt\n%s",
             dir, levers);
    memset(j, 0, sizeof *j);
    if (ssim_scenario_parse(&j->sc, "test.yaml", text, ssim_model_catalog()) != SSIM_OK ||
        ssim_network_load(&j->net, dir) != SSIM_OK || ssim_graph_build(&j->g, &j->net) != SSIM_OK)
        return -1;
    return ssim_variant_build(&j->v, &j->net, &j->g, &j->sc, &j->sc.options[0]) == SSIM_OK ? 0 : -1;
}

static void done(job_t *j)
{
    ssim_variant_destroy(&j->v);
    ssim_graph_destroy(&j->g);
    ssim_network_destroy(&j->net);
    ssim_scenario_destroy(&j->sc);
}

static double sum(const double *x)
{
    double s = 0;
    for (int i = 0; i < SSIM_MAX_SECTORS; i++)
        s += x[i];
    return s;
}

static void test_noop(void)
{
    job_t j;
    CHECK(build(&j, "    buffer_mandate: { min_hours: 0 }\n") == 0);
    for (size_t s = 0; s <= j.net.n_suppliers; s++)
        CHECK_EQ_INT(j.v.supply_off[s], j.g.supply_off[s]);
    for (size_t e = 0; e < j.net.n_supply; e++) {
        CHECK_EQ_INT(j.v.supply_edge[e], j.g.supply_edge[e]);
        CHECK_EQ_INT(j.v.sup_src[e], j.net.sup_src[e]);
    }
    CHECK(j.v.burden.total == 0);
    done(&j);
}

static void test_replace(void)
{
    job_t j;
    CHECK(build(&j, "    vetting: { countries: [US] }\n") == 0);
    for (int e = 0; e < 4; e++)
        CHECK_EQ_INT(j.v.sup_src[e], J2); /* J2 has the most edges (2 > 1) */
    CHECK_EQ_INT(j.v.supply_off[V + 1] - j.v.supply_off[V], 0);
    CHECK_EQ_INT(j.v.supply_off[J2 + 1] - j.v.supply_off[J2], 6);
    CHECK_NEAR(sum(j.v.burden.replaced), 4, 0);
    CHECK_EQ_INT(ssim_variant_replacement(&j.net, &j.g, &j.sc.options[0], V), J2);
    CHECK(j.v.net.sup_src == j.v.sup_src && j.v.graph.reach_people == j.g.reach_people);
    done(&j);
}

static void test_block_and_designated(void)
{
    job_t j;
    CHECK(build(&j, "    vetting: { countries: [CN] }\n") == 0); /* no other scada vendor */
    CHECK(j.v.edge_blocked[7] == 1);
    CHECK_EQ_INT(j.v.supply_off[K + 1] - j.v.supply_off[K], 0);
    CHECK_EQ_INT(j.v.supply_off[j.net.n_suppliers], 7);
    CHECK_NEAR(sum(j.v.burden.blocked), 1, 0);
    done(&j);
    CHECK(build(&j, "    vetting: { allow_countries: [JP], designated_only: true }\n") == 0);
    CHECK_EQ_INT(j.v.sup_src[0], J2); /* O1 designated */
    CHECK_EQ_INT(j.v.sup_src[1], V);  /* O2 not */
    CHECK_EQ_INT(j.v.sup_src[2], J2); /* O3 designated */
    CHECK(j.v.edge_blocked[7] == 0);  /* O4 not designated */
    CHECK_NEAR(sum(j.v.burden.regulated), 2, 0);
    done(&j);
    CHECK(build(&j, "    vetting: { countries: [US], action: block, sectors: [water] }\n") == 0);
    CHECK(!j.v.edge_blocked[0] && !j.v.edge_blocked[1] && j.v.edge_blocked[2] &&
          j.v.edge_blocked[3]);
    done(&j);
}

static void test_cap(void)
{
    job_t j;
    CHECK(build(&j, "    diversity_cap: { max_share: 0.5, categories: [endpoint_security] }\n") ==
          0);
    /* electricity: V 2 of 4 = cap; water: V 2 of 3 > cap 1: its highest edge (3) moves to J1 */
    CHECK_EQ_INT(j.v.sup_src[0], V);
    CHECK_EQ_INT(j.v.sup_src[1], V);
    CHECK_EQ_INT(j.v.sup_src[2], V);
    CHECK_EQ_INT(j.v.sup_src[3], J1);
    CHECK_NEAR(sum(j.v.burden.replaced), 1, 0);
    done(&j);
}

static void test_buffer_hold_segment(void)
{
    job_t j;
    CHECK(build(&j,
                "    buffer_mandate: { min_hours: 5, kinds: [power] }\n"
                "    advance_notice: { hours: 48 }\n"
                "    segmentation: { factor: 0.25, privileges: [ot] }\n"
                "    staged_rollout: { canary_fraction: 0.2, hold_hours: 12, countries: [US] }\n"
                "    disconnection: { hours: 6, sectors: [water] }\n") == 0);
    CHECK_NEAR(j.v.dep_buffer[0], 5, 0);
    CHECK_NEAR(j.v.dep_buffer[1], 10, 0);
    CHECK_NEAR(sum(j.v.burden.buffer_hours), 3, 0);
    CHECK_NEAR(j.v.op_hold_hours[0], 48, 0);
    CHECK_NEAR(j.v.op_hold_hours[1], 0, 0);
    CHECK_NEAR(j.v.op_hold_hours[2], 48, 0);
    /* O1: 2 edges, O3: 2 edges; 2 days x 12 releases per year */
    CHECK_NEAR(sum(j.v.burden.held_days), 2.0 * 12 * 4, 1e-9);
    CHECK_NEAR(j.v.edge_pout_factor[7], 0.25, 0);
    /* O4 (edge 7, ot) segmented: 20 M yen + its compliance 5 M */
    CHECK_NEAR(sum(j.v.burden.cost[SSIM_LEVER_SEGMENTATION]), 20e6 + 5e6, 1e-6);
    CHECK_NEAR(j.v.edge_pout_factor[0], 1, 0);
    CHECK_NEAR(j.v.sup_canary[V], 0.2, 0);
    CHECK_NEAR(j.v.sup_canary[J1], 1, 0);
    CHECK_NEAR(j.v.sup_stage_hold[V], 12, 0);
    CHECK(j.v.op_disconnect[0] < 0 && j.v.op_disconnect[3] == 6);
    done(&j);
}

static void test_json(void)
{
    job_t j;
    CHECK(build(&j, "    vetting: { countries: [US], action: block }\n"
                    "    buffer_mandate: { min_hours: 5 }\n") == 0);
    CHECK_STR_CONTAINS(j.sc.resolved_json,
                       ",\"options\":[{\"name\":\"opt\",\"vetting\":{\"sectors\":[],"
                       "\"designated_only\":false,\"countries\":[\"US\"],\"allow_countries\":[],"
                       "\"categories\":[],\"action\":\"block\"},\"buffer_mandate\":{"
                       "\"min_hours\":5,\"kinds\":[],\"sectors\":[]}}]}");
    done(&j);
}

/* An operator regulated by an earlier lever still pays for its segmentation. */
static void test_segmentation_cost(void)
{
    job_t j;
    CHECK(build(&j, "    vetting: { countries: [XX] }\n"
                    "    segmentation: { factor: 0.5, privileges: [ot] }\n") == 0);
    CHECK_NEAR(sum(j.v.burden.cost[SSIM_LEVER_VETTING]), 4 * 5e6, 1e-6);
    CHECK_NEAR(sum(j.v.burden.cost[SSIM_LEVER_SEGMENTATION]), 20e6, 1e-6);
    CHECK_NEAR(sum(j.v.burden.regulated), 4, 0);
    done(&j);
}

static void expect_error(const char *levers, const char *message)
{
    job_t j;
    char buf[512] = "";
    ssim_error_capture(buf, sizeof buf);
    CHECK(build(&j, levers) != 0);
    ssim_error_capture(NULL, 0);
    CHECK_STR_CONTAINS(buf, message);
    done(&j);
}

static void test_errors(void)
{
    expect_error("    vetting: { country: [US] }\n", "options: unknown key 'country' in vetting");
    expect_error("    vetoing: {}\n", "options: unknown key 'vetoing'");
    expect_error("    vetting: { sectors: [energy] }\n", "'energy' is not a sector");
    expect_error("    diversity_cap: { max_share: 2 }\n", "diversity_cap.max_share");
    expect_error("    vetting: [US]\n", "options: vetting must be a mapping");
    expect_error("  - name: opt\n", "duplicate name 'opt'");
    expect_error("  - name: baseline\n", "the name 'baseline' is reserved");
    expect_error("  - vetting: {}\n", "missing required key 'name'");
}

int main(void)
{
    if (!mkdtemp(dir))
        return 1;
    write_network();
    test_noop();
    test_replace();
    test_block_and_designated();
    test_cap();
    test_buffer_hold_segment();
    test_json();
    test_segmentation_cost();
    test_errors();
    const char *files[] = {"operators.csv", "suppliers.csv", "supply.csv", "dependencies.csv"};
    for (int i = 0; i < 4; i++) {
        char p[512];
        snprintf(p, sizeof p, "%s/%s", dir, files[i]);
        unlink(p);
    }
    rmdir(dir);
    printf("test_options: %d checks, %d failed\n", check_count, check_failures);
    return check_failures != 0;
}
