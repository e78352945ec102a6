#include <algorithm>
#include <filesystem>
#include <set>
#include <system_error>
#include <utility>

#include <sys/stat.h>

#include <iothub_diag/core/os_error.hpp>
#include <iothub_diag/input/path_walker.hpp>

namespace iothub_diag {
namespace {

namespace fs = std::filesystem;

class Walker {
 public:
  explicit Walker(WalkResult& result) : result_(result) {}

  void add(const std::string& path) {
    if (path == "-") {
      result_.files.push_back({path});
      return;
    }
    struct stat info {};
    if (::stat(path.c_str(), &info) != 0) {
      std::error_code error(errno, std::generic_category());
      result_.problems.push_back({path, os_error_message(error)});
      return;
    }
    if (S_ISDIR(info.st_mode)) {
      walk(path, info);
    } else {
      result_.files.push_back({path});
    }
  }

 private:
  void walk(const std::string& directory, const struct stat& info) {
    // A directory reached twice (through a symlink loop or two links) is read once.
    if (!visited_.emplace(info.st_dev, info.st_ino).second) return;
    std::error_code error;
    fs::directory_iterator it(directory, error);
    if (error) {
      result_.problems.push_back({directory, os_error_message(error)});
      return;
    }
    std::vector<std::string> names;
    for (; it != fs::directory_iterator(); it.increment(error)) {
      if (error) break;
      const std::string name = it->path().filename().string();
      if (!name.empty() && name.front() != '.') names.push_back(name);
    }
    if (error) result_.problems.push_back({directory, os_error_message(error)});
    std::sort(names.begin(), names.end());
    for (const std::string& name : names) {
      std::string child = directory;
      if (child.back() != '/') child += '/';
      child += name;
      struct stat child_info {};
      if (::stat(child.c_str(), &child_info) != 0) {
        std::error_code child_error(errno, std::generic_category());
        result_.problems.push_back({child, os_error_message(child_error)});
      } else if (S_ISDIR(child_info.st_mode)) {
        walk(child, child_info);
      } else if (S_ISREG(child_info.st_mode)) {
        result_.files.push_back({child});
      }
    }
  }

  WalkResult& result_;
  std::set<std::pair<dev_t, ino_t>> visited_;
};

}  // namespace

WalkResult walk_paths(const std::vector<std::string>& paths) {
  WalkResult result;
  Walker walker(result);
  for (const std::string& path : paths)
    walker.add(path);
  return result;
}

}  // namespace iothub_diag
