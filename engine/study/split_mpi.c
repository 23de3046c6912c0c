/* study/split_mpi — the MPI driver (split.h; docs/scale-out.md).
 *
 * Every rank loads the same job and runs blocks of each results object;
 * rank 0 hands the blocks out in chunks, one request at a time, between
 * chunks of its own (smaller ones, so a request waits little), and each
 * worker asks for its next chunk before it starts the current one.  When
 * the blocks are all handed out, every rank says whether it failed
 * (MPI_Allreduce), then the workers send rank 0 the rows and block sums of
 * each chunk they ran and their events, and the per-operator counts are
 * summed onto rank 0 (integers: any order gives the same sums).  Rank 0
 * then has exactly what one process would have had. */
#include "study/split.h"

#include "core/alloc.h"
#include "core/log.h"

#include <mpi.h>

#include <stdlib.h>
#include <string.h>

enum { TAG_REQ = 101, TAG_CHUNK, TAG_LIST, TAG_DATA };

ssim_status_t ssim_mpi_init(int *argc, char ***argv, int *rank, int *size)
{
    int provided = 0;
    if (MPI_Init_thread(argc, argv, MPI_THREAD_FUNNELED, &provided) != MPI_SUCCESS)
        return ssim_error(SSIM_EINTERNAL, SSIM_LOC_NONE, "MPI_Init_thread failed");
    MPI_Comm_rank(MPI_COMM_WORLD, rank);
    MPI_Comm_size(MPI_COMM_WORLD, size);
    return SSIM_OK;
}

void ssim_mpi_finalize(int ok)
{
    int up = 0;
    MPI_Initialized(&up);
    if (up && ok)
        MPI_Finalize();
}

ssim_status_t ssim_mpi_same_identity(const char *identity)
{
    char root[65];
    memcpy(root, identity, sizeof root);
    root[64] = '\0';
    MPI_Bcast(root, sizeof root, MPI_CHAR, 0, MPI_COMM_WORLD);
    int differs = strncmp(root, identity, 64) != 0, any = 0;
    MPI_Allreduce(&differs, &any, 1, MPI_INT, MPI_MAX, MPI_COMM_WORLD);
    if (any)
        return ssim_error(SSIM_EINVAL, SSIM_LOC_NONE,
                          "the MPI ranks loaded different inputs (their scenario, network or "
                          "sectorsim version differ): every rank must see the same files");
    return SSIM_OK;
}

/* Send or receive n bytes in pieces MPI's int counts can hold. */
static void send_bytes(const void *p, size_t n, int to)
{
    for (size_t at = 0; at < n; at += 1u << 30) {
        size_t k = n - at < (1u << 30) ? n - at : (1u << 30);
        MPI_Send((const char *)p + at, (int)k, MPI_BYTE, to, TAG_DATA, MPI_COMM_WORLD);
    }
}

static void recv_bytes(void *p, size_t n, int from)
{
    for (size_t at = 0; at < n; at += 1u << 30) {
        size_t k = n - at < (1u << 30) ? n - at : (1u << 30);
        MPI_Recv((char *)p + at, (int)k, MPI_BYTE, from, TAG_DATA, MPI_COMM_WORLD,
                 MPI_STATUS_IGNORE);
    }
}

/* The chunks this rank ran, as (first, end) pairs. */
typedef struct {
    uint64_t *v;
    size_t n, cap;
} chunks_t;

static int chunk_add(chunks_t *c, uint64_t first, uint64_t end)
{
    if (c->n + 2 > c->cap) {
        size_t cap = c->cap ? 2 * c->cap : 64;
        uint64_t *v = realloc(c->v, cap * sizeof *v);
        if (!v)
            return 0;
        c->v = v;
        c->cap = cap;
    }
    c->v[c->n++] = first;
    c->v[c->n++] = end;
    return 1;
}

/* Rank 0: answer every pending request; *next is the next block to hand
 * out, *left the workers still asking.  A failed rank 0 hands out nothing. */
static void serve(uint64_t *next, uint64_t nb, uint64_t chunk, int *left, int block_wait)
{
    for (;;) {
        int flag = 0;
        MPI_Status s;
        if (block_wait)
            MPI_Probe(MPI_ANY_SOURCE, TAG_REQ, MPI_COMM_WORLD, &s), flag = 1;
        else
            MPI_Iprobe(MPI_ANY_SOURCE, TAG_REQ, MPI_COMM_WORLD, &flag, &s);
        if (!flag)
            return;
        int leaving = 0;
        MPI_Recv(&leaving, 1, MPI_INT, s.MPI_SOURCE, TAG_REQ, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
        if (leaving) {
            (*left)--;
        } else {
            uint64_t a[2] = {*next, *next + chunk < nb ? *next + chunk : nb};
            *next = a[1];
            MPI_Send(a, 2, MPI_UINT64_T, s.MPI_SOURCE, TAG_CHUNK, MPI_COMM_WORLD);
            if (a[0] == a[1])
                (*left)--; /* told to stop */
        }
        if (block_wait)
            return;
    }
}

/* Run blocks [a[0], a[1]) and record them. */
static ssim_status_t run_chunk(const ssim_model_type_t *model, const ssim_model_ctx_t *ctx,
                               ssim_results_t *res, const ssim_run_opts_t *opts,
                               const uint64_t a[2], chunks_t *done, ssim_run_stats_t *stats)
{
    ssim_run_stats_t s = {0};
    ssim_status_t st = ssim_run_part(model, ctx, res, a[0], a[1], opts, &s);
    stats->elapsed += s.elapsed;
    stats->events += s.events;
    stats->threads = s.threads;
    if (st == SSIM_OK && !chunk_add(done, a[0], a[1]))
        st = ssim_error(SSIM_ENOMEM, SSIM_LOC_NONE, "out of memory");
    return st;
}

/* Rank 0's side of the hand-out: its own small chunks between answers. */
static ssim_status_t coordinate(const ssim_split_t *sp, const ssim_model_type_t *model,
                                const ssim_model_ctx_t *ctx, ssim_results_t *res,
                                const ssim_run_opts_t *opts, chunks_t *done,
                                ssim_run_stats_t *stats, uint64_t nb, uint64_t chunk)
{
    uint64_t next = 0, own = chunk / 4 ? chunk / 4 : 1;
    int left = sp->size - 1;
    ssim_status_t st = SSIM_OK;
    while (next < nb) {
        serve(&next, nb, chunk, &left, 0);
        if (next >= nb)
            break;
        uint64_t a[2] = {next, next + own < nb ? next + own : nb};
        next = a[1];
        if ((st = run_chunk(model, ctx, res, opts, a, done, stats)) != SSIM_OK) {
            next = nb; /* hand out nothing more */
            break;
        }
    }
    while (left > 0)
        serve(&next, nb, chunk, &left, 1);
    return st;
}

/* A worker: ask, then run each chunk with the next one already asked for. */
static ssim_status_t work(const ssim_model_type_t *model, const ssim_model_ctx_t *ctx,
                          ssim_results_t *res, const ssim_run_opts_t *opts, chunks_t *done,
                          ssim_run_stats_t *stats)
{
    int ask = 0;
    uint64_t cur[2], nxt[2];
    MPI_Send(&ask, 1, MPI_INT, 0, TAG_REQ, MPI_COMM_WORLD);
    MPI_Recv(cur, 2, MPI_UINT64_T, 0, TAG_CHUNK, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
    ssim_status_t st = SSIM_OK;
    while (cur[0] < cur[1]) {
        MPI_Request rq;
        MPI_Isend(&ask, 1, MPI_INT, 0, TAG_REQ, MPI_COMM_WORLD, &rq);
        if (st == SSIM_OK)
            st = run_chunk(model, ctx, res, opts, cur, done, stats);
        MPI_Wait(&rq, MPI_STATUS_IGNORE);
        MPI_Recv(nxt, 2, MPI_UINT64_T, 0, TAG_CHUNK, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
        if (st != SSIM_OK && nxt[0] < nxt[1]) {
            /* failed: take no more (the chunk just given is lost; the job fails) */
            int leave = 1;
            MPI_Send(&leave, 1, MPI_INT, 0, TAG_REQ, MPI_COMM_WORLD);
            break;
        }
        cur[0] = nxt[0];
        cur[1] = nxt[1];
    }
    return st;
}

/* Workers send their chunks' rows, block sums and events to rank 0, which
 * receives them in place (results/part.h): nothing is allocated on either
 * side but the event rows on rank 0, so the exchange cannot stop halfway. */
static ssim_status_t gather(const ssim_split_t *sp, ssim_results_t *res, const chunks_t *done)
{
    ssim_status_t st = SSIM_OK;
    if (sp->rank != 0) {
        uint64_t n = done->n, E = res->n_event_rows;
        MPI_Send(&n, 1, MPI_UINT64_T, 0, TAG_LIST, MPI_COMM_WORLD);
        send_bytes(done->v, n * sizeof *done->v, 0);
        for (size_t i = 0; i < n; i += 2) {
            ssim_results_part_t p;
            if (ssim_results_part_shape(res, done->v[i], done->v[i + 1], &p) != SSIM_OK)
                MPI_Abort(MPI_COMM_WORLD, 3); /* out of memory for a few names: give up */
            for (size_t a = 0; a < p.n_arrays; a++)
                send_bytes(ssim_results_part_place(res, p.first, p.end, a),
                           p.array[a].n * p.array[a].elem, 0);
            ssim_results_part_destroy(&p);
        }
        MPI_Send(&E, 1, MPI_UINT64_T, 0, TAG_LIST, MPI_COMM_WORLD);
        if (E) {
            send_bytes(res->ev_trial, E * sizeof *res->ev_trial, 0);
            send_bytes(res->ev_time, E * sizeof *res->ev_time, 0);
            send_bytes(res->ev_kind, E * sizeof *res->ev_kind, 0);
            send_bytes(res->ev_source, E * sizeof *res->ev_source, 0);
            send_bytes(res->ev_target, E * sizeof *res->ev_target, 0);
        }
        return SSIM_OK;
    }
    for (int r = 1; r < sp->size; r++) {
        uint64_t n = 0, E = 0;
        MPI_Recv(&n, 1, MPI_UINT64_T, r, TAG_LIST, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
        uint64_t *v = malloc((n + 1) * sizeof *v);
        if (!v)
            MPI_Abort(MPI_COMM_WORLD, 3);
        recv_bytes(v, n * sizeof *v, r);
        for (size_t i = 0; i < n; i += 2) {
            ssim_results_part_t p;
            if (ssim_results_part_shape(res, v[i], v[i + 1], &p) != SSIM_OK)
                MPI_Abort(MPI_COMM_WORLD, 3);
            for (size_t a = 0; a < p.n_arrays; a++)
                recv_bytes(ssim_results_part_place(res, p.first, p.end, a),
                           p.array[a].n * p.array[a].elem, r);
            ssim_results_part_destroy(&p);
        }
        free(v);
        MPI_Recv(&E, 1, MPI_UINT64_T, r, TAG_LIST, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
        if (!E)
            continue;
        ssim_event_log_t log = {ssim_malloc(E, sizeof(ssim_event_rec_t), "event rows"), E, E, 0};
        uint64_t *trial = malloc(E * sizeof *trial);
        double *time = malloc(E * sizeof *time);
        int8_t *kind = malloc(E);
        int32_t *source = malloc(E * sizeof *source), *target = malloc(E * sizeof *target);
        if (!log.rec || !trial || !time || !kind || !source || !target)
            MPI_Abort(MPI_COMM_WORLD, 3); /* the rows are on their way: cannot refuse them */
        recv_bytes(trial, E * sizeof *trial, r);
        recv_bytes(time, E * sizeof *time, r);
        recv_bytes(kind, E, r);
        recv_bytes(source, E * sizeof *source, r);
        recv_bytes(target, E * sizeof *target, r);
        for (size_t e = 0; e < E; e++)
            log.rec[e] = (ssim_event_rec_t){trial[e], time[e], source[e], target[e], kind[e]};
        free(trial);
        free(time);
        free(kind);
        free(source);
        free(target);
        if (st == SSIM_OK)
            st = ssim_results_add_events(res, &log, 1);
        ssim_event_log_destroy(&log);
    }
    return st;
}

/* Sum the per-operator counts onto rank 0. */
static void reduce_counts(const ssim_split_t *sp, ssim_results_t *res)
{
    if (!res->ops.n_compromised)
        return;
    int n = (int)res->n_operators;
    int root = sp->rank == 0;
    MPI_Reduce(root ? MPI_IN_PLACE : res->ops.n_compromised, res->ops.n_compromised, n,
               MPI_UINT32_T, MPI_SUM, 0, MPI_COMM_WORLD);
    MPI_Reduce(root ? MPI_IN_PLACE : res->ops.n_out, res->ops.n_out, n, MPI_UINT32_T, MPI_SUM, 0,
               MPI_COMM_WORLD);
    MPI_Reduce(root ? MPI_IN_PLACE : res->ops.outage_ms, res->ops.outage_ms, n, MPI_UINT64_T,
               MPI_SUM, 0, MPI_COMM_WORLD);
}

ssim_status_t ssim_mpi_run(ssim_split_t *sp, const ssim_model_type_t *model,
                           const ssim_model_ctx_t *ctx, ssim_results_t *res,
                           const ssim_run_opts_t *opts, ssim_run_stats_t *stats)
{
    uint64_t nb = ssim_run_n_blocks(res);
    uint64_t chunk = nb / ((uint64_t)sp->size * 8);
    chunk = chunk ? chunk : 1;
    chunks_t done = {0};
    ssim_run_opts_t o = *opts;
    o.progress = 0; /* ranks would interleave their progress lines */
    ssim_status_t st = sp->rank == 0 ? coordinate(sp, model, ctx, res, &o, &done, stats, nb, chunk)
                                     : work(model, ctx, res, &o, &done, stats);
    int mine[2] = {st == SSIM_OK ? 0 : (int)st, st == SSIM_OK ? 0 : sp->rank + 1}, all[2];
    MPI_Allreduce(mine, all, 2, MPI_INT, MPI_MAX, MPI_COMM_WORLD);
    if (all[0]) {
        free(done.v);
        if (st != SSIM_OK)
            return st; /* this rank's message is out */
        return ssim_error((ssim_status_t)all[0], SSIM_LOC_NONE,
                          "MPI rank %d failed (its message above); nothing written", all[1] - 1);
    }
    st = gather(sp, res, &done);
    free(done.v);
    reduce_counts(sp, res);
    uint64_t ev = stats->events, total = 0;
    MPI_Reduce(&ev, &total, 1, MPI_UINT64_T, MPI_SUM, 0, MPI_COMM_WORLD);
    stats->events = total;
    int bad = st != SSIM_OK, any = 0;
    MPI_Allreduce(&bad, &any, 1, MPI_INT, MPI_MAX, MPI_COMM_WORLD);
    if (any && st == SSIM_OK)
        st = ssim_error(SSIM_EINTERNAL, SSIM_LOC_NONE, "gathering the MPI ranks' blocks failed");
    return st;
}
