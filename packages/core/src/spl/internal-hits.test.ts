import { binary, call, fieldRef, num } from './ast';
import { compileEvalExpr } from './compiler';
import { internalHitsSearches } from './internal-hits';
import { localSearches } from './local-search';
import { splSkeleton } from '../testing/spl-lexer';
import { parsedIndicator as ind } from '../testing';

describe('internalHitsSearches: raw mode', () => {
    it('aggregates the matching search by hour, index and sourcetype, and lists the latest 100 events', () => {
        const s = internalHitsSearches(ind('203.0.113.77'));
        const [base] = localSearches(ind('203.0.113.77'));
        expect(s.mode).toBe('raw');
        expect(s.rule).toBe('whole address, also ::ffff:-mapped');
        expect(s.base.spl).toBe(base?.spl);
        expect(s.aggregate.spl).toBe(
            `${base?.spl ?? ''}\n| eval bucket=floor(_time / 3600) * 3600\n| stats count by bucket index sourcetype`
        );
        expect(s.latest.spl).toBe(`${base?.spl ?? ''}\n| head 100`);
    });

    it('honours the fast mode, a custom macro, the bucket width and the event count; ignores nonsense', () => {
        const s = internalHitsSearches(ind('198.51.100.7'), {
            match: 'fast',
            indexMacro: 'my_idx',
            bucketSeconds: 86400,
            maxEvents: 10,
        });
        expect(s.aggregate.spl).toMatch(
            /^\(`my_idx`\) TERM\(198\.51\.100\.7\)\n\| where match\(_raw, .*\)\n\| eval bucket=floor\(_time \/ 86400\) \* 86400\n\| stats count by bucket index sourcetype$/
        );
        expect(s.latest.spl).toMatch(/\| head 10$/);
        expect(s.rule).toContain('only between spaces, commas, quotes or brackets');
        const odd = internalHitsSearches(ind('198.51.100.7'), { bucketSeconds: -5, maxEvents: Number.NaN });
        expect(odd.aggregate.spl).toContain('floor(_time / 3600) * 3600');
        expect(odd.latest.spl).toMatch(/\| head 100$/);
    });

    it('keeps hostile values inside quoted strings (no new command, macro or subsearch)', () => {
        const s = internalHitsSearches(ind('hxxp://evil[.]example/x"|delete[search%20*]`m`'));
        // base search, the exact `where match(...)` filter, eval, stats: four commands, whatever the value.
        expect(splSkeleton(s.aggregate.spl).split('|')).toHaveLength(4);
        expect(splSkeleton(s.aggregate.spl)).toContain('| where match ( _raw , VAL )');
        expect(s.latest.spl.split('\n').pop()).toBe('| head 100');
    });
});

describe('internalHitsSearches: CIM mode', () => {
    it('counts each data model by the hour without grouping by whole-value fields, and lists the matching rows', () => {
        const s = internalHitsSearches(ind('jane@evil.example'), { mode: 'cim' });
        expect(s.mode).toBe('cim');
        expect(s.aggregate.spl.split('\n')).toEqual([
            expect.stringMatching(
                /^\| tstats `passivetotal_summariesonly` fillnull_value="-" count from datamodel=Email\.All_Email where .* by _time index sourcetype span=1h$/
            ),
            '| eval bucket=_time, datamodel="Email"',
        ]);
        // Rows: grouped by the sender, the recipients (several per message) listed, so each message is one row.
        expect(s.latest.spl.split('\n')).toEqual([
            expect.stringMatching(
                /^\| tstats .* values\(All_Email\.recipient\) as All_Email\.recipient from datamodel=Email\.All_Email where .* by All_Email\.src_user$/
            ),
            expect.stringMatching(
                /^\| where match\('All_Email\.src_user', .*\) OR isnotnull\(mvfind\('All_Email\.recipient', .*\)\)$/
            ),
            '| eval datamodel="Email"',
            '| sort 0 -count',
            '| head 100',
        ]);
    });

    it('an address spans several data models, each after the first appended, URLs apart', () => {
        const s = internalHitsSearches(ind('203.0.113.77'), { mode: 'cim' });
        // Six data models, and the Web model's URLs apart: seven searches, six of them appended.
        expect(s.aggregate.spl.match(/\| append \[\| tstats /g)).toHaveLength(6);
        expect(s.aggregate.spl).toContain("| where match('Web.url', ");
        expect(s.base.spl.match(/eval datamodel="/g)).toHaveLength(6);
    });

    it('a tracker id is searched raw', () => {
        expect(internalHitsSearches(ind('UA-61048133-2'), { mode: 'cim' }).mode).toBe('raw');
    });
});

describe('eval arithmetic', () => {
    it('compiles multiplication, division and floor with parentheses where nested', () => {
        expect(compileEvalExpr(binary('*', call('floor', binary('/', fieldRef('_time'), num(60))), num(60)))).toBe(
            'floor(_time / 60) * 60'
        );
        expect(compileEvalExpr(binary('/', binary('*', num(2), num(3)), num(4)))).toBe('(2 * 3) / 4');
    });
});
