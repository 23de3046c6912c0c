/* models/economic_data — Japan's 2011 input-output table, 13 sectors, and the
 * mapping of our sectors onto it (contracts in economic.h).
 *
 * Source: MIC 2011 Input-Output Tables for Japan, basic transactions table,
 * 13-sector classification, producers' prices (e-Stat, sid 0003119272), as
 * republished in CSV by UchidaMizuki/blog-ioanalysis-in-r
 * (iotable_13sector_2011_wider.csv).  Figures in million yen (the table's yen
 * figures are whole millions).  x = domestic production = column total
 * (intermediate inputs + value added) = row total (intermediate + final
 * demand + exports - imports); both totals agree for every sector; the sum
 * is 939,674,856 million yen.  Domestic final demand and imports make the
 * transactions domestic (economic.h, ssim_econ_jp2011_astar).  The same
 * numbers are the fact files
 * scenarios/data/japan/facts/io2011_13sector_{transactions,x}.csv and
 * io2011_sector_map.csv; tests/unit/test_economic.c checks they are equal.
 */
#include "models/economic/economic.h"

const char *const ssim_econ_jp2011_names[SSIM_ECON_JP2011_N] = {
    "Agri",    "Mining",    "Manuf",    "Constr",      "ElecGasWater", "Commerce", "Finance",
    "RealEst", "Transport", "InfoComm", "PublicAdmin", "Services",     "NEC",
};

const char *const ssim_econ_jp2011_long_names[SSIM_ECON_JP2011_N] = {
    "Agriculture, forestry and fishery",
    "Mining",
    "Manufacturing",
    "Construction",
    "Electricity, gas and water supply",
    "Commerce",
    "Finance and insurance",
    "Real estate",
    "Transport and postal services",
    "Information and communication",
    "Public administration",
    "Services",
    "Activities not elsewhere classified",
};

/* z[i][j]: sales of sector i to industry j, million yen. */
// clang-format off
const double ssim_econ_jp2011_z[SSIM_ECON_JP2011_N][SSIM_ECON_JP2011_N] = {
    /* Agri         */ {1456611, 75, 7793613, 56940, 0, 8759, 0, 176, 2137, 0, 1760, 1360935, 0},
    /* Mining       */ {185, 1467, 16857977, 326076, 6905061, 0, 0, 0, 114, 0, 288, 1153, 455},
    /* Manuf        */ {2644966, 67499, 128796467, 14427283, 2267566, 3078079, 990737, 195671, 7050143, 2300817, 2621807, 28693206, 454846},
    /* Constr       */ {70559, 6089, 1340627, 74068, 1179541, 644813, 188422, 3155658, 686950, 322764, 810258, 1293478, 0},
    /* ElecGasWater */ {129027, 29518, 5433465, 279219, 2867130, 2104783, 180997, 420750, 676682, 399010, 538470, 4649129, 64923},
    /* Commerce     */ {659194, 19228, 16319996, 3707597, 398909, 1925850, 216723, 113882, 1325358, 674557, 507162, 9410434, 76141},
    /* Finance      */ {70578, 26912, 1667186, 705539, 415849, 1595778, 2012259, 5383055, 995808, 219677, 1629212, 1858021, 24138},
    /* RealEst      */ {25452, 7520, 589990, 243659, 175158, 3217378, 631478, 1561970, 1016734, 1214661, 61246, 2961078, 195260},
    /* Transport    */ {621420, 194884, 7634204, 2238935, 901224, 5274310, 1087032, 175934, 5126066, 1166073, 1358991, 4930376, 397540},
    /* InfoComm     */ {40877, 7791, 1896955, 473694, 451138, 3758528, 1901761, 287010, 542574, 7022394, 1045584, 7819100, 212206},
    /* PublicAdmin  */ {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1136566},
    /* Services     */ {317219, 53084, 18174564, 5485985, 3124101, 7262084, 3640919, 2168719, 6185168, 8276338, 3864610, 21267108, 449453},
    /* NEC          */ {161503, 5797, 832601, 783322, 109763, 672799, 126273, 344572, 373710, 303169, 33894, 1279852, 0},
};
// clang-format on

const double ssim_econ_jp2011_x[SSIM_ECON_JP2011_N] = {
    12035962, 759980,   289904506, 52514485, 25754673,  93655813, 32093913,
    71187533, 48234034, 46160257,  39405194, 222958231, 5010275,
};

/* Domestic final demand (columns 71-77) and imports (84 + 85 + 86, custom
 * duties and commodity taxes on imports included, as positive numbers),
 * million yen: the import ratio m_i = imports_i / (intermediate sales_i +
 * domestic final demand_i) makes the table's competitive-import
 * transactions domestic (economic.c). */
const double ssim_econ_jp2011_final[SSIM_ECON_JP2011_N] = {
    3869875,  -58775,   90241840, 42741258, 7948391,   51698173, 15558326,
    59265802, 14830017, 21126075, 38268628, 143610279, 18864,
};

const double ssim_econ_jp2011_imports[SSIM_ECON_JP2011_N] = {
    2562809, 23309596, 48364119, 0, 2129, 988900, 906647, 1666, 3462459, 715156, 0, 2805059, 39537,
};

/* io_coverage: docs/models/economic.md, "Sector mapping" (low confidence for
 * petroleum and medical, whose IO sectors are much larger than they are). */
const ssim_econ_map_t ssim_econ_jp2011_map[] = {
    {"electricity", "ElecGasWater", 1.0}, {"gas", "ElecGasWater", 1.0},
    {"water", "ElecGasWater", 1.0},       {"petroleum", "Manuf", 0.06},
    {"finance", "Finance", 1.0},          {"payments", "Finance", 1.0},
    {"rail", "Transport", 1.0},           {"aviation", "Transport", 1.0},
    {"ports", "Transport", 1.0},          {"logistics", "Transport", 1.0},
    {"telecom", "InfoComm", 1.0},         {"government", "PublicAdmin", 1.0},
    {"medical", "Services", 0.17},
};
const size_t ssim_econ_jp2011_map_n = sizeof ssim_econ_jp2011_map / sizeof *ssim_econ_jp2011_map;
