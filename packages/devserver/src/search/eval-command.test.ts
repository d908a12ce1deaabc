import { runSearch, type SearchOutcome } from './spl-pipeline';
import { TEST_NOW, event, storeOf } from './test-events';

const store = storeOf(
    event('r1', {
        distance: '300',
        time: '2',
        first_name: 'Ada',
        last_name: 'Lovelace',
        status: '404',
        error: '404',
        radius_a: '1',
        radius_b: '2',
        username: 'ADMIN',
        src: '10.9.165.20',
        dst: '192.168.0.1',
        answer: ['1.2.3.4', '10.0.0.1', '5.6.7.8'],
        url: 'http://Evil.example/a%20b',
    })
);
const one = (spl: string): Record<string, string | string[]> => {
    const outcome: SearchOutcome = runSearch(store, `r1 | ${spl}`, { now: TEST_NOW });
    return outcome.results[0] ?? {};
};

describe('eval: examples from the eval command reference', () => {
    it('eval velocity=distance/time', () => {
        expect(one('eval velocity=distance/time').velocity).toBe('150');
    });

    it('eval full_name = first_name." ".last_name, low_name = lower(full_name)', () => {
        const r = one('eval full_name = first_name." ".last_name, low_name = lower(full_name)');
        expect(r.full_name).toBe('Ada Lovelace');
        expect(r.low_name).toBe('ada lovelace');
    });

    it('eval sum_of_areas = pi() * pow(radius_a, 2) + pi() * pow(radius_b, 2)', () => {
        expect(
            Number(one('eval sum_of_areas = pi() * pow(radius_a, 2) + pi() * pow(radius_b, 2)').sum_of_areas)
        ).toBeCloseTo(5 * Math.PI);
    });

    it('eval error=if(in(status, "404","500","503"),"true","false")', () => {
        expect(one('eval error=if(in(status, "404","500","503"),"true","false")').error).toBe('true');
    });

    it('eval error_msg = case(error == 404, "Not found", error == 500, "Internal Server Error", error == 200, "OK")', () => {
        expect(
            one(
                'eval error_msg = case(error == 404, "Not found", error == 500, "Internal Server Error", error == 200, "OK")'
            ).error_msg
        ).toBe('Not found');
    });

    it('eval lowuser = lower(username)', () => {
        expect(one('eval lowuser = lower(username)').lowuser).toBe('admin');
    });
});

describe('eval: functions the app uses', () => {
    it.each([
        ['coalesce(missing, username)', 'ADMIN'],
        ['upper(first_name)', 'ADA'],
        ['len(first_name)', '3'],
        ['substr(last_name, 1, 4)', 'Love'],
        ['substr(last_name, -4)', 'lace'],
        ['replace(src, "^(\\d+)\\.(\\d+)\\..*", "\\2.\\1")', '9.10'],
        ['if(match(url, "(?i)evil\\.EXAMPLE"), "y", "n")', 'y'],
        ['if(like(src, "10.9.165.%"), "y", "n")', 'y'],
        ['mvcount(answer)', '3'],
        ['mvindex(answer, -1)', '5.6.7.8'],
        ['mvjoin(answer, ";")', '1.2.3.4;10.0.0.1;5.6.7.8'],
        ['tostring(1234567, "commas")', '1,234,567'],
        ['tostring(3725, "duration")', '01:02:05'],
        ['tostring(255, "hex")', '0xFF'],
        ['tonumber("0x1F", 16)', '31'],
        ['tonumber("12abc")', undefined],
        ['if(isnull(missing) AND isnotnull(src), "y", "n")', 'y'],
        ['null()', undefined],
        ['round(2.5)', '3'],
        ['round(3.14159, 2)', '3.14'],
        ['min(3, 10, 2)', '2'],
        ['max(3, "abc", 10)', 'abc'],
        ['strftime(1764324900, "%Y-%m-%d %H:%M:%S")', '2025-11-28 10:15:00'],
        ['now()', String(TEST_NOW)],
        ['if(searchmatch("r1 src=10.9.165.*"), "y", "n")', 'y'],
        ['if(cidrmatch("10.9.165.0/25", src), "y", "n")', 'y'],
        ['if(cidrmatch("10.9.165.0/28", src), "y", "n")', 'n'],
        ['urldecode("a%20b")', 'a b'],
        ['typeof(distance)', 'Number'],
        ['"a" + "b"', 'ab'],
        ['distance % 7', '6'],
        ['1/0', undefined],
        ['relative_time(1764324930, "@d")', '1764288000'],
        ['strptime("2026-11-28 10:15:00", "%Y-%m-%d %H:%M:%S")', String(TEST_NOW - 30)],
    ])('%s → %p', (expr, expected) => {
        expect(one(`eval x=${expr}`).x).toEqual(expected);
    });

    it('handles multivalue functions', () => {
        expect(one('eval x=mvappend(first_name, answer, "z")').x).toEqual([
            'Ada',
            '1.2.3.4',
            '10.0.0.1',
            '5.6.7.8',
            'z',
        ]);
        expect(one('eval x=mvfilter(match(answer, "^1"))').x).toEqual(['1.2.3.4', '10.0.0.1']);
        expect(one('eval x=split("a,b,c", ",")').x).toEqual(['a', 'b', 'c']);
        expect(one('eval x=mvindex(answer, 0, 1)').x).toEqual(['1.2.3.4', '10.0.0.1']);
        expect(one('eval x=lower(mvappend("A", "B"))').x).toEqual(['a', 'b']);
    });

    it('reads quoted field names and removes a field assigned null', () => {
        expect(one("eval 'x y'='first_name'").x_y).toBeUndefined();
        expect(one("eval 'x y'='first_name'")['x y']).toBe('Ada');
        expect(one('eval first_name=null()').first_name).toBeUndefined();
    });
});

describe('where: examples from the where command reference', () => {
    const s = storeOf(
        event('fast', { sourcetype: 'physicsobjs', distance: '500', time: '2' }),
        event('slow', { sourcetype: 'physicsobjs', distance: '100', time: '2' }),
        event('cp1', { host: 'CheckPoint', src: '10.9.165.4', dst: '1.1.1.1' }),
        event('cp2', { host: 'CheckPoint', src: '1.1.1.1', dst: '10.9.165.100' }),
        event('cp3', { host: 'CheckPoint', src: '1.1.1.1', dst: '10.9.165.200' })
    );
    const raws = (spl: string): string[] => runSearch(s, spl, { now: TEST_NOW }).results.map((r) => r._raw as string);

    it('sourcetype=physicsobjs | where distance/time > 100', () => {
        expect(raws('sourcetype=physicsobjs | where distance/time > 100')).toEqual(['fast']);
    });

    it('host="CheckPoint" | where (src LIKE "10.9.165.%") OR cidrmatch("10.9.165.0/25", dst)', () => {
        expect(
            raws('host="CheckPoint" | where (src LIKE "10.9.165.%") OR cidrmatch("10.9.165.0/25", dst)').sort()
        ).toEqual(['cp1', 'cp2']);
    });

    it('compares text case-sensitively and treats null as false', () => {
        expect(raws('host="CheckPoint" | where host="checkpoint"')).toEqual([]);
        expect(raws('* | where missing > 1 OR missing <= 1')).toEqual([]);
        expect(raws('* | where NOT isnull(dst) AND dst != "1.1.1.1"').sort()).toEqual(['cp2', 'cp3']);
    });
});
