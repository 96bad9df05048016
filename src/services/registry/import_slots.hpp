// At most kImportSlots imports are read at once in one server: reading a workbook or a Bundle
// takes memory (up to the limits in io/xlsx.cpp and io/json_input.hpp), and a flood of uploads
// must not add those up. One more waits for nothing: it is refused with a 429 at once.
#pragma once

#include <semaphore>

#include "core/error.hpp"

namespace vangnet {

inline constexpr int kImportSlots = 2;

class ImportSlot {
 public:
  // A slot, or the refusal to pass on.
  static Result<ImportSlot> Take() {
    if (!Slots().try_acquire()) {
      return Error{ErrorKind::kRateLimited,
                   "er worden al " + std::to_string(kImportSlots) +
                       " bestanden tegelijk ingelezen; probeer het over een minuut opnieuw"};
    }
    return ImportSlot();
  }
  ImportSlot(ImportSlot&& other) noexcept : held_(other.held_) { other.held_ = false; }
  ImportSlot& operator=(ImportSlot&&) = delete;
  ~ImportSlot() {
    if (held_) Slots().release();
  }

 private:
  ImportSlot() = default;
  static std::counting_semaphore<kImportSlots>& Slots() {
    static std::counting_semaphore<kImportSlots> slots(kImportSlots);
    return slots;
  }
  bool held_ = true;
};

}  // namespace vangnet
