import { refang, trimIndicatorText } from './refang';

describe('refang', () => {
    it.each([
        ['hxxp://evil.example', 'http://evil.example'],
        ['hXXps://evil.example', 'https://evil.example'],
        ['HXXPS://evil.example', 'https://evil.example'],
        ['hxxp[:]//evil.example', 'http://evil.example'],
        ['hxxps[://]evil.example', 'https://evil.example'],
        ['fxp://files.example', 'ftp://files.example'],
        ['evil[.]example', 'evil.example'],
        ['evil(.)example', 'evil.example'],
        ['evil{.}example', 'evil.example'],
        ['evil[dot]example', 'evil.example'],
        ['evil(dot)example', 'evil.example'],
        ['evil [dot] example', 'evil.example'],
        ['evil[.example', 'evil.example'],
        ['evil\\.example', 'evil.example'],
        ['evil . example', 'evil.example'],
        ['evil dot example', 'evil.example'],
        ['198[.]51[.]100[.]7', '198.51.100.7'],
        ['http://evil.example[/]login', 'http://evil.example/login'],
        ['jane[@]evil.example', 'jane@evil.example'],
        ['jane[at]evil[.]example', 'jane@evil.example'],
        ['jane(at)evil.example', 'jane@evil.example'],
        ['jane at evil dot example', 'jane@evil.example'],
        ['evil\u3002example', 'evil.example'],
        ['ev\u200Bil.example', 'evil.example'],
    ])('%s → %s', (input, expected) => {
        expect(refang(input)).toBe(expected);
    });

    it('leaves plain values alone', () => {
        expect(refang('https://evil.example/a?b=c')).toBe('https://evil.example/a?b=c');
        expect(refang('2001:db8::1')).toBe('2001:db8::1');
    });
});

describe('trimIndicatorText', () => {
    it.each([
        ['  "evil.example",  ', 'evil.example'],
        ["'evil.example'", 'evil.example'],
        ['<evil.example>', 'evil.example'],
        ['(evil.example).', 'evil.example'],
        ['[evil.example];', 'evil.example'],
        ['\u201Cevil.example\u201D', 'evil.example'],
        ['evil.example...', 'evil.example'],
        ['http://evil.example/a_(b)', 'http://evil.example/a_(b)'],
        ['[2001:db8::1]', '2001:db8::1'],
        ['[2001:db8::1]:443', '[2001:db8::1]:443'],
        ['`UA-1234-1`', 'UA-1234-1'],
    ])('%s → %s', (input, expected) => {
        expect(trimIndicatorText(input)).toBe(expected);
    });
});
