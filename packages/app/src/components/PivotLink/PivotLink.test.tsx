import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { PivotHrefContext, PivotLink, type PivotHandler } from './PivotLink';
import { indicator } from '../testing/recorded';
import { testIds } from '../../selectors';

const reason = { relation: 'resolves-to', text: 'resolved to (A record)', dataset: 'resolutions' } as const;

/**
 * Clicks like a browser would and reports whether the app kept the browser from following the link. A listener on
 * window runs after React's; it then stops jsdom's (unimplemented) navigation.
 */
function click(link: HTMLElement, init: MouseEventInit = {}): boolean {
    let prevented = false;
    const after = (event: Event) => {
        prevented = event.defaultPrevented;
        event.preventDefault();
    };
    window.addEventListener('click', after);
    link.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true, button: 0, ...init }));
    window.removeEventListener('click', after);
    return prevented;
}

describe('PivotLink', () => {
    it('is a real link to the pivot, carrying the normalised value', () => {
        render(<PivotLink indicator={indicator('198.51.100.7')} onPivot={jest.fn()} />);
        const link = screen.getByTestId(testIds.pivotLink);
        expect(link).toBe(screen.getByRole('link', { name: '198.51.100.7' }));
        expect(link).toHaveAttribute('href', '?indicator=198.51.100.7');
        expect(link).toHaveAttribute('data-indicator', '198.51.100.7');
    });

    it('shows the display form but keys on the normalised value', () => {
        render(<PivotLink indicator={indicator('Evil[.]Example.')} onPivot={jest.fn()} />);
        expect(screen.getByRole('link', { name: 'evil.example' })).toHaveAttribute('data-indicator', 'evil.example');
    });

    it('calls onPivot on a plain click and keeps the page', async () => {
        const user = userEvent.setup();
        const onPivot = jest.fn<ReturnType<PivotHandler>, Parameters<PivotHandler>>();
        const ip = indicator('198.51.100.7');
        render(<PivotLink indicator={ip} onPivot={onPivot} reason={reason} />);
        const link = screen.getByRole('link');
        expect(click(link)).toBe(true);
        expect(onPivot).toHaveBeenLastCalledWith(ip, reason, 'investigate');
        await user.keyboard('{Tab}');
        expect(link).toHaveFocus();
        await user.keyboard('{Enter}');
        expect(onPivot).toHaveBeenCalledTimes(2);
    });

    it.each([
        ['ctrl', { ctrlKey: true }],
        ['meta', { metaKey: true }],
        ['shift', { shiftKey: true }],
        ['middle button', { button: 1 }],
    ])('leaves a %s click to the browser', (_name, init) => {
        const onPivot = jest.fn<ReturnType<PivotHandler>, Parameters<PivotHandler>>();
        render(<PivotLink indicator={indicator('198.51.100.7')} onPivot={onPivot} />);
        expect(click(screen.getByRole('link'), init)).toBe(false);
        expect(onPivot).not.toHaveBeenCalled();
    });

    it('names the search a certificate, a tracker or a WHOIS value leads to', async () => {
        const user = userEvent.setup();
        const onPivot = jest.fn<ReturnType<PivotHandler>, Parameters<PivotHandler>>();
        const sha1 = indicator('0123456789abcdef0123456789abcdef01234567');
        const email = indicator('jane@evil.example');
        render(
            <>
                <PivotLink indicator={sha1} onPivot={onPivot} />
                <PivotLink indicator={indicator('UA-1234567-1')} onPivot={onPivot} />
                <PivotLink indicator={email} onPivot={onPivot} kind="whois-email" />
            </>
        );
        const [cert, tracker, mail] = screen.getAllByRole('link');
        await user.click(cert!);
        expect(onPivot).toHaveBeenLastCalledWith(sha1, undefined, 'certificate');
        await user.click(tracker!);
        expect(onPivot.mock.lastCall?.[2]).toBe('tracker');
        await user.click(mail!);
        expect(onPivot).toHaveBeenLastCalledWith(email, undefined, 'whois-email');
        expect(mail).toHaveAttribute('href', '?indicator=jane%40evil.example&pivot=whois-email');
    });

    it('takes its href from the container when it provides a builder', () => {
        render(
            <PivotHrefContext.Provider
                value={(i) => `/en-US/app/passivetotal/investigate?indicator=${i.value}&earliest=-24h`}
            >
                <PivotLink indicator={indicator('198.51.100.7')} onPivot={jest.fn()} />
            </PivotHrefContext.Provider>
        );
        expect(screen.getByRole('link')).toHaveAttribute(
            'href',
            '/en-US/app/passivetotal/investigate?indicator=198.51.100.7&earliest=-24h'
        );
    });
});
