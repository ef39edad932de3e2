// The cached timestamp formatters write exactly what Date's own methods write, whatever
// order the times come in (the cache is per minute / per second, so jumps back and forth
// across minute, day and year boundaries are the cases that could go wrong).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { httpDate, isoTime, isoTimeSeconds } from '../../src/mock/iso-time.js';

const samples = (): number[] => {
  const base = Date.UTC(2026, 10, 23, 23, 59, 58, 990);
  const out = [0, -1, -60_001, 1.9, base, base + 9, base + 10, base + 1010, base + 2000, base - 1, Date.UTC(2027, 0, 1) - 1, Date.UTC(2027, 0, 1)];
  for (let i = 0; i < 2000; i++) out.push(base + Math.round((Math.random() - 0.5) * 4 * 60_000));
  for (let i = 0; i < 200; i++) out.push(Math.round(Math.random() * 4e12));
  out.push(Date.UTC(12000, 0, 1, 0, 0, 5, 7), Date.UTC(-50, 0, 1, 0, 0, 5, 7));
  return out;
};

describe('iso-time', () => {
  it('isoTime is Date#toISOString', () => {
    for (const ms of samples()) assert.equal(isoTime(ms), new Date(ms).toISOString(), `at ${ms}`);
  });

  it('isoTimeSeconds drops the milliseconds as STS writes Expiration', () => {
    for (const ms of samples()) assert.equal(isoTimeSeconds(ms), new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z'), `at ${ms}`);
  });

  it('httpDate is Date#toUTCString', () => {
    for (const ms of samples()) assert.equal(httpDate(ms), new Date(ms).toUTCString(), `at ${ms}`);
  });

  it('an invalid time throws as Date does', () => {
    assert.throws(() => isoTime(Number.NaN), RangeError);
  });
});
