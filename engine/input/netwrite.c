#include "input/netwrite.h"

#include "core/alloc.h"
#include "core/text.h"
#include "core/vocab.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char *const headers[SSIM_NET_N_FILES] = {
    "id,name,sector,prefecture,customers,designated",
    "id,name,country,category",
    "supplier,customer,channel,install_lag_hours,share,privilege",
    "operator,provider,kind,buffer_hours,loss",
};

static char *join(const char *dir, const char *name)
{
    size_t n = strlen(dir) + strlen(name) + 2;
    char *p = ssim_malloc(n, 1, "path");
    if (p)
        snprintf(p, n, "%s/%s", dir, name);
    return p;
}

ssim_status_t ssim_netwrite_open(ssim_netwrite_t *w, const char *dir)
{
    memset(w, 0, sizeof *w);
    if (mkdir(dir, 0777) == 0)
        w->created_dir = 1;
    else if (errno != EEXIST)
        return ssim_error(SSIM_EIO, (ssim_loc_t){dir, 0, 0}, "cannot create directory: %s",
                          strerror(errno));
    ssim_status_t st = (w->dir = ssim_strdup(dir, "path")) ? SSIM_OK : SSIM_ENOMEM;
    for (int i = 0; i < SSIM_NET_N_FILES && st == SSIM_OK; i++) {
        char *path = join(dir, ssim_network_file_name(i));
        st = path ? ssim_atomic_open(&w->file[i], path) : SSIM_ENOMEM;
        if (st == SSIM_OK)
            fprintf(w->file[i].f, "%s\n", headers[i]);
        free(path);
    }
    if (st != SSIM_OK)
        (void)ssim_netwrite_close(w, 0);
    return st;
}

/* A number in the shortest form that reads back exactly. */
static void put_number(FILE *f, double x)
{
    char buf[SSIM_TEXT_DOUBLE_SIZE];
    ssim_text_double(buf, sizeof buf, x, SSIM_TEXT_G);
    fputs(buf, f);
}

void ssim_netwrite_operator(ssim_netwrite_t *w, const char *id, const char *name, int sector,
                            int prefecture, int64_t customers, int designated)
{
    FILE *f = w->file[SSIM_FILE_OPERATORS].f;
    ssim_text_csv_field(f, id);
    fputc(',', f);
    ssim_text_csv_field(f, name);
    fprintf(f, ",%s,%d,%lld,%d\n", ssim_vocab_sector.names[sector], prefecture,
            (long long)customers, designated ? 1 : 0);
    w->rows[SSIM_FILE_OPERATORS]++;
}

void ssim_netwrite_supplier(ssim_netwrite_t *w, const char *id, const char *name,
                            const char *country, int category)
{
    FILE *f = w->file[SSIM_FILE_SUPPLIERS].f;
    ssim_text_csv_field(f, id);
    fputc(',', f);
    ssim_text_csv_field(f, name);
    fprintf(f, ",%s,%s\n", country, ssim_vocab_category.names[category]);
    w->rows[SSIM_FILE_SUPPLIERS]++;
}

void ssim_netwrite_supply(ssim_netwrite_t *w, const char *supplier, const char *customer,
                          int channel, double install_lag_hours, double share, int privilege)
{
    FILE *f = w->file[SSIM_FILE_SUPPLY].f;
    ssim_text_csv_field(f, supplier);
    fputc(',', f);
    ssim_text_csv_field(f, customer);
    fprintf(f, ",%s,", ssim_vocab_channel.names[channel]);
    put_number(f, install_lag_hours);
    fputc(',', f);
    put_number(f, share);
    fprintf(f, ",%s\n", ssim_vocab_privilege.names[privilege]);
    w->rows[SSIM_FILE_SUPPLY]++;
}

void ssim_netwrite_dependency(ssim_netwrite_t *w, const char *op, const char *provider, int kind,
                              double buffer_hours, double loss)
{
    FILE *f = w->file[SSIM_FILE_DEPENDENCIES].f;
    ssim_text_csv_field(f, op);
    fputc(',', f);
    ssim_text_csv_field(f, provider);
    fprintf(f, ",%s,", ssim_vocab_dep_kind.names[kind]);
    put_number(f, buffer_hours);
    fputc(',', f);
    put_number(f, loss);
    fputc('\n', f);
    w->rows[SSIM_FILE_DEPENDENCIES]++;
}

ssim_status_t ssim_netwrite_extra(ssim_netwrite_t *w, const char *name, const char *header,
                                  FILE **f)
{
    *f = NULL;
    char *path = join(w->dir, name);
    if (!path)
        return SSIM_ENOMEM;
    ssim_status_t st = SSIM_OK;
    for (size_t i = 0; i < SSIM_NET_N_FILES + w->n_extra && st == SSIM_OK; i++)
        if (strcmp(w->file[i].path, path) == 0)
            st = ssim_error(SSIM_EINVAL, (ssim_loc_t){path, 0, 0}, "network file written twice");
    if (st == SSIM_OK && w->n_extra == SSIM_NETWRITE_MAX_EXTRA)
        st = ssim_error(SSIM_EINVAL, (ssim_loc_t){path, 0, 0},
                        "more than %d optional network files", SSIM_NETWRITE_MAX_EXTRA);
    ssim_atomic_t *a = &w->file[SSIM_NET_N_FILES + w->n_extra];
    if (st == SSIM_OK)
        st = ssim_atomic_open(a, path);
    if (st == SSIM_OK) {
        w->n_extra++;
        fprintf(a->f, "%s\n", header);
        *f = a->f;
    }
    free(path);
    return st;
}

ssim_status_t ssim_netwrite_flush(ssim_netwrite_t *w, const char *paths[SSIM_NET_N_FILES])
{
    for (size_t i = 0; i < SSIM_NET_N_FILES + w->n_extra; i++) {
        ssim_atomic_t *a = &w->file[i];
        errno = 0;
        if (fflush(a->f) != 0 || ferror(a->f))
            return ssim_error(SSIM_EIO, (ssim_loc_t){a->path, 0, 0},
                              "cannot write temporary file %s: %s", a->temp,
                              strerror(errno ? errno : EIO));
        if (i < SSIM_NET_N_FILES)
            paths[i] = a->temp;
    }
    return SSIM_OK;
}

ssim_status_t ssim_netwrite_close(ssim_netwrite_t *w, int commit)
{
    ssim_status_t st = SSIM_OK;
    if (commit)
        st = ssim_atomic_commit_group(w->file, SSIM_NET_N_FILES + w->n_extra);
    else
        for (size_t i = 0; i < SSIM_NET_N_FILES + w->n_extra; i++)
            ssim_atomic_abort(&w->file[i]);
    if ((!commit || st != SSIM_OK) && w->created_dir && w->dir)
        (void)rmdir(w->dir); /* only succeeds when empty: never removes the user's files */
    free(w->dir);
    w->dir = NULL;
    w->n_extra = 0;
    return st;
}
