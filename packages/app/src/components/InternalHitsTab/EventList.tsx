import { memo, useMemo, useState } from 'react';
import styled from 'styled-components';
import { findInText, type Indicator, type TextMatch } from '@passivetotal/core';
import Button from '@splunk/react-ui/Button';
import { variables } from '@splunk/themes';
import { csvFileName, downloadFile, toCsv, type CsvFile } from '../DataTable/csv';
import { DateTime } from '../DateTime/DateTime';
import { HighlightedText } from '../HighlightedText/HighlightedText';
import { testIds } from '../../selectors';
import type { LocalEvent } from './InternalHitsTab';

/** Events longer than this many characters or lines are folded. */
export const FOLD_CHARS = 600;
export const FOLD_LINES = 8;
/** Events shown at first, and added by "Show more". */
const PAGE = 25;

const List = styled.ol`
    list-style: none;
    margin: 0;
    padding: 0;
`;

const Item = styled.li`
    padding: ${variables.spacingSmall} 0;
    border-bottom: 1px solid ${variables.borderColor};
`;

const Meta = styled.div`
    display: flex;
    flex-wrap: wrap;
    gap: ${variables.spacingSmall};
    color: ${variables.contentColorMuted};
    font-size: ${variables.fontSizeSmall};
    margin-bottom: ${variables.spacingXSmall};
`;

/** The raw event as Splunk shows it: one flowing text, wrapped, line breaks kept. */
const Raw = styled.div`
    font-family: ${variables.monoFontFamily};
    font-size: ${variables.fontSizeSmall};
    white-space: pre-wrap;
    overflow-wrap: anywhere;
`;

const Toolbar = styled.div`
    display: flex;
    justify-content: flex-end;
    gap: ${variables.spacingSmall};
    margin-bottom: ${variables.spacingSmall};
`;

/**
 * Where to fold a long event: after {@link FOLD_CHARS} characters or {@link FOLD_LINES} lines, but never before the
 * end of the first match (so the reason the event is listed is always on screen); undefined when it fits.
 */
export function foldAt(raw: string, matches: readonly TextMatch[]): number | undefined {
    let end = Math.min(raw.length, FOLD_CHARS);
    let lines = 0;
    for (let i = 0; i < end; i++) {
        if (raw.charCodeAt(i) === 10 && ++lines >= FOLD_LINES) {
            end = i;
            break;
        }
    }
    const first = matches[0];
    if (first && first.end > end) end = Math.min(raw.length, first.end + 80);
    return end >= raw.length ? undefined : end;
}

const EventText = memo(function EventText({ raw, indicator }: { raw: string; indicator: Indicator }) {
    const matches = useMemo(() => findInText(indicator, raw), [indicator, raw]);
    const fold = foldAt(raw, matches);
    const [open, setOpen] = useState(false);
    if (fold === undefined || open) {
        return (
            <Raw>
                <HighlightedText text={raw} matches={matches} />
                {fold === undefined ? null : (
                    <>
                        {' '}
                        <Button appearance="subtle" aria-expanded label="Show less" onClick={() => setOpen(false)} />
                    </>
                )}
            </Raw>
        );
    }
    const shown = raw.slice(0, fold);
    return (
        <Raw>
            <HighlightedText text={shown} matches={matches.filter((m) => m.end <= fold)} />
            {'… '}
            <Button
                appearance="subtle"
                aria-expanded={false}
                label={`Show all ${raw.length.toLocaleString('en-US')} characters`}
                onClick={() => setOpen(true)}
            />
        </Raw>
    );
});

export interface EventListProps {
    readonly indicator: Indicator;
    readonly events: readonly LocalEvent[];
    readonly onExport?: (file: CsvFile) => void;
}

/**
 * The latest local events, newest first, as Splunk's event viewer shows them: the time and where the event comes
 * from, then the raw event as one wrapped text with each match of the indicator highlighted in place; long events
 * folded with a way to expand them.
 */
export function EventList({ indicator, events, onExport = downloadFile }: EventListProps) {
    const [shown, setShown] = useState(PAGE);
    const exportCsv = () =>
        onExport({
            name: csvFileName('Local events'),
            text: toCsv(
                ['time', 'index', 'sourcetype', 'host', 'source', 'raw'],
                events.map((e) => [String(e.time), e.index, e.sourcetype, e.host, e.source, e.raw])
            ),
        });
    return (
        <section aria-label="Local events">
            <Toolbar>
                <Button label="Export CSV" appearance="secondary" onClick={exportCsv} disabled={events.length === 0} />
            </Toolbar>
            <List>
                {events.slice(0, shown).map((e, i) => (
                    <Item key={`${String(e.time)}|${i}`} data-test={testIds.localEvent}>
                        <Meta>
                            <DateTime value={e.time} />
                            {e.index ? <span>index={e.index}</span> : null}
                            {e.sourcetype ? <span>sourcetype={e.sourcetype}</span> : null}
                            {e.host ? <span>host={e.host}</span> : null}
                            {e.source ? <span>source={e.source}</span> : null}
                        </Meta>
                        <EventText raw={e.raw} indicator={indicator} />
                    </Item>
                ))}
            </List>
            {events.length > shown ? (
                <Button
                    appearance="secondary"
                    label={`Show ${Math.min(PAGE, events.length - shown).toLocaleString('en-US')} more`}
                    onClick={() => setShown((n) => n + PAGE)}
                />
            ) : null}
        </section>
    );
}
