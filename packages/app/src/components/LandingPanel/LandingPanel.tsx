import { useMemo } from 'react';
import styled from 'styled-components';
import type { IndicatorType } from '@passivetotal/core';
import { indicatorTypeLabel } from '@passivetotal/core';
import Heading from '@splunk/react-ui/Heading';
import P from '@splunk/react-ui/Paragraph';
import { variables } from '@splunk/themes';
import { DataTable, type Column } from '../DataTable/DataTable';
import { DateTime } from '../DateTime/DateTime';
import { PanelStatus } from '../PanelStatus/PanelStatus';
import type { Remote } from '../PanelStatus/remote';
import { asIndicator } from '../PivotLink/as-indicator';
import { PivotLink, type PivotHandler } from '../PivotLink/PivotLink';

const Intro = styled.div`
    max-width: 60em;
    margin-bottom: ${variables.spacingLarge};
`;

/** An investigation someone on the team ran. */
export interface RecentInvestigation {
    readonly user: string;
    readonly indicator: string;
    readonly type: IndicatorType;
    /** ISO 8601 or epoch milliseconds. */
    readonly time: string | number;
    /** Local events mentioning it when it was investigated, if known. */
    readonly internalSightings?: number;
}

export interface LandingPanelProps {
    readonly recent: Remote<readonly RecentInvestigation[]>;
    /** Opens one of them (plain click; a middle-click opens its link in a new tab). */
    readonly onOpen: PivotHandler;
}

function timeOf(r: RecentInvestigation): number | undefined {
    const t = typeof r.time === 'number' ? r.time : Date.parse(r.time);
    return Number.isNaN(t) ? undefined : t;
}

/** Before any indicator: what the page does, and the team's recent investigations one click away. */
export function LandingPanel({ recent, onOpen }: LandingPanelProps) {
    const columns = useMemo(
        (): readonly Column<RecentInvestigation>[] => [
            {
                id: 'indicator',
                label: 'Indicator',
                value: (r) => r.indicator,
                render: (r) => {
                    const target = asIndicator(r.indicator);
                    return target ? <PivotLink indicator={target} onPivot={onOpen} /> : r.indicator;
                },
            },
            { id: 'type', label: 'Type', value: (r) => indicatorTypeLabel(r.type) },
            { id: 'user', label: 'Investigated by', value: (r) => r.user },
            { id: 'time', label: 'When', value: timeOf, render: (r) => <DateTime value={r.time} /> },
            { id: 'sightings', label: 'Local events', value: (r) => r.internalSightings, align: 'right' },
        ],
        [onOpen]
    );
    return (
        <section aria-label="Start an investigation">
            <Intro>
                <P>
                    Enter a domain, IP address, URL, email address, certificate SHA-1 or tracker id, defanged or not.
                    The app asks PassiveTotal and your Splunk indexes at the same time and shows passive DNS, WHOIS,
                    certificates, host attributes and internal hits side by side. Every value is a pivot, and every
                    related value shows how often it occurs in your own events.
                </P>
            </Intro>
            <Heading level={2}>Recent investigations by your team</Heading>
            <PanelStatus
                remote={recent}
                what="recent investigations"
                isEmpty={(v) => v.length === 0}
                emptyText="No investigations yet. Yours will appear here for the team."
            >
                {(rows) => (
                    <DataTable
                        label="Recent investigations"
                        rows={rows}
                        columns={columns}
                        rowKey={(r, i) => `${r.user}|${r.indicator}|${String(r.time)}|${i}`}
                        defaultSort={{ column: 'time', dir: 'desc' }}
                        pageSize={25}
                    />
                )}
            </PanelStatus>
        </section>
    );
}
