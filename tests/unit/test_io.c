/* Unit tests of io/: the HDF5 results writer, `info`, the registry and its
 * Markdown reference, on a small network, scenario and results built in
 * memory.
 *
 * Over 600 lines: every dataset of the registry is checked against the same
 * in-memory fixture (network, scenario, results); splitting would copy it.
 *
 *   test_io [--keep DIR]
 *
 * With --keep, the files the h5py checks read are left in DIR:
 *   fake.h5          time series, per-trial and per-operator output
 *   fake_threads.h5  same data, other provenance (h5compare: identical)
 *   fake_changed.h5  one per-trial value changed (h5compare: different)
 *   fake_summary.h5  summary-only (output.per_trial = false)
 */
#define _POSIX_C_SOURCE 200809L
#include "check.h"
#include "dirsnap.h"

#include "core/alloc.h"
#include "core/vocab.h"
#include "io/fields.h"
#include "io/h5.h"
#include "run/run.h"

#include <hdf5.h>
#include <hdf5_hl.h>

#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

enum { T = 50, O = 3, NSUP = 2, NEDGE = 3, NDEP = 2 };
#define HORIZON 48.0
#define STEP 6.0

static char errbuf[8192];

/* ------------------------------------------------------------ fake inputs */

static const char *op_id[O] = {"tepco", "osaka_water", "mufg"};
static const char *op_name[O] = {"Tokyo Electric", "Osaka Water", "東京の銀行"};
static int8_t op_sector[O] = {0, 3, 4};
static int8_t op_pref[O] = {13, 27, 13};
static int64_t op_customers[O] = {1000000, 250000, 4000000};
static uint8_t op_designated[O] = {1, 0, 1};
static const char *sup_id[NSUP] = {"vendor_a", "vendor_b"};
static const char *sup_name[NSUP] = {"Vendor A", "Vendor B"};
static char sup_country[NSUP][3] = {"JP", "US"};
static int8_t sup_category[NSUP] = {0, 7};
static int32_t edge_src[NEDGE] = {0, 0, 1}, edge_dst[NEDGE] = {0, 2, O + 0};
static int8_t edge_channel[NEDGE] = {0, 2, 1}, edge_priv[NEDGE] = {1, 0, 2};
static double edge_lag[NEDGE] = {0, 24, 2.5}, edge_share[NEDGE] = {1, 0.5, 0.25};
static int32_t dep_op[NDEP] = {2, 1}, dep_provider[NDEP] = {0, 0};
static int8_t dep_kind[NDEP] = {0, 0};
static double dep_buffer[NDEP] = {4, 12}, dep_loss[NDEP] = {1, 0.5};

static void fake_network(ssim_network_t *net)
{
    memset(net, 0, sizeof *net);
    static char paths[SSIM_NET_N_FILES][64];
    for (int f = 0; f < SSIM_NET_N_FILES; f++) {
        snprintf(paths[f], sizeof paths[f], "net/file%d.csv", f);
        net->files[f].path = paths[f];
        memset(net->files[f].sha256, 'a' + f, 64);
        net->files[f].bytes = 100 + (uint64_t)f;
        net->files[f].rows = 3 + (uint64_t)f;
    }
    net->n_operators = O;
    net->op_id = op_id, net->op_name = op_name, net->op_sector = op_sector;
    net->op_prefecture = op_pref, net->op_customers = op_customers;
    net->op_designated = op_designated;
    net->n_suppliers = NSUP;
    net->sup_id = sup_id, net->sup_name = sup_name, net->sup_country = sup_country;
    net->sup_category = sup_category;
    net->n_supply = NEDGE;
    net->sup_src = edge_src, net->sup_dst = edge_dst, net->sup_channel = edge_channel;
    net->sup_lag_hours = edge_lag, net->sup_share = edge_share, net->sup_privilege = edge_priv;
    net->n_deps = NDEP;
    net->dep_op = dep_op, net->dep_provider = dep_provider, net->dep_kind = dep_kind;
    net->dep_buffer_hours = dep_buffer, net->dep_loss = dep_loss;
}

static void fake_scenario(ssim_scenario_t *sc, int per_trial, int time_series)
{
    memset(sc, 0, sizeof *sc);
    sc->path = "scenarios/fake.yaml";
    sc->text = "name: fake\ntrials: 50\nseed: 12345\n";
    sc->name = "fake";
    sc->model = "supply_chain";
    sc->trials = T;
    sc->seed = 12345;
    sc->horizon_hours = HORIZON;
    sc->output_step_hours = STEP;
    sc->output.per_trial = per_trial;
    sc->output.time_series = time_series;
    sc->output.per_operator = 1;
    sc->output.network_tables = 1;
    sc->resolved_json = "{\"name\":\"fake\",\"trials\":50}";
}

/* Sector s of trial t loses (t % 7) * (s + 1) * 12 customer-hours (sectors 0,
 * 3, 4 only), spread evenly over the horizon, so every cross-check below is
 * exact in binary floating point.  The people counts are consistent with that
 * (h5check checks low <= estimate <= high and people <= peak x horizon): one
 * resident per customer, no overlap (estimate = upper bound = the sum), the
 * lower bound the largest sector, the peak the sum of the steady rates. */
static int fake_results(ssim_results_t *r, int time_series)
{
    size_t S = (size_t)ssim_vocab_sector.n;
    if (ssim_results_init(r, T, S, O, HORIZON, STEP, time_series) != SSIM_OK)
        return -1;
    size_t K = r->n_steps;
    for (size_t t = 0; t < T; t++) {
        ssim_trial_row_t row;
        ssim_results_row(r, t, NULL, &row);
        int sectors = 0;
        double largest = 0;
        for (size_t s = 0; s < S; s++) {
            double ch = (s == 0 || s == 3 || s == 4) ? (double)(t % 7) * (double)(s + 1) * 12 : 0;
            ssim_row_f64(&row, SSIM_COL_SECTOR_SERVICE)[s] = ch;
            ssim_row_i32(&row, SSIM_COL_SECTOR_COMPROMISED)[s] = ch > 0;
            ssim_row_i32(&row, SSIM_COL_SECTOR_OUT)[s] = ch > 0;
            *ssim_row_f64(&row, SSIM_COL_PEOPLE_HOURS) += ch;
            largest = ch > largest ? ch : largest;
            sectors += ch > 0;
            for (size_t k = 0; time_series && k < K; k++)
                ssim_row_f32(&row, SSIM_COL_TIME_SERIES)[k * S + s] = (float)(ch / HORIZON);
        }
        ssim_row_f64(&row, SSIM_COL_PREF_PEOPLE_HOURS)[12] =
            *ssim_row_f64(&row, SSIM_COL_PEOPLE_HOURS) * 0.75; /* Tokyo */
        ssim_row_f64(&row, SSIM_COL_PREF_PEOPLE_HOURS)[26] =
            *ssim_row_f64(&row, SSIM_COL_PEOPLE_HOURS) * 0.25; /* Osaka */
        double people = *ssim_row_f64(&row, SSIM_COL_PEOPLE_HOURS);
        *ssim_row_f64(&row, SSIM_COL_PEOPLE_HOURS_LOW) = largest;
        *ssim_row_f64(&row, SSIM_COL_PEOPLE_HOURS_HIGH) = people;
        *ssim_row_f64(&row, SSIM_COL_PEAK_PEOPLE) = people / HORIZON;
        *ssim_row_i32(&row, SSIM_COL_MAX_SECTORS_OUT) = sectors;
        *ssim_row_i32(&row, SSIM_COL_SUPPLIERS_COMPROMISED) = (int32_t)(t % 2);
        *ssim_row_i32(&row, SSIM_COL_OPERATORS_COMPROMISED) = sectors;
        *ssim_row_i32(&row, SSIM_COL_OPERATORS_OUT) = sectors;
        *ssim_row_u32(&row, SSIM_COL_EVENTS) = (uint32_t)(10 * t);
    }
    for (size_t o = 0; o < O; o++) {
        r->ops.n_compromised[o] = (uint32_t)(10 * (o + 1));
        r->ops.n_out[o] = (uint32_t)(5 * (o + 1));
        r->ops.outage_ms[o] = 1500 * (o + 1) * T;
    }
    return ssim_results_summarize(r, 1) == SSIM_OK ? 0 : -1;
}

static ssim_run_info_t fake_info(int threads)
{
    return (ssim_run_info_t){.command_line = "sectorsim run fake.yaml",
                             .model_name = "supply_chain",
                             .threads = threads,
                             .elapsed_seconds = 0.25 * threads,
                             .events_total = 12250};
}

/* ---------------------------------------------------------------- helpers */

static int file_exists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0;
}

/* Whole file into memory (caller frees), length in *n. */
static unsigned char *slurp(const char *path, size_t *n)
{
    FILE *f = fopen(path, "rb");
    unsigned char *buf = NULL;
    *n = 0;
    if (!f)
        return NULL;
    if (fseek(f, 0, SEEK_END) == 0) {
        long len = ftell(f);
        rewind(f);
        buf = len > 0 ? malloc((size_t)len) : NULL;
        if (buf && fread(buf, 1, (size_t)len, f) == (size_t)len)
            *n = (size_t)len;
    }
    fclose(f);
    return buf;
}

static void wait_next_second(void)
{
    time_t t0 = time(NULL);
    while (time(NULL) == t0) {
        struct timespec ts = {0, 20000000};
        nanosleep(&ts, NULL);
    }
}

static int has_attr(hid_t obj, const char *name) { return H5Aexists(obj, name) > 0; }

static void read_attr_str(hid_t obj, const char *name, char *buf, size_t size)
{
    hid_t type = H5Tcopy(H5T_C_S1);
    H5Tset_size(type, H5T_VARIABLE);
    H5Tset_cset(type, H5T_CSET_UTF8);
    char *v = NULL;
    hid_t a = H5Aopen(obj, name, H5P_DEFAULT);
    buf[0] = '\0';
    if (a >= 0 && H5Aread(a, type, &v) >= 0 && v) {
        snprintf(buf, size, "%s", v);
        H5free_memory(v);
    }
    if (a >= 0)
        H5Aclose(a);
    H5Tclose(type);
}

static double read_scalar_f64(hid_t file, const char *name)
{
    double x = NAN;
    hid_t ds = H5Dopen2(file, name, H5P_DEFAULT);
    if (ds >= 0) {
        H5Dread(ds, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, &x);
        H5Dclose(ds);
    }
    return x;
}

/* ------------------------------------------------------------------ tests */

/* Every wanted registry field exists with its shape, units, long_name and a
 * scale on every axis; every unwanted one is absent. */
static void check_registry_layout(hid_t file, const ssim_io_src_t *src)
{
    for (size_t i = 0; i < src->n_fields; i++) {
        const ssim_io_field_t *f = &src->fields[i];
        char name[256];
        snprintf(name, sizeof name, "/%s/%s", f->group, f->name);
        int wanted = ssim_io_field_wanted(src, f);
        htri_t exists = H5Lexists(file, name, H5P_DEFAULT);
        if ((exists > 0) != wanted) {
            fprintf(stderr, "%s: exists %d, wanted %d\n", name, (int)exists, wanted);
            CHECK(0);
            continue;
        }
        if (!wanted)
            continue;
        hid_t ds = H5Dopen2(file, name, H5P_DEFAULT), space = H5Dget_space(ds);
        hsize_t dims[3] = {0, 0, 0};
        CHECK_EQ_INT(H5Sget_simple_extent_ndims(space), f->ndims);
        H5Sget_simple_extent_dims(space, dims, NULL);
        for (int d = 0; d < f->ndims; d++) {
            CHECK_EQ_INT(dims[d], src->len[f->dims[d]]);
            char scale[256];
            snprintf(scale, sizeof scale, "/%s/%s", f->group, ssim_io_dim_name(f->dims[d]));
            hid_t sds = H5Dopen2(file, scale, H5P_DEFAULT);
            CHECK(H5DSis_scale(sds) > 0);
            if (strcmp(scale, name) != 0)
                CHECK(H5DSis_attached(ds, sds, (unsigned)d) > 0);
            H5Dclose(sds);
        }
        CHECK(has_attr(ds, "units") && has_attr(ds, "long_name"));
        if (f->vocab && f->type != SSIM_IO_STR)
            CHECK(has_attr(ds, "flag_values") && has_attr(ds, "flag_meanings"));
        H5Sclose(space);
        H5Dclose(ds);
    }
}

static void check_values(hid_t file, const ssim_results_t *r)
{
    size_t S = r->n_sectors;
    double *sch = calloc(T * S, sizeof *sch);
    hid_t ds = H5Dopen2(file, "/results/sector_service_lost", H5P_DEFAULT);
    hid_t space = H5Dget_space(ds);
    hsize_t dims[2], maxdims[2];
    H5Sget_simple_extent_dims(space, dims, maxdims);
    CHECK(maxdims[0] == H5S_UNLIMITED && maxdims[1] == S);
    CHECK(H5Dread(ds, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, sch) >= 0);
    CHECK(memcmp(sch, ssim_results_f64(r, SSIM_COL_SECTOR_SERVICE), T * S * sizeof *sch) == 0);
    hid_t dcpl = H5Dget_create_plist(ds);
    CHECK(H5Pget_layout(dcpl) == H5D_CHUNKED);
    CHECK_EQ_INT(H5Pget_nfilters(dcpl), 2); /* shuffle + deflate */
    H5Pclose(dcpl);
    H5Sclose(space);
    H5Dclose(ds);
    free(sch);
    CHECK_NEAR(read_scalar_f64(file, "/summary/people_mean"),
               ssim_results_stats(r, SSIM_COL_PEOPLE_HOURS)->mean, 0);
    CHECK_NEAR(read_scalar_f64(file, "/summary/p_multi_sector"),
               r->col[SSIM_COL_MAX_SECTORS_OUT].mean[0], 0);
    uint64_t hash = 0;
    ds = H5Dopen2(file, "/summary/verification_hash", H5P_DEFAULT);
    H5Dread(ds, H5T_NATIVE_UINT64, H5S_ALL, H5S_ALL, H5P_DEFAULT, &hash);
    H5Dclose(ds);
    CHECK(hash == r->verification);
    double p[O];
    ds = H5Dopen2(file, "/operators/operator_mean_outage_hours", H5P_DEFAULT);
    H5Dread(ds, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, p);
    H5Dclose(ds);
    CHECK_NEAR(p[1], 3.0, 1e-12); /* 1500 * 2 * T milli-hours over T trials */
}

static void check_attributes(hid_t file)
{
    char buf[256];
    read_attr_str(file, "software", buf, sizeof buf);
    CHECK(strcmp(buf, "sectorsim") == 0);
    read_attr_str(file, "Conventions", buf, sizeof buf);
    CHECK(strcmp(buf, "CF-1.8") == 0);
    read_attr_str(file, "title", buf, sizeof buf);
    CHECK(strcmp(buf, "fake") == 0);
    uint64_t seed = 0;
    hid_t a = H5Aopen(file, "seed", H5P_DEFAULT);
    H5Aread(a, H5T_NATIVE_UINT64, &seed);
    hid_t type = H5Aget_type(a);
    CHECK(H5Tget_class(type) == H5T_INTEGER && H5Tget_size(type) == 8);
    H5Tclose(type);
    H5Aclose(a);
    CHECK(seed == 12345);
    CHECK(!has_attr(file, "threads") && !has_attr(file, "created_utc"));
    hid_t ds = H5Dopen2(file, "/network/operator_sector", H5P_DEFAULT);
    read_attr_str(ds, "flag_meanings", buf, sizeof buf);
    CHECK_STR_CONTAINS(buf, "electricity gas petroleum");
    H5Dclose(ds);
    ds = H5Dopen2(file, "/network/supplier_country", H5P_DEFAULT);
    type = H5Dget_type(ds);
    CHECK(H5Tis_variable_str(type) > 0 && H5Tget_cset(type) == H5T_CSET_UTF8);
    H5Tclose(type);
    H5Dclose(ds);
}

static void test_write_and_read(const char *dir)
{
    ssim_network_t net;
    ssim_scenario_t sc;
    ssim_results_t res;
    fake_network(&net);
    fake_scenario(&sc, 1, 1);
    CHECK(fake_results(&res, 1) == 0);
    ssim_run_info_t info = fake_info(4);
    char path[512];
    snprintf(path, sizeof path, "%s/full.h5", dir);
    CHECK_EQ_INT(ssim_h5_write(path, &sc, &net, &res, &info), SSIM_OK);
    CHECK_EQ_INT(dirsnap_hidden(dir), 0);
    hid_t file = H5Fopen(path, H5F_ACC_RDONLY, H5P_DEFAULT);
    CHECK(file >= 0);
    if (file >= 0) {
        ssim_io_src_t src;
        CHECK_EQ_INT(ssim_io_src_init(&src, &sc, &net, &res, &info), SSIM_OK);
        check_registry_layout(file, &src);
        ssim_io_src_destroy(&src);
        check_values(file, &res);
        check_attributes(file);
        CHECK_EQ_INT(H5Fget_obj_count(file, H5F_OBJ_ALL), 1);
        H5Fclose(file);
    }
    uint64_t est = 0, before = 0;
    CHECK_EQ_INT(ssim_h5_estimate_bytes(&sc, &net, &res, &est), SSIM_OK);
    uint64_t per_trial = T * (8 + 8 + 5 * 4 + 8 + (uint64_t)ssim_vocab_sector.n * 16 +
                              SSIM_N_PREFECTURES * 8 + res.n_steps * ssim_vocab_sector.n * 4);
    CHECK(est > per_trial && est < per_trial + 64 * 1024);
    CHECK_EQ_INT(ssim_h5_estimate_bytes(&sc, &net, NULL, &before), SSIM_OK);
    CHECK(before == est); /* before the run: from sc */
    /* out of memory is an error, never a silent 0 (issue 18, defect 10) */
    char messages[512];
    ssim_error_capture(messages, sizeof messages);
    unsigned long failed = 0;
    for (unsigned long k = 1; k < 1000; k++) {
        uint64_t got = 1;
        ssim_alloc_fail_after(k);
        ssim_status_t st = ssim_h5_estimate_bytes(&sc, &net, &res, &got);
        ssim_alloc_fail_after(0);
        if (st == SSIM_OK) {
            CHECK(got == est);
            break;
        }
        CHECK_EQ_INT(st, SSIM_ENOMEM);
        CHECK(got == 0);
        failed++;
    }
    ssim_error_capture(NULL, 0);
    CHECK(failed > 0);
    ssim_results_destroy(&res);
}

/* Summary-only: no per-trial datasets (the registry check covers which). */
static void test_summary_only(const char *dir)
{
    ssim_network_t net;
    ssim_scenario_t sc;
    ssim_results_t res;
    fake_network(&net);
    fake_scenario(&sc, 0, 0);
    CHECK(fake_results(&res, 0) == 0);
    ssim_run_info_t info = fake_info(1);
    char path[512];
    snprintf(path, sizeof path, "%s/summary.h5", dir);
    CHECK_EQ_INT(ssim_h5_write(path, &sc, &net, &res, &info), SSIM_OK);
    hid_t file = H5Fopen(path, H5F_ACC_RDONLY, H5P_DEFAULT);
    if (file >= 0) {
        ssim_io_src_t src;
        ssim_io_src_init(&src, &sc, &net, &res, &info);
        check_registry_layout(file, &src);
        ssim_io_src_destroy(&src);
        CHECK(H5Lexists(file, "/results/trial", H5P_DEFAULT) == 0);
        CHECK_NEAR(read_scalar_f64(file, "/summary/people_mean"),
                   ssim_results_stats(&res, SSIM_COL_PEOPLE_HOURS)->mean, 0);
        H5Fclose(file);
    }
    uint64_t est = 0;
    CHECK_EQ_INT(ssim_h5_estimate_bytes(&sc, &net, &res, &est), SSIM_OK);
    CHECK(est < 64 * 1024);
    ssim_results_destroy(&res);
}

/* A stop requested (SIGINT/SIGTERM) after the trial loop, while the file is
 * built, ends the write with SSIM_EINTR (exit 5): no file, no temporary, an
 * earlier file untouched (issue 18, defect 9). */
static void test_stop_before_write(const char *dir)
{
    ssim_network_t net;
    ssim_scenario_t sc;
    ssim_results_t res;
    fake_network(&net);
    fake_scenario(&sc, 1, 0);
    CHECK(fake_results(&res, 0) == 0);
    ssim_run_info_t info = fake_info(1);
    char path[512], earlier[512];
    snprintf(path, sizeof path, "%s/stopped.h5", dir);
    snprintf(earlier, sizeof earlier, "%s/earlier.h5", dir);
    CHECK_EQ_INT(ssim_h5_write(earlier, &sc, &net, &res, &info), SSIM_OK);
    char *before = dirsnap(dir);
    ssim_run_request_stop();
    ssim_error_capture(errbuf, sizeof errbuf);
    CHECK_EQ_INT(ssim_h5_write(path, &sc, &net, &res, &info), SSIM_EINTR);
    CHECK_EQ_INT(ssim_h5_write(earlier, &sc, &net, &res, &info), SSIM_EINTR);
    ssim_error_capture(NULL, 0);
    CHECK_STR_CONTAINS(errbuf, "interrupted; nothing written");
    ssim_run_reset_stop();
    char *after = dirsnap(dir);
    CHECK(before && after && strcmp(before, after) == 0); /* nothing new, earlier intact */
    CHECK(!file_exists(path));
    free(before);
    free(after);
    ssim_results_destroy(&res);
}

/* Same inputs, other thread count and time: identical bytes when the
 * provenance is pinned (SOURCE_DATE_EPOCH, same run info). */
static void test_identical_bytes(const char *dir)
{
    ssim_network_t net;
    ssim_scenario_t sc;
    ssim_results_t res;
    fake_network(&net);
    fake_scenario(&sc, 1, 1);
    CHECK(fake_results(&res, 1) == 0);
    ssim_run_info_t info = fake_info(2);
    char a[512], b[512];
    snprintf(a, sizeof a, "%s/a.h5", dir);
    snprintf(b, sizeof b, "%s/b.h5", dir);
    setenv("SOURCE_DATE_EPOCH", "1700000000", 1);
    CHECK_EQ_INT(ssim_h5_write(a, &sc, &net, &res, &info), SSIM_OK);
    wait_next_second();
    CHECK_EQ_INT(ssim_h5_write(b, &sc, &net, &res, &info), SSIM_OK);
    unsetenv("SOURCE_DATE_EPOCH");
    size_t na, nb;
    unsigned char *ba = slurp(a, &na), *bb = slurp(b, &nb);
    CHECK(ba && bb && na == nb && na > 0 && memcmp(ba, bb, na) == 0);
    free(ba);
    free(bb);
    /* Overwriting an existing file replaces it. */
    CHECK_EQ_INT(ssim_h5_write(a, &sc, &net, &res, &info), SSIM_OK);
    CHECK_EQ_INT(dirsnap_hidden(dir), 0);
    ssim_results_destroy(&res);
}

static void test_errors(const char *dir)
{
    ssim_network_t net;
    ssim_scenario_t sc;
    ssim_results_t res;
    fake_network(&net);
    fake_scenario(&sc, 1, 0);
    CHECK(fake_results(&res, 0) == 0);
    ssim_run_info_t info = fake_info(1);
    char path[512];

    /* Directory that does not exist: SSIM_EIO naming the path, no file. */
    snprintf(path, sizeof path, "%s/no/such/dir/out.h5", dir);
    ssim_error_capture(errbuf, sizeof errbuf);
    CHECK_EQ_INT(ssim_h5_write(path, &sc, &net, &res, &info), SSIM_EIO);
    CHECK_STR_CONTAINS(errbuf, path);
    CHECK(!file_exists(path));

    /* Final name is a directory: the rename fails after a complete write;
     * the temporary file is removed and the directory left alone. */
    snprintf(path, sizeof path, "%s/isdir.h5", dir);
    CHECK(mkdir(path, 0755) == 0);
    char marker[600];
    snprintf(marker, sizeof marker, "%s/keep", path);
    FILE *f = fopen(marker, "w");
    if (f)
        fclose(f);
    errbuf[0] = '\0';
    CHECK_EQ_INT(ssim_h5_write(path, &sc, &net, &res, &info), SSIM_EIO);
    CHECK_STR_CONTAINS(errbuf, "rename");
    CHECK(file_exists(marker));
    CHECK_EQ_INT(dirsnap_hidden(dir), 0);
    remove(marker);
    rmdir(path);

    /* Results for another network: internal error, no file. */
    snprintf(path, sizeof path, "%s/mismatch.h5", dir);
    net.n_operators = O - 1;
    errbuf[0] = '\0';
    CHECK_EQ_INT(ssim_h5_write(path, &sc, &net, &res, &info), SSIM_EINTERNAL);
    CHECK_STR_CONTAINS(errbuf, "operators");
    CHECK(!file_exists(path));
    net.n_operators = O;

    /* A path naming a directory. */
    errbuf[0] = '\0';
    CHECK_EQ_INT(ssim_h5_write("out/", &sc, &net, &res, &info), SSIM_EINVAL);
    ssim_error_capture(NULL, 0);
    CHECK_EQ_INT(dirsnap_hidden(dir), 0);
    ssim_results_destroy(&res);
}

/* HDF5 failing mid-write (a file size limit makes write(2) fail with EFBIG):
 * SSIM_EIO, the earlier file under the final name untouched, no temporary
 * file left. */
static void test_write_failure(const char *dir)
{
    ssim_network_t net;
    ssim_scenario_t sc;
    ssim_results_t res;
    fake_network(&net);
    fake_scenario(&sc, 1, 1);
    CHECK(fake_results(&res, 1) == 0);
    ssim_run_info_t info = fake_info(1);
    char path[512];
    snprintf(path, sizeof path, "%s/earlier.h5", dir);
    CHECK_EQ_INT(ssim_h5_write(path, &sc, &net, &res, &info), SSIM_OK);
    size_t n0, n1;
    unsigned char *before = slurp(path, &n0);
    struct rlimit old, lim;
    CHECK(getrlimit(RLIMIT_FSIZE, &old) == 0);
    lim = old;
    lim.rlim_cur = 16384;
    signal(SIGXFSZ, SIG_IGN);
    CHECK(setrlimit(RLIMIT_FSIZE, &lim) == 0);
    ssim_error_capture(errbuf, sizeof errbuf);
    CHECK_EQ_INT(ssim_h5_write(path, &sc, &net, &res, &info), SSIM_EIO);
    ssim_error_capture(NULL, 0);
    CHECK(setrlimit(RLIMIT_FSIZE, &old) == 0);
    CHECK_STR_CONTAINS(errbuf, path);
    unsigned char *after = slurp(path, &n1);
    CHECK(before && after && n0 == n1 && memcmp(before, after, n0) == 0);
    CHECK_EQ_INT(dirsnap_hidden(dir), 0);
    free(before);
    free(after);
    ssim_results_destroy(&res);
}

/* `info` on our file, a text file, another HDF5 file, and a missing file. */
static void test_info(const char *dir)
{
    char path[512], text[512], other[512], missing[512];
    snprintf(path, sizeof path, "%s/full.h5", dir);
    snprintf(text, sizeof text, "%s/text.h5", dir);
    snprintf(other, sizeof other, "%s/other.h5", dir);
    snprintf(missing, sizeof missing, "%s/missing.h5", dir);
    char out[16384] = "";
    FILE *f = tmpfile();
    CHECK(f != NULL);
    if (!f)
        return;
    CHECK_EQ_INT(ssim_h5_info(path, f), SSIM_OK);
    rewind(f);
    size_t n = fread(out, 1, sizeof out - 1, f);
    out[n] = '\0';
    fclose(f);
    CHECK_STR_CONTAINS(out, "fake");
    CHECK_STR_CONTAINS(out, "12345 (philox4x32-10)");
    CHECK_STR_CONTAINS(out, "sectorsim run fake.yaml");
    CHECK_STR_CONTAINS(out, "aaaaaaaaaaaaaaaa");
    CHECK_STR_CONTAINS(out, "operators     3: electricity 1, water 1, finance 1");
    CHECK_STR_CONTAINS(out, "supply edges  3");
    CHECK_STR_CONTAINS(out, "CVaR95");
    CHECK_STR_CONTAINS(out, "electricity");

    FILE *t = fopen(text, "w");
    if (t) {
        fputs("not hdf5\n", t);
        fclose(t);
    }
    hid_t h = H5Fcreate(other, H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT);
    H5Fclose(h);
    ssim_error_capture(errbuf, sizeof errbuf);
    CHECK_EQ_INT(ssim_h5_info(text, stdout), SSIM_EINVAL);
    CHECK_STR_CONTAINS(errbuf, text);
    CHECK_EQ_INT(ssim_h5_info(other, stdout), SSIM_EINVAL);
    CHECK_STR_CONTAINS(errbuf, "not a sectorsim results file");
    CHECK_EQ_INT(ssim_h5_info(missing, stdout), SSIM_EINVAL); /* missing input: bad input */
    CHECK_STR_CONTAINS(errbuf, missing);
    ssim_error_capture(NULL, 0);
}

static void test_markdown(void)
{
    char *doc = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&doc, &len);
    const ssim_col_table_t *tables[] = {&ssim_results_base_table, NULL};
    CHECK_EQ_INT(ssim_h5_fields_markdown(f, tables), SSIM_OK);
    fclose(f);
    CHECK_STR_CONTAINS(doc, "| `/results` | `people_hours` | (trial) | float64 | person h |");
    CHECK_STR_CONTAINS(doc, "| `/results` | `sector_customers_out` | (trial, time, sector) |");
    CHECK_STR_CONTAINS(doc, "| `/` | `seed` | uint64 |");
    CHECK_STR_CONTAINS(doc, "| `/summary` | `people_mean` | scalar | float64 |");
    ssim_io_src_t src; /* every dataset of the registry and the base table is documented */
    memset(&src, 0, sizeof src);
    CHECK_EQ_INT(ssim_io_fields_build(&src.fields, &src.n_fields, &src.names, &src, tables),
                 SSIM_OK);
    CHECK(src.n_fields > ssim_io_n_fields); /* the marker rows expanded */
    for (size_t i = 0; i < src.n_fields; i++) {
        char row[256];
        snprintf(row, sizeof row, "| `/%s` | `%s` |", src.fields[i].group, src.fields[i].name);
        CHECK_STR_CONTAINS(doc, row);
        CHECK(src.fields[i].when != SSIM_IO_COLUMNS);
    }
    ssim_io_src_destroy(&src);
    free(doc);
}

/* The files the Python checks read (see the header). */
static int keep_files(const char *dir)
{
    if (mkdir(dir, 0755) < 0 && errno != EEXIST)
        return -1;
    ssim_network_t net;
    ssim_scenario_t sc;
    ssim_results_t res;
    fake_network(&net);
    fake_scenario(&sc, 1, 1);
    if (fake_results(&res, 1) != 0)
        return -1;
    ssim_run_info_t one = fake_info(1), eight = fake_info(8);
    eight.command_line = "sectorsim run --threads 8 fake.yaml";
    char path[512];
    int rc = 0;
    snprintf(path, sizeof path, "%s/fake.h5", dir);
    rc |= ssim_h5_write(path, &sc, &net, &res, &one) != SSIM_OK;
    snprintf(path, sizeof path, "%s/fake_threads.h5", dir);
    rc |= ssim_h5_write(path, &sc, &net, &res, &eight) != SSIM_OK;
    ssim_results_f64(&res, SSIM_COL_PEOPLE_HOURS)[3] += 1;
    snprintf(path, sizeof path, "%s/fake_changed.h5", dir);
    rc |= ssim_h5_write(path, &sc, &net, &res, &one) != SSIM_OK;
    ssim_results_destroy(&res);
    fake_scenario(&sc, 0, 0);
    if (fake_results(&res, 0) != 0)
        return -1;
    snprintf(path, sizeof path, "%s/fake_summary.h5", dir);
    rc |= ssim_h5_write(path, &sc, &net, &res, &one) != SSIM_OK;
    ssim_results_destroy(&res);
    return rc ? -1 : 0;
}

static void remove_tree(const char *dir)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    char path[1024];
    while (d && (e = readdir(d))) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        remove(path);
    }
    if (d)
        closedir(d);
    rmdir(dir);
}

int main(int argc, char **argv)
{
    char dir[] = "/tmp/ssim_test_io.XXXXXX";
    if (!mkdtemp(dir)) {
        perror("mkdtemp");
        return 1;
    }
    test_write_and_read(dir);
    test_summary_only(dir);
    test_stop_before_write(dir);
    test_identical_bytes(dir);
    test_errors(dir);
    test_write_failure(dir);
    test_info(dir);
    test_markdown();
    remove_tree(dir);
    if (argc == 3 && strcmp(argv[1], "--keep") == 0)
        CHECK(keep_files(argv[2]) == 0);
    return check_report("test_io");
}
