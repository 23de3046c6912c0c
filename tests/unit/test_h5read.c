/* Unit tests of io/h5read on small hand-made HDF5 files: what reads back,
 * absent objects (empty, no error), every kind of unreadable object (SSIM_EIO
 * naming the file and the object, then sticky), and every way a file is not
 * a sectorsim results file (SSIM_EINVAL) or cannot be opened (SSIM_EIO). */
#include "io/h5read.h"

#include "check.h"

#include <hdf5.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char errbuf[8192];

/* Scalar string attribute: variable length UTF-8, or fixed length ASCII. */
static void attr_string(hid_t obj, const char *name, const char *value, int fixed)
{
    hid_t t = H5Tcopy(H5T_C_S1), sp = H5Screate(H5S_SCALAR);
    H5Tset_size(t, fixed ? strlen(value) + 1 : H5T_VARIABLE);
    H5Tset_cset(t, fixed ? H5T_CSET_ASCII : H5T_CSET_UTF8);
    hid_t a = H5Acreate2(obj, name, t, sp, H5P_DEFAULT, H5P_DEFAULT);
    H5Awrite(a, t, fixed ? (const void *)value : (const void *)&value);
    H5Aclose(a);
    H5Sclose(sp);
    H5Tclose(t);
}

/* 1-D attribute of n integers (n = 0: scalar). */
static void attr_int(hid_t obj, const char *name, int n, const uint64_t *v)
{
    hsize_t dims[1] = {(hsize_t)n};
    hid_t sp = n ? H5Screate_simple(1, dims, NULL) : H5Screate(H5S_SCALAR);
    hid_t a = H5Acreate2(obj, name, H5T_STD_U64LE, sp, H5P_DEFAULT, H5P_DEFAULT);
    H5Awrite(a, H5T_NATIVE_UINT64, v);
    H5Aclose(a);
    H5Sclose(sp);
}

static void dataset_doubles(hid_t file, const char *name, int n, const double *v)
{
    hsize_t dims[1] = {(hsize_t)n};
    hid_t sp = H5Screate_simple(1, dims, NULL);
    hid_t d = H5Dcreate2(file, name, H5T_IEEE_F64LE, sp, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
    H5Dwrite(d, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, v);
    H5Dclose(d);
    H5Sclose(sp);
}

static void dataset_strings(hid_t file, const char *name, int n, const char **v)
{
    hsize_t dims[1] = {(hsize_t)n};
    hid_t t = H5Tcopy(H5T_C_S1), sp = H5Screate_simple(1, dims, NULL);
    H5Tset_size(t, H5T_VARIABLE);
    H5Tset_cset(t, H5T_CSET_UTF8);
    hid_t d = H5Dcreate2(file, name, t, sp, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
    H5Dwrite(d, t, H5S_ALL, H5S_ALL, H5P_DEFAULT, v);
    H5Dclose(d);
    H5Sclose(sp);
    H5Tclose(t);
}

/* A file of ours with a few of everything, some of it of the wrong kind. */
static void make_file(const char *path, const char *software, int fixed)
{
    hid_t f = H5Fcreate(path, H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT);
    if (software)
        attr_string(f, "software", software, fixed);
    attr_string(f, "title", "a title", 0);
    uint64_t seed = 42, two[2] = {1, 2}, threads = 4;
    attr_int(f, "seed", 0, &seed);
    attr_int(f, "n_trials", 2, two); /* an array where a number is expected */
    attr_int(f, "model", 0, &seed);  /* a number where a string is expected */
    hid_t g = H5Gcreate2(f, "summary", H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
    H5Gclose(g);
    g = H5Gcreate2(f, "provenance", H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
    attr_int(g, "threads", 0, &threads);
    H5Gclose(g);
    double x[3] = {1.5, 2.5, -3}, one = 5;
    dataset_doubles(f, "/summary/x", 3, x);
    dataset_doubles(f, "/summary/one", 1, &one);
    const char *names[2] = {"a", "東京"};
    dataset_strings(f, "/names", 2, names);
    H5Fclose(f);
}

static void test_reads(const char *path)
{
    ssim_h5read_t r;
    CHECK_EQ_INT(ssim_h5read_open(&r, path), SSIM_OK);
    char buf[64];
    uint64_t u = 0;
    double d = 0;
    CHECK_EQ_INT(ssim_h5read_attr_str(&r, ".", "title", buf, sizeof buf), 0);
    CHECK(strcmp(buf, "a title") == 0);
    CHECK_EQ_INT(ssim_h5read_attr_str(&r, ".", "software", buf, 4), 0); /* truncated */
    CHECK(strcmp(buf, "sec") == 0);
    CHECK_EQ_INT(ssim_h5read_attr_u64(&r, ".", "seed", &u), 0);
    CHECK_EQ_INT(u, 42);
    CHECK_EQ_INT(ssim_h5read_attr_f64(&r, "/", "seed", &d), 0);
    CHECK(d == 42.0);
    CHECK_EQ_INT(ssim_h5read_attr_u64(&r, "provenance", "threads", &u), 0);
    CHECK_EQ_INT(u, 4);
    /* absent: -1, output untouched ("" for strings), no error */
    CHECK_EQ_INT(ssim_h5read_attr_str(&r, ".", "nosuch", buf, sizeof buf), -1);
    CHECK(buf[0] == '\0');
    CHECK_EQ_INT(ssim_h5read_attr_u64(&r, "nosuch/group", "threads", &u), -1);
    CHECK_EQ_INT(u, 4);

    CHECK_EQ_INT(ssim_h5read_exists(&r, "/summary"), 1);
    CHECK_EQ_INT(ssim_h5read_exists(&r, "/summary/x"), 1);
    CHECK_EQ_INT(ssim_h5read_exists(&r, "/nosuch/x"), 0);
    CHECK_EQ_INT(ssim_h5read_count(&r, "/summary/x"), 3);
    CHECK_EQ_INT(ssim_h5read_count(&r, "/summary/nosuch"), 0);
    ssim_h5read_doubles_t x = ssim_h5read_doubles(&r, "/summary/x");
    CHECK(x.n == 3 && x.v[0] == 1.5 && x.v[1] == 2.5 && x.v[2] == -3);
    free(x.v);
    x = ssim_h5read_doubles(&r, "/nosuch/x");
    CHECK(x.n == 0 && x.v == NULL);
    CHECK(ssim_h5read_scalar(&r, "/summary/one") == 5);
    CHECK(isnan(ssim_h5read_scalar(&r, "/summary/x"))); /* not one element */
    CHECK(isnan(ssim_h5read_scalar(&r, "/summary/nosuch")));
    ssim_h5read_strings_t s = ssim_h5read_strings(&r, "/names");
    CHECK(s.n == 2 && !strcmp(s.s[0], "a") && !strcmp(s.s[1], "東京"));
    ssim_h5read_strings_free(&s);
    CHECK_EQ_INT(r.st, SSIM_OK);
    CHECK_EQ_INT(ssim_h5read_close(&r), SSIM_OK);
}

/* Each unreadable object: SSIM_EIO naming the file and the object; then
 * every read is empty and close returns the failure. */
static void test_failures(const char *path)
{
    static const char *const want[] = {"n_trials of .", "model of .", "/summary/x", "/summary/x/y"};
    for (int k = 0; k < 4; k++) {
        ssim_h5read_t r;
        uint64_t u = 7;
        char buf[64];
        errbuf[0] = '\0';
        CHECK_EQ_INT(ssim_h5read_open(&r, path), SSIM_OK);
        if (k == 0) {
            CHECK_EQ_INT(ssim_h5read_attr_u64(&r, ".", "n_trials", &u), -1);
            CHECK_EQ_INT(u, 7);
        } else if (k == 1) {
            CHECK_EQ_INT(ssim_h5read_attr_str(&r, ".", "model", buf, sizeof buf), -1);
        } else if (k == 2) {
            ssim_h5read_strings_t s = ssim_h5read_strings(&r, "/summary/x");
            CHECK(s.n == 0 && s.s == NULL);
        } else {
            CHECK_EQ_INT(ssim_h5read_exists(&r, "/summary/x/y"), 0);
        }
        CHECK_EQ_INT(r.st, SSIM_EIO);
        CHECK_STR_CONTAINS(errbuf, path);
        CHECK_STR_CONTAINS(errbuf, want[k]);
        ssim_h5read_doubles_t x = ssim_h5read_doubles(&r, "/summary/one"); /* sticky */
        CHECK(x.n == 0 && x.v == NULL);
        CHECK_EQ_INT(ssim_h5read_attr_u64(&r, ".", "seed", &u), -1);
        CHECK_EQ_INT(ssim_h5read_close(&r), SSIM_EIO);
    }
}

/* Not ours: SSIM_EINVAL naming the file; not openable as HDF5: SSIM_EIO. */
static void test_open(const char *dir, const char *good)
{
    char path[600];
    ssim_h5read_t r;
    snprintf(path, sizeof path, "%s/missing.h5", dir);
    CHECK_EQ_INT(ssim_h5read_open(&r, path), SSIM_EINVAL);
    CHECK_EQ_INT(ssim_h5read_close(&r), SSIM_EINVAL);
    CHECK_STR_CONTAINS(errbuf, "missing.h5: cannot open");
    CHECK_EQ_INT(ssim_h5read_open(&r, dir), SSIM_EINVAL);
    ssim_h5read_close(&r);
    CHECK_STR_CONTAINS(errbuf, "a directory");
    snprintf(path, sizeof path, "%s/text.h5", dir);
    FILE *f = fopen(path, "w");
    if (f) {
        fputs("not hdf5\n", f);
        fclose(f);
    }
    CHECK_EQ_INT(ssim_h5read_open(&r, path), SSIM_EINVAL);
    ssim_h5read_close(&r);
    CHECK_STR_CONTAINS(errbuf, "text.h5: not an HDF5 file");
    static const char *const software[] = {NULL, "other", "sectorsimX"};
    for (int k = 0; k < 3; k++) {
        snprintf(path, sizeof path, "%s/foreign%d.h5", dir, k);
        make_file(path, software[k], 0);
        errbuf[0] = '\0';
        CHECK_EQ_INT(ssim_h5read_open(&r, path), SSIM_EINVAL);
        CHECK_EQ_INT(ssim_h5read_close(&r), SSIM_EINVAL);
        CHECK_STR_CONTAINS(errbuf, "not a sectorsim results file");
    }
    /* An HDF5 signature with the rest cut off: HDF5 fails on it. */
    snprintf(path, sizeof path, "%s/truncated.h5", dir);
    FILE *in = fopen(good, "rb"), *out = fopen(path, "wb");
    char head[600];
    size_t n = in ? fread(head, 1, sizeof head, in) : 0;
    if (out)
        fwrite(head, 1, n, out);
    if (in)
        fclose(in);
    if (out)
        fclose(out);
    errbuf[0] = '\0';
    CHECK_EQ_INT(ssim_h5read_open(&r, path), SSIM_EIO);
    CHECK_EQ_INT(ssim_h5read_close(&r), SSIM_EIO);
    CHECK_STR_CONTAINS(errbuf, "truncated.h5: cannot open as HDF5");
}

int main(void)
{
    char dir[] = "/tmp/ssim_test_h5read_XXXXXX", path[600];
    if (!mkdtemp(dir))
        return 1;
    H5Eset_auto2(H5E_DEFAULT, NULL, NULL);
    snprintf(path, sizeof path, "%s/ours.h5", dir);
    make_file(path, "sectorsim", 1); /* a fixed-length software attribute is fine too */
    ssim_error_capture(errbuf, sizeof errbuf);
    test_reads(path);
    test_failures(path);
    test_open(dir, path);
    ssim_error_capture(NULL, 0);
    char cmd[700];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0)
        fprintf(stderr, "cannot remove %s\n", dir);
    return check_report("test_h5read");
}
