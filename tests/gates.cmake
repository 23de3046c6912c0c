# Gates (LABELS gates): checks of the source tree, not of the program, that
# keep the architecture as it is (STYLE.md rule 3).
#   gates.layers           no C file includes a layer it may not, nor a
#                          third-party header outside its layers
#                          (tests/scripts/layers.py; the table in docs/architecture.md)
#   gates.layers_selftest  the layer gate fails on a tree that breaks the rules
set(SSIM_GATE_SCRIPTS ${CMAKE_CURRENT_LIST_DIR}/scripts)

add_test(NAME gates.layers
         COMMAND ${SSIM_PYTHON} ${SSIM_GATE_SCRIPTS}/layers.py ${SSIM_SOURCE_DIR})
add_test(NAME gates.layers_selftest
         COMMAND ${SSIM_PYTHON} ${SSIM_GATE_SCRIPTS}/layers_selftest.py ${SSIM_SOURCE_DIR})

set_tests_properties(gates.layers gates.layers_selftest PROPERTIES LABELS gates)
