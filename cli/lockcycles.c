/* `validate`'s warning about dependency cycles that can lock an outage in
 * place (docs/models/supply-chain.md, rule 6): a cycle of dependencies whose
 * every loss is >= cascade.down_threshold.  Once each member of such a cycle
 * has been triggered through its link (an outage longer than the buffers
 * around the cycle), each member's loss alone keeps it down, so no provider
 * of the cycle ever comes back up, no restart is ever scheduled, and the
 * whole cycle stays down to the horizon. */
#include "cli/cli.h"

#include "core/alloc.h"
#include "models/incident/incident_params.h"

#include <math.h>
#include <stdlib.h>

enum { SHOWN_COMPONENTS = 10, SHOWN_MEMBERS = 5 };

/* Whether the job's model reads cascade.* (the supply-chain cascade). */
static int reads_cascade(const ssim_study_job_t *job)
{
    for (const ssim_scenario_params_t *const *s = job->model->params; s && *s; s++)
        if (*s == &ssim_incident_cascade_param_set)
            return 1;
    return 0;
}

/* Print component c (size size) with up to SHOWN_MEMBERS member ids. */
static void warn_component(const ssim_study_job_t *job, const int32_t *comp, int32_t c, size_t size,
                           size_t rank, size_t n_comp, ssim_loc_t loc)
{
    char ids[512];
    size_t used = 0, shown = 0;
    ids[0] = '\0';
    for (size_t o = 0; o < job->net.n_operators && shown < SHOWN_MEMBERS; o++)
        if (comp[o] == c && used < sizeof ids) {
            int w = snprintf(ids + used, sizeof ids - used, "%s%s", shown ? ", " : "",
                             job->net.op_id[o]);
            used += w > 0 ? (size_t)w : 0;
            shown++;
        }
    ssim_warn(loc, "locking cycle %zu of %zu: %zu operators: %s%s", rank, n_comp, size, ids,
              size > shown ? ", ..." : "");
}

ssim_status_t cli_warn_locking_cycles(const ssim_study_job_t *job)
{
    if (!reads_cascade(job))
        return SSIM_OK;
    const ssim_network_t *net = &job->net;
    double thr = ssim_incident_cascade_params(&job->sc)->down_threshold;
    /* compared in millionths, as the supply-chain model stores losses */
    long thr_units = lround(thr * 1e6);
    uint8_t *keep = ssim_malloc(net->n_deps + 1, sizeof *keep, "locking links");
    int32_t *comp = ssim_malloc(net->n_operators + 1, sizeof *comp, "locking cycles");
    size_t *size = NULL, n_comp = 0;
    ssim_status_t st = keep && comp ? SSIM_OK : SSIM_ENOMEM;
    for (size_t d = 0; st == SSIM_OK && d < net->n_deps; d++)
        keep[d] = lround(net->dep_loss[d] * 1e6) >= thr_units;
    if (st == SSIM_OK)
        st = ssim_graph_dependency_sccs(&job->graph, net, keep, comp, &n_comp);
    if (st == SSIM_OK && n_comp > 0) {
        size = ssim_calloc(n_comp, sizeof *size, "locking cycle sizes");
        st = size ? SSIM_OK : SSIM_ENOMEM;
    }
    if (st == SSIM_OK && n_comp > 0) {
        ssim_loc_t loc = {net->files[SSIM_FILE_DEPENDENCIES].path, 0, 0};
        for (size_t o = 0; o < net->n_operators; o++)
            if (comp[o] >= 0)
                size[comp[o]]++;
        ssim_warn(loc,
                  "%zu dependency cycle%s with every loss >= cascade.down_threshold (%g) can "
                  "lock an outage in place: once each member is down through its link (an "
                  "outage longer than the buffers around the cycle), each keeps the next down, "
                  "no restart is ever scheduled, and the cycle stays down to the horizon",
                  n_comp, n_comp == 1 ? "" : "s", thr);
        /* the largest first (ties: smallest member first), SHOWN_COMPONENTS of them */
        for (size_t rank = 1; rank <= n_comp && rank <= SHOWN_COMPONENTS; rank++) {
            size_t best = 0;
            for (size_t c = 1; c < n_comp; c++)
                if (size[c] > size[best])
                    best = c;
            warn_component(job, comp, (int32_t)best, size[best], rank, n_comp, loc);
            size[best] = 0; /* shown */
        }
        if (n_comp > SHOWN_COMPONENTS)
            ssim_warn(loc, "... and %zu more locking cycles", n_comp - SHOWN_COMPONENTS);
    }
    free(size);
    free(comp);
    free(keep);
    return st;
}
