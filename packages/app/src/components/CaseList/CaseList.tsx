import { useEffect, useMemo, useState, type MouseEvent } from 'react';
import Heading from '@splunk/react-ui/Heading';
import { indicatorTypeLabel } from '@passivetotal/core';
import { listCases } from '../../case/case-api';
import type { CaseRecord } from '../../case/case-model';
import { RestError, isAbortError } from '../../api/rest';
import { caseTestIds } from '../../selectors';
import { DataTable, type Column } from '../DataTable/DataTable';
import { DateTime } from '../DateTime/DateTime';
import { PanelStatus } from '../PanelStatus/PanelStatus';
import { done, failed, LOADING, type Remote } from '../PanelStatus/remote';

/** The address of a case: its indicator and `case=<id>`. */
export function caseHref(c: Pick<CaseRecord, 'id' | 'indicator'>): string {
    return `?${new URLSearchParams({ indicator: c.indicator, case: c.id }).toString()}`;
}

/** The team's cases, loaded while `active`. */
export function useCases(active: boolean): Remote<readonly CaseRecord[]> {
    const [state, setState] = useState<Remote<readonly CaseRecord[]>>(LOADING);
    useEffect(() => {
        if (!active) return;
        const controller = new AbortController();
        setState(LOADING);
        listCases(controller.signal).then(
            (list) => {
                if (!controller.signal.aborted) setState(done(list));
            },
            (error: unknown) => {
                if (controller.signal.aborted || isAbortError(error)) return;
                setState(failed(error instanceof RestError || error instanceof Error ? error.message : 'no answer'));
            }
        );
        return () => controller.abort();
    }, [active]);
    return state;
}

export interface CaseListProps {
    readonly cases: Remote<readonly CaseRecord[]>;
    /** Opens a case (plain click; a middle-click opens its link in a new tab). */
    readonly onOpen: (c: CaseRecord) => void;
}

/** The team's cases on the landing page: open ones first, then by last change; one click opens a case. */
export function CaseList({ cases, onOpen }: CaseListProps) {
    const columns = useMemo(
        (): readonly Column<CaseRecord>[] => [
            {
                id: 'title',
                label: 'Case',
                value: (c) => c.title,
                render: (c) => (
                    <a
                        href={caseHref(c)}
                        data-test={caseTestIds.caseListItem}
                        data-case-id={c.id}
                        data-state={c.state}
                        data-assignee={c.assignee}
                        onClick={(e: MouseEvent) => {
                            if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
                            e.preventDefault();
                            onOpen(c);
                        }}
                    >
                        {c.title}
                    </a>
                ),
            },
            { id: 'indicator', label: 'Indicator', value: (c) => c.indicator },
            { id: 'type', label: 'Type', value: (c) => indicatorTypeLabel(c.type) },
            { id: 'verdict', label: 'Verdict', value: (c) => c.verdict },
            { id: 'state', label: 'State', value: (c) => c.state },
            { id: 'assignee', label: 'Assigned to', value: (c) => c.assignee },
            { id: 'pins', label: 'Pinned', value: (c) => c.pins.length, align: 'right' },
            {
                id: 'updated',
                label: 'Last changed',
                value: (c) => Date.parse(c.updatedAt),
                render: (c) => (
                    <>
                        <DateTime value={c.updatedAt} />, by {c.updatedBy}
                    </>
                ),
            },
        ],
        [onOpen]
    );
    return (
        <section aria-label="The team's cases" data-test={caseTestIds.caseList}>
            <Heading level={2}>Cases of your team</Heading>
            <PanelStatus
                remote={cases}
                what="the team's cases"
                isEmpty={(v) => v.length === 0}
                emptyText="No cases yet. Pin what matters in an investigation and save it as a case for the team."
            >
                {(rows) => (
                    <DataTable
                        label="Cases"
                        rows={[...rows].sort((a, b) => (a.state === b.state ? 0 : a.state === 'open' ? -1 : 1))}
                        columns={columns}
                        rowKey={(c) => c.id}
                        pageSize={25}
                    />
                )}
            </PanelStatus>
        </section>
    );
}
