import { useMemo } from 'react';
import Heading from '@splunk/react-ui/Heading';
import {
    isProviderId,
    pivotsFromResolutions,
    type Indicator,
    type PivotReason,
    type Resolution,
    type Resolutions,
    type UniqueResolutions,
} from '@passivetotal/core';
import { DataTable, type Column } from '../DataTable/DataTable';
import type { CsvFile } from '../DataTable/csv';
import { DateTime } from '../DateTime/DateTime';
import { PanelStatus } from '../PanelStatus/PanelStatus';
import type { Remote } from '../PanelStatus/remote';
import { asIndicator } from '../PivotLink/as-indicator';
import { UrlHostNote, intelSubject } from '../UrlHostNote/UrlHostNote';
import { PivotLink, type PivotHandler } from '../PivotLink/PivotLink';
import type { SightingsState } from '../SightingBadge/sightings';
import { resolutionProviders, sourceColumn } from '../SourceBadge/SourceBadge';

type UniqueRow = UniqueResolutions['records'][number];

export interface ResolutionsTabProps {
    readonly indicator: Indicator;
    readonly resolutions: Remote<Resolutions>;
    readonly unique: Remote<UniqueResolutions>;
    readonly sightings: SightingsState;
    readonly onPivot: PivotHandler;
    readonly onExport?: (file: CsvFile) => void;
}

const resolveKey = (r: Resolution, i: number) => `${r.recordHash ?? ''}|${r.resolve}|${r.recordType}|${i}`;
const pivotOfResolve = (r: { readonly resolve: string }) => asIndicator(r.resolve)?.value;
/** The sensors behind a record that are not providers (PassiveTotal's `riskiq`, `pingly`...). */
const sensorSources = (r: Resolution) => r.sources.filter((s) => !isProviderId(s)).join(', ') || undefined;

/**
 * Passive DNS: every record (answer, type, first and last seen, the providers that reported it and their sensors)
 * and the distinct answers with counts.
 */
export function ResolutionsTab({ indicator, resolutions, unique, sightings, onPivot, onExport }: ResolutionsTabProps) {
    const records = resolutions.state === 'done' ? resolutions.value.records : undefined;
    // Why each answer is a pivot, worked out only for the rows on screen: parsing every one of 10,000 records up
    // front made opening the tab slow. The first record of an answer gives its reason, as a merge would.
    const reasonOf = useMemo(() => {
        const firstRecord = new Map<string, Resolution>();
        for (const r of records ?? []) if (!firstRecord.has(r.resolve)) firstRecord.set(r.resolve, r);
        const reasons = new Map<string, PivotReason | undefined>();
        return (resolve: string): PivotReason | undefined => {
            if (!reasons.has(resolve)) {
                const record = firstRecord.get(resolve);
                const of = intelSubject(indicator);
                reasons.set(resolve, record ? pivotsFromResolutions(of, [record])[0]?.reasons[0] : undefined);
            }
            return reasons.get(resolve);
        };
    }, [indicator, records]);

    const resolveCell = useMemo(
        () => (row: { readonly resolve: string }) => {
            const target = asIndicator(row.resolve);
            if (!target) return row.resolve;
            return <PivotLink indicator={target} onPivot={onPivot} reason={reasonOf(row.resolve)} />;
        },
        [onPivot, reasonOf]
    );

    // PassiveTotal's own sensors (riskiq, pingly...); the open providers have none, so the column may be left out.
    const hasSensors = records?.some((r) => sensorSources(r) !== undefined) ?? false;
    const columns = useMemo(
        (): readonly Column<Resolution>[] => [
            { id: 'resolve', label: 'Resolve', value: (r) => r.resolve, render: resolveCell },
            { id: 'type', label: 'Type', value: (r) => r.recordType || undefined },
            {
                id: 'first',
                label: 'First seen',
                value: (r) => r.firstSeen,
                render: (r) => <DateTime value={r.firstSeen} />,
            },
            {
                id: 'last',
                label: 'Last seen',
                value: (r) => r.lastSeen,
                render: (r) => <DateTime value={r.lastSeen} />,
            },
            sourceColumn<Resolution>(resolutionProviders),
            ...(hasSensors ? [{ id: 'sources', label: 'Sensors', value: sensorSources }] : []),
        ],
        [resolveCell, hasSensors]
    );

    const uniqueColumns = useMemo(
        (): readonly Column<UniqueRow>[] => [
            { id: 'resolve', label: 'Resolve', value: (r) => r.resolve, render: resolveCell },
            { id: 'count', label: 'Times seen', value: (r) => r.count, align: 'right' },
        ],
        [resolveCell]
    );

    return (
        <>
            <UrlHostNote indicator={indicator} what="Passive DNS" />
            <Heading level={3}>Passive DNS</Heading>
            <PanelStatus remote={resolutions} what="passive DNS records" isEmpty={(v) => v.records.length === 0}>
                {(value) => (
                    <DataTable
                        label="Passive DNS"
                        rows={value.records}
                        columns={columns}
                        rowKey={resolveKey}
                        pivotOf={pivotOfResolve}
                        sightings={sightings}
                        defaultSort={{ column: 'last', dir: 'desc' }}
                        {...(onExport ? { onExport } : {})}
                    />
                )}
            </PanelStatus>
            <Heading level={3}>Unique resolutions</Heading>
            <PanelStatus remote={unique} what="unique resolutions" isEmpty={(v) => v.records.length === 0}>
                {(value) => (
                    <DataTable
                        label="Unique resolutions"
                        rows={value.records}
                        columns={uniqueColumns}
                        rowKey={(r) => r.resolve}
                        pivotOf={pivotOfResolve}
                        sightings={sightings}
                        defaultSort={{ column: 'count', dir: 'desc' }}
                        pageSize={25}
                        {...(onExport ? { onExport } : {})}
                    />
                )}
            </PanelStatus>
        </>
    );
}
