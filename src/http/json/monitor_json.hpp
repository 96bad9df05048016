// The monitor report as JSON: the API's and `vangnet monitor --format json`'s one mapping.
#pragma once

#include <nlohmann/json.hpp>

#include "services/monitor/monitor_service.hpp"

namespace vangnet {

nlohmann::json MonitorReportJson(const MonitorReport& report, const SignalNorms& norms);

}  // namespace vangnet
