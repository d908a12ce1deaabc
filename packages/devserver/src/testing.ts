/**
 * `@passivetotal/devserver/testing`: starting the stand-in in-process for a test or the benchmark, with the options
 * `npm start` uses on free ports, and configuring the app through splunkd's REST API as an administrator would.
 */
export {
    devserverOptions,
    provisionApp,
    splunkdAsAdmin,
    startStandIn,
    PASSWORD,
    REPO_ROOT,
    STAGE_DIR,
    type Provisioning,
} from './integration/stand-in';
export { DEMO_FIXTURES, showResolution } from './integration/resolution-change';
