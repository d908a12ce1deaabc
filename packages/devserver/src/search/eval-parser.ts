/**
 * Parser of eval expressions (searchbnf.conf `eval-expression`). Precedence, loosest first:
 * `OR`, `XOR`, `AND`, `NOT`, `= == != LIKE`, `< <= > >=`, `+ - .`, `* / %`, unary `-`.
 * Operator words are case-insensitive. Bare names are fields (`[A-Za-z_][A-Za-z0-9_]*`); other
 * field names go in single quotes (`'Web.src'`); strings in double quotes with `\"` and `\\`
 * escapes. Function names are checked against the supported set when parsing.
 */
import type { EvalBinaryOp, EvalNode } from './eval-ast';
import { FUNCTION_ARITY } from './eval-functions';
import { readQuoted } from './search-lexer';
import { SplError, commandError } from './spl-error';

type Token =
    | { readonly kind: 'num'; readonly value: number }
    | { readonly kind: 'str'; readonly value: string }
    | { readonly kind: 'name'; readonly value: string; readonly quoted: boolean }
    | { readonly kind: 'op'; readonly value: string };

const OPERATORS = ['==', '!=', '<=', '>=', '=', '<', '>', '+', '-', '*', '/', '%', '.', '(', ')', ','];
const WORD_OPS = new Set(['AND', 'OR', 'XOR', 'NOT', 'LIKE']);

function lex(text: string, command: string): Token[] {
    const tokens: Token[] = [];
    let i = 0;
    while (i < text.length) {
        const c = text.charAt(i);
        if (/\s/.test(c)) {
            i++;
            continue;
        }
        const num = /^(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/.exec(text.slice(i));
        if (num && !(c === '.' && tokens.length > 0 && tokens.at(-1)?.kind !== 'op')) {
            tokens.push({ kind: 'num', value: Number(num[0]) });
            i += num[0].length;
            continue;
        }
        if (c === '"') {
            const { value, end } = readQuoted(text, i, command);
            tokens.push({ kind: 'str', value });
            i = end;
            continue;
        }
        if (c === "'") {
            const end = text.indexOf("'", i + 1);
            if (end < 0) throw commandError(command, 'Unbalanced quotes.');
            tokens.push({ kind: 'name', value: text.slice(i + 1, end), quoted: true });
            i = end + 1;
            continue;
        }
        const word = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(i));
        if (word) {
            const upper = word[0].toUpperCase();
            const last = tokens.at(-1);
            const afterOperand = last !== undefined && (last.kind !== 'op' || last.value === ')');
            // like(x, p) is a function; x LIKE p is the operator.
            const isCall = upper === 'LIKE' && !afterOperand && /^\s*\(/.test(text.slice(i + word[0].length));
            tokens.push(
                WORD_OPS.has(upper) && !isCall
                    ? { kind: 'op', value: upper }
                    : { kind: 'name', value: word[0], quoted: false }
            );
            i += word[0].length;
            continue;
        }
        const op = OPERATORS.find((o) => text.startsWith(o, i));
        if (op === undefined) throw commandError(command, `The expression is malformed. Unexpected character '${c}'.`);
        tokens.push({ kind: 'op', value: op });
        i += op.length;
    }
    return tokens;
}

const LEVELS: readonly (readonly EvalBinaryOp[])[] = [
    ['OR'],
    ['XOR'],
    ['AND'],
    // NOT sits here (handled in notExpr)
    ['=', '==', '!=', 'LIKE'],
    ['<', '<=', '>', '>='],
    ['+', '-', '.'],
    ['*', '/', '%'],
];
const NOT_LEVEL = 3;

class Parser {
    private pos = 0;

    constructor(
        private readonly tokens: readonly Token[],
        private readonly command: string
    ) {}

    parse(): EvalNode {
        if (this.tokens.length === 0) this.fail('The expression is malformed. An expression is expected.');
        const node = this.level(0);
        if (this.pos < this.tokens.length) this.fail('The expression is malformed.');
        return node;
    }

    private fail(detail: string): never {
        throw commandError(this.command, detail);
    }

    private isOp(value: string): boolean {
        const t = this.tokens[this.pos];
        return t?.kind === 'op' && t.value === value;
    }

    private level(n: number): EvalNode {
        if (n === NOT_LEVEL && this.isOp('NOT')) {
            this.pos++;
            return { kind: 'unary', op: 'NOT', operand: this.level(n) };
        }
        const ops = LEVELS[n];
        if (ops === undefined) return this.unary();
        let left = this.level(n + 1);
        for (;;) {
            const op = ops.find((o) => this.isOp(o));
            if (op === undefined) return left;
            this.pos++;
            left = { kind: 'binary', op, left, right: this.level(n + 1) };
        }
    }

    private unary(): EvalNode {
        if (this.isOp('-')) {
            this.pos++;
            return { kind: 'unary', op: '-', operand: this.unary() };
        }
        if (this.isOp('+')) {
            this.pos++;
            return this.unary();
        }
        return this.primary();
    }

    private primary(): EvalNode {
        const t = this.tokens[this.pos];
        if (t === undefined) return this.fail('The expression is malformed. An expression is expected.');
        this.pos++;
        if (t.kind === 'num') return { kind: 'literal', value: t.value };
        if (t.kind === 'str') return { kind: 'literal', value: t.value };
        if (t.kind === 'name') {
            if (!t.quoted && this.isOp('(')) return this.call(t.value);
            return { kind: 'field', name: t.value };
        }
        if (t.value === '(') {
            const inner = this.level(0);
            if (!this.isOp(')')) this.fail("The expression is malformed. Expected ')'.");
            this.pos++;
            return inner;
        }
        return this.fail(`The expression is malformed. Unexpected '${t.value}'.`);
    }

    private call(name: string): EvalNode {
        this.pos++; // '('
        const args: EvalNode[] = [];
        if (!this.isOp(')')) {
            for (;;) {
                args.push(this.level(0));
                if (this.isOp(',')) {
                    this.pos++;
                    continue;
                }
                break;
            }
        }
        if (!this.isOp(')')) this.fail("The expression is malformed. Expected ')'.");
        this.pos++;
        const lower = name.toLowerCase();
        const arity = FUNCTION_ARITY.get(lower);
        if (arity === undefined) {
            throw new SplError(
                'unsupported-function',
                `Error in '${this.command}' command: The '${name}' function is unsupported or undefined.`
            );
        }
        const [min, max] = arity;
        const oddCase = lower === 'case' && args.length % 2 !== 0;
        if (args.length < min || args.length > max || oddCase) {
            this.fail(`The arguments to the '${lower}' function are invalid.`);
        }
        if (lower === 'searchmatch' && args[0]?.kind !== 'literal') {
            this.fail("The arguments to the 'searchmatch' function are invalid.");
        }
        return { kind: 'call', name: lower, args };
    }
}

/**
 * Parses an eval expression.
 * @param text the expression
 * @param command the command name used in error messages (`eval` or `where`)
 */
export function parseEvalExpression(text: string, command: string): EvalNode {
    return new Parser(lex(text, command), command).parse();
}

/** True when an expression's value is certainly boolean (a comparison, logic, or boolean function). */
export function isBooleanExpression(node: EvalNode): boolean {
    if (node.kind === 'unary') return node.op === 'NOT';
    if (node.kind === 'binary') return !['+', '-', '.', '*', '/', '%'].includes(node.op);
    if (node.kind === 'call') return BOOLEAN_FUNCTIONS.has(node.name);
    return false;
}

const BOOLEAN_FUNCTIONS = new Set([
    'true',
    'false',
    'like',
    'match',
    'isnull',
    'isnotnull',
    'isnum',
    'isstr',
    'isint',
    'in',
    'cidrmatch',
    'searchmatch',
]);
