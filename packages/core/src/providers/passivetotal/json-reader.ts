/** Total readers for untyped JSON: each returns a typed value or undefined, never throws. */

/** A JSON object, or undefined. */
export type JsonObject = Readonly<Record<string, unknown>>;

/** The value as an object (not an array), or undefined. */
export function asObject(v: unknown): JsonObject | undefined {
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as JsonObject) : undefined;
}

/** The value as an array (an empty one for anything else). */
export function asArray(v: unknown): readonly unknown[] {
    return Array.isArray(v) ? (v as unknown[]) : [];
}

/** A non-empty trimmed string, or undefined (`""`, `"N/A"` and `"n/a"` count as absent). */
export function asText(v: unknown): string | undefined {
    if (typeof v === 'number' && Number.isFinite(v)) return String(v);
    if (typeof v !== 'string') return undefined;
    const s = v.trim();
    return s === '' || /^n\/a$/i.test(s) ? undefined : s;
}

/** A finite number (numeric strings accepted), or undefined. */
export function asNumber(v: unknown): number | undefined {
    if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
    if (typeof v === 'string' && /^-?\d+(?:\.\d+)?$/.test(v.trim())) return Number(v);
    return undefined;
}

/** A boolean (`"true"`/`"false"` accepted), or undefined. */
export function asBoolean(v: unknown): boolean | undefined {
    if (typeof v === 'boolean') return v;
    if (v === 'true') return true;
    if (v === 'false') return false;
    return undefined;
}

/** A list of non-empty strings; a single string becomes a one-element list, `"N/A"` an empty one. */
export function asTextList(v: unknown): readonly string[] {
    if (typeof v === 'string') {
        const t = asText(v);
        return t === undefined ? [] : [t];
    }
    return asArray(v).flatMap((x) => {
        const t = asText(x);
        return t === undefined ? [] : [t];
    });
}

/** A field by exact key, falling back to a case-insensitive match (2016 fixtures spell `subjectCommonname`). */
export function pick(o: JsonObject | undefined, key: string): unknown {
    if (!o) return undefined;
    if (key in o) return o[key];
    const lower = key.toLowerCase();
    const found = Object.keys(o).find((k) => k.toLowerCase() === lower);
    return found === undefined ? undefined : o[found];
}

/** A host name as the model keeps it: lower case, no trailing dot. */
export function asHost(v: unknown): string | undefined {
    const t = asText(v);
    return t === undefined ? undefined : t.toLowerCase().replace(/\.$/, '');
}

/** Copies only the defined entries of an object (keeps optional fields absent rather than undefined). */
export function defined<T extends object>(o: T): T {
    return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}
