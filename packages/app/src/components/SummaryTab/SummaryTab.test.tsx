import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { EMPTY_TRAIL, extendTrail, mergePivots, pivotsFromResolutions, pivotsFromWhois } from '@passivetotal/core';
import { SummaryTab } from './SummaryTab';
import { done, failed, LOADING } from '../PanelStatus/remote';
import { counted } from '../testing/sightings';
import { indicator, recorded } from '../testing/recorded';
import { testIds } from '../../selectors';

const query = indicator('198.51.100.7');
const trail = extendTrail(extendTrail(EMPTY_TRAIL, { type: 'domain', value: 'evil.example' }), {
    type: 'ipv4',
    value: '198.51.100.7',
    via: { from: 'evil.example', relation: 'resolves-to' },
});
const pivots = mergePivots(
    pivotsFromResolutions(indicator('evil.example'), recorded.resolutions.records),
    pivotsFromWhois(undefined, recorded.whois.records)
);
const sightings = counted(pivots.map((p) => [p.indicator.value, p.indicator.value === 'jane@evil.example' ? 2 : 0]));

describe('SummaryTab', () => {
    it('returns to any step of the trail', async () => {
        const user = userEvent.setup();
        const onTrailStep = jest.fn();
        render(
            <SummaryTab
                indicator={query}
                pivots={done(pivots)}
                osint={LOADING}
                malware={LOADING}
                trail={trail}
                onTrailStep={onTrailStep}
                sightings={sightings}
                onPivot={jest.fn()}
            />
        );
        const nav = screen.getByRole('navigation', { name: 'Investigation trail' });
        expect(within(nav).getByText('198.51.100.7')).toHaveAttribute('aria-current', 'step');
        await user.click(within(nav).getByRole('link', { name: 'evil.example' }));
        expect(onTrailStep).toHaveBeenCalledWith(trail.steps[0], 0);
    });

    it('lists every related indicator with why, and whether it occurs locally', () => {
        render(
            <SummaryTab
                indicator={query}
                pivots={done(pivots)}
                osint={done(recorded.osint)}
                malware={done(recorded.malware)}
                trail={EMPTY_TRAIL}
                onTrailStep={jest.fn()}
                sightings={sightings}
                onPivot={jest.fn()}
            />
        );
        const related = screen.getByRole('region', { name: 'Related indicators' });
        const jane = within(related).getByRole('row', { name: /jane@evil\.example/ });
        expect(jane).toHaveTextContent('registrant email in WHOIS');
        expect(within(jane).getByTestId(testIds.internalSightings)).toHaveAttribute('data-count', '2');

        const osint = screen.getByRole('region', { name: 'OSINT' });
        expect(within(osint).getByRole('link', { name: /Example Labs/ })).toHaveAttribute(
            'href',
            'https://labs.example.com/report'
        );
        expect(
            within(osint)
                .getAllByTestId(testIds.pivotLink)
                .map((l) => l.getAttribute('data-indicator'))
        ).toEqual(['evil.example', '198.51.100.7']);
        expect(
            within(screen.getByRole('region', { name: 'Malware' })).getByText('7ebf1e2d0c89b1c8124275688c9e8e98')
        ).toBeInTheDocument();
    });

    it('shows OSINT and malware failures without hiding the rest', () => {
        render(
            <SummaryTab
                indicator={query}
                pivots={done([])}
                osint={failed('quota exceeded')}
                malware={done({ records: [], total: 0 })}
                trail={EMPTY_TRAIL}
                onTrailStep={jest.fn()}
                sightings={sightings}
                onPivot={jest.fn()}
            />
        );
        expect(screen.getByTestId(testIds.panelError)).toHaveTextContent(
            'Could not load OSINT reports: quota exceeded'
        );
        expect(screen.getByText('No related indicators yet.')).toBeInTheDocument();
        expect(screen.getByText('No malware samples found.')).toBeInTheDocument();
    });
});
