/**
 * The investigation as a graph: indicators as nodes, the ways they relate as labelled edges. Built from the
 * investigated indicator, its pivots and the trail that led to it; grown by expanding a node with that node's own
 * pivots. Pure data: the page lays it out and draws it. A graph holds at most `maxNodes` nodes (500 by default):
 * the investigated indicator and the trail always, then related values in the order the pivots give them (closest
 * relations first); the values left out are counted, never dropped silently.
 */
import type { IndicatorType } from '../indicators/indicator';
import type { Pivot, PivotReason, Relation } from '../pivots/pivot';
import { extendTrail, type Trail, type TrailStep } from '../pivots/investigation-trail';

/** The most nodes a graph holds unless told otherwise. */
export const GRAPH_MAX_NODES = 500;

/** How one node was first reached: from which node, and why. Absent for the root and the analyst's own input. */
export interface GraphVia {
    readonly from: string;
    readonly relation: Relation;
    readonly text?: string;
}

/** One indicator of the graph. */
export interface GraphNode {
    /** The normalised indicator value; unique in the graph. */
    readonly value: string;
    readonly type: IndicatorType;
    /** The investigated indicator. */
    readonly root: boolean;
    /** A step of the trail that led to the investigated indicator. */
    readonly onTrail: boolean;
    /** Its own related values were added to the graph (the root's always are). */
    readonly expanded: boolean;
    /** How it was first reached, for a pivot that carries the reason into the trail. */
    readonly via?: GraphVia;
}

/** One relationship between two nodes, with every relation that connects them. */
export interface GraphEdge {
    /** `<source>\u0000<target>`. */
    readonly id: string;
    readonly source: string;
    readonly target: string;
    /** The relations between the two, each once, in the order met. */
    readonly relations: readonly Relation[];
    /** For people: the relations' short labels, each once ("resolves to", "host pair"). */
    readonly label: string;
    /** The reasons' own words ("resolved to (A record)"), each once. */
    readonly reasons: readonly string[];
    /** A step of the trail. */
    readonly onTrail: boolean;
}

export interface InvestigationGraph {
    /** The investigated indicator's value. */
    readonly root: string;
    readonly nodes: readonly GraphNode[];
    readonly edges: readonly GraphEdge[];
    /** The most nodes this graph holds. */
    readonly maxNodes: number;
    /** Related values left out because the graph was full. */
    readonly omitted: number;
}

/** The short label of each relation on an edge. */
export const RELATION_LABELS: Readonly<Record<Relation, string>> = {
    'resolves-to': 'resolves to',
    'resolved-from': 'resolves to',
    'name-server': 'name server',
    'mail-server': 'mail server',
    'soa-email': 'zone contact',
    'registrant-email': 'registrant of',
    'contact-email': 'WHOIS contact',
    'whois-name-server': 'name server (WHOIS)',
    'certificate-seen-on': 'certificate of',
    'certificate-on-address': 'certificate of',
    'certificate-for-name': 'certificate of',
    'certificate-name': 'name in certificate',
    'tracker-shared': 'tracker',
    'tracker-host': 'tracker',
    'parent-host': 'host pair',
    'child-host': 'host pair',
    subdomain: 'subdomain',
    'cookie-domain': 'cookie domain',
    'osint-co-mention': 'same report',
    'shared-whois-contact': 'shared WHOIS contact',
    'shared-certificate-field': 'shared certificate field',
};

/**
 * Relations read from the related value towards the indicator it was found for: a name that resolved to the
 * address, a parent host, a registrant's e-mail, a certificate on an address. The edge points that way, so its
 * label reads as a sentence ("login.example resolves to 203.0.113.77").
 */
const TOWARDS_INDICATOR: ReadonlySet<Relation> = new Set<Relation>([
    'resolved-from',
    'parent-host',
    'registrant-email',
    'contact-email',
    'soa-email',
    'certificate-seen-on',
    'certificate-for-name',
]);

export interface GraphOptions {
    /** The most nodes the graph may hold (at least the trail's). */
    readonly maxNodes?: number;
}

interface Draft {
    root: string;
    maxNodes: number;
    omitted: number;
    nodes: Map<string, GraphNode>;
    edges: Map<string, GraphEdge>;
}

function edgeKey(a: string, b: string): string {
    return `${a}\u0000${b}`;
}

/** Adds a relation between two nodes, to the edge between them in either direction (or a new one). */
function relate(draft: Draft, from: string, to: string, relation: Relation, text: string | undefined, trail: boolean) {
    if (from === to) return;
    const [source, target] = TOWARDS_INDICATOR.has(relation) ? [to, from] : [from, to];
    const existing = draft.edges.get(edgeKey(source, target)) ?? draft.edges.get(edgeKey(target, source));
    const edge: GraphEdge = existing ?? {
        id: edgeKey(source, target),
        source,
        target,
        relations: [],
        label: '',
        reasons: [],
        onTrail: false,
    };
    const relations = edge.relations.includes(relation) ? edge.relations : [...edge.relations, relation];
    const labels = [...new Set(relations.map((r) => RELATION_LABELS[r]))];
    const reasons = text === undefined || edge.reasons.includes(text) ? edge.reasons : [...edge.reasons, text];
    draft.edges.set(edge.id, { ...edge, relations, label: labels.join(', '), reasons, onTrail: edge.onTrail || trail });
}

function viaOf(from: string, reason: PivotReason): GraphVia {
    return { from, relation: reason.relation, text: reason.text };
}

/** Adds `from`'s pivots: new nodes while there is room, and every relation between nodes the graph holds. */
function addPivots(draft: Draft, from: string, pivots: readonly Pivot[]): void {
    for (const p of pivots) {
        const value = p.indicator.value;
        const [first] = p.reasons;
        if (value === from || !first) continue;
        if (!draft.nodes.has(value)) {
            if (draft.nodes.size >= draft.maxNodes) {
                draft.omitted += 1;
                continue;
            }
            draft.nodes.set(value, {
                value,
                type: p.indicator.type,
                root: false,
                onTrail: false,
                expanded: false,
                via: viaOf(from, first),
            });
        }
        for (const r of p.reasons) relate(draft, from, value, r.relation, r.text, false);
    }
}

function freeze(draft: Draft): InvestigationGraph {
    return {
        root: draft.root,
        nodes: [...draft.nodes.values()],
        edges: [...draft.edges.values()],
        maxNodes: draft.maxNodes,
        omitted: draft.omitted,
    };
}

function thaw(graph: InvestigationGraph): Draft {
    return {
        root: graph.root,
        maxNodes: graph.maxNodes,
        omitted: graph.omitted,
        nodes: new Map(graph.nodes.map((n) => [n.value, n])),
        edges: new Map(graph.edges.map((e) => [e.id, e])),
    };
}

/**
 * The graph of an investigation: the investigated indicator (`root`), the trail's steps with the relations that led
 * from one to the next (marked `onTrail`), and the root's pivots, each relation an edge.
 *
 * @example buildInvestigationGraph({ type: 'domain', value: 'evil.example' }, pivots, trail).edges[0] // { source: 'evil.example', target: '198.51.100.7', label: 'resolves to', … }
 */
export function buildInvestigationGraph(
    root: { readonly type: IndicatorType; readonly value: string },
    pivots: readonly Pivot[],
    trail: Trail,
    options: GraphOptions = {}
): InvestigationGraph {
    const steps: readonly TrailStep[] = trail.steps.some((s) => s.value === root.value)
        ? trail.steps
        : [...trail.steps, { type: root.type, value: root.value }];
    const draft: Draft = {
        root: root.value,
        maxNodes: Math.max(options.maxNodes ?? GRAPH_MAX_NODES, new Set(steps.map((s) => s.value)).size),
        omitted: 0,
        nodes: new Map(),
        edges: new Map(),
    };
    for (const s of steps) {
        const known = draft.nodes.get(s.value);
        const via = known?.via ?? s.via;
        draft.nodes.set(s.value, {
            value: s.value,
            type: s.type,
            root: s.value === root.value,
            onTrail: true,
            expanded: s.value === root.value,
            ...(via ? { via } : {}),
        });
    }
    for (const s of steps) {
        if (s.via && draft.nodes.has(s.via.from)) relate(draft, s.via.from, s.value, s.via.relation, s.via.text, true);
    }
    addPivots(draft, root.value, pivots);
    return freeze(draft);
}

/**
 * Grows a graph with the related values of one of its nodes (its pivots, as the page computes them for an
 * investigation of that node): new nodes while there is room, new relations between nodes already shown, the node
 * marked expanded. Values left out for room are added to `omitted`.
 *
 * @example expandGraph(graph, '203.0.113.77', pivotsOf203) // adds the names that resolved to 203.0.113.77
 */
export function expandGraph(graph: InvestigationGraph, value: string, pivots: readonly Pivot[]): InvestigationGraph {
    const node = graph.nodes.find((n) => n.value === value);
    if (!node) return graph;
    const draft = thaw(graph);
    draft.nodes.set(value, { ...node, expanded: true });
    addPivots(draft, value, pivots);
    return freeze(draft);
}

/**
 * Keeps the expansions of an earlier graph of the same investigation (nodes the analyst expanded, with their
 * related values) in a graph built anew, e.g. after more of the root's answers arrived.
 */
export function carryExpansions(
    fresh: InvestigationGraph,
    expansions: ReadonlyMap<string, readonly Pivot[]>
): InvestigationGraph {
    let graph = fresh;
    // An expansion can reveal the node the next one expands: repeat while one still applies.
    const pending = new Map(expansions);
    let progressed = true;
    while (pending.size > 0 && progressed) {
        progressed = false;
        for (const [value, pivots] of pending) {
            if (!graph.nodes.some((n) => n.value === value)) continue;
            graph = expandGraph(graph, value, pivots);
            pending.delete(value);
            progressed = true;
        }
    }
    return graph;
}

/**
 * The trail of a pivot to a node: the current trail, extended along the way the node was first reached from the
 * root (through the nodes the analyst expanded), each step carrying why it is related. A step already on the trail
 * cuts the trail back to it, as a click on the trail does.
 *
 * @example trailToNode(graph, trail, '198.51.100.9').steps.map((s) => s.value) // ['evil.example', '203.0.113.77', '198.51.100.9']
 */
export function trailToNode(graph: InvestigationGraph, trail: Trail, value: string): Trail {
    const index = trail.steps.findIndex((s) => s.value === value);
    if (index >= 0) return { steps: trail.steps.slice(0, index + 1) };
    const byValue = new Map(graph.nodes.map((n) => [n.value, n]));
    const path: GraphNode[] = [];
    const seen = new Set<string>();
    let node = byValue.get(value);
    while (node && !seen.has(node.value) && !trail.steps.some((s) => s.value === node?.value)) {
        seen.add(node.value);
        path.unshift(node);
        node = node.via ? byValue.get(node.via.from) : undefined;
    }
    let out = trail;
    for (const n of path) {
        const step: TrailStep = {
            type: n.type,
            value: n.value,
            ...(n.via
                ? {
                      via: {
                          from: n.via.from,
                          relation: n.via.relation,
                          // The trail keeps the words where the relation alone does not say what is shared.
                          ...(n.via.text !== undefined &&
                          (n.via.relation === 'shared-whois-contact' || n.via.relation === 'shared-certificate-field')
                              ? { text: n.via.text }
                              : {}),
                      },
                  }
                : {}),
        };
        out = extendTrail(out, step);
    }
    return out;
}
