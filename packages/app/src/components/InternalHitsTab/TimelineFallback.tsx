import { Component, type ReactNode } from 'react';
import styled from 'styled-components';
import { variables } from '@splunk/themes';
import { formatDateTime } from '../DateTime/DateTime';
import type { TimeBucket } from '../EventsChart/EventsChart';

const Svg = styled.svg`
    width: 100%;
    height: 120px;
    rect {
        fill: ${variables.accentColor};
    }
`;

/** A plain SVG column chart: the fallback when the visualization library cannot load or render. */
export function TimelineBars({ buckets }: { readonly buckets: readonly TimeBucket[] }) {
    const max = Math.max(1, ...buckets.map((b) => b.count));
    const width = 100 / Math.max(1, buckets.length);
    return (
        <Svg viewBox="0 0 100 100" preserveAspectRatio="none" role="img" aria-label="Events over time">
            {buckets.map((b, i) => (
                <rect
                    key={b.time}
                    x={i * width + width * 0.1}
                    width={width * 0.8}
                    y={100 - (b.count / max) * 100}
                    height={(b.count / max) * 100}
                >
                    <title>{`${formatDateTime(b.time)}: ${b.count} events`}</title>
                </rect>
            ))}
        </Svg>
    );
}

interface BoundaryProps {
    readonly fallback: ReactNode;
    readonly children: ReactNode;
}

/** Shows the fallback instead of a chart that failed to load or render; the rest of the tab is unaffected. */
export class ChartBoundary extends Component<BoundaryProps, { failed: boolean }> {
    override state = { failed: false };

    static getDerivedStateFromError(): { failed: boolean } {
        return { failed: true };
    }

    override render() {
        return this.state.failed ? this.props.fallback : this.props.children;
    }
}
