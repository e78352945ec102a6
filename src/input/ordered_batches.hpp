#pragma once

// Batches made on one thread, worked on by others, their calls made on the
// sink in the order the batches were made (private to src/input).

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <exception>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "recorded_calls.hpp"

#include <iothub_diag/model/record_sink.hpp>

namespace iothub_diag {

// The thread that reads fills Batches and submit()s them; each of `workers`
// threads owns a Worker, built from `context`, whose `operator()(Batch&)`
// makes the batch's calls on `batch.calls` (a RecordedCalls). Those calls are
// made again on `sink`, on the reading thread, batch after batch in submit
// order, so `sink` sees what one Worker working every batch in turn would give.
// At most kBatchesPerWorker batches per worker are out at once: submit() waits
// for the oldest while there are more, so memory stays bounded. Batch needs
// `RecordedCalls calls` and `clear()` (which keeps its memory for reuse).
// An exception thrown by a Worker is thrown again by submit() or finish().
template <class Batch, class Worker>
class OrderedBatches {
 public:
  static constexpr std::size_t kBatchesPerWorker = 3;

  template <class Context>
  OrderedBatches(RecordSink& sink, unsigned workers, const Context& context)
      : sink_(sink), limit_(std::size_t{workers} * kBatchesPerWorker) {
    for (unsigned i = 0; i < workers; ++i)
      workers_.emplace_back([this, &context] {
        Worker worker(context);
        work(worker);
      });
  }
  OrderedBatches(const OrderedBatches&) = delete;
  OrderedBatches& operator=(const OrderedBatches&) = delete;
  ~OrderedBatches() { stop(); }

  // An empty batch, with the memory of one already replayed when there is one.
  std::unique_ptr<Batch> new_batch() {
    {
      const std::lock_guard lock(mutex_);
      if (!spare_.empty()) {
        std::unique_ptr<Batch> batch = std::move(spare_.back());
        spare_.pop_back();
        return batch;
      }
    }
    return std::make_unique<Batch>();
  }

  // Hands `batch` to the workers, then replays the batches done at the front.
  void submit(std::unique_ptr<Batch> batch) {
    {
      const std::lock_guard lock(mutex_);
      in_order_.push_back(Entry{std::move(batch), false});
      waiting_.push_back(&in_order_.back());
    }
    changed_.notify_all();
    replay_done(/*all=*/false);
  }

  // Replays every batch submitted, waiting for each, and stops the workers.
  void finish() {
    replay_done(/*all=*/true);
    stop();
  }

 private:
  struct Entry {
    std::unique_ptr<Batch> batch;
    bool done = false;
  };

  // Makes the calls of the batches done at the front, in order, on the sink:
  // all of them (waiting for each), or those done, waiting only while more
  // than the limit are out.
  void replay_done(bool all) {
    for (;;) {
      std::unique_ptr<Batch> done;
      {
        std::unique_lock lock(mutex_);
        if (in_order_.empty()) return;
        if (all || in_order_.size() > limit_)
          changed_.wait(lock, [this] { return failure_ || in_order_.front().done; });
        if (failure_) std::rethrow_exception(failure_);
        if (!in_order_.front().done) return;
        done = std::move(in_order_.front().batch);
        in_order_.pop_front();
      }
      done->calls.replay(sink_);
      done->clear();
      const std::lock_guard lock(mutex_);
      spare_.push_back(std::move(done));
    }
  }

  void work(Worker& worker) {
    for (;;) {
      Entry* entry = nullptr;
      {
        std::unique_lock lock(mutex_);
        changed_.wait(lock, [this] { return stopping_ || !waiting_.empty(); });
        if (stopping_ || waiting_.empty()) return;
        entry = waiting_.front();
        waiting_.pop_front();
      }
      try {
        worker(*entry->batch);
      } catch (...) {
        const std::lock_guard lock(mutex_);
        if (!failure_) failure_ = std::current_exception();
      }
      {
        const std::lock_guard lock(mutex_);
        entry->done = true;
      }
      changed_.notify_all();
    }
  }

  void stop() noexcept {
    {
      const std::lock_guard lock(mutex_);
      stopping_ = true;
    }
    changed_.notify_all();
    for (std::thread& worker : workers_)
      if (worker.joinable()) worker.join();
  }

  RecordSink& sink_;
  const std::size_t limit_;

  std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<Entry> in_order_;  // every batch out, in submit order (its elements never move)
  std::deque<Entry*> waiting_;  // those no worker has taken yet
  std::vector<std::unique_ptr<Batch>> spare_;  // replayed, their memory kept
  std::exception_ptr failure_;
  bool stopping_ = false;
  std::vector<std::thread> workers_;
};

}  // namespace iothub_diag
