// `npm run bench:verification` — public certificate verification at a fixed rate, open loop
// (scripts/bench/public-verification.ts). Prints one JSON document.
//   BENCH_RATE (requests/s, default 200), BENCH_SECONDS (default 30), BENCH_CERTIFICATES (default 10000)
import { runBenchmark } from './harness';
import { measureVerification } from './public-verification';

const env = process.env;

// The public rate limit protects production from one client; the load generator is one client.
runBenchmark('public certificate verification', { PUBLIC_RATE_LIMIT_PER_MINUTE: '100000' }, (stack) =>
  measureVerification(stack, {
    rate: Number(env.BENCH_RATE ?? 200),
    seconds: Number(env.BENCH_SECONDS ?? 30),
    certificates: Number(env.BENCH_CERTIFICATES ?? 10_000),
  }),
);
