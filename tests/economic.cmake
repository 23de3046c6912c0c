# End-to-end tests of the economic layer (docs/models/economic.md): the tiny
# example with economic.enabled against an independent reference, the iim /
# diim example, thread invariance, read-back with h5py/xarray, valgrind.
set(ECON_STOCH ${CMAKE_CURRENT_LIST_DIR}/scenarios/stochastic_economic.yaml)
add_test(NAME e2e.tiny_economic
         COMMAND ${SSIM_PYTHON} ${CMAKE_CURRENT_LIST_DIR}/golden/test_tiny_economic.py
                 $<TARGET_FILE:sectorsim> ${SSIM_SOURCE_DIR}/scenarios/examples/tiny/scenario.yaml
                 ${SSIM_SOURCE_DIR})
add_test(NAME e2e.diim_example
         COMMAND ${SSIM_PYTHON} ${CMAKE_CURRENT_LIST_DIR}/golden/test_diim_example.py
                 $<TARGET_FILE:sectorsim> ${SSIM_SOURCE_DIR}/scenarios/examples/diim/scenario.yaml)
add_test(NAME e2e.diim_h5check
         COMMAND ${CMAKE_CURRENT_LIST_DIR}/scripts/run_and_check.sh $<TARGET_FILE:sectorsim>
                 ${SSIM_SOURCE_DIR}/scenarios/examples/diim/scenario.yaml)
add_test(NAME e2e.economic_thread_invariance
         COMMAND ${CMAKE_CURRENT_LIST_DIR}/scripts/thread_invariance.sh $<TARGET_FILE:sectorsim>
                 ${ECON_STOCH})
add_test(NAME e2e.economic_h5check
         COMMAND ${CMAKE_CURRENT_LIST_DIR}/scripts/run_and_check.sh $<TARGET_FILE:sectorsim>
                 ${ECON_STOCH})
set_tests_properties(e2e.tiny_economic e2e.diim_example e2e.diim_h5check
                     e2e.economic_thread_invariance e2e.economic_h5check PROPERTIES LABELS e2e)
find_program(VALGRIND valgrind)
if(VALGRIND AND NOT SSIM_SANITIZE)
  add_test(NAME e2e.economic_valgrind
           COMMAND ${VALGRIND} --error-exitcode=9 --leak-check=full --errors-for-leak-kinds=definite
                   $<TARGET_FILE:sectorsim> run ${ECON_STOCH} --trials 50 --threads 2 --quiet
                   -o ${CMAKE_CURRENT_BINARY_DIR}/economic_valgrind.h5)
  set_tests_properties(e2e.economic_valgrind PROPERTIES LABELS e2e)
endif()

# Per-sector recovery rates: the mapping form with every sector equal to the
# single number gives the same results; a larger K recovers faster and keeps
# the cumulative impact (tests/golden/test_sector_k.py).
add_test(NAME e2e.economic_sector_k
         COMMAND ${SSIM_PYTHON} ${CMAKE_CURRENT_LIST_DIR}/golden/test_sector_k.py
                 $<TARGET_FILE:sectorsim> ${SSIM_SOURCE_DIR})
set_tests_properties(e2e.economic_sector_k PROPERTIES LABELS e2e)
