/* tests/fuzz/fuzz_util — what every fuzz harness shares: a private scratch
 * directory for the files a loader must open, and a silent error stream.
 *
 * Each harness defines LLVMFuzzerTestOneInput; the same source builds with
 * libFuzzer (clang, SSIM_FUZZ=ON) or with replay.c (any compiler, the CTest
 * replay of the corpus).  A harness leaves nothing behind: every file it
 * writes is removed before LLVMFuzzerTestOneInput returns, and the scratch
 * directory is removed at exit.
 */
#ifndef SSIM_TESTS_FUZZ_UTIL_H
#define SSIM_TESTS_FUZZ_UTIL_H

#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The scratch directory ($TMPDIR or /tmp, mode 0700, created on first use,
 * removed at exit).  Aborts when it cannot be created: a harness that cannot
 * write its input has nothing to test. */
const char *fuzz_dir(void);

/* Write bytes to fuzz_dir()/name and return the path (a static buffer per
 * slot 0..FUZZ_MAX_FILES-1, valid until the next call with the same slot).
 * Aborts on a write failure. */
enum { FUZZ_MAX_FILES = 4 };
const char *fuzz_write(int slot, const char *name, const uint8_t *data, size_t size);

/* Remove fuzz_dir()/name (no error when absent). */
void fuzz_remove(const char *name);

/* The first entry left in fuzz_dir() (copied into name, size bytes), 1 when
 * there is one, 0 when the directory is empty: the replay checks after each
 * input that the harness removed everything it wrote. */
int fuzz_leftover(char *name, size_t size);

/* Silence the project's messages: errors and warnings go to a capture buffer
 * (cleared by every call), the log level is quiet. */
void fuzz_quiet(void);

/* The part `index` of data split at every occurrence of sep (length sep_len):
 * *part and *part_size, 1 when that part exists, 0 when data has fewer. */
int fuzz_split(const uint8_t *data, size_t size, const char *sep, size_t sep_len, int index,
               const uint8_t **part, size_t *part_size);

#endif
