// The mock's own latency figures: RunningMock.stats() counts every answered request (errors
// too), and summarizeLatency reads percentiles and windows off the bounded histogram with
// at most the documented 10 % overstatement.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import type { RunningMock } from '../../src/mock/index.js';
import { LatencyHistogram, summarizeLatency, upperBoundMs } from '../../src/mock/latency.js';
import { adminCreds, rejectsWith, stsClient, withMock } from './helpers.js';

/** A percentile read from the histogram is the bound of its bucket: in [ms, ms * 1.1]. */
function near(actual: number, ms: number, what: string): void {
  assert.ok(actual >= ms && actual <= ms * 1.1 + 1e-9, `${what}: ${actual} is not within 10 % above ${ms}`);
}

describe('summarizeLatency', () => {
  it('reads p50, p90, p99 and max off the recorded times', () => {
    const h = new LatencyHistogram();
    for (let i = 0; i < 89; i++) h.record(1);
    for (let i = 0; i < 10; i++) h.record(10);
    h.record(100);
    const s = summarizeLatency(h.snapshot());
    assert.equal(s.count, 100);
    near(s.p50Ms, 1, 'p50');
    near(s.p90Ms, 10, 'p90'); // rank 90 is the first 10 ms request
    near(s.p99Ms, 10, 'p99'); // rank 99 is the last 10 ms one; 100 ms is only the max
    assert.equal(s.maxMs, 100);
  });

  it('never reports a percentile above the slowest request', () => {
    const h = new LatencyHistogram();
    h.record(3);
    const s = summarizeLatency(h.snapshot());
    assert.deepEqual([s.p50Ms, s.p99Ms, s.maxMs], [3, 3, 3]);
  });

  it('puts tiny and huge times in the first and last buckets', () => {
    const h = new LatencyHistogram();
    h.record(0);
    h.record(1e9);
    const { counts } = h.snapshot();
    assert.equal(counts[0], 1);
    assert.equal(counts[counts.length - 1], 1);
    assert.equal(counts.reduce((a, b) => a + b, 0), 2);
    assert.equal(summarizeLatency(h.snapshot()).p50Ms, upperBoundMs(0));
  });

  it('summarises only the requests between two snapshots', () => {
    const h = new LatencyHistogram();
    for (let i = 0; i < 50; i++) h.record(200);
    const before = h.snapshot();
    for (let i = 0; i < 10; i++) h.record(5);
    const window = summarizeLatency(h.snapshot(), before);
    assert.equal(window.count, 10);
    near(window.p50Ms, 5, 'window p50');
    near(window.p99Ms, 5, 'window p99');
    // The window's max is its highest bucket, not the all-time 200 ms.
    near(window.maxMs, 5, 'window max');
    // The mean is exact (a running total), not a bucket bound.
    assert.ok(Math.abs(window.meanMs - 5) < 1e-9, `window mean ${window.meanMs}`);
    assert.equal(summarizeLatency(h.snapshot()).count, 60);
  });

  it('gives zeros for an empty window, and snapshots are copies', () => {
    const h = new LatencyHistogram();
    h.record(7);
    const snap = h.snapshot();
    h.record(7);
    assert.equal(snap.count, 1);
    assert.equal(snap.counts.reduce((a, b) => a + b, 0), 1);
    assert.deepEqual(summarizeLatency(snap, snap), { count: 0, p50Ms: 0, p90Ms: 0, p99Ms: 0, maxMs: 0, meanMs: 0 });
  });
});

describe('RunningMock.stats', () => {
  let mock: RunningMock;
  before(async () => {
    mock = await withMock();
  });
  after(() => mock.close());

  it('counts each answered request, denied or malformed ones too', async () => {
    const sts = stsClient(mock, adminCreds(mock.accounts[0]!));
    const bad = stsClient(mock, { ...adminCreds(mock.accounts[0]!), secretAccessKey: 'not-the-secret' });
    const start = mock.stats().latency;
    for (let i = 0; i < 3; i++) await sts.send(new GetCallerIdentityCommand({}));
    await rejectsWith(bad.send(new GetCallerIdentityCommand({})), 'SignatureDoesNotMatch', { status: 403 });
    const res = await fetch(`${mock.endpoint}/`, { method: 'POST', body: 'Action=GetCallerIdentity' });
    assert.equal(res.status, 403); // unsigned: MissingAuthenticationToken
    await res.arrayBuffer();
    // 'finish' fires once the last byte is handed to the socket, which can be just after the
    // client has read it: give the event loop a turn.
    await new Promise((resolve) => setImmediate(resolve));
    const end = mock.stats().latency;
    assert.equal(end.count - start.count, 5);
    const window = summarizeLatency(end, start);
    assert.equal(window.count, 5);
    assert.ok(window.p50Ms > 0 && window.p50Ms <= window.p99Ms && window.p99Ms <= window.maxMs, JSON.stringify(window));
    assert.ok(window.maxMs <= end.maxMs * 1.1);
  });
});
