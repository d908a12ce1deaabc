/**
 * Cuts a (macro-expanded) search string into its commands at the `|` characters that are outside
 * double quotes and outside square brackets. Square brackets outside quotes hold a subsearch, a
 * search of its own whose `|` and quotes belong to it; the stand-in runs subsearches only as the
 * argument of `append` (append-command.ts), and fails a subsearch anywhere else.
 */
import { SplError } from './spl-error';

/** One command of a pipeline, as text. */
export interface CommandText {
    /** Command name, lower-cased (`search` for the implicit first command). */
    readonly name: string;
    /** Everything after the name, trimmed. */
    readonly args: string;
}

/** A search string cut into commands. */
export interface SplitPipeline {
    /** True when the text began with `|` (a generating command such as `tstats` comes first). */
    readonly leadingPipe: boolean;
    /** The commands, in order. */
    readonly commands: readonly CommandText[];
}

const SUBSEARCH_UNSUPPORTED = "Error in 'SearchParser': Subsearches ([...]) are not supported.";

/** The commands' texts, and for each whether it holds a subsearch (a `[` outside quotes). */
function segments(text: string): { text: string; subsearch: boolean }[] {
    const parts: { text: string; subsearch: boolean }[] = [];
    let quoted = false;
    let depth = 0;
    let subsearch = false;
    let start = 0;
    for (let i = 0; i < text.length; i++) {
        const c = text.charAt(i);
        if (quoted) {
            if (c === '\\') i++;
            else if (c === '"') quoted = false;
        } else if (c === '"') quoted = true;
        else if (c === '[') {
            depth++;
            subsearch = true;
        } else if (c === ']') {
            if (depth === 0) throw new SplError('parse', "Error in 'SearchParser': Mismatched ']'.");
            depth--;
        } else if (c === '|' && depth === 0) {
            parts.push({ text: text.slice(start, i), subsearch });
            start = i + 1;
            subsearch = false;
        }
    }
    if (quoted) throw new SplError('parse', "Error in 'SearchParser': Unbalanced quotes.");
    if (depth > 0) throw new SplError('parse', "Error in 'SearchParser': Mismatched '['.");
    parts.push({ text: text.slice(start), subsearch });
    return parts;
}

/**
 * Finds the `]` that closes the `[` at `open`, skipping quoted text and nested brackets.
 * @returns its index, or -1 when the bracket is not closed
 */
export function closingBracket(text: string, open: number): number {
    let quoted = false;
    let depth = 0;
    for (let i = open; i < text.length; i++) {
        const c = text.charAt(i);
        if (quoted) {
            if (c === '\\') i++;
            else if (c === '"') quoted = false;
        } else if (c === '"') quoted = true;
        else if (c === '[') depth++;
        else if (c === ']' && --depth === 0) return i;
    }
    return -1;
}

/**
 * Splits a search string into commands; throws {@link SplError} for empty commands, unbalanced
 * quotes or brackets, and subsearches outside `append`.
 */
export function splitPipeline(search: string): SplitPipeline {
    const trimmed = search.trim();
    if (trimmed === '') throw new SplError('parse', "Error in 'SearchParser': Empty search.");
    const leadingPipe = trimmed.startsWith('|');
    const parts = segments(leadingPipe ? trimmed.slice(1) : trimmed);
    const commands = parts.map((part, i): CommandText => {
        const text = part.text.trim();
        if (text === '') {
            if (i === 0 && !leadingPipe && parts.length === 1) return { name: 'search', args: '' };
            throw new SplError('parse', "Error in 'SearchParser': Missing a search command before '|'.");
        }
        const m = /^([A-Za-z_][\w-]*)(?:\s+|$)([\s\S]*)$/.exec(text);
        let command: CommandText;
        if (i === 0 && !leadingPipe) {
            // The first command of a search without a leading pipe is `search`, written or not.
            command =
                m?.[1]?.toLowerCase() === 'search'
                    ? { name: 'search', args: (m[2] ?? '').trim() }
                    : { name: 'search', args: text };
        } else {
            // `append[search x]` names the command right before its subsearch.
            const named = m ?? /^([A-Za-z_][\w-]*)(\[[\s\S]*)$/.exec(text);
            if (!named?.[1]) {
                if (part.subsearch) throw new SplError('unsupported-argument', SUBSEARCH_UNSUPPORTED);
                throw new SplError('parse', `Error in 'SearchParser': Missing a search command before '${text}'.`);
            }
            command = { name: named[1].toLowerCase(), args: (named[2] ?? '').trim() };
        }
        if (part.subsearch && command.name !== 'append') {
            throw new SplError('unsupported-argument', SUBSEARCH_UNSUPPORTED);
        }
        return command;
    });
    return { leadingPipe, commands };
}
