// The built web UI (web/dist), read once at start and compressed once (Brotli and gzip), then
// served from memory. cpp-httplib would otherwise compress the 300 kB script anew for every
// request at Brotli's slowest setting: 0.7 s of a core per page load on two cores.
#pragma once

#include <httplib.h>

#include <map>
#include <memory>
#include <string>

namespace vangnet {

class StaticFiles {
 public:
  // Reads every file under `dir`; an empty or missing folder serves nothing.
  explicit StaticFiles(const std::string& dir);

  // Answers a GET for a file of the web UI ("/" is index.html); false when there is none.
  bool Serve(const httplib::Request& req, httplib::Response& res) const;
  bool empty() const { return files_.empty(); }
  // index.html as it is, for the single-page app's own paths.
  const std::string& IndexHtml() const;

 private:
  struct File {
    std::string content_type;
    bool hashed = false;  // a Vite asset whose name changes with its content: cached for good
    std::shared_ptr<const std::string> raw, brotli, gzip;
  };
  std::map<std::string, File> files_;
};

}  // namespace vangnet
