// Node flags a worker process is started with (`npm run worker`, the image, the bench's workers).
//
// A fan-out keeps thousands of notices in flight (pages, rendered texts, open requests), so most
// young objects are still alive when V8's default 16 MiB semi-space fills: each scavenge copies them,
// and a push run spent about a tenth of the worker's main thread there. A 64 MiB semi-space lets them
// die first (measured with --trace-gc: scavenge time in a 40,000-push run from 1.3 s to 0.4 s).
export const WORKER_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=64'];
