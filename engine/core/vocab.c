#include "core/vocab.h"

#include <string.h>

#define VOCAB(var, label, ...)                                                                 \
    static const char *const var##_names[] = {__VA_ARGS__};                                    \
    const ssim_vocab_t var = {label, var##_names, (int)(sizeof var##_names / sizeof *var##_names)}

/* Critical sectors: the NISC list of critical infrastructure and the sectors
 * designated under the Economic Security Promotion Act (see docs). */
VOCAB(ssim_vocab_sector, "sector", "electricity", "gas", "petroleum", "water", "finance",
      "payments", "rail", "aviation", "ports", "logistics", "telecom", "government", "medical");

VOCAB(ssim_vocab_category, "category", "os", "endpoint_security", "scada_ems", "core_banking",
      "payments", "network", "cloud", "msp", "erp", "accounting", "database", "other");

VOCAB(ssim_vocab_channel, "channel", "auto", "manual", "managed");

VOCAB(ssim_vocab_privilege, "privilege", "it", "ot", "endpoint");

VOCAB(ssim_vocab_dep_kind, "dependency kind", "power", "gas", "fuel", "water", "telecom",
      "payments", "transport", "logistics", "other");

int ssim_vocab_find(const ssim_vocab_t *vocab, const char *name)
{
    for (int i = 0; i < vocab->n; i++)
        if (strcmp(vocab->names[i], name) == 0)
            return i;
    return -1;
}

const char *ssim_vocab_list(const ssim_vocab_t *vocab)
{
    /* Built once per vocabulary from serial code (error paths only). */
    static char lists[8][512];
    static const ssim_vocab_t *owners[8];
    for (int s = 0; s < 8; s++) {
        if (owners[s] == vocab)
            return lists[s];
        if (!owners[s]) {
            size_t n = 0;
            for (int i = 0; i < vocab->n && n + 2 < sizeof lists[s]; i++) {
                size_t len = strlen(vocab->names[i]);
                if (n + len + 3 >= sizeof lists[s])
                    break;
                if (i) {
                    memcpy(lists[s] + n, ", ", 2);
                    n += 2;
                }
                memcpy(lists[s] + n, vocab->names[i], len);
                n += len;
            }
            lists[s][n] = '\0';
            owners[s] = vocab;
            return lists[s];
        }
    }
    return "(list unavailable)";
}

static const char *const prefectures[SSIM_N_PREFECTURES] = {
    "Hokkaido",  "Aomori",   "Iwate",     "Miyagi",    "Akita",    "Yamagata",  "Fukushima",
    "Ibaraki",   "Tochigi",  "Gunma",     "Saitama",   "Chiba",    "Tokyo",     "Kanagawa",
    "Niigata",   "Toyama",   "Ishikawa",  "Fukui",     "Yamanashi", "Nagano",   "Gifu",
    "Shizuoka",  "Aichi",    "Mie",       "Shiga",     "Kyoto",    "Osaka",     "Hyogo",
    "Nara",      "Wakayama", "Tottori",   "Shimane",   "Okayama",  "Hiroshima", "Yamaguchi",
    "Tokushima", "Kagawa",   "Ehime",     "Kochi",     "Fukuoka",  "Saga",      "Nagasaki",
    "Kumamoto",  "Oita",     "Miyazaki",  "Kagoshima", "Okinawa",
};

const char *ssim_prefecture_name(int code)
{
    return code >= 1 && code <= SSIM_N_PREFECTURES ? prefectures[code - 1] : NULL;
}
