/* results/hash — the verification hash (results.h), driven by the column
 * tables: for each table in id order, its hashed scalar columns packed in
 * one record (table order, 4 or 8 bytes each; a folded one not stored per
 * trial contributes zeros, so the record keeps its layout in lean storage),
 * then each hashed column of more than one value that is stored for the
 * trial, in table order.  In lean storage each block's folded sums are
 * hashed too. */
#include "results/internal.h"

#include "core/rng.h"

#include <string.h>

/* Each array is read as 64-byte blocks of eight 8-byte words (its last block
 * padded with zeros), and word j of every block goes to lane j: lane =
 * rotl(lane + word, 23), a bijection of the lane and of the word, so a change
 * in any one value changes its lane.  The lanes are then mixed by
 * multiplication, so that change reaches every bit of the row's hash.  Eight
 * independent lanes of adds and rotations (in SSE2 registers, two lanes each)
 * cost a few cycles per block: a row of the IC benchmark (about 670 bytes) is
 * 11 blocks. */
typedef uint64_t lanes2_t __attribute__((vector_size(16))); /* one SSE2 register */

static inline lanes2_t lane_step(lanes2_t lane, lanes2_t word)
{
    lanes2_t x = lane + word;
    return x << 23 | x >> 41;
}

/* Absorb `bytes` bytes (a multiple of 4) into the lanes: l[k] takes words
 * 2k and 2k + 1 of each block.  Nothing when bytes is 0. */
static inline void absorb(lanes2_t l[4], const void *data, size_t bytes)
{
    const unsigned char *p = data;
    lanes2_t a = l[0], b = l[1], c = l[2], d = l[3], w[4];
    size_t i = 0;
    for (; i + 64 <= bytes; i += 64) {
        memcpy(w, p + i, 64);
        a = lane_step(a, w[0]), b = lane_step(b, w[1]);
        c = lane_step(c, w[2]), d = lane_step(d, w[3]);
    }
    if (i < bytes) {
        memset(w, 0, sizeof w);
        memcpy(w, p + i, bytes - i);
        a = lane_step(a, w[0]), b = lane_step(b, w[1]);
        c = lane_step(c, w[2]), d = lane_step(d, w[3]);
    }
    l[0] = a, l[1] = b, l[2] = c, l[3] = d;
}

/* The lanes mixed into one 64-bit hash: a bijection of each lane in turn,
 * then ssim_hash64. */
static uint64_t lanes_mix(const lanes2_t lane[4], uint64_t x)
{
    for (int l = 0; l < 8; l++)
        x = (x ^ lane[l / 2][l % 2]) * 0xbf58476d1ce4e5b9ull + (uint64_t)l; /* bijective */
    return ssim_hash64(x);
}

uint64_t ssim_results_row_hash(const ssim_results_t *r, const ssim_trial_row_t *row, uint64_t t)
{
    lanes2_t lane[4] = {
        {t * 8, t * 8 + 1}, {t * 8 + 2, t * 8 + 3}, {t * 8 + 4, t * 8 + 5}, {t * 8 + 6, t * 8 + 7}};
    unsigned char packed[8 * SSIM_RESULTS_MAX_COLS];
    size_t n = 0;
    for (size_t i = 0; i < r->n_hash_ops; i++) {
        const struct ssim_results_hash_op *op = &r->hash_op[i];
        const void *v = row->col[op->col];
        switch (op->kind) {
        case 0: /* a folded scalar not stored per trial packs as zeros */
            if (v)
                memcpy(packed + n, v, op->bytes);
            else
                memset(packed + n, 0, op->bytes);
            n += op->bytes;
            break;
        case 1:
            absorb(lane, packed, n);
            n = 0;
            break;
        default:
            if (v)
                absorb(lane, v, op->bytes);
            break;
        }
    }
    return lanes_mix(lane, 0x5345435452534d32ull); /* "SECTRSM2" */
}

/* The hash of block b's folded sums (lean storage), as a row's. */
static uint64_t fold_hash(const ssim_results_t *r, uint64_t b)
{
    lanes2_t lane[4] = {
        {b * 8, b * 8 + 1}, {b * 8 + 2, b * 8 + 3}, {b * 8 + 4, b * 8 + 5}, {b * 8 + 6, b * 8 + 7}};
    absorb(lane, &r->fold[b * r->fold_width], r->fold_width * sizeof(double));
    return lanes_mix(lane, 0x53454354464f4c44ull); /* "SECTFOLD" */
}

uint64_t ssim_results_hash_trials(ssim_results_t *r, uint64_t first, uint64_t n)
{
    uint64_t sum = 0;
    ssim_trial_row_t row;
    for (uint64_t t = first; t < first + n; t++) {
        ssim_results_row(r, t, NULL, &row);
        sum += ssim_results_row_hash(r, &row, t);
        if (r->fold && t % r->block == 0)
            sum += fold_hash(r, t / r->block);
    }
    return sum;
}

void ssim_results_hash(ssim_results_t *r)
{
    r->verification = ssim_results_hash_trials(r, 0, r->n_trials);
}
