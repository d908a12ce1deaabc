/**
 * The contract every intelligence provider must keep, as one jest suite that each provider's test file calls
 * instead of repeating the checks: call it with a provider wired to a fake transport. It checks behaviour that the
 * UI relies on, not data.
 */
import type { Indicator } from '../indicators/indicator';
import type { IntelProvider } from '../providers/provider';

/** What the suite needs: the provider and indicators it has data for. */
export interface ContractSubject {
    readonly provider: IntelProvider;
    /** An indicator of a type the provider supports; every dataset it offers must answer ok. */
    readonly known: Indicator;
    /** An indicator the provider offers no datasets for, if any. */
    readonly unsupported?: Indicator;
    /** A provider wired to a transport that always fails (network down). */
    readonly failing: IntelProvider;
}

/**
 * Registers the provider contract tests (must be called at the top level of a jest test file).
 *
 * @example providerContractTests('PassiveTotal', () => ({ provider, known, failing }))
 */
export function providerContractTests(name: string, subject: () => ContractSubject): void {
    describe(`provider contract: ${name}`, () => {
        it('has an id and a label', () => {
            const { provider } = subject();
            expect(provider.id).toMatch(/^[a-z0-9-]+$/);
            expect(provider.label.length).toBeGreaterThan(0);
        });

        it('offers for an indicator only datasets it declares it can answer', () => {
            const { provider, known, unsupported } = subject();
            for (const indicator of unsupported ? [known, unsupported] : [known]) {
                const declared = provider.datasets();
                expect(provider.datasetsFor(indicator).filter((d) => !declared.includes(d))).toEqual([]);
            }
        });

        it('answers every dataset it offers with ok and the dataset shape', async () => {
            const { provider, known } = subject();
            const datasets = provider.datasetsFor(known);
            expect(datasets.length).toBeGreaterThan(0);
            for (const d of datasets) {
                const r = await provider.fetch(d, known);
                expect([d, r.ok]).toEqual([d, true]);
                if (r.ok) {
                    expect(typeof r.cached).toBe('boolean');
                    expect(r.value).toBeInstanceOf(Object);
                }
            }
        });

        it('refuses what it does not offer with a typed error, not an exception', async () => {
            const { provider, unsupported } = subject();
            if (!unsupported) return;
            expect(provider.datasetsFor(unsupported)).toEqual([]);
            const r = await provider.fetch('resolutions', unsupported);
            expect(r).toMatchObject({ ok: false, kind: 'unsupported' });
        });

        it('never rejects when the transport fails', async () => {
            const { failing, known } = subject();
            for (const d of failing.datasetsFor(known)) {
                const r = await failing.fetch(d, known);
                expect(r.ok).toBe(false);
                if (!r.ok) {
                    expect(r.reason.length).toBeGreaterThan(0);
                    expect(r.expected.length).toBeGreaterThan(0);
                }
            }
        });
    });
}
