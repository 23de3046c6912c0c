/* tests/fuzz/fuzz_util — see fuzz_util.h. */
#include "fuzz_util.h"

#include "core/log.h"
#include "core/status.h"

#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char dir[4096];
static char paths[FUZZ_MAX_FILES][4096 + 64];
static char captured[1 << 14];

static void remove_dir(void)
{
    if (dir[0])
        (void)rmdir(dir);
}

const char *fuzz_dir(void)
{
    if (!dir[0]) {
        const char *tmp = getenv("TMPDIR");
        if (!tmp || !tmp[0])
            tmp = "/tmp";
        snprintf(dir, sizeof dir, "%s/ssim-fuzz.XXXXXX", tmp);
        if (!mkdtemp(dir)) {
            perror("fuzz: mkdtemp");
            abort();
        }
        atexit(remove_dir);
    }
    return dir;
}

const char *fuzz_write(int slot, const char *name, const uint8_t *data, size_t size)
{
    if (slot < 0 || slot >= FUZZ_MAX_FILES)
        abort();
    char *path = paths[slot];
    snprintf(path, sizeof paths[slot], "%s/%s", fuzz_dir(), name);
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0) {
        perror("fuzz: open");
        abort();
    }
    size_t done = 0;
    while (done < size) {
        ssize_t w = write(fd, data + done, size - done);
        if (w <= 0) {
            perror("fuzz: write");
            abort();
        }
        done += (size_t)w;
    }
    if (close(fd) != 0) {
        perror("fuzz: close");
        abort();
    }
    return path;
}

void fuzz_remove(const char *name)
{
    char path[sizeof paths[0]];
    snprintf(path, sizeof path, "%s/%s", fuzz_dir(), name);
    (void)unlink(path);
}

int fuzz_leftover(char *name, size_t size)
{
    DIR *d = opendir(fuzz_dir());
    if (!d) {
        perror("fuzz: opendir");
        abort();
    }
    int found = 0;
    struct dirent *e;
    while (!found && (e = readdir(d)) != NULL)
        if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0) {
            snprintf(name, size, "%s", e->d_name);
            found = 1;
        }
    closedir(d);
    return found;
}

void fuzz_quiet(void)
{
    captured[0] = '\0';
    ssim_error_capture(captured, sizeof captured);
    ssim_log_set_level(SSIM_LOG_QUIET);
}

int fuzz_split(const uint8_t *data, size_t size, const char *sep, size_t sep_len, int index,
               const uint8_t **part, size_t *part_size)
{
    size_t start = 0;
    for (int k = 0;; k++) {
        size_t end = start;
        while (end < size && !(size - end >= sep_len && memcmp(data + end, sep, sep_len) == 0))
            end++;
        if (k == index) {
            *part = data + start;
            *part_size = end - start;
            return 1;
        }
        if (end >= size)
            return 0;
        start = end + sep_len;
    }
}
