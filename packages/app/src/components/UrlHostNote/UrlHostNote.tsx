import styled from 'styled-components';
import type { HostIndicator, Indicator } from '@passivetotal/core';
import { variables } from '@splunk/themes';
import { testIds } from '../../selectors';

/**
 * What the intelligence tabs ask about: the indicator itself, or for a URL its host (passive DNS, WHOIS,
 * certificates and host attributes are kept per host; no source has them for a whole URL).
 *
 * @example intelSubject(parsed('https://evil.example/login?next=/')) // the domain evil.example
 */
export function intelSubject(indicator: Indicator): Exclude<Indicator, { type: 'url' }> | HostIndicator {
    return indicator.type === 'url' ? indicator.host : indicator;
}

const Note = styled.p`
    margin: 0 0 ${variables.spacingSmall};
    color: ${variables.contentColorMuted};
`;

export interface UrlHostNoteProps {
    readonly indicator: Indicator;
    /** What the tab shows, capitalised: "Certificates", "Passive DNS". */
    readonly what: string;
}

/**
 * For a URL, the line saying that the tab shows its host's records ("Certificates of evil.example, the URL's host.";
 * `url-host`, `data-host`); nothing for other indicators.
 */
export function UrlHostNote({ indicator, what }: UrlHostNoteProps) {
    if (indicator.type !== 'url') return null;
    return (
        <Note data-test={testIds.urlHost} data-host={indicator.host.value}>
            {what} of <strong>{indicator.host.display}</strong>, the URL&apos;s host.
        </Note>
    );
}
