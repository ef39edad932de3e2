#!/usr/bin/env node
// Tiny shim: everything lives in dist/src/cli, loaded lazily per command.
import { main } from '../dist/src/cli/main.js';
main(process.argv).then((code) => { process.exitCode = code; });
