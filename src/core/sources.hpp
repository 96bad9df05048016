// The five source documents (../shared/seeds) by the title a coordinator knows them by. Data
// files cite a document by its file name and section ("000_5a37fb5747e2df6f.txt §4"); whatever a
// person reads (screens, printouts, e-mails, calendars) shows the title instead.
#pragma once

#include <string>
#include <string_view>

namespace vangnet {

// The citation with every file name replaced by its document's title; other text unchanged.
// "000_5a37fb5747e2df6f.txt §4" -> "Regionaal continuïteitsplan Maastricht-Heuvelland §4".
std::string SourceText(std::string_view source);

}  // namespace vangnet
