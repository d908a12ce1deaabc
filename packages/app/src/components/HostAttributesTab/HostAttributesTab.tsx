import { useMemo, type ReactNode } from 'react';
import styled from 'styled-components';
import type {
    Component,
    Cookie,
    HostPair,
    HostService,
    Indicator,
    RecordPage,
    Subdomains,
    Tracker,
} from '@passivetotal/core';
import { INTERNETDB_CATEGORIES, providerLabel, trackerIndicator } from '@passivetotal/core';
import Heading from '@splunk/react-ui/Heading';
import Message from '@splunk/react-ui/Message';
import { variables } from '@splunk/themes';
import { DataTable, type Column } from '../DataTable/DataTable';
import type { CsvFile } from '../DataTable/csv';
import { DateTime } from '../DateTime/DateTime';
import { PanelStatus } from '../PanelStatus/PanelStatus';
import { done, IDLE, LOADING, type Remote } from '../PanelStatus/remote';
import { asIndicator } from '../PivotLink/as-indicator';
import { UrlHostNote, intelSubject } from '../UrlHostNote/UrlHostNote';
import { PivotLink, type PivotHandler } from '../PivotLink/PivotLink';
import type { SightingsState } from '../SightingBadge/sightings';
import { providerOf, sourceColumn } from '../SourceBadge/SourceBadge';

export interface HostAttributesTabProps {
    readonly indicator: Indicator;
    readonly components: Remote<RecordPage<Component>>;
    readonly trackers: Remote<RecordPage<Tracker>>;
    readonly parents: Remote<RecordPage<HostPair>>;
    readonly children: Remote<RecordPage<HostPair>>;
    readonly cookies: Remote<RecordPage<Cookie>>;
    readonly subdomains: Remote<Subdomains>;
    /** Open ports of an address (Shodan InternetDB); not shown when not given. */
    readonly services?: Remote<RecordPage<HostService>>;
    readonly sightings: SightingsState;
    readonly onPivot: PivotHandler;
    readonly onExport?: (file: CsvFile) => void;
}

const Terms = styled.div`
    margin-bottom: ${variables.spacingSmall};
`;

/** Providers whose data comes with terms the analyst must see beside it. */
const TERMS: Readonly<Record<string, string>> = {
    internetdb: 'non-commercial use only',
};

/** The terms of use of the providers behind the shown rows ("Shodan InternetDB: non-commercial use only"). */
function ProviderTerms({
    remotes,
}: {
    readonly remotes: readonly Remote<RecordPage<{ readonly provider?: string }>>[];
}) {
    const ids = new Set(
        remotes.flatMap((r) => (r.state === 'done' ? r.value.records.map((x) => x.provider ?? 'passivetotal') : []))
    );
    const notes = Object.entries(TERMS).filter(([id]) => ids.has(id));
    if (notes.length === 0) return null;
    return (
        <Terms>
            {notes.map(([id, words]) => (
                <Message key={id} type="info">
                    {providerLabel(id)}: {words}.
                </Message>
            ))}
        </Terms>
    );
}

interface PairRow {
    readonly pair: HostPair;
    /** The other side of the pair from the investigated host. */
    readonly other: string;
    readonly relation: 'Parent' | 'Child';
}

const seenColumns = <R extends { readonly firstSeen?: string; readonly lastSeen?: string }>(): readonly Column<R>[] => [
    { id: 'first', label: 'First seen', value: (r) => r.firstSeen, render: (r) => <DateTime value={r.firstSeen} /> },
    { id: 'last', label: 'Last seen', value: (r) => r.lastSeen, render: (r) => <DateTime value={r.lastSeen} /> },
];

function hostLink(text: string, onPivot: PivotHandler): ReactNode {
    const target = asIndicator(text);
    return target ? <PivotLink indicator={target} onPivot={onPivot} /> : text;
}

const hostPivot = (text: string) => asIndicator(text)?.value;
const pairPivot = (r: PairRow) => hostPivot(r.other);
const cookiePivot = (r: Cookie) => hostPivot(r.domain);
const trackerPivot = (r: Tracker) => trackerIndicator(r.trackerType, r.value).value;

/** Parents and children as one list: answered when either side answered; otherwise the state of the pair. */
function combinePairs(
    parents: Remote<RecordPage<HostPair>>,
    children: Remote<RecordPage<HostPair>>
): Remote<readonly PairRow[]> {
    if (parents.state === 'loading' || children.state === 'loading') return LOADING;
    if (parents.state === 'done' || children.state === 'done') {
        return done([
            ...(parents.state === 'done' ? pairRows(parents.value.records, 'Parent') : []),
            ...(children.state === 'done' ? pairRows(children.value.records, 'Child') : []),
        ]);
    }
    for (const side of [parents, children]) {
        if (side.state === 'error' || side.state === 'unavailable') return side;
    }
    return IDLE;
}

function pairRows(pairs: readonly HostPair[], relation: PairRow['relation']): readonly PairRow[] {
    return pairs.map((pair) => ({ pair, relation, other: relation === 'Parent' ? pair.parent : pair.child }));
}

/**
 * Host pairs (parents and children with cause), trackers, web components (PassiveTotal's, and the software,
 * Shodan tags, vulnerabilities and host names InternetDB reports for an address), open ports, cookies and
 * subdomains; each row with its source, and the terms of use of a source that has them.
 */
export function HostAttributesTab(props: HostAttributesTabProps) {
    const { indicator, components, trackers, parents, children, cookies, subdomains, services } = props;
    const { sightings, onPivot, onExport } = props;
    const exportProps = onExport ? { onExport } : {};

    const componentRows = components.state === 'done' ? components.value.records : [];
    const componentsSeen = componentRows.some((r) => r.firstSeen !== undefined || r.lastSeen !== undefined);
    const componentColumns = useMemo(
        (): readonly Column<Component>[] => [
            { id: 'host', label: 'Host', value: (r) => r.host, render: (r) => hostLink(r.host, onPivot) },
            { id: 'category', label: 'Category', value: (r) => r.category },
            {
                id: 'label',
                label: 'Component',
                value: (r) => r.label,
                // InternetDB's reverse host names are indicators too.
                render: (r) => (r.category === INTERNETDB_CATEGORIES.hostname ? hostLink(r.label, onPivot) : r.label),
            },
            { id: 'version', label: 'Version', value: (r) => r.version },
            ...(componentsSeen ? seenColumns<Component>() : []),
            sourceColumn<Component>(providerOf),
        ],
        [onPivot, componentsSeen]
    );
    const trackerColumns = useMemo(
        (): readonly Column<Tracker>[] => [
            { id: 'type', label: 'Tracker type', value: (r) => r.trackerType },
            {
                id: 'value',
                label: 'Tracker id',
                value: (r) => r.value,
                render: (r) => <PivotLink indicator={trackerIndicator(r.trackerType, r.value)} onPivot={onPivot} />,
            },
            { id: 'host', label: 'Host', value: (r) => r.host, render: (r) => hostLink(r.host, onPivot) },
            ...seenColumns<Tracker>(),
            sourceColumn<Tracker>(providerOf),
        ],
        [onPivot]
    );
    const pairColumns = useMemo(
        (): readonly Column<PairRow>[] => [
            { id: 'relation', label: 'Relation', value: (r) => r.relation },
            { id: 'host', label: 'Host', value: (r) => r.other, render: (r) => hostLink(r.other, onPivot) },
            { id: 'cause', label: 'Cause', value: (r) => r.pair.cause },
            {
                id: 'first',
                label: 'First seen',
                value: (r) => r.pair.firstSeen,
                render: (r) => <DateTime value={r.pair.firstSeen} />,
            },
            {
                id: 'last',
                label: 'Last seen',
                value: (r) => r.pair.lastSeen,
                render: (r) => <DateTime value={r.pair.lastSeen} />,
            },
        ],
        [onPivot]
    );
    const cookieColumns = useMemo(
        (): readonly Column<Cookie>[] => [
            { id: 'name', label: 'Cookie', value: (r) => r.name },
            { id: 'domain', label: 'Domain', value: (r) => r.domain, render: (r) => hostLink(r.domain, onPivot) },
            { id: 'host', label: 'Set by host', value: (r) => r.host, render: (r) => hostLink(r.host, onPivot) },
            ...seenColumns<Cookie>(),
        ],
        [onPivot]
    );
    // InternetDB lists bare ports: no empty services or seen columns for it.
    const serviceRows = services?.state === 'done' ? services.value.records : [];
    const hasServices = serviceRows.some((r) => r.currentServices.length > 0);
    const hasSeen = serviceRows.some((r) => r.firstSeen !== undefined || r.lastSeen !== undefined);
    const serviceColumns = useMemo(
        (): readonly Column<HostService>[] => [
            { id: 'port', label: 'Port', value: (r) => r.port, align: 'right' },
            { id: 'protocol', label: 'Protocol', value: (r) => r.protocol || undefined },
            { id: 'status', label: 'Status', value: (r) => r.status || undefined },
            ...(hasServices
                ? [
                      {
                          id: 'services',
                          label: 'Services',
                          value: (r: HostService) =>
                              r.currentServices.map((c) => [c.label, c.version].filter(Boolean).join(' ')).join(', ') ||
                              undefined,
                      },
                  ]
                : []),
            ...(hasSeen ? seenColumns<HostService>() : []),
            sourceColumn<HostService>(providerOf),
        ],
        [hasServices, hasSeen]
    );
    const subdomainColumns = useMemo(
        (): readonly Column<string>[] => [
            { id: 'host', label: 'Host name', value: (h) => h, render: (h) => hostLink(h, onPivot) },
        ],
        [onPivot]
    );

    const pairs = useMemo(() => combinePairs(parents, children), [parents, children]);

    return (
        <>
            <UrlHostNote indicator={indicator} what="Host attributes" />
            <Heading level={3}>Host pairs</Heading>
            <PanelStatus remote={pairs} what="host pairs" isEmpty={(v) => v.length === 0}>
                {(rows) => (
                    <DataTable
                        label="Host pairs"
                        rows={rows}
                        columns={pairColumns}
                        rowKey={(r, i) => `${r.relation}|${r.other}|${r.pair.cause}|${i}`}
                        pivotOf={pairPivot}
                        sightings={sightings}
                        defaultSort={{ column: 'last', dir: 'desc' }}
                        {...exportProps}
                    />
                )}
            </PanelStatus>
            <Heading level={3}>Trackers</Heading>
            <PanelStatus remote={trackers} what="trackers" isEmpty={(v) => v.records.length === 0}>
                {(v) => (
                    <DataTable
                        label="Trackers"
                        rows={v.records}
                        columns={trackerColumns}
                        rowKey={(r, i) => `${r.trackerType}|${r.value}|${r.host}|${i}`}
                        pivotOf={trackerPivot}
                        sightings={sightings}
                        {...exportProps}
                    />
                )}
            </PanelStatus>
            <Heading level={3}>Components</Heading>
            <ProviderTerms remotes={[components, ...(services ? [services] : [])]} />
            <PanelStatus remote={components} what="web components" isEmpty={(v) => v.records.length === 0}>
                {(v) => (
                    <DataTable
                        label="Components"
                        rows={v.records}
                        columns={componentColumns}
                        rowKey={(r, i) => `${r.host}|${r.label}|${r.version ?? ''}|${i}`}
                        {...exportProps}
                    />
                )}
            </PanelStatus>
            {services ? (
                <>
                    <Heading level={3}>Open ports</Heading>
                    <PanelStatus remote={services} what="open ports" isEmpty={(v) => v.records.length === 0}>
                        {(v) => (
                            <DataTable
                                label="Open ports"
                                rows={v.records}
                                columns={serviceColumns}
                                rowKey={(r, i) => `${String(r.port)}|${r.protocol}|${String(i)}`}
                                defaultSort={{ column: 'port', dir: 'asc' }}
                                pageSize={25}
                                {...exportProps}
                            />
                        )}
                    </PanelStatus>
                </>
            ) : null}
            <Heading level={3}>Cookies</Heading>
            <PanelStatus remote={cookies} what="cookies" isEmpty={(v) => v.records.length === 0}>
                {(v) => (
                    <DataTable
                        label="Cookies"
                        rows={v.records}
                        columns={cookieColumns}
                        rowKey={(r, i) => `${r.host}|${r.name}|${r.domain}|${i}`}
                        pivotOf={cookiePivot}
                        sightings={sightings}
                        {...exportProps}
                    />
                )}
            </PanelStatus>
            {intelSubject(indicator).type === 'domain' || subdomains.state !== 'idle' ? (
                <>
                    <Heading level={3}>Subdomains</Heading>
                    <PanelStatus remote={subdomains} what="subdomains" isEmpty={(v) => v.hostnames.length === 0}>
                        {(v) => (
                            <DataTable
                                label="Subdomains"
                                rows={v.hostnames}
                                columns={subdomainColumns}
                                rowKey={(h) => h}
                                pivotOf={hostPivot}
                                sightings={sightings}
                                pageSize={25}
                                {...exportProps}
                            />
                        )}
                    </PanelStatus>
                </>
            ) : null}
        </>
    );
}
