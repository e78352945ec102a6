// Replays a fuzz corpus without libFuzzer: every file of the given folders goes
// through the same entry function as the fuzz target (fuzz_input.hpp), so the
// normal and the sanitizer builds read each kept input exactly as the fuzzer did.
//   iothub_diag_fuzz_replay TARGET DIR...
// TARGET: auto jsonl json csv analyze config agree_flat agree_split_json agree_split_csv
//         agree_threads
// Exits 1 on an unknown target, an unreadable or empty folder; a crash or a
// sanitizer report ends the process on its own.
#include <algorithm>
#include <array>
#include <cstdio>
#include <exception>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

#include "fuzz_input.hpp"

namespace {

constexpr std::array<std::string_view, 10> kTargets = {"auto",
                                                       "jsonl",
                                                       "json",
                                                       "csv",
                                                       "analyze",
                                                       "config",
                                                       "agree_flat",
                                                       "agree_split_json",
                                                       "agree_split_csv",
                                                       "agree_threads"};

std::vector<std::filesystem::path> files_in(const std::filesystem::path& folder) {
  std::vector<std::filesystem::path> files;
  std::error_code error;
  for (std::filesystem::directory_iterator entry(folder, error), end; !error && entry != end;
       entry.increment(error)) {
    if (entry->is_regular_file() && entry->path().filename().string().front() != '.')
      files.push_back(entry->path());
  }
  if (error) std::fprintf(stderr, "%s: %s\n", folder.string().c_str(), error.message().c_str());
  std::sort(files.begin(), files.end());
  return files;
}

// Replays every file of each folder; 1 on the first one that cannot be replayed.
int replay(int argc, char** argv) {
  if (argc < 3 ||
      std::find(kTargets.begin(), kTargets.end(), std::string_view(argv[1])) == kTargets.end()) {
    std::fprintf(stderr,
                 "usage: iothub_diag_fuzz_replay auto|jsonl|json|csv|analyze|config|agree_flat|"
                 "agree_split_json|agree_split_csv|agree_threads DIR...\n");
    return 1;
  }
  const std::string_view target = argv[1];
  for (int argument = 2; argument < argc; ++argument) {
    const std::vector<std::filesystem::path> files = files_in(argv[argument]);
    if (files.empty()) {
      std::fprintf(stderr, "%s: no corpus file to replay\n", argv[argument]);
      return 1;
    }
    for (const std::filesystem::path& file : files) {
      std::ifstream stream(file, std::ios::binary);
      const std::string bytes{std::istreambuf_iterator<char>(stream),
                              std::istreambuf_iterator<char>()};
      if (!stream.good() && !stream.eof()) {
        std::fprintf(stderr, "%s: cannot read\n", file.string().c_str());
        return 1;
      }
      iothub_diag::fuzz::read_fuzz_input(target, bytes);
    }
    std::printf("%s: replayed %zu files through the %s fuzz target\n", argv[argument], files.size(),
                argv[1]);
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  // A fuzz target's input never throws (fuzz_input.hpp); the files and the
  // memory around them may.
  try {
    return replay(argc, argv);
  } catch (const std::exception& error) {
    std::fprintf(stderr, "iothub_diag_fuzz_replay: %s\n", error.what());
    return 1;
  }
}
