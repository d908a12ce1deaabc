import styled, { css } from 'styled-components';
import { variables } from '@splunk/themes';
import { testIds } from '../../selectors';
import { formatDateTime } from '../DateTime/DateTime';
import { sightingOf, type SightingsState } from './sightings';

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

const Dates = styled.span`
    margin-left: ${variables.spacingXSmall};
    font-size: ${variables.fontSizeSmall};
    color: ${variables.contentColorMuted};
    white-space: nowrap;
`;

export interface SightingBadgeProps {
    /** The normalised indicator value. */
    readonly value: string;
    readonly sightings: SightingsState;
    /** Also show the internal first and last seen next to the count (outside tables, which have columns for it). */
    readonly dates?: boolean;
}

/** Epoch seconds as the page shows dates. */
export const epochDate = (seconds: number | undefined): string =>
    seconds === undefined ? '—' : formatDateTime(seconds * 1000);

/**
 * How often a pivot candidate occurs in local events (`internal-sightings`): `data-state` is `pending` while the
 * batched search runs ("…"), `counted` with `data-count` once it has counted the value (0 included), or
 * `not-counted` with the reason in the title, never a 0 the app did not compute. Nothing when no search runs for
 * this view.
 */
export function SightingBadge({ value, sightings, dates = false }: SightingBadgeProps) {
    const sighting = sightingOf(sightings, value);
    switch (sighting.state) {
        case 'idle':
            return null;
        case 'pending':
            return (
                <Badge
                    $seen={false}
                    data-test={testIds.internalSightings}
                    data-indicator={value}
                    data-state="pending"
                    aria-label="checking local events"
                >
                    …
                </Badge>
            );
        case 'not-counted':
            return (
                <Badge
                    $seen={false}
                    data-test={testIds.internalSightings}
                    data-indicator={value}
                    data-state="not-counted"
                    title={sighting.reason}
                    aria-label={sighting.reason}
                >
                    not counted
                </Badge>
            );
        case 'counted': {
            const { count, firstSeen, lastSeen } = sighting;
            const when =
                count > 0 ? `first ${epochDate(firstSeen)}, last ${epochDate(lastSeen)}` : 'not seen in local events';
            return (
                <>
                    <Badge
                        $seen={count > 0}
                        data-test={testIds.internalSightings}
                        data-indicator={value}
                        data-count={count}
                        data-state="counted"
                        title={
                            count > 0 ? `Seen ${count.toLocaleString('en-US')} times in local events: ${when}` : when
                        }
                        aria-label={count > 0 ? `seen ${count} times in local events, ${when}` : when}
                    >
                        {count.toLocaleString('en-US')}
                    </Badge>
                    {dates && count > 0 ? (
                        <Dates>
                            {epochDate(firstSeen)} – {epochDate(lastSeen)}
                        </Dates>
                    ) : null}
                </>
            );
        }
    }
}
