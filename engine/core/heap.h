/* core/heap — a binary min-heap of timed events for event-driven trials.
 *
 * Events are ordered by (time, seq): seq is assigned at push from a counter,
 * so events at equal times pop in push order and a trial's event order is a
 * pure function of its inputs.  Push and pop are O(log n).  The array grows
 * geometrically when full (rare; capacity is kept across trials).
 */
#ifndef SSIM_CORE_HEAP_H
#define SSIM_CORE_HEAP_H

#include "core/status.h"

#include <stddef.h>
#include <stdint.h>

typedef struct {
    double t;      /* hours */
    uint32_t seq;  /* tie-breaker: push order */
    uint16_t type; /* event kind, model-defined */
    uint16_t aux;  /* model-defined */
    int32_t a;     /* model-defined (an entity index) */
    uint32_t b;    /* model-defined (e.g. a generation stamp) */
} ssim_event_t;

typedef struct {
    ssim_event_t *ev; /* length cap */
    size_t n, cap;
    uint32_t next_seq;
} ssim_heap_t;

ssim_status_t ssim_heap_init(ssim_heap_t *h, size_t cap);
void ssim_heap_destroy(ssim_heap_t *h);

/* Empty the heap and restart the sequence counter (O(1)). */
void ssim_heap_clear(ssim_heap_t *h);

/* Push an event (seq is assigned here).  Returns SSIM_ENOMEM when growing
 * fails (no message is raised: callers in parallel code report it later). */
ssim_status_t ssim_heap_push(ssim_heap_t *h, double t, uint16_t type, uint16_t aux, int32_t a,
                             uint32_t b);

/* Pop the earliest event into *out; returns 0 when empty. */
int ssim_heap_pop(ssim_heap_t *h, ssim_event_t *out);

#endif
