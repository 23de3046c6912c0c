/* The shape of a network, for `validate` and `info DIR`: operators and
 * customers per sector against the census population, designated operators,
 * suppliers by country and category, foreign share of supply per sector,
 * supplier concentration (HHI) per sector and category, dependencies by kind,
 * and the structural facts found by the graph layer. */
#include "cli/cli.h"

#include "core/alloc.h"
#include "core/vocab.h"

#include <stdlib.h>
#include <string.h>

static long census_total(void)
{
    long total = 0;
    for (int c = 1; c <= SSIM_N_PREFECTURES; c++)
        total += ssim_prefecture_population(c);
    return total;
}

static void print_sectors(FILE *out, const ssim_network_t *net)
{
    size_t S = (size_t)ssim_vocab_sector.n;
    size_t ops[SSIM_MAX_SECTORS] = {0}, desig[SSIM_MAX_SECTORS] = {0};
    size_t edges[SSIM_MAX_SECTORS] = {0}, foreign[SSIM_MAX_SECTORS] = {0};
    long long cust[SSIM_MAX_SECTORS] = {0};
    for (size_t i = 0; i < net->n_operators; i++) {
        ops[net->op_sector[i]]++;
        cust[net->op_sector[i]] += net->op_customers[i];
        desig[net->op_sector[i]] += net->op_designated[i];
    }
    for (size_t e = 0; e < net->n_supply; e++) {
        size_t c = (size_t)net->sup_dst[e];
        if (c >= net->n_operators)
            continue;
        edges[net->op_sector[c]]++;
        foreign[net->op_sector[c]] += strcmp(net->sup_country[net->sup_src[e]], "JP") != 0;
    }
    double pop = (double)census_total();
    fprintf(out, "  %-12s %9s %14s %10s %10s %9s  %s\n", "sector", "operators", "customers",
            "people/pop", "designated", "foreign%", "customer unit");
    for (size_t s = 0; s < S; s++) {
        if (!ops[s])
            continue;
        ssim_sector_info_t si = ssim_network_sector(net, (int)s);
        fprintf(out, "  %-12s %9zu %14lld %10.3f %10zu %9.1f  %s\n", ssim_vocab_sector.names[s],
                ops[s], cust[s], (double)cust[s] * si.people_per_customer / pop, desig[s],
                edges[s] ? 100.0 * (double)foreign[s] / (double)edges[s] : 0.0, si.customer_unit);
    }
    fprintf(out,
            "  (customers in each sector's own unit; people/pop: the residents they stand for\n"
            "   (customers x people per customer, network sectors.csv) over the 2020 census\n"
            "   population of Japan, %.0f; foreign%%: share of supply edges into the sector\n"
            "   from non-JP suppliers)\n",
            pop);
}

static void print_suppliers(FILE *out, const ssim_network_t *net)
{
    size_t cat[64] = {0}; /* > ssim_vocab_category.n */
    fprintf(out, "  suppliers by category:");
    for (size_t i = 0; i < net->n_suppliers; i++)
        cat[net->sup_category[i]]++;
    for (int c = 0; c < ssim_vocab_category.n; c++)
        if (cat[c])
            fprintf(out, " %s %zu", ssim_vocab_category.names[c], cat[c]);
    fprintf(out, "\n  suppliers by country:");
    /* countries: count distinct codes with a small linear table (few countries) */
    char codes[256][3];
    size_t counts[256], n = 0;
    for (size_t i = 0; i < net->n_suppliers; i++) {
        size_t k = 0;
        while (k < n && strcmp(codes[k], net->sup_country[i]) != 0)
            k++;
        if (k == n && n < 256) {
            memcpy(codes[n], net->sup_country[i], 3);
            counts[n++] = 0;
        }
        if (k < n)
            counts[k]++;
    }
    for (size_t k = 0; k < n; k++)
        fprintf(out, " %s %zu", codes[k], counts[k]);
    fputc('\n', out);
}

/* HHI of supplier shares (customer-weighted) within each sector x category:
 * w[s * n_suppliers + j] = customers of sector-s operators supplied by j. */
static void print_hhi(FILE *out, const ssim_network_t *net)
{
    size_t S = (size_t)ssim_vocab_sector.n, ns = net->n_suppliers;
    double *w = ssim_calloc(S * ns + 1, sizeof *w, "HHI weights");
    if (!w)
        return;
    for (size_t e = 0; e < net->n_supply; e++) {
        size_t c = (size_t)net->sup_dst[e];
        if (c < net->n_operators)
            w[(size_t)net->op_sector[c] * ns + (size_t)net->sup_src[e]] +=
                (double)(net->op_customers[c] ? net->op_customers[c] : 1);
    }
    fprintf(out, "  supplier concentration (HHI of customer-weighted shares, 0..1) by sector:\n");
    for (size_t s = 0; s < S; s++) {
        int printed = 0;
        for (int k = 0; k < ssim_vocab_category.n; k++) {
            double total = 0, sum2 = 0;
            for (size_t j = 0; j < ns; j++)
                if (net->sup_category[j] == k)
                    total += w[s * ns + j];
            if (total <= 0)
                continue;
            for (size_t j = 0; j < ns; j++)
                if (net->sup_category[j] == k)
                    sum2 += (w[s * ns + j] / total) * (w[s * ns + j] / total);
            if (!printed++)
                fprintf(out, "    %-12s", ssim_vocab_sector.names[s]);
            fprintf(out, " %s %.2f", ssim_vocab_category.names[k], sum2);
        }
        if (printed)
            fputc('\n', out);
    }
    free(w);
}

static void print_dependencies(FILE *out, const ssim_network_t *net, const ssim_graph_t *g)
{
    size_t kinds[64] = {0};
    for (size_t d = 0; d < net->n_deps; d++)
        kinds[net->dep_kind[d]]++;
    fprintf(out, "  dependencies by kind:");
    for (int k = 0; k < ssim_vocab_dep_kind.n; k++)
        if (kinds[k])
            fprintf(out, " %s %zu", ssim_vocab_dep_kind.names[k], kinds[k]);
    fprintf(out, "\n  isolated operators: %zu; supplier cycles: %zu; dependency cycles: %zu\n",
            g->n_isolated_operators, g->n_supplier_cycles, g->n_dependency_cycles);
}

ssim_status_t cli_print_network_shape(FILE *out, const ssim_network_t *net, ssim_graph_t *g)
{
    ssim_status_t st = ssim_graph_count_dependency_cycles(g, net);
    if (st != SSIM_OK)
        return st;
    fprintf(out, "network: %s\n", net->dir);
    fprintf(out, "  %zu operators, %zu suppliers, %zu supply edges, %zu dependencies\n",
            net->n_operators, net->n_suppliers, net->n_supply, net->n_deps);
    print_sectors(out, net);
    print_suppliers(out, net);
    if ((size_t)ssim_vocab_sector.n * net->n_suppliers <= 50000000)
        print_hhi(out, net);
    print_dependencies(out, net, g);
    return SSIM_OK;
}
