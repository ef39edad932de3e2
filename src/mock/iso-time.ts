// Timestamps the mock writes on every request (session issue and expiry, last-used dates,
// aws:CurrentTime, the Date header). V8's Date formatting costs about a microsecond a
// call, several times per AssumeRole; these keep the slow part (everything up to the
// minute, or the whole second for HTTP dates) from the previous call and write the rest.

/** The text up to the minute, by minute since the epoch: a request formats its own time and
 * an expiry an hour or more ahead, so one slot would be replaced on every call. Bounded. */
const minutes = new Map<number, string>();
const MAX_MINUTES = 64;

/** Same text as `new Date(ms).toISOString()` ("2026-11-23T14:05:09.123Z"). */
export function isoTime(ms: number): string {
  ms = Math.trunc(ms); // as Date does
  const minute = Math.floor(ms / 60_000);
  const prefix = minutes.get(minute);
  if (prefix === undefined) {
    const full = new Date(ms).toISOString();
    if (minutes.size >= MAX_MINUTES) minutes.clear();
    // Years outside 0..9999 have a longer form; the seconds part is always the last 7 chars.
    minutes.set(minute, full.slice(0, -7));
    return full;
  }
  const inMinute = ms - minute * 60_000;
  const seconds = Math.floor(inMinute / 1000);
  const millis = inMinute - seconds * 1000;
  return `${prefix}${seconds < 10 ? '0' : ''}${seconds}.${millis < 10 ? '00' : millis < 100 ? '0' : ''}${millis}Z`;
}

/** `isoTime` without the milliseconds, as STS and IAM write times ("...T14:05:09Z"). */
export const isoTimeSeconds = (ms: number): string => {
  const t = isoTime(ms);
  return `${t.slice(0, -5)}Z`;
};

let secondOf = Number.NaN;
let httpText = '';

/** Same text as `new Date(ms).toUTCString()`, the HTTP Date header. */
export function httpDate(ms: number): string {
  ms = Math.trunc(ms);
  const second = Math.floor(ms / 1000);
  if (second !== secondOf) {
    httpText = new Date(ms).toUTCString();
    secondOf = second;
  }
  return httpText;
}
