/**
 * Why a request to the persistent handler failed without a reply from the handler itself:
 * - `config`: the restmap stanza has no usable `script`;
 * - `spawn`: the Python process could not be started (e.g. `python3` not found);
 * - `load`: the driver could not load the script (its `Can't load script "…": …` text is the message);
 * - `crashed`: the process exited before it answered (killed, or `sys.exit` outside a handler);
 * - `timeout`: no answer within the request timeout; the process was stopped;
 * - `protocol`: the driver's output was not well-formed persistconn framing; the process was stopped;
 * - `bad-reply`: the handler's JSON reply has fields of the wrong type (e.g. `status: "200"`);
 * - `closed`: the runner was closed before the request ran or finished.
 */
export type PersistentHandlerErrorKind =
    'config' | 'spawn' | 'load' | 'crashed' | 'timeout' | 'protocol' | 'bad-reply' | 'closed';

/** A failed persistent-handler request; `kind` says why, so callers never parse the message. */
export class PersistentHandlerError extends Error {
    override readonly name = 'PersistentHandlerError';

    constructor(
        readonly kind: PersistentHandlerErrorKind,
        message: string
    ) {
        super(message);
    }
}
