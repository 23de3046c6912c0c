/* Human-readable tables on stdout: the network's shape and a run's summary. */
#include "cli/cli.h"

#include "core/vocab.h"

#include <stdlib.h>
#include <string.h>

/* Expected customer-hours by region (sum of its prefectures' means). */
static void print_regions(FILE *out, const ssim_results_t *res)
{
    double region[SSIM_N_REGIONS] = {0}, total = 0;
    for (int p = 1; p <= SSIM_N_PREFECTURES; p++) {
        region[ssim_prefecture_region(p)] += res->col[SSIM_COL_PREF_CUSTOMER_HOURS].mean[p - 1];
        total += res->col[SSIM_COL_PREF_CUSTOMER_HOURS].mean[p - 1];
    }
    fprintf(out, "\n  %-16s %14s %8s %18s\n", "region", "E[cust-hours]", "share",
            "per 1,000 people");
    for (int r = 0; r < SSIM_N_REGIONS; r++) {
        double pop = 0;
        for (int p = 1; p <= SSIM_N_PREFECTURES; p++)
            if (ssim_prefecture_region(p) == r)
                pop += (double)ssim_prefecture_population(p);
        fprintf(out, "  %-16s %14.6g %7.1f%% %18.4g\n", ssim_region_name(r), region[r],
                total > 0 ? 100.0 * region[r] / total : 0.0, 1000.0 * region[r] / pop);
    }
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
    (void)net;
    size_t S = res->n_sectors, T = (size_t)res->n_trials;
    const ssim_summary_t *tot = ssim_results_stats(res, SSIM_COL_CUSTOMER_HOURS);
    fprintf(out, "\nNational summary over %zu trials (customer-hours of lost service)\n", T);
    fprintf(out, "  expected  %.6g  (95%% CI %.6g .. %.6g)\n", tot->mean, tot->ci_low,
            tot->ci_high);
    fprintf(out, "  median %.6g   p95 %.6g   p99 %.6g   CVaR95 %.6g   max %.6g\n", tot->quantile[0],
            tot->quantile[3], tot->quantile[4], tot->cvar95, tot->max);
    fprintf(out, "  P(any outage) %.4f   P(>= 2 sectors out at once) %.4f\n", tot->p_nonzero,
            res->col[SSIM_COL_MAX_SECTORS_OUT].mean[0]);
    fprintf(out, "  peak customers out: mean %.6g, p95 %.6g\n",
            ssim_results_stats(res, SSIM_COL_PEAK_CUSTOMERS_OUT)->mean,
            ssim_results_stats(res, SSIM_COL_PEAK_CUSTOMERS_OUT)->quantile[3]);
    fprintf(out, "\n  %-12s %12s %12s %14s %14s %14s\n", "sector", "compromised", "out",
            "E[cust-hours]", "95% CI +/-", "p95");
    for (size_t s = 0; s < S; s++) {
        double comp = res->col[SSIM_COL_SECTOR_COMPROMISED].mean[s],
               outn = res->col[SSIM_COL_SECTOR_OUT].mean[s];
        const ssim_summary_t *x = &ssim_results_stats(res, SSIM_COL_SECTOR_CUSTOMER_HOURS)[s];
        if (comp == 0 && outn == 0 && x->mean == 0)
            continue;
        fprintf(out, "  %-12s %12.4g %12.4g %14.6g %14.4g %14.6g\n", ssim_vocab_sector.names[s],
                comp, outn, x->mean, x->ci_high - x->mean, x->quantile[3]);
    }
    fprintf(out, "  (compromised and out: mean operators per trial)\n");
    print_regions(out, res);
    print_economic(out, res);
}
