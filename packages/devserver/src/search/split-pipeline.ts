/**
 * Cuts a (macro-expanded) search string into its commands at the `|` characters that are outside
 * double quotes. Square brackets outside quotes start a subsearch, which the stand-in does not support.
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

function segments(text: string): string[] {
    const parts: string[] = [];
    let quoted = false;
    let start = 0;
    for (let i = 0; i < text.length; i++) {
        const c = text.charAt(i);
        if (c === '\\' && quoted) {
            i++;
            continue;
        }
        if (c === '"') quoted = !quoted;
        else if (!quoted && c === '[') {
            throw new SplError(
                'unsupported-argument',
                "Error in 'SearchParser': Subsearches ([...]) are not supported."
            );
        } else if (!quoted && c === '|') {
            parts.push(text.slice(start, i));
            start = i + 1;
        }
    }
    if (quoted) throw new SplError('parse', "Error in 'SearchParser': Unbalanced quotes.");
    parts.push(text.slice(start));
    return parts;
}

/** Splits a search string into commands; throws {@link SplError} for empty commands or subsearches. */
export function splitPipeline(search: string): SplitPipeline {
    const trimmed = search.trim();
    if (trimmed === '') throw new SplError('parse', "Error in 'SearchParser': Empty search.");
    const leadingPipe = trimmed.startsWith('|');
    const parts = segments(leadingPipe ? trimmed.slice(1) : trimmed);
    const commands = parts.map((part, i): CommandText => {
        const text = part.trim();
        if (text === '') {
            if (i === 0 && !leadingPipe && parts.length === 1) return { name: 'search', args: '' };
            throw new SplError('parse', "Error in 'SearchParser': Missing a search command before '|'.");
        }
        const m = /^([A-Za-z_][\w-]*)(?:\s+|$)([\s\S]*)$/.exec(text);
        if (i === 0 && !leadingPipe) {
            // The first command of a search without a leading pipe is `search`, written or not.
            if (m?.[1]?.toLowerCase() === 'search') return { name: 'search', args: (m[2] ?? '').trim() };
            return { name: 'search', args: text };
        }
        if (!m?.[1]) throw new SplError('parse', `Error in 'SearchParser': Missing a search command before '${text}'.`);
        return { name: m[1].toLowerCase(), args: (m[2] ?? '').trim() };
    });
    return { leadingPipe, commands };
}
