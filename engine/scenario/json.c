/* scenario/json — the resolved configuration as canonical JSON, and the small
 * text buffer it is built in.
 *
 * Canonical form: one line, no spaces, keys in schema order, dotted keys as
 * nested objects, wildcard rows expanded in vocabulary order, numbers in
 * the shortest form that reads back to the same double (core/text,
 * SSIM_TEXT_INTEGRAL; distributions as ssim_dist_to_json writes them, in
 * the same form).  Equal scenarios give equal bytes. */
#include "scenario/schema.h"

#include "core/alloc.h"
#include "core/text.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void ssim_scenario_buf_add(ssim_scenario_buf_t *b, const char *s, size_t n)
{
    if (b->failed)
        return;
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 256;
        while (cap < b->len + n + 1)
            cap *= 2;
        char *p = ssim_realloc(b->s, cap, 1, "scenario JSON");
        if (!p) {
            b->failed = 1;
            return;
        }
        b->s = p;
        b->cap = cap;
    }
    memcpy(b->s + b->len, s, n);
    b->len += n;
    b->s[b->len] = '\0';
}

void ssim_scenario_buf_printf(ssim_scenario_buf_t *b, const char *fmt, ...)
{
    char tmp[256], *big = NULL;
    va_list ap, ap2;
    va_start(ap, fmt);
    va_copy(ap2, ap);
    int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
    if (n >= 0 && (size_t)n >= sizeof tmp && (big = ssim_malloc((size_t)n + 1, 1, "scenario JSON")))
        vsnprintf(big, (size_t)n + 1, fmt, ap2);
    va_end(ap2);
    va_end(ap);
    if (n < 0 || ((size_t)n >= sizeof tmp && !big))
        b->failed = 1;
    else
        ssim_scenario_buf_add(b, big ? big : tmp, (size_t)n);
    free(big);
}

void ssim_scenario_buf_json_string(ssim_scenario_buf_t *b, const char *s)
{
    ssim_scenario_buf_add(b, "\"", 1);
    for (const char *p = s; *p; p++) {
        unsigned char ch = (unsigned char)*p;
        const char *esc = ch == '"'    ? "\\\""
                          : ch == '\\' ? "\\\\"
                          : ch == '\n' ? "\\n"
                          : ch == '\r' ? "\\r"
                          : ch == '\t' ? "\\t"
                          : ch == '\b' ? "\\b"
                          : ch == '\f' ? "\\f"
                                       : NULL;
        if (esc)
            ssim_scenario_buf_add(b, esc, strlen(esc));
        else if (ch < 0x20)
            ssim_scenario_buf_printf(b, "\\u%04x", ch);
        else
            ssim_scenario_buf_add(b, p, 1);
    }
    ssim_scenario_buf_add(b, "\"", 1);
}

void ssim_scenario_buf_double(ssim_scenario_buf_t *b, double v)
{
    char tmp[SSIM_TEXT_DOUBLE_SIZE];
    int n = ssim_text_double(tmp, sizeof tmp, v, SSIM_TEXT_INTEGRAL);
    ssim_scenario_buf_add(b, tmp, (size_t)n);
}

/* Nesting state while writing dotted keys as objects. */
enum { MAX_DEPTH = 8 };
typedef struct {
    ssim_scenario_buf_t *b;
    int depth;                                   /* open sections below the root */
    char open[MAX_DEPTH][SSIM_SCENARIO_MAX_KEY]; /* names of the open sections */
    int first[MAX_DEPTH + 1];                    /* next member at level d is the first */
} nest_t;

/* Write `"name":` as the next member at the current level. */
static void member(nest_t *w, const char *name)
{
    if (!w->first[w->depth])
        ssim_scenario_buf_add(w->b, ",", 1);
    w->first[w->depth] = 0;
    ssim_scenario_buf_json_string(w->b, name);
    ssim_scenario_buf_add(w->b, ":", 1);
}

/* Close and open objects so that the sections of key (all components but
 * the last, which is returned) are the open ones. */
static const char *enter(nest_t *w, char *key)
{
    char *comp[MAX_DEPTH + 1];
    int m = 0;
    for (char *p = key; p && m <= MAX_DEPTH; m++) {
        comp[m] = p;
        p = strchr(p, '.');
        if (p)
            *p++ = '\0';
    }
    int common = 0;
    while (common < w->depth && common < m - 1 && strcmp(w->open[common], comp[common]) == 0)
        common++;
    for (; w->depth > common; w->depth--)
        ssim_scenario_buf_add(w->b, "}", 1);
    for (; w->depth < m - 1; w->depth++) {
        member(w, comp[w->depth]);
        ssim_scenario_buf_add(w->b, "{", 1);
        snprintf(w->open[w->depth], sizeof w->open[w->depth], "%s", comp[w->depth]);
        w->first[w->depth + 1] = 1;
    }
    return comp[m - 1];
}

ssim_status_t ssim_scenario_json(const ssim_scenario_t *sc, char **out)
{
    ssim_scenario_buf_t b = {0};
    nest_t w = {.b = &b, .depth = 0, .first = {1}};
    const ssim_scenario_schema_t *s = sc->schema;
    *out = NULL;
    ssim_scenario_buf_add(&b, "{", 1);
    for (size_t i = 0; i < s->n; i++) {
        const void *base = ssim_scenario_schema_cbase(s, i, sc);
        for (int code = 0; code < ssim_scenario_schema_n_codes(s->rows[i]); code++) {
            char key[SSIM_SCENARIO_MAX_KEY];
            ssim_scenario_schema_key(s->rows[i], code, key, sizeof key);
            member(&w, enter(&w, key));
            ssim_scenario_value_json(&b, s->rows[i], base,
                                     ssim_scenario_schema_src(s, i, sc, code));
        }
    }
    for (; w.depth > 0; w.depth--)
        ssim_scenario_buf_add(&b, "}", 1);
    if (sc->n_options) { /* regulation options, only when there are some */
        ssim_scenario_buf_add(&b, ",", 1);
        ssim_scenario_options_json(&b, sc);
    }
    ssim_scenario_buf_add(&b, "}", 1);
    if (b.failed) {
        free(b.s);
        return SSIM_ENOMEM;
    }
    *out = b.s;
    return SSIM_OK;
}
