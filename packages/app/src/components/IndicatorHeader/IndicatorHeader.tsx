import type { ReactNode } from 'react';
import styled from 'styled-components';
import {
    indicatorTypeLabel,
    type Classification,
    type Enrichment,
    type Indicator,
    type Quota,
} from '@passivetotal/core';
import Button from '@splunk/react-ui/Button';
import Chip from '@splunk/react-ui/Chip';
import Heading from '@splunk/react-ui/Heading';
import WaitSpinner from '@splunk/react-ui/WaitSpinner';
import { variables } from '@splunk/themes';
import { formatDateTime } from '../DateTime/DateTime';
import type { Remote } from '../PanelStatus/remote';
import { ValuePivot } from '../ValuePivot/ValuePivot';

const Header = styled.header`
    display: grid;
    grid-template-columns: 1fr auto;
    gap: ${variables.spacingSmall} ${variables.spacingLarge};
    padding: ${variables.spacingMedium} 0;
    border-bottom: 1px solid ${variables.borderColor};
`;

const Title = styled.div`
    min-width: 0;
    h2 {
        margin: 0;
        font-family: ${variables.monoFontFamily};
        overflow-wrap: anywhere;
    }
`;

const Facts = styled.dl`
    display: flex;
    flex-wrap: wrap;
    gap: ${variables.spacingXSmall} ${variables.spacingLarge};
    margin: ${variables.spacingSmall} 0 0;
    dt {
        color: ${variables.contentColorMuted};
        font-size: ${variables.fontSizeSmall};
    }
    dd {
        margin: 0;
    }
`;

const Chips = styled.div`
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: ${variables.spacingXSmall};
    margin-top: ${variables.spacingSmall};
`;

const Side = styled.div`
    display: flex;
    flex-direction: column;
    align-items: flex-end;
    gap: ${variables.spacingSmall};
    color: ${variables.contentColorMuted};
    font-size: ${variables.fontSizeSmall};
`;

const CLASSIFICATION: Readonly<
    Record<Classification, { label: string; appearance: 'error' | 'warning' | 'success' | 'outline' }>
> = {
    malicious: { label: 'Malicious', appearance: 'error' },
    suspicious: { label: 'Suspicious', appearance: 'warning' },
    non_malicious: { label: 'Not malicious', appearance: 'success' },
    unknown: { label: 'Unclassified', appearance: 'outline' },
};

/**
 * The Splunk search page for an SPL string and time range.
 *
 * @example openInSearchHref('(`passivetotal_index`) TERM(198.51.100.7)', { earliest: '-7d@h', latest: 'now' }) // '/en-US/app/search/search?q=%28%60passivetotal_index%60%29+TERM%28198.51.100.7%29&earliest=-7d%40h&latest=now'
 */
export function openInSearchHref(
    spl: string,
    range: { readonly earliest: string; readonly latest: string },
    locale = 'en-US'
): string {
    const q = /^\s*\|/.test(spl) ? spl : `search ${spl}`;
    const params = new URLSearchParams({ q, earliest: range.earliest, latest: range.latest });
    return `/${encodeURIComponent(locale)}/app/search/search?${params.toString()}`;
}

function EnrichmentFacts({ enrichment }: { readonly enrichment: Enrichment }) {
    const classification = CLASSIFICATION[enrichment.classification];
    const flags = [
        enrichment.everCompromised ? 'Ever compromised' : undefined,
        enrichment.sinkhole ? 'Sinkhole' : undefined,
        enrichment.dynamicDns ? 'Dynamic DNS' : undefined,
    ].filter((f): f is string => f !== undefined);
    const facts: [string, ReactNode][] = [];
    // No source maps an AS or a network to its addresses: both are searches of the analyst's events.
    if (enrichment.asn !== undefined)
        facts.push([
            'ASN',
            <>
                <ValuePivot kind="asn" value={`AS${enrichment.asn}`} />
                {enrichment.asName ? ` ${enrichment.asName}` : ''}
            </>,
        ]);
    if (enrichment.network) facts.push(['Network', <ValuePivot kind="network" value={enrichment.network} />]);
    if (enrichment.country) facts.push(['Country', enrichment.country]);
    if (enrichment.primaryDomain) facts.push(['Primary domain', enrichment.primaryDomain]);
    return (
        <>
            <Chips aria-label="Classification and tags">
                <Chip appearance={classification.appearance}>{classification.label}</Chip>
                {flags.map((f) => (
                    <Chip key={f} appearance="warning">
                        {f}
                    </Chip>
                ))}
                {enrichment.tags.map((t) => (
                    <Chip key={t} appearance="outline">
                        {t}
                    </Chip>
                ))}
            </Chips>
            {facts.length > 0 ? (
                <Facts>
                    {facts.map(([term, value]) => (
                        <div key={term}>
                            <dt>{term}</dt>
                            <dd>{value}</dd>
                        </div>
                    ))}
                </Facts>
            ) : null}
        </>
    );
}

/** PassiveTotal's quota of the account, and what the user has used of their own daily allowance. */
function QuotaLine({ quota }: { readonly quota: Quota }) {
    const account = quota.used !== undefined || quota.remaining !== undefined;
    if (!account && !quota.mine) return null;
    const used = quota.used?.toLocaleString('en-US') ?? '?';
    const limit = quota.limit?.toLocaleString('en-US') ?? '?';
    return (
        <span>
            {account ? (
                <span>
                    PassiveTotal quota: {used} of {limit} used, {(quota.remaining ?? 0).toLocaleString('en-US')} left
                    {quota.nextReset ? ` (resets ${formatDateTime(quota.nextReset)})` : ''}
                </span>
            ) : null}
            {quota.mine ? (
                <span data-test="user-lookups">
                    {account ? '; ' : ''}
                    you have used {quota.mine.used.toLocaleString('en-US')} of your{' '}
                    {quota.mine.limit.toLocaleString('en-US')} PassiveTotal lookups today
                </span>
            ) : null}
        </span>
    );
}

export interface IndicatorHeaderProps {
    readonly indicator: Indicator;
    readonly enrichment: Remote<Enrichment>;
    readonly quota?: Remote<Quota>;
    /** "Open in Search": the local search of this investigation (see {@link openInSearchHref}). */
    readonly searchHref?: string;
}

/** The investigated indicator: classification, tags, flags, network facts, quota and a way into Splunk Search. */
export function IndicatorHeader({ indicator, enrichment, quota, searchHref }: IndicatorHeaderProps) {
    return (
        <Header aria-label="Indicator summary">
            <Title>
                <Heading level={2}>{indicator.display}</Heading>
                <span>{indicatorTypeLabel(indicator.type)}</span>
                {enrichment.state === 'loading' ? <WaitSpinner screenReaderText="Loading enrichment" /> : null}
                {enrichment.state === 'done' ? <EnrichmentFacts enrichment={enrichment.value} /> : null}
            </Title>
            <Side>
                {searchHref ? (
                    <Button to={searchHref} openInNewContext appearance="secondary" label="Open in Search" />
                ) : null}
                {quota?.state === 'done' ? <QuotaLine quota={quota.value} /> : null}
            </Side>
        </Header>
    );
}
