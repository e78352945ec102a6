#include <catch2/catch.hpp>

#include <iothub_diag/simulate/state_snapshots.hpp>

namespace iothub_diag::simulate {
namespace {

constexpr Timestamp kSecond = kMillisPerSecond;
constexpr Timestamp kStart = 1'795'132'800'000;  // 2026-11-20T00:00:00Z
constexpr TimeWindow kSpan = {kStart, kStart + kMillisPerHour};
constexpr Timestamp kPhase = 20 * kSecond;  // windows end at :20 of every minute

Timestamp at(Timestamp seconds) {
  return kStart + seconds * kSecond;
}

ConnectionEvent connect(Timestamp seconds, std::int32_t code = 0) {
  return {at(seconds), ConnectionOperation::connect, code, false, std::nullopt};
}

ConnectionEvent disconnect(Timestamp seconds, std::int32_t code) {
  return {at(seconds), ConnectionOperation::disconnect, code, false, std::nullopt};
}

// Connected from before the span until `drop`, again from `reconnect` to the end.
DeviceHistory outage(Timestamp drop, Timestamp reconnect) {
  DeviceHistory history;
  history.events = {disconnect(drop, 404104), connect(reconnect)};
  history.connected = {{kSpan.start, at(drop)}, {at(reconnect), kSpan.end}};
  return history;
}

TEST_CASE("a drop and a reconnect inside one window publish one repeated DeviceConnected",
          "[simulate]") {
  const std::vector<StateSnapshot> snapshots = state_snapshots(outage(100, 105), kSpan, kPhase, 7);
  REQUIRE(snapshots.size() == 1);
  CHECK(snapshots[0].time == at(140));  // the end of the window [80 s, 140 s)
  CHECK(snapshots[0].connected);
  CHECK(snapshots[0].sequence == 7);
}

TEST_CASE("an outage longer than a window publishes DeviceDisconnected then DeviceConnected",
          "[simulate]") {
  const std::vector<StateSnapshot> snapshots = state_snapshots(outage(100, 400), kSpan, kPhase, 1);
  REQUIRE(snapshots.size() == 2);
  CHECK(snapshots[0].time == at(140));
  CHECK_FALSE(snapshots[0].connected);
  CHECK(snapshots[1].time == at(440));
  CHECK(snapshots[1].connected);
  CHECK(snapshots[1].sequence == snapshots[0].sequence + 1);
}

TEST_CASE("a short outage across a window end is seen in both windows", "[simulate]") {
  const std::vector<StateSnapshot> snapshots = state_snapshots(outage(135, 145), kSpan, kPhase, 1);
  REQUIRE(snapshots.size() == 2);
  CHECK(snapshots[0].time == at(140));
  CHECK_FALSE(snapshots[0].connected);
  CHECK(snapshots[1].time == at(200));
  CHECK(snapshots[1].connected);
}

TEST_CASE("failed connects and the 401003 beside a token drop change no state", "[simulate]") {
  DeviceHistory history = outage(100, 400);
  history.events = {disconnect(70, 401003), connect(200, 401003), disconnect(100, 404104),
                    connect(250, 503001),   connect(300, 409002), connect(400)};
  const std::vector<StateSnapshot> snapshots = state_snapshots(history, kSpan, kPhase, 1);
  REQUIRE(snapshots.size() == 2);
  CHECK(snapshots[0].time == at(140));
  CHECK(snapshots[1].time == at(440));
  CHECK_FALSE(changes_connection_state(connect(0, 401003)));
  CHECK(changes_connection_state(disconnect(0, 0)));
  CHECK(changes_connection_state(disconnect(0, 400027)));
}

TEST_CASE("two clients swapping one identity keep it connected in every window", "[simulate]") {
  DeviceHistory history;
  for (Timestamp second = 30; second < 200; second += 10) {
    history.events.push_back(connect(second));
    history.events.push_back(disconnect(second, 400027));
  }
  history.connected = {{kSpan.start, kSpan.end}};
  const std::vector<StateSnapshot> snapshots = state_snapshots(history, kSpan, kPhase, 1);
  REQUIRE(snapshots.size() == 3);  // windows ending at 80 s, 140 s and 200 s
  for (const StateSnapshot& snapshot : snapshots)
    CHECK(snapshot.connected);
}

TEST_CASE("the first window holds the span start and the last must end within the span",
          "[simulate]") {
  const std::vector<StateSnapshot> early = state_snapshots(outage(5, 3000), kSpan, kPhase, 1);
  REQUIRE(early.size() == 2);
  CHECK(early[0].time == at(20));
  CHECK_FALSE(early[0].connected);

  // A reconnect in the window that ends at 3620 s, after the span: not published.
  const std::vector<StateSnapshot> late = state_snapshots(outage(3000, 3590), kSpan, kPhase, 1);
  REQUIRE(late.size() == 1);
  CHECK(late[0].time == at(3020));
  CHECK_FALSE(late[0].connected);

  CHECK(state_snapshots(DeviceHistory{}, kSpan, kPhase, 1).empty());
}

}  // namespace
}  // namespace iothub_diag::simulate
