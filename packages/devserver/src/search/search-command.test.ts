import { runSearch, type SearchOutcome } from './spl-pipeline';
import { TEST_NOW, at, event, storeOf } from './test-events';

const run = (store: ReturnType<typeof storeOf>, spl: string, extra = {}): SearchOutcome =>
    runSearch(store, spl, { now: TEST_NOW, ...extra });
const raws = (outcome: SearchOutcome): string[] => outcome.results.map((r) => r._raw as string);

describe('search: worked examples from the search command reference', () => {
    const store = storeOf(
        event('a', { src: '10.9.165.8', dst: '10.0.0.1' }),
        event('b', { src: '10.9.166.1', dst: '10.9.165.8' }),
        event('c', { src: '10.9.166.2', dst: '10.0.0.2' }),
        event('code10', { code: '10', host: 'web1', xqp: '7' }),
        event('code29', { code: '29', host: 'localhost', xqp: '9' }),
        event('code29b', { code: '29', host: 'web2', xqp: '3' }),
        event('buy', { sourcetype: 'access_combined_wcookie', action: 'purchase' }),
        event('cart', { sourcetype: 'access_combined_wcookie', action: 'addtocart' }),
        event('view', { sourcetype: 'access_combined_wcookie', action: 'view' }),
        event('GET /x 404 1234', { host: 'webserver1' }),
        event('GET /y 404 1234', { host: 'webserver2' })
    );

    it('src="10.9.165.*" OR dst="10.9.165.8"', () => {
        expect(raws(run(store, 'src="10.9.165.*" OR dst="10.9.165.8"')).sort()).toEqual(['a', 'b']);
    });

    it('(code=10 OR code=29) host!="localhost" xqp>5', () => {
        expect(raws(run(store, '(code=10 OR code=29) host!="localhost" xqp>5'))).toEqual(['code10']);
    });

    it('sourcetype=access_combined_wcookie action IN (addtocart, purchase)', () => {
        expect(raws(run(store, 'sourcetype=access_combined_wcookie action IN (addtocart, purchase)')).sort()).toEqual([
            'buy',
            'cart',
        ]);
    });

    it('404 host="webserver1"', () => {
        expect(raws(run(store, '404 host="webserver1"'))).toEqual(['GET /x 404 1234']);
    });
});

describe('search: boolean operators', () => {
    const store = storeOf(event('a b'), event('a c'), event('b c'), event('c'), event('a'));

    it('gives OR precedence over the implicit AND: a b OR c = a AND (b OR c)', () => {
        expect(raws(run(store, 'a b OR c')).sort()).toEqual(['a b', 'a c']);
        expect(raws(run(store, 'a AND b OR c')).sort()).toEqual(['a b', 'a c']);
        expect(raws(run(store, 'b OR c a')).sort()).toEqual(['a b', 'a c']);
    });

    it('gives NOT precedence over OR, and parentheses group', () => {
        expect(raws(run(store, 'NOT a OR b')).sort()).toEqual(['a b', 'b c', 'c']);
        expect(raws(run(store, 'NOT (a OR b)'))).toEqual(['c']);
        expect(raws(run(store, '(a b) OR c')).sort()).toEqual(['a b', 'a c', 'b c', 'c']);
    });

    it('treats lower-case and/or/not as keywords', () => {
        const s = storeOf(event('this and that'), event('this or that'));
        expect(raws(run(s, 'this and'))).toEqual(['this and that']);
    });

    it('NOT field=value includes events without the field; field!=value does not', () => {
        const s = storeOf(event('x', { user: 'alice' }), event('y', { user: 'bob' }), event('z'));
        expect(raws(run(s, 'NOT user=alice')).sort()).toEqual(['y', 'z']);
        expect(raws(run(s, 'user!=alice'))).toEqual(['y']);
    });
});

describe('search: phrases, escaping, TERM and wildcards', () => {
    const store = storeOf(
        event('login failed for admin'),
        event('failed login for admin'),
        event('msg=say "hi" path=C:\\temp'),
        event('conn from 10.0.0.1 port 22'),
        event('conn from 10.0.0.10 port 22'),
        event('conn ip=10.0.0.1 port 22'),
        event('conn x10.0.0.1 port 22')
    );

    it('matches quoted phrases as a sequence, ignoring case', () => {
        expect(raws(run(store, '"LOGIN FAILED"'))).toEqual(['login failed for admin']);
        expect(raws(run(store, 'login failed')).length).toBe(2);
    });

    it('unescapes \\" and \\\\ inside quotes', () => {
        expect(raws(run(store, '"say \\"hi\\""'))).toEqual(['msg=say "hi" path=C:\\temp']);
        expect(raws(run(store, '"C:\\\\temp"'))).toEqual(['msg=say "hi" path=C:\\temp']);
    });

    it('TERM(10.0.0.1) needs major breakers around it; the keyword accepts minor ones', () => {
        expect(raws(run(store, 'TERM(10.0.0.1)'))).toEqual(['conn from 10.0.0.1 port 22']);
        expect(raws(run(store, '10.0.0.1')).sort()).toEqual(['conn from 10.0.0.1 port 22', 'conn ip=10.0.0.1 port 22']);
    });

    it('supports wildcards in keywords and field values', () => {
        expect(raws(run(store, 'fail*')).length).toBe(2);
        expect(raws(run(store, '10.0.0.1*')).length).toBe(3);
        expect(raws(run(store, 'host=HOST*')).length).toBe(7);
        expect(raws(run(store, '*')).length).toBe(7);
    });
});

describe('search: fields', () => {
    const store = storeOf(
        event('dns', { query: 'evil.example', answer: ['1.2.3.4', '5.6.7.8'], bytes: '100' }),
        event('web', { url: 'http://a/?b=c', bytes: '20' }),
        event('other', { Status: 'OK' })
    );

    it('matches multivalue fields when any value matches', () => {
        expect(raws(run(store, 'answer=5.6.7.8'))).toEqual(['dns']);
        expect(raws(run(store, 'answer IN ("9.9.9.9", 1.2.3.4)'))).toEqual(['dns']);
    });

    it('compares values case-insensitively but field names case-sensitively', () => {
        expect(raws(run(store, 'Status=ok'))).toEqual(['other']);
        expect(raws(run(store, 'status=ok'))).toEqual([]);
    });

    it('compares numerically with < and >', () => {
        expect(raws(run(store, 'bytes>50'))).toEqual(['dns']);
        expect(raws(run(store, 'bytes<=20'))).toEqual(['web']);
    });

    it('reads a value with = in it (url=http://a/?b=c) and a spaced comparison', () => {
        expect(raws(run(store, 'url=http://a/?b=c'))).toEqual(['web']);
        expect(raws(run(store, 'query = "evil.example"'))).toEqual(['dns']);
    });
});

describe('search: indexes and time', () => {
    const store = storeOf(
        event('new', { _time: at('2026-11-28T10:00:00'), index: 'main' }),
        event('yesterday', { _time: at('2026-11-27T12:00:00'), index: 'main' }),
        event('lastweek', { _time: at('2026-11-20T12:00:00'), index: 'proxy' }),
        event('internal', { _time: at('2026-11-28T09:00:00'), index: '_internal' })
    );

    it('returns events newest first', () => {
        expect(raws(run(store, '*'))).toEqual(['new', 'yesterday', 'lastweek']);
    });

    it('searches non-internal indexes unless an index is named', () => {
        expect(raws(run(store, 'index=_internal'))).toEqual(['internal']);
        expect(raws(run(store, '*', { defaultIndexes: ['proxy'] }))).toEqual(['lastweek']);
    });

    it('applies earliest (inclusive) and latest (exclusive) with relative modifiers', () => {
        expect(raws(run(store, 'earliest=-24h'))).toEqual(['new', 'yesterday']);
        expect(raws(run(store, 'earliest=@d'))).toEqual(['new']);
        expect(raws(run(store, 'earliest=-7d@d latest=@d'))).toEqual(['yesterday']);
        expect(raws(run(store, `latest=${at('2026-11-28T10:00:00')}`))).toEqual(['yesterday', 'lastweek']);
        expect(raws(run(store, 'earliest="11/27/2026:00:00:00" latest="11/28/2026:00:00:00"'))).toEqual(['yesterday']);
    });

    it('uses the job time range unless the search has its own', () => {
        expect(raws(run(store, '*', { earliestTime: '-24h@h', latestTime: 'now' }))).toEqual(['new', 'yesterday']);
        expect(raws(run(store, 'earliest=0', { earliestTime: '@d' }))).toEqual(['new', 'yesterday', 'lastweek']);
    });

    it('formats _time as ISO 8601 with offset, and keeps _raw and metadata', () => {
        expect(run(store, 'new').results[0]).toEqual({
            _time: '2026-11-28T10:00:00.000+00:00',
            _raw: 'new',
            host: 'host1',
            index: 'main',
            source: 'test.log',
            sourcetype: 'test',
        });
    });
});

describe('search: the index avoids full scans', () => {
    const events = Array.from({ length: 5000 }, (_, i) =>
        event(`conn from 10.${Math.floor(i / 250)}.${i % 250}.1 to 192.168.0.1 user=u${i % 7}`, {
            _time: TEST_NOW - i,
            src: `10.${Math.floor(i / 250)}.${i % 250}.1`,
        })
    );
    const store = storeOf(...events);

    it('examines only the events whose lexicon has the term', () => {
        const outcome = run(store, 'TERM(10.3.17.1)');
        expect(outcome.results).toHaveLength(1);
        expect(outcome.scanCount).toBe(1);
    });

    it('intersects the tokens of a keyword and the values of a field', () => {
        expect(run(store, '10.3.17.1').scanCount).toBeLessThan(50);
        expect(run(store, 'src=10.3.17.1').scanCount).toBe(1);
        expect(run(store, 'src IN (10.3.17.1, 10.4.1.1) OR TERM(10.5.5.1)').scanCount).toBe(3);
    });

    it('still scans when nothing indexable narrows the search', () => {
        expect(run(store, 'NOT user=u1').scanCount).toBe(5000);
    });
});

describe('search: head lets the search stop early', () => {
    it('examines only as many events as head keeps when nothing reorders them', () => {
        const store = storeOf(...Array.from({ length: 100 }, (_, i) => event(`e${i}`, { _time: TEST_NOW - i })));
        const outcome = run(store, '* | head 3');
        expect(raws(outcome)).toEqual(['e0', 'e1', 'e2']);
        expect(outcome.scanCount).toBe(3);
        expect(run(store, '* | sort _time | head 3').scanCount).toBe(100);
    });
});
