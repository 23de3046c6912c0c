/* io/fields — the registry of every group, attribute and dataset in a results
 * file.  Adding an output means adding one line to a table below (and, when
 * the data is not a plain array already in memory, a small getter).  The
 * dimension lengths the getters rely on come from source.c. */
#include "io/fields.h"

#include "core/rng.h"
#include "ssim_revision.h"
#include "ssim_version.h"

#include <stddef.h>
#include <string.h>

/* ---------------------------------------------------------------- getters */

/* A getter returning a pointer already in memory. */
#define VIEW(fn, expr)                                                                             \
    static ssim_io_view_t fn(const ssim_io_src_t *s, const ssim_io_field_t *f)                     \
    {                                                                                              \
        (void)s, (void)f;                                                                          \
        return SSIM_IO_VIEW(expr);                                                                 \
    }

static const char *nz(const char *s) { return s ? s : ""; }

/* 0..n-1 along the field's first dimension (index coordinates). */
static ssim_io_view_t fill_index(const ssim_io_src_t *s, const ssim_io_field_t *f, void *buf)
{
    int32_t *v = buf;
    for (size_t i = 0; i < s->len[f->dims[0]]; i++)
        v[i] = (int32_t)i;
    return SSIM_IO_VIEW(v);
}

static ssim_io_view_t fill_trial(const ssim_io_src_t *s, const ssim_io_field_t *f, void *buf)
{
    uint64_t *v = buf;
    (void)f;
    for (size_t t = 0; t < s->len[SSIM_IO_DIM_TRIAL]; t++)
        v[t] = t;
    return SSIM_IO_VIEW(v);
}

/* Start of each output step: k * output_step_hours. */
static ssim_io_view_t fill_time(const ssim_io_src_t *s, const ssim_io_field_t *f, void *buf)
{
    double *v = buf, step = s->res ? s->res->step_hours : s->sc->output_step_hours;
    (void)f;
    for (size_t k = 0; k < s->len[SSIM_IO_DIM_TIME]; k++)
        v[k] = (double)k * step;
    return SSIM_IO_VIEW(v);
}

static ssim_io_view_t fill_pref_code(const ssim_io_src_t *s, const ssim_io_field_t *f, void *buf)
{
    int32_t *v = buf;
    (void)s, (void)f;
    for (int p = 0; p < SSIM_N_PREFECTURES; p++)
        v[p] = p + 1;
    return SSIM_IO_VIEW(v);
}

static ssim_io_view_t fill_pref_name(const ssim_io_src_t *s, const ssim_io_field_t *f, void *buf)
{
    const char **v = buf;
    (void)s, (void)f;
    for (int p = 0; p < SSIM_N_PREFECTURES; p++)
        v[p] = ssim_prefecture_name(p + 1);
    return SSIM_IO_VIEW(v);
}

/* Label datasets: the names of f->vocab, one per code. */
static ssim_io_view_t fill_vocab_names(const ssim_io_src_t *s, const ssim_io_field_t *f, void *buf)
{
    const char **v = buf;
    for (size_t i = 0; i < s->len[f->dims[0]]; i++)
        v[i] = (int)i < f->vocab->n ? f->vocab->names[i] : "";
    return SSIM_IO_VIEW(v);
}

static ssim_io_view_t fill_country(const ssim_io_src_t *s, const ssim_io_field_t *f, void *buf)
{
    const char **v = buf;
    (void)f;
    for (size_t i = 0; i < s->net->n_suppliers; i++)
        v[i] = s->net->sup_country[i];
    return SSIM_IO_VIEW(v);
}

/* The sector table (network sectors.csv, or its defaults), one value per
 * sector code: the member of ssim_sector_info_t at f->offset, of f's type. */
static ssim_io_view_t fill_sector_info(const ssim_io_src_t *s, const ssim_io_field_t *f, void *buf)
{
    for (size_t i = 0; i < s->len[SSIM_IO_DIM_SECTOR]; i++) {
        ssim_sector_info_t si = ssim_network_sector(s->net, (int)i);
        const char *member = (const char *)&si + f->offset;
        if (f->type == SSIM_IO_STR)
            memcpy((const char **)buf + i, member, sizeof(const char *));
        else if (f->type == SSIM_IO_U8)
            ((uint8_t *)buf)[i] = (uint8_t) * (const int *)(const void *)member;
        else
            memcpy((double *)buf + i, member, sizeof(double));
    }
    return (ssim_io_view_t){f->type, buf};
}

static ssim_io_view_t fill_io_sector_name(const ssim_io_src_t *s, const ssim_io_field_t *f,
                                          void *buf)
{
    const char **v = buf;
    (void)f;
    for (size_t j = 0; j < s->len[SSIM_IO_DIM_IO_SECTOR]; j++)
        v[j] = s->res->axis_names[j];
    return SSIM_IO_VIEW(v);
}

/* Per-operator statistics: counts over trials divided by T. */
static ssim_io_view_t per_trial_mean(const ssim_io_src_t *s, const uint32_t *n32,
                                     const uint64_t *n64, double scale, void *buf)
{
    double *v = buf, T = (double)s->res->n_trials;
    for (size_t o = 0; o < s->res->n_operators; o++) {
        double x = n32 ? (double)n32[o] : (double)n64[o] * scale;
        v[o] = T > 0 ? x / T : 0.0;
    }
    return SSIM_IO_VIEW(v);
}

static ssim_io_view_t fill_op_p_compromised(const ssim_io_src_t *s, const ssim_io_field_t *f,
                                            void *buf)
{
    (void)f;
    return per_trial_mean(s, s->res->ops.n_compromised, NULL, 1.0, buf);
}

static ssim_io_view_t fill_op_p_out(const ssim_io_src_t *s, const ssim_io_field_t *f, void *buf)
{
    (void)f;
    return per_trial_mean(s, s->res->ops.n_out, NULL, 1.0, buf);
}

static ssim_io_view_t fill_op_outage(const ssim_io_src_t *s, const ssim_io_field_t *f, void *buf)
{
    (void)f;
    return per_trial_mean(s, NULL, s->res->ops.outage_ms, 1e-3, buf);
}

/* Provenance strings (NULL in the inputs is written as ""). */
static ssim_io_view_t fill_scenario_text(const ssim_io_src_t *s, const ssim_io_field_t *f,
                                         void *buf)
{
    const char **v = buf;
    (void)f;
    v[0] = nz(s->sc->text);
    return SSIM_IO_VIEW(v);
}

static ssim_io_view_t fill_resolved(const ssim_io_src_t *s, const ssim_io_field_t *f, void *buf)
{
    const char **v = buf;
    (void)f;
    v[0] = nz(s->sc->resolved_json);
    return SSIM_IO_VIEW(v);
}

/* /provenance/inputs columns: row 0 the scenario, rows 1.. the network files
 * (the four, then the optional consequence files that were read). */
static size_t network_inputs(const ssim_network_t *net, const ssim_net_file_info_t **info,
                             const char **name)
{
    size_t n = 0;
    for (int i = 0; i < SSIM_NET_N_FILES; i++, n++) {
        info[n] = &net->files[i];
        name[n] = ssim_network_file_name((ssim_net_file_t)i);
    }
    for (int i = 0; i < SSIM_NET_N_OPT_FILES; i++)
        if (net->opt_files[i].path) {
            info[n] = &net->opt_files[i];
            name[n++] = ssim_network_opt_file_name((ssim_net_opt_file_t)i);
        }
    return n;
}

#define FOR_INPUTS(s)                                                                              \
    const ssim_net_file_info_t *info[SSIM_NET_N_FILES + SSIM_NET_N_OPT_FILES];                     \
    const char *name[SSIM_NET_N_FILES + SSIM_NET_N_OPT_FILES];                                     \
    size_t n_inputs = network_inputs((s)->net, info, name);                                        \
    for (size_t i = 0; i < n_inputs; i++)

static ssim_io_view_t fill_input_file(const ssim_io_src_t *s, const ssim_io_field_t *f, void *buf)
{
    const char **v = buf;
    (void)f;
    v[0] = "scenario";
    FOR_INPUTS(s) v[1 + i] = nz(name[i]);
    return SSIM_IO_VIEW(v);
}

static ssim_io_view_t fill_input_path(const ssim_io_src_t *s, const ssim_io_field_t *f, void *buf)
{
    const char **v = buf;
    (void)f;
    v[0] = nz(s->sc->path);
    FOR_INPUTS(s) v[1 + i] = nz(info[i]->path);
    return SSIM_IO_VIEW(v);
}

static ssim_io_view_t fill_input_sha(const ssim_io_src_t *s, const ssim_io_field_t *f, void *buf)
{
    const char **v = buf;
    (void)f;
    v[0] = s->scenario_sha256;
    FOR_INPUTS(s) v[1 + i] = info[i]->sha256;
    return SSIM_IO_VIEW(v);
}

static ssim_io_view_t fill_input_bytes(const ssim_io_src_t *s, const ssim_io_field_t *f, void *buf)
{
    uint64_t *v = buf;
    (void)f;
    v[0] = s->scenario_bytes;
    FOR_INPUTS(s) v[1 + i] = info[i]->bytes;
    return SSIM_IO_VIEW(v);
}

static ssim_io_view_t fill_input_rows(const ssim_io_src_t *s, const ssim_io_field_t *f, void *buf)
{
    uint64_t *v = buf;
    (void)f;
    v[0] = s->scenario_lines;
    FOR_INPUTS(s) v[1 + i] = info[i]->rows;
    return SSIM_IO_VIEW(v);
}

VIEW(v_op_id, s->net->op_id)
VIEW(v_op_name, s->net->op_name)
VIEW(v_op_sector, s->net->op_sector)
VIEW(v_op_pref, s->net->op_prefecture)
VIEW(v_op_customers, s->net->op_customers)
VIEW(v_op_designated, s->net->op_designated)
VIEW(v_sup_id, s->net->sup_id)
VIEW(v_sup_name, s->net->sup_name)
VIEW(v_sup_category, s->net->sup_category)
VIEW(v_supply_src, s->net->sup_src)
VIEW(v_supply_dst, s->net->sup_dst)
VIEW(v_supply_channel, s->net->sup_channel)
VIEW(v_supply_lag, s->net->sup_lag_hours)
VIEW(v_supply_share, s->net->sup_share)
VIEW(v_supply_priv, s->net->sup_privilege)
VIEW(v_dep_op, s->net->dep_op)
VIEW(v_dep_provider, s->net->dep_provider)
VIEW(v_dep_kind, s->net->dep_kind)
VIEW(v_dep_buffer, s->net->dep_buffer_hours)
VIEW(v_dep_loss, s->net->dep_loss)
VIEW(v_ev_trial, s->res->ev_trial)
VIEW(v_ev_time, s->res->ev_time)
VIEW(v_ev_kind, s->res->ev_kind)
VIEW(v_ev_source, s->res->ev_source)
VIEW(v_ev_target, s->res->ev_target)
VIEW(v_quantiles, &ssim_quantile_levels[0])
VIEW(v_exceedance, &ssim_exceedance_probs[0])
VIEW(v_verification, &s->res->verification)
VIEW(v_econ_x, s->res->econ_x_per_hour)
VIEW(v_econ_k, s->res->econ_k)

/* compare: the table's array at f->offset (offsetof(ssim_compare_t, member)). */
static ssim_io_view_t v_cmp_f64(const ssim_io_src_t *s, const ssim_io_field_t *f)
{
    return SSIM_IO_VIEW(*(double *const *)(const void *)((const char *)s->cmp + f->offset));
}
VIEW(v_cmp_names, s->cmp->names)
VIEW(v_cmp_levers, s->cmp->lever_names)
VIEW(v_cmp_ops_changed, s->cmp->ops_changed)
VIEW(v_cmp_frontier, s->cmp->frontier)

/* ------------------------------------------------------------------ groups */

const ssim_io_group_t ssim_io_groups[] = {
    {"network",
     "the network tables as columns (operators, suppliers, supply edges, "
     "dependencies) with their label coordinates",
     1, SSIM_IO_ALWAYS},
    {"results", "per-trial results (only with output.per_trial)", 1, SSIM_IO_ALWAYS},
    {"operators", "per-operator statistics over trials (only with output.per_operator)", 1,
     SSIM_IO_ALWAYS},
    {"summary",
     "summaries over trials: moments, confidence intervals, quantiles, CVaR, "
     "exceedance curves",
     1, SSIM_IO_ALWAYS},
    {"events", "the event table: who compromised whom and when (only with output.events)", 1,
     SSIM_IO_ALWAYS},
    {"compare",
     "sectorsim compare: the baseline and each regulation option on common random numbers, "
     "along the option dimension (0 = baseline); docs/regulation.md",
     1, SSIM_IO_COMPARE},
    {"provenance", "how the file was made; differs between runs of the same inputs", 0,
     SSIM_IO_ALWAYS},
    {"provenance/inputs", "input files and their SHA-256 digests", 0, SSIM_IO_ALWAYS},
};
const size_t ssim_io_n_groups = sizeof ssim_io_groups / sizeof *ssim_io_groups;

/* ------------------------------------------------------------- attributes */

#define ATTR_CONST(fn, value)                                                                      \
    static ssim_io_view_t fn(const ssim_io_src_t *s)                                               \
    {                                                                                              \
        static const char *const v = value;                                                        \
        (void)s;                                                                                   \
        return SSIM_IO_VIEW(&v);                                                                   \
    }
#define ATTR(fn, expr)                                                                             \
    static ssim_io_view_t fn(const ssim_io_src_t *s) { return SSIM_IO_VIEW(expr); }

ATTR_CONST(a_conventions, "CF-1.8")
ATTR_CONST(a_software, "sectorsim")
ATTR_CONST(a_version, SSIM_VERSION)
ATTR_CONST(a_git, SSIM_GIT_REVISION)
ATTR_CONST(a_rng, SSIM_RNG_NAME)
ATTR(a_title, &s->sc->name)
ATTR(a_seed, &s->sc->seed)
ATTR(a_horizon, &s->sc->horizon_hours)
ATTR(a_step, &s->sc->output_step_hours)
ATTR(a_command, &s->info->command_line)
ATTR(a_threads, &s->info->threads)
ATTR(a_elapsed, &s->info->elapsed_seconds)
ATTR(a_events, &s->info->events_total)

static ssim_io_view_t a_n_trials(const ssim_io_src_t *s)
{
    return s->res ? SSIM_IO_VIEW(&s->res->n_trials) : SSIM_IO_VIEW(&s->sc->trials);
}

static ssim_io_view_t a_model(const ssim_io_src_t *s)
{
    return s->sc->model ? SSIM_IO_VIEW(&s->sc->model) : SSIM_IO_VIEW(&s->info->model_name);
}

ATTR(a_created, &s->created_utc)
ATTR(a_hdf5, &s->hdf5_version)

/* Root attributes depend only on the inputs (identical at any thread count);
 * /provenance attributes describe the particular run. */
const ssim_io_attr_t ssim_io_attrs[] = {
    {"/", "Conventions", SSIM_IO_STR, "metadata conventions: \"CF-1.8\"", a_conventions},
    {"/", "title", SSIM_IO_STR, "scenario name", a_title},
    {"/", "software", SSIM_IO_STR, "\"sectorsim\" (how `sectorsim info` recognises its files)",
     a_software},
    {"/", "version", SSIM_IO_STR, "sectorsim version", a_version},
    {"/", "git_revision", SSIM_IO_STR,
     "git commit the program was built from (12 digits; -dirty: with uncommitted changes)", a_git},
    {"/", "seed", SSIM_IO_U64, "master seed of the random streams", a_seed},
    {"/", "rng", SSIM_IO_STR, "random number generator (" SSIM_RNG_NAME ")", a_rng},
    {"/", "n_trials", SSIM_IO_U64, "number of trials", a_n_trials},
    {"/", "model", SSIM_IO_STR, "propagation model", a_model},
    {"/", "horizon_hours", SSIM_IO_F64, "simulated horizon of each trial, hours", a_horizon},
    {"/", "output_step_hours", SSIM_IO_F64, "width of the output time steps, hours", a_step},
    {"provenance", "command_line", SSIM_IO_STR, "the command line of the run", a_command},
    {"provenance", "threads", SSIM_IO_I32, "OpenMP threads used", a_threads},
    {"provenance", "elapsed_seconds", SSIM_IO_F64, "wall-clock seconds of the trial loop",
     a_elapsed},
    {"provenance", "events_total", SSIM_IO_U64, "events processed, all trials", a_events},
    {"provenance", "created_utc", SSIM_IO_STR,
     "when the file was written, ISO 8601 UTC (SOURCE_DATE_EPOCH when set)", a_created},
    {"provenance", "hdf5_version", SSIM_IO_STR, "HDF5 library version that wrote the file", a_hdf5},
};
const size_t ssim_io_n_attrs = sizeof ssim_io_attrs / sizeof *ssim_io_attrs;

/* --------------------------------------------------------------- datasets */

/* Dimensions travel through the macros below as one parenthesised argument. */
#define D0 (0, {SSIM_IO_DIM_TRIAL})
#define D1(a) (1, {SSIM_IO_DIM_##a})
#define D2(a, b) (2, {SSIM_IO_DIM_##a, SSIM_IO_DIM_##b})
#define D3(a, b, c) (3, {SSIM_IO_DIM_##a, SSIM_IO_DIM_##b, SSIM_IO_DIM_##c})
#define UNPACK_DIMS(n, ...) .ndims = n, .dims = __VA_ARGS__
#define F(grp, nm, dims, ty, un, ln)                                                               \
    .group = grp, .name = nm, UNPACK_DIMS dims, .type = SSIM_IO_##ty, .units = un, .long_name = ln

// clang-format off
/* Index coordinate 0..n-1 of a dimension, and a label dataset along it. */
#define INDEX(grp, nm, dim, ln, when_)                                                             \
    {F(grp, nm, D1(dim), I32, "1", ln), .when = when_, .fill = fill_index}
#define LABELS(grp, nm, dim, voc, ln, when_)                                                       \
    {F(grp, nm, D1(dim), STR, "", ln), .vocab = &voc, .when = when_, .fill = fill_vocab_names}
#define SECTOR_COORDS(grp, when_)                                                                  \
    {F(grp, "sector", D1(SECTOR), I32, "1", "sector code"), .when = when_, .fill = fill_index},    \
    LABELS(grp, "sector_name", SECTOR, ssim_vocab_sector, "sector name", when_)
#define PREF_COORDS(grp, when_)                                                                    \
    {F(grp, "prefecture", D1(PREFECTURE), I32, "1", "prefecture, JIS X 0401 code (1-47)"),         \
     .when = when_, .fill = fill_pref_code},                                                       \
    {F(grp, "prefecture_name", D1(PREFECTURE), STR, "", "prefecture name"), .when = when_,         \
     .fill = fill_pref_name}
#define TIME_COORD(grp, when_)                                                                     \
    {F(grp, "time", D1(TIME), F64, "h", "start of the output step, hours from the trial start"),  \
     .comment = "values along time are means over [time, time + output_step_hours)",              \
     .when = when_, .fill = fill_time}

#define PH "person h"

/* Economic layer: the IO-sector coordinates. */
#define IO_SECTOR_COORDS(grp, when_)                                                               \
    INDEX(grp, "io_sector", IO_SECTOR, "input-output sector index", when_),                        \
    {F(grp, "io_sector_name", D1(IO_SECTOR), STR, "", "input-output sector name"), .when = when_, \
     .fill = fill_io_sector_name}
#define YEN "JPY"
// clang-format on

/* A /compare dataset: a double array of ssim_compare_t. */
#define CMP_ROW(nm, dims, un, member, ln)                                                          \
    F("compare", nm, dims, F64, un, ln), .offset = offsetof(ssim_compare_t, member),               \
                                         .view = v_cmp_f64
#define CMP_F64(nm, dims, un, member, ln)                                                          \
    {                                                                                              \
        CMP_ROW(nm, dims, un, member, ln), .when = SSIM_IO_COMPARE                                 \
    }
#define CMP SSIM_IO_COMPARE
#define CMP_PT SSIM_IO_COMPARE_PER_TRIAL

#define ALL SSIM_IO_ALWAYS
#define PT SSIM_IO_PER_TRIAL
#define OPS SSIM_IO_PER_OPERATOR
#define NET SSIM_IO_NETWORK_TABLES

const ssim_io_field_t ssim_io_fields[] = {
    /* /network */
    INDEX("network", "operator", OPERATOR, "operator index (data row of operators.csv, 0-based)",
          ALL),
    {F("network", "operator_id", D1(OPERATOR), STR, "", "operator id"), .view = v_op_id,
     .when = NET},
    {F("network", "operator_name", D1(OPERATOR), STR, "", "operator name"), .view = v_op_name,
     .when = NET},
    {F("network", "operator_sector", D1(OPERATOR), I8, "1", "sector code of the operator"),
     .vocab = &ssim_vocab_sector, .view = v_op_sector},
    {F("network", "operator_prefecture", D1(OPERATOR), I8, "1",
       "prefecture of the operator, JIS X 0401 code (1-47)"),
     .view = v_op_pref},
    {F("network", "operator_customers", D1(OPERATOR), I64, "person",
       "customers served by the operator (impact weight)"),
     .view = v_op_customers},
    {F("network", "operator_designated", D1(OPERATOR), U8, "1",
       "1 if designated under the Economic Security Promotion Act, else 0"),
     .view = v_op_designated},
    SECTOR_COORDS("network", ALL),
    {F("network", "sector_customer_unit", D1(SECTOR), STR, "",
       "what operator_customers counts in the sector (network sectors.csv)"),
     .offset = offsetof(ssim_sector_info_t, customer_unit), .fill = fill_sector_info},
    {F("network", "sector_service_unit", D1(SECTOR), STR, "",
       "the unit of the sector's lost service (sector_service_lost)"),
     .offset = offsetof(ssim_sector_info_t, service_unit), .fill = fill_sector_info},
    {F("network", "sector_per_day", D1(SECTOR), U8, "1",
       "1: customers is a rate per day, lost service = customers x loss x hours / 24"),
     .offset = offsetof(ssim_sector_info_t, per_day), .fill = fill_sector_info},
    {F("network", "sector_people_per_customer", D1(SECTOR), F64, "person",
       "residents affected per customer unit while it is out (0: not counted in people)"),
     .offset = offsetof(ssim_sector_info_t, people_per_customer), .fill = fill_sector_info},
    {F("network", "sector_yen_per_unit", D1(SECTOR), F64, "JPY",
       "value of one unit of lost service, the weight of loss_yen"),
     .offset = offsetof(ssim_sector_info_t, yen_per_unit), .fill = fill_sector_info},
    PREF_COORDS("network", ALL),
    INDEX("network", "supplier", SUPPLIER, "supplier index (data row of suppliers.csv, 0-based)",
          ALL),
    {F("network", "supplier_id", D1(SUPPLIER), STR, "", "supplier id"), .view = v_sup_id},
    {F("network", "supplier_name", D1(SUPPLIER), STR, "", "supplier name"), .view = v_sup_name},
    {F("network", "supplier_country", D1(SUPPLIER), STR, "",
       "supplier country, ISO 3166-1 alpha-2"),
     .fill = fill_country},
    {F("network", "supplier_category", D1(SUPPLIER), I8, "1", "supplier category code"),
     .vocab = &ssim_vocab_category, .view = v_sup_category},
    INDEX("network", "category", CATEGORY, "supplier category code", ALL),
    LABELS("network", "category_name", CATEGORY, ssim_vocab_category, "category name", ALL),
    INDEX("network", "supply_edge", SUPPLY_EDGE,
          "supply edge index (data row of supply.csv, 0-based)", NET),
    {F("network", "supply_supplier", D1(SUPPLY_EDGE), I32, "1",
       "supplying supplier (index along supplier)"),
     .view = v_supply_src, .when = NET},
    {F("network", "supply_customer", D1(SUPPLY_EDGE), I32, "1",
       "customer node: operator index, or n_operators + supplier index for a supplier"),
     .view = v_supply_dst, .when = NET},
    {F("network", "supply_channel", D1(SUPPLY_EDGE), I8, "1", "update channel code"),
     .vocab = &ssim_vocab_channel, .view = v_supply_channel, .when = NET},
    {F("network", "supply_install_lag_hours", D1(SUPPLY_EDGE), F64, "h",
       "delay from release to install"),
     .view = v_supply_lag, .when = NET},
    {F("network", "supply_share", D1(SUPPLY_EDGE), F64, "1",
       "share of the customer's systems depending on the supplier"),
     .view = v_supply_share, .when = NET},
    {F("network", "supply_privilege", D1(SUPPLY_EDGE), I8, "1", "privilege level code"),
     .vocab = &ssim_vocab_privilege, .view = v_supply_priv, .when = NET},
    INDEX("network", "channel", CHANNEL, "update channel code", ALL),
    LABELS("network", "channel_name", CHANNEL, ssim_vocab_channel, "update channel name", ALL),
    INDEX("network", "privilege", PRIVILEGE, "privilege level code", ALL),
    LABELS("network", "privilege_name", PRIVILEGE, ssim_vocab_privilege, "privilege level name",
           ALL),
    INDEX("network", "dependency", DEPENDENCY,
          "dependency index (data row of dependencies.csv, 0-based)", NET),
    {F("network", "dependency_operator", D1(DEPENDENCY), I32, "1",
       "dependent operator (index along operator)"),
     .view = v_dep_op, .when = NET},
    {F("network", "dependency_provider", D1(DEPENDENCY), I32, "1",
       "providing operator (index along operator)"),
     .view = v_dep_provider, .when = NET},
    {F("network", "dependency_kind", D1(DEPENDENCY), I8, "1", "dependency kind code"),
     .vocab = &ssim_vocab_dep_kind, .view = v_dep_kind, .when = NET},
    {F("network", "dependency_buffer_hours", D1(DEPENDENCY), F64, "h",
       "hours the dependent copes without the provider"),
     .view = v_dep_buffer, .when = NET},
    {F("network", "dependency_loss", D1(DEPENDENCY), F64, "1", "capacity lost beyond the buffer"),
     .view = v_dep_loss, .when = NET},
    INDEX("network", "dep_kind", DEP_KIND, "dependency kind code", ALL),
    LABELS("network", "dep_kind_name", DEP_KIND, ssim_vocab_dep_kind, "dependency kind name", ALL),

    /* /results */
    {F("results", "trial", D1(TRIAL), U64, "1", "trial index"), .when = PT, .fill = fill_trial},
    SECTOR_COORDS("results", PT),
    PREF_COORDS("results", PT),
    TIME_COORD("results", SSIM_IO_PER_TRIAL_TS),
    IO_SECTOR_COORDS("results", SSIM_IO_PER_TRIAL_ECON),
    {F("results", "(result columns)", D0, F64, "", "the per-trial values of every result column"),
     .when = SSIM_IO_COLUMNS},

    /* /operators */
    INDEX("operators", "operator", OPERATOR, "operator index (as in /network)", OPS),
    {F("operators", "operator_id", D1(OPERATOR), STR, "", "operator id"), .when = OPS,
     .view = v_op_id},
    {F("operators", "operator_p_compromised", D1(OPERATOR), F64, "1",
       "fraction of trials in which the operator was compromised"),
     .when = OPS, .fill = fill_op_p_compromised},
    {F("operators", "operator_p_out", D1(OPERATOR), F64, "1",
       "fraction of trials in which the operator lost any capacity"),
     .when = OPS, .fill = fill_op_p_out},
    {F("operators", "operator_mean_outage_hours", D1(OPERATOR), F64, "h",
       "capacity-weighted outage hours per trial, mean over trials"),
     .when = OPS, .fill = fill_op_outage},

    /* /summary */
    {F("summary", "quantile", D1(QUANTILE), F64, "1", "quantile level"), .view = v_quantiles},
    {F("summary", "exceedance_probability", D1(EXCEEDANCE), F64, "1",
       "probability of exceedance (loss exceedance curve)"),
     .view = v_exceedance},
    SECTOR_COORDS("summary", ALL),
    PREF_COORDS("summary", ALL),
    TIME_COORD("summary", SSIM_IO_TS),
    {F("summary", "verification_hash", D0, U64, "1",
       "hash of every per-trial value, or without per-trial rows of the values kept "
       "(equal runs give equal hashes)"),
     .view = v_verification},
    IO_SECTOR_COORDS("summary", SSIM_IO_ECON),
    {F("summary", "economic_output_per_hour", D1(IO_SECTOR), F64, YEN "/h",
       "IO sector output x_j (parameter): annual output / 8760"),
     .when = SSIM_IO_ECON_LOSS, .view = v_econ_x},
    {F("summary", "economic_k_per_hour", D1(IO_SECTOR), F64, "1/h",
       "DIIM recovery rate k_j (parameter)"),
     .when = SSIM_IO_ECON, .view = v_econ_k},
    {F("summary", "(result columns)", D0, F64, "", "the summaries of every result column"),
     .when = SSIM_IO_COLUMNS},

    /* /provenance */
    {F("provenance", "scenario_text", D0, STR, "", "the scenario file, verbatim"),
     .fill = fill_scenario_text},
    {F("provenance", "resolved_config_json", D0, STR, "",
       "every scenario key with its value after defaults and overrides, canonical JSON"),
     .fill = fill_resolved},
    INDEX("events", "event", EVENT,
          "event row index (by trial; within a trial in the order recorded: an outage row is "
          "recorded at its install and carries its effect time)",
          SSIM_IO_EVENTS),
    {F("events", "event_kind", D1(EVENT_KIND), I32, "1", "event kind code"), .when = SSIM_IO_EVENTS,
     .fill = fill_index},
    LABELS("events", "event_kind_name", EVENT_KIND, ssim_vocab_event_kind, "event kind name",
           SSIM_IO_EVENTS),
    {F("events", "event_trial", D1(EVENT), U64, "1", "trial of the event"), .when = SSIM_IO_EVENTS,
     .view = v_ev_trial},
    {F("events", "event_time", D1(EVENT), F64, "h",
       "time of the event, hours from the trial start"),
     .when = SSIM_IO_EVENTS, .view = v_ev_time},
    {F("events", "kind", D1(EVENT), I8, "1",
       "origin, install (source's release installed by target), release (source ships its "
       "own bad release), outage (effect starts), revoke, disconnect"),
     .vocab = &ssim_vocab_event_kind, .when = SSIM_IO_EVENTS, .view = v_ev_kind},
    {F("events", "source", D1(EVENT), I32, "1",
       "node of the supplier whose release acts (n_operators + supplier index), -1 for an "
       "origin"),
     .when = SSIM_IO_EVENTS, .view = v_ev_source},
    {F("events", "target", D1(EVENT), I32, "1",
       "node affected: operator index, or n_operators + supplier index"),
     .when = SSIM_IO_EVENTS, .view = v_ev_target},
    /* /compare (sectorsim compare; docs/regulation.md) */
    INDEX("compare", "option", OPTION, "option index: 0 = baseline, then the scenario's options",
          CMP),
    {F("compare", "option_name", D1(OPTION), STR, "", "option name"), .when = CMP,
     .view = v_cmp_names},
    INDEX("compare", "lever", LEVER, "regulation lever code", CMP),
    {F("compare", "lever_name", D1(LEVER), STR, "", "lever name"), .when = CMP,
     .view = v_cmp_levers},
    SECTOR_COORDS("compare", CMP),
    INDEX("compare", "operator", OPERATOR, "operator index (as in /network)", CMP),
    {F("compare", "trial", D1(TRIAL), U64, "1", "trial index"), .when = CMP_PT, .fill = fill_trial},
    CMP_F64("expected_people_hours", D1(OPTION), PH, mean,
            "expected person-hours of residents affected, each counted once"),
    CMP_F64("people_hours_p95", D1(OPTION), PH, p95, "95th percentile of person-hours affected"),
    CMP_F64("people_hours_p99", D1(OPTION), PH, p99, "99th percentile of person-hours affected"),
    CMP_F64("people_hours_cvar95", D1(OPTION), PH, cvar95,
            "mean of the worst 5% of trials (CVaR 95%) of person-hours affected"),
    CMP_F64("expected_loss_yen", D1(OPTION), YEN, yen_mean,
            "expected value of the lost service (loss_yen)"),
    CMP_F64("p_multi_sector", D1(OPTION), "1", p_multi,
            "fraction of trials with outages in >= 2 sectors at once"),
    CMP_F64("operators_compromised_mean", D1(OPTION), "1", ops_compromised,
            "expected operators compromised per trial"),
    {CMP_ROW("economic_loss_mean", D1(OPTION), YEN, econ_mean, "expected economic loss (DIIM)"),
     .when = SSIM_IO_COMPARE_ECON},
    CMP_F64("sector_service_lost", D2(OPTION, SECTOR), "1", sector_mean,
            "expected lost service by sector, each in its own unit "
            "(/network/sector_service_unit)"),
    CMP_F64("burden", D1(OPTION), YEN "/year", burden,
            "annualised burden of the option: recurring + one-off x the capital recovery factor "
            "of burden.life_years and burden.discount_rate"),
    CMP_F64("burden_oneoff", D1(OPTION), YEN, burden_oneoff,
            "one-off costs: switching products, added buffer-hours, segmentation projects"),
    CMP_F64("burden_recurring", D1(OPTION), YEN "/year", burden_recurring,
            "recurring costs: compliance, held updates, staged rollout"),
    CMP_F64("burden_by_lever", D2(OPTION, LEVER), YEN "/year", burden_lever,
            "annualised burden by lever"),
    CMP_F64("burden_by_sector", D2(OPTION, SECTOR), YEN "/year", burden_sector,
            "annualised burden by sector of the operators concerned"),
    CMP_F64("replaced_edges", D2(OPTION, SECTOR), "1", replaced,
            "supply edges moved to another supplier (vetting, diversity cap)"),
    CMP_F64("blocked_edges", D2(OPTION, SECTOR), "1", blocked, "supply edges removed (vetting)"),
    CMP_F64("held_update_operator_days", D2(OPTION, SECTOR), "d", held_days,
            "operator-days of held updates per year (advance notice)"),
    CMP_F64("delayed_patch_operator_days", D2(OPTION, SECTOR), "d", patch_days,
            "of which security patches"),
    CMP_F64("regulated_operators", D2(OPTION, SECTOR), "1", regulated,
            "operators under an obligation of the option"),
    CMP_F64("buffer_hours_added", D2(OPTION, SECTOR), "h", buffer_hours,
            "buffer-hours added over all dependencies (buffer mandate)"),
    CMP_F64("reduction_mean", D1(OPTION), PH, diff_mean,
            "mean over trials of baseline - option person-hours affected (paired)"),
    CMP_F64("reduction_se", D1(OPTION), PH, diff_se, "paired standard error of reduction_mean"),
    CMP_F64("reduction_ci_low", D1(OPTION), PH, diff_lo, "lower end of its 95% CI (paired)"),
    CMP_F64("reduction_ci_high", D1(OPTION), PH, diff_hi, "upper end of its 95% CI (paired)"),
    CMP_F64("reduction_unpaired_se", D1(OPTION), PH, unpaired_se,
            "standard error of the same difference without pairing, for contrast"),
    CMP_F64("reduction_max_abs", D1(OPTION), PH, max_abs_diff,
            "largest |baseline - option| over trials (0: the option changes nothing)"),
    CMP_F64("reduction_per_burden", D1(OPTION), PH " / (1e9 yen)", per_burden,
            "reduction_mean per 1e9 yen of yearly burden (NaN when the burden is 0)"),
    CMP_F64("reduction_yen_mean", D1(OPTION), YEN, yen_diff_mean,
            "mean over trials of baseline - option loss_yen (paired)"),
    CMP_F64("reduction_yen_ci_low", D1(OPTION), YEN, yen_diff_lo,
            "lower end of its 95% CI (paired)"),
    CMP_F64("reduction_yen_ci_high", D1(OPTION), YEN, yen_diff_hi,
            "upper end of its 95% CI (paired)"),
    CMP_F64("operator_p_compromised", D2(OPTION, OPERATOR), "1", op_p_compromised,
            "fraction of trials in which the operator was compromised, per option"),
    CMP_F64("operator_p_out", D2(OPTION, OPERATOR), "1", op_p_out,
            "fraction of trials in which the operator lost any service, per option"),
    CMP_F64("operator_mean_outage_hours", D2(OPTION, OPERATOR), "h", op_outage_hours,
            "service-weighted outage hours per trial, mean over trials, per option"),
    {F("compare", "operators_changed", D1(OPTION), U64, "1",
       "operators whose statistics (compromised, out, outage hours) differ from the baseline's"),
     .when = CMP, .view = v_cmp_ops_changed},
    {F("compare", "frontier", D1(OPTION), U8, "1",
       "1 when no other option has both lower-or-equal expected person-hours affected and "
       "burden"),
     .when = CMP, .view = v_cmp_frontier},
    {CMP_ROW("people_hours", D2(OPTION, TRIAL), PH, people_hours,
             "person-hours affected per trial (same trial = same incident)"),
     .when = CMP_PT},
    INDEX("provenance/inputs", "input", INPUT, "input file index", ALL),
    {F("provenance/inputs", "file", D1(INPUT), STR, "",
       "role of the input: \"scenario\" or the network file name"),
     .fill = fill_input_file},
    {F("provenance/inputs", "path", D1(INPUT), STR, "", "path as opened"), .fill = fill_input_path},
    {F("provenance/inputs", "sha256", D1(INPUT), STR, "", "SHA-256 of the file's bytes, hex"),
     .fill = fill_input_sha},
    {F("provenance/inputs", "bytes", D1(INPUT), U64, "byte", "size of the file"),
     .fill = fill_input_bytes},
    {F("provenance/inputs", "rows", D1(INPUT), U64, "1",
       "data rows (network files, header excluded) or lines (scenario)"),
     .fill = fill_input_rows},
};
const size_t ssim_io_n_fields = sizeof ssim_io_fields / sizeof *ssim_io_fields;
