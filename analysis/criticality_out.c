/* analysis/criticality_out — the ranked table and CSV of `sectorsim criticality`. */
#include "analysis/criticality.h"
#include "analysis/summary.h"

#include "core/vocab.h"
#include "core/atomic.h"
#include "core/text.h"

#include <stdlib.h>
#include <string.h>

static const char *sector_name(int code)
{
    return code >= 0 && code < ssim_vocab_sector.n ? ssim_vocab_sector.names[code] : "";
}

/* "a;b;c" of the non-negative codes (sectors: names, prefectures: names). */
static void list(char *buf, size_t size, const int *codes, int sectors)
{
    size_t o = 0;
    buf[0] = '\0';
    for (int i = 0; i < SSIM_CRIT_TOP && codes[i] >= 0 && o < size; i++)
        o += (size_t)snprintf(buf + o, size - o, "%s%s", i ? ";" : "",
                              sectors ? sector_name(codes[i]) : ssim_prefecture_name(codes[i]));
}

void ssim_analysis_criticality_print(FILE *out, const ssim_network_t *net,
                                     const ssim_crit_row_t *rows, size_t n)
{
    char a[48], b[48], c[48], sec[128], pref[128];
    fprintf(out, "%4s %-16s %-3s %-17s %6s %6s %14s %6s %-12s %14s %14s  %s\n", "rank", "supplier",
            "cty", "category", "direct", "reach", "reach people", "share", "in sector",
            "mean (p h)", "CVaR95 (p h)", "sectors hit most; prefectures");
    if (!n || n > net->n_suppliers)
        n = net->n_suppliers;
    for (size_t i = 0; i < n; i++) {
        const ssim_crit_row_t *r = &rows[i];
        int s = r->supplier;
        list(sec, sizeof sec, r->top_sector, 1);
        list(pref, sizeof pref, r->top_prefecture, 0);
        fprintf(out, "%4zu %-16s %-3s %-17s %6d %6d %14s %5.0f%% %-12s %14s %14s  %s; %s\n", i + 1,
                net->sup_id[s], net->sup_country[s],
                ssim_vocab_category.names[net->sup_category[s]], r->direct_operators,
                r->reach_operators, ssim_analysis_fmt(a, sizeof a, r->reach_people, 0),
                100 * r->top_share, sector_name(r->top_share_sector),
                ssim_analysis_fmt(b, sizeof b, r->sim_mean, 0),
                ssim_analysis_fmt(c, sizeof c, r->sim_cvar95, 0), sec, pref);
    }
}

static void csv_row(FILE *f, const ssim_network_t *net, const ssim_crit_row_t *r, size_t rank)
{
    char sec[128], pref[128];
    int s = r->supplier;
    list(sec, sizeof sec, r->top_sector, 1);
    list(pref, sizeof pref, r->top_prefecture, 0);
    fprintf(f, "%zu,", rank);
    ssim_text_csv_field(f, net->sup_id[s]);
    fputc(',', f);
    ssim_text_csv_field(f, net->sup_name[s]);
    fprintf(f, ",%s,%s,%d,%d,%.17g,%d,%.17g,%.17g,%s,%.17g,%d,%.17g,%.17g,%.17g,%.17g,%s,%s\n",
            net->sup_country[s], ssim_vocab_category.names[net->sup_category[s]], r->foreign,
            r->direct_operators, r->direct_people, r->reach_operators, r->reach_people,
            r->top_share, sector_name(r->top_share_sector), r->hhi_contribution, r->simulated,
            r->sim_mean, r->sim_p95, r->sim_cvar95, r->sim_yen, sec, pref);
}

ssim_status_t ssim_analysis_criticality_write_csv(const char *path, const ssim_network_t *net,
                                                  const ssim_crit_row_t *rows)
{
    char *buf = NULL;
    size_t size = 0;
    FILE *f = open_memstream(&buf, &size);
    if (!f)
        return ssim_error(SSIM_ENOMEM, SSIM_LOC_NONE, "out of memory");
    fputs("rank,supplier_id,supplier_name,country,category,foreign,direct_operators,"
          "direct_people,reach_operators,reach_people,top_share,"
          "top_share_sector,hhi_contribution,simulated,sim_mean_person_h,sim_p95_person_h,"
          "sim_cvar95_person_h,sim_mean_yen,top_sectors,top_prefectures\n",
          f);
    for (size_t i = 0; i < net->n_suppliers; i++)
        csv_row(f, net, &rows[i], i + 1);
    int bad = ferror(f);
    ssim_status_t st = fclose(f) || bad ? ssim_error(SSIM_ENOMEM, SSIM_LOC_NONE, "out of memory")
                                        : ssim_atomic_write(path, buf, size);
    free(buf);
    return st;
}
