/**
 * The `search/jobs` endpoints (v1 and v2 paths) over {@link SearchJobs}: create, batched status
 * listing, one job, results/results_preview/events with `count`/`offset`, control actions, delete,
 * and `search/v2/parser`.
 */
import { compileJobSearch, DEFAULT_APP, type Job, type JobSnapshot, type SearchJobs } from './search-jobs';
import { formatIsoTime, formatResults, resolveTimeModifier, type MacroTable, type SplunkRow } from '../search';
import { feed, isoSeconds, page, type FeedEntry } from './feed';
import type { Identity } from './identity';
import { allArgs, arg, args, jsonReply, type RestReply, type RestRequest } from './rest-types';
import type { Router } from './router';
import { SplunkdError, type SplunkdMessage } from './splunkd-error';

/** What the job routes need from the server. */
export interface SearchJobRoutesDeps {
    readonly jobs: SearchJobs;
    /** Origin for feed ids, e.g. `https://127.0.0.1:8089`. */
    readonly origin: (request: RestRequest) => string;
    readonly now: () => number;
    readonly macrosFor: (app: string | undefined) => MacroTable;
}

function identityOf(request: RestRequest): Identity {
    if (!request.identity) throw new SplunkdError(401, 'call not properly authenticated', 'WARN');
    return request.identity;
}

/** The app context of a request: the namespace app, or the user's default app for `/services/`. */
export function appContext(request: RestRequest): string {
    const app = request.ns.app;
    return app === undefined || app === '-' ? DEFAULT_APP : app;
}

function jobContent(jobs: SearchJobs, job: Job, snap: JobSnapshot): Record<string, unknown> {
    const { earliest } = jobs.bounds(job);
    // A search that ran shows its warnings (a subsearch's truncation, say) once it is running, as splunkd does.
    const ran = snap.isDone || snap.state === 'RUNNING' || (snap.isPaused && snap.doneProgress > 0);
    const messages: SplunkdMessage[] = job.error
        ? [...job.runMessages, job.error]
        : ran
          ? [...(job.outcome?.messages ?? job.runMessages)]
          : [];
    const expanded = job.compiled.expanded.trim();
    const pipe = expanded.indexOf('|', expanded.startsWith('|') ? 1 : 0);
    return {
        sid: job.sid,
        dispatchState: snap.state,
        isDone: snap.isDone,
        isFailed: snap.isFailed,
        isFinalized: snap.isFinalized,
        isPaused: snap.isPaused,
        isPreviewEnabled: job.previewEnabled,
        isRealTimeSearch: false,
        isRemoteTimeline: false,
        isSaved: job.isSaved,
        isSavedSearch: job.savedSearch !== undefined,
        isTimeCursored: true,
        isZombie: false,
        isEventsPreviewEnabled: false,
        isGoodSummarizationCandidate: false,
        isBatchModeSearch: false,
        doneProgress: snap.doneProgress,
        resultCount: snap.resultCount,
        resultPreviewCount: snap.resultPreviewCount,
        resultIsStreaming: job.outcome?.isEvents ?? false,
        eventCount: snap.eventCount,
        eventAvailableCount: job.statusBuckets > 0 || job.outcome?.isEvents ? snap.eventCount : 0,
        eventFieldCount: 0,
        eventIsStreaming: true,
        eventIsTruncated: false,
        eventSearch: pipe > 0 ? expanded.slice(0, pipe).trim() : expanded,
        eventSorting: 'desc',
        reportSearch: pipe > 0 ? expanded.slice(pipe + 1).trim() : '',
        keywords: '',
        scanCount: snap.scanCount,
        dropCount: 0,
        diskUsage: 0,
        priority: job.priority,
        runDuration: Math.round(job.runDuration * 1000) / 1000,
        ttl: jobs.secondsToExpiry(job),
        defaultTTL: '600',
        defaultSaveTTL: '604800',
        statusBuckets: job.statusBuckets,
        earliestTime: earliest === undefined || earliest.trim() === '' ? formatIsoTime(0) : earliestIso(earliest, job),
        latestTime: formatIsoTime(job.compiled.now),
        cursorTime: formatIsoTime(job.compiled.now),
        published: isoSeconds(job.createdAt),
        label: job.label ?? '',
        provenance: job.provenance ?? '',
        request: { ...job.request },
        messages,
        performance: {},
        runtime: { auto_cancel: '0', auto_pause: '0' },
        searchProviders: [],
        delegate: '',
        sampleRatio: '1',
        sampleSeed: '0',
        searchCanBeEventType: false,
        searchEarliestTime: 0,
        searchLatestTime: job.compiled.now,
        searchTotalBucketsCount: 0,
        searchTotalEliminatedBucketsCount: 0,
        normalizedSearch: expanded,
        optimizedSearch: expanded,
        remoteSearch: expanded,
    };
}

function earliestIso(earliest: string, job: Job): string {
    // splunkd shows the resolved instant of the job's earliest_time.
    return formatIsoTime(resolveTimeModifier(earliest, job.compiled.now) ?? 0);
}

function jobEntry(jobs: SearchJobs, job: Job, origin: string): FeedEntry {
    const snap = jobs.snapshot(job);
    const base = `/services/search/jobs/${encodeURIComponent(job.sid)}`;
    return {
        name: job.search,
        id: `${origin}${base}`,
        updated: isoSeconds(Date.now()),
        links: {
            alternate: base,
            'search.log': `${base}/search.log`,
            events: `${base}/events`,
            results: `${base}/results`,
            results_preview: `${base}/results_preview`,
            timeline: `${base}/timeline`,
            summary: `${base}/summary`,
            control: `${base}/control`,
        },
        published: isoSeconds(job.createdAt),
        author: job.owner,
        content: jobContent(jobs, job, snap),
        acl: {
            perms: { read: [job.owner], write: [job.owner] },
            owner: job.owner,
            modifiable: true,
            sharing: 'global',
            app: job.app,
            can_write: true,
            ttl: String(jobs.secondsToExpiry(job)),
        },
    };
}

/** Does a job's content match a listing `search=` filter (`key=value` on content, or text)? */
function matchesFilter(content: Record<string, unknown>, name: string, filter: string): boolean {
    const eq = filter.indexOf('=');
    if (eq < 0) return name.toLowerCase().includes(filter.toLowerCase());
    const key = filter.slice(0, eq).trim();
    const value = filter
        .slice(eq + 1)
        .trim()
        .toLowerCase();
    let found: unknown = content[key];
    if (found === undefined && key.includes('.')) {
        const dot = key.indexOf('.');
        const parent = content[key.slice(0, dot)];
        if (parent !== null && typeof parent === 'object')
            found = (parent as Record<string, unknown>)[key.slice(dot + 1)];
    }
    if (typeof found !== 'string' && typeof found !== 'number' && typeof found !== 'boolean') return false;
    return String(found).toLowerCase() === value;
}

function resultsBody(
    request: RestRequest,
    rows: readonly SplunkRow[],
    fieldNames: readonly string[],
    preview: boolean,
    messages: SplunkdMessage[]
): RestReply {
    const countArg = arg(request, 'count');
    const offsetArg = arg(request, 'offset');
    const count = countArg === undefined || countArg.trim() === '' ? 100 : Number(countArg);
    const offset = offsetArg === undefined || offsetArg.trim() === '' ? 0 : Number(offsetArg);
    if (!Number.isFinite(count) || !Number.isFinite(offset) || count < 0)
        throw new SplunkdError(400, 'Argument "count" or "offset" is not a valid number.');
    const start = offset < 0 ? Math.max(0, rows.length + Math.floor(offset)) : Math.floor(offset);
    const slice = count === 0 ? rows.slice(start) : rows.slice(start, start + Math.floor(count));
    const wanted = [...args(request, 'f'), ...args(request, 'field_list').flatMap((v) => v.split(','))]
        .map((f) => f.trim())
        .filter((f) => f !== '');
    const fields =
        wanted.length === 0 ? [...fieldNames] : fieldNames.filter((f) => wanted.some((w) => globMatch(w, f)));
    const project = (row: SplunkRow): SplunkRow => {
        if (wanted.length === 0) return row;
        const out: SplunkRow = {};
        for (const f of fields) {
            const v = row[f];
            if (v !== undefined) out[f] = v;
        }
        return out;
    };
    const mode = request.outputMode ?? 'xml';
    if (mode === 'json_rows') {
        return jsonReply({
            preview,
            init_offset: start,
            messages,
            fields,
            rows: slice.map((row) => fields.map((f) => row[f] ?? null)),
        });
    }
    if (mode === 'json_cols') {
        return jsonReply({
            preview,
            init_offset: start,
            messages,
            fields,
            columns: fields.map((f) => slice.map((row) => row[f] ?? null)),
        });
    }
    if (mode !== 'json')
        throw new SplunkdError(
            400,
            `The stand-in answers search results in json, json_rows or json_cols only (output_mode=${mode}).`
        );
    return jsonReply({
        preview,
        init_offset: start,
        messages,
        fields: fields.map((name) => ({ name })),
        results: slice.map(project),
        highlighted: {},
    });
}

function globMatch(pattern: string, name: string): boolean {
    if (!pattern.includes('*')) return pattern === name;
    const re = new RegExp(
        `^${pattern
            .split('*')
            .map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
            .join('.*')}$`
    );
    return re.test(name);
}

function requirePostProcessUnsupported(request: RestRequest): void {
    const post = arg(request, 'search');
    if (post !== undefined && post.trim() !== '')
        throw new SplunkdError(
            400,
            'Post-process searches (search=) on job results are not supported by the stand-in.'
        );
}

/** Registers the search job endpoints. */
export function registerSearchJobRoutes(router: Router, deps: SearchJobRoutesDeps): void {
    const { jobs } = deps;
    const origin = (request: RestRequest): string => `${deps.origin(request)}/services/search/jobs`;

    const create = async (request: RestRequest): Promise<RestReply> => {
        const identity = identityOf(request);
        if (!identity.capabilities.has('search') && !identity.isSystem)
            throw new SplunkdError(
                403,
                `You (user=${identity.name}) do not have permission to perform this operation (requires capability: search).`
            );
        const params = new Map<string, string>();
        for (const [k, v] of allArgs(request)) if (!params.has(k)) params.set(k, v);
        const execMode = params.get('exec_mode') ?? 'normal';
        const app = appContext(request);
        const session = { sessionKey: request.authToken, splunkdUri: deps.origin(request) };
        if (execMode === 'oneshot') {
            const outcome = await jobs.oneshot(identity, app, params, session);
            return resultsBody(request, outcome.results, outcome.fields, false, [...outcome.messages]);
        }
        if (execMode !== 'normal' && execMode !== 'blocking')
            throw new SplunkdError(400, `Argument "exec_mode" has an invalid value: ${execMode}.`);
        const job = jobs.create(identity, app, params, session);
        if (execMode === 'blocking') await jobs.whenDone(job);
        return jsonReply({ sid: job.sid }, 201);
    };
    router.add('POST', 'search/jobs', create);
    router.add('POST', 'search/v2/jobs', create);

    router.add('GET', 'search/jobs', (request) => {
        const identity = identityOf(request);
        const ids = args(request, 'id');
        const filter = arg(request, 'search');
        let list = jobs.list(identity);
        if (ids.length > 0) {
            const byId = new Map(list.map((j) => [j.sid, j]));
            list = ids.map((id) => byId.get(id)).filter((j): j is Job => j !== undefined);
        }
        let entries = list.map((j) => jobEntry(jobs, j, deps.origin(request)));
        if (filter !== undefined && filter.trim() !== '')
            entries = entries.filter((e) => matchesFilter(e.content, e.name, filter));
        const paged = page(entries, ids.length > 0 ? '0' : arg(request, 'count'), arg(request, 'offset'));
        return jsonReply(
            feed(
                origin(request),
                paged.items,
                { total: entries.length, perPage: paged.perPage, offset: paged.offset },
                deps.now()
            )
        );
    });

    const one = (request: RestRequest, sid: string): Job => jobs.get(identityOf(request), sid);

    const status = (request: RestRequest, sid: string): RestReply => {
        const job = one(request, sid);
        return jsonReply(
            feed(
                origin(request),
                [jobEntry(jobs, job, deps.origin(request))],
                { total: 1, perPage: 0, offset: 0 },
                deps.now()
            )
        );
    };
    router.add(['GET', 'POST'], 'search/jobs/:sid', (request, params) => status(request, params.sid ?? ''));
    router.add(['GET', 'POST'], 'search/v2/jobs/:sid', (request, params) => status(request, params.sid ?? ''));

    const remove = (request: RestRequest, sid: string): RestReply => {
        const job = one(request, sid);
        jobs.cancel(job);
        return jsonReply({ messages: [{ type: 'INFO', text: 'Search job cancelled.' }] });
    };
    router.add('DELETE', 'search/jobs/:sid', (request, params) => remove(request, params.sid ?? ''));
    router.add('DELETE', 'search/v2/jobs/:sid', (request, params) => remove(request, params.sid ?? ''));

    const control = (request: RestRequest, sid: string): RestReply => {
        const job = one(request, sid);
        const action = arg(request, 'action');
        if (action === undefined) throw new SplunkdError(400, 'Missing argument: action');
        const info = (text: string): RestReply => jsonReply({ messages: [{ type: 'INFO', text }] });
        switch (action.toLowerCase()) {
            case 'cancel':
                jobs.cancel(job);
                return info('Search job cancelled.');
            case 'pause':
                jobs.pause(job);
                return info('Search job paused.');
            case 'unpause':
                jobs.unpause(job);
                return info('Search job unpaused.');
            case 'finalize':
                jobs.finalize(job);
                return info('Search job finalized.');
            case 'touch':
                jobs.touch(job);
                return info('Search job touched.');
            case 'setttl': {
                const ttl = Number(arg(request, 'ttl'));
                if (!Number.isInteger(ttl) || ttl < 0)
                    throw new SplunkdError(400, 'Argument "ttl" is not a valid number.');
                job.ttl = ttl;
                jobs.touch(job);
                return info('Search job ttl set.');
            }
            case 'setpriority': {
                const priority = Number(arg(request, 'priority'));
                if (!Number.isInteger(priority) || priority < 0 || priority > 10)
                    throw new SplunkdError(400, 'Argument "priority" must be an integer from 0 to 10.');
                job.priority = priority;
                return info('Search job priority set.');
            }
            case 'enablepreview':
                job.previewEnabled = true;
                return info('Search job preview enabled.');
            case 'disablepreview':
                job.previewEnabled = false;
                return info('Search job preview disabled.');
            case 'save':
                job.isSaved = true;
                job.ttl = 604800;
                return info('Search job saved.');
            case 'unsave':
                job.isSaved = false;
                job.ttl = 600;
                return info('Search job unsaved.');
            default:
                throw new SplunkdError(400, `Unknown action: ${action}`);
        }
    };
    router.add('POST', 'search/jobs/:sid/control', (request, params) => control(request, params.sid ?? ''));
    router.add('POST', 'search/v2/jobs/:sid/control', (request, params) => control(request, params.sid ?? ''));

    const results = (request: RestRequest, sid: string): RestReply => {
        requirePostProcessUnsupported(request);
        const job = one(request, sid);
        const snap = jobs.snapshot(job);
        if (job.error) return resultsBody(request, [], [], false, [job.error]);
        if (!snap.isDone || !job.outcome) return { status: 204 };
        return resultsBody(request, job.outcome.results.slice(0, snap.resultCount), job.outcome.fields, false, []);
    };
    const preview = (request: RestRequest, sid: string): RestReply => {
        requirePostProcessUnsupported(request);
        const job = one(request, sid);
        const snap = jobs.snapshot(job);
        if (job.error) return resultsBody(request, [], [], false, [job.error]);
        if (!job.outcome && job.partial && snap.resultPreviewCount > 0) {
            // The last command is still running: what it produced so far.
            const partial = formatResults(job.partial);
            return resultsBody(request, partial.results.slice(0, snap.resultPreviewCount), partial.fields, true, []);
        }
        if (!job.outcome || (!snap.isDone && snap.resultPreviewCount === 0)) return { status: 204 };
        return resultsBody(
            request,
            job.outcome.results.slice(0, snap.resultPreviewCount),
            job.outcome.fields,
            !snap.isDone,
            []
        );
    };
    const events = (request: RestRequest, sid: string): RestReply => {
        requirePostProcessUnsupported(request);
        const job = one(request, sid);
        const snap = jobs.snapshot(job);
        if (job.error) return resultsBody(request, [], [], false, [job.error]);
        if (!job.outcome || (!snap.isDone && snap.resultPreviewCount === 0)) return { status: 204 };
        // Events are retained for event searches; a transforming search keeps none unless status_buckets > 0,
        // and the stand-in does not keep them then either.
        if (!job.outcome.isEvents) return resultsBody(request, [], [], !snap.isDone, []);
        const visible = snap.isDone ? snap.resultCount : snap.resultPreviewCount;
        return resultsBody(request, job.outcome.results.slice(0, visible), job.outcome.fields, !snap.isDone, []);
    };
    for (const prefix of ['search/jobs', 'search/v2/jobs']) {
        router.add(['GET', 'POST'], `${prefix}/:sid/results`, (request, params) => results(request, params.sid ?? ''), {
            ownOutputModes: true,
        });
        router.add(
            ['GET', 'POST'],
            `${prefix}/:sid/results_preview`,
            (request, params) => preview(request, params.sid ?? ''),
            { ownOutputModes: true }
        );
        router.add(['GET', 'POST'], `${prefix}/:sid/events`, (request, params) => events(request, params.sid ?? ''), {
            ownOutputModes: true,
        });
    }
    router.add('GET', 'search/jobs/:sid/summary', (request, params) => {
        one(request, params.sid ?? '');
        return jsonReply({ fields: {} });
    });
    router.add('GET', 'search/jobs/:sid/timeline', (request, params) => {
        one(request, params.sid ?? '');
        return jsonReply({ buckets: [] });
    });
    router.add(
        'GET',
        'search/jobs/:sid/search.log',
        (request, params) => {
            const job = one(request, params.sid ?? '');
            const lines = [
                `INFO  dispatchRunner - search=${job.search}`,
                ...job.log,
                ...(job.error ? [`ERROR SearchOperator - ${job.error.text}`] : []),
            ];
            return { status: 200, raw: { contentType: 'text/plain; charset=UTF-8', body: `${lines.join('\n')}\n` } };
        },
        { ownOutputModes: true }
    );

    const parser = (request: RestRequest): RestReply => {
        const q = arg(request, 'q');
        if (q === undefined) throw new SplunkdError(400, 'Missing argument: q');
        try {
            const identity = identityOf(request);
            const compiled = compileJobSearch(
                q,
                deps.macrosFor(appContext(request) === DEFAULT_APP ? undefined : appContext(request)),
                deps.now() / 1000,
                jobs.commandsFor(appContext(request), identity)
            );
            return jsonReply({
                remoteSearch: compiled.expanded,
                remoteTimeOrdered: true,
                eventsSearch: compiled.expanded,
                eventsTimeOrdered: true,
                eventsStreaming: true,
                reportsSearch: '',
                canSummarize: false,
                commands: compiled.commandNames.map((command) => ({
                    command,
                    rawargs: '',
                    pipeline: 'streaming',
                    args: {},
                    isGenerating: false,
                    streamType: 'SP_STREAM',
                })),
            });
        } catch (error) {
            if (error instanceof SplunkdError) throw error;
            if (error instanceof Error && error.name === 'SplError')
                throw new SplunkdError(400, error.message, 'FATAL');
            throw error;
        }
    };
    router.add(['GET', 'POST'], 'search/parser', parser);
    router.add(['GET', 'POST'], 'search/v2/parser', parser);
}
