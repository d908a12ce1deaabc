import { useMemo } from 'react';
import styled from 'styled-components';
import {
    VALUE_KINDS,
    eventsSearch,
    pivotsFromValueSearch,
    valueSearchWords,
    type Certificate,
    type RecordPage,
    type ValueSearch,
    type ValueSearchResult,
    type WhoisRecord,
} from '@passivetotal/core';
import Button from '@splunk/react-ui/Button';
import Heading from '@splunk/react-ui/Heading';
import { variables } from '@splunk/themes';
import { DataTable, type Column } from '../DataTable/DataTable';
import { DateTime } from '../DateTime/DateTime';
import { PanelStatus } from '../PanelStatus/PanelStatus';
import type { Remote } from '../PanelStatus/remote';
import { asIndicator, pivotsByValue } from '../PivotLink/as-indicator';
import { PivotLink, type PivotHandler } from '../PivotLink/PivotLink';
import type { SightingsState } from '../SightingBadge/sightings';
import { providerOf, sourceColumn } from '../SourceBadge/SourceBadge';
import { appSearchHref, eventForms } from '../ValuePivot/ValuePivot';
import { WhoisSearchResults } from '../WhoisSearchResults/WhoisSearchResults';
import { certificateKey } from '../CertificatesTab/certificate-key';
import { testIds } from '../../selectors';

const Bar = styled.div`
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: ${variables.spacingSmall};
    margin-bottom: ${variables.spacingSmall};
`;

const Why = styled.p`
    margin: 0 0 ${variables.spacingSmall};
    color: ${variables.contentColorMuted};
`;

export interface ValueSearchResultsProps {
    readonly search: ValueSearch;
    /** Where the value was found ("login-secure-update.example's registrant"). */
    readonly about?: string | undefined;
    readonly result: Remote<ValueSearchResult>;
    readonly sightings: SightingsState;
    readonly onPivot: PivotHandler;
    /** Back to the tab's own records. */
    readonly onClose: () => void;
    /** The investigation's time range, for "search my events for it". */
    readonly range: { readonly earliest: string; readonly latest: string };
}

const OTHER_RECORDS: Remote<never> = { state: 'unavailable', message: 'The search answered other records.' };

/** The WHOIS records of an answer. */
function whoisPage(result: Remote<ValueSearchResult>): Remote<RecordPage<WhoisRecord>> {
    if (result.state !== 'done') return result;
    return result.value.source === 'whois' ? { ...result, value: result.value.page } : OTHER_RECORDS;
}

/** The certificates of an answer. */
function certificatePage(result: Remote<ValueSearchResult>): Remote<RecordPage<Certificate>> {
    if (result.state !== 'done') return result;
    return result.value.source === 'certificates' ? { ...result, value: result.value.page } : OTHER_RECORDS;
}

function CertificateResults({
    search,
    certificates,
    pivots,
    sightings,
    onPivot,
}: {
    readonly search: ValueSearch;
    readonly certificates: Remote<RecordPage<Certificate>>;
    readonly pivots: ReturnType<typeof pivotsByValue>;
    readonly sightings: SightingsState;
    readonly onPivot: PivotHandler;
}) {
    const words = valueSearchWords(search);
    const columns = useMemo(
        (): readonly Column<Certificate>[] => [
            {
                id: 'sha1',
                label: 'SHA-1',
                value: (r) => r.sha1,
                render: (r) => {
                    const target = r.sha1 === '' ? undefined : asIndicator(r.sha1);
                    return target ? (
                        <PivotLink indicator={target} onPivot={onPivot} reason={pivots.get(target.value)?.reasons[0]}>
                            <code>{r.sha1}</code>
                        </PivotLink>
                    ) : (
                        (r.serialNumber ?? '—')
                    );
                },
            },
            {
                id: 'subject',
                label: 'Subject CN',
                value: (r) => r.subject.commonName,
                render: (r) => {
                    const name = r.subject.commonName;
                    const target = name === undefined ? undefined : asIndicator(name);
                    return target ? <PivotLink indicator={target} onPivot={onPivot} /> : (name ?? '—');
                },
            },
            { id: 'issuer', label: 'Issuer', value: (r) => r.issuer.commonName ?? r.issuer.organizationName },
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
            },
            sourceColumn<Certificate>(providerOf),
        ],
        [onPivot, pivots]
    );
    return (
        <PanelStatus
            remote={certificates}
            what={`certificates with ${words}`}
            isEmpty={(v) => v.records.length === 0}
            emptyText={`No certificate has ${words}.`}
        >
            {(value) => (
                <DataTable
                    label={`Certificates with ${words}`}
                    rows={value.records}
                    columns={columns}
                    rowKey={(r, i) => `${certificateKey(r)}|${String(i)}`}
                    pivotOf={(r) => (r.sha1 === '' ? undefined : r.sha1)}
                    sightings={sightings}
                    defaultSort={{ column: 'issued', dir: 'desc' }}
                    pageSize={25}
                />
            )}
        </PanelStatus>
    );
}

/**
 * The records a search by value found (`value-search-results`, `data-kind`, `data-value`, `data-count` once
 * answered): WHOIS records naming an organisation, a name, a phone number or an address, or certificates with an
 * issuer, subject or serial number. Each domain or certificate is a pivot that carries why it is related (the value,
 * and where it was found) into the trail. A link searches the analyst's events for the value; a button goes back
 * to the tab's own records.
 */
export function ValueSearchResults({
    search,
    about,
    result,
    sightings,
    onPivot,
    onClose,
    range,
}: ValueSearchResultsProps) {
    const answered = result.state === 'done' ? result.value : undefined;
    const pivots = useMemo(
        () => pivotsByValue(answered ? pivotsFromValueSearch(search, answered, about) : []),
        [search, answered, about]
    );
    const words = valueSearchWords(search);
    const spl = eventsSearch(eventForms(search));
    const source = VALUE_KINDS[search.kind].search?.source ?? 'whois';
    return (
        <section
            data-test={testIds.valueSearchResults}
            data-kind={search.kind}
            data-value={search.value}
            {...(answered ? { 'data-count': String(answered.page.records.length) } : {})}
            aria-label={`Search by ${words}`}
        >
            <Bar>
                <Heading level={3}>
                    {source === 'whois' ? `WHOIS records naming ${words}` : `Certificates with ${words}`}
                </Heading>
                <span>
                    {spl ? (
                        <Button
                            appearance="subtle"
                            to={appSearchHref(spl, range)}
                            openInNewContext
                            label="Search my events for it"
                            data-test={testIds.eventsSearch}
                            data-value={search.value}
                        />
                    ) : null}
                    <Button
                        appearance="secondary"
                        label={source === 'whois' ? 'Back to the WHOIS record' : 'Back to the certificates'}
                        onClick={onClose}
                    />
                </span>
            </Bar>
            {about ? (
                <Why>
                    {search.value} is the {VALUE_KINDS[search.kind].label} of {about}.
                </Why>
            ) : null}
            {source === 'whois' ? (
                <WhoisSearchResults
                    what={words}
                    results={whoisPage(result)}
                    sightings={sightings}
                    onPivot={onPivot}
                    pivots={pivots}
                />
            ) : (
                <CertificateResults
                    search={search}
                    certificates={certificatePage(result)}
                    pivots={pivots}
                    sightings={sightings}
                    onPivot={onPivot}
                />
            )}
        </section>
    );
}
