/* io/h5doc — what the registry says about a file: the Markdown reference
 * (docs/output.md, `sectorsim fields`) and the size estimate. */
#include "io/fields.h"
#include "io/h5.h"

#include "core/alloc.h"

#include <stdlib.h>
#include <string.h>

static const char *when_note(ssim_io_when_t when)
{
    switch (when) {
    case SSIM_IO_PER_TRIAL:
        return " *(output.per_trial)*";
    case SSIM_IO_PER_TRIAL_TS:
        return " *(output.per_trial and output.time_series)*";
    case SSIM_IO_TS:
        return " *(output.time_series)*";
    case SSIM_IO_PER_OPERATOR:
        return " *(output.per_operator)*";
    case SSIM_IO_ECON:
        return " *(economic layer)*";
    case SSIM_IO_ECON_LOSS:
        return " *(economic layer with outputs x)*";
    case SSIM_IO_ECON_TS:
        return " *(economic layer and output.time_series)*";
    case SSIM_IO_PER_TRIAL_ECON:
        return " *(output.per_trial and economic layer)*";
    case SSIM_IO_PER_TRIAL_ECON_LOSS:
        return " *(output.per_trial and economic layer with outputs x)*";
    case SSIM_IO_PER_TRIAL_ECON_TS:
        return " *(output.per_trial, output.time_series and economic layer)*";
    case SSIM_IO_EVENTS:
        return " *(output.events)*";
    case SSIM_IO_NETWORK_TABLES:
        return " *(output.network_tables)*";
    case SSIM_IO_COMPARE:
        return " *(compare)*";
    case SSIM_IO_COMPARE_PER_TRIAL:
        return " *(compare with output.per_trial)*";
    case SSIM_IO_COMPARE_ECON:
        return " *(compare with the economic layer's losses)*";
    case SSIM_IO_ALWAYS:
    case SSIM_IO_COLUMNS:
    case SSIM_IO_N_WHEN:
        break;
    }
    return "";
}

static void print_dims(FILE *out, const ssim_io_field_t *f)
{
    if (f->ndims == 0) {
        fputs("scalar", out);
        return;
    }
    fputc('(', out);
    for (int i = 0; i < f->ndims; i++)
        fprintf(out, "%s%s", i ? ", " : "", ssim_io_dim_name(f->dims[i]));
    fputc(')', out);
}

static void print_field(FILE *out, const ssim_io_field_t *f)
{
    int coord = f->ndims == 1 && strcmp(f->name, ssim_io_dim_name(f->dims[0])) == 0;
    fprintf(out, "| `/%s` | `%s` | ", f->group, f->name);
    print_dims(out, f);
    fprintf(out, " | %s | %s | %s%s", ssim_io_type_name(f->type), f->units[0] ? f->units : "-",
            coord ? "coordinate: " : "", f->long_name);
    if (f->vocab && f->type != SSIM_IO_STR)
        fprintf(out, "; codes with flag_values/flag_meanings (%s)", f->vocab->what);
    if (f->comment)
        fprintf(out, "; %s", f->comment);
    if (f->doc_when)
        fprintf(out, " *(%s)* |\n", f->doc_when);
    else
        fprintf(out, "%s |\n", when_note(f->when));
}

ssim_status_t ssim_h5_fields_markdown(FILE *out, const ssim_col_table_t *const *tables)
{
    ssim_io_src_t src;
    memset(&src, 0, sizeof src);
    ssim_status_t st = ssim_io_fields_build(&src.fields, &src.n_fields, &src.names, &src, tables);
    if (st != SSIM_OK)
        return st;
    fputs("## Groups\n\n| group | contents |\n|---|---|\n", out);
    for (size_t i = 0; i < ssim_io_n_groups; i++)
        fprintf(out, "| `/%s` | %s%s |\n", ssim_io_groups[i].name, ssim_io_groups[i].description,
                ssim_io_groups[i].compared ? "" : " (excluded from comparisons)");
    fputs("\n## Attributes\n\n| object | attribute | type | description |\n|---|---|---|---|\n",
          out);
    for (size_t i = 0; i < ssim_io_n_attrs; i++) {
        const ssim_io_attr_t *a = &ssim_io_attrs[i];
        fprintf(out, "| `%s%s` | `%s` | %s | %s |\n", a->object[0] == '/' ? "" : "/", a->object,
                a->name, ssim_io_type_name(a->type), a->description);
    }
    fputs("\nEvery dataset also has the attributes `units` and `long_name` (CF); each axis has "
          "a dimension scale (the coordinate variable named after the dimension).\n",
          out);
    fputs("\n## Datasets\n\n| group | dataset | dims | type | units | description |\n"
          "|---|---|---|---|---|---|\n",
          out);
    for (size_t i = 0; i < src.n_fields; i++)
        print_field(out, &src.fields[i]);
    ssim_io_src_destroy(&src);
    return SSIM_OK;
}

/* Bytes of the strings of a string field (its getter fills pointers), added
 * to *bytes. */
static ssim_status_t string_bytes(const ssim_io_src_t *src, const ssim_io_field_t *f, uint64_t n,
                                  uint64_t *bytes)
{
    const char *const *s;
    void *buf = NULL;
    if (f->fill) {
        if (!(buf = ssim_malloc((size_t)(n ? n : 1), sizeof(char *), "size estimate")))
            return SSIM_ENOMEM;
        s = f->fill(src, f, buf).ptr;
    } else {
        s = f->view(src, f).ptr;
    }
    for (uint64_t i = 0; s && i < n; i++)
        *bytes += (s[i] ? strlen(s[i]) : 0) + 1;
    free(buf);
    return SSIM_OK;
}

ssim_status_t ssim_h5_estimate_bytes(const ssim_scenario_t *sc, const ssim_network_t *net,
                                     const ssim_results_t *res, uint64_t *bytes)
{
    ssim_io_src_t src;
    *bytes = 0;
    ssim_status_t st = ssim_io_src_init(&src, sc, net, res, NULL);
    for (size_t i = 0; st == SSIM_OK && i < src.n_fields; i++) {
        const ssim_io_field_t *f = &src.fields[i];
        if (!ssim_io_field_wanted(&src, f))
            continue;
        uint64_t n = ssim_io_field_count(&src, f);
        if (f->type == SSIM_IO_STR)
            st = string_bytes(&src, f, n, bytes);
        else
            *bytes += n * ssim_io_type_size(f->type);
    }
    ssim_io_src_destroy(&src);
    if (st != SSIM_OK)
        *bytes = 0;
    return st;
}
