/* io/h5write — the results file writer.
 *
 *   1. sizes and provenance from the inputs (fields.c: ssim_io_src_init);
 *   2. the file built in memory: root attributes, then each group of the
 *      registry with its attributes and datasets (coordinates first, made
 *      dimension scales, then the variables with the scales attached);
 *   3. the closed file's bytes written atomically (core/atomic). */
#define _POSIX_C_SOURCE 200809L
#include "io/fields.h"
#include "io/h5.h"
#include "io/h5image.h"
#include "io/h5util.h"
#include "run/run.h"

#include "core/alloc.h"
#include "core/atomic.h"

#include <hdf5_hl.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define CHUNK_MAX_BYTES (1u << 20)     /* chunks are at most 1 MiB */
#define COMPRESS_MIN_BYTES (16u << 10) /* smaller fixed-size datasets stay contiguous */
#define DEFLATE_LEVEL 4
#define CORE_INCREMENT (4u << 20) /* growth step of the in-memory file image */
/* Name of the in-memory file.  The core driver loads an existing file of the
 * given name even on create; nothing can exist below /dev/null. */
#define MEMORY_NAME "/dev/null/sectorsim-in-memory.h5"

typedef struct {
    const char *path; /* final path, for messages */
    const ssim_io_src_t *src;
    hid_t file;
    hid_t group;                 /* the group being written */
    hid_t scale[SSIM_IO_N_DIMS]; /* its coordinate variables (open), or -1 */
    char object[512];            /* "/group/name" of the object being written */
} writer_t;

/* ------------------------------------------------------------- file level */

/* created_utc: SOURCE_DATE_EPOCH (reproducible-builds convention) when set
 * to a valid number of seconds, else the current time. */
static void set_created(ssim_io_src_t *src)
{
    time_t now = time(NULL);
    const char *epoch = getenv("SOURCE_DATE_EPOCH");
    if (epoch && *epoch) {
        char *end;
        errno = 0;
        long long v = strtoll(epoch, &end, 10);
        if (!errno && !*end && v >= 0)
            now = (time_t)v;
    }
    struct tm tm;
    if (gmtime_r(&now, &tm) &&
        strftime(src->created_buf, sizeof src->created_buf, "%Y-%m-%dT%H:%M:%SZ", &tm) > 0)
        src->created_utc = src->created_buf;
}

static void set_hdf5_version(ssim_io_src_t *src)
{
    unsigned maj = 0, min = 0, rel = 0;
    if (H5get_libversion(&maj, &min, &rel) >= 0) {
        snprintf(src->hdf5_buf, sizeof src->hdf5_buf, "%u.%u.%u", maj, min, rel);
        src->hdf5_version = src->hdf5_buf;
    }
}

/* ----------------------------------------------------- the file in memory
 *
 * HDF5 never touches the disk: HDF5 1.10 does not survive write errors in its
 * disk drivers (after a failed write, e.g. disk full, the file can no longer
 * be closed and the library crashes at exit).  The file is built with the
 * core driver (no backing store); file image callbacks let us keep its buffer
 * when H5Fclose releases it, so the closed file's exact bytes are written by
 * core/atomic with ordinary, checked system calls.  Cost: the compressed file is
 * held in memory once. */

/* Growth of the buffer goes through image_realloc; at close the buffer is
 * kept in buf (caller frees). */
struct ssim_h5_image {
    void *buf;
    size_t cap;
};

static void *image_malloc(size_t size, H5FD_file_image_op_t op, void *udata)
{
    image_t *im = udata;
    (void)op;
    void *p = malloc(size);
    if (p) {
        im->buf = p;
        im->cap = size;
    }
    return p;
}

static void *image_memcpy(void *dest, const void *src, size_t size, H5FD_file_image_op_t op,
                          void *udata)
{
    (void)op, (void)udata;
    return memcpy(dest, src, size);
}

static void *image_realloc(void *ptr, size_t size, H5FD_file_image_op_t op, void *udata)
{
    image_t *im = udata;
    (void)op;
    void *p = realloc(ptr, size);
    if (p) {
        im->buf = p;
        im->cap = size;
    }
    return p;
}

static herr_t image_free(void *ptr, H5FD_file_image_op_t op, void *udata)
{
    image_t *im = udata;
    if (ptr == im->buf && op == H5FD_FILE_IMAGE_OP_FILE_CLOSE)
        return 0; /* kept: ssim_h5_write writes and frees it */
    if (ptr == im->buf)
        *im = (image_t){NULL, 0};
    free(ptr);
    return 0;
}

static void *image_udata_copy(void *udata) { return udata; }
static herr_t image_udata_free(void *udata)
{
    (void)udata;
    return 0;
}

/* Size of the closed file: the end-of-file address in its superblock
 * (version 0: offset 40, versions 2 and 3: offset 28; 8-byte addresses,
 * little-endian).  0 when the image does not look like one we wrote. */
static size_t image_eof(const image_t *im)
{
    static const unsigned char sig[8] = {0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};
    const unsigned char *b = im->buf;
    if (!b || im->cap < 48 || memcmp(b, sig, 8) != 0)
        return 0;
    size_t at = b[8] == 0 ? 40 : (b[8] == 2 || b[8] == 3) ? 28 : 0;
    if (!at || (b[8] == 0 && b[13] != 8) || (b[8] != 0 && b[9] != 8))
        return 0;
    uint64_t eof = 0;
    for (int i = 7; i >= 0; i--)
        eof = eof << 8 | b[at + (size_t)i];
    return eof >= 48 && eof <= im->cap ? (size_t)eof : 0;
}

/* Create the file in memory: 1.8 file format or later (what h5py 3.7 and
 * netCDF 4.9 read), object timestamps off, all objects closed with the file. */
static ssim_status_t create_file(const char *path, hid_t *file, image_t *im)
{
    ssim_status_t st = SSIM_OK;
    H5FD_file_image_callbacks_t cb = {image_malloc,
                                      image_memcpy,
                                      image_realloc,
                                      image_free,
                                      image_udata_copy,
                                      image_udata_free,
                                      im};
    hid_t fcpl = H5Pcreate(H5P_FILE_CREATE), fapl = H5Pcreate(H5P_FILE_ACCESS);
    if (fcpl < 0 || fapl < 0 || H5Pset_obj_track_times(fcpl, 0) < 0 ||
        H5Pset_libver_bounds(fapl, H5F_LIBVER_V18, H5F_LIBVER_LATEST) < 0 ||
        H5Pset_fclose_degree(fapl, H5F_CLOSE_STRONG) < 0 ||
        H5Pset_fapl_core(fapl, CORE_INCREMENT, 0) < 0 ||
        H5Pset_file_image_callbacks(fapl, &cb) < 0) {
        st = ssim_h5_fail(path, "cannot set up file properties", NULL);
        goto cleanup;
    }
    *file = H5Fcreate(MEMORY_NAME, H5F_ACC_TRUNC, fcpl, fapl);
    if (*file < 0)
        st = ssim_h5_fail(path, "cannot create the file in memory", NULL);
cleanup:
    st = ssim_h5_close(st, &fcpl, path, "file creation properties");
    return ssim_h5_close(st, &fapl, path, "file access properties");
}

ssim_status_t ssim_h5_image_create(const char *path, hid_t *file, image_t **image)
{
    *file = -1;
    /* The image's state is on the heap: HDF5's callbacks keep a pointer to it
     * for as long as the file is open. */
    if (!(*image = calloc(1, sizeof **image)))
        return ssim_error(SSIM_ENOMEM, (ssim_loc_t){path, 0, 0}, "out of memory");
    return create_file(path, file, *image);
}

static ssim_status_t commit(ssim_status_t st, const char *path, hid_t *file, image_t *image,
                            int honour_stop);

ssim_status_t ssim_h5_image_commit(ssim_status_t st, const char *path, hid_t *file, image_t *image)
{
    return commit(st, path, file, image, 1);
}

ssim_status_t ssim_h5_image_commit_anyway(ssim_status_t st, const char *path, hid_t *file,
                                          image_t *image)
{
    return commit(st, path, file, image, 0);
}

static ssim_status_t commit(ssim_status_t st, const char *path, hid_t *file, image_t *image,
                            int honour_stop)
{
    hid_t id = *file;
    st = ssim_h5_close(st, file, path, "file");
    if (!image)
        return st;
    /* A close that failed (out of memory while flushing) leaves the file
     * open; HDF5 closes it again at exit through the image callbacks, so the
     * image and its buffer must outlive this call: they are left to it
     * (issue 18, defect 1: freeing them made that close crash). */
    int still_open = id >= 0 && H5Iis_valid(id) > 0;
    size_t size = st != SSIM_OK ? 0 : image_eof(image);
    if (st == SSIM_OK && !size)
        st = ssim_error(SSIM_EINTERNAL, (ssim_loc_t){path, 0, 0},
                        "the HDF5 file image has an unexpected superblock");
    if (st == SSIM_OK && honour_stop &&
        ssim_run_stop_requested()) /* SIGINT/SIGTERM while the file was built */
        st = ssim_error(SSIM_EINTR, (ssim_loc_t){path, 0, 0}, "interrupted; nothing written");
    if (st == SSIM_OK)
        st = ssim_atomic_write(path, image->buf, size);
    if (!still_open) {
        free(image->buf);
        free(image);
    }
    return st;
}

/* Attributes of one object ("/" or a group name) from the registry. */
static ssim_status_t write_attrs(writer_t *w, hid_t obj, const char *object)
{
    for (size_t i = 0; i < ssim_io_n_attrs; i++) {
        const ssim_io_attr_t *a = &ssim_io_attrs[i];
        if (strcmp(a->object, object) != 0)
            continue;
        ssim_io_view_t v = a->view(w->src);
        if (v.type != a->type)
            return ssim_error(SSIM_EINTERNAL, SSIM_LOC_NONE,
                              "output registry: attribute %s of %s is %s but its getter gives %s",
                              a->name, object, ssim_io_type_name(a->type),
                              ssim_io_type_name(v.type));
        ssim_status_t st = ssim_h5_attr(obj, a->name, a->type, v.ptr, w->path, object);
        if (st != SSIM_OK)
            return st;
    }
    return SSIM_OK;
}

/* ----------------------------------------------------------- one dataset */

/* Chunk shape: the dataset's shape, halved along the first axis, then the
 * next, ..., until a chunk holds at most CHUNK_MAX_BYTES. */
static void chunk_shape(const hsize_t *dims, int ndims, size_t elem, hsize_t *chunk)
{
    for (int i = 0; i < ndims; i++)
        chunk[i] = dims[i] ? dims[i] : 1;
    for (int i = 0; i < ndims; i++) {
        for (;;) {
            uint64_t bytes = elem;
            for (int j = 0; j < ndims; j++)
                bytes *= chunk[j];
            if (bytes <= CHUNK_MAX_BYTES || chunk[i] == 1)
                break;
            chunk[i] = (chunk[i] + 1) / 2;
        }
    }
}

/* Dataspace and creation properties: per-trial datasets are extendible along
 * trial, chunked and compressed; other numeric datasets of at least
 * COMPRESS_MIN_BYTES are chunked and compressed; the rest are contiguous. */
static ssim_status_t make_layout(writer_t *w, const ssim_io_field_t *f, hid_t *space, hid_t *dcpl)
{
    hsize_t dims[3], maxdims[3], chunk[3];
    int extendible = 0;
    uint64_t n = ssim_io_field_count(w->src, f);
    for (int i = 0; i < f->ndims; i++) {
        dims[i] = maxdims[i] = w->src->len[f->dims[i]];
        if (f->dims[i] == SSIM_IO_DIM_TRIAL) {
            maxdims[i] = H5S_UNLIMITED;
            extendible = 1;
        }
    }
    size_t elem = ssim_io_type_size(f->type);
    int chunked = extendible || (f->ndims > 0 && f->type != SSIM_IO_STR && n > 0 &&
                                 n * elem >= COMPRESS_MIN_BYTES);
    *space = f->ndims ? H5Screate_simple(f->ndims, dims, maxdims) : H5Screate(H5S_SCALAR);
    *dcpl = H5Pcreate(H5P_DATASET_CREATE);
    if (*space < 0 || *dcpl < 0 || H5Pset_obj_track_times(*dcpl, 0) < 0)
        return ssim_h5_fail(w->path, "cannot set up the layout of", w->object);
    if (!chunked)
        return SSIM_OK;
    chunk_shape(dims, f->ndims, elem, chunk);
    if (H5Pset_chunk(*dcpl, f->ndims, chunk) < 0 || H5Pset_shuffle(*dcpl) < 0 ||
        H5Pset_deflate(*dcpl, DEFLATE_LEVEL) < 0)
        return ssim_h5_fail(w->path, "cannot set chunking and compression of", w->object);
    return SSIM_OK;
}

/* The field's data: a view from the getter (fill getters write into *buf,
 * allocated here; caller frees).  Strings: NULL entries become "" (in a copy
 * held in *buf). */
static ssim_status_t get_data(writer_t *w, const ssim_io_field_t *f, ssim_io_view_t *v, void **buf)
{
    uint64_t n = ssim_io_field_count(w->src, f);
    size_t elem = ssim_io_type_size(f->type);
    *buf = NULL;
    if (f->fill) {
        if (!(*buf = ssim_malloc((size_t)(n ? n : 1), elem, w->object)))
            return SSIM_ENOMEM;
        *v = f->fill(w->src, f, *buf);
    } else {
        *v = f->view(w->src, f);
    }
    if (v->type != f->type)
        return ssim_error(SSIM_EINTERNAL, SSIM_LOC_NONE,
                          "output registry: %s is %s but its getter gives %s", w->object,
                          ssim_io_type_name(f->type), ssim_io_type_name(v->type));
    if (n && !v->ptr)
        return ssim_error(SSIM_EINTERNAL, SSIM_LOC_NONE, "output registry: no data for %s",
                          w->object);
    if (f->type != SSIM_IO_STR)
        return SSIM_OK;
    const char *const *s = v->ptr;
    size_t i = 0;
    while (i < n && s[i])
        i++;
    if (i == n)
        return SSIM_OK;
    const char **copy = ssim_malloc((size_t)n, sizeof *copy, w->object);
    if (!copy)
        return SSIM_ENOMEM;
    for (i = 0; i < n; i++)
        copy[i] = s[i] ? s[i] : "";
    free(*buf);
    *buf = copy;
    *v = SSIM_IO_VIEW(copy);
    return SSIM_OK;
}

static int is_coordinate(const ssim_io_field_t *f)
{
    return f->ndims == 1 && strcmp(f->name, ssim_io_dim_name(f->dims[0])) == 0;
}

/* The label datasets ("<dim>_name", written in the same group) along f's
 * dimensions, space-separated into buf: the CF `coordinates` attribute, which
 * makes xarray show e.g. sector_name next to every variable along sector. */
static void label_coordinates(const writer_t *w, const ssim_io_field_t *f, char *buf, size_t size)
{
    size_t used = 0;
    buf[0] = '\0';
    if (is_coordinate(f) || f->type == SSIM_IO_STR)
        return;
    for (int i = 0; i < f->ndims; i++) {
        for (size_t j = 0; j < w->src->n_fields; j++) {
            const ssim_io_field_t *g = &w->src->fields[j];
            const char *dim = ssim_io_dim_name(f->dims[i]);
            size_t n = strlen(dim);
            if (g->type != SSIM_IO_STR || g->ndims != 1 || g->dims[0] != f->dims[i] ||
                strcmp(g->group, f->group) != 0 || strncmp(g->name, dim, n) != 0 ||
                strcmp(g->name + n, "_name") != 0 || !ssim_io_field_wanted(w->src, g))
                continue;
            int k = snprintf(buf + used, size - used, "%s%s", used ? " " : "", g->name);
            if (k > 0 && (size_t)k < size - used)
                used += (size_t)k;
        }
    }
}

/* CF attributes: units, long_name, optional comment, cell_methods and
 * coordinates, and for integer codes flag_values (0..n-1, the variable's type)
 * + flag_meanings. */
static ssim_status_t write_var_attrs(writer_t *w, hid_t ds, const ssim_io_field_t *f)
{
    const char *path = w->path, *obj = w->object;
    ssim_status_t st = ssim_h5_attr_str(ds, "units", f->units, path, obj);
    if (st == SSIM_OK)
        st = ssim_h5_attr_str(ds, "long_name", f->long_name, path, obj);
    if (st == SSIM_OK && f->comment)
        st = ssim_h5_attr_str(ds, "comment", f->comment, path, obj);
    if (st == SSIM_OK && f->cell_methods)
        st = ssim_h5_attr_str(ds, "cell_methods", f->cell_methods, path, obj);
    char labels[256];
    label_coordinates(w, f, labels, sizeof labels);
    if (st == SSIM_OK && labels[0])
        st = ssim_h5_attr_str(ds, "coordinates", labels, path, obj);
    if (st != SSIM_OK || !f->vocab || f->type == SSIM_IO_STR)
        return st;
    int8_t values[SSIM_MAX_SECTORS * 4];
    char meanings[2048];
    size_t used = 0, n = (size_t)f->vocab->n;
    if (f->type != SSIM_IO_I8 || n > sizeof values)
        return ssim_error(SSIM_EINTERNAL, SSIM_LOC_NONE,
                          "output registry: codes of %s must be int8 (at most %zu)", obj,
                          sizeof values);
    meanings[0] = '\0';
    for (size_t i = 0; i < n; i++) {
        values[i] = (int8_t)i;
        int k = snprintf(meanings + used, sizeof meanings - used, "%s%s", i ? " " : "",
                         f->vocab->names[i]);
        used += k > 0 ? (size_t)k : 0;
        if (used >= sizeof meanings)
            return ssim_error(SSIM_EINTERNAL, SSIM_LOC_NONE, "flag_meanings of %s too long", obj);
    }
    st = ssim_h5_attr_array(ds, "flag_values", SSIM_IO_I8, n, values, path, obj);
    if (st == SSIM_OK)
        st = ssim_h5_attr_str(ds, "flag_meanings", meanings, path, obj);
    return st;
}

/* Coordinate variables become dimension scales (kept open until the group is
 * done); other variables get a scale attached on every axis. */
static ssim_status_t attach_scales(writer_t *w, hid_t *ds, const ssim_io_field_t *f)
{
    if (is_coordinate(f)) {
        if (H5DSset_scale(*ds, f->name) < 0)
            return ssim_h5_fail(w->path, "cannot make a dimension scale of", w->object);
        w->scale[f->dims[0]] = *ds;
        *ds = -1;
        return SSIM_OK;
    }
    for (int i = 0; i < f->ndims; i++) {
        hid_t scale = w->scale[f->dims[i]];
        if (scale < 0)
            return ssim_error(SSIM_EINTERNAL, SSIM_LOC_NONE,
                              "output registry: %s uses dimension %s before its coordinate",
                              w->object, ssim_io_dim_name(f->dims[i]));
        if (H5DSattach_scale(*ds, scale, (unsigned)i) < 0)
            return ssim_h5_fail(w->path, "cannot attach a dimension scale to", w->object);
    }
    return SSIM_OK;
}

static ssim_status_t write_field(writer_t *w, const ssim_io_field_t *f)
{
    hid_t space = -1, dcpl = -1, ftype = -1, mtype = -1, ds = -1;
    void *buf = NULL;
    ssim_io_view_t v;
    snprintf(w->object, sizeof w->object, "/%s/%s", f->group, f->name);
    ssim_status_t st = get_data(w, f, &v, &buf);
    if (st == SSIM_OK)
        st = make_layout(w, f, &space, &dcpl);
    if (st != SSIM_OK)
        goto cleanup;
    ftype = ssim_h5_type(f->type, 1);
    mtype = ssim_h5_type(f->type, 0);
    if (ftype < 0 || mtype < 0) {
        st = ssim_h5_fail(w->path, "cannot make the type of", w->object);
        goto cleanup;
    }
    ds = H5Dcreate2(w->group, f->name, ftype, space, H5P_DEFAULT, dcpl, H5P_DEFAULT);
    if (ds < 0 || (ssim_io_field_count(w->src, f) > 0 &&
                   H5Dwrite(ds, mtype, H5S_ALL, H5S_ALL, H5P_DEFAULT, v.ptr) < 0)) {
        st = ssim_h5_fail(w->path, "cannot write dataset", w->object);
        goto cleanup;
    }
    st = write_var_attrs(w, ds, f);
    if (st == SSIM_OK)
        st = attach_scales(w, &ds, f);
cleanup:
    st = ssim_h5_close(st, &ds, w->path, w->object);
    st = ssim_h5_close(st, &mtype, w->path, w->object);
    st = ssim_h5_close(st, &ftype, w->path, w->object);
    st = ssim_h5_close(st, &dcpl, w->path, w->object);
    st = ssim_h5_close(st, &space, w->path, w->object);
    free(buf);
    return st;
}

/* ------------------------------------------------------------- one group */

static ssim_status_t write_group(writer_t *w, const ssim_io_group_t *g)
{
    ssim_status_t st = SSIM_OK;
    hid_t gcpl = H5Pcreate(H5P_GROUP_CREATE);
    snprintf(w->object, sizeof w->object, "/%s", g->name);
    if (gcpl < 0 || H5Pset_obj_track_times(gcpl, 0) < 0 ||
        (w->group = H5Gcreate2(w->file, g->name, H5P_DEFAULT, gcpl, H5P_DEFAULT)) < 0) {
        st = ssim_h5_fail(w->path, "cannot create group", w->object);
        goto cleanup;
    }
    st = ssim_h5_attr_str(w->group, "description", g->description, w->path, w->object);
    if (st == SSIM_OK)
        st = write_attrs(w, w->group, g->name);
    for (size_t i = 0; i < w->src->n_fields && st == SSIM_OK; i++) {
        const ssim_io_field_t *f = &w->src->fields[i];
        if (strcmp(f->group, g->name) == 0 && ssim_io_field_wanted(w->src, f))
            st = write_field(w, f);
    }
cleanup:
    for (int d = 0; d < SSIM_IO_N_DIMS; d++)
        st = ssim_h5_close(st, &w->scale[d], w->path, ssim_io_dim_name((ssim_io_dim_t)d));
    st = ssim_h5_close(st, &w->group, w->path, g->name);
    return ssim_h5_close(st, &gcpl, w->path, "group creation properties");
}

static ssim_status_t write_contents(writer_t *w)
{
    ssim_status_t st = write_attrs(w, w->file, "/");
    for (size_t i = 0; i < ssim_io_n_groups && st == SSIM_OK; i++)
        if (ssim_io_when_wanted(w->src, ssim_io_groups[i].when))
            st = write_group(w, &ssim_io_groups[i]);
    return st;
}

/* ---------------------------------------------------------------- public */

static ssim_status_t write_file(const char *path, const ssim_scenario_t *sc,
                                const ssim_network_t *net, const ssim_results_t *res,
                                const ssim_run_info_t *info, const ssim_compare_t *cmp)
{
    ssim_io_src_t src;
    writer_t w = {.path = path, .src = &src, .file = -1, .group = -1};
    for (int d = 0; d < SSIM_IO_N_DIMS; d++)
        w.scale[d] = -1;
    if (!path || !sc || !net || !res || !info)
        return ssim_error(SSIM_EINTERNAL, SSIM_LOC_NONE, "ssim_h5_write: missing argument");
    ssim_h5_quiet();
    ssim_status_t st = ssim_io_src_init(&src, sc, net, res, info);
    if (st != SSIM_OK) {
        ssim_io_src_destroy(&src);
        return st;
    }
    src.cmp = cmp;
    src.len[SSIM_IO_DIM_OPTION] = cmp ? cmp->n_options : 0;
    set_created(&src);
    set_hdf5_version(&src);
    image_t *image = NULL;
    st = ssim_h5_image_create(path, &w.file, &image);
    if (st == SSIM_OK)
        st = write_contents(&w);
    st = ssim_h5_image_commit(st, path, &w.file, image);
    ssim_io_src_destroy(&src);
    return st;
}

ssim_status_t ssim_h5_init(void)
{
    if (H5dont_atexit() < 0)
        return ssim_error(SSIM_EINTERNAL, SSIM_LOC_NONE,
                          "HDF5 was initialised before ssim_h5_init");
    return SSIM_OK;
}

ssim_status_t ssim_h5_write(const char *path, const ssim_scenario_t *sc, const ssim_network_t *net,
                            const ssim_results_t *res, const ssim_run_info_t *info)
{
    return write_file(path, sc, net, res, info, NULL);
}

ssim_status_t ssim_h5_write_compare(const char *path, const ssim_scenario_t *sc,
                                    const ssim_network_t *net, const ssim_results_t *res,
                                    const ssim_run_info_t *info, const ssim_compare_t *cmp)
{
    if (!cmp)
        return ssim_error(SSIM_EINTERNAL, SSIM_LOC_NONE, "ssim_h5_write_compare: missing table");
    return write_file(path, sc, net, res, info, cmp);
}
