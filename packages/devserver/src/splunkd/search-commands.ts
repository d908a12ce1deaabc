/**
 * The app's custom search commands as splunkd finds them: the stanzas of `commands.conf` (default and
 * local merged, `[default]` inherited), each resolved to the program that runs it, and, per search, the
 * dispatch directory, environment and session key the command process gets.
 *
 * - Only `chunked = true` commands run; the stand-in does not speak the legacy protocol, and using such a
 *   command fails the search when it is parsed.
 * - `filename` is looked for in `<platform>/bin/` (`linux_x86_64` here) and then in `bin/`; it may not
 *   lead outside `bin/`. Without `filename`, the stanza name with `.py`, `.pl`, `.exe`, `.bat`, `.cmd`,
 *   `.sh` or no extension is looked for. A missing program fails the search with splunkd's
 *   `Cannot find program '<name>' or script '<name>'.`
 * - A `.py` file runs with the Python interpreter (the one `python.version`/`python.required` would pick
 *   is the stand-in's `python3`), a `.pl` file with `perl`, anything else is started itself; the
 *   `command.arg.<N>` values follow, in order of N, with `$VARIABLES` substituted.
 * - `maxwait` and `maxchunksize` are honoured. Other keys are read as splunkd reads them for chunked
 *   commands: not at all.
 * - A command is usable from an app context when the app's metadata exports it there (`[commands]` or
 *   `[commands/<name>]`, `export = system` for other apps) and the user may read it.
 */
import { existsSync, mkdirSync, mkdtempSync, realpathSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { substituteEnvironment } from '../handler/handler-command';
import type { ExternalCommandDefinition, ExternalCommandTable, ExternalRunContext } from '../search';
import type { AppConfig } from './app-config';
import type { Identity } from './identity';

/** Options of the stand-in's external search commands. */
export interface SearchCommandOptions {
    /** The Python interpreter for `.py` commands. Default `python3`. */
    readonly python?: string;
    /**
     * Interpreter flags before the script. Default `-B -s`: no `__pycache__` written into the app's
     * `bin/`, no user site-packages. The script's own folder is on `sys.path`, as when splunkd runs it.
     */
    readonly pythonArgs?: readonly string[];
    /**
     * `$SPLUNK_HOME` of the command processes; dispatch directories are made in
     * `var/run/splunk/dispatch/<sid>` below it. Default: a temporary folder made on first use, with
     * `etc/apps/<app>` linked to the app, removed by `close()`.
     */
    readonly splunkHome?: string;
    /** Records per execute chunk. Default 2500 (limits.conf `[search] max_results_perchunk`). */
    readonly chunkRows?: number;
    /** The longest wait for one reply of a command without `maxwait`; splunkd waits forever. Default 300 s. */
    readonly replyTimeoutMs?: number;
    /** Extra environment for the command processes (wins over the defaults). */
    readonly env?: Readonly<Record<string, string>>;
}

/** The per-search facts a command run needs. */
export interface SearchRunFacts {
    readonly sid: string;
    readonly app: string;
    readonly owner: string;
    readonly username: string;
    readonly sessionKey: string;
    readonly splunkdUri: string;
    readonly signal?: AbortSignal;
    readonly finalizeSignal?: AbortSignal;
    readonly log: (line: string) => void;
}

const PLATFORM_DIR = 'linux_x86_64';
const EXTENSIONS = ['.py', '.pl', '.exe', '.bat', '.cmd', '.sh', ''];
const DEFAULT_CHUNK_ROWS = 2500;
const DEFAULT_REPLY_TIMEOUT_MS = 300_000;

function isTrue(value: string | undefined): boolean {
    return value !== undefined && /^(1|true|t|yes|y)$/i.test(value.trim());
}

function wholeNumber(value: string | undefined): number {
    const n = Number(value?.trim() ?? '');
    return Number.isInteger(n) && n > 0 ? n : 0;
}

function isFile(file: string): boolean {
    try {
        return statSync(file).isFile();
    } catch {
        return false;
    }
}

/** The app's external commands and the processes that run them. */
export class SearchCommands {
    private home: string | undefined;
    private homeCreated = false;
    /** `$SPLUNK_HOME/etc/apps/<app>` when it leads to the app (scripts then run from there, as installed). */
    private installedRoot: string | undefined;

    constructor(
        private readonly config: AppConfig,
        private readonly appDir: string,
        private readonly app: string,
        private readonly options: SearchCommandOptions = {}
    ) {}

    /**
     * The commands usable from an app context by a user. A declared command that cannot run is listed
     * with `unavailable` set: a search that uses it fails with that text.
     */
    lookup(nsApp: string | undefined, identity: Identity): ExternalCommandTable {
        const commands = new Map<string, ExternalCommandDefinition>();
        if (!this.config.hasFile('commands')) return commands;
        for (const stanza of this.config.stanzas('commands')) {
            if (stanza.name === 'default') continue;
            const name = stanza.name.toLowerCase();
            if (!this.config.visibleFrom(nsApp, 'commands', stanza.name)) continue;
            if (!this.config.canRead(identity, 'commands', stanza.name)) continue;
            const keys = this.config.effectiveKeys('commands', stanza.name) ?? new Map<string, string>();
            commands.set(name, this.resolve(stanza.name, keys));
        }
        return commands;
    }

    /** What a search's command processes get: a new dispatch directory, the environment and the search's facts. */
    runContext(facts: SearchRunFacts): ExternalRunContext {
        const home = this.splunkHome();
        const dispatchDir = this.dispatchDir(facts.sid);
        mkdirSync(dispatchDir, { recursive: true });
        return {
            sid: facts.sid,
            app: facts.app,
            owner: facts.owner,
            username: facts.username,
            sessionKey: facts.sessionKey,
            splunkdUri: facts.splunkdUri,
            dispatchDir,
            splunkVersion: '10.4.2',
            env: this.environment(home, facts.splunkdUri),
            chunkRows: this.options.chunkRows ?? DEFAULT_CHUNK_ROWS,
            replyTimeoutMs: this.options.replyTimeoutMs ?? DEFAULT_REPLY_TIMEOUT_MS,
            signal: facts.signal,
            finalizeSignal: facts.finalizeSignal,
            log: facts.log,
        };
    }

    /** Removes a search's dispatch directory (when the job expires or is cancelled). */
    removeDispatch(sid: string): void {
        if (this.home === undefined) return;
        rmSync(this.dispatchDir(sid), { recursive: true, force: true });
    }

    /** Removes the temporary `$SPLUNK_HOME`, if one was made. */
    close(): void {
        if (this.homeCreated && this.home !== undefined) rmSync(this.home, { recursive: true, force: true });
        this.home = undefined;
        this.homeCreated = false;
    }

    private dispatchDir(sid: string): string {
        const safe = sid.replace(/[^A-Za-z0-9_.-]/g, '_');
        return path.join(this.splunkHome(), 'var', 'run', 'splunk', 'dispatch', safe);
    }

    private splunkHome(): string {
        if (this.home !== undefined) return this.home;
        const home = this.options.splunkHome ?? mkdtempSync(path.join(tmpdir(), 'passivetotal-search-home-'));
        this.homeCreated = this.options.splunkHome === undefined;
        mkdirSync(path.join(home, 'var', 'log', 'splunk'), { recursive: true });
        const installed = path.join(home, 'etc', 'apps', this.app);
        if (!existsSync(installed)) {
            mkdirSync(path.dirname(installed), { recursive: true });
            try {
                symlinkSync(path.resolve(this.appDir), installed, 'dir');
            } catch {
                // Without symlinks the commands still run from the app's own folder.
            }
        }
        try {
            if (realpathSync(installed) === realpathSync(this.appDir)) this.installedRoot = installed;
        } catch {
            this.installedRoot = undefined;
        }
        this.home = home;
        return home;
    }

    private environment(home: string, splunkdUri: string): Record<string, string> {
        const inherited: Record<string, string> = {};
        for (const name of ['PATH', 'HOME', 'LANG', 'LC_ALL', 'TZ', 'SYSTEMROOT', 'TMPDIR']) {
            const value = process.env[name];
            if (value !== undefined) inherited[name] = value;
        }
        return {
            PATH: '/usr/local/bin:/usr/bin:/bin',
            ...inherited,
            SPLUNK_HOME: home,
            SPLUNK_ETC: path.join(home, 'etc'),
            SPLUNK_SERVER_NAME: 'Splunkd',
            SPLUNKD_URI: splunkdUri,
            ...this.options.env,
        };
    }

    private resolve(stanzaName: string, keys: ReadonlyMap<string, string>): ExternalCommandDefinition {
        const name = stanzaName.toLowerCase();
        const unavailable = (reason: string): ExternalCommandDefinition => ({
            name,
            program: '',
            args: [],
            maxwaitSeconds: 0,
            maxChunkSize: 0,
            unavailable: reason,
        });
        if (!isTrue(keys.get('chunked'))) {
            return unavailable(
                `The stand-in runs only custom search commands with 'chunked = true'; '${stanzaName}' uses the legacy protocol.`
            );
        }
        const notFound = unavailable(`Cannot find program '${stanzaName}' or script '${stanzaName}'.`);
        const found = this.findProgram(stanzaName, keys.get('filename')?.trim());
        if (found === undefined) return notFound;
        const env = { ...process.env, SPLUNK_HOME: this.splunkHome() };
        const file =
            this.installedRoot === undefined
                ? found
                : path.join(this.installedRoot, path.relative(path.resolve(this.appDir), found));
        const commandArgs = [...keys.entries()]
            .map(([key, value]) => ({ n: /^command\.arg\.(\d+)$/.exec(key)?.[1], value }))
            .filter((a): a is { n: string; value: string } => a.n !== undefined)
            .sort((a, b) => Number(a.n) - Number(b.n))
            .map((a) => substituteEnvironment(a.value, env));
        const extension = path.extname(file).toLowerCase();
        let program = file;
        let args: string[] = commandArgs;
        if (extension === '.py') {
            program = this.options.python ?? 'python3';
            args = [...(this.options.pythonArgs ?? ['-B', '-s']), file, ...commandArgs];
        } else if (extension === '.pl') {
            program = 'perl';
            args = [file, ...commandArgs];
        }
        return {
            name,
            program,
            args,
            maxwaitSeconds: wholeNumber(keys.get('maxwait')),
            maxChunkSize: wholeNumber(keys.get('maxchunksize')),
        };
    }

    /** The command's program inside the app's `<platform>/bin/` or `bin/`, or undefined. */
    private findProgram(stanzaName: string, filename: string | undefined): string | undefined {
        const candidates =
            filename !== undefined && filename !== ''
                ? [filename]
                : EXTENSIONS.map((extension) => `${stanzaName}${extension}`);
        for (const folder of [path.join(PLATFORM_DIR, 'bin'), 'bin']) {
            const bin = path.resolve(this.appDir, folder);
            for (const candidate of candidates) {
                if (path.isAbsolute(candidate)) return undefined;
                const file = path.resolve(bin, candidate);
                if (!isFile(file)) continue;
                const realBin = realpathSync(bin);
                const relative = path.relative(realBin, realpathSync(file));
                if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) return undefined;
                return file;
            }
        }
        return undefined;
    }
}
