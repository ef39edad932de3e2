// Constructors of IAM records with AWS-format ids, shared by the IAM handlers and the
// accounts' bootstrap.
import type { World } from '../world.js';
import type { AccessKeyRecord, Tag, UserRecord } from './model.js';
import { isoTime } from '../iso-time.js';

export const UNIQUE_ID_LENGTH = 17; // after the 4-letter prefix: 21 characters in all
export const ACCESS_KEY_ID_LENGTH = 16; // after AKIA/ASIA: 20 characters in all

export const isoNow = (now: Date): string => isoTime(now.getTime());

export function newUser(world: World, name: string, path: string, now: Date, tags: Tag[] = []): UserRecord {
  return {
    name,
    id: world.newId('AIDA', UNIQUE_ID_LENGTH),
    path,
    createDate: isoNow(now),
    inline: {},
    attached: [],
    tags,
    accessKeys: [],
  };
}

export function newAccessKey(world: World, now: Date): AccessKeyRecord {
  return {
    id: world.newId('AKIA', ACCESS_KEY_ID_LENGTH),
    secret: world.newSecret(),
    status: 'Active',
    createDate: isoNow(now),
  };
}
