import type { Indicator, Trail } from '@passivetotal/core';
import { intelAnswers } from '../../case/intel-answers';
import { docSighting, investigationDocument, type InvestigationDocument } from '../../case/investigation-document';
import type { CaseState } from '../../case/useCase';
import type { IntelResults } from '../../investigation/useIntel';
import { ExportMenu } from '../ExportMenu/ExportMenu';
import type { InternalHits } from '../InternalHitsTab/InternalHitsTab';
import type { Remote } from '../PanelStatus/remote';
import type { PivotHandler } from '../PivotLink/PivotLink';
import type { SightingsState } from '../SightingBadge/sightings';
import type { Pivot } from '@passivetotal/core';
import { CasePanel, SnapshotNote } from './CasePanel';
import { sightingsOfPage } from './page-sightings';

export interface CaseSectionProps {
    readonly kase: CaseState;
    readonly indicator: Indicator;
    readonly trail: Trail;
    readonly earliest: string;
    readonly latest: string;
    readonly intel: IntelResults;
    readonly pivots: readonly Pivot[];
    readonly sightings: SightingsState;
    readonly hits: Remote<InternalHits>;
    readonly onPivot: PivotHandler;
}

/**
 * The investigation's case and exports, under its header: the note that the tabs show a case's saved intelligence
 * (with the button to ask again), the case panel, and the exports of the whole investigation or case.
 */
export function CaseSection({
    kase,
    indicator,
    trail,
    earliest,
    latest,
    intel,
    pivots,
    sightings,
    hits,
    onPivot,
}: CaseSectionProps) {
    sightingsOfPage.current = sightings;
    const record = kase.record;
    const internalHits = hits.state === 'done' ? hits.value.total : undefined;
    const document = (): InvestigationDocument =>
        investigationDocument({
            indicator,
            trail,
            pivots,
            sightings,
            ...(hits.state === 'done' ? { internalHits: hits.value } : {}),
            datasets: intelAnswers(intel),
            earliest,
            latest,
            exportedAt: new Date().toISOString(),
            pins: kase.pins,
            ...(record ? { case: { ...record, verdict: kase.verdict, title: kase.title || record.title } } : {}),
        });
    const onSave = (extra?: { readonly state?: 'open' | 'closed' }) =>
        void kase.save(
            {
                indicator,
                trail,
                earliest,
                latest,
                answers: intelAnswers(intel),
                sightingOf: (value) =>
                    value === indicator.value && internalHits !== undefined
                        ? { count: internalHits }
                        : docSighting(sightings, value),
            },
            extra ?? {}
        );
    return (
        <>
            {kase.loadError ? <p role="alert">The case could not be opened: {kase.loadError}</p> : null}
            {kase.showingSnapshot && record?.indicator === indicator.value ? (
                <SnapshotNote at={record.snapshotAt} onRefresh={() => kase.refresh(indicator)} />
            ) : null}
            <CasePanel
                state={kase}
                indicator={indicator}
                internalHits={internalHits}
                onSave={onSave}
                onPivot={onPivot}
                exports={<ExportMenu what={record ? 'case' : 'investigation'} document={document} />}
            />
        </>
    );
}
