/* io/h5risk — the results file of `sectorsim risk` (docs/risk.md).
 *
 * One group, /risk, with its own dimensions (option, class, year,
 * replicate, return_period, metric, incident, sector, category): each a
 * coordinate variable made a dimension scale, with label datasets
 * (option_name, class_name, metric_name, metric_units, sector_name,
 * category_name) named in every variable's CF `coordinates`; every variable
 * has `units` and `long_name`.  /provenance holds what made the file: the
 * catalogue's text, every input with its SHA-256, the command line.  Built
 * in memory and committed atomically like every results file (h5image.h);
 * no timestamps in the compared groups, so the same inputs and seed give
 * the same /risk bytes at any thread count. */
#include "io/h5.h"
#include "io/h5image.h"
#include "io/h5read.h"
#include "io/fields.h"
#include "io/h5util.h"

#include "core/rng.h"
#include "core/sha256.h"
#include "core/vocab.h"
#include "run/run.h"
#include "ssim_version.h"

#include <hdf5_hl.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum {
    D_OPTION,
    D_CLASS,
    D_YEAR,
    D_REPLICATE,
    D_RP,
    D_METRIC,
    D_INCIDENT,
    D_SECTOR,
    D_CATEGORY,
    D_INPUT,
    N_D
};
static const char *const dim_names[N_D] = {"option",        "class",  "year",     "replicate",
                                           "return_period", "metric", "incident", "sector",
                                           "category",      "input"};

typedef struct {
    const char *path;
    const char *gname; /* the group written, for messages */
    hid_t group;
    hid_t scale[N_D];
    hsize_t len[N_D];
    char object[256];
} rw_t;

/* One dataset of nd dims (codes D_*) of type t from data, with units and
 * long_name, its scales attached (coordinates: made a scale themselves). */
static ssim_status_t put(rw_t *w, const char *name, int nd, const int *dims, ssim_io_type_t t,
                         const void *data, const char *units, const char *long_name,
                         const char *coords)
{
    hsize_t shape[3], chunk[3];
    size_t n = 1, elem = ssim_io_type_size(t);
    for (int i = 0; i < nd; i++) {
        shape[i] = w->len[dims[i]];
        n *= (size_t)shape[i];
    }
    snprintf(w->object, sizeof w->object, "/%s/%s", w->gname, name);
    hid_t space = H5Screate_simple(nd, shape, NULL), dcpl = H5Pcreate(H5P_DATASET_CREATE);
    hid_t ftype = ssim_h5_type(t, 1), mtype = ssim_h5_type(t, 0), ds = -1;
    ssim_status_t st = SSIM_OK;
    if (space < 0 || dcpl < 0 || ftype < 0 || mtype < 0) {
        st = ssim_h5_fail(w->path, "cannot set up", w->object);
        goto done;
    }
    if (t != SSIM_IO_STR && n * elem >= (16u << 10)) {
        /* chunks of at most ~1 MiB: halve the leading dimensions first */
        size_t bytes = elem;
        for (int i = 0; i < nd; i++)
            bytes *= (size_t)(chunk[i] = shape[i]);
        for (int i = 0; i < nd && bytes > (1u << 20); i++)
            while (bytes > (1u << 20) && chunk[i] > 1) {
                bytes = bytes / (size_t)chunk[i] * (size_t)((chunk[i] + 1) / 2);
                chunk[i] = (chunk[i] + 1) / 2;
            }
        if (H5Pset_chunk(dcpl, nd, chunk) < 0 || H5Pset_shuffle(dcpl) < 0 ||
            H5Pset_deflate(dcpl, 4) < 0) {
            st = ssim_h5_fail(w->path, "cannot set the layout of", w->object);
            goto done;
        }
    }
    ds = H5Dcreate2(w->group, name, ftype, space, H5P_DEFAULT, dcpl, H5P_DEFAULT);
    if (ds < 0 || (n && H5Dwrite(ds, mtype, H5S_ALL, H5S_ALL, H5P_DEFAULT, data) < 0)) {
        st = ssim_h5_fail(w->path, "cannot write", w->object);
        goto done;
    }
    st = ssim_h5_attr_str(ds, "units", units, w->path, w->object);
    if (st == SSIM_OK)
        st = ssim_h5_attr_str(ds, "long_name", long_name, w->path, w->object);
    if (st == SSIM_OK && coords)
        st = ssim_h5_attr_str(ds, "coordinates", coords, w->path, w->object);
    if (st != SSIM_OK)
        goto done;
    if (nd == 1 && strcmp(name, dim_names[dims[0]]) == 0) {
        if (H5DSset_scale(ds, name) < 0)
            st = ssim_h5_fail(w->path, "cannot make a dimension scale of", w->object);
        else {
            w->scale[dims[0]] = ds;
            ds = -1;
        }
    } else
        for (int i = 0; i < nd && st == SSIM_OK; i++)
            if (H5DSattach_scale(ds, w->scale[dims[i]], (unsigned)i) < 0)
                st = ssim_h5_fail(w->path, "cannot attach a dimension scale to", w->object);
done:
    st = ssim_h5_close(st, &ds, w->path, w->object);
    st = ssim_h5_close(st, &space, w->path, "dataspace");
    st = ssim_h5_close(st, &dcpl, w->path, "dataset properties");
    st = ssim_h5_close(st, &ftype, w->path, "file type");
    return ssim_h5_close(st, &mtype, w->path, "memory type");
}

#define DIMS(...) ((const int[]){__VA_ARGS__})
#define NDIMS(...) ((int)(sizeof((const int[]){__VA_ARGS__}) / sizeof(int)))
#define PUT(name, type, data, units, ln, ...)                                                      \
    put(w, name, NDIMS(__VA_ARGS__), DIMS(__VA_ARGS__), type, data, units, ln, NULL)
#define PUTC(name, type, data, units, ln, coords, ...)                                             \
    put(w, name, NDIMS(__VA_ARGS__), DIMS(__VA_ARGS__), type, data, units, ln, coords)

/* Coordinates 0 .. n-1 of every index dimension, return periods and labels. */
static ssim_status_t coordinates(rw_t *w, const ssim_risk_t *r, const ssim_network_t *net,
                                 const char **metric_names, const char **metric_units)
{
    size_t most = 0;
    for (int d = 0; d < N_D; d++)
        most = (size_t)w->len[d] > most ? (size_t)w->len[d] : most;
    uint64_t *idx = malloc((most ? most : 1) * sizeof *idx);
    if (!idx)
        return ssim_error(SSIM_ENOMEM, (ssim_loc_t){w->path, 0, 0}, "out of memory");
    for (size_t i = 0; i < most; i++)
        idx[i] = i;
    ssim_status_t st = SSIM_OK;
    for (int d = 0; d < N_D && st == SSIM_OK; d++) {
        if (d == D_INPUT) /* /provenance's */
            continue;
        if (d == D_RP)
            st = PUT("return_period", SSIM_IO_F64, ssim_risk_return_periods, "year",
                     "return period: the loss reached or exceeded in 1 of this many years", D_RP);
        else
            st = put(w, dim_names[d], 1, (const int[]){d}, SSIM_IO_U64, idx, "1",
                     d == D_YEAR        ? "simulated year"
                     : d == D_INCIDENT  ? "incident index (year, class, trial order)"
                     : d == D_REPLICATE ? "replicate: a group of years sharing its drawn rates"
                                        : "index",
                     NULL);
    }
    free(idx);
    const char *sectors[SSIM_MAX_SECTORS], *cats[SSIM_MAX_CATEGORIES];
    for (int s = 0; s < ssim_vocab_sector.n; s++)
        sectors[s] = ssim_vocab_sector.names[s];
    for (int k = 0; k < ssim_vocab_category.n; k++)
        cats[k] = ssim_vocab_category.names[k];
    (void)net;
    if (st == SSIM_OK)
        st = PUT("option_name", SSIM_IO_STR, r->option_names, "", "option name (0 = baseline)",
                 D_OPTION);
    if (st == SSIM_OK)
        st = PUT("class_name", SSIM_IO_STR, r->class_names, "", "incident class", D_CLASS);
    if (st == SSIM_OK)
        st = PUTC("class_rate_source", SSIM_IO_STR, r->class_source, "",
                  "where the class's rate comes from (the catalogue's source)", "class_name",
                  D_CLASS);
    if (st == SSIM_OK)
        st = PUTC("class_rate_confidence", SSIM_IO_STR, r->class_confidence, "",
                  "confidence of the rate: low, medium or high", "class_name", D_CLASS);
    if (st == SSIM_OK)
        st = PUTC("class_rate_mean", SSIM_IO_F64, r->class_rate_mean, "1/year",
                  "mean of the class's rate distribution", "class_name", D_CLASS);
    if (st == SSIM_OK)
        st = PUTC("class_options_apply", SSIM_IO_U8, r->class_options_apply, "1",
                  "0: the options cannot touch the class (they replay the baseline's incidents)",
                  "class_name", D_CLASS);
    if (st == SSIM_OK)
        st = PUT("metric_name", SSIM_IO_STR, metric_names, "",
                 "metric: loss_yen, people_hours, then each sector's lost service", D_METRIC);
    if (st == SSIM_OK)
        st = PUT("metric_units", SSIM_IO_STR, metric_units, "", "units of each metric", D_METRIC);
    if (st == SSIM_OK)
        st = PUT("sector_name", SSIM_IO_STR, sectors, "", "sector", D_SECTOR);
    if (st == SSIM_OK)
        st = PUT("category_name", SSIM_IO_STR, cats, "", "supplier category", D_CATEGORY);
    return st;
}

#define OM "option_name metric_name"
#define OPM OM

static ssim_status_t variables(rw_t *w, const ssim_risk_t *r)
{
    const char *yen = "JPY", *per_year = "JPY/year";
    ssim_status_t st = SSIM_OK;
#define V(call)                                                                                    \
    if (st == SSIM_OK)                                                                             \
    st = (call)
    V(PUTC("rate", SSIM_IO_F64, r->rate, "1/year", "class rate drawn for the replicate",
           "class_name", D_REPLICATE, D_CLASS));
    V(PUTC("incidents", SSIM_IO_U32, r->count, "1", "incidents of the class in the year",
           "class_name", D_YEAR, D_CLASS));
    V(PUT("incident_year", SSIM_IO_U32, r->inc_year, "1", "year of the incident", D_INCIDENT));
    V(PUT("incident_class", SSIM_IO_I32, r->inc_class, "1", "class index of the incident",
          D_INCIDENT));
    V(PUT("incident_trial", SSIM_IO_U64, r->inc_trial, "1",
          "trial of the class's scenario that is this incident", D_INCIDENT));
    V(PUTC("incident_loss_yen", SSIM_IO_F64, r->inc_yen, yen,
           "value of the lost service of the incident (loss_yen)", "option_name", D_OPTION,
           D_INCIDENT));
    V(PUTC("incident_people_hours", SSIM_IO_F64, r->inc_people, "person h",
           "person-hours of residents affected by the incident", "option_name", D_OPTION,
           D_INCIDENT));
    V(PUTC("year_loss", SSIM_IO_F64, r->year_agg, "see metric_units",
           "aggregate loss of the year: the sum over its incidents", OM, D_OPTION, D_YEAR,
           D_METRIC));
    V(PUTC("year_max_loss", SSIM_IO_F64, r->year_occ, "see metric_units",
           "largest single-incident loss of the year (0: no incident)", OM, D_OPTION, D_YEAR,
           D_METRIC));
    V(PUTC("aal", SSIM_IO_F64, r->aal, "see metric_units (per year)",
           "average annual loss: mean of year_loss over the years", OM, D_OPTION, D_METRIC));
    V(PUTC("aal_se", SSIM_IO_F64, r->aal_se, "see metric_units (per year)",
           "standard error of aal (replicate means when replicates >= 2, else years)", OM, D_OPTION,
           D_METRIC));
    V(PUTC("aal_ci_low", SSIM_IO_F64, r->aal_lo, "see metric_units (per year)",
           "lower end of the 95 % CI of aal", OM, D_OPTION, D_METRIC));
    V(PUTC("aal_ci_high", SSIM_IO_F64, r->aal_hi, "see metric_units (per year)",
           "upper end of the 95 % CI of aal", OM, D_OPTION, D_METRIC));
    V(PUTC("aal_replicate_p05", SSIM_IO_F64, r->aal_rep_p05, "see metric_units (per year)",
           "5th percentile of the replicates' mean annual loss (rate uncertainty + noise)", OM,
           D_OPTION, D_METRIC));
    V(PUTC("aal_replicate_p95", SSIM_IO_F64, r->aal_rep_p95, "see metric_units (per year)",
           "95th percentile of the replicates' mean annual loss", OM, D_OPTION, D_METRIC));
    V(PUTC("aep", SSIM_IO_F64, r->aep, "see metric_units",
           "aggregate exceedance: year_loss reached or exceeded in 1 of return_period years "
           "(NaN when years < return_period)",
           OPM, D_OPTION, D_RP, D_METRIC));
    V(PUTC("oep", SSIM_IO_F64, r->oep, "see metric_units",
           "occurrence exceedance: year_max_loss reached or exceeded in 1 of return_period "
           "years",
           OPM, D_OPTION, D_RP, D_METRIC));
    V(PUTC("class_aal", SSIM_IO_F64, r->class_aal, "see metric_units (per year)",
           "each class's part of aal", "option_name class_name metric_name", D_OPTION, D_CLASS,
           D_METRIC));
    V(PUTC("tail_mean_100", SSIM_IO_F64, r->tail_mean, "see metric_units",
           "mean year_loss of the ceil(years/100) worst years (TVaR at 1 in 100)", OM, D_OPTION,
           D_METRIC));
    V(PUTC("class_tail_100", SSIM_IO_F64, r->class_tail, "see metric_units",
           "each class's part of tail_mean_100 (its mean loss in those years)",
           "option_name class_name metric_name", D_OPTION, D_CLASS, D_METRIC));
    V(PUTC("reduction_aal", SSIM_IO_F64, r->red_aal, "see metric_units (per year)",
           "baseline aal - option aal, paired by year", OM, D_OPTION, D_METRIC));
    V(PUTC("reduction_ci_low", SSIM_IO_F64, r->red_lo, "see metric_units (per year)",
           "lower end of its 95 % CI (paired)", OM, D_OPTION, D_METRIC));
    V(PUTC("reduction_ci_high", SSIM_IO_F64, r->red_hi, "see metric_units (per year)",
           "upper end of its 95 % CI (paired)", OM, D_OPTION, D_METRIC));
    V(PUTC("reduction_max_abs", SSIM_IO_F64, r->red_max_abs, "see metric_units",
           "largest |baseline - option| year_loss (0: the option changes nothing)", OM, D_OPTION,
           D_METRIC));
    V(PUTC("reduction_aep", SSIM_IO_F64, r->red_aep, "see metric_units",
           "baseline aep - option aep at each return period", OPM, D_OPTION, D_RP, D_METRIC));
    V(PUTC("reduction_aep_ci_low", SSIM_IO_F64, r->red_aep_lo, "see metric_units",
           "lower end of its 95 % bootstrap interval (resampled replicates; yen and "
           "person-hours only, NaN for the sectors)",
           OPM, D_OPTION, D_RP, D_METRIC));
    V(PUTC("reduction_aep_ci_high", SSIM_IO_F64, r->red_aep_hi, "see metric_units",
           "upper end of its 95 % bootstrap interval", OPM, D_OPTION, D_RP, D_METRIC));
    V(PUTC("burden_oneoff", SSIM_IO_F64, r->oneoff, yen,
           "one-off burden: switching, added buffers, segmentation projects", "option_name",
           D_OPTION));
    V(PUTC("burden_recurring", SSIM_IO_F64, r->recurring, per_year,
           "recurring burden: compliance, held updates, staged rollout", "option_name", D_OPTION));
    V(PUTC("burden_annualised", SSIM_IO_F64, r->annualised, per_year,
           "recurring + one-off x recovery_factor", "option_name", D_OPTION));
    V(PUTC("net_benefit", SSIM_IO_F64, r->net_benefit, per_year,
           "reduction_aal (yen) - burden_annualised", "option_name", D_OPTION));
    V(PUTC("net_benefit_ci_low", SSIM_IO_F64, r->nb_lo, per_year, "lower end of its 95 % CI",
           "option_name", D_OPTION));
    V(PUTC("net_benefit_ci_high", SSIM_IO_F64, r->nb_hi, per_year, "upper end of its 95 % CI",
           "option_name", D_OPTION));
    V(PUTC("reduction_per_burden", SSIM_IO_F64, r->per_burden, "1",
           "reduction_aal (yen) per yen of annualised burden (NaN: no burden)", "option_name",
           D_OPTION));
    V(PUTC("reduction_per_burden_ci_low", SSIM_IO_F64, r->pb_lo, "1", "lower end of its 95 % CI",
           "option_name", D_OPTION));
    V(PUTC("reduction_per_burden_ci_high", SSIM_IO_F64, r->pb_hi, "1", "upper end of its 95 % CI",
           "option_name", D_OPTION));
    V(PUTC("break_even_rate_multiplier", SSIM_IO_F64, r->break_even, "1",
           "multiplier on every class rate at which net_benefit = 0 (inf: never pays)",
           "option_name", D_OPTION));
    V(PUTC("break_even_ci_low", SSIM_IO_F64, r->be_lo, "1",
           "from the upper end of the reduction CI", "option_name", D_OPTION));
    V(PUTC("break_even_ci_high", SSIM_IO_F64, r->be_hi, "1",
           "from the lower end of the reduction CI", "option_name", D_OPTION));
    V(put(w, "p_beats", 2, (const int[]){D_OPTION, D_OPTION}, SSIM_IO_F64, r->p_beats, "1",
          "P(net benefit of row option > of column option) over replicates (years when 1)",
          "option_name"));
    V(PUTC("frontier", SSIM_IO_U8, r->frontier, "1",
           "1 when no other option has lower-or-equal aal (yen) and annualised burden",
           "option_name", D_OPTION));
    V(PUTC("hhi", SSIM_IO_F64, r->hhi, "1",
           "Herfindahl-Hirschman index of the suppliers' shares of supply edges into the "
           "sector's operators, by supplier category (0: no edges)",
           "option_name sector_name category_name", D_OPTION, D_SECTOR, D_CATEGORY));
    V(PUTC("top_share", SSIM_IO_F64, r->top_share, "1",
           "largest share of one supplier in any (sector, category)", "option_name", D_OPTION));
    V(PUTC("top_share_sector", SSIM_IO_I32, r->top_share_sector, "1", "its sector index",
           "option_name", D_OPTION));
    V(PUTC("top_share_category", SSIM_IO_I32, r->top_share_category, "1", "its category index",
           "option_name", D_OPTION));
#undef V
    return st;
}

/* /provenance: the inputs with their digests, the catalogue's text, how the
 * file was made. */
static ssim_status_t provenance(hid_t file, const char *path, const ssim_h5_risk_inputs_t *job,
                                const ssim_run_info_t *info)
{
    size_t C = job->cat->n_classes, n = 0;
    const char *files[2 + SSIM_CATALOGUE_MAX_CLASSES + SSIM_NET_N_FILES + SSIM_NET_N_OPT_FILES];
    const char *roles[sizeof files / sizeof *files];
    char(*sha)[65] = calloc(sizeof files / sizeof *files, 65);
    const char *shas[sizeof files / sizeof *files];
    if (!sha)
        return ssim_error(SSIM_ENOMEM, (ssim_loc_t){path, 0, 0}, "out of memory");
    const char *texts[2 + SSIM_CATALOGUE_MAX_CLASSES];
    texts[0] = job->cat->text;
    roles[n] = "catalogue", files[n++] = job->cat->path;
    if (job->options_sc)
        texts[n] = job->options_sc->text, roles[n] = "options", files[n++] = job->options_sc->path;
    for (size_t c = 0; c < C; c++)
        texts[n] = job->class_sc[c]->text, roles[n] = job->cat->classes[c].name,
        files[n++] = job->class_sc[c]->path;
    size_t n_text = n;
    for (size_t i = 0; i < n_text; i++) {
        ssim_sha256_t h;
        ssim_sha256_init(&h);
        ssim_sha256_update(&h, texts[i], strlen(texts[i]));
        ssim_sha256_hex(&h, sha[i]);
    }
    for (int f = 0; f < SSIM_NET_N_FILES; f++, n++)
        roles[n] = "network", files[n] = job->net->files[f].path,
        memcpy(sha[n], job->net->files[f].sha256, 65);
    for (int f = 0; f < SSIM_NET_N_OPT_FILES; f++)
        if (job->net->opt_files[f].path)
            roles[n] = "network", files[n] = job->net->opt_files[f].path,
            memcpy(sha[n], job->net->opt_files[f].sha256, 65), n++;
    for (size_t i = 0; i < n; i++)
        shas[i] = sha[i];
    ssim_status_t st = SSIM_OK;
    rw_t w = {.path = path, .gname = "provenance", .group = -1};
    for (int d = 0; d < N_D; d++)
        w.scale[d] = -1;
    w.len[D_INPUT] = n;
    w.group = H5Gcreate2(file, "provenance", H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
    if (w.group < 0)
        st = ssim_h5_fail(path, "cannot create", "/provenance");
    const char *desc = "how the file was made; differs between runs of the same inputs";
    if (st == SSIM_OK)
        st = ssim_h5_attr_str(w.group, "description", desc, path, "/provenance");
    if (st == SSIM_OK)
        st = ssim_h5_attr_str(w.group, "command_line", info->command_line, path, "/provenance");
    if (st == SSIM_OK)
        st = ssim_h5_attr(w.group, "threads", SSIM_IO_I32, &info->threads, path, "/provenance");
    if (st == SSIM_OK)
        st = ssim_h5_attr(w.group, "elapsed_seconds", SSIM_IO_F64, &info->elapsed_seconds, path,
                          "/provenance");
    if (st == SSIM_OK)
        st = ssim_h5_attr(w.group, "events_total", SSIM_IO_U64, &info->events_total, path,
                          "/provenance");
    if (st == SSIM_OK)
        st = ssim_h5_attr_str(w.group, "catalogue", job->cat->text, path, "/provenance");
    uint64_t *idx = calloc(n ? n : 1, sizeof *idx);
    for (size_t i = 0; idx && i < n; i++)
        idx[i] = i;
    if (!idx && st == SSIM_OK)
        st = ssim_error(SSIM_ENOMEM, (ssim_loc_t){path, 0, 0}, "out of memory");
    if (st == SSIM_OK)
        st =
            put(&w, "input", 1, (const int[]){D_INPUT}, SSIM_IO_U64, idx, "1", "input index", NULL);
    if (st == SSIM_OK)
        st = put(&w, "input_role", 1, (const int[]){D_INPUT}, SSIM_IO_STR, roles, "",
                 "catalogue, options, a class name (its scenario) or network", NULL);
    if (st == SSIM_OK)
        st = put(&w, "input_path", 1, (const int[]){D_INPUT}, SSIM_IO_STR, files, "",
                 "path as opened", NULL);
    if (st == SSIM_OK)
        st = put(&w, "input_sha256", 1, (const int[]){D_INPUT}, SSIM_IO_STR, shas, "",
                 "SHA-256 of the file's bytes, hex", NULL);
    free(idx);
    free(sha);
    st = ssim_h5_close(st, &w.scale[D_INPUT], path, "input");
    return ssim_h5_close(st, &w.group, path, "/provenance");
}

static ssim_status_t root_attrs(hid_t file, const char *path, const ssim_h5_risk_inputs_t *job,
                                const ssim_risk_t *r)
{
    const char *p = path, *o = "/";
    ssim_status_t st = ssim_h5_attr_str(file, "Conventions", "CF-1.8", p, o);
    if (st == SSIM_OK)
        st = ssim_h5_attr_str(file, "title", job->cat->name, p, o);
    if (st == SSIM_OK)
        st = ssim_h5_attr_str(file, "software", "sectorsim", p, o);
    if (st == SSIM_OK)
        st = ssim_h5_attr_str(file, "version", SSIM_VERSION, p, o);
    if (st == SSIM_OK)
        st = ssim_h5_attr_str(file, "file_kind", "risk", p, o);
    if (st == SSIM_OK)
        st = ssim_h5_attr_str(file, "rng", SSIM_RNG_NAME, p, o);
    if (st == SSIM_OK)
        st = ssim_h5_attr(file, "seed", SSIM_IO_U64, &job->cat->seed, p, o);
    if (st == SSIM_OK)
        st = ssim_h5_attr(file, "years", SSIM_IO_U64, &r->n_years, p, o);
    if (st == SSIM_OK)
        st = ssim_h5_attr(file, "replicates", SSIM_IO_U64, &r->n_replicates, p, o);
    if (st == SSIM_OK)
        st = ssim_h5_attr(file, "burden_life_years", SSIM_IO_F64, &r->life_years, p, o);
    if (st == SSIM_OK)
        st = ssim_h5_attr(file, "burden_discount_rate", SSIM_IO_F64, &r->discount_rate, p, o);
    if (st == SSIM_OK)
        st = ssim_h5_attr(file, "recovery_factor", SSIM_IO_F64, &r->recovery_factor, p, o);
    return st;
}

ssim_status_t ssim_h5_write_risk(const char *path, const ssim_h5_risk_inputs_t *job,
                                 const ssim_risk_t *r, const ssim_run_info_t *info)
{
    ssim_h5_quiet();
    rw_t w = {.path = path, .gname = "risk", .group = -1};
    for (int d = 0; d < N_D; d++)
        w.scale[d] = -1;
    w.len[D_OPTION] = r->n_options;
    w.len[D_CLASS] = r->n_classes;
    w.len[D_YEAR] = r->n_years;
    w.len[D_REPLICATE] = r->n_replicates;
    w.len[D_RP] = SSIM_RISK_N_RP;
    w.len[D_METRIC] = r->n_metrics;
    w.len[D_INCIDENT] = r->n_incidents;
    w.len[D_SECTOR] = r->n_sectors;
    w.len[D_CATEGORY] = r->n_categories;
    const char *names[2 + SSIM_MAX_SECTORS], *units[2 + SSIM_MAX_SECTORS];
    char unit_buf[SSIM_MAX_SECTORS][96];
    names[0] = "loss_yen", units[0] = "JPY";
    names[1] = "people_hours", units[1] = "person h";
    for (size_t s = 0; s < r->n_sectors; s++) {
        names[2 + s] = ssim_vocab_sector.names[s];
        snprintf(unit_buf[s], sizeof unit_buf[s], "%s",
                 ssim_network_sector(job->net, (int)s).service_unit);
        units[2 + s] = unit_buf[s];
    }
    hid_t file = -1;
    image_t *image = NULL;
    ssim_status_t st = ssim_h5_image_create(path, &file, &image);
    if (st == SSIM_OK)
        st = root_attrs(file, path, job, r);
    if (st == SSIM_OK &&
        (w.group = H5Gcreate2(file, "risk", H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT)) < 0)
        st = ssim_h5_fail(path, "cannot create", "/risk");
    if (st == SSIM_OK)
        st = ssim_h5_attr_str(w.group, "description",
                              "sectorsim risk: the catalogue's simulated years, annual losses, "
                              "exceedance tables and the options ranked across them "
                              "(docs/risk.md)",
                              path, "/risk");
    if (st == SSIM_OK)
        st = coordinates(&w, r, job->net, names, units);
    if (st == SSIM_OK)
        st = variables(&w, r);
    for (int d = 0; d < N_D; d++)
        st = ssim_h5_close(st, &w.scale[d], path, dim_names[d]);
    st = ssim_h5_close(st, &w.group, path, "/risk");
    if (st == SSIM_OK)
        st = provenance(file, path, job, info);
    return ssim_h5_image_commit(st, path, &file, image);
}

/* ------------------------------------------------------------ reading back */

int ssim_h5_is_risk(const char *path)
{
    char kind[16];
    return ssim_h5read_kind(path, kind, sizeof kind) == 0 && strcmp(kind, "risk") == 0;
}

/* Dataset /risk/name into *out (n doubles expected), converted to the
 * field's type by the caller's copy. */
static double *read_n(ssim_h5read_t *rd, const char *name, size_t n, ssim_status_t *st)
{
    char full[128];
    snprintf(full, sizeof full, "/risk/%s", name);
    ssim_h5read_doubles_t d = ssim_h5read_doubles(rd, full);
    if (*st == SSIM_OK && rd->st == SSIM_OK && d.n != n)
        *st = ssim_error(SSIM_EINVAL, (ssim_loc_t){rd->path, 0, 0},
                         "%s has %zu values where its dimensions give %zu: not a complete risk "
                         "file",
                         full, d.n, n);
    if (*st != SSIM_OK || rd->st != SSIM_OK) {
        free(d.v);
        return NULL;
    }
    if (!d.v) /* n = 0: an empty array, still non-NULL for the caller */
        d.v = calloc(1, sizeof *d.v);
    return d.v;
}

void ssim_h5_risk_meta_destroy(ssim_h5_risk_meta_t *m)
{
    ssim_h5read_strings_free(&m->options);
    ssim_h5read_strings_free(&m->classes);
    ssim_h5read_strings_free(&m->confidence);
    ssim_h5read_strings_free(&m->metric_units);
    memset(m, 0, sizeof *m);
}

ssim_status_t ssim_h5_read_risk(const char *path, ssim_risk_t *r, ssim_h5_risk_meta_t *m)
{
    memset(r, 0, sizeof *r);
    memset(m, 0, sizeof *m);
    ssim_h5read_t rd;
    ssim_status_t st = ssim_h5read_open(&rd, path);
    if (st == SSIM_OK) {
        ssim_h5read_attr_str(&rd, ".", "title", m->title, sizeof m->title);
        ssim_h5read_attr_u64(&rd, ".", "seed", &m->seed);
        ssim_h5read_attr_u64(&rd, ".", "replicates", &r->n_replicates);
        ssim_h5read_attr_f64(&rd, ".", "burden_life_years", &r->life_years);
        ssim_h5read_attr_f64(&rd, ".", "burden_discount_rate", &r->discount_rate);
        ssim_h5read_attr_f64(&rd, ".", "recovery_factor", &r->recovery_factor);
        ssim_h5read_attr_str(&rd, "provenance", "command_line", m->command_line,
                             sizeof m->command_line);
        m->options = ssim_h5read_strings(&rd, "/risk/option_name");
        m->classes = ssim_h5read_strings(&rd, "/risk/class_name");
        m->confidence = ssim_h5read_strings(&rd, "/risk/class_rate_confidence");
        m->metric_units = ssim_h5read_strings(&rd, "/risk/metric_units");
        r->n_options = m->options.n;
        r->n_classes = m->classes.n;
        r->n_metrics = m->metric_units.n;
        r->n_years = ssim_h5read_count(&rd, "/risk/year");
        r->n_incidents = ssim_h5read_count(&rd, "/risk/incident");
        r->n_sectors = ssim_h5read_count(&rd, "/risk/sector");
        r->n_categories = ssim_h5read_count(&rd, "/risk/category");
        st = rd.st;
    }
    if (st == SSIM_OK && (!r->n_options || !r->n_classes || !r->n_years || !r->n_replicates ||
                          r->n_metrics != 2 + r->n_sectors))
        st = ssim_error(SSIM_EINVAL, (ssim_loc_t){path, 0, 0},
                        "not a complete sectorsim risk file (its /risk dimensions are missing)");
    size_t O = r->n_options, C = r->n_classes, M = r->n_metrics, Y = r->n_years;
    size_t R = r->n_replicates, P = SSIM_RISK_N_RP, SK = r->n_sectors * r->n_categories;
    struct {
        double **dst;
        const char *name;
        size_t n;
    } f64[] = {
        {&r->rate, "rate", R * C},
        {&r->aal, "aal", O * M},
        {&r->aal_se, "aal_se", O * M},
        {&r->aal_lo, "aal_ci_low", O * M},
        {&r->aal_hi, "aal_ci_high", O * M},
        {&r->aal_rep_p05, "aal_replicate_p05", O * M},
        {&r->aal_rep_p95, "aal_replicate_p95", O * M},
        {&r->aep, "aep", O * P * M},
        {&r->oep, "oep", O * P * M},
        {&r->class_aal, "class_aal", O * C * M},
        {&r->tail_mean, "tail_mean_100", O * M},
        {&r->class_tail, "class_tail_100", O * C * M},
        {&r->red_aal, "reduction_aal", O * M},
        {&r->red_lo, "reduction_ci_low", O * M},
        {&r->red_hi, "reduction_ci_high", O * M},
        {&r->red_max_abs, "reduction_max_abs", O * M},
        {&r->red_aep, "reduction_aep", O * P * M},
        {&r->red_aep_lo, "reduction_aep_ci_low", O * P * M},
        {&r->red_aep_hi, "reduction_aep_ci_high", O * P * M},
        {&r->oneoff, "burden_oneoff", O},
        {&r->recurring, "burden_recurring", O},
        {&r->annualised, "burden_annualised", O},
        {&r->net_benefit, "net_benefit", O},
        {&r->nb_lo, "net_benefit_ci_low", O},
        {&r->nb_hi, "net_benefit_ci_high", O},
        {&r->per_burden, "reduction_per_burden", O},
        {&r->pb_lo, "reduction_per_burden_ci_low", O},
        {&r->pb_hi, "reduction_per_burden_ci_high", O},
        {&r->break_even, "break_even_rate_multiplier", O},
        {&r->be_lo, "break_even_ci_low", O},
        {&r->be_hi, "break_even_ci_high", O},
        {&r->p_beats, "p_beats", O * O},
        {&r->hhi, "hhi", O * SK},
        {&r->top_share, "top_share", O},
    };
    for (size_t i = 0; st == SSIM_OK && i < sizeof f64 / sizeof *f64; i++)
        if (!(*f64[i].dst = read_n(&rd, f64[i].name, f64[i].n, &st)) && st == SSIM_OK)
            st = rd.st != SSIM_OK ? rd.st : SSIM_ENOMEM;
    double *count = st == SSIM_OK ? read_n(&rd, "incidents", Y * C, &st) : NULL;
    double *front = st == SSIM_OK ? read_n(&rd, "frontier", O, &st) : NULL;
    if (st == SSIM_OK && (!count || !front))
        st = rd.st != SSIM_OK ? rd.st : SSIM_ENOMEM;
    if (st == SSIM_OK) {
        r->count = calloc(Y * C + 1, sizeof *r->count);
        r->frontier = calloc(O, sizeof *r->frontier);
        r->option_names = calloc(O, sizeof *r->option_names);
        r->class_names = calloc(C, sizeof *r->class_names);
        r->class_confidence = calloc(C, sizeof *r->class_confidence);
        if (!r->count || !r->frontier || !r->option_names || !r->class_names ||
            !r->class_confidence)
            st = ssim_error(SSIM_ENOMEM, (ssim_loc_t){path, 0, 0}, "out of memory");
    }
    for (size_t i = 0; st == SSIM_OK && i < Y * C; i++)
        r->count[i] = (uint32_t)count[i];
    for (size_t o = 0; st == SSIM_OK && o < O; o++) {
        r->frontier[o] = front[o] != 0;
        r->option_names[o] = m->options.s[o];
    }
    for (size_t c = 0; st == SSIM_OK && c < C; c++) {
        r->class_names[c] = m->classes.s[c];
        r->class_confidence[c] = c < m->confidence.n ? m->confidence.s[c] : "?";
    }
    free(count);
    free(front);
    ssim_status_t cst = ssim_h5read_close(&rd);
    if (st == SSIM_OK)
        st = cst;
    if (st != SSIM_OK) {
        ssim_risk_destroy(r);
        ssim_h5_risk_meta_destroy(m);
    }
    return st;
}
