import { useMemo, type ReactNode } from 'react';
import styled from 'styled-components';
import { pivotsFromCertificate, type Certificate, type CertificateEntity, type ValueKind } from '@passivetotal/core';
import Heading from '@splunk/react-ui/Heading';
import { variables } from '@splunk/themes';
import { DateTime } from '../DateTime/DateTime';
import { asIndicator, pivotsByValue } from '../PivotLink/as-indicator';
import type { PivotHandler } from '../PivotLink/PivotLink';
import { PivotValue } from '../PivotValue/PivotValue';
import type { SightingsState } from '../SightingBadge/sightings';
import { SourceBadge } from '../SourceBadge/SourceBadge';
import { ValuePivot } from '../ValuePivot/ValuePivot';
import { certificateName } from './certificate-key';

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

const Muted = styled.span`
    color: ${variables.contentColorMuted};
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

/** The subject and issuer fields that are pivots by value (where a provider searches certificates by them). */
const VALUE_FIELDS: Readonly<Record<'subject' | 'issuer', Partial<Record<keyof CertificateEntity, ValueKind>>>> = {
    subject: { commonName: 'certificate-subject', organizationName: 'certificate-subject-organization' },
    issuer: { commonName: 'certificate-issuer', organizationName: 'certificate-issuer-organization' },
};

/**
 * Where a certificate's values were found, for the trail: "docs-share-portal.example's certificate".
 *
 * @example certificateAbout(cert) // "docs-share-portal.example's certificate"
 */
export function certificateAbout(cert: Certificate): string {
    return `${cert.subject.commonName ?? certificateName(cert)}'s certificate`;
}

/**
 * Full details of one certificate: its source, validity, serial, subject and issuer, SANs; each name a pivot, and
 * the issuer, the organisations, a subject that is no host name and the serial number searches by value. A
 * Certificate Transparency record has no SHA-1 and says so.
 */
export function CertificateDetails({
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
        ['Source', <SourceBadge key="src" provider={cert.provider} />],
        [
            'SHA-1',
            cert.sha1 === '' ? (
                <Muted key="s">none: Certificate Transparency gives no SHA-1</Muted>
            ) : (
                <code key="s">{cert.sha1}</code>
            ),
        ],
        [
            'Serial number',
            cert.serialNumber ? (
                <code key="n">
                    <ValuePivot kind="certificate-serial" value={cert.serialNumber} about={certificateAbout(cert)} />
                </code>
            ) : (
                '—'
            ),
        ],
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
    const entityCell = (side: 'subject' | 'issuer', field: keyof CertificateEntity) => {
        const value = cert[side][field];
        if (value === undefined) return '—';
        const target = field === 'commonName' || field === 'emailAddress' ? asIndicator(value) : undefined;
        if (target) {
            return (
                <PivotValue
                    indicator={target}
                    onPivot={onPivot}
                    sightings={sightings}
                    reason={pivots.get(target.value)?.reasons[0]}
                />
            );
        }
        const kind = VALUE_FIELDS[side][field];
        return kind ? <ValuePivot kind={kind} value={value} about={certificateAbout(cert)} /> : value;
    };
    return (
        <Details aria-label={`Certificate ${certificateName(cert)}`}>
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
                            <td>{entityCell('subject', field)}</td>
                            <td>{entityCell('issuer', field)}</td>
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
