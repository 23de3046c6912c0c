/* io/h5info — `sectorsim info FILE`: describe a results file in plain text
 * (read through io/h5read). */
#include "io/h5.h"
#include "io/h5read.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---------------------------------------------------------------- sections */

static void print_header(ssim_h5read_t *r, FILE *out)
{
    char title[256], version[64], git[64], rng[64], model[64], cmd[1024], created[64];
    uint64_t seed = 0, trials = 0, threads = 0;
    double horizon = NAN, step = NAN, elapsed = NAN;
    (void)ssim_h5read_attr_str(r, ".", "title", title, sizeof title);
    (void)ssim_h5read_attr_str(r, ".", "version", version, sizeof version);
    (void)ssim_h5read_attr_str(r, ".", "git_revision", git, sizeof git);
    (void)ssim_h5read_attr_str(r, ".", "rng", rng, sizeof rng);
    (void)ssim_h5read_attr_str(r, ".", "model", model, sizeof model);
    (void)ssim_h5read_attr_u64(r, ".", "seed", &seed);
    (void)ssim_h5read_attr_u64(r, ".", "n_trials", &trials);
    (void)ssim_h5read_attr_f64(r, ".", "horizon_hours", &horizon);
    (void)ssim_h5read_attr_f64(r, ".", "output_step_hours", &step);
    fprintf(out, "sectorsim results file %s\n", r->path);
    fprintf(out, "  title         %s\n", title);
    fprintf(out, "  version       sectorsim %s (git %s)\n", version, git);
    fprintf(out, "  seed          %llu (%s)\n", (unsigned long long)seed, rng);
    fprintf(out, "  trials        %llu\n", (unsigned long long)trials);
    fprintf(out, "  model         %s\n", model);
    fprintf(out, "  horizon       %g h, output step %g h\n", horizon, step);
    if (!ssim_h5read_exists(r, "provenance"))
        return;
    (void)ssim_h5read_attr_str(r, "provenance", "command_line", cmd, sizeof cmd);
    (void)ssim_h5read_attr_str(r, "provenance", "created_utc", created, sizeof created);
    (void)ssim_h5read_attr_u64(r, "provenance", "threads", &threads);
    (void)ssim_h5read_attr_f64(r, "provenance", "elapsed_seconds", &elapsed);
    fprintf(out, "  command line  %s\n", cmd);
    fprintf(out, "  created       %s (threads %llu, trial loop %.3g s)\n", created,
            (unsigned long long)threads, elapsed);
}

static void print_inputs(ssim_h5read_t *r, FILE *out)
{
    ssim_h5read_strings_t file = ssim_h5read_strings(r, "/provenance/inputs/file");
    ssim_h5read_strings_t path = ssim_h5read_strings(r, "/provenance/inputs/path");
    ssim_h5read_strings_t sha = ssim_h5read_strings(r, "/provenance/inputs/sha256");
    ssim_h5read_doubles_t bytes = ssim_h5read_doubles(r, "/provenance/inputs/bytes");
    if (file.n && file.n == path.n && file.n == sha.n && file.n == bytes.n) {
        fprintf(out, "inputs\n");
        for (size_t i = 0; i < file.n; i++)
            fprintf(out, "  %-17s sha256 %s  %10.0f bytes  %s\n", file.s[i], sha.s[i], bytes.v[i],
                    path.s[i]);
    }
    ssim_h5read_strings_free(&file);
    ssim_h5read_strings_free(&path);
    ssim_h5read_strings_free(&sha);
    free(bytes.v);
}

static void print_network(ssim_h5read_t *r, FILE *out)
{
    ssim_h5read_doubles_t sector = ssim_h5read_doubles(r, "/network/operator_sector");
    ssim_h5read_strings_t names = ssim_h5read_strings(r, "/network/sector_name");
    fprintf(out, "network\n  operators     %zu", sector.n);
    const char *sep = ": ";
    for (size_t s = 0; s < names.n; s++) {
        size_t count = 0;
        for (size_t o = 0; o < sector.n; o++)
            count += sector.v[o] == (double)s;
        if (count) {
            fprintf(out, "%s%s %zu", sep, names.s[s], count);
            sep = ", ";
        }
    }
    fprintf(out, "\n");
    /* the tables, or (output.network_tables false) the rows of their files */
    static const char *const tables[][3] = {
        {"suppliers", "/network/supplier", "suppliers.csv"},
        {"supply edges", "/network/supply_edge", "supply.csv"},
        {"dependencies", "/network/dependency", "dependencies.csv"}};
    ssim_h5read_strings_t file = ssim_h5read_strings(r, "/provenance/inputs/file");
    ssim_h5read_doubles_t rows = ssim_h5read_doubles(r, "/provenance/inputs/rows");
    for (size_t i = 0; i < sizeof tables / sizeof *tables; i++) {
        if (ssim_h5read_exists(r, tables[i][1])) {
            fprintf(out, "  %-13s %zu\n", tables[i][0], ssim_h5read_count(r, tables[i][1]));
            continue;
        }
        double n = NAN;
        for (size_t k = 0; k < file.n && k < rows.n; k++)
            if (strcmp(file.s[k], tables[i][2]) == 0)
                n = rows.v[k];
        fprintf(out, "  %-13s %.0f (not copied: output.network_tables is off; %s in inputs)\n",
                tables[i][0], n, tables[i][2]);
    }
    ssim_h5read_strings_free(&file);
    free(rows.v);
    free(sector.v);
    ssim_h5read_strings_free(&names);
}

/* Total quantile at level p, NAN when not stored. */
static double total_quantile(const ssim_h5read_doubles_t *levels, const ssim_h5read_doubles_t *q,
                             double p)
{
    for (size_t i = 0; i < levels->n && i < q->n; i++)
        if (fabs(levels->v[i] - p) < 1e-12)
            return q->v[i];
    return NAN;
}

static void print_sectors(ssim_h5read_t *r, FILE *out)
{
    ssim_h5read_strings_t names = ssim_h5read_strings(r, "/summary/sector_name");
    ssim_h5read_strings_t units = ssim_h5read_strings(r, "/network/sector_service_unit");
    ssim_h5read_doubles_t mean = ssim_h5read_doubles(r, "/summary/sector_mean");
    ssim_h5read_doubles_t lo = ssim_h5read_doubles(r, "/summary/sector_ci_low");
    ssim_h5read_doubles_t hi = ssim_h5read_doubles(r, "/summary/sector_ci_high");
    if (names.n && names.n == mean.n && names.n == lo.n && names.n == hi.n) {
        fprintf(out, "by sector (mean lost service per trial, each in its own unit)\n");
        fprintf(out, "  %-14s %14s   %-31s %s\n", "sector", "mean", "95% CI", "unit");
        for (size_t s = 0; s < names.n; s++) {
            char ci[64];
            snprintf(ci, sizeof ci, "%.6g .. %.6g", lo.v[s], hi.v[s]);
            fprintf(out, "  %-14s %14.6g   %-31s %s\n", names.s[s], mean.v[s], ci,
                    s < units.n ? units.s[s] : "customer-hours");
        }
    }
    ssim_h5read_strings_free(&names);
    ssim_h5read_strings_free(&units);
    free(mean.v);
    free(lo.v);
    free(hi.v);
}

/* One national quantity's mean, CI and tail (summary prefix p). */
static void print_quantity(ssim_h5read_t *r, FILE *out, const ssim_h5read_doubles_t *levels,
                           const char *p, const char *label)
{
    char name[96];
    snprintf(name, sizeof name, "/summary/%s_quantile", p);
    ssim_h5read_doubles_t q = ssim_h5read_doubles(r, name);
    double v[4];
    const char *stat[4] = {"mean", "ci_low", "ci_high", "cvar95"};
    for (int i = 0; i < 4; i++) {
        snprintf(name, sizeof name, "/summary/%s_%s", p, stat[i]);
        v[i] = ssim_h5read_scalar(r, name);
    }
    fprintf(out, "  %s\n", label);
    fprintf(out, "    mean %.6g (95%% CI %.6g .. %.6g)   p95 %.6g   p99 %.6g   CVaR95 %.6g\n", v[0],
            v[1], v[2], total_quantile(levels, &q, 0.95), total_quantile(levels, &q, 0.99), v[3]);
    free(q.v);
}

static void print_summary(ssim_h5read_t *r, FILE *out)
{
    ssim_h5read_doubles_t levels = ssim_h5read_doubles(r, "/summary/quantile");
    fprintf(out, "national summary per trial, given the incident\n");
    print_quantity(r, out, &levels, "people",
                   "person-hours affected (each resident counted once; sectors independent)");
    fprintf(out, "    bounds %.6g .. %.6g (complete overlap .. none)\n",
            ssim_h5read_scalar(r, "/summary/people_low_mean"),
            ssim_h5read_scalar(r, "/summary/people_high_mean"));
    print_quantity(r, out, &levels, "yen", "value of lost service, yen");
    fprintf(out, "  P(2+ sectors out at once) %.6g\n",
            ssim_h5read_scalar(r, "/summary/p_multi_sector"));
    free(levels.v);
    print_sectors(r, out);
}

/* ------------------------------------------------------------------ public */

ssim_status_t ssim_h5_info(const char *path, FILE *out)
{
    ssim_h5read_t r;
    if (ssim_h5read_open(&r, path) == SSIM_OK)
        print_header(&r, out);
    if (r.st == SSIM_OK)
        print_inputs(&r, out);
    if (r.st == SSIM_OK)
        print_network(&r, out);
    if (r.st == SSIM_OK)
        print_summary(&r, out);
    return ssim_h5read_close(&r);
}
