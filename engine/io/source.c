/* io/source — what the registry's getters read: the run's inputs, the
 * length of every dimension, and which fields a run writes. */
#include "io/fields.h"

#include "core/sha256.h"

#include <stdlib.h>
#include <string.h>

static const char *const dim_names[SSIM_IO_N_DIMS] = {
    [SSIM_IO_DIM_TRIAL] = "trial",           [SSIM_IO_DIM_SECTOR] = "sector",
    [SSIM_IO_DIM_PREFECTURE] = "prefecture", [SSIM_IO_DIM_TIME] = "time",
    [SSIM_IO_DIM_QUANTILE] = "quantile",     [SSIM_IO_DIM_EXCEEDANCE] = "exceedance_probability",
    [SSIM_IO_DIM_OPERATOR] = "operator",     [SSIM_IO_DIM_SUPPLIER] = "supplier",
    [SSIM_IO_DIM_CATEGORY] = "category",     [SSIM_IO_DIM_SUPPLY_EDGE] = "supply_edge",
    [SSIM_IO_DIM_CHANNEL] = "channel",       [SSIM_IO_DIM_PRIVILEGE] = "privilege",
    [SSIM_IO_DIM_DEPENDENCY] = "dependency", [SSIM_IO_DIM_DEP_KIND] = "dep_kind",
    [SSIM_IO_DIM_INPUT] = "input",           [SSIM_IO_DIM_IO_SECTOR] = "io_sector",
    [SSIM_IO_DIM_EVENT] = "event",           [SSIM_IO_DIM_EVENT_KIND] = "event_kind",
    [SSIM_IO_DIM_OPTION] = "option",         [SSIM_IO_DIM_LEVER] = "lever",
};

const char *ssim_io_dim_name(ssim_io_dim_t d) { return d < SSIM_IO_N_DIMS ? dim_names[d] : "?"; }

size_t ssim_io_type_size(ssim_io_type_t t)
{
    static const size_t size[SSIM_IO_N_TYPES] = {8, 4, 1, 1, 4, 4, 8, 8, sizeof(char *)};
    return t < SSIM_IO_N_TYPES ? size[t] : 0;
}

const char *ssim_io_type_name(ssim_io_type_t t)
{
    static const char *const name[SSIM_IO_N_TYPES] = {
        "float64", "float32", "int8", "uint8", "int32", "uint32", "int64", "uint64", "string"};
    return t < SSIM_IO_N_TYPES ? name[t] : "?";
}

/* Rows of /provenance/inputs: the scenario file, then the network files (the
 * four and the optional consequence files read). */
static size_t n_inputs(const ssim_network_t *net)
{
    size_t n = 1 + SSIM_NET_N_FILES;
    for (int i = 0; i < SSIM_NET_N_OPT_FILES; i++)
        n += net->opt_files[i].path != NULL;
    return n;
}

static void hash_scenario(ssim_io_src_t *src)
{
    const char *text = src->sc->text ? src->sc->text : "";
    size_t n = strlen(text);
    ssim_sha256_t h;
    ssim_sha256_init(&h);
    ssim_sha256_update(&h, text, n);
    ssim_sha256_hex(&h, src->scenario_sha256);
    src->scenario_bytes = n;
    src->scenario_lines = 0;
    for (size_t i = 0; i < n; i++)
        src->scenario_lines += text[i] == '\n';
    if (n && text[n - 1] != '\n')
        src->scenario_lines++;
}

ssim_status_t ssim_io_src_init(ssim_io_src_t *src, const ssim_scenario_t *sc,
                               const ssim_network_t *net, const ssim_results_t *res,
                               const ssim_run_info_t *info)
{
    memset(src, 0, sizeof *src);
    *src = (ssim_io_src_t){.sc = sc, .net = net, .res = res, .info = info};
    src->created_utc = src->hdf5_version = "";
    size_t S = (size_t)ssim_vocab_sector.n;
    if (res && (res->n_sectors != S || res->n_operators != net->n_operators))
        return ssim_error(SSIM_EINTERNAL, SSIM_LOC_NONE,
                          "results hold %zu sectors and %zu operators but the vocabulary has "
                          "%zu sectors and the network %zu operators",
                          res->n_sectors, res->n_operators, S, net->n_operators);
    size_t *len = src->len;
    len[SSIM_IO_DIM_TRIAL] = (size_t)(res ? res->n_trials : sc->trials);
    len[SSIM_IO_DIM_SECTOR] = S;
    len[SSIM_IO_DIM_PREFECTURE] = SSIM_N_PREFECTURES;
    len[SSIM_IO_DIM_TIME] =
        res ? res->n_steps : ssim_results_n_steps(sc->horizon_hours, sc->output_step_hours);
    len[SSIM_IO_DIM_QUANTILE] = SSIM_N_QUANTILES;
    len[SSIM_IO_DIM_EXCEEDANCE] = SSIM_N_EXCEEDANCE;
    len[SSIM_IO_DIM_OPERATOR] = net->n_operators;
    len[SSIM_IO_DIM_SUPPLIER] = net->n_suppliers;
    len[SSIM_IO_DIM_CATEGORY] = (size_t)ssim_vocab_category.n;
    len[SSIM_IO_DIM_SUPPLY_EDGE] = net->n_supply;
    len[SSIM_IO_DIM_CHANNEL] = (size_t)ssim_vocab_channel.n;
    len[SSIM_IO_DIM_PRIVILEGE] = (size_t)ssim_vocab_privilege.n;
    len[SSIM_IO_DIM_DEPENDENCY] = net->n_deps;
    len[SSIM_IO_DIM_DEP_KIND] = (size_t)ssim_vocab_dep_kind.n;
    len[SSIM_IO_DIM_INPUT] = n_inputs(net);
    len[SSIM_IO_DIM_IO_SECTOR] = res ? res->axis_n : 0;
    len[SSIM_IO_DIM_EVENT] = res ? res->n_event_rows : 0;
    len[SSIM_IO_DIM_EVENT_KIND] = (size_t)ssim_vocab_event_kind.n;
    len[SSIM_IO_DIM_OPTION] = 0; /* set by the compare writer */
    len[SSIM_IO_DIM_LEVER] = SSIM_N_LEVERS;
    src->events = sc->output.events != 0;
    src->econ = len[SSIM_IO_DIM_IO_SECTOR] > 0;
    src->econ_loss = src->econ && res->econ_x_per_hour != NULL;
    src->per_trial = sc->output.per_trial != 0;
    src->per_operator = sc->output.per_operator != 0;
    src->network_tables = sc->output.network_tables != 0;
    src->time_series = res ? res->keep_time_series : sc->output.time_series != 0;
    hash_scenario(src);
    return ssim_io_fields_build(&src->fields, &src->n_fields, &src->names, src, NULL);
}

void ssim_io_src_destroy(ssim_io_src_t *src)
{
    if (!src)
        return;
    free(src->fields);
    free(src->names);
    src->fields = NULL;
    src->names = NULL;
    src->n_fields = 0;
}

int ssim_io_field_wanted(const ssim_io_src_t *src, const ssim_io_field_t *f)
{
    return ssim_io_when_wanted(src, f->when);
}

int ssim_io_when_wanted(const ssim_io_src_t *src, ssim_io_when_t when)
{
    switch (when) {
    case SSIM_IO_ALWAYS:
        return 1;
    case SSIM_IO_PER_TRIAL:
        return src->per_trial;
    case SSIM_IO_PER_TRIAL_TS:
        return src->per_trial && src->time_series;
    case SSIM_IO_TS:
        return src->time_series;
    case SSIM_IO_PER_OPERATOR:
        return src->per_operator;
    case SSIM_IO_ECON:
        return src->econ;
    case SSIM_IO_ECON_LOSS:
        return src->econ_loss;
    case SSIM_IO_ECON_TS:
        return src->econ && src->time_series;
    case SSIM_IO_PER_TRIAL_ECON:
        return src->per_trial && src->econ;
    case SSIM_IO_PER_TRIAL_ECON_LOSS:
        return src->per_trial && src->econ_loss;
    case SSIM_IO_PER_TRIAL_ECON_TS:
        return src->per_trial && src->econ && src->time_series;
    case SSIM_IO_EVENTS:
        return src->events;
    case SSIM_IO_NETWORK_TABLES:
        return src->network_tables;
    case SSIM_IO_COMPARE:
        return src->cmp != NULL;
    case SSIM_IO_COMPARE_PER_TRIAL:
        return src->cmp && src->cmp->people_hours;
    case SSIM_IO_COMPARE_ECON:
        return src->cmp && src->cmp->econ;
    case SSIM_IO_COLUMNS:
    case SSIM_IO_N_WHEN:
        break;
    }
    return 0;
}

uint64_t ssim_io_field_count(const ssim_io_src_t *src, const ssim_io_field_t *f)
{
    uint64_t n = 1;
    for (int i = 0; i < f->ndims; i++)
        n *= src->len[f->dims[i]];
    return n;
}
