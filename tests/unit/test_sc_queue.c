/* The supply-chain model's event queue (models/supply_chain/supply_chain_queue.c) against
 * its reference, core/heap: the same pushes give the same pops, in the same
 * (time, push order), with the same payloads.  Random rounds mix what a trial
 * does: a mass push at t = 0 (a release scheduling every install), pushes at
 * the current instant (a cascade), small and large delays, a push slightly
 * before the current time, later mass pushes (a provider's dependants), and
 * queues reused across trials with ssim_sc_queue_clear.  Bucket counts from 1 to
 * 5000 cover one bucket for everything and nearly one bucket per event. */
#include "check.h"

#include "core/heap.h"
#include "models/supply_chain/supply_chain.h"

#include <math.h>
#include <stdint.h>

enum { ROUNDS = 120, TRIALS = 3, MAX_POPS = 20000 };

/* splitmix64: a fixed, portable sequence for the test's choices. */
static uint64_t next_u64(uint64_t *s)
{
    uint64_t z = (*s += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

static double uniform(uint64_t *s) { return (double)(next_u64(s) >> 11) * 0x1.0p-53; }

static int pick(uint64_t *s, int n) { return (int)(next_u64(s) % (uint64_t)n); }

/* Push the same event to both; 0 when either failed. */
static int push_both(ssim_heap_t *h, ssim_sc_queue_t *q, double t, int type, int32_t a, uint32_t b)
{
    return ssim_heap_push(h, t, (uint16_t)type, 0, a, b) == SSIM_OK &&
           ssim_sc_queue_push(q, t, type, a, b) == SSIM_OK;
}

/* The delay of a follow-up event: zero, whole hours, slightly negative, or any. */
static double delay(uint64_t *s)
{
    switch (pick(s, 6)) {
    case 0:
        return 0;
    case 1:
        return floor(uniform(s) * 5);
    case 2:
        return -1e-9;
    default:
        return uniform(s) * 20;
    }
}

/* One trial: pop both until empty, pushing follow-ups; 0 at the first mismatch. */
static int run_trial(ssim_heap_t *h, ssim_sc_queue_t *q, double horizon, uint64_t *s)
{
    int n0 = 1 + pick(s, 2000);
    for (int i = 0; i < n0; i++) {
        double t = pick(s, 4) ? uniform(s) * horizon : floor(uniform(s) * 10);
        if (!push_both(h, q, t, 1, i, 0))
            return 0;
    }
    long pops = 0;
    for (;;) {
        ssim_event_t a, b;
        int got_a = ssim_heap_pop(h, &a), got_b = ssim_sc_queue_pop(q, &b);
        if (got_a != got_b)
            return 0;
        if (!got_a)
            return 1;
        pops++;
        if (a.t != b.t || a.seq != b.seq || a.type != b.type || a.a != b.a || a.b != b.b)
            return 0;
        for (int j = pick(s, 4); j > 0 && pops < MAX_POPS; j--) {
            double t = a.t + delay(s);
            if (t < horizon && !push_both(h, q, t, 2, (int32_t)pick(s, 1 << 30), 7))
                return 0;
        }
        if (pops < MAX_POPS && pick(s, 500) == 0) {
            double t = a.t + floor(uniform(s) * 3);
            for (int j = pick(s, 3000); j > 0 && t < horizon; j--)
                if (!push_both(h, q, t, 3, j, 1))
                    return 0;
        }
    }
}

int main(void)
{
    uint64_t s = 20261126;
    int bad_rounds = 0;
    for (int r = 0; r < ROUNDS; r++) {
        const double horizon = 100;
        ssim_sc_queue_t q;
        ssim_heap_t h;
        CHECK(ssim_sc_queue_init(&q, 1 + (size_t)pick(&s, 5000), horizon) == SSIM_OK);
        CHECK(ssim_heap_init(&h, 16) == SSIM_OK);
        for (int trial = 0; trial < TRIALS; trial++) {
            ssim_sc_queue_clear(&q);
            ssim_heap_clear(&h);
            if (!run_trial(&h, &q, horizon, &s)) {
                fprintf(stderr, "round %d trial %d: the queue and core/heap differ\n", r, trial);
                bad_rounds++;
                break;
            }
        }
        ssim_sc_queue_destroy(&q);
        ssim_heap_destroy(&h);
    }
    CHECK_EQ_INT(bad_rounds, 0);
    return check_report("test_sc_queue");
}
