/* input/snapfmt — the snapshot format, shared by the writer (snapshot.c) and
 * the loader (snapload.c); private to input/.  docs/snapshot.md describes it.
 *
 * One table (sections[]) names every section: its element size, which count
 * gives its length, and where its array lies in ssim_network_t.  The writer
 * walks it twice (checksums, then bytes, so the header with the checksums
 * can come first); the loader walks it to check the section table and to
 * point the arrays into the mapping.  Everything not stored as a plain array
 * (the string pointers, the file records, the sectors' units, the
 * population) has a section of its own and a special case in both.
 */
#ifndef SSIM_INPUT_SNAPFMT_H
#define SSIM_INPUT_SNAPFMT_H

#include "core/sha256.h"
#include "input/network.h"
#include "input/snapshot.h"

#include <stddef.h>
#include <stdint.h>
#include <string.h>

static const unsigned char snap_magic[8] = {0x89, 'S', 'S', 'N', '\r', '\n', 0x1a, '\n'};
enum { SNAP_ALIGN = 64, SNAP_BYTE_ORDER = 0x01020304, SNAP_BUILD_BYTES = 64 };

/* What a section's length counts. */
typedef enum {
    C_OPS,      /* n_operators */
    C_SUPS,     /* n_suppliers */
    C_SUPPLY,   /* n_supply */
    C_DEPS,     /* n_deps */
    C_AREAS,    /* n_areas */
    C_AREA_OFF, /* n_operators + 1 when n_areas > 0, else 0 */
    C_COUPLING, /* n_coupling */
    C_POOL,     /* pool bytes */
    C_TEXT,     /* text bytes (paths and sector units) */
    C_FILES,    /* SNAP_N_FILES */
    C_SECTORS,  /* SSIM_MAX_SECTORS */
    C_PREFS,    /* SSIM_N_PREFECTURES + 1 */
    C_N_COUNTS
} count_t;

/* How a section maps onto the network. */
typedef enum {
    K_ARRAY,   /* stored as in memory; the array points into the mapping */
    K_STRINGS, /* uint64 offsets into the pool; the loader builds the pointers */
    K_SPECIAL  /* the file records, sectors, text, pool, population: special cases */
} kind_t;

typedef struct {
    const char *name; /* in messages */
    uint32_t elem;    /* bytes per element */
    count_t count;
    kind_t kind;
    size_t field; /* K_ARRAY, K_STRINGS: offsetof the pointer in ssim_network_t */
} section_spec_t;

typedef enum {
    S_FILES,
    S_SECTORS,
    S_TEXT,
    S_POPULATION,
    S_POOL,
    S_OP_ID,
    S_OP_NAME,
    S_OP_SECTOR,
    S_OP_PREF,
    S_OP_CUSTOMERS,
    S_OP_DESIGNATED,
    S_SUP_ID,
    S_SUP_NAME,
    S_SUP_COUNTRY,
    S_SUP_CATEGORY,
    S_SUPPLY_SRC,
    S_SUPPLY_DST,
    S_SUPPLY_CHANNEL,
    S_SUPPLY_LAG,
    S_SUPPLY_SHARE,
    S_SUPPLY_PRIV,
    S_DEP_OP,
    S_DEP_PROVIDER,
    S_DEP_KIND,
    S_DEP_BUFFER,
    S_DEP_LOSS,
    S_AREA_OFF,
    S_AREA_PREF,
    S_AREA_SHARE,
    S_COUPLING,
    N_SECTIONS
} section_t;

#define NET(f) offsetof(ssim_network_t, f)
static const section_spec_t sections[N_SECTIONS] = {
    [S_FILES] = {"files", 96, C_FILES, K_SPECIAL, 0},
    [S_SECTORS] = {"sectors", 48, C_SECTORS, K_SPECIAL, 0},
    [S_TEXT] = {"text", 1, C_TEXT, K_SPECIAL, 0},
    [S_POPULATION] = {"population", 8, C_PREFS, K_SPECIAL, 0},
    [S_POOL] = {"string pool", 1, C_POOL, K_SPECIAL, 0},
    [S_OP_ID] = {"operator ids", 8, C_OPS, K_STRINGS, NET(op_id)},
    [S_OP_NAME] = {"operator names", 8, C_OPS, K_STRINGS, NET(op_name)},
    [S_OP_SECTOR] = {"operator sectors", 1, C_OPS, K_ARRAY, NET(op_sector)},
    [S_OP_PREF] = {"operator prefectures", 1, C_OPS, K_ARRAY, NET(op_prefecture)},
    [S_OP_CUSTOMERS] = {"operator customers", 8, C_OPS, K_ARRAY, NET(op_customers)},
    [S_OP_DESIGNATED] = {"operator designated", 1, C_OPS, K_ARRAY, NET(op_designated)},
    [S_SUP_ID] = {"supplier ids", 8, C_SUPS, K_STRINGS, NET(sup_id)},
    [S_SUP_NAME] = {"supplier names", 8, C_SUPS, K_STRINGS, NET(sup_name)},
    [S_SUP_COUNTRY] = {"supplier countries", 3, C_SUPS, K_ARRAY, NET(sup_country)},
    [S_SUP_CATEGORY] = {"supplier categories", 1, C_SUPS, K_ARRAY, NET(sup_category)},
    [S_SUPPLY_SRC] = {"supply suppliers", 4, C_SUPPLY, K_ARRAY, NET(sup_src)},
    [S_SUPPLY_DST] = {"supply customers", 4, C_SUPPLY, K_ARRAY, NET(sup_dst)},
    [S_SUPPLY_CHANNEL] = {"supply channels", 1, C_SUPPLY, K_ARRAY, NET(sup_channel)},
    [S_SUPPLY_LAG] = {"supply install lags", 8, C_SUPPLY, K_ARRAY, NET(sup_lag_hours)},
    [S_SUPPLY_SHARE] = {"supply shares", 8, C_SUPPLY, K_ARRAY, NET(sup_share)},
    [S_SUPPLY_PRIV] = {"supply privileges", 1, C_SUPPLY, K_ARRAY, NET(sup_privilege)},
    [S_DEP_OP] = {"dependency operators", 4, C_DEPS, K_ARRAY, NET(dep_op)},
    [S_DEP_PROVIDER] = {"dependency providers", 4, C_DEPS, K_ARRAY, NET(dep_provider)},
    [S_DEP_KIND] = {"dependency kinds", 1, C_DEPS, K_ARRAY, NET(dep_kind)},
    [S_DEP_BUFFER] = {"dependency buffers", 8, C_DEPS, K_ARRAY, NET(dep_buffer_hours)},
    [S_DEP_LOSS] = {"dependency losses", 8, C_DEPS, K_ARRAY, NET(dep_loss)},
    [S_AREA_OFF] = {"service-area index", 8, C_AREA_OFF, K_ARRAY, NET(area_off)},
    [S_AREA_PREF] = {"service-area prefectures", 1, C_AREAS, K_ARRAY, NET(area_pref)},
    [S_AREA_SHARE] = {"service-area shares", 8, C_AREAS, K_ARRAY, NET(area_share)},
    [S_COUPLING] = {"coupling rows", sizeof(ssim_coupling_row_t), C_COUPLING, K_ARRAY,
                    NET(coupling)},
};
#undef NET

/* The coupling rows are stored as the struct lies in memory: a change of it
 * must bump SSIM_SNAPSHOT_VERSION (and this check). */
_Static_assert(sizeof(ssim_coupling_row_t) == 56 && offsetof(ssim_coupling_row_t, line) == 48,
               "ssim_coupling_row_t changed: bump SSIM_SNAPSHOT_VERSION and this check");

enum { SNAP_N_FILES = SSIM_NET_N_FILES + SSIM_NET_N_OPT_FILES }; /* the four, then the optional */
static const uint64_t ABSENT = UINT64_MAX;                       /* a text offset: no string */

/* One source file (section "files"). */
typedef struct {
    uint64_t path; /* offset in the text section, or ABSENT (an optional file not read) */
    uint64_t bytes, rows;
    char sha256[64]; /* lowercase hex */
    uint64_t zero;   /* 0 */
} snap_file_t;

/* One sector's consequence figures (section "sectors"). */
typedef struct {
    uint64_t customer_unit, service_unit; /* text offsets, ABSENT when line is 0 */
    int64_t line, per_day;
    double people_per_customer, yen_per_unit;
} snap_sector_t;

/* A section's row in the header. */
typedef struct {
    uint64_t offset, bytes, count;
    uint32_t id, elem;
    char sha256[64]; /* of its bytes (without the padding, which must be zero) */
} snap_entry_t;

typedef struct {
    unsigned char magic[8];
    uint32_t version, byte_order;
    char build[SNAP_BUILD_BYTES]; /* the writer, NUL-padded */
    uint64_t file_bytes;
    uint64_t count[C_N_COUNTS];
    uint32_t n_sections, header_bytes;
    snap_entry_t entry[N_SECTIONS];
    char sha256[64]; /* of every byte above */
} snap_header_t;

_Static_assert(sizeof(snap_file_t) == 96 && sizeof(snap_sector_t) == 48 &&
                   sizeof(snap_entry_t) == 96,
               "snapshot records have fixed sizes");

static inline uint64_t align_up(uint64_t x)
{
    return (x + SNAP_ALIGN - 1) / SNAP_ALIGN * SNAP_ALIGN;
}

/* Section s's array pointer in net. */
static inline void **field_of(ssim_network_t *net, section_t s)
{
    return (void **)((char *)net + sections[s].field);
}

static inline void hex_of(ssim_sha256_t *h, char out[64])
{
    char hex[65];
    ssim_sha256_hex(h, hex);
    memcpy(out, hex, 64);
}

#endif
