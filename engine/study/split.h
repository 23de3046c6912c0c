/* study/split — how a study's runs are split across processes and time
 * (docs/scale-out.md): shards (--part K/N) merged later, MPI ranks, and
 * checkpoints with resume.
 *
 * Every study produces its results objects through ssim_split_run, in an
 * order fixed by its inputs (the baseline, then each option; each class and
 * option of a catalogue).  ssim_split_run knows what the process does with
 * the k-th one:
 *
 *   WHOLE  run every block (after the blocks a resumed checkpoint holds),
 *          then the summaries: the study goes on as in one process;
 *   PART   run only part K of N of its blocks and keep their state for the
 *          shard file (ssim_split_write_shard); no summaries: the study's
 *          reductions over these results are discarded;
 *   MERGE  run nothing: put back the blocks every shard holds (they must
 *          tile the run exactly), then the summaries;
 *   MPI    every rank takes blocks from a shared counter; rank 0 gathers
 *          them and computes the summaries; the other ranks' study is
 *          discarded.
 *
 * A block is the unit of work (results/part.h), and every draw is keyed by
 * trial, so every mode writes the same bytes as one process.  A study added
 * later gets all of this by calling ssim_split_run (through ssim_study_run)
 * and setting its identity. */
#ifndef SSIM_STUDY_SPLIT_H
#define SSIM_STUDY_SPLIT_H

#include "io/h5.h"
#include "results/part.h"
#include "run/run.h"

typedef enum {
    SSIM_SPLIT_WHOLE = 0,
    SSIM_SPLIT_PART,
    SSIM_SPLIT_MERGE,
    SSIM_SPLIT_MPI
} ssim_split_mode_t;

typedef struct ssim_split {
    ssim_split_mode_t mode;
    ssim_shard_meta_t meta; /* what shards and checkpoints record: the command line
                               layer fills command, version, cwd, argv, part, parts;
                               the study sets identity (ssim_split_set_identity) */
    /* MERGE: the shard files and what they say */
    char **shards;
    size_t n_shards;
    ssim_shard_meta_t *shard_meta;
    /* checkpoints: written to checkpoint_path every `every` seconds; resume:
     * the run starts from what that file holds */
    char *checkpoint_path; /* NULL: none */
    double every;
    int resume;
    ssim_shard_meta_t resume_meta;
    /* MPI */
    int rank, size;
    int one_run; /* the study makes one results object (run): a checkpoint never needs
                    a copy of it once finished */
    /* progress through the study */
    size_t next;               /* index of the next results object */
    ssim_results_part_t *kept; /* PART: each object's part; WHOLE with checkpoints: each
                                  object finished (a later checkpoint holds them) */
    size_t n_kept;
    int identity_set;
} ssim_split_t;

/* Release what the split owns (not meta's argv: the caller's). */
void ssim_split_destroy(ssim_split_t *sp);

/* Set the identity of the study's inputs (hex SHA-256 of what determines its
 * results; ssim_study_identity for a job) and check it against the shards
 * merged or the checkpoint resumed: SSIM_EINVAL naming the file when one
 * was made from other inputs, settings or version. */
ssim_status_t ssim_split_set_identity(ssim_split_t *sp, const char *identity);

/* Run results object number sp->next (see above) into res (initialised for
 * the whole run; the model's columns are added here).  sp NULL: the plain
 * ssim_run_trials. */
ssim_status_t ssim_split_run(ssim_split_t *sp, const ssim_model_type_t *model,
                             const ssim_model_ctx_t *ctx, ssim_results_t *res,
                             const ssim_run_opts_t *opts, ssim_run_stats_t *stats);

/* 1 when this process writes the study's results file (WHOLE, MERGE, MPI
 * rank 0); 0 for a shard (it writes ssim_split_write_shard instead) and the
 * other ranks. */
int ssim_split_writes_output(const ssim_split_t *sp);

/* PART: write the shard file of what the study ran. */
ssim_status_t ssim_split_write_shard(ssim_split_t *sp, const char *path);

/* After the study wrote its file: remove the checkpoint (no message when
 * there is none). */
void ssim_split_done(ssim_split_t *sp);

/* The MPI side (split_mpi.c; a stub that refuses when built without MPI). */
/* 1 when this process was started by mpirun with more than one rank. */
int ssim_mpi_launched(void);
ssim_status_t ssim_mpi_init(int *argc, char ***argv, int *rank, int *size);
void ssim_mpi_finalize(int ok);
/* Every rank takes blocks of res from a shared counter and runs them; rank 0
 * gathers every block and the counts.  SSIM_EINVAL (naming the rank) when
 * any rank fails: every rank returns the failure. */
ssim_status_t ssim_mpi_run(ssim_split_t *sp, const ssim_model_type_t *model,
                           const ssim_model_ctx_t *ctx, ssim_results_t *res,
                           const ssim_run_opts_t *opts, ssim_run_stats_t *stats);
/* Every rank's identity equals rank 0's (SSIM_EINVAL otherwise, on every rank). */
ssim_status_t ssim_mpi_same_identity(const char *identity);

#endif
