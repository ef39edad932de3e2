// Issuing temporary credentials: ASIA access key, secret, opaque session token, expiration.
import { randomBytes } from 'node:crypto';
import { ACCESS_KEY_ID_LENGTH } from '../../identity/entities.js';
import type { SessionRecord, StsState } from '../../identity/model.js';
import type { XmlObject } from '../../protocols/xml.js';
import type { World } from '../../world.js';

/** Expired sessions are kept this long so their use answers ExpiredToken, then dropped. */
const KEEP_EXPIRED_MS = 24 * 3600 * 1000;

export function issueSession(
  world: World,
  sts: StsState,
  now: Date,
  durationSeconds: number,
  fields: Omit<SessionRecord, 'accessKeyId' | 'secret' | 'token' | 'issued' | 'expiration'>,
): SessionRecord {
  pruneSessions(sts, now.getTime());
  const session: SessionRecord = {
    ...fields,
    accessKeyId: world.newId('ASIA', ACCESS_KEY_ID_LENGTH),
    secret: world.newSecret(),
    // Real tokens are long opaque base64 blobs; clients must not assume a length.
    token: `IQoJb3JpZ2luX2VjE${randomBytes(192).toString('base64')}`,
    issued: now.toISOString(),
    expiration: new Date(now.getTime() + durationSeconds * 1000).toISOString(),
  };
  sts.sessions[session.accessKeyId] = session;
  world.changed();
  return session;
}

function pruneSessions(sts: StsState, nowMs: number): void {
  for (const [id, s] of Object.entries(sts.sessions)) {
    if (Date.parse(s.expiration) + KEEP_EXPIRED_MS < nowMs) delete sts.sessions[id];
  }
}

export const renderCredentials = (s: SessionRecord): XmlObject => ({
  AccessKeyId: s.accessKeyId,
  SecretAccessKey: s.secret,
  SessionToken: s.token,
  // Without milliseconds, as STS writes it.
  Expiration: s.expiration.replace(/\.\d{3}Z$/, 'Z'),
});
