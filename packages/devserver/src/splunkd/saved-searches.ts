/**
 * Saved searches of the app (`savedsearches.conf`, default and local) as splunkd's scheduler and alerting run them:
 *
 * - **Scheduler**: every enabled search (`disabled` false) with `enableSched = 1` and a `cron_schedule` is dispatched
 *   once in each minute its schedule names (UTC), with that minute as the search's "now", as the owner of the search
 *   (`nobody`, an app-level search: splunk-system-user). A minute that passes while the stand-in is busy is skipped,
 *   as splunkd's default real-time scheduling skips it. `tick(epochSeconds)` runs one minute's schedule (the timer
 *   calls it; tests call it with the minute they want).
 * - **On demand**: `POST saved/searches/<name>/dispatch` (splunkd's endpoint) with `dispatch.*` overrides, `now`,
 *   and `trigger_actions=1` to evaluate the alert as the scheduler would; `enable` and `disable`; `GET` and `POST`
 *   (keys) of `saved/searches[/<name>]`.
 * - **Alerts**: when a scheduled run (or a dispatch with `trigger_actions`) has its results, the condition is
 *   evaluated: `counttype` (`always`, `number of events`: the results, `number of hosts`, `number of sources`,
 *   `custom` with `alert_condition`, a search over the results), `relation` (`greater than`, `less than`,
 *   `equal to`, `not equal to`) and `quantity`. A triggered alert runs once for the results (`alert.digest_mode`,
 *   default) or once per result, held back while `alert.suppress` with `alert.suppress.period` (and
 *   `alert.suppress.fields` per result) says so. Tracked alerts (`alert.track`, or `auto` unless the search always
 *   triggers) are listed at `alerts/fired_alerts` and `alerts/fired_alerts/<name>`; the actions
 *   (`action.email`, `action.webhook`) are recorded with what splunkd would send, with `$name$`, `$result.<f>$`,
 *   `$results_link$` and the other tokens substituted, at `GET standin/alert_actions` (the stand-in's own record;
 *   nothing is mailed or posted).
 *
 * `drops by` and `rises by` compare with the previous run, which the stand-in does not keep: such a search fails
 * its dispatch instead of alerting wrongly.
 */
import { compileSearch, runCompiledSearch, EventStore, type SplunkRow } from '../search';
import type { AppConfig } from './app-config';
import { CronError, cronMatches, nextRun, parseCron } from './cron';
import { eaiAcl, feed, isoSeconds, page, type FeedEntry } from './feed';
import type { Identity } from './identity';
import { allArgs, arg, jsonReply, type RestRequest } from './rest-types';
import type { Router } from './router';
import type { Job, SearchJobs, SearchSession } from './search-jobs';
import { objectNotFound, SplunkdError } from './splunkd-error';

const FILE = 'savedsearches';
const TRUE_VALUES = new Set(['1', 'true', 't', 'yes', 'y']);

/** One triggered alert as `alerts/fired_alerts/<name>` lists it. */
export interface FiredAlert {
    readonly savedsearchName: string;
    readonly sid: string;
    readonly triggerTime: number;
    readonly severity: number;
    readonly digestMode: boolean;
    readonly triggeredAlerts: number;
    readonly actions: readonly string[];
    readonly alertType: string;
    /** The results that triggered it (all of them in digest mode, the one result otherwise). */
    readonly results: readonly SplunkRow[];
}

/** An alert action as splunkd would have carried it out. */
export interface AlertActionRecord {
    readonly action: string;
    readonly savedsearchName: string;
    readonly sid: string;
    readonly triggerTime: number;
    /** `email`: `to`, `cc`, `bcc`, `from`, `subject`, `message`, `results` (the rows included). `webhook`: `url`, `payload`. */
    readonly detail: Readonly<Record<string, unknown>>;
}

/** What the saved searches need from the server. */
export interface SavedSearchesDeps {
    readonly config: AppConfig;
    readonly jobs: SearchJobs;
    readonly systemIdentity: Identity;
    /** The session every scheduled search runs with (splunk-system-user's token and splunkd's address). */
    readonly systemSession: () => SearchSession;
    /** Wall clock, epoch ms. */
    readonly now: () => number;
    /** Splunk Web's address for `$results_link$`. */
    readonly webUri: string;
    readonly origin: (request: RestRequest) => string;
}

function truthy(value: string | undefined): boolean {
    return value !== undefined && TRUE_VALUES.has(value.trim().toLowerCase());
}

function sidPart(name: string): string {
    return name.replace(/[^A-Za-z0-9_]/g, '_').slice(0, 60);
}

function seconds(text: string | undefined): number | undefined {
    const m = /^\s*(\d+)\s*([smhd]?)\s*$/i.exec(text ?? '');
    if (!m) return undefined;
    const unit = (m[2] ?? '').toLowerCase();
    return Number(m[1]) * (unit === 'm' ? 60 : unit === 'h' ? 3600 : unit === 'd' ? 86400 : 1);
}

function firstValue(value: SplunkRow[string] | undefined): string {
    if (value === undefined) return '';
    return typeof value === 'string' ? value : (value[0] ?? '');
}

/** The scheduler, the saved-search endpoints and the record of alerts. */
export class SavedSearches {
    private readonly fired: FiredAlert[] = [];
    private readonly actions: AlertActionRecord[] = [];
    private readonly suppressedUntil = new Map<string, number>();
    /** Scheduled runs that could not be dispatched (what splunkd's scheduler.log would say). */
    readonly skipped: { readonly name: string; readonly at: number; readonly reason: string }[] = [];
    private sequence = 0;
    private lastMinute: number | undefined;
    private timer: NodeJS.Timeout | undefined;

    constructor(private readonly deps: SavedSearchesDeps) {}

    /** The keys of a saved search with `[default]` inherited, or undefined. */
    keys(name: string): Map<string, string> | undefined {
        if (name === 'default') return undefined;
        return this.deps.config.effectiveKeys(FILE, name);
    }

    /** Names of the app's saved searches. */
    names(): string[] {
        return this.deps.config
            .stanzas(FILE)
            .map((s) => s.name)
            .filter((n) => n !== 'default');
    }

    /** Whether the scheduler runs the search. */
    isScheduled(keys: ReadonlyMap<string, string>): boolean {
        return (
            !truthy(keys.get('disabled')) && truthy(keys.get('enableSched')) && (keys.get('cron_schedule') ?? '') !== ''
        );
    }

    /** Alerts fired so far, oldest first. */
    firedAlerts(): readonly FiredAlert[] {
        return this.fired;
    }

    /** Alert actions carried out so far, oldest first. */
    alertActions(): readonly AlertActionRecord[] {
        return this.actions;
    }

    /** Starts the timer that runs each minute's schedule. */
    start(intervalMs = 1000): void {
        this.lastMinute = Math.floor(this.deps.now() / 60_000);
        this.timer = setInterval(() => {
            const minute = Math.floor(this.deps.now() / 60_000);
            if (minute === this.lastMinute) return;
            this.lastMinute = minute;
            this.tick(minute * 60);
        }, intervalMs);
        this.timer.unref();
    }

    /** Stops the timer. */
    stop(): void {
        if (this.timer) clearInterval(this.timer);
        this.timer = undefined;
    }

    /** Dispatches every scheduled search whose schedule names the minute of `epochSeconds`; returns their jobs. */
    tick(epochSeconds: number): Job[] {
        const minute = Math.floor(epochSeconds / 60) * 60;
        const started: Job[] = [];
        for (const name of this.names()) {
            const keys = this.keys(name);
            if (!keys || !this.isScheduled(keys)) continue;
            let due: boolean;
            try {
                due = cronMatches(parseCron(keys.get('cron_schedule') ?? ''), minute);
            } catch (error) {
                if (error instanceof CronError) continue;
                throw error;
            }
            if (!due) continue;
            const sid = `scheduler__nobody__${this.deps.config.app}__${sidPart(name)}_at_${minute}_${++this.sequence}`;
            try {
                started.push(
                    this.dispatch(name, keys, this.deps.systemIdentity, this.deps.systemSession(), {
                        sid,
                        now: minute,
                        triggerActions: true,
                        overrides: new Map(),
                    })
                );
            } catch (error) {
                // splunkd's scheduler logs a search that cannot be dispatched and goes on with the others.
                if (!(error instanceof SplunkdError)) throw error;
                this.skipped.push({ name, at: minute, reason: error.message });
            }
        }
        return started;
    }

    private dispatch(
        name: string,
        keys: ReadonlyMap<string, string>,
        identity: Identity,
        session: SearchSession,
        run: { sid: string; now: number; triggerActions: boolean; overrides: ReadonlyMap<string, string> }
    ): Job {
        const relation = (keys.get('relation') ?? '').trim();
        if (run.triggerActions && (relation === 'drops by' || relation === 'rises by'))
            throw new SplunkdError(
                400,
                `The stand-in does not keep earlier runs, so it cannot evaluate 'relation = ${relation}' of '${name}'.`
            );
        const setting = (key: string): string | undefined => run.overrides.get(key) ?? keys.get(key);
        // A saved search's text starts with a command only when it begins with `|`; otherwise it is a search.
        const text = (keys.get('search') ?? '').trim();
        const search = text.startsWith('|') || /^search(?:\s|$)/i.test(text) ? text : `search ${text}`;
        const params = new Map<string, string>([
            ['search', search],
            ['id', run.sid],
            ['now', String(run.now)],
        ]);
        const earliest = setting('dispatch.earliest_time');
        const latest = setting('dispatch.latest_time');
        if (earliest !== undefined && earliest !== '') params.set('earliest_time', earliest);
        if (latest !== undefined && latest !== '') params.set('latest_time', latest);
        const app = this.deps.config.app;
        return this.deps.jobs.create(identity, app, params, session, {
            name,
            onFinished: run.triggerActions
                ? (job) => {
                      this.evaluate(name, keys, job);
                  }
                : undefined,
        });
    }

    /** Evaluates the alert condition of a finished run and carries out its actions. */
    private evaluate(name: string, keys: ReadonlyMap<string, string>, job: Job): void {
        const outcome = job.outcome;
        if (!outcome) return;
        const results = outcome.results;
        const counttype = (keys.get('counttype') ?? 'always').trim();
        let triggered: boolean;
        if (counttype === 'always') triggered = true;
        else if (counttype === 'custom')
            triggered = this.customCondition(keys.get('alert_condition') ?? '', results, job);
        else {
            const count =
                counttype === 'number of hosts'
                    ? new Set(results.map((r) => firstValue(r.host))).size
                    : counttype === 'number of sources'
                      ? new Set(results.map((r) => firstValue(r.source))).size
                      : results.length;
            const quantity = Number(keys.get('quantity') ?? '0');
            const relation = (keys.get('relation') ?? '').trim();
            triggered =
                relation === 'greater than'
                    ? count > quantity
                    : relation === 'less than'
                      ? count < quantity
                      : relation === 'equal to'
                        ? count === quantity
                        : relation === 'not equal to'
                          ? count !== quantity
                          : false;
        }
        if (!triggered) return;
        const digest = keys.get('alert.digest_mode') === undefined || truthy(keys.get('alert.digest_mode'));
        const groups: SplunkRow[][] = digest ? [[...results]] : results.map((r) => [r]);
        const nowSeconds = this.deps.now() / 1000;
        const period = truthy(keys.get('alert.suppress')) ? (seconds(keys.get('alert.suppress.period')) ?? 0) : 0;
        const suppressFields = (keys.get('alert.suppress.fields') ?? '')
            .split(',')
            .map((f) => f.trim())
            .filter((f) => f !== '');
        const track = keys.get('alert.track');
        const tracked = track === undefined || track.trim() === 'auto' ? counttype !== 'always' : truthy(track);
        const actionNames = [...keys.keys()]
            .map((k) => /^action\.([A-Za-z0-9_]+)$/.exec(k)?.[1])
            .filter((a): a is string => a !== undefined && truthy(keys.get(`action.${a}`)));
        for (const group of groups) {
            if (period > 0) {
                const first = group[0] ?? {};
                const key = [name, ...(digest ? [] : suppressFields.map((f) => firstValue(first[f])))].join('\u0000');
                if ((this.suppressedUntil.get(key) ?? 0) > nowSeconds) continue;
                this.suppressedUntil.set(key, nowSeconds + period);
            }
            if (tracked)
                this.fired.push({
                    savedsearchName: name,
                    sid: job.sid,
                    triggerTime: Math.floor(nowSeconds),
                    severity: Number(keys.get('alert.severity') ?? '3'),
                    digestMode: digest,
                    triggeredAlerts: 1,
                    actions: actionNames,
                    alertType: counttype,
                    results: group,
                });
            for (const action of actionNames) this.carryOut(action, name, keys, job, group, nowSeconds);
        }
    }

    private customCondition(condition: string, results: readonly SplunkRow[], job: Job): boolean {
        if (condition.trim() === '') return results.length > 0;
        const text = condition.trim().startsWith('search') ? condition : `search ${condition}`;
        const events = results.map((row) => {
            const raw = typeof row._raw === 'string' ? row._raw : '';
            const fields: Record<string, unknown> = {
                index: 'main',
                sourcetype: 'stash',
                host: 'standin',
                source: 'alert',
            };
            for (const [k, v] of Object.entries(row)) if (!k.startsWith('_')) fields[k] = v;
            return { ...fields, _time: job.compiled.now, _raw: raw };
        });
        const store = EventStore.fromJson(events, 'results');
        return runCompiledSearch(store, compileSearch(text, { now: job.compiled.now }), {}).results.length > 0;
    }

    private carryOut(
        action: string,
        name: string,
        keys: ReadonlyMap<string, string>,
        job: Job,
        results: readonly SplunkRow[],
        nowSeconds: number
    ): void {
        const app = this.deps.config.app;
        const view = keys.get('alert.display_view') ?? keys.get('request.ui_dispatch_app') ?? 'search';
        const resultsLink = `${this.deps.webUri}/app/${encodeURIComponent(view === '' ? app : view)}/@go?sid=${encodeURIComponent(job.sid)}`;
        const first = results[0] ?? {};
        const tokens = (text: string): string =>
            text.replace(/\$([A-Za-z0-9_.]+)\$/g, (whole, token: string) => {
                if (token === 'name' || token === 'search_name') return name;
                if (token === 'app') return app;
                if (token === 'owner') return 'nobody';
                if (token === 'search') return keys.get('search') ?? '';
                if (token === 'description') return keys.get('description') ?? '';
                if (token === 'results_link') return resultsLink;
                if (token === 'job.sid') return job.sid;
                if (token === 'trigger_time') return String(Math.floor(nowSeconds));
                if (token === 'alert.severity') return keys.get('alert.severity') ?? '3';
                if (token === 'job.resultCount') return String(results.length);
                if (token.startsWith('result.')) return firstValue(first[token.slice('result.'.length)]);
                return whole;
            });
        const param = (key: string): string | undefined => keys.get(`action.${action}.${key}`);
        let detail: Record<string, unknown>;
        if (action === 'email') {
            const maxResults = Number(param('maxresults') ?? '10000');
            detail = {
                to: param('to') ?? '',
                cc: param('cc') ?? '',
                bcc: param('bcc') ?? '',
                from: param('from') ?? 'splunk',
                subject: tokens(param('subject.alert') ?? param('subject') ?? 'Splunk Alert: $name$'),
                message: tokens(param('message.alert') ?? "The alert condition for '$name$' was triggered."),
                resultsLink: truthy(param('include.results_link') ?? '1') ? resultsLink : undefined,
                results:
                    truthy(param('sendresults') ?? '0') || truthy(param('inline') ?? '0')
                        ? results.slice(0, maxResults)
                        : [],
            };
        } else if (action === 'webhook') {
            detail = {
                url: param('param.url') ?? '',
                payload: {
                    sid: job.sid,
                    search_name: name,
                    app,
                    owner: 'nobody',
                    results_link: resultsLink,
                    result: first,
                },
            };
        } else {
            const params: Record<string, string> = {};
            for (const [k, v] of keys)
                if (k.startsWith(`action.${action}.`)) params[k.slice(`action.${action}.`.length)] = tokens(v);
            detail = { params, results };
        }
        this.actions.push({ action, savedsearchName: name, sid: job.sid, triggerTime: Math.floor(nowSeconds), detail });
    }

    /** Registers `saved/searches`, `alerts/fired_alerts` and `standin/alert_actions`. */
    register(router: Router): void {
        const { config } = this.deps;
        const identityOf = (request: RestRequest): Identity => {
            if (!request.identity) throw new SplunkdError(401, 'call not properly authenticated', 'WARN');
            return request.identity;
        };
        const readable = (request: RestRequest, name: string): Map<string, string> => {
            const identity = identityOf(request);
            const keys = this.keys(name);
            if (!keys || !config.visibleFrom(request.ns.app, FILE, name) || !config.canRead(identity, FILE, name))
                throw objectNotFound(name);
            return keys;
        };
        const writable = (request: RestRequest, name: string): Map<string, string> => {
            const keys = readable(request, name);
            const identity = identityOf(request);
            if (!config.canWrite(identity, FILE, name))
                throw new SplunkdError(
                    403,
                    `You (user=${identity.name}) do not have permission to change the saved search '${name}'.`
                );
            return keys;
        };
        const entry = (request: RestRequest, name: string, keys: Map<string, string>): FeedEntry => {
            const path = `/servicesNS/nobody/${encodeURIComponent(config.app)}/saved/searches/${encodeURIComponent(name)}`;
            const acl = config.acl(FILE, name);
            const eai = eaiAcl({
                app: config.app,
                owner: 'nobody',
                sharing: acl.exportTo === 'system' ? 'global' : 'app',
                read: acl.read,
                write: acl.write,
                canWrite: config.canWrite(identityOf(request), FILE, name),
                removable: false,
            });
            const content: Record<string, unknown> = Object.fromEntries(keys);
            content.disabled = truthy(keys.get('disabled'));
            content.is_scheduled = truthy(keys.get('enableSched'));
            let next = '';
            if (this.isScheduled(keys)) {
                try {
                    const at = nextRun(parseCron(keys.get('cron_schedule') ?? ''), this.deps.now() / 1000);
                    if (at !== undefined) next = isoSeconds(at * 1000);
                } catch (error) {
                    if (!(error instanceof CronError)) throw error;
                }
            }
            content.next_scheduled_time = next;
            content['eai:acl'] = eai;
            return {
                name,
                id: `${this.deps.origin(request)}${path}`,
                updated: isoSeconds(this.deps.now()),
                links: { alternate: path, list: path, edit: path, dispatch: `${path}/dispatch` },
                author: 'nobody',
                acl: eai,
                content,
            };
        };
        const feedOf = (request: RestRequest, entries: FeedEntry[], total = entries.length) =>
            feed(
                `${this.deps.origin(request)}/services/saved/searches`,
                entries,
                { total, perPage: 0, offset: 0 },
                this.deps.now()
            );

        router.add('GET', 'saved/searches', (request) => {
            const identity = identityOf(request);
            const names = this.names().filter(
                (n) => config.visibleFrom(request.ns.app, FILE, n) && config.canRead(identity, FILE, n)
            );
            const paged = page(names, arg(request, 'count'), arg(request, 'offset'));
            return jsonReply(
                feedOf(
                    request,
                    paged.items.map((n) => entry(request, n, this.keys(n) ?? new Map<string, string>())),
                    names.length
                )
            );
        });
        router.add('GET', 'saved/searches/:name', (request, params) => {
            const name = params.name ?? '';
            return jsonReply(feedOf(request, [entry(request, name, readable(request, name))]));
        });
        router.add('POST', 'saved/searches/:name', (request, params) => {
            const name = params.name ?? '';
            writable(request, name);
            const changes = allArgs(request).filter(([k]) => k !== 'output_mode' && k !== 'name');
            config.setKeys(FILE, name, changes);
            return jsonReply(feedOf(request, [entry(request, name, this.keys(name) ?? new Map<string, string>())]));
        });
        for (const [verb, disabled] of [
            ['enable', '0'],
            ['disable', '1'],
        ] as const) {
            router.add('POST', `saved/searches/:name/${verb}`, (request, params) => {
                const name = params.name ?? '';
                writable(request, name);
                config.setKeys(FILE, name, [['disabled', disabled]]);
                return jsonReply(feedOf(request, [entry(request, name, this.keys(name) ?? new Map<string, string>())]));
            });
        }
        router.add('POST', 'saved/searches/:name/dispatch', (request, params) => {
            const name = params.name ?? '';
            const keys = readable(request, name);
            const caller = identityOf(request);
            const asUser = (keys.get('dispatchAs') ?? 'owner').trim() === 'user';
            const overrides = new Map<string, string>();
            for (const [k, v] of allArgs(request))
                if (k.startsWith('dispatch.') && !overrides.has(k)) overrides.set(k, v);
            const nowArg = arg(request, 'now');
            const now = nowArg !== undefined && nowArg.trim() !== '' ? Number(nowArg) : this.deps.now() / 1000;
            if (!Number.isFinite(now)) throw new SplunkdError(400, `Invalid value for now: ${nowArg ?? ''}`);
            const identity = asUser ? caller : this.deps.systemIdentity;
            const session: SearchSession = asUser
                ? { sessionKey: request.authToken, splunkdUri: this.deps.origin(request) }
                : this.deps.systemSession();
            const sid = `${caller.name}__nobody__${config.app}__${sidPart(name)}_${Math.floor(now)}.${++this.sequence}`;
            const job = this.dispatch(name, keys, identity, session, {
                sid,
                now,
                triggerActions: truthy(arg(request, 'trigger_actions')),
                overrides,
            });
            return jsonReply({ sid: job.sid }, 201);
        });

        const firedEntry = (request: RestRequest, alert: FiredAlert, index: number): FeedEntry => {
            const entryName = `${alert.sid}_${index}`;
            const path = `/servicesNS/nobody/${encodeURIComponent(config.app)}/alerts/fired_alerts/${encodeURIComponent(entryName)}`;
            return {
                name: entryName,
                id: `${this.deps.origin(request)}${path}`,
                updated: isoSeconds(alert.triggerTime * 1000),
                links: { alternate: path, job: `/services/search/jobs/${encodeURIComponent(alert.sid)}` },
                author: 'nobody',
                content: {
                    savedsearch_name: alert.savedsearchName,
                    sid: alert.sid,
                    trigger_time: alert.triggerTime,
                    trigger_time_rendered: isoSeconds(alert.triggerTime * 1000),
                    severity: alert.severity,
                    digest_mode: alert.digestMode ? 1 : 0,
                    triggered_alerts: alert.triggeredAlerts,
                    actions: alert.actions.join(','),
                    alert_type: alert.alertType,
                    'eai:acl': eaiAcl({
                        app: config.app,
                        owner: 'nobody',
                        sharing: 'app',
                        read: ['*'],
                        write: ['admin'],
                        canWrite: false,
                        removable: true,
                    }),
                },
            };
        };
        const visibleAlerts = (request: RestRequest): FiredAlert[] => {
            const identity = identityOf(request);
            return this.fired.filter((a) => config.canRead(identity, FILE, a.savedsearchName));
        };
        router.add('GET', 'alerts/fired_alerts', (request) => {
            const alerts = visibleAlerts(request);
            const counts = new Map<string, number>([['-', alerts.length]]);
            for (const a of alerts) counts.set(a.savedsearchName, (counts.get(a.savedsearchName) ?? 0) + 1);
            const base = `/servicesNS/nobody/${encodeURIComponent(config.app)}/alerts/fired_alerts`;
            const entries: FeedEntry[] = [...counts].map(([name, count]) => ({
                name,
                id: `${this.deps.origin(request)}${base}/${encodeURIComponent(name)}`,
                updated: isoSeconds(this.deps.now()),
                links: {
                    alternate: `${base}/${encodeURIComponent(name)}`,
                    list: `${base}/${encodeURIComponent(name)}`,
                },
                author: 'nobody',
                content: { triggered_alert_count: count },
            }));
            return jsonReply(
                feed(
                    `${this.deps.origin(request)}${base}`,
                    entries,
                    { total: entries.length, perPage: 0, offset: 0 },
                    this.deps.now()
                )
            );
        });
        router.add('GET', 'alerts/fired_alerts/:name', (request, params) => {
            const name = params.name ?? '';
            const alerts = visibleAlerts(request);
            const chosen = name === '-' ? alerts : alerts.filter((a) => a.savedsearchName === name);
            if (name !== '-' && chosen.length === 0 && !this.keys(name)) throw objectNotFound(name);
            const entries = chosen.map((a) => firedEntry(request, a, alerts.indexOf(a))).reverse();
            const base = `/servicesNS/nobody/${encodeURIComponent(config.app)}/alerts/fired_alerts/${encodeURIComponent(name)}`;
            return jsonReply(
                feed(
                    `${this.deps.origin(request)}${base}`,
                    entries,
                    { total: entries.length, perPage: 0, offset: 0 },
                    this.deps.now()
                )
            );
        });
        router.add('GET', 'standin/alert_actions', () => jsonReply({ fired: this.fired, actions: this.actions }), {
            jsonAlways: true,
        });
    }
}
