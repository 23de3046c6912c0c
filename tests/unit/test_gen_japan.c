/* Unit tests of the Japan generator (models/generators/japan/gen_japan*.c), called through
 * the plug-in table exactly as `sectorsim generate japan` calls it, then read
 * back with ssim_network_load + ssim_graph_build (which reject dangling ids,
 * duplicate edges and every other broken rule).
 *
 * usage: test_gen_japan FACTS_DIR SCRATCH_DIR
 *
 * Facts asserted:
 *   - helpers: the largest-remainder split sums exactly and breaks ties by
 *     index; x^(k/2) by multiplication and sqrt; rounding to a grid;
 *   - the same seed and scale give byte-identical files, another seed other
 *     supply and dependency rows (and the same operators: placement is not
 *     random);
 *   - operator counts per sector at scale 1 and 0.1 are the documented ones
 *     (scenarios/data/japan/README.md), each kind's count at scale 1 is its
 *     operator_counts.csv count, and the 10 T&D operators survive any scale;
 *   - customers of the kinds that serve everyone sum exactly to the 2020
 *     census population per power area (T&D, each MNO's units) or per
 *     prefecture (water, prefectural governments, municipalities, hospitals);
 *   - every operator but the T&D operators has exactly one power dependency,
 *     on the T&D operator of its own power area;
 *   - 180..240 designated operators at scale 1;
 *   - the facts directory may be the data directory or the facts directory;
 *     broken fact tables are refused with FILE:LINE:COL and the rule.
 * Runs in about a second.
 */
#include "check.h"
#include "core/log.h"
#include "core/status.h"
#include "core/vocab.h"
#include "graph/graph.h"
#include "input/network.h"
#include "input/netwrite.h"
#include "models/generators/japan/gen_japan.h"
#include "models/generators/generator.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static const char *facts_dir; /* argv[1] */
static const char *scratch;   /* argv[2] */
static ssim_jp_facts_t facts; /* loaded once from facts_dir */
static char errbuf[8192];

static const char *const files[] = {"operators.csv", "suppliers.csv", "supply.csv",
                                    "dependencies.csv"};

/* ------------------------------------------------------------ harness */

static void path_of(char *buf, size_t size, const char *sub, const char *file)
{
    snprintf(buf, size, "%s/%s%s%s", scratch, sub, file ? "/" : "", file ? file : "");
}

/* Generate into scratch/sub from the given facts (or data) directory. */
static ssim_status_t gen_from(const char *source, uint64_t seed, double scale, const char *sub)
{
    const ssim_generator_t *g = ssim_generator_find("japan");
    char dir[1024];
    if (!g)
        return SSIM_EINTERNAL;
    path_of(dir, sizeof dir, sub, NULL);
    ssim_gen_args_t a;
    memset(&a, 0, sizeof a);
    a.seed = seed;
    a.source_dir = source;
    a.real[ssim_generator_param_index(g, "scale")] = scale;
    ssim_netwrite_t w;
    ssim_status_t st = ssim_netwrite_open(&w, dir);
    if (st != SSIM_OK)
        return st;
    st = g->generate(&a, &w);
    ssim_status_t cst = ssim_netwrite_close(&w, st == SSIM_OK);
    return st != SSIM_OK ? st : cst;
}

static ssim_status_t gen(uint64_t seed, double scale, const char *sub)
{
    return gen_from(facts_dir, seed, scale, sub);
}

static int load(const char *sub, ssim_network_t *net, ssim_graph_t *graph)
{
    char dir[1024];
    path_of(dir, sizeof dir, sub, NULL);
    memset(graph, 0, sizeof *graph);
    if (ssim_network_load(net, dir) != SSIM_OK)
        return 0;
    if (ssim_graph_build(graph, net) != SSIM_OK) {
        ssim_network_destroy(net);
        return 0;
    }
    return 1;
}

/* Whole file into a malloc'ed buffer (*len bytes), NULL when unreadable. */
static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    char *buf = NULL;
    long n = -1;
    if (f && fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) >= 0 && fseek(f, 0, SEEK_SET) == 0 &&
        (buf = malloc((size_t)n + 1)) && fread(buf, 1, (size_t)n, f) == (size_t)n) {
        buf[n] = '\0';
        *len = (size_t)n;
    } else {
        free(buf);
        buf = NULL;
    }
    if (f)
        fclose(f);
    return buf;
}

static int same_file(const char *sub1, const char *sub2, const char *file)
{
    char p1[1024], p2[1024];
    size_t n1 = 0, n2 = 0;
    path_of(p1, sizeof p1, sub1, file);
    path_of(p2, sizeof p2, sub2, file);
    char *a = slurp(p1, &n1), *b = slurp(p2, &n2);
    int same = a && b && n1 == n2 && memcmp(a, b, n1) == 0;
    free(a);
    free(b);
    return same;
}

/* Index of operator kind from an id's prefix ("WAT-0012" -> water_utility). */
static int kind_of_id(const char *id)
{
    size_t len = strcspn(id, "-");
    for (size_t k = 0; k < facts.n_kinds; k++)
        if (strlen(facts.kinds[k].prefix) == len && !strncmp(facts.kinds[k].prefix, id, len))
            return (int)k;
    return -1;
}

static int kind_named(const char *name)
{
    for (size_t k = 0; k < facts.n_kinds; k++)
        if (!strcmp(facts.kinds[k].name, name))
            return (int)k;
    return -1;
}

/* ------------------------------------------------------------ helpers */

static void test_helpers(void)
{
    int64_t out[5];
    double w[5] = {1, 1, 1, 0, 1};
    CHECK(ssim_jp_split(10, w, 5, out) == SSIM_OK);
    CHECK_EQ_INT(out[0] + out[1] + out[2] + out[3] + out[4], 10);
    CHECK_EQ_INT(out[0], 3); /* 2.5 each: the remainders go to the lower indices */
    CHECK_EQ_INT(out[1], 3);
    CHECK_EQ_INT(out[2], 2);
    CHECK_EQ_INT(out[3], 0);
    double pops[3] = {14047594, 553407, 5224614};
    int64_t parts[3];
    CHECK(ssim_jp_split(126146099, pops, 3, parts) == SSIM_OK);
    CHECK_EQ_INT(parts[0] + parts[1] + parts[2], 126146099);
    CHECK(ssim_jp_split(0, w, 5, out) == SSIM_OK && out[0] == 0);
    CHECK_NEAR(ssim_jp_half_pow(4.0, 3), 8.0, 0);
    CHECK_NEAR(ssim_jp_half_pow(3.0, 4), 9.0, 0);
    CHECK_NEAR(ssim_jp_half_pow(7.0, 0), 1.0, 0);
    CHECK_NEAR(ssim_jp_round_to(51.347, 10), 51.3, 1e-12);
    CHECK_NEAR(ssim_jp_round_to(12.26, 2), 12.5, 0);
}

/* ------------------------------------------------------------ determinism */

static void test_determinism(void)
{
    CHECK(gen(1, 1.0, "a") == SSIM_OK);
    CHECK(gen(1, 1.0, "b") == SSIM_OK);
    CHECK(gen(2, 1.0, "c") == SSIM_OK);
    for (int f = 0; f < 4; f++)
        CHECK(same_file("a", "b", files[f]));
    CHECK(same_file("a", "c", "operators.csv"));
    CHECK(same_file("a", "c", "suppliers.csv"));
    CHECK(!same_file("a", "c", "supply.csv"));
    CHECK(!same_file("a", "c", "dependencies.csv"));
}

/* ------------------------------------------------------------ scale 1 */

/* Operators per sector (ssim_vocab_sector order) at scale 1 and 0.1: the
 * table in scenarios/data/japan/README.md. */
static const int sectors_scale1[] = {100, 200, 15,  1300, 502,  41, 103,
                                     112, 125, 100, 100,  1788, 400};
static const int sectors_scale01[] = {19, 47, 2, 130, 114, 5, 12, 12, 13, 10, 16, 224, 47};

static void check_sector_counts(const ssim_network_t *net, const int *expect)
{
    int n[SSIM_MAX_SECTORS] = {0};
    for (size_t i = 0; i < net->n_operators; i++)
        n[net->op_sector[i]]++;
    for (int s = 0; s < ssim_vocab_sector.n; s++) {
        CHECK_EQ_INT(n[s], expect[s]);
        if (n[s] != expect[s])
            fprintf(stderr, "  sector %s\n", ssim_vocab_sector.names[s]);
    }
}

static void check_kind_counts(const ssim_network_t *net)
{
    int64_t n[256] = {0};
    for (size_t i = 0; i < net->n_operators; i++) {
        int k = kind_of_id(net->op_id[i]);
        CHECK(k >= 0);
        if (k >= 0)
            n[k]++;
    }
    for (size_t k = 0; k < facts.n_kinds; k++) {
        const ssim_jp_kind_t *kd = &facts.kinds[k];
        int64_t expect =
            kd->place == SSIM_JP_PLACE_AREA_UNITS ? kd->count * SSIM_JP_N_AREAS : kd->count;
        CHECK_EQ_INT(n[k], expect);
    }
}

/* Customers of kind `name` summed per power area (by_area) or prefecture must
 * equal the census population of each. */
static void check_population_sums(const ssim_network_t *net, const char *name, int by_area)
{
    int k = kind_named(name);
    int64_t sum[SSIM_N_PREFECTURES + 1] = {0};
    CHECK(k >= 0);
    for (size_t i = 0; i < net->n_operators; i++) {
        int p = net->op_prefecture[i];
        if (kind_of_id(net->op_id[i]) == k)
            sum[by_area ? facts.area[p] : p] += net->op_customers[i];
    }
    int64_t total = 0;
    for (int u = by_area ? 0 : 1; u <= (by_area ? SSIM_JP_N_AREAS - 1 : SSIM_N_PREFECTURES); u++) {
        CHECK_EQ_INT(sum[u], by_area ? facts.area_pop[u] : facts.pop[u]);
        total += sum[u];
    }
    CHECK_EQ_INT(total, 126146099);
}

/* Every operator but the T&D operators: exactly one power dependency, on the
 * T&D operator of its own power area. */
static void check_power(const ssim_network_t *net)
{
    int td = kind_named("td"), power = ssim_vocab_find(&ssim_vocab_dep_kind, "power");
    int *n_power = calloc(net->n_operators, sizeof *n_power);
    int bad = 0, missing = 0;
    for (size_t d = 0; n_power && d < net->n_deps; d++) {
        int32_t o = net->dep_op[d], p = net->dep_provider[d];
        if (net->dep_kind[d] != power || kind_of_id(net->op_id[p]) != td)
            continue;
        n_power[o]++;
        bad += facts.area[net->op_prefecture[o]] != facts.area[net->op_prefecture[p]];
    }
    for (size_t i = 0; n_power && i < net->n_operators; i++)
        missing += kind_of_id(net->op_id[i]) == td ? n_power[i] != 0 : n_power[i] != 1;
    CHECK(n_power != NULL);
    CHECK_EQ_INT(bad, 0);
    CHECK_EQ_INT(missing, 0);
    free(n_power);
}

static int count_designated(const ssim_network_t *net)
{
    int n = 0;
    for (size_t i = 0; i < net->n_operators; i++)
        n += net->op_designated[i];
    return n;
}

static void check_serves_everyone(const ssim_network_t *net)
{
    check_population_sums(net, "td", 1);
    check_population_sums(net, "water_utility", 0);
    check_population_sums(net, "pref_gov", 0);
    check_population_sums(net, "municipality", 0);
    check_population_sums(net, "hospital", 0);
    /* each MNO's units serve all of their area: the four companies split it */
    int mno = kind_named("mno");
    int64_t area_sum[SSIM_JP_N_AREAS] = {0};
    for (size_t i = 0; i < net->n_operators; i++)
        if (kind_of_id(net->op_id[i]) == mno)
            area_sum[facts.area[net->op_prefecture[i]]] += net->op_customers[i];
    for (int a = 0; a < SSIM_JP_N_AREAS; a++)
        CHECK_EQ_INT(area_sum[a], facts.area_pop[a]);
}

static void test_scale1(void)
{
    ssim_network_t net;
    ssim_graph_t graph;
    CHECK(load("a", &net, &graph));
    if (!net.n_operators)
        return;
    check_sector_counts(&net, sectors_scale1);
    check_kind_counts(&net);
    check_serves_everyone(&net);
    check_power(&net);
    int d = count_designated(&net);
    CHECK(d >= 180 && d <= 240);
    CHECK_EQ_INT(net.n_suppliers, facts.n_suppliers);
    CHECK_EQ_INT(graph.n_isolated_operators, 0);
    CHECK_EQ_INT(graph.n_supplier_cycles, 0);
    ssim_graph_destroy(&graph);
    ssim_network_destroy(&net);
}

static void test_scale01(void)
{
    ssim_network_t net;
    ssim_graph_t graph;
    CHECK(gen(1, 0.1, "s01") == SSIM_OK);
    CHECK(load("s01", &net, &graph));
    if (!net.n_operators)
        return;
    check_sector_counts(&net, sectors_scale01);
    check_serves_everyone(&net);
    check_power(&net);
    int n_td = 0, td = kind_named("td");
    for (size_t i = 0; i < net.n_operators; i++)
        n_td += kind_of_id(net.op_id[i]) == td;
    CHECK_EQ_INT(n_td, SSIM_JP_N_AREAS);
    ssim_graph_destroy(&graph);
    ssim_network_destroy(&net);
    /* the smallest scale keeps every kind and the 10 areas */
    CHECK(gen(1, 0.01, "s001") == SSIM_OK);
    CHECK(load("s001", &net, &graph));
    if (net.n_operators) {
        int seen[256] = {0};
        for (size_t i = 0; i < net.n_operators; i++)
            seen[kind_of_id(net.op_id[i]) & 255] = 1;
        for (size_t k = 0; k < facts.n_kinds; k++)
            CHECK(seen[k]);
        check_power(&net);
        ssim_graph_destroy(&graph);
        ssim_network_destroy(&net);
    }
}

/* ------------------------------------------------------------ facts errors */

/* Copy the facts into scratch/sub, replacing `from` by `to` in file `name`. */
static int corrupt_copy(const char *sub, const char *name, const char *from, const char *to)
{
    static const char *const tables[] = {"prefectures.csv",     "power_areas.csv",
                                         "municipalities.csv",  "operator_kinds.csv",
                                         "operator_counts.csv", "supplier_archetypes.csv",
                                         "supply_rules.csv",    "market_shares.csv",
                                         "supplier_edges.csv",  "dependency_rules.csv"};
    char dir[1024], src[1024], dst[1024];
    path_of(dir, sizeof dir, sub, NULL);
    mkdir(dir, 0777);
    int ok = 1;
    for (size_t t = 0; t < sizeof tables / sizeof *tables; t++) {
        size_t n = 0;
        snprintf(src, sizeof src, "%s/%s", facts_dir, tables[t]);
        path_of(dst, sizeof dst, sub, tables[t]);
        char *text = slurp(src, &n), *hit = text ? strstr(text, from) : NULL;
        FILE *f = fopen(dst, "wb");
        if (!text || !f || (!strcmp(tables[t], name) && !hit)) {
            ok = 0;
        } else if (!strcmp(tables[t], name)) {
            fwrite(text, 1, (size_t)(hit - text), f);
            fputs(to, f);
            fputs(hit + strlen(from), f);
        } else {
            fwrite(text, 1, n, f);
        }
        if (f)
            fclose(f);
        free(text);
    }
    return ok;
}

/* Generation from a corrupted copy must fail with `status` and `expect`. */
static void expect_error(const char *name, const char *from, const char *to, ssim_status_t status,
                         const char *expect)
{
    char dir[1024];
    CHECK(corrupt_copy("bad", name, from, to));
    path_of(dir, sizeof dir, "bad", NULL);
    errbuf[0] = '\0';
    ssim_error_capture(errbuf, sizeof errbuf);
    ssim_status_t st = gen_from(dir, 1, 1.0, "bad_out");
    ssim_error_capture(NULL, 0);
    CHECK_EQ_INT(st, status);
    CHECK_STR_CONTAINS(errbuf, expect);
}

static void test_errors(void)
{
    errbuf[0] = '\0';
    ssim_error_capture(errbuf, sizeof errbuf);
    CHECK_EQ_INT(gen_from("/nonexistent/facts", 1, 1.0, "none"), SSIM_EINVAL);
    ssim_error_capture(NULL, 0);
    CHECK_STR_CONTAINS(errbuf, "no fact tables");
    expect_error("prefectures.csv", ",14047594,", ",14e6x,", SSIM_EINVAL, "prefectures.csv:14:");
    expect_error("prefectures.csv", ",14047594,", ",14e6x,", SSIM_EINVAL,
                 "pop2020: must be an integer");
    expect_error("operator_kinds.csv", "td,electricity,", "td,electric,", SSIM_EINVAL,
                 "unknown sector 'electric'");
    expect_error("operator_counts.csv", "water,water_utility,1300,", "water,water_utility,x,",
                 SSIM_EINVAL, "count: must be an integer");
    expect_error("market_shares.csv", ",US-OS-A,", ",US-OS-Z,", SSIM_EINVAL,
                 "not a supplier of supplier_archetypes.csv (got 'US-OS-Z')");
    expect_error("dependency_rules.csv", "*,power,td,", "*,power,tdx,", SSIM_EINVAL,
                 "dependency_rules.csv:2:");
    expect_error("supply_rules.csv", "*,os,1,auto,24,72,", "*,os,1,auto,24,12,", SSIM_EINVAL,
                 "lag_max_hours: must be a number in [24,");
    expect_error("operator_kinds.csv", "1300", "1300", SSIM_OK, ""); /* the copy itself is fine */
    expect_error("operator_counts.csv", "government,pref_gov,47,", "government,pref_gov,40,",
                 SSIM_EINVAL, "multiple of 47");
}

/* The data directory (<repo>/scenarios/data) and the facts directory both work. */
static void test_facts_dir(void)
{
    char data[1024];
    snprintf(data, sizeof data, "%s/../..", facts_dir);
    CHECK(gen_from(data, 1, 1.0, "via_data") == SSIM_OK);
    for (int f = 0; f < 4; f++)
        CHECK(same_file("a", "via_data", files[f]));
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: test_gen_japan FACTS_DIR SCRATCH_DIR\n");
        return 2;
    }
    facts_dir = argv[1];
    scratch = argv[2];
    mkdir(scratch, 0777);
    ssim_log_set_level(SSIM_LOG_QUIET);
    if (ssim_jp_facts_load(&facts, facts_dir) != SSIM_OK) {
        fprintf(stderr, "test_gen_japan: cannot load the facts in %s\n", facts_dir);
        ssim_jp_facts_free(&facts);
        return 1;
    }
    test_helpers();
    test_determinism();
    test_scale1();
    test_scale01();
    test_errors();
    test_facts_dir();
    ssim_jp_facts_free(&facts);
    return check_report("test_gen_japan");
}
