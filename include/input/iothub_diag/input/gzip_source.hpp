#pragma once

#include <memory>
#include <string>
#include <vector>

#include <iothub_diag/input/byte_source.hpp>

namespace iothub_diag {

// Inflates gzip data (one or more concatenated members) from another source.
// A truncated or corrupt stream ends the data and reports why through error().
class GzipSource final : public ByteSource {
 public:
  explicit GzipSource(std::unique_ptr<ByteSource> compressed);
  ~GzipSource() override;
  GzipSource(const GzipSource&) = delete;
  GzipSource& operator=(const GzipSource&) = delete;
  std::size_t read(std::span<char> buffer) override;
  std::optional<StreamError> error() const override;

 private:
  struct State;
  std::unique_ptr<ByteSource> compressed_;
  std::unique_ptr<State> state_;
};

}  // namespace iothub_diag
