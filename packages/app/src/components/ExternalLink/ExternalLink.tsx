import type { ReactNode } from 'react';
import Link from '@splunk/react-ui/Link';

/**
 * The address as a link target when it is a web address (`http:` or `https:`), else undefined: upstream data is
 * not trusted, and a `javascript:` or `data:` address must never reach an `href`.
 *
 * @example webAddress('https://osint.example/report.pdf') // 'https://osint.example/report.pdf'
 * @example webAddress('javascript:alert(1)') // undefined
 */
export function webAddress(address: string | undefined): string | undefined {
    if (address === undefined) return undefined;
    let url: URL;
    try {
        url = new URL(address.trim());
    } catch {
        return undefined;
    }
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
}

export interface ExternalLinkProps {
    /** The address from upstream data. */
    readonly href: string | undefined;
    readonly children: ReactNode;
}

/**
 * A link to a page outside Splunk, opened in a new tab, only for a web address; anything else (another scheme, text
 * that is no address) is shown as text, with the address in its title.
 */
export function ExternalLink({ href, children }: ExternalLinkProps) {
    const target = webAddress(href);
    if (target === undefined) {
        return <span title={href ? `not a web address: ${href}` : undefined}>{children}</span>;
    }
    return (
        <Link to={target} openInNewContext>
            {children}
        </Link>
    );
}
