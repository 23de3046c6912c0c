#include "io/h5util.h"

#include <stdio.h>
#include <string.h>

void ssim_h5_quiet(void) { (void)H5Eset_auto2(H5E_DEFAULT, NULL, NULL); }

#define DETAIL_SIZE 256

/* Walk callback: keep the description of the innermost error, reduced to the
 * system's message when HDF5 quotes one ("... error message = 'X', ..."),
 * on one line. */
static herr_t first_error(unsigned n, const H5E_error2_t *err, void *data)
{
    char *out = data;
    if (n != 0 || !err->desc)
        return 0;
    const char *key = "error message = '", *msg = strstr(err->desc, key);
    if (msg) {
        msg += strlen(key);
        const char *end = strchr(msg, '\'');
        snprintf(out, DETAIL_SIZE, "%.*s", (int)(end ? end - msg : (long)strlen(msg)), msg);
    } else {
        snprintf(out, DETAIL_SIZE, "%s", err->desc);
    }
    for (char *c = out; *c; c++)
        if (*c == '\n' || *c == '\r')
            *c = ' ';
    return 0;
}

/* Walk callback: *data = 1 when an error of the stack is HDF5 running out
 * of memory (a resource error: cannot allocate, no space for allocation). */
static herr_t out_of_memory(unsigned n, const H5E_error2_t *err, void *data)
{
    (void)n;
    if (err->maj_num == H5E_RESOURCE || err->min_num == H5E_CANTALLOC ||
        err->min_num == H5E_NOSPACE)
        *(int *)data = 1;
    return 0;
}

ssim_status_t ssim_h5_fail(const char *path, const char *step, const char *object)
{
    char detail[DETAIL_SIZE] = "";
    int memory = 0;
    (void)H5Ewalk2(H5E_DEFAULT, H5E_WALK_UPWARD, first_error, detail);
    (void)H5Ewalk2(H5E_DEFAULT, H5E_WALK_UPWARD, out_of_memory, &memory);
    (void)H5Eclear2(H5E_DEFAULT);
    ssim_loc_t loc = {path, 0, 0};
    /* out of memory is a resource limit (exit 3), any other failure I/O (4) */
    return ssim_error(memory ? SSIM_ENOMEM : SSIM_EIO, loc, "%s%s%s%s%s%s", step, object ? " " : "",
                      object ? object : "", detail[0] ? ": " : "", detail,
                      memory ? " (out of memory)" : "");
}

ssim_status_t ssim_h5_close(ssim_status_t st, hid_t *id, const char *path, const char *object)
{
    if (*id < 0)
        return st;
    herr_t rc = -1;
    switch (H5Iget_type(*id)) {
    case H5I_FILE:
        rc = H5Fclose(*id);
        break;
    case H5I_GROUP:
        rc = H5Gclose(*id);
        break;
    case H5I_DATASET:
        rc = H5Dclose(*id);
        break;
    case H5I_ATTR:
        rc = H5Aclose(*id);
        break;
    case H5I_DATATYPE:
        rc = H5Tclose(*id);
        break;
    case H5I_DATASPACE:
        rc = H5Sclose(*id);
        break;
    case H5I_GENPROP_LST:
        rc = H5Pclose(*id);
        break;
    default:
        break;
    }
    *id = -1;
    if (rc < 0 && st == SSIM_OK)
        return ssim_h5_fail(path, "cannot close", object);
    if (rc < 0)
        (void)H5Eclear2(H5E_DEFAULT);
    return st;
}

hid_t ssim_h5_type(ssim_io_type_t t, int file)
{
    static const hid_t *const le[SSIM_IO_N_TYPES] = {
        &H5T_IEEE_F64LE_g, &H5T_IEEE_F32LE_g, &H5T_STD_I8LE_g,
        &H5T_STD_U8LE_g,   &H5T_STD_I32LE_g,  &H5T_STD_U32LE_g,
        &H5T_STD_I64LE_g,  &H5T_STD_U64LE_g,  NULL};
    static const hid_t *const native[SSIM_IO_N_TYPES] = {
        &H5T_NATIVE_DOUBLE_g, &H5T_NATIVE_FLOAT_g,  &H5T_NATIVE_INT8_g,
        &H5T_NATIVE_UINT8_g,  &H5T_NATIVE_INT32_g,  &H5T_NATIVE_UINT32_g,
        &H5T_NATIVE_INT64_g,  &H5T_NATIVE_UINT64_g, NULL};
    if (t >= SSIM_IO_N_TYPES || H5open() < 0)
        return -1;
    if (t != SSIM_IO_STR)
        return H5Tcopy(file ? *le[t] : *native[t]);
    hid_t s = H5Tcopy(H5T_C_S1);
    if (s < 0)
        return -1;
    if (H5Tset_size(s, H5T_VARIABLE) < 0 || H5Tset_cset(s, H5T_CSET_UTF8) < 0) {
        (void)H5Tclose(s);
        return -1;
    }
    return s;
}

/* Create and write attribute `name` with the given dataspace. */
static ssim_status_t write_attr(hid_t obj, const char *name, ssim_io_type_t t, hid_t space,
                                const void *values, const char *path, const char *object)
{
    ssim_status_t st = SSIM_OK;
    hid_t ftype = ssim_h5_type(t, 1), mtype = ssim_h5_type(t, 0), attr = -1;
    if (ftype < 0 || mtype < 0) {
        st = ssim_h5_fail(path, "cannot make the type of attribute", name);
        goto cleanup;
    }
    attr = H5Acreate2(obj, name, ftype, space, H5P_DEFAULT, H5P_DEFAULT);
    if (attr < 0 || H5Awrite(attr, mtype, values) < 0) {
        char what[512];
        snprintf(what, sizeof what, "%s of %s", name, object);
        st = ssim_h5_fail(path, "cannot write attribute", what);
    }
cleanup:
    st = ssim_h5_close(st, &attr, path, name);
    st = ssim_h5_close(st, &ftype, path, name);
    return ssim_h5_close(st, &mtype, path, name);
}

ssim_status_t ssim_h5_attr(hid_t obj, const char *name, ssim_io_type_t t, const void *value,
                           const char *path, const char *object)
{
    const char *str = "";
    if (t == SSIM_IO_STR) {
        if (*(const char *const *)value)
            str = *(const char *const *)value;
        value = &str;
    }
    hid_t space = H5Screate(H5S_SCALAR);
    if (space < 0)
        return ssim_h5_fail(path, "cannot make a scalar dataspace for attribute", name);
    ssim_status_t st = write_attr(obj, name, t, space, value, path, object);
    return ssim_h5_close(st, &space, path, name);
}

ssim_status_t ssim_h5_attr_array(hid_t obj, const char *name, ssim_io_type_t t, size_t n,
                                 const void *values, const char *path, const char *object)
{
    hsize_t dims[1] = {n};
    hid_t space = H5Screate_simple(1, dims, NULL);
    if (space < 0)
        return ssim_h5_fail(path, "cannot make the dataspace of attribute", name);
    ssim_status_t st = write_attr(obj, name, t, space, values, path, object);
    return ssim_h5_close(st, &space, path, name);
}

ssim_status_t ssim_h5_attr_str(hid_t obj, const char *name, const char *value, const char *path,
                               const char *object)
{
    return ssim_h5_attr(obj, name, SSIM_IO_STR, &value, path, object);
}
