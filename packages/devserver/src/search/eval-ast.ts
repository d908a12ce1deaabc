/** The syntax tree of an eval expression (`eval`, `where`). */

/** A value during evaluation: null, text, number, boolean, or a multivalue (list of texts). */
export type EvalValue = null | string | number | boolean | readonly string[];

/** Binary operators of eval expressions. */
export type EvalBinaryOp =
    'OR' | 'XOR' | 'AND' | '=' | '==' | '!=' | 'LIKE' | '<' | '<=' | '>' | '>=' | '+' | '-' | '.' | '*' | '/' | '%';

/** A node of an eval expression. */
export type EvalNode =
    | { readonly kind: 'literal'; readonly value: string | number }
    | { readonly kind: 'field'; readonly name: string }
    | { readonly kind: 'call'; readonly name: string; readonly args: readonly EvalNode[] }
    | { readonly kind: 'unary'; readonly op: '-' | 'NOT'; readonly operand: EvalNode }
    | { readonly kind: 'binary'; readonly op: EvalBinaryOp; readonly left: EvalNode; readonly right: EvalNode };
