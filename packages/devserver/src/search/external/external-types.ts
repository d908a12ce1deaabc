/** What the engine needs to run an app's external search command (commands.conf `chunked = true`). */

/** A command the app declares, resolved to the program that runs it. */
export interface ExternalCommandDefinition {
    /** The command name (the commands.conf stanza), lower case. */
    readonly name: string;
    /** The program to start (the Python interpreter for a `.py` file, else the file itself). */
    readonly program: string;
    /** Its arguments: interpreter flags, the script path, then `command.arg.<N>` in order of N. */
    readonly args: readonly string[];
    /** commands.conf `maxwait`: seconds the command may take to reply to a chunk; 0 for no limit. */
    readonly maxwaitSeconds: number;
    /** commands.conf `maxchunksize`: the largest chunk the command may write, in bytes; 0 for any. */
    readonly maxChunkSize: number;
    /** Set when the declared command cannot run: a search that uses it fails with this text. */
    readonly unavailable?: string;
}

/** The external commands a search may use, by lower-case name. */
export type ExternalCommandTable = ReadonlyMap<string, ExternalCommandDefinition>;

/** What one running search gives its external commands (the `searchinfo` of the getinfo exchange and more). */
export interface ExternalRunContext {
    /** The search id. */
    readonly sid: string;
    /** The app context of the search. */
    readonly app: string;
    /** The owner of the search (the user namespace). */
    readonly owner: string;
    /** The user who runs the search. */
    readonly username: string;
    /** A session key of that user, which the stand-in's splunkd accepts. */
    readonly sessionKey: string;
    /** splunkd's URI, e.g. `http://127.0.0.1:8089`. */
    readonly splunkdUri: string;
    /** The search's dispatch directory (exists; the command's working directory). */
    readonly dispatchDir: string;
    /** The Splunk version reported to commands. */
    readonly splunkVersion: string;
    /** The environment of the command process. */
    readonly env: Readonly<Record<string, string>>;
    /** Records sent per execute chunk (limits.conf `[search] max_results_perchunk`). */
    readonly chunkRows: number;
    /** The longest wait for a reply when the command sets no `maxwait` (a limit of the stand-in, not of splunkd). */
    readonly replyTimeoutMs: number;
    /** Aborted when the search is cancelled: command processes are killed. */
    readonly signal?: AbortSignal;
    /** Aborted when the search is finalized: commands stop and keep what they produced. */
    readonly finalizeSignal?: AbortSignal;
    /** Adds a line to the search's `search.log`. */
    readonly log: (line: string) => void;
}
