/* Issue 18, defect 2: files and symlinks planted at every name the atomic
 * writer could use are never followed, truncated or replaced.
 *
 * The writer's temporaries are ".<base>.<pid>.<8 random characters>" and the
 * group commit's backups ".<base>.old.<pid>.<8 random characters>".  Their random
 * part cannot be guessed, so this program makes it guessable: it defines
 * getrandom() itself (the executable's definition wins over the C library's
 * for the calls from core/atomic.c), each call giving 8 equal bytes 0, 1,
 * 2, ...: the names come out ...AAAAAAAA, ...BBBBBBBB, ...  An attacker who
 * knew the names planted a symlink to a victim file at the first, a dangling
 * symlink at the second (following it with O_CREAT would create its target)
 * and a regular file at the third; the old predictable name
 * ".<base>.tmp.<pid>" (before the fix) holds a symlink to another victim.
 * The writer must skip every planted name (O_CREAT|O_EXCL|O_NOFOLLOW fails
 * on each with EEXIST), take the fourth, and leave every victim, planted
 * file and link exactly as it was. */
#include "core/atomic.h"

#include "check.h"

#include "core/status.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>

static unsigned draws; /* getrandom calls so far */

ssize_t getrandom(void *buf, size_t n, unsigned int flags)
{
    (void)flags;
    memset(buf, (int)(draws++ & 0xff), n);
    return (ssize_t)n;
}

static char dir[] = "/tmp/ssim_test_planted_XXXXXX";

static void path_of(char *out, size_t size, const char *name)
{
    snprintf(out, size, "%s/%s", dir, name);
}

static void put(const char *name, const char *text)
{
    char p[512];
    path_of(p, sizeof p, name);
    FILE *f = fopen(p, "w");
    if (f) {
        fputs(text, f);
        fclose(f);
    }
}

/* The file's contents ("" when absent), in a static buffer. */
static const char *contents(const char *name)
{
    static char buf[256];
    char p[512];
    path_of(p, sizeof p, name);
    buf[0] = '\0';
    FILE *f = fopen(p, "r");
    if (f) {
        size_t n = fread(buf, 1, sizeof buf - 1, f);
        buf[n] = '\0';
        fclose(f);
    }
    return buf;
}

static int exists(const char *name)
{
    char p[512];
    struct stat sb;
    path_of(p, sizeof p, name);
    return lstat(p, &sb) == 0;
}

/* name is still a symlink to target. */
static int links_to(const char *name, const char *target)
{
    char p[512], got[512];
    path_of(p, sizeof p, name);
    ssize_t n = readlink(p, got, sizeof got - 1);
    if (n < 0)
        return 0;
    got[n] = '\0';
    return strcmp(got, target) == 0;
}

static void plant_link(const char *name, const char *target)
{
    char p[512];
    path_of(p, sizeof p, name);
    CHECK(symlink(target, p) == 0);
}

/* One file (run, compare, summarize --csv): the temporaries. */
static void test_one_file(void)
{
    long pid = (long)getpid();
    char old_name[128], n[4][128], victim1[512], victim2[512], ghost[512], out[512];
    path_of(victim1, sizeof victim1, "victim1");
    path_of(victim2, sizeof victim2, "victim2");
    path_of(ghost, sizeof ghost, "ghost");
    path_of(out, sizeof out, "out.h5");
    put("victim1", "the first victim's data\n");
    put("victim2", "the second victim's data\n");
    snprintf(old_name, sizeof old_name, ".out.h5.tmp.%ld", pid); /* the name before the fix */
    plant_link(old_name, victim1);
    for (int k = 0; k < 4; k++)
        snprintf(n[k], sizeof n[k], ".out.h5.%ld.%c%c%c%c%c%c%c%c", pid, 'A' + k, 'A' + k, 'A' + k,
                 'A' + k, 'A' + k, 'A' + k, 'A' + k, 'A' + k);
    plant_link(n[0], victim2);
    plant_link(n[1], ghost);
    put(n[2], "a file planted at a temporary's name\n");

    draws = 0;
    CHECK_EQ_INT(ssim_atomic_write(out, "new results\n", 12), SSIM_OK);
    CHECK(strcmp(contents("out.h5"), "new results\n") == 0);
    CHECK(strcmp(contents("victim1"), "the first victim's data\n") == 0);
    CHECK(strcmp(contents("victim2"), "the second victim's data\n") == 0);
    CHECK(!exists("ghost")); /* the dangling link was not followed */
    CHECK(strcmp(contents(n[2]), "a file planted at a temporary's name\n") == 0);
    CHECK(links_to(old_name, victim1));
    CHECK(links_to(n[0], victim2));
    CHECK(links_to(n[1], ghost));
    CHECK(!exists(n[3])); /* the fourth name was the temporary: renamed away */
    CHECK_EQ_INT(draws, 4);

    /* the final name itself a symlink: the rename replaces the link, never
     * writes through it */
    put("victim3", "the third victim's data\n");
    char victim3[512], out2[512];
    path_of(victim3, sizeof victim3, "victim3");
    path_of(out2, sizeof out2, "out2.h5");
    plant_link("out2.h5", victim3);
    CHECK_EQ_INT(ssim_atomic_write(out2, "more results\n", 13), SSIM_OK);
    CHECK(strcmp(contents("victim3"), "the third victim's data\n") == 0);
    CHECK(strcmp(contents("out2.h5"), "more results\n") == 0);
    CHECK(!links_to("out2.h5", victim3));
}

/* A group (generate's network files): the temporaries and the backups. */
static void test_group(void)
{
    long pid = (long)getpid();
    char victim[512], path[512], tmp0[128], old0[128], old1[128];
    path_of(victim, sizeof victim, "victim4");
    path_of(path, sizeof path, "ops.csv");
    put("victim4", "the fourth victim's data\n");
    put("ops.csv", "earlier network file\n");
    /* draws 16 (planted) and 17 name the temporary, 18 (planted) and 19
     * the backup of the earlier file */
    snprintf(tmp0, sizeof tmp0, ".ops.csv.%ld.QQQQQQQQ", pid);
    snprintf(old0, sizeof old0, ".ops.csv.old.%ld.SSSSSSSS", pid);
    snprintf(old1, sizeof old1, ".ops.csv.old.%ld.TTTTTTTT", pid);
    plant_link(tmp0, victim);
    plant_link(old0, victim);
    draws = 16;
    ssim_atomic_t a;
    CHECK_EQ_INT(ssim_atomic_open(&a, path), SSIM_OK);
    if (a.f)
        fputs("new network file\n", a.f);
    CHECK_EQ_INT(draws, 18); /* skipped the planted temporary */
    CHECK_EQ_INT(ssim_atomic_commit_group(&a, 1), SSIM_OK);
    CHECK(strcmp(contents("ops.csv"), "new network file\n") == 0);
    CHECK(strcmp(contents("victim4"), "the fourth victim's data\n") == 0);
    CHECK(links_to(tmp0, victim));
    CHECK(links_to(old0, victim));
    CHECK(!exists(old1)); /* the backup's name: removed after the commit */
    CHECK_EQ_INT(draws, 20);
}

int main(void)
{
    umask(022);
    if (!mkdtemp(dir))
        return 1;
    test_one_file();
    test_group();
    char cmd[700];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0)
        fprintf(stderr, "cannot remove %s\n", dir);
    return check_report("test_atomic_planted");
}
