/**
 * The app's `cases` route (README.md, "Cases"): the team's cases, one case, saving a new one and changing one. The
 * case travels as one form field, `case`, holding its JSON.
 */
import { endpointPath } from '@passivetotal/core';
import { RestError, restGet, restPost } from '../api/rest';
import { parseCase, parseCaseList, type CaseRecord, type IntelSnapshot } from './case-model';
import type { Pin, Verdict } from './investigation-document';
import type { TrailStep } from '@passivetotal/core';

/** What a save sends; every field optional when changing a case. */
export interface CaseChange {
    readonly indicator?: string;
    readonly type?: string;
    readonly title?: string;
    readonly verdict?: Verdict;
    readonly assignee?: string;
    readonly state?: 'open' | 'closed';
    readonly pins?: readonly Pin[];
    readonly trail?: readonly TrailStep[];
    readonly timeRange?: { readonly earliest: string; readonly latest: string };
    readonly note?: string;
    readonly snapshot?: IntelSnapshot;
}

const CASES = endpointPath('cases');

function caseOf(body: unknown): CaseRecord {
    const record = parseCase(body);
    if (!record)
        throw new RestError(
            200,
            [{ type: 'ERROR', text: 'The app answered with something that is not a case.' }],
            'malformed'
        );
    return record;
}

export async function listCases(signal?: AbortSignal): Promise<readonly CaseRecord[]> {
    return parseCaseList(await restGet(CASES, { query: { limit: 50 }, ...(signal ? { signal } : {}) }));
}

export async function getCase(id: string, signal?: AbortSignal): Promise<CaseRecord> {
    return caseOf(await restGet(`${CASES}/${encodeURIComponent(id)}`, signal ? { signal } : {}));
}

export async function createCase(change: CaseChange): Promise<CaseRecord> {
    return caseOf(await restPost(CASES, { form: { case: JSON.stringify(change) } }));
}

export async function updateCase(id: string, change: CaseChange): Promise<CaseRecord> {
    return caseOf(await restPost(`${CASES}/${encodeURIComponent(id)}`, { form: { case: JSON.stringify(change) } }));
}
