/* tests/fuzz/fuzz_network — the network loader and the graph build.
 *
 * Input: the four CSV files of a network directory, in the order
 * operators.csv, suppliers.csv, supply.csv, dependencies.csv, separated by
 * the line "%%" (the three bytes "%%\n").  A file whose part is absent
 * (fewer than four parts) is not written, so a missing file is exercised
 * too.  A network that loads is built into the graph and its dependency
 * cycles are counted, as `sectorsim validate` and `info` do.
 */
#include "fuzz_util.h"

#include "graph/graph.h"
#include "input/network.h"

#include <string.h>

static const char separator[] = "%%\n";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_quiet();
    for (int f = 0; f < SSIM_NET_N_FILES; f++) {
        const uint8_t *part;
        size_t part_size;
        if (fuzz_split(data, size, separator, strlen(separator), f, &part, &part_size))
            fuzz_write(f, ssim_network_file_name((ssim_net_file_t)f), part, part_size);
    }

    ssim_network_t net;
    ssim_graph_t g;
    memset(&g, 0, sizeof g);
    if (ssim_network_load(&net, fuzz_dir()) == SSIM_OK && ssim_graph_build(&g, &net) == SSIM_OK)
        (void)ssim_graph_count_dependency_cycles(&g, &net);
    ssim_graph_destroy(&g);
    ssim_network_destroy(&net);

    for (int f = 0; f < SSIM_NET_N_FILES; f++)
        fuzz_remove(ssim_network_file_name((ssim_net_file_t)f));
    return 0;
}
