// -o FILE: the report appears whole at its name, or the previous one stays.
#include <cerrno>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "support/temp_dir.hpp"
#include <catch2/catch.hpp>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <iothub_diag/core/atomic_file.hpp>

namespace iothub_diag {
namespace {

namespace fs = std::filesystem;

std::string read_all(const fs::path& path) {
  std::ifstream file(path, std::ios::binary);
  std::ostringstream bytes;
  bytes << file.rdbuf();
  return bytes.str();
}

std::size_t entries_in(const fs::path& folder) {
  return static_cast<std::size_t>(
      std::distance(fs::directory_iterator(folder), fs::directory_iterator()));
}

// Whether this folder's file system takes O_TMPFILE and /proc is there to name such a file.
bool unnamed_files_here(const fs::path& folder) {
  if (::access("/proc/self/fd", X_OK) != 0) return false;
  const int descriptor =
      ::open(folder.c_str(), O_TMPFILE | O_WRONLY | O_CLOEXEC, S_IRUSR | S_IWUSR);
  if (descriptor < 0) return false;
  ::close(descriptor);
  return true;
}

TEST_CASE("a pipe or a device is written where it is, not renamed over", "[app]") {
  // `-o /dev/null` goes the same way: a rename would put a plain file where the
  // device was. A FIFO shows it without touching the system's devices.
  const testing::TempDir folder;
  const fs::path fifo = folder.path() / "report.pipe";
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  // Held open for writing until the end, so no open of the FIFO waits and the
  // reader sees its end only then, whatever the file did.
  const int keeper = ::open(fifo.c_str(), O_RDWR | O_CLOEXEC);
  REQUIRE(keeper >= 0);
  const int source = ::open(fifo.c_str(), O_RDONLY | O_CLOEXEC);
  REQUIRE(source >= 0);
  std::string received;
  std::thread reader([&] {
    char buffer[256];
    for (ssize_t count; (count = ::read(source, buffer, sizeof buffer)) > 0;)
      received.append(buffer, static_cast<std::size_t>(count));
  });
  int committed = -1;
  {
    AtomicFile file(fifo.string());
    if (file.error() == 0) {
      file.stream() << "report through a pipe\n";
      committed = file.commit();
    }
  }
  ::close(keeper);
  reader.join();
  ::close(source);
  CHECK(committed == 0);
  CHECK(received == "report through a pipe\n");
  struct stat info {};
  REQUIRE(::stat(fifo.c_str(), &info) == 0);
  CHECK(S_ISFIFO(info.st_mode));
  CHECK(entries_in(folder.path()) == 1);
}

TEST_CASE("a committed file replaces the previous one whole and leaves no temporary file",
          "[app]") {
  const testing::TempDir folder;
  const fs::path target = folder.write("report.json", "previous report\n");
  AtomicFile file(target.string());
  REQUIRE(file.error() == 0);
  file.stream() << "new report\n";
  CHECK(read_all(target) == "previous report\n");  // nothing moves before the commit
  REQUIRE(file.commit() == 0);
  CHECK(read_all(target) == "new report\n");
  CHECK(entries_in(folder.path()) == 1);
}

TEST_CASE("a file being written has no name in the folder, and reads back through its path",
          "[app]") {
  const testing::TempDir folder;
  const fs::path target = folder.write("report.json", "previous report\n");
  AtomicFile file(target.string());
  REQUIRE(file.error() == 0);
  file.stream() << "new report\n" << std::flush;
  if (unnamed_files_here(folder.path())) {
    // Nothing a SIGKILL could leave behind.
    CHECK(file.temporary_path().starts_with("/proc/self/fd/"));
    CHECK(entries_in(folder.path()) == 1);
  } else {
    CHECK(fs::path(file.temporary_path()).parent_path() == folder.path());
    CHECK(fs::path(file.temporary_path()).filename().string().starts_with(".report.json."));
  }
  CHECK(read_all(file.temporary_path()) == "new report\n");
  REQUIRE(file.commit() == 0);
  CHECK(read_all(target) == "new report\n");
  CHECK(entries_in(folder.path()) == 1);
}

TEST_CASE("a file given up before its commit leaves the previous report untouched", "[app]") {
  const testing::TempDir folder;
  const fs::path target = folder.write("report.txt", "previous report\n");
  {
    AtomicFile file(target.string());
    REQUIRE(file.error() == 0);
    file.stream() << std::string(200000, 'x');  // past the buffer: bytes reach the disk
    CHECK(fs::exists(file.temporary_path()));
  }
  CHECK(read_all(target) == "previous report\n");
  CHECK(entries_in(folder.path()) == 1);
}

TEST_CASE("a committed file has the mode of a newly created file, not mkstemp's 0600", "[app]") {
  const testing::TempDir folder;
  const mode_t previous_mask = ::umask(022);
  AtomicFile file((folder.path() / "report.md").string());
  file.stream() << "# report\n";
  REQUIRE(file.commit() == 0);
  ::umask(previous_mask);
  struct stat info {};
  REQUIRE(::stat((folder.path() / "report.md").c_str(), &info) == 0);
  CHECK((info.st_mode & 0777) == 0644);
}

TEST_CASE("a file in a folder that does not exist fails at once with the reason", "[app]") {
  const testing::TempDir folder;
  AtomicFile file((folder.path() / "missing" / "report.json").string());
  CHECK(file.error() == ENOENT);
  CHECK(file.commit() == ENOENT);
  CHECK_FALSE(fs::exists(folder.path() / "missing"));
}

TEST_CASE("a file that cannot be written whole is removed and the target left alone", "[app]") {
  const testing::TempDir folder;
  const fs::path target = folder.write("report.json", "previous report\n");
  // A folder where the file should go: the rename is refused, the bytes must not stay behind.
  fs::create_directory(folder.path() / "busy");
  fs::create_directory(folder.path() / "busy" / "inner");
  AtomicFile file((folder.path() / "busy").string());
  REQUIRE(file.error() == 0);
  file.stream() << "new report\n";
  CHECK(file.commit() != 0);
  CHECK(read_all(target) == "previous report\n");
  CHECK(entries_in(folder.path()) == 2);  // report.json and busy/, no temporary file
}

TEST_CASE("a link is followed: the file it names is replaced and the link stays", "[app]") {
  const testing::TempDir folder;
  fs::create_directory(folder.path() / "reports");
  const fs::path real = folder.write("reports/latest.json", "previous report\n");
  const fs::path link = folder.path() / "report.json";
  fs::create_symlink("reports/latest.json", link);
  AtomicFile file(link.string());
  REQUIRE(file.error() == 0);
  file.stream() << "new report\n";
  REQUIRE(file.commit() == 0);
  CHECK(file.target() == link.string());  // messages name the path as given
  CHECK(fs::is_symlink(link));
  CHECK(read_all(real) == "new report\n");
  CHECK(entries_in(folder.path() / "reports") == 1);
}

TEST_CASE("a link to no file is replaced itself, and a loop of links is refused", "[app]") {
  // Only the kernel follows links (its rules on links planted by others apply),
  // and a link to nothing opens nothing to follow: it is replaced like a new file.
  const testing::TempDir folder;
  fs::create_directory(folder.path() / "reports");
  const fs::path dangling = folder.path() / "report.json";
  fs::create_symlink(folder.path() / "reports" / "new.json", dangling);
  REQUIRE(write_file_atomically(dangling.string(), "new report\n") == 0);
  CHECK_FALSE(fs::is_symlink(dangling));
  CHECK(read_all(dangling) == "new report\n");
  CHECK(entries_in(folder.path() / "reports") == 0);

  fs::create_symlink("second", folder.path() / "first");
  fs::create_symlink("first", folder.path() / "second");
  const AtomicFile loop((folder.path() / "first").string());
  CHECK(loop.error() == ELOOP);
}

TEST_CASE(
    "a descriptor of this process named through /proc is written through it, at its "
    "offset",
    "[app]") {
  // `-o /dev/stdout > report.json`: /dev/stdout is a link to /proc/self/fd/1,
  // whose own link names the open file. Renamed over, the link in /dev would be
  // replaced by a plain file; written through the descriptor, the report goes
  // where standard output goes, after what it already holds (`>>`).
  if (::access("/proc/self/fd", X_OK) != 0) {
    WARN("no /proc: nothing to check");
    return;
  }
  const testing::TempDir folder;
  const fs::path target = folder.write("appended.log", "earlier lines\n");
  const int descriptor = ::open(target.c_str(), O_WRONLY | O_APPEND | O_CLOEXEC);
  REQUIRE(descriptor >= 0);
  const std::string named = "/proc/self/fd/" + std::to_string(descriptor);
  REQUIRE(write_file_atomically(named, "the report\n") == 0);
  ::close(descriptor);
  CHECK(read_all(target) == "earlier lines\nthe report\n");
  CHECK(entries_in(folder.path()) == 1);
}

TEST_CASE("a pull folder's file replaces a FIFO or a link in its way instead of writing into it",
          "[app]") {
  const testing::TempDir folder;
  const fs::path fifo = folder.path() / "chunk.json";
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  REQUIRE(write_file_atomically(fifo.string(), "rows\n", AtomicFile::InPlace::never) == 0);
  CHECK(fs::is_regular_file(fifo));
  CHECK(read_all(fifo) == "rows\n");
  // A link there is the pull folder's file, not a way elsewhere.
  const fs::path elsewhere = folder.write("elsewhere.json", "someone else's\n");
  const fs::path link = folder.path() / "manifest.json";
  fs::create_symlink(elsewhere, link);
  REQUIRE(write_file_atomically(link.string(), "manifest\n", AtomicFile::InPlace::never) == 0);
  CHECK_FALSE(fs::is_symlink(link));
  CHECK(read_all(link) == "manifest\n");
  CHECK(read_all(elsewhere) == "someone else's\n");
}

TEST_CASE("a descriptor of this process open for reading only is refused at once", "[app]") {
  if (::access("/proc/self/fd", X_OK) != 0) {
    WARN("no /proc: nothing to check");
    return;
  }
  const testing::TempDir folder;
  const fs::path input = folder.write("input.log", "a log\n");
  const int descriptor = ::open(input.c_str(), O_RDONLY | O_CLOEXEC);
  REQUIRE(descriptor >= 0);
  const AtomicFile file("/proc/self/fd/" + std::to_string(descriptor));
  CHECK(file.error() == EBADF);
  ::close(descriptor);
  CHECK(read_all(input) == "a log\n");
}
}  // namespace
}  // namespace iothub_diag
