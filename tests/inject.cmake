# Failure injection (issue 18): sectorsim-inject is the sectorsim program
# (the same cli/ objects) plus tests/inject/inject.c, whose constructor reads
# SSIM_INJECT_ALLOC, SSIM_INJECT_IO and SSIM_INJECT_REPORT; the production
# program reads none of them.  See docs/testing.md, "Failure injection".
add_executable(sectorsim-inject ${CMAKE_CURRENT_LIST_DIR}/inject/inject.c)
target_link_libraries(sectorsim-inject PRIVATE ssim_cli)

# Allocation-failure sweep (issue 18, defect 10): every allocation of a small
# run, compare and summarize --csv fails in turn; each must exit 3 with an
# out-of-memory message and leave no output and no temporary.  In sanitizer
# builds (ASan with leak checking: a leak fails the run) every 5th point of
# run and compare, every 2nd of summarize, to keep the time near a minute.
if(SSIM_SANITIZE)
  set(SSIM_INJECT_STRIDE_RUN 5)
  set(SSIM_INJECT_STRIDE_SUMMARIZE 2)
else()
  set(SSIM_INJECT_STRIDE_RUN 1)
  set(SSIM_INJECT_STRIDE_SUMMARIZE 1)
endif()
foreach(command run compare summarize)
  set(stride ${SSIM_INJECT_STRIDE_RUN})
  if(command STREQUAL summarize)
    set(stride ${SSIM_INJECT_STRIDE_SUMMARIZE})
  endif()
  add_test(NAME e2e.inject_alloc_${command}
           COMMAND ${SSIM_PYTHON} ${CMAKE_CURRENT_LIST_DIR}/scripts/inject_alloc.py
                   $<TARGET_FILE:sectorsim-inject> ${SSIM_SOURCE_DIR} ${command} --stride ${stride})
  set_tests_properties(e2e.inject_alloc_${command} PROPERTIES LABELS e2e TIMEOUT 600)
endforeach()

# I/O-failure injection: each write, fsync, close, rename and link of the
# outputs of run, compare, summarize --csv, generate and criticality fails in turn (ENOSPC
# or EIO), over no earlier output and over an earlier one; short writes are
# completed, a short write then ENOSPC fails: exit 4, the output named, the
# earlier output byte-identical, no temporary.
# Sanitizer builds: every 2nd point of each kind, and the last.
if(SSIM_SANITIZE)
  set(SSIM_INJECT_IO_STRIDE 2)
else()
  set(SSIM_INJECT_IO_STRIDE 1)
endif()
add_test(NAME e2e.inject_io
         COMMAND ${SSIM_PYTHON} ${CMAKE_CURRENT_LIST_DIR}/scripts/inject_io.py
                 $<TARGET_FILE:sectorsim-inject> ${SSIM_SOURCE_DIR} ${SSIM_INJECT_IO_STRIDE})
set_tests_properties(e2e.inject_io PROPERTIES LABELS e2e TIMEOUT 600)

# A tests-only LD_PRELOAD shim whose pthread_create fails after the first
# SSIM_NOTHREADS_AFTER calls (defect 13).  Built without sanitizers: it is
# loaded before the ASan runtime.
add_library(ssim_nothreads MODULE ${CMAKE_CURRENT_LIST_DIR}/inject/nothreads.c)
target_link_libraries(ssim_nothreads PRIVATE ${CMAKE_DL_LIBS})
if(SSIM_SANITIZE)
  target_compile_options(ssim_nothreads PRIVATE -fno-sanitize=all)
  target_link_options(ssim_nothreads PRIVATE -fno-sanitize=all)
endif()

# A refused thread exits 3 with a message, no file (defect 13).
add_test(NAME e2e.nothreads
         COMMAND ${CMAKE_CURRENT_LIST_DIR}/scripts/nothreads.sh $<TARGET_FILE:sectorsim>
                 $<TARGET_FILE:ssim_nothreads> ${SSIM_SOURCE_DIR})
set_tests_properties(e2e.nothreads PROPERTIES LABELS e2e)
