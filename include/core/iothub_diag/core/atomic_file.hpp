#pragma once

#include <memory>
#include <ostream>
#include <string>
#include <string_view>

#include <iothub_diag/core/descriptor_stream.hpp>
#include <iothub_diag/core/message.hpp>

namespace iothub_diag {

// A file that is either whole or not there (a report, a saved chunk, a
// manifest): written to a temporary file in the target's folder, synced, then
// renamed over the target and the folder synced, so the previous file survives
// a failed or killed run. The temporary file has no name while it is written
// (O_TMPFILE), so no signal, SIGKILL included, can leave it behind; it is
// named `.NAME.XXXXXX` just before the rename. Where O_TMPFILE or /proc is
// missing it is named from the start, and SIGINT, SIGTERM and SIGHUP remove
// it (SIGKILL may then leave it, hidden). A symbolic link is followed by the
// kernel (so its rules on links apply): the file it names is replaced and the
// link stays; a link to no file is replaced itself. A target that exists and is
// neither a regular file nor a folder (a device such as /dev/null, a FIFO, a
// socket) is opened and written in place: there is nothing to replace
// atomically, and a rename would put a plain file where the device was. So is
// a link of /proc (`/dev/stdout`, `/dev/fd/N`, `/proc/self/fd/N`): it names an
// open file, not a path, and one of this process's own is written through its
// descriptor, as `-` writes standard output. A FIFO's open waits, as a shell's
// redirection does, until a reader opens it.
class AtomicFile {
 public:
  // Whether a device, a pipe, a socket or a link at the target is written in
  // place or followed (a report), or replaced by a file like anything else
  // (the files of a pull folder, which are the program's own).
  enum class InPlace : bool { never, devices };

  // Creates the temporary file now, so an unwritable folder is found before
  // any work is done; check error().
  explicit AtomicFile(std::string target, InPlace in_place = InPlace::devices);
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;
  ~AtomicFile();  // removes the temporary file unless commit() succeeded

  // Why the temporary file could not be created (errno), or 0.
  int error() const noexcept { return open_error_; }
  // The path as given (a link's, not its file's).
  const std::string& target() const noexcept { return target_; }
  // A path that opens the temporary file for reading: /proc/self/fd/N while
  // it has no name.
  const std::string& temporary_path() const noexcept { return temporary_; }
  std::ostream& stream();

  // Appends bytes; false once a write has failed (commit() then says why).
  bool write(std::string_view bytes);

  // Flushes, syncs, gives the file a created file's mode (0666 less the
  // umask) and renames it over the target. Returns 0, or the errno of the
  // step that failed (the temporary file is then removed).
  int commit();

 private:
  // Where writing a target lands: its link followed by the kernel.
  struct Landing {
    std::string path;       // what the rename replaces, or what is opened in place
    bool in_place = false;  // a device, a pipe, a socket or a link of /proc: opened, not replaced
    bool through_proc = false;  // a link of /proc: an open file
    int descriptor = -1;        // this process's own descriptor that link names, or -1
    int error = 0;              // why the link could not be followed (ELOOP, EACCES, ...)
  };
  static Landing landing_of(const std::string& target, InPlace in_place);
  // Opens a landing that is written in place; false for one a file replaces.
  bool open_in_place(const Landing& landing);
  void discard() noexcept;
  std::string temporary_name() const;  // the mkstemp template beside the target
  int give_name();                     // links the unnamed file to a hidden name; errno or 0

  std::string target_;
  std::string destination_;  // what the rename replaces: the target, its links followed
  std::string temporary_;
  int descriptor_ = -1;
  int open_error_ = 0;
  bool committed_ = false;
  bool unnamed_ = false;          // O_TMPFILE: no name in the folder yet
  bool direct_ = false;           // the target itself, a device or a pipe, is written
  bool truncate_at_end_ = false;  // a file reached through another process's descriptor
  int cleanup_slot_ = -1;         // its slot among the files a signal removes
  std::unique_ptr<DescriptorStream> stream_;
};

// Writes `bytes` to `path` through an AtomicFile; 0, or the errno that stopped it.
int write_file_atomically(const std::string& path, std::string_view bytes,
                          AtomicFile::InPlace in_place = AtomicFile::InPlace::devices);

// "cannot write 'PATH': REASON" for an AtomicFile's errno, in English (a build tool's words).
std::string describe_write_error(const std::string& path, int error);

// The same as a Message (MessageId::file_unwritable), for a person in --lang.
Message unwritable_file(const std::string& path, int error);

}  // namespace iothub_diag
