/* results/part — see part.h. */
#include "results/part.h"

#include "results/internal.h"

#include "core/alloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

char *ssim_results_layout(const ssim_results_t *r)
{
    size_t cap = 256 + r->n_cols * 96, len = 0;
    char *s = ssim_malloc(cap, 1, "results layout");
    if (!s)
        return NULL;
    len += (size_t)snprintf(s + len, cap - len, "trials=%llu block=%llu operators=%zu fold=%zu",
                            (unsigned long long)r->n_trials, (unsigned long long)r->block,
                            r->ops.n_compromised ? r->n_operators : 0, r->fold ? r->fold_width : 0);
    for (size_t c = 0; c < r->n_cols && len < cap; c++)
        if (r->slot[c].stride)
            len += (size_t)snprintf(s + len, cap - len, " %s:%zux%zu", r->col[c].def->name,
                                    ssim_col_type_size(r->col[c].def->type), r->col[c].width);
    return s;
}

/* Trials [t0, t1) of blocks [first, end). */
static void trial_range(const ssim_results_t *r, uint64_t first, uint64_t end, uint64_t *t0,
                        uint64_t *t1)
{
    *t0 = first * r->block < r->n_trials ? first * r->block : r->n_trials;
    *t1 = end * r->block < r->n_trials ? end * r->block : r->n_trials;
}

/* p's arrays (sizes, names) for r's range; data left NULL. */
ssim_status_t ssim_results_part_shape(const ssim_results_t *r, uint64_t first, uint64_t end,
                                      ssim_results_part_t *p)
{
    memset(p, 0, sizeof *p);
    uint64_t t0, t1;
    trial_range(r, first, end, &t0, &t1);
    p->first = first;
    p->end = end;
    if (!(p->layout = ssim_results_layout(r)))
        return SSIM_ENOMEM;
    for (size_t c = 0; c < r->n_cols; c++) {
        if (!r->slot[c].stride)
            continue;
        ssim_part_array_t *a = &p->array[p->n_arrays++];
        snprintf(a->name, sizeof a->name, "%s", r->col[c].def->name);
        a->elem = ssim_col_type_size(r->col[c].def->type);
        a->n = (size_t)(t1 - t0) * r->col[c].width;
    }
    if (r->fold) {
        ssim_part_array_t *a = &p->array[p->n_arrays++];
        snprintf(a->name, sizeof a->name, "fold");
        a->elem = sizeof(double);
        a->n = (size_t)(end - first) * r->fold_width;
    }
    p->n_operators = r->ops.n_compromised ? r->n_operators : 0;
    return SSIM_OK;
}

void *ssim_results_part_place(const ssim_results_t *r, uint64_t first, uint64_t end, size_t i)
{
    uint64_t t0, t1;
    trial_range(r, first, end, &t0, &t1);
    size_t k = 0;
    for (size_t c = 0; c < r->n_cols; c++)
        if (r->slot[c].stride && k++ == i)
            return r->slot[c].base + t0 * r->slot[c].stride;
    return r->fold + first * r->fold_width;
}

ssim_status_t ssim_results_part_take(const ssim_results_t *r, uint64_t first, uint64_t end,
                                     ssim_results_part_t *p)
{
    ssim_status_t st = ssim_results_part_shape(r, first, end, p);
    for (size_t i = 0; st == SSIM_OK && i < p->n_arrays; i++) {
        ssim_part_array_t *a = &p->array[i];
        if (!(a->data = ssim_malloc(a->n + 1, a->elem, a->name)))
            st = SSIM_ENOMEM;
        else
            memcpy(a->data, ssim_results_part_place(r, p->first, p->end, i), a->n * a->elem);
    }
    size_t O = p->n_operators;
    if (st == SSIM_OK && O) {
        p->op_compromised = ssim_malloc(O, sizeof *p->op_compromised, "operator counts");
        p->op_out = ssim_malloc(O, sizeof *p->op_out, "operator counts");
        p->op_outage_ms = ssim_malloc(O, sizeof *p->op_outage_ms, "operator outage sums");
        if (!p->op_compromised || !p->op_out || !p->op_outage_ms)
            st = SSIM_ENOMEM;
        else {
            memcpy(p->op_compromised, r->ops.n_compromised, O * sizeof *p->op_compromised);
            memcpy(p->op_out, r->ops.n_out, O * sizeof *p->op_out);
            memcpy(p->op_outage_ms, r->ops.outage_ms, O * sizeof *p->op_outage_ms);
        }
    }
    size_t E = r->n_event_rows;
    if (st == SSIM_OK && E) {
        if (!(p->events.rec = ssim_malloc(E, sizeof *p->events.rec, "event rows")))
            st = SSIM_ENOMEM;
        for (size_t k = 0; st == SSIM_OK && k < E; k++)
            p->events.rec[k] = (ssim_event_rec_t){r->ev_trial[k], r->ev_time[k], r->ev_source[k],
                                                  r->ev_target[k], r->ev_kind[k]};
        p->events.n = p->events.cap = st == SSIM_OK ? E : 0;
    }
    if (st != SSIM_OK)
        ssim_results_part_destroy(p);
    return st;
}

ssim_status_t ssim_results_part_put(ssim_results_t *r, const ssim_results_part_t *p,
                                    const char *what)
{
    char *layout = ssim_results_layout(r);
    if (!layout)
        return SSIM_ENOMEM;
    int same = strcmp(layout, p->layout) == 0;
    free(layout);
    uint64_t nb = ssim_results_n_blocks(r->n_trials, r->block);
    if (!same)
        return ssim_error(SSIM_EINVAL, SSIM_LOC_NONE,
                          "%s: its results do not have the layout of this run's (another "
                          "scenario, trial count or version made it)",
                          what);
    if (p->first > p->end || p->end > nb)
        return ssim_error(
            SSIM_EINVAL, SSIM_LOC_NONE, "%s: blocks %llu-%llu are outside the run's %llu blocks",
            what, (unsigned long long)p->first, (unsigned long long)p->end, (unsigned long long)nb);
    ssim_results_part_t want;
    ssim_status_t st = ssim_results_part_shape(r, p->first, p->end, &want);
    int fits = st == SSIM_OK && want.n_arrays == p->n_arrays &&
               (!p->op_compromised || want.n_operators == p->n_operators);
    for (size_t i = 0; fits && i < p->n_arrays; i++)
        fits = want.array[i].n == p->array[i].n && want.array[i].elem == p->array[i].elem &&
               strcmp(want.array[i].name, p->array[i].name) == 0;
    ssim_results_part_destroy(&want);
    if (st != SSIM_OK)
        return st;
    if (!fits)
        return ssim_error(SSIM_EINVAL, SSIM_LOC_NONE,
                          "%s: its arrays do not have the sizes of blocks %llu-%llu", what,
                          (unsigned long long)p->first, (unsigned long long)p->end);
    for (size_t i = 0; i < p->n_arrays; i++)
        memcpy(ssim_results_part_place(r, p->first, p->end, i), p->array[i].data,
               p->array[i].n * p->array[i].elem);
    for (size_t o = 0; p->op_compromised && o < p->n_operators; o++) {
        r->ops.n_compromised[o] += p->op_compromised[o];
        r->ops.n_out[o] += p->op_out[o];
        r->ops.outage_ms[o] += p->op_outage_ms[o];
    }
    if (p->events.n) {
        ssim_event_log_t log = p->events; /* shallow: set_events only reads it */
        st = ssim_results_add_events(r, &log, 1);
    }
    return st;
}

void ssim_results_part_destroy(ssim_results_part_t *p)
{
    if (!p)
        return;
    free(p->layout);
    for (size_t i = 0; i < p->n_arrays; i++)
        free(p->array[i].data);
    free(p->op_compromised);
    free(p->op_out);
    free(p->op_outage_ms);
    ssim_event_log_destroy(&p->events);
    memset(p, 0, sizeof *p);
}
