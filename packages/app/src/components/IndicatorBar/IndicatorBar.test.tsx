import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { IndicatorBar } from './IndicatorBar';
import { DEFAULT_TIME_RANGE } from '../TimeRangeField/TimeRangeField';
import { testIds } from '../../selectors';

function renderBar(props: Partial<Parameters<typeof IndicatorBar>[0]> = {}) {
    const onSubmit = jest.fn();
    const onTimeRangeChange = jest.fn();
    render(
        <IndicatorBar
            onSubmit={onSubmit}
            timeRange={DEFAULT_TIME_RANGE}
            onTimeRangeChange={onTimeRangeChange}
            {...props}
        />
    );
    return { onSubmit, onTimeRangeChange };
}

describe('IndicatorBar', () => {
    it('shows the type and normalised value of defanged input as it is typed', async () => {
        const user = userEvent.setup();
        renderBar();
        await user.type(screen.getByRole('textbox', { name: 'Indicator' }), 'hxxps://Evil[[.]Example/login.php'); // '[[' types one '['
        const normalized = screen.getByTestId(testIds.indicatorNormalized);
        expect(normalized).toHaveAttribute('data-type', 'url');
        expect(normalized).toHaveAttribute('data-value', 'https://evil.example/login.php');
        expect(normalized).toHaveTextContent('URL: https://evil.example/login.php');
        expect(normalized).toHaveTextContent('PassiveTotal is asked about evil.example');
        expect(screen.queryByTestId(testIds.indicatorError)).not.toBeInTheDocument();
    });

    it('submits the parsed indicator with Enter or the button', async () => {
        const user = userEvent.setup();
        const { onSubmit } = renderBar({ defaultValue: '198[.]51[.]100[.]7' });
        expect(screen.getByTestId(testIds.indicatorNormalized)).toHaveAttribute('data-value', '198.51.100.7');
        await user.click(screen.getByRole('textbox', { name: 'Indicator' }));
        await user.keyboard('{Enter}');
        expect(onSubmit).toHaveBeenLastCalledWith(
            expect.objectContaining({ type: 'ipv4', value: '198.51.100.7' }),
            '198[.]51[.]100[.]7'
        );
        await user.click(screen.getByTestId(testIds.indicatorSubmit));
        expect(onSubmit).toHaveBeenCalledTimes(2);
    });

    it('names what was expected for text that is not an indicator, and does not submit it', async () => {
        const user = userEvent.setup();
        const { onSubmit } = renderBar();
        await user.type(screen.getByRole('textbox', { name: 'Indicator' }), 'hello world{Enter}');
        const error = screen.getByTestId(testIds.indicatorError);
        expect(error).toHaveTextContent('an indicator cannot contain spaces');
        expect(error).toHaveTextContent(/Expected an IPv4 or IPv6 address, a domain, a URL, an email address/);
        expect(screen.queryByTestId(testIds.indicatorNormalized)).not.toBeInTheDocument();
        expect(screen.getByTestId(testIds.indicatorSubmit)).toHaveAttribute('aria-disabled', 'true');
        expect(onSubmit).not.toHaveBeenCalled();
    });

    it('notes private and documentation ranges', () => {
        renderBar({ defaultValue: '10.1.2.3' });
        expect(screen.getByText(/private network \(RFC 1918\) \(10\.0\.0\.0\/8\)/)).toBeInTheDocument();
    });

    it('picks the local time range with the keyboard, last 7 days by default', async () => {
        const user = userEvent.setup();
        const { onTimeRangeChange } = renderBar();
        const picker = await screen.findByRole('button', { name: /Last 7 days/, expanded: false });
        picker.focus();
        await user.keyboard('{Enter}');
        await user.click(await screen.findByRole('button', { name: 'Last 24 hours' }));
        expect(onTimeRangeChange).toHaveBeenLastCalledWith({ earliest: '-24h@h', latest: 'now' });
    });
});
