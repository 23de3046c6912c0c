/* results/columns — the base result-column table and the registration of
 * added tables (results.h).  Adding a metric every model writes is adding a
 * row here and its id in results.h; a model's own metrics are a table in its
 * folder, added with ssim_results_add_table. */
#include "results/internal.h"

#include "core/alloc.h"
#include "core/vocab.h"

#include <stdlib.h>
#include <string.h>

#define CH "person h"

/* clang-format off */
static const ssim_col_def_t base_cols[SSIM_N_BASE_COLS] = {
    [SSIM_COL_CUSTOMER_HOURS] = {
        .name = "customer_hours", .type = SSIM_COL_F64, .shape = SSIM_COL_SCALAR,
        .summary = SSIM_COL_SUM_STATS, .units = CH,
        .long_name = "customer-hours of lost service, all sectors",
        .summary_name = "total", .summary_long_name = "customer-hours lost per trial"},
    [SSIM_COL_PEAK_CUSTOMERS_OUT] = {
        .name = "peak_customers_out", .type = SSIM_COL_F64, .shape = SSIM_COL_SCALAR,
        .summary = SSIM_COL_SUM_STATS, .units = "person",
        .long_name = "peak simultaneous customers without service",
        .summary_name = "peak", .summary_long_name = "peak customers out per trial"},
    [SSIM_COL_MAX_SECTORS_OUT] = {
        .name = "max_sectors_out", .type = SSIM_COL_I32, .shape = SSIM_COL_SCALAR,
        .flags = SSIM_COL_FOLDED, .summary = SSIM_COL_SUM_MEAN, .at_least = 2, .units = "1",
        .long_name = "peak number of sectors with an outage at once",
        .summary_name = "p_multi_sector",
        .summary_long_name = "fraction of trials with two or more sectors out at once"},
    [SSIM_COL_SUPPLIERS_COMPROMISED] = {
        .name = "suppliers_compromised", .type = SSIM_COL_I32, .shape = SSIM_COL_SCALAR,
        .flags = SSIM_COL_FOLDED, .summary = SSIM_COL_SUM_MEAN, .units = "1",
        .long_name = "suppliers compromised"},
    [SSIM_COL_OPERATORS_COMPROMISED] = {
        .name = "operators_compromised", .type = SSIM_COL_I32, .shape = SSIM_COL_SCALAR,
        .flags = SSIM_COL_FOLDED, .summary = SSIM_COL_SUM_MEAN, .units = "1",
        .long_name = "operators compromised"},
    [SSIM_COL_OPERATORS_OUT] = {
        .name = "operators_out", .type = SSIM_COL_I32, .shape = SSIM_COL_SCALAR, .units = "1",
        .long_name = "operators that lost any capacity"},
    [SSIM_COL_EVENTS] = {
        .name = "events", .type = SSIM_COL_U32, .shape = SSIM_COL_SCALAR,
        .flags = SSIM_COL_UNHASHED, .units = "1", .long_name = "events processed by the trial"},
    [SSIM_COL_SECTOR_CUSTOMER_HOURS] = {
        .name = "sector_customer_hours", .type = SSIM_COL_F64, .shape = SSIM_COL_SECTOR,
        .summary = SSIM_COL_SUM_STATS, .units = CH,
        .long_name = "customer-hours of lost service by sector",
        .summary_name = "sector", .summary_long_name = "customer-hours lost per trial, by sector"},
    [SSIM_COL_SECTOR_COMPROMISED] = {
        .name = "sector_compromised", .type = SSIM_COL_I32, .shape = SSIM_COL_SECTOR,
        .flags = SSIM_COL_FOLDED, .summary = SSIM_COL_SUM_MEAN, .units = "1",
        .long_name = "operators compromised by sector"},
    [SSIM_COL_SECTOR_OUT] = {
        .name = "sector_out", .type = SSIM_COL_I32, .shape = SSIM_COL_SECTOR,
        .flags = SSIM_COL_FOLDED, .summary = SSIM_COL_SUM_MEAN, .units = "1",
        .long_name = "operators that lost any capacity by sector"},
    [SSIM_COL_PREF_CUSTOMER_HOURS] = {
        .name = "prefecture_customer_hours", .type = SSIM_COL_F64, .shape = SSIM_COL_PREFECTURE,
        .flags = SSIM_COL_FOLDED, .summary = SSIM_COL_SUM_MEAN, .units = CH,
        .long_name = "customer-hours of lost service by prefecture",
        .summary_name = "prefecture_mean",
        .summary_long_name = "mean customer-hours lost per trial, by prefecture"},
    [SSIM_COL_TIME_SERIES] = {
        .name = "sector_customers_out", .type = SSIM_COL_F32, .shape = SSIM_COL_STEP_SECTOR,
        .flags = SSIM_COL_SERIES, .summary = SSIM_COL_SUM_BANDS, .units = "person",
        .long_name = "customers without service by sector, mean over the output step",
        .summary_name = "ts", .summary_long_name = "customers without service by sector",
        .cell_methods = "time: mean"},
};
/* clang-format on */

const ssim_col_table_t ssim_results_base_table = {"impact", base_cols, SSIM_N_BASE_COLS, NULL};

size_t ssim_col_type_size(ssim_col_type_t t) { return t == SSIM_COL_F64 ? 8 : 4; }

size_t ssim_col_width(ssim_col_shape_t shape, size_t S, size_t K, size_t n)
{
    switch (shape) {
    case SSIM_COL_SCALAR:
        return 1;
    case SSIM_COL_SECTOR:
        return S;
    case SSIM_COL_PREFECTURE:
        return SSIM_N_PREFECTURES;
    case SSIM_COL_STEP_SECTOR:
        return K * S;
    case SSIM_COL_AXIS:
        return n;
    case SSIM_COL_STEP_AXIS:
        return K * n;
    }
    return 0;
}

int ssim_results_find(const ssim_results_t *r, const char *name)
{
    for (size_t c = 0; c < r->n_cols; c++)
        if (strcmp(r->col[c].def->name, name) == 0)
            return (int)c;
    return -1;
}
