/* scenario/lookup — finding rows of the composed table by key, and the
 * "did you mean" hint of an unknown key (schema.h). */
#include "scenario/schema.h"

#include "core/suggest.h"

#include <stdio.h>
#include <string.h>

int ssim_scenario_schema_n_codes(const ssim_scenario_row_t *row)
{
    return row->vocab ? row->vocab->n : 1;
}

/* Length of a wildcard row's fixed prefix, dot included ("outage.duration_hours."). */
static size_t wild_prefix_len(const ssim_scenario_row_t *row)
{
    return (size_t)(strrchr(row->key, '.') - row->key) + 1;
}

void ssim_scenario_schema_key(const ssim_scenario_row_t *row, int code, char *buf, size_t size)
{
    if (row->vocab)
        snprintf(buf, size, "%.*s%s", (int)wild_prefix_len(row), row->key, row->vocab->names[code]);
    else
        snprintf(buf, size, "%s", row->key);
}

int ssim_scenario_schema_find(const ssim_scenario_schema_t *s, const char *key, int *code)
{
    *code = -1;
    for (size_t i = 0; i < s->n; i++)
        if (!s->rows[i]->vocab && strcmp(s->rows[i]->key, key) == 0)
            return (int)i;
    for (size_t i = 0; i < s->n; i++) {
        const ssim_scenario_row_t *r = s->rows[i];
        size_t p = r->vocab ? wild_prefix_len(r) : 0;
        if (p && strncmp(r->key, key, p) == 0) {
            int c = ssim_vocab_find(r->vocab, key + p);
            if (c >= 0) {
                *code = c;
                return (int)i;
            }
        }
    }
    return -1;
}

int ssim_scenario_schema_is_section(const ssim_scenario_schema_t *s, const char *prefix)
{
    size_t n = strlen(prefix);
    for (size_t i = 0; i < s->n; i++)
        if (strncmp(s->rows[i]->key, prefix, n) == 0 && s->rows[i]->key[n] == '.')
            return 1;
    return 0;
}

/* Consider candidate (n bytes of s) for the closest match to key. */
static void consider(const char *key, const char *s, size_t n, char *best, int *best_d)
{
    char cand[SSIM_SCENARIO_MAX_KEY];
    if (n >= sizeof cand)
        return;
    memcpy(cand, s, n);
    cand[n] = '\0';
    int d = ssim_suggest_distance(key, cand, 2);
    if (d < *best_d) {
        *best_d = d;
        memcpy(best, cand, n + 1);
    }
}

/* Closest key or section within edit distance 2 (first in schema order on
 * ties) into best; returns 0 when there is none. */
static int closest_key(const ssim_scenario_schema_t *s, const char *key, char *best)
{
    int best_d = 3;
    char full[SSIM_SCENARIO_MAX_KEY];
    for (size_t i = 0; i < s->n; i++) {
        for (int c = 0; c < ssim_scenario_schema_n_codes(s->rows[i]); c++) {
            ssim_scenario_schema_key(s->rows[i], c, full, sizeof full);
            for (const char *dot = strchr(full, '.'); dot; dot = strchr(dot + 1, '.'))
                consider(key, full, (size_t)(dot - full), best, &best_d);
            consider(key, full, strlen(full), best, &best_d);
        }
    }
    return best_d <= 2;
}

/* Append the distinct names that may follow `parent` ("" = top level). */
static void list_children(const ssim_scenario_schema_t *s, const char *parent, char *buf,
                          size_t size)
{
    size_t plen = strlen(parent), used = strlen(buf);
    const char *last = NULL;
    size_t last_len = 0;
    for (size_t i = 0; i < s->n && used < size; i++) {
        const ssim_scenario_row_t *r = s->rows[i];
        const char *k = r->key;
        if (strncmp(k, parent, plen) != 0)
            continue;
        const char *name = k + plen, *dot = strchr(name, '.');
        size_t len = dot ? (size_t)(dot - name) : strlen(name);
        if (last && len == last_len && strncmp(name, last, len) == 0)
            continue; /* rows of one section are contiguous */
        int w = r->vocab && !dot
                    ? snprintf(buf + used, size - used, "%sa %s name (%s)", last ? ", " : "",
                               r->vocab->what, ssim_vocab_list(r->vocab))
                    : snprintf(buf + used, size - used, "%s%.*s", last ? ", " : "", (int)len, name);
        used += w > 0 ? (size_t)w : 0;
        last = name;
        last_len = len;
    }
}

const char *ssim_scenario_schema_hint(const ssim_scenario_schema_t *s, const char *key, char *buf,
                                      size_t size)
{
    char best[SSIM_SCENARIO_MAX_KEY];
    if (closest_key(s, key, best)) {
        snprintf(buf, size, " (did you mean '%s'?)", best);
        return buf;
    }
    const char *dot = strrchr(key, '.');
    char parent[SSIM_SCENARIO_MAX_KEY];
    snprintf(parent, sizeof parent, "%.*s", dot ? (int)(dot - key + 1) : 0, key);
    snprintf(buf, size, " (expected one of: ");
    list_children(s, parent, buf, size > 1 ? size - 1 : size);
    size_t used = strlen(buf);
    if (used + 1 < size) {
        buf[used] = ')';
        buf[used + 1] = '\0';
    }
    return buf;
}
