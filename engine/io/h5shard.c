/* io/h5shard — shard and checkpoint files (h5.h; docs/scale-out.md).
 *
 *   /                    software = "sectorsim", file_kind = "shard"
 *   /shard               attributes: command, identity, version, cwd,
 *                        checkpoint, part, parts, n_parts; dataset argv
 *   /shard/r<k>          results object k: attributes first, end (blocks),
 *                        layout; one dataset per array of the part (rows of
 *                        a stored column, "fold"), op_compromised, op_out,
 *                        op_outage_ms, ev_trial, ev_time, ev_source,
 *                        ev_target, ev_kind
 *
 * The arrays are written as unsigned integers of their element's size:
 * their bits are the values' own, so a merge puts back exactly what ran. */
#include "io/h5.h"
#include "io/h5image.h"
#include "io/h5util.h"

#include "core/alloc.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The event table's columns: a dataset each, from the rows' fields. */
static const struct {
    const char *name;
    size_t off, elem;
} ev_fields[] = {
    {"ev_trial", offsetof(ssim_event_rec_t, trial), 8},
    {"ev_time", offsetof(ssim_event_rec_t, time), 8},
    {"ev_source", offsetof(ssim_event_rec_t, source), 4},
    {"ev_target", offsetof(ssim_event_rec_t, target), 4},
    {"ev_kind", offsetof(ssim_event_rec_t, kind), 1},
};
#define N_EV_FIELDS (sizeof ev_fields / sizeof *ev_fields)

/* The unsigned integer type of elem bytes (1, 4 or 8). */
static hid_t bits_type(size_t elem)
{
    return elem == 8 ? H5T_NATIVE_UINT64 : elem == 4 ? H5T_NATIVE_UINT32 : H5T_NATIVE_UINT8;
}

/* One array; from 64 KiB on, in chunks of 1 MiB with shuffle and the
 * fastest deflate (per-trial rows compress several-fold, like the results
 * file's, for little time). */
static ssim_status_t put_array(hid_t group, const char *path, const char *name, size_t elem,
                               size_t n, const void *data)
{
    hsize_t dims[1] = {n}, chunk[1] = {(1u << 20) / elem};
    hid_t space = H5Screate_simple(1, dims, NULL), dcpl = H5Pcreate(H5P_DATASET_CREATE), ds = -1;
    ssim_status_t st = SSIM_OK;
    if (chunk[0] > n)
        chunk[0] = n;
    if (space < 0 || dcpl < 0 ||
        (n * elem >= (64u << 10) && (H5Pset_chunk(dcpl, 1, chunk) < 0 || H5Pset_shuffle(dcpl) < 0 ||
                                     H5Pset_deflate(dcpl, 1) < 0)) ||
        (ds = H5Dcreate2(group, name, bits_type(elem), space, H5P_DEFAULT, dcpl, H5P_DEFAULT)) <
            0 ||
        (n && H5Dwrite(ds, bits_type(elem), H5S_ALL, H5S_ALL, H5P_DEFAULT, data) < 0))
        st = ssim_h5_fail(path, "cannot write", name);
    st = ssim_h5_close(st, &ds, path, name);
    st = ssim_h5_close(st, &dcpl, path, "dataset properties");
    return ssim_h5_close(st, &space, path, "dataspace");
}

static ssim_status_t put_part(hid_t shard, const char *path, size_t k, const ssim_results_part_t *p)
{
    char name[32];
    snprintf(name, sizeof name, "r%zu", k);
    hid_t g = H5Gcreate2(shard, name, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
    if (g < 0)
        return ssim_h5_fail(path, "cannot create group", name);
    ssim_status_t st = ssim_h5_attr(g, "first", SSIM_IO_U64, &p->first, path, name);
    if (st == SSIM_OK)
        st = ssim_h5_attr(g, "end", SSIM_IO_U64, &p->end, path, name);
    if (st == SSIM_OK)
        st = ssim_h5_attr(g, "elapsed_seconds", SSIM_IO_F64, &p->elapsed, path, name);
    if (st == SSIM_OK)
        st = ssim_h5_attr_str(g, "layout", p->layout, path, name);
    for (size_t i = 0; st == SSIM_OK && i < p->n_arrays; i++)
        st =
            put_array(g, path, p->array[i].name, p->array[i].elem, p->array[i].n, p->array[i].data);
    size_t O = p->n_operators, E = p->events.n;
    if (st == SSIM_OK && O)
        st = put_array(g, path, "op_compromised", 4, O, p->op_compromised);
    if (st == SSIM_OK && O)
        st = put_array(g, path, "op_out", 4, O, p->op_out);
    if (st == SSIM_OK && O)
        st = put_array(g, path, "op_outage_ms", 8, O, p->op_outage_ms);
    if (st == SSIM_OK && E) {
        uint64_t *u = ssim_malloc(E, sizeof *u, "event rows");
        if (!u)
            st = SSIM_ENOMEM;
        for (size_t f = 0; st == SSIM_OK && f < N_EV_FIELDS; f++) {
            for (size_t e = 0; e < E; e++)
                memcpy((char *)u + e * ev_fields[f].elem,
                       (const char *)&p->events.rec[e] + ev_fields[f].off, ev_fields[f].elem);
            st = put_array(g, path, ev_fields[f].name, ev_fields[f].elem, E, u);
        }
        free(u);
    }
    return ssim_h5_close(st, &g, path, name);
}

ssim_status_t ssim_h5_write_shard(const char *path, const ssim_shard_meta_t *meta,
                                  const ssim_results_part_t *parts, size_t n_parts)
{
    hid_t file = -1, shard = -1, space = -1, ds = -1, strt = -1;
    image_t *image = NULL;
    ssim_status_t st = ssim_h5_image_create(path, &file, &image);
    if (st == SSIM_OK)
        st = ssim_h5_attr_str(file, "software", "sectorsim", path, "/");
    if (st == SSIM_OK)
        st = ssim_h5_attr_str(file, "file_kind", "shard", path, "/");
    if (st == SSIM_OK &&
        (shard = H5Gcreate2(file, "shard", H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT)) < 0)
        st = ssim_h5_fail(path, "cannot create group", "/shard");
    const char *o = "/shard";
    int32_t ckpt = meta->checkpoint;
    uint64_t n = n_parts;
    if (st == SSIM_OK)
        st = ssim_h5_attr_str(shard, "command", meta->command, path, o);
    if (st == SSIM_OK)
        st = ssim_h5_attr_str(shard, "identity", meta->identity, path, o);
    if (st == SSIM_OK)
        st = ssim_h5_attr_str(shard, "version", meta->version, path, o);
    if (st == SSIM_OK)
        st = ssim_h5_attr_str(shard, "cwd", meta->cwd, path, o);
    if (st == SSIM_OK)
        st = ssim_h5_attr(shard, "checkpoint", SSIM_IO_I32, &ckpt, path, o);
    if (st == SSIM_OK)
        st = ssim_h5_attr(shard, "part", SSIM_IO_U64, &meta->part, path, o);
    if (st == SSIM_OK)
        st = ssim_h5_attr(shard, "parts", SSIM_IO_U64, &meta->parts, path, o);
    if (st == SSIM_OK)
        st = ssim_h5_attr(shard, "n_parts", SSIM_IO_U64, &n, path, o);
    if (st == SSIM_OK) {
        hsize_t dims[1] = {meta->argc};
        strt = ssim_h5_type(SSIM_IO_STR, 1);
        space = H5Screate_simple(1, dims, NULL);
        if (strt < 0 || space < 0 ||
            (ds = H5Dcreate2(shard, "argv", strt, space, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT)) <
                0 ||
            (meta->argc && H5Dwrite(ds, strt, H5S_ALL, H5S_ALL, H5P_DEFAULT, meta->argv) < 0))
            st = ssim_h5_fail(path, "cannot write", "/shard/argv");
    }
    st = ssim_h5_close(st, &ds, path, "/shard/argv");
    st = ssim_h5_close(st, &space, path, "dataspace");
    st = ssim_h5_close(st, &strt, path, "string type");
    for (size_t k = 0; st == SSIM_OK && k < n_parts; k++)
        st = put_part(shard, path, k, &parts[k]);
    st = ssim_h5_close(st, &shard, path, o);
    return ssim_h5_image_commit_anyway(st, path, &file, image);
}

void ssim_shard_meta_destroy(ssim_shard_meta_t *meta)
{
    for (size_t i = 0; meta->argv && i < meta->argc; i++)
        free(meta->argv[i]);
    free(meta->argv);
    free(meta->first);
    free(meta->end);
    free(meta->elapsed);
    memset(meta, 0, sizeof *meta);
}

ssim_status_t ssim_h5_read_shard_meta(const char *path, ssim_shard_meta_t *meta)
{
    memset(meta, 0, sizeof *meta);
    ssim_loc_t loc = {path, 0, 0};
    char kind[32];
    if (ssim_h5read_kind(path, kind, sizeof kind) != 0 || strcmp(kind, "shard") != 0)
        return ssim_error(SSIM_EINVAL, loc,
                          "not a sectorsim shard or checkpoint file (made by --part or "
                          "--checkpoint)");
    ssim_h5read_t r;
    ssim_status_t st = ssim_h5read_open(&r, path);
    uint64_t ckpt = 0, n = 0;
    const char *o = "shard";
    int ok = st == SSIM_OK &&
             ssim_h5read_attr_str(&r, o, "command", meta->command, sizeof meta->command) == 0 &&
             ssim_h5read_attr_str(&r, o, "identity", meta->identity, sizeof meta->identity) == 0 &&
             ssim_h5read_attr_str(&r, o, "version", meta->version, sizeof meta->version) == 0 &&
             ssim_h5read_attr_str(&r, o, "cwd", meta->cwd, sizeof meta->cwd) == 0 &&
             ssim_h5read_attr_u64(&r, o, "checkpoint", &ckpt) == 0 &&
             ssim_h5read_attr_u64(&r, o, "part", &meta->part) == 0 &&
             ssim_h5read_attr_u64(&r, o, "parts", &meta->parts) == 0 &&
             ssim_h5read_attr_u64(&r, o, "n_parts", &n) == 0 && n < 100000;
    meta->checkpoint = ckpt != 0;
    if (ok) {
        ssim_h5read_strings_t argv = ssim_h5read_strings(&r, "shard/argv");
        meta->argc = argv.n;
        meta->argv = argv.s; /* taken over */
        ok = argv.n > 0;
    }
    if (ok) {
        meta->n_parts = (size_t)n;
        meta->first = calloc(n + 1, sizeof *meta->first);
        meta->end = calloc(n + 1, sizeof *meta->end);
        meta->elapsed = calloc(n + 1, sizeof *meta->elapsed);
        ok = meta->first && meta->end && meta->elapsed;
        for (size_t k = 0; ok && k < n; k++) {
            char g[32];
            snprintf(g, sizeof g, "shard/r%zu", k);
            ok = ssim_h5read_attr_u64(&r, g, "first", &meta->first[k]) == 0 &&
                 ssim_h5read_attr_u64(&r, g, "end", &meta->end[k]) == 0 &&
                 ssim_h5read_attr_f64(&r, g, "elapsed_seconds", &meta->elapsed[k]) == 0 &&
                 meta->first[k] <= meta->end[k];
        }
    }
    ssim_status_t closed = ssim_h5read_close(&r);
    if (st == SSIM_OK)
        st = closed;
    if (st == SSIM_OK && !ok)
        st = ssim_error(SSIM_EINVAL, loc,
                        "an incomplete or damaged shard file (its /shard "
                        "attributes are missing or out of range)");
    if (st != SSIM_OK)
        ssim_shard_meta_destroy(meta);
    return st;
}

/* Dataset name of group g into data (n elements of elem bytes): exactly n. */
static int get_array(hid_t g, const char *name, size_t elem, size_t n, void *data)
{
    hid_t ds = H5Lexists(g, name, H5P_DEFAULT) > 0 ? H5Dopen2(g, name, H5P_DEFAULT) : -1;
    hid_t space = ds >= 0 ? H5Dget_space(ds) : -1;
    hid_t type = ds >= 0 ? H5Dget_type(ds) : -1;
    int ok = space >= 0 && type >= 0 && H5Sget_simple_extent_ndims(space) == 1 &&
             (size_t)H5Sget_simple_extent_npoints(space) == n && H5Tget_size(type) == elem &&
             H5Tget_class(type) == H5T_INTEGER &&
             (n == 0 || H5Dread(ds, bits_type(elem), H5S_ALL, H5S_ALL, H5P_DEFAULT, data) >= 0);
    if (type >= 0)
        H5Tclose(type);
    if (space >= 0)
        H5Sclose(space);
    if (ds >= 0)
        H5Dclose(ds);
    return ok;
}

ssim_status_t ssim_h5_read_shard_part(const char *path, size_t k, ssim_results_part_t *p)
{
    ssim_h5read_t r;
    ssim_status_t st = ssim_h5read_open(&r, path);
    char gname[32], bad[96] = "";
    snprintf(gname, sizeof gname, "/shard/r%zu", k);
    hid_t g = st == SSIM_OK && ssim_h5read_exists(&r, gname)
                  ? H5Gopen2((hid_t)r.file, gname, H5P_DEFAULT)
                  : -1;
    if (st == SSIM_OK && g < 0)
        snprintf(bad, sizeof bad, "%s", gname);
    char layout[8192] = "";
    if (g >= 0 && ssim_h5read_attr_str(&r, gname, "layout", layout, sizeof layout) != 0)
        snprintf(bad, sizeof bad, "%s layout", gname);
    free(p->layout);
    if (g >= 0 && !bad[0] && !(p->layout = strdup(layout)))
        st = SSIM_ENOMEM;
    for (size_t i = 0; g >= 0 && !bad[0] && st == SSIM_OK && i < p->n_arrays; i++) {
        ssim_part_array_t *a = &p->array[i];
        if (!(a->data = ssim_malloc(a->n + 1, a->elem, a->name)))
            st = SSIM_ENOMEM;
        else if (!get_array(g, a->name, a->elem, a->n, a->data))
            snprintf(bad, sizeof bad, "%s/%s", gname, a->name);
    }
    size_t O = p->n_operators;
    if (g >= 0 && !bad[0] && st == SSIM_OK && O) {
        p->op_compromised = ssim_malloc(O, 4, "operator counts");
        p->op_out = ssim_malloc(O, 4, "operator counts");
        p->op_outage_ms = ssim_malloc(O, 8, "operator outage sums");
        if (!p->op_compromised || !p->op_out || !p->op_outage_ms)
            st = SSIM_ENOMEM;
        else if (!get_array(g, "op_compromised", 4, O, p->op_compromised) ||
                 !get_array(g, "op_out", 4, O, p->op_out) ||
                 !get_array(g, "op_outage_ms", 8, O, p->op_outage_ms))
            snprintf(bad, sizeof bad, "%s operator counts", gname);
    }
    size_t E = 0;
    if (g >= 0 && !bad[0] && st == SSIM_OK && H5Lexists(g, "ev_trial", H5P_DEFAULT) > 0) {
        char ev[64];
        snprintf(ev, sizeof ev, "%s/ev_trial", gname);
        E = ssim_h5read_count(&r, ev);
        uint64_t *u = ssim_malloc(E + 1, 8, "event rows");
        p->events.rec = ssim_calloc(E + 1, sizeof *p->events.rec, "event rows");
        if (!u || !p->events.rec)
            st = SSIM_ENOMEM;
        for (size_t f = 0; st == SSIM_OK && !bad[0] && f < N_EV_FIELDS; f++) {
            if (!get_array(g, ev_fields[f].name, ev_fields[f].elem, E, u))
                snprintf(bad, sizeof bad, "%s/%s", gname, ev_fields[f].name);
            for (size_t e = 0; !bad[0] && e < E; e++)
                memcpy((char *)&p->events.rec[e] + ev_fields[f].off,
                       (char *)u + e * ev_fields[f].elem, ev_fields[f].elem);
        }
        free(u);
        p->events.n = p->events.cap = E;
        for (size_t e = 1; !bad[0] && e < E; e++)
            if (p->events.rec[e].trial < p->events.rec[e - 1].trial)
                snprintf(bad, sizeof bad, "%s events out of trial order", gname);
    }
    if (g >= 0)
        H5Gclose(g);
    ssim_status_t closed = ssim_h5read_close(&r);
    if (st == SSIM_OK)
        st = closed;
    if (st == SSIM_OK && bad[0])
        st = ssim_error(SSIM_EINVAL, (ssim_loc_t){path, 0, 0},
                        "a damaged shard file: %s is missing or has the wrong size or type", bad);
    return st;
}
