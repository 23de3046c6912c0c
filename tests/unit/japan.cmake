# The Japan generator (models/generators/japan/gen_japan*.c): helpers, determinism, counts per
# sector at scale 1 and 0.1, census population sums, power-area dependencies,
# designation, and broken fact tables (test_gen_japan).  It generates into the
# build tree from the bundled facts.
add_executable(test_gen_japan ${CMAKE_CURRENT_LIST_DIR}/test_gen_japan.c)
target_link_libraries(test_gen_japan PRIVATE ssim_study ssim_generators)
target_include_directories(test_gen_japan PRIVATE ${CMAKE_CURRENT_LIST_DIR})
add_test(NAME unit.test_gen_japan
         COMMAND test_gen_japan ${PROJECT_SOURCE_DIR}/scenarios/data/japan/facts
                 ${CMAKE_CURRENT_BINARY_DIR}/japan_unit)
set_tests_properties(unit.test_gen_japan PROPERTIES LABELS unit)
