/**
 * The Graph tab: the investigation as a graph (core's model) with the page's sightings, the case's verdict and pins,
 * and the analyst's expansions. The drawing and its layout library load on demand.
 */
import { lazy, Suspense, useCallback, useMemo } from 'react';
import styled from 'styled-components';
import Message from '@splunk/react-ui/Message';
import WaitSpinner from '@splunk/react-ui/WaitSpinner';
import { variables } from '@splunk/themes';
import {
    buildInvestigationGraph,
    carryExpansions,
    trailToNode,
    type Indicator,
    type Pivot,
    type Trail,
} from '@passivetotal/core';
import type { Verdict } from '../../case/investigation-document';
import { useGraphExpansion } from '../../investigation/useGraphExpansion';
import { PanelError } from '../PanelStatus/PanelStatus';
import type { Remote } from '../PanelStatus/remote';
import { sightingOf, type SightingsState } from '../SightingBadge/sightings';
import type { GraphSighting, NodeLook } from './node-look';

const GraphView = lazy(() => import(/* webpackChunkName: "graph" */ './GraphView'));

const Help = styled.p`
    margin: 0 0 ${variables.spacingSmall};
    color: ${variables.contentColorMuted};
`;

export interface GraphPanelProps {
    readonly indicator: Indicator;
    /** The investigated indicator's related values, once the intelligence has settled. */
    readonly pivots: Remote<readonly Pivot[]>;
    readonly trail: Trail;
    /** The page's sightings of the related values. */
    readonly sightings: SightingsState;
    /** The investigated indicator's own events (the Internal hits tab's count). */
    readonly rootSighting: GraphSighting;
    /** The case's indicator and verdict. */
    readonly verdict?: { readonly value: string; readonly verdict: Verdict };
    /** The values pinned to the case. */
    readonly pinned: readonly string[];
    /** Investigates `value` with `trail` (the pivot's reason carried in its last step). */
    readonly onNavigate: (value: string, trail: Trail) => void;
}

function pageSighting(sightings: SightingsState, value: string): GraphSighting {
    const s = sightingOf(sightings, value);
    if (s.state === 'counted') return { state: 'counted', count: s.count };
    if (s.state === 'not-counted') return s;
    return s.state === 'pending'
        ? { state: 'pending' }
        : { state: 'not-counted', reason: 'not counted: no local search ran for this view' };
}

export function GraphPanel({
    indicator,
    pivots,
    trail,
    sightings,
    rootSighting,
    verdict,
    pinned,
    onNavigate,
}: GraphPanelProps) {
    const { expansions, loading, problems, expand } = useGraphExpansion();
    const related = pivots.state === 'done' ? pivots.value : undefined;
    const graph = useMemo(
        () => (related ? carryExpansions(buildInvestigationGraph(indicator, related, trail), expansions) : undefined),
        [indicator, related, trail, expansions]
    );
    // The page gives new objects on every render: the looks change only when what they show changes, so the
    // drawing redraws no node it need not.
    const pinKey = pinned.join('\n');
    const rootKey = JSON.stringify(rootSighting);
    const verdictKey = verdict && verdict.verdict !== 'unknown' ? `${verdict.verdict}\n${verdict.value}` : '';
    const looks = useMemo(() => {
        const map = new Map<string, NodeLook>();
        const pins = new Set(pinKey.split('\n'));
        const root = JSON.parse(rootKey) as GraphSighting;
        const [v, onValue] = verdictKey.split('\n') as [Verdict | '', string | undefined];
        for (const n of graph?.nodes ?? []) {
            map.set(n.value, {
                sighting: n.root ? root : pageSighting(sightings, n.value),
                ...(v !== '' && v !== 'unknown' && onValue === n.value ? { verdict: v } : {}),
                pinned: pins.has(n.value),
            });
        }
        return map;
    }, [graph, sightings, rootKey, verdictKey, pinKey]);
    const onActivate = useCallback(
        (value: string) => {
            if (graph && value !== graph.root) onNavigate(value, trailToNode(graph, trail, value));
        },
        [graph, trail, onNavigate]
    );

    if (pivots.state === 'error') return <PanelError message={pivots.message} />;
    if (!graph) return <WaitSpinner size="medium" screenReaderText="Loading the related indicators" />;
    return (
        <div>
            <Help>
                Click an indicator to investigate it, double-click it (or focus it and press +) to add its related
                indicators. The mark on a node counts its events in your logs (red: seen; ? not counted); the trail that
                led here is outlined.
            </Help>
            {graph.omitted > 0 ? (
                <Message type="info">
                    {`${graph.omitted.toLocaleString('en-US')} related values are not shown: the graph holds ${String(graph.maxNodes)} indicators, closest relations first. Their tabs list them all.`}
                </Message>
            ) : null}
            {[...problems.values()].map((p) => (
                <Message key={p} type="warning">
                    {p}
                </Message>
            ))}
            <Suspense fallback={<WaitSpinner size="medium" screenReaderText="Loading the graph" />}>
                <GraphView graph={graph} looks={looks} loading={loading} onActivate={onActivate} onExpand={expand} />
            </Suspense>
        </div>
    );
}
