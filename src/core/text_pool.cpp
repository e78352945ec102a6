#include <iothub_diag/core/text_pool.hpp>

namespace iothub_diag {

std::string_view TextPool::intern(std::string_view text) {
  if (text.empty()) return {};
  if (const auto found = views_.find(text); found != views_.end()) return *found;
  const std::string& kept = texts_.emplace_back(text);
  return *views_.insert(std::string_view(kept)).first;
}

void TextPool::clear() noexcept {
  views_.clear();
  texts_.clear();
}

}  // namespace iothub_diag
