# The benchmark drivers still run (they are programs, not timed tests; this
# only checks that a driver works end to end and its row is consistent):
#   benchmarks.national_smoke   benchmarks/national.sh at scale 1 (4,886
#                               operators), 20 trials, on 1 and then 2 threads
#                               (reusing the network): each writes one CSV row
#                               with the operator count, and the two rows
#                               carry the same verification hash.
add_test(NAME benchmarks.national_smoke
         COMMAND sh -c "d=\"$2\"; rm -rf \"$d\" &&
             bash \"$0/benchmarks/national.sh\" -b \"$1\" -s 1 -n 20 -t 1 -o \"$d\" >/dev/null &&
             cp \"$d/national.csv\" \"$d/one.csv\" &&
             bash \"$0/benchmarks/national.sh\" -b \"$1\" -s 1 -n 20 -t 2 -o \"$d\" >/dev/null &&
             awk -F, 'FNR == 2 { n++; ops[n] = $2; th[n] = $5; h[n] = $15 }
                      END { ok = n == 2 && ops[1] == 4886 && ops[2] == 4886 && th[1] == 1 &&
                                 th[2] == 2 && h[1] != \"\" && h[1] == h[2]
                            if (!ok) print \"national.sh rows:\", ops[1], th[1], h[1], ops[2], th[2], h[2]
                            exit !ok }' \"$d/one.csv\" \"$d/national.csv\""
                 ${SSIM_SOURCE_DIR} $<TARGET_FILE_DIR:sectorsim> ${CMAKE_CURRENT_BINARY_DIR}/national_smoke)
set_tests_properties(benchmarks.national_smoke PROPERTIES LABELS e2e)
