#pragma once

#include <array>
#include <cassert>
#include <optional>
#include <string_view>

#include <iothub_diag/core/message.hpp>

namespace iothub_diag {

// What a skip says beyond its reason: one of the tool's own sentences, by its
// MessageId, with at most two values, so that stderr says it in `--lang`; or a
// text from elsewhere (simdjson's error, strerror, zlib's message, a value read
// from the record), shown as it came (MessageId::detail_as_given); or nothing,
// when the reason's own description says it all. The values are views: a sink
// that keeps a detail past the call keeps message(), which owns its texts.
class SkipDetail {
 public:
  SkipDetail() = default;
  explicit SkipDetail(MessageId id, std::string_view first = {},
                      std::string_view second = {}) noexcept
      : id_(id), values_{first, second} {}

  // A text that is not the tool's own; nothing when it is empty.
  static SkipDetail as_given(std::string_view text) noexcept {
    return text.empty() ? SkipDetail() : SkipDetail(MessageId::detail_as_given, text);
  }

  bool empty() const noexcept { return !id_; }
  std::optional<MessageId> id() const noexcept { return id_; }
  // Value 0 or 1.
  std::string_view value(std::size_t index) const noexcept {
    assert(index < values_.size());
    return values_[index];
  }

  // The sentence with its values; nullopt when there is no detail.
  std::optional<Message> message() const;

 private:
  std::optional<MessageId> id_;
  std::array<std::string_view, 2> values_{};
};

}  // namespace iothub_diag
