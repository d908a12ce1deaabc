import { render } from '@testing-library/react';
import { HighlightedText, highlightTerms, splitHighlights } from './HighlightedText';
import { indicator } from '../testing/recorded';

describe('splitHighlights', () => {
    it('marks every case-insensitive occurrence', () => {
        expect(splitHighlights('a EVIL.example b evil.example', ['evil.example'])).toEqual([
            { text: 'a ', hit: false },
            { text: 'EVIL.example', hit: true },
            { text: ' b ', hit: false },
            { text: 'evil.example', hit: true },
        ]);
    });

    it('prefers the longest term at one position and treats terms literally', () => {
        expect(splitHighlights('x.evil.example.com', ['evil.example', 'evil.example.com', '.*'])).toEqual([
            { text: 'x.', hit: false },
            { text: 'evil.example.com', hit: true },
        ]);
    });

    it('returns the text whole when nothing matches', () => {
        expect(splitHighlights('nothing here', ['evil.example', ''])).toEqual([{ text: 'nothing here', hit: false }]);
    });
});

describe('HighlightedText', () => {
    it('renders markup in events as text, with the indicator marked', () => {
        const { container } = render(
            <HighlightedText
                text={'<img src=x onerror=alert(1)> GET http://evil.example/login.php'}
                terms={highlightTerms(indicator('hxxp://evil[.]example/login.php'))}
            />
        );
        expect(container.querySelector('img')).toBeNull();
        expect(container.textContent).toBe('<img src=x onerror=alert(1)> GET http://evil.example/login.php');
        expect([...container.querySelectorAll('mark')].map((m) => m.textContent)).toEqual([
            'http://evil.example/login.php',
        ]);
    });
});
