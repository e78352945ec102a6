#pragma once

// Batches made on one thread, worked on by others, and taken back on the first
// thread in the order they were made (private to src/input).

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <exception>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

namespace iothub_diag {

// The thread that reads fills Batches and submit()s them; each of `workers`
// threads owns a Worker, built from `context`, whose `operator()(Batch&)`
// works a batch (parses its texts into calls, cuts its rows). Each batch
// worked is handed to `take`, on the reading thread, batch after batch in
// submit order, so what `take` sees does not depend on which worker was
// faster. At most kBatchesPerWorker batches per worker are out at once:
// submit() waits for the oldest while there are more, so memory stays
// bounded. Batch needs `clear()` (which keeps its memory for reuse). An
// exception thrown by a Worker, or by `take`, is thrown again by submit() or
// finish().
template <class Batch, class Worker>
class OrderedBatches {
 public:
  static constexpr std::size_t kBatchesPerWorker = 3;

  template <class Context>
  OrderedBatches(std::function<void(Batch&)> take, unsigned workers, const Context& context)
      : take_(std::move(take)), limit_(std::size_t{workers} * kBatchesPerWorker) {
    for (unsigned i = 0; i < workers; ++i)
      workers_.emplace_back([this, &context] {
        Worker worker(context);
        work(worker);
      });
  }
  OrderedBatches(const OrderedBatches&) = delete;
  OrderedBatches& operator=(const OrderedBatches&) = delete;
  ~OrderedBatches() { stop(); }

  // An empty batch, with the memory of one already taken when there is one.
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

  // Hands `batch` to the workers, then takes the batches done at the front.
  void submit(std::unique_ptr<Batch> batch) {
    {
      const std::lock_guard lock(mutex_);
      in_order_.push_back(Entry{std::move(batch), false});
      waiting_.push_back(&in_order_.back());
    }
    changed_.notify_all();
    take_done(/*all=*/false);
  }

  // Takes every batch submitted, waiting for each, and stops the workers.
  void finish() {
    take_done(/*all=*/true);
    stop();
  }

 private:
  struct Entry {
    std::unique_ptr<Batch> batch;
    bool done = false;
  };

  // Takes the batches done at the front, in order: all of them (waiting for
  // each), or those done, waiting only while more than the limit are out.
  void take_done(bool all) {
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
      take_(*done);
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

  std::function<void(Batch&)> take_;
  const std::size_t limit_;

  std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<Entry> in_order_;  // every batch out, in submit order (its elements never move)
  std::deque<Entry*> waiting_;  // those no worker has taken yet
  std::vector<std::unique_ptr<Batch>> spare_;  // taken, their memory kept
  std::exception_ptr failure_;
  bool stopping_ = false;
  std::vector<std::thread> workers_;
};

}  // namespace iothub_diag
