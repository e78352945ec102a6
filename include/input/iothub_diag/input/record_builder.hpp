#pragma once

#include <memory>
#include <span>

#include <iothub_diag/input/record_fields.hpp>
#include <iothub_diag/model/record_sink.hpp>

namespace iothub_diag {

// Turns the fields of one record, from any reader, into an event or a skip:
// checks that it is a record, reads its time, decodes `properties` and
// `authType` when they are JSON inside strings. Shared by every reader so all
// shapes normalize identically. Reusable; owns parser buffers.
class RecordBuilder {
 public:
  RecordBuilder();
  ~RecordBuilder();
  RecordBuilder(const RecordBuilder&) = delete;
  RecordBuilder& operator=(const RecordBuilder&) = delete;

  void emit(RecordFields& fields, const SourceLocation& location, RecordSink& sink);

  // Whether the members of a `properties` string read in place (FlatJsonObject) can
  // be given to emit() as they are (RecordFields::properties_members): not when one
  // is a numeric deviceId, which the DOM reads, or an object in a string anywhere
  // but authType.
  static bool takes_in_place(std::span<const FlatMember> members);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace iothub_diag
