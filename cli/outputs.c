/* The checks on what a command is about to write that are not run's -o
 * (cmd_run.c): summarize's CSV files, report's page and charts, generate's
 * network files (issue 18, defects 3 and 4).  Each runs before any work. */
#include "cli/cli.h"

#include <errno.h>
#include <string.h>
#include <sys/stat.h>

ssim_status_t cli_check_output_file(const char *option, const char *path, const char *const *inputs,
                                    size_t n_inputs)
{
    struct stat out, in;
    if (lstat(path, &out) != 0)
        return SSIM_OK; /* nothing there: a new file is no input */
    if (!S_ISREG(out.st_mode) && !S_ISLNK(out.st_mode))
        return ssim_error(SSIM_EINVAL, SSIM_LOC_NONE,
                          "%s: %s exists and is not a regular file (a directory, device, FIFO "
                          "or socket would be replaced)",
                          option, path);
    if (stat(path, &out) == 0 && !S_ISREG(out.st_mode))
        return ssim_error(SSIM_EINVAL, SSIM_LOC_NONE,
                          "%s: %s links to something that is not a regular file", option, path);
    for (size_t i = 0; i < n_inputs; i++)
        if (inputs[i] && stat(inputs[i], &in) == 0 && in.st_dev == out.st_dev &&
            in.st_ino == out.st_ino)
            return ssim_error(SSIM_EINVAL, SSIM_LOC_NONE,
                              "%s: %s is the input %s; writing it would destroy it", option, path,
                              inputs[i]);
    return SSIM_OK;
}

ssim_status_t cli_check_output_dir(const char *option, const char *dir, const char *const *names,
                                   size_t n_names, const char *const *inputs, size_t n_inputs)
{
    struct stat sb;
    if (stat(dir, &sb) == 0 && !S_ISDIR(sb.st_mode))
        return ssim_error(SSIM_EINVAL, SSIM_LOC_NONE, "%s %s: exists and is not a directory",
                          option, dir);
    char path[4096];
    ssim_status_t st = SSIM_OK;
    for (size_t k = 0; k < n_names && st == SSIM_OK; k++) {
        int n = snprintf(path, sizeof path, "%s/%s", dir, names[k]);
        if (n < 0 || (size_t)n >= sizeof path)
            return ssim_error(SSIM_EINVAL, SSIM_LOC_NONE, "%s %s: path too long", option, dir);
        st = cli_check_output_file(option, path, inputs, n_inputs);
    }
    return st;
}
