/* Unit tests of input/network: a small valid network with every field
 * checked, a larger one (pool growth), every rule provoked with its exact
 * FILE:LINE:COL and key phrase, file-level failures, out-of-memory at every
 * allocation, and (given its directory as argv[1]) the bad-input catalogue
 * tests/bad_inputs/network/<case>/{*.csv,expect}.
 *
 * Over 600 lines: one case per loader rule, each a few lines of CSV and its
 * exact message, sharing one fixture.
 *
 * Built a second time with SSIM_NET_ROW_CAP=3 (test_network_cap), when it
 * only checks the row cap. */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L /* mkdtemp, opendir, stat */
#endif

#include "check.h"
#include "core/alloc.h"
#include "core/sha256.h"
#include "core/status.h"
#include "core/vocab.h"
#include "input/network.h"

#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#ifdef SSIM_NET_ROW_CAP
#define ROW_CAP_BUILD 1
#else
#define ROW_CAP_BUILD 0
#endif

static char root[64]; /* mkdtemp directory */
static char dir[128]; /* the network directory: root/net */
static char errbuf[8192];

/* The text of the four files (NULL: the file is not written). */
typedef struct {
    const char *file[SSIM_NET_N_FILES];
} net_text_t;

static const net_text_t BASE = {{
    "id,name,sector,prefecture,customers,designated\n"
    "OP1,Tokyo Power,electricity,13,20000000,1\n"
    "OP2,Osaka Gas,gas,27,5000000,1\n"
    "OP3,Sakura Bank,finance,13,8000000,0\n",
    "id,name,country,category\n"
    "S1,Vendor OS,US,os\n"
    "S2,Vendor MSP,JP,msp\n",
    "supplier,customer,channel,install_lag_hours,share,privilege\n"
    "S1,OP1,auto,24,0.8,it\n"
    "S1,OP3,managed,48,0.5,endpoint\n"
    "S2,S1,manual,72,0.3,ot\n",
    "operator,provider,kind,buffer_hours,loss\n"
    "OP3,OP1,power,12,0.6\n"
    "OP2,OP1,power,24,0.4\n",
}};

static void file_path(char *out, size_t size, const char *d, ssim_net_file_t f)
{
    snprintf(out, size, "%s/%s", d, ssim_network_file_name(f));
}

static void write_bytes(const char *p, const char *text, size_t len)
{
    FILE *fp = fopen(p, "wb");
    if (!fp || fwrite(text, 1, len, fp) != len) {
        perror(p);
        exit(2);
    }
    fclose(fp);
}

/* Replace the network directory's files with t's. */
static void write_net(const net_text_t *t)
{
    char p[256];
    for (int f = 0; f < SSIM_NET_N_FILES; f++) {
        file_path(p, sizeof p, dir, (ssim_net_file_t)f);
        remove(p);
        if (t->file[f])
            write_bytes(p, t->file[f], strlen(t->file[f]));
    }
}

static net_text_t with(ssim_net_file_t f, const char *text)
{
    net_text_t t = BASE;
    t.file[f] = text;
    return t;
}

static int is_zeroed(const ssim_network_t *net)
{
    static const ssim_network_t zero;
    return memcmp(net, &zero, sizeof zero) == 0;
}

/* Load d, expecting status and a message containing "<d>/<where>: <phrase>"
 * (just "<d>/<where>" when phrase is ""); where is "FILE:LINE:COL" or FILE. */
static void expect_load_fail(const char *d, ssim_status_t status, const char *where,
                             const char *phrase)
{
    ssim_network_t net;
    char want[512];
    snprintf(want, sizeof want, "%s/%s%s%s", d, where, *phrase ? ": " : "", phrase);
    ssim_error_capture(errbuf, sizeof errbuf);
    ssim_status_t st = ssim_network_load(&net, d);
    ssim_error_capture(NULL, 0);
    CHECK_EQ_INT(st, status);
    CHECK_STR_CONTAINS(errbuf, want);
    CHECK(is_zeroed(&net));
    if (st == SSIM_OK)
        ssim_network_destroy(&net);
}

/* The base network with file f replaced by text fails as described. */
static void expect_fail(ssim_net_file_t f, const char *text, const char *where, const char *phrase)
{
    net_text_t t = with(f, text);
    write_net(&t);
    expect_load_fail(dir, SSIM_EINVAL, where, phrase);
}

static void sha_of(const char *text, char hex[65])
{
    ssim_sha256_t s;
    ssim_sha256_init(&s);
    ssim_sha256_update(&s, text, strlen(text));
    ssim_sha256_hex(&s, hex);
}

/* BOM, CRLF, blank lines, quoting, extra and reordered columns. */
static const net_text_t VALID = {{
    "\xEF\xBB\xBF"
    "designated,id,note,name,sector,prefecture,customers\r\n"
    "1,OP1,x,\"Tokyo Power, Inc.\",electricity,13,20000000\r\n"
    "\r\n"
    "0, OP2 ,,\"Bank \"\"A\"\"\",finance,47,0\r\n",
    "id,name,country,category\n"
    "S1,\"Vendor\nOS\",US,os\n"
    "\n"
    "S2,MSP,JP,msp",
    "share,supplier,customer,channel,install_lag_hours,privilege,extra\n"
    "0.8,S1,OP1,auto,24,it,\n"
    "1,S1,OP2,managed,0,endpoint,z\n"
    "1e-3,S2,S1,manual,1e6,ot,\n",
    "operator,provider,kind,buffer_hours,loss\n"
    "OP2,OP1,power,12.5,0.6\n"
    "OP2,OP1,telecom,0,1\n",
}};

static void check_valid_entities(const ssim_network_t *net)
{
    CHECK_EQ_INT(net->n_operators, 2);
    CHECK(strcmp(net->op_id[0], "OP1") == 0 && strcmp(net->op_id[1], "OP2") == 0);
    CHECK(strcmp(net->op_name[0], "Tokyo Power, Inc.") == 0);
    CHECK(strcmp(net->op_name[1], "Bank \"A\"") == 0);
    CHECK_EQ_INT(net->op_sector[0], ssim_vocab_find(&ssim_vocab_sector, "electricity"));
    CHECK_EQ_INT(net->op_sector[1], ssim_vocab_find(&ssim_vocab_sector, "finance"));
    CHECK_EQ_INT(net->op_prefecture[0], 13);
    CHECK_EQ_INT(net->op_prefecture[1], 47);
    CHECK_EQ_INT(net->op_customers[0], 20000000);
    CHECK_EQ_INT(net->op_customers[1], 0);
    CHECK_EQ_INT(net->op_designated[0], 1);
    CHECK_EQ_INT(net->op_designated[1], 0);

    CHECK_EQ_INT(net->n_suppliers, 2);
    CHECK(strcmp(net->sup_id[0], "S1") == 0 && strcmp(net->sup_id[1], "S2") == 0);
    CHECK(strcmp(net->sup_name[0], "Vendor\nOS") == 0);
    CHECK(strcmp(net->sup_name[1], "MSP") == 0);
    CHECK(strcmp(net->sup_country[0], "US") == 0 && strcmp(net->sup_country[1], "JP") == 0);
    CHECK_EQ_INT(net->sup_category[0], ssim_vocab_find(&ssim_vocab_category, "os"));
    CHECK_EQ_INT(net->sup_category[1], ssim_vocab_find(&ssim_vocab_category, "msp"));

    CHECK_EQ_INT(ssim_network_find(net, "OP1"), 0);
    CHECK_EQ_INT(ssim_network_find(net, "OP2"), 1);
    CHECK_EQ_INT(ssim_network_find(net, "S1"), 2);
    CHECK_EQ_INT(ssim_network_find(net, "S2"), 3);
    CHECK_EQ_INT(ssim_network_find(net, "S3"), -1);
    CHECK_EQ_INT(ssim_network_find(net, " OP2 "), -1);
}

static void check_valid_edges(const ssim_network_t *net)
{
    CHECK_EQ_INT(net->n_supply, 3);
    CHECK_EQ_INT(net->sup_src[0], 0);
    CHECK_EQ_INT(net->sup_dst[0], 0);
    CHECK_EQ_INT(net->sup_src[1], 0);
    CHECK_EQ_INT(net->sup_dst[1], 1);
    CHECK_EQ_INT(net->sup_src[2], 1);
    CHECK_EQ_INT(net->sup_dst[2], 2); /* S1 as a customer: n_operators + 0 */
    CHECK_EQ_INT(net->sup_channel[0], SSIM_CHANNEL_AUTO);
    CHECK_EQ_INT(net->sup_channel[1], SSIM_CHANNEL_MANAGED);
    CHECK_EQ_INT(net->sup_channel[2], SSIM_CHANNEL_MANUAL);
    CHECK_NEAR(net->sup_lag_hours[0], 24.0, 0.0);
    CHECK_NEAR(net->sup_lag_hours[1], 0.0, 0.0);
    CHECK_NEAR(net->sup_lag_hours[2], 1e6, 0.0);
    CHECK_NEAR(net->sup_share[0], 0.8, 0.0);
    CHECK_NEAR(net->sup_share[1], 1.0, 0.0);
    CHECK_NEAR(net->sup_share[2], 1e-3, 0.0);
    CHECK_EQ_INT(net->sup_privilege[0], SSIM_PRIV_IT);
    CHECK_EQ_INT(net->sup_privilege[1], SSIM_PRIV_ENDPOINT);
    CHECK_EQ_INT(net->sup_privilege[2], SSIM_PRIV_OT);

    CHECK_EQ_INT(net->n_deps, 2);
    CHECK_EQ_INT(net->dep_op[0], 1);
    CHECK_EQ_INT(net->dep_provider[0], 0);
    CHECK_EQ_INT(net->dep_kind[0], ssim_vocab_find(&ssim_vocab_dep_kind, "power"));
    CHECK_EQ_INT(net->dep_kind[1], ssim_vocab_find(&ssim_vocab_dep_kind, "telecom"));
    CHECK_NEAR(net->dep_buffer_hours[0], 12.5, 0.0);
    CHECK_NEAR(net->dep_buffer_hours[1], 0.0, 0.0);
    CHECK_NEAR(net->dep_loss[0], 0.6, 0.0);
    CHECK_NEAR(net->dep_loss[1], 1.0, 0.0);
}

static void test_valid(void)
{
    ssim_network_t net;
    static const uint64_t rows[SSIM_NET_N_FILES] = {2, 2, 3, 2};
    write_net(&VALID);
    CHECK_EQ_INT(ssim_network_load(&net, dir), SSIM_OK);
    CHECK(strcmp(net.dir, dir) == 0);
    check_valid_entities(&net);
    check_valid_edges(&net);
    for (int f = 0; f < SSIM_NET_N_FILES; f++) {
        char p[256], hex[65];
        file_path(p, sizeof p, dir, (ssim_net_file_t)f);
        sha_of(VALID.file[f], hex);
        CHECK(strcmp(net.files[f].path, p) == 0);
        CHECK(strcmp(net.files[f].sha256, hex) == 0);
        CHECK_EQ_INT(net.files[f].bytes, strlen(VALID.file[f]));
        CHECK_EQ_INT(net.files[f].rows, rows[f]);
    }
    ssim_network_destroy(&net);
    CHECK(is_zeroed(&net));
    ssim_network_destroy(&net); /* twice is harmless */
    ssim_network_destroy(NULL);

    /* header-only supply and dependency files; dir given with a '/' */
    char slashed[160];
    net_text_t t = BASE;
    t.file[SSIM_FILE_SUPPLY] = "supplier,customer,channel,install_lag_hours,share,privilege\n";
    t.file[SSIM_FILE_DEPENDENCIES] = "operator,provider,kind,buffer_hours,loss";
    write_net(&t);
    snprintf(slashed, sizeof slashed, "%s/", dir);
    CHECK_EQ_INT(ssim_network_load(&net, slashed), SSIM_OK);
    CHECK_EQ_INT(net.n_supply, 0);
    CHECK_EQ_INT(net.n_deps, 0);
    CHECK_EQ_INT(net.files[SSIM_FILE_SUPPLY].rows, 0);
    CHECK(strstr(net.files[SSIM_FILE_SUPPLY].path, "net/supply.csv") != NULL);
    CHECK(strstr(net.files[SSIM_FILE_SUPPLY].path, "//") == NULL);
    ssim_network_destroy(&net);

    CHECK(strcmp(ssim_network_file_name(SSIM_FILE_DEPENDENCIES), "dependencies.csv") == 0);
    CHECK(ssim_network_file_name(SSIM_NET_N_FILES) == NULL);
}

/* Text of a network with n operators and n suppliers (long names make the
 * pool move many times); each supplier supplies two operators. */
static char *big_file(ssim_net_file_t f, int n)
{
    size_t cap = (size_t)n * 160 + 128, len = 0;
    char *s = malloc(cap);
    if (!s)
        exit(2);
    static const char *const header[SSIM_NET_N_FILES] = {
        "id,name,sector,prefecture,customers,designated\n", "id,name,country,category\n",
        "supplier,customer,channel,install_lag_hours,share,privilege\n",
        "operator,provider,kind,buffer_hours,loss\n"};
    len += (size_t)snprintf(s, cap, "%s", header[f]);
    for (int i = 0; i < n; i++) {
        char *p = s + len;
        size_t left = cap - len;
        if (f == SSIM_FILE_OPERATORS)
            len +=
                (size_t)snprintf(p, left, "op-%d,Operator number %d of a long list,rail,%d,%d,%d\n",
                                 i, i, 1 + i % 47, i, i % 2);
        else if (f == SSIM_FILE_SUPPLIERS)
            len += (size_t)snprintf(p, left, "sup-%d,Supplier number %d of a long list,DE,cloud\n",
                                    i, i);
        else if (f == SSIM_FILE_SUPPLY)
            len +=
                (size_t)snprintf(p, left, "sup-%d,op-%d,auto,1,0.5,it\nsup-%d,op-%d,auto,1,1,ot\n",
                                 i, i, i, (i + 1) % n);
        else if (i + 1 < n)
            len += (size_t)snprintf(p, left, "op-%d,op-%d,water,1,0.5\n", i, i + 1);
    }
    return s;
}

static void test_big(void)
{
    enum { N = 3000 };
    net_text_t t;
    char *text[SSIM_NET_N_FILES];
    for (int f = 0; f < SSIM_NET_N_FILES; f++)
        t.file[f] = text[f] = big_file((ssim_net_file_t)f, N);
    write_net(&t);
    ssim_network_t net;
    CHECK_EQ_INT(ssim_network_load(&net, dir), SSIM_OK);
    CHECK_EQ_INT(net.n_operators, N);
    CHECK_EQ_INT(net.n_suppliers, N);
    CHECK_EQ_INT(net.n_supply, 2 * N);
    CHECK_EQ_INT(net.n_deps, N - 1);
    int ok = 1;
    for (int i = 0; i < N; i++) {
        char id[32], name[64];
        snprintf(id, sizeof id, "op-%d", i);
        snprintf(name, sizeof name, "Operator number %d of a long list", i);
        ok &= ssim_network_find(&net, id) == i && strcmp(net.op_id[i], id) == 0 &&
              strcmp(net.op_name[i], name) == 0 && net.op_customers[i] == i;
        snprintf(id, sizeof id, "sup-%d", i);
        ok &= ssim_network_find(&net, id) == N + i && strcmp(net.sup_id[i], id) == 0;
        ok &= net.sup_src[2 * i] == i && net.sup_dst[2 * i + 1] == (i + 1) % N;
    }
    CHECK(ok);
    ssim_network_destroy(&net);
    for (int f = 0; f < SSIM_NET_N_FILES; f++)
        free(text[f]);
}

/* Every allocation failing in turn: ENOMEM, *net zeroed, nothing leaked. */
static void test_out_of_memory(void)
{
    ssim_network_t net;
    ssim_status_t st = SSIM_ENOMEM;
    unsigned long n;
    write_net(&VALID);
    ssim_error_capture(errbuf, sizeof errbuf);
    for (n = 1; n < 1000 && st == SSIM_ENOMEM; n++) {
        ssim_alloc_fail_after(n);
        st = ssim_network_load(&net, dir);
        if (st == SSIM_ENOMEM)
            CHECK(is_zeroed(&net));
    }
    ssim_alloc_fail_after(0);
    ssim_error_capture(NULL, 0);
    CHECK_EQ_INT(st, SSIM_OK);
    CHECK(n > 10);
    CHECK_STR_CONTAINS(errbuf, "out of memory");
    check_valid_entities(&net);
    ssim_network_destroy(&net);
}

static void test_file_level(void)
{
    char p[256];
    net_text_t t = BASE;
    t.file[SSIM_FILE_DEPENDENCIES] = NULL;
    write_net(&t);
    expect_load_fail(dir, SSIM_EINVAL, "dependencies.csv",
                     "cannot open: No such file or directory");

    /* a missing directory, and a file given as the directory */
    static const char *const reason[2] = {"cannot open network directory: No such file",
                                          "not a directory"};
    for (int i = 0; i < 2; i++) {
        ssim_network_t net;
        char want[400];
        if (i == 0)
            snprintf(p, sizeof p, "%s/nowhere", root);
        else
            file_path(p, sizeof p, dir, SSIM_FILE_SUPPLY);
        snprintf(want, sizeof want, "%s: %s", p, reason[i]);
        ssim_error_capture(errbuf, sizeof errbuf);
        CHECK_EQ_INT(ssim_network_load(&net, p), SSIM_EINVAL);
        ssim_error_capture(NULL, 0);
        CHECK_STR_CONTAINS(errbuf, want);
        CHECK(is_zeroed(&net));
    }
    expect_fail(SSIM_FILE_OPERATORS, "", "operators.csv:1:1",
                "file is empty: expected a header row (id, name, sector");
    expect_fail(SSIM_FILE_SUPPLY, "\xEF\xBB\xBF\n\n", "supply.csv:1:1", "file is empty");
    expect_fail(SSIM_FILE_OPERATORS, "id,name,sector,prefecture,customers,designated\n",
                "operators.csv:2:1", "no data rows: at least one operator is required");
    expect_fail(SSIM_FILE_SUPPLIERS, "id,name,country,category", "suppliers.csv:1:25",
                "no data rows: at least one supplier is required");
}

static void test_header_rules(void)
{
    expect_fail(SSIM_FILE_SUPPLY,
                "supplier,customer,channel,install_lag_hours,privilege\nS1,OP1,auto,24,it\n",
                "supply.csv:1:1",
                "missing required column \"share\" (required: supplier, customer, channel, "
                "install_lag_hours, share, privilege)");
    expect_fail(SSIM_FILE_SUPPLIERS, "id,name,country,category,name\nS1,a,US,os,b\n",
                "suppliers.csv:1:26", "duplicate column \"name\" (first at column 4)");
    expect_fail(SSIM_FILE_DEPENDENCIES,
                "operator,provider,kind,buffer_hours,loss\nOP3,OP1,power,12\n",
                "dependencies.csv:2:17", "wrong number of fields: expected 5, got 4");
    expect_fail(SSIM_FILE_DEPENDENCIES,
                "operator,provider,kind,buffer_hours,loss\r\nOP3,OP1,power,12,0.5,x\r\n",
                "dependencies.csv:2:22", "wrong number of fields: expected 5, got 6");
    /* unnamed extra columns may repeat (trailing commas from spreadsheets) */
    net_text_t t =
        with(SSIM_FILE_SUPPLIERS, "id,name,country,category,,\nS1,a,US,os,,\nS2,b,US,os,,\n");
    ssim_network_t net;
    write_net(&t);
    CHECK_EQ_INT(ssim_network_load(&net, dir), SSIM_OK);
    ssim_network_destroy(&net);
}

static void test_operator_rules(void)
{
    const ssim_net_file_t F = SSIM_FILE_OPERATORS;
#define OPS "id,name,sector,prefecture,customers,designated\nOP1,A,gas,1,0,0\n"
    expect_fail(F, OPS ",B,gas,1,0,0\n", "operators.csv:3:1", "id must not be empty");
    expect_fail(F, OPS "\"x\ty\",B,gas,1,0,0\n", "operators.csv:3:1",
                "id must not contain control characters");
    expect_fail(F, OPS "OP1,B,gas,1,0,0\n", "operators.csv:3:1",
                "duplicate id \"OP1\" (first defined at ");
    CHECK_STR_CONTAINS(errbuf, "/net/operators.csv:2)");
    expect_fail(F, OPS "OP2,  ,gas,1,0,0\n", "operators.csv:3:7", "name must not be empty");
    expect_fail(F, OPS "OP2,B,power,1,0,0\n", "operators.csv:3:7",
                "sector must be one of: electricity, gas, petroleum");
    CHECK_STR_CONTAINS(errbuf, "(got \"power\")");
    expect_fail(F, OPS "OP2,B,gas,0,0,0\n", "operators.csv:3:11",
                "prefecture must be in 1..47 (got 0)");
    expect_fail(F, OPS "OP2,B,gas,48,0,0\n", "operators.csv:3:11",
                "prefecture must be in 1..47 (got 48)");
    expect_fail(F, OPS "OP2,B,gas,2.5,0,0\n", "operators.csv:3:11",
                "prefecture must be an integer (got \"2.5\")");
    expect_fail(F, OPS "OP2,B,gas,13,-1,0\n", "operators.csv:3:14",
                "customers must be in 0..1000000000 (got -1)");
    expect_fail(F, OPS "OP2,B,gas,13,1000000001,0\n", "operators.csv:3:14",
                "customers must be in 0..1000000000 (got 1000000001)");
    expect_fail(F, OPS "OP2,B,gas,13,99999999999999999999,0\n", "operators.csv:3:14",
                "customers must be in 0..1000000000");
    expect_fail(F, OPS "OP2,B,gas,13, 12x ,0\n", "operators.csv:3:15",
                "customers must be an integer (got \"12x\")");
    expect_fail(F, OPS "OP2,B,gas,13,5,yes\n", "operators.csv:3:16",
                "designated must be 0 or 1 (got \"yes\")");
    expect_fail(F, OPS "OP2,B,gas,13,5,\n", "operators.csv:3:16",
                "designated must be 0 or 1 (got \"\")");
#undef OPS
    char text[600], name[300];
    memset(name, 'n', 257);
    name[257] = '\0';
    snprintf(text, sizeof text,
             "id,name,sector,prefecture,customers,designated\nOP1,%s,gas,1,0,0\n", name);
    expect_fail(F, text, "operators.csv:2:5", "name must be at most 256 bytes (got 257 bytes)");
    name[256] = '\0'; /* exactly at the cap is fine */
    snprintf(text, sizeof text, "%s%s,x,gas,1,0,0\n", BASE.file[F], name);
    net_text_t t = with(F, text);
    ssim_network_t net;
    write_net(&t);
    CHECK_EQ_INT(ssim_network_load(&net, dir), SSIM_OK);
    ssim_network_destroy(&net);
}

static void test_supplier_rules(void)
{
    const ssim_net_file_t F = SSIM_FILE_SUPPLIERS;
#define SUPS "id,name,country,category\nS1,A,US,os\n"
    expect_fail(F, SUPS "OP2,B,JP,os\n", "suppliers.csv:3:1",
                "duplicate id \"OP2\" (first defined at ");
    CHECK_STR_CONTAINS(errbuf, "/net/operators.csv:3)");
    expect_fail(F, SUPS "S1,B,JP,os\n", "suppliers.csv:3:1", "duplicate id \"S1\"");
    expect_fail(F, SUPS "S2,,JP,os\n", "suppliers.csv:3:4", "name must not be empty");
    expect_fail(F, SUPS "S2,B,jp,os\n", "suppliers.csv:3:6",
                "country must be two upper-case letters (ISO 3166-1 alpha-2");
    expect_fail(F, SUPS "S2,B,JPN,os\n", "suppliers.csv:3:6",
                "country must be two upper-case letters");
    expect_fail(F, SUPS "S2,B,JP,antivirus\n", "suppliers.csv:3:9",
                "category must be one of: os, endpoint_security");
#undef SUPS
}

static void test_supply_rules(void)
{
    const ssim_net_file_t F = SSIM_FILE_SUPPLY;
#define SUPPLY                                                                                     \
    "supplier,customer,channel,install_lag_hours,share,privilege\nS1,OP1,auto,24,0.8,it\n"
    expect_fail(F, SUPPLY "S9,OP1,auto,24,0.8,it\n", "supply.csv:3:1",
                "unknown supplier \"S9\": no such id in suppliers.csv");
    expect_fail(F, SUPPLY ",OP1,auto,24,0.8,it\n", "supply.csv:3:1", "supplier must not be empty");
    expect_fail(F, SUPPLY "OP2,OP1,auto,24,0.8,it\n", "supply.csv:3:1",
                "supplier \"OP2\" is an operator, not a supplier (defined at ");
    expect_fail(F, SUPPLY "S1,OP9,auto,24,0.8,it\n", "supply.csv:3:4",
                "unknown customer \"OP9\": no such id in operators.csv or suppliers.csv");
    expect_fail(F, SUPPLY "S2,S2,auto,24,0.8,it\n", "supply.csv:3:4",
                "customer equals supplier (\"S2\")");
    expect_fail(F, SUPPLY "S1,OP2,push,24,0.8,it\n", "supply.csv:3:8",
                "channel must be one of: auto, manual, managed (got \"push\")");
    expect_fail(F, SUPPLY "S1,OP2,auto,-2,0.8,it\n", "supply.csv:3:13",
                "install_lag_hours must be >= 0 (got -2)");
    expect_fail(F, SUPPLY "S1,OP2,auto,1000001,0.8,it\n", "supply.csv:3:13",
                "install_lag_hours must be <= 1000000 (got 1000001)");
    expect_fail(F, SUPPLY "S1,OP2,auto,nan,0.8,it\n", "supply.csv:3:13",
                "install_lag_hours must be a finite number (got nan)");
    expect_fail(F, SUPPLY "S1,OP2,auto,inf,0.8,it\n", "supply.csv:3:13",
                "install_lag_hours must be a finite number (got inf)");
    expect_fail(F, SUPPLY "S1,OP2,auto,1e999,0.8,it\n", "supply.csv:3:13",
                "install_lag_hours must be a finite number (got 1e999)");
    expect_fail(F, SUPPLY "S1,OP2,auto,24h,0.8,it\n", "supply.csv:3:13",
                "install_lag_hours must be a number (got \"24h\")");
    expect_fail(F, SUPPLY "S1,OP2,auto,0x18,0.8,it\n", "supply.csv:3:13",
                "install_lag_hours must be a number (got \"0x18\")");
    expect_fail(F, SUPPLY "S1,OP2,auto,,0.8,it\n", "supply.csv:3:13",
                "install_lag_hours must be a number (got \"\")");
    expect_fail(F, SUPPLY "S1,OP2,auto,24,0,it\n", "supply.csv:3:16",
                "share must be in (0, 1] (got 0)");
    expect_fail(F, SUPPLY "S1,OP2,auto,24,1.0001,it\n", "supply.csv:3:16",
                "share must be in (0, 1] (got 1.0001)");
    expect_fail(F, SUPPLY "S1,OP2,auto,24,0.5,root\n", "supply.csv:3:20",
                "privilege must be one of: it, ot, endpoint (got \"root\")");
    expect_fail(F, SUPPLY "S2,OP3,auto,1,1,ot\nS1,OP1,manual,1,1,ot\n", "supply.csv:4:1",
                "duplicate supply edge \"S1\" -> \"OP1\" (first at line 2)");
#undef SUPPLY
}

static void test_dependency_rules(void)
{
    const ssim_net_file_t F = SSIM_FILE_DEPENDENCIES;
#define DEPS "operator,provider,kind,buffer_hours,loss\nOP3,OP1,power,12,0.6\n"
    expect_fail(F, DEPS "OP9,OP1,power,12,0.6\n", "dependencies.csv:3:1",
                "unknown operator \"OP9\": no such id in operators.csv");
    expect_fail(F, DEPS "S1,OP1,power,12,0.6\n", "dependencies.csv:3:1",
                "operator \"S1\" is a supplier, not an operator (defined at ");
    expect_fail(F, DEPS "OP2,OP9,power,12,0.6\n", "dependencies.csv:3:5",
                "unknown provider \"OP9\": no such id in operators.csv");
    expect_fail(F, DEPS "OP2,S2,power,12,0.6\n", "dependencies.csv:3:5",
                "provider \"S2\" is a supplier, not an operator");
    expect_fail(F, DEPS "OP2,,power,12,0.6\n", "dependencies.csv:3:5",
                "provider must not be empty");
    expect_fail(F, DEPS "OP2,OP2,power,12,0.6\n", "dependencies.csv:3:5",
                "provider equals operator (\"OP2\")");
    expect_fail(F, DEPS "OP2,OP1,electricity,12,0.6\n", "dependencies.csv:3:9",
                "kind must be one of: power, gas, fuel");
    expect_fail(F, DEPS "OP2,OP1,power,-0.5,0.6\n", "dependencies.csv:3:15",
                "buffer_hours must be >= 0 (got -0.5)");
    expect_fail(F, DEPS "OP2,OP1,power,2e6,0.6\n", "dependencies.csv:3:15",
                "buffer_hours must be <= 1000000 (got 2e6)");
    expect_fail(F, DEPS "OP2,OP1,power,12,-0\n", "dependencies.csv:3:18",
                "loss must be in (0, 1] (got -0)");
    expect_fail(F, DEPS "OP2,OP1,power,12,NaN\n", "dependencies.csv:3:18",
                "loss must be a finite number (got NaN)");
    expect_fail(F, DEPS "OP2,OP1,power,1,1\nOP3,OP1,power,1,1\n", "dependencies.csv:4:1",
                "duplicate dependency \"OP3\" on \"OP1\" of kind power (first at line 2)");
#undef DEPS
}

/* Reader errors surface through the loader with the file's path. */
static void test_reader_errors(void)
{
    expect_fail(SSIM_FILE_OPERATORS,
                "id,name,sector,prefecture,customers,designated\nOP1,\x93\x8C\x8B\x9E,gas,1,0,0\n",
                "operators.csv:2:5", "invalid UTF-8 (byte 0x93)");
    expect_fail(SSIM_FILE_SUPPLIERS, "id,name,country,category\nS1,\"Vendor,US,os\n",
                "suppliers.csv:2:4", "unterminated quoted field");
}

/* Every case of the catalogue fails with SSIM_EINVAL and its expected text. */
static void test_catalogue(const char *cat)
{
    DIR *d = opendir(cat);
    CHECK(d != NULL);
    if (!d)
        return;
    int n_cases = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        char casedir[512], p[600], expect[512];
        struct stat sb;
        snprintf(casedir, sizeof casedir, "%s/%s", cat, e->d_name);
        if (e->d_name[0] == '.' || stat(casedir, &sb) != 0 || !S_ISDIR(sb.st_mode))
            continue;
        snprintf(p, sizeof p, "%s/expect", casedir);
        FILE *fp = fopen(p, "r");
        CHECK(fp != NULL);
        if (!fp)
            continue;
        if (!fgets(expect, sizeof expect, fp))
            expect[0] = '\0';
        fclose(fp);
        expect[strcspn(expect, "\n")] = '\0';
        CHECK(strlen(expect) > 0);
        int before = check_failures;
        expect_load_fail(casedir, SSIM_EINVAL, expect, "");
        if (check_failures != before)
            fprintf(stderr, "  in catalogue case %s\n", e->d_name);
        n_cases++;
    }
    closedir(d);
    printf("catalogue: %d cases\n", n_cases);
    CHECK(n_cases >= 35);
}

/* Run only in the build with the row cap lowered to 3 rows. */
static void test_row_cap(void)
{
    static const char *const supply =
        "supplier,customer,channel,install_lag_hours,share,privilege\n"
        "S1,OP1,auto,1,1,it\nS1,OP2,auto,1,1,it\nS1,OP3,auto,1,1,it\n";
    char text[400];
    ssim_network_t net;
    net_text_t t = with(SSIM_FILE_SUPPLY, supply);
    write_net(&t);
    CHECK_EQ_INT(ssim_network_load(&net, dir), SSIM_OK); /* 3 rows: at the cap */
    ssim_network_destroy(&net);

    snprintf(text, sizeof text, "%s\nS2,OP1,auto,1,1,it\n", supply);
    t = with(SSIM_FILE_SUPPLY, text);
    write_net(&t);
    expect_load_fail(dir, SSIM_ENOMEM, "supply.csv:6:1", "more than 3 data rows (size cap)");
}

static void cleanup(void)
{
    net_text_t none = {{NULL, NULL, NULL, NULL}};
    write_net(&none);
    rmdir(dir);
    rmdir(root);
}

int main(int argc, char **argv)
{
    snprintf(root, sizeof root, "/tmp/ssim_test_network.XXXXXX");
    if (!mkdtemp(root)) {
        perror("mkdtemp");
        return 2;
    }
    snprintf(dir, sizeof dir, "%s/net", root);
    if (mkdir(dir, 0700) != 0) {
        perror(dir);
        return 2;
    }
    if (ROW_CAP_BUILD) {
        test_row_cap();
    } else {
        test_valid();
        test_big();
        test_out_of_memory();
        test_file_level();
        test_header_rules();
        test_operator_rules();
        test_supplier_rules();
        test_supply_rules();
        test_dependency_rules();
        test_reader_errors();
        if (argc > 1)
            test_catalogue(argv[1]);
    }
    cleanup();
    return check_report(argv[0]);
}
