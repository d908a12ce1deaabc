/**
 * The stand-in's event store and SPL engine. See packages/devserver/SPL.md for the supported subset.
 */
export { EventStore, type IdList } from './event-store';
export { EventLoadError, eventFromJson, loadEventFiles, parseEventsJsonl } from './event-loader';
export type { EventRecord, StoredEvent } from './stored-event';
export type { FieldValue, Row } from './field-value';
export { SplError, type SplErrorCode } from './spl-error';
export {
    expandMacros,
    mergeMacros,
    parseMacrosConf,
    MAX_MACRO_DEPTH,
    type MacroDefinition,
    type MacroTable,
} from './macros';
export {
    compileSearch,
    runCompiledSearch,
    runCompiledSearchAsync,
    runSearch,
    MAX_SUBSEARCH_DEPTH,
    type AsyncRunOptions,
    type CompileOptions,
    type CompiledSearch,
    type RunOptions,
    type SearchOutcome,
} from './spl-pipeline';
export type { Indexer, ResultSet } from './commands/result-set';
export { stashEvent } from './commands/collect-command';
export type { ExternalCommandDefinition, ExternalCommandTable, ExternalRunContext } from './external/external-types';
export { ChunkDecoder, ChunkProtocolError, encodeChunk, type Chunk } from './external/chunked-framing';
export { decodeRecords, encodeRecords } from './external/chunked-csv';
export { splitCommandArgs, type CommandArgs } from './external/command-args';
export type { SearchMessage } from './commands/result-set';
export { formatResults, type SplunkResults, type SplunkRow, type SplunkValue } from './result-format';
export { formatIsoTime, resolveTimeModifier } from './time-modifiers';
export { datasetNames } from './commands/data-models';
