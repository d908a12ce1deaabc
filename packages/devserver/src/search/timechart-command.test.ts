import { runSearch } from './spl-pipeline';
import { at, event, storeOf, TEST_NOW } from './test-events';

// Three days of calls by two users (and one line without a user), the last day being TEST_NOW's.
const calls = storeOf(
    event('c1', { _time: at('2026-11-26T09:00:00'), user: 'ana', ms: '10' }),
    event('c2', { _time: at('2026-11-26T10:00:00'), user: 'bob', ms: '30' }),
    event('c3', { _time: at('2026-11-26T23:59:59'), user: 'ana', ms: '20' }),
    event('c4', { _time: at('2026-11-28T08:00:00'), user: 'bob', ms: '40' }),
    event('c5', { _time: at('2026-11-28T09:00:00') })
);
const rows = (spl: string, earliestTime?: string, latestTime?: string) =>
    runSearch(calls, spl, { now: TEST_NOW, earliestTime, latestTime }).results;

describe('timechart', () => {
    it('counts per day and per user, an empty day as 0, the user-less line under NULL', () => {
        expect(rows('* | timechart span=1d count by user')).toEqual([
            { _time: '2026-11-26T00:00:00.000+00:00', ana: '2', bob: '1', NULL: '0', _span: '86400' },
            { _time: '2026-11-27T00:00:00.000+00:00', ana: '0', bob: '0', NULL: '0', _span: '86400' },
            { _time: '2026-11-28T00:00:00.000+00:00', ana: '0', bob: '1', NULL: '1', _span: '86400' },
        ]);
    });

    it("fills the search's whole time range, leaves avg of an empty bucket empty, and names several aggregations", () => {
        expect(
            rows('* | timechart span=1d avg(ms) as ms, count', '2026-11-27T00:00:00', '2026-11-29T00:00:00')
        ).toEqual([
            { _time: '2026-11-27T00:00:00.000+00:00', count: '0', _span: '86400' },
            { _time: '2026-11-28T00:00:00.000+00:00', ms: '40', count: '2', _span: '86400' },
        ]);
        expect(rows('* | timechart span=1d cont=f max(ms) count by user usenull=f')[0]).toEqual({
            _time: '2026-11-26T00:00:00.000+00:00',
            'max(ms): ana': '20',
            'count: ana': '2',
            'max(ms): bob': '30',
            'count: bob': '1',
            _span: '86400',
        });
    });

    it('keeps the series with the largest totals within limit and sums the rest under OTHER', () => {
        // ana and bob have two calls each: the tie goes to the first name.
        expect(rows('* | timechart span=1d cont=f count by user limit=1')).toEqual([
            { _time: '2026-11-26T00:00:00.000+00:00', ana: '2', OTHER: '1', _span: '86400' },
            { _time: '2026-11-28T00:00:00.000+00:00', ana: '0', OTHER: '2', _span: '86400' },
        ]);
        expect(rows('* | timechart span=1d cont=f count by user limit=1 useother=f')).toEqual([
            { _time: '2026-11-26T00:00:00.000+00:00', ana: '2', _span: '86400' },
            { _time: '2026-11-28T00:00:00.000+00:00', ana: '0', _span: '86400' },
        ]);
    });

    it('fails on what the stand-in does not do rather than answer differently', () => {
        expect(() => rows('* | timechart count')).toThrow(/needs span/);
        expect(() => rows('* | timechart span=1mon count')).toThrow(/span '1mon' is not supported/);
        expect(() => rows('* | timechart span=1h bins=10 count')).toThrow(/'bins' is not supported/);
    });
});
