/* analysis/h5read — see h5read.h. */
#include "analysis/h5read.h"

#include "core/alloc.h"

#include <hdf5.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

_Static_assert(sizeof(hid_t) == sizeof(int64_t), "hid_t is 64-bit (HDF5 >= 1.10)");

static ssim_status_t fail(ssim_h5r_t *r, const char *what, const char *name)
{
    if (r->st == SSIM_OK)
        r->st = ssim_error(SSIM_EIO, SSIM_LOC_NONE, "%s: %s %s", r->path, what, name);
    return r->st;
}

/* 1 when the root attribute software is "sectorsim". */
static int is_ours(ssim_h5r_t *r)
{
    char sw[64];
    return ssim_h5r_attr_str(r, ".", "software", sw, sizeof sw) == 0 && !strcmp(sw, "sectorsim");
}

ssim_status_t ssim_h5r_open(ssim_h5r_t *r, const char *path)
{
    struct stat sb;
    *r = (ssim_h5r_t){path, -1, SSIM_OK};
    H5Eset_auto2(H5E_DEFAULT, NULL, NULL);
    if (stat(path, &sb) != 0 || !S_ISREG(sb.st_mode))
        return r->st = ssim_error(SSIM_EINVAL, SSIM_LOC_NONE, "%s: no such file", path);
    if (H5Fis_hdf5(path) <= 0 ||
        (r->file = H5Fopen(path, H5F_ACC_RDONLY, H5P_DEFAULT)) < 0)
        return r->st = ssim_error(SSIM_EINVAL, SSIM_LOC_NONE, "%s: not an HDF5 file", path);
    if (!is_ours(r))
        return r->st = ssim_error(SSIM_EINVAL, SSIM_LOC_NONE,
                                  "%s: not a sectorsim results file (no root attribute "
                                  "software = \"sectorsim\")",
                                  path);
    return SSIM_OK;
}

ssim_status_t ssim_h5r_close(ssim_h5r_t *r)
{
    if (r->file >= 0 && H5Fclose(r->file) < 0)
        fail(r, "cannot close", "file");
    r->file = -1;
    return r->st;
}

int ssim_h5r_exists(ssim_h5r_t *r, const char *name)
{
    if (r->st != SSIM_OK || r->file < 0)
        return 0;
    /* H5Lexists needs every intermediate group to exist: check prefixes. */
    char buf[256];
    size_t n = strlen(name);
    if (n >= sizeof buf)
        return 0;
    memcpy(buf, name, n + 1);
    for (size_t i = 1; i <= n; i++) {
        if (buf[i] != '/' && buf[i] != '\0')
            continue;
        char c = buf[i];
        buf[i] = '\0';
        int ok = H5Lexists(r->file, buf, H5P_DEFAULT) > 0;
        buf[i] = c;
        if (!ok)
            return 0;
    }
    return 1;
}

/* Open dataset name and return its element count, or -1 when absent. */
static hid_t open_ds(ssim_h5r_t *r, const char *name, size_t *n)
{
    *n = 0;
    if (!ssim_h5r_exists(r, name))
        return -1;
    hid_t ds = H5Dopen2(r->file, name, H5P_DEFAULT);
    hid_t sp = ds >= 0 ? H5Dget_space(ds) : -1;
    hssize_t np = sp >= 0 ? H5Sget_simple_extent_npoints(sp) : -1;
    if (sp >= 0)
        H5Sclose(sp);
    if (np < 0) {
        if (ds >= 0)
            H5Dclose(ds);
        fail(r, "cannot open dataset", name);
        return -1;
    }
    *n = (size_t)np;
    return ds;
}

ssim_h5r_doubles_t ssim_h5r_doubles(ssim_h5r_t *r, const char *name)
{
    ssim_h5r_doubles_t d = {NULL, 0};
    size_t n;
    hid_t ds = open_ds(r, name, &n);
    if (ds < 0)
        return d;
    d.v = ssim_malloc(n ? n : 1, sizeof *d.v, name);
    if (!d.v)
        r->st = SSIM_ENOMEM;
    else if (n && H5Dread(ds, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, d.v) < 0)
        fail(r, "cannot read dataset", name);
    else
        d.n = n;
    H5Dclose(ds);
    if (r->st != SSIM_OK) {
        free(d.v);
        d = (ssim_h5r_doubles_t){NULL, 0};
    }
    return d;
}

double ssim_h5r_scalar(ssim_h5r_t *r, const char *name)
{
    ssim_h5r_doubles_t d = ssim_h5r_doubles(r, name);
    double x = d.n == 1 ? d.v[0] : NAN;
    free(d.v);
    return x;
}

void ssim_h5r_strings_free(ssim_h5r_strings_t *s)
{
    for (size_t i = 0; s->s && i < s->n; i++)
        free(s->s[i]);
    free(s->s);
    *s = (ssim_h5r_strings_t){NULL, 0};
}

/* Copy the n strings HDF5 returned into our own allocations. */
static void copy_strings(ssim_h5r_t *r, char **tmp, size_t n, ssim_h5r_strings_t *s)
{
    if (!(s->s = ssim_calloc(n ? n : 1, sizeof *s->s, "strings"))) {
        r->st = SSIM_ENOMEM;
        return;
    }
    s->n = n;
    for (size_t i = 0; i < n && r->st == SSIM_OK; i++)
        if (!(s->s[i] = ssim_strdup(tmp[i] ? tmp[i] : "", "string")))
            r->st = SSIM_ENOMEM;
}

ssim_h5r_strings_t ssim_h5r_strings(ssim_h5r_t *r, const char *name)
{
    ssim_h5r_strings_t s = {NULL, 0};
    size_t n;
    hid_t ds = open_ds(r, name, &n);
    if (ds < 0)
        return s;
    hid_t type = H5Tcopy(H5T_C_S1), sp = H5Dget_space(ds);
    H5Tset_size(type, H5T_VARIABLE);
    H5Tset_cset(type, H5T_CSET_UTF8);
    char **tmp = ssim_calloc(n ? n : 1, sizeof *tmp, name);
    if (!tmp)
        r->st = SSIM_ENOMEM;
    else if (n && H5Dread(ds, type, H5S_ALL, H5S_ALL, H5P_DEFAULT, tmp) < 0)
        fail(r, "cannot read dataset", name);
    else {
        copy_strings(r, tmp, n, &s);
        H5Dvlen_reclaim(type, sp, H5P_DEFAULT, tmp);
    }
    free(tmp);
    H5Sclose(sp);
    H5Tclose(type);
    H5Dclose(ds);
    if (r->st != SSIM_OK)
        ssim_h5r_strings_free(&s);
    return s;
}

/* Open attribute name of object obj, or -1 when absent. */
static hid_t open_attr(ssim_h5r_t *r, const char *obj, const char *name)
{
    if (r->file < 0 || H5Aexists_by_name(r->file, obj, name, H5P_DEFAULT) <= 0)
        return -1;
    return H5Aopen_by_name(r->file, obj, name, H5P_DEFAULT, H5P_DEFAULT);
}

int ssim_h5r_attr_str(ssim_h5r_t *r, const char *obj, const char *name, char *buf, size_t size)
{
    buf[0] = '\0';
    hid_t a = open_attr(r, obj, name);
    if (a < 0)
        return -1;
    hid_t ft = H5Aget_type(a), mt = H5Tcopy(H5T_C_S1);
    int rc = -1;
    if (ft >= 0 && H5Tget_class(ft) == H5T_STRING && H5Tis_variable_str(ft) > 0) {
        char *s = NULL;
        H5Tset_size(mt, H5T_VARIABLE);
        H5Tset_cset(mt, H5Tget_cset(ft));
        if (H5Aread(a, mt, &s) >= 0 && s) {
            snprintf(buf, size, "%s", s);
            H5free_memory(s);
            rc = 0;
        }
    } else if (ft >= 0 && H5Tget_class(ft) == H5T_STRING) {
        size_t n = H5Tget_size(ft);
        char *s = calloc(n + 1, 1);
        H5Tset_size(mt, n);
        if (s && H5Aread(a, mt, s) >= 0) {
            snprintf(buf, size, "%s", s);
            rc = 0;
        }
        free(s);
    }
    H5Tclose(mt);
    if (ft >= 0)
        H5Tclose(ft);
    H5Aclose(a);
    return rc;
}

int ssim_h5r_attr_u64(ssim_h5r_t *r, const char *obj, const char *name, uint64_t *out)
{
    hid_t a = open_attr(r, obj, name);
    if (a < 0)
        return -1;
    int rc = H5Aread(a, H5T_NATIVE_UINT64, out) >= 0 ? 0 : -1;
    H5Aclose(a);
    return rc;
}
