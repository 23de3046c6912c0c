#include "cli/cli.h"

#include <ctype.h>
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

ssim_status_t cli_parse_u64(const char *option, const char *text, uint64_t min, uint64_t max,
                            uint64_t *out)
{
    const char *p = text;
    if (!*p || !isdigit((unsigned char)*p))
        goto bad;
    errno = 0;
    char *end = NULL;
    unsigned long long v = strtoull(p, &end, 10);
    if (errno || *end || v < min || v > max)
        goto bad;
    *out = v;
    return SSIM_OK;
bad:
    return ssim_error(SSIM_EINVAL, SSIM_LOC_NONE,
                      "%s must be an integer in [%llu, %llu] (got '%s')", option,
                      (unsigned long long)min, (unsigned long long)max, text);
}

enum { OPT_TRIALS = 256, OPT_SEED, OPT_THREADS, OPT_SUMMARY_ONLY, OPT_NETWORK, OPT_OPTIONS };

ssim_status_t cli_parse_job_opts(int argc, char **argv, const char *command, int allow_output,
                                 cli_opts_t *opts)
{
    static const struct option longopts[] = {
        {"output", required_argument, NULL, 'o'},
        {"trials", required_argument, NULL, OPT_TRIALS},
        {"seed", required_argument, NULL, OPT_SEED},
        {"threads", required_argument, NULL, OPT_THREADS},
        {"summary-only", no_argument, NULL, OPT_SUMMARY_ONLY},
        {"network", required_argument, NULL, OPT_NETWORK},
        {"options", required_argument, NULL, OPT_OPTIONS},
        {"quiet", no_argument, NULL, 'q'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    memset(opts, 0, sizeof *opts);
    optind = 1;
    opterr = 0;
    int c;
    uint64_t v;
    while ((c = getopt_long(argc, argv, ":o:qh", longopts, NULL)) != -1) {
        switch (c) {
        case 'o':
            if (!allow_output)
                return ssim_error(SSIM_EINVAL, SSIM_LOC_NONE, "%s: -o/--output is not an "
                                  "option of this command", command);
            opts->output_path = optarg;
            break;
        case OPT_TRIALS:
            if (cli_parse_u64("--trials", optarg, 1, SSIM_MAX_TRIALS, &opts->src.trials))
                return SSIM_EINVAL;
            break;
        case OPT_SEED:
            if (cli_parse_u64("--seed", optarg, 0, UINT64_MAX, &opts->src.seed))
                return SSIM_EINVAL;
            opts->src.have_seed = 1;
            break;
        case OPT_THREADS:
            if (cli_parse_u64("--threads", optarg, 1, 1024, &v))
                return SSIM_EINVAL;
            opts->threads = (int)v;
            break;
        case OPT_SUMMARY_ONLY: opts->src.summary_only = 1; break;
        case OPT_NETWORK: opts->src.network_dir = optarg; break;
        case OPT_OPTIONS:
            if (strcmp(command, "compare") != 0)
                return ssim_error(SSIM_EINVAL, SSIM_LOC_NONE, "%s: --options is an option of "
                                  "compare only", command);
            opts->src.options_path = optarg;
            break;
        case 'q': opts->quiet = 1; break;
        case 'h':
            return ssim_error(SSIM_EINVAL, SSIM_LOC_NONE, "see 'sectorsim --help'");
        case ':':
            return ssim_error(SSIM_EINVAL, SSIM_LOC_NONE, "%s: option '%s' needs a value",
                              command, argv[optind - 1]);
        default:
            return ssim_error(SSIM_EINVAL, SSIM_LOC_NONE,
                              "%s: unknown option '%s' (see 'sectorsim --help')", command,
                              argv[optind - 1]);
        }
    }
    if (optind >= argc)
        return ssim_error(SSIM_EINVAL, SSIM_LOC_NONE, "%s: missing SCENARIO argument", command);
    if (optind + 1 < argc)
        return ssim_error(SSIM_EINVAL, SSIM_LOC_NONE, "%s: unexpected argument '%s'", command,
                          argv[optind + 1]);
    opts->src.scenario_path = argv[optind];
    return SSIM_OK;
}
