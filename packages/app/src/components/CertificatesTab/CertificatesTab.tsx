import { useMemo, type ReactNode } from 'react';
import {
    pivotsFromCertificateHistory,
    pivotsFromCertificatesForName,
    type Certificate,
    type CertificateSighting,
    type Indicator,
    type Pivot,
    type RecordPage,
} from '@passivetotal/core';
import Button from '@splunk/react-ui/Button';
import Heading from '@splunk/react-ui/Heading';
import { DataTable, type Column } from '../DataTable/DataTable';
import type { CsvFile } from '../DataTable/csv';
import { DateTime } from '../DateTime/DateTime';
import { PanelStatus } from '../PanelStatus/PanelStatus';
import type { Remote } from '../PanelStatus/remote';
import { asIndicator, pivotsByValue } from '../PivotLink/as-indicator';
import { PivotLink, type PivotHandler } from '../PivotLink/PivotLink';
import type { SightingsState } from '../SightingBadge/sightings';
import { CertificateDetails } from './CertificateDetails';

const MAX_INLINE_LINKS = 3;

export interface CertificatesTabProps {
    readonly indicator: Indicator;
    /** Certificates seen on the address, or addresses the certificate was seen on. */
    readonly history: Remote<RecordPage<CertificateSighting>>;
    /**
     * Certificates naming the indicator (a domain or host name), as full records. When given, the tab lists these
     * instead of the history, and the details of the selected one come from its record (no `details` needed).
     */
    readonly certificates?: Remote<RecordPage<Certificate>> | undefined;
    /** The SHA-1 whose details are shown (the indicator itself for a SHA-1). */
    readonly selectedSha1?: string | undefined;
    readonly onSelectCertificate: (sha1: string) => void;
    /** Details of the selected certificate (history mode). */
    readonly details: Remote<RecordPage<Certificate>>;
    readonly sightings: SightingsState;
    readonly onPivot: PivotHandler;
    readonly onExport?: (file: CsvFile) => void;
}

type PivotsByValue = ReadonlyMap<string, Pivot>;

/** Values as pivot links, the first few inline and "and N more". */
function inlineLinks(values: readonly string[], pivots: PivotsByValue, onPivot: PivotHandler): ReactNode {
    if (values.length === 0) return '—';
    const shown = values.slice(0, MAX_INLINE_LINKS).map((v) => {
        const target = asIndicator(v);
        return (
            <div key={v}>
                {target ? (
                    <PivotLink indicator={target} onPivot={onPivot} reason={pivots.get(target.value)?.reasons[0]} />
                ) : (
                    v
                )}
            </div>
        );
    });
    const more = values.length - MAX_INLINE_LINKS;
    return (
        <>
            {shown}
            {more > 0 ? <div>and {more} more</div> : null}
        </>
    );
}

/** The columns every certificate list starts with (SHA-1 as a pivot link) and ends with (the details button). */
function sha1Column<R extends { readonly sha1: string }>(pivots: PivotsByValue, onPivot: PivotHandler): Column<R> {
    return {
        id: 'sha1',
        label: 'SHA-1',
        value: (r) => r.sha1,
        render: (r) => {
            const target = asIndicator(r.sha1);
            return target ? (
                <PivotLink indicator={target} onPivot={onPivot} reason={pivots.get(target.value)?.reasons[0]}>
                    <code>{r.sha1}</code>
                </PivotLink>
            ) : (
                r.sha1
            );
        },
    };
}

function detailsColumn<R extends { readonly sha1: string }>(
    selectedSha1: string | undefined,
    onSelect: (sha1: string) => void
): Column<R> {
    return {
        id: 'details',
        label: 'Details',
        sortable: false,
        unfiltered: true,
        value: () => undefined,
        render: (r) => (
            <Button
                appearance={r.sha1 === selectedSha1 ? 'primary' : 'secondary'}
                label={r.sha1 === selectedSha1 ? 'Shown' : 'Show'}
                aria-label={`Show details of certificate ${r.sha1}`}
                aria-pressed={r.sha1 === selectedSha1}
                onClick={() => onSelect(r.sha1)}
            />
        ),
    };
}

function seenColumns<R extends { readonly firstSeen?: string; readonly lastSeen?: string }>(): Column<R>[] {
    return [
        {
            id: 'first',
            label: 'First seen',
            value: (r) => r.firstSeen,
            render: (r) => <DateTime value={r.firstSeen} />,
        },
        { id: 'last', label: 'Last seen', value: (r) => r.lastSeen, render: (r) => <DateTime value={r.lastSeen} /> },
    ];
}

const bySha1 = (r: { readonly sha1: string }) => r.sha1;

/** The certificates naming a domain or host name, and the full details of the selected one (from its record). */
function CertificatesForName({
    indicator,
    certificates,
    selectedSha1,
    onSelectCertificate,
    sightings,
    onPivot,
    onExport,
}: Omit<CertificatesTabProps, 'certificates' | 'history' | 'details'> & {
    readonly certificates: Remote<RecordPage<Certificate>>;
}) {
    const records = certificates.state === 'done' ? certificates.value.records : undefined;
    const pivots = useMemo(
        () => pivotsByValue(records ? pivotsFromCertificatesForName(indicator, records) : []),
        [indicator, records]
    );
    const columns = useMemo(
        (): readonly Column<Certificate>[] => [
            sha1Column(pivots, onPivot),
            {
                id: 'subject',
                label: 'Subject CN',
                value: (r) => r.subject.commonName,
                render: (r) => inlineLinks(r.subject.commonName ? [r.subject.commonName] : [], pivots, onPivot),
            },
            {
                id: 'issuer',
                label: 'Issuer',
                value: (r) => r.issuer.commonName ?? r.issuer.organizationName,
            },
            { id: 'issued', label: 'Valid from', value: (r) => r.issued, render: (r) => <DateTime value={r.issued} /> },
            {
                id: 'expires',
                label: 'Valid until',
                value: (r) => r.expires,
                render: (r) => <DateTime value={r.expires} />,
            },
            {
                id: 'sans',
                label: 'Subject alternative names',
                value: (r) => r.subjectAlternativeNames.join(' ') || undefined,
                render: (r) => inlineLinks(r.subjectAlternativeNames, pivots, onPivot),
            },
            ...seenColumns<Certificate>(),
            detailsColumn<Certificate>(selectedSha1, onSelectCertificate),
        ],
        [onPivot, pivots, selectedSha1, onSelectCertificate]
    );
    const selected = selectedSha1 === undefined ? undefined : records?.find((c) => c.sha1 === selectedSha1);

    return (
        <>
            <Heading level={3}>Certificates naming {indicator.display}</Heading>
            <PanelStatus remote={certificates} what="certificates" isEmpty={(v) => v.records.length === 0}>
                {(value) => (
                    <DataTable
                        label="Certificates naming the host"
                        rows={value.records}
                        columns={columns}
                        rowKey={(r, i) => `${r.sha1}|${i}`}
                        pivotOf={bySha1}
                        sightings={sightings}
                        defaultSort={{ column: 'last', dir: 'desc' }}
                        {...(onExport ? { onExport } : {})}
                    />
                )}
            </PanelStatus>
            {selected ? <CertificateDetails cert={selected} sightings={sightings} onPivot={onPivot} /> : null}
        </>
    );
}

/** Certificate history of an address, or the addresses of a certificate, and the details of the selected one. */
function CertificateHistory({
    indicator,
    history,
    selectedSha1,
    onSelectCertificate,
    details,
    sightings,
    onPivot,
    onExport,
}: Omit<CertificatesTabProps, 'certificates'>) {
    const records = history.state === 'done' ? history.value.records : undefined;
    const pivots = useMemo(
        () => pivotsByValue(records ? pivotsFromCertificateHistory(indicator, records) : []),
        [indicator, records]
    );
    const columns = useMemo(
        (): readonly Column<CertificateSighting>[] => [
            sha1Column(pivots, onPivot),
            ...seenColumns<CertificateSighting>(),
            {
                id: 'ips',
                label: 'IP addresses',
                value: (r) => r.ipAddresses.join(' ') || undefined,
                render: (r) => inlineLinks(r.ipAddresses, pivots, onPivot),
            },
            {
                id: 'domains',
                label: 'Domains',
                value: (r) => r.domains.join(' ') || undefined,
                render: (r) => inlineLinks(r.domains, pivots, onPivot),
            },
            detailsColumn<CertificateSighting>(selectedSha1, onSelectCertificate),
        ],
        [onPivot, pivots, selectedSha1, onSelectCertificate]
    );

    return (
        <>
            <Heading level={3}>
                {indicator.type === 'sha1' ? 'Where this certificate was seen' : 'Certificate history'}
            </Heading>
            <PanelStatus remote={history} what="certificate history" isEmpty={(v) => v.records.length === 0}>
                {(value) => (
                    <DataTable
                        label="Certificate history"
                        rows={value.records}
                        columns={columns}
                        rowKey={(r, i) => `${r.sha1}|${i}`}
                        {...(indicator.type === 'sha1' ? {} : { pivotOf: bySha1 })}
                        sightings={sightings}
                        defaultSort={{ column: 'last', dir: 'desc' }}
                        {...(onExport ? { onExport } : {})}
                    />
                )}
            </PanelStatus>
            {selectedSha1 === undefined ? null : (
                <PanelStatus
                    remote={details}
                    what="certificate details"
                    isEmpty={(v) => v.records.length === 0}
                    emptyText={`No details for certificate ${selectedSha1}.`}
                >
                    {(value) => (
                        <CertificateDetails
                            cert={
                                value.records.find((c) => c.sha1 === selectedSha1) ?? (value.records[0] as Certificate)
                            }
                            sightings={sightings}
                            onPivot={onPivot}
                        />
                    )}
                </PanelStatus>
            )}
        </>
    );
}

/**
 * The Certificates tab. For an address or a SHA-1: the certificate history (certificates seen on the address, or
 * the addresses of the certificate) and the full details of the selected certificate. For a domain or host name:
 * the certificates naming it (subject CN or SAN) with the details of the selected one. Every name is a pivot.
 */
export function CertificatesTab({ certificates, ...props }: CertificatesTabProps) {
    return certificates ? (
        <CertificatesForName {...props} certificates={certificates} />
    ) : (
        <CertificateHistory {...props} />
    );
}
