/* Printing the tables of `sectorsim risk` (a run, or a risk file read back
 * by summarize and info). */
#include "cli/cli.h"

#include "core/vocab.h"
#include "io/h5.h"

#include <math.h>
#include <string.h>

/* "  T (years)   2   5 ..." with the label in width label and each period in width col. */
static void print_rp_header(FILE *out, int label, int col)
{
    fprintf(out, "  %-*s", label, "T (years)");
    for (size_t p = 0; p < SSIM_RISK_N_RP; p++)
        fprintf(out, " %*g", col, ssim_risk_return_periods[p]);
    fprintf(out, "\n");
}

static double at(const double *a, const ssim_risk_t *r, size_t o, size_t m)
{
    return a[o * r->n_metrics + m];
}

static void print_exceedance(FILE *out, const ssim_risk_t *r, size_t o, size_t m, const char *label)
{
    for (int pass = 0; pass < 2; pass++) {
        const double *x = pass ? r->oep : r->aep;
        fprintf(out, "  %-4s %-22s", pass ? "OEP" : "AEP", label);
        for (size_t p = 0; p < SSIM_RISK_N_RP; p++)
            fprintf(out, " %11.4g", x[(o * SSIM_RISK_N_RP + p) * r->n_metrics + m]);
        fprintf(out, "\n");
    }
}

static void print_baseline(FILE *out, const ssim_risk_t *r, uint64_t seed, const char *const *units)
{
    fprintf(out,
            "Risk over %llu simulated years (%llu replicates of %llu years, each drawing its own "
            "class rates; seed %llu): %llu incidents of %zu classes\n",
            (unsigned long long)r->n_years, (unsigned long long)r->n_replicates,
            (unsigned long long)(r->n_years / r->n_replicates), (unsigned long long)seed,
            (unsigned long long)r->n_incidents, r->n_classes);
    fprintf(out, "\nAverage annual loss (AAL), baseline; 95%% CI of the mean; 5-95%% spread of "
                 "the replicates' means\n");
    const char *labels[2] = {"value of lost service (yen/year)",
                             "person-hours affected (person h/year)"};
    for (size_t m = 0; m < 2; m++)
        fprintf(out, "  %-38s %12.5g  [%.4g, %.4g]  spread [%.4g, %.4g]\n", labels[m],
                at(r->aal, r, 0, m), at(r->aal_lo, r, 0, m), at(r->aal_hi, r, 0, m),
                at(r->aal_rep_p05, r, 0, m), at(r->aal_rep_p95, r, 0, m));
    fprintf(out, "\nExceedance, baseline: the annual loss reached or exceeded once in T years\n"
                 "  (AEP: the year's total; OEP: its largest single incident)\n");
    print_rp_header(out, 27, 11);
    print_exceedance(out, r, 0, SSIM_RISK_M_YEN, "yen");
    print_exceedance(out, r, 0, SSIM_RISK_M_PEOPLE, "person-hours");
    fprintf(out, "\nClasses, baseline (rate: mean of the drawn rates; conf: the rate's confidence; "
                 "share of AAL and of the "
                 "mean loss of the 1-in-100 worst years, in yen)\n");
    fprintf(out, "  %-34s %9s %-6s %9s %12s %7s %12s %7s %12s\n", "class", "rate/yr", "conf",
            "incidents", "AAL yen", "share", "tail yen", "share", "AAL person-h");
    size_t C = r->n_classes, M = r->n_metrics;
    for (size_t c = 0; c < C; c++) {
        double rate = 0;
        uint64_t n = 0;
        for (uint64_t q = 0; q < r->n_replicates; q++)
            rate += r->rate[q * C + c];
        for (uint64_t y = 0; y < r->n_years; y++)
            n += r->count[y * C + c];
        double a = r->class_aal[c * M], t = r->class_tail[c * M];
        double ta = r->aal[0], tt = r->tail_mean[0];
        fprintf(out, "  %-34.34s %9.3g %-6.6s %9llu %12.4g %6.1f%% %12.4g %6.1f%% %12.4g\n",
                r->class_names[c], rate / (double)r->n_replicates, r->class_confidence[c],
                (unsigned long long)n, a, ta > 0 ? 100 * a / ta : 0.0, t,
                tt > 0 ? 100 * t / tt : 0.0, r->class_aal[c * M + SSIM_RISK_M_PEOPLE]);
    }
    fprintf(out,
            "\nSectors, baseline: AAL and the 1-in-100 aggregate loss, each in its own unit\n");
    for (size_t s = 0; s < r->n_sectors; s++) {
        size_t m = SSIM_RISK_M_SECTOR + s;
        fprintf(out, "  %-12s %12.4g /year  1-in-100 %12.4g  (%s)\n", ssim_vocab_sector.names[s],
                at(r->aal, r, 0, m), r->aep[SSIM_RISK_RP100 * M + m],
                units[SSIM_RISK_M_SECTOR + s]);
    }
}

static void print_options(FILE *out, const ssim_risk_t *r)
{
    size_t O = r->n_options, M = r->n_metrics;
    fprintf(out,
            "\nOptions across the catalogue, on the same simulated years (yen per year; one-off "
            "costs annualised over %g years at %g%%: x %.4g)\n",
            r->life_years, 100 * r->discount_rate, r->recovery_factor);
    fprintf(out, "  %-26s %11s %25s %11s %11s %11s %11s %25s %9s %9s %9s %s\n", "option", "AAL yen",
            "reduction [95% CI]", "one-off", "recurring", "annualised", "net benefit",
            "net benefit [95% CI]", "red/yen", "breakeven", "P(>base)", "frontier");
    for (size_t o = 0; o < O; o++) {
        char red[64] = "-", nb[64] = "-";
        if (o) {
            snprintf(red, sizeof red, "%.3g [%.3g, %.3g]", r->red_aal[o * M], r->red_lo[o * M],
                     r->red_hi[o * M]);
            snprintf(nb, sizeof nb, "[%.3g, %.3g]", r->nb_lo[o], r->nb_hi[o]);
        }
        fprintf(out, "  %-26s %11.4g %25s %11.4g %11.4g %11.4g %11.4g %25s %9.3g %9.3g %9.3f %s\n",
                r->option_names[o], r->aal[o * M], red, r->oneoff[o], r->recurring[o],
                r->annualised[o], r->net_benefit[o], nb, r->per_burden[o], r->break_even[o],
                r->p_beats[o * O], r->frontier[o] ? "*" : "");
    }
    fprintf(out, "  breakeven: the multiplier on every class rate at which the net benefit is 0 "
                 "(inf: the option never pays; < 1: it pays at today's rates)\n");
    fprintf(out, "\n  reduction of the aggregate loss reached once in T years (baseline AEP - "
                 "option AEP, yen; below it the 95%% bootstrap interval)\n");
    print_rp_header(out, 26, 17);
    for (size_t o = 1; o < O; o++) {
        fprintf(out, "  %-26s", r->option_names[o]);
        for (size_t p = 0; p < SSIM_RISK_N_RP; p++)
            fprintf(out, " %17.4g", r->red_aep[(o * SSIM_RISK_N_RP + p) * M]);
        fprintf(out, "\n  %-26s", "");
        for (size_t p = 0; p < SSIM_RISK_N_RP; p++) {
            char ci[40];
            size_t at = (o * SSIM_RISK_N_RP + p) * M;
            snprintf(ci, sizeof ci, "[%.2g, %.2g]", r->red_aep_lo[at], r->red_aep_hi[at]);
            fprintf(out, " %17s", ci);
        }
        fprintf(out, "\n");
    }
    if (O <= 16) {
        fprintf(out, "\n  P(row beats column) on net annual benefit, over the replicates\n  %-26s",
                "");
        for (size_t b = 0; b < O; b++)
            fprintf(out, " %6zu", b);
        fprintf(out, "\n");
        for (size_t a = 0; a < O; a++) {
            fprintf(out, "  %2zu %-23.23s", a, r->option_names[a]);
            for (size_t b = 0; b < O; b++)
                fprintf(out, " %6.3f", r->p_beats[a * O + b]);
            fprintf(out, "\n");
        }
    }
    size_t S = r->n_sectors, K = r->n_categories;
    fprintf(out, "\n  Concentration and substitution: the (sector, supplier category) whose "
                 "Herfindahl index of supply edges rose most, and the classes whose AAL (yen) "
                 "rose\n");
    for (size_t o = 1; o < O; o++) {
        size_t best = 0;
        double rise = 0;
        for (size_t i = 0; i < S * K; i++) {
            double d = r->hhi[o * S * K + i] - r->hhi[i];
            if (d > rise)
                rise = d, best = i;
        }
        fprintf(out, "  %-26s", r->option_names[o]);
        if (rise > 0)
            fprintf(out, " HHI %s/%s %.3f -> %.3f", ssim_vocab_sector.names[best / K],
                    ssim_vocab_category.names[best % K], r->hhi[best], r->hhi[o * S * K + best]);
        else
            fprintf(out, " no HHI rose");
        int any = 0;
        for (size_t c = 0; c < r->n_classes; c++) {
            double base = r->class_aal[c * M], opt = r->class_aal[(o * r->n_classes + c) * M];
            if (opt > base) {
                fprintf(out, "%s %s +%.3g yen/year", any ? "," : "; loss rose:", r->class_names[c],
                        opt - base);
                any = 1;
            }
        }
        fprintf(out, "\n");
    }
}

void cli_print_risk(FILE *out, const ssim_risk_t *r, uint64_t seed, const char *const *units)
{
    print_baseline(out, r, seed, units);
    if (r->n_options > 1)
        print_options(out, r);
}

ssim_status_t cli_print_risk_file(FILE *out, const char *path, int header)
{
    ssim_risk_t r;
    ssim_h5_risk_meta_t m;
    ssim_status_t st = ssim_h5_read_risk(path, &r, &m);
    if (st != SSIM_OK)
        return st;
    if (header)
        fprintf(out, "sectorsim risk file %s\n  title         %s\n  command line  %s\n\n", path,
                m.title, m.command_line);
    cli_print_risk(out, &r, m.seed, (const char *const *)m.metric_units.s);
    ssim_risk_destroy(&r);
    ssim_h5_risk_meta_destroy(&m);
    return SSIM_OK;
}
