/**
 * What a node of the investigation graph shows beside its value and type: its internal sightings (counted,
 * pending, or not counted with the reason: never a 0 the page did not count), the case's verdict, and whether it is
 * pinned to the case.
 */
import type { Verdict } from '../../case/investigation-document';

export type GraphSighting =
    | { readonly state: 'pending' }
    | { readonly state: 'counted'; readonly count: number }
    | { readonly state: 'not-counted'; readonly reason: string };

export interface NodeLook {
    readonly sighting: GraphSighting;
    /** The case's verdict on this indicator, when it has one other than unknown. */
    readonly verdict?: Exclude<Verdict, 'unknown'>;
    readonly pinned: boolean;
}

/** A node the page knows nothing about: not counted. */
export const NOT_COUNTED: NodeLook = Object.freeze({
    sighting: Object.freeze({
        state: 'not-counted',
        reason: 'not counted: not among the values this investigation searched for',
    }),
    pinned: false,
});
