# The fast independent-cascade kernel against its slow reference
# (models/kernels/kernel_ic_ref.c and kernel_ic_fast.c; STYLE rule 15): inline coins equal core/rng.c bit for
# bit, and both kernels give byte-identical result rows on random graphs
# (unit.test_kernel_ic_fast, a few seconds).
add_executable(test_kernel_ic_fast ${CMAKE_CURRENT_LIST_DIR}/test_kernel_ic_fast.c
                                   ${CMAKE_CURRENT_LIST_DIR}/kernel_testlib.c)
target_link_libraries(test_kernel_ic_fast PRIVATE ssim_models ssim_generators PkgConfig::IGRAPH)
target_include_directories(test_kernel_ic_fast PRIVATE ${CMAKE_CURRENT_LIST_DIR})
add_test(NAME unit.test_kernel_ic_fast COMMAND test_kernel_ic_fast)
set_tests_properties(unit.test_kernel_ic_fast PROPERTIES LABELS unit)
