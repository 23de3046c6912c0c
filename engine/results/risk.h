/* results/risk — the tables of `sectorsim risk` (study/risk computes them,
 * io/h5risk writes them; docs/risk.md).  Plain arrays, row-major in the
 * order of their dimension letters:
 *   O options (0 = baseline), C classes, Y years, R replicates, M metrics,
 *   P return periods, I incidents, S sectors, K supplier categories. */
#ifndef SSIM_RESULTS_RISK_H
#define SSIM_RESULTS_RISK_H

#include <stddef.h>
#include <stdint.h>

/* Return periods of the exceedance tables, years. */
#define SSIM_RISK_N_RP 7
extern const double ssim_risk_return_periods[SSIM_RISK_N_RP]; /* 2 5 10 25 50 100 250 */
/* Index of 100 years in it (the tail each class's contribution is shown at). */
#define SSIM_RISK_RP100 5

/* Stream purposes of the year model (above every model's purposes). */
enum {
    SSIM_RISK_PURPOSE_RATE = 0xF000,
    SSIM_RISK_PURPOSE_COUNT = 0xF001,
    SSIM_RISK_PURPOSE_BOOT = 0xF002 /* the bootstrap of the AEP reductions */
};
/* Bootstrap resamples of the AEP reductions' intervals. */
#define SSIM_RISK_BOOT 200

/* Metrics: 0 yen, 1 person-hours, 2 + s sector s's lost service. */
enum { SSIM_RISK_M_YEN = 0, SSIM_RISK_M_PEOPLE = 1, SSIM_RISK_M_SECTOR = 2 };

typedef struct {
    size_t n_options, n_classes, n_metrics, n_sectors, n_categories;
    uint64_t n_years, n_replicates, n_incidents;
    const char **option_names;     /* O (borrowed from the job) */
    const char **class_names;      /* C (borrowed) */
    const char **class_source;     /* C: where each class's rate comes from (borrowed) */
    const char **class_confidence; /* C: low, medium, high (borrowed) */
    double *class_rate_mean;       /* C: mean of the rate's distribution, per year */
    uint8_t *class_options_apply;  /* C: 0 when the options replay the baseline's incidents */

    /* the simulated years, the same for every option */
    double *rate;                 /* R x C: rates drawn, per year */
    uint32_t *count;              /* Y x C: incidents */
    uint32_t *inc_year;           /* I: year of each incident (year, class, k order) */
    int32_t *inc_class;           /* I */
    uint64_t *inc_trial;          /* I: the trial of the class's scenario */
    double *inc_yen, *inc_people; /* O x I: the incident's yen and person-hours */

    /* per option */
    double *year_agg, *year_occ;            /* O x Y x M */
    double *aal, *aal_se, *aal_lo, *aal_hi; /* O x M: mean annual loss and its 95 % CI */
    double *aal_rep_p05, *aal_rep_p95;      /* O x M: spread of the replicates' means */
    double *aep, *oep;                      /* O x P x M */
    double *class_aal;                      /* O x C x M */
    double *tail_mean;                 /* O x M: mean aggregate over years >= the 1-in-100 AEP */
    double *class_tail;                /* O x C x M: each class's part of it */
    double *red_aal, *red_lo, *red_hi; /* O x M: baseline - option, paired by year */
    double *red_max_abs;               /* O x M: largest |baseline - option| over years */
    double *red_aep;                   /* O x P x M: baseline aep - option aep */
    double *red_aep_lo, *red_aep_hi;   /* O x P x M: its 95 % bootstrap interval (yen and
                                          person-hours; NaN for the sectors) */

    /* burden and decision figures, per option (yen, yen per year) */
    double *oneoff, *recurring, *annualised;        /* O */
    double *net_benefit, *nb_lo, *nb_hi;            /* O: red_aal (yen) - annualised */
    double *per_burden, *pb_lo, *pb_hi;             /* O: red_aal (yen) / annualised */
    double *break_even, *be_lo, *be_hi;             /* O: rate multiplier where net benefit = 0 */
    double *p_beats;                                /* O x O: P(net benefit of a > of b) */
    uint8_t *frontier;                              /* O */
    double *hhi;                                    /* O x S x K: concentration of supply edges */
    double *top_share;                              /* O: largest supplier share of any (S, K) */
    int32_t *top_share_sector, *top_share_category; /* O */
    double life_years, discount_rate, recovery_factor;
} ssim_risk_t;

/* Element (o, i, m) of an O x N x M array. */
static inline size_t ssim_risk_at(const ssim_risk_t *r, size_t o, size_t n, size_t i, size_t m)
{
    return (o * n + i) * r->n_metrics + m;
}

/* Free every array (safe on a zeroed or partly filled table). */
void ssim_risk_destroy(ssim_risk_t *r);

#endif
