import { startMock } from './dist/src/mock/index.js';
import { Agent, request } from 'node:http';
const mock = await startMock();
const url = new URL(mock.endpoint);
const agent = new Agent({ keepAlive: true, maxSockets: 8 });
const send = (r) => new Promise((res, rej) => { const q = request({ agent, host: url.hostname, port: url.port, method: r.method, path: r.path, headers: r.headers }, (s) => { s.resume(); s.on('end', () => res(s.statusCode)); }); q.on('error', rej); q.end(r.body); });
for (const [name, r] of Object.entries({
  unsigned: { method: 'POST', path: '/', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'Action=ListUsers&Version=2010-05-08' },
  badsig: { method: 'POST', path: '/', headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `AWS4-HMAC-SHA256 Credential=${mock.accounts[0].admin.accessKeyId}/20250101/us-east-1/iam/aws4_request, SignedHeaders=host, Signature=${'0'.repeat(64)}`, 'x-amz-date': new Date().toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '') }, body: 'Action=ListUsers&Version=2010-05-08' },
  s3: { method: 'GET', path: '/bucket/key', headers: {} },
})) {
  const t = performance.now(); let i = 0;
  await Promise.all(Array.from({ length: 8 }, async () => { while (i++ < 2000) await send(r); }));
  console.log(name, Math.round(2000 / ((performance.now() - t) / 1000)), 'req/s');
}
agent.destroy(); await mock.close();
