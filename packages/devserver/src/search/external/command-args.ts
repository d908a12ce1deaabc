/**
 * The arguments an external command receives in `searchinfo`: the text after the command name split at
 * white space outside double quotes. `raw_args` keeps each token as written; `args` drops the quotes and
 * reads `\"` and `\\` inside them as `"` and `\` (other backslashes stay, so `pattern="\w+"` gives
 * `pattern=\w+`).
 */

/** The two forms of a command's arguments. */
export interface CommandArgs {
    /** Tokens with quotes removed (`query=evil.example`). */
    readonly args: string[];
    /** Tokens as written (`query="evil.example"`). */
    readonly rawArgs: string[];
}

/**
 * Splits a command's argument text.
 * @example splitCommandArgs('query="evil.example" earliest=-30d') // { args: ['query=evil.example', 'earliest=-30d'], rawArgs: ['query="evil.example"', 'earliest=-30d'] }
 */
export function splitCommandArgs(text: string): CommandArgs {
    const args: string[] = [];
    const rawArgs: string[] = [];
    let arg = '';
    let raw = '';
    let inToken = false;
    let quoted = false;
    for (let i = 0; i < text.length; i++) {
        const c = text.charAt(i);
        if (quoted) {
            if (c === '\\' && (text[i + 1] === '"' || text[i + 1] === '\\')) {
                arg += text.charAt(i + 1);
                raw += c + text.charAt(i + 1);
                i++;
            } else if (c === '"') {
                quoted = false;
                raw += c;
            } else {
                arg += c;
                raw += c;
            }
            continue;
        }
        if (/\s/.test(c)) {
            if (inToken) {
                args.push(arg);
                rawArgs.push(raw);
                arg = '';
                raw = '';
                inToken = false;
            }
            continue;
        }
        inToken = true;
        raw += c;
        if (c === '"') quoted = true;
        else arg += c;
    }
    if (inToken) {
        args.push(arg);
        rawArgs.push(raw);
    }
    return { args, rawArgs };
}
