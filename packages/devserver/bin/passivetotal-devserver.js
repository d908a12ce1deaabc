#!/usr/bin/env node
// `npx passivetotal-devserver [options]`: the local stand-in for Splunk Web and splunkd (see --help).
// The stand-in is TypeScript run through tsx; it serves the app built into stage/ (npm run build).
require('tsx/cjs/api').register();
require('../src/cli.ts');
