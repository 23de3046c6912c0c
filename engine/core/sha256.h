/* core/sha256 — SHA-256 (FIPS 180-4) for input-file provenance hashes, with the
 * x86 SHA extensions where the CPU has them (chosen at the first use). */
#ifndef SSIM_CORE_SHA256_H
#define SSIM_CORE_SHA256_H

#include <stddef.h>
#include <stdint.h>

typedef struct {
    uint32_t h[8];
    uint64_t n_bytes;
    unsigned char block[64];
    size_t used;
} ssim_sha256_t;

void ssim_sha256_init(ssim_sha256_t *s);
void ssim_sha256_update(ssim_sha256_t *s, const void *data, size_t len);
/* Finish and write the digest as 64 lowercase hex digits + NUL into hex[65]. */
void ssim_sha256_hex(ssim_sha256_t *s, char hex[65]);

/* Tests: on = 1 makes every later update use the portable code even where the
 * CPU has the x86 SHA extensions (which are used by default: the same digests,
 * several times faster); on = 0 restores the default.  Call it while nothing
 * is being hashed: a digest under way would mix the two (same result). */
void ssim_sha256_portable(int on);

#endif
