/* results/order — see order.h. */
#include "results/order.h"

#include <math.h>
#include <string.h>

/* Order statistics without a comparison sort.
 *
 * The summaries need a column's ascending order: type-7 quantiles, min, max
 * and the mean of the largest values summed in ascending order (CVaR).  Most
 * columns are mostly zeros (sectors an incident never reaches), so only the
 * nonzero values are sorted, by an LSD radix sort on their bit patterns, and
 * rank i maps to (negatives, zeros, positives) without materialising the
 * zeros.  The results are bit-identical to sorting the whole column with a
 * stable comparison sort (glibc's qsort, a merge sort, which this replaces):
 *  - a zero's sign cannot change an interpolation between ranks (x + f*(y-x)
 *    is +0 when x and y are zeros, and a zero's sign drops out when one of
 *    them is not) nor a sum that starts at +0, so zeros read as +0 and are
 *    skipped in sums;
 *  - it can show in min and max, which are taken in input order: the first
 *    of the smallest values and the last of the largest, as a stable sort
 *    leaves them.
 * Inputs must not contain NaN (no model produces one; a comparison sort's
 * order would be undefined there too). */

enum { RADIX_BITS = 11, RADIX_BUCKETS = 1 << RADIX_BITS };

/* Unsigned key in the order of the doubles (no NaN; zeros are never keyed):
 * flip every bit of a negative, the sign bit of a positive. */
static inline uint64_t order_key(double v)
{
    uint64_t b;
    memcpy(&b, &v, sizeof b);
    return b ^ ((0 - (b >> 63)) | 0x8000000000000000ull);
}

/* The double whose order_key is k. */
static inline double key_value(uint64_t k)
{
    uint64_t b = k >> 63 ? k ^ 0x8000000000000000ull : ~k;
    double v;
    memcpy(&v, &b, sizeof v);
    return v;
}

/* The rank key of v in view o: exact, since keys agree below o->shift. */
static inline uint64_t rank_key(const ssim_order_t *o, double v)
{
    return (order_key(v) - o->kmin) >> o->shift;
}

/* kmin, shift and range of the m >= 1 nonzero values a[0..m). */
static void order_keys(ssim_order_t *o, const double *a, size_t m)
{
    uint64_t k0 = order_key(a[0]), kmin = k0, kmax = k0, differ = 0;
    for (size_t i = 0; i < m; i++) {
        uint64_t k = order_key(a[i]);
        kmin = k < kmin ? k : kmin;
        kmax = k > kmax ? k : kmax;
        differ |= k ^ k0;
    }
    int shift = 0;
    while (shift < 63 && !(differ >> shift & 1))
        shift++;
    o->kmin = kmin;
    o->shift = shift;
    o->range = (kmax - kmin) >> shift;
}

/* One pass of input order over col[0..n) (n >= 1): the sum, min and max, and
 * the nonzero values copied into spare (length n) for ssim_order_sort.  The
 * bookkeeping rides along with the sum, whose additions must stay serial. */
void ssim_order_scan(ssim_order_t *o, const double *col, size_t n, double *spare)
{
    double sum = 0, mn = col[0], mx = col[0];
    size_t m = 0, neg = 0;
    for (size_t i = 0; i < n; i++) {
        double v = col[i];
        sum += v;
        mn = v < mn ? v : mn;  /* the first of equal minima, as a stable sort */
        mx = v >= mx ? v : mx; /* the last of equal maxima */
        spare[m] = v;          /* branch-free compaction of the nonzeros */
        m += v != 0;
        neg += v < 0;
    }
    *o = (ssim_order_t){
        .nz = spare, .n = n, .n_neg = neg, .n_zero = n - m, .sum = sum, .min = mn, .max = mx};
    if (m > 0)
        order_keys(o, spare, m);
}

/* One stable counting pass of LSD radix sort: a[0..m) into b by the digit of
 * the rank key at bit `at`. */
static void radix_pass(const ssim_order_t *o, const double *a, double *b, size_t m, int at)
{
    size_t count[RADIX_BUCKETS] = {0};
    for (size_t i = 0; i < m; i++)
        count[(rank_key(o, a[i]) >> at) & (RADIX_BUCKETS - 1)]++;
    size_t start = 0;
    for (int d = 0; d < RADIX_BUCKETS; d++) {
        size_t c = count[d];
        count[d] = start;
        start += c;
    }
    for (size_t i = 0; i < m; i++)
        b[count[(rank_key(o, a[i]) >> at) & (RADIX_BUCKETS - 1)]++] = a[i];
}

/* Sort a[0..m) in place when every rank key is below RADIX_BUCKETS: a rank
 * key is then a value, so counting them and writing each value's run is a
 * full sort, with no scatter. */
static void radix_fill(const ssim_order_t *o, double *a, size_t m)
{
    size_t count[RADIX_BUCKETS] = {0};
    for (size_t i = 0; i < m; i++)
        count[rank_key(o, a[i])]++;
    size_t at = 0;
    for (uint64_t d = 0; d <= o->range; d++) {
        double v = key_value(o->kmin + (d << o->shift));
        for (size_t c = 0; c < count[d]; c++)
            a[at++] = v;
    }
}

/* Sort the view's nonzero values by rank key: one count and a fill when the
 * keys span fewer than RADIX_BUCKETS (few distinct values, such as small
 * integers), else LSD radix sort, one pass per RADIX_BITS of the span; col
 * (length >= n - n_zero) is the second buffer and is clobbered.  O(m) per
 * pass, at most ceil(64 / RADIX_BITS) passes. */
void ssim_order_sort(ssim_order_t *o, double *col)
{
    size_t m = o->n - o->n_zero;
    if (o->range == 0)
        return;
    if (o->range < RADIX_BUCKETS) {
        radix_fill(o, o->nz, m);
        return;
    }
    double *a = o->nz, *b = col;
    for (int at = 0; at < 64 && o->range >> at; at += RADIX_BITS) {
        radix_pass(o, a, b, m, at);
        double *t = a;
        a = b;
        b = t;
    }
    o->nz = a;
}

/* Rank i (0-based, < n) of the sorted column; a zero reads as +0. */
static double order_at(const ssim_order_t *o, size_t i)
{
    if (i < o->n_neg)
        return o->nz[i];
    if (i < o->n_neg + o->n_zero)
        return 0.0;
    return o->nz[i - o->n_zero];
}

/* Quantile at level p, linear interpolation between order statistics
 * (Hyndman & Fan type 7, numpy's default). */
double ssim_order_quantile(const ssim_order_t *o, double p)
{
    double h = (double)(o->n - 1) * p;
    size_t lo = (size_t)floor(h);
    if (lo + 1 >= o->n)
        return o->max;
    double a = order_at(o, lo), b = order_at(o, lo + 1);
    return a + (h - (double)lo) * (b - a);
}

/* Mean of the largest ceil(alpha * n) values, summed in ascending order
 * (zeros skipped: adding a zero to a sum that starts at +0 changes no bit). */
double ssim_order_cvar(const ssim_order_t *o, double alpha)
{
    size_t n = o->n, k = (size_t)ceil(alpha * (double)n - 1e-12);
    if (k < 1)
        k = 1;
    size_t first = n - k, pos = o->n_neg + o->n_zero;
    double sum = 0;
    for (size_t i = first; i < o->n_neg; i++)
        sum += o->nz[i];
    for (size_t i = first > pos ? first : pos; i < n; i++)
        sum += o->nz[i - o->n_zero];
    return sum / (double)k;
}

/* Summary of col[0..n) in trial order (zeroed when n == 0); col is
 * clobbered, spare has length n.  Sums run in trial order, so the moments do
 * not depend on how the column was gathered. */
void ssim_summary_of_column(ssim_summary_t *s, double *col, size_t n, double *spare)
{
    memset(s, 0, sizeof *s);
    if (n == 0)
        return;
    ssim_order_t o;
    ssim_order_scan(&o, col, n, spare);
    s->mean = o.sum / (double)n;
    double ss = 0;
    for (size_t i = 0; i < n; i++)
        ss += (col[i] - s->mean) * (col[i] - s->mean);
    s->sd = n > 1 ? sqrt(ss / (double)(n - 1)) : 0.0;
    s->se = s->sd / sqrt((double)n);
    s->ci_low = s->mean - 1.959963984540054 * s->se;
    s->ci_high = s->mean + 1.959963984540054 * s->se;
    s->p_nonzero = (double)(n - o.n_zero - o.n_neg) / (double)n;
    ssim_order_sort(&o, col);
    s->min = o.min;
    s->max = o.max;
    for (int q = 0; q < SSIM_N_QUANTILES; q++)
        s->quantile[q] = ssim_order_quantile(&o, ssim_quantile_levels[q]);
    for (int e = 0; e < SSIM_N_EXCEEDANCE; e++)
        s->exceedance[e] = ssim_order_quantile(&o, 1.0 - ssim_exceedance_probs[e]);
    s->cvar95 = ssim_order_cvar(&o, 0.05);
    s->cvar99 = ssim_order_cvar(&o, 0.01);
}

void ssim_summary_compute(ssim_summary_t *s, const double *x, size_t n, size_t stride,
                          double *scratch, double *spare)
{
    for (size_t i = 0; i < n; i++)
        scratch[i] = x[i * stride];
    ssim_summary_of_column(s, scratch, n, spare);
}
