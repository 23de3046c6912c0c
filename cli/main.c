/* sectorsim — nationwide sector risk simulation engine.
 *
 * main() finds the command in the command table (commands.c) and calls it;
 * each command reads like its pipeline:
 *   run       scenario -> network -> graph -> model -> trials -> summary -> HDF5
 *   compare   scenario -> network -> graph -> baseline + each option's variant
 *             -> trials on common random numbers -> paired comparison -> HDF5
 *   validate  scenario -> network -> graph -> model   (writes nothing)
 *   info      HDF5 -> description
 *   summarize HDF5 -> tables, CSV          report  HDF5 -> HTML (python3)
 *   criticality scenario -> per-supplier runs -> ranking
 */
#include "cli/cli.h"

#include "io/h5.h"

#include "ssim_revision.h"
#include "ssim_version.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *join_args(int argc, char **argv)
{
    size_t n = 1;
    for (int i = 0; i < argc; i++)
        n += strlen(argv[i]) + 1;
    char *s = malloc(n);
    if (!s)
        return NULL;
    s[0] = '\0';
    for (int i = 0; i < argc; i++) {
        if (i)
            strcat(s, " ");
        strcat(s, argv[i]);
    }
    return s;
}

int main(int argc, char **argv)
{
    if (ssim_h5_init() != SSIM_OK) /* before anything touches HDF5 */
        return 1;
    if (argc < 2) {
        cli_usage_print(stderr);
        return 2;
    }
    const char *name = argv[1];
    if (!strcmp(name, "-h") || !strcmp(name, "--help")) {
        cli_usage_print(stdout);
        return 0;
    }
    if (!strcmp(name, "-V") || !strcmp(name, "--version")) {
        printf("sectorsim %s (git %s)\n", SSIM_VERSION, SSIM_GIT_REVISION);
        return 0;
    }
    const cli_command_t *cmd = cli_command_find(name);
    if (!cmd)
        return cli_unknown_command(name);
    char *line = join_args(argc, argv); /* before the parser permutes argv */
    char fallback[64];
    snprintf(fallback, sizeof fallback, "sectorsim %s", cmd->name);
    /* the command's words as typed, for the shards (cli/split.c) */
    char **args = calloc((size_t)argc, sizeof *args);
    if (args) {
        memcpy(args, argv + 1, (size_t)(argc - 1) * sizeof *args);
        cli_args = args;
        cli_args_count = argc - 1;
    }
    /* under mpirun with several ranks: the MPI driver (study/split.h) */
    if (ssim_mpi_launched() &&
        ssim_mpi_init(&argc, &argv, &cli_mpi_rank, &cli_mpi_size) != SSIM_OK) {
        free(line);
        free(args);
        return 2;
    }
    /* only the studies share their work among ranks; any other command
     * would run once per rank, each writing the same files */
    if (cli_mpi_size > 1 && !cli_command_splits(cmd->name)) {
        if (cli_mpi_rank == 0)
            fprintf(stderr,
                    "sectorsim: %s does not run under mpirun with several ranks (run, compare, "
                    "criticality and risk do: docs/scale-out.md)\n",
                    cmd->name);
        free(line);
        free(args);
        ssim_mpi_finalize(1);
        return 2;
    }
    int rc = cmd->main(cmd, argc - 1, argv + 1, line ? line : fallback);
    free(line);
    free(args);
    if (cli_mpi_size > 1)
        ssim_mpi_finalize(rc == 0);
    return rc;
}
