/* results/events — the per-thread event logs and their merge into the
 * event table (output.events; results.h). */
#include "results/internal.h"

#include "core/alloc.h"

#include <stdlib.h>
#include <string.h>

void ssim_event_log_add(ssim_event_log_t *log, uint64_t trial, double time, int kind,
                        int32_t source, int32_t target)
{
    if (log->failed)
        return;
    if (log->n == log->cap) {
        size_t cap = log->cap ? 2 * log->cap : 1024;
        ssim_event_rec_t *bigger = realloc(log->rec, cap * sizeof *bigger);
        if (!bigger) {
            log->failed = 1;
            return;
        }
        log->rec = bigger;
        log->cap = cap;
    }
    log->rec[log->n++] = (ssim_event_rec_t){trial, time, source, target, (int8_t)kind};
}

void ssim_event_log_destroy(ssim_event_log_t *log)
{
    if (!log)
        return;
    free(log->rec);
    memset(log, 0, sizeof *log);
}

static void free_events(ssim_results_t *r)
{
    free(r->ev_trial);
    free(r->ev_time);
    free(r->ev_kind);
    free(r->ev_source);
    free(r->ev_target);
    r->ev_trial = NULL;
    r->ev_time = NULL;
    r->ev_kind = NULL;
    r->ev_source = r->ev_target = NULL;
    r->n_event_rows = 0;
}

ssim_status_t ssim_results_set_events(ssim_results_t *r, ssim_event_log_t *logs, size_t n_logs)
{
    free_events(r);
    size_t total = 0;
    for (size_t i = 0; i < n_logs; i++) {
        if (logs[i].failed)
            return ssim_error(SSIM_ENOMEM, SSIM_LOC_NONE, "out of memory growing the event table");
        total += logs[i].n;
    }
    size_t *pos = ssim_calloc(n_logs + 1, sizeof *pos, "event merge");
    int ok = pos != NULL;
#define ALLOC(field) ok &= (r->field = ssim_malloc(total + 1, sizeof *r->field, #field)) != NULL
    ALLOC(ev_trial);
    ALLOC(ev_time);
    ALLOC(ev_kind);
    ALLOC(ev_source);
    ALLOC(ev_target);
#undef ALLOC
    if (!ok) {
        free(pos);
        free_events(r);
        return SSIM_ENOMEM;
    }
    /* k-way merge by trial: each log is already in trial order, and a trial's
     * rows all sit in one log. */
    for (size_t k = 0; k < total; k++) {
        size_t best = n_logs;
        for (size_t i = 0; i < n_logs; i++)
            if (pos[i] < logs[i].n &&
                (best == n_logs || logs[i].rec[pos[i]].trial < logs[best].rec[pos[best]].trial))
                best = i;
        const ssim_event_rec_t *e = &logs[best].rec[pos[best]++];
        r->ev_trial[k] = e->trial;
        r->ev_time[k] = e->time;
        r->ev_kind[k] = e->kind;
        r->ev_source[k] = e->source;
        r->ev_target[k] = e->target;
    }
    r->n_event_rows = total;
    free(pos);
    return SSIM_OK;
}

ssim_status_t ssim_results_add_events(ssim_results_t *r, ssim_event_log_t *logs, size_t n_logs)
{
    size_t have = r->n_event_rows;
    if (!have)
        return ssim_results_set_events(r, logs, n_logs);
    /* the rows held: one more log (already in trial order) */
    ssim_event_log_t *all = ssim_calloc(n_logs + 1, sizeof *all, "event merge");
    ssim_event_rec_t *rec = ssim_malloc(have, sizeof *rec, "event merge");
    if (!all || !rec) {
        free(all);
        free(rec);
        return SSIM_ENOMEM;
    }
    for (size_t k = 0; k < have; k++)
        rec[k] = (ssim_event_rec_t){r->ev_trial[k], r->ev_time[k], r->ev_source[k], r->ev_target[k],
                                    r->ev_kind[k]};
    all[0] = (ssim_event_log_t){rec, have, have, 0};
    for (size_t i = 0; i < n_logs; i++)
        all[i + 1] = logs[i];
    ssim_status_t st = ssim_results_set_events(r, all, n_logs + 1);
    free(rec);
    free(all);
    return st;
}
