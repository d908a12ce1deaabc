import { parseArgs } from 'node:util';

/** The stand-in's command-line options (`npm start -- --help` lists them). */
export interface DevserverOptions {
    port: number;
    splunkdPort: number;
    host: string;
    user: string;
    theme: 'light' | 'dark';
    stage: string;
    /** Ask for the login form instead of signing `user` in. */
    login: boolean;
    /** Event files or folders of `.jsonl` files; empty: the project's demo data. */
    events: string[];
    /**
     * Replay folder for PassiveTotal (`DIR/<query>/<path>.json`, then `DIR/<path>.json`, then an empty answer);
     * undefined: the project's demo fixtures.
     */
    ptFixtures: string | undefined;
    /** A real PassiveTotal-compatible upstream instead of the replay server. */
    ptUrl: string | undefined;
    /** Added delay on every replayed response, in milliseconds. */
    ptLatencyMs: number;
    /** Start as freshly installed: no PassiveTotal credential, default settings. */
    unconfigured: boolean;
    /**
     * Store no PassiveTotal credential (`--no-passivetotal`): the app runs on the open providers only, which the
     * replay server still serves. Absent means false.
     */
    noPassivetotal?: boolean;
    /**
     * Hold the saved-search scheduler (`--no-scheduler`), as a search head whose scheduler is turned off: no saved
     * search runs on its cron schedule, while `saved/searches/<name>/dispatch` still runs one on demand. Absent means
     * false (the scheduler runs).
     */
    noScheduler?: boolean;
}

export type ParsedOptions = { ok: true; options: DevserverOptions } | { ok: false; error: string };

export const USAGE = `Usage: npm start -- [options]   (or: npx passivetotal-devserver [options])

  --port N            Splunk Web port (default 8000, or PORT)
  --splunkd-port N    splunkd REST port (default 8089, or SPLUNKD_PORT)
  --host ADDR         address to listen on (default 127.0.0.1)
  --user NAME         the browser session's user: admin (default), analyst or guest (none of the app's roles)
  --login             show Splunk Web's login form instead of signing --user in
  --events PATH       events to search: a .jsonl file or a folder of them (repeatable);
                      default: the project's demo data
  --pt-fixtures DIR   replay PassiveTotal from DIR (default: the project's demo fixtures)
  --pt-url URL        use a real PassiveTotal-compatible upstream instead of the replay server
  --pt-latency MS     added delay on every replayed PassiveTotal response (default 0)
  --no-passivetotal   store no PassiveTotal credential: only the open providers (RDAP, crt.sh,
                      Cert Spotter, mnemonic, OTX, CIRCL, URLhaus, ThreatFox, InternetDB) answer
  --unconfigured      start the app as freshly installed: no credentials, default settings
  --no-scheduler      hold the saved-search scheduler: nothing runs on its schedule, dispatching a
                      saved search through REST still works (for tests that count runs)
  --theme light|dark  the user's Splunk theme (default light)
  --stage DIR         the built app directory (default stage/)
  --help              this text`;

function port(value: string | undefined, fallback: number, name: string): number | string {
    if (value === undefined || value === '') return fallback;
    const n = Number(value);
    return Number.isInteger(n) && n >= 0 && n <= 65535 ? n : `${name} must be a port number (0-65535), got '${value}'.`;
}

/** Parses argv (without node and script) and the PORT / SPLUNKD_PORT environment variables. */
export function parseCliOptions(argv: string[], env: NodeJS.ProcessEnv): ParsedOptions {
    let values;
    try {
        ({ values } = parseArgs({
            args: argv,
            options: {
                port: { type: 'string' },
                'splunkd-port': { type: 'string' },
                host: { type: 'string' },
                user: { type: 'string' },
                theme: { type: 'string' },
                stage: { type: 'string' },
                login: { type: 'boolean' },
                events: { type: 'string', multiple: true },
                'pt-fixtures': { type: 'string' },
                'pt-url': { type: 'string' },
                'pt-latency': { type: 'string' },
                unconfigured: { type: 'boolean' },
                'no-passivetotal': { type: 'boolean' },
                'no-scheduler': { type: 'boolean' },
                help: { type: 'boolean' },
            },
            strict: true,
        }));
    } catch (error) {
        return { ok: false, error: `${error instanceof Error ? error.message : String(error)}\n\n${USAGE}` };
    }
    if (values.help) return { ok: false, error: USAGE };
    const webPort = port(values.port ?? env.PORT, 8000, '--port');
    const splunkdPort = port(values['splunkd-port'] ?? env.SPLUNKD_PORT, 8089, '--splunkd-port');
    if (typeof webPort === 'string') return { ok: false, error: webPort };
    if (typeof splunkdPort === 'string') return { ok: false, error: splunkdPort };
    const user = values.user ?? 'admin';
    if (user !== 'admin' && user !== 'analyst' && user !== 'guest')
        return { ok: false, error: `--user must be admin, analyst or guest, got '${user}'.` };
    const theme = values.theme ?? 'light';
    if (theme !== 'light' && theme !== 'dark')
        return { ok: false, error: `--theme must be light or dark, got '${theme}'.` };
    const latency = Number(values['pt-latency'] ?? '0');
    if (!Number.isInteger(latency) || latency < 0) {
        return {
            ok: false,
            error: `--pt-latency must be a whole number of milliseconds, got '${values['pt-latency'] ?? ''}'.`,
        };
    }
    const ptUrl = values['pt-url'];
    if (ptUrl !== undefined && !/^https?:\/\/[^/]/.test(ptUrl)) {
        return { ok: false, error: `--pt-url must be an http(s) URL, got '${ptUrl}'.` };
    }
    if (ptUrl !== undefined && values['pt-fixtures'] !== undefined) {
        return { ok: false, error: '--pt-url and --pt-fixtures exclude each other: one upstream at a time.' };
    }
    const noPassivetotal = values['no-passivetotal'] ?? false;
    if (noPassivetotal && ptUrl !== undefined) {
        return {
            ok: false,
            error: '--no-passivetotal and --pt-url exclude each other: --pt-url is a PassiveTotal upstream.',
        };
    }
    return {
        ok: true,
        options: {
            port: webPort,
            splunkdPort,
            host: values.host ?? '127.0.0.1',
            user,
            theme,
            stage: values.stage ?? 'stage',
            login: values.login ?? false,
            events: values.events ?? [],
            ptFixtures: values['pt-fixtures'],
            ptUrl,
            ptLatencyMs: latency,
            unconfigured: values.unconfigured ?? false,
            noPassivetotal,
            noScheduler: values['no-scheduler'] ?? false,
        },
    };
}
