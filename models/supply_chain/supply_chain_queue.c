/* models/supply_chain/supply_chain_queue.c — the trial's event queue: a calendar of time
 * buckets; the current bucket is served from three sorted sources.
 *
 * Order: exactly that of core/heap, ascending (time, seq), seq = push order,
 * so results do not depend on which of the two runs a trial (core/heap stays
 * the simple reference).  Why not core/heap: a trial on a large network holds
 * O(operators) pending events (a release schedules every customer's install,
 * a big provider going down every dependant's trigger, at once), and a binary
 * heap of that size costs ~log2(n) cache misses per pop.
 *
 * How: [0, horizon) is cut into n_buckets equal buckets.  An event of a later
 * bucket than the current one is linked into that bucket's list (O(1)).  The
 * events of the current bucket (and any event pushed earlier than it: never
 * the case for non-negative delays, but allowed) are in one of
 *   run    the bucket's events when it became current, sorted (a natural
 *          merge sort: O(m log r) for m events in r ascending runs, and the
 *          mass pushes of one release or one provider are long runs);
 *   fifo   events pushed since, while each was no earlier (in (t, seq))
 *          than the one before (the common case: a cascade at the current
 *          instant);
 *   heap   the other events pushed since (4-ary, 16-byte keys).
 * A pop takes the earliest of the three heads; when all three are empty the
 * next non-empty bucket (found in a bitmap) is loaded.  Exact: bucket_of() is
 * non-decreasing in t, so every event of the current bucket is earlier than
 * every event of a later one, and each source is ordered by (t, seq).
 *
 * Cost: push O(1) (O(log h) into a heap of h events); pop O(1) amortised
 * plus the sort; a trial also scans the bitmap once, n_buckets / 64 words.
 * Memory: 24 bytes per pending event (payload slots are recycled), 16 per
 * event of the current bucket, twice over for the sort; 4 bytes per bucket.
 */
#include "models/supply_chain/supply_chain.h"

#include "core/alloc.h"

#include <stdlib.h>
#include <string.h>

enum { ARITY = 4, LINE = 64 };
#define NONE UINT32_MAX

static inline int key_before(const ssim_sc_qkey_t *x, const ssim_sc_qkey_t *y)
{
    return x->t < y->t || (x->t == y->t && x->seq < y->seq);
}

/* The bucket of time t: non-decreasing in t, 0 .. n_buckets - 1. */
static inline size_t bucket_of(const ssim_sc_queue_t *q, double t)
{
    if (!(t > 0))
        return 0;
    double x = t * q->per_hour;
    return x >= (double)(q->n_buckets - 1) ? q->n_buckets - 1 : (size_t)x;
}

/* Grow *p (length *cap) to at least need keys, keeping its contents. */
static int grow_keys(ssim_sc_qkey_t **p, size_t *cap, size_t need, const char *what)
{
    if (need <= *cap)
        return 1;
    size_t cap2 = *cap ? *cap : 1024;
    while (cap2 < need)
        cap2 *= 2;
    ssim_sc_qkey_t *bigger = ssim_realloc(*p, cap2, sizeof *bigger, what);
    if (!bigger)
        return 0;
    *p = bigger;
    *cap = cap2;
    return 1;
}

/* (Re)allocate the heap for cap keys, keeping the n in use: key[1] is 64-byte
 * aligned, so that the siblings 4i+1 .. 4i+4 share a cache line. */
static int heap_alloc(ssim_sc_queue_t *q, size_t cap)
{
    void *mem =
        ssim_malloc(cap + LINE / sizeof(ssim_sc_qkey_t) + 1, sizeof(ssim_sc_qkey_t), "event queue");
    if (!mem)
        return 0;
    uintptr_t first = ((uintptr_t)mem + sizeof(ssim_sc_qkey_t) + LINE - 1) & ~(uintptr_t)(LINE - 1);
    ssim_sc_qkey_t *key = (ssim_sc_qkey_t *)first - 1;
    if (q->n)
        memcpy(key, q->key, q->n * sizeof *key);
    free(q->key_mem);
    q->key_mem = mem;
    q->key = key;
    q->cap = cap;
    return 1;
}

ssim_status_t ssim_sc_queue_init(ssim_sc_queue_t *q, size_t n_buckets, double horizon)
{
    memset(q, 0, sizeof *q);
    size_t nb = 64;
    while (nb < n_buckets && nb < ((size_t)1 << 30))
        nb *= 2;
    q->n_buckets = nb;
    q->per_hour = horizon > 0 ? (double)nb / horizon : 0.0;
    q->head = ssim_malloc(nb, sizeof *q->head, "event calendar");
    q->nonempty = ssim_calloc(nb / 64, sizeof *q->nonempty, "event calendar");
    q->item_cap = 4096;
    q->item = ssim_malloc(q->item_cap, sizeof *q->item, "event payloads");
    q->free_slot = NONE;
    int ok = q->head && q->nonempty && q->item && heap_alloc(q, 1024);
    ok = ok && grow_keys(&q->run, &q->run_cap, 1024, "event queue") &&
         grow_keys(&q->scratch, &q->scratch_cap, 1024, "event queue") &&
         grow_keys(&q->fifo, &q->fifo_cap, 1024, "event queue");
    return ok ? SSIM_OK : SSIM_ENOMEM;
}

void ssim_sc_queue_destroy(ssim_sc_queue_t *q)
{
    if (!q)
        return;
    free(q->key_mem);
    free(q->run);
    free(q->scratch);
    free(q->fifo);
    free(q->head);
    free(q->nonempty);
    free(q->item);
    memset(q, 0, sizeof *q);
}

void ssim_sc_queue_clear(ssim_sc_queue_t *q)
{
    if (q->n_later) /* a trial that stopped early: O(n_buckets / 64) */
        memset(q->nonempty, 0, q->n_buckets / 64 * sizeof *q->nonempty);
    q->n_later = 0;
    q->cur = 0;
    q->n = 0;
    q->run_pos = q->run_len = 0;
    q->fifo_pos = q->fifo_len = 0;
    q->n_items = 0;
    q->free_slot = NONE;
    q->next_seq = 0;
}

/* ------------------------------------------------------------ 4-ary heap */

/* Put k at position i of the heap and move it down to its place. */
static void sift_down(ssim_sc_queue_t *q, size_t i, ssim_sc_qkey_t k)
{
    size_t n = q->n;
    for (;;) {
        size_t c = ARITY * i + 1;
        if (c >= n)
            break;
        size_t best = c, end = c + ARITY < n ? c + ARITY : n;
        for (size_t j = c + 1; j < end; j++)
            if (key_before(&q->key[j], &q->key[best]))
                best = j;
        if (!key_before(&q->key[best], &k))
            break;
        q->key[i] = q->key[best];
        i = best;
    }
    q->key[i] = k;
}

static int heap_insert(ssim_sc_queue_t *q, ssim_sc_qkey_t k)
{
    if (q->n == q->cap && !heap_alloc(q, 2 * q->cap))
        return 0;
    size_t i = q->n++;
    while (i > 0) {
        size_t parent = (i - 1) / ARITY;
        if (!key_before(&k, &q->key[parent]))
            break;
        q->key[i] = q->key[parent];
        i = parent;
    }
    q->key[i] = k;
    return 1;
}

/* ------------------------------------------------------------------ push */

uint32_t ssim_sc_queue_take_seqs(ssim_sc_queue_t *q, uint32_t count)
{
    uint32_t first = q->next_seq;
    if (count > NONE - 1 - first)
        return NONE; /* 2^32 - 1 events in one trial */
    q->next_seq += count;
    return first;
}

ssim_status_t ssim_sc_queue_push(ssim_sc_queue_t *q, double t, int type, int32_t a, uint32_t b)
{
    uint32_t seq = ssim_sc_queue_take_seqs(q, 1);
    return seq == NONE ? SSIM_ENOMEM : ssim_sc_queue_push_keyed(q, t, seq, type, a, b);
}

ssim_status_t ssim_sc_queue_push_keyed(ssim_sc_queue_t *q, double t, uint32_t seq, int type,
                                       int32_t a, uint32_t b)
{
    uint32_t slot = q->free_slot;
    if (slot != NONE) {
        q->free_slot = q->item[slot].next;
    } else {
        if (q->n_items == q->item_cap) {
            ssim_sc_qitem_t *bigger =
                ssim_realloc(q->item, 2 * q->item_cap, sizeof *bigger, "event payloads");
            if (!bigger)
                return SSIM_ENOMEM;
            q->item = bigger;
            q->item_cap *= 2;
        }
        slot = (uint32_t)q->n_items++;
    }
    ssim_sc_qitem_t *it = &q->item[slot];
    *it = (ssim_sc_qitem_t){.t = t, .a = a, .b = b, .seq = seq, .type = (uint8_t)type};
    size_t k = bucket_of(q, t);
    if (k <= q->cur) {
        ssim_sc_qkey_t key = {t, seq, slot};
        if (q->fifo_pos == q->fifo_len) /* drained: start over */
            q->fifo_pos = q->fifo_len = 0;
        if (q->fifo_pos == q->fifo_len || !key_before(&key, &q->fifo[q->fifo_len - 1])) {
            if (!grow_keys(&q->fifo, &q->fifo_cap, q->fifo_len + 1, "event queue"))
                return SSIM_ENOMEM;
            q->fifo[q->fifo_len++] = key;
            return SSIM_OK;
        }
        return heap_insert(q, key) ? SSIM_OK : SSIM_ENOMEM;
    }
    uint64_t bit = (uint64_t)1 << (k % 64);
    if (q->nonempty[k / 64] & bit) {
        it->next = q->head[k];
    } else {
        it->next = NONE;
        q->nonempty[k / 64] |= bit;
    }
    q->head[k] = slot;
    q->n_later++;
    return SSIM_OK;
}

/* ------------------------------------------------------------------- pop */

/* End of the ascending run of a[0 .. n) that starts at i. */
static size_t run_end(const ssim_sc_qkey_t *a, size_t i, size_t n)
{
    for (i++; i < n && !key_before(&a[i], &a[i - 1]); i++)
        ;
    return i;
}

/* Sort q->run[0 .. run_len) by (t, seq): natural merge sort through
 * q->scratch (the two buffers swap roles; both hold run_len keys). */
static void sort_run(ssim_sc_queue_t *q)
{
    size_t n = q->run_len;
    while (run_end(q->run, 0, n) < n) {
        ssim_sc_qkey_t *a = q->run, *out = q->scratch;
        for (size_t i = 0; i < n;) {
            size_t mid = run_end(a, i, n), end = mid < n ? run_end(a, mid, n) : n;
            size_t x = i, y = mid, o = i;
            while (x < mid && y < end)
                out[o++] = key_before(&a[y], &a[x]) ? a[y++] : a[x++];
            while (x < mid)
                out[o++] = a[x++];
            while (y < end)
                out[o++] = a[y++];
            i = end;
        }
        size_t cap = q->scratch_cap;
        q->scratch = q->run;
        q->scratch_cap = q->run_cap;
        q->run = out;
        q->run_cap = cap;
    }
}

/* Every source of the current bucket is empty and events wait in later
 * buckets: make the first non-empty one current, its events the run. */
static int load_next_bucket(ssim_sc_queue_t *q)
{
    size_t w = (q->cur + 1) / 64;
    uint64_t word = q->nonempty[w] & (~(uint64_t)0 << ((q->cur + 1) % 64));
    while (!word)
        word = q->nonempty[++w];
    size_t k = w * 64 + (size_t)__builtin_ctzll(word);
    q->nonempty[w] &= ~((uint64_t)1 << (k % 64));
    q->cur = k;
    q->run_pos = q->run_len = 0;
    for (uint32_t s = q->head[k]; s != NONE; s = q->item[s].next) { /* newest first */
        if (q->run_len == q->run_cap &&
            (!grow_keys(&q->run, &q->run_cap, q->run_len + 1, "event queue")))
            return 0;
        q->run[q->run_len++] = (ssim_sc_qkey_t){q->item[s].t, q->item[s].seq, s};
    }
    q->n_later -= q->run_len;
    for (size_t i = 0, j = q->run_len; i + 1 < j; i++, j--) { /* into push order */
        ssim_sc_qkey_t tmp = q->run[i];
        q->run[i] = q->run[j - 1];
        q->run[j - 1] = tmp;
    }
    if (!grow_keys(&q->scratch, &q->scratch_cap, q->run_cap, "event queue"))
        return 0;
    sort_run(q);
    return 1;
}

int ssim_sc_queue_pop(ssim_sc_queue_t *q, ssim_event_t *out)
{
    int has_run = q->run_pos < q->run_len, has_fifo = q->fifo_pos < q->fifo_len;
    if (!has_run && !has_fifo && q->n == 0) {
        if (q->n_later == 0)
            return 0;
        if (!load_next_bucket(q))
            return -1;
        has_run = 1;
    }
    /* the earliest of the three heads */
    const ssim_sc_qkey_t *best = has_run ? &q->run[q->run_pos] : NULL;
    int from = 0;
    if (has_fifo && (!best || key_before(&q->fifo[q->fifo_pos], best))) {
        best = &q->fifo[q->fifo_pos];
        from = 1;
    }
    if (q->n > 0 && (!best || key_before(&q->key[0], best))) {
        best = &q->key[0];
        from = 2;
    }
    ssim_sc_qkey_t top = *best;
    if (from == 0)
        q->run_pos++;
    else if (from == 1)
        q->fifo_pos++;
    else if (--q->n > 0)
        sift_down(q, 0, q->key[q->n]);
    ssim_sc_qitem_t *it = &q->item[top.slot];
    *out = (ssim_event_t){.t = top.t, .seq = top.seq, .type = it->type, .a = it->a, .b = it->b};
    it->next = q->free_slot; /* recycle the payload slot */
    q->free_slot = top.slot;
    return 1;
}
