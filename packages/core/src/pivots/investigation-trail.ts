/**
 * The trail of an investigation: which indicator led to which, and why. Immutable; every step returns a new trail.
 */
import type { IndicatorType } from '../indicators/indicator';
import type { Relation } from './pivot';
import { fail, ok, type Result } from '../result';

/** One visited indicator and how the analyst got there. */
export interface TrailStep {
    readonly type: IndicatorType;
    readonly value: string;
    /**
     * Absent for an indicator typed or pasted by the analyst. `text` says why in words when the relation alone does
     * not ("WHOIS names the organisation Secure Update Services (organisation of evil.example's registrant)").
     */
    readonly via?: { readonly from: string; readonly relation: Relation; readonly text?: string };
}

/** An investigation trail, oldest step first. */
export interface Trail {
    readonly steps: readonly TrailStep[];
}

/** The empty trail. */
export const EMPTY_TRAIL: Trail = Object.freeze({ steps: Object.freeze([]) });

/**
 * Adds a step; visiting the current indicator again changes nothing.
 *
 * @example extendTrail(extendTrail(EMPTY_TRAIL, { type: 'domain', value: 'evil.example' }), { type: 'ipv4', value: '198.51.100.7', via: { from: 'evil.example', relation: 'resolves-to' } })
 */
export function extendTrail(trail: Trail, step: TrailStep): Trail {
    const last = trail.steps[trail.steps.length - 1];
    if (last && last.type === step.type && last.value === step.value) return trail;
    return Object.freeze({ steps: Object.freeze([...trail.steps, Object.freeze(step)]) });
}

/**
 * The chain of steps that led to a value (from the analyst's own input to it), following `via.from` back.
 *
 * @example pathTo(trail, '198.51.100.7').map((s) => s.value) // ['evil.example', '198.51.100.7']
 */
export function pathTo(trail: Trail, value: string): readonly TrailStep[] {
    const path: TrailStep[] = [];
    let index = trail.steps.map((s) => s.value).lastIndexOf(value);
    const visited = new Set<number>();
    while (index >= 0 && !visited.has(index)) {
        visited.add(index);
        const step = trail.steps[index];
        if (!step) break;
        path.unshift(step);
        const from = step.via?.from;
        if (from === undefined) break;
        index = trail.steps
            .slice(0, index)
            .map((s) => s.value)
            .lastIndexOf(from);
    }
    return path;
}

const TYPES: readonly string[] = ['ipv4', 'ipv6', 'domain', 'url', 'email', 'sha1', 'tracker'];

/** The longest `via.text` a serialised trail keeps (a link must stay a link). */
const MAX_VIA_TEXT = 300;

/**
 * Serialises a trail for a URL parameter or storage (JSON).
 *
 * @example trailToJson(trail) // '[{"type":"domain","value":"evil.example"}]'
 */
export function trailToJson(trail: Trail): string {
    return JSON.stringify(trail.steps);
}

/**
 * Reads a serialised trail; anything malformed gives a failure, never an exception.
 *
 * @example trailFromJson('[{"type":"domain","value":"evil.example"}]') // { ok: true, value: { steps: [...] } }
 */
export function trailFromJson(text: string): Result<Trail> {
    let data: unknown;
    try {
        data = JSON.parse(text);
    } catch {
        return fail('the trail is not JSON', 'a JSON list of {type, value, via?} steps');
    }
    if (!Array.isArray(data)) return fail('the trail is not a list', 'a JSON list of {type, value, via?} steps');
    let trail = EMPTY_TRAIL;
    for (const item of data as unknown[]) {
        if (typeof item !== 'object' || item === null)
            return fail('a trail step is not an object', 'steps like {type, value}');
        const { type, value, via } = item as Record<string, unknown>;
        if (typeof type !== 'string' || !TYPES.includes(type) || typeof value !== 'string') {
            return fail(
                'a trail step has no valid type and value',
                'steps like {"type":"domain","value":"evil.example"}'
            );
        }
        const v = via as Record<string, unknown> | null | undefined;
        const viaOk =
            typeof v === 'object' && v !== null && typeof v['from'] === 'string' && typeof v['relation'] === 'string';
        const text = viaOk && typeof v['text'] === 'string' ? v['text'].slice(0, MAX_VIA_TEXT) : undefined;
        trail = extendTrail(trail, {
            type: type as IndicatorType,
            value,
            ...(viaOk
                ? {
                      via: {
                          from: v['from'] as string,
                          relation: v['relation'] as Relation,
                          ...(text === undefined ? {} : { text }),
                      },
                  }
                : {}),
        });
    }
    return ok(trail);
}
