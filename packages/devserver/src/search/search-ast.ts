/** The syntax tree of a `search` logical expression (also used by `tstats ... where`). */

/** Comparison operators of `field<op>value`. */
export type CompareOp = '=' | '!=' | '<' | '<=' | '>' | '>=';

/** A node of a search expression. */
export type SearchNode =
    /** Matches everything (an empty search, or `*`). */
    | { readonly kind: 'all' }
    | { readonly kind: 'and'; readonly children: readonly SearchNode[] }
    | { readonly kind: 'or'; readonly children: readonly SearchNode[] }
    | { readonly kind: 'not'; readonly child: SearchNode }
    /** A bare keyword or a quoted phrase, matched against `_raw` (see text-match.ts). */
    | { readonly kind: 'keyword'; readonly text: string; readonly phrase: boolean }
    /** `TERM(x)`: `x` bounded by major breakers. */
    | { readonly kind: 'term'; readonly text: string }
    /** `CASE(x)`: like a keyword but case-sensitive. */
    | { readonly kind: 'case'; readonly text: string }
    /** `field<op>value`. */
    | { readonly kind: 'compare'; readonly field: string; readonly op: CompareOp; readonly value: string }
    /** `field IN (v1, v2, ...)`. */
    | { readonly kind: 'in'; readonly field: string; readonly values: readonly string[] }
    /** `earliest=<t>` or `latest=<t>`, already resolved to epoch seconds. */
    | { readonly kind: 'time'; readonly bound: 'earliest' | 'latest'; readonly epoch: number };
