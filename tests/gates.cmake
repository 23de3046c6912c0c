# Gates (LABELS gates): checks of the source tree, not of the program, that
# keep the architecture and the style as they are (STYLE.md rules 3 and 20).
#   gates.layers           no C file includes a layer it may not, nor a
#                          third-party header outside its layers
#                          (tests/scripts/layers.py; the table in docs/architecture.md)
#   gates.layers_selftest  the layer gate fails on a tree that breaks the rules
#   gates.clang_format     every tracked *.c/*.h is formatted (.clang-format,
#                          clang-format 14)
set(SSIM_GATE_SCRIPTS ${CMAKE_CURRENT_LIST_DIR}/scripts)

add_test(NAME gates.layers
         COMMAND ${SSIM_PYTHON} ${SSIM_GATE_SCRIPTS}/layers.py ${SSIM_SOURCE_DIR})
add_test(NAME gates.layers_selftest
         COMMAND ${SSIM_PYTHON} ${SSIM_GATE_SCRIPTS}/layers_selftest.py ${SSIM_SOURCE_DIR})

find_program(SSIM_CLANG_FORMAT NAMES clang-format-14 clang-format)
add_test(NAME gates.clang_format
         COMMAND ${SSIM_GATE_SCRIPTS}/clang_format.sh ${SSIM_CLANG_FORMAT} ${SSIM_SOURCE_DIR})
set_tests_properties(gates.clang_format PROPERTIES SKIP_RETURN_CODE 77)

set_tests_properties(gates.layers gates.layers_selftest gates.clang_format
                     PROPERTIES LABELS gates)
