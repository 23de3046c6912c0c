/* input/snapload — load a network snapshot (contract in snapshot.h, format
 * in snapfmt.h and docs/snapshot.md): map the file, check the header, the
 * section table, every checksum and every value the engine indexes with,
 * then point the network's arrays into the mapping and rebuild the string
 * pointers and the id map. */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L /* fstat, mmap */
#endif

#include "input/snapfmt.h"

#include "core/alloc.h"
#include "core/log.h"
#include "core/vocab.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

/* A load under way: the file and its mapping. */
typedef struct {
    const char *path;
    const unsigned char *base; /* the mapping */
    uint64_t size;
    const snap_header_t *hd;
    ssim_network_t *net;
} loader_t;

static ssim_status_t damaged(const loader_t *ld, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* "PATH: damaged network snapshot: RULE (re-pack ...)". */
static ssim_status_t damaged(const loader_t *ld, const char *fmt, ...)
{
    char rule[256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(rule, sizeof rule, fmt, ap);
    va_end(ap);
    return ssim_error(SSIM_EINVAL, (ssim_loc_t){ld->path, 0, 0},
                      "damaged network snapshot: %s (re-pack it with 'sectorsim network pack')",
                      rule);
}

static ssim_status_t not_snapshot(const loader_t *ld, const char *why)
{
    return ssim_error(SSIM_EINVAL, (ssim_loc_t){ld->path, 0, 0},
                      "not a directory nor a network snapshot (%s): a network is a directory "
                      "holding operators.csv, suppliers.csv, supply.csv and dependencies.csv, or "
                      "a snapshot written by 'sectorsim network pack'",
                      why);
}

/* Open and map the file read-only. */
static ssim_status_t map_file(loader_t *ld)
{
    int fd = open(ld->path, O_RDONLY | O_CLOEXEC | O_NONBLOCK); /* a FIFO must not block */
    if (fd < 0)
        return ssim_error(errno == ENOENT || errno == EACCES ? SSIM_EINVAL : SSIM_EIO,
                          (ssim_loc_t){ld->path, 0, 0}, "cannot open network snapshot: %s",
                          strerror(errno));
    struct stat sb;
    ssim_status_t st = SSIM_OK;
    if (fstat(fd, &sb) != 0)
        st = ssim_error(SSIM_EIO, (ssim_loc_t){ld->path, 0, 0}, "cannot stat: %s", strerror(errno));
    else if (!S_ISREG(sb.st_mode))
        st = not_snapshot(ld, "not a regular file");
    else if ((uint64_t)sb.st_size < sizeof snap_magic)
        st = not_snapshot(ld, "too short for the magic number");
    if (st == SSIM_OK) {
        ld->size = (uint64_t)sb.st_size;
        void *p = mmap(NULL, (size_t)ld->size, PROT_READ, MAP_PRIVATE, fd, 0);
        if (p == MAP_FAILED)
            st = ssim_error(SSIM_EIO, (ssim_loc_t){ld->path, 0, 0}, "cannot map: %s",
                            strerror(errno));
        else
            ld->base = p;
    }
    close(fd);
    return st;
}

/* Magic, byte order, version, the header's checksum and size. */
static ssim_status_t check_header(loader_t *ld)
{
    const snap_header_t *hd = (const snap_header_t *)ld->base;
    uint32_t version = 0, order = 0;
    if (memcmp(ld->base, snap_magic, sizeof snap_magic) != 0)
        return not_snapshot(ld, "bad magic number");
    if (ld->size < offsetof(snap_header_t, build))
        return damaged(ld, "truncated: %" PRIu64 " bytes, no room for the format version",
                       ld->size);
    memcpy(&version, ld->base + offsetof(snap_header_t, version), sizeof version);
    memcpy(&order, ld->base + offsetof(snap_header_t, byte_order), sizeof order);
    if (order != SNAP_BYTE_ORDER)
        return damaged(ld,
                       "byte-order mark %#" PRIx32 ", expected %#x (written on a machine of "
                       "another byte order?)",
                       order, SNAP_BYTE_ORDER);
    if (version != SSIM_SNAPSHOT_VERSION)
        return ssim_error(SSIM_EINVAL, (ssim_loc_t){ld->path, 0, 0},
                          "network snapshot of format version %" PRIu32 "; this sectorsim reads "
                          "version %d only: re-pack the network with 'sectorsim network pack'",
                          version, SSIM_SNAPSHOT_VERSION);
    if (ld->size < sizeof *hd)
        return damaged(ld, "truncated: %" PRIu64 " bytes, shorter than the %zu-byte header",
                       ld->size, sizeof *hd);
    ssim_sha256_t h;
    char sum[64];
    ssim_sha256_init(&h);
    ssim_sha256_update(&h, hd, offsetof(snap_header_t, sha256));
    hex_of(&h, sum);
    if (memcmp(sum, hd->sha256, 64) != 0)
        return damaged(ld, "the header's checksum does not match");
    if (hd->header_bytes != sizeof *hd || hd->n_sections != N_SECTIONS)
        return damaged(
            ld, "a header of %" PRIu32 " bytes and %" PRIu32 " sections, expected %zu and %d",
            hd->header_bytes, hd->n_sections, sizeof *hd, (int)N_SECTIONS);
    if (hd->file_bytes != ld->size)
        return damaged(ld, "truncated or extended: %" PRIu64 " bytes, the header says %" PRIu64,
                       ld->size, hd->file_bytes);
    ld->hd = hd;
    return SSIM_OK;
}

/* The counts within the caps of network.h, the fixed counts exact. */
static ssim_status_t check_counts(const loader_t *ld)
{
    const uint64_t *c = ld->hd->count;
    static const char *const name[C_N_COUNTS] = {
        "operators",     "suppliers",          "supply edges",   "dependencies",
        "service areas", "service-area index", "coupling rows",  "pool bytes",
        "text bytes",    "file records",       "sector records", "prefectures"};
    uint64_t cap[C_N_COUNTS];
    for (int i = 0; i < C_N_COUNTS; i++)
        cap[i] = SSIM_NET_MAX_ROWS;
    cap[C_POOL] = cap[C_TEXT] = ld->size;
    cap[C_AREA_OFF] = c[C_AREAS] ? c[C_OPS] + 1 : 0;
    cap[C_FILES] = SNAP_N_FILES;
    cap[C_SECTORS] = SSIM_MAX_SECTORS;
    cap[C_PREFS] = SSIM_N_PREFECTURES + 1;
    for (int i = 0; i < C_N_COUNTS; i++) {
        int exact = i == C_AREA_OFF || i >= C_FILES;
        if (exact ? c[i] != cap[i] : c[i] > cap[i])
            return damaged(ld, "%s count %" PRIu64 ", %s %" PRIu64, name[i], c[i],
                           exact ? "expected" : "over the cap of", cap[i]);
    }
    if (c[C_OPS] == 0 || c[C_SUPS] == 0)
        return damaged(ld,
                       "%" PRIu64 " operators and %" PRIu64 " suppliers: at least one of "
                       "each is required",
                       c[C_OPS], c[C_SUPS]);
    if (c[C_POOL] == 0 || c[C_TEXT] == 0)
        return damaged(ld, "an empty string pool or text");
    return SSIM_OK;
}

/* The bytes [from, to) of p are zero. */
static int zero_bytes(const unsigned char *p, uint64_t from, uint64_t to)
{
    for (uint64_t i = from; i < to; i++)
        if (p[i])
            return 0;
    return 1;
}

/* Each section where the counts put it, in order, inside the file, aligned,
 * its checksum right, the padding zero. */
static ssim_status_t check_sections(const loader_t *ld)
{
    const snap_header_t *hd = ld->hd;
    uint64_t at = sizeof *hd; /* end of the previous part */
    for (int s = 0; s < N_SECTIONS; s++) {
        const snap_entry_t *e = &hd->entry[s];
        const char *name = sections[s].name;
        uint64_t count = hd->count[sections[s].count];
        if (e->id != (uint32_t)s || e->elem != sections[s].elem)
            return damaged(ld,
                           "section '%s' has id %" PRIu32 " and element size %" PRIu32
                           ", expected %d and %" PRIu32,
                           name, e->id, e->elem, s, sections[s].elem);
        if (e->count != count || e->bytes != count * e->elem)
            return damaged(ld,
                           "section '%s' has %" PRIu64 " elements in %" PRIu64
                           " bytes, the counts say %" PRIu64,
                           name, e->count, e->bytes, count);
        if (e->offset != align_up(at))
            return damaged(ld, "section '%s' at offset %" PRIu64 ", expected %" PRIu64, name,
                           e->offset, align_up(at));
        if (e->offset > ld->size || e->bytes > ld->size - e->offset)
            return damaged(ld, "section '%s' ends past the end of the file (%" PRIu64 " bytes)",
                           name, ld->size);
        if (!zero_bytes(ld->base, at, e->offset))
            return damaged(ld, "the padding before section '%s' is not zero", name);
        ssim_sha256_t h;
        char sum[64];
        ssim_sha256_init(&h);
        ssim_sha256_update(&h, ld->base + e->offset, e->bytes);
        hex_of(&h, sum);
        if (memcmp(sum, e->sha256, 64) != 0)
            return damaged(ld,
                           "section '%s' (%" PRIu64 " bytes at offset %" PRIu64
                           "): its checksum does not match",
                           name, e->bytes, e->offset);
        at = e->offset + e->bytes;
    }
    if (align_up(at) != ld->size || !zero_bytes(ld->base, at, ld->size))
        return damaged(ld, "the file does not end with the last section's padding");
    return SSIM_OK;
}

static const void *sec(const loader_t *ld, section_t s)
{
    return ld->base + ld->hd->entry[s].offset;
}

/* ---- the ranges of the values ---- */

/* First i with a[i] outside [lo, hi], or n. */
static size_t bad_i8(const int8_t *a, size_t n, int lo, int hi)
{
    size_t i = 0;
    while (i < n && a[i] >= lo && a[i] <= hi)
        i++;
    return i;
}

static size_t bad_i32(const int32_t *a, size_t n, int64_t lo, int64_t hi)
{
    size_t i = 0;
    while (i < n && a[i] >= lo && a[i] <= hi)
        i++;
    return i;
}

/* First i with a[i] outside [lo, hi] (lo excluded when lo_open), NaN included. */
static size_t bad_f64(const double *a, size_t n, double lo, double hi, int lo_open)
{
    size_t i = 0;
    while (i < n && (lo_open ? a[i] > lo : a[i] >= lo) && a[i] <= hi)
        i++;
    return i;
}

static ssim_status_t out_of_range(const loader_t *ld, section_t s, size_t i)
{
    return damaged(ld, "section '%s': element %zu is out of range", sections[s].name, i);
}

#define CHECK_RANGE(s, call)                                                                       \
    do {                                                                                           \
        size_t n_ = ld->hd->count[sections[s].count], i_ = (call);                                 \
        if (i_ < n_)                                                                               \
            return out_of_range(ld, s, i_);                                                        \
    } while (0)

/* What the engine indexes arrays with, and the CSV loader's value ranges. */
static ssim_status_t check_values(const loader_t *ld)
{
    const uint64_t *c = ld->hd->count;
    int64_t n_ops = (int64_t)c[C_OPS], n_nodes = n_ops + (int64_t)c[C_SUPS];
    CHECK_RANGE(S_OP_SECTOR, bad_i8(sec(ld, S_OP_SECTOR), c[C_OPS], 0, ssim_vocab_sector.n - 1));
    CHECK_RANGE(S_OP_PREF, bad_i8(sec(ld, S_OP_PREF), c[C_OPS], 1, SSIM_N_PREFECTURES));
    CHECK_RANGE(S_OP_DESIGNATED, bad_i8(sec(ld, S_OP_DESIGNATED), c[C_OPS], 0, 1));
    const int64_t *cust = sec(ld, S_OP_CUSTOMERS);
    int64_t total = 0;
    for (size_t i = 0; i < c[C_OPS]; i++) {
        if (cust[i] < 0 || cust[i] > SSIM_NET_MAX_CUSTOMERS ||
            (total += cust[i]) > SSIM_NET_MAX_TOTAL_CUSTOMERS)
            return out_of_range(ld, S_OP_CUSTOMERS, i);
    }
    const char(*country)[3] = (const char(*)[3])sec(ld, S_SUP_COUNTRY);
    for (size_t i = 0; i < c[C_SUPS]; i++)
        if (country[i][0] < 'A' || country[i][0] > 'Z' || country[i][1] < 'A' ||
            country[i][1] > 'Z' || country[i][2])
            return out_of_range(ld, S_SUP_COUNTRY, i);
    CHECK_RANGE(S_SUP_CATEGORY,
                bad_i8(sec(ld, S_SUP_CATEGORY), c[C_SUPS], 0, ssim_vocab_category.n - 1));
    CHECK_RANGE(S_SUPPLY_SRC,
                bad_i32(sec(ld, S_SUPPLY_SRC), c[C_SUPPLY], 0, (int64_t)c[C_SUPS] - 1));
    CHECK_RANGE(S_SUPPLY_DST, bad_i32(sec(ld, S_SUPPLY_DST), c[C_SUPPLY], 0, n_nodes - 1));
    CHECK_RANGE(S_SUPPLY_CHANNEL,
                bad_i8(sec(ld, S_SUPPLY_CHANNEL), c[C_SUPPLY], 0, SSIM_N_CHANNELS - 1));
    CHECK_RANGE(S_SUPPLY_PRIV,
                bad_i8(sec(ld, S_SUPPLY_PRIV), c[C_SUPPLY], 0, SSIM_N_PRIVILEGES - 1));
    CHECK_RANGE(S_SUPPLY_LAG,
                bad_f64(sec(ld, S_SUPPLY_LAG), c[C_SUPPLY], 0, SSIM_NET_MAX_LAG_HOURS, 0));
    CHECK_RANGE(S_SUPPLY_SHARE, bad_f64(sec(ld, S_SUPPLY_SHARE), c[C_SUPPLY], 0, 1, 1));
    CHECK_RANGE(S_DEP_OP, bad_i32(sec(ld, S_DEP_OP), c[C_DEPS], 0, n_ops - 1));
    CHECK_RANGE(S_DEP_PROVIDER, bad_i32(sec(ld, S_DEP_PROVIDER), c[C_DEPS], 0, n_ops - 1));
    const int32_t *dop = sec(ld, S_DEP_OP), *dprov = sec(ld, S_DEP_PROVIDER);
    for (size_t i = 0; i < c[C_DEPS]; i++)
        if (dop[i] == dprov[i])
            return out_of_range(ld, S_DEP_PROVIDER, i);
    CHECK_RANGE(S_DEP_KIND, bad_i8(sec(ld, S_DEP_KIND), c[C_DEPS], 0, ssim_vocab_dep_kind.n - 1));
    CHECK_RANGE(S_DEP_BUFFER,
                bad_f64(sec(ld, S_DEP_BUFFER), c[C_DEPS], 0, SSIM_NET_MAX_LAG_HOURS, 0));
    CHECK_RANGE(S_DEP_LOSS, bad_f64(sec(ld, S_DEP_LOSS), c[C_DEPS], 0, 1, 1));
    const int64_t *aoff = sec(ld, S_AREA_OFF);
    for (size_t o = 0; o < c[C_AREA_OFF]; o++)
        if (o == 0 ? aoff[0] != 0
                   : aoff[o] < aoff[o - 1] || aoff[o] - aoff[o - 1] > SSIM_N_PREFECTURES ||
                         (o == c[C_OPS] && (uint64_t)aoff[o] != c[C_AREAS]))
            return out_of_range(ld, S_AREA_OFF, o);
    CHECK_RANGE(S_AREA_PREF, bad_i8(sec(ld, S_AREA_PREF), c[C_AREAS], 1, SSIM_N_PREFECTURES));
    CHECK_RANGE(S_AREA_SHARE, bad_f64(sec(ld, S_AREA_SHARE), c[C_AREAS], 0, 1, 1));
    const ssim_coupling_row_t *co = sec(ld, S_COUPLING);
    for (size_t i = 0; i < c[C_COUPLING]; i++) {
        const ssim_coupling_row_t *r = &co[i];
        double p[3] = {r->capacity_loss, r->service_loss, r->shutdown_probability};
        if (r->sector < -1 || r->sector >= ssim_vocab_sector.n || r->privilege < -1 ||
            r->privilege >= ssim_vocab_privilege.n || r->type < -1 ||
            r->type >= ssim_vocab_incident_type.n || bad_f64(p, 3, 0, 1, 0) < 3 ||
            bad_f64(&r->shutdown_median_hours, 1, 0, SSIM_NET_MAX_LAG_HOURS, 1) < 1 ||
            bad_f64(&r->shutdown_sigma, 1, 0, 10, 0) < 1)
            return out_of_range(ld, S_COUPLING, i);
    }
    const int64_t *pop = sec(ld, S_POPULATION);
    for (size_t p = 0; p <= SSIM_N_PREFECTURES; p++)
        if (pop[p] < 0 || pop[p] > SSIM_NET_MAX_TOTAL_CUSTOMERS)
            return out_of_range(ld, S_POPULATION, p);
    return SSIM_OK;
}

#undef CHECK_RANGE

/* ---- building the network ---- */

/* The string at off in the text section, or NULL (an error raised). */
static const char *text_at(const loader_t *ld, uint64_t off, section_t s, size_t i)
{
    if (off >= ld->hd->count[C_TEXT]) {
        out_of_range(ld, s, i);
        return NULL;
    }
    return (const char *)sec(ld, S_TEXT) + off;
}

static ssim_status_t copy_text(const loader_t *ld, uint64_t off, section_t s, size_t i, char **out)
{
    const char *t = text_at(ld, off, s, i);
    if (!t)
        return SSIM_EINVAL;
    return (*out = ssim_strdup(t, "snapshot text")) ? SSIM_OK : SSIM_ENOMEM;
}

static ssim_status_t load_file_info(const loader_t *ld, size_t i, ssim_net_file_info_t *fi)
{
    const snap_file_t *r = (const snap_file_t *)sec(ld, S_FILES) + i;
    if (r->path == ABSENT && i >= SSIM_NET_N_FILES)
        return SSIM_OK;
    for (int k = 0; k < 64; k++)
        if (!((r->sha256[k] >= '0' && r->sha256[k] <= '9') ||
              (r->sha256[k] >= 'a' && r->sha256[k] <= 'f')))
            return out_of_range(ld, S_FILES, i);
    memcpy(fi->sha256, r->sha256, 64);
    fi->sha256[64] = '\0';
    fi->bytes = r->bytes;
    fi->rows = r->rows;
    return copy_text(ld, r->path, S_FILES, i, &fi->path);
}

static ssim_status_t load_meta(const loader_t *ld, ssim_network_t *net)
{
    ssim_status_t st = SSIM_OK;
    for (size_t i = 0; st == SSIM_OK && i < SNAP_N_FILES; i++)
        st = load_file_info(
            ld, i, i < SSIM_NET_N_FILES ? &net->files[i] : &net->opt_files[i - SSIM_NET_N_FILES]);
    const snap_sector_t *sr = sec(ld, S_SECTORS);
    for (size_t s = 0; st == SSIM_OK && s < SSIM_MAX_SECTORS; s++) {
        ssim_sector_info_t *si = &net->sector_info[s];
        const snap_sector_t *r = &sr[s];
        if (r->line < 0 || r->line > SSIM_NET_MAX_ROWS + 1 || (r->per_day & ~(int64_t)1) ||
            bad_f64(&r->people_per_customer, 1, 0, 1e9, 0) < 1 ||
            bad_f64(&r->yen_per_unit, 1, 0, 1e18, 0) < 1)
            return out_of_range(ld, S_SECTORS, s);
        if (!r->line)
            continue;
        *si = (ssim_sector_info_t){
            NULL, NULL, (int)r->per_day, r->people_per_customer, r->yen_per_unit, (long)r->line};
        st = copy_text(ld, r->customer_unit, S_SECTORS, s, &si->customer_unit);
        if (st == SSIM_OK)
            st = copy_text(ld, r->service_unit, S_SECTORS, s, &si->service_unit);
    }
    if (st == SSIM_OK)
        memcpy(net->population, sec(ld, S_POPULATION), sizeof net->population);
    return st;
}

/* The pointers of n strings at pool offsets off[]; each a non-empty id when ids. */
static ssim_status_t load_strings(const loader_t *ld, section_t s, const char ***out)
{
    ssim_network_t *net = ld->net;
    size_t n = ld->hd->count[sections[s].count];
    const uint64_t *off = sec(ld, s);
    const char **p = ssim_malloc(n, sizeof *p, sections[s].name);
    if (!p)
        return SSIM_ENOMEM;
    *out = p;
    int ids = s == S_OP_ID || s == S_SUP_ID;
    for (size_t i = 0; i < n; i++) {
        if (off[i] >= net->pool_len || (ids && !net->pool[off[i]]))
            return out_of_range(ld, s, i);
        p[i] = net->pool + off[i];
    }
    return SSIM_OK;
}

/* The id map, refusing a duplicate id. */
static ssim_status_t load_ids(const loader_t *ld)
{
    ssim_network_t *net = ld->net;
    size_t n_ops = net->n_operators, dup = 0, base = 0;
    ssim_status_t st = ssim_strmap_init(&net->ids, n_ops + net->n_suppliers);
    int r = st == SSIM_OK ? ssim_strmap_put_all(&net->ids, net->op_id, n_ops, 0, &dup) : -1;
    if (r == 0) {
        base = n_ops;
        r = ssim_strmap_put_all(&net->ids, net->sup_id, net->n_suppliers, (int64_t)n_ops, &dup);
    }
    if (r < 0)
        return SSIM_ENOMEM;
    if (r > 0)
        return damaged(ld, "duplicate id \"%s\" (node %zu)",
                       base ? net->sup_id[dup] : net->op_id[dup], base + dup);
    return SSIM_OK;
}

/* Point the arrays into the mapping, build the strings and the id map. */
static ssim_status_t build(loader_t *ld)
{
    ssim_network_t *net = ld->net;
    const uint64_t *c = ld->hd->count;
    net->map = (void *)ld->base;
    net->map_len = ld->size;
    net->n_operators = c[C_OPS];
    net->n_suppliers = c[C_SUPS];
    net->n_supply = c[C_SUPPLY];
    net->n_deps = c[C_DEPS];
    net->n_areas = c[C_AREAS];
    net->n_coupling = c[C_COUPLING];
    net->pool = (char *)sec(ld, S_POOL);
    net->pool_len = net->pool_cap = c[C_POOL];
    if (net->pool[net->pool_len - 1] || ((const char *)sec(ld, S_TEXT))[c[C_TEXT] - 1])
        return damaged(ld, "the string pool or text does not end with a NUL");
    for (int s = 0; s < N_SECTIONS; s++)
        if (sections[s].kind == K_ARRAY)
            *field_of(net, (section_t)s) =
                ld->hd->entry[s].count ? (void *)sec(ld, (section_t)s) : NULL;
    double t0 = ssim_now();
    ssim_status_t st = load_strings(ld, S_OP_ID, &net->op_id);
    if (st == SSIM_OK)
        st = load_strings(ld, S_OP_NAME, &net->op_name);
    if (st == SSIM_OK)
        st = load_strings(ld, S_SUP_ID, &net->sup_id);
    if (st == SSIM_OK)
        st = load_strings(ld, S_SUP_NAME, &net->sup_name);
    if (st == SSIM_OK)
        st = load_meta(ld, net);
    double t1 = ssim_now();
    if (st == SSIM_OK)
        st = load_ids(ld);
    ssim_debug("strings %.3f s, id map %.3f s", t1 - t0, ssim_now() - t1);
    if (st == SSIM_OK && !(net->dir = ssim_strdup(ld->path, "network snapshot path")))
        st = SSIM_ENOMEM;
    return st;
}

ssim_status_t ssim_snapshot_load(ssim_network_t *net, const char *path)
{
    memset(net, 0, sizeof *net);
    loader_t ld = {.path = path, .net = net};
    double t[5] = {ssim_now()};
    ssim_status_t st = map_file(&ld);
    if (st == SSIM_OK)
        st = check_header(&ld);
    if (st == SSIM_OK)
        st = check_counts(&ld);
    t[1] = ssim_now();
    if (st == SSIM_OK)
        st = check_sections(&ld);
    t[2] = ssim_now();
    if (st == SSIM_OK)
        st = check_values(&ld);
    t[3] = ssim_now();
    if (st == SSIM_OK)
        st = build(&ld);
    t[4] = ssim_now();
    if (st != SSIM_OK) {
        if (!net->map && ld.base)
            munmap((void *)ld.base, (size_t)ld.size);
        ssim_network_destroy(net);
    } else {
        ssim_debug("snapshot %s: %" PRIu64 " bytes; map and header %.3f s, checksums %.3f s, "
                   "value checks %.3f s, strings and id map %.3f s",
                   path, ld.size, t[1] - t[0], t[2] - t[1], t[3] - t[2], t[4] - t[3]);
    }
    return st;
}
