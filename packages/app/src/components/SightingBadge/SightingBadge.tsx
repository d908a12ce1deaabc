import styled, { css } from 'styled-components';
import { variables } from '@splunk/themes';
import { testIds } from '../../selectors';
import { sightingCount, type SightingsState } from './sightings';

const Badge = styled.span<{ $seen: boolean }>`
    display: inline-block;
    min-width: 2.5em;
    padding: 0 ${variables.spacingXSmall};
    border: 1px solid ${variables.borderColor};
    border-radius: ${variables.borderRadius};
    font-size: ${variables.fontSizeSmall};
    text-align: center;
    white-space: nowrap;
    color: ${variables.contentColorMuted};
    ${(p) =>
        p.$seen &&
        css`
            border-color: ${variables.accentColorNegative};
            color: ${variables.contentColorNegative};
            font-weight: ${variables.fontWeightBold};
        `}
`;

export interface SightingBadgeProps {
    /** The normalised indicator value. */
    readonly value: string;
    readonly sightings: SightingsState;
}

/**
 * How often a pivot candidate occurs in local events (`internal-sightings`, with `data-count` once the batched
 * search has finished; "…" before, "?" when it failed). Nothing when no search runs for this view.
 */
export function SightingBadge({ value, sightings }: SightingBadgeProps) {
    if (sightings.status === 'idle') return null;
    const count = sightingCount(sightings, value);
    if (count === undefined) {
        const failed = sightings.status === 'error';
        return (
            <Badge
                $seen={false}
                data-test={testIds.internalSightings}
                data-indicator={value}
                title={failed ? `Local sightings unknown: ${sightings.message ?? 'the search failed'}` : undefined}
                aria-label={failed ? 'local sightings unknown' : 'checking local events'}
            >
                {failed ? '?' : '…'}
            </Badge>
        );
    }
    return (
        <Badge
            $seen={count > 0}
            data-test={testIds.internalSightings}
            data-indicator={value}
            data-count={count}
            aria-label={count > 0 ? `seen ${count} times in local events` : 'not seen in local events'}
        >
            {count.toLocaleString('en-US')}
        </Badge>
    );
}
