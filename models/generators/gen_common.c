#include "models/generators/gen_common.h"

#include "core/vocab.h"

#include "input/network.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* ---- prefectures and power areas ---- */

const char *const ssim_gen_area_names[SSIM_GEN_N_AREAS] = {
    "Hokkaido", "Tohoku",  "Tokyo",   "Chubu",  "Hokuriku",
    "Kansai",   "Chugoku", "Shikoku", "Kyushu", "Okinawa",
};

/* Main power area of each prefecture (JIS X 0401 code order) as in
 * research/japan-data.md §B.1 (split prefectures are assigned to their main
 * area); codes index ssim_gen_area_names.  Populations (2020 census) come from
 * ssim_prefecture_population() in core/vocab. */
static const int8_t pref_area[SSIM_N_PREFECTURES] = {
    0, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2, 2, 1, 4, 4, 4, 2, 3, 3, 3, 3, 3,
    5, 5, 5, 5, 5, 5, 6, 6, 6, 6, 6, 7, 7, 7, 7, 8, 8, 8, 8, 8, 8, 8, 9,
};

/* Derived tables, filled once on first use (generators run in serial code). */
static struct {
    int ready;
    int64_t cum[SSIM_N_PREFECTURES];             /* cumulative population by code */
    int8_t pref_by_slot[SSIM_N_PREFECTURES];     /* codes ordered by (area, code) */
    int8_t slot_of_pref[SSIM_N_PREFECTURES + 1]; /* inverse, index = code */
    int8_t area_first[SSIM_GEN_N_AREAS + 1];     /* first slot of each area */
} tab;

static void tables_init(void)
{
    if (tab.ready)
        return;
    int64_t sum = 0;
    for (int i = 0; i < SSIM_N_PREFECTURES; i++)
        tab.cum[i] = sum += ssim_prefecture_population(i + 1);
    int slot = 0;
    for (int a = 0; a < SSIM_GEN_N_AREAS; a++) {
        tab.area_first[a] = (int8_t)slot;
        for (int i = 0; i < SSIM_N_PREFECTURES; i++) {
            if (pref_area[i] != a)
                continue;
            tab.pref_by_slot[slot] = (int8_t)(i + 1);
            tab.slot_of_pref[i + 1] = (int8_t)slot;
            slot++;
        }
    }
    tab.area_first[SSIM_GEN_N_AREAS] = (int8_t)slot;
    tab.ready = 1;
}

int64_t ssim_gen_pref_population(int pref) { return ssim_prefecture_population(pref); }

int ssim_gen_pref_area(int pref) { return pref_area[pref - 1]; }

int ssim_gen_draw_prefecture(double u)
{
    tables_init();
    int64_t total = tab.cum[SSIM_N_PREFECTURES - 1];
    int64_t target = (int64_t)(u * (double)total); /* in [0, total) */
    int lo = 0, hi = SSIM_N_PREFECTURES - 1;       /* first i with cum[i] > target */
    while (lo < hi) {
        int mid = (lo + hi) / 2;
        if (tab.cum[mid] > target)
            hi = mid;
        else
            lo = mid + 1;
    }
    return lo + 1;
}

int ssim_gen_pref_by_slot(int slot)
{
    tables_init();
    return tab.pref_by_slot[slot];
}

int ssim_gen_slot_of_pref(int pref)
{
    tables_init();
    return tab.slot_of_pref[pref];
}

int ssim_gen_area_first_slot(int area)
{
    tables_init();
    return tab.area_first[area];
}

/* ---- ids and numbers ---- */

int ssim_gen_id_width(uint64_t n, int min_width)
{
    int w = 1;
    for (uint64_t x = n > 0 ? n - 1 : 0; x >= 10; x /= 10)
        w++;
    return w > min_width ? w : min_width;
}

char *ssim_gen_id(char *buf, const char *prefix, uint64_t i, int width)
{
    char digits[21];
    int nd = 0;
    do {
        digits[nd++] = (char)('0' + i % 10);
        i /= 10;
    } while (i);
    size_t p = strlen(prefix);
    memcpy(buf, prefix, p);
    for (int k = nd; k < width; k++)
        buf[p++] = '0';
    while (nd)
        buf[p++] = digits[--nd];
    buf[p] = '\0';
    return buf;
}

double ssim_gen_uniform_pos(ssim_rng_t *rng)
{
    double u = ssim_rng_uniform(rng);
    return u > 0 ? u : 0x1.0p-60;
}

int ssim_gen_poisson(double mean, int max, ssim_rng_t *rng)
{
    double u = ssim_rng_uniform(rng);
    double p = exp(-mean), cdf = p;
    int k = 0;
    while (u >= cdf && k < max) {
        k++;
        p *= mean / k;
        cdf += p;
    }
    return k;
}

double ssim_gen_round(double x, double step)
{
    double inv = nearbyint(1.0 / step);
    return nearbyint(x * inv) / inv;
}

/* ---- weighted draws ---- */

/* Index in [lo, hi) of the first cum[k] > target; hi - 1 when none is (a
 * target rounded up to the last value). */
static uint32_t search_cum(const double *cum, uint32_t lo, uint32_t hi, double target)
{
    uint32_t end = hi;
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        if (cum[mid] > target)
            hi = mid;
        else
            lo = mid + 1;
    }
    return lo < end ? lo : end - 1;
}

uint32_t ssim_gen_draw_cum(const double *cum, uint32_t lo, uint32_t hi, double u)
{
    double base = lo > 0 ? cum[lo - 1] : 0;
    return search_cum(cum, lo, hi, base + u * (cum[hi - 1] - base));
}

int ssim_gen_draw_weights(const double *w, int n, double u)
{
    double total = 0;
    for (int k = 0; k < n; k++)
        total += w[k];
    double t = u * total;
    int last = 0;
    for (int k = 0; k < n; k++) {
        if (t < w[k])
            return k;
        t -= w[k];
        if (w[k] > 0)
            last = k;
    }
    return last; /* rounding: the last class with weight */
}

/* ---- sector mix ---- */

const char ssim_gen_default_sector_mix[] =
    "electricity:0.02,gas:0.03,petroleum:0.02,water:0.12,finance:0.10,payments:0.04,"
    "rail:0.03,aviation:0.02,ports:0.05,logistics:0.15,telecom:0.12,government:0.10,"
    "medical:0.20";

/* Copy [s, e) without surrounding blanks into buf (size n); 0 when too long. */
static int trimmed(const char *s, const char *e, char *buf, size_t n)
{
    while (s < e && isspace((unsigned char)*s))
        s++;
    while (e > s && isspace((unsigned char)e[-1]))
        e--;
    if ((size_t)(e - s) >= n)
        return 0;
    memcpy(buf, s, (size_t)(e - s));
    buf[e - s] = '\0';
    return 1;
}

/* One "sector:weight" item [s, e) into w; seen marks sectors already given. */
static ssim_status_t parse_mix_item(const char *option, const char *s, const char *e, double *w,
                                    int *seen)
{
    char item[128], name[64], num[64];
    const char *colon = memchr(s, ':', (size_t)(e - s));
    if (!trimmed(s, e, item, sizeof item) || !colon || !trimmed(s, colon, name, sizeof name) ||
        !trimmed(colon + 1, e, num, sizeof num))
        return ssim_error(SSIM_EINVAL, SSIM_LOC_NONE,
                          "--%s: each item must be SECTOR:WEIGHT (got '%.*s')", option,
                          (int)(e - s), s);
    int c = ssim_vocab_find(&ssim_vocab_sector, name);
    if (c < 0)
        return ssim_error(SSIM_EINVAL, SSIM_LOC_NONE, "--%s: unknown sector '%s' (one of: %s)",
                          option, name, ssim_vocab_list(&ssim_vocab_sector));
    if (seen[c])
        return ssim_error(SSIM_EINVAL, SSIM_LOC_NONE, "--%s: sector '%s' given twice", option,
                          name);
    char *end = NULL;
    errno = 0;
    double v = strtod(num, &end);
    if (!*num || *end || errno || !isfinite(v) || v < 0)
        return ssim_error(SSIM_EINVAL, SSIM_LOC_NONE,
                          "--%s: weight of '%s' must be a finite number >= 0 (got '%s')", option,
                          name, num);
    seen[c] = 1;
    w[c] = v;
    return SSIM_OK;
}

ssim_status_t ssim_gen_parse_sector_mix(const char *option, const char *text, double *w)
{
    int seen[SSIM_MAX_SECTORS] = {0};
    for (int c = 0; c < ssim_vocab_sector.n; c++)
        w[c] = 0;
    const char *s = text;
    for (;;) {
        const char *e = strchr(s, ',');
        if (!e)
            e = s + strlen(s);
        ssim_status_t st = parse_mix_item(option, s, e, w, seen);
        if (st != SSIM_OK)
            return st;
        if (!*e)
            break;
        s = e + 1;
    }
    double sum = 0;
    for (int c = 0; c < ssim_vocab_sector.n; c++)
        sum += w[c];
    if (!(sum > 0))
        return ssim_error(SSIM_EINVAL, SSIM_LOC_NONE, "--%s: the weights must not all be 0",
                          option);
    return SSIM_OK;
}

void ssim_gen_apportion(const double *w, int k, uint64_t n, uint64_t *counts)
{
    double total = 0, frac[64]; /* k <= 64: sectors or supplier categories */
    for (int c = 0; c < k; c++)
        total += w[c];
    uint64_t given = 0;
    for (int c = 0; c < k; c++) {
        double exact = w[c] / total * (double)n;
        counts[c] = (uint64_t)floor(exact);
        frac[c] = exact - floor(exact);
        given += counts[c];
    }
    while (given > n) { /* floating-point slack only */
        int best = 0;
        for (int c = 1; c < k; c++)
            if (counts[c] > counts[best])
                best = c;
        counts[best]--;
        given--;
    }
    while (given < n) {
        int best = -1;
        for (int c = 0; c < k; c++)
            if (w[c] > 0 && (best < 0 || frac[c] > frac[best]))
                best = c;
        counts[best]++;
        frac[best] -= 1.0;
        given++;
    }
}

void ssim_gen_raise_min(uint64_t *counts, int k, const int *need, uint64_t min)
{
    for (int c = 0; c < k; c++) {
        while (need[c] && counts[c] < min) {
            int big = -1; /* the largest count that can spare one */
            for (int d = 0; d < k; d++)
                if (counts[d] > (need[d] ? min : 0) && (big < 0 || counts[d] > counts[big]))
                    big = d;
            if (big < 0)
                return;
            counts[big]--;
            counts[c]++;
        }
    }
}

/* ---- igraph ---- */

void ssim_gen_igraph_prepare(uint64_t seed)
{
    igraph_set_error_handler(igraph_error_handler_ignore);
    igraph_set_warning_handler(igraph_warning_handler_ignore);
    igraph_rng_seed(igraph_rng_default(), (igraph_uint_t)seed);
}

ssim_status_t ssim_gen_check_rows(double rows, const char *what)
{
    if (rows > (double)SSIM_NET_MAX_ROWS)
        return ssim_error(SSIM_ENOMEM, SSIM_LOC_NONE,
                          "%s would hold about %.3g rows, more than the network loader accepts "
                          "(%.0e per file): choose a smaller network",
                          what, rows, (double)SSIM_NET_MAX_ROWS);
    return SSIM_OK;
}

/* Operator rows of the graph's vertices (see ssim_gen_graph_write). */
static void write_graph_operators(int64_t n, const igraph_vector_int_t *block_sizes, uint64_t seed,
                                  int width, ssim_netwrite_t *out)
{
    int ns = ssim_vocab_sector.n;
    int64_t block = 0, block_end = block_sizes ? VECTOR(*block_sizes)[0] : n;
    char id[48], name[64];
    for (int64_t i = 0; i < n; i++) {
        while (block_sizes && i >= block_end)
            block_end += VECTOR(*block_sizes)[++block];
        int sector = (int)((block_sizes ? block : i) % ns);
        ssim_rng_t rng;
        ssim_rng_seed(&rng, seed, 0, (uint32_t)i, SSIM_GEN_P_NODE_PREF);
        int pref = ssim_gen_draw_prefecture(ssim_rng_uniform(&rng));
        snprintf(name, sizeof name, "node %lld", (long long)i);
        ssim_netwrite_operator(out, ssim_gen_id(id, "OP", (uint64_t)i, width), name, sector, pref,
                               1, 0);
    }
}

/* Supplier S0 and its supply edges to `seeds` operators (selection sampling:
 * vertex i is taken with probability needed / (n - i), so exactly `seeds`
 * distinct vertices are taken, each set equally likely). */
static void write_seed_supplier(int64_t n, int64_t seeds, uint64_t seed, int width,
                                ssim_netwrite_t *out)
{
    int other = ssim_vocab_find(&ssim_vocab_category, "other");
    ssim_netwrite_supplier(out, "S0", "seed supplier", "JP", other);
    int64_t needed = seeds;
    char id[48];
    for (int64_t i = 0; i < n && needed > 0; i++) {
        ssim_rng_t rng;
        ssim_rng_seed(&rng, seed, 0, (uint32_t)i, SSIM_GEN_P_SEEDS);
        if ((double)(n - i) * ssim_rng_uniform(&rng) < (double)needed) {
            ssim_netwrite_supply(out, "S0", ssim_gen_id(id, "OP", (uint64_t)i, width),
                                 SSIM_CHANNEL_AUTO, 0, 1, SSIM_PRIV_IT);
            needed--;
        }
    }
}

ssim_status_t ssim_gen_graph_write(const igraph_t *graph, const igraph_vector_int_t *block_sizes,
                                   uint64_t seed, int64_t seeds, ssim_netwrite_t *out)
{
    int64_t n = igraph_vcount(graph), m = igraph_ecount(graph);
    if (seeds < 1 || seeds > n)
        return ssim_error(SSIM_EINVAL, SSIM_LOC_NONE,
                          "--seeds must be in [1, nodes] (got %lld with %lld nodes)",
                          (long long)seeds, (long long)n);
    int width = ssim_gen_id_width((uint64_t)n, 6);
    int other = ssim_vocab_find(&ssim_vocab_dep_kind, "other");
    write_graph_operators(n, block_sizes, seed, width, out);
    write_seed_supplier(n, seeds, seed, width, out);
    char a[48], b[48];
    for (int64_t e = 0; e < m; e++) {
        igraph_integer_t from, to;
        if (igraph_edge(graph, e, &from, &to) != IGRAPH_SUCCESS)
            return ssim_error(SSIM_EINTERNAL, SSIM_LOC_NONE, "igraph_edge failed");
        ssim_gen_id(a, "OP", (uint64_t)from, width);
        ssim_gen_id(b, "OP", (uint64_t)to, width);
        ssim_netwrite_dependency(out, a, b, other, 0, 1);
        ssim_netwrite_dependency(out, b, a, other, 0, 1);
    }
    return SSIM_OK;
}
