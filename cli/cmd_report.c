/* The report subcommand: runs analysis/report.py under /usr/bin/python3
 * (Debian's matplotlib, h5py, numpy; a risk file is rendered by its
 * analysis/report_risk.py).  The C core stays free of Python: this
 * parses the options (the command table's, like every command), checks the
 * interpreter and execs it with the options spelt out. */
#include "cli/cli.h"

#include "core/infile.h"

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

int cli_cmd_report(const cli_command_t *cmd, int argc, char **argv, const char *command_line)
{
    (void)command_line;
    /* python3 report.py -o DIR [--criticality F] [--population F] -- OUT.h5 */
    enum { MAX_ARGS = 12 }; /* python, script, 3 options and values, --, OUT.h5, NULL */
    char *args[MAX_ARGS];
    int n = 2;
    cli_parser_t p;
    cli_parser_init(&p, cmd, NULL, argc, argv);
    cli_parse_t r;
    const char *output = NULL, *criticality = NULL, *population = NULL;
    while ((r = cli_parser_next(&p)) == CLI_PARSE_OPTION) {
        if (p.opt->id == CLI_OPT_OUTPUT)
            output = p.value;
        else if (p.opt->id == CLI_OPT_CRITICALITY)
            criticality = p.value;
        else if (p.opt->id == CLI_OPT_POPULATION)
            population = p.value;
    }
    if (r != CLI_PARSE_END)
        return cli_parse_exit_code(r);
    if (!output) {
        ssim_error(SSIM_EINVAL, SSIM_LOC_NONE,
                   "report: missing -o DIR (see 'sectorsim report "
                   "--help')");
        return 2;
    }
    /* what report.py writes (index.html, and save(fig, NAME) for each chart; the
     * risk_* charts are a risk file's, from analysis/report_risk.py) */
    static const char *const written[] = {"index.html",
                                          "charts/exceedance.png",
                                          "charts/exceedance.svg",
                                          "charts/timeseries.png",
                                          "charts/timeseries.svg",
                                          "charts/prefectures.png",
                                          "charts/prefectures.svg",
                                          "charts/frontier.png",
                                          "charts/frontier.svg",
                                          "charts/criticality.png",
                                          "charts/criticality.svg",
                                          "charts/risk_exceedance.png",
                                          "charts/risk_exceedance.svg",
                                          "charts/risk_classes.png",
                                          "charts/risk_classes.svg",
                                          "charts/risk_p_beats.png",
                                          "charts/risk_p_beats.svg",
                                          "charts/risk_net_benefit.png",
                                          "charts/risk_net_benefit.svg"};
    const char *inputs[] = {p.args[0], criticality, population};
    char charts[4096];
    snprintf(charts, sizeof charts, "%s/charts", output);
    ssim_status_t st = cli_refuse_shard(p.args[0], "report");
    if (st == SSIM_OK)
        st = cli_check_output_dir("-o", output, written, sizeof written / sizeof *written, inputs,
                                  3);
    if (st == SSIM_OK)
        st = cli_check_output_dir("-o", charts, NULL, 0, NULL, 0);
    for (int i = 0; i < 3 && st == SSIM_OK; i++) { /* report.py would block on a FIFO */
        FILE *f = NULL;
        if (inputs[i] && (st = ssim_infile_open(&f, inputs[i], "")) == SSIM_OK)
            fclose(f);
    }
    if (st != SSIM_OK)
        return ssim_status_exit_code(st);
    char script[4096];
    report_script(script, sizeof script);
    if (access(script, R_OK) != 0) {
        ssim_error(SSIM_EINTERNAL, SSIM_LOC_NONE,
                   "report: cannot find %s (set SSIM_ANALYSIS_DIR to the analysis/ directory "
                   "of the source tree)",
                   script);
        return 1;
    }
    if (python_ready() != 0) {
        ssim_error(SSIM_EINTERNAL, SSIM_LOC_NONE,
                   "report: %s cannot import matplotlib, h5py and numpy; install them with "
                   "'apt-get install python3-matplotlib python3-h5py python3-numpy' "
                   "(or run setup.sh)",
                   SSIM_REPORT_PYTHON);
        return 1;
    }
    args[0] = (char *)SSIM_REPORT_PYTHON;
    args[1] = script;
    args[n++] = (char *)"--output";
    args[n++] = (char *)output;
    if (criticality) {
        args[n++] = (char *)"--criticality";
        args[n++] = (char *)criticality;
    }
    if (population) {
        args[n++] = (char *)"--population";
        args[n++] = (char *)population;
    }
    args[n++] = (char *)"--"; /* OUT.h5 is a positional argument even if it starts with '-' */
    args[n++] = p.args[0];
    args[n] = NULL;
    fflush(NULL);
    execv(SSIM_REPORT_PYTHON, args);
    ssim_error(SSIM_EINTERNAL, SSIM_LOC_NONE, "report: cannot run %s", SSIM_REPORT_PYTHON);
    return 1;
}
