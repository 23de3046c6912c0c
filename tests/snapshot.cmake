# Network snapshots (docs/snapshot.md): `network pack`, then the same results
# from the snapshot as from the directory (tiny, stochastic, Japan), and every
# damaged snapshot refused with exit 2 naming the file (tests/scripts/snapshot.py).
foreach(case same bad)
  add_test(NAME e2e.snapshot_${case}
           COMMAND ${SSIM_PYTHON} ${CMAKE_CURRENT_LIST_DIR}/scripts/snapshot.py
                   $<TARGET_FILE:sectorsim> ${SSIM_SOURCE_DIR} ${case})
  set_tests_properties(e2e.snapshot_${case} PROPERTIES LABELS e2e)
endforeach()
