/* core/vocab — the closed vocabularies of the domain model.
 *
 * Categorical values in input files and scenarios are names from these
 * tables; internally and in output files they are small integer codes (the
 * index in the table), with the names written as label datasets.  Adding a
 * sector or category means adding one line to a table in vocab.c.
 */
#ifndef SSIM_CORE_VOCAB_H
#define SSIM_CORE_VOCAB_H

typedef struct {
    const char *what;         /* "sector", "category", ... for messages */
    const char *const *names; /* length = n */
    int n;
} ssim_vocab_t;

extern const ssim_vocab_t ssim_vocab_sector;     /* operators.csv sector */
extern const ssim_vocab_t ssim_vocab_category;   /* suppliers.csv category */
extern const ssim_vocab_t ssim_vocab_channel;    /* supply.csv channel */
extern const ssim_vocab_t ssim_vocab_privilege;  /* supply.csv privilege */
extern const ssim_vocab_t ssim_vocab_dep_kind;   /* dependencies.csv kind */
extern const ssim_vocab_t ssim_vocab_event_kind; /* rows of the optional event table */
/* The confidence of a sourced figure (fact tables, sectors.csv, coupling.csv). */
extern const ssim_vocab_t ssim_vocab_confidence;
/* incident.type and coupling.csv incident_type, in the order of the
 * supply-chain model's ssim_incident_type_t (models/incident). */
extern const ssim_vocab_t ssim_vocab_incident_type;

/* Codes of ssim_vocab_event_kind. */
enum {
    SSIM_EVENT_ORIGIN = 0, /* a supplier is compromised as an origin */
    SSIM_EVENT_INSTALL,    /* a customer installs a compromised supplier's release */
    SSIM_EVENT_RELEASE,    /* a compromised supplier ships its own bad release */
    SSIM_EVENT_OUTAGE,     /* an install becomes an outage (its effect starts) */
    SSIM_EVENT_REVOKE,     /* a supplier's release is revoked (detection) */
    SSIM_EVENT_DISCONNECT, /* an operator cuts a revoked product off */
    SSIM_EVENT_SHUTDOWN,   /* an operator shuts down as a precaution */
};

/* Code of name in vocab, or -1 when absent (exact, case-sensitive match). */
int ssim_vocab_find(const ssim_vocab_t *vocab, const char *name);

/* Comma-separated list of all names, for error messages ("one of: a, b"). */
const char *ssim_vocab_list(const ssim_vocab_t *vocab);

/* Japan's prefectures by JIS X 0401 code 1..47. */
#define SSIM_N_PREFECTURES 47
/* Upper bound on ssim_vocab_sector.n, for fixed-size per-sector arrays. */
#define SSIM_MAX_SECTORS 32
/* English name of prefecture code 1..47; NULL when out of range. */
const char *ssim_prefecture_name(int code);

/* 2020 census population of prefecture code 1..47 (0 when out of range); the
 * 47 sum to 126,146,099 (Statistics Bureau of Japan, 2020 Census final counts). */
long ssim_prefecture_population(int code);

/* The eight regions (Hokkaido, Tohoku, Kanto, Chubu, Kinki, Chugoku, Shikoku,
 * Kyushu-Okinawa; Mie in Kinki, Niigata in Chubu). */
#define SSIM_N_REGIONS 8
const char *ssim_region_name(int region);
/* Region index 0..7 of prefecture code 1..47, -1 when out of range. */
int ssim_prefecture_region(int code);

enum { SSIM_CHANNEL_AUTO = 0, SSIM_CHANNEL_MANUAL, SSIM_CHANNEL_MANAGED, SSIM_N_CHANNELS };
enum { SSIM_PRIV_IT = 0, SSIM_PRIV_OT, SSIM_PRIV_ENDPOINT, SSIM_N_PRIVILEGES };

#endif
