# Writes OUT (a C header defining SSIM_GIT_REVISION) from the source tree's
# git state, run at every build (the ssim_revision target), and touches OUT
# only when the revision changed, so that an unchanged tree rebuilds nothing.
#   cmake -DSRC=<source dir> -DOUT=<header> -P cmake/revision.cmake
# The revision is the 12-digit abbreviated commit, with "-dirty" when tracked
# files differ from it, or "unknown" outside a git checkout.
execute_process(COMMAND git rev-parse --short=12 HEAD
                WORKING_DIRECTORY ${SRC}
                OUTPUT_VARIABLE rev
                OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET
                RESULT_VARIABLE rc)
if(NOT rc EQUAL 0 OR NOT rev)
  set(rev "unknown")
else()
  # status compares contents (a fresh clone's or a touched file's stale index
  # stat data is not a change) and, with --no-optional-locks, never writes the
  # index of the source tree.
  execute_process(COMMAND git --no-optional-locks status --porcelain --untracked-files=no
                  WORKING_DIRECTORY ${SRC}
                  OUTPUT_VARIABLE changes
                  OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET)
  if(changes)
    string(APPEND rev "-dirty")
  endif()
endif()
set(text "/* Generated at build time by cmake/revision.cmake: do not edit. */
#ifndef SSIM_REVISION_H
#define SSIM_REVISION_H
#define SSIM_GIT_REVISION \"${rev}\"
#endif
")
if(EXISTS ${OUT})
  file(READ ${OUT} old)
endif()
if(NOT "${old}" STREQUAL "${text}")
  file(WRITE ${OUT} "${text}")
endif()
