# Fuzz harnesses (tests/fuzz/, docs/testing.md "Fuzzing").  Each harness is
# one file defining LLVMFuzzerTestOneInput, built twice:
#   fuzz_replay_<name>  with any compiler: tests/fuzz/replay.c runs every file
#                       of its corpus once; the test unit.fuzz_<name> (label
#                       unit, so the sanitizer build runs it too);
#   fuzz_<name>         with SSIM_FUZZ=ON (clang): the libFuzzer binary that
#                       tests/fuzz/fuzz.sh runs.
set(SSIM_FUZZ_DIR ${CMAKE_CURRENT_LIST_DIR}/fuzz)

# ssim_fuzz_harness(<name> LIBS <target>... [DEFINITIONS <definition>...])
# The harness is tests/fuzz/fuzz_<name>.c, its corpus tests/fuzz/corpus/<name>/.
function(ssim_fuzz_harness NAME)
  cmake_parse_arguments(PARSE_ARGV 1 F "" "" "LIBS;DEFINITIONS")
  set(sources ${SSIM_FUZZ_DIR}/fuzz_${NAME}.c ${SSIM_FUZZ_DIR}/fuzz_util.c)
  add_executable(fuzz_replay_${NAME} ${SSIM_FUZZ_DIR}/replay.c ${sources})
  target_link_libraries(fuzz_replay_${NAME} PRIVATE ${F_LIBS})
  target_compile_definitions(fuzz_replay_${NAME} PRIVATE ${F_DEFINITIONS})
  add_test(NAME unit.fuzz_${NAME} COMMAND fuzz_replay_${NAME} ${SSIM_FUZZ_DIR}/corpus/${NAME})
  # lsan.supp: the third-party leaks on malformed input (sanitizer build).
  set_tests_properties(
    unit.fuzz_${NAME}
    PROPERTIES LABELS unit TIMEOUT 120
               ENVIRONMENT "LSAN_OPTIONS=suppressions=${SSIM_FUZZ_DIR}/lsan.supp:fast_unwind_on_malloc=0")
  if(SSIM_FUZZ)
    add_executable(fuzz_${NAME} ${sources})
    target_link_libraries(fuzz_${NAME} PRIVATE ${F_LIBS})
    target_compile_definitions(fuzz_${NAME} PRIVATE ${F_DEFINITIONS})
    target_link_options(fuzz_${NAME} PRIVATE -fsanitize=fuzzer)
  endif()
endfunction()

ssim_fuzz_harness(network LIBS ssim_graph)
ssim_fuzz_harness(snapshot LIBS ssim_graph)
ssim_fuzz_harness(scenario LIBS ssim_study ssim_regulation
                  DEFINITIONS SSIM_FUZZ_SOURCE_DIR="${PROJECT_SOURCE_DIR}")
ssim_fuzz_harness(h5read LIBS ssim_analysis)
