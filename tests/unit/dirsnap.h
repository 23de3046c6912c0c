/* Test helper: a directory's entries and contents as one string, to assert
 * that a directory is exactly as it was ("name\n<bytes>\n" per regular file,
 * "name/\n" per other entry, sorted by name).  Caller frees. */
#ifndef SSIM_TESTS_DIRSNAP_H
#define SSIM_TESTS_DIRSNAP_H

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static inline int dirsnap_cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static inline char *dirsnap(const char *dir)
{
    char *names[256], *out = NULL;
    size_t n = 0, len = 0;
    DIR *d = opendir(dir);
    struct dirent *e;
    while (d && (e = readdir(d)) && n < 256)
        if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
            names[n++] = strdup(e->d_name);
    if (d)
        closedir(d);
    qsort(names, n, sizeof *names, dirsnap_cmp);
    FILE *o = open_memstream(&out, &len);
    for (size_t i = 0; o && i < n; i++) {
        char path[1024];
        struct stat sb;
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        FILE *f = lstat(path, &sb) == 0 && S_ISREG(sb.st_mode) ? fopen(path, "rb") : NULL;
        fprintf(o, "%s%s\n", names[i], f ? "" : "/");
        for (int c; f && (c = fgetc(f)) != EOF;)
            fputc(c, o);
        if (f) {
            fputc('\n', o);
            fclose(f);
        }
    }
    if (o)
        fclose(o);
    for (size_t i = 0; i < n; i++)
        free(names[i]);
    return out ? out : strdup("");
}

/* Entries of dir whose name starts with '.' (temporaries, backups). */
static inline int dirsnap_hidden(const char *dir)
{
    DIR *d = opendir(dir);
    int n = 0;
    struct dirent *e;
    while (d && (e = readdir(d)))
        n += e->d_name[0] == '.' && strcmp(e->d_name, ".") && strcmp(e->d_name, "..");
    if (d)
        closedir(d);
    return n;
}

#endif
