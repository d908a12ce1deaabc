import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { InvestigatePage } from './InvestigatePage';
import { testIds } from '../../selectors';

describe('InvestigatePage', () => {
    it('explains what the page does and offers the indicator box', () => {
        render(<InvestigatePage initialIndicator="" onInvestigate={jest.fn()} />);
        expect(screen.getByRole('heading', { level: 1, name: 'Investigate' })).toBeInTheDocument();
        expect(screen.getByText(/passive DNS, WHOIS/)).toBeInTheDocument();
        const submit = screen.getByTestId(testIds.indicatorSubmit);
        expect(submit).toHaveAccessibleName('Investigate');
        expect(submit).toHaveAttribute('aria-disabled', 'true');
    });

    it('starts from the indicator of a deep link', () => {
        render(<InvestigatePage initialIndicator="evil[.]example" onInvestigate={jest.fn()} />);
        expect(screen.getByRole('textbox')).toHaveValue('evil[.]example');
    });

    it('submits the trimmed indicator with the button or the Enter key', async () => {
        const user = userEvent.setup();
        const onInvestigate = jest.fn();
        render(<InvestigatePage initialIndicator="" onInvestigate={onInvestigate} />);

        await user.type(screen.getByRole('textbox'), '  203.0.113.7 {Enter}');
        expect(onInvestigate).toHaveBeenLastCalledWith('203.0.113.7');

        await user.click(screen.getByTestId(testIds.indicatorSubmit));
        expect(onInvestigate).toHaveBeenCalledTimes(2);
    });
});
