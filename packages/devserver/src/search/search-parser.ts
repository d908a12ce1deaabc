/**
 * Parser of search expressions (searchbnf.conf `logical-expression`). Precedence, tightest first:
 * `NOT`, then `OR`, then `AND` (written or implicit), so `a b OR c` is `a AND (b OR c)`. The
 * operators must be upper case; lower-case `and`/`or`/`not` are keywords. `IN` must be upper case.
 * `earliest=` and `latest=` are resolved against `now`; they may appear only outside `OR` and `NOT`.
 */
import type { CompareOp, SearchNode } from './search-ast';
import { lexSearch, type SearchToken } from './search-lexer';
import { SplError, commandError } from './spl-error';
import { resolveTimeModifier } from './time-modifiers';

/** Search-time modifiers of searchbnf.conf that the stand-in does not implement. */
const UNSUPPORTED_MODIFIERS = new Set([
    'starttime',
    'endtime',
    'starttimeu',
    'endtimeu',
    'startdaysago',
    'starthoursago',
    'startminutesago',
    'startmonthsago',
    'enddaysago',
    'endhoursago',
    'endminutesago',
    'endmonthsago',
    'daysago',
    'hoursago',
    'minutesago',
    'monthsago',
    'searchtimespandays',
    'searchtimespanhours',
    'searchtimespanminutes',
    'searchtimespanmonths',
    'timeformat',
    '_index_earliest',
    '_index_latest',
    'eventtype',
    'eventtypetag',
    'hosttag',
    'savedsearch',
    'savedsplunk',
]);

class Parser {
    private pos = 0;

    constructor(
        private readonly tokens: readonly SearchToken[],
        private readonly command: string,
        private readonly now: number
    ) {}

    parse(): SearchNode {
        if (this.tokens.length === 0) return { kind: 'all' };
        const node = this.andExpr();
        if (this.pos < this.tokens.length) this.fail("unexpected ')'");
        return node;
    }

    private fail(detail: string): never {
        throw commandError(this.command, `Unable to parse the search: ${detail}.`);
    }

    private peek(): SearchToken | undefined {
        return this.tokens[this.pos];
    }

    private isWord(token: SearchToken | undefined, word: string): boolean {
        return token?.kind === 'word' && token.text === word;
    }

    private andExpr(): SearchNode {
        const children: SearchNode[] = [];
        for (;;) {
            const token = this.peek();
            if (token === undefined || token.kind === 'rparen') break;
            if (this.isWord(token, 'AND')) {
                if (children.length === 0) this.fail("'AND' needs a term on each side");
                this.pos++;
                continue;
            }
            children.push(this.orExpr());
        }
        if (children.length === 0) this.fail('empty expression');
        return children.length === 1 && children[0] ? children[0] : { kind: 'and', children };
    }

    private orExpr(): SearchNode {
        const children = [this.notExpr()];
        while (this.isWord(this.peek(), 'OR')) {
            this.pos++;
            const next = this.peek();
            if (next === undefined || next.kind === 'rparen' || this.isWord(next, 'AND') || this.isWord(next, 'OR')) {
                this.fail("'OR' needs a term on each side");
            }
            children.push(this.notExpr());
        }
        if (children.length > 1) children.forEach((c) => this.rejectNestedTime(c));
        return children.length === 1 && children[0] ? children[0] : { kind: 'or', children };
    }

    private notExpr(): SearchNode {
        if (this.isWord(this.peek(), 'NOT')) {
            this.pos++;
            if (this.peek() === undefined) this.fail("'NOT' needs a term");
            const child = this.notExpr();
            this.rejectNestedTime(child);
            return { kind: 'not', child };
        }
        return this.primary();
    }

    private rejectNestedTime(node: SearchNode): void {
        const visit = (n: SearchNode): void => {
            if (n.kind === 'time') {
                throw new SplError(
                    'unsupported-argument',
                    `Error in '${this.command}' command: '${n.bound}' inside OR or NOT is not supported; put time bounds at the top level.`
                );
            }
            if (n.kind === 'and' || n.kind === 'or') n.children.forEach(visit);
            if (n.kind === 'not') visit(n.child);
        };
        visit(node);
    }

    private primary(): SearchNode {
        const token = this.peek();
        if (token === undefined) return this.fail('unexpected end of search');
        this.pos++;
        switch (token.kind) {
            case 'lparen': {
                const inner = this.andExpr();
                if (this.peek()?.kind !== 'rparen') this.fail("missing ')'");
                this.pos++;
                return inner;
            }
            case 'rparen':
                return this.fail("unexpected ')'");
            case 'comma':
                return this.fail("unexpected ','");
            case 'op':
                return this.fail(`'${token.op}' needs a field name on its left`);
            case 'directive':
                if (token.text === '') this.fail(`${token.name}() is empty`);
                return token.name === 'TERM' ? { kind: 'term', text: token.text } : { kind: 'case', text: token.text };
            case 'string':
                return { kind: 'keyword', text: token.text, phrase: true };
            case 'word':
                return this.afterWord(token.text);
        }
    }

    private afterWord(word: string): SearchNode {
        const next = this.peek();
        if (next?.kind === 'op') {
            this.pos++;
            const valueToken = this.peek();
            if (valueToken?.kind !== 'word' && valueToken?.kind !== 'string') {
                return this.fail(`the comparison on '${word}' is missing its value`);
            }
            this.pos++;
            return this.comparison(word, next.op, valueToken.text);
        }
        if (this.isWord(next, 'IN') && this.tokens[this.pos + 1]?.kind === 'lparen') {
            this.pos += 2;
            return { kind: 'in', field: word, values: this.valueList(word) };
        }
        if (word === '*') return { kind: 'all' };
        return { kind: 'keyword', text: word, phrase: false };
    }

    private valueList(field: string): string[] {
        const values: string[] = [];
        for (;;) {
            const token = this.peek();
            if (token?.kind === 'word' || token?.kind === 'string') {
                values.push(token.text);
                this.pos++;
            } else {
                this.fail(`the IN list of '${field}' must be a parenthesised list of values`);
            }
            const sep = this.peek();
            this.pos++;
            if (sep?.kind === 'rparen') return values;
            if (sep?.kind !== 'comma') this.fail(`the IN list of '${field}' must separate values with commas`);
        }
    }

    private comparison(field: string, op: CompareOp, value: string): SearchNode {
        const lower = field.toLowerCase();
        if (UNSUPPORTED_MODIFIERS.has(lower)) {
            throw new SplError(
                'unsupported-argument',
                `Error in '${this.command}' command: The '${field}' modifier is not supported.`
            );
        }
        if (lower === 'earliest' || lower === 'latest') {
            if (op !== '=') this.fail(`'${field}' takes '=' only`);
            const epoch = resolveTimeModifier(value, this.now);
            if (epoch === undefined) {
                throw commandError(this.command, `Invalid value "${value}" for time term '${lower}'`);
            }
            return { kind: 'time', bound: lower, epoch };
        }
        return { kind: 'compare', field, op, value };
    }
}

/**
 * Parses a search expression into a {@link SearchNode}.
 * @param text the expression (the arguments of `search`, or the `where` clause of `tstats`)
 * @param options `command` names the command in errors; `now` (epoch seconds) resolves relative times
 */
export function parseSearchExpression(text: string, options: { command?: string; now: number }): SearchNode {
    const command = options.command ?? 'search';
    return new Parser(lexSearch(text, command), command, options.now).parse();
}
