# End-to-end tests through the sectorsim program.
set(TINY ${SSIM_SOURCE_DIR}/scenarios/examples/tiny/scenario.yaml)
set(STOCH ${CMAKE_CURRENT_LIST_DIR}/scenarios/stochastic.yaml)
set(SCRIPTS ${CMAKE_CURRENT_LIST_DIR}/scripts)

add_test(NAME e2e.help COMMAND ${CMAKE_COMMAND} -DBIN=$<TARGET_FILE:sectorsim>
         -P ${SCRIPTS}/help.cmake)

add_test(NAME e2e.tiny_golden
         COMMAND ${SSIM_PYTHON} ${CMAKE_CURRENT_LIST_DIR}/golden/test_tiny.py
                 $<TARGET_FILE:sectorsim> ${TINY})

add_test(NAME e2e.thread_invariance
         COMMAND ${SCRIPTS}/thread_invariance.sh $<TARGET_FILE:sectorsim> ${STOCH})
add_test(NAME e2e.thread_invariance_summary_only
         COMMAND ${SCRIPTS}/thread_invariance.sh $<TARGET_FILE:sectorsim> ${STOCH} --summary-only)

# --summary-only (lean storage) gives the per-trial run's summaries to the bit
# (5 000 trials: blocks of 4; the second scenario has the economic layer).
add_test(NAME e2e.summary_only_same
         COMMAND ${SSIM_PYTHON} ${SCRIPTS}/summary_only_same.py $<TARGET_FILE:sectorsim> ${STOCH} 5000 2)
add_test(NAME e2e.summary_only_same_economic
         COMMAND ${SSIM_PYTHON} ${SCRIPTS}/summary_only_same.py $<TARGET_FILE:sectorsim>
                 ${CMAKE_CURRENT_LIST_DIR}/scenarios/stochastic_economic.yaml 5000 3)
set_tests_properties(e2e.summary_only_same e2e.summary_only_same_economic PROPERTIES LABELS e2e)

add_test(NAME e2e.h5check_stochastic
         COMMAND ${SCRIPTS}/run_and_check.sh $<TARGET_FILE:sectorsim> ${STOCH})

add_test(NAME e2e.bad_inputs
         COMMAND ${SSIM_PYTHON} ${SCRIPTS}/bad_inputs.py $<TARGET_FILE:sectorsim> ${SSIM_SOURCE_DIR})

add_test(NAME e2e.kill_run COMMAND ${SCRIPTS}/kill_run.sh $<TARGET_FILE:sectorsim> ${STOCH})

add_test(NAME e2e.docs_in_sync
         COMMAND ${SSIM_PYTHON} ${SCRIPTS}/docs_in_sync.py $<TARGET_FILE:sectorsim> ${SSIM_SOURCE_DIR})

set_tests_properties(e2e.help e2e.tiny_golden e2e.thread_invariance
                     e2e.thread_invariance_summary_only e2e.h5check_stochastic e2e.bad_inputs
                     e2e.kill_run e2e.docs_in_sync PROPERTIES LABELS e2e)
# The kill test needs both cores to itself for its timing to mean anything.
set_tests_properties(e2e.kill_run PROPERTIES RUN_SERIAL TRUE)

# `info` on a network directory prints its shape.
add_test(NAME e2e.info_network
         COMMAND $<TARGET_FILE:sectorsim> info ${SSIM_SOURCE_DIR}/scenarios/examples/tiny/network)
set_tests_properties(e2e.info_network PROPERTIES LABELS e2e
                     PASS_REGULAR_EXPRESSION "10 operators, 4 suppliers, 13 supply edges, 8 dependencies")

# The shape reports count the dependency cycles (the graph build of a run
# leaves them out): the bundled Japan network has 4, in `info` and `validate`.
add_test(NAME e2e.shape_cycles_info
         COMMAND $<TARGET_FILE:sectorsim> info ${SSIM_SOURCE_DIR}/scenarios/data/japan/network)
add_test(NAME e2e.shape_cycles_validate
         COMMAND $<TARGET_FILE:sectorsim> validate ${SSIM_SOURCE_DIR}/scenarios/japan/baseline.yaml)
set_tests_properties(e2e.shape_cycles_info e2e.shape_cycles_validate PROPERTIES LABELS e2e
                     PASS_REGULAR_EXPRESSION "dependency cycles: 4\n")
# None of the four has every loss >= the baseline's down_threshold 0.5: no
# locking-cycle warning (cli/lockcycles.c).
set_tests_properties(e2e.shape_cycles_validate PROPERTIES FAIL_REGULAR_EXPRESSION "locking cycle")

# No memory errors and no leaks on a full run (skipped in sanitizer builds).
find_program(VALGRIND valgrind)
if(VALGRIND AND NOT SSIM_SANITIZE)
  add_test(NAME e2e.valgrind_run
           COMMAND ${VALGRIND} --error-exitcode=9 --leak-check=full --errors-for-leak-kinds=definite
                   $<TARGET_FILE:sectorsim> run ${STOCH} --trials 100 --threads 2 --quiet
                   -o ${CMAKE_CURRENT_BINARY_DIR}/valgrind_run.h5)
  set_tests_properties(e2e.valgrind_run PROPERTIES LABELS e2e)
  # lean storage: the scratch rows and the block sums
  add_test(NAME e2e.valgrind_run_summary_only
           COMMAND ${VALGRIND} --error-exitcode=9 --leak-check=full --errors-for-leak-kinds=definite
                   $<TARGET_FILE:sectorsim> run ${STOCH} --trials 3000 --threads 2 --quiet
                   --summary-only -o ${CMAKE_CURRENT_BINARY_DIR}/valgrind_run_summary.h5)
  set_tests_properties(e2e.valgrind_run_summary_only PROPERTIES LABELS e2e)
endif()

# The event table (output.events): the hand-worked chain, thread invariance, read-back.
add_test(NAME e2e.tiny_events
         COMMAND ${SSIM_PYTHON} ${CMAKE_CURRENT_LIST_DIR}/golden/test_tiny_events.py
                 $<TARGET_FILE:sectorsim> ${CMAKE_CURRENT_LIST_DIR}/scenarios/tiny_events.yaml)
add_test(NAME e2e.events_thread_invariance
         COMMAND ${SCRIPTS}/thread_invariance.sh $<TARGET_FILE:sectorsim>
                 ${CMAKE_CURRENT_LIST_DIR}/scenarios/stochastic_events.yaml)
add_test(NAME e2e.events_h5check
         COMMAND ${SCRIPTS}/run_and_check.sh $<TARGET_FILE:sectorsim>
                 ${CMAKE_CURRENT_LIST_DIR}/scenarios/stochastic_events.yaml)
set_tests_properties(e2e.tiny_events e2e.events_thread_invariance e2e.events_h5check
                     PROPERTIES LABELS e2e)

# Every trial runs exactly once whatever the batching of the run loop.
add_test(NAME e2e.tiny_many_trials
         COMMAND ${SSIM_PYTHON} ${CMAKE_CURRENT_LIST_DIR}/golden/test_tiny_many.py
                 $<TARGET_FILE:sectorsim> ${TINY})
set_tests_properties(e2e.tiny_many_trials PROPERTIES LABELS e2e)

# Pinned verification hashes and result tables (tests/pinned_hashes.txt): a
# refactoring changes none of them.
add_test(NAME e2e.pinned_hashes
         COMMAND ${SCRIPTS}/pinned_hashes.sh $<TARGET_FILE:sectorsim> ${SSIM_SOURCE_DIR})
set_tests_properties(e2e.pinned_hashes PROPERTIES LABELS e2e)

# Special files and aliased paths (issue 18, defects 3, 4, 8): FIFO and
# directory inputs, outputs that are an input (by device and inode) or a FIFO:
# exit 2 at once, inputs untouched.
add_test(NAME e2e.special_files
         COMMAND ${SCRIPTS}/special_files.sh $<TARGET_FILE:sectorsim> ${SSIM_SOURCE_DIR})
set_tests_properties(e2e.special_files PROPERTIES LABELS e2e TIMEOUT 300)

# Out of memory while the results file is built: exit 3, no file, never a
# signal (issue 18, defect 1).  Not under sanitizers (address-space limits).
if(NOT SSIM_SANITIZE)
  add_test(NAME e2e.oom_write
           COMMAND ${SCRIPTS}/oom_write.sh $<TARGET_FILE:sectorsim> ${SSIM_SOURCE_DIR})
  set_tests_properties(e2e.oom_write PROPERTIES LABELS e2e TIMEOUT 600)
endif()

# kill -9 at random moments of every phase of run, compare and generate over
# an earlier result (issue 18): 30 kills here, 100+ by hand (docs/testing.md).
# Reproducible from the seed it prints; timings need the cores to itself.
add_test(NAME e2e.kill_loop
         COMMAND ${SCRIPTS}/kill_loop.sh $<TARGET_FILE:sectorsim> ${SSIM_SOURCE_DIR} 30)
set_tests_properties(e2e.kill_loop PROPERTIES LABELS e2e RUN_SERIAL TRUE TIMEOUT 400)

# Free space checked before the first trial (issue 18, defect 11): a 1 MiB
# tmpfs (needs root; skipped otherwise).
add_test(NAME e2e.disk_space
         COMMAND ${SCRIPTS}/disk_space.sh $<TARGET_FILE:sectorsim> ${SSIM_SOURCE_DIR})
set_tests_properties(e2e.disk_space PROPERTIES LABELS e2e SKIP_RETURN_CODE 77 TIMEOUT 120)

# The hostile-input catalogue (issue 18): tests/hostile/cases.txt, extreme but
# valid values at every bound, one past each, names at the file system's
# limits, special files, a network that fails generate's check.
add_test(NAME e2e.hostile_inputs
         COMMAND ${SSIM_PYTHON} ${SCRIPTS}/hostile.py $<TARGET_FILE:sectorsim> ${SSIM_SOURCE_DIR})
set_tests_properties(e2e.hostile_inputs PROPERTIES LABELS e2e TIMEOUT 600)

# A results file that crashes HDF5 1.10 inside the library: exit 4 naming the
# file, not a signal (io/h5read's crash guard; off in sanitizer builds).
if(NOT SSIM_SANITIZE)
  add_test(NAME e2e.damaged_results
           COMMAND ${SCRIPTS}/damaged_results.sh $<TARGET_FILE:sectorsim>
                   $<TARGET_FILE:sectorsim-inject> ${SSIM_SOURCE_DIR})
  set_tests_properties(e2e.damaged_results PROPERTIES LABELS e2e)
endif()

# Keys with no effect for the scenario's incident.type are warned about
# (file:line:col, why), once by validate, run and compare; the run succeeds.
add_test(NAME e2e.inert_keys
         COMMAND ${SCRIPTS}/inert_keys.sh $<TARGET_FILE:sectorsim> ${SSIM_SOURCE_DIR})
set_tests_properties(e2e.inert_keys PROPERTIES LABELS e2e)

# validate warns about dependency cycles at or above cascade.down_threshold,
# which lock an outage to the horizon (checked by hand on the tiny example).
add_test(NAME e2e.locking_cycles
         COMMAND ${SCRIPTS}/locking_cycles.sh $<TARGET_FILE:sectorsim> ${SSIM_SOURCE_DIR})
set_tests_properties(e2e.locking_cycles PROPERTIES LABELS e2e)
