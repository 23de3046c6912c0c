/* Unit tests for core: Philox known answers and stream keying, the GSL
 * adapter, distributions, the event heap, SHA-256, the string map, errors. */
#include "check.h"

#include "core/alloc.h"
#include "core/dist.h"
#include "core/heap.h"
#include "core/rng.h"
#include "core/sha256.h"
#include "core/status.h"
#include "core/strmap.h"
#include "core/vocab.h"

#include <gsl/gsl_randist.h>
#include <stdlib.h>

/* Random123's kat_vectors (Debian librandom123-doc), philox4x32 10 rounds. */
static void test_philox_kat(void)
{
    static const uint32_t cases[3][10] = {
        {0, 0, 0, 0, 0, 0, 0x6627e8d5, 0xe169c58d, 0xbc57ac4c, 0x9b00dbd8},
        {0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff, 0x408f276d,
         0x41c83b0e, 0xa20bc7c6, 0x6d5451fd},
        {0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344, 0xa4093822, 0x299f31d0, 0xd16cfe09,
         0x94fdcceb, 0x5001e420, 0x24126ea1},
    };
    for (int c = 0; c < 3; c++) {
        uint32_t out[4];
        ssim_rng_philox(cases[c], cases[c] + 4, out);
        for (int i = 0; i < 4; i++)
            CHECK_EQ_INT(out[i], cases[c][6 + i]);
    }
}

/* The stream layout is part of the reproducibility contract: pin it. */
static void test_stream_keying(void)
{
    ssim_rng_t r;
    ssim_rng_seed(&r, 0x0000000100000002ull, 0x0000123400000005ull, 7, 9);
    CHECK_EQ_INT(r.key[0], 2);
    CHECK_EQ_INT(r.key[1], 1);
    CHECK_EQ_INT(r.ctr[1], 7);
    CHECK_EQ_INT(r.ctr[2], 5);
    CHECK_EQ_INT(r.ctr[3], (0x1234u << 16) | 9);
    uint32_t want[4], ctr[4] = {0, 7, 5, (0x1234u << 16) | 9}, key[2] = {2, 1};
    ssim_rng_philox(ctr, key, want);
    for (int i = 0; i < 4; i++)
        CHECK_EQ_INT(ssim_rng_u32(&r), want[i]);
    ctr[0] = 1;
    ssim_rng_philox(ctr, key, want);
    CHECK_EQ_INT(ssim_rng_u32(&r), want[0]);

    /* Independent of what other streams drew: reseeding gives the same numbers. */
    ssim_rng_t a, b;
    ssim_rng_seed(&a, 42, 3, 11, 2);
    double first = ssim_rng_uniform(&a);
    ssim_rng_seed(&b, 42, 4, 11, 2);
    for (int i = 0; i < 100; i++)
        ssim_rng_u32(&b);
    ssim_rng_seed(&a, 42, 3, 11, 2);
    CHECK(ssim_rng_uniform(&a) == first);
    CHECK(first >= 0 && first < 1);
    /* Distinct purposes, entities and trials give distinct streams. */
    ssim_rng_seed(&b, 42, 3, 11, 3);
    CHECK(ssim_rng_uniform(&b) != first);
    ssim_rng_seed(&b, 42, 3, 12, 2);
    CHECK(ssim_rng_uniform(&b) != first);
}

static void test_uniform_moments(void)
{
    ssim_rng_t r;
    ssim_rng_seed(&r, 1, 0, 0, 0);
    double sum = 0, sum2 = 0;
    const int n = 200000;
    for (int i = 0; i < n; i++) {
        double u = ssim_rng_uniform(&r);
        CHECK(u >= 0 && u < 1);
        sum += u;
        sum2 += u * u;
    }
    double mean = sum / n, var = sum2 / n - mean * mean;
    /* mean 1/2 (sd of the mean 0.000645), variance 1/12 */
    CHECK_NEAR(mean, 0.5, 4 * 0.000645);
    CHECK_NEAR(var, 1.0 / 12, 0.002);
}

static void test_gsl_adapter_and_dists(void)
{
    gsl_rng *g = ssim_rng_gsl_alloc();
    CHECK(g != NULL);
    ssim_rng_gsl_seed(g, 5, 1, 2, 3);
    double x = gsl_rng_uniform(g);
    ssim_rng_t r;
    ssim_rng_seed(&r, 5, 1, 2, 3);
    CHECK(x == ssim_rng_uniform(&r));

    const ssim_dist_t ds[] = {
        {SSIM_DIST_FIXED, {3, 0}},        {SSIM_DIST_EXPONENTIAL, {2, 0}},
        {SSIM_DIST_LOGNORMAL, {10, 0.5}}, {SSIM_DIST_GAMMA, {2, 3}},
        {SSIM_DIST_UNIFORM, {1, 5}},
    };
    for (size_t k = 0; k < sizeof ds / sizeof *ds; k++) {
        char why[128];
        CHECK(ssim_dist_check(&ds[k], why, sizeof why) == 0);
        double sum = 0, sum2 = 0;
        const int n = 100000;
        for (int i = 0; i < n; i++) {
            ssim_rng_gsl_seed(g, 9, (uint64_t)i, 0, 1);
            double v = ssim_dist_sample(&ds[k], g);
            CHECK(v >= 0);
            sum += v;
            sum2 += v * v;
        }
        double mean = sum / n, sd = sqrt(sum2 / n - mean * mean);
        CHECK_NEAR(mean, ssim_dist_mean(&ds[k]), 4 * sd / sqrt(n) + 1e-12);
    }
    /* Median of the lognormal is its `median` parameter. */
    int below = 0;
    for (int i = 0; i < 100000; i++) {
        ssim_rng_gsl_seed(g, 9, (uint64_t)i, 0, 2);
        below += ssim_dist_sample(&ds[2], g) < 10;
    }
    CHECK_NEAR(below / 100000.0, 0.5, 4 * 0.00158);
    gsl_rng_free(g);

    char why[128];
    ssim_dist_t bad = {SSIM_DIST_LOGNORMAL, {-1, 1}};
    CHECK(ssim_dist_check(&bad, why, sizeof why) != 0);
    CHECK_STR_CONTAINS(why, "median must be > 0");
    bad = (ssim_dist_t){SSIM_DIST_UNIFORM, {5, 1}};
    CHECK(ssim_dist_check(&bad, why, sizeof why) != 0);
    bad = (ssim_dist_t){SSIM_DIST_FIXED, {NAN, 0}};
    CHECK(ssim_dist_check(&bad, why, sizeof why) != 0);
    ssim_dist_kind_t kind;
    CHECK(ssim_dist_kind_parse("gamma", &kind) == 0 && kind == SSIM_DIST_GAMMA);
    CHECK(ssim_dist_kind_parse("normal", &kind) != 0);
    char json[128];
    ssim_dist_to_json(&ds[2], json, sizeof json);
    CHECK_STR_CONTAINS(json, "{\"dist\":\"lognormal\",\"median\":10,\"sigma\":0.5}");
}

static void test_heap(void)
{
    ssim_heap_t h;
    CHECK(ssim_heap_init(&h, 2) == SSIM_OK);
    /* Push more than the capacity, with ties: pops come by time, then push order. */
    const double times[] = {5, 1, 3, 1, 9, 0, 3, 3, 7, 1, 2, 8, 6, 4, 0, 5, 2, 9, 1, 3};
    const int n = (int)(sizeof times / sizeof *times);
    for (int i = 0; i < n; i++)
        CHECK(ssim_heap_push(&h, times[i], 1, 0, i, 0) == SSIM_OK);
    ssim_event_t prev = {-1, 0, 0, 0, -1, 0}, ev;
    int popped = 0;
    while (ssim_heap_pop(&h, &ev)) {
        CHECK(ev.t > prev.t || (ev.t == prev.t && ev.a > prev.a));
        CHECK(times[ev.a] == ev.t);
        prev = ev;
        popped++;
    }
    CHECK_EQ_INT(popped, n);
    ssim_heap_clear(&h);
    CHECK(!ssim_heap_pop(&h, &ev));
    ssim_heap_destroy(&h);
    ssim_heap_destroy(NULL);
}

static void test_sha256(void)
{
    ssim_sha256_t s;
    char hex[65];
    ssim_sha256_init(&s);
    ssim_sha256_hex(&s, hex);
    CHECK(strcmp(hex, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855") == 0);
    ssim_sha256_init(&s);
    ssim_sha256_update(&s, "abc", 3);
    ssim_sha256_hex(&s, hex);
    CHECK(strcmp(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad") == 0);
    const char *two = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
    ssim_sha256_init(&s);
    for (const char *p = two; *p; p++) /* byte by byte: exercises block boundaries */
        ssim_sha256_update(&s, p, 1);
    ssim_sha256_hex(&s, hex);
    CHECK(strcmp(hex, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1") == 0);
}

/* SHA-256 of long inputs fed in uneven pieces, with the SHA extensions (when
 * the CPU has them) and with the portable code: both give the reference
 * digests (FIPS 180-4's million a's; 100 003 bytes of a 64-bit LCG, digest
 * from Python's hashlib).  Pieces of 1 to 300 bytes cross every block
 * boundary, partial and whole-block updates alike. */
static void test_sha256_long(void)
{
    enum { N_LCG = 100003, N_A = 1000000 };
    static unsigned char a[N_A], lcg[N_LCG];
    memset(a, 'a', sizeof a);
    uint64_t x = 1;
    for (size_t i = 0; i < N_LCG; i++) {
        x = x * 6364136223846793005ull + 1442695040888963407ull;
        lcg[i] = (unsigned char)(x >> 56);
    }
    for (int portable = 0; portable <= 1; portable++) {
        ssim_sha256_portable(portable);
        for (int pieces = 0; pieces <= 1; pieces++) {
            ssim_sha256_t s;
            char hex[65];
            ssim_sha256_init(&s);
            size_t step = pieces ? 1 : N_A;
            for (size_t i = 0; i < N_A; i += step, step = pieces ? step % 300 + 7 : N_A)
                ssim_sha256_update(&s, a + i, N_A - i < step ? N_A - i : step);
            ssim_sha256_hex(&s, hex);
            CHECK(strcmp(hex, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0") ==
                  0);
            ssim_sha256_init(&s);
            step = pieces ? 3 : N_LCG;
            for (size_t i = 0; i < N_LCG; i += step, step = pieces ? step % 290 + 13 : N_LCG)
                ssim_sha256_update(&s, lcg + i, N_LCG - i < step ? N_LCG - i : step);
            ssim_sha256_hex(&s, hex);
            CHECK(strcmp(hex, "d263dfa5a7ef1732d23e26a1eb41f0d0a1e0dc5ae82072c96962301274c926eb") ==
                  0);
        }
    }
    ssim_sha256_portable(0);
}

static void test_strmap_and_vocab(void)
{
    ssim_strmap_t m;
    CHECK(ssim_strmap_init(&m, 2) == SSIM_OK);
    char keys[1000][8];
    for (int i = 0; i < 1000; i++) {
        snprintf(keys[i], sizeof keys[i], "k%d", i);
        CHECK(ssim_strmap_put(&m, keys[i], i, NULL) == 0);
    }
    int64_t existing = -1;
    CHECK(ssim_strmap_put(&m, "k17", 5, &existing) == 1 && existing == 17);
    for (int i = 0; i < 1000; i++)
        CHECK_EQ_INT(ssim_strmap_get(&m, keys[i]), i);
    CHECK_EQ_INT(ssim_strmap_get(&m, "nope"), -1);
    ssim_strmap_destroy(&m);

    /* put_all: the same map as one put per key (growing from a small map, in
     * two batches), then a duplicate reported at its index */
    const char *ptrs[1000];
    for (int i = 0; i < 1000; i++)
        ptrs[i] = keys[i];
    size_t dup = 0;
    CHECK(ssim_strmap_init(&m, 2) == SSIM_OK);
    CHECK_EQ_INT(ssim_strmap_put_all(&m, ptrs, 5, 0, &dup), 0);
    CHECK_EQ_INT(ssim_strmap_put_all(&m, ptrs + 5, 995, 5, &dup), 0);
    for (int i = 0; i < 1000; i++)
        CHECK_EQ_INT(ssim_strmap_get(&m, keys[i]), i);
    CHECK_EQ_INT(m.n, 1000);
    ptrs[700] = "k3";
    ssim_strmap_destroy(&m);
    CHECK(ssim_strmap_init(&m, 1000) == SSIM_OK);
    CHECK_EQ_INT(ssim_strmap_put_all(&m, ptrs, 1000, 0, &dup), 1);
    CHECK_EQ_INT(dup, 700);
    CHECK_EQ_INT(ssim_strmap_get(&m, "k3"), 3);
    CHECK_EQ_INT(ssim_strmap_get(&m, "k699"), 699);
    ssim_strmap_destroy(&m);

    CHECK_EQ_INT(ssim_vocab_find(&ssim_vocab_sector, "water"), 3);
    CHECK_EQ_INT(ssim_vocab_find(&ssim_vocab_sector, "Water"), -1);
    CHECK_STR_CONTAINS(ssim_vocab_list(&ssim_vocab_channel), "auto, manual, managed");
    CHECK(ssim_vocab_sector.n <= SSIM_MAX_SECTORS);
    CHECK(strcmp(ssim_prefecture_name(13), "Tokyo") == 0);
    CHECK(strcmp(ssim_prefecture_name(47), "Okinawa") == 0);
    CHECK(ssim_prefecture_name(0) == NULL && ssim_prefecture_name(48) == NULL);
    long total = 0;
    for (int c = 1; c <= SSIM_N_PREFECTURES; c++)
        total += ssim_prefecture_population(c);
    CHECK_EQ_INT(total, 126146099); /* the 2020 census total */
    CHECK_EQ_INT(ssim_prefecture_population(13), 14047594);
    CHECK(strcmp(ssim_region_name(ssim_prefecture_region(1)), "Hokkaido") == 0);
    CHECK(strcmp(ssim_region_name(ssim_prefecture_region(15)), "Chubu") == 0); /* Niigata */
    CHECK(strcmp(ssim_region_name(ssim_prefecture_region(24)), "Kinki") == 0); /* Mie */
    CHECK(strcmp(ssim_region_name(ssim_prefecture_region(47)), "Kyushu-Okinawa") == 0);
    CHECK_EQ_INT(ssim_prefecture_region(0), -1);
}

static void test_errors_and_alloc(void)
{
    char buf[512];
    ssim_error_capture(buf, sizeof buf);
    ssim_status_t st = ssim_error(SSIM_EINVAL, (ssim_loc_t){"net/supply.csv", 17, 3},
                                  "install_lag_hours must be >= 0 (got %d)", -2);
    CHECK(st == SSIM_EINVAL);
    CHECK(strcmp(buf,
                 "sectorsim: net/supply.csv:17:3: install_lag_hours must be >= 0 (got -2)\n") == 0);
    buf[0] = '\0';
    ssim_error(SSIM_EIO, (ssim_loc_t){"x.h5", 0, 0}, "cannot write");
    CHECK(strcmp(buf, "sectorsim: x.h5: cannot write\n") == 0);
    CHECK_EQ_INT(ssim_status_exit_code(SSIM_ENOMEM), 3);
    CHECK_EQ_INT(ssim_status_exit_code(SSIM_EIO), 4);

    buf[0] = '\0';
    ssim_alloc_fail_after(2);
    void *a = ssim_malloc(10, 1, "first");
    void *b = ssim_malloc(10, 1, "second");
    CHECK(a != NULL && b == NULL);
    CHECK_STR_CONTAINS(buf, "out of memory allocating 10 x 1 bytes for second");
    free(a);
    buf[0] = '\0';
    CHECK(ssim_malloc(SIZE_MAX / 2, 4, "huge") == NULL);
    CHECK_STR_CONTAINS(buf, "for huge");

    /* the huge-page variants: zeroed (calloc), usable to the last byte, and
     * released with free(); small sizes take the plain path */
    const size_t sizes[] = {1000, ((size_t)3 << 20) + 5, (size_t)4 << 20};
    for (size_t k = 0; k < sizeof sizes / sizeof *sizes; k++) {
        size_t n = sizes[k];
        unsigned char *z = ssim_calloc_huge(n, 1, "zeroed");
        unsigned char *m = ssim_malloc_huge(n, 1, "frozen");
        CHECK(z != NULL && m != NULL);
        size_t nonzero = 0;
        for (size_t i = 0; z && i < n; i++)
            nonzero += z[i] != 0;
        CHECK_EQ_INT((int)nonzero, 0);
        if (z && m) {
            memset(m, 0xab, n);
            memcpy(z, m, n);
            CHECK(z[n - 1] == 0xab && z[0] == 0xab);
        }
        free(z);
        free(m);
    }
    buf[0] = '\0';
    CHECK(ssim_calloc_huge(SIZE_MAX / 2, 4, "huge zeroed") == NULL);
    CHECK_STR_CONTAINS(buf, "for huge zeroed");
    ssim_error_capture(NULL, 0);
}

int main(void)
{
    test_philox_kat();
    test_stream_keying();
    test_uniform_moments();
    test_gsl_adapter_and_dists();
    test_heap();
    test_sha256();
    test_sha256_long();
    test_strmap_and_vocab();
    test_errors_and_alloc();
    return check_report("test_core");
}
