#include "http/static_files.hpp"

#include <brotli/encode.h>
#include <zlib.h>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace vangnet {

namespace {

std::string ContentTypeOf(const std::filesystem::path& path) {
  const std::string ext = path.extension().string();
  if (ext == ".html") return "text/html; charset=utf-8";
  if (ext == ".js" || ext == ".mjs") return "text/javascript; charset=utf-8";
  if (ext == ".css") return "text/css; charset=utf-8";
  if (ext == ".svg") return "image/svg+xml";
  if (ext == ".json" || ext == ".map") return "application/json";
  if (ext == ".png") return "image/png";
  if (ext == ".ico") return "image/x-icon";
  if (ext == ".woff2") return "font/woff2";
  if (ext == ".txt") return "text/plain; charset=utf-8";
  return "application/octet-stream";
}

bool Compressible(const std::string& content_type) {
  return content_type.starts_with("text/") || content_type == "image/svg+xml" ||
         content_type == "application/json";
}

std::shared_ptr<const std::string> Brotli(const std::string& raw) {
  std::string out(BrotliEncoderMaxCompressedSize(raw.size()), '\0');
  std::size_t size = out.size();
  if (!BrotliEncoderCompress(BROTLI_MAX_QUALITY, BROTLI_DEFAULT_WINDOW, BROTLI_MODE_TEXT,
                             raw.size(), reinterpret_cast<const uint8_t*>(raw.data()), &size,
                             reinterpret_cast<uint8_t*>(out.data()))) {
    return nullptr;
  }
  out.resize(size);
  return std::make_shared<const std::string>(std::move(out));
}

std::shared_ptr<const std::string> Gzip(const std::string& raw) {
  z_stream stream{};
  // 15 + 16: a gzip header and trailer instead of zlib's.
  if (deflateInit2(&stream, Z_BEST_COMPRESSION, Z_DEFLATED, 15 + 16, 9, Z_DEFAULT_STRATEGY) !=
      Z_OK) {
    return nullptr;
  }
  std::string out(deflateBound(&stream, raw.size()), '\0');
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(raw.data()));
  stream.avail_in = static_cast<uInt>(raw.size());
  stream.next_out = reinterpret_cast<Bytef*>(out.data());
  stream.avail_out = static_cast<uInt>(out.size());
  const bool done = deflate(&stream, Z_FINISH) == Z_STREAM_END;
  out.resize(stream.total_out);
  deflateEnd(&stream);
  return done ? std::make_shared<const std::string>(std::move(out)) : nullptr;
}

}  // namespace

StaticFiles::StaticFiles(const std::string& dir) {
  std::error_code ec;
  if (dir.empty() || !std::filesystem::is_directory(dir, ec)) return;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(dir, ec)) {
    if (!entry.is_regular_file()) continue;
    std::ifstream in(entry.path(), std::ios::binary);
    std::ostringstream content;
    content << in.rdbuf();
    File file;
    file.content_type = ContentTypeOf(entry.path());
    file.raw = std::make_shared<const std::string>(content.str());
    const std::string path =
        "/" + std::filesystem::relative(entry.path(), dir, ec).generic_string();
    file.hashed = path.starts_with("/assets/");
    if (Compressible(file.content_type) && file.raw->size() > 512) {
      file.brotli = Brotli(*file.raw);
      file.gzip = Gzip(*file.raw);
    }
    files_[path] = std::move(file);
  }
}

const std::string& StaticFiles::IndexHtml() const {
  static const std::string kNone;
  auto it = files_.find("/index.html");
  return it == files_.end() ? kNone : *it->second.raw;
}

bool StaticFiles::Serve(const httplib::Request& req, httplib::Response& res) const {
  auto it = files_.find(req.path == "/" ? "/index.html" : req.path);
  if (it == files_.end()) return false;
  const File& file = it->second;
  const std::string accepted = req.get_header_value("Accept-Encoding");
  std::shared_ptr<const std::string> body = file.raw;
  if (file.brotli && accepted.find("br") != std::string::npos) {
    body = file.brotli;
    res.set_header("Content-Encoding", "br");
  } else if (file.gzip && accepted.find("gzip") != std::string::npos) {
    body = file.gzip;
    res.set_header("Content-Encoding", "gzip");
  }
  if (file.brotli) res.set_header("Vary", "Accept-Encoding");
  // Hashed assets never change under their name; the page itself is asked for again each time,
  // so a new version of vangnet reaches every browser at its next load.
  res.set_header("Cache-Control", file.hashed ? "public, max-age=31536000, immutable" : "no-cache");
  // A content provider with a known length: cpp-httplib sends it as it is, where it would
  // compress a body (again) by its content type.
  res.set_content_provider(body->size(), file.content_type,
                           [body](std::size_t offset, std::size_t length, httplib::DataSink& sink) {
                             return sink.write(body->data() + offset, length);
                           });
  return true;
}

}  // namespace vangnet
