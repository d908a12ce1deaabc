/**
 * The stand-in's splunkd REST API. {@link createSplunkd} builds a Fastify server for a built app
 * that answers, under `/services/…` and `/servicesNS/<owner>/<app>/…`:
 *
 * - `auth/login` (POST; JSON or XML), and `Authorization: Splunk <key>` or basic auth everywhere else;
 * - `search/jobs` and `search/v2/jobs`: create (normal, blocking, oneshot), batched status listing
 *   (`id=` repeated), one job, `results`, `results_preview`, `events`, `control`, DELETE,
 *   `summary`, `timeline`, `search.log`; `search/v2/parser`;
 * - `storage/passwords[/<realm:name:>]`;
 * - `storage/collections/data/<collection>[/<key>|/batch_save|/batch_find]` and
 *   `storage/collections/config[/<collection>]`;
 * - `configs/conf-<file>[/<stanza>]`;
 * - `apps/local[/<app>]`, `authentication/current-context`, `authentication/users[/<name>]`,
 *   `authorization/capabilities`, `authorization/roles[/<name>]`, `server/info`;
 * - the app's `[script:*]` endpoints from `default/restmap.conf`, through the `restHandler` hook;
 * - `standin/stats` (stand-in only, no authentication): counters such as jobs started.
 *
 * Errors are `{"messages":[{"type":…,"text":…}]}` with the real status code.
 */
export { createSplunkd, type Splunkd, type SplunkdOptions, type SplunkdStats } from './splunkd-server';
export type {
    CustomRestHandler,
    CustomRestJson,
    CustomRestReply,
    CustomRestRequest,
    RestScriptEndpoint,
} from './custom-rest';
export type { Identity, UserAccount } from './identity';
export { SYSTEM_USER } from './identity';
export type { JobStats, JobTimings } from './search-jobs';
export { DEFAULT_JOB_TIMINGS } from './search-jobs';
export { KVSTORE_UNAVAILABLE_TEXT } from './kvstore';
export { credentialName } from './storage-passwords';
