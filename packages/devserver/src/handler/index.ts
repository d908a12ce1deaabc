// Runs the app's real persistent REST handler (bin/*.py) through a persistconn driver, as splunkd does.
export {
    createPersistentHandlerRunner,
    DEFAULT_PYTHON_ARGS,
    PERSISTCONN_DRIVER,
    type PersistentHandlerRunner,
    type PersistentHandlerRunnerOptions,
} from './persistent-handler-runner';
export {
    resolveHandlerCommand,
    substituteEnvironment,
    type HandlerCommand,
    type HandlerCommandContext,
    type PersistentHandlerStanza,
} from './handler-command';
export {
    persistentHandlerErrorReply,
    readHandlerReply,
    toPersistentReply,
    type PersistentReply,
    type PersistentReplyHeaders,
    type PersistentReplyStatus,
} from './persistent-reply';
export { PersistentHandlerError, type PersistentHandlerErrorKind } from './persistent-handler-error';
export {
    encodeRequestPacket,
    LengthPrefixedDecoder,
    PERSISTCONN_OPCODE,
    type PersistconnRequest,
} from './persistconn-framing';
