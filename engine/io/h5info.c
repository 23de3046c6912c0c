/* io/h5info — `sectorsim info FILE`: describe a results file in plain text. */
#include "io/h5.h"
#include "io/h5util.h"

#include "core/alloc.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    const char *path;
    hid_t file;
    FILE *out;
    ssim_status_t st; /* first hard failure (object present but unreadable) */
} reader_t;

typedef struct {
    double *v;
    size_t n;
} doubles_t;

typedef struct {
    char **s;
    size_t n;
} strings_t;

/* Open dataset `name` with n elements, or -1 when absent (not an error). */
static hid_t open_dataset(reader_t *r, const char *name, size_t *n)
{
    *n = 0;
    if (r->st != SSIM_OK || H5Lexists(r->file, name, H5P_DEFAULT) <= 0)
        return -1;
    hid_t ds = H5Dopen2(r->file, name, H5P_DEFAULT);
    hid_t space = ds >= 0 ? H5Dget_space(ds) : -1;
    hssize_t np = space >= 0 ? H5Sget_simple_extent_npoints(space) : -1;
    if (ds < 0 || np < 0) {
        r->st = ssim_h5_fail(r->path, "cannot open dataset", name);
        r->st = ssim_h5_close(r->st, &space, r->path, name);
        r->st = ssim_h5_close(r->st, &ds, r->path, name);
        return -1;
    }
    r->st = ssim_h5_close(r->st, &space, r->path, name);
    *n = (size_t)np;
    return ds;
}

/* Dataset `name` converted to doubles (caller frees d->v); empty when absent. */
static doubles_t read_doubles(reader_t *r, const char *name)
{
    doubles_t d = {NULL, 0};
    size_t n;
    hid_t ds = open_dataset(r, name, &n);
    if (ds < 0)
        return d;
    if ((d.v = ssim_malloc(n ? n : 1, sizeof *d.v, name)) == NULL)
        r->st = SSIM_ENOMEM;
    else if (n && H5Dread(ds, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, d.v) < 0)
        r->st = ssim_h5_fail(r->path, "cannot read dataset", name);
    else
        d.n = n;
    r->st = ssim_h5_close(r->st, &ds, r->path, name);
    if (d.n != n || r->st != SSIM_OK) {
        free(d.v);
        d = (doubles_t){NULL, 0};
    }
    return d;
}

static double read_scalar(reader_t *r, const char *name)
{
    doubles_t d = read_doubles(r, name);
    double x = d.n == 1 ? d.v[0] : NAN;
    free(d.v);
    return x;
}

static void free_strings(strings_t *s)
{
    for (size_t i = 0; s->s && i < s->n; i++)
        free(s->s[i]);
    free(s->s);
    *s = (strings_t){NULL, 0};
}

/* Copy n strings read by HDF5 into our own allocations. */
static void copy_strings(reader_t *r, char **tmp, size_t n, strings_t *s, const char *name)
{
    if (!(s->s = ssim_calloc(n ? n : 1, sizeof *s->s, name))) {
        r->st = SSIM_ENOMEM;
        return;
    }
    s->n = n;
    for (size_t i = 0; i < n && r->st == SSIM_OK; i++)
        if (!(s->s[i] = ssim_strdup(tmp[i] ? tmp[i] : "", name)))
            r->st = SSIM_ENOMEM;
}

/* String dataset `name` (caller frees with free_strings); empty when absent. */
static strings_t read_strings(reader_t *r, const char *name)
{
    strings_t s = {NULL, 0};
    size_t n;
    hid_t ds = open_dataset(r, name, &n), type = -1, space = -1;
    char **tmp = NULL;
    if (ds < 0)
        return s;
    type = ssim_h5_type(SSIM_IO_STR, 0);
    space = H5Dget_space(ds);
    if (!(tmp = ssim_calloc(n ? n : 1, sizeof *tmp, name)))
        r->st = SSIM_ENOMEM;
    else if (type < 0 || space < 0 ||
             (n && H5Dread(ds, type, H5S_ALL, H5S_ALL, H5P_DEFAULT, tmp) < 0))
        r->st = ssim_h5_fail(r->path, "cannot read dataset", name);
    else
        copy_strings(r, tmp, n, &s, name);
    if (tmp && type >= 0 && space >= 0 && H5Dvlen_reclaim(type, space, H5P_DEFAULT, tmp) < 0 &&
        r->st == SSIM_OK)
        r->st = ssim_h5_fail(r->path, "cannot release strings of", name);
    free(tmp);
    r->st = ssim_h5_close(r->st, &space, r->path, name);
    r->st = ssim_h5_close(r->st, &type, r->path, name);
    r->st = ssim_h5_close(r->st, &ds, r->path, name);
    if (r->st != SSIM_OK)
        free_strings(&s);
    return s;
}

/* ---------------------------------------------------------------- sections */

static void print_header(reader_t *r)
{
    char title[256], version[64], git[64], rng[64], model[64], cmd[1024], created[64];
    uint64_t seed = 0, trials = 0, threads = 0;
    double horizon = NAN, step = NAN, elapsed = NAN;
    (void)ssim_h5_read_attr_str(r->file, "title", title, sizeof title);
    (void)ssim_h5_read_attr_str(r->file, "version", version, sizeof version);
    (void)ssim_h5_read_attr_str(r->file, "git_revision", git, sizeof git);
    (void)ssim_h5_read_attr_str(r->file, "rng", rng, sizeof rng);
    (void)ssim_h5_read_attr_str(r->file, "model", model, sizeof model);
    (void)ssim_h5_read_attr_u64(r->file, "seed", &seed);
    (void)ssim_h5_read_attr_u64(r->file, "n_trials", &trials);
    (void)ssim_h5_read_attr_f64(r->file, "horizon_hours", &horizon);
    (void)ssim_h5_read_attr_f64(r->file, "output_step_hours", &step);
    fprintf(r->out, "sectorsim results file %s\n", r->path);
    fprintf(r->out, "  title         %s\n", title);
    fprintf(r->out, "  version       sectorsim %s (git %s)\n", version, git);
    fprintf(r->out, "  seed          %llu (%s)\n", (unsigned long long)seed, rng);
    fprintf(r->out, "  trials        %llu\n", (unsigned long long)trials);
    fprintf(r->out, "  model         %s\n", model);
    fprintf(r->out, "  horizon       %g h, output step %g h\n", horizon, step);
    hid_t prov = H5Lexists(r->file, "provenance", H5P_DEFAULT) > 0
                     ? H5Gopen2(r->file, "provenance", H5P_DEFAULT)
                     : -1;
    if (prov < 0)
        return;
    (void)ssim_h5_read_attr_str(prov, "command_line", cmd, sizeof cmd);
    (void)ssim_h5_read_attr_str(prov, "created_utc", created, sizeof created);
    (void)ssim_h5_read_attr_u64(prov, "threads", &threads);
    (void)ssim_h5_read_attr_f64(prov, "elapsed_seconds", &elapsed);
    fprintf(r->out, "  command line  %s\n", cmd);
    fprintf(r->out, "  created       %s (threads %llu, trial loop %.3g s)\n", created,
            (unsigned long long)threads, elapsed);
    r->st = ssim_h5_close(r->st, &prov, r->path, "/provenance");
}

static void print_inputs(reader_t *r)
{
    strings_t file = read_strings(r, "/provenance/inputs/file");
    strings_t path = read_strings(r, "/provenance/inputs/path");
    strings_t sha = read_strings(r, "/provenance/inputs/sha256");
    doubles_t bytes = read_doubles(r, "/provenance/inputs/bytes");
    if (file.n && file.n == path.n && file.n == sha.n && file.n == bytes.n) {
        fprintf(r->out, "inputs\n");
        for (size_t i = 0; i < file.n; i++)
            fprintf(r->out, "  %-17s sha256 %s  %10.0f bytes  %s\n", file.s[i], sha.s[i],
                    bytes.v[i], path.s[i]);
    }
    free_strings(&file);
    free_strings(&path);
    free_strings(&sha);
    free(bytes.v);
}

static void print_network(reader_t *r)
{
    doubles_t sector = read_doubles(r, "/network/operator_sector");
    strings_t names = read_strings(r, "/network/sector_name");
    fprintf(r->out, "network\n  operators     %zu", sector.n);
    const char *sep = ": ";
    for (size_t s = 0; s < names.n; s++) {
        size_t count = 0;
        for (size_t o = 0; o < sector.n; o++)
            count += sector.v[o] == (double)s;
        if (count) {
            fprintf(r->out, "%s%s %zu", sep, names.s[s], count);
            sep = ", ";
        }
    }
    fprintf(r->out, "\n");
    static const char *const tables[][2] = {{"suppliers", "/network/supplier"},
                                            {"supply edges", "/network/supply_edge"},
                                            {"dependencies", "/network/dependency"}};
    for (size_t i = 0; i < sizeof tables / sizeof *tables; i++) {
        size_t n = 0;
        hid_t ds = open_dataset(r, tables[i][1], &n);
        r->st = ssim_h5_close(r->st, &ds, r->path, tables[i][1]);
        fprintf(r->out, "  %-13s %zu\n", tables[i][0], n);
    }
    free(sector.v);
    free_strings(&names);
}

/* Total quantile at level p, NAN when not stored. */
static double total_quantile(const doubles_t *levels, const doubles_t *q, double p)
{
    for (size_t i = 0; i < levels->n && i < q->n; i++)
        if (fabs(levels->v[i] - p) < 1e-12)
            return q->v[i];
    return NAN;
}

static void print_sectors(reader_t *r)
{
    strings_t names = read_strings(r, "/summary/sector_name");
    doubles_t mean = read_doubles(r, "/summary/sector_mean");
    doubles_t lo = read_doubles(r, "/summary/sector_ci_low");
    doubles_t hi = read_doubles(r, "/summary/sector_ci_high");
    if (names.n && names.n == mean.n && names.n == lo.n && names.n == hi.n) {
        fprintf(r->out, "by sector (mean customer-hours per trial)\n");
        fprintf(r->out, "  %-14s %14s   %s\n", "sector", "mean", "95% CI");
        for (size_t s = 0; s < names.n; s++)
            fprintf(r->out, "  %-14s %14.6g   %.6g .. %.6g\n", names.s[s], mean.v[s], lo.v[s],
                    hi.v[s]);
    }
    free_strings(&names);
    free(mean.v);
    free(lo.v);
    free(hi.v);
}

static void print_summary(reader_t *r)
{
    doubles_t levels = read_doubles(r, "/summary/quantile");
    doubles_t q = read_doubles(r, "/summary/total_quantile");
    fprintf(r->out, "national summary (customer-hours of lost service per trial)\n");
    fprintf(r->out, "  mean          %.6g (95%% CI %.6g .. %.6g)\n",
            read_scalar(r, "/summary/total_mean"), read_scalar(r, "/summary/total_ci_low"),
            read_scalar(r, "/summary/total_ci_high"));
    fprintf(r->out, "  p95           %.6g\n", total_quantile(&levels, &q, 0.95));
    fprintf(r->out, "  p99           %.6g\n", total_quantile(&levels, &q, 0.99));
    fprintf(r->out, "  CVaR95        %.6g\n", read_scalar(r, "/summary/total_cvar95"));
    fprintf(r->out, "  P(2+ sectors out at once) %.6g\n",
            read_scalar(r, "/summary/p_multi_sector"));
    free(levels.v);
    free(q.v);
    print_sectors(r);
}

/* ------------------------------------------------------------------ public */

/* Open path read-only: SSIM_EINVAL when missing, unreadable or not HDF5
 * (bad input), SSIM_EIO when HDF5 fails on a file that looked valid. */
static ssim_status_t open_file(reader_t *r)
{
    ssim_loc_t loc = {r->path, 0, 0};
    FILE *probe = fopen(r->path, "rb");
    if (!probe)
        return ssim_error(SSIM_EINVAL, loc, "cannot open: %s", strerror(errno)); /* bad input */
    fclose(probe);
    htri_t is = H5Fis_hdf5(r->path);
    if (is == 0)
        return ssim_error(SSIM_EINVAL, loc, "not an HDF5 file (so not a sectorsim results file)");
    if (is < 0 || (r->file = H5Fopen(r->path, H5F_ACC_RDONLY, H5P_DEFAULT)) < 0)
        return ssim_h5_fail(r->path, "cannot open as HDF5", NULL);
    return SSIM_OK;
}

ssim_status_t ssim_h5_info(const char *path, FILE *out)
{
    reader_t r = {.path = path, .file = -1, .out = out, .st = SSIM_OK};
    char software[64];
    ssim_h5_quiet();
    r.st = open_file(&r);
    if (r.st == SSIM_OK &&
        (ssim_h5_read_attr_str(r.file, "software", software, sizeof software) < 0 ||
         strcmp(software, "sectorsim") != 0))
        r.st = ssim_error(SSIM_EINVAL, (ssim_loc_t){path, 0, 0},
                          "not a sectorsim results file (no root attribute software = "
                          "\"sectorsim\")");
    if (r.st == SSIM_OK)
        print_header(&r);
    if (r.st == SSIM_OK)
        print_inputs(&r);
    if (r.st == SSIM_OK)
        print_network(&r);
    if (r.st == SSIM_OK)
        print_summary(&r);
    return ssim_h5_close(r.st, &r.file, path, "file");
}
