/**
 * `@passivetotal/devserver`: the local stand-in for Splunk Web and splunkd, with the PassiveTotal and open-provider
 * replay server, started from code as `npm start` starts it from the command line. The demo data is
 * `@passivetotal/devserver/demo`; helpers for tests that start it are `@passivetotal/devserver/testing`.
 *
 * @example const server = await startDevserver({ ...options, port: 0, splunkdPort: 0 }); await server.close();
 */
export { startDevserver, type RunningDevserver } from './server';
export { parseCliOptions, USAGE, type DevserverOptions, type ParsedOptions } from './cli-options';
