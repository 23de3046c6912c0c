/* core/strmap — a string -> index hash map (open addressing, FNV-1a).
 *
 * Keys are borrowed: the map stores pointers, the caller keeps the strings
 * alive and unchanged while the map is used.  Lookups are O(1) expected.
 */
#ifndef SSIM_CORE_STRMAP_H
#define SSIM_CORE_STRMAP_H

#include "core/status.h"

#include <stddef.h>
#include <stdint.h>

typedef struct {
    const char **keys; /* length = cap; NULL = empty slot */
    int64_t *values;   /* length = cap */
    size_t cap, n;
} ssim_strmap_t;

/* Initialise an empty map sized for about `expected` keys. */
ssim_status_t ssim_strmap_init(ssim_strmap_t *m, size_t expected);
void ssim_strmap_destroy(ssim_strmap_t *m);

/* Insert key -> value.  If the key exists, leaves the map unchanged, stores
 * the existing value in *existing (when not NULL) and returns 1; returns 0 on
 * insertion and -1 on out of memory (error raised). */
int ssim_strmap_put(ssim_strmap_t *m, const char *key, int64_t value, int64_t *existing);

/* Insert keys[k] -> first + k for k = 0 .. n-1, in order: the same map as n
 * calls of ssim_strmap_put, built several times faster for large n (each
 * key's slot is fetched from memory while earlier keys are inserted).
 * Returns 0; 1 at the first key already present (stored in *dup as its k;
 * the keys before it are inserted); -1 on out of memory (error raised). */
int ssim_strmap_put_all(ssim_strmap_t *m, const char *const *keys, size_t n, int64_t first,
                        size_t *dup);

/* Value of key, or -1 when absent. */
int64_t ssim_strmap_get(const ssim_strmap_t *m, const char *key);

#endif
