#pragma once

// A fleet whose device ids, SDK strings and addresses try to inject markup,
// formulas or terminal escapes into the reports, for the renderer tests.
#include <string>
#include <vector>

#include <iothub_diag/report/report.hpp>

namespace iothub_diag::testing {

const std::vector<std::string>& hostile_ids();

// Every hostile id drops at random (random-disconnects), and half of them
// also cycle on a token (sas-token-expiry), beside a quiet fleet.
Report hostile_fleet_report();

}  // namespace iothub_diag::testing
