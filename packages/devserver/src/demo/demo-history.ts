/**
 * The demo's story as the team's recent work, so a newcomer's first landing page shows what to try: two
 * investigations of the story (the phishing domain, then the address it resolved to that the proxy logs show) and an
 * open case about the domain with the address pinned and a note saying where to look. They are written to the app's
 * KV store collections in the app's own document format (bin/passivetotal_app/investigations.py and cases.py), as
 * the app's endpoint would have written them for the demo's `analyst`.
 */
import { DEMO_STORY } from './demo-story';

/** A document of a collection. */
export type KvDocument = Record<string, string | number>;

/** The documents of each collection, for a stand-in whose clock reads `now` (epoch seconds). */
export function demoHistory(
    now: number
): Readonly<Record<'passivetotal_investigations' | 'passivetotal_cases', readonly KvDocument[]>> {
    const domain = DEMO_STORY.phishingDomain;
    const ip = DEMO_STORY.iocIp;
    const caseTime = now - 50 * 60;
    const iso = (t: number) => new Date(t * 1000).toISOString();
    return {
        passivetotal_investigations: [
            { user: 'analyst', indicator: domain, type: 'domain', time: now - 65 * 60, internal_sightings: 0 },
            { user: 'analyst', indicator: ip, type: 'ipv4', time: now - 60 * 60 },
        ],
        passivetotal_cases: [
            {
                title: `Phishing campaign behind ${domain}`,
                indicator: domain,
                type: 'domain',
                verdict: 'malicious',
                state: 'open',
                assignee: 'analyst',
                earliest: '-7d',
                latest: 'now',
                created_by: 'analyst',
                created_at: caseTime,
                updated_by: 'analyst',
                updated_at: caseTime,
                trail: JSON.stringify([
                    { type: 'domain', value: domain },
                    { type: 'ipv4', value: ip, via: { from: domain, relation: 'resolves-to' } },
                ]),
                pins: JSON.stringify([
                    {
                        type: 'ipv4',
                        value: ip,
                        why: 'resolved to (A record)',
                        relation: 'resolves-to',
                        from: 'resolutions',
                        internalSightings: { count: null },
                        pinnedBy: 'analyst',
                        pinnedAt: iso(caseTime),
                    },
                ]),
                notes: JSON.stringify([
                    {
                        user: 'analyst',
                        time: iso(caseTime),
                        text:
                            `A threat-intelligence report names ${domain}; no local event mentions it. It resolves to ` +
                            `${ip}, which the proxy logs show employees contacted: open the address's Internal hits ` +
                            'tab, pin who was affected, and hand the case to incident response.',
                    },
                ]),
            },
        ],
    };
}
