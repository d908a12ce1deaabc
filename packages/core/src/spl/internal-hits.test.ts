import { parseIndicator } from '../indicators/parse-indicator';
import type { Indicator } from '../indicators/indicator';
import { binary, call, fieldRef, num } from './ast';
import { compileEvalExpr } from './compiler';
import { internalHitsSearches } from './internal-hits';
import { localSearches } from './local-search';
import { splSkeleton } from './spl-lexer';

function ind(text: string): Indicator {
    const r = parseIndicator(text);
    if (!r.ok) throw new Error(r.reason);
    return r.value;
}

describe('internalHitsSearches: exact text', () => {
    it('aggregates the raw search by hour, index and sourcetype, and lists the latest 100 events', () => {
        const s = internalHitsSearches(ind('203.0.113.77'));
        expect(s.base.spl).toBe('(`passivetotal_index`) TERM(203.0.113.77)');
        expect(s.aggregate.spl).toBe(
            '(`passivetotal_index`) TERM(203.0.113.77)\n| eval bucket=floor(_time / 3600) * 3600\n| stats count by bucket index sourcetype'
        );
        expect(s.latest.spl).toBe('(`passivetotal_index`) TERM(203.0.113.77)\n| head 100');
    });

    it('starts from the same raw search as localSearches, exact filter included', () => {
        const url = ind('http://evil.example/a*b');
        const raw = localSearches(url)[0]!.spl;
        const s = internalHitsSearches(url);
        expect(s.base.spl).toBe(raw);
        expect(s.aggregate.spl.startsWith(`${raw}\n| eval `)).toBe(true);
        expect(s.latest.spl).toBe(`${raw}\n| head 100`);
    });

    it('honours phrase matching, a custom macro, the bucket width and the event count; ignores nonsense', () => {
        const s = internalHitsSearches(ind('198.51.100.7'), {
            rawMatch: 'phrase',
            indexMacro: 'my_idx',
            bucketSeconds: 86400,
            maxEvents: 10,
        });
        expect(s.aggregate.spl).toBe(
            '(`my_idx`) "198.51.100.7"\n| eval bucket=floor(_time / 86400) * 86400\n| stats count by bucket index sourcetype'
        );
        expect(s.latest.spl).toBe('(`my_idx`) "198.51.100.7"\n| head 10');
        const odd = internalHitsSearches(ind('198.51.100.7'), { bucketSeconds: -5, maxEvents: Number.NaN });
        expect(odd.aggregate.spl).toContain('floor(_time / 3600) * 3600');
        expect(odd.latest.spl).toMatch(/\| head 100$/);
    });

    it('keeps hostile values inside one quoted phrase (no new command, macro or subsearch)', () => {
        const s = internalHitsSearches(ind('hxxp://evil[.]example/x"|delete[search%20*]`m`'));
        // base search, the exact `where match(...)` filter, eval, stats: four commands, whatever the value.
        expect(splSkeleton(s.aggregate.spl).split('|')).toHaveLength(4);
        expect(splSkeleton(s.aggregate.spl)).toContain('| where match ( _raw , VAL )');
        expect(s.latest.spl.split('\n').pop()).toBe('| head 100');
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
