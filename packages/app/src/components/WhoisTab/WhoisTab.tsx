import { useMemo, useState, type ReactNode } from 'react';
import styled from 'styled-components';
import {
    REDACTED,
    pivotsFromWhois,
    providerLabel,
    type Indicator,
    type RecordPage,
    type ValueKind,
    type WhoisContact,
    type WhoisRecord,
    type WhoisRole,
} from '@passivetotal/core';
import Button from '@splunk/react-ui/Button';
import Heading from '@splunk/react-ui/Heading';
import { variables } from '@splunk/themes';
import { DateTime } from '../DateTime/DateTime';
import { PanelStatus } from '../PanelStatus/PanelStatus';
import type { Remote } from '../PanelStatus/remote';
import { asIndicator, pivotsByValue } from '../PivotLink/as-indicator';
import type { PivotHandler, PivotKind } from '../PivotLink/PivotLink';
import { PivotValue } from '../PivotValue/PivotValue';
import type { SightingsState } from '../SightingBadge/sightings';
import { SourceBadge } from '../SourceBadge/SourceBadge';
import { UrlHostNote, intelSubject } from '../UrlHostNote/UrlHostNote';
import { ValuePivot } from '../ValuePivot/ValuePivot';

const Grid = styled.table`
    border-collapse: collapse;
    width: 100%;
    th,
    td {
        text-align: left;
        vertical-align: top;
        padding: ${variables.spacingXSmall} ${variables.spacingSmall};
        border-bottom: 1px solid ${variables.borderColorWeak};
    }
    th[scope='row'] {
        color: ${variables.contentColorMuted};
        font-weight: ${variables.fontWeightNormal};
        white-space: nowrap;
    }
`;

const Raw = styled.pre`
    max-height: 30em;
    overflow: auto;
    padding: ${variables.spacingSmall};
    background-color: ${variables.backgroundColorSection};
    font-family: ${variables.monoFontFamily};
    white-space: pre-wrap;
`;

const RedactedText = styled.em`
    color: ${variables.contentColorMuted};
`;

const Note = styled.p`
    margin: ${variables.spacingSmall} 0;
    color: ${variables.contentColorMuted};
    font-size: ${variables.fontSizeSmall};
`;

const Record = styled.section`
    & + & {
        margin-top: ${variables.spacingLarge};
        padding-top: ${variables.spacingMedium};
        border-top: 1px solid ${variables.borderColor};
    }
`;

/** A value the source withheld (RDAP redaction, GDPR), shown as such rather than as an empty cell. */
function Redacted() {
    return <RedactedText title="The source redacted this field">redacted</RedactedText>;
}

/** The contact fields that are pivots by value (where a provider searches WHOIS by them). */
const VALUE_FIELDS: Partial<Record<keyof WhoisContact, ValueKind>> = {
    name: 'whois-name',
    organization: 'whois-organization',
    telephone: 'whois-phone',
    street: 'whois-address',
};

const ROLES: readonly (readonly [WhoisRole, string])[] = [
    ['registrant', 'Registrant'],
    ['admin', 'Admin'],
    ['tech', 'Tech'],
    ['billing', 'Billing'],
    ['zone', 'Zone'],
];

const FIELDS: readonly (readonly [keyof WhoisContact, string])[] = [
    ['name', 'Name'],
    ['organization', 'Organisation'],
    ['email', 'Email'],
    ['telephone', 'Phone'],
    ['fax', 'Fax'],
    ['street', 'Street'],
    ['city', 'City'],
    ['state', 'State'],
    ['postalCode', 'Postal code'],
    ['country', 'Country'],
];

export interface WhoisTabProps {
    readonly indicator: Indicator;
    readonly whois: Remote<RecordPage<WhoisRecord>>;
    readonly sightings: SightingsState;
    readonly onPivot: PivotHandler;
}

interface RecordProps extends Omit<WhoisTabProps, 'whois'> {
    readonly record: WhoisRecord;
    /** The record's name for assistive technology ("WHOIS record", or "WHOIS record from RDAP" beside others). */
    readonly label: string;
}

function WhoisRecordView({ indicator, record, label, sightings, onPivot }: RecordProps) {
    const [showRaw, setShowRaw] = useState(false);
    const pivots = useMemo(() => pivotsByValue(pivotsFromWhois(indicator, [record])), [indicator, record]);
    const roles = ROLES.filter(([role]) => record.contacts[role] !== undefined);

    const pivot = (text: string, kind: PivotKind) => {
        const target = asIndicator(text);
        if (!target) return text;
        return (
            <PivotValue
                indicator={target}
                onPivot={onPivot}
                sightings={sightings}
                kind={kind}
                reason={pivots.get(target.value)?.reasons[0]}
            />
        );
    };
    const cell = (role: WhoisRole, field: keyof WhoisContact, value: string | undefined) => {
        if (value === undefined) return '—';
        if (value === REDACTED) return <Redacted />;
        if (field === 'email') return pivot(value, 'whois-email');
        const kind = VALUE_FIELDS[field];
        return kind ? <ValuePivot kind={kind} value={value} about={`${record.domain}'s ${role}`} /> : value;
    };
    const text = (value: string | undefined) => (value === undefined ? '—' : value === REDACTED ? <Redacted /> : value);
    const facts: readonly (readonly [string, ReactNode])[] = [
        ['Source', <SourceBadge key="s" provider={record.provider} />],
        ['Domain', record.domain],
        [
            'Registrar',
            record.registrar === undefined || record.registrar === REDACTED ? (
                text(record.registrar)
            ) : (
                <ValuePivot key="r" kind="whois-registrar" value={record.registrar} about={record.domain} />
            ),
        ],
        ['WHOIS server', text(record.whoisServer)],
        ['Registered', <DateTime key="r" value={record.registered} />],
        ['Updated', <DateTime key="u" value={record.updated} />],
        ['Expires', <DateTime key="e" value={record.expires} />],
        ['Last loaded', <DateTime key="l" value={record.lastLoaded} />],
        ['Status', record.domainStatus.join(', ') || '—'],
        [
            'Contact email',
            record.contactEmail === REDACTED ? (
                <Redacted />
            ) : record.contactEmail ? (
                pivot(record.contactEmail, 'whois-email')
            ) : (
                '—'
            ),
        ],
    ];
    const redacted = record.redacted ?? [];

    return (
        <Record>
            <Grid aria-label={label}>
                <tbody>
                    {facts.map(([term, value]) => (
                        <tr key={term}>
                            <th scope="row">{term}</th>
                            <td>{value}</td>
                        </tr>
                    ))}
                    <tr>
                        <th scope="row">Name servers</th>
                        <td>
                            {record.nameServers.length === 0
                                ? '—'
                                : record.nameServers.map((ns) => <div key={ns}>{pivot(ns, 'whois-nameserver')}</div>)}
                        </td>
                    </tr>
                </tbody>
            </Grid>
            <Heading level={3}>Contacts</Heading>
            {redacted.length > 0 ? (
                <Note>
                    {providerLabel(record.provider ?? 'passivetotal')} redacted {redacted.length}{' '}
                    {redacted.length === 1 ? 'field' : 'fields'}: {redacted.join(', ')}.
                </Note>
            ) : null}
            {roles.length === 0 ? (
                <p>No contacts in the record (privacy protected or not published).</p>
            ) : (
                <Grid aria-label="WHOIS contacts by role">
                    <thead>
                        <tr>
                            <td />
                            {roles.map(([role, label]) => (
                                <th key={role} scope="col">
                                    {label}
                                </th>
                            ))}
                        </tr>
                    </thead>
                    <tbody>
                        {FIELDS.filter(([field]) => roles.some(([role]) => record.contacts[role]?.[field])).map(
                            ([field, label]) => (
                                <tr key={field}>
                                    <th scope="row">{label}</th>
                                    {roles.map(([role]) => (
                                        <td key={role}>{cell(role, field, record.contacts[role]?.[field])}</td>
                                    ))}
                                </tr>
                            )
                        )}
                    </tbody>
                </Grid>
            )}
            {record.rawText ? (
                <>
                    <Button
                        appearance="subtle"
                        label={showRaw ? 'Hide raw record' : 'Show raw record'}
                        aria-expanded={showRaw}
                        onClick={() => setShowRaw((s) => !s)}
                    />
                    {showRaw ? <Raw aria-label="Raw WHOIS record">{record.rawText}</Raw> : null}
                </>
            ) : null}
        </Record>
    );
}

/**
 * The current WHOIS record of each source (for a URL, of its host): where it came from, registrar and dates, name
 * servers, contacts by role side by side (fields the source redacted say so), raw text on demand. E-mail addresses
 * and name servers are pivots; names, organisations, phone numbers and street addresses search WHOIS by value where
 * a provider in use can, the registrar searches the analyst's events.
 */
export function WhoisTab({ whois, indicator, ...rest }: WhoisTabProps) {
    const subject = intelSubject(indicator);
    return (
        <>
            <UrlHostNote indicator={indicator} what="WHOIS" />
            <PanelStatus
                remote={whois}
                what="WHOIS"
                isEmpty={(v) => v.records.length === 0}
                emptyText="No WHOIS record found."
            >
                {(value) =>
                    value.records.map((record, i) => (
                        <WhoisRecordView
                            key={`${record.provider ?? ''}|${record.domain}|${String(i)}`}
                            record={record}
                            label={
                                value.records.length > 1
                                    ? `WHOIS record from ${providerLabel(record.provider ?? 'passivetotal')}`
                                    : 'WHOIS record'
                            }
                            indicator={subject}
                            {...rest}
                        />
                    ))
                }
            </PanelStatus>
        </>
    );
}
