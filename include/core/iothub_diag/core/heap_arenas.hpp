#pragma once

namespace iothub_diag {

// Caps the heap's arenas (glibc's `M_ARENA_MAX`) at `arenas`, at least two:
// the main one and one for every other thread, unless GLIBC_TUNABLES sets
// `glibc.malloc.arena_max`. Called before any thread starts.
//
// Why: glibc gives a thread that starts while every arena is taken a new one,
// up to eight per core. The read's workers leave theirs full of freed pages;
// the analysis then starts threads side by side (the hubs' facts, the
// connected counts, the gap search's second share), and which of them finds a
// freed arena and which faults in a fresh one depends on which starts first.
// On fleet-50k the peak was 98 MiB in some runs and 110 to 113 MiB in others;
// with two arenas, 98 MiB in every run, at the same speed (docs/ARCHITECTURE.md,
// "Why not X"). A no-op where the C library offers no such setting.
void limit_heap_arenas(unsigned arenas) noexcept;

}  // namespace iothub_diag
