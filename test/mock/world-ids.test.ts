// Ids, secrets and tokens of the mock's world: AWS's alphabets and lengths, CSPRNG bytes
// from a 4 KiB pool that are never handed out twice, and lengths beyond the pool still
// random to their last character.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { World } from '../../src/mock/world.js';

const world = () => new World({ accounts: [{ name: 'only', id: '111111111111' }], region: 'us-east-1', propagationDelayMs: 0 });

describe('World ids', () => {
  it('draws each alphabet at the asked length', () => {
    const w = world();
    assert.match(w.newId('AKIA', 16), /^AKIA[A-Z2-7]{16}$/);
    assert.match(w.newId('i-', 17, 'hex'), /^i-[0-9a-f]{17}$/);
    assert.match(w.newId('IQoJ', 256, 'base64'), /^IQoJ[A-Za-z0-9+/]{256}$/);
    assert.match(w.newSecret(), /^[A-Za-z0-9xy]{40}$/);
  });

  it('never repeats a draw across pool refills', () => {
    const w = world();
    const seen = new Set<string>();
    // 2,000 tokens of 256 characters: about 125 refills of the 4 KiB pool.
    for (let i = 0; i < 2000; i++) seen.add(w.newId('', 256, 'base64'));
    assert.equal(seen.size, 2000);
  });

  it('is random to the end of an id longer than the pool', () => {
    const id = world().newId('', 10_000, 'base64');
    assert.equal(id.length, 10_000);
    // The last 4,000 characters lie past the pool; cut short, they were all 'A'.
    assert.ok(new Set(id.slice(6_000)).size > 32, `tail: ${id.slice(-40)}`);
  });
});
