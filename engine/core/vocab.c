#include "core/vocab.h"

#include <string.h>

#define VOCAB(var, label, ...)                                                                     \
    static const char *const var##_names[] = {__VA_ARGS__};                                        \
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

VOCAB(ssim_vocab_confidence, "confidence", "high", "medium", "low");

VOCAB(ssim_vocab_incident_type, "incident type", "malicious_update", "faulty_update", "msp_push",
      "wiper", "espionage");

VOCAB(ssim_vocab_event_kind, "event kind", "origin", "install", "release", "outage", "revoke",
      "disconnect", "shutdown");

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
    "Hokkaido",  "Aomori",   "Iwate",    "Miyagi",    "Akita",     "Yamagata",  "Fukushima",
    "Ibaraki",   "Tochigi",  "Gunma",    "Saitama",   "Chiba",     "Tokyo",     "Kanagawa",
    "Niigata",   "Toyama",   "Ishikawa", "Fukui",     "Yamanashi", "Nagano",    "Gifu",
    "Shizuoka",  "Aichi",    "Mie",      "Shiga",     "Kyoto",     "Osaka",     "Hyogo",
    "Nara",      "Wakayama", "Tottori",  "Shimane",   "Okayama",   "Hiroshima", "Yamaguchi",
    "Tokushima", "Kagawa",   "Ehime",    "Kochi",     "Fukuoka",   "Saga",      "Nagasaki",
    "Kumamoto",  "Oita",     "Miyazaki", "Kagoshima", "Okinawa",
};

const char *ssim_prefecture_name(int code)
{
    return code >= 1 && code <= SSIM_N_PREFECTURES ? prefectures[code - 1] : NULL;
}

/* 2020 Census of Japan, final counts (Statistics Bureau of Japan), by JIS code. */
static const long populations[SSIM_N_PREFECTURES] = {
    5224614, 1237984, 1210534,  2301996, 959502,  1068027, 1833152, 2867009, 1933146, 1939110,
    7344765, 6284480, 14047594, 9237337, 2201272, 1034814, 1132526, 766863,  809974,  2048011,
    1978742, 3633202, 7542415,  1770254, 1413610, 2578087, 8837685, 5465002, 1324473, 922584,
    553407,  671126,  1888432,  2799702, 1342059, 719559,  950244,  1334841, 691527,  5135214,
    811442,  1312317, 1738301,  1123852, 1069576, 1588256, 1467480,
};

long ssim_prefecture_population(int code)
{
    return code >= 1 && code <= SSIM_N_PREFECTURES ? populations[code - 1] : 0;
}

static const char *const regions[SSIM_N_REGIONS] = {
    "Hokkaido", "Tohoku", "Kanto", "Chubu", "Kinki", "Chugoku", "Shikoku", "Kyushu-Okinawa",
};

const char *ssim_region_name(int region)
{
    return region >= 0 && region < SSIM_N_REGIONS ? regions[region] : NULL;
}

int ssim_prefecture_region(int code)
{
    /* first JIS code of each region, in order */
    static const int first[SSIM_N_REGIONS] = {1, 2, 8, 15, 24, 31, 36, 40};
    if (code < 1 || code > SSIM_N_PREFECTURES)
        return -1;
    int r = SSIM_N_REGIONS - 1;
    while (first[r] > code)
        r--;
    return r;
}
