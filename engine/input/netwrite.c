#include "input/netwrite.h"

#include "core/alloc.h"
#include "core/text.h"
#include "core/vocab.h"

#include <errno.h>
#include <fcntl.h>
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
    w->dir = ssim_strdup(dir, "path");
    if (!w->dir)
        return SSIM_ENOMEM;
    for (int i = 0; i < SSIM_NET_N_FILES; i++) {
        char name[64];
        snprintf(name, sizeof name, ".%s.tmp.%ld", ssim_network_file_name(i), (long)getpid());
        w->tmp[i] = join(dir, name);
        if (!w->tmp[i]) {
            ssim_netwrite_close(w, 0);
            return SSIM_ENOMEM;
        }
        w->f[i] = fopen(w->tmp[i], "w");
        if (!w->f[i]) {
            ssim_status_t st = ssim_error(SSIM_EIO, (ssim_loc_t){w->tmp[i], 0, 0},
                                          "cannot create: %s", strerror(errno));
            ssim_netwrite_close(w, 0);
            return st;
        }
        fprintf(w->f[i], "%s\n", headers[i]);
    }
    return SSIM_OK;
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
    FILE *f = w->f[SSIM_FILE_OPERATORS];
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
    FILE *f = w->f[SSIM_FILE_SUPPLIERS];
    ssim_text_csv_field(f, id);
    fputc(',', f);
    ssim_text_csv_field(f, name);
    fprintf(f, ",%s,%s\n", country, ssim_vocab_category.names[category]);
    w->rows[SSIM_FILE_SUPPLIERS]++;
}

void ssim_netwrite_supply(ssim_netwrite_t *w, const char *supplier, const char *customer,
                          int channel, double install_lag_hours, double share, int privilege)
{
    FILE *f = w->f[SSIM_FILE_SUPPLY];
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
    FILE *f = w->f[SSIM_FILE_DEPENDENCIES];
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

/* fflush + fsync + fclose; returns 0 on success. */
static int finish_file(FILE *f)
{
    int bad = fflush(f) != 0 || ferror(f);
    bad |= fsync(fileno(f)) != 0;
    bad |= fclose(f) != 0;
    return bad;
}

ssim_status_t ssim_netwrite_close(ssim_netwrite_t *w, int commit)
{
    ssim_status_t st = SSIM_OK;
    for (int i = 0; i < SSIM_NET_N_FILES; i++) {
        if (w->f[i] && finish_file(w->f[i]) != 0 && st == SSIM_OK)
            st = ssim_error(SSIM_EIO, (ssim_loc_t){w->tmp[i], 0, 0}, "write failed: %s",
                            strerror(errno));
        w->f[i] = NULL;
    }
    for (int i = 0; i < SSIM_NET_N_FILES && w->tmp[i]; i++) {
        char *final = commit && st == SSIM_OK ? join(w->dir, ssim_network_file_name(i)) : NULL;
        if (final && rename(w->tmp[i], final) != 0)
            st = ssim_error(SSIM_EIO, (ssim_loc_t){final, 0, 0}, "cannot rename into place: %s",
                            strerror(errno));
        if (!final || st != SSIM_OK)
            unlink(w->tmp[i]);
        free(final);
        free(w->tmp[i]);
        w->tmp[i] = NULL;
    }
    if ((!commit || st != SSIM_OK) && w->created_dir && w->dir)
        rmdir(w->dir); /* only succeeds when empty: never removes the user's files */
    if (commit && st == SSIM_OK && w->dir) {
        int fd = open(w->dir, O_RDONLY | O_DIRECTORY);
        if (fd >= 0) {
            fsync(fd);
            close(fd);
        }
    }
    free(w->dir);
    w->dir = NULL;
    return st;
}
