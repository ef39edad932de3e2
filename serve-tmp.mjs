import { startMock } from '/work/main/dist/src/mock/index.js';
const mock = await startMock({ port: 45998 });
console.log(JSON.stringify(mock.accounts[0].admin));
setTimeout(() => mock.close(), 120000);
