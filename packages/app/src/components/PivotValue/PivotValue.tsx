import styled from 'styled-components';
import type { Indicator, PivotReason } from '@passivetotal/core';
import { variables } from '@splunk/themes';
import { PivotLink, type PivotHandler, type PivotKind } from '../PivotLink/PivotLink';
import { SightingBadge } from '../SightingBadge/SightingBadge';
import type { SightingsState } from '../SightingBadge/sightings';

const Wrap = styled.span`
    display: inline-flex;
    align-items: baseline;
    gap: ${variables.spacingXSmall};
    max-width: 100%;
`;

export interface PivotValueProps {
    readonly indicator: Indicator;
    readonly onPivot: PivotHandler;
    readonly sightings: SightingsState;
    readonly reason?: PivotReason | undefined;
    readonly kind?: PivotKind;
}

/**
 * A pivot link followed by its local-sightings badge and internal first and last seen, for values outside tables
 * (WHOIS, certificates, OSINT).
 */
export function PivotValue({ indicator, onPivot, sightings, reason, kind }: PivotValueProps) {
    return (
        <Wrap>
            <PivotLink indicator={indicator} onPivot={onPivot} reason={reason} {...(kind ? { kind } : {})} />
            <SightingBadge value={indicator.value} sightings={sightings} dates />
        </Wrap>
    );
}
