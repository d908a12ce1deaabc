import { pivotsFromResolutions, pivotsFromWhois, mergePivots, type Pivot, type Relation } from '../pivots/pivot';
import { EMPTY_TRAIL, extendTrail, type Trail } from '../pivots/investigation-trail';
import { mapPassiveDns, mapWhois } from '../providers/passivetotal/mappers';
import { parsedIndicator as ind, passiveTotalFixture as fixture, valueOf as value } from '../testing';
import {
    buildInvestigationGraph,
    carryExpansions,
    expandGraph,
    GRAPH_MAX_NODES,
    trailToNode,
    type InvestigationGraph,
} from './investigation-graph';

const pivot = (text: string, relation: Relation, words: string = relation): Pivot => ({
    indicator: ind(text),
    reasons: [{ relation, text: words, dataset: 'test' }],
});

const edgeWords = (g: InvestigationGraph): string[] =>
    g.edges.map((e) => `${e.source} -[${e.label}]-> ${e.target}${e.onTrail ? ' (trail)' : ''}`);

const start = (value: string): Trail => extendTrail(EMPTY_TRAIL, { type: ind(value).type, value });

describe('investigation graph', () => {
    it('makes the investigated indicator and each related value a node, each relation a labelled edge', () => {
        const q = ind('evil.example');
        const pivots = mergePivots(
            pivotsFromResolutions(q, value(mapPassiveDns(fixture('dns-passive'))).records),
            pivotsFromWhois(q, value(mapWhois(fixture('whois'))).records)
        );
        const g = buildInvestigationGraph(q, pivots, start('evil.example'));
        expect(g.root).toBe('evil.example');
        expect(g.nodes[0]).toMatchObject({ value: 'evil.example', type: 'domain', root: true, onTrail: true });
        expect(g.nodes.map((n) => [n.type, n.value])).toEqual(
            expect.arrayContaining([
                ['ipv4', '198.51.100.7'],
                ['ipv6', '2001:db8::7'],
                ['domain', 'ns1.example.net'],
                ['email', 'hostmaster@evil.example'],
            ])
        );
        expect(edgeWords(g)).toEqual(
            expect.arrayContaining([
                'evil.example -[resolves to]-> 198.51.100.7',
                'evil.example -[name server, name server (WHOIS)]-> ns1.example.net',
                // A contact reads from the e-mail towards the name.
                'hostmaster@evil.example -[zone contact, WHOIS contact]-> evil.example',
                'jane@evil.example -[registrant of]-> evil.example',
            ])
        );
        expect(g.nodes).toHaveLength(1 + pivots.length);
        expect(g.omitted).toBe(0);
    });

    it('draws one edge between two nodes with every relation that connects them', () => {
        const q = ind('evil.example');
        const both: Pivot = {
            indicator: ind('ns1.evil.example'),
            reasons: [
                { relation: 'name-server', text: 'name server (NS record)', dataset: 'resolutions' },
                { relation: 'whois-name-server', text: 'name server in WHOIS', dataset: 'whois' },
                { relation: 'subdomain', text: 'subdomain of evil.example', dataset: 'subdomains' },
            ],
        };
        const g = buildInvestigationGraph(q, [both], start('evil.example'));
        expect(g.edges).toHaveLength(1);
        expect(g.edges[0]).toMatchObject({
            label: 'name server, name server (WHOIS), subdomain',
            reasons: ['name server (NS record)', 'name server in WHOIS', 'subdomain of evil.example'],
        });
    });

    it('points a name that resolved to an address at the address', () => {
        const g = buildInvestigationGraph(
            ind('203.0.113.77'),
            [pivot('login-secure-update.example', 'resolved-from', 'resolved to this address (A record)')],
            start('203.0.113.77')
        );
        expect(edgeWords(g)).toEqual(['login-secure-update.example -[resolves to]-> 203.0.113.77']);
    });

    it('keeps the trail that led here as marked nodes and edges, even when the pivots no longer name them', () => {
        const trail = extendTrail(
            extendTrail(start('evil.example'), {
                type: 'ipv4',
                value: '203.0.113.77',
                via: { from: 'evil.example', relation: 'resolves-to' },
            }),
            { type: 'domain', value: 'other.example', via: { from: '203.0.113.77', relation: 'resolved-from' } }
        );
        const g = buildInvestigationGraph(ind('other.example'), [pivot('198.51.100.1', 'resolves-to')], trail);
        expect(g.root).toBe('other.example');
        expect(g.nodes.filter((n) => n.onTrail).map((n) => n.value)).toEqual([
            'evil.example',
            '203.0.113.77',
            'other.example',
        ]);
        expect(g.nodes.find((n) => n.value === '198.51.100.1')?.onTrail).toBe(false);
        expect(edgeWords(g)).toEqual([
            'evil.example -[resolves to]-> 203.0.113.77 (trail)',
            'other.example -[resolves to]-> 203.0.113.77 (trail)',
            'other.example -[resolves to]-> 198.51.100.1',
        ]);
    });

    it('merges an expansion: new related values and new relations between nodes already shown', () => {
        const g = buildInvestigationGraph(
            ind('evil.example'),
            [pivot('203.0.113.77', 'resolves-to'), pivot('mail.evil.example', 'mail-server')],
            start('evil.example')
        );
        const grown = expandGraph(g, '203.0.113.77', [
            pivot('evil.example', 'resolved-from'),
            pivot('mail.evil.example', 'resolved-from'),
            pivot('second.example', 'resolved-from'),
        ]);
        expect(grown.nodes.map((n) => n.value)).toEqual([
            'evil.example',
            '203.0.113.77',
            'mail.evil.example',
            'second.example',
        ]);
        expect(grown.nodes.find((n) => n.value === '203.0.113.77')?.expanded).toBe(true);
        expect(grown.nodes.find((n) => n.value === 'second.example')?.via).toMatchObject({ from: '203.0.113.77' });
        expect(edgeWords(grown)).toEqual([
            'evil.example -[resolves to]-> 203.0.113.77',
            'evil.example -[mail server]-> mail.evil.example',
            'mail.evil.example -[resolves to]-> 203.0.113.77',
            'second.example -[resolves to]-> 203.0.113.77',
        ]);
        // The graph it grew from is unchanged.
        expect(g.nodes).toHaveLength(3);
        expect(expandGraph(g, 'not-in-the-graph.example', [pivot('x.example', 'subdomain')])).toBe(g);
    });

    it('holds at most 500 nodes and counts the related values left out', () => {
        const many = Array.from({ length: 700 }, (_, i) =>
            pivot(`198.51.${String(Math.floor(i / 250))}.${String(i % 250)}`, 'resolves-to')
        );
        const g = buildInvestigationGraph(ind('bulk.example'), many, start('bulk.example'));
        expect(GRAPH_MAX_NODES).toBe(500);
        expect(g.nodes).toHaveLength(500);
        expect(g.omitted).toBe(201);
        // Closest relations first: the first 499 pivots are the ones shown.
        expect(g.nodes[499]?.value).toBe('198.51.1.248');
        const grown = expandGraph(g, '198.51.0.1', [pivot('new.example', 'resolved-from')]);
        expect(grown.nodes).toHaveLength(500);
        expect(grown.omitted).toBe(202);
        // A smaller cap is kept, but never below the trail.
        const small = buildInvestigationGraph(ind('bulk.example'), many, start('bulk.example'), { maxNodes: 10 });
        expect(small.nodes).toHaveLength(10);
        expect(small.maxNodes).toBe(10);
    });

    it('keeps the analyst expansions when the graph is built again, in the order they depend on each other', () => {
        const fresh = buildInvestigationGraph(
            ind('evil.example'),
            [pivot('203.0.113.77', 'resolves-to')],
            start('evil.example')
        );
        const expansions = new Map<string, readonly Pivot[]>([
            ['second.example', [pivot('198.51.100.9', 'resolves-to')]],
            ['203.0.113.77', [pivot('second.example', 'resolved-from')]],
        ]);
        const g = carryExpansions(fresh, expansions);
        expect(g.nodes.map((n) => n.value)).toEqual(['evil.example', '203.0.113.77', 'second.example', '198.51.100.9']);
    });

    it('gives a pivot to an expanded value the trail through the node that led to it, with why', () => {
        const trail = start('evil.example');
        const g = expandGraph(
            buildInvestigationGraph(ind('evil.example'), [pivot('203.0.113.77', 'resolves-to')], trail),
            '203.0.113.77',
            [pivot('second.example', 'resolved-from', 'resolved to this address (A record)')]
        );
        const next = trailToNode(g, trail, 'second.example');
        expect(next.steps).toEqual([
            { type: 'domain', value: 'evil.example' },
            { type: 'ipv4', value: '203.0.113.77', via: { from: 'evil.example', relation: 'resolves-to' } },
            { type: 'domain', value: 'second.example', via: { from: '203.0.113.77', relation: 'resolved-from' } },
        ]);
        // A node of the trail cuts the trail back to it.
        expect(trailToNode(g, next, '203.0.113.77').steps.map((s) => s.value)).toEqual([
            'evil.example',
            '203.0.113.77',
        ]);
    });

    it('keeps the words of a shared WHOIS contact in the trail, where the relation alone does not say what is shared', () => {
        const trail = start('evil.example');
        const text = 'WHOIS names the organisation Secure Update Services';
        const g = buildInvestigationGraph(
            ind('evil.example'),
            [pivot('docs.example', 'shared-whois-contact', text)],
            trail
        );
        expect(trailToNode(g, trail, 'docs.example').steps[1]).toEqual({
            type: 'domain',
            value: 'docs.example',
            via: { from: 'evil.example', relation: 'shared-whois-contact', text },
        });
    });
});
