import { createContext, useContext, type MouseEvent } from 'react';
import styled from 'styled-components';
import {
    VALUE_KINDS,
    eventsSearch,
    searchable,
    valueSearch,
    valueSearchWords,
    type ValueKind,
    type ValueSearch,
} from '@passivetotal/core';
import { variables } from '@splunk/themes';
import { APP } from '../../api/rest';
import { testIds } from '../../selectors';

/** What a value pivot can do, given by the investigation page. */
export interface ValuePivotActions {
    /** The kinds of values some provider in use searches by. */
    readonly searches: readonly ValueKind[];
    /** Runs a search by the value (plain click); `about` says where the value was found. */
    readonly onSearch: (search: ValueSearch, about: string | undefined) => void;
    /** The link of that search (middle-click, "open in new tab"). */
    readonly searchHref: (search: ValueSearch, about: string | undefined) => string;
    /** The time range of the investigation's local searches, for "search my events for it". */
    readonly range?: { readonly earliest: string; readonly latest: string };
}

/** No provider and no time range: values are text (components outside an investigation, tests). */
const NO_ACTIONS: ValuePivotActions = {
    searches: [],
    onSearch: () => undefined,
    searchHref: () => '',
};

/** The value pivots' actions; the investigation page provides them. */
export const ValuePivotContext = createContext<ValuePivotActions>(NO_ACTIONS);

/**
 * The address of Splunk's search page in this app (`/<locale>/app/passivetotal/search`) running `spl` over a time
 * range.
 *
 * @example appSearchHref('(`passivetotal_index`) "Acme"', { earliest: '-7d@h', latest: 'now' }) // '/en-US/app/passivetotal/search?q=search+%28%60passivetotal_index%60%29+%22Acme%22&earliest=-7d%40h&latest=now'
 */
export function appSearchHref(
    spl: string,
    range: { readonly earliest: string; readonly latest: string },
    locale = 'en-US'
): string {
    const params = new URLSearchParams({ q: `search ${spl}`, earliest: range.earliest, latest: range.latest });
    return `/${encodeURIComponent(locale)}/app/${APP}/search?${params.toString()}`;
}

/**
 * How a value is written in events, beside how the record gives it: an AS number also bare (`AS64501`, `64501`).
 *
 * @example eventForms({ kind: 'asn', value: 'AS64501' }) // ['AS64501', '64501']
 */
export function eventForms(search: ValueSearch): readonly string[] {
    const asn = search.kind === 'asn' ? /^AS(\d+)$/i.exec(search.value) : null;
    return asn?.[1] ? [search.value, asn[1]] : [search.value];
}

const Wrap = styled.span`
    display: inline-flex;
    flex-wrap: wrap;
    align-items: baseline;
    gap: ${variables.spacingXSmall};
    max-width: 100%;
`;

const Anchor = styled.a`
    color: ${variables.contentColorLink};
    text-decoration: none;
    overflow-wrap: anywhere;
    &:hover {
        text-decoration: underline;
    }
    &:focus-visible {
        outline: 2px solid ${variables.focusColor};
        outline-offset: 1px;
    }
`;

const Events = styled(Anchor)`
    font-size: ${variables.fontSizeSmall};
    color: ${variables.contentColorMuted};
    white-space: nowrap;
`;

export interface ValuePivotProps {
    readonly kind: ValueKind;
    readonly value: string;
    /** Where the value was found, for the trail: "login-secure-update.example's registrant". */
    readonly about?: string | undefined;
}

function isPlainClick(event: MouseEvent): boolean {
    return event.button === 0 && !event.metaKey && !event.ctrlKey && !event.shiftKey && !event.altKey;
}

/**
 * A value that is not an indicator (an organisation, a registrar, a certificate issuer, an ASN) as a pivot: a link
 * that searches the providers by it (`value-pivot`, `data-kind`, `data-value`) where one of the providers in use
 * can. A value none of them can search is text followed by "search events": Splunk's search page looking for the
 * value in the analyst's events over the investigation's time range (`events-search`, `data-value`), in a new tab.
 * (The results of a provider search offer the same link.)
 */
export function ValuePivot({ kind, value, about }: ValuePivotProps) {
    const actions = useContext(ValuePivotContext);
    const search = valueSearch(kind, value);
    if (!search) return <>{value}</>;
    const words = valueSearchWords(search);
    const canSearch = actions.searches.includes(kind) && searchable(search);
    const spl = actions.range ? eventsSearch(eventForms(search)) : undefined;
    const onClick = (event: MouseEvent<HTMLAnchorElement>) => {
        if (!isPlainClick(event)) return;
        event.preventDefault();
        actions.onSearch(search, about);
    };
    return (
        <Wrap>
            {canSearch ? (
                <Anchor
                    href={actions.searchHref(search, about)}
                    onClick={onClick}
                    data-test={testIds.valuePivot}
                    data-kind={kind}
                    data-value={search.value}
                    title={`Search for other records with ${words}`}
                >
                    {value}
                </Anchor>
            ) : (
                <span title={`No source in use searches by ${VALUE_KINDS[kind].label}`}>{value}</span>
            )}
            {!canSearch && spl && actions.range ? (
                <Events
                    href={appSearchHref(spl, actions.range)}
                    target="_blank"
                    rel="noopener noreferrer"
                    data-test={testIds.eventsSearch}
                    data-value={search.value}
                    aria-label={`Search my events for ${words}`}
                    title={`Search my events for ${words}`}
                >
                    search events
                </Events>
            ) : null}
        </Wrap>
    );
}
