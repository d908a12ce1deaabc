import { expandMacros, parseMacrosConf } from './macros';
import { SplError } from './spl-error';

const conf = `
# the app's macros
[passivetotal_index]
definition = (index=main OR index=proxy)

[pt_sightings(2)]
args = field, value
definition = \`passivetotal_index\` $field$=$value$

[pt_summaries]
definition = false

[multi]
definition = a \\
b

[loop_a]
definition = \`loop_b\`
[loop_b]
definition = \`loop_a\`

[evalmacro(1)]
args = x
definition = $x$ * 2
iseval = 1
`;
const macros = parseMacrosConf(conf);

const code = (fn: () => unknown): string | undefined => {
    try {
        fn();
    } catch (e) {
        return e instanceof SplError ? e.code : 'other';
    }
    return undefined;
};

describe('macros', () => {
    it('expands a macro without arguments', () => {
        expect(expandMacros('`passivetotal_index` TERM(1.2.3.4)', macros)).toBe(
            '(index=main OR index=proxy) TERM(1.2.3.4)'
        );
    });

    it('expands arguments and nested macros', () => {
        expect(expandMacros('`pt_sightings(src, "10.0.0.1")` | head 1', macros)).toBe(
            '(index=main OR index=proxy) src=10.0.0.1 | head 1'
        );
    });

    it('keeps commas inside quoted arguments', () => {
        expect(expandMacros('`pt_sightings(msg, "\\"a, b\\"")`', macros)).toBe(
            '(index=main OR index=proxy) msg=\\"a, b\\"'
        );
    });

    it('expands inside tstats options', () => {
        expect(expandMacros('| tstats summariesonly=`pt_summaries` count', macros)).toBe(
            '| tstats summariesonly=false count'
        );
    });

    it('joins continued definition lines', () => {
        expect(expandMacros('`multi`', macros)).toBe('a \nb');
    });

    it('does not expand inside double quotes', () => {
        expect(expandMacros('"a `passivetotal_index` b"', macros)).toBe('"a `passivetotal_index` b"');
    });

    it("fails like Splunk's SearchParser for an unknown macro or wrong argument count", () => {
        expect(() => expandMacros('`nope`', macros)).toThrow(
            "Error in 'SearchParser': The search specifies a macro 'nope' that cannot be found."
        );
        expect(() => expandMacros('`pt_sightings(a)`', macros)).toThrow("macro 'pt_sightings(1)' that cannot be found");
        expect(code(() => expandMacros('`nope`', macros))).toBe('unknown-macro');
    });

    it('stops recursive definitions', () => {
        expect(() => expandMacros('`loop_a`', macros)).toThrow(/maximum recursion depth/);
        expect(code(() => expandMacros('`loop_a`', macros))).toBe('macro-expansion');
    });

    it("expands an eval-based macro to the value of its expression, with the search's now", () => {
        expect(expandMacros('x=`evalmacro(3)`', macros)).toBe('x=6');
        const epoch = parseMacrosConf(
            '[to_epoch(1)]\nargs = t\ndefinition = coalesce(round(relative_time(now(), "$t$")), "$t$")\niseval = 1\n'
        );
        const now = 1_796_000_000;
        expect(expandMacros('earliest=`to_epoch("-1d@d")` latest=`to_epoch("now")`', epoch, now)).toBe(
            `earliest=${String(1_795_910_400)} latest=${String(now)}`
        );
        // A value relative_time cannot read passes through as written.
        expect(expandMacros('earliest=`to_epoch("0")`', epoch, now)).toBe('earliest=0');
        expect(
            code(() =>
                expandMacros('`bad_eval`', parseMacrosConf('[bad_eval]\ndefinition = nosuchfn(1)\niseval = 1\n'))
            )
        ).toBe('macro-expansion');
    });

    it('substitutes an argument written in double quotes without them', () => {
        const dm = parseMacrosConf('[drop_prefix(1)]\nargs = object\ndefinition = rename $object$.* AS *\n');
        expect(expandMacros('| `drop_prefix("Web")`', dm)).toBe('| rename Web.* AS *');
    });
});
