import { render } from '@testing-library/react';
import { findInText } from '@passivetotal/core';
import { HighlightedText, piecesOf } from './HighlightedText';
import { indicator } from '../testing/recorded';

describe('piecesOf', () => {
    it('cuts the text at the matches', () => {
        expect(piecesOf('a EVIL.example b', [{ start: 2, end: 14 }])).toEqual([
            { text: 'a ', hit: false },
            { text: 'EVIL.example', hit: true },
            { text: ' b', hit: false },
        ]);
    });

    it('ignores ranges outside the text or overlapping, and returns the text whole without matches', () => {
        expect(
            piecesOf('abcdef', [
                { start: 1, end: 3 },
                { start: 2, end: 4 },
                { start: 5, end: 99 },
            ])
        ).toEqual([
            { text: 'a', hit: false },
            { text: 'bc', hit: true },
            { text: 'def', hit: false },
        ]);
        expect(piecesOf('nothing here', [])).toEqual([{ text: 'nothing here', hit: false }]);
        expect(piecesOf('', [])).toEqual([{ text: '', hit: false }]);
    });
});

describe('HighlightedText', () => {
    it('renders markup in events as text, with what the matching rule found marked', () => {
        const text = '<img src=x onerror=alert(1)> GET http://evil.example/login.php from myevil.example';
        const { container } = render(
            <HighlightedText text={text} matches={findInText(indicator('evil[.]example'), text)} />
        );
        expect(container.querySelector('img')).toBeNull();
        expect(container.textContent).toBe(text);
        expect([...container.querySelectorAll('mark')].map((m) => m.textContent)).toEqual(['evil.example']);
    });
});
