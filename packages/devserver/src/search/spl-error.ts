/**
 * The one error type the SPL engine throws. `code` tells callers (the search-job endpoints) what
 * went wrong without reading the message; `text` is the message in Splunk's own wording.
 */

/** What kind of failure an {@link SplError} reports. */
export type SplErrorCode =
    /** The search text could not be parsed (bad quotes, parentheses, operators, arguments). */
    | 'parse'
    /** A command outside the supported subset (`Unknown search command 'x'.`). */
    | 'unknown-command'
    /** An eval or stats function outside the supported subset. */
    | 'unsupported-function'
    /** A supported command used with an argument or form outside the subset. */
    | 'unsupported-argument'
    /** A backtick macro that is not defined (or defined with another number of arguments). */
    | 'unknown-macro'
    /** Macro expansion that does not terminate, or a macro that cannot be expanded. */
    | 'macro-expansion'
    /** `from datamodel=X` naming a data model or dataset the stand-in does not model. */
    | 'unknown-datamodel'
    /** A failure while the search runs (for example a bad regular expression in `match()`). */
    | 'runtime';

/** A Splunk-style search error; `message` is exactly what splunkd would put in `messages[].text`. */
export class SplError extends Error {
    /** Stable machine-readable kind of the failure. */
    readonly code: SplErrorCode;
    /** The `messages[].type` splunkd uses for this failure. */
    readonly messageType: 'FATAL' | 'ERROR';

    /**
     * @param code kind of failure
     * @param message the Splunk-style text, e.g. `Unknown search command 'transaction'.`
     * @param messageType `FATAL` for failures found before the search runs (the default), `ERROR` while it runs
     */
    constructor(code: SplErrorCode, message: string, messageType: 'FATAL' | 'ERROR' = 'FATAL') {
        super(message);
        this.name = 'SplError';
        this.code = code;
        this.messageType = messageType;
    }
}

/** Builds the `Error in '<command>' command: <detail>` text Splunk uses for command errors. */
export function commandError(command: string, detail: string, code: SplErrorCode = 'parse'): SplError {
    return new SplError(code, `Error in '${command}' command: ${detail}`);
}
