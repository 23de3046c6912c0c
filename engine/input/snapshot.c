/* input/snapshot — write network snapshots, and tell a snapshot path
 * (contract in snapshot.h, format in snapfmt.h and docs/snapshot.md). */
#include "input/snapfmt.h"

#include "core/alloc.h"
#include "core/atomic.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* ---- writing ---- */

/* The text section and the file and sector records built from net. */
typedef struct {
    char *text;
    size_t len, cap;
    snap_file_t files[SNAP_N_FILES];
    snap_sector_t sectors[SSIM_MAX_SECTORS];
    int64_t population[SSIM_N_PREFECTURES + 1];
} meta_t;

static ssim_status_t text_add(meta_t *m, const char *s, uint64_t *off)
{
    size_t n = strlen(s) + 1;
    if (m->len + n > m->cap) {
        size_t cap = 2 * (m->len + n) + 256;
        char *p = ssim_realloc(m->text, cap, 1, "snapshot text");
        if (!p)
            return SSIM_ENOMEM;
        m->text = p;
        m->cap = cap;
    }
    memcpy(m->text + m->len, s, n);
    *off = m->len;
    m->len += n;
    return SSIM_OK;
}

static ssim_status_t file_record(meta_t *m, const ssim_net_file_info_t *fi, snap_file_t *r)
{
    memset(r, 0, sizeof *r);
    r->path = ABSENT;
    if (!fi->path)
        return SSIM_OK;
    r->bytes = fi->bytes;
    r->rows = fi->rows;
    memcpy(r->sha256, fi->sha256, 64);
    return text_add(m, fi->path, &r->path);
}

static ssim_status_t meta_build(meta_t *m, const ssim_network_t *net)
{
    memset(m, 0, sizeof *m);
    ssim_status_t st = SSIM_OK;
    for (int f = 0; st == SSIM_OK && f < SSIM_NET_N_FILES; f++)
        st = file_record(m, &net->files[f], &m->files[f]);
    for (int f = 0; st == SSIM_OK && f < SSIM_NET_N_OPT_FILES; f++)
        st = file_record(m, &net->opt_files[f], &m->files[SSIM_NET_N_FILES + f]);
    for (int s = 0; st == SSIM_OK && s < SSIM_MAX_SECTORS; s++) {
        const ssim_sector_info_t *si = &net->sector_info[s];
        snap_sector_t *r = &m->sectors[s];
        *r = (snap_sector_t){
            ABSENT, ABSENT, si->line, si->per_day, si->people_per_customer, si->yen_per_unit};
        if (si->line && (st = text_add(m, si->customer_unit, &r->customer_unit)) == SSIM_OK)
            st = text_add(m, si->service_unit, &r->service_unit);
    }
    memcpy(m->population, net->population, sizeof m->population);
    return st;
}

/* Where the bytes go: a checksum, or the file. */
typedef struct {
    FILE *f;         /* NULL: only checksum */
    ssim_sha256_t h; /* when f is NULL */
    uint64_t n;      /* bytes put */
} sink_t;

static void put(sink_t *k, const void *p, size_t n)
{
    if (!n)
        return;
    if (k->f)
        fwrite(p, 1, n, k->f); /* errors: ferror at the end */
    else
        ssim_sha256_update(&k->h, p, n);
    k->n += n;
}

/* The pool offsets of n strings, in chunks. */
static void put_offsets(sink_t *k, const ssim_network_t *net, const char *const *s, size_t n)
{
    enum { CHUNK = 4096 };
    uint64_t buf[CHUNK];
    for (size_t i = 0; i < n; i += CHUNK) {
        size_t m = n - i < CHUNK ? n - i : CHUNK;
        for (size_t j = 0; j < m; j++)
            buf[j] = (uint64_t)(s[i + j] - net->pool);
        put(k, buf, m * sizeof *buf);
    }
}

static void put_section(sink_t *k, const ssim_network_t *net, const meta_t *m, section_t s,
                        uint64_t count)
{
    switch (s) {
    case S_FILES:
        put(k, m->files, sizeof m->files);
        break;
    case S_SECTORS:
        put(k, m->sectors, sizeof m->sectors);
        break;
    case S_TEXT:
        put(k, m->text, m->len);
        break;
    case S_POPULATION:
        put(k, m->population, sizeof m->population);
        break;
    case S_POOL:
        put(k, net->pool, net->pool_len);
        break;
    default:
        if (sections[s].kind == K_STRINGS)
            put_offsets(k, net, *field_of((ssim_network_t *)net, s), count);
        else
            put(k, *field_of((ssim_network_t *)net, s), count * sections[s].elem);
    }
}

static void counts_of(const ssim_network_t *net, const meta_t *m, uint64_t *c)
{
    c[C_OPS] = net->n_operators;
    c[C_SUPS] = net->n_suppliers;
    c[C_SUPPLY] = net->n_supply;
    c[C_DEPS] = net->n_deps;
    c[C_AREAS] = net->n_areas;
    c[C_AREA_OFF] = net->n_areas ? net->n_operators + 1 : 0;
    c[C_COUPLING] = net->n_coupling;
    c[C_POOL] = net->pool_len;
    c[C_TEXT] = m->len;
    c[C_FILES] = SNAP_N_FILES;
    c[C_SECTORS] = SSIM_MAX_SECTORS;
    c[C_PREFS] = SSIM_N_PREFECTURES + 1;
}

/* The header: counts, layout and every section's checksum. */
static void header_build(snap_header_t *hd, const ssim_network_t *net, const meta_t *m,
                         const char *build)
{
    memset(hd, 0, sizeof *hd);
    memcpy(hd->magic, snap_magic, sizeof snap_magic);
    hd->version = SSIM_SNAPSHOT_VERSION;
    hd->byte_order = SNAP_BYTE_ORDER;
    snprintf(hd->build, sizeof hd->build, "%s", build ? build : "");
    counts_of(net, m, hd->count);
    hd->n_sections = N_SECTIONS;
    hd->header_bytes = sizeof *hd;
    uint64_t at = align_up(sizeof *hd);
    for (int s = 0; s < N_SECTIONS; s++) {
        snap_entry_t *e = &hd->entry[s];
        e->id = (uint32_t)s;
        e->elem = sections[s].elem;
        e->count = hd->count[sections[s].count];
        e->bytes = e->count * e->elem;
        e->offset = at;
        at = align_up(at + e->bytes);
        sink_t k = {.f = NULL};
        ssim_sha256_init(&k.h);
        put_section(&k, net, m, (section_t)s, e->count);
        hex_of(&k.h, e->sha256);
    }
    hd->file_bytes = at;
    ssim_sha256_t h;
    ssim_sha256_init(&h);
    ssim_sha256_update(&h, hd, offsetof(snap_header_t, sha256));
    hex_of(&h, hd->sha256);
}

static void put_padding(sink_t *k, uint64_t to)
{
    static const unsigned char zeros[SNAP_ALIGN];
    while (k->n < to)
        put(k, zeros, to - k->n < SNAP_ALIGN ? (size_t)(to - k->n) : SNAP_ALIGN);
}

ssim_status_t ssim_snapshot_write(const ssim_network_t *net, const char *path, const char *build)
{
    meta_t m;
    snap_header_t hd;
    ssim_atomic_t a;
    ssim_status_t st = meta_build(&m, net);
    if (st == SSIM_OK) {
        header_build(&hd, net, &m, build);
        st = ssim_atomic_open(&a, path);
    }
    if (st == SSIM_OK) {
        sink_t k = {.f = a.f};
        put(&k, &hd, sizeof hd);
        for (int s = 0; s < N_SECTIONS; s++) {
            put_padding(&k, hd.entry[s].offset);
            put_section(&k, net, &m, (section_t)s, hd.entry[s].count);
        }
        put_padding(&k, hd.file_bytes);
        if (ferror(a.f)) {
            st = ssim_error(SSIM_EIO, (ssim_loc_t){path, 0, 0}, "cannot write the snapshot: %s",
                            strerror(errno));
            ssim_atomic_abort(&a);
        } else {
            st = ssim_atomic_commit(&a);
        }
    }
    free(m.text);
    return st;
}

/* ---- telling a snapshot ---- */

int ssim_snapshot_is_file(const char *path)
{
    struct stat sb;
    return stat(path, &sb) == 0 && !S_ISDIR(sb.st_mode);
}

int ssim_snapshot_has_magic(const char *path)
{
    unsigned char m[sizeof snap_magic];
    struct stat sb;
    if (stat(path, &sb) != 0 || !S_ISREG(sb.st_mode))
        return 0; /* a FIFO or device is never read */
    FILE *f = fopen(path, "rb");
    size_t n = f ? fread(m, 1, sizeof m, f) : 0;
    if (f)
        fclose(f);
    return n == sizeof m && memcmp(m, snap_magic, sizeof m) == 0;
}

void ssim_snapshot_describe(const ssim_network_t *net, char *buf, size_t size)
{
    if (!size)
        return;
    buf[0] = '\0';
    if (!net->map || net->map_len < sizeof(snap_header_t))
        return;
    const snap_header_t *hd = net->map; /* checked by the loader */
    snprintf(buf, size, "format version %" PRIu32 ", written by %.*s", hd->version,
             (int)strnlen(hd->build, sizeof hd->build), hd->build);
}
