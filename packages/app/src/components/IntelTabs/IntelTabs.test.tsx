import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { IntelTabs, type TabId, type TabStatus } from './IntelTabs';
import { testIds } from '../../selectors';

const status: Record<TabId, TabStatus> = {
    summary: { state: 'done', count: 12 },
    resolutions: { state: 'done', count: 10_000 },
    whois: { state: 'error' },
    certificates: { state: 'loading' },
    'host-attributes': { state: 'done', count: 0 },
    internal: { state: 'done', count: 3 },
};

const panels: Record<TabId, string> = {
    summary: 'summary body',
    resolutions: 'resolutions body',
    whois: 'whois body',
    certificates: 'certificates body',
    'host-attributes': 'host attributes body',
    internal: 'internal body',
};

describe('IntelTabs', () => {
    it('puts the contract ids on the six tab buttons with their counts and states', () => {
        render(<IntelTabs status={status} panels={panels} />);
        expect(screen.getByTestId(testIds.tabSummary)).toHaveAttribute('role', 'tab');
        expect(screen.getByTestId(testIds.tabResolutions)).toHaveTextContent('Resolutions10,000');
        expect(screen.getByTestId(testIds.tabWhois)).toHaveTextContent('WHOISfailed');
        expect(screen.getByTestId(testIds.tabCertificates)).toHaveTextContent('loading');
        expect(screen.getByTestId(testIds.tabHostAttributes)).toHaveTextContent('Host attributes0');
        expect(screen.getByTestId(testIds.tabInternal)).toContainElement(screen.getByTestId(testIds.internalHitsCount));
        expect(screen.getByTestId(testIds.internalHitsCount)).toHaveAttribute('data-count', '3');
        expect(screen.getByRole('tabpanel')).toHaveTextContent('summary body');
    });

    it('moves between tabs with the keyboard and keeps visited panels', async () => {
        const user = userEvent.setup();
        const onTabChange = jest.fn();
        render(<IntelTabs status={status} panels={panels} onTabChange={onTabChange} />);
        await user.tab();
        expect(screen.getByTestId(testIds.tabSummary)).toHaveFocus();
        await user.keyboard('{ArrowRight}');
        expect(screen.getByTestId(testIds.tabResolutions)).toHaveFocus();
        await user.keyboard('{Enter}');
        expect(onTabChange).toHaveBeenLastCalledWith('resolutions');
        expect(screen.getByRole('tabpanel')).toHaveTextContent('resolutions body');
        expect(screen.getByText('summary body', { ignore: false })).not.toBeVisible();
    });

    it('has no internal count until the local search has answered', () => {
        render(
            <IntelTabs status={{ ...status, internal: { state: 'loading' } }} panels={panels} activeTab="internal" />
        );
        expect(screen.queryByTestId(testIds.internalHitsCount)).not.toBeInTheDocument();
        expect(screen.getByRole('tabpanel')).toHaveTextContent('internal body');
    });

    it("offers a tab's records as the app's search command in Splunk Search", () => {
        const href = '/en-US/app/search/search?q=%7C+ptpdns+query%3D%22evil.example%22&earliest=0&latest=now';
        render(
            <IntelTabs status={status} panels={panels} activeTab="resolutions" searchHrefs={{ resolutions: href }} />
        );
        const link = screen.getByTestId(testIds.tabSearch);
        expect(link).toHaveAttribute('href', href);
        expect(link).toHaveAttribute('data-tab', 'resolutions');
        expect(link).toHaveTextContent('Open in Search');
    });
});
