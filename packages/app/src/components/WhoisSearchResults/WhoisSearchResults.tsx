import { useMemo } from 'react';
import type { Pivot, RecordPage, WhoisRecord } from '@passivetotal/core';
import { DataTable, type Column } from '../DataTable/DataTable';
import type { CsvFile } from '../DataTable/csv';
import { DateTime } from '../DateTime/DateTime';
import { PanelStatus } from '../PanelStatus/PanelStatus';
import type { Remote } from '../PanelStatus/remote';
import { asIndicator } from '../PivotLink/as-indicator';
import { PivotLink, type PivotHandler } from '../PivotLink/PivotLink';
import type { SightingsState } from '../SightingBadge/sightings';

export interface WhoisSearchResultsProps {
    /** What was searched, for the messages: "the email jane@evil.example". */
    readonly what: string;
    readonly results: Remote<RecordPage<WhoisRecord>>;
    readonly sightings: SightingsState;
    readonly onPivot: PivotHandler;
    readonly onExport?: (file: CsvFile) => void;
    /** Why each domain is related (by normalised value), carried into the trail by its pivot. */
    readonly pivots?: ReadonlyMap<string, Pivot>;
}

const domainOf = (r: WhoisRecord) => asIndicator(r.domain)?.value;
const registrant = (r: WhoisRecord) => r.contacts.registrant?.email ?? r.contactEmail;

/** The domains whose WHOIS record names an email address or a name server, each a pivot with its sightings. */
export function WhoisSearchResults({ what, results, sightings, onPivot, onExport, pivots }: WhoisSearchResultsProps) {
    const columns = useMemo(
        (): readonly Column<WhoisRecord>[] => [
            {
                id: 'domain',
                label: 'Domain',
                value: (r) => r.domain,
                render: (r) => {
                    const target = asIndicator(r.domain);
                    return target ? (
                        <PivotLink
                            indicator={target}
                            onPivot={onPivot}
                            reason={pivots?.get(target.value)?.reasons[0]}
                        />
                    ) : (
                        r.domain
                    );
                },
            },
            { id: 'registrar', label: 'Registrar', value: (r) => r.registrar },
            { id: 'registrant', label: 'Registrant email', value: registrant },
            {
                id: 'registered',
                label: 'Registered',
                value: (r) => r.registered,
                render: (r) => <DateTime value={r.registered} />,
            },
            { id: 'ns', label: 'Name servers', value: (r) => r.nameServers.join(' ') || undefined },
        ],
        [onPivot, pivots]
    );
    return (
        <PanelStatus
            remote={results}
            what={`WHOIS records naming ${what}`}
            isEmpty={(v) => v.records.length === 0}
            emptyText={`No WHOIS record names ${what}.`}
        >
            {(v) => (
                <DataTable
                    label={`WHOIS records naming ${what}`}
                    rows={v.records}
                    columns={columns}
                    rowKey={(r, i) => `${r.domain}|${i}`}
                    pivotOf={domainOf}
                    sightings={sightings}
                    defaultSort={{ column: 'registered', dir: 'desc' }}
                    pageSize={25}
                    {...(onExport ? { onExport } : {})}
                />
            )}
        </PanelStatus>
    );
}
