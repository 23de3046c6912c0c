/* tests/fuzz/fuzz_snapshot — the network snapshot loader and the graph build.
 *
 * Input: a snapshot file (sectorsim network pack).  Random bytes would
 * almost never get past the SHA-256 of the header and the sections, so the
 * harness first recomputes every checksum the input's own section table
 * points at (where it lies inside the input), as a forger would: the fuzzer
 * then reaches the checks of the counts, offsets, lengths and values behind
 * the checksums (e2e.snapshot_bad provokes the checksum errors themselves).
 * A snapshot that loads
 * is built into the graph and its dependency cycles are counted, as
 * `sectorsim validate` and `info` do.
 */
#include "fuzz_util.h"

#include "graph/graph.h"
#include "input/network.h"
#include "input/snapfmt.h"

#include <stdlib.h>
#include <string.h>

static void seal(uint8_t *d, size_t size, size_t at, size_t n, char out[64])
{
    if (at > size || n > size - at)
        return;
    ssim_sha256_t h;
    ssim_sha256_init(&h);
    ssim_sha256_update(&h, d + at, n);
    hex_of(&h, out);
}

/* Recompute the sections' and the header's checksums in place. */
static void reseal(uint8_t *d, size_t size)
{
    if (size < sizeof(snap_header_t))
        return;
    snap_header_t hd;
    memcpy(&hd, d, sizeof hd);
    for (int s = 0; s < N_SECTIONS; s++)
        seal(d, size, hd.entry[s].offset, hd.entry[s].bytes, hd.entry[s].sha256);
    memcpy(d, &hd, sizeof hd);
    seal(d, size, 0, offsetof(snap_header_t, sha256), hd.sha256);
    memcpy(d, &hd, sizeof hd);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_quiet();
    uint8_t *copy = malloc(size ? size : 1);
    if (!copy)
        return 0;
    memcpy(copy, data, size);
    reseal(copy, size);
    const char *path = fuzz_write(0, "net.ssn", copy, size);
    free(copy);

    ssim_network_t net;
    ssim_graph_t g;
    memset(&g, 0, sizeof g);
    if (ssim_network_load(&net, path) == SSIM_OK && ssim_graph_build(&g, &net) == SSIM_OK)
        (void)ssim_graph_count_dependency_cycles(&g, &net);
    ssim_graph_destroy(&g);
    ssim_network_destroy(&net);
    fuzz_remove("net.ssn");
    return 0;
}
