import type { Indicator } from '../indicators/indicator';
import type { Dataset, DatasetTypes, IntelProvider, ProviderResult } from './provider';
import { providerContractTests } from '../testing/provider-contract-tests';
import { providerError } from './passivetotal/proxy-client';
import { parsedIndicator as ind } from '../testing';

/** A minimal in-memory provider: proves the interface can be implemented by another source without the UI. */
function memoryProvider(up: boolean): IntelProvider {
    return {
        id: 'memory',
        label: 'In-memory example',
        datasets: () => ['resolutions'],
        datasetsFor: (i) => (i.type === 'domain' ? ['resolutions'] : []),
        fetch<D extends Dataset>(dataset: D, i: Indicator): Promise<ProviderResult<DatasetTypes[D]>> {
            if (dataset !== 'resolutions' || i.type !== 'domain') {
                return Promise.resolve(providerError('unsupported', `no ${dataset} for ${i.type}`));
            }
            if (!up) return Promise.resolve(providerError('network', 'down'));
            const value: DatasetTypes['resolutions'] = { queryValue: i.value, records: [], total: 0 };
            return Promise.resolve({ ok: true, value: value as DatasetTypes[D], cached: false });
        },
    };
}

providerContractTests('in-memory example', () => ({
    provider: memoryProvider(true),
    known: ind('evil.example'),
    unsupported: ind('198.51.100.7'),
    failing: memoryProvider(false),
}));
