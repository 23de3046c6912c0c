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
 *     census population per power area (T&D) or per prefecture (water,
 *     prefectural governments, municipalities, hospitals); the MNOs' units sum
 *     to the national contracts; electricity retailers and JR Freight count 0;
 *   - the consequence files (issue 19): sectors.csv has one row per sector of
 *     the vocabulary, coupling.csv every fact row, population.csv the 47
 *     prefectures' census counts, and service_areas.csv shares that sum to
 *     exactly 1 per operator, over the prefectures of its kind's service area;
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

static const char *const files[] = {"operators.csv",    "suppliers.csv",    "supply.csv",
                                    "dependencies.csv", "sectors.csv",      "coupling.csv",
                                    "population.csv",   "service_areas.csv"};
enum { N_FILES = sizeof files / sizeof *files };

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
    for (int f = 0; f < N_FILES; f++)
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
    /* the MNOs' units split the national mobile contracts; billing-only kinds count 0 */
    int mno = kind_named("mno"), ret = kind_named("retailer"), jrf = kind_named("jr_freight");
    int64_t mno_sum = 0, zero_sum = 0;
    for (size_t i = 0; i < net->n_operators; i++) {
        int k = kind_of_id(net->op_id[i]);
        mno_sum += k == mno ? net->op_customers[i] : 0;
        zero_sum += k == ret || k == jrf ? net->op_customers[i] : 0;
    }
    CHECK_EQ_INT(mno_sum, facts.kinds[mno].customers_total);
    CHECK_EQ_INT(zero_sum, 0);
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
    static const char *const tables[] = {
        "prefectures.csv",      "power_areas.csv",     "municipalities.csv",
        "operator_kinds.csv",   "operator_counts.csv", "supplier_archetypes.csv",
        "supply_rules.csv",     "market_shares.csv",   "supplier_edges.csv",
        "dependency_rules.csv", "sector_units.csv",    "it_ot_coupling.csv"};
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
    /* the consequence facts (issue 19) */
    expect_error("sector_units.csv", ",0,1,492,", ",0,1,-492,", SSIM_EINVAL, "sector_units.csv:2:");
    expect_error("sector_units.csv", ",0,1,492,", ",0,1,-492,", SSIM_EINVAL,
                 "yen_per_service_unit: must be a number in [0,");
    expect_error("sector_units.csv", "\nmedical,", "\nmedicine,", SSIM_EINVAL,
                 "unknown sector 'medicine'");
    expect_error("sector_units.csv", ",low\nmedical,", ",low\ngovernment,", SSIM_EINVAL,
                 "sector 'government' listed twice");
    expect_error("sector_units.csv", ",0,1,492,", ",2,1,492,", SSIM_EINVAL,
                 "per_day: must be an integer in [0, 1]");
    expect_error("it_ot_coupling.csv", "telecom,ot,*,1,0,0,1,0", "telecom,ot,*,1,0,0,0,0",
                 SSIM_EINVAL, "shutdown_median_hours: must be > 0");
    expect_error("it_ot_coupling.csv", "telecom,ot,*,1,0,0,1,0", "telecom,ot,*,1.5,0,0,1,0",
                 SSIM_EINVAL, "capacity_loss: must be a number in [0, 1]");
    expect_error("it_ot_coupling.csv", "telecom,ot,*,", "telecom,it,*,", SSIM_EINVAL,
                 "key (sector, privilege, incident_type) repeats line");
    expect_error("it_ot_coupling.csv", "telecom,ot,*,", "telecom,ot,worm,", SSIM_EINVAL,
                 "incident_type: must be one of");
    expect_error("operator_kinds.csv", "ESPA-designated,high,area", "ESPA-designated,high,areas",
                 SSIM_EINVAL, "service_area: must be one of: home, area, region, national");
}

/* ------------------------------------------------------------ consequence files */

/* A generated file of scratch/a as a fact table (NULL-safe to free). */
static int load_out(ssim_jp_table_t *t, const char *file, const char *const *cols, size_t n,
                    size_t *idx)
{
    char dir[1024];
    path_of(dir, sizeof dir, "a", NULL);
    return ssim_jp_table_open(t, dir, file, cols, n, idx) == SSIM_OK;
}

static void check_sectors_file(void)
{
    static const char *const cols[] = {"sector",  "customer_unit",       "service_unit",
                                       "per_day", "people_per_customer", "yen_per_service_unit",
                                       "source",  "confidence"};
    size_t c[8];
    int rows[SSIM_MAX_SECTORS] = {0};
    ssim_jp_table_t t;
    CHECK(load_out(&t, "sectors.csv", cols, 8, c));
    for (size_t r = 0; r < t.n_rows; r++) {
        int s = ssim_vocab_find(&ssim_vocab_sector, ssim_jp_cell(&t, r, c[0]));
        CHECK(s >= 0);
        rows[s & (SSIM_MAX_SECTORS - 1)]++;
        CHECK(*ssim_jp_cell(&t, r, c[6]));
    }
    CHECK_EQ_INT(t.n_rows, ssim_vocab_sector.n);
    for (int s = 0; s < ssim_vocab_sector.n; s++)
        CHECK_EQ_INT(rows[s], 1);
    ssim_jp_table_free(&t);
}

static void check_population_file(void)
{
    static const char *const cols[] = {"prefecture", "population", "source", "confidence"};
    size_t c[4];
    long long sum = 0, v = 0;
    ssim_jp_table_t t;
    CHECK(load_out(&t, "population.csv", cols, 4, c));
    CHECK_EQ_INT(t.n_rows, SSIM_N_PREFECTURES);
    for (size_t r = 0; r < t.n_rows; r++) {
        CHECK(ssim_jp_cell_int(&t, r, c[0], 1, SSIM_N_PREFECTURES, &v) == SSIM_OK);
        CHECK_EQ_INT(v, (long long)r + 1);
        CHECK(ssim_jp_cell_int(&t, r, c[1], 0, 1000000000, &v) == SSIM_OK);
        sum += v;
    }
    CHECK_EQ_INT(sum, 126146099); /* 2020 census */
    ssim_jp_table_free(&t);
    static const char *const ccols[] = {"sector", "privilege", "incident_type"};
    CHECK(load_out(&t, "coupling.csv", ccols, 3, c));
    CHECK_EQ_INT(t.n_rows, facts.coupling.n_rows);
    int catch_all = 0;
    for (size_t r = 0; r < t.n_rows; r++)
        catch_all += !strcmp(ssim_jp_cell(&t, r, c[0]), "*") &&
                     !strcmp(ssim_jp_cell(&t, r, c[1]), "*") &&
                     !strcmp(ssim_jp_cell(&t, r, c[2]), "*");
    CHECK_EQ_INT(catch_all, 1);
    ssim_jp_table_free(&t);
}

/* A share "1" or "0.ddddddddd" in units of 1e-9, or -1. */
static long long nano_share(const char *s)
{
    if (!strcmp(s, "1"))
        return 1000000000LL;
    if (strncmp(s, "0.", 2) || strlen(s) != 11 || strspn(s + 2, "0123456789") != 9)
        return -1;
    return atoll(s + 2);
}

/* Operators of kinds served beyond home, their row counts and exact share sums. */
static void check_service_areas_file(const ssim_network_t *net)
{
    static const char *const cols[] = {"operator", "prefecture", "share"};
    size_t c[3];
    ssim_jp_table_t t;
    CHECK(load_out(&t, "service_areas.csv", cols, 3, c));
    long long *sum = calloc(net->n_operators + 1, sizeof *sum);
    int *n = calloc(net->n_operators + 1, sizeof *n), bad = 0;
    for (size_t r = 0; sum && n && r < t.n_rows; r++) {
        const char *id = ssim_jp_cell(&t, r, c[0]);
        size_t o = 0;
        while (o < net->n_operators && strcmp(net->op_id[o], id))
            o++;
        long long share = nano_share(ssim_jp_cell(&t, r, c[2])), p = 0;
        bad += o == net->n_operators || share <= 0 ||
               ssim_jp_cell_int(&t, r, c[1], 1, SSIM_N_PREFECTURES, &p) != SSIM_OK;
        sum[o] += share;
        n[o]++;
    }
    CHECK_EQ_INT(bad, 0);
    int n_national = 0, n_home = 0, wrong_sum = 0;
    for (size_t o = 0; sum && n && o < net->n_operators; o++) {
        const ssim_jp_kind_t *k = &facts.kinds[kind_of_id(net->op_id[o])];
        if (n[o])
            wrong_sum += sum[o] != 1000000000LL;
        if (k->serve == SSIM_JP_SERVE_NATIONAL && net->op_customers[o] > 0)
            n_national += n[o] != SSIM_N_PREFECTURES;
        if (k->serve == SSIM_JP_SERVE_HOME)
            n_home += n[o];
    }
    CHECK_EQ_INT(wrong_sum, 0);
    CHECK_EQ_INT(n_national, 0); /* a national kind's operator covers all 47 */
    CHECK_EQ_INT(n_home, 0);     /* kinds served at home need no rows */
    /* TD-003 (Tokyo area) serves the 8 prefectures whose main area is Tokyo */
    int td3 = 0;
    for (size_t r = 0; r < t.n_rows; r++)
        td3 += !strcmp(ssim_jp_cell(&t, r, c[0]), "TD-003");
    int tokyo = 0;
    for (int p = 1; p <= SSIM_N_PREFECTURES; p++)
        tokyo += facts.area[p] == facts.area[13];
    CHECK_EQ_INT(td3, tokyo);
    free(sum);
    free(n);
    ssim_jp_table_free(&t);
}

static void test_conseq(void)
{
    ssim_network_t net;
    ssim_graph_t graph;
    check_sectors_file();
    check_population_file();
    CHECK(load("a", &net, &graph));
    if (!net.n_operators)
        return;
    check_service_areas_file(&net);
    ssim_graph_destroy(&graph);
    ssim_network_destroy(&net);
}

/* The data directory (<repo>/scenarios/data) and the facts directory both work. */
static void test_facts_dir(void)
{
    char data[1024];
    snprintf(data, sizeof data, "%s/../..", facts_dir);
    CHECK(gen_from(data, 1, 1.0, "via_data") == SSIM_OK);
    for (int f = 0; f < N_FILES; f++)
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
    test_conseq();
    test_errors();
    test_facts_dir();
    ssim_jp_facts_free(&facts);
    return check_report("test_gen_japan");
}
