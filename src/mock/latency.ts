// The mock's own request latency: from the moment Node hands the server a parsed request
// head to the moment the last byte of the answer is handed to the socket. Always on, so it
// must cost next to nothing and hold a bounded amount of memory whatever the traffic: a
// fixed log-scale histogram (buckets 10 % wide), not a list of samples.

/** Bucket i holds latencies up to FIRST_MS * GROWTH^i; the last bucket holds the rest. */
const FIRST_MS = 0.05;
const GROWTH = 1.1;
const BUCKETS = 160; // up to ~0.05 ms * 1.1^159, about 190 s
const LOG_GROWTH = Math.log(GROWTH);

export interface LatencySnapshot {
  /** Requests answered. */
  count: number;
  /** Slowest single request, in ms. */
  maxMs: number;
  /** All requests' time together, in ms (for a mean finer than the buckets). */
  totalMs: number;
  /** counts[i]: requests that took at most upperBoundMs(i) (and more than bucket i-1's). */
  counts: readonly number[];
}

export interface LatencySummary {
  count: number;
  /** Percentiles are the upper bound of the bucket they fall in: at most 10 % high. */
  p50Ms: number;
  p90Ms: number;
  p99Ms: number;
  maxMs: number;
  meanMs: number;
}

export const upperBoundMs = (bucket: number): number => FIRST_MS * GROWTH ** bucket;

export class LatencyHistogram {
  private readonly counts = new Array<number>(BUCKETS).fill(0);
  private count = 0;
  private maxMs = 0;
  private totalMs = 0;

  record(ms: number): void {
    const i = ms <= FIRST_MS ? 0 : Math.min(BUCKETS - 1, Math.ceil(Math.log(ms / FIRST_MS) / LOG_GROWTH));
    this.counts[i]!++;
    this.count++;
    this.totalMs += ms;
    if (ms > this.maxMs) this.maxMs = ms;
  }

  snapshot(): LatencySnapshot {
    return { count: this.count, maxMs: this.maxMs, totalMs: this.totalMs, counts: [...this.counts] };
  }
}

/** Percentiles of the requests answered between two snapshots (or since start). The max is
 * the all-time max of `after` when no window is given, else the window's highest bucket. */
export function summarizeLatency(after: LatencySnapshot, before?: LatencySnapshot): LatencySummary {
  const counts = after.counts.map((c, i) => c - (before?.counts[i] ?? 0));
  const count = counts.reduce((a, b) => a + b, 0);
  const at = (p: number): number => {
    if (!count) return 0;
    const rank = Math.ceil((p / 100) * count);
    let seen = 0;
    for (let i = 0; i < counts.length; i++) {
      seen += counts[i]!;
      if (seen >= rank) return Math.min(upperBoundMs(i), after.maxMs);
    }
    return after.maxMs;
  };
  const top = counts.findLastIndex((c) => c > 0);
  const maxMs = !before ? after.maxMs : top < 0 ? 0 : Math.min(upperBoundMs(top), after.maxMs);
  const meanMs = count ? (after.totalMs - (before?.totalMs ?? 0)) / count : 0;
  return { count, p50Ms: at(50), p90Ms: at(90), p99Ms: at(99), maxMs, meanMs };
}
