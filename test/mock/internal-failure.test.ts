// A bug in a service (an exception that is not an AwsError, thrown or rejected) must not take
// the mock down or leave a client hanging: the request gets AWS's answer to its own faults,
// InternalFailure with HTTP 500 in the service's envelope, a warning names the bug, and the
// server goes on serving. No service fails on purpose, so a stand-in service with a bug is
// plugged into the real request handler here.
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { DenialLog } from '../../src/mock/denials.js';
import { Faults } from '../../src/mock/faults.js';
import { bootstrapAccounts } from '../../src/mock/identity/bootstrap.js';
import { identityOf } from '../../src/mock/identity/store.js';
import { queryErrorReply, queryResponse, STS_NS } from '../../src/mock/protocols/query.js';
import { createRequestHandler } from '../../src/mock/server.js';
import type { ServiceRegistry } from '../../src/mock/services/index.js';
import type { Reply, Service } from '../../src/mock/types.js';
import { World } from '../../src/mock/world.js';
import { rejectsWith } from './helpers.js';

describe('a service with a bug', () => {
  let server: Server;
  let sts: STSClient;
  let mode: 'throw' | 'reject' | 'ok' = 'ok';
  const warnings: string[] = [];
  // Captured rather than printed: the test output should not look like a failure.
  const emitWarning = process.emitWarning;

  before(async () => {
    const world = new World({ accounts: [{ name: 'only', id: '111111111111' }], region: 'us-east-1', propagationDelayMs: 0 });
    const store = identityOf(world);
    const admin = bootstrapAccounts(world, store).get('111111111111')!.admin;
    store.settle();
    const buggy: Service = {
      name: 'sts',
      handle(call): Reply | Promise<Reply> {
        if (mode === 'throw') throw new TypeError('cannot read properties of undefined');
        if (mode === 'reject') return Promise.reject(new RangeError('index out of range'));
        return queryResponse('GetCallerIdentity', STS_NS, { Arn: 'arn:aws:iam::111111111111:user/admin', UserId: 'AIDA', Account: '111111111111' }, call.requestId);
      },
      errorReply: (err, requestId) => queryErrorReply(STS_NS, err, requestId),
    };
    const registry = { settled: () => buggy, get: async () => buggy } as unknown as ServiceRegistry;
    server = createServer(createRequestHandler({ world, store, registry, faults: new Faults(0), denials: new DenialLog() }));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    sts = new STSClient({ endpoint, region: 'us-east-1', credentials: { accessKeyId: admin.accessKeyId, secretAccessKey: admin.secretAccessKey }, maxAttempts: 1 });
    process.emitWarning = ((w: string | Error) => void warnings.push(String(w))) as typeof process.emitWarning;
  });
  after(async () => {
    process.emitWarning = emitWarning;
    sts.destroy();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  for (const how of ['throw', 'reject'] as const) {
    it(`answers InternalFailure (500) when the service ${how}s, warns, and keeps serving`, async () => {
      mode = how;
      const err = await rejectsWith(sts.send(new GetCallerIdentityCommand({})), 'InternalFailure', {
        status: 500,
        message: 'The request processing has failed because of an unknown error.',
      });
      assert.ok(err.$metadata?.requestId, 'the error carries a request id');
      const expected = how === 'throw' ? 'cannot read properties of undefined' : 'index out of range';
      assert.ok(warnings.some((w) => w.includes('internal error') && w.includes(expected)), `warnings: ${warnings.join(' | ')}`);
      mode = 'ok';
      const ok = await sts.send(new GetCallerIdentityCommand({}));
      assert.equal(ok.Account, '111111111111');
    });
  }
});
