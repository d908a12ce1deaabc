import styled from 'styled-components';
import { isProviderId, providerLabel } from '@passivetotal/core';
import { variables } from '@splunk/themes';
import type { Column } from '../DataTable/DataTable';

const Badge = styled.span`
    display: inline-block;
    margin: 0 ${variables.spacingXSmall} 2px 0;
    padding: 0 ${variables.spacingXSmall};
    border: 1px solid ${variables.borderColor};
    border-radius: ${variables.borderRadius};
    background-color: ${variables.backgroundColorSection};
    color: ${variables.contentColorDefault};
    font-size: ${variables.fontSizeSmall};
    white-space: nowrap;
`;

/** A record without a provider id came from PassiveTotal (only the open providers' records are stamped). */
const idOf = (provider: string | undefined) => provider ?? 'passivetotal';

/** The source of one record: the provider's label in a small badge (`data-provider` is the provider id). */
export function SourceBadge({ provider }: { readonly provider?: string | undefined }) {
    const id = idOf(provider);
    return (
        <Badge title={`Source: ${providerLabel(id)}`} data-provider={id}>
            {providerLabel(id)}
        </Badge>
    );
}

/** Several sources of one merged record, in order. */
export function SourceBadges({ providers }: { readonly providers: readonly string[] }) {
    return (
        <>
            {providers.map((p) => (
                <SourceBadge key={p} provider={p} />
            ))}
        </>
    );
}

/** The provider of a record, as a list. */
export const providerOf = (row: { readonly provider?: string }): readonly string[] => [idOf(row.provider)];

/**
 * The providers behind a merged passive DNS record: the one that gave it first, and every other provider among its
 * sources (PassiveTotal's own sources, such as `riskiq`, are not providers and stay in the Sources column).
 *
 * @example resolutionProviders({ provider: 'mnemonic', sources: ['mnemonic', 'otx'] }) // ['mnemonic', 'otx']
 */
export function resolutionProviders(row: { readonly provider?: string; readonly sources: readonly string[] }) {
    return [...new Set([idOf(row.provider), ...row.sources.filter(isProviderId)])];
}

/**
 * The "Source" column of a table: badges to read, the labels to sort, filter and export.
 *
 * @example columns = [...others, sourceColumn(providerOf)]
 */
export function sourceColumn<R>(providersOf: (row: R) => readonly string[]): Column<R> {
    return {
        id: 'source',
        label: 'Source',
        value: (r) => providersOf(r).map(providerLabel).join(', '),
        render: (r) => <SourceBadges providers={providersOf(r)} />,
    };
}
