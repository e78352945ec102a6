// What a page fault costs is measured once per process (core/page_fault_cost.cpp).
#include <catch2/catch.hpp>

#include <iothub_diag/core/page_fault_cost.hpp>

namespace iothub_diag {
namespace {

TEST_CASE("a page fault's cost is measured in microseconds, once per process") {
  const double micros = measure_page_fault_micros();
  // Writing 16 fresh pages takes some time, and no machine takes a tenth of a
  // second per page: a value out of these bounds is a unit or a loop gone wrong.
  CHECK(micros > 0);
  CHECK(micros < 100'000);
  const bool dear = page_faults_dear();
  CHECK(page_faults_dear() == dear);
}

}  // namespace
}  // namespace iothub_diag
