# The classic kernels (models/kernel_*.c) and the coupled_er generator:
#   unit.test_kernels          exact small cases, error paths (fast)
#   stat.kernels_<case>        statistical validation against exact and analytic
#                              answers (LABELS stat; about a minute on 2 cores)
#   e2e.kernel_<k>_*           thread invariance and h5py read-back of one
#                              scenario per kernel (tests/scenarios/kernel_*.yaml)
#   e2e.kernel_<k>_valgrind    no memory errors or leaks
#   e2e.kernel_network_fresh   the committed test network is what the generator writes
#   e2e.kernel_ic_cross_check  IC against an independent networkx implementation
set(SSIM_KT_DIR ${CMAKE_CURRENT_LIST_DIR}/unit)
foreach(t test_kernels test_kernels_stat)
  add_executable(${t} ${SSIM_KT_DIR}/${t}.c ${SSIM_KT_DIR}/kernel_testlib.c)
  target_link_libraries(${t} PRIVATE ssim_models ssim_generators PkgConfig::IGRAPH)
  target_include_directories(${t} PRIVATE ${SSIM_KT_DIR})
endforeach()

add_test(NAME unit.test_kernels COMMAND test_kernels)
set_tests_properties(unit.test_kernels PROPERTIES LABELS unit)

foreach(case enumeration ic_er coverage watts_window interdep)
  add_test(NAME stat.kernels_${case} COMMAND test_kernels_stat ${case})
  set_tests_properties(stat.kernels_${case} PROPERTIES LABELS stat)
endforeach()

set(SSIM_KT_SCEN ${CMAKE_CURRENT_LIST_DIR}/scenarios)
set(SSIM_KT_SCRIPTS ${CMAKE_CURRENT_LIST_DIR}/scripts)
foreach(k ic watts interdep)
  add_test(NAME e2e.kernel_${k}_thread_invariance
           COMMAND ${SSIM_KT_SCRIPTS}/thread_invariance.sh $<TARGET_FILE:sectorsim>
                   ${SSIM_KT_SCEN}/kernel_${k}.yaml)
  add_test(NAME e2e.kernel_${k}_h5check
           COMMAND ${SSIM_KT_SCRIPTS}/run_and_check.sh $<TARGET_FILE:sectorsim>
                   ${SSIM_KT_SCEN}/kernel_${k}.yaml)
  set_tests_properties(e2e.kernel_${k}_thread_invariance e2e.kernel_${k}_h5check
                       PROPERTIES LABELS e2e)
endforeach()

# No memory errors and no leaks in the kernels (skipped in sanitizer builds).
find_program(VALGRIND valgrind)
if(VALGRIND AND NOT SSIM_SANITIZE)
  foreach(k ic watts interdep)
    add_test(NAME e2e.kernel_${k}_valgrind
             COMMAND ${VALGRIND} --error-exitcode=9 --leak-check=full
                     --errors-for-leak-kinds=definite $<TARGET_FILE:sectorsim> run
                     ${SSIM_KT_SCEN}/kernel_${k}.yaml --trials 100 --threads 2 --quiet
                     -o ${CMAKE_CURRENT_BINARY_DIR}/kernel_${k}_valgrind.h5)
    set_tests_properties(e2e.kernel_${k}_valgrind PROPERTIES LABELS e2e)
  endforeach()
endif()

add_test(NAME e2e.kernel_network_fresh
         COMMAND ${SSIM_KT_SCRIPTS}/kernel_network_fresh.sh $<TARGET_FILE:sectorsim>
                 ${SSIM_KT_SCEN}/kernels/coupled_er_200)
set_tests_properties(e2e.kernel_network_fresh PROPERTIES LABELS e2e)

# The cross-check needs Debian's python3-networkx and python3-h5py.
execute_process(COMMAND ${SSIM_PYTHON} -c "import networkx, h5py, numpy"
                RESULT_VARIABLE SSIM_KT_PY_RC OUTPUT_QUIET ERROR_QUIET)
if(SSIM_KT_PY_RC EQUAL 0)
  add_test(NAME e2e.kernel_ic_cross_check
           COMMAND ${SSIM_PYTHON} ${SSIM_KT_SCRIPTS}/cross_check_ic.py $<TARGET_FILE:sectorsim>
                   ${SSIM_KT_SCEN}/kernels/coupled_er_200)
  set_tests_properties(e2e.kernel_ic_cross_check PROPERTIES LABELS e2e)
else()
  message(STATUS "kernels: ${SSIM_PYTHON} lacks networkx/h5py: the IC cross-check is skipped")
endif()
