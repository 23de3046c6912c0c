/* Unit test of input/netwrite's commit: with a failure injected at every
 * step of the commit in turn (core/atomic's test hook), the network
 * directory holds exactly what it held before (a complete earlier network,
 * a partial one, or nothing), and only the last try leaves the complete new
 * network; never a mix, never a temporary or backup file, and the user's
 * own file in the directory is never touched.  An extra (optional) file
 * travels with the four: committed, deleted and rolled back with them. */
#include "input/netwrite.h"

#include "check.h"
#include "dirsnap.h"

#include "core/atomic.h"
#include "input/network.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char errbuf[8192];

/* A small valid network; version 0 and 1 differ in every file. */
static ssim_status_t write_network(const char *dir, int version)
{
    ssim_netwrite_t w;
    ssim_status_t st = ssim_netwrite_open(&w, dir);
    if (st != SSIM_OK)
        return st;
    const char *op = version ? "OP-NEW" : "OP-OLD";
    ssim_netwrite_operator(&w, op, version ? "new, \"quoted\"" : "old", 0, 13, 1000, version);
    ssim_netwrite_operator(&w, "OP-B", "b", 1, 27, 200, 0);
    ssim_netwrite_supplier(&w, version ? "S-NEW" : "S-OLD", "vendor", "JP", 0);
    ssim_netwrite_supply(&w, version ? "S-NEW" : "S-OLD", op, 0, version ? 220 : 1.5, 0.5, 0);
    ssim_netwrite_dependency(&w, "OP-B", op, 0, version ? 24 : 0.25, 1);
    return ssim_netwrite_close(&w, 1);
}

static void put(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    if (f) {
        fputs(text, f);
        fclose(f);
    }
}

/* Commit version 1 into dir with step k failing, for k = 1, 2, ... until it
 * commits; dir must hold `before` after each failure and `after` at the
 * end.  Returns the number of tries. */
static int fail_every_step(const char *dir, const char *before, const char *after)
{
    int k = 1, committed = 0;
    ssim_error_capture(errbuf, sizeof errbuf);
    for (; k < 50 && !committed; k++) {
        ssim_atomic_fail_steps((unsigned long)k, 1);
        ssim_status_t st = write_network(dir, 1);
        char *now = dirsnap(dir);
        committed = st == SSIM_OK;
        if (!committed) {
            CHECK_EQ_INT(st, SSIM_EIO);
            CHECK(strcmp(now, before) == 0);
            if (strcmp(now, before) != 0)
                fprintf(stderr, "step %d failed, directory changed:\n%s\n", k, now);
        } else {
            CHECK(strcmp(now, after) == 0);
        }
        CHECK_EQ_INT(dirsnap_hidden(dir), 0);
        free(now);
    }
    ssim_atomic_fail_steps(0, 0);
    ssim_error_capture(NULL, 0);
    return k - 1;
}

static void test_commit(const char *root)
{
    char ref[512], dir[512], notes[600], path[600];
    /* The complete new network, with the user's notes, as a reference. */
    snprintf(ref, sizeof ref, "%s/reference", root);
    CHECK_EQ_INT(write_network(ref, 1), SSIM_OK);
    char *fresh = dirsnap(ref);
    snprintf(notes, sizeof notes, "%s/notes.txt", ref);
    put(notes, "my notes\n");
    char *after = dirsnap(ref);
    ssim_network_t net;
    CHECK_EQ_INT(ssim_network_load(&net, ref), SSIM_OK);
    ssim_network_destroy(&net);

    /* Over a complete earlier network: 4 links, 4 renames, 1 fsync. */
    snprintf(dir, sizeof dir, "%s/complete", root);
    CHECK_EQ_INT(write_network(dir, 0), SSIM_OK);
    snprintf(notes, sizeof notes, "%s/notes.txt", dir);
    put(notes, "my notes\n");
    char *before = dirsnap(dir);
    CHECK_EQ_INT(ssim_network_load(&net, dir), SSIM_OK);
    ssim_network_destroy(&net);
    CHECK_EQ_INT(fail_every_step(dir, before, after), 10);
    free(before);

    /* Over a partial one (only operators.csv): 1 link, 4 renames, 1 fsync. */
    snprintf(dir, sizeof dir, "%s/partial", root);
    mkdir(dir, 0755);
    snprintf(path, sizeof path, "%s/operators.csv", dir);
    put(path, "id,name\n");
    snprintf(notes, sizeof notes, "%s/notes.txt", dir);
    put(notes, "my notes\n");
    before = dirsnap(dir);
    CHECK_EQ_INT(fail_every_step(dir, before, after), 7);
    free(before);

    /* Into a directory that does not exist yet: it is removed again on
     * failure (nothing of it remains), 4 renames and 1 fsync. */
    snprintf(dir, sizeof dir, "%s/fresh", root);
    char *missing = dirsnap(dir); /* "" */
    CHECK_EQ_INT(fail_every_step(dir, missing, fresh), 6);
    free(missing);
    free(fresh);
    free(after);
}

/* Nothing is left when open fails or when close does not commit. */
static void test_no_commit(const char *root)
{
    char dir[512];
    snprintf(dir, sizeof dir, "%s/aborted", root);
    ssim_netwrite_t w;
    CHECK_EQ_INT(ssim_netwrite_open(&w, dir), SSIM_OK);
    ssim_netwrite_supplier(&w, "S", "vendor", "JP", 0);
    CHECK_EQ_INT(ssim_netwrite_close(&w, 0), SSIM_OK);
    CHECK(access(dir, F_OK) != 0);
    snprintf(dir, sizeof dir, "%s/no/such/parent", root);
    ssim_error_capture(errbuf, sizeof errbuf);
    CHECK_EQ_INT(ssim_netwrite_open(&w, dir), SSIM_EIO);
    ssim_error_capture(NULL, 0);
    CHECK_STR_CONTAINS(errbuf, "cannot create directory");
}

/* An extra file (ssim_netwrite_extra) is committed with the four, deleted
 * with them, rolled back with them, and may be opened once per name. */
static void test_extra(const char *root)
{
    char dir[512], path[600];
    ssim_netwrite_t w;
    FILE *f = NULL;
    snprintf(dir, sizeof dir, "%s/extra", root);
    CHECK_EQ_INT(ssim_netwrite_open(&w, dir), SSIM_OK);
    CHECK_EQ_INT(ssim_netwrite_extra(&w, "sectors.csv", "sector,per_day", &f), SSIM_OK);
    if (f)
        fputs("rail,1\n", f);
    ssim_error_capture(errbuf, sizeof errbuf);
    CHECK_EQ_INT(ssim_netwrite_extra(&w, "sectors.csv", "x", &f), SSIM_EINVAL);
    CHECK_EQ_INT(ssim_netwrite_extra(&w, "operators.csv", "x", &f), SSIM_EINVAL);
    ssim_error_capture(NULL, 0);
    CHECK_STR_CONTAINS(errbuf, "network file written twice");
    CHECK(f == NULL);
    CHECK_EQ_INT(ssim_netwrite_close(&w, 1), SSIM_OK);
    snprintf(path, sizeof path, "%s/sectors.csv", dir);
    FILE *in = fopen(path, "r");
    char text[64] = "";
    size_t n = in ? fread(text, 1, sizeof text - 1, in) : 0;
    text[n] = '\0';
    if (in)
        fclose(in);
    CHECK(strcmp(text, "sector,per_day\nrail,1\n") == 0);
    CHECK_EQ_INT(dirsnap_hidden(dir), 0);

    /* not committed, or a commit step failing: nothing of it appears */
    snprintf(dir, sizeof dir, "%s/extra_aborted", root);
    for (int fail = 0; fail < 2; fail++) {
        CHECK_EQ_INT(ssim_netwrite_open(&w, dir), SSIM_OK);
        CHECK_EQ_INT(ssim_netwrite_extra(&w, "coupling.csv", "sector", &f), SSIM_OK);
        ssim_error_capture(errbuf, sizeof errbuf);
        if (fail)
            ssim_atomic_fail_steps(5, 1); /* the fifth rename: the extra file's */
        ssim_status_t st = ssim_netwrite_close(&w, fail);
        ssim_atomic_fail_steps(0, 0);
        ssim_error_capture(NULL, 0);
        CHECK_EQ_INT(st, fail ? SSIM_EIO : SSIM_OK);
        CHECK(access(dir, F_OK) != 0);
    }
}

int main(void)
{
    char root[] = "/tmp/ssim_test_netwrite_XXXXXX";
    if (!mkdtemp(root))
        return 1;
    test_commit(root);
    test_no_commit(root);
    test_extra(root);
    char cmd[600];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", root);
    if (system(cmd) != 0)
        fprintf(stderr, "cannot remove %s\n", root);
    return check_report("test_netwrite");
}
