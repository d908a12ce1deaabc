import { useMemo } from 'react';
import styled from 'styled-components';
import { providerLabel, type Classification, type RecordPage, type ReputationEntry } from '@passivetotal/core';
import Chip from '@splunk/react-ui/Chip';
import Heading from '@splunk/react-ui/Heading';
import { ExternalLink } from '../ExternalLink/ExternalLink';
import { variables } from '@splunk/themes';
import { DataTable, type Column } from '../DataTable/DataTable';
import type { CsvFile } from '../DataTable/csv';
import { DateTime } from '../DateTime/DateTime';
import { PanelStatus } from '../PanelStatus/PanelStatus';
import type { Remote } from '../PanelStatus/remote';
import { providerOf, sourceColumn } from '../SourceBadge/SourceBadge';

const VerdictCell = styled.span`
    display: inline-block;
    min-width: 8.5em;
`;

const Verdicts = styled.p`
    margin: 0 0 ${variables.spacingSmall};
    font-weight: ${variables.fontWeightSemiBold};
`;

type Verdict = readonly [Classification, string, 'error' | 'warning' | 'success' | 'outline'];

const UNCLASSIFIED: Verdict = ['unknown', 'unclassified', 'outline'];

/** Verdicts from the worst down, with their words (lower case) and chip appearance. */
const VERDICTS: readonly Verdict[] = [
    ['malicious', 'malicious', 'error'],
    ['suspicious', 'suspicious', 'warning'],
    ['non_malicious', 'not malicious', 'success'],
    UNCLASSIFIED,
];

const verdictOf = (v: Classification): Verdict => VERDICTS.find(([c]) => c === v) ?? UNCLASSIFIED;
const rank = (v: Classification) => VERDICTS.findIndex(([c]) => c === v);

function andList(items: readonly string[]): string {
    if (items.length < 2) return items.join('');
    return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1] ?? ''}`;
}

/**
 * The verdicts in one sentence, worst first, each with the sources that gave it.
 *
 * @example verdictWords([{ provider: 'urlhaus', verdict: 'malicious', tags: [] }, { provider: 'otx', verdict: 'suspicious', tags: [] }])
 * // 'Malicious according to URLhaus; suspicious according to AlienVault OTX.'
 */
export function verdictWords(records: readonly ReputationEntry[]): string {
    const parts = VERDICTS.flatMap(([verdict, words]) => {
        const who = [...new Set(records.filter((r) => r.verdict === verdict).map((r) => providerLabel(r.provider)))];
        return who.length === 0 ? [] : [`${words} according to ${andList(who)}`];
    });
    const sentence = parts.join('; ');
    return sentence === '' ? '' : `${sentence.charAt(0).toUpperCase()}${sentence.slice(1)}.`;
}

export interface ReputationSectionProps {
    readonly reputation: Remote<RecordPage<ReputationEntry>>;
    readonly onExport?: (file: CsvFile) => void;
}

/**
 * Reputation: each source's verdict on the indicator with the threat, malware families and tags it names, when it
 * saw it, and a link to its page. Verdicts of the open sources are derived by fixed rules (packages/core README).
 */
export function ReputationSection({ reputation, onExport }: ReputationSectionProps) {
    const columns = useMemo(
        (): readonly Column<ReputationEntry>[] => [
            sourceColumn<ReputationEntry>(providerOf),
            {
                id: 'verdict',
                label: 'Verdict',
                value: (r) => rank(r.verdict),
                render: (r) => {
                    const [, words, appearance] = verdictOf(r.verdict);
                    return (
                        <VerdictCell>
                            <Chip appearance={appearance}>{words}</Chip>
                        </VerdictCell>
                    );
                },
            },
            { id: 'threat', label: 'Threat', value: (r) => r.threat },
            { id: 'malware', label: 'Malware', value: (r) => r.malware },
            { id: 'tags', label: 'Tags', value: (r) => r.tags.join(', ') || undefined },
            {
                id: 'first',
                label: 'First seen',
                value: (r) => r.firstSeen,
                render: (r) => <DateTime value={r.firstSeen} />,
            },
            {
                id: 'last',
                label: 'Last seen',
                value: (r) => r.lastSeen,
                render: (r) => <DateTime value={r.lastSeen} />,
            },
            {
                id: 'reference',
                label: 'Reference',
                value: (r) => r.reference,
                sortable: false,
                render: (r) =>
                    r.reference ? (
                        <ExternalLink href={r.reference}>{`${providerLabel(r.provider)} page`}</ExternalLink>
                    ) : (
                        '—'
                    ),
            },
        ],
        []
    );
    return (
        <>
            <Heading level={3}>Reputation</Heading>
            <PanelStatus
                remote={reputation}
                what="reputation"
                isEmpty={(v) => v.records.length === 0}
                emptyText="No source has a verdict on this indicator."
            >
                {(v) => (
                    <>
                        <Verdicts>{verdictWords(v.records)}</Verdicts>
                        <DataTable
                            label="Reputation"
                            rows={v.records}
                            columns={columns}
                            rowKey={(r, i) => `${r.provider}|${r.reference ?? ''}|${String(i)}`}
                            defaultSort={{ column: 'verdict', dir: 'asc' }}
                            pageSize={25}
                            {...(onExport ? { onExport } : {})}
                        />
                    </>
                )}
            </PanelStatus>
        </>
    );
}
