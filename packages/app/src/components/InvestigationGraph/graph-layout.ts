/**
 * Where each node of the investigation graph sits: a force layout (d3-force) run to rest before anything is drawn,
 * so the page renders the graph once instead of animating 500 nodes. Nodes already placed keep their place when the
 * graph grows; a new node starts beside the node it was reached from.
 */
import {
    forceCollide,
    forceLink,
    forceManyBody,
    forceSimulation,
    forceX,
    forceY,
    type SimulationLinkDatum,
    type SimulationNodeDatum,
} from 'd3-force';
import type { InvestigationGraph } from '@passivetotal/core';

export interface Point {
    readonly x: number;
    readonly y: number;
}

interface LayoutNode extends SimulationNodeDatum {
    readonly id: string;
}

/** The node's radius in the drawing; the layout keeps nodes this far apart at least. */
export const NODE_RADIUS = 14;

/** A spot on a small spiral around `centre`, so new nodes do not start on top of each other. */
function around(centre: Point, i: number): Point {
    const angle = i * 2.399963; // the golden angle spreads points evenly
    const r = 40 + 6 * Math.sqrt(i);
    return { x: centre.x + r * Math.cos(angle), y: centre.y + r * Math.sin(angle) };
}

/**
 * Positions of every node of `graph`, starting from `previous` (the positions of the graph it grew from).
 *
 * @example const positions = layoutGraph(graph, new Map()); positions.get(graph.root) // { x: 0, y: 0 }
 */
export function layoutGraph(graph: InvestigationGraph, previous: ReadonlyMap<string, Point>): Map<string, Point> {
    const byValue = new Map(graph.nodes.map((n) => [n.value, n]));
    const placed = new Map<string, Point>();
    const children = new Map<string, number>();
    const nodes: LayoutNode[] = graph.nodes.map((n) => {
        const known = previous.get(n.value);
        if (known) {
            placed.set(n.value, known);
            return { id: n.value, x: known.x, y: known.y };
        }
        return { id: n.value };
    });
    // New nodes start around the node they were reached from (placed first, so chains of expansions work).
    for (const node of nodes) {
        if (node.x !== undefined) continue;
        const from = byValue.get(node.id)?.via?.from;
        const centre = (from === undefined ? undefined : placed.get(from)) ?? { x: 0, y: 0 };
        const i = (children.get(from ?? '') ?? 0) + 1;
        children.set(from ?? '', i);
        const p = node.id === graph.root && previous.size === 0 ? { x: 0, y: 0 } : around(centre, i);
        node.x = p.x;
        node.y = p.y;
        placed.set(node.id, p);
    }
    const links: SimulationLinkDatum<LayoutNode>[] = graph.edges.map((e) => ({ source: e.source, target: e.target }));
    const fresh = nodes.length - previous.size;
    const simulation = forceSimulation(nodes)
        .force(
            'link',
            forceLink<LayoutNode, SimulationLinkDatum<LayoutNode>>(links)
                .id((d) => d.id)
                .distance(150)
                .strength(0.6)
        )
        .force('charge', forceManyBody<LayoutNode>().strength(-400).distanceMax(700).theta(0.9))
        .force('collide', forceCollide<LayoutNode>(NODE_RADIUS * 3.4))
        .force('x', forceX<LayoutNode>(0).strength(0.03))
        .force('y', forceY<LayoutNode>(0).strength(0.03))
        // Growing a laid-out graph only settles the newcomers; a first layout cools faster the larger it is.
        .alpha(previous.size > 0 ? Math.min(0.6, 0.1 + fresh / Math.max(1, nodes.length)) : 1)
        .alphaDecay(nodes.length > 200 ? 0.06 : 0.035)
        .stop();
    const root = nodes.find((n) => n.id === graph.root);
    if (root && previous.size === 0) {
        root.fx = 0;
        root.fy = 0;
    }
    const ticks = Math.ceil(Math.log(simulation.alphaMin()) / Math.log(1 - simulation.alphaDecay()));
    for (let i = 0; i < ticks && simulation.alpha() > simulation.alphaMin(); i++) simulation.tick();
    return new Map(nodes.map((n) => [n.id, { x: n.x ?? 0, y: n.y ?? 0 }]));
}
