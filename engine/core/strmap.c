#include "core/strmap.h"

#include "core/alloc.h"

#include <stdlib.h>
#include <string.h>

static uint64_t fnv1a(const char *s)
{
    uint64_t h = 0xcbf29ce484222325ull;
    for (; *s; s++) {
        h ^= (unsigned char)*s;
        h *= 0x100000001b3ull;
    }
    return h;
}

ssim_status_t ssim_strmap_init(ssim_strmap_t *m, size_t expected)
{
    size_t cap = 16;
    while (cap < 2 * expected + 16)
        cap *= 2;
    m->keys = ssim_calloc_huge(cap, sizeof *m->keys, "string map keys");
    m->values = ssim_malloc_huge(cap, sizeof *m->values, "string map values");
    m->cap = cap;
    m->n = 0;
    if (!m->keys || !m->values) {
        ssim_strmap_destroy(m);
        return SSIM_ENOMEM;
    }
    return SSIM_OK;
}

void ssim_strmap_destroy(ssim_strmap_t *m)
{
    if (!m)
        return;
    free(m->keys);
    free(m->values);
    m->keys = NULL;
    m->values = NULL;
    m->cap = m->n = 0;
}

static int grow(ssim_strmap_t *m)
{
    ssim_strmap_t bigger;
    if (ssim_strmap_init(&bigger, m->cap) != SSIM_OK)
        return -1;
    for (size_t i = 0; i < m->cap; i++)
        if (m->keys[i])
            ssim_strmap_put(&bigger, m->keys[i], m->values[i], NULL);
    ssim_strmap_destroy(m);
    *m = bigger;
    return 0;
}

/* Insert key (hash h) into a map with room for it; as ssim_strmap_put. */
static int put_hashed(ssim_strmap_t *m, const char *key, uint64_t h, int64_t value,
                      int64_t *existing)
{
    size_t mask = m->cap - 1;
    for (size_t i = h & mask;; i = (i + 1) & mask) {
        if (!m->keys[i]) {
            m->keys[i] = key;
            m->values[i] = value;
            m->n++;
            return 0;
        }
        if (strcmp(m->keys[i], key) == 0) {
            if (existing)
                *existing = m->values[i];
            return 1;
        }
    }
}

int ssim_strmap_put(ssim_strmap_t *m, const char *key, int64_t value, int64_t *existing)
{
    if (2 * (m->n + 1) > m->cap && grow(m) != 0)
        return -1;
    return put_hashed(m, key, fnv1a(key), value, existing);
}

int ssim_strmap_put_all(ssim_strmap_t *m, const char *const *keys, size_t n, int64_t first,
                        size_t *dup)
{
    enum { AHEAD = 16 }; /* keys hashed and their slots fetched ahead of the insert */
    uint64_t hash[AHEAD];
    while (2 * (m->n + n) > m->cap)
        if (grow(m) != 0)
            return -1;
    size_t mask = m->cap - 1;
    for (size_t i = 0; i < n + AHEAD; i++) {
        if (i >= AHEAD) { /* key k's slot was fetched AHEAD keys ago */
            size_t k = i - AHEAD;
            if (put_hashed(m, keys[k], hash[k % AHEAD], first + (int64_t)k, NULL)) {
                *dup = k;
                return 1;
            }
        }
        if (i < n) {
            uint64_t h = fnv1a(keys[i]);
            hash[i % AHEAD] = h;
            __builtin_prefetch(&m->keys[h & mask], 1);
            __builtin_prefetch(&m->values[h & mask], 1);
        }
    }
    return 0;
}

int64_t ssim_strmap_get(const ssim_strmap_t *m, const char *key)
{
    if (!m->cap)
        return -1;
    size_t mask = m->cap - 1;
    for (size_t i = fnv1a(key) & mask;; i = (i + 1) & mask) {
        if (!m->keys[i])
            return -1;
        if (strcmp(m->keys[i], key) == 0)
            return m->values[i];
    }
}
