import { createContext, useContext, type MouseEvent, type ReactNode } from 'react';
import styled from 'styled-components';
import type { Indicator, PivotReason } from '@passivetotal/core';
import { variables } from '@splunk/themes';
import { testIds } from '../../selectors';
import { PinButton } from '../CasePanel/PinButton';

/**
 * What a pivot asks for. `investigate` opens the indicator as a new investigation; the others name the
 * PassiveTotal search the value leads to (a WHOIS search by email or name server, the history of a certificate,
 * the hosts sharing a tracker), so the container can pick the right datasets and label the trail.
 */
export type PivotKind = 'investigate' | 'certificate' | 'tracker' | 'whois-email' | 'whois-nameserver';

/** Called on a plain click of a pivot link. */
export type PivotHandler = (indicator: Indicator, reason: PivotReason | undefined, kind: PivotKind) => void;

/** Builds the href of a pivot link (what a middle-click or "open in new tab" opens). */
export type PivotHrefBuilder = (indicator: Indicator, kind: PivotKind) => string;

/** The kind a pivot has when none is given: certificates and trackers lead to their own searches. */
export function defaultPivotKind(indicator: Indicator): PivotKind {
    if (indicator.type === 'sha1') return 'certificate';
    if (indicator.type === 'tracker') return 'tracker';
    return 'investigate';
}

/**
 * The default href: the current page with `?indicator=<value>` (and `&pivot=<kind>` for searches).
 *
 * @example pivotHref(ip, 'investigate') // '?indicator=198.51.100.7'
 */
export const pivotHref: PivotHrefBuilder = (indicator, kind) => {
    const params = new URLSearchParams({ indicator: indicator.value });
    if (kind !== defaultPivotKind(indicator)) params.set('pivot', kind);
    return `?${params.toString()}`;
};

/**
 * Lets the container build pivot hrefs that keep its other URL state (time range, trail). Optional: without a
 * provider, links use {@link pivotHref}.
 */
export const PivotHrefContext = createContext<PivotHrefBuilder>(pivotHref);

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

export interface PivotLinkProps {
    readonly indicator: Indicator;
    readonly onPivot: PivotHandler;
    /** Why the value is related (from core's pivots), passed on to `onPivot` for the trail. */
    readonly reason?: PivotReason | undefined;
    /** Defaults to {@link defaultPivotKind}. */
    readonly kind?: PivotKind;
    /** Defaults to the indicator's display form. */
    readonly children?: ReactNode;
}

function isPlainClick(event: MouseEvent): boolean {
    return event.button === 0 && !event.metaKey && !event.ctrlKey && !event.shiftKey && !event.altKey;
}

/**
 * An indicator as a real link (`pivot-link`, `data-indicator` = the normalised value): a plain click pivots in
 * place through `onPivot`; a middle-click or a modified click is left to the browser, which opens the href.
 */
export function PivotLink({ indicator, onPivot, reason, kind, children }: PivotLinkProps) {
    const hrefFor = useContext(PivotHrefContext);
    const pivotKind = kind ?? defaultPivotKind(indicator);
    const onClick = (event: MouseEvent<HTMLAnchorElement>) => {
        if (!isPlainClick(event)) return;
        event.preventDefault();
        onPivot(indicator, reason, pivotKind);
    };
    return (
        <>
            <Anchor
                href={hrefFor(indicator, pivotKind)}
                onClick={onClick}
                data-test={testIds.pivotLink}
                data-indicator={indicator.value}
                data-type={indicator.type}
                title={reason ? `${indicator.value}: ${reason.text}` : indicator.value}
            >
                {children ?? indicator.display}
            </Anchor>
            <PinButton indicator={indicator} reason={reason} />
        </>
    );
}
