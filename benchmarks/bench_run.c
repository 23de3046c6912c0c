/* benchmarks/bench_run — time sectorsim's trial loop (a benchmark program, not
 * a test; benchmarks/run.sh drives it).
 *
 *   ssim_bench_run SCENARIO [--network DIR] [--trials N] [--threads 1,2]
 *                  [--p 0.01,0.05,0.1] [--repeat R] [--output summary|series|both]
 *                  [--label TEXT] [--sampling edge,geometric] [--dump-arcs FILE]
 *
 * Loads the scenario, the network and the model once (timed: load, graph,
 * prepare), then for each edge probability (independent_cascade only; the
 * scenario's own otherwise), each output mode and each thread count runs the
 * whole trial loop R times (ssim_run_trials, exactly what `sectorsim run`
 * does, without the HDF5 write) and prints one CSV row with the median and
 * the fastest loop time.  --sampling runs the independent cascade with each
 * kernel.sampling listed (the model column then reads independent_cascade or
 * independent_cascade_geometric).  Columns (header printed first with
 * SSIM_BENCH_HEADER set):
 *
 *   label, model, operators, deps, arcs        the problem
 *   p, output, threads, trials, repeat
 *   median_s, min_s                            trial loop wall time
 *   trials_per_s, events_per_s                 from the median
 *   mean_size, se_size                         mean (standard error) of operators_out
 *   arcs_per_trial                             independent_cascade: sum of the out-degrees
 *                                              of failed operators (arcs scanned) per trial
 *   arcs_per_s, ns_per_activated               from the median
 *   hash                                       the run's verification hash (identical at
 *                                              any thread count)
 *   result_bytes_per_trial                     result storage per trial in memory (the
 *                                              per-operator arrays, which do not grow
 *                                              with trials, excluded)
 *   load_s, graph_s, prepare_s, rss_mb         network load, graph build, model prepare,
 *                                              peak resident memory of the process so far
 *   cpu_s, trials_per_cpu_s                    CPU time (user + system, all threads) of the
 *                                              median run, and trials per CPU second: less
 *                                              sensitive than wall time to other processes
 *                                              sharing the cores
 *   after_s                                    median wall time after the trial loop: the
 *                                              merge, the summaries and the verification
 *                                              hash (not in median_s nor trials_per_s; a
 *                                              whole run is median_s + after_s)
 *
 * --dump-arcs FILE writes the network's spreading arcs and the seeds, for the
 * peers (benchmarks/peers_ic.py) to run on exactly the same graph, and exits:
 * int64 n_operators, int64 n_arcs, int64 n_seeds, then n_arcs pairs of int32
 * (from, to) in dependency order (provider -> dependent), then n_seeds int32
 * (the operators supplied by any supplier: kernel.seeds: origins on a
 * generated network with its one supplier S0), all little-endian.
 *
 * With SSIM_BENCH_DEBUG set, the engine's debug lines go to stderr (a network
 * snapshot's load phases among them).
 *
 * Everything the program allocates is released before it exits.
 */
#include "core/log.h"
#include "core/vocab.h"
#include "graph/graph.h"
#include "input/network.h"
#include "models/kernels/kernel_params.h"
#include "models/registry.h"
#include "results/results.h"
#include "run/run.h"
#include "scenario/scenario.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

enum { MAX_LIST = 16 };

typedef struct {
    const char *scenario, *network, *label, *output, *dump, *sampling;
    uint64_t trials;
    int threads[MAX_LIST], n_threads;
    double p[MAX_LIST];
    int n_p;
    int repeat;
} opts_t;

static int parse_list(const char *text, double *out)
{
    int n = 0;
    char *end;
    while (n < MAX_LIST && *text) {
        out[n++] = strtod(text, &end);
        if (end == text)
            return -1;
        text = *end == ',' ? end + 1 : end;
    }
    return n;
}

static int parse_opts(int argc, char **argv, opts_t *o)
{
    memset(o, 0, sizeof *o);
    o->label = "";
    o->output = "summary";
    o->repeat = 3;
    o->threads[0] = 1;
    o->n_threads = 1;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
        double tmp[MAX_LIST];
        if (a[0] != '-') {
            o->scenario = a;
            continue;
        }
        if (!v)
            return fprintf(stderr, "ssim_bench_run: %s needs a value\n", a), -1;
        i++;
        if (strcmp(a, "--network") == 0)
            o->network = v;
        else if (strcmp(a, "--dump-arcs") == 0)
            o->dump = v;
        else if (strcmp(a, "--label") == 0)
            o->label = v;
        else if (strcmp(a, "--output") == 0)
            o->output = v;
        else if (strcmp(a, "--sampling") == 0)
            o->sampling = v;
        else if (strcmp(a, "--trials") == 0)
            o->trials = strtoull(v, NULL, 10);
        else if (strcmp(a, "--repeat") == 0)
            o->repeat = atoi(v);
        else if (strcmp(a, "--p") == 0)
            o->n_p = parse_list(v, o->p);
        else if (strcmp(a, "--threads") == 0) {
            o->n_threads = parse_list(v, tmp);
            for (int k = 0; k < o->n_threads; k++)
                o->threads[k] = (int)tmp[k];
        } else
            return fprintf(stderr, "ssim_bench_run: unknown option %s\n", a), -1;
    }
    if (!o->scenario || o->repeat < 1 || o->n_p < 0 || o->n_threads < 1)
        return fprintf(stderr,
                       "usage: ssim_bench_run SCENARIO [--network DIR] [--trials N] "
                       "[--threads 1,2] [--p LIST] [--repeat R] [--output summary|series|both] "
                       "[--label TEXT] [--sampling edge|geometric]\n"),
               -1;
    return 0;
}

static double peak_rss_mb(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return (double)ru.ru_maxrss / 1024.0; /* ru_maxrss in kB on Linux */
}

static double cpu_seconds(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return (double)ru.ru_utime.tv_sec + 1e-6 * (double)ru.ru_utime.tv_usec +
           (double)ru.ru_stime.tv_sec + 1e-6 * (double)ru.ru_stime.tv_usec;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* Loaded once per process. */
typedef struct {
    ssim_scenario_t sc;
    ssim_network_t net;
    ssim_graph_t graph;
    const ssim_model_type_t *model;
    ssim_model_ctx_t ctx;
    int64_t *outdeg; /* length n_operators: arcs leaving each operator (IC direction) */
    double load_s, graph_s, prepare_s;
} job_t;

static ssim_status_t job_load(job_t *j, const opts_t *o)
{
    memset(j, 0, sizeof *j);
    ssim_status_t st = ssim_scenario_load(&j->sc, o->scenario, ssim_model_catalog());
    if (st == SSIM_OK)
        st = ssim_scenario_override(&j->sc, o->trials, 0, 0);
    if (st == SSIM_OK && o->network)
        st = ssim_scenario_set_network(&j->sc, o->network);
    if (st != SSIM_OK)
        return st;
    j->model = ssim_model_find(j->sc.model);
    if (!j->model)
        return ssim_error(SSIM_EINVAL, SSIM_LOC_NONE, "unknown model '%s'", j->sc.model);
    double t0 = ssim_now();
    if ((st = ssim_network_load(&j->net, j->sc.network_dir)) != SSIM_OK)
        return st;
    double t1 = ssim_now();
    if ((st = ssim_graph_build(&j->graph, &j->net)) != SSIM_OK)
        return st;
    j->load_s = t1 - t0;
    j->graph_s = ssim_now() - t1;
    j->ctx.net = &j->net;
    j->ctx.graph = &j->graph;
    j->ctx.sc = &j->sc;
    j->outdeg = calloc(j->net.n_operators + 1, sizeof *j->outdeg);
    if (!j->outdeg)
        return SSIM_ENOMEM;
    int both = strcmp(ssim_kernel_params(&j->sc)->direction, "undirected") == 0;
    for (size_t d = 0; d < j->net.n_deps; d++) {
        j->outdeg[j->net.dep_provider[d]]++;
        if (both)
            j->outdeg[j->net.dep_op[d]]++;
    }
    return SSIM_OK;
}

static void job_destroy(job_t *j)
{
    free(j->outdeg);
    ssim_graph_destroy(&j->graph);
    ssim_network_destroy(&j->net);
    ssim_scenario_destroy(&j->sc);
}

/* Set kernel.sampling ("edge" or "geometric"; the scenario owns the string). */
static ssim_status_t set_sampling(job_t *j, const char *name)
{
    if (strcmp(name, "edge") != 0 && strcmp(name, "geometric") != 0)
        return ssim_error(SSIM_EINVAL, SSIM_LOC_NONE, "--sampling: edge or geometric, not '%s'",
                          name);
    char *copy = strdup(name);
    if (!copy)
        return SSIM_ENOMEM;
    ssim_kernel_params_t *kp = ssim_scenario_params_edit(&j->sc, &ssim_kernel_param_set);
    free(kp->sampling);
    kp->sampling = copy;
    return SSIM_OK;
}

/* The model column: the independent cascade names its sampling when geometric. */
static const char *model_label(const job_t *j)
{
    int geo = strcmp(ssim_kernel_params(&j->sc)->sampling, "geometric") == 0;
    if (strcmp(j->model->name, "independent_cascade") == 0 && geo)
        return "independent_cascade_geometric";
    return j->model->name;
}

/* One (p, output, threads) cell: R runs, one CSV row. */
static ssim_status_t bench_cell(job_t *j, const opts_t *o, double p, int series, int threads)
{
    ssim_scenario_t *sc = &j->sc;
    ssim_kernel_params_t *kp = ssim_scenario_params_edit(sc, &ssim_kernel_param_set);
    int is_ic = strcmp(j->model->name, "independent_cascade") == 0;
    if (is_ic && p >= 0)
        kp->edge_probability = p;
    sc->output.per_trial = !series ? 0 : 1;
    sc->output.time_series = series;
    /* as sectorsim run: --summary-only is lean storage */
    int flags =
        ssim_results_flags(sc->output.per_trial, sc->output.time_series, sc->output.per_operator);
    void *shared = NULL;
    double t0 = ssim_now();
    ssim_status_t st = j->model->prepare(&j->ctx, &shared);
    j->prepare_s = ssim_now() - t0;
    if (st != SSIM_OK)
        return st;
    j->ctx.shared = shared;
    double times[64], cpu[64], after[64];
    int R = o->repeat < 64 ? o->repeat : 64;
    ssim_results_t res;
    memset(&res, 0, sizeof res);
    double mean = 0, se = 0, arcs = 0;
    uint64_t hash = 0, events = 0;
    for (int r = 0; r < R && st == SSIM_OK; r++) {
        ssim_results_destroy(&res);
        st = ssim_results_init(&res, sc->trials, (size_t)ssim_vocab_sector.n, j->net.n_operators,
                               sc->horizon_hours, sc->output_step_hours, flags);
        ssim_run_opts_t ro = {.threads = threads, .progress = 0};
        ssim_run_stats_t stats = {0};
        double c0 = cpu_seconds(), w0 = ssim_now();
        if (st == SSIM_OK)
            st = ssim_run_trials(j->model, &j->ctx, &res, &ro, &stats);
        cpu[r] = cpu_seconds() - c0; /* includes the summaries */
        times[r] = stats.elapsed;
        after[r] = ssim_now() - w0 - stats.elapsed;
        events = stats.events;
    }
    if (st == SSIM_OK) {
        uint64_t T = res.n_trials;
        double s = 0, ss = 0;
        for (uint64_t t = 0; t < T; t++) {
            double x = ssim_results_i32(&res, SSIM_COL_OPERATORS_OUT)[t];
            s += x;
            ss += x * x;
        }
        mean = s / (double)T;
        se = T > 1 ? sqrt((ss - s * mean) / (double)(T - 1) / (double)T) : 0;
        if (is_ic && res.ops.n_out) {
            double a = 0;
            for (size_t v = 0; v < j->net.n_operators; v++)
                a += (double)res.ops.n_out[v] * (double)j->outdeg[v];
            arcs = a / (double)T;
        }
        hash = res.verification;
        qsort(times, (size_t)R, sizeof *times, cmp_double);
        qsort(cpu, (size_t)R, sizeof *cpu, cmp_double);
        qsort(after, (size_t)R, sizeof *after, cmp_double);
        double med = R % 2 ? times[R / 2] : 0.5 * (times[R / 2 - 1] + times[R / 2]);
        double cmed = R % 2 ? cpu[R / 2] : 0.5 * (cpu[R / 2 - 1] + cpu[R / 2]);
        double amed = R % 2 ? after[R / 2] : 0.5 * (after[R / 2 - 1] + after[R / 2]);
        size_t K = ssim_results_n_steps(sc->horizon_hours, sc->output_step_hours);
        size_t S = (size_t)ssim_vocab_sector.n, O = j->net.n_operators;
        double bpt = ((double)ssim_results_bytes(T, S, O, K, flags) -
                      (double)ssim_results_bytes(0, S, O, K, flags)) /
                     (double)T;
        printf("%s,%s,%zu,%zu,%.0f,%g,%s,%d,%llu,%d,%.6g,%.6g,%.6g,%.6g,%.6g,%.4g,%.6g,%.6g,"
               "%.4g,%016llx,%.1f,%.3f,%.3f,%.3f,%.1f,%.4g,%.6g,%.4g\n",
               o->label, model_label(j), j->net.n_operators, j->net.n_deps,
               (double)j->net.n_deps * (1 + (strcmp(kp->direction, "undirected") == 0)),
               is_ic ? kp->edge_probability : -1.0, series ? "series" : "summary", threads,
               (unsigned long long)T, R, med, times[0], (double)T / med, (double)events / med, mean,
               se, arcs, arcs * (double)T / med, mean > 0 ? med * 1e9 / ((double)T * mean) : 0,
               (unsigned long long)hash, bpt, j->load_s, j->graph_s, j->prepare_s, peak_rss_mb(),
               cmed, (double)T / cmed, amed);
        fflush(stdout);
    }
    ssim_results_destroy(&res);
    j->model->release(shared);
    j->ctx.shared = NULL;
    return st;
}

/* --dump-arcs: see the header comment. */
static ssim_status_t dump_arcs(const job_t *j, const char *path)
{
    const ssim_network_t *net = &j->net;
    FILE *f = fopen(path, "wb");
    if (!f)
        return ssim_error(SSIM_EIO, SSIM_LOC_NONE, "%s: cannot create", path);
    int64_t n_seeds = 0;
    for (size_t e = 0; e < net->n_supply; e++)
        n_seeds += (size_t)net->sup_dst[e] < net->n_operators;
    int64_t head[3] = {(int64_t)net->n_operators, (int64_t)net->n_deps, n_seeds};
    fwrite(head, sizeof head, 1, f);
    for (size_t d = 0; d < net->n_deps; d++) {
        int32_t pair[2] = {(int32_t)net->dep_provider[d], (int32_t)net->dep_op[d]};
        fwrite(pair, sizeof pair, 1, f);
    }
    for (size_t e = 0; e < net->n_supply; e++)
        if ((size_t)net->sup_dst[e] < net->n_operators) {
            int32_t s = (int32_t)net->sup_dst[e];
            fwrite(&s, sizeof s, 1, f);
        }
    return fclose(f) == 0 ? SSIM_OK : ssim_error(SSIM_EIO, SSIM_LOC_NONE, "%s: write failed", path);
}

int main(int argc, char **argv)
{
    opts_t o;
    if (parse_opts(argc, argv, &o) != 0)
        return 2;
    ssim_log_set_level(getenv("SSIM_BENCH_DEBUG") ? SSIM_LOG_VERBOSE : SSIM_LOG_QUIET);
    job_t j;
    ssim_status_t st = job_load(&j, &o);
    int modes[2] = {0, 1}, n_modes = 1;
    if (strcmp(o.output, "series") == 0)
        modes[0] = 1;
    else if (strcmp(o.output, "both") == 0)
        n_modes = 2;
    if (o.n_p == 0) {
        o.p[0] = -1;
        o.n_p = 1;
    }
    if (st == SSIM_OK && o.dump) {
        st = dump_arcs(&j, o.dump);
        o.n_p = 0;
    }
    if (st == SSIM_OK && getenv("SSIM_BENCH_HEADER"))
        printf("label,model,operators,deps,arcs,p,output,threads,trials,repeat,median_s,min_s,"
               "trials_per_s,events_per_s,mean_size,se_size,arcs_per_trial,arcs_per_s,"
               "ns_per_activated,hash,result_bytes_per_trial,load_s,graph_s,prepare_s,rss_mb,cpu_s,"
               "trials_per_cpu_s,after_s\n");
    /* One pass per --sampling name; one pass with the scenario's own without it. */
    char list[64];
    snprintf(list, sizeof list, "%s", o.sampling ? o.sampling : "");
    char *save = NULL, *name = o.sampling ? strtok_r(list, ",", &save) : NULL;
    do {
        if (name && st == SSIM_OK)
            st = set_sampling(&j, name);
        for (int ip = 0; st == SSIM_OK && ip < o.n_p; ip++)
            for (int m = 0; st == SSIM_OK && m < n_modes; m++)
                for (int it = 0; st == SSIM_OK && it < o.n_threads; it++)
                    st = bench_cell(&j, &o, o.p[ip], modes[m], o.threads[it]);
    } while (name && (name = strtok_r(NULL, ",", &save)) != NULL);
    job_destroy(&j);
    return ssim_status_exit_code(st);
}
