/* The report subcommand: runs analysis/report.py under /usr/bin/python3
 * (Debian's matplotlib, h5py, numpy).  The C core stays free of Python: this
 * only checks the interpreter and execs it, passing the arguments through. */
#include "cli/cli.h"

#include "ssim_version.h"

#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define SSIM_REPORT_PYTHON "/usr/bin/python3"

/* The report script: $SSIM_ANALYSIS_DIR (environment) or the source tree's. */
static const char *report_script(char *buf, size_t size)
{
    const char *dir = getenv("SSIM_ANALYSIS_DIR");
    snprintf(buf, size, "%s/report.py", dir && *dir ? dir : SSIM_ANALYSIS_DIR);
    return buf;
}

/* 0 when python3 can import matplotlib, h5py and numpy. */
static int python_ready(void)
{
    pid_t pid = fork();
    if (pid == 0) {
        int fd = open("/dev/null", O_WRONLY);
        if (fd >= 0)
            dup2(fd, 2);
        execl(SSIM_REPORT_PYTHON, SSIM_REPORT_PYTHON, "-c", "import matplotlib, h5py, numpy",
              (char *)NULL);
        _exit(127);
    }
    int status = 0;
    if (pid < 0 || waitpid(pid, &status, 0) < 0)
        return -1;
    return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : -1;
}

int cli_cmd_report(int argc, char **argv)
{
    char script[4096];
    report_script(script, sizeof script);
    if (access(script, R_OK) != 0) {
        ssim_error(SSIM_EINTERNAL, SSIM_LOC_NONE,
                   "report: cannot find %s (set SSIM_ANALYSIS_DIR to the analysis/ directory "
                   "of the source tree)", script);
        return 1;
    }
    if (python_ready() != 0) {
        ssim_error(SSIM_EINTERNAL, SSIM_LOC_NONE,
                   "report: %s cannot import matplotlib, h5py and numpy; install them with "
                   "'apt-get install python3-matplotlib python3-h5py python3-numpy' "
                   "(or run setup.sh)", SSIM_REPORT_PYTHON);
        return 1;
    }
    char **args = calloc((size_t)argc + 3, sizeof *args);
    if (!args)
        return 3;
    args[0] = (char *)SSIM_REPORT_PYTHON;
    args[1] = script;
    for (int i = 1; i < argc; i++)
        args[i + 1] = argv[i];
    fflush(NULL);
    execv(SSIM_REPORT_PYTHON, args);
    ssim_error(SSIM_EINTERNAL, SSIM_LOC_NONE, "report: cannot run %s", SSIM_REPORT_PYTHON);
    free(args);
    return 1;
}
