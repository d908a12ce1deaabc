import { SplError, type SplErrorCode } from './spl-error';
import { compileSearch } from './spl-pipeline';

const failure = (spl: string): { code: SplErrorCode; message: string } => {
    try {
        compileSearch(spl, { now: 0 });
    } catch (e) {
        if (e instanceof SplError) return { code: e.code, message: e.message };
        throw e;
    }
    throw new Error(`compiled: ${spl}`);
};

describe('anything outside the subset fails with a Splunk-style error', () => {
    it.each([
        ['index=main | transaction src', 'unknown-command', "Unknown search command 'transaction'."],
        ['| makeresults', 'unknown-command', "Unknown search command 'makeresults'."],
        [
            'index=main | eval x=foo(src)',
            'unsupported-function',
            "Error in 'eval' command: The 'foo' function is unsupported or undefined.",
        ],
        [
            'index=main | where md4(x)="a"',
            'unsupported-function',
            "Error in 'where' command: The 'md4' function is unsupported or undefined.",
        ],
        [
            'index=main | stats perc95(x)',
            'unsupported-function',
            "Error in 'stats' command: The aggregation function 'perc95' is not supported.",
        ],
        [
            'index=main | stats count(eval(x>1))',
            'unsupported-argument',
            "Error in 'stats' command: The argument 'count(eval(...))' is invalid: eval expressions inside aggregations are not supported.",
        ],
        [
            'index=main [search foo]',
            'unsupported-argument',
            "Error in 'SearchParser': Subsearches ([...]) are not supported.",
        ],
        [
            'index=main starttime=10/10/2026:00:00:00',
            'unsupported-argument',
            "Error in 'search' command: The 'starttime' modifier is not supported.",
        ],
        [
            'index=main eventtype=foo',
            'unsupported-argument',
            "Error in 'search' command: The 'eventtype' modifier is not supported.",
        ],
        [
            'a OR earliest=-1d',
            'unsupported-argument',
            "Error in 'search' command: 'earliest' inside OR or NOT is not supported; put time bounds at the top level.",
        ],
        [
            'index=main | head 5 keeplast=t',
            'unsupported-argument',
            "Error in 'head' command: The argument 'keeplast=t' is not supported.",
        ],
        [
            'index=main | eval x=(a=b)',
            'parse',
            "Error in 'eval' command: Fields cannot be assigned a boolean result. Instead, try if([bool expr], [expr], [expr]).",
        ],
        [
            'index=main | eval x=if(a, b)',
            'parse',
            "Error in 'eval' command: The arguments to the 'if' function are invalid.",
        ],
        ['index="main', 'parse', "Error in 'SearchParser': Unbalanced quotes."],
        ['index=main | | head', 'parse', "Error in 'SearchParser': Missing a search command before '|'."],
        ['(a OR b', 'parse', "Error in 'search' command: Unable to parse the search: missing ')'."],
        ['a OR', 'parse', "Error in 'search' command: Unable to parse the search: 'OR' needs a term on each side."],
        [
            'earliest=yesterday',
            'parse',
            "Error in 'search' command: Invalid value \"yesterday\" for time term 'earliest'",
        ],
    ])('%s', (spl, code, message) => {
        expect(failure(spl)).toEqual({ code, message });
    });
});
