// The mock of the classroom part of `npm run bench:mock`, in a child process of its own (as
// `lab mock` runs one for a class): it reports its endpoint and accounts over IPC, answers
// 'stats' with the mock's latency histogram, and closes on 'stop'.
import { startMock } from '../src/mock/index.js';

const mock = await startMock({ accounts: 2 });
process.on('message', (m) => {
  if (m === 'stats') process.send!(mock.stats());
  if (m === 'stop') void mock.close().then(() => process.disconnect());
});
process.send!({ endpoint: mock.endpoint, accounts: mock.accounts.map((a) => ({ id: a.id, admin: a.admin })) });
