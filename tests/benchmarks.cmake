# The benchmark drivers still run (they are programs, not timed tests; this
# only checks that a driver works end to end and its row is consistent):
#   benchmarks.national_smoke   benchmarks/national.sh at scale 1 (4,886
#                               operators), 20 trials, on 1 and then 2 threads
#                               (reusing the network), the second as on a
#                               machine without h5py (SSIM_NO_H5PY=1: the
#                               shape and the loop time from `sectorsim
#                               info`, no events): each writes one CSV row
#                               with the operator and dependency counts and a
#                               loop time, the first with its events, and the
#                               two rows carry the same verification hash.
add_test(NAME benchmarks.national_smoke
         COMMAND sh -c "d=\"$2\"; rm -rf \"$d\" &&
             bash \"$0/benchmarks/national.sh\" -b \"$1\" -s 1 -n 20 -t 1 -o \"$d\" >/dev/null &&
             cp \"$d/national.csv\" \"$d/one.csv\" &&
             SSIM_NO_H5PY=1 bash \"$0/benchmarks/national.sh\" -b \"$1\" -s 1 -n 20 -t 2 -o \"$d\" >/dev/null &&
             awk -F, 'FNR == 2 { n++; ops[n] = $2; dep[n] = $4; th[n] = $5; loop[n] = $9; ev[n] = $11; h[n] = $15 }
                      END { ok = n == 2 && ops[1] == 4886 && ops[2] == 4886 && dep[1] == 13616 &&
                                 dep[2] == 13616 && th[1] == 1 && th[2] == 2 && loop[1] > 0 &&
                                 loop[2] > 0 && ev[1] > 0 && ev[2] == \"\" && h[1] != \"\" && h[1] == h[2]
                            if (!ok) print \"national.sh rows:\", ops[1], dep[1], th[1], loop[1], ev[1], h[1],
                                           ops[2], dep[2], th[2], loop[2], ev[2], h[2]
                            exit !ok }' \"$d/one.csv\" \"$d/national.csv\""
                 ${SSIM_SOURCE_DIR} $<TARGET_FILE_DIR:sectorsim> ${CMAKE_CURRENT_BINARY_DIR}/national_smoke)
set_tests_properties(benchmarks.national_smoke PROPERTIES LABELS e2e)
