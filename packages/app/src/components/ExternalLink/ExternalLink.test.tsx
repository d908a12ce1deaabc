import { render, screen } from '@testing-library/react';
import { ExternalLink, webAddress } from './ExternalLink';

describe('webAddress', () => {
    it.each([
        ['https://osint.example/report.pdf', 'https://osint.example/report.pdf'],
        ['HTTP://Evil.Example/x', 'http://evil.example/x'],
        ['javascript:alert(document.cookie)', undefined],
        [' JavaScript:alert(1)', undefined],
        ['java\tscript:alert(1)', undefined],
        ['data:text/html,<script>alert(1)</script>', undefined],
        ['vbscript:msgbox(1)', undefined],
        ['file:///etc/passwd', undefined],
        ['//evil.example/x', undefined],
        ['not an address', undefined],
        [undefined, undefined],
    ])('%s', (input, expected) => {
        expect(webAddress(input)).toBe(expected);
    });
});

describe('ExternalLink', () => {
    it('links web addresses and shows anything else as text', () => {
        const { container } = render(
            <>
                <ExternalLink href="https://osint.example/r">report</ExternalLink>
                <ExternalLink href="javascript:alert(1)">hostile</ExternalLink>
            </>
        );
        expect(screen.getByRole('link', { name: /report/ })).toHaveAttribute('href', 'https://osint.example/r');
        expect(screen.queryByRole('link', { name: /hostile/ })).toBeNull();
        expect(screen.getByText('hostile')).toHaveAttribute('title', 'not a web address: javascript:alert(1)');
        const hrefs = [...container.querySelectorAll('[href]')].map((e) => e.getAttribute('href'));
        expect(hrefs).toEqual(['https://osint.example/r']);
    });
});
