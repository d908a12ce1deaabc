import type { Dataset, DatasetTypes, ProviderResult } from '@passivetotal/core';
import { parseCase, parseCaseList, takeSnapshot, togglePin, withSightings } from './case-model';
import type { Pin } from './investigation-document';
import { pinStore } from './pin-store';

const IP: Pin = {
    type: 'ipv4',
    value: '203.0.113.77',
    why: 'resolved to (A record)',
    relation: 'resolves-to',
    from: 'resolutions',
    internalSightings: { count: null, notCounted: 'pending' },
};
const MAIL: Pin = {
    type: 'email',
    value: 'j.harlow@freemail.test',
    why: 'registrant email in WHOIS',
    internalSightings: { count: 0 },
};

const saved = {
    id: 'c-1',
    title: 'Phishing campaign',
    indicator: 'login-secure-update.example',
    type: 'domain',
    verdict: 'malicious',
    state: 'open',
    assignee: 'analyst',
    notes: [{ user: 'admin', time: '2026-12-06T10:00:00Z', text: 'Look at the proxy logs' }, { user: 'x' }],
    pins: [IP, { type: 'planet', value: 'mars' }, { value: 'no type' }],
    createdBy: 'admin',
    createdAt: '2026-12-06T09:00:00Z',
    updatedBy: 'analyst',
    updatedAt: '2026-12-06T10:00:00Z',
    snapshotAt: '2026-12-06T10:00:00Z',
    trail: [
        { type: 'domain', value: 'login-secure-update.example' },
        { type: 'ipv4', value: '203.0.113.77', via: { from: 'login-secure-update.example', relation: 'resolves-to' } },
        { type: 'nonsense', value: 'dropped' },
    ],
    timeRange: { earliest: '-7d@h', latest: 'now' },
    snapshot: {
        indicator: { type: 'domain', value: 'login-secure-update.example' },
        answers: [['whois', { ok: true, value: { records: [] } }], ['broken'], ['resolutions', 'not an answer']],
        omitted: ['certificates-for-name'],
    },
};

describe('the case model', () => {
    it('holds what a saved case holds, and drops what is not a pin, a note or a trail step', () => {
        const c = parseCase(saved);
        expect(c).toMatchObject({
            id: 'c-1',
            title: 'Phishing campaign',
            indicator: 'login-secure-update.example',
            type: 'domain',
            verdict: 'malicious',
            state: 'open',
            assignee: 'analyst',
            createdBy: 'admin',
            updatedBy: 'analyst',
            snapshotAt: '2026-12-06T10:00:00Z',
            timeRange: { earliest: '-7d@h', latest: 'now' },
        });
        expect(c?.pins.map((p) => p.value)).toEqual(['203.0.113.77']);
        expect(c?.pins[0]?.internalSightings).toEqual({ count: null, notCounted: 'pending' });
        expect(c?.notes).toEqual([{ user: 'admin', time: '2026-12-06T10:00:00Z', text: 'Look at the proxy logs' }]);
        expect(c?.trail?.map((s) => s.value)).toEqual(['login-secure-update.example', '203.0.113.77']);
        expect(c?.trail?.[1]?.via).toEqual({ from: 'login-secure-update.example', relation: 'resolves-to' });
        expect(c?.snapshot?.answers.map(([d]) => d)).toEqual(['whois']);
        expect(c?.snapshot?.omitted).toEqual(['certificates-for-name']);
    });

    it('reads an unknown verdict or state as unknown and open, an untitled case by its indicator', () => {
        const c = parseCase({ ...saved, verdict: 'evil', state: 'archived', title: '' });
        expect(c).toMatchObject({ verdict: 'unknown', state: 'open', title: 'login-secure-update.example' });
        expect(parseCase({ ...saved, state: 'closed' })?.state).toBe('closed');
        expect(parseCase({ ...saved, type: 'planet' })).toBeUndefined();
        expect(parseCase('nothing')).toBeUndefined();
        expect(parseCaseList({ cases: [saved, { id: 3 }] }).map((x) => x.id)).toEqual(['c-1']);
        expect(parseCaseList({})).toEqual([]);
    });

    it('pins a value once and unpins it on the second toggle', () => {
        const one = togglePin([], IP);
        expect(one).toEqual([IP]);
        const two = togglePin(one, MAIL);
        expect(two.map((p) => p.value)).toEqual(['203.0.113.77', 'j.harlow@freemail.test']);
        expect(togglePin(two, { ...IP, why: 'pinned again elsewhere' }).map((p) => p.value)).toEqual([
            'j.harlow@freemail.test',
        ]);
    });

    it('shares the pins of the page through the pin store', () => {
        pinStore.replace([]);
        pinStore.toggle(IP);
        pinStore.toggle(MAIL);
        expect(pinStore.get().pins.map((p) => p.value)).toEqual(['203.0.113.77', 'j.harlow@freemail.test']);
        pinStore.unpin('203.0.113.77');
        expect(pinStore.get().pins).toEqual([MAIL]);
        pinStore.replace([]);
    });

    it('brings the pins’ sightings up to date where they are counted now, keeping the old ones otherwise', () => {
        const now = (value: string) =>
            value === '203.0.113.77' ? { count: 30, firstSeen: '2026-12-05T08:00:00Z' } : { count: null };
        expect(withSightings([IP, MAIL], now)).toEqual([
            { ...IP, internalSightings: { count: 30, firstSeen: '2026-12-05T08:00:00Z' } },
            MAIL,
        ]);
    });

    it('saves every answered dataset with the case, leaving out the largest (named) when it would not fit', () => {
        const answer = (n: number): ProviderResult<DatasetTypes[Dataset]> =>
            ({ ok: true, value: { records: Array.from({ length: n }, (_, i) => `r${String(i)}`), total: n } }) as never;
        const aborted = { ok: false, kind: 'aborted', reason: 'aborted' } as never;
        const answers: (readonly [Dataset, ProviderResult<DatasetTypes[Dataset]>])[] = [
            ['whois', answer(2)],
            ['resolutions', answer(400)],
            ['quota', answer(1)],
            ['certificates-for-name', aborted],
            ['subdomains', answer(50)],
        ];
        const all = takeSnapshot({ type: 'domain', value: 'evil.example' }, answers);
        expect(all.answers.map(([d]) => d)).toEqual(['whois', 'resolutions', 'subdomains']);
        expect(all.omitted).toEqual([]);
        const small = takeSnapshot({ type: 'domain', value: 'evil.example' }, answers, 1000);
        expect(small.answers.map(([d]) => d)).toEqual(['whois', 'subdomains']);
        expect(small.omitted).toEqual(['resolutions']);
        expect(small.indicator).toEqual({ type: 'domain', value: 'evil.example' });
    });
});
