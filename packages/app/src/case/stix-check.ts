/**
 * Checks a STIX 2.1 bundle against the rules of the specification a consumer relies on: the bundle's shape, the
 * identifier form (`<type>--<UUID>`, version 4 or 5 for the objects this app writes), the properties every object
 * of its type must have, RFC 3339 timestamps in UTC with millisecond precision, and every reference resolving to
 * an object of the bundle. Returns the problems found (none for a valid bundle). Shared by the unit and browser tests.
 */

const ID = /^([a-z0-9][a-z0-9-]*[a-z0-9])--[0-9a-f]{8}-[0-9a-f]{4}-[45][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const SDO_COMMON = ['type', 'spec_version', 'id', 'created', 'modified'];
const REQUIRED: Readonly<Record<string, readonly string[]>> = {
    identity: [...SDO_COMMON, 'name'],
    indicator: [...SDO_COMMON, 'pattern', 'pattern_type', 'valid_from'],
    relationship: [...SDO_COMMON, 'relationship_type', 'source_ref', 'target_ref'],
    sighting: [...SDO_COMMON, 'sighting_of_ref'],
    note: [...SDO_COMMON, 'content', 'object_refs'],
    grouping: [...SDO_COMMON, 'context', 'object_refs'],
    'domain-name': ['type', 'id', 'value'],
    'ipv4-addr': ['type', 'id', 'value'],
    'ipv6-addr': ['type', 'id', 'value'],
    'email-addr': ['type', 'id', 'value'],
    url: ['type', 'id', 'value'],
    'x509-certificate': ['type', 'id'],
};
const TIMESTAMP_PROPERTIES = [
    'created',
    'modified',
    'valid_from',
    'valid_until',
    'first_seen',
    'last_seen',
    'validity_not_before',
    'validity_not_after',
];

function refsOf(object: Record<string, unknown>): string[] {
    const refs: string[] = [];
    for (const [key, value] of Object.entries(object)) {
        if (key.endsWith('_ref') && typeof value === 'string') refs.push(value);
        if (key.endsWith('_refs') && Array.isArray(value))
            refs.push(...value.filter((v): v is string => typeof v === 'string'));
    }
    return refs;
}

/** The problems of a bundle; an empty list when it is valid. */
export function stixProblems(bundle: unknown): string[] {
    const problems: string[] = [];
    if (typeof bundle !== 'object' || bundle === null) return ['the bundle is not an object'];
    const b = bundle as Record<string, unknown>;
    if (b.type !== 'bundle') problems.push('the bundle\'s type is not "bundle"');
    if (typeof b.id !== 'string' || !ID.test(b.id) || !b.id.startsWith('bundle--'))
        problems.push(`bundle id ${String(b.id)}`);
    if (!Array.isArray(b.objects) || b.objects.length === 0) return [...problems, 'the bundle has no objects'];
    const objects = b.objects as Record<string, unknown>[];
    const ids = new Set<string>();
    for (const o of objects) {
        const id = typeof o.id === 'string' ? o.id : '';
        const match = ID.exec(id);
        if (!match || match[1] !== o.type) problems.push(`${String(o.type)}: id ${id} is not <type>--<uuid>`);
        if (ids.has(id)) problems.push(`${id} occurs twice`);
        ids.add(id);
        const required = REQUIRED[String(o.type)];
        if (!required) problems.push(`${id}: unexpected type ${String(o.type)}`);
        for (const key of required ?? []) {
            if (o[key] === undefined || o[key] === '' || (Array.isArray(o[key]) && (o[key] as unknown[]).length === 0))
                problems.push(`${id}: ${key} is missing`);
        }
        if (o.spec_version !== undefined && o.spec_version !== '2.1') problems.push(`${id}: spec_version is not 2.1`);
        if (SDO_COMMON.every((k) => required?.includes(k)) && o.spec_version !== '2.1')
            problems.push(`${id}: spec_version`);
        for (const key of TIMESTAMP_PROPERTIES) {
            const value = o[key];
            if (value !== undefined && (typeof value !== 'string' || !TIMESTAMP.test(value)))
                problems.push(`${id}: ${key} ${JSON.stringify(value)} is not RFC 3339 UTC with milliseconds`);
        }
        if (o.type === 'x509-certificate' && o.hashes === undefined && o.serial_number === undefined)
            problems.push(`${id}: an x509-certificate needs hashes or serial_number`);
        if (
            o.type === 'sighting' &&
            o.count !== undefined &&
            (typeof o.count !== 'number' || o.count < 0 || o.count > 999_999_999)
        )
            problems.push(`${id}: count ${JSON.stringify(o.count)}`);
    }
    for (const o of objects) {
        for (const ref of refsOf(o)) if (!ids.has(ref)) problems.push(`${String(o.id)}: ${ref} is not in the bundle`);
    }
    return problems;
}
