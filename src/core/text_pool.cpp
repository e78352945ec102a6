#include <iothub_diag/core/ascii.hpp>
#include <iothub_diag/core/text_pool.hpp>

namespace iothub_diag {

std::string_view TextPool::intern(std::string_view text) {
  if (text.empty()) return {};
  std::string_view& recent = recent_[recent_slot(text)];
  if (same_text(recent, text)) return recent;
  if (const auto found = views_.find(text); found != views_.end()) {
    recent = *found;
  } else {
    const std::string& kept = texts_.emplace_back(text);
    recent = *views_.insert(std::string_view(kept)).first;
  }
  return recent;
}

void TextPool::clear() noexcept {
  recent_ = {};
  views_.clear();
  texts_.clear();
}

}  // namespace iothub_diag
