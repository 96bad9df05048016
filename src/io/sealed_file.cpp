#include "io/sealed_file.hpp"

#include <fcntl.h>
#include <sodium.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>
#include <vector>

namespace vangnet {

namespace {

constexpr std::string_view kMagic = "VANGNET-SEALED-1\n";
constexpr std::size_t kChunk = 64 * 1024;
constexpr std::size_t kMaxMetadata = 1u << 24;  // the checkpoint file rides along; 16 MB at most
using State = crypto_secretstream_xchacha20poly1305_state;

// A new file, owner-only from the start (never chmod-ed after), refusing an existing one.
Result<std::FILE*> CreatePrivate(const std::string& path) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) {
    return Error::Io(path, errno == EEXIST ? "bestaat al; kies een nieuwe naam"
                                           : "kan niet worden geschreven");
  }
  std::FILE* file = ::fdopen(fd, "wb");
  if (!file) {
    ::close(fd);
    return Error::Io(path, "kan niet worden geschreven");
  }
  return file;
}

struct FileCloser {
  void operator()(std::FILE* f) const {
    if (f) std::fclose(f);
  }
};
using File = std::unique_ptr<std::FILE, FileCloser>;

bool WriteChunk(std::FILE* out, State& state, const unsigned char* data, std::size_t size,
                unsigned char tag) {
  std::vector<unsigned char> cipher(size + crypto_secretstream_xchacha20poly1305_ABYTES);
  unsigned long long length = 0;
  crypto_secretstream_xchacha20poly1305_push(&state, cipher.data(), &length, data, size, nullptr,
                                             0, tag);
  const std::uint32_t n = static_cast<std::uint32_t>(length);
  const unsigned char prefix[4] = {static_cast<unsigned char>(n), static_cast<unsigned char>(n >> 8),
                                   static_cast<unsigned char>(n >> 16),
                                   static_cast<unsigned char>(n >> 24)};
  return std::fwrite(prefix, 1, 4, out) == 4 && std::fwrite(cipher.data(), 1, length, out) == length;
}

// Reads and opens the next chunk; nullopt when the file is damaged or the key wrong.
std::optional<std::vector<unsigned char>> ReadChunk(std::FILE* in, State& state,
                                                    unsigned char& tag, std::size_t limit) {
  unsigned char prefix[4];
  if (std::fread(prefix, 1, 4, in) != 4) return std::nullopt;
  const std::size_t n = prefix[0] | (prefix[1] << 8) | (prefix[2] << 16) |
                        (static_cast<std::size_t>(prefix[3]) << 24);
  if (n < crypto_secretstream_xchacha20poly1305_ABYTES ||
      n > limit + crypto_secretstream_xchacha20poly1305_ABYTES) {
    return std::nullopt;
  }
  std::vector<unsigned char> cipher(n);
  if (std::fread(cipher.data(), 1, n, in) != n) return std::nullopt;
  std::vector<unsigned char> plain(n - crypto_secretstream_xchacha20poly1305_ABYTES);
  unsigned long long length = 0;
  if (crypto_secretstream_xchacha20poly1305_pull(&state, plain.data(), &length, &tag,
                                                 cipher.data(), n, nullptr, 0) != 0) {
    return std::nullopt;
  }
  plain.resize(length);
  return plain;
}

// Opens `sealed` up to and including its metadata chunk.
Result<std::pair<File, std::string>> Start(const std::string& sealed, const SealKey& key,
                                           State& state) {
  File in(std::fopen(sealed.c_str(), "rb"));
  if (!in) return Error::Io(sealed, "kan niet worden gelezen");
  std::string magic(kMagic.size(), '\0');
  unsigned char header[crypto_secretstream_xchacha20poly1305_HEADERBYTES];
  if (std::fread(magic.data(), 1, magic.size(), in.get()) != magic.size() || magic != kMagic ||
      std::fread(header, 1, sizeof header, in.get()) != sizeof header) {
    return Error::Validation("from", sealed + " is geen versleutelde reservekopie van vangnet");
  }
  if (crypto_secretstream_xchacha20poly1305_init_pull(&state, header, key.data()) != 0) {
    return Error::Validation("key", "dit sleutelbestand hoort niet bij " + sealed);
  }
  unsigned char tag = 0;
  auto metadata = ReadChunk(in.get(), state, tag, kMaxMetadata);
  if (!metadata) {
    return Error::Validation("key", "dit sleutelbestand hoort niet bij " + sealed +
                                        " (of de kopie is beschadigd); er is niets aangemaakt");
  }
  return std::pair{std::move(in), std::string(metadata->begin(), metadata->end())};
}

}  // namespace

bool LooksSealed(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::string start(kMagic.size(), '\0');
  return in.read(start.data(), static_cast<std::streamsize>(start.size())) && start == kMagic;
}

Status SealFile(const std::string& plain, const std::string& sealed, std::string_view metadata,
                const SealKey& key) {
  if (sodium_init() < 0) return Error::Internal("libsodium kon niet starten");
  if (metadata.size() > kMaxMetadata) return Error::Internal("metadata te groot");
  File in(std::fopen(plain.c_str(), "rb"));
  if (!in) return Error::Io(plain, "kan niet worden gelezen");
  auto created = CreatePrivate(sealed);
  if (!created) return created.error();
  File out(created.value());
  State state;
  unsigned char header[crypto_secretstream_xchacha20poly1305_HEADERBYTES];
  crypto_secretstream_xchacha20poly1305_init_push(&state, header, key.data());
  bool ok = std::fwrite(kMagic.data(), 1, kMagic.size(), out.get()) == kMagic.size() &&
            std::fwrite(header, 1, sizeof header, out.get()) == sizeof header &&
            WriteChunk(out.get(), state, reinterpret_cast<const unsigned char*>(metadata.data()),
                       metadata.size(), 0);
  std::vector<unsigned char> buffer(kChunk);
  while (ok) {
    const std::size_t n = std::fread(buffer.data(), 1, buffer.size(), in.get());
    const bool last = n < buffer.size();
    ok = WriteChunk(out.get(), state, buffer.data(), n,
                    last ? crypto_secretstream_xchacha20poly1305_TAG_FINAL : 0);
    if (last) break;
  }
  ok = ok && !std::ferror(in.get()) && std::fflush(out.get()) == 0 && ::fsync(::fileno(out.get())) == 0;
  out.reset();
  if (!ok) {
    std::filesystem::remove(sealed);
    return Error::Io(sealed, "reservekopie kon niet worden geschreven");
  }
  return Ok{};
}

Result<std::string> SealedMetadata(const std::string& sealed, const SealKey& key) {
  if (sodium_init() < 0) return Error::Internal("libsodium kon niet starten");
  State state;
  auto started = Start(sealed, key, state);
  if (!started) return started.error();
  return std::move(started.value().second);
}

Status OpenSealedFile(const std::string& sealed, const std::string& plain, const SealKey& key) {
  if (sodium_init() < 0) return Error::Internal("libsodium kon niet starten");
  State state;
  auto started = Start(sealed, key, state);
  if (!started) return started.error();
  File in = std::move(started.value().first);
  auto created = CreatePrivate(plain);
  if (!created) return created.error();
  File out(created.value());
  unsigned char tag = 0;
  bool ok = true;
  while (ok && tag != crypto_secretstream_xchacha20poly1305_TAG_FINAL) {
    auto chunk = ReadChunk(in.get(), state, tag, kChunk);
    ok = chunk && std::fwrite(chunk->data(), 1, chunk->size(), out.get()) == chunk->size();
  }
  // Nothing may follow the final chunk.
  ok = ok && std::fgetc(in.get()) == EOF && std::fflush(out.get()) == 0;
  out.reset();
  if (!ok) {
    std::filesystem::remove(plain);
    return Error::Validation("from", sealed + " is beschadigd of ingekort; er is niets teruggezet");
  }
  return Ok{};
}

Status WritePrivateFile(const std::string& path, std::string_view content) {
  auto created = CreatePrivate(path);
  if (!created) return created.error();
  File out(created.value());
  if (std::fwrite(content.data(), 1, content.size(), out.get()) != content.size() ||
      std::fflush(out.get()) != 0) {
    out.reset();
    std::filesystem::remove(path);
    return Error::Io(path, "kan niet worden geschreven");
  }
  return Ok{};
}

}  // namespace vangnet
