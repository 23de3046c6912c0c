#include "core/heap.h"

#include "core/alloc.h"

#include <stdlib.h>

static int before(const ssim_event_t *x, const ssim_event_t *y)
{
    return x->t < y->t || (x->t == y->t && x->seq < y->seq);
}

ssim_status_t ssim_heap_init(ssim_heap_t *h, size_t cap)
{
    h->cap = cap < 16 ? 16 : cap;
    h->n = 0;
    h->next_seq = 0;
    h->ev = ssim_malloc(h->cap, sizeof *h->ev, "event heap");
    return h->ev ? SSIM_OK : SSIM_ENOMEM;
}

void ssim_heap_destroy(ssim_heap_t *h)
{
    if (!h)
        return;
    free(h->ev);
    h->ev = NULL;
    h->n = h->cap = 0;
}

void ssim_heap_clear(ssim_heap_t *h)
{
    h->n = 0;
    h->next_seq = 0;
}

ssim_status_t ssim_heap_push(ssim_heap_t *h, double t, uint16_t type, uint16_t aux, int32_t a,
                             uint32_t b)
{
    if (h->n == h->cap) {
        ssim_event_t *bigger = realloc(h->ev, 2 * h->cap * sizeof *h->ev);
        if (!bigger)
            return SSIM_ENOMEM;
        h->ev = bigger;
        h->cap *= 2;
    }
    ssim_event_t e = {t, h->next_seq++, type, aux, a, b};
    size_t i = h->n++;
    while (i > 0) {
        size_t parent = (i - 1) / 2;
        if (!before(&e, &h->ev[parent]))
            break;
        h->ev[i] = h->ev[parent];
        i = parent;
    }
    h->ev[i] = e;
    return SSIM_OK;
}

int ssim_heap_pop(ssim_heap_t *h, ssim_event_t *out)
{
    if (h->n == 0)
        return 0;
    *out = h->ev[0];
    ssim_event_t last = h->ev[--h->n];
    size_t i = 0, n = h->n;
    for (;;) {
        size_t c = 2 * i + 1;
        if (c >= n)
            break;
        if (c + 1 < n && before(&h->ev[c + 1], &h->ev[c]))
            c++;
        if (!before(&h->ev[c], &last))
            break;
        h->ev[i] = h->ev[c];
        i = c;
    }
    if (n > 0)
        h->ev[i] = last;
    return 1;
}
