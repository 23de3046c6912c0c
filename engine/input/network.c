/* PLACEHOLDER — being replaced by the real loader. */
#include "input/network.h"
#include <string.h>
ssim_status_t ssim_network_load(ssim_network_t *net, const char *dir)
{
    memset(net, 0, sizeof *net);
    return ssim_error(SSIM_EINTERNAL, SSIM_LOC_NONE, "network loader not built yet (%s)", dir);
}
void ssim_network_destroy(ssim_network_t *net) { (void)net; }
int64_t ssim_network_find(const ssim_network_t *net, const char *id) { return ssim_strmap_get(&net->ids, id); }
const char *ssim_network_file_name(ssim_net_file_t f) { (void)f; return "?"; }
