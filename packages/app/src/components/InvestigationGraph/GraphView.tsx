/**
 * The drawing of the investigation graph, loaded on demand with d3-force (its own chunk, so the page's eager script
 * does not grow). SVG, one element per node and per relationship, laid out once before it is drawn: 500 nodes are
 * one render, not an animation. Wheel zooms, dragging the background pans, *Fit* shows the whole graph again.
 */
import { memo, useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import styled from 'styled-components';
import Button from '@splunk/react-ui/Button';
import { variables } from '@splunk/themes';
import { indicatorTypeLabel, type GraphEdge, type GraphNode, type InvestigationGraph } from '@passivetotal/core';
import { testIds } from '../../selectors';
import { layoutGraph, NODE_RADIUS, type Point } from './graph-layout';
import { NOT_COUNTED, type NodeLook } from './node-look';

/** The colour of each indicator type (the same in light and dark themes: both read them on the node's ring). */
const TYPE_COLOURS: Readonly<Record<GraphNode['type'], string>> = {
    ipv4: '#2f7fd6',
    ipv6: '#2f7fd6',
    domain: '#3c9a4b',
    url: '#16989f',
    email: '#8e5cc7',
    sha1: '#d07a12',
    tracker: '#7c8591',
};

/** The short type word inside a node. */
const TYPE_SHORT: Readonly<Record<GraphNode['type'], string>> = {
    ipv4: 'IP',
    ipv6: 'IP6',
    domain: 'DNS',
    url: 'URL',
    email: '@',
    sha1: 'SSL',
    tracker: 'ID',
};

const VERDICT_COLOURS: Readonly<Record<string, string>> = {
    malicious: '#d6363f',
    suspicious: '#e39b19',
    benign: '#3c9a4b',
};

/** Above this many edges, labels show only on the trail and around the node under the pointer or focus. */
const ALL_LABELS_UP_TO = 16;

/** A click waits this long for a second click before it pivots (a double click expands instead). */
const DOUBLE_CLICK_MS = 250;

const Frame = styled.div`
    position: relative;
    height: 620px;
    border: 1px solid ${variables.borderColor};
    border-radius: ${variables.borderRadius};
    background: ${variables.backgroundColorPage};
    overflow: hidden;
    touch-action: none;
`;

const Tools = styled.div`
    position: absolute;
    top: ${variables.spacingSmall};
    right: ${variables.spacingSmall};
    display: flex;
    gap: ${variables.spacingXSmall};
`;

const Svg = styled.svg`
    width: 100%;
    height: 100%;
    cursor: grab;
    user-select: none;
    font-family: ${variables.sansFontFamily};
    .node {
        cursor: pointer;
    }
    .node:focus {
        outline: none;
    }
    .node:focus > circle.body,
    .node:hover > circle.body {
        stroke-width: 4;
    }
    text {
        fill: ${variables.contentColorDefault};
    }
    .muted {
        fill: ${variables.contentColorMuted};
    }
    .edge {
        stroke: ${variables.borderColor};
    }
    .edge-label {
        fill: ${variables.contentColorMuted};
        paint-order: stroke;
        stroke: ${variables.backgroundColorPage};
        stroke-width: 3px;
    }
    .trail {
        stroke: ${variables.accentColorWarning};
    }
`;

interface View {
    readonly x: number;
    readonly y: number;
    readonly scale: number;
}

/** The view that shows every position in a frame of `width` × `height`. */
function fitted(positions: ReadonlyMap<string, Point>, width: number, height: number): View {
    const xs = [...positions.values()].map((p) => p.x);
    const ys = [...positions.values()].map((p) => p.y);
    if (xs.length === 0) return { x: width / 2, y: height / 2, scale: 1 };
    const pad = 80;
    const [minX, maxX, minY, maxY] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
    const scale = Math.min(1.4, (width - pad) / Math.max(1, maxX - minX), (height - pad) / Math.max(1, maxY - minY));
    return { scale, x: width / 2 - ((minX + maxX) / 2) * scale, y: height / 2 - ((minY + maxY) / 2) * scale };
}

function short(value: string): string {
    return value.length > 28 ? `${value.slice(0, 12)}…${value.slice(-12)}` : value;
}

interface NodeProps {
    readonly node: GraphNode;
    readonly at: Point;
    readonly look: NodeLook;
    readonly loading: boolean;
    readonly onActivate: (value: string) => void;
    readonly onExpand: (value: string) => void;
    readonly onHover: (value: string | undefined) => void;
}

/** The sightings mark's text and whether it stands out (seen in local events). */
function markOf(look: NodeLook): { text: string; seen: boolean; words: string } {
    const s = look.sighting;
    switch (s.state) {
        case 'counted':
            return {
                text: s.count > 999 ? `${String(Math.floor(s.count / 1000))}k` : String(s.count),
                seen: s.count > 0,
                words: s.count > 0 ? `seen ${String(s.count)} times in local events` : 'not seen in local events',
            };
        case 'not-counted':
            return { text: '?', seen: false, words: s.reason };
        default:
            return { text: '…', seen: false, words: 'checking local events' };
    }
}

const Node = memo(function Node({ node, at, look, loading, onActivate, onExpand, onHover }: NodeProps) {
    const timer = useRef<ReturnType<typeof setTimeout>>();
    useEffect(() => () => clearTimeout(timer.current), []);
    const mark = markOf(look);
    const colour = TYPE_COLOURS[node.type];
    const verdictColour = look.verdict ? VERDICT_COLOURS[look.verdict] : undefined;
    const r = node.root ? NODE_RADIUS + 4 : NODE_RADIUS;
    const sightings = look.sighting.state === 'counted' ? String(look.sighting.count) : look.sighting.state;
    const label = `${node.value}, ${indicatorTypeLabel(node.type)}${look.verdict ? `, verdict ${look.verdict}` : ''}, ${mark.words}${node.onTrail ? ', on the trail' : ''}. Enter investigates it${node.expanded ? '' : '; plus adds its related indicators'}.`;
    return (
        <g
            className="node"
            transform={`translate(${at.x.toFixed(1)},${at.y.toFixed(1)})`}
            data-test={testIds.graphNode}
            data-indicator={node.value}
            data-type={node.type}
            data-sightings={sightings === 'idle' ? 'pending' : sightings}
            data-root={node.root ? 'true' : 'false'}
            data-trail={node.onTrail ? 'true' : 'false'}
            data-expanded={node.expanded ? 'true' : 'false'}
            data-pinned={look.pinned ? 'true' : 'false'}
            {...(look.verdict ? { 'data-verdict': look.verdict } : {})}
            role="button"
            tabIndex={0}
            aria-label={label}
            onPointerDown={(e) => e.stopPropagation()}
            onPointerEnter={() => onHover(node.value)}
            onPointerLeave={() => onHover(undefined)}
            onFocus={() => onHover(node.value)}
            onBlur={() => onHover(undefined)}
            onClick={() => {
                clearTimeout(timer.current);
                timer.current = setTimeout(() => onActivate(node.value), DOUBLE_CLICK_MS);
            }}
            onDoubleClick={() => {
                clearTimeout(timer.current);
                onExpand(node.value);
            }}
            onKeyDown={(e: KeyboardEvent) => {
                if (e.key === 'Enter') onActivate(node.value);
                else if (e.key === '+') onExpand(node.value);
            }}
        >
            <title>{`${node.value} (${indicatorTypeLabel(node.type)}): ${mark.words}`}</title>
            {node.onTrail ? (
                <circle r={r + 6} fill="none" stroke={VERDICT_COLOURS['suspicious']} strokeWidth={3} />
            ) : null}
            <circle
                className="body"
                r={r}
                fill={verdictColour ?? colour}
                fillOpacity={verdictColour ? 0.9 : 0.18}
                stroke={colour}
                strokeWidth={2}
                strokeDasharray={loading ? '4 3' : undefined}
            />
            <text textAnchor="middle" dy="0.35em" fontSize={node.type === 'ipv6' ? 8 : 9} fontWeight="bold">
                {TYPE_SHORT[node.type]}
            </text>
            <text textAnchor="middle" y={r + 13} fontSize={11} fontWeight={node.root ? 'bold' : 'normal'}>
                {`${look.pinned ? '★ ' : ''}${short(node.value)}`}
            </text>
            {look.verdict ? (
                <text className="muted" textAnchor="middle" y={r + 25} fontSize={10}>
                    {look.verdict}
                </text>
            ) : null}
            <g transform={`translate(${String(r * 0.8)},${String(-r * 0.8)})`} data-state={look.sighting.state}>
                <circle
                    r={8}
                    fill={mark.seen ? '#d6363f' : 'none'}
                    stroke={mark.seen ? '#d6363f' : '#8a8f96'}
                    strokeDasharray={look.sighting.state === 'not-counted' ? '2 2' : undefined}
                />
                <text
                    textAnchor="middle"
                    dy="0.35em"
                    fontSize={8}
                    fontWeight="bold"
                    style={mark.seen ? { fill: '#fff' } : undefined}
                    className={mark.seen ? undefined : 'muted'}
                >
                    {mark.text}
                </text>
            </g>
        </g>
    );
});

interface EdgeProps {
    readonly edge: GraphEdge;
    readonly from: Point;
    readonly to: Point;
    readonly labelled: boolean;
}

const Edge = memo(function Edge({ edge, from, to, labelled }: EdgeProps) {
    const dx = to.x - from.x;
    const dy = to.y - from.y;
    const length = Math.max(1, Math.hypot(dx, dy));
    // The arrow stops at the target's rim.
    const end = { x: to.x - (dx / length) * (NODE_RADIUS + 3), y: to.y - (dy / length) * (NODE_RADIUS + 3) };
    const angle = (Math.atan2(dy, dx) * 180) / Math.PI;
    const upright = angle > 90 || angle < -90 ? angle + 180 : angle;
    const mid = { x: (from.x + to.x) / 2, y: (from.y + to.y) / 2 };
    return (
        <g
            data-test={testIds.graphEdge}
            data-source={edge.source}
            data-target={edge.target}
            data-relations={edge.relations.join(' ')}
            data-trail={edge.onTrail ? 'true' : 'false'}
        >
            <title>{`${edge.source} → ${edge.target}: ${edge.reasons.join('; ') || edge.label}`}</title>
            <line
                className={edge.onTrail ? 'edge trail' : 'edge'}
                x1={from.x}
                y1={from.y}
                x2={end.x}
                y2={end.y}
                strokeWidth={edge.onTrail ? 3 : 1.2}
                markerEnd={edge.onTrail ? 'url(#graph-arrow-trail)' : 'url(#graph-arrow)'}
            />
            {labelled ? (
                <text
                    className="edge-label"
                    fontSize={9}
                    textAnchor="middle"
                    dy={-3}
                    transform={`translate(${mid.x.toFixed(1)},${mid.y.toFixed(1)}) rotate(${upright.toFixed(1)})`}
                >
                    {edge.label}
                </text>
            ) : null}
        </g>
    );
});

export interface GraphViewProps {
    readonly graph: InvestigationGraph;
    /** What each node shows beside its value and type (sightings, verdict, pinned), by value; kept stable. */
    readonly looks: ReadonlyMap<string, NodeLook>;
    /** Nodes whose related indicators are being asked. */
    readonly loading: ReadonlySet<string>;
    /** A click (or Enter): investigate the node. */
    readonly onActivate: (value: string) => void;
    /** A double click (or +): add the node's related indicators. */
    readonly onExpand: (value: string) => void;
}

/** The investigation graph, laid out and drawn; `data-ready="true"` once drawn. */
export default function GraphView({ graph, looks, loading, onActivate, onExpand }: GraphViewProps) {
    const frame = useRef<HTMLDivElement>(null);
    const previous = useRef<ReadonlyMap<string, Point>>(new Map());
    const positions = useMemo(() => {
        const next = layoutGraph(graph, previous.current);
        previous.current = next;
        return next;
    }, [graph]);
    const [view, setView] = useState<View>();
    const [hovered, setHovered] = useState<string>();
    const fit = useCallback(() => {
        const box = frame.current?.getBoundingClientRect();
        setView(fitted(positions, box?.width || 960, box?.height || 620));
    }, [positions]);
    // The first layout is fitted to the frame; a grown graph keeps the analyst's zoom and pan.
    useEffect(() => {
        if (view === undefined) fit();
    }, [view, fit]);

    const drag = useRef<{ x: number; y: number; view: View }>();
    const onPointerDown = (e: PointerEvent<SVGSVGElement>) => {
        if (!view) return;
        drag.current = { x: e.clientX, y: e.clientY, view };
        e.currentTarget.setPointerCapture(e.pointerId);
    };
    const onPointerMove = (e: PointerEvent<SVGSVGElement>) => {
        const d = drag.current;
        if (d) setView({ ...d.view, x: d.view.x + e.clientX - d.x, y: d.view.y + e.clientY - d.y });
    };
    const onPointerUp = () => {
        drag.current = undefined;
    };
    useEffect(() => {
        const el = frame.current;
        if (!el) return undefined;
        const onWheel = (e: WheelEvent) => {
            e.preventDefault();
            const box = el.getBoundingClientRect();
            const [px, py] = [e.clientX - box.left, e.clientY - box.top];
            setView((v) => {
                if (!v) return v;
                const scale = Math.min(4, Math.max(0.1, v.scale * Math.exp(-e.deltaY / 500)));
                const k = scale / v.scale;
                return { scale, x: px - (px - v.x) * k, y: py - (py - v.y) * k };
            });
        };
        el.addEventListener('wheel', onWheel, { passive: false });
        return () => el.removeEventListener('wheel', onWheel);
    }, []);

    const allLabels = graph.edges.length <= ALL_LABELS_UP_TO;
    const origin: Point = { x: 0, y: 0 };
    return (
        <Frame ref={frame}>
            <Svg
                data-test={testIds.graph}
                data-nodes={graph.nodes.length}
                data-edges={graph.edges.length}
                data-omitted={graph.omitted}
                data-ready={view ? 'true' : 'false'}
                role="group"
                aria-label={`Investigation graph of ${graph.root}: ${String(graph.nodes.length)} indicators, ${String(graph.edges.length)} relationships`}
                onPointerDown={onPointerDown}
                onPointerMove={onPointerMove}
                onPointerUp={onPointerUp}
                onPointerCancel={onPointerUp}
            >
                <defs>
                    <marker
                        id="graph-arrow"
                        viewBox="0 0 10 10"
                        refX="9"
                        refY="5"
                        markerWidth="6"
                        markerHeight="6"
                        orient="auto"
                    >
                        <path d="M0,0 L10,5 L0,10 z" fill="#8a8f96" />
                    </marker>
                    <marker
                        id="graph-arrow-trail"
                        viewBox="0 0 10 10"
                        refX="9"
                        refY="5"
                        markerWidth="4"
                        markerHeight="4"
                        orient="auto"
                    >
                        <path d="M0,0 L10,5 L0,10 z" fill="#e39b19" />
                    </marker>
                </defs>
                {view ? (
                    <g
                        transform={`translate(${view.x.toFixed(1)},${view.y.toFixed(1)}) scale(${view.scale.toFixed(4)})`}
                    >
                        {graph.edges.map((e) => (
                            <Edge
                                key={e.id}
                                edge={e}
                                from={positions.get(e.source) ?? origin}
                                to={positions.get(e.target) ?? origin}
                                labelled={allLabels || e.onTrail || e.source === hovered || e.target === hovered}
                            />
                        ))}
                        {graph.nodes.map((n) => (
                            <Node
                                key={n.value}
                                node={n}
                                at={positions.get(n.value) ?? origin}
                                look={looks.get(n.value) ?? NOT_COUNTED}
                                loading={loading.has(n.value)}
                                onActivate={onActivate}
                                onExpand={onExpand}
                                onHover={setHovered}
                            />
                        ))}
                    </g>
                ) : null}
            </Svg>
            <Tools>
                <Button appearance="secondary" label="Fit" onClick={fit} />
            </Tools>
        </Frame>
    );
}
