/* sectorsim-inject: the sectorsim program plus failure injection, for tests
 * only (tests/inject.cmake links this file with the program's own objects).
 * The production sectorsim reads none of these variables.
 *
 *   SSIM_INJECT_ALLOC=N     the N-th allocation through core/alloc fails
 *                           (ssim_alloc_fail_after), reported as a real one
 *   SSIM_INJECT_IO=RULE[,RULE...]  RULE is OP:K:ERR — the K-th OP of
 *                           core/atomic (write, fsync, close, rename, link)
 *                           fails with errno ERR (ENOSPC, EIO, EDQUOT, EROFS,
 *                           EFBIG), or ERR "short": the K-th write writes only
 *                           part of its bytes (ssim_atomic_inject)
 *   SSIM_INJECT_REPORT=PATH at exit, write the counts of the run to PATH:
 *                           "alloc N", then "write N", "fsync N", "close N",
 *                           "rename N", "link N", one a line (how many points
 *                           a sweep has)
 *
 * A malformed variable stops the program with exit 1 before main. */
#include "core/alloc.h"
#include "core/atomic.h"
#include "io/h5read.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char *const op_names[SSIM_ATOMIC_N_OPS] = {[SSIM_ATOMIC_WRITE] = "write",
                                                        [SSIM_ATOMIC_FSYNC] = "fsync",
                                                        [SSIM_ATOMIC_CLOSE] = "close",
                                                        [SSIM_ATOMIC_RENAME] = "rename",
                                                        [SSIM_ATOMIC_LINK] = "link"};

static const struct {
    const char *name;
    int err;
} errnos[] = {{"ENOSPC", ENOSPC}, {"EIO", EIO},     {"EDQUOT", EDQUOT},
              {"EROFS", EROFS},   {"EFBIG", EFBIG}, {"short", 0}};

static const char *report_path;

static void bad(const char *var, const char *value)
{
    fprintf(stderr, "sectorsim-inject: cannot read %s=%s\n", var, value);
    _exit(1);
}

/* "N" as a count >= 1, or 0. */
static unsigned long count_of(const char *s)
{
    char *end;
    errno = 0;
    unsigned long n = strtoul(s, &end, 10);
    return errno || end == s || *end || s[0] == '-' ? 0 : n;
}

/* One rule "OP:K:ERR"; 0, or -1 when malformed. */
static int add_rule(char *rule)
{
    char *op = strtok(rule, ":"), *k = strtok(NULL, ":"), *err = strtok(NULL, ":");
    if (!op || !k || !err || strtok(NULL, ":"))
        return -1;
    int o = 0, e = 0;
    while (o < SSIM_ATOMIC_N_OPS && strcmp(op, op_names[o]) != 0)
        o++;
    while (e < (int)(sizeof errnos / sizeof *errnos) && strcmp(err, errnos[e].name) != 0)
        e++;
    unsigned long n = count_of(k);
    if (o == SSIM_ATOMIC_N_OPS || e == (int)(sizeof errnos / sizeof *errnos) || n == 0)
        return -1;
    return ssim_atomic_inject((ssim_atomic_op_t)o, n, errnos[e].err);
}

static void write_report(void)
{
    FILE *f = fopen(report_path, "w");
    if (!f)
        return;
    fprintf(f, "alloc %lu\n", ssim_alloc_count());
    for (int o = 0; o < SSIM_ATOMIC_N_OPS; o++)
        fprintf(f, "%s %lu\n", op_names[o], ssim_atomic_op_count((ssim_atomic_op_t)o));
    fclose(f);
}

__attribute__((constructor)) static void inject_from_environment(void)
{
    const char *alloc = getenv("SSIM_INJECT_ALLOC"), *io = getenv("SSIM_INJECT_IO");
    report_path = getenv("SSIM_INJECT_REPORT");
    if (alloc && *alloc) {
        unsigned long n = count_of(alloc);
        if (n == 0)
            bad("SSIM_INJECT_ALLOC", alloc);
        ssim_alloc_fail_after(n);
    }
    (void)ssim_atomic_inject(SSIM_ATOMIC_WRITE, 0, 0); /* count, and inject into streams */
    if (io && *io) {
        char buf[512];
        if (strlen(io) >= sizeof buf)
            bad("SSIM_INJECT_IO", io);
        strcpy(buf, io);
        for (char *save = NULL, *rule = strtok_r(buf, ",", &save); rule;
             rule = strtok_r(NULL, ",", &save))
            if (add_rule(rule) != 0)
                bad("SSIM_INJECT_IO", io);
    }
    const char *cpu = getenv("SSIM_INJECT_READ_CPU");
    if (cpu && *cpu) {
        unsigned long n = count_of(cpu);
        if (n == 0 || n > 3600)
            bad("SSIM_INJECT_READ_CPU", cpu);
        ssim_h5read_set_cpu_limit((int)n);
    }
    if (report_path && *report_path)
        atexit(write_report);
}
