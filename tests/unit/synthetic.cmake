# Network generators synthetic, ba, er and sbm (models/gen_*.c): determinism,
# sizes, statistical facts and parameter errors, through the plug-in table and
# the network loader, and the parameter tables in docs/models/generators.md
# (test_gen_synthetic); and the command line's bounds check
# of a generator parameter (exit 2, the rule named).
ssim_unit_test(NAME test_gen_synthetic SOURCES test_gen_synthetic.c
               LIBS ssim_study ssim_generators ARGS ${PROJECT_SOURCE_DIR}/docs/models/generators.md)

add_test(NAME unit.gen_synthetic_bounds
         COMMAND sh -c "\"$0\" generate synthetic --operators 5 -o \"$1\" 2>\"$1.err\"; rc=$?; \
grep -q 'operators must be an integer in \\[10, 1e+07\\]' \"$1.err\" && test $rc -eq 2"
                 $<TARGET_FILE:sectorsim> ${CMAKE_CURRENT_BINARY_DIR}/gen_bounds_out)
set_tests_properties(unit.gen_synthetic_bounds PROPERTIES LABELS unit)
