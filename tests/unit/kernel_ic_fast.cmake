# The fast independent-cascade kernel against its slow reference
# (models/kernels/kernel_ic_ref.c and kernel_ic_fast.c; STYLE rule 15): inline coins equal core/rng.c bit for
# bit, and both kernels give byte-identical result rows on random graphs
# (unit.test_kernel_ic_fast, a few seconds).
ssim_unit_test(NAME test_kernel_ic_fast SOURCES test_kernel_ic_fast.c kernel_testlib.c
               LIBS ssim_models ssim_generators PkgConfig::IGRAPH)
