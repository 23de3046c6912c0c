/* The command line's side of splitting a study (cli.h; study/split.h;
 * docs/scale-out.md): the options --part, --checkpoint and --resume, what a
 * shard records to run its command again, and the shard or results file at
 * the end. */
#include "cli/cli.h"

#include "core/log.h"
#include "io/h5read.h"
#include "ssim_revision.h"
#include "ssim_version.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int cli_args_count;
char **cli_args;
int cli_mpi_rank, cli_mpi_size = 1;
ssim_split_t *cli_merge_split;

int cli_split_option(const cli_parser_t *p, cli_split_opts_t *o, ssim_status_t *st)
{
    const char *v = p->value;
    *st = SSIM_OK;
    switch (p->opt->id) {
    case CLI_OPT_PART: {
        char *slash = v ? strchr(v, '/') : NULL, k[32];
        size_t n = slash ? (size_t)(slash - v) : 0;
        if (!slash || n == 0 || n >= sizeof k) {
            *st = ssim_error(SSIM_EINVAL, SSIM_LOC_NONE,
                             "--part %s: expected K/N, e.g. --part 2/8 (part 2 of 8)", v ? v : "");
            return 1;
        }
        memcpy(k, v, n);
        k[n] = '\0';
        *st = cli_parse_u64("--part's N", slash + 1, 1, 1000000, &o->parts);
        if (*st == SSIM_OK)
            *st = cli_parse_u64("--part's K", k, 1, o->parts, &o->part);
        return 1;
    }
    case CLI_OPT_CHECKPOINT: {
        uint64_t s;
        *st = cli_parse_u64("--checkpoint", v, 1, 86400 * 365, &s);
        o->every = (double)s;
        return 1;
    }
    case CLI_OPT_RESUME:
        o->resume = 1;
        return 1;
    default:
        return 0;
    }
}

/* 1 when argument i of the command line is a split, output, threads or
 * quiet option (with *skip = the words it takes): a shard records the
 * others, which decide its results. */
static int not_recorded(char **a, int n, int i, int *skip)
{
    static const char *const with_value[] = {"-o", "--output", "--part", "--checkpoint",
                                             "--threads"};
    static const char *const flags[] = {"--resume", "-q", "--quiet"};
    *skip = 1;
    for (size_t k = 0; k < sizeof with_value / sizeof *with_value; k++) {
        size_t len = strlen(with_value[k]);
        if (strcmp(a[i], with_value[k]) == 0) {
            *skip = i + 1 < n ? 2 : 1;
            return 1;
        }
        if (strncmp(a[i], with_value[k], len) == 0 && a[i][len] == '=')
            return 1;
        if (len == 2 && strncmp(a[i], with_value[k], 2) == 0 && a[i][2]) /* -oFILE */
            return 1;
    }
    for (size_t k = 0; k < sizeof flags / sizeof *flags; k++)
        if (strcmp(a[i], flags[k]) == 0)
            return 1;
    return 0;
}

static ssim_status_t record_args(ssim_split_t *sp)
{
    sp->meta.argv = calloc((size_t)cli_args_count + 1, sizeof *sp->meta.argv);
    if (!sp->meta.argv)
        return ssim_error(SSIM_ENOMEM, SSIM_LOC_NONE, "out of memory");
    for (int i = 0; i < cli_args_count;) {
        int skip;
        if (i > 0 && not_recorded(cli_args, cli_args_count, i, &skip)) {
            i += skip;
            continue;
        }
        if (!(sp->meta.argv[sp->meta.argc++] = strdup(cli_args[i])))
            return ssim_error(SSIM_ENOMEM, SSIM_LOC_NONE, "out of memory");
        i++;
    }
    if (!getcwd(sp->meta.cwd, sizeof sp->meta.cwd))
        return ssim_error(SSIM_EINVAL, SSIM_LOC_NONE, "cannot read the working directory");
    return SSIM_OK;
}

ssim_status_t cli_split_setup(const char *command, const char *output, const cli_split_opts_t *o,
                              ssim_split_t *sp)
{
    if (cli_merge_split) { /* sectorsim merge: the split is made */
        *sp = *cli_merge_split;
        memset(cli_merge_split, 0, sizeof *cli_merge_split);
        return SSIM_OK;
    }
    memset(sp, 0, sizeof *sp);
    snprintf(sp->meta.command, sizeof sp->meta.command, "%s", command);
    snprintf(sp->meta.version, sizeof sp->meta.version, "%s (git %s)", SSIM_VERSION,
             SSIM_GIT_REVISION);
    sp->rank = cli_mpi_rank;
    sp->size = cli_mpi_size;
    ssim_status_t st = record_args(sp);
    if (st != SSIM_OK)
        return st;
    if (o->parts) {
        sp->mode = SSIM_SPLIT_PART;
        sp->meta.part = o->part;
        sp->meta.parts = o->parts;
    }
    if (cli_mpi_size > 1) {
        if (o->parts || o->every || o->resume)
            return ssim_error(SSIM_EINVAL, SSIM_LOC_NONE,
                              "--part, --checkpoint and --resume do not combine with mpirun "
                              "(ranks share the work already; docs/scale-out.md)");
        sp->mode = SSIM_SPLIT_MPI;
        if (cli_mpi_rank != 0)
            ssim_log_set_level(SSIM_LOG_QUIET);
        return SSIM_OK;
    }
    if (o->every || o->resume) {
        size_t n = strlen(output) + 6;
        if (!(sp->checkpoint_path = malloc(n)))
            return ssim_error(SSIM_ENOMEM, SSIM_LOC_NONE, "out of memory");
        snprintf(sp->checkpoint_path, n, "%s.ckpt", output);
        sp->every = o->every ? o->every : 600;
    }
    if (o->resume) {
        if (access(sp->checkpoint_path, F_OK) != 0)
            return ssim_error(SSIM_EINVAL, SSIM_LOC_NONE,
                              "--resume: no checkpoint %s (it is written beside -o by "
                              "--checkpoint SECONDS)",
                              sp->checkpoint_path);
        if ((st = ssim_h5_read_shard_meta(sp->checkpoint_path, &sp->resume_meta)) != SSIM_OK)
            return st;
        if (!sp->resume_meta.checkpoint || strcmp(sp->resume_meta.command, command) != 0 ||
            sp->resume_meta.part != sp->meta.part || sp->resume_meta.parts != sp->meta.parts)
            return ssim_error(SSIM_EINVAL, (ssim_loc_t){sp->checkpoint_path, 0, 0},
                              "is not a checkpoint of this command (%s %s, part %llu/%llu)",
                              sp->resume_meta.command, sp->resume_meta.checkpoint ? "" : "shard",
                              (unsigned long long)sp->resume_meta.part,
                              (unsigned long long)sp->resume_meta.parts);
        sp->resume = 1;
    }
    return SSIM_OK;
}

void cli_split_destroy(ssim_split_t *sp)
{
    for (size_t i = 0; sp->meta.argv && i < sp->meta.argc; i++)
        free(sp->meta.argv[i]);
    free(sp->meta.argv);
    sp->meta.argv = NULL;
    for (size_t i = 0; sp->shards && i < sp->n_shards; i++)
        free(sp->shards[i]);
    free(sp->shards);
    sp->shards = NULL;
    free(sp->checkpoint_path);
    sp->checkpoint_path = NULL;
    ssim_split_destroy(sp);
}

int cli_split_finish(ssim_split_t *sp, const char *output, ssim_status_t *st)
{
    if (sp->mode == SSIM_SPLIT_PART) {
        *st = ssim_split_write_shard(sp, output);
        if (*st == SSIM_OK) {
            printf("shard %llu/%llu of %s (%zu run%s) written to %s; combine the shards with "
                   "sectorsim merge\n",
                   (unsigned long long)sp->meta.part, (unsigned long long)sp->meta.parts,
                   sp->meta.command, sp->n_kept, sp->n_kept == 1 ? "" : "s", output);
            ssim_split_done(sp);
        }
        return 0;
    }
    return ssim_split_writes_output(sp);
}

int cli_command_splits(const char *name)
{
    static const char *const studies[] = {"run", "compare", "criticality", "risk"};
    for (size_t i = 0; i < sizeof studies / sizeof *studies; i++)
        if (strcmp(name, studies[i]) == 0)
            return 1;
    return 0;
}

int cli_is_shard(const char *path)
{
    char kind[16];
    return ssim_h5read_kind(path, kind, sizeof kind) == 0 && strcmp(kind, "shard") == 0;
}

ssim_status_t cli_refuse_shard(const char *path, const char *command)
{
    if (!cli_is_shard(path))
        return SSIM_OK;
    return ssim_error(SSIM_EINVAL, (ssim_loc_t){path, 0, 0},
                      "is a shard or checkpoint (--part, --checkpoint), not a results file: "
                      "%s reads the file sectorsim merge (or --resume) writes",
                      command);
}

ssim_status_t cli_print_shard(FILE *out, const char *path)
{
    ssim_shard_meta_t m;
    ssim_status_t st = ssim_h5_read_shard_meta(path, &m);
    if (st != SSIM_OK)
        return st;
    if (m.checkpoint)
        fprintf(out, "sectorsim checkpoint %s (continue it with --resume)\n", path);
    else
        fprintf(out, "sectorsim shard %s: part %llu of %llu (combine with sectorsim merge)\n", path,
                (unsigned long long)m.part, (unsigned long long)m.parts);
    fprintf(out, "  command       sectorsim");
    for (size_t i = 0; i < m.argc; i++)
        fprintf(out, " %s", m.argv[i]);
    fprintf(out, "\n  in            %s\n  version       %s\n  identity      %s\n", m.cwd, m.version,
            m.identity);
    fprintf(out, "  runs          %zu (blocks each holds:", m.n_parts);
    for (size_t k = 0; k < m.n_parts && k < 12; k++)
        fprintf(out, " %llu-%llu", (unsigned long long)m.first[k], (unsigned long long)m.end[k]);
    fprintf(out, "%s)\n", m.n_parts > 12 ? " ..." : "");
    ssim_shard_meta_destroy(&m);
    return SSIM_OK;
}
