/**
 * Everything one investigation shows, from the hooks: intelligence (all datasets in parallel), the pivots, the
 * internal hits (two jobs), the sightings of every pivot candidate (one job), the quota, and the certificate
 * selected on the Certificates tab. At most three search jobs per investigation.
 */
import { useMemo, useState } from 'react';
import {
    ON_DEMAND_DATASETS,
    parseIndicator,
    type Dataset,
    type DatasetTypes,
    type Indicator,
    type Pivot,
    type RecordPage,
    type Tracker,
} from '@passivetotal/core';
import type { PivotKind } from '../components/PivotLink/PivotLink';
import { failed, LOADING, done, remoteFromResult, type Remote } from '../components/PanelStatus/remote';
import type { TimeRange } from '../components/TimeRangeField/TimeRangeField';
import { useBackend } from './backend';
import { investigationPivots } from './investigation-pivots';
import { useIntel, type IntelResults } from './useIntel';
import { useInternalHits } from './useInternalHits';
import { useSightings } from './useSightings';

/** The datasets of an indicator: the provider's, plus the WHOIS search a pivot asked for. */
export function datasetsFor(
    datasets: readonly Dataset[],
    indicator: Indicator,
    pivot: PivotKind | undefined
): Dataset[] {
    const extra: Dataset[] = [];
    if (indicator.type === 'email') extra.push('whois-by-email');
    if (indicator.type === 'domain' && pivot === 'whois-nameserver') extra.push('whois-by-nameserver');
    return [...datasets.filter((d) => !ON_DEMAND_DATASETS.includes(d)), ...extra];
}

const LABELS: Partial<Record<Dataset, string>> = {
    whois: 'WHOIS',
    'certificate-history': 'certificate history',
    'certificate-details': 'certificate details',
    'certificates-for-name': 'certificates by name',
    resolutions: 'passive DNS',
};

/** A dataset's answer as a panel state; "unavailable" when the provider has nothing of it for this type. */
export function remoteOf<D extends Dataset>(
    intel: IntelResults,
    dataset: D,
    indicator: Indicator,
    setupHref: string
): Remote<DatasetTypes[D]> {
    if (!intel.datasets.includes(dataset)) {
        return {
            state: 'unavailable',
            message: `PassiveTotal has no ${LABELS[dataset] ?? dataset.replace(/-/g, ' ')} for a ${indicator.type === 'sha1' ? 'certificate SHA-1' : indicator.type}.`,
        };
    }
    return remoteFromResult(intel.get(dataset), { setupHref });
}

/** The hosts sharing a tracker as tracker rows (host, tracker type and id), for the Host attributes tab. */
export function trackerHostRows(
    indicator: Indicator,
    hosts: Remote<DatasetTypes['tracker-hosts']>
): Remote<RecordPage<Tracker>> {
    if (hosts.state !== 'done' || indicator.type !== 'tracker') return hosts.state === 'done' ? LOADING : hosts;
    const records = hosts.value.records.map((h): Tracker => ({
        host: h.entity,
        trackerType: indicator.trackerType,
        value: indicator.value,
        ...(h.firstSeen === undefined ? {} : { firstSeen: h.firstSeen }),
        ...(h.lastSeen === undefined ? {} : { lastSeen: h.lastSeen }),
    }));
    return { ...hosts, value: { records, total: hosts.value.total } };
}

/** The pivots as a panel state: loading until the intelligence settled, failed when every dataset failed. */
function pivotsRemote(intel: IntelResults, pivots: readonly Pivot[]): Remote<readonly Pivot[]> {
    if (!intel.settled) return LOADING;
    const answers = intel.datasets.map((d) => intel.get(d));
    const errors = answers.flatMap((r) => (r && !r.ok ? [r] : []));
    const [firstError] = errors;
    if (firstError && errors.length === answers.length) return failed(firstError.reason);
    return done(pivots);
}

export function useInvestigation(indicator: Indicator | undefined, pivot: PivotKind | undefined, range: TimeRange) {
    const backend = useBackend();
    const datasets = useMemo(
        () => (indicator ? datasetsFor(backend.provider.datasetsFor(indicator), indicator, pivot) : []),
        [backend, indicator, pivot]
    );
    const intel = useIntel(indicator, datasets);
    const pivots = useMemo(() => (indicator ? investigationPivots(indicator, intel) : []), [indicator, intel]);
    const sightings = useSightings(pivots, intel.settled, range);
    const { hits, spl } = useInternalHits(indicator, range);

    // The certificate whose details the Certificates tab shows (the indicator itself for a SHA-1). For a name, the
    // certificates found by name are full records, so the selected one needs no further call.
    const [selected, setSelected] = useState<{ readonly for: string; readonly sha1: string }>();
    const selectedSha1 =
        indicator?.type === 'sha1' ? indicator.value : selected?.for === indicator?.value ? selected?.sha1 : undefined;
    const byName = datasets.includes('certificates-for-name');
    const detailsIndicator = useMemo(() => {
        if (indicator?.type === 'sha1' || byName || selectedSha1 === undefined) return undefined;
        const parsed = parseIndicator(selectedSha1);
        return parsed.ok ? parsed.value : undefined;
    }, [indicator, byName, selectedSha1]);
    const detailsDatasets = useMemo(
        (): Dataset[] => (detailsIndicator ? ['certificate-details'] : []),
        [detailsIndicator]
    );
    const detailsIntel = useIntel(detailsIndicator, detailsDatasets);
    const selectCertificate = (sha1: string) => {
        if (indicator) setSelected({ for: indicator.value, sha1 });
    };

    return {
        intel,
        pivots,
        pivotsRemote: pivotsRemote(intel, pivots),
        sightings,
        hits,
        hitsSpl: spl,
        selectedSha1,
        selectCertificate,
        details:
            indicator?.type === 'sha1' || !detailsIndicator
                ? indicator
                    ? remoteOf(
                          intel,
                          byName ? 'certificates-for-name' : 'certificate-details',
                          indicator,
                          backend.setupHref
                      )
                    : LOADING
                : remoteOf(detailsIntel, 'certificate-details', detailsIndicator, backend.setupHref),
        remote: <D extends Dataset>(d: D): Remote<DatasetTypes[D]> =>
            indicator ? remoteOf(intel, d, indicator, backend.setupHref) : LOADING,
    };
}
