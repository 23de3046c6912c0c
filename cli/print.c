/* Human-readable tables on stdout: the network's shape and a run's summary. */
#include "cli/cli.h"

#include "core/vocab.h"

#include <stdlib.h>
#include <string.h>

/* Expected person-hours affected by region of residence (sum of its
 * prefectures' means). */
static void print_regions(FILE *out, const ssim_network_t *net, const ssim_results_t *res)
{
    double region[SSIM_N_REGIONS] = {0}, total = 0;
    for (int p = 1; p <= SSIM_N_PREFECTURES; p++) {
        region[ssim_prefecture_region(p)] += res->col[SSIM_COL_PREF_PEOPLE_HOURS].mean[p - 1];
        total += res->col[SSIM_COL_PREF_PEOPLE_HOURS].mean[p - 1];
    }
    fprintf(out, "\n  %-16s %16s %8s %20s\n", "region", "E[person-hours]", "share",
            "per resident (h)");
    for (int r = 0; r < SSIM_N_REGIONS; r++) {
        double pop = 0;
        for (int p = 1; p <= SSIM_N_PREFECTURES; p++)
            if (ssim_prefecture_region(p) == r)
                pop += ssim_network_population(net, p);
        fprintf(out, "  %-16s %16.6g %7.1f%% %20.4g\n", ssim_region_name(r), region[r],
                total > 0 ? 100.0 * region[r] / total : 0.0, region[r] / pop);
    }
    fprintf(out, "  (by where people live; each resident counted once per hour)\n");
}

/* Economic loss (DIIM), when the economic layer ran with sector outputs:
 * the `economic_loss` and `economic_sector_loss` columns. */
static void print_economic(FILE *out, const ssim_results_t *res)
{
    int loss = ssim_results_find(res, "economic_loss");
    int sector = ssim_results_find(res, "economic_sector_loss");
    if (loss < 0 || sector < 0 || !ssim_results_stats(res, loss) ||
        !ssim_results_stats(res, sector))
        return;
    const ssim_summary_t *e = ssim_results_stats(res, loss), *by = ssim_results_stats(res, sector);
    fprintf(out, "\nEconomic loss (DIIM over the 2011 input-output table), yen\n");
    fprintf(out, "  expected  %.4g  (95%% CI %.4g .. %.4g)   p95 %.4g   CVaR95 %.4g\n", e->mean,
            e->ci_low, e->ci_high, e->quantile[3], e->cvar95);
    fprintf(out, "  %-16s %14s\n", "IO sector", "E[loss]");
    for (size_t j = 0; j < res->axis_n; j++)
        if (by[j].mean > 0)
            fprintf(out, "  %-16s %14.4g\n", res->axis_names[j], by[j].mean);
}

void cli_print_summary(FILE *out, const ssim_network_t *net, const ssim_results_t *res)
{
    size_t S = res->n_sectors, T = (size_t)res->n_trials;
    const ssim_summary_t *ppl = ssim_results_stats(res, SSIM_COL_PEOPLE_HOURS);
    const ssim_summary_t *yen = ssim_results_stats(res, SSIM_COL_LOSS_YEN);
    const ssim_summary_t *peak = ssim_results_stats(res, SSIM_COL_PEAK_PEOPLE);
    const ssim_summary_t *det = ssim_results_stats(res, SSIM_COL_DETECTION_HOURS);
    fprintf(out, "\nNational summary over %zu trials, given the incident\n", T);
    fprintf(out, "  people affected, person-hours (each resident counted once; sectors "
                 "independent):\n");
    fprintf(out, "    expected  %.6g  (95%% CI %.6g .. %.6g)   bounds %.6g .. %.6g\n", ppl->mean,
            ppl->ci_low, ppl->ci_high, res->col[SSIM_COL_PEOPLE_HOURS_LOW].mean[0],
            res->col[SSIM_COL_PEOPLE_HOURS_HIGH].mean[0]);
    fprintf(out, "    median %.6g   p95 %.6g   p99 %.6g   CVaR95 %.6g   max %.6g\n",
            ppl->quantile[0], ppl->quantile[3], ppl->quantile[4], ppl->cvar95, ppl->max);
    fprintf(out, "    peak people affected at once: mean %.6g, p95 %.6g\n", peak->mean,
            peak->quantile[3]);
    fprintf(out, "  value of lost service, yen (weights per sector below):\n");
    fprintf(out, "    expected  %.6g  (95%% CI %.6g .. %.6g)   p95 %.6g   CVaR95 %.6g\n", yen->mean,
            yen->ci_low, yen->ci_high, yen->quantile[3], yen->cvar95);
    fprintf(out, "  P(someone affected) %.4f   P(>= 2 sectors out at once) %.4f\n", ppl->p_nonzero,
            res->col[SSIM_COL_MAX_SECTORS_OUT].mean[0]);
    fprintf(out, "  detection: median %.4g h, p95 %.4g h after the release\n", det->quantile[0],
            det->quantile[3]);
    fprintf(out, "\n  %-12s %10s %8s %9s %14s %12s  %s\n", "sector", "compromised", "out",
            "shutdowns", "E[lost]", "p95", "unit (yen per unit)");
    for (size_t s = 0; s < S; s++) {
        double comp = res->col[SSIM_COL_SECTOR_COMPROMISED].mean[s],
               outn = res->col[SSIM_COL_SECTOR_OUT].mean[s],
               shut = res->col[SSIM_COL_SECTOR_SHUTDOWN].mean[s];
        const ssim_summary_t *x = &ssim_results_stats(res, SSIM_COL_SECTOR_SERVICE)[s];
        if (comp == 0 && outn == 0 && x->mean == 0)
            continue;
        ssim_sector_info_t si = ssim_network_sector(net, (int)s);
        fprintf(out, "  %-12s %10.4g %8.4g %9.3g %14.6g %12.6g  %s (%.4g)\n",
                ssim_vocab_sector.names[s], comp, outn, shut, x->mean, x->quantile[3],
                si.service_unit, si.yen_per_unit);
    }
    fprintf(out, "  (compromised, out, shutdowns: mean operators per trial; lost service in "
                 "each sector's own unit)\n");
    print_regions(out, net, res);
    print_economic(out, res);
}
