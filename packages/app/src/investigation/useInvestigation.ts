/**
 * Everything one investigation shows, from the hooks: intelligence (all datasets in parallel, from every configured
 * provider), the pivots, the internal hits (two jobs), the sightings of every pivot candidate (one job), the quota,
 * and the certificate selected on the Certificates tab. At most three search jobs per investigation.
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
import { failed, LOADING, done, remoteFromResult, unavailable, type Remote } from '../components/PanelStatus/remote';
import type { TimeRange } from '../components/TimeRangeField/TimeRangeField';
import { useBackend } from './backend';
import { wouldFillWords, type IntelSources } from './intel-sources';
import { investigationPivots } from './investigation-pivots';
import { useIntel, type IntelResults } from './useIntel';
import { useIntelSources } from './useIntelSources';
import { useInternalHits } from './useInternalHits';
import { useSightings } from './useSightings';
import { intelSubject } from '../components/UrlHostNote/UrlHostNote';

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

/**
 * A dataset's answer as a panel state. A dataset no provider in use fills (not asked, or every provider declined it
 * for this type) is "unavailable" with the words of {@link wouldFillWords}: who would fill it and why they are not
 * asked, with a link to the setup for those who may change it.
 */
export function remoteOf<D extends Dataset>(
    intel: IntelResults,
    dataset: D,
    indicator: Indicator,
    sources: IntelSources,
    setupHref: string
): Remote<DatasetTypes[D]> {
    const result = intel.datasets.includes(dataset) ? intel.get(dataset) : undefined;
    if (intel.datasets.includes(dataset) && (result?.ok !== false || result.kind !== 'unsupported')) {
        return remoteFromResult(result, { setupHref });
    }
    const unused = sources.unused(dataset, indicator);
    const action =
        sources.canConfigure && unused.length > 0 ? { label: 'Set up providers', href: setupHref } : undefined;
    return unavailable(wouldFillWords(dataset, indicator, unused), action);
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
function pivotsRemote(intel: IntelResults, pivots: readonly Pivot[], ready: boolean): Remote<readonly Pivot[]> {
    if (!ready || !intel.settled) return LOADING;
    const answers = intel.datasets.map((d) => intel.get(d));
    const errors = answers.flatMap((r) => (r && !r.ok ? [r] : []));
    const [firstError] = errors;
    if (firstError && errors.length === answers.length) return failed(firstError.reason);
    return done(pivots);
}

export function useInvestigation(indicator: Indicator | undefined, pivot: PivotKind | undefined, range: TimeRange) {
    const backend = useBackend();
    const sourcesState = useIntelSources();
    const sources = sourcesState.state === 'ready' ? sourcesState.sources : undefined;
    // Intelligence is asked about the indicator, or for a URL about its host: no source keeps passive DNS, WHOIS,
    // certificates or host attributes for a whole URL. Local searches keep the URL.
    const subject = useMemo(() => (indicator ? intelSubject(indicator) : undefined), [indicator]);
    const datasets = useMemo(
        () => (subject && sources ? datasetsFor(sources.provider.datasetsFor(subject), subject, pivot) : []),
        [sources, subject, pivot]
    );
    const intel = useIntel(subject, datasets);
    const pivots = useMemo(() => (subject ? investigationPivots(subject, intel) : []), [subject, intel]);
    const sightings = useSightings(pivots, intel.settled && sources !== undefined, range, sources?.search);
    const { hits, search } = useInternalHits(indicator, range, sources?.search);
    const remote = <D extends Dataset>(d: D, intelOf: IntelResults = intel, of = subject): Remote<DatasetTypes[D]> =>
        of && sources ? remoteOf(intelOf, d, of, sources, backend.setupHref) : LOADING;

    // The certificate whose details the Certificates tab shows (the indicator itself for a SHA-1): its SHA-1, or for
    // a certificate without one (Certificate Transparency) its `certificateKey`. For a name, the certificates found
    // by name are full records, so the selected one needs no further call.
    const [selected, setSelected] = useState<{ readonly for: string; readonly key: string }>();
    const selectedCertificate =
        indicator?.type === 'sha1' ? indicator.value : selected?.for === indicator?.value ? selected?.key : undefined;
    const byName = datasets.includes('certificates-for-name');
    const detailsIndicator = useMemo(() => {
        if (indicator?.type === 'sha1' || byName || selectedCertificate === undefined) return undefined;
        const parsed = parseIndicator(selectedCertificate);
        return parsed.ok && parsed.value.type === 'sha1' ? parsed.value : undefined;
    }, [indicator, byName, selectedCertificate]);
    const detailsDatasets = useMemo(
        (): Dataset[] => (detailsIndicator ? ['certificate-details'] : []),
        [detailsIndicator]
    );
    const detailsIntel = useIntel(detailsIndicator, detailsDatasets);
    const selectCertificate = (key: string) => {
        if (indicator) setSelected({ for: indicator.value, key });
    };

    return {
        /** False until the page knows which providers it asks (every tab loads meanwhile). */
        sourcesReady: sources !== undefined,
        /** Something to say about the sources themselves (e.g. only PassiveTotal is asked because `status` failed). */
        sourcesNotice: sources?.notice,
        /** PassiveTotal is configured (its quota is worth asking for). */
        passiveTotalConfigured: sources?.passiveTotalConfigured ?? false,
        intel,
        pivots,
        pivotsRemote: pivotsRemote(intel, pivots, sources !== undefined),
        sightings,
        hits,
        /** How the Internal hits tab searched (mode, rule, SPL), once the settings are known. */
        hitsSearch: search,
        selectedCertificate,
        selectCertificate,
        details:
            indicator?.type === 'sha1' || !detailsIndicator
                ? remote(byName ? 'certificates-for-name' : 'certificate-details')
                : remote('certificate-details', detailsIntel, detailsIndicator),
        remote: <D extends Dataset>(d: D): Remote<DatasetTypes[D]> => remote(d),
    };
}
