import type { Finding, Severity } from './finding';
import type { VetResult } from './vet-app';

const ORDER: readonly Severity[] = ['failure', 'warning', 'info'];
const TITLES: Readonly<Record<Severity, string>> = {
    failure: 'Failures',
    warning: 'Warnings',
    info: 'Info (manual review)',
};

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

function formatFinding(f: Finding): string {
    const where = f.line === undefined ? f.file : `${f.file}:${f.line}`;
    return `  ${where}  ${f.message}  [${f.rule}]`;
}

/**
 * The findings as text, grouped by severity (failures first), ending with a summary line such as
 * `vet stage: 0 failures, 1 warning, 2 infos`.
 */
export function formatFindings(label: string, result: VetResult): string {
    const lines: string[] = [];
    for (const severity of ORDER) {
        const group = result.findings.filter((f) => f.severity === severity);
        if (group.length === 0) continue;
        lines.push(`${TITLES[severity]} (${group.length}):`, ...group.map(formatFinding), '');
    }
    const { failure, warning, info } = result.counts;
    lines.push(
        `vet ${label}: ${plural(failure, 'failure')}, ${plural(warning, 'warning')}, ${plural(info, 'info')}` +
            (result.specsChecked ? '' : ' (Splunk spec check skipped)')
    );
    return lines.join('\n');
}
