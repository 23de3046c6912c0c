# The command line as a table (cli/commands.c): every command answers --help,
# the global help lists every command, misspelt commands and options get a
# suggestion.  The list below is written here on purpose, not read from the
# program: a command missing from the table (or one added to it without
# adding it here) fails cli.global_help and its cli.help.* test.
set(SSIM_CLI_COMMANDS run validate compare info generate network summarize report risk merge
    criticality schema
    fields help)
set(CLI_SCRIPT ${CMAKE_CURRENT_LIST_DIR}/scripts/cli.cmake)
set(CLI_TINY ${SSIM_SOURCE_DIR}/scenarios/examples/tiny/scenario.yaml)
string(REPLACE ";" "," CLI_COMMAND_LIST "${SSIM_CLI_COMMANDS}")

set(CLI_TESTS)
foreach(cmd ${SSIM_CLI_COMMANDS})
  add_test(NAME cli.help.${cmd}
           COMMAND ${CMAKE_COMMAND} -DBIN=$<TARGET_FILE:sectorsim> -DCASE=command_help
                   -DCMD=${cmd} -P ${CLI_SCRIPT})
  list(APPEND CLI_TESTS cli.help.${cmd})
endforeach()
foreach(case global_help bare_usage generator_help suggest_option suggest_command
        suggest_global_option no_suggestion)
  add_test(NAME cli.${case}
           COMMAND ${CMAKE_COMMAND} -DBIN=$<TARGET_FILE:sectorsim> -DCASE=${case}
                   -DCOMMANDS=${CLI_COMMAND_LIST} -DTINY=${CLI_TINY} -P ${CLI_SCRIPT})
  list(APPEND CLI_TESTS cli.${case})
endforeach()
set_tests_properties(${CLI_TESTS} PROPERTIES LABELS e2e)
