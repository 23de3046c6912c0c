# Network generators synthetic, ba, er and sbm (models/gen_*.c): determinism,
# sizes, statistical facts and parameter errors, through the plug-in table and
# the network loader, and the parameter tables in docs/models/generators.md
# (test_gen_synthetic); and the command line's bounds check
# of a generator parameter (exit 2, the rule named).
add_executable(test_gen_synthetic ${CMAKE_CURRENT_LIST_DIR}/test_gen_synthetic.c)
target_link_libraries(test_gen_synthetic PRIVATE ssim_study ssim_generators)
target_include_directories(test_gen_synthetic PRIVATE ${CMAKE_CURRENT_LIST_DIR})
add_test(NAME unit.test_gen_synthetic
         COMMAND test_gen_synthetic ${PROJECT_SOURCE_DIR}/docs/models/generators.md)
set_tests_properties(unit.test_gen_synthetic PROPERTIES LABELS unit)

add_test(NAME unit.gen_synthetic_bounds
         COMMAND sh -c "\"$0\" generate synthetic --operators 5 -o \"$1\" 2>\"$1.err\"; rc=$?; \
grep -q 'operators must be an integer in \\[10, 1e+07\\]' \"$1.err\" && test $rc -eq 2"
                 $<TARGET_FILE:sectorsim> ${CMAKE_CURRENT_BINARY_DIR}/gen_bounds_out)
set_tests_properties(unit.gen_synthetic_bounds PROPERTIES LABELS unit)
