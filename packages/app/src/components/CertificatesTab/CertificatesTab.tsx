import { useMemo, type ReactNode } from 'react';
import styled from 'styled-components';
import {
    pivotsFromCertificate,
    pivotsFromCertificateHistory,
    type Certificate,
    type CertificateEntity,
    type CertificateSighting,
    type Indicator,
    type RecordPage,
} from '@passivetotal/core';
import Button from '@splunk/react-ui/Button';
import Heading from '@splunk/react-ui/Heading';
import { variables } from '@splunk/themes';
import { DataTable, type Column } from '../DataTable/DataTable';
import type { CsvFile } from '../DataTable/csv';
import { DateTime } from '../DateTime/DateTime';
import { PanelStatus } from '../PanelStatus/PanelStatus';
import type { Remote } from '../PanelStatus/remote';
import { asIndicator, pivotsByValue } from '../PivotLink/as-indicator';
import { PivotLink, type PivotHandler } from '../PivotLink/PivotLink';
import { PivotValue } from '../PivotValue/PivotValue';
import type { SightingsState } from '../SightingBadge/sightings';

const Details = styled.section`
    margin-top: ${variables.spacingLarge};
    padding: ${variables.spacingMedium};
    border: 1px solid ${variables.borderColor};
    border-radius: ${variables.borderRadius};
    background-color: ${variables.backgroundColorSection};
    table {
        border-collapse: collapse;
    }
    th,
    td {
        text-align: left;
        vertical-align: top;
        padding: ${variables.spacingXSmall} ${variables.spacingSmall};
    }
    th[scope='row'] {
        color: ${variables.contentColorMuted};
        font-weight: ${variables.fontWeightNormal};
    }
    code {
        font-family: ${variables.monoFontFamily};
        overflow-wrap: anywhere;
    }
`;

const ENTITY_FIELDS: readonly (readonly [keyof CertificateEntity, string])[] = [
    ['commonName', 'Common name'],
    ['organizationName', 'Organisation'],
    ['organizationUnitName', 'Unit'],
    ['localityName', 'Locality'],
    ['stateOrProvinceName', 'State'],
    ['country', 'Country'],
    ['emailAddress', 'Email'],
    ['serialNumber', 'Serial number'],
];

const MAX_INLINE_LINKS = 3;

export interface CertificatesTabProps {
    readonly indicator: Indicator;
    /** Certificates seen on the address, or addresses the certificate was seen on. */
    readonly history: Remote<RecordPage<CertificateSighting>>;
    /** The SHA-1 whose details are shown (the indicator itself for a SHA-1). */
    readonly selectedSha1?: string | undefined;
    readonly onSelectCertificate: (sha1: string) => void;
    /** Details of the selected certificate. */
    readonly details: Remote<RecordPage<Certificate>>;
    readonly sightings: SightingsState;
    readonly onPivot: PivotHandler;
    readonly onExport?: (file: CsvFile) => void;
}

function CertificateDetails({
    cert,
    sightings,
    onPivot,
}: {
    readonly cert: Certificate;
    readonly sightings: SightingsState;
    readonly onPivot: PivotHandler;
}) {
    const pivots = useMemo(() => pivotsByValue(pivotsFromCertificate(undefined, cert)), [cert]);
    const expired = cert.expires !== undefined && Date.parse(cert.expires) < Date.now();
    const rows: readonly (readonly [string, ReactNode])[] = [
        ['SHA-1', <code key="s">{cert.sha1}</code>],
        ['Serial number', cert.serialNumber ? <code key="n">{cert.serialNumber}</code> : '—'],
        ['Fingerprint', cert.fingerprint ? <code key="f">{cert.fingerprint}</code> : '—'],
        ['SSL version', cert.sslVersion ?? '—'],
        ['Valid from', <DateTime key="i" value={cert.issued} />],
        [
            'Valid until',
            <span key="e">
                <DateTime value={cert.expires} />
                {expired ? ' (expired)' : ''}
            </span>,
        ],
        ['First seen', <DateTime key="fs" value={cert.firstSeen} />],
        ['Last seen', <DateTime key="ls" value={cert.lastSeen} />],
    ];
    const entityFields = ENTITY_FIELDS.filter(([f]) => cert.subject[f] !== undefined || cert.issuer[f] !== undefined);
    const entityCell = (entity: CertificateEntity, field: keyof CertificateEntity) => {
        const value = entity[field];
        if (value === undefined) return '—';
        const target = field === 'commonName' || field === 'emailAddress' ? asIndicator(value) : undefined;
        return target ? (
            <PivotValue
                indicator={target}
                onPivot={onPivot}
                sightings={sightings}
                reason={pivots.get(target.value)?.reasons[0]}
            />
        ) : (
            value
        );
    };
    return (
        <Details aria-label={`Certificate ${cert.sha1}`}>
            <Heading level={3}>Certificate details</Heading>
            <table>
                <tbody>
                    {rows.map(([term, value]) => (
                        <tr key={term}>
                            <th scope="row">{term}</th>
                            <td>{value}</td>
                        </tr>
                    ))}
                </tbody>
            </table>
            <table aria-label="Subject and issuer">
                <thead>
                    <tr>
                        <td />
                        <th scope="col">Subject</th>
                        <th scope="col">Issuer</th>
                    </tr>
                </thead>
                <tbody>
                    {entityFields.map(([field, label]) => (
                        <tr key={field}>
                            <th scope="row">{label}</th>
                            <td>{entityCell(cert.subject, field)}</td>
                            <td>{entityCell(cert.issuer, field)}</td>
                        </tr>
                    ))}
                </tbody>
            </table>
            <Heading level={4}>Subject alternative names ({cert.subjectAlternativeNames.length})</Heading>
            {cert.subjectAlternativeNames.length === 0 ? (
                <p>None.</p>
            ) : (
                <ul aria-label="Subject alternative names">
                    {cert.subjectAlternativeNames.map((name) => {
                        const target = asIndicator(name);
                        return (
                            <li key={name}>
                                {target ? (
                                    <PivotValue
                                        indicator={target}
                                        onPivot={onPivot}
                                        sightings={sightings}
                                        reason={pivots.get(target.value)?.reasons[0]}
                                    />
                                ) : (
                                    name
                                )}
                            </li>
                        );
                    })}
                </ul>
            )}
        </Details>
    );
}

/**
 * Certificate history of an address (or the addresses of a certificate), and the full details of the selected
 * certificate: subject, issuer, validity, serial, SANs, each name a pivot.
 */
export function CertificatesTab({
    indicator,
    history,
    selectedSha1,
    onSelectCertificate,
    details,
    sightings,
    onPivot,
    onExport,
}: CertificatesTabProps) {
    const records = history.state === 'done' ? history.value.records : undefined;
    const pivots = useMemo(
        () => pivotsByValue(records ? pivotsFromCertificateHistory(indicator, records) : []),
        [indicator, records]
    );

    const columns = useMemo((): readonly Column<CertificateSighting>[] => {
        const links = (values: readonly string[]) => {
            if (values.length === 0) return '—';
            const shown = values.slice(0, MAX_INLINE_LINKS).map((v) => {
                const target = asIndicator(v);
                return (
                    <div key={v}>
                        {target ? (
                            <PivotLink
                                indicator={target}
                                onPivot={onPivot}
                                reason={pivots.get(target.value)?.reasons[0]}
                            />
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
        };
        return [
            {
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
            },
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
            {
                id: 'ips',
                label: 'IP addresses',
                value: (r) => r.ipAddresses.join(' ') || undefined,
                render: (r) => links(r.ipAddresses),
            },
            {
                id: 'domains',
                label: 'Domains',
                value: (r) => r.domains.join(' ') || undefined,
                render: (r) => links(r.domains),
            },
            {
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
                        onClick={() => onSelectCertificate(r.sha1)}
                    />
                ),
            },
        ];
    }, [onPivot, pivots, selectedSha1, onSelectCertificate]);

    const pivotOf = useMemo(
        () => (indicator.type === 'sha1' ? undefined : (r: CertificateSighting) => r.sha1),
        [indicator.type]
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
                        {...(pivotOf ? { pivotOf } : {})}
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
