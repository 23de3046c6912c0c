/* results/risk — see risk.h. */
#include "results/risk.h"

#include <stdlib.h>
#include <string.h>

const double ssim_risk_return_periods[SSIM_RISK_N_RP] = {2, 5, 10, 25, 50, 100, 250};

void ssim_risk_destroy(ssim_risk_t *r)
{
    void *arrays[] = {r->option_names,
                      r->class_names,
                      r->class_source,
                      r->class_confidence,
                      r->class_rate_mean,
                      r->class_options_apply,
                      r->rate,
                      r->count,
                      r->inc_year,
                      r->inc_class,
                      r->inc_trial,
                      r->inc_yen,
                      r->inc_people,
                      r->year_agg,
                      r->year_occ,
                      r->aal,
                      r->aal_se,
                      r->aal_lo,
                      r->aal_hi,
                      r->aal_rep_p05,
                      r->aal_rep_p95,
                      r->aep,
                      r->oep,
                      r->class_aal,
                      r->tail_mean,
                      r->class_tail,
                      r->red_aal,
                      r->red_lo,
                      r->red_hi,
                      r->red_max_abs,
                      r->red_aep,
                      r->red_aep_lo,
                      r->red_aep_hi,
                      r->oneoff,
                      r->recurring,
                      r->annualised,
                      r->net_benefit,
                      r->nb_lo,
                      r->nb_hi,
                      r->per_burden,
                      r->pb_lo,
                      r->pb_hi,
                      r->break_even,
                      r->be_lo,
                      r->be_hi,
                      r->p_beats,
                      r->frontier,
                      r->hhi,
                      r->top_share,
                      r->top_share_sector,
                      r->top_share_category};
    for (size_t i = 0; i < sizeof arrays / sizeof *arrays; i++)
        free(arrays[i]);
    memset(r, 0, sizeof *r);
}
