/* Human-readable tables on stdout: the network's shape and a run's summary. */
#include "cli/cli.h"

#include "core/vocab.h"

#include <stdlib.h>
#include <string.h>

void cli_print_network_shape(FILE *out, const ssim_network_t *net, const ssim_graph_t *g)
{
    size_t S = (size_t)ssim_vocab_sector.n;
    size_t *ops = calloc(S, sizeof *ops);
    long long *cust = calloc(S, sizeof *cust);
    if (!ops || !cust) {
        free(ops);
        free(cust);
        return;
    }
    for (size_t i = 0; i < net->n_operators; i++) {
        ops[net->op_sector[i]]++;
        cust[net->op_sector[i]] += net->op_customers[i];
    }
    fprintf(out, "network: %s\n", net->dir);
    fprintf(out, "  %zu operators, %zu suppliers, %zu supply edges, %zu dependencies\n",
            net->n_operators, net->n_suppliers, net->n_supply, net->n_deps);
    fprintf(out, "  %-12s %10s %15s\n", "sector", "operators", "customers");
    for (size_t s = 0; s < S; s++)
        if (ops[s])
            fprintf(out, "  %-12s %10zu %15lld\n", ssim_vocab_sector.names[s], ops[s], cust[s]);
    fprintf(out, "  isolated operators: %zu; supplier cycles: %zu; dependency cycles: %zu\n",
            g->n_isolated_operators, g->n_supplier_cycles, g->n_dependency_cycles);
    free(ops);
    free(cust);
}

void cli_print_summary(FILE *out, const ssim_network_t *net, const ssim_results_t *res)
{
    (void)net;
    size_t S = res->n_sectors, T = (size_t)res->n_trials;
    const ssim_summary_t *tot = &res->total;
    fprintf(out, "\nNational summary over %zu trials (customer-hours of lost service)\n", T);
    fprintf(out, "  expected  %.6g  (95%% CI %.6g .. %.6g)\n", tot->mean, tot->ci_low,
            tot->ci_high);
    fprintf(out, "  median %.6g   p95 %.6g   p99 %.6g   CVaR95 %.6g   max %.6g\n",
            tot->quantile[0], tot->quantile[3], tot->quantile[4], tot->cvar95, tot->max);
    fprintf(out, "  P(any outage) %.4f   P(>= 2 sectors out at once) %.4f\n", tot->p_nonzero,
            res->p_multi_sector);
    fprintf(out, "  peak customers out: mean %.6g, p95 %.6g\n", res->peak.mean,
            res->peak.quantile[3]);
    fprintf(out, "\n  %-12s %12s %12s %14s %14s %14s\n", "sector", "compromised", "out",
            "E[cust-hours]", "95% CI +/-", "p95");
    for (size_t s = 0; s < S; s++) {
        double comp = 0, outn = 0;
        for (size_t t = 0; t < T; t++) {
            comp += res->sector_compromised[t * S + s];
            outn += res->sector_out[t * S + s];
        }
        const ssim_summary_t *x = &res->sector[s];
        if (comp == 0 && outn == 0 && x->mean == 0)
            continue;
        fprintf(out, "  %-12s %12.4g %12.4g %14.6g %14.4g %14.6g\n", ssim_vocab_sector.names[s],
                comp / (double)T, outn / (double)T, x->mean, x->ci_high - x->mean, x->quantile[3]);
    }
    fprintf(out, "  (compromised and out: mean operators per trial)\n");
}
