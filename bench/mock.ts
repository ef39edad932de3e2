// The mock's cost per request, as the SDK v3 sees it, and its latency under a class.
// Part 1 (mock-throughput.ts): signed STS requests per second against the embedded mock and,
// in the same run and process, against a static-reply floor; the cost is the median of
// floor/mock over rotating blocks. Part 2 (mock-classroom.ts): 30 simulated learners running
// the cross-account lab against one mock in a child process. Loopback only, fixed request
// counts; ends with PASS/FAIL against issue 4's targets.
//   BENCH_PART=throughput|classroom   one part alone (for a profile with node --cpu-prof)
//   BENCH_SEQ, BENCH_CONC, BENCH_PAIRS block sizes and rounds of part 1
//   BENCH_WARM                        warm-up calls per server before a sequential row of part 1
//                                     (default 5000: steady state; 32-in-flight rows take 300)
//   BENCH_BASELINE=DIR                part 1 also runs the mock of another built checkout
//   BENCH_OPS=NAME                    part 1 measures only the operations whose name contains NAME
//   BENCH_STAGGER_MS                  how long the staggered class takes to start
import { startMock } from '../src/mock/index.js';
import { classroom } from './mock-classroom.js';
import type { Summary } from './mock-common.js';
import { throughput } from './mock-throughput.js';

process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] ??= 'true';
const summary: Summary = [];
const part = process.env.BENCH_PART;
if (!part || part === 'throughput') {
  const mock = await startMock({ accounts: ['source', 'target'] });
  try {
    await throughput(mock, summary);
  } finally {
    await mock.close();
  }
}
if (!part || part === 'classroom') await classroom(summary);
console.log('\nSummary against issue 4 (figures above; cost = floor rate / mock rate, same client, same run)');
for (const [ok, text] of summary) console.log(`${ok === undefined ? 'info' : ok ? 'PASS' : 'FAIL'}  ${text}`);
