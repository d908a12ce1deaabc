/**
 * A fake of the app's watches route and `status` for the page's tests: it keeps the watches, applies the route's
 * rules that a user notices (the owner or an app admin changes a watch, `end=now` ends it) and can be told to
 * refuse with any of the route's error envelopes.
 */
import { installFetch, splunkdError, type FakeAnswer, type RecordedRequest } from '../../api/fetch-mock';

const BASE = '/servicesNS/nobody/passivetotal/passivetotal/';

export interface FakeWatch {
    id: string;
    indicator: string;
    type: 'domain' | 'ipv4' | 'ipv6';
    related: boolean;
    owner: string;
    note: string;
    end: number | null;
    created: number;
    checked: number | null;
    active: boolean;
    version: number;
    state: Record<string, unknown> | null;
    changes?: Record<string, unknown>[];
}

export interface WatchesFakeOptions {
    readonly user: string;
    readonly admin?: boolean;
    readonly watches?: FakeWatch[];
    /** Answers a request before the fake's own rules (an error envelope, for instance); undefined: no override. */
    readonly override?: (request: RecordedRequest) => FakeAnswer | undefined;
}

/** A watch as the route gives it, created at 2026-12-01 09:00 UTC. */
export function fakeWatch(more: Partial<FakeWatch> & Pick<FakeWatch, 'id' | 'indicator' | 'owner'>): FakeWatch {
    return {
        type: 'domain',
        related: false,
        note: '',
        end: null,
        created: Date.UTC(2026, 11, 1, 9) / 1000,
        checked: null,
        active: true,
        version: 0,
        state: null,
        ...more,
    };
}

/** Installs the fake as `fetch`; `restore()` in `afterEach`. */
export function installWatchesFake(options: WatchesFakeOptions) {
    const watches = options.watches ?? [];
    let next = watches.length + 1;
    const fake = installFetch((request) => {
        const override = options.override?.(request);
        if (override) return override;
        if (!request.path.startsWith(BASE)) return undefined;
        const route = request.path.slice(BASE.length);
        if (route === 'status' && request.method === 'GET')
            return {
                status: 200,
                body: {
                    user: options.user,
                    capabilities: { query: true, admin: options.admin === true },
                    configured: true,
                },
            };
        if (route === 'watches' && request.method === 'GET') return { status: 200, body: { watches } };
        if (route === 'watches' && request.method === 'POST') {
            const owner = request.form.get('owner') ?? options.user;
            if (owner !== options.user && options.admin !== true)
                return splunkdError(403, 'Only an app admin may watch for another owner.', 'forbidden');
            const end = request.form.get('end');
            const watch = fakeWatch({
                id: `w${String(next++)}`,
                indicator: request.form.get('indicator') ?? '',
                owner,
                note: request.form.get('note') ?? '',
                related: request.form.get('related') === 'true',
                end: end ? Date.parse(`${end}T23:59:59Z`) / 1000 : null,
                created: Date.now() / 1000,
            });
            watches.unshift(watch);
            return { status: 201, body: { watch } };
        }
        const id = /^watches\/([^/]+)$/.exec(route)?.[1];
        const watch = watches.find((w) => w.id === id);
        if (id === undefined) return undefined;
        if (!watch) return splunkdError(404, `There is no watch ${id}.`, 'not_found');
        if (watch.owner !== options.user && options.admin !== true)
            return splunkdError(403, 'Only the owner of a watch or an app admin may change it.', 'forbidden');
        if (request.method === 'POST') {
            const note = request.form.get('note');
            if (note !== null) watch.note = note;
            if (request.form.get('end') === 'now') {
                watch.end = Math.floor(Date.now() / 1000);
                watch.active = false;
            }
            return { status: 200, body: { watch } };
        }
        return undefined;
    });
    return { ...fake, watches };
}
