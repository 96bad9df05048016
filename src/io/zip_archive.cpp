#include "io/zip_archive.hpp"

#include <archive.h>
#include <archive_entry.h>

#include <ctime>
#include <filesystem>
#include <memory>

namespace vangnet {

namespace {

struct WriterDeleter {
  void operator()(archive* a) const { archive_write_free(a); }
};
struct ReaderDeleter {
  void operator()(archive* a) const { archive_read_free(a); }
};
struct EntryDeleter {
  void operator()(archive_entry* e) const { archive_entry_free(e); }
};

}  // namespace

Status WriteZip(const std::string& path, const std::vector<ArchiveEntry>& entries) {
  const std::string temporary = path + ".tmp";
  {
    std::unique_ptr<archive, WriterDeleter> zip(archive_write_new());
    if (archive_write_set_format_zip(zip.get()) != ARCHIVE_OK ||
        archive_write_open_filename(zip.get(), temporary.c_str()) != ARCHIVE_OK) {
      return Error::Io(
          path, std::string("kan het archief niet schrijven: ") + archive_error_string(zip.get()));
    }
    const std::time_t now = std::time(nullptr);
    for (const auto& file : entries) {
      std::unique_ptr<archive_entry, EntryDeleter> entry(archive_entry_new());
      archive_entry_set_pathname_utf8(entry.get(), file.name.c_str());
      archive_entry_set_size(entry.get(), static_cast<la_int64_t>(file.bytes.size()));
      archive_entry_set_filetype(entry.get(), AE_IFREG);
      archive_entry_set_perm(entry.get(), 0640);
      archive_entry_set_mtime(entry.get(), now, 0);
      if (archive_write_header(zip.get(), entry.get()) != ARCHIVE_OK ||
          archive_write_data(zip.get(), file.bytes.data(), file.bytes.size()) !=
              static_cast<la_ssize_t>(file.bytes.size())) {
        std::string why = archive_error_string(zip.get()) ? archive_error_string(zip.get()) : "";
        zip.reset();
        std::filesystem::remove(temporary);
        return Error::Io(path, "schrijven van " + file.name + " mislukt: " + why);
      }
    }
    if (archive_write_close(zip.get()) != ARCHIVE_OK) {
      std::string why = archive_error_string(zip.get()) ? archive_error_string(zip.get()) : "";
      zip.reset();
      std::filesystem::remove(temporary);
      return Error::Io(path, "afsluiten van het archief mislukt: " + why);
    }
  }
  std::error_code error;
  std::filesystem::rename(temporary, path, error);
  if (error)
    return Error::Io(path, "kan het archief niet op zijn plaats zetten: " + error.message());
  return Ok{};
}

Result<std::vector<ArchiveEntry>> ReadZip(const std::string& path) {
  std::unique_ptr<archive, ReaderDeleter> zip(archive_read_new());
  archive_read_support_format_zip(zip.get());
  if (archive_read_open_filename(zip.get(), path.c_str(), 64 * 1024) != ARCHIVE_OK) {
    return Error::Io(path,
                     std::string("kan het archief niet lezen: ") + archive_error_string(zip.get()));
  }
  std::vector<ArchiveEntry> out;
  archive_entry* entry = nullptr;
  while (archive_read_next_header(zip.get(), &entry) == ARCHIVE_OK) {
    ArchiveEntry file;
    const char* name = archive_entry_pathname_utf8(entry);
    file.name = name ? name : archive_entry_pathname(entry);
    char buffer[65536];
    la_ssize_t n;
    while ((n = archive_read_data(zip.get(), buffer, sizeof buffer)) > 0)
      file.bytes.append(buffer, n);
    if (n < 0) return Error::Io(path, "beschadigd archief bij " + file.name);
    out.push_back(std::move(file));
  }
  return out;
}

Result<std::vector<ArchiveEntry>> ReadZipBytes(std::string_view bytes, const std::string& name,
                                               std::size_t max_bytes) {
  std::unique_ptr<archive, ReaderDeleter> zip(archive_read_new());
  archive_read_support_format_zip(zip.get());
  if (archive_read_open_memory(zip.get(), bytes.data(), bytes.size()) != ARCHIVE_OK) {
    return Error::Io(name, "is geen geldig zip-bestand (een .xlsx is er een)");
  }
  std::vector<ArchiveEntry> out;
  std::size_t total = 0;
  archive_entry* entry = nullptr;
  int r = ARCHIVE_OK;
  while ((r = archive_read_next_header(zip.get(), &entry)) == ARCHIVE_OK) {
    ArchiveEntry file;
    const char* path = archive_entry_pathname_utf8(entry);
    if (!path) path = archive_entry_pathname(entry);
    file.name = path ? path : "";
    char buffer[65536];
    la_ssize_t n;
    while ((n = archive_read_data(zip.get(), buffer, sizeof buffer)) > 0) {
      total += static_cast<std::size_t>(n);
      if (total > max_bytes) {
        return Error::Io(name, "pakt uit tot meer dan " + std::to_string(max_bytes >> 20) +
                                   " MB; splits het bestand");
      }
      file.bytes.append(buffer, static_cast<std::size_t>(n));
    }
    if (n < 0) return Error::Io(name, "beschadigd zip-bestand bij " + file.name);
    out.push_back(std::move(file));
  }
  if (r != ARCHIVE_EOF) return Error::Io(name, "beschadigd zip-bestand");
  return out;
}

}  // namespace vangnet
