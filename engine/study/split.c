/* study/split — see split.h. */
#include "study/split.h"

#include "core/alloc.h"
#include "core/log.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

void ssim_split_destroy(ssim_split_t *sp)
{
    if (!sp)
        return;
    for (size_t i = 0; i < sp->n_shards; i++)
        ssim_shard_meta_destroy(&sp->shard_meta[i]);
    free(sp->shard_meta);
    ssim_shard_meta_destroy(&sp->resume_meta);
    for (size_t k = 0; k < sp->n_kept; k++)
        ssim_results_part_destroy(&sp->kept[k]);
    free(sp->kept);
    sp->shard_meta = NULL;
    sp->kept = NULL;
    sp->n_kept = sp->n_shards = 0;
}

static ssim_status_t not_same(const char *file, const char *what)
{
    return ssim_error(SSIM_EINVAL, (ssim_loc_t){file, 0, 0},
                      "%s was made from other inputs, settings or sectorsim version than this "
                      "run's (its identity differs: the scenario, network, options, trials, "
                      "seed or version changed)",
                      what);
}

ssim_status_t ssim_split_set_identity(ssim_split_t *sp, const char *identity)
{
    if (!sp)
        return SSIM_OK;
    snprintf(sp->meta.identity, sizeof sp->meta.identity, "%s", identity);
    sp->identity_set = 1;
    for (size_t i = 0; sp->mode == SSIM_SPLIT_MERGE && i < sp->n_shards; i++)
        if (strcmp(sp->shard_meta[i].identity, identity) != 0)
            return not_same(sp->shards[i], "the shard");
    if (sp->resume && strcmp(sp->resume_meta.identity, identity) != 0)
        return not_same(sp->checkpoint_path, "the checkpoint");
    if (sp->mode == SSIM_SPLIT_MPI)
        return ssim_mpi_same_identity(identity);
    return SSIM_OK;
}

int ssim_split_writes_output(const ssim_split_t *sp)
{
    return !sp || sp->mode == SSIM_SPLIT_WHOLE || sp->mode == SSIM_SPLIT_MERGE ||
           (sp->mode == SSIM_SPLIT_MPI && sp->rank == 0);
}

/* Keep a copy of blocks [first, end) of res as object k's part (made in
 * `elapsed` seconds of trial loops). */
static ssim_status_t keep(ssim_split_t *sp, size_t k, const ssim_results_t *res, uint64_t first,
                          uint64_t end, double elapsed)
{
    if (k != sp->n_kept)
        return ssim_error(SSIM_EINTERNAL, SSIM_LOC_NONE, "split: object %zu kept after %zu", k,
                          sp->n_kept);
    ssim_results_part_t *more = realloc(sp->kept, (k + 1) * sizeof *more);
    if (!more)
        return ssim_error(SSIM_ENOMEM, SSIM_LOC_NONE, "out of memory");
    sp->kept = more;
    ssim_status_t st = ssim_results_part_take(res, first, end, &sp->kept[k]);
    sp->kept[k].elapsed = elapsed;
    if (st == SSIM_OK)
        sp->n_kept = k + 1;
    return st;
}

/* Write sp's kept parts, then (cur non-NULL) one more: blocks [first, done)
 * of cur, as a shard (checkpoint 0) or checkpoint file at path. */
static ssim_status_t write_file(ssim_split_t *sp, const char *path, int checkpoint,
                                const ssim_results_t *cur, uint64_t first, uint64_t done,
                                double elapsed)
{
    size_t n = sp->n_kept + (cur != NULL);
    ssim_results_part_t *parts = ssim_calloc(n + 1, sizeof *parts, "shard parts");
    if (!parts)
        return SSIM_ENOMEM;
    if (sp->n_kept)
        memcpy(parts, sp->kept, sp->n_kept * sizeof *parts); /* shallow */
    ssim_status_t st = cur ? ssim_results_part_take(cur, first, done, &parts[sp->n_kept]) : SSIM_OK;
    if (cur && st == SSIM_OK)
        parts[sp->n_kept].elapsed = elapsed;
    ssim_shard_meta_t meta = sp->meta;
    meta.checkpoint = checkpoint;
    if (st == SSIM_OK)
        st = ssim_h5_write_shard(path, &meta, parts, n);
    if (cur)
        ssim_results_part_destroy(&parts[sp->n_kept]);
    free(parts);
    return st;
}

ssim_status_t ssim_split_write_shard(ssim_split_t *sp, const char *path)
{
    return write_file(sp, path, 0, NULL, 0, 0, 0);
}

void ssim_split_done(ssim_split_t *sp)
{
    if (sp && sp->checkpoint_path && sp->mode != SSIM_SPLIT_MPI)
        (void)unlink(sp->checkpoint_path);
}

/* The checkpoint callback of the run (run.h): object sp->next - 1 is
 * running, from block `from`. */
typedef struct {
    ssim_split_t *sp;
    uint64_t from;
    double elapsed, start; /* seconds of trial loops before this run (resumed); its start */
} saver_t;

static ssim_status_t save_checkpoint(void *arg, const ssim_results_t *res, uint64_t done)
{
    saver_t *s = arg;
    ssim_status_t st = write_file(s->sp, s->sp->checkpoint_path, 1, res, s->from, done,
                                  s->elapsed + ssim_now() - s->start);
    if (st == SSIM_OK)
        ssim_info("checkpoint: %s (%llu of %llu blocks of run %zu)", s->sp->checkpoint_path,
                  (unsigned long long)(done - s->from), (unsigned long long)ssim_run_n_blocks(res),
                  s->sp->next);
    return st;
}

/* Events of the trials of blocks [first, end) of res (provenance). */
static uint64_t events_in(const ssim_results_t *res, uint64_t first, uint64_t end)
{
    const uint32_t *ev = ssim_results_u32(res, SSIM_COL_EVENTS);
    uint64_t t0 = first * res->block, t1 = end * res->block, n = 0;
    t1 = t1 < res->n_trials ? t1 : res->n_trials;
    for (uint64_t t = t0; ev && t < t1; t++)
        n += ev[t];
    return n;
}

/* Blocks [*first, *end) this process runs for an object of nb blocks. */
static void assigned(const ssim_split_t *sp, uint64_t nb, uint64_t *first, uint64_t *end)
{
    *first = 0;
    *end = nb;
    if (sp->mode == SSIM_SPLIT_PART) {
        *first = (sp->meta.part - 1) * nb / sp->meta.parts;
        *end = sp->meta.part * nb / sp->meta.parts;
    } else if (sp->mode == SSIM_SPLIT_MERGE)
        *end = 0;
}

/* Put object k's blocks from shard file `path` (blocks [first, end)). */
static ssim_status_t load(ssim_results_t *res, const char *path, size_t k, uint64_t first,
                          uint64_t end)
{
    ssim_results_part_t p;
    ssim_status_t st = ssim_results_part_shape(res, first, end, &p);
    if (st == SSIM_OK)
        st = ssim_h5_read_shard_part(path, k, &p);
    if (st == SSIM_OK) {
        char what[4200];
        snprintf(what, sizeof what, "%s (run %zu)", path, k);
        st = ssim_results_part_put(res, &p, what);
    }
    ssim_results_part_destroy(&p);
    return st;
}

/* MERGE: object k from every shard; the shards' ranges must tile [0, nb). */
static ssim_status_t merge(ssim_split_t *sp, size_t k, ssim_results_t *res, uint64_t nb)
{
    size_t n = sp->n_shards;
    size_t *order = ssim_calloc(n + 1, sizeof *order, "shard order");
    if (!order)
        return SSIM_ENOMEM;
    for (size_t i = 0; i < n; i++) { /* by first block: insertion sort (few shards) */
        size_t j = i;
        while (j > 0 && sp->shard_meta[order[j - 1]].first[k] > sp->shard_meta[i].first[k]) {
            order[j] = order[j - 1];
            j--;
        }
        order[j] = i;
    }
    ssim_status_t st = SSIM_OK;
    uint64_t at = 0;
    for (size_t i = 0; st == SSIM_OK && i < n; i++) {
        const ssim_shard_meta_t *m = &sp->shard_meta[order[i]];
        const char *path = sp->shards[order[i]];
        if (k >= m->n_parts)
            st = ssim_error(SSIM_EINVAL, (ssim_loc_t){path, 0, 0},
                            "holds %zu runs, the study makes more: another command made it",
                            m->n_parts);
        else if (m->first[k] == m->end[k])
            continue; /* an empty part (more parts than blocks) */
        else if (m->first[k] > at)
            st = ssim_error(SSIM_EINVAL, (ssim_loc_t){path, 0, 0},
                            "the shards are incomplete: blocks %llu-%llu of run %zu are in "
                            "none of them (is a part missing?)",
                            (unsigned long long)at, (unsigned long long)m->first[k], k);
        else if (m->first[k] < at)
            st = ssim_error(SSIM_EINVAL, (ssim_loc_t){path, 0, 0},
                            "overlaps another shard: blocks %llu-%llu of run %zu are in two "
                            "shards (the same part given twice?)",
                            (unsigned long long)m->first[k], (unsigned long long)at, k);
        else {
            st = load(res, path, k, m->first[k], m->end[k]);
            at = m->end[k];
        }
    }
    if (st == SSIM_OK && at != nb)
        st = ssim_error(SSIM_EINVAL, SSIM_LOC_NONE,
                        "the shards are incomplete: blocks %llu-%llu of run %zu are in none of "
                        "them (is a part missing?)",
                        (unsigned long long)at, (unsigned long long)nb, k);
    free(order);
    return st;
}

ssim_status_t ssim_split_run(ssim_split_t *sp, const ssim_model_type_t *model,
                             const ssim_model_ctx_t *ctx, ssim_results_t *res,
                             const ssim_run_opts_t *opts, ssim_run_stats_t *stats)
{
    if (!sp)
        return ssim_run_trials(model, ctx, res, opts, stats);
    size_t k = sp->next++;
    if (!sp->identity_set)
        return ssim_error(SSIM_EINTERNAL, SSIM_LOC_NONE, "split: a run before the identity");
    ssim_status_t st = ssim_run_prepare(model, ctx, res);
    if (st != SSIM_OK)
        return st;
    uint64_t nb = ssim_run_n_blocks(res), first, end;
    memset(stats, 0, sizeof *stats);
    stats->threads = opts->threads > 0 ? opts->threads : ssim_run_default_threads();
    if (sp->mode == SSIM_SPLIT_MERGE) {
        st = merge(sp, k, res, nb);
        for (size_t i = 0; i < sp->n_shards; i++)
            stats->elapsed += k < sp->shard_meta[i].n_parts ? sp->shard_meta[i].elapsed[k] : 0;
        stats->events = events_in(res, 0, nb);
        return st == SSIM_OK ? ssim_run_finish(res, opts->threads) : st;
    }
    if (sp->mode == SSIM_SPLIT_MPI) {
        double start = ssim_now();
        st = ssim_mpi_run(sp, model, ctx, res, opts, stats);
        stats->elapsed = ssim_now() - start;
        return st == SSIM_OK && sp->rank == 0 ? ssim_run_finish(res, opts->threads) : st;
    }
    assigned(sp, nb, &first, &end);
    uint64_t from = first;
    double before = 0; /* seconds of trial loops in the checkpoint */
    if (sp->resume && k < sp->resume_meta.n_parts) {
        uint64_t f = sp->resume_meta.first[k], e = sp->resume_meta.end[k];
        if (f != first || e > end)
            return ssim_error(SSIM_EINVAL, (ssim_loc_t){sp->checkpoint_path, 0, 0},
                              "holds blocks %llu-%llu of run %zu, outside this run's %llu-%llu "
                              "(another --part?)",
                              (unsigned long long)f, (unsigned long long)e, k,
                              (unsigned long long)first, (unsigned long long)end);
        if ((st = load(res, sp->checkpoint_path, k, f, e)) != SSIM_OK)
            return st;
        from = e;
        before = sp->resume_meta.elapsed[k];
        if (from > first)
            ssim_info("resumed run %zu from %s: %llu of %llu blocks done", k + 1,
                      sp->checkpoint_path, (unsigned long long)(from - first),
                      (unsigned long long)(end - first));
    }
    saver_t saver = {sp, first, before, ssim_now()};
    ssim_run_checkpoint_t cp = {sp->every, save_checkpoint, &saver};
    ssim_run_opts_t o = *opts;
    if (sp->checkpoint_path)
        o.checkpoint = &cp;
    st = ssim_run_part(model, ctx, res, from, end, &o, stats);
    stats->elapsed += before;
    stats->events = events_in(res, first, end);
    if (st == SSIM_OK && (sp->mode == SSIM_SPLIT_PART || (sp->checkpoint_path && !sp->one_run)))
        st = keep(sp, k, res, first, end, stats->elapsed);
    if (st == SSIM_OK && sp->mode == SSIM_SPLIT_WHOLE)
        st = ssim_run_finish(res, opts->threads);
    return st;
}

int ssim_mpi_launched(void)
{
    const char *n = getenv("OMPI_COMM_WORLD_SIZE"); /* Open MPI's mpirun */
    if (!n)
        n = getenv("PMI_SIZE"); /* MPICH's, Slurm's srun */
    return n && atoi(n) > 1;
}
