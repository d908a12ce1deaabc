import path from 'node:path';
import { PersistentHandlerError } from './persistent-handler-error';

/** A `[script:<name>]` stanza of restmap.conf: its name and its keys. */
export interface PersistentHandlerStanza {
    name: string;
    conf: Readonly<Record<string, string>>;
}

/** What the driver is told to run: argv (script path first) and the command arg. */
export interface HandlerCommand {
    argv: string[];
    commandArg: string;
}

/** Where scripts are found when the runner resolves a stanza. */
export interface HandlerCommandContext {
    /** The environment the driver runs with; `$NAME` and `${NAME}` in conf values come from it. */
    env: Readonly<Record<string, string | undefined>>;
    /** The app's folder as the handler sees it (normally `$SPLUNK_HOME/etc/apps/<app>`). */
    appRoot: string;
    /** `$SPLUNK_HOME/etc/apps/<app>`: absolute script paths below it are read below `appRoot`. */
    installedAppRoot: string;
}

/**
 * Replaces `$NAME` and `${NAME}` with values from `env`, as splunkd does in `script`, `script.arg.<N>`
 * and `script.param`; unknown names are left as written.
 * @example substituteEnvironment('$SPLUNK_HOME/etc', { SPLUNK_HOME: '/opt/splunk' }) // '/opt/splunk/etc'
 */
export function substituteEnvironment(value: string, env: Readonly<Record<string, string | undefined>>): string {
    return value.replace(/\$(?:\{([A-Za-z_][A-Za-z0-9_]*)\}|([A-Za-z_][A-Za-z0-9_]*))/g, (whole, braced, bare) => {
        const name = typeof braced === 'string' ? braced : String(bare);
        return env[name] ?? whole;
    });
}

/**
 * The driver command for a stanza: `script` (relative to the app's `bin/`, or absolute after variable
 * substitution), then the `script.arg.<N>` values in numeric order of N, and `script.param`.
 * @example resolveHandlerCommand({ name: 'script:x', conf: { script: 'h.py', 'script.arg.1': 'a' } }, ctx)
 * // { argv: ['<appRoot>/bin/h.py', 'a'], commandArg: '' }
 */
export function resolveHandlerCommand(stanza: PersistentHandlerStanza, context: HandlerCommandContext): HandlerCommand {
    const script = substituteEnvironment(stanza.conf.script ?? '', context.env).trim();
    if (!script) {
        throw new PersistentHandlerError('config', `restmap.conf [${stanza.name}] has no "script" to run`);
    }
    const args = Object.entries(stanza.conf)
        .map(([key, value]) => ({ match: /^script\.arg\.(\d+)$/.exec(key), value }))
        .flatMap(({ match, value }) => (match?.[1] ? [{ n: Number(match[1]), value }] : []))
        .sort((a, b) => a.n - b.n)
        .map(({ value }) => substituteEnvironment(value, context.env));
    return {
        argv: [scriptPath(script, context), ...args],
        commandArg: substituteEnvironment(stanza.conf['script.param'] ?? '', context.env),
    };
}

function scriptPath(script: string, context: HandlerCommandContext): string {
    if (!path.isAbsolute(script)) return path.join(context.appRoot, 'bin', script);
    const relative = path.relative(context.installedAppRoot, script);
    const inside = relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
    return inside ? path.join(context.appRoot, relative) : script;
}
