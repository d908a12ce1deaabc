/**
 * The subset of MongoDB's query language the KV store's `query` parameter accepts: equality
 * (an array field matches when an element matches), `$and`, `$or`, `$nor`, `$gt`, `$gte`, `$lt`,
 * `$lte`, `$ne`, `$in`, `$nin`, `$exists`, `$regex` (with `$options`), `$not`; plus `sort`
 * (`field:1,other:-1`), `fields` (`a,b` or `a:0`) and Mongo's cross-type ordering.
 */

/** A JSON value as stored in a KV store document. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** A KV store document. */
export type KvDocument = Record<string, JsonValue>;

/** A malformed query, sort or fields parameter. */
export class KvQueryError extends Error {
    constructor(message: string) {
        super(message);
        this.name = 'KvQueryError';
    }
}

function isObject(value: unknown): value is Record<string, JsonValue> {
    return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** The value at a dotted path (`a.b.c`), or undefined. */
export function valueAt(doc: Record<string, JsonValue>, path: string): JsonValue | undefined {
    if (path in doc) return doc[path];
    let current: JsonValue | undefined = doc;
    for (const part of path.split('.')) {
        if (!isObject(current)) return undefined;
        current = current[part];
    }
    return current;
}

function typeRank(value: JsonValue | undefined): number {
    if (value === undefined || value === null) return 1;
    if (typeof value === 'number') return 2;
    if (typeof value === 'string') return 3;
    if (Array.isArray(value)) return 5;
    if (typeof value === 'object') return 4;
    return 6; // boolean
}

/** Mongo's ordering across types: null < numbers < strings < objects < arrays < booleans. */
export function compareValues(a: JsonValue | undefined, b: JsonValue | undefined): number {
    const ra = typeRank(a);
    const rb = typeRank(b);
    if (ra !== rb) return ra - rb;
    if (typeof a === 'number' && typeof b === 'number') return a - b;
    if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
    if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
    return JSON.stringify(a ?? null).localeCompare(JSON.stringify(b ?? null));
}

function equals(a: JsonValue | undefined, b: JsonValue): boolean {
    if (b === null) return a === undefined || a === null;
    if (a === undefined) return false;
    return JSON.stringify(a) === JSON.stringify(b);
}

/** Candidate values of a field for matching: the value itself and, for an array, its elements. */
function candidates(value: JsonValue | undefined): (JsonValue | undefined)[] {
    return Array.isArray(value) ? [value, ...value] : [value];
}

function comparable(a: JsonValue | undefined, b: JsonValue): boolean {
    return a !== undefined && typeRank(a) === typeRank(b);
}

function matchOperators(value: JsonValue | undefined, ops: Record<string, JsonValue>): boolean {
    for (const [op, operand] of Object.entries(ops)) {
        const any = (test: (v: JsonValue | undefined) => boolean): boolean => candidates(value).some(test);
        let ok: boolean;
        switch (op) {
            case '$eq':
                ok = any((v) => equals(v, operand));
                break;
            case '$ne':
                ok = !any((v) => equals(v, operand));
                break;
            case '$gt':
                ok = any((v) => comparable(v, operand) && compareValues(v, operand) > 0);
                break;
            case '$gte':
                ok = any((v) => comparable(v, operand) && compareValues(v, operand) >= 0);
                break;
            case '$lt':
                ok = any((v) => comparable(v, operand) && compareValues(v, operand) < 0);
                break;
            case '$lte':
                ok = any((v) => comparable(v, operand) && compareValues(v, operand) <= 0);
                break;
            case '$in':
            case '$nin': {
                if (!Array.isArray(operand)) throw new KvQueryError(`${op} needs an array`);
                const found = any((v) => operand.some((o) => equals(v, o)));
                ok = op === '$in' ? found : !found;
                break;
            }
            case '$exists':
                ok = (value !== undefined) === Boolean(operand);
                break;
            case '$regex': {
                if (typeof operand !== 'string') throw new KvQueryError('$regex needs a string');
                const flags = typeof ops.$options === 'string' ? ops.$options.replace(/[^imsu]/g, '') : '';
                let re: RegExp;
                try {
                    re = new RegExp(operand, flags);
                } catch {
                    throw new KvQueryError(`Invalid regular expression: ${operand}`);
                }
                ok = any((v) => typeof v === 'string' && re.test(v));
                break;
            }
            case '$options':
                ok = true;
                break;
            case '$not':
                if (!isObject(operand)) throw new KvQueryError('$not needs an operator object');
                ok = !matchOperators(value, operand);
                break;
            default:
                throw new KvQueryError(`Unknown operator: ${op}`);
        }
        if (!ok) return false;
    }
    return true;
}

/** Whether a document matches a query object. Throws {@link KvQueryError} for unknown operators. */
export function matchesQuery(doc: KvDocument, query: Record<string, JsonValue>): boolean {
    for (const [key, condition] of Object.entries(query)) {
        if (key === '$and' || key === '$or' || key === '$nor') {
            if (!Array.isArray(condition)) throw new KvQueryError(`${key} needs an array`);
            const parts = condition.map((c) => {
                if (!isObject(c)) throw new KvQueryError(`${key} needs an array of objects`);
                return matchesQuery(doc, c);
            });
            const ok =
                key === '$and' ? parts.every(Boolean) : key === '$or' ? parts.some(Boolean) : !parts.some(Boolean);
            if (!ok) return false;
            continue;
        }
        if (key.startsWith('$')) throw new KvQueryError(`Unknown top-level operator: ${key}`);
        const value = valueAt(doc, key);
        if (isObject(condition) && Object.keys(condition).some((k) => k.startsWith('$'))) {
            if (!matchOperators(value, condition)) return false;
        } else if (!candidates(value).some((v) => equals(v, condition))) {
            return false;
        }
    }
    return true;
}

/** Parses the `query` parameter (a JSON object); empty means everything. */
export function parseQuery(text: string | undefined): Record<string, JsonValue> {
    if (text === undefined || text.trim() === '') return {};
    let parsed: unknown;
    try {
        parsed = JSON.parse(text);
    } catch {
        throw new KvQueryError('Invalid JSON in query');
    }
    if (!isObject(parsed)) throw new KvQueryError('The query must be a JSON object');
    return parsed;
}

/** One sort key. */
export interface SortKey {
    readonly field: string;
    readonly direction: 1 | -1;
}

/** Parses `sort` values: `a`, `a:1`, `a:-1`, comma-separated or repeated. */
export function parseSort(values: readonly string[]): SortKey[] {
    return values
        .flatMap((v) => v.split(','))
        .map((v) => v.trim())
        .filter((v) => v !== '')
        .map((v) => {
            const colon = v.lastIndexOf(':');
            const field = colon > 0 ? v.slice(0, colon) : v;
            const dir = colon > 0 ? v.slice(colon + 1).trim() : '1';
            if (dir !== '1' && dir !== '-1') throw new KvQueryError(`Invalid sort direction: ${v}`);
            return { field, direction: dir === '1' ? 1 : -1 };
        });
}

/** Sorts documents by the keys (stable). */
export function sortDocuments(docs: KvDocument[], keys: readonly SortKey[]): KvDocument[] {
    if (keys.length === 0) return docs;
    return [...docs].sort((a, b) => {
        for (const { field, direction } of keys) {
            const c = compareValues(valueAt(a, field), valueAt(b, field));
            if (c !== 0) return c * direction;
        }
        return 0;
    });
}

/** Applies a `fields` projection: `a,b` keeps those (and `_key`), `a:0` drops those. */
export function projectFields(doc: KvDocument, fields: string | undefined): KvDocument {
    if (fields === undefined || fields.trim() === '') return doc;
    const specs = fields
        .split(',')
        .map((f) => f.trim())
        .filter((f) => f !== '')
        .map((f) => {
            const colon = f.lastIndexOf(':');
            return colon > 0
                ? { field: f.slice(0, colon), include: f.slice(colon + 1).trim() !== '0' }
                : { field: f, include: true };
        });
    const includes = specs.filter((s) => s.include && s.field !== '_key');
    const excludes = specs.filter((s) => !s.include);
    if (includes.length > 0 && excludes.some((e) => e.field !== '_key'))
        throw new KvQueryError('Cannot mix inclusion and exclusion in fields');
    let out: KvDocument;
    if (includes.length > 0) {
        out = {};
        if (doc._key !== undefined) out._key = doc._key;
        for (const { field } of includes) {
            const value = valueAt(doc, field);
            if (value !== undefined) out[field] = value;
        }
    } else {
        out = { ...doc };
    }
    for (const { field } of excludes) Reflect.deleteProperty(out, field);
    return out;
}
