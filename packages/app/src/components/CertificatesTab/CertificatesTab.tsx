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
import styled from 'styled-components';
import { variables } from '@splunk/themes';
import { DataTable, type Column } from '../DataTable/DataTable';
import type { CsvFile } from '../DataTable/csv';
import { DateTime } from '../DateTime/DateTime';
import { PanelStatus } from '../PanelStatus/PanelStatus';
import type { Remote } from '../PanelStatus/remote';
import { asIndicator, pivotsByValue } from '../PivotLink/as-indicator';
import { PivotLink, type PivotHandler } from '../PivotLink/PivotLink';
import type { SightingsState } from '../SightingBadge/sightings';
import { providerOf, sourceColumn } from '../SourceBadge/SourceBadge';
import { UrlHostNote, intelSubject } from '../UrlHostNote/UrlHostNote';
import { ValuePivot } from '../ValuePivot/ValuePivot';
import { CertificateDetails, certificateAbout } from './CertificateDetails';
import { certificateKey, certificateName } from './certificate-key';

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
    /**
     * The certificate whose details are shown: its SHA-1 (the indicator itself for a SHA-1), or for a certificate
     * without one (Certificate Transparency) its {@link certificateKey}.
     */
    readonly selectedCertificate?: string | undefined;
    readonly onSelectCertificate: (key: string) => void;
    /** Details of the selected certificate (history mode). */
    readonly details: Remote<RecordPage<Certificate>>;
    readonly sightings: SightingsState;
    readonly onPivot: PivotHandler;
    readonly onExport?: (file: CsvFile) => void;
}

type PivotsByValue = ReadonlyMap<string, Pivot>;

const Id = styled.code`
    font-family: ${variables.monoFontFamily};
    overflow-wrap: anywhere;
`;

const Muted = styled.span`
    color: ${variables.contentColorMuted};
    font-size: ${variables.fontSizeSmall};
`;

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

/**
 * A certificate found by name: its SHA-1 as a pivot link, or for a Certificate Transparency record (which has no
 * SHA-1, so no SHA-1 pivot) its SHA-256 fingerprint or serial number as text.
 */
function certificateColumn(pivots: PivotsByValue, onPivot: PivotHandler): Column<Certificate> {
    const sha1 = sha1Column<Certificate>(pivots, onPivot);
    return {
        id: 'sha1',
        label: 'Certificate',
        value: (r) => (r.sha1 === '' ? certificateName(r) : r.sha1),
        render: (r) => {
            if (r.sha1 !== '') return sha1.render?.(r);
            const [kind, id] = r.fingerprint
                ? ['SHA-256', r.fingerprint]
                : r.serialNumber
                  ? ['serial', r.serialNumber]
                  : ['', certificateName(r)];
            return (
                <span title="Certificate Transparency gives no SHA-1 for this certificate">
                    {kind ? <Muted>{kind} </Muted> : null}
                    <Id>{id}</Id>
                </span>
            );
        },
    };
}

function detailsColumn<R>(
    keyOf: (row: R) => string,
    nameOf: (row: R) => string,
    selected: string | undefined,
    onSelect: (key: string) => void
): Column<R> {
    return {
        id: 'details',
        label: 'Details',
        sortable: false,
        unfiltered: true,
        value: () => undefined,
        render: (r) => {
            const shown = keyOf(r) === selected;
            return (
                <Button
                    appearance={shown ? 'primary' : 'secondary'}
                    label={shown ? 'Shown' : 'Show'}
                    aria-label={`Show details of certificate ${nameOf(r)}`}
                    aria-pressed={shown}
                    onClick={() => onSelect(keyOf(r))}
                />
            );
        },
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

/** The pivot of a certificate row: its SHA-1 (Certificate Transparency rows have none). */
const bySha1 = (r: { readonly sha1: string }) => (r.sha1 === '' ? undefined : r.sha1);
const sha1Of = (r: { readonly sha1: string }) => r.sha1;

/**
 * The certificates naming a domain or host name, from every source (PassiveTotal, crt.sh, Cert Spotter), and the
 * full details of the selected one (from its record).
 */
function CertificatesForName({
    indicator,
    certificates,
    selectedCertificate,
    onSelectCertificate,
    sightings,
    onPivot,
    onExport,
}: Omit<CertificatesTabProps, 'certificates' | 'history' | 'details'> & {
    readonly certificates: Remote<RecordPage<Certificate>>;
}) {
    const records = certificates.state === 'done' ? certificates.value.records : undefined;
    const pivots = useMemo(
        () => pivotsByValue(records ? pivotsFromCertificatesForName(intelSubject(indicator), records) : []),
        [indicator, records]
    );
    // Certificate Transparency says when a certificate was issued, not when it was seen: no empty columns for it.
    const hasSeen = records?.some((r) => r.firstSeen !== undefined || r.lastSeen !== undefined) ?? false;
    const columns = useMemo(
        (): readonly Column<Certificate>[] => [
            certificateColumn(pivots, onPivot),
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
                render: (r) => {
                    const [kind, value] = r.issuer.commonName
                        ? (['certificate-issuer', r.issuer.commonName] as const)
                        : (['certificate-issuer-organization', r.issuer.organizationName] as const);
                    return value === undefined ? (
                        '—'
                    ) : (
                        <ValuePivot kind={kind} value={value} about={certificateAbout(r)} />
                    );
                },
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
            ...(hasSeen ? seenColumns<Certificate>() : []),
            sourceColumn<Certificate>(providerOf),
            detailsColumn<Certificate>(certificateKey, certificateName, selectedCertificate, onSelectCertificate),
        ],
        [onPivot, pivots, selectedCertificate, onSelectCertificate, hasSeen]
    );
    const selected =
        selectedCertificate === undefined ? undefined : records?.find((c) => certificateKey(c) === selectedCertificate);

    return (
        <>
            <Heading level={3}>Certificates naming {intelSubject(indicator).display}</Heading>
            <PanelStatus remote={certificates} what="certificates" isEmpty={(v) => v.records.length === 0}>
                {(value) => (
                    <DataTable
                        label="Certificates naming the host"
                        rows={value.records}
                        columns={columns}
                        rowKey={(r, i) => `${certificateKey(r)}|${String(i)}`}
                        pivotOf={bySha1}
                        sightings={sightings}
                        defaultSort={{ column: 'issued', dir: 'desc' }}
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
    selectedCertificate,
    onSelectCertificate,
    details,
    sightings,
    onPivot,
    onExport,
}: Omit<CertificatesTabProps, 'certificates'>) {
    const records = history.state === 'done' ? history.value.records : undefined;
    const pivots = useMemo(
        () => pivotsByValue(records ? pivotsFromCertificateHistory(intelSubject(indicator), records) : []),
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
            detailsColumn<CertificateSighting>(sha1Of, sha1Of, selectedCertificate, onSelectCertificate),
        ],
        [onPivot, pivots, selectedCertificate, onSelectCertificate]
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
                        rowKey={(r, i) => `${r.sha1}|${String(i)}`}
                        {...(indicator.type === 'sha1' ? {} : { pivotOf: bySha1 })}
                        sightings={sightings}
                        defaultSort={{ column: 'last', dir: 'desc' }}
                        {...(onExport ? { onExport } : {})}
                    />
                )}
            </PanelStatus>
            {selectedCertificate === undefined ? null : (
                <PanelStatus
                    remote={details}
                    what="certificate details"
                    isEmpty={(v) => v.records.length === 0}
                    emptyText={`No details for certificate ${selectedCertificate}.`}
                >
                    {(value) => (
                        <CertificateDetails
                            cert={
                                value.records.find((c) => c.sha1 === selectedCertificate) ??
                                (value.records[0] as Certificate)
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
 * The Certificates tab (for a URL, of its host, and it says so). For an address or a SHA-1: the certificate history (certificates seen on the address, or
 * the addresses of the certificate) and the full details of the selected certificate. For a domain or host name:
 * the certificates naming it (subject CN or SAN) from every source, with the details of the selected one. Every
 * name is a pivot; so is every SHA-1 (Certificate Transparency records have none, and are selected by their
 * fingerprint or serial number instead).
 */
export function CertificatesTab({ certificates, ...props }: CertificatesTabProps) {
    return (
        <>
            <UrlHostNote indicator={props.indicator} what="Certificates" />
            {certificates ? (
                <CertificatesForName {...props} certificates={certificates} />
            ) : (
                <CertificateHistory {...props} />
            )}
        </>
    );
}
