/**
 * Hostile input in the indicator box and in `?indicator=`: quotes, pipes, backticks, brackets, subsearch syntax,
 * macros, Unicode confusables, 10 KB strings and control characters. Whatever is typed, the page starts
 * no search but the ones core builds for a valid indicator, runs no script, and says clearly what is wrong with
 * anything that is not an indicator. Cases come from fast-check with a fixed seed, plus a hand-written list.
 */
import fc from 'fast-check';
import type { Page } from 'playwright-core';
import { internalHitsSearches, parseIndicator } from '@passivetotal/core';
import { testIds } from '../src/selectors';
import { byTestId } from './browser';
import { useBrowserTests } from './fixture';

const PAYLOADS = [
    'evil.example" | delete',
    "evil.example' OR index=*",
    'evil.example | outputlookup passwords.csv',
    '`passivetotal_index`',
    'evil.example`comment("x")`',
    '[search index=_internal | return 1 host]',
    '203.0.113.77 [| makeresults]',
    'TERM(203.0.113.77) OR *',
    'index=* NOT evil.example',
    '<img src=x onerror="window.__pwned=1">',
    '"><script>window.__pwned=1</script>',
    'javascript:window.__pwned=1',
    '\u0435vil.example', // Cyrillic e
    'evil\u200b.example', // zero-width space
    'evil.example\u202e', // right-to-left override
    'ev\u0000il.example',
    'evil.example\r\n| delete',
    '\u001b[31mevil.example',
    'x'.repeat(10_240),
    `${'a.'.repeat(3000)}example`,
    '203.0.113.77/32 | stats count',
    'login-secure-update[.]example', // defanged: a valid indicator
    'hxxps://203.0.113[.]77/login', // defanged URL of the demo's IP
];

const HOSTILE_CHARS = ['"', "'", '|', '`', '[', ']', '(', ')', '\\', '$', '=', '*', ' ', '\n', '\t', '<', '>', ';'];

/** Generated cases: a domain or address with hostile characters around and inside it. */
function generated(count: number): string[] {
    const piece = fc.oneof(
        fc.constantFrom(...HOSTILE_CHARS),
        fc.constantFrom(
            'evil',
            'example',
            '203.0.113.77',
            'search',
            'index=_audit',
            'eval',
            'macro',
            '\u0430',
            '\u00e9'
        ),
        fc.string({ maxLength: 4 })
    );
    const arbitrary = fc
        .tuple(
            fc.array(piece, { maxLength: 4 }),
            fc.constantFrom('evil.example', '198.51.100.7', ''),
            fc.array(piece, { maxLength: 4 })
        )
        .map(([before, core, after]) => `${before.join('')}${core}${after.join('')}`)
        .filter((s) => s.trim() !== '');
    return fc.sample(arbitrary, { numRuns: count, seed: 20261129 });
}

interface Outcome {
    readonly message: string | undefined;
    readonly searches: readonly string[];
    readonly pwned: boolean;
}

/** What the page did for one input: its error message, the searches it started, whether a script ran. */
async function observe(
    page: Page,
    act: () => Promise<void>,
    valid: boolean,
    value: string | undefined
): Promise<Outcome> {
    const searches: string[] = [];
    const listener = (request: { method(): string; url(): string; postData(): string | null }) => {
        if (request.method() === 'POST' && /\/search\/jobs$/.test(new URL(request.url()).pathname)) {
            searches.push(new URLSearchParams(request.postData() ?? '').get('search') ?? '');
        }
    };
    page.on('request', listener);
    try {
        await act();
        if (valid && value !== undefined) {
            await page
                .locator(`${byTestId(testIds.investigation)}[data-indicator="${value}"][data-settled="true"]`)
                .waitFor({ timeout: 30_000 });
        } else {
            await page
                .locator(`${byTestId(testIds.indicatorError)}, ${byTestId(testIds.panelError)}`)
                .first()
                .waitFor();
            // Give a wrongly started search the time to show up.
            await page.waitForTimeout(300);
        }
        const message = await page
            .locator(`${byTestId(testIds.indicatorError)}, ${byTestId(testIds.panelError)}`)
            .first()
            .textContent({ timeout: 500 })
            .catch(() => undefined);
        const pwned = await page.evaluate('window.__pwned === 1');
        return { message: message ?? undefined, searches, pwned: pwned === true };
    } finally {
        page.off('request', listener);
    }
}

function expectSafe(input: string, outcome: Outcome): void {
    expect(outcome.pwned).toBe(false);
    const parsed = parseIndicator(input);
    if (!parsed.ok) {
        // Not an indicator: a message saying what is wrong and what is expected, and no search at all.
        expect(outcome.searches).toEqual([]);
        expect(outcome.message).toMatch(/expected/i);
        return;
    }
    // An indicator: only core's searches for it (its two internal-hits searches, perhaps core's sightings search).
    const own = internalHitsSearches(parsed.value);
    for (const search of outcome.searches) {
        const fromCore = search.endsWith(own.aggregate.spl) || search.endsWith(own.latest.spl);
        const sightings =
            /^(search )?\(`passivetotal_index`\) \(/.test(search) && search.includes('| mvexpand pt_candidate');
        expect({ input, search, fromCore: fromCore || sightings }).toEqual({ input, search, fromCore: true });
    }
}

describe('hostile input', () => {
    const e2e = useBrowserTests();
    let page: Page;

    beforeAll(async () => {
        page = await e2e.newPage();
        page.on('dialog', (dialog) => {
            void dialog.dismiss();
            throw new Error(`A dialog opened: ${dialog.message()}`);
        });
    });

    jest.setTimeout(300_000);

    it('in ?indicator= starts no foreign search, runs no script and explains what is wrong', async () => {
        for (const input of [...PAYLOADS, ...generated(12)]) {
            const parsed = parseIndicator(input);
            const url = new URL(e2e.server.url);
            url.searchParams.set('indicator', input);
            const outcome = await observe(
                page,
                () => page.goto(url.toString()).then(() => undefined),
                parsed.ok,
                parsed.ok ? parsed.value.value : undefined
            );
            expectSafe(input, outcome);
        }
    });

    it('in the indicator box too', async () => {
        await page.goto(e2e.server.url);
        const box = page.locator(`${byTestId(testIds.indicatorInput)} input`);
        for (const input of [...PAYLOADS.filter((p) => p.length < 1000 && !p.includes('\u0000')), ...generated(30)]) {
            await box.fill(input);
            // What the box holds (a single-line input drops line breaks).
            const typed = await box.inputValue();
            const parsed = parseIndicator(typed);
            const outcome = await observe(
                page,
                async () => {
                    // The button is disabled while the box holds no indicator; Enter is what a person tries then.
                    const submit = page.locator(byTestId(testIds.indicatorSubmit));
                    if (await submit.isEnabled()) await submit.click();
                    else await box.press('Enter');
                },
                parsed.ok,
                parsed.ok ? parsed.value.value : undefined
            );
            expectSafe(typed, outcome);
        }
    });
});
