/**
 * The app's `watches` route (README.md, "Watching indicators"): the team's watches, watching an indicator, changing
 * a watch's note or end date, ending it. Answers are checked field by field; a failure is a {@link RestError} whose
 * code {@link watchErrorWords} puts in words for where the user is looking.
 */
import { endpointPath, type WatchableType } from '@passivetotal/core';
import { RestError, restDelete, restGet, restPost } from './rest';

/** One change the check reported, when the endpoint gives a watch's recent changes. */
export interface WatchChange {
    readonly changeType: string;
    readonly value: string;
    /** Epoch seconds, when given. */
    readonly time: number | null;
}

/** One watch as `GET watches` gives it. */
export interface Watch {
    readonly id: string;
    /** The watched value: a domain or an IP address (a URL is watched by its host). */
    readonly indicator: string;
    readonly type: WatchableType;
    /** Also watch its certificates and WHOIS. */
    readonly related: boolean;
    readonly owner: string;
    readonly note: string;
    /** Epoch seconds after which the check skips it; null: no end. */
    readonly end: number | null;
    /** Epoch seconds. */
    readonly created: number | null;
    /** Epoch seconds of the last check; null before the first. */
    readonly checked: number | null;
    readonly active: boolean;
    readonly version: number;
    /** What the last check found (resolutions, certificates, whois, tags, classification, sources). */
    readonly state: Readonly<Record<string, unknown>> | null;
    /** The recent changes, only when the endpoint answers them. */
    readonly changes?: readonly WatchChange[];
}

/** What watching an indicator sends. */
export interface NewWatch {
    readonly indicator: string;
    readonly related: boolean;
    readonly note: string;
    /** `YYYY-MM-DD`, or undefined for no end. */
    readonly end?: string;
    /** Another owner (app admins only); undefined: the current user. */
    readonly owner?: string;
}

/** What changing a watch sends; `end: 'now'` ends it. */
export interface WatchEdit {
    readonly note?: string;
    readonly end?: string;
}

type Json = Readonly<Record<string, unknown>>;

const WATCHES = endpointPath('watches');
const TYPES: readonly WatchableType[] = ['domain', 'ipv4', 'ipv6'];

function isRecord(value: unknown): value is Json {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function seconds(value: unknown): number | null {
    return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : null;
}

function malformed(): RestError {
    return new RestError(
        200,
        [{ type: 'ERROR', text: 'The app answered with something that is not a watch.' }],
        'malformed'
    );
}

function changesOf(value: unknown): { readonly changes?: readonly WatchChange[] } {
    if (!Array.isArray(value)) return {};
    const changes = value.filter(isRecord).map((c): WatchChange => ({
        changeType: typeof c.change_type === 'string' ? c.change_type : '',
        value: typeof c.value === 'string' ? c.value : '',
        time: seconds(c.time ?? c._time),
    }));
    return { changes };
}

/** One watch of an answer; undefined when it is not well-formed. */
export function parseWatch(value: unknown): Watch | undefined {
    if (!isRecord(value)) return undefined;
    const { id, indicator, type } = value;
    if (typeof id !== 'string' || typeof indicator !== 'string') return undefined;
    const kind = TYPES.find((t) => t === type);
    if (kind === undefined) return undefined;
    return {
        id,
        indicator,
        type: kind,
        related: value.related === true,
        owner: typeof value.owner === 'string' ? value.owner : '',
        note: typeof value.note === 'string' ? value.note : '',
        end: seconds(value.end),
        created: seconds(value.created),
        checked: seconds(value.checked),
        active: value.active === true,
        version: typeof value.version === 'number' ? value.version : 0,
        state: isRecord(value.state) ? value.state : null,
        ...changesOf(value.changes),
    };
}

function watchOf(body: unknown): Watch {
    const watch = isRecord(body) ? parseWatch(body.watch) : undefined;
    if (!watch) throw malformed();
    return watch;
}

/** `GET watches`: the team's watches, newest first. */
export async function listWatches(signal?: AbortSignal): Promise<readonly Watch[]> {
    const body = await restGet(WATCHES, signal ? { signal } : {});
    if (!isRecord(body) || !Array.isArray(body.watches)) throw malformed();
    return body.watches.map(parseWatch).filter((w): w is Watch => w !== undefined);
}

/** `POST watches`: watches an indicator (a URL by its host). */
export async function createWatch(watch: NewWatch): Promise<Watch> {
    return watchOf(
        await restPost(WATCHES, {
            form: {
                indicator: watch.indicator,
                related: watch.related ? 'true' : 'false',
                note: watch.note,
                end: watch.end,
                owner: watch.owner,
            },
        })
    );
}

/** `POST watches/<id>`: changes the note or the end date. */
export async function updateWatch(id: string, edit: WatchEdit): Promise<Watch> {
    return watchOf(
        await restPost(`${WATCHES}/${encodeURIComponent(id)}`, { form: { note: edit.note, end: edit.end } })
    );
}

/** Ends a watch now (`end=now`): the check skips it from now on; it stays in the list. */
export function endWatch(id: string): Promise<Watch> {
    return updateWatch(id, { end: 'now' });
}

/** `DELETE watches/<id>`. */
export async function deleteWatch(id: string): Promise<void> {
    await restDelete(`${WATCHES}/${encodeURIComponent(id)}`);
}

/**
 * What the user was doing when a watches call failed: reading the list, watching for themselves, watching for
 * another owner (an app admin's right), or changing or ending a watch.
 */
export type WatchAction = 'list' | 'create' | 'create-for-another' | 'change';

/**
 * A failed watches call in words, by the endpoint's stable code and what the user was doing. Invalid input keeps
 * the endpoint's own reason, which names the field.
 */
export function watchErrorWords(error: unknown, action: WatchAction): string {
    if (!(error instanceof RestError)) return error instanceof Error ? error.message : 'The app did not answer.';
    switch (error.code) {
        case 'watches_unavailable':
            return "Splunk's KV store is unavailable, so watches cannot be read or saved now. Try again in a few minutes; if it lasts, ask a Splunk administrator to check the KV store.";
        case 'watch_conflict':
            return 'The scheduled check recorded this watch at the same moment. Reload the watches and try again.';
        case 'not_found':
            return 'This watch no longer exists: its owner or an app admin deleted it. Reload the watches.';
        case 'invalid_input':
            return error.message;
        case 'forbidden':
            if (action === 'create-for-another')
                return 'Only an app admin (role passivetotal_admin) may watch an indicator for another owner.';
            if (action === 'create')
                return 'Watching indicators needs the app’s role (passivetotal_user or passivetotal_admin). Ask a Splunk administrator for it.';
            if (action === 'change') return 'Only the owner of this watch or an app admin can change or end it.';
            return 'Watches are shown to users with the app’s role (passivetotal_user or passivetotal_admin). Ask a Splunk administrator for it.';
        default:
            return error.message;
    }
}
