import { runSearch } from './spl-pipeline';
import { TEST_NOW, event, storeOf } from './test-events';

const store = storeOf(
    event('e1', { _time: TEST_NOW - 1, host: 'b', size: '100', source: 'x', ipaddress: '10.0.0.10', url: 'u1' }),
    event('e2', { _time: TEST_NOW - 2, host: 'a', size: '9', source: 'y', ipaddress: '10.0.0.9', url: 'u2' }),
    event('e3', { _time: TEST_NOW - 3, host: 'c', size: '100', source: 'a', ipaddress: '9.0.0.1', url: 'u3' }),
    event('e4', {
        _time: TEST_NOW - 4,
        host: 'A',
        source: 'b',
        ipaddress: '10.0.0.10',
        url: 'u4',
        foo: ['x', 'y', 'z'],
    })
);
const run = (spl: string): Record<string, string | string[]>[] => runSearch(store, spl, { now: TEST_NOW }).results;
const col = (spl: string, field: string): (string | string[] | undefined)[] => run(spl).map((r) => r[field]);

describe('sort: examples from the sort command reference', () => {
    it('... | sort _time, -host', () => {
        expect(col('* | sort _time, -host', '_raw')).toEqual(['e4', 'e3', 'e2', 'e1']);
    });

    it('... | sort ip(ipaddress), -str(url)', () => {
        expect(col('* | sort ip(ipaddress), -str(url)', '_raw')).toEqual(['e3', 'e2', 'e4', 'e1']);
    });

    it('... | sort 100 -num(size), +str(source)', () => {
        expect(col('* | sort 100 -num(size), +str(source)', '_raw')).toEqual(['e3', 'e1', 'e2', 'e4']);
    });

    it('... | sort limit=2 host (numbers before text, upper case before lower case)', () => {
        expect(col('* | sort limit=2 host', 'host')).toEqual(['A', 'a']);
        expect(col('* | sort host d', 'host')).toEqual(['c', 'b', 'a', 'A']);
    });
});

describe('head, table, fields, rename, mvexpand', () => {
    it('... | head 2 and head with no count (10)', () => {
        expect(col('* | head 2', '_raw')).toEqual(['e1', 'e2']);
        expect(run('* | head')).toHaveLength(4);
        expect(col('* | head (size>50)', '_raw')).toEqual(['e1']);
    });

    it('... | table foo bar baz* keeps only those fields, in that order', () => {
        const outcome = runSearch(store, '* | table url s* host', { now: TEST_NOW });
        expect(outcome.fields).toEqual(['url', 'size', 'source', 'sourcetype', 'host']);
        expect(outcome.results[3]).toEqual({ url: 'u4', source: 'b', sourcetype: 'test', host: 'A' });
    });

    it('... | fields host, ip* and fields - host', () => {
        expect(run('e1 | fields host, ip*')[0]).toEqual({
            host: 'b',
            ipaddress: '10.0.0.10',
            _time: expect.any(String) as unknown,
            _raw: 'e1',
        });
        expect(run('e1 | fields - host, _*')[0]).not.toHaveProperty('host');
        expect(run('e1 | fields - host, _*')[0]).not.toHaveProperty('_raw');
    });

    it('... | rename count as "Count of Events" and rename foo* as bar*', () => {
        expect(run('* | stats count | rename count as "Count of Events"')).toEqual([{ 'Count of Events': '4' }]);
        expect(run('e4 | table foo | rename foo* as bar*')).toEqual([{ bar: ['x', 'y', 'z'] }]);
    });

    it('... | mvexpand foo and mvexpand foo limit=2', () => {
        expect(col('e4 | mvexpand foo', 'foo')).toEqual(['x', 'y', 'z']);
        expect(col('e4 | mvexpand foo limit=2', 'foo')).toEqual(['x', 'y']);
        expect(run('* | mvexpand foo')).toHaveLength(3);
    });

    it('search later in the pipeline filters rows, by field values when there is no _raw', () => {
        expect(run('* | stats count by host | search host=a')).toEqual([
            { host: 'A', count: '1' },
            { host: 'a', count: '1' },
        ]);
        expect(run('* | stats count by url | search u3')).toEqual([{ url: 'u3', count: '1' }]);
    });
});

describe('fillnull and rangemap', () => {
    it('... | fillnull fills the fields some row has, or the listed ones, with 0 or value=', () => {
        expect(col('* | table host size | fillnull', 'size')).toEqual(['100', '9', '100', '0']);
        expect(col('* | table host size | fillnull VALUE="N/A" size', 'size')).toEqual(['100', '9', '100', 'N/A']);
        expect(col('* | table host | fillnull value=none missing', 'missing')).toEqual([
            'none',
            'none',
            'none',
            'none',
        ]);
    });

    it('... | rangemap sets range to the matching ranges or the default', () => {
        expect(col('* | rangemap field=size low=0-9 high=10-100 default=gray', 'range')).toEqual([
            'high',
            'low',
            'high',
            'gray',
        ]);
        expect(col('* | rangemap field=size small=0-50 any=0-1000', 'range')).toEqual([
            'any',
            ['small', 'any'],
            'any',
            'None',
        ]);
        expect(() => run('* | rangemap size low=0-9')).toThrow(/rangemap/);
        expect(() => run('* | rangemap field=size low=zero')).toThrow(/Invalid range/);
    });
});
