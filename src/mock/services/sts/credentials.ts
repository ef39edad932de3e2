// Issuing temporary credentials: ASIA access key, secret, opaque session token, expiration.
import { ACCESS_KEY_ID_LENGTH } from '../../identity/entities.js';
import type { SessionRecord, StsState } from '../../identity/model.js';
import type { XmlObject } from '../../protocols/xml.js';
import type { World } from '../../world.js';
import { isoTime } from '../../iso-time.js';

/** Expired sessions are kept this long so their use answers ExpiredToken, then dropped. */
const KEEP_EXPIRED_MS = 24 * 3600 * 1000;
/** Pruning walks every stored session, so it runs at most this often (in mock time): on
 * every issue it made AssumeRole cost grow with the number of sessions kept (issue 4). A
 * session so lingers at most a minute past its 24 hours, still answering ExpiredToken. */
const PRUNE_EVERY_MS = 60 * 1000;
/** Mock time of the last prune, per STS state (kept outside it: the state is persisted). */
const lastPrune = new WeakMap<StsState, number>();

/** Issues a session for `fields`, which it takes over (callers pass a fresh literal): adding
 * the credentials to it saves building a second object of twenty keys per AssumeRole. */
export function issueSession(
  world: World,
  sts: StsState,
  now: Date,
  durationSeconds: number,
  fields: Omit<SessionRecord, 'accessKeyId' | 'secret' | 'token' | 'issued' | 'expiration'>,
): SessionRecord {
  pruneSessions(sts, now.getTime());
  const session = fields as SessionRecord;
  session.accessKeyId = world.newId('ASIA', ACCESS_KEY_ID_LENGTH);
  session.secret = world.newSecret();
  // Real tokens are long opaque base64 blobs; clients must not assume a length: 192 random
  // bytes, base64-encoded (256 characters).
  session.token = world.newToken('IQoJb3JpZ2luX2VjE', 192);
  session.issued = isoTime(now.getTime());
  session.expiration = isoTime(now.getTime() + durationSeconds * 1000);
  sts.sessions.set(session.accessKeyId, session);
  world.changed();
  return session;
}

function pruneSessions(sts: StsState, nowMs: number): void {
  const last = lastPrune.get(sts);
  // A clock set back (tests of expiry) prunes at once rather than waiting for it to catch up.
  if (last !== undefined && nowMs >= last && nowMs - last < PRUNE_EVERY_MS) return;
  lastPrune.set(sts, nowMs);
  for (const [id, s] of sts.sessions) {
    if (Date.parse(s.expiration) + KEEP_EXPIRED_MS < nowMs) sts.sessions.delete(id);
  }
}

export const renderCredentials = (s: SessionRecord): XmlObject => ({
  AccessKeyId: s.accessKeyId,
  SecretAccessKey: s.secret,
  SessionToken: s.token,
  // Without milliseconds, as STS writes it.
  Expiration: s.expiration.replace(/\.\d{3}Z$/, 'Z'),
});
