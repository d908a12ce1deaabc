import { parseMacrosConf } from './macros';
import { SplError, type SplErrorCode } from './spl-error';
import { compileSearch, runSearch, type SearchOutcome } from './spl-pipeline';
import { TEST_NOW, event, storeOf } from './test-events';

const store = storeOf(
    event('fw allow 10.0.0.1 to 1.2.3.4', {
        _time: TEST_NOW - 10,
        index: 'fw',
        sourcetype: 'pan:traffic',
        src: '10.0.0.1',
        dest: '1.2.3.4',
    }),
    event('fw deny 10.0.0.2 to 1.2.3.4', {
        _time: TEST_NOW - 20,
        index: 'fw',
        sourcetype: 'pan:traffic',
        src: '10.0.0.2',
        dest: '1.2.3.4',
    }),
    event('query evil.example A 1.2.3.4', {
        _time: TEST_NOW - 30,
        index: 'dns',
        sourcetype: 'dns',
        query: 'evil.example',
        answer: '1.2.3.4',
    }),
    event('query a|b] "x" evil.example', {
        _time: TEST_NOW - 7200,
        index: 'dns',
        sourcetype: 'dns',
        query: 'old.example',
    })
);
const macros = parseMacrosConf('[pt_index]\ndefinition = (index=fw OR index=dns)\n');
const run = (spl: string, earliestTime = '-1h'): SearchOutcome =>
    runSearch(store, spl, { now: TEST_NOW, macros, earliestTime, latestTime: 'now' });
const rows = (spl: string, earliestTime?: string): Record<string, string | string[]>[] =>
    run(spl, earliestTime).results;
const failure = (spl: string): { code: SplErrorCode; message: string } => {
    try {
        compileSearch(spl, { now: TEST_NOW, macros });
    } catch (e) {
        if (e instanceof SplError) return { code: e.code, message: e.message };
        throw e;
    }
    throw new Error(`compiled: ${spl}`);
};

describe('append [subsearch]', () => {
    it('puts the subsearch rows after the current rows', () => {
        expect(
            rows('search index=fw | stats count by index | append [search index=dns | stats count by sourcetype]')
        ).toEqual([
            { index: 'fw', count: '2' },
            { sourcetype: 'dns', count: '1' },
        ]);
        const outcome = run(
            'search index=fw | stats count by index | append [search index=dns | stats count by query]'
        );
        expect(outcome.fields).toEqual(['index', 'count', 'query']);
        expect(outcome.messages).toEqual([]);
    });

    it('runs a subsearch that starts with | tstats, with pipes of its own, after a tstats', () => {
        expect(
            rows(
                '| tstats count from datamodel=Network_Traffic where `pt_index` by All_Traffic.dest | eval datamodel="Network_Traffic"' +
                    ' | append [| tstats count from datamodel=Network_Resolution.DNS where `pt_index` by DNS.answer | eval datamodel="Network_Resolution" | rename DNS.answer as answer]' +
                    ' | append [| tstats count where index=dns by sourcetype]'
            )
        ).toEqual([
            { 'All_Traffic.dest': '1.2.3.4', count: '2', datamodel: 'Network_Traffic' },
            { answer: '1.2.3.4', count: '1', datamodel: 'Network_Resolution' },
            { sourcetype: 'dns', count: '1' },
        ]);
    });

    it('keeps quoted [, ] and | inside the subsearch', () => {
        expect(
            rows(
                'search index=fw | head 1 | table src | append [search index=dns "a|b]" | eval note="[x] | y" | table query note]',
                '0'
            )
        ).toEqual([{ src: '10.0.0.1' }, { query: 'old.example', note: '[x] | y' }]);
    });

    it("runs the subsearch over the job's time range, where its own earliest= can widen it", () => {
        expect(rows('search index=fw | stats count | append [search index=dns | stats count]')).toEqual([
            { count: '2' },
            { count: '1' },
        ]);
        expect(rows('search index=fw | stats count | append [search index=dns | stats count]', '0')).toEqual([
            { count: '2' },
            { count: '2' },
        ]);
        expect(
            rows('search index=fw | stats count | append [search index=dns earliest=0 | stats count]', '-1h')
        ).toEqual([{ count: '2' }, { count: '2' }]);
    });

    it('makes a table of events: appended events keep their fields, and the result is not events', () => {
        const outcome = run('search index=fw | append [search index=dns]');
        expect(outcome.isEvents).toBe(false);
        expect(outcome.results.map((r) => r._raw)).toEqual([
            'fw allow 10.0.0.1 to 1.2.3.4',
            'fw deny 10.0.0.2 to 1.2.3.4',
            'query evil.example A 1.2.3.4',
        ]);
        expect(outcome.results[2]).toMatchObject({ index: 'dns', query: 'evil.example' });
        expect(run('search index=fw').isEvents).toBe(true);
        expect(outcome.eventCount).toBe(2);
    });

    it('takes the subsearch options; maxout keeps the first rows and says so in a WARN message', () => {
        const outcome = run(
            'search index=fw | stats count | append extendtimerange=true maxtime=60 maxout=2 timeout=120 [search * | table _raw]',
            '0'
        );
        expect(outcome.results).toEqual([
            { count: '2' },
            { _raw: 'fw allow 10.0.0.1 to 1.2.3.4' },
            { _raw: 'fw deny 10.0.0.2 to 1.2.3.4' },
        ]);
        expect(outcome.messages).toEqual([
            { type: 'WARN', text: 'Subsearch produced 4 results, truncating to maxout 2.' },
        ]);
        expect(run('search index=fw | append maxout=4 [search *]', '0').messages).toEqual([]);
    });

    it('lowers a maxout above 50000 to 50000, with Splunk’s warning', () => {
        expect(run('search index=fw | append maxout=60000 [search index=dns]').messages).toEqual([
            {
                type: 'WARN',
                text: "The subsearch 'maxout' value of 60000 cannot be greater than the limits.conf [search] 'maxresultrows' value of 50000. Lowering 'maxout' to 50000.",
            },
        ]);
    });

    it('keeps at most 50000 subsearch rows by default', () => {
        const big = storeOf(
            ...Array.from({ length: 50001 }, (_, i) => event(`e${i}`, { _time: TEST_NOW - 1 - (i % 600) }))
        );
        const outcome = runSearch(big, '| tstats count where index=* | append [search * | fields _raw]', {
            now: TEST_NOW,
        });
        expect(outcome.results).toHaveLength(50001);
        expect(outcome.results[0]).toEqual({ count: '50001' });
        expect(outcome.messages).toEqual([
            { type: 'WARN', text: 'Subsearch produced 50001 results, truncating to maxout 50000.' },
        ]);
    });

    it('runs append inside a subsearch, up to 8 levels deep', () => {
        expect(
            rows(
                'search index=fw | stats count | append [search index=dns | stats count | append [| tstats count where index=fw by sourcetype]]'
            )
        ).toEqual([{ count: '2' }, { count: '1' }, { sourcetype: 'pan:traffic', count: '2' }]);
        const nest = (levels: number): string =>
            levels === 0
                ? 'search index=fw | stats count'
                : `search index=fw | stats count | append [${nest(levels - 1)}]`;
        expect(rows(nest(8))).toHaveLength(9);
        expect(failure(nest(9))).toEqual({
            code: 'parse',
            message:
                "Error in 'SearchParser': Cannot run this search as it contains too many nested subsearches. Maximum nested subsearches allowed: 8.",
        });
    });

    it.each([
        ['search index=fw | append', 'parse', "Error in 'append' command: The last argument must be a subsearch."],
        [
            'search index=fw | append maxout=5',
            'parse',
            "Error in 'append' command: The last argument must be a subsearch.",
        ],
        [
            'search index=fw | append [search x] foo',
            'parse',
            "Error in 'append' command: The last argument must be a subsearch.",
        ],
        [
            'search index=fw | append maxout=abc [search x]',
            'parse',
            "Error in 'append' command: Invalid option value. Expecting a 'int' for option 'maxout'. Instead got 'abc'.",
        ],
        [
            'search index=fw | append extendtimerange=maybe [search x]',
            'parse',
            "Error in 'append' command: Invalid option value. Expecting a 'bool' for option 'extendtimerange'. Instead got 'maybe'.",
        ],
        [
            'search index=fw | append maxout=1 maxout=2 [search x]',
            'parse',
            "Error in 'append' command: Option 'maxout' should not be specified more than once.",
        ],
        ['search index=fw | append foo=1 [search x]', 'parse', "Error in 'append' command: Option 'foo' is invalid."],
        ['search index=fw | append foo [search x]', 'parse', "Error in 'append' command: Invalid argument: 'foo'"],
        [
            'search index=fw | append maxout=0 [search x]',
            'unsupported-argument',
            "Error in 'append' command: The argument 'maxout=0' is not supported.",
        ],
        ['search index=fw | append []', 'parse', "Error in 'SearchParser': Empty search."],
        [
            'search index=fw | append [search x | transaction y]',
            'unknown-command',
            "Unknown search command 'transaction'.",
        ],
        [
            'search index=fw | append [tstats count]',
            'unsupported-argument',
            "Error in 'append' command: Start a subsearch that runs 'tstats' with '| tstats'.",
        ],
        ['search index=fw | append [search x', 'parse', "Error in 'SearchParser': Mismatched '['."],
        ['search index=fw | append [search x]]', 'parse', "Error in 'SearchParser': Mismatched ']'."],
        [
            '| append [search x]',
            'unsupported-argument',
            "Error in 'append' command: This command needs events; start the search with 'search' or '| tstats'.",
        ],
    ])('%s fails', (spl, code, message) => {
        expect(failure(spl)).toEqual({ code, message });
    });

    it.each([
        ['index=main [search foo]'],
        ['index=main | eval x=1 [search foo]'],
        ['index=main | where x=1 | stats count by [search foo]'],
        ['index=main | append [search x | eval y=[search z]]'],
        ['| tstats count where [search x]'],
    ])('still refuses a subsearch outside append: %s', (spl) => {
        expect(failure(spl)).toEqual({
            code: 'unsupported-argument',
            message: "Error in 'SearchParser': Subsearches ([...]) are not supported.",
        });
    });

    it('names the command right before its bracket: append[search x]', () => {
        expect(rows('search index=fw | stats count | append[search index=dns | stats count]')).toEqual([
            { count: '2' },
            { count: '1' },
        ]);
    });
});
