/* results/columns — the base result-column table and the registration of
 * added tables (results.h).  Adding a metric every model writes is adding a
 * row here and its id in results.h; a model's own metrics are a table in its
 * folder, added with ssim_results_add_table. */
#include "results/internal.h"

#include "core/alloc.h"
#include "core/vocab.h"

#include <stdlib.h>
#include <string.h>

#define PH "person h"

/* clang-format off */
static const ssim_col_def_t base_cols[SSIM_N_BASE_COLS] = {
    [SSIM_COL_LOSS_YEN] = {
        .name = "loss_yen", .type = SSIM_COL_F64, .shape = SSIM_COL_SCALAR,
        .summary = SSIM_COL_SUM_STATS, .units = "JPY",
        .long_name = "value of the lost service, all sectors: sum over sectors of "
                     "sector_service_lost times the sector's yen per service unit",
        .summary_name = "yen", .summary_long_name = "value of lost service per trial"},
    [SSIM_COL_PEOPLE_HOURS] = {
        .name = "people_hours", .type = SSIM_COL_F64, .shape = SSIM_COL_SCALAR,
        .summary = SSIM_COL_SUM_STATS, .units = PH,
        .long_name = "person-hours of residents affected, each counted at most once per hour "
                     "across sectors (sectors independent within a prefecture)",
        .summary_name = "people", .summary_long_name = "person-hours affected per trial"},
    [SSIM_COL_PEOPLE_HOURS_LOW] = {
        .name = "people_hours_low", .type = SSIM_COL_F64, .shape = SSIM_COL_SCALAR,
        .flags = SSIM_COL_FOLDED, .summary = SSIM_COL_SUM_MEAN, .units = PH,
        .long_name = "person-hours affected, lower bound: the most-affected sector of each "
                     "prefecture at each instant (everyone affected in the others is "
                     "affected there too)",
        .summary_name = "people_low_mean",
        .summary_long_name = "person-hours affected, lower bound: mean over trials"},
    [SSIM_COL_PEOPLE_HOURS_HIGH] = {
        .name = "people_hours_high", .type = SSIM_COL_F64, .shape = SSIM_COL_SCALAR,
        .flags = SSIM_COL_FOLDED, .summary = SSIM_COL_SUM_MEAN, .units = PH,
        .long_name = "person-hours affected, upper bound: the sum over sectors, capped at the "
                     "prefecture's population (no one affected twice)",
        .summary_name = "people_high_mean",
        .summary_long_name = "person-hours affected, upper bound: mean over trials"},
    [SSIM_COL_PEAK_PEOPLE] = {
        .name = "peak_people_affected", .type = SSIM_COL_F64, .shape = SSIM_COL_SCALAR,
        .summary = SSIM_COL_SUM_STATS, .units = "person",
        .long_name = "peak residents affected at once, each counted once (as people_hours)",
        .summary_name = "peak", .summary_long_name = "peak people affected per trial"},
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
        .long_name = "operators that lost any service"},
    [SSIM_COL_DETECTION_HOURS] = {
        .name = "detection_hours", .type = SSIM_COL_F64, .shape = SSIM_COL_SCALAR,
        .summary = SSIM_COL_SUM_STATS, .units = "h",
        .long_name = "hours from the first origin's bad release to the first revocation of an "
                     "origin's release (the horizon when none is revoked; 0 for models "
                     "without releases)",
        .summary_name = "detection", .summary_long_name = "time to detection per trial"},
    [SSIM_COL_EVENTS] = {
        .name = "events", .type = SSIM_COL_U32, .shape = SSIM_COL_SCALAR,
        .flags = SSIM_COL_UNHASHED, .units = "1", .long_name = "events processed by the trial"},
    [SSIM_COL_SECTOR_SERVICE] = {
        .name = "sector_service_lost", .type = SSIM_COL_F64, .shape = SSIM_COL_SECTOR,
        .summary = SSIM_COL_SUM_STATS, .units = "1",
        .long_name = "lost service by sector, each in its own unit (/network/sector_service_unit)",
        .summary_name = "sector",
        .summary_long_name = "lost service per trial, by sector, each in its own unit"},
    [SSIM_COL_SECTOR_COMPROMISED] = {
        .name = "sector_compromised", .type = SSIM_COL_I32, .shape = SSIM_COL_SECTOR,
        .flags = SSIM_COL_FOLDED, .summary = SSIM_COL_SUM_MEAN, .units = "1",
        .long_name = "operators compromised by sector"},
    [SSIM_COL_SECTOR_OUT] = {
        .name = "sector_out", .type = SSIM_COL_I32, .shape = SSIM_COL_SECTOR,
        .flags = SSIM_COL_FOLDED, .summary = SSIM_COL_SUM_MEAN, .units = "1",
        .long_name = "operators that lost any service by sector"},
    [SSIM_COL_SECTOR_SHUTDOWN] = {
        .name = "sector_shutdowns", .type = SSIM_COL_I32, .shape = SSIM_COL_SECTOR,
        .flags = SSIM_COL_FOLDED, .summary = SSIM_COL_SUM_MEAN, .units = "1",
        .long_name = "operators that shut down as a precaution, by sector"},
    [SSIM_COL_PREF_PEOPLE_HOURS] = {
        .name = "prefecture_people_hours", .type = SSIM_COL_F64, .shape = SSIM_COL_PREFECTURE,
        .flags = SSIM_COL_FOLDED, .summary = SSIM_COL_SUM_MEAN, .units = PH,
        .long_name = "person-hours of residents affected by prefecture of residence, each "
                     "counted once (as people_hours)",
        .summary_name = "prefecture_mean",
        .summary_long_name = "mean person-hours affected per trial, by prefecture of residence"},
    [SSIM_COL_TIME_SERIES] = {
        .name = "sector_customers_out", .type = SSIM_COL_F32, .shape = SSIM_COL_STEP_SECTOR,
        .flags = SSIM_COL_SERIES, .summary = SSIM_COL_SUM_BANDS, .units = "1",
        .long_name = "customers without service by sector, in the sector's customer unit "
                     "(/network/sector_customer_unit), mean over the output step",
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
