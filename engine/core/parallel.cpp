#include "core/parallel.h"

#include <algorithm>
#include <atomic>
#include <exception>
#include <vector>
#ifndef __EMSCRIPTEN__
#include <mutex>
#include <new>
#include <system_error>
#include <thread>
#endif

namespace sleepnet {

int default_threads() {
#ifdef __EMSCRIPTEN__
    return 1;
#else
    return std::max(1u, std::thread::hardware_concurrency());
#endif
}

void parallel_for(int n, int threads, const std::function<void(int)>& job) {
    if (threads <= 0) threads = default_threads();
    threads = std::min(threads, n);
#ifdef __EMSCRIPTEN__
    threads = 1;
#endif
    if (threads <= 1) { for (int i = 0; i < n; ++i) job(i); return; }
#ifndef __EMSCRIPTEN__
    // An exception in a job (e.g. std::bad_alloc) would end the process from a worker thread; the first one is
    // kept, the other workers stop taking jobs, and it is rethrown on the calling thread after the join.
    std::atomic<int> next{0};
    std::exception_ptr first;
    std::mutex mu;
    std::vector<std::thread> pool;
    auto worker = [&] {
        for (int i; (i = next.fetch_add(1)) < n;) {
            try {
                job(i);
            } catch (...) {
                std::lock_guard<std::mutex> lock(mu);
                if (!first) first = std::current_exception();
                next = n;
            }
        }
    };
    // A thread that cannot be started (the process's memory or thread limit) is not an error: the jobs are shared
    // by those that did start, or done on the calling thread if none did. The results do not depend on it.
    for (int t = 0; t < threads; ++t) {
        try {
            pool.emplace_back(worker);
        } catch (const std::system_error&) {   // the thread itself
            break;
        } catch (const std::bad_alloc&) {      // its bookkeeping
            break;
        }
    }
    if (pool.empty()) worker();
    for (auto& th : pool) th.join();
    if (first) std::rethrow_exception(first);
#endif
}

}  // namespace sleepnet
