#include <iothub_diag/model/skip_detail.hpp>

namespace iothub_diag {

std::optional<Message> SkipDetail::message() const {
  if (!id_) return std::nullopt;
  // Both values, whatever the sentence names: an empty value is still a value
  // (`resultType ""`), and a renderer leaves out those a sentence does not name.
  return Message{*id_, {values_[0], values_[1]}};
}

}  // namespace iothub_diag
