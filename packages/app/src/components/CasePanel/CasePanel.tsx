import styled from 'styled-components';
import type { Indicator } from '@passivetotal/core';
import Button from '@splunk/react-ui/Button';
import Heading from '@splunk/react-ui/Heading';
import Message from '@splunk/react-ui/Message';
import { variables } from '@splunk/themes';
import { DateTime } from '../DateTime/DateTime';
import { asIndicator } from '../PivotLink/as-indicator';
import { PivotLink, type PivotHandler } from '../PivotLink/PivotLink';
import { VERDICTS, type DocSighting, type Verdict } from '../../case/investigation-document';
import type { CaseState } from '../../case/useCase';
import { caseTestIds } from '../../selectors';

const Panel = styled.section`
    border: 1px solid ${variables.borderColor};
    border-radius: ${variables.borderRadius};
    padding: ${variables.spacingSmall} ${variables.spacingMedium};
    margin-top: ${variables.spacingSmall};
`;

const Fields = styled.div`
    display: flex;
    flex-wrap: wrap;
    gap: ${variables.spacingSmall} ${variables.spacingMedium};
    align-items: flex-end;
    label {
        display: flex;
        flex-direction: column;
        font-size: ${variables.fontSizeSmall};
        color: ${variables.contentColorMuted};
        gap: 2px;
    }
    input,
    select,
    textarea {
        font: inherit;
        color: ${variables.contentColorDefault};
        background: ${variables.backgroundColorPage};
        border: 1px solid ${variables.borderColor};
        border-radius: ${variables.borderRadius};
        padding: 4px 6px;
    }
`;

const List = styled.ul`
    margin: ${variables.spacingXSmall} 0;
    padding-left: ${variables.spacingMedium};
    li {
        margin: 2px 0;
    }
`;

const Muted = styled.span`
    color: ${variables.contentColorMuted};
    font-size: ${variables.fontSizeSmall};
`;

const Row = styled.div`
    display: flex;
    flex-wrap: wrap;
    gap: ${variables.spacingSmall};
    align-items: center;
    margin-top: ${variables.spacingSmall};
`;

function sightingWords(s: DocSighting): string {
    if (s.count === null) return s.notCounted ?? 'not counted';
    if (s.count === 0) return 'no local events';
    const span = s.firstSeen && s.lastSeen ? `, ${s.firstSeen.slice(0, 16)} to ${s.lastSeen.slice(0, 16)} UTC` : '';
    return `${String(s.count)} local event${s.count === 1 ? '' : 's'}${span}`;
}

export interface CasePanelProps {
    readonly state: CaseState;
    readonly indicator: Indicator;
    /** Local events of the indicator itself, once counted. */
    readonly internalHits: number | undefined;
    readonly onSave: (extra?: { readonly state?: 'open' | 'closed' }) => void;
    readonly onPivot: PivotHandler;
    /** The exports (JSON, CSV zip, STIX), shown in the panel. */
    readonly exports: React.ReactNode;
}

/**
 * The investigation as a case for the team: the verdict, the pinned findings with their internal sightings, the
 * notes, the assignee, open or closed, saved to the app's KV store; and the exports of it all.
 */
export function CasePanel({ state, indicator, internalHits, onSave, onPivot, exports }: CasePanelProps) {
    const record = state.record;
    const closed = record?.state === 'closed';
    const pinnedHere = state.isPinned(indicator.value);
    return (
        <Panel
            aria-label="Case"
            data-test={caseTestIds.casePanel}
            {...(record ? { 'data-case-id': record.id, 'data-state': record.state } : {})}
        >
            <Heading level={3}>
                {record ? `Case: ${record.title}` : 'Case'}{' '}
                {record ? (
                    <Muted>
                        {closed ? 'closed' : 'open'}; created by {record.createdBy}{' '}
                        <DateTime value={record.createdAt} />, last changed by {record.updatedBy}{' '}
                        <DateTime value={record.updatedAt} />
                    </Muted>
                ) : (
                    <Muted>pin what matters, set a verdict, write a note, and save it for the team</Muted>
                )}
            </Heading>
            <Fields>
                <label>
                    Title
                    <input
                        data-test={caseTestIds.caseTitle}
                        value={state.title}
                        placeholder={record?.title ?? indicator.value}
                        maxLength={200}
                        size={40}
                        onChange={(e) => state.setTitle(e.target.value)}
                    />
                </label>
                <label>
                    Verdict
                    <select
                        data-test={caseTestIds.caseVerdict}
                        data-verdict={state.verdict}
                        value={state.verdict}
                        onChange={(e) => state.setVerdict(e.target.value as Verdict)}
                    >
                        {VERDICTS.map((v) => (
                            <option key={v} value={v}>
                                {v}
                            </option>
                        ))}
                    </select>
                </label>
                <label>
                    Assigned to
                    <input
                        data-test={caseTestIds.caseAssignee}
                        data-assignee={record?.assignee ?? ''}
                        value={state.assignee}
                        placeholder="Splunk user name (you, when empty)"
                        maxLength={100}
                        onChange={(e) => state.setAssignee(e.target.value)}
                    />
                </label>
                <label style={{ flex: '1 1 20em' }}>
                    Note
                    <textarea
                        data-test={caseTestIds.caseNote}
                        rows={2}
                        value={state.note}
                        maxLength={10000}
                        placeholder="What you found, what to do next"
                        onChange={(e) => state.setNote(e.target.value)}
                    />
                </label>
            </Fields>
            <Row>
                <Button
                    appearance="secondary"
                    label={pinnedHere ? `Unpin ${indicator.value}` : `Pin ${indicator.value}`}
                    data-test={caseTestIds.pin}
                    data-indicator={indicator.value}
                    data-pinned={pinnedHere ? 'true' : 'false'}
                    onClick={() =>
                        state.togglePin({
                            type: indicator.type,
                            value: indicator.value,
                            why: 'the investigated indicator',
                            internalSightings: { count: internalHits ?? null },
                        })
                    }
                />
                <Button
                    appearance="primary"
                    label={record ? 'Save changes' : 'Save as case'}
                    data-test={caseTestIds.caseSave}
                    disabled={state.saving}
                    onClick={() => onSave()}
                />
                {record ? (
                    <Button
                        appearance="secondary"
                        label={closed ? 'Reopen case' : 'Close case'}
                        data-test={caseTestIds.caseClose}
                        disabled={state.saving}
                        onClick={() => onSave({ state: closed ? 'open' : 'closed' })}
                    />
                ) : null}
                {exports}
            </Row>
            {state.message ? (
                <p role="status" data-test={caseTestIds.caseMessage} data-ok={state.message.ok ? 'true' : 'false'}>
                    {state.message.text}
                </p>
            ) : null}
            {state.pins.length > 0 ? (
                <>
                    <Heading level={4}>Pinned findings</Heading>
                    <List>
                        {state.pins.map((p) => {
                            const target = asIndicator(p.value);
                            return (
                                <li
                                    key={p.value}
                                    data-test={caseTestIds.pinnedFinding}
                                    data-indicator={p.value}
                                    {...(p.internalSightings.count === null
                                        ? {}
                                        : { 'data-count': String(p.internalSightings.count) })}
                                >
                                    {target ? <PivotLink indicator={target} onPivot={onPivot} /> : p.value}{' '}
                                    <Muted>
                                        {p.why ? `${p.why}; ` : ''}
                                        {sightingWords(p.internalSightings)}
                                        {p.pinnedBy ? `; pinned by ${p.pinnedBy}` : ''}
                                    </Muted>{' '}
                                    <Button
                                        appearance="subtle"
                                        label="Unpin"
                                        aria-label={`Unpin ${p.value}`}
                                        onClick={() => state.unpin(p.value)}
                                    />
                                </li>
                            );
                        })}
                    </List>
                </>
            ) : null}
            {record && record.notes.length > 0 ? (
                <>
                    <Heading level={4}>Notes</Heading>
                    <List>
                        {record.notes.map((n, i) => (
                            <li key={`${n.time}-${String(i)}`} data-test={caseTestIds.caseNoteEntry} data-user={n.user}>
                                <Muted>
                                    {n.user}, <DateTime value={n.time} />:
                                </Muted>{' '}
                                {n.text}
                            </li>
                        ))}
                    </List>
                </>
            ) : null}
        </Panel>
    );
}

/** The note that the tabs show the intelligence saved with the case, with the button to ask again. */
export function SnapshotNote({ at, onRefresh }: { readonly at: string | undefined; readonly onRefresh: () => void }) {
    return (
        <div data-test={caseTestIds.caseSnapshot} data-snapshot-at={at ?? ''}>
            <Message type="info">
                The tabs show the intelligence as it was saved with this case
                {at ? (
                    <>
                        {' '}
                        on <DateTime value={at} />
                    </>
                ) : null}
                .{' '}
                <Button
                    appearance="secondary"
                    label="Refresh intelligence"
                    data-test={caseTestIds.caseRefresh}
                    onClick={onRefresh}
                />
            </Message>
        </div>
    );
}
