#pragma once

#include <optional>
#include <span>
#include <vector>

#include <iothub_diag/analysis/diagnosis.hpp>
#include <iothub_diag/model/event_store.hpp>
#include <iothub_diag/model/sdk_profile.hpp>
#include <iothub_diag/rules/finding.hpp>

namespace iothub_diag {

// The median of `values` in seconds; nullopt when empty. Sorts `values`.
std::optional<double> median_seconds(std::span<Timestamp> values);

// The item's hub, device_id and module_id, the first members of every device item, and
// connection_source (JSON only): "resource_logs", or "event_grid" for a device
// judged on Event Grid snapshots alone.
void add_identity(FindingItem& item, const DeviceInfo& device, const EventStore& store);

// protocol and sdk_version, which every device rule reports.
void add_client(FindingItem& item, const DeviceInfo& device);

// sdk (the identified SDK family, null when unknown) and sdk_assessment (plain words).
void add_sdk_assessment(FindingItem& item, const SdkIdentity& sdk, Message assessment);

// What the SDK does, as SdkProfile::expectation says, with its values.
Message sdk_expectation(const SdkProfile& profile);

// What a periodic 404104 says about a device given its SDK's known renewal behaviour.
Message token_cycle_assessment(const SdkIdentity& sdk);

// The same for a device seen only in Event Grid, whose drops carry no codes.
Message snapshot_cycle_assessment();
Message snapshot_drop_assessment();

// What random 404104 drops say about a device given its SDK's version and keep-alive.
Message random_drop_assessment(const SdkIdentity& sdk);

// The window's hub, then start, end (first and last drop it claimed), devices and
// fleet_share (of the hub's devices): where a hub-wide window item begins.
void add_window_extent(FindingItem& item, const AttributedWindow& window,
                       const Diagnosis& diagnosis);

// connected_before, connected_lowest (until recovery_minutes after) and
// connected_after, from the window's hub's connected count.
void add_connected_counts(FindingItem& item, const AttributedWindow& window,
                          const Diagnosis& diagnosis);

// metric_before, metric_lowest and metric_after: the hub's connectedDeviceCount
// metric over the same stretch, unknown when the metric does not cover it (no
// point in the quarter hour before the window, or none after it).
void add_metric_counts(FindingItem& item, const AttributedWindow& window,
                       const Diagnosis& diagnosis);

// health_events: each Activity Log health event over the window, as
// `time kind status (cause): title or tracking id`.
void add_health_events(FindingItem& item, const AttributedWindow& window,
                       const Diagnosis& diagnosis);

// The attributed windows of one kind, in (hub, time) order.
std::vector<const AttributedWindow*> windows_of_kind(const Diagnosis& diagnosis, WindowKind kind);

// A note on 409002 LinkCreationConflict records seen right after `count` of the finding's drops.
std::optional<Message> link_conflict_note(std::size_t count);

}  // namespace iothub_diag
