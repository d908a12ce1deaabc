import { useCallback, useMemo } from 'react';
import {
    EMPTY_TRAIL,
    commandSearch,
    extendTrail,
    parseIndicator,
    type Indicator,
    type IndicatorCommand,
    type Relation,
    type Trail,
    type TrailStep,
} from '@passivetotal/core';
import Message from '@splunk/react-ui/Message';
import { CertificatesTab } from '../CertificatesTab/CertificatesTab';
import { CaseList, useCases } from '../CaseList/CaseList';
import { CaseSection } from '../CasePanel/CaseSection';
import { HostAttributesTab } from '../HostAttributesTab/HostAttributesTab';
import { IndicatorBar } from '../IndicatorBar/IndicatorBar';
import { GraphPanel } from '../InvestigationGraph/GraphPanel';
import { IndicatorHeader, openInSearchHref } from '../IndicatorHeader/IndicatorHeader';
import { IntelTabs, type TabId, type TabStatus } from '../IntelTabs/IntelTabs';
import { InternalHitsTab } from '../InternalHitsTab/InternalHitsTab';
import { LandingPanel } from '../LandingPanel/LandingPanel';
import { PageShell } from '../PageShell/PageShell';
import { PanelError } from '../PanelStatus/PanelStatus';
import { combinedState, remoteCount, type Remote } from '../PanelStatus/remote';
import { PivotHrefContext, type PivotHandler, type PivotHrefBuilder, type PivotKind } from '../PivotLink/PivotLink';
import { ResolutionsTab } from '../ResolutionsTab/ResolutionsTab';
import { SummaryTab } from '../SummaryTab/SummaryTab';
import { timeRangeWords, type TimeRange } from '../TimeRangeField/TimeRangeField';
import { WhoisSearchResults } from '../WhoisSearchResults/WhoisSearchResults';
import { ValuePivotContext } from '../ValuePivot/ValuePivot';
import { ValueSearchResults } from '../ValueSearchResults/ValueSearchResults';
import { WhoisTab } from '../WhoisTab/WhoisTab';
import { WatchControl } from '../WatchControl/WatchControl';
import { useCase } from '../../case/useCase';
import { trackerHostRows, useInvestigation } from '../../investigation/useInvestigation';
import { useQuota } from '../../investigation/useQuota';
import { searchWords } from '../../investigation/search-settings';
import { useRecentInvestigations, useRecordInvestigation } from '../../investigation/useRecentInvestigations';
import { urlSearch, useUrlState, type UrlState } from '../../investigation/useUrlState';
import { useValuePivots, withoutSearch } from '../../investigation/useValuePivots';
import { testIds } from '../../selectors';

/** The relation a pivot without a known reason gets in the trail, by what it asked for. */
const KIND_RELATION: Readonly<Record<PivotKind, Relation | undefined>> = {
    investigate: undefined,
    certificate: 'certificate-on-address',
    tracker: 'tracker-shared',
    'whois-email': 'contact-email',
    'whois-nameserver': 'whois-name-server',
};

/** Relations the trail keeps in words: the value they share (an organisation, an issuer) is in the text alone. */
const WORDED_RELATIONS: readonly Relation[] = ['shared-whois-contact', 'shared-certificate-field'];

function step(indicator: Indicator): TrailStep {
    return { type: indicator.type, value: indicator.value };
}

/** The trail of the URL when it ends at the indicator, else a trail that starts at it. */
function trailFor(indicator: Indicator | undefined, trail: Trail): Trail {
    if (!indicator) return EMPTY_TRAIL;
    const last = trail.steps[trail.steps.length - 1];
    return last?.value === indicator.value ? trail : extendTrail(EMPTY_TRAIL, step(indicator));
}

function countOf<T>(remote: Remote<T>, count: (value: T) => number): number | undefined {
    return remoteCount(remote, count);
}

/** How many providers failed beside answers in these remotes (shown on the tab label). */
function problemCount(...remotes: readonly Remote<unknown>[]): number {
    return remotes.reduce((sum, r) => sum + (r.state === 'done' ? (r.problems?.length ?? 0) : 0), 0);
}

/**
 * The investigation page: the indicator box and time range, the team's recent investigations before any indicator,
 * and for an indicator its header, six tabs that load in parallel, pivots with local sightings, the trail and the
 * export. State lives in the URL (see `useUrlState`); data comes from the hooks in `src/investigation/`.
 */
export function InvestigatePage() {
    const [url, navigate] = useUrlState();
    const parsed = useMemo(() => (url.indicator ? parseIndicator(url.indicator) : undefined), [url.indicator]);
    const indicator = parsed?.ok ? parsed.value : undefined;
    const range: TimeRange = useMemo(
        () => ({ earliest: url.earliest, latest: url.latest }),
        [url.earliest, url.latest]
    );
    const trail = useMemo(() => trailFor(indicator, url.trail), [indicator, url.trail]);

    // A case opened from its address waits for its saved intelligence before the tabs ask the providers.
    const kase = useCase();
    const view = useInvestigation(kase.opening ? undefined : indicator, url.pivot, range);
    const cases = useCases(!indicator);
    const recent = useRecentInvestigations(!indicator);
    // The quota is PassiveTotal's: not asked when only the open providers are configured.
    const quota = useQuota(indicator !== undefined && view.passiveTotalConfigured);
    useRecordInvestigation(indicator, view.hits.state === 'done' ? view.hits.value.total : undefined);

    // A pivot to another indicator leaves any search by value behind; a search by value keeps the indicator.
    const go = useCallback((next: Partial<UrlState>) => navigate({ ...withoutSearch(url), ...next }), [navigate, url]);
    const values = useValuePivots(url, navigate, range);
    const onPivot: PivotHandler = useCallback(
        (target, reason, kind) => {
            const relation = reason?.relation ?? KIND_RELATION[kind];
            // A search by value relates through the value itself, which only the reason's words name.
            const words = reason && WORDED_RELATIONS.includes(reason.relation) ? { text: reason.text } : {};
            const via = indicator && relation ? { via: { from: indicator.value, relation, ...words } } : {};
            go({ indicator: target.value, pivot: kind, trail: extendTrail(trail, { ...step(target), ...via }) });
        },
        [go, indicator, trail]
    );
    const onOpen: PivotHandler = useCallback(
        (target) => go({ indicator: target.value, trail: extendTrail(EMPTY_TRAIL, step(target)) }),
        [go]
    );
    const openCase = useCallback(
        (c: { readonly id: string; readonly indicator: string; readonly type: TrailStep['type'] }) => {
            kase.open(c.id);
            go({ indicator: c.indicator, trail: extendTrail(EMPTY_TRAIL, { type: c.type, value: c.indicator }) });
        },
        [go, kase]
    );
    const onTrailStep = useCallback(
        (s: TrailStep, index: number) => go({ indicator: s.value, trail: { steps: trail.steps.slice(0, index + 1) } }),
        [go, trail]
    );
    // A pivot from the graph: the trail to the node (through the nodes expanded on the way), each step with why.
    const onGraphNavigate = useCallback(
        (value: string, next: Trail) => go({ indicator: value, pivot: 'investigate', trail: next }),
        [go]
    );
    const hrefFor: PivotHrefBuilder = useCallback(
        (target, kind) =>
            `${window.location.pathname}${urlSearch({ ...withoutSearch(url), indicator: target.value, pivot: kind, trail: extendTrail(trail, step(target)) })}`,
        [url, trail]
    );

    const searchHref = view.hitsSearch ? openInSearchHref(view.hitsSearch.spl, range) : undefined;
    // The intelligence tabs' records as the app's search commands give them, over all time.
    const commandHref = (command: IndicatorCommand) =>
        indicator ? openInSearchHref(commandSearch(command, indicator), { earliest: '0', latest: 'now' }) : undefined;
    const searchHrefs = indicator
        ? {
              summary: commandHref('ptenrich'),
              resolutions: commandHref('ptpdns'),
              whois: commandHref('ptwhois'),
              certificates: commandHref('ptssl'),
              'host-attributes': commandHref('pttrackers'),
          }
        : {};
    // How the tab matched, in one line: "Whole address, also ::ffff:-mapped; any log format, raw events; last 7 days".
    const matchedHow = view.hitsSearch
        ? `${view.hitsSearch.rule.charAt(0).toUpperCase()}${view.hitsSearch.rule.slice(1)}; ${searchWords(view.hitsSearch.mode, view.hitsSearch.match)}; ${timeRangeWords(range)}`
        : undefined;
    const r = view.remote;
    const resolutions = r('resolutions');
    const whoisSearch =
        indicator?.type === 'email'
            ? r('whois-by-email')
            : url.pivot === 'whois-nameserver'
              ? r('whois-by-nameserver')
              : undefined;
    const whois = r('whois');
    const history = r('certificate-history');
    // A domain has no certificate history (PassiveTotal's takes a SHA-1 or an IP): it lists the certificates naming it.
    const named = r('certificates-for-name');
    const certificates = named.state === 'unavailable' ? undefined : named;
    const certificateList: Remote<{ readonly records: readonly unknown[] }> = certificates ?? history;
    const reputation = r('reputation');
    const host = {
        components: r('components'),
        trackers: indicator?.type === 'tracker' ? trackerHostRows(indicator, r('tracker-hosts')) : r('trackers'),
        parents: r('host-pairs-parents'),
        children: r('host-pairs-children'),
        cookies: r('cookies'),
        subdomains: r('subdomains'),
        services: r('host-services'),
    };
    const pages = (x: Remote<{ readonly records: readonly unknown[] }>) => countOf(x, (v) => v.records.length) ?? 0;
    const status: Record<TabId, TabStatus> = {
        summary: {
            state: combinedState(view.pivotsRemote, r('osint'), r('malware'), reputation),
            count: countOf(view.pivotsRemote, (v) => v.length),
            problems: problemCount(r('osint'), r('malware'), reputation),
        },
        resolutions: {
            state: combinedState(resolutions),
            count: countOf(resolutions, (v) => v.total),
            problems: problemCount(resolutions),
        },
        whois: {
            state: combinedState(whoisSearch ?? whois),
            count: countOf(whoisSearch ?? whois, (v) => v.records.length),
            problems: problemCount(whoisSearch ?? whois),
        },
        certificates: {
            state: combinedState(certificateList),
            count: countOf(certificateList, (v) => v.records.length),
            problems: problemCount(certificateList),
        },
        'host-attributes': {
            state: combinedState(...Object.values(host)),
            count:
                combinedState(...Object.values(host)) === 'done'
                    ? [host.components, host.trackers, host.parents, host.children, host.cookies, host.services].reduce(
                          (sum, x) => sum + pages(x),
                          countOf(host.subdomains, (v) => v.hostnames.length) ?? 0
                      )
                    : undefined,
            problems: problemCount(...Object.values(host)),
        },
        internal: { state: view.hits.state, count: countOf(view.hits, (v) => v.total) },
    };

    const common = indicator ? { indicator, sightings: view.sightings, onPivot } : undefined;
    // Every tab and the sightings of the pivots have an answer (or a message): for users' automation and the benchmark.
    const settled =
        Object.values(status).every((s) => s.state !== 'loading' && s.state !== 'idle') &&
        view.sightings.status !== 'loading';

    return (
        <PageShell title="Investigate">
            <PivotHrefContext.Provider value={hrefFor}>
                <ValuePivotContext.Provider value={values.actions}>
                    <IndicatorBar
                        key={url.indicator}
                        defaultValue={url.indicator}
                        onSubmit={(i) =>
                            go({ indicator: i.value, pivot: 'investigate', trail: extendTrail(EMPTY_TRAIL, step(i)) })
                        }
                        timeRange={range}
                        onTimeRangeChange={(next) => navigate({ ...url, earliest: next.earliest, latest: next.latest })}
                    />
                    {parsed && !parsed.ok ? (
                        <PanelError message={`${parsed.reason}. Expected ${parsed.expected}.`} />
                    ) : null}
                    {!indicator || !common ? (
                        parsed ? null : (
                            <>
                                <LandingPanel recent={recent} onOpen={onOpen} />
                                <CaseList cases={cases} onOpen={openCase} />
                            </>
                        )
                    ) : (
                        <div
                            data-test={testIds.investigation}
                            data-indicator={indicator.value}
                            data-settled={settled ? 'true' : 'false'}
                        >
                            <IndicatorHeader
                                indicator={indicator}
                                enrichment={r('enrichment')}
                                quota={quota}
                                {...(searchHref ? { searchHref } : {})}
                            />
                            <WatchControl key={indicator.value} indicator={indicator} />
                            <CaseSection
                                kase={kase}
                                indicator={indicator}
                                trail={trail}
                                earliest={range.earliest}
                                latest={range.latest}
                                intel={view.intel}
                                pivots={view.pivots}
                                sightings={view.sightings}
                                hits={view.hits}
                                onPivot={onPivot}
                            />
                            {view.sourcesNotice ? <Message type="warning">{view.sourcesNotice}</Message> : null}
                            <IntelTabs
                                key={indicator.value}
                                {...(values.shown
                                    ? { initialTab: values.shown.source === 'whois' ? 'whois' : 'certificates' }
                                    : {})}
                                status={status}
                                searchHrefs={searchHrefs}
                                graph={
                                    <GraphPanel
                                        indicator={indicator}
                                        pivots={view.pivotsRemote}
                                        trail={trail}
                                        sightings={view.sightings}
                                        rootSighting={
                                            view.hits.state === 'done'
                                                ? { state: 'counted', count: view.hits.value.total }
                                                : view.hits.state === 'error'
                                                  ? {
                                                        state: 'not-counted',
                                                        reason: `not counted: ${view.hits.message}`,
                                                    }
                                                  : { state: 'pending' }
                                        }
                                        verdict={{
                                            value: kase.record?.indicator ?? indicator.value,
                                            verdict: kase.verdict,
                                        }}
                                        pinned={kase.pins.map((p) => p.value)}
                                        onNavigate={onGraphNavigate}
                                    />
                                }
                                panels={{
                                    summary: (
                                        <SummaryTab
                                            {...common}
                                            pivots={view.pivotsRemote}
                                            osint={r('osint')}
                                            malware={r('malware')}
                                            reputation={reputation}
                                            trail={trail}
                                            onTrailStep={onTrailStep}
                                            trailHref={(s) =>
                                                `${window.location.pathname}${urlSearch({ ...withoutSearch(url), indicator: s.value, trail: { steps: trail.steps.slice(0, trail.steps.indexOf(s) + 1) } })}`
                                            }
                                        />
                                    ),
                                    resolutions: (
                                        <ResolutionsTab
                                            {...common}
                                            resolutions={resolutions}
                                            unique={r('unique-resolutions')}
                                        />
                                    ),
                                    whois:
                                        values.shown?.source === 'whois' ? (
                                            <ValueSearchResults
                                                {...values.shown}
                                                sightings={view.sightings}
                                                onPivot={onPivot}
                                                onClose={values.close}
                                                range={range}
                                            />
                                        ) : whoisSearch ? (
                                            <WhoisSearchResults
                                                what={
                                                    indicator.type === 'email'
                                                        ? `the email ${indicator.value}`
                                                        : `the name server ${indicator.value}`
                                                }
                                                results={whoisSearch}
                                                sightings={view.sightings}
                                                onPivot={onPivot}
                                            />
                                        ) : (
                                            <WhoisTab {...common} whois={whois} />
                                        ),
                                    certificates:
                                        values.shown?.source === 'certificates' ? (
                                            <ValueSearchResults
                                                {...values.shown}
                                                sightings={view.sightings}
                                                onPivot={onPivot}
                                                onClose={values.close}
                                                range={range}
                                            />
                                        ) : (
                                            <CertificatesTab
                                                {...common}
                                                history={history}
                                                certificates={certificates}
                                                selectedCertificate={view.selectedCertificate}
                                                onSelectCertificate={view.selectCertificate}
                                                details={view.details}
                                            />
                                        ),
                                    'host-attributes': <HostAttributesTab {...common} {...host} />,
                                    internal: (
                                        <InternalHitsTab
                                            indicator={indicator}
                                            hits={view.hits}
                                            {...(searchHref ? { searchHref } : {})}
                                            {...(matchedHow ? { matchedHow } : {})}
                                        />
                                    ),
                                }}
                            />
                        </div>
                    )}
                </ValuePivotContext.Provider>
            </PivotHrefContext.Provider>
        </PageShell>
    );
}
