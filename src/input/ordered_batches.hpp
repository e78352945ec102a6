#pragma once

// Batches made on one thread, worked on by several, and taken in the order
// they were made (private to src/input).

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

// The thread that reads fills Batches and submit()s them. Each of `workers`
// threads, and the reading thread itself, owns a Worker, built from a copy
// of `context`, whose `operator()(Batch&)` works a batch (parses its texts into
// calls, cuts its rows). Each batch worked is handed to `take` batch after
// batch in submit order, one at a time, so what `take` sees does not depend
// on which thread was faster. The workers work batches and, when none is
// waiting, take the oldest one worked if no take is under way; the reading
// thread only splits and submits until more than kBatchesPerWorker batches
// per worker are out, then takes or works batches itself (or waits) until
// there are fewer. The work is shared that way whatever its parts weigh, and
// memory stays bounded.
//
// Batch needs `clear()` (which keeps its memory for reuse).
// `take` runs on any of the threads, never on two at once: what it touches
// must not be touched by the reading thread between submit() and finish()
// but through `take`. An exception thrown by a Worker, or by `take`, is
// thrown again by submit() or finish().
template <class Batch, class Worker>
class OrderedBatches {
 public:
  static constexpr std::size_t kBatchesPerWorker = 3;

  template <class Context>
  OrderedBatches(std::function<void(Batch&)> take, unsigned workers, const Context& context)
      : take_(std::move(take)), limit_(std::size_t{workers} * kBatchesPerWorker), own_(context) {
    for (unsigned i = 0; i < workers; ++i)
      // A copy of `context` for each: the caller's may be gone by the time a thread starts.
      workers_.emplace_back([this, context] {
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

  // Hands `batch` to the workers; while too many are out, takes or works
  // batches on this thread.
  void submit(std::unique_ptr<Batch> batch) {
    {
      const std::lock_guard lock(mutex_);
      in_order_.push_back(Entry{std::move(batch), false});
      waiting_.push_back(&in_order_.back());
    }
    changed_.notify_all();
    help(/*all=*/false);
  }

  // Takes every batch submitted, working those no worker has started, and
  // stops the workers.
  void finish() {
    help(/*all=*/true);
    stop();
  }

 private:
  struct Entry {
    std::unique_ptr<Batch> batch;
    bool done = false;
  };

  // What the reading thread does while more than the limit are out (with
  // `all`: any, or a take is under way): takes the oldest batch when it is
  // worked, else works a batch no thread has started, else waits.
  void help(bool all) {
    std::unique_lock lock(mutex_);
    for (;;) {
      if (failure_) std::rethrow_exception(failure_);
      // With `all`, the last take may still be under way on a worker, and may yet fail.
      if (all ? in_order_.empty() && !taking_ : in_order_.size() <= limit_) return;
      if (front_ready()) {
        take_front(lock);
        continue;
      }
      if (!waiting_.empty()) {
        work_one(own_, lock);
        continue;
      }
      changed_.wait(lock);
    }
  }

  // Whether the oldest batch is worked and nobody is taking one (mutex_ held).
  bool front_ready() const { return !taking_ && !in_order_.empty() && in_order_.front().done; }

  // Takes the oldest batch, with mutex_ held on entry and on return.
  void take_front(std::unique_lock<std::mutex>& lock) {
    std::unique_ptr<Batch> done = std::move(in_order_.front().batch);
    in_order_.pop_front();
    taking_ = true;
    lock.unlock();
    std::exception_ptr failed;
    try {
      take_(*done);
    } catch (...) {
      failed = std::current_exception();
    }
    done->clear();
    lock.lock();
    taking_ = false;
    if (failed && !failure_) failure_ = failed;
    spare_.push_back(std::move(done));
    changed_.notify_all();
  }

  // Works the first batch no thread has started, with mutex_ held on entry and on return.
  void work_one(Worker& worker, std::unique_lock<std::mutex>& lock) {
    Entry* entry = waiting_.front();
    waiting_.pop_front();
    lock.unlock();
    std::exception_ptr failed;
    try {
      worker(*entry->batch);
    } catch (...) {
      failed = std::current_exception();
    }
    lock.lock();
    if (failed && !failure_) failure_ = failed;
    entry->done = true;
    changed_.notify_all();
  }

  void work(Worker& worker) {
    std::unique_lock lock(mutex_);
    for (;;) {
      // After a failure nothing more is worked or taken: the reading thread throws it again.
      changed_.wait(lock, [this] {
        return stopping_ || (!failure_ && (!waiting_.empty() || front_ready()));
      });
      if (stopping_) return;
      if (!waiting_.empty())
        work_one(worker, lock);
      else
        take_front(lock);
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
  Worker own_;  // the reading thread's

  std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<Entry> in_order_;  // every batch out, in submit order (its elements never move)
  std::deque<Entry*> waiting_;  // those no thread has started yet
  std::vector<std::unique_ptr<Batch>> spare_;  // taken, their memory kept
  std::exception_ptr failure_;
  bool taking_ = false;  // a thread is in `take`
  bool stopping_ = false;
  std::vector<std::thread> workers_;
};

}  // namespace iothub_diag
