#pragma once

#include <algorithm>
#include <cstddef>
#include <exception>
#include <future>
#include <optional>
#include <system_error>
#include <thread>
#include <vector>

namespace iothub_diag {

// Runs `first` on another thread while `second` runs on this one; returns when
// both are done. With fewer than two `threads`, or when no thread can be
// started, both run on this one, `first` first. An exception thrown by either
// is thrown again here, `second`'s first, once both have ended: the other
// thread never ends the process.
template <class First, class Second>
void side_by_side(unsigned threads, const First& first, const Second& second) {
  if (threads < 2) {
    first();
    second();
    return;
  }
  std::exception_ptr first_failure;
  const auto run_first = [&first, &first_failure] {
    try {
      first();
    } catch (...) {
      first_failure = std::current_exception();
    }
  };
  {
    std::jthread other;
    try {
      other = std::jthread(run_first);
    } catch (const std::system_error&) {
      run_first();
    }
    second();  // if it throws, `other` is joined as the exception leaves this block
  }
  if (first_failure) std::rethrow_exception(first_failure);
}

// Begins `work` on another thread when `threads` allows one and one can be
// started, else leaves it to run on the thread that first asks for its result.
// Either way get() gives the result, or throws what `work` threw.
template <class Work>
auto begin_aside(unsigned threads, Work work) {
  if (threads > 1) {
    try {
      return std::async(std::launch::async, work);
    } catch (const std::system_error&) {
    }
  }
  return std::async(std::launch::deferred, std::move(work));
}

// Where to split items 0 to `count` in two shares of about half the work each,
// item i weighing `weight(i)`: the boundary whose weight before it is closest
// to half the total (the earlier of two as close).
template <class Weight>
std::size_t half_weight_split(std::size_t count, Weight weight) {
  std::size_t total = 0;
  for (std::size_t i = 0; i < count; ++i)
    total += weight(i);
  std::size_t before = 0;  // the weight before item i
  for (std::size_t i = 0; i < count; ++i) {
    const std::size_t after = before + weight(i);
    // The half lies in item i: split before it or after it, whichever is closer.
    if (2 * after >= total) return 2 * after - total < total - 2 * before ? i + 1 : i;
    before = after;
  }
  return count;
}

// How a pass over items may be shared: how many threads may run, and where
// the items split in two shares. The split is where half the work lies on
// either side (half_weight_split) unless one is given: every split must give
// the result of one pass, and tests check it with splits of their own.
struct Sharing {
  unsigned threads = 1;
  std::optional<std::size_t> split;  // the first item of the second share

  template <class Weight>
  std::size_t split_of(std::size_t count, Weight weight) const {
    return split ? std::min(*split, count) : half_weight_split(count, weight);
  }
};

// Below this many elements a sort stays on one thread: starting another costs more.
inline constexpr std::size_t kParallelSortMinimum = std::size_t{1} << 14;

// Sorts `items` by `less`, a strict total order, on up to two threads: each
// sorts a half, then the halves are merged. The result is the one std::sort gives.
template <class T, class Less>
void sort_on_threads(std::vector<T>& items, unsigned threads, Less less) {
  if (threads < 2 || items.size() < kParallelSortMinimum) {
    std::sort(items.begin(), items.end(), less);
    return;
  }
  const auto middle = items.begin() + static_cast<std::ptrdiff_t>(items.size() / 2);
  side_by_side(
      threads, [&] { std::sort(items.begin(), middle, less); },
      [&] { std::sort(middle, items.end(), less); });
  std::inplace_merge(items.begin(), middle, items.end(), less);
}

}  // namespace iothub_diag
