// sleepnet core: run independent jobs (seeds) on several threads.
//
// Results never depend on the thread count: each job owns its state and writes only its own slot.
// In WebAssembly (no pthreads build) jobs run one after another.
#pragma once
#include <functional>

namespace sleepnet {
// Calls job(i) for i in [0, n) on up to `threads` threads (0 = hardware concurrency). If a job throws, the
// remaining jobs are not started and the first exception is rethrown here.
void parallel_for(int n, int threads, const std::function<void(int)>& job);
int default_threads();
}  // namespace sleepnet
