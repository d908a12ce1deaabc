/**
 * The PassiveTotal replay server (CONTRACTS §5): fixtures from a folder, the API's empty shapes, credentials,
 * latency, fault injection and request statistics.
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
    ReplayFixtureError,
    type FixtureAnswer,
    type FixturePayload,
} from './fixture-lookup';
export { isDemoKey, parseBasicAuth, type BasicCredentials } from './credentials';
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
