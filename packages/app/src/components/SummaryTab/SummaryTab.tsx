import { useMemo, type MouseEvent } from 'react';
import styled from 'styled-components';
import {
    pivotsFromOsint,
    type Indicator,
    type MalwareReference,
    type OsintReference,
    type Pivot,
    type RecordPage,
    type ReputationEntry,
    type Trail,
    type TrailStep,
} from '@passivetotal/core';
import Heading from '@splunk/react-ui/Heading';
import { ExternalLink } from '../ExternalLink/ExternalLink';
import { variables } from '@splunk/themes';
import { DataTable, type Column } from '../DataTable/DataTable';
import type { CsvFile } from '../DataTable/csv';
import { DateTime } from '../DateTime/DateTime';
import { PanelStatus } from '../PanelStatus/PanelStatus';
import type { Remote } from '../PanelStatus/remote';
import { asIndicator, pivotsByValue } from '../PivotLink/as-indicator';
import { PivotLink, type PivotHandler } from '../PivotLink/PivotLink';
import { PivotValue } from '../PivotValue/PivotValue';
import { ReputationSection } from '../ReputationSection/ReputationSection';
import type { SightingsState } from '../SightingBadge/sightings';

const TrailList = styled.ol`
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    gap: ${variables.spacingXSmall};
    margin: 0 0 ${variables.spacingMedium};
    padding: 0;
    list-style: none;
    li + li::before {
        content: '→';
        margin-right: ${variables.spacingXSmall};
        color: ${variables.contentColorMuted};
    }
`;

const Via = styled.span`
    color: ${variables.contentColorMuted};
    font-size: ${variables.fontSizeSmall};
`;

const TrailAnchor = styled.a`
    color: ${variables.contentColorLink};
    font-family: ${variables.monoFontFamily};
    &:focus-visible {
        outline: 2px solid ${variables.focusColor};
    }
`;

const Mentions = styled.ul`
    margin: 0;
    padding: 0;
    list-style: none;
`;

export interface SummaryTabProps {
    readonly indicator: Indicator;
    /** Every pivot candidate of the investigation (core's `mergePivots`), with reasons. */
    readonly pivots: Remote<readonly Pivot[]>;
    readonly osint: Remote<RecordPage<OsintReference>>;
    readonly malware: Remote<RecordPage<MalwareReference>>;
    /** Each source's verdict (PassiveTotal's classification, OTX, URLhaus, ThreatFox); not shown when not given. */
    readonly reputation?: Remote<RecordPage<ReputationEntry>>;
    /** What led here; the last step is the current indicator. */
    readonly trail: Trail;
    /** Returns to a step of the trail (plain click on a step). */
    readonly onTrailStep: (step: TrailStep, index: number) => void;
    /** The href of a trail step, for middle-click (default `?indicator=`). */
    readonly trailHref?: (step: TrailStep) => string;
    readonly sightings: SightingsState;
    readonly onPivot: PivotHandler;
    readonly onExport?: (file: CsvFile) => void;
}

const defaultTrailHref = (step: TrailStep) => `?${new URLSearchParams({ indicator: step.value }).toString()}`;

function InvestigationTrail({
    trail,
    onTrailStep,
    trailHref = defaultTrailHref,
}: Pick<SummaryTabProps, 'trail' | 'onTrailStep' | 'trailHref'>) {
    if (trail.steps.length < 2) return null;
    const lastIndex = trail.steps.length - 1;
    return (
        <nav aria-label="Investigation trail">
            <TrailList>
                {trail.steps.map((step, index) => (
                    <li key={`${index}-${step.value}`}>
                        {step.via ? <Via>{step.via.text ?? step.via.relation} </Via> : null}
                        {index === lastIndex ? (
                            <span aria-current="step">{step.value}</span>
                        ) : (
                            <TrailAnchor
                                href={trailHref(step)}
                                onClick={(event: MouseEvent) => {
                                    if (
                                        event.button !== 0 ||
                                        event.metaKey ||
                                        event.ctrlKey ||
                                        event.shiftKey ||
                                        event.altKey
                                    )
                                        return;
                                    event.preventDefault();
                                    onTrailStep(step, index);
                                }}
                            >
                                {step.value}
                            </TrailAnchor>
                        )}
                    </li>
                ))}
            </TrailList>
        </nav>
    );
}

const pivotValue = (p: Pivot) => p.indicator.value;

/**
 * The investigation at a glance: the trail back to any step, each source's verdict, every related indicator with
 * why it is related and whether it occurs locally, OSINT reports and malware samples that mention the indicator.
 */
export function SummaryTab(props: SummaryTabProps) {
    const { indicator, pivots, osint, malware, reputation, sightings, onPivot, onExport } = props;
    const exportProps = onExport ? { onExport } : {};
    const osintRecords = osint.state === 'done' ? osint.value.records : undefined;
    const osintPivots = useMemo(
        () => pivotsByValue(osintRecords ? pivotsFromOsint(indicator, osintRecords) : []),
        [indicator, osintRecords]
    );

    const pivotColumns = useMemo(
        (): readonly Column<Pivot>[] => [
            {
                id: 'indicator',
                label: 'Indicator',
                value: (p) => p.indicator.value,
                render: (p) => <PivotLink indicator={p.indicator} onPivot={onPivot} reason={p.reasons[0]} />,
            },
            { id: 'type', label: 'Type', value: (p) => p.indicator.type },
            { id: 'why', label: 'Why related', value: (p) => p.reasons.map((r) => r.text).join('; ') },
            {
                id: 'last',
                label: 'Last seen',
                value: (p) => lastSeen(p),
                render: (p) => <DateTime value={lastSeen(p)} />,
            },
        ],
        [onPivot]
    );

    const osintColumns = useMemo(
        (): readonly Column<OsintReference>[] => [
            {
                id: 'source',
                label: 'Source',
                value: (r) => r.source,
                render: (r) => (r.sourceUrl ? <ExternalLink href={r.sourceUrl}>{r.source}</ExternalLink> : r.source),
            },
            { id: 'tags', label: 'Tags', value: (r) => r.tags.join(', ') || undefined },
            {
                id: 'mentions',
                label: 'Also in the report',
                value: (r) => r.inReport.join(' ') || undefined,
                render: (r) =>
                    r.inReport.length === 0 ? (
                        '—'
                    ) : (
                        <Mentions>
                            {r.inReport.map((v) => {
                                const target = asIndicator(v);
                                return (
                                    <li key={v}>
                                        {target ? (
                                            <PivotValue
                                                indicator={target}
                                                onPivot={onPivot}
                                                sightings={sightings}
                                                reason={osintPivots.get(target.value)?.reasons[0]}
                                            />
                                        ) : (
                                            v
                                        )}
                                    </li>
                                );
                            })}
                        </Mentions>
                    ),
            },
        ],
        [onPivot, sightings, osintPivots]
    );

    const malwareColumns = useMemo(
        (): readonly Column<MalwareReference>[] => [
            { id: 'sample', label: 'Sample hash', value: (r) => r.sample, render: (r) => <code>{r.sample}</code> },
            {
                id: 'source',
                label: 'Source',
                value: (r) => r.source,
                render: (r) =>
                    r.sourceUrl ? (
                        <ExternalLink href={r.sourceUrl}>{r.source ?? r.sourceUrl}</ExternalLink>
                    ) : (
                        (r.source ?? '—')
                    ),
            },
            {
                id: 'collected',
                label: 'Collected',
                value: (r) => r.collected,
                render: (r) => <DateTime value={r.collected} />,
            },
        ],
        []
    );

    return (
        <>
            <InvestigationTrail
                trail={props.trail}
                onTrailStep={props.onTrailStep}
                {...(props.trailHref ? { trailHref: props.trailHref } : {})}
            />
            {reputation ? <ReputationSection reputation={reputation} {...exportProps} /> : null}
            <Heading level={3}>Related indicators</Heading>
            <PanelStatus
                remote={pivots}
                what="related indicators"
                isEmpty={(v) => v.length === 0}
                emptyText="No related indicators yet."
            >
                {(rows) => (
                    <DataTable
                        label="Related indicators"
                        rows={rows}
                        columns={pivotColumns}
                        rowKey={(p) => `${p.indicator.type}|${p.indicator.value}`}
                        pivotOf={pivotValue}
                        sightings={sightings}
                        pageSize={25}
                        {...exportProps}
                    />
                )}
            </PanelStatus>
            <Heading level={3}>OSINT</Heading>
            <PanelStatus remote={osint} what="OSINT reports" isEmpty={(v) => v.records.length === 0}>
                {(v) => (
                    <DataTable
                        label="OSINT"
                        rows={v.records}
                        columns={osintColumns}
                        rowKey={(r, i) => `${r.sourceUrl ?? r.source}|${i}`}
                        {...exportProps}
                    />
                )}
            </PanelStatus>
            <Heading level={3}>Malware</Heading>
            <PanelStatus remote={malware} what="malware samples" isEmpty={(v) => v.records.length === 0}>
                {(v) => (
                    <DataTable
                        label="Malware"
                        rows={v.records}
                        columns={malwareColumns}
                        rowKey={(r, i) => `${r.sample}|${i}`}
                        defaultSort={{ column: 'collected', dir: 'desc' }}
                        {...exportProps}
                    />
                )}
            </PanelStatus>
        </>
    );
}

function lastSeen(p: Pivot): string | undefined {
    let latest: string | undefined;
    for (const r of p.reasons)
        if (r.lastSeen !== undefined && (latest === undefined || r.lastSeen > latest)) latest = r.lastSeen;
    return latest;
}
