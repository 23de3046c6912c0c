/* models/gen_japan_table — small fact tables read whole through input/csv.h,
 * with typed cell accessors whose errors name FILE:LINE:COL and the rule. */
#include "models/generators/japan/gen_japan.h"

#include "core/alloc.h"
#include "input/csv.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Append one record's fields as a row (header when t->n_cols == 0). */
static ssim_status_t add_record(ssim_jp_table_t *t, const ssim_csv_record_t *rec, size_t *cap)
{
    if (!t->header) {
        t->n_cols = rec->n_fields;
        t->header = ssim_calloc(t->n_cols, sizeof *t->header, "fact table header");
        if (!t->header)
            return SSIM_ENOMEM;
        for (size_t c = 0; c < t->n_cols; c++)
            if (!(t->header[c] = ssim_strdup(rec->fields[c].text, "fact table header")))
                return SSIM_ENOMEM;
        return SSIM_OK;
    }
    if (rec->n_fields != t->n_cols)
        return ssim_error(SSIM_EINVAL, (ssim_loc_t){t->path, rec->line, 1},
                          "row has %zu fields, the header has %zu", rec->n_fields, t->n_cols);
    if (t->n_rows == *cap) {
        size_t ncap = *cap ? 2 * *cap : 64, cells = ncap * t->n_cols;
        char **cell = ssim_realloc(t->cell, cells, sizeof *cell, "fact table");
        if (cell)
            t->cell = cell;
        long *line = ssim_realloc(t->line, cells, sizeof *line, "fact table");
        if (line)
            t->line = line;
        long *col = ssim_realloc(t->col, cells, sizeof *col, "fact table");
        if (col)
            t->col = col;
        if (!cell || !line || !col)
            return SSIM_ENOMEM;
        *cap = ncap;
    }
    size_t base = t->n_rows * t->n_cols;
    for (size_t c = 0; c < t->n_cols; c++) {
        t->cell[base + c] = ssim_strdup(rec->fields[c].text, "fact table cell");
        t->line[base + c] = rec->fields[c].line;
        t->col[base + c] = rec->fields[c].col;
        if (!t->cell[base + c]) {
            t->n_rows++; /* so that ssim_jp_table_free releases the cells of this row */
            for (size_t k = c + 1; k < t->n_cols; k++)
                t->cell[base + k] = NULL;
            return SSIM_ENOMEM;
        }
    }
    t->n_rows++;
    return SSIM_OK;
}

ssim_status_t ssim_jp_table_load(ssim_jp_table_t *t, const char *dir, const char *name)
{
    memset(t, 0, sizeof *t);
    size_t len = strlen(dir) + strlen(name) + 2, cap = 0;
    t->path = ssim_malloc(len, 1, "path");
    if (!t->path)
        return SSIM_ENOMEM;
    snprintf(t->path, len, "%s/%s", dir, name);
    ssim_csv_t *r = NULL;
    ssim_status_t st = ssim_csv_open(&r, t->path);
    ssim_csv_record_t rec;
    while (st == SSIM_OK && (st = ssim_csv_next(r, &rec)) == SSIM_OK && rec.n_fields > 0)
        st = add_record(t, &rec, &cap);
    if (st == SSIM_OK && !t->header)
        st = ssim_error(SSIM_EINVAL, (ssim_loc_t){t->path, 1, 1},
                        "empty file: a header row "
                        "is required");
    ssim_csv_close(r);
    return st;
}

void ssim_jp_table_free(ssim_jp_table_t *t)
{
    if (!t)
        return;
    for (size_t i = 0; t->cell && i < t->n_rows * t->n_cols; i++)
        free(t->cell[i]);
    for (size_t c = 0; t->header && c < t->n_cols; c++)
        free(t->header[c]);
    free(t->header);
    free(t->cell);
    free(t->line);
    free(t->col);
    free(t->path);
    memset(t, 0, sizeof *t);
}

ssim_status_t ssim_jp_table_cols(const ssim_jp_table_t *t, const char *const *names, size_t n,
                                 size_t *idx)
{
    for (size_t i = 0; i < n; i++) {
        size_t c = 0;
        while (c < t->n_cols && strcmp(t->header[c], names[i]) != 0)
            c++;
        if (c == t->n_cols)
            return ssim_error(SSIM_EINVAL, (ssim_loc_t){t->path, 1, 0}, "missing column '%s'",
                              names[i]);
        idx[i] = c;
    }
    return SSIM_OK;
}

ssim_status_t ssim_jp_table_open(ssim_jp_table_t *t, const char *dir, const char *name,
                                 const char *const *names, size_t n, size_t *idx)
{
    ssim_status_t st = ssim_jp_table_load(t, dir, name);
    if (st == SSIM_OK)
        st = ssim_jp_table_cols(t, names, n, idx);
    return st;
}

const char *ssim_jp_cell(const ssim_jp_table_t *t, size_t row, size_t col)
{
    return t->cell[row * t->n_cols + col];
}

ssim_status_t ssim_jp_cell_error(const ssim_jp_table_t *t, size_t row, size_t col, const char *fmt,
                                 ...)
{
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    size_t k = row * t->n_cols + col;
    return ssim_error(SSIM_EINVAL, (ssim_loc_t){t->path, t->line[k], t->col[k]}, "%s: %s",
                      t->header[col], msg);
}

/* Parse a whole string as a finite number. */
static int parse_real(const char *s, double *out)
{
    char *end = NULL;
    errno = 0;
    double v = strtod(s, &end);
    if (!*s || *end || errno || !isfinite(v))
        return 0;
    *out = v;
    return 1;
}

ssim_status_t ssim_jp_cell_real(const ssim_jp_table_t *t, size_t row, size_t col, double lo,
                                double hi, double *out)
{
    const char *s = ssim_jp_cell(t, row, col);
    if (!parse_real(s, out) || *out < lo || *out > hi)
        return ssim_jp_cell_error(t, row, col, "must be a number in [%g, %g] (got '%s')", lo, hi,
                                  s);
    return SSIM_OK;
}

ssim_status_t ssim_jp_cell_int(const ssim_jp_table_t *t, size_t row, size_t col, long long lo,
                               long long hi, long long *out)
{
    const char *s = ssim_jp_cell(t, row, col);
    char *end = NULL;
    errno = 0;
    long long v = strtoll(s, &end, 10);
    if (!*s || *end || errno || v < lo || v > hi)
        return ssim_jp_cell_error(t, row, col, "must be an integer in [%lld, %lld] (got '%s')", lo,
                                  hi, s);
    *out = v;
    return SSIM_OK;
}

ssim_status_t ssim_jp_cell_half(const ssim_jp_table_t *t, size_t row, size_t col, double lo,
                                double hi, int *out2)
{
    const char *s = ssim_jp_cell(t, row, col);
    double v = 0;
    if (!parse_real(s, &v) || v < lo || v > hi || 2 * v != floor(2 * v))
        return ssim_jp_cell_error(t, row, col, "must be a multiple of 0.5 in [%g, %g] (got '%s')",
                                  lo, hi, s);
    *out2 = (int)(2 * v);
    return SSIM_OK;
}

ssim_status_t ssim_jp_cell_enum(const ssim_jp_table_t *t, size_t row, size_t col,
                                const char *const *names, int n, int *out)
{
    const char *s = ssim_jp_cell(t, row, col);
    for (int i = 0; i < n; i++)
        if (strcmp(s, names[i]) == 0) {
            *out = i;
            return SSIM_OK;
        }
    char list[256] = "";
    for (int i = 0; i < n; i++) {
        size_t used = strlen(list);
        snprintf(list + used, sizeof list - used, "%s%s", i ? ", " : "", names[i]);
    }
    return ssim_jp_cell_error(t, row, col, "must be one of: %s (got '%s')", list, s);
}

ssim_status_t ssim_jp_cell_vocab(const ssim_jp_table_t *t, size_t row, size_t col,
                                 const ssim_vocab_t *v, int *out)
{
    const char *s = ssim_jp_cell(t, row, col);
    *out = ssim_vocab_find(v, s);
    if (*out < 0)
        return ssim_jp_cell_error(t, row, col, "unknown %s '%s' (one of: %s)", v->what, s,
                                  ssim_vocab_list(v));
    return SSIM_OK;
}

ssim_status_t ssim_jp_cell_list(const ssim_jp_table_t *t, size_t row, size_t col, double lo,
                                double hi, double **out, size_t *n)
{
    const char *s = ssim_jp_cell(t, row, col);
    *out = NULL;
    *n = 0;
    if (!*s)
        return SSIM_OK;
    size_t cap = 1;
    for (const char *p = s; *p; p++)
        cap += *p == ';';
    double *v = ssim_malloc(cap, sizeof *v, "fact list");
    if (!v)
        return SSIM_ENOMEM;
    char item[64];
    for (const char *p = s; *n < cap; p++) {
        size_t len = strcspn(p, ";");
        int ok = len > 0 && len < sizeof item;
        if (ok) {
            memcpy(item, p, len);
            item[len] = '\0';
            ok = parse_real(item, &v[*n]) && v[*n] >= lo && v[*n] <= hi;
        }
        if (!ok) {
            free(v);
            *n = 0;
            return ssim_jp_cell_error(t, row, col,
                                      "must be ';'-separated numbers in [%g, %g] "
                                      "(got '%s')",
                                      lo, hi, s);
        }
        (*n)++;
        p += len;
        if (!*p)
            break;
    }
    *out = v;
    return SSIM_OK;
}
