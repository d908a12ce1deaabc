import styled from 'styled-components';
import type { Indicator, PivotReason } from '@passivetotal/core';
import { variables } from '@splunk/themes';
import { docSighting } from '../../case/investigation-document';
import { pinStore, usePins } from '../../case/pin-store';
import { caseTestIds } from '../../selectors';
import { sightingsOfPage } from './page-sightings';

const Toggle = styled.button<{ $pinned: boolean }>`
    border: none;
    background: none;
    cursor: pointer;
    padding: 0 2px;
    margin-left: 2px;
    font-size: ${variables.fontSizeSmall};
    color: ${(p) => (p.$pinned ? variables.accentColorWarning : variables.contentColorMuted)};
    opacity: ${(p) => (p.$pinned ? 1 : 0.55)};
    &:hover,
    &:focus-visible {
        opacity: 1;
    }
`;

/**
 * The pin toggle of a value (`pin`, `data-indicator`, `data-pinned`), next to every pivot link of an investigation:
 * pins it to the case with why it is related and its internal sightings now. Nothing outside an investigation.
 */
export function PinButton({
    indicator,
    reason,
}: {
    readonly indicator: Indicator;
    readonly reason?: PivotReason | undefined;
}) {
    const { active, pins } = usePins();
    if (!active) return null;
    const pinned = pins.some((p) => p.value === indicator.value);
    const label = `${pinned ? 'Unpin' : 'Pin'} ${indicator.value}${pinned ? '' : ' to the case'}`;
    return (
        <Toggle
            type="button"
            $pinned={pinned}
            aria-pressed={pinned}
            aria-label={label}
            title={label}
            data-test={caseTestIds.pin}
            data-indicator={indicator.value}
            data-pinned={pinned ? 'true' : 'false'}
            onClick={() =>
                pinStore.toggle({
                    type: indicator.type,
                    value: indicator.value,
                    why: reason?.text ?? '',
                    ...(reason ? { relation: reason.relation, from: reason.dataset } : {}),
                    internalSightings: docSighting(sightingsOfPage.current, indicator.value),
                })
            }
        >
            {pinned ? '\u2605' : '\u2606'}
        </Toggle>
    );
}
