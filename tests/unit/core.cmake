# Unit tests for the layers the lead owns: core, graph, results, the model, and
# the supply-chain event queue against core/heap, the trial loop with a mock model;
# core/text (shortest numbers, CSV fields) and core/atomic (atomic files, group commit).
foreach(t test_core test_text test_atomic test_graph test_results test_model test_sc_queue test_run)
  if(EXISTS ${CMAKE_CURRENT_LIST_DIR}/${t}.c)
    ssim_unit_test(NAME ${t} SOURCES ${t}.c LIBS ssim_models ssim_generators)
  endif()
endforeach()

# Defect 2 of issue 18: planted files and symlinks at the atomic writer's
# names (made guessable by the test's own getrandom) are never followed.
ssim_unit_test(NAME test_atomic_planted SOURCES test_atomic_planted.c LIBS ssim_core)
