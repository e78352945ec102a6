// Batches worked on any thread are taken one at a time, in the order they were made.
#include "../../src/input/ordered_batches.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <set>
#include <stdexcept>
#include <thread>
#include <vector>

#include <catch2/catch.hpp>

namespace iothub_diag {
namespace {

struct NumberBatch {
  std::vector<int> numbers;
  std::vector<int> squares;  // set by the worker
  std::thread::id worked_on;

  void clear() noexcept {
    numbers.clear();
    squares.clear();
  }
};

// What the test sees across threads.
struct Watch {
  int fail_on = -1;  // a worker throws on the batch holding this number
  std::atomic<int> working{0};
};

class Squarer {
 public:
  explicit Squarer(Watch* watch) : watch_(*watch) {}
  void operator()(NumberBatch& batch) const {
    ++watch_.working;
    for (const int number : batch.numbers) {
      if (number == watch_.fail_on) throw std::runtime_error("worker failed");
      batch.squares.push_back(number * number);
    }
    // Uneven work: some batches finish after later ones.
    if (batch.numbers.front() % 3 == 0) std::this_thread::sleep_for(std::chrono::microseconds(300));
    batch.worked_on = std::this_thread::get_id();
  }

 private:
  Watch& watch_;
};

struct Taken {
  std::vector<int> squares;
  std::set<std::thread::id> worked_on;
  std::set<const NumberBatch*> batches;
  bool all_worked = true;  // every batch taken had been worked
  std::atomic<int> most_taking_at_once{0};
};

// Submits `count` batches of 4 numbers each on `workers` worker threads into `taken`;
// taking the batch that starts at `take_fails_on` throws.
void run(Taken& taken, unsigned workers, int count, Watch& watch, int take_fails_on = -1) {
  std::atomic<int> taking{0};
  OrderedBatches<NumberBatch, Squarer> batches(
      [&](NumberBatch& batch) {
        const int now = ++taking;
        for (int most = taken.most_taking_at_once; most < now;)
          taken.most_taking_at_once.compare_exchange_weak(most, now);
        if (batch.numbers.front() == take_fails_on) {
          --taking;
          throw std::runtime_error("take failed");
        }
        taken.all_worked = taken.all_worked && batch.squares.size() == batch.numbers.size();
        taken.squares.insert(taken.squares.end(), batch.squares.begin(), batch.squares.end());
        taken.worked_on.insert(batch.worked_on);
        taken.batches.insert(&batch);
        --taking;
      },
      workers, &watch);
  for (int first = 0; first < count * 4; first += 4) {
    std::unique_ptr<NumberBatch> batch = batches.new_batch();
    for (int number = first; number < first + 4; ++number)
      batch->numbers.push_back(number);
    batches.submit(std::move(batch));
  }
  batches.finish();
}

}  // namespace

TEST_CASE("Batches are taken in submit order, each once, never two at a time", "[input]") {
  for (const unsigned workers : {0u, 1u, 2u, 3u}) {
    INFO(workers << " workers");
    Watch watch;
    Taken taken;
    run(taken, workers, 300, watch);
    CHECK(taken.all_worked);
    REQUIRE(taken.squares.size() == 1200);
    for (int number = 0; number < 1200; ++number)
      REQUIRE(taken.squares[static_cast<std::size_t>(number)] == number * number);
    CHECK(watch.working == 300);
    CHECK(taken.most_taking_at_once == 1);
    // Memory stays bounded: batches are reused, never more than the limit out (and
    // the one being filled, and the one the reading thread works) at once.
    CHECK(taken.batches.size() <= std::size_t{workers} * 3 + 2);
    if (workers == 0) CHECK(taken.worked_on == std::set{std::this_thread::get_id()});
  }
}

TEST_CASE("A failure in a worker or in take is thrown again to the reading thread", "[input]") {
  for (const unsigned workers : {0u, 1u, 2u}) {
    INFO(workers << " workers");
    Watch failing_worker;
    failing_worker.fail_on = 402;
    Taken worker_failed;
    CHECK_THROWS_WITH(run(worker_failed, workers, 300, failing_worker), "worker failed");
    CHECK(worker_failed.squares.size() <= 400);  // nothing after the failed batch was taken
    Watch watch;
    Taken take_failed;
    CHECK_THROWS_WITH(run(take_failed, workers, 300, watch, 400), "take failed");
    CHECK(take_failed.squares.size() == 400);
    // The last take may run on a worker after the reading thread has submitted everything.
    for (int round = 0; round < 20; ++round) {
      Taken last_failed;
      CHECK_THROWS_WITH(run(last_failed, workers, 30, watch, 116), "take failed");
    }
  }
}

}  // namespace iothub_diag
