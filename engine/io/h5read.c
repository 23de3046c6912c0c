/* io/h5read — see h5read.h. */
#include "io/h5read.h"

#include "core/infile.h"
#include "io/h5util.h"

#include "core/alloc.h"

#include <errno.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <unistd.h>

_Static_assert(sizeof(hid_t) == sizeof(int64_t), "hid_t is 64-bit (HDF5 >= 1.10)");

enum { MAX_NAME = 256 };

/* ------------------------------------------------------------ open/close */

/* A string attribute's memory type: its own character set, variable length
 * or n bytes (*fixed) like the stored type.  -1 when it is not a string. */
static hid_t string_type(hid_t a, size_t *fixed)
{
    hid_t ft = H5Aget_type(a), mt = -1;
    *fixed = 0;
    if (ft >= 0 && H5Tget_class(ft) == H5T_STRING && (mt = H5Tcopy(H5T_C_S1)) >= 0) {
        htri_t var = H5Tis_variable_str(ft);
        size_t n = var == 0 ? H5Tget_size(ft) : 0;
        H5T_cset_t cset = H5Tget_cset(ft);
        if (var < 0 || (var == 0 && n == 0) || cset < 0 ||
            H5Tset_size(mt, var ? H5T_VARIABLE : n) < 0 || H5Tset_cset(mt, cset) < 0) {
            (void)H5Tclose(mt);
            mt = -1;
        }
        *fixed = n;
    }
    if (ft >= 0)
        (void)H5Tclose(ft);
    return mt;
}

/* Root string attribute name into buf ("" on any failure). */
static void root_string(hid_t file, const char *name, char *buf, size_t size)
{
    char *s = NULL;
    size_t fixed = 0;
    buf[0] = '\0';
    hid_t a = H5Aexists(file, name) > 0 ? H5Aopen(file, name, H5P_DEFAULT) : -1;
    hid_t space = a >= 0 ? H5Aget_space(a) : -1;
    hid_t mt = space >= 0 && H5Sget_simple_extent_npoints(space) == 1 ? string_type(a, &fixed) : -1;
    if (mt >= 0 && fixed && fixed < size)
        (void)H5Aread(a, mt, buf);
    else if (mt >= 0 && !fixed && H5Aread(a, mt, &s) >= 0 && s)
        snprintf(buf, size, "%s", s);
    if (s)
        (void)H5free_memory(s);
    if (mt >= 0)
        (void)H5Tclose(mt);
    if (space >= 0)
        (void)H5Sclose(space);
    if (a >= 0)
        (void)H5Aclose(a);
    (void)H5Eclear2(H5E_DEFAULT);
}

/* The root attribute software reads "sectorsim" (any failure: it does not). */
static int is_ours(hid_t file)
{
    char sw[64];
    root_string(file, "software", sw, sizeof sw);
    return strcmp(sw, "sectorsim") == 0;
}

/* Open the file: SSIM_EINVAL for bad input, SSIM_EIO when HDF5 fails. */
static ssim_status_t open_file(ssim_h5read_t *r)
{
    ssim_loc_t loc = {r->path, 0, 0};
    /* a regular file only, checked without blocking: HDF5 would wait forever
     * on a FIFO and read a device (issue 18, defect 8) */
    FILE *probe = NULL;
    ssim_status_t st = ssim_infile_open(&probe, r->path, "");
    if (st != SSIM_OK)
        return st;
    fclose(probe);
    htri_t is = H5Fis_hdf5(r->path);
    if (is == 0)
        return ssim_error(SSIM_EINVAL, loc, "not an HDF5 file (so not a sectorsim results file)");
    if (is < 0 || (r->file = H5Fopen(r->path, H5F_ACC_RDONLY, H5P_DEFAULT)) < 0)
        return ssim_h5_fail(r->path, "cannot open as HDF5", NULL);
    if (!is_ours(r->file))
        return ssim_error(SSIM_EINVAL, loc,
                          "not a sectorsim results file (no root attribute software = "
                          "\"sectorsim\")");
    return SSIM_OK;
}

/* The crash guard (see h5read.h): while a file is open, a crash turns into
 * this message and exit 4.  Not in sanitizer builds, whose own reports are
 * worth more there (and the fuzzers must see HDF5's crashes). */
#if defined(__SANITIZE_ADDRESS__)
#define GUARD 0
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define GUARD 0
#endif
#endif
#ifndef GUARD
#define GUARD 1
#endif

/* The CPU time a file may take to read (ITIMER_VIRTUAL: user time).  Reading
 * the summaries and the network's sector column of the largest results file
 * takes a few seconds; a damaged global heap makes HDF5 1.10 loop forever. */
enum { GUARD_CPU_SECONDS = 120 };
static int guard_cpu_seconds = GUARD_CPU_SECONDS;

void ssim_h5read_set_cpu_limit(int seconds)
{
    guard_cpu_seconds = seconds > 0 ? seconds : GUARD_CPU_SECONDS;
}

static const int guarded_signals[] = {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGVTALRM};
enum { N_GUARDED = sizeof guarded_signals / sizeof guarded_signals[0] };
static struct sigaction saved[N_GUARDED];
static int guard_armed;
static char guard_msg[1024], guard_msg_loop[1024];
static size_t guard_len, guard_len_loop;

static void on_crash(int sig)
{
    const char *m = sig == SIGVTALRM ? guard_msg_loop : guard_msg;
    size_t n = sig == SIGVTALRM ? guard_len_loop : guard_len;
    ssize_t w = write(STDERR_FILENO, m, n); /* async-signal-safe */
    (void)w;
    _exit(4);
}

static size_t msg_len(int n, size_t size)
{
    return n < 0 ? 0 : (size_t)n < size ? (size_t)n : size - 1;
}

static void guard_arm(const char *path)
{
    if (!GUARD || guard_armed)
        return;
    int n = snprintf(guard_msg, sizeof guard_msg,
                     "sectorsim: %s: reading this results file crashed inside the HDF5 library "
                     "(the file is damaged or was made to crash HDF5 1.10; if it is a file "
                     "sectorsim wrote, please report it); nothing was written\n",
                     path);
    guard_len = msg_len(n, sizeof guard_msg);
    n = snprintf(guard_msg_loop, sizeof guard_msg_loop,
                 "sectorsim: %s: HDF5 spent %d s of CPU reading this results file without "
                 "finishing (a damaged file makes the HDF5 1.10 library loop); nothing was "
                 "written\n",
                 path, guard_cpu_seconds);
    guard_len_loop = msg_len(n, sizeof guard_msg_loop);
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_crash;
    sigemptyset(&sa.sa_mask);
    for (int i = 0; i < N_GUARDED; i++)
        sigaction(guarded_signals[i], &sa, &saved[i]);
    struct itimerval cpu = {.it_value = {.tv_sec = guard_cpu_seconds}};
    setitimer(ITIMER_VIRTUAL, &cpu, NULL);
    guard_armed = 1;
}

static void guard_disarm(void)
{
    if (!guard_armed)
        return;
    struct itimerval off = {{0, 0}, {0, 0}};
    setitimer(ITIMER_VIRTUAL, &off, NULL);
    for (int i = 0; i < N_GUARDED; i++)
        sigaction(guarded_signals[i], &saved[i], NULL);
    guard_armed = 0;
}

ssim_status_t ssim_h5read_open(ssim_h5read_t *r, const char *path)
{
    *r = (ssim_h5read_t){.path = path, .file = -1, .st = SSIM_OK};
    ssim_h5_quiet();
    guard_arm(path);
    return r->st = open_file(r);
}

int ssim_h5read_kind(const char *path, char *kind, size_t size)
{
    struct stat sb;
    kind[0] = '\0';
    if (stat(path, &sb) != 0 || !S_ISREG(sb.st_mode)) /* HDF5 would block on a FIFO */
        return -1;
    ssim_h5_quiet();
    guard_arm(path);
    hid_t file = H5Fis_hdf5(path) > 0 ? H5Fopen(path, H5F_ACC_RDONLY, H5P_DEFAULT) : -1;
    if (file >= 0 && is_ours(file))
        root_string(file, "file_kind", kind, size);
    if (file >= 0)
        (void)H5Fclose(file);
    (void)H5Eclear2(H5E_DEFAULT);
    guard_disarm();
    return file >= 0 ? 0 : -1;
}

ssim_status_t ssim_h5read_close(ssim_h5read_t *r)
{
    hid_t file = r->file;
    r->st = ssim_h5_close(r->st, &file, r->path, "file");
    r->file = -1;
    guard_disarm();
    return r->st;
}

/* ------------------------------------------------------------ datasets */

int ssim_h5read_exists(ssim_h5read_t *r, const char *name)
{
    if (r->st != SSIM_OK || r->file < 0)
        return 0;
    if (!strcmp(name, ".") || !strcmp(name, "/"))
        return 1;
    /* H5Lexists needs every group on the path to exist: check each prefix. */
    char buf[MAX_NAME];
    size_t n = strlen(name);
    if (n >= sizeof buf) {
        r->st = ssim_error(SSIM_EINTERNAL, (ssim_loc_t){r->path, 0, 0}, "object name too long: %s",
                           name);
        return 0;
    }
    memcpy(buf, name, n + 1);
    for (size_t i = 1; i <= n; i++) {
        if (buf[i] != '/' && buf[i] != '\0')
            continue;
        buf[i] = '\0';
        htri_t e = H5Lexists(r->file, buf, H5P_DEFAULT);
        if (e < 0)
            r->st = ssim_h5_fail(r->path, "cannot look up", buf);
        if (e <= 0)
            return 0;
        buf[i] = name[i];
    }
    return 1;
}

/* Open dataset name and count its elements; -1 when absent or on failure. */
static hid_t open_dataset(ssim_h5read_t *r, const char *name, size_t *n)
{
    *n = 0;
    if (!ssim_h5read_exists(r, name))
        return -1;
    hid_t ds = H5Dopen2(r->file, name, H5P_DEFAULT);
    hid_t space = ds >= 0 ? H5Dget_space(ds) : -1;
    hssize_t np = space >= 0 ? H5Sget_simple_extent_npoints(space) : -1;
    if (np < 0)
        r->st = ssim_h5_fail(r->path, "cannot open dataset", name);
    r->st = ssim_h5_close(r->st, &space, r->path, name);
    if (r->st != SSIM_OK) {
        r->st = ssim_h5_close(r->st, &ds, r->path, name);
        return -1;
    }
    *n = (size_t)np;
    return ds;
}

size_t ssim_h5read_count(ssim_h5read_t *r, const char *name)
{
    size_t n;
    hid_t ds = open_dataset(r, name, &n);
    r->st = ssim_h5_close(r->st, &ds, r->path, name);
    return r->st == SSIM_OK ? n : 0;
}

ssim_h5read_doubles_t ssim_h5read_doubles(ssim_h5read_t *r, const char *name)
{
    ssim_h5read_doubles_t d = {NULL, 0};
    size_t n;
    hid_t ds = open_dataset(r, name, &n);
    if (ds < 0)
        return d;
    if (!(d.v = ssim_malloc(n ? n : 1, sizeof *d.v, name)))
        r->st = SSIM_ENOMEM;
    else if (n && H5Dread(ds, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, d.v) < 0)
        r->st = ssim_h5_fail(r->path, "cannot read dataset", name);
    else
        d.n = n;
    r->st = ssim_h5_close(r->st, &ds, r->path, name);
    if (r->st != SSIM_OK) {
        free(d.v);
        d = (ssim_h5read_doubles_t){NULL, 0};
    }
    return d;
}

double ssim_h5read_scalar(ssim_h5read_t *r, const char *name)
{
    ssim_h5read_doubles_t d = ssim_h5read_doubles(r, name);
    double x = d.n == 1 ? d.v[0] : NAN;
    free(d.v);
    return x;
}

void ssim_h5read_strings_free(ssim_h5read_strings_t *s)
{
    for (size_t i = 0; s->s && i < s->n; i++)
        free(s->s[i]);
    free(s->s);
    *s = (ssim_h5read_strings_t){NULL, 0};
}

/* Copy the n strings HDF5 returned into our own allocations. */
static void copy_strings(ssim_h5read_t *r, char **tmp, size_t n, ssim_h5read_strings_t *s,
                         const char *name)
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

/* Every string HDF5 allocates while it reads a string dataset, so that the
 * reader frees them itself whether the read succeeds or fails.  HDF5 1.10.8
 * converts variable-length strings in its own buffer before it copies the
 * pointers into ours; when an element of a damaged file fails to convert, the
 * strings converted before it stay in that buffer, and H5Dvlen_reclaim on ours
 * cannot see them (found by tests/fuzz: a leak per failed read). */
typedef struct {
    void **p; /* length n (cap allocated); NULL where HDF5 freed it */
    size_t n, cap;
} vlen_pool_t;

static void *vlen_alloc(size_t size, void *info)
{
    vlen_pool_t *pool = info;
    if (pool->n == pool->cap) {
        size_t cap = pool->cap ? 2 * pool->cap : 64;
        void **p = realloc(pool->p, cap * sizeof *p);
        if (!p)
            return NULL;
        pool->p = p;
        pool->cap = cap;
    }
    void *mem = malloc(size ? size : 1);
    if (mem)
        pool->p[pool->n++] = mem;
    return mem;
}

static void vlen_free(void *mem, void *info)
{
    vlen_pool_t *pool = info;
    for (size_t i = pool->n; mem && i-- > 0;)
        if (pool->p[i] == mem) {
            pool->p[i] = NULL;
            break;
        }
    free(mem);
}

static void vlen_pool_release(vlen_pool_t *pool)
{
    for (size_t i = 0; i < pool->n; i++)
        free(pool->p[i]);
    free(pool->p);
    *pool = (vlen_pool_t){NULL, 0, 0};
}

ssim_h5read_strings_t ssim_h5read_strings(ssim_h5read_t *r, const char *name)
{
    ssim_h5read_strings_t s = {NULL, 0};
    size_t n;
    hid_t ds = open_dataset(r, name, &n), type = -1, dxpl = -1;
    char **tmp = NULL;
    vlen_pool_t pool = {NULL, 0, 0};
    if (ds < 0)
        return s;
    type = ssim_h5_type(SSIM_IO_STR, 0);
    dxpl = H5Pcreate(H5P_DATASET_XFER);
    if (!(tmp = ssim_calloc(n ? n : 1, sizeof *tmp, name)))
        r->st = SSIM_ENOMEM;
    else if (type < 0 || dxpl < 0 ||
             H5Pset_vlen_mem_manager(dxpl, vlen_alloc, &pool, vlen_free, &pool) < 0 ||
             (n && H5Dread(ds, type, H5S_ALL, H5S_ALL, dxpl, tmp) < 0))
        r->st = ssim_h5_fail(r->path, "cannot read dataset", name);
    else
        copy_strings(r, tmp, n, &s, name);
    vlen_pool_release(&pool); /* the strings of tmp, and any HDF5 lost */
    free(tmp);
    r->st = ssim_h5_close(r->st, &dxpl, r->path, name);
    r->st = ssim_h5_close(r->st, &type, r->path, name);
    r->st = ssim_h5_close(r->st, &ds, r->path, name);
    if (r->st != SSIM_OK)
        ssim_h5read_strings_free(&s);
    return s;
}

/* ------------------------------------------------------------ attributes */

/* Raise SSIM_EIO for attribute name of obj at step. */
static void attr_fail(ssim_h5read_t *r, const char *step, const char *obj, const char *name)
{
    char what[MAX_NAME + 64];
    snprintf(what, sizeof what, "%s of %s", name, obj);
    r->st = ssim_h5_fail(r->path, step, what);
}

/* Open scalar attribute name of obj: -1 when absent or on failure. */
static hid_t open_attr(ssim_h5read_t *r, const char *obj, const char *name)
{
    if (!ssim_h5read_exists(r, obj))
        return -1;
    htri_t e = H5Aexists_by_name(r->file, obj, name, H5P_DEFAULT);
    hid_t a = e > 0 ? H5Aopen_by_name(r->file, obj, name, H5P_DEFAULT, H5P_DEFAULT) : -1;
    hid_t space = a >= 0 ? H5Aget_space(a) : -1;
    hssize_t np = space >= 0 ? H5Sget_simple_extent_npoints(space) : -1;
    if (e < 0 || (e > 0 && np < 0))
        attr_fail(r, "cannot open attribute", obj, name);
    else if (e > 0 && np != 1)
        attr_fail(r, "not a scalar: attribute", obj, name);
    r->st = ssim_h5_close(r->st, &space, r->path, name);
    if (r->st != SSIM_OK)
        r->st = ssim_h5_close(r->st, &a, r->path, name);
    return a;
}

/* Read attribute a (of the memory type mtype) into out. */
static int read_attr(ssim_h5read_t *r, const char *obj, const char *name, hid_t mtype, void *out)
{
    hid_t a = open_attr(r, obj, name);
    if (a < 0)
        return -1;
    if (H5Aread(a, mtype, out) < 0)
        attr_fail(r, "cannot read attribute", obj, name);
    r->st = ssim_h5_close(r->st, &a, r->path, name);
    return r->st == SSIM_OK ? 0 : -1;
}

int ssim_h5read_attr_u64(ssim_h5read_t *r, const char *obj, const char *name, uint64_t *out)
{
    uint64_t v;
    if (read_attr(r, obj, name, H5T_NATIVE_UINT64, &v) != 0)
        return -1;
    *out = v;
    return 0;
}

int ssim_h5read_attr_f64(ssim_h5read_t *r, const char *obj, const char *name, double *out)
{
    double v;
    if (read_attr(r, obj, name, H5T_NATIVE_DOUBLE, &v) != 0)
        return -1;
    *out = v;
    return 0;
}

int ssim_h5read_attr_str(ssim_h5read_t *r, const char *obj, const char *name, char *buf,
                         size_t size)
{
    if (size)
        buf[0] = '\0';
    hid_t a = open_attr(r, obj, name), mt = -1;
    if (a < 0)
        return -1;
    size_t fixed = 0;
    char *s = NULL;
    if ((mt = string_type(a, &fixed)) < 0)
        attr_fail(r, "not a string: attribute", obj, name);
    else if (fixed && !(s = ssim_calloc(fixed + 1, 1, name)))
        r->st = SSIM_ENOMEM;
    else if (H5Aread(a, mt, fixed ? (void *)s : (void *)&s) < 0)
        attr_fail(r, "cannot read attribute", obj, name);
    else if (size)
        snprintf(buf, size, "%s", s ? s : "");
    if (fixed)
        free(s);
    else if (s)
        (void)H5free_memory(s);
    r->st = ssim_h5_close(r->st, &mt, r->path, name);
    r->st = ssim_h5_close(r->st, &a, r->path, name);
    return r->st == SSIM_OK ? 0 : -1;
}
