/* models/gen_japan_ops — operators: placement over prefectures and power
 * areas, size weights, customers and designation (rules in
 * scenarios/data/japan/README.md, "Operators").
 *
 * Operators are numbered kind by kind (operator_kinds.csv order), and within a
 * kind unit by unit (prefecture code or power-area order) and by size rank
 * within a unit; area_units kinds are numbered company by company.  Nothing
 * here is random: only the supply and dependency draws are. */
#include "models/generators/japan/gen_japan.h"

#include "core/alloc.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------ arithmetic */

double ssim_jp_half_pow(double x, int k2)
{
    double v = k2 % 2 ? sqrt(x) : 1.0;
    for (int i = 0; i < k2 / 2; i++)
        v *= x;
    return v;
}

double ssim_jp_round_to(double x, double q) { return floor(x * q + 0.5) / q; }

static int64_t round_count(double x) { return (int64_t)floor(x + 0.5); }

/* A value and its index, sorted by value (descending) then index: the
 * fractional parts of the largest-remainder split, and the size order of the
 * designation. */
typedef struct {
    double frac;
    size_t i;
} frac_t;

static int by_frac_desc(const void *a, const void *b)
{
    const frac_t *x = a, *y = b;
    if (x->frac != y->frac)
        return x->frac > y->frac ? -1 : 1;
    return x->i < y->i ? -1 : x->i > y->i;
}

ssim_status_t ssim_jp_split(int64_t total, const double *w, size_t n, int64_t *out)
{
    double sum = 0;
    for (size_t i = 0; i < n; i++)
        sum += w[i];
    if (n == 0 || !(sum > 0)) {
        for (size_t i = 0; i < n; i++)
            out[i] = 0;
        return total == 0 ? SSIM_OK
                          : ssim_error(SSIM_EINTERNAL, SSIM_LOC_NONE,
                                       "split of %lld over no weight", (long long)total);
    }
    frac_t *fr = ssim_malloc(n, sizeof *fr, "split");
    if (!fr)
        return SSIM_ENOMEM;
    int64_t given = 0;
    for (size_t i = 0; i < n; i++) {
        double q = (double)total * (w[i] / sum);
        out[i] = (int64_t)floor(q);
        given += out[i];
        fr[i] = (frac_t){q - floor(q), i};
    }
    qsort(fr, n, sizeof *fr, by_frac_desc);
    /* rem is within [-n, n] up to rounding; walk the order until it is 0 */
    int64_t rem = total - given;
    for (size_t k = 0; rem != 0; k = (k + 1) % n) {
        size_t i = fr[k].i;
        if (rem > 0 && w[i] > 0) {
            out[i]++;
            rem--;
        } else if (rem < 0 && out[i] > 0) {
            out[i]--;
            rem++;
        }
    }
    free(fr);
    return SSIM_OK;
}

/* ------------------------------------------------------------ counts */

/* Operators per prefecture for the prefecture-based placements. */
static ssim_status_t pref_counts(const ssim_jp_facts_t *f, const ssim_jp_kind_t *k, double scale,
                                 int64_t cnt[SSIM_N_PREFECTURES + 1])
{
    memset(cnt, 0, (SSIM_N_PREFECTURES + 1) * sizeof *cnt);
    if (k->place == SSIM_JP_PLACE_PREF || k->place == SSIM_JP_PLACE_MUNICIPALITIES) {
        double per = (double)k->count / SSIM_N_PREFECTURES;
        for (int p = 1; p <= SSIM_N_PREFECTURES; p++) {
            int64_t c =
                round_count((k->place == SSIM_JP_PLACE_PREF ? per : f->municipalities[p]) * scale);
            cnt[p] = c > 1 ? c : 1;
        }
        return SSIM_OK;
    }
    double w[SSIM_N_PREFECTURES];
    int64_t n = round_count((double)k->count * scale), allowed = 0;
    for (int p = 1; p <= SSIM_N_PREFECTURES; p++) {
        w[p - 1] = k->excluded[p] ? 0.0 : ssim_jp_half_pow((double)f->pop[p], k->pop_exp2);
        allowed += !k->excluded[p];
    }
    if (n < 1)
        n = 1;
    if (k->cover && n < allowed)
        n = allowed;
    ssim_status_t st = ssim_jp_split(k->cover ? n - allowed : n, w, SSIM_N_PREFECTURES, cnt + 1);
    for (int p = 1; k->cover && p <= SSIM_N_PREFECTURES; p++)
        cnt[p] += !k->excluded[p];
    return st;
}

/* Operators per power area (area) or companies (area_units, list): at least 1. */
static int64_t scaled_units(const ssim_jp_kind_t *k, double scale)
{
    double base =
        k->place == SSIM_JP_PLACE_AREA ? (double)k->count / SSIM_JP_N_AREAS : (double)k->count;
    int64_t n = round_count(base * scale);
    return n > 1 ? n : 1;
}

size_t ssim_jp_kind_count(const ssim_jp_facts_t *f, const ssim_jp_kind_t *k, double scale)
{
    int64_t cnt[SSIM_N_PREFECTURES + 1], n = 0;
    switch (k->place) {
    case SSIM_JP_PLACE_AREA:
    case SSIM_JP_PLACE_AREA_UNITS:
        return (size_t)(SSIM_JP_N_AREAS * scaled_units(k, scale));
    case SSIM_JP_PLACE_LIST:
        return (size_t)scaled_units(k, scale);
    default:
        if (pref_counts(f, k, scale, cnt) != SSIM_OK)
            return 0;
        for (int p = 1; p <= SSIM_N_PREFECTURES; p++)
            n += cnt[p];
        return (size_t)n;
    }
}

/* ------------------------------------------------------------ placement */

static void put(ssim_jp_ops_t *o, size_t i, int kind, int pref, int local, size_t company, double w)
{
    o->kind[i] = (int16_t)kind;
    o->pref[i] = (int8_t)pref;
    o->local[i] = local;
    o->company[i] = (int32_t)company;
    o->weight[i] = w;
}

/* n operators of one unit (population unit_pop) from i, sized by rank^-tail. */
static void put_unit(ssim_jp_ops_t *o, size_t i, int kind, int pref, int64_t n, double unit_pop,
                     int tail2)
{
    double z = 0;
    for (int64_t r = 0; r < n; r++)
        z += 1.0 / ssim_jp_half_pow((double)(r + 1), tail2);
    for (int64_t r = 0; r < n; r++)
        put(o, i + (size_t)r, kind, pref, (int)(r + 1), i + (size_t)r,
            unit_pop * (1.0 / ssim_jp_half_pow((double)(r + 1), tail2)) / z);
}

/* Place kind k from operator `at`; returns the number placed. */
static size_t place(ssim_jp_ops_t *o, const ssim_jp_facts_t *f, int kind, size_t at, double scale)
{
    const ssim_jp_kind_t *k = &f->kinds[kind];
    size_t i = at;
    int64_t cnt[SSIM_N_PREFECTURES + 1], units = scaled_units(k, scale);
    if (k->place == SSIM_JP_PLACE_AREA) {
        for (int a = 0; a < SSIM_JP_N_AREAS; a++, i += (size_t)units)
            put_unit(o, i, kind, f->area_hq[a], units, (double)f->area_pop[a], k->size_tail2);
    } else if (k->place == SSIM_JP_PLACE_AREA_UNITS) {
        double wsum = 0;
        for (int64_t c = 0; c < units; c++)
            wsum += k->n_weights ? k->weights[c % (int64_t)k->n_weights] : 1.0;
        for (int64_t c = 0; c < units; c++) {
            double cw = (k->n_weights ? k->weights[c % (int64_t)k->n_weights] : 1.0) / wsum;
            for (int a = 0; a < SSIM_JP_N_AREAS; a++, i++)
                put(o, i, kind, f->area_hq[a], (int)(c + 1), at + (size_t)c * SSIM_JP_N_AREAS,
                    (double)f->area_pop[a] * cw);
        }
    } else if (k->place == SSIM_JP_PLACE_LIST) {
        for (int64_t c = 0; c < units; c++, i++) {
            int pref = k->prefs[c % (int64_t)k->n_list];
            double w = k->n_weights ? k->weights[c % (int64_t)k->n_weights] : (double)f->pop[pref];
            put(o, i, kind, pref, (int)(c + 1), i, w);
        }
    } else {
        pref_counts(f, k, scale, cnt);
        for (int p = 1; p <= SSIM_N_PREFECTURES; i += (size_t)cnt[p], p++)
            put_unit(o, i, kind, p, cnt[p], (double)f->pop[p], k->size_tail2);
    }
    return i - at;
}

/* ------------------------------------------------------------ customers */

/* Split population over each unit's operators by weight (units: areas for the
 * area placements, prefectures otherwise). */
static ssim_status_t customers_population(ssim_jp_ops_t *o, const ssim_jp_facts_t *f,
                                          const ssim_jp_kind_t *k)
{
    ssim_status_t st = SSIM_OK;
    size_t n_units = k->n / SSIM_JP_N_AREAS;
    if (k->place == SSIM_JP_PLACE_AREA_UNITS) { /* units of one area are n_units apart */
        double *w = ssim_malloc(n_units, sizeof *w, "customers");
        int64_t *c = ssim_malloc(n_units, sizeof *c, "customers");
        for (int a = 0; w && c && st == SSIM_OK && a < SSIM_JP_N_AREAS; a++) {
            for (size_t u = 0; u < n_units; u++)
                w[u] = o->weight[k->first + u * SSIM_JP_N_AREAS + (size_t)a];
            st = ssim_jp_split(f->area_pop[a], w, n_units, c);
            for (size_t u = 0; st == SSIM_OK && u < n_units; u++)
                o->customers[k->first + u * SSIM_JP_N_AREAS + (size_t)a] = c[u];
        }
        if (!w || !c)
            st = SSIM_ENOMEM;
        free(w);
        free(c);
        return st;
    }
    for (size_t i = k->first, end = k->first + k->n; st == SSIM_OK && i < end;) {
        size_t j = i;
        while (j < end && o->pref[j] == o->pref[i])
            j++;
        int64_t pop =
            k->place == SSIM_JP_PLACE_AREA ? f->area_pop[f->area[o->pref[i]]] : f->pop[o->pref[i]];
        st = ssim_jp_split(pop, o->weight + i, j - i, o->customers + i);
        i = j;
    }
    return st;
}

static ssim_status_t set_customers(ssim_jp_ops_t *o, const ssim_jp_facts_t *f,
                                   const ssim_jp_kind_t *k)
{
    if (k->cust == SSIM_JP_CUST_POPULATION)
        return customers_population(o, f, k);
    if (k->cust == SSIM_JP_CUST_TOTAL)
        return ssim_jp_split(k->customers_total, o->weight + k->first, k->n,
                             o->customers + k->first);
    memset(o->customers + k->first, 0, k->n * sizeof *o->customers);
    return SSIM_OK;
}

/* ------------------------------------------------------------ designation */

/* Designate the largest operators of kind k: its scale-1 number in proportion
 * to the operators at this scale, at least 1 when the number is >= 1. */
static ssim_status_t designate(ssim_jp_ops_t *o, const ssim_jp_facts_t *f, const ssim_jp_kind_t *k)
{
    size_t n1 = ssim_jp_kind_count(f, k, 1.0);
    int64_t d = k->designated ? round_count((double)k->designated * (double)k->n / (double)n1) : 0;
    if (k->designated && d < 1)
        d = 1;
    if ((size_t)d > k->n)
        d = (int64_t)k->n;
    if (d == 0)
        return SSIM_OK;
    frac_t *by = ssim_malloc(k->n, sizeof *by, "designation");
    if (!by)
        return SSIM_ENOMEM;
    for (size_t i = 0; i < k->n; i++)
        by[i] = (frac_t){o->weight[k->first + i], k->first + i};
    qsort(by, k->n, sizeof *by, by_frac_desc); /* largest first, ties by index */
    for (int64_t i = 0; i < d; i++)
        o->designated[by[i].i] = 1;
    free(by);
    return SSIM_OK;
}

/* ------------------------------------------------------------ entry points */

static ssim_status_t ops_alloc(ssim_jp_ops_t *o, size_t n)
{
    memset(o, 0, sizeof *o);
    o->n = n;
    o->kind = ssim_calloc(n + 1, sizeof *o->kind, "operators");
    o->pref = ssim_calloc(n + 1, sizeof *o->pref, "operators");
    o->local = ssim_calloc(n + 1, sizeof *o->local, "operators");
    o->company = ssim_calloc(n + 1, sizeof *o->company, "operators");
    o->customers = ssim_calloc(n + 1, sizeof *o->customers, "operators");
    o->weight = ssim_calloc(n + 1, sizeof *o->weight, "operators");
    o->designated = ssim_calloc(n + 1, sizeof *o->designated, "operators");
    return o->kind && o->pref && o->local && o->company && o->customers && o->weight &&
                   o->designated
               ? SSIM_OK
               : SSIM_ENOMEM;
}

ssim_status_t ssim_jp_ops_build(ssim_jp_ops_t *ops, ssim_jp_facts_t *f, double scale)
{
    size_t n = 0;
    for (size_t k = 0; k < f->n_kinds; k++) {
        ssim_jp_kind_t *kd = &f->kinds[k];
        kd->first = n;
        kd->n = ssim_jp_kind_count(f, kd, scale);
        n += kd->n;
        int digits = 1;
        for (size_t x = kd->n; x >= 10; x /= 10)
            digits++;
        kd->id_width = digits < 3 ? 3 : digits;
    }
    if (n > INT32_MAX / 2)
        return ssim_error(SSIM_ENOMEM, SSIM_LOC_NONE, "japan: %zu operators is too many", n);
    ssim_status_t st = ops_alloc(ops, n);
    for (size_t k = 0; st == SSIM_OK && k < f->n_kinds; k++) {
        if (place(ops, f, (int)k, f->kinds[k].first, scale) != f->kinds[k].n)
            st = ssim_error(SSIM_EINTERNAL, SSIM_LOC_NONE,
                            "japan: placement of kind '%s' "
                            "disagrees with its count",
                            f->kinds[k].name);
        if (st == SSIM_OK)
            st = set_customers(ops, f, &f->kinds[k]);
        if (st == SSIM_OK)
            st = designate(ops, f, &f->kinds[k]);
    }
    return st;
}

void ssim_jp_ops_free(ssim_jp_ops_t *ops)
{
    if (!ops)
        return;
    free(ops->kind);
    free(ops->pref);
    free(ops->local);
    free(ops->company);
    free(ops->customers);
    free(ops->weight);
    free(ops->designated);
    memset(ops, 0, sizeof *ops);
}

void ssim_jp_op_id(const ssim_jp_facts_t *f, const ssim_jp_ops_t *ops, size_t i, char *buf,
                   size_t size)
{
    const ssim_jp_kind_t *k = &f->kinds[ops->kind[i]];
    snprintf(buf, size, "%s-%0*zu", k->prefix, k->id_width, i - k->first + 1);
}
