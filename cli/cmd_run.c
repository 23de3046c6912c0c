/* The run and validate subcommands. */
#include "cli/cli.h"

#include "core/atomic.h"

#include "core/log.h"
#include "core/vocab.h"
#include "io/h5.h"
#include "run/run.h"

#include <errno.h>
#include <libgen.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statvfs.h>

/* Default output: the scenario file's stem + ".h5" in the current directory. */
static char *default_output(const char *scenario_path)
{
    const char *base = strrchr(scenario_path, '/');
    base = base ? base + 1 : scenario_path;
    size_t n = strlen(base);
    const char *dot = strrchr(base, '.');
    if (dot && dot != base)
        n = (size_t)(dot - base);
    char *out = malloc(n + 4);
    if (out) {
        memcpy(out, base, n);
        memcpy(out + n, ".h5", 4);
    }
    return out;
}

/* The output's directory must exist and the path must not be a directory. */
ssim_status_t cli_check_output_path(const char *path)
{
    struct stat st;
    if (stat(path, &st) == 0 && S_ISDIR(st.st_mode))
        return ssim_error(SSIM_EINVAL, SSIM_LOC_NONE, "-o %s: is a directory", path);
    if (lstat(path, &st) == 0 && !S_ISREG(st.st_mode) && !S_ISLNK(st.st_mode))
        return ssim_error(SSIM_EINVAL, SSIM_LOC_NONE,
                          "-o %s: exists and is not a regular file (a device, FIFO or socket "
                          "would be replaced by the results file)",
                          path);
    if (stat(path, &st) == 0 && !S_ISREG(st.st_mode))
        return ssim_error(SSIM_EINVAL, SSIM_LOC_NONE,
                          "-o %s: links to something that is not a regular file", path);
    char *copy = strdup(path);
    if (!copy)
        return ssim_error(SSIM_ENOMEM, SSIM_LOC_NONE, "out of memory");
    const char *dir = dirname(copy);
    int ok = stat(dir, &st) == 0 && S_ISDIR(st.st_mode);
    ssim_status_t rc = ok ? SSIM_OK
                          : ssim_error(SSIM_EINVAL, SSIM_LOC_NONE,
                                       "-o %s: directory '%s' does not exist", path, dir);
    free(copy);
    /* before any work: the file can be created there (issue 18, defect 11) */
    return rc == SSIM_OK ? ssim_atomic_probe(path) : rc;
}

ssim_status_t cli_check_output_space(const char *path, uint64_t bytes)
{
    char *copy = strdup(path);
    if (!copy)
        return ssim_error(SSIM_ENOMEM, SSIM_LOC_NONE, "out of memory");
    struct statvfs fs;
    ssim_status_t st = SSIM_OK;
    if (statvfs(dirname(copy), &fs) == 0 && fs.f_blocks > 0 && fs.f_frsize > 0) {
        /* what an unprivileged writer may use; no figure (f_blocks 0): unknown */
        uint64_t avail = (uint64_t)fs.f_bavail * (uint64_t)fs.f_frsize;
        if (avail < bytes)
            st = ssim_error(SSIM_ENOMEM, SSIM_LOC_NONE,
                            "-o %s: the results file needs up to %.1f MB (estimated before "
                            "compression) but its file system has %.1f MB free: free some space, "
                            "write elsewhere, or use fewer trials or --summary-only",
                            path, (double)bytes / 1e6, (double)avail / 1e6);
    }
    free(copy);
    return st;
}

int cli_cmd_validate(const cli_command_t *cmd, int argc, char **argv, const char *command_line)
{
    (void)command_line;
    cli_opts_t opts;
    cli_parse_t r = cli_parse_job_opts(cmd, argc, argv, &opts);
    if (r != CLI_PARSE_END)
        return cli_parse_exit_code(r);
    ssim_status_t st;
    ssim_log_set_level(opts.quiet ? SSIM_LOG_QUIET : SSIM_LOG_NORMAL);
    ssim_study_job_t job;
    st = ssim_study_job_load(&job, &opts.src);
    if (st == SSIM_OK) {
        printf("scenario: %s\n  %s\n", job.sc.path, job.sc.name);
        printf("  model %s, %llu trials, seed %llu, horizon %g h, step %g h\n", job.sc.model,
               (unsigned long long)job.sc.trials, (unsigned long long)job.sc.seed,
               job.sc.horizon_hours, job.sc.output_step_hours);
        st = cli_print_network_shape(stdout, &job.net, &job.graph);
    }
    if (st == SSIM_OK)
        st = cli_warn_locking_cycles(&job);
    if (st == SSIM_OK)
        printf("ok: scenario and network are valid\n");
    ssim_study_job_destroy(&job);
    return ssim_status_exit_code(st);
}

static ssim_status_t run_job(ssim_study_job_t *job, const cli_opts_t *opts, const char *output,
                             const char *command_line)
{
    ssim_scenario_t *sc = &job->sc;
    ssim_results_t res;
    ssim_status_t st = ssim_results_init(
        &res, sc->trials, (size_t)ssim_vocab_sector.n, job->net.n_operators, sc->horizon_hours,
        sc->output_step_hours,
        ssim_results_flags(sc->output.per_trial, sc->output.time_series, sc->output.per_operator));
    if (st != SSIM_OK)
        return st;
    ssim_info("%s: %llu trials of '%s' on %zu operators, %zu suppliers (seed %llu)", sc->path,
              (unsigned long long)sc->trials, sc->name, job->net.n_operators, job->net.n_suppliers,
              (unsigned long long)sc->seed);
    uint64_t bytes = 0;
    int whole = ssim_split_writes_output(job->split);
    st = ssim_h5_estimate_bytes(sc, &job->net, &res, &bytes);
    if (st == SSIM_OK && whole)
        ssim_info("estimated output size: %.1f MB before compression -> %s", (double)bytes / 1e6,
                  output);
    ssim_run_opts_t ro = {.threads = opts->threads, .progress = !opts->quiet};
    ssim_run_stats_t stats = {0};
    if (st == SSIM_OK && whole)
        st = cli_check_output_space(output, bytes); /* before the first trial (defect 11) */
    if (st == SSIM_OK)
        st = ssim_split_run(job->split, job->model, &job->ctx, &res, &ro, &stats);
    if (st == SSIM_OK && cli_split_finish(job->split, output, &st)) {
        cli_print_summary(stdout, &job->net, &res);
        printf("verification hash: %016llx\n", (unsigned long long)res.verification);
        fflush(stdout);
        ssim_run_info_t info = {command_line, job->model->name, stats.threads, stats.elapsed,
                                stats.events};
        st = ssim_h5_write(output, sc, &job->net, &res, &info);
        if (st == SSIM_OK)
            ssim_info("wrote %s", output);
        if (st == SSIM_OK)
            ssim_split_done(job->split);
    }
    ssim_results_destroy(&res);
    return st;
}

static void on_signal(int sig)
{
    (void)sig;
    ssim_run_request_stop();
}

void cli_install_signal_handlers(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
}

int cli_cmd_run(const cli_command_t *cmd, int argc, char **argv, const char *command_line)
{
    cli_opts_t opts;
    cli_parse_t r = cli_parse_job_opts(cmd, argc, argv, &opts);
    if (r != CLI_PARSE_END)
        return cli_parse_exit_code(r);
    ssim_status_t st;
    ssim_log_set_level(opts.quiet ? SSIM_LOG_QUIET : SSIM_LOG_NORMAL);
    char *output =
        opts.output_path ? strdup(opts.output_path) : default_output(opts.src.scenario_path);
    if (!output)
        return ssim_status_exit_code(ssim_error(SSIM_ENOMEM, SSIM_LOC_NONE, "out of memory"));
    ssim_study_job_t job;
    ssim_split_t split;
    memset(&job, 0, sizeof job);
    memset(&split, 0, sizeof split);
    cli_install_signal_handlers();
    st = cli_check_output_path(output);
    if (st == SSIM_OK && opts.split.parts && !opts.output_path)
        st = ssim_error(SSIM_EINVAL, SSIM_LOC_NONE,
                        "--part writes a shard, not the results file: name it with -o");
    if (st == SSIM_OK)
        st = cli_split_setup("run", output, &opts.split, &split);
    split.one_run = 1;
    if (st == SSIM_OK)
        st = ssim_study_job_load(&job, &opts.src);
    if (st == SSIM_OK)
        st = ssim_study_check_output(&job, output);
    char identity[65];
    if (st == SSIM_OK) {
        job.split = &split;
        ssim_study_identity(&job, "run", identity);
        st = ssim_split_set_identity(&split, identity);
    }
    if (st == SSIM_OK)
        st = run_job(&job, &opts, output, command_line);
    ssim_study_job_destroy(&job);
    cli_split_destroy(&split);
    free(output);
    return ssim_status_exit_code(st);
}
