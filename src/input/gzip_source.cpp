#include <array>
#include <cstring>

#include <zlib.h>

#include <iothub_diag/input/gzip_source.hpp>

namespace iothub_diag {

struct GzipSource::State {
  z_stream stream{};
  std::array<char, std::size_t{256} * 1024> input{};
  bool input_ended = false;
  bool finished = false;
  bool member_done = false;  // the last member ended cleanly; more bytes may start another
  std::optional<StreamError> error;
};

GzipSource::GzipSource(std::unique_ptr<ByteSource> compressed)
    : compressed_(std::move(compressed)), state_(std::make_unique<State>()) {
  // 16 + MAX_WBITS: expect a gzip header, not a raw zlib stream.
  if (inflateInit2(&state_->stream, 16 + MAX_WBITS) != Z_OK) {
    state_->error = StreamError{SkipReason::unreadable_file, MessageId::zlib_unavailable, {}};
    state_->finished = true;
  }
}

GzipSource::~GzipSource() {
  inflateEnd(&state_->stream);
}

std::optional<StreamError> GzipSource::error() const {
  if (state_->error) return state_->error;
  return compressed_->error();
}

std::size_t GzipSource::read(std::span<char> buffer) {
  State& s = *state_;
  z_stream& zs = s.stream;
  std::size_t produced = 0;
  while (produced == 0 && !s.finished) {
    if (zs.avail_in == 0 && !s.input_ended) {
      const std::size_t count = compressed_->read(s.input);
      if (count == 0) {
        s.input_ended = true;
      } else {
        zs.next_in = reinterpret_cast<Bytef*>(s.input.data());
        zs.avail_in = static_cast<uInt>(count);
        s.member_done = false;
      }
    }
    if (zs.avail_in == 0 && s.input_ended) {
      if (!s.member_done)
        s.error = StreamError{SkipReason::corrupt_compressed_data, MessageId::gzip_truncated, {}};
      s.finished = true;
      break;
    }
    zs.next_out = reinterpret_cast<Bytef*>(buffer.data());
    zs.avail_out = static_cast<uInt>(std::min<std::size_t>(buffer.size(), 1u << 30));
    const int status = inflate(&zs, Z_NO_FLUSH);
    produced = static_cast<std::size_t>(reinterpret_cast<char*>(zs.next_out) - buffer.data());
    if (status == Z_STREAM_END) {
      // Concatenated members (`cat a.gz b.gz`) are one stream to gzip users.
      s.member_done = true;
      inflateReset(&zs);
    } else if (status == Z_BUF_ERROR && zs.avail_in == 0) {
      continue;  // needs more input
    } else if (status != Z_OK) {
      // zlib's reason stays in its own words.
      s.error = StreamError{SkipReason::corrupt_compressed_data, MessageId::gzip_corrupt,
                            zs.msg != nullptr ? zs.msg : "inflate failed"};
      s.finished = true;
    }
  }
  return produced;
}

std::unique_ptr<ByteSource> decompress_if_gzip(std::unique_ptr<ByteSource> source) {
  std::string prefix(2, '\0');
  std::size_t have = 0;
  while (have < prefix.size()) {
    const std::size_t count =
        source->read(std::span<char>(prefix.data() + have, prefix.size() - have));
    if (count == 0) break;
    have += count;
  }
  prefix.resize(have);
  const bool gzip = have == 2 && static_cast<unsigned char>(prefix[0]) == 0x1f &&
                    static_cast<unsigned char>(prefix[1]) == 0x8b;
  auto replay = std::make_unique<PrefixedSource>(std::move(prefix), std::move(source));
  if (!gzip) return replay;
  return std::make_unique<GzipSource>(std::move(replay));
}

}  // namespace iothub_diag
