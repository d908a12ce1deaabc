/**
 * The PassiveTotal replay server: fixtures from a folder (`DIR/<query>/<path>.json`, then `DIR/<path>.json`), the
 * API's empty shapes, credentials, latency, fault injection and request statistics; and the open providers under
 * `/<provider id>/`, whose requests are matched against the catalogue's operations.
 */
export {
    createReplayServer,
    GARBAGE_BODY,
    type ReplayFault,
    type ReplayRequest,
    type ReplayResponse,
    type ReplayServer,
    type ReplayServerOptions,
    type ReplayStats,
} from './replay-server';
export { ENDPOINTS, endpointFor, type EmptyContext, type EndpointSpec, type ReplayAnswer } from './endpoints';
export {
    candidateFiles,
    findFixture,
    interpretFixture,
    isSafeApiPath,
    isSafeSegment,
    queryFolders,
    readFirstFile,
    ReplayFixtureError,
    type FixtureAnswer,
    type FixturePayload,
    type FoundFile,
} from './fixture-lookup';
export {
    isDemoKey,
    parseBasicAuth,
    providerKeyProblem,
    type BasicCredentials,
    type ProviderKeyRule,
} from './credentials';
export {
    defaultErrorBody,
    INVALID_CREDENTIALS,
    LEGACY_QUOTA_EXCEEDED,
    NOT_LICENSED,
    QUOTA_EXCEEDED,
    SERVER_ERROR,
    type JsonValue,
} from './error-bodies';
export { queryTypeOf, stripWildcard, type QueryType } from './query-type';
export { filterPairsByDirection } from './replay-answer';
export {
    contentTypeOf,
    DEMO_KEYED_PROVIDERS,
    fixtureExtensionOf,
    isOpenProviderId,
    KEY_POLICIES,
    OPEN_PROVIDER_IDS,
    providerRealm,
    type KeyPolicy,
    type OpenProviderId,
} from './open-providers';
export {
    emptyAnswer,
    errorAnswer,
    gatewayHtml,
    keyRefused,
    missingValue,
    rdapError,
    unknownFunction,
    unknownPath,
    type OpenReply,
} from './open-bodies';
export { bodyFields, openTarget, UPSTREAM_QUIRKS, type OpenRequest, type OpenTarget } from './open-requests';
export {
    answerOpenRequest,
    openCandidateFiles,
    REPLAY_ORIGIN_PLACEHOLDER,
    withOrigin,
    type OpenAnswer,
    type OpenProviderRequest,
} from './open-answer';
export { BOOTSTRAP_KINDS, builtInBootstrap, isBootstrapKind, type BootstrapKind } from './rdap-bootstrap';
