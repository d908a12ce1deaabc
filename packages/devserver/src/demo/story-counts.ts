/**
 * What the demo story promises the tests (and `demo/README.md` lists): how often each of its values occurs in the
 * demo events, by matching mode, and where the IOC address and the sibling site occur in the CIM data models. The
 * in-process tests and the tests through real search jobs check the same numbers.
 */
import { DEMO_STORY } from './demo-story';

/** The host the story's data leaves to, seen in proxy, DNS and Zeek logs. */
export const EXFIL_HOST = 'collect.exfil-drop.test';

/** Events in which a value occurs: raw thorough (the default), raw fast (`TERM()`), CIM (tstats, summed). */
export interface StoryCount {
    readonly thorough: number;
    readonly fast: number;
    readonly cim: number;
}

const NONE: StoryCount = { thorough: 0, fast: 0, cim: 0 };

/** Every pivot candidate of the story's investigations, in the order one sightings search counts them. */
export const STORY_COUNTS: Readonly<Record<string, StoryCount>> = {
    [DEMO_STORY.iocIp]: { thorough: 30, fast: 12, cim: 23 },
    [DEMO_STORY.phishingDomain]: NONE,
    [DEMO_STORY.visitedSibling]: { thorough: 15, fast: 11, cim: 13 },
    [DEMO_STORY.senderDomain]: { thorough: 6, fast: 6, cim: 6 },
    [EXFIL_HOST]: { thorough: 4, fast: 2, cim: 3 },
    [DEMO_STORY.sharedCertificateSha1]: { thorough: 2, fast: 2, cim: 2 },
    [DEMO_STORY.sharedCdnIp]: { thorough: 372, fast: 130, cim: 184 },
    ...Object.fromEntries(
        [
            ...DEMO_STORY.earlierIps,
            DEMO_STORY.registrantEmail,
            DEMO_STORY.trackerId,
            'account-verify-portal.example',
        ].map((value) => [value, NONE])
    ),
};

/**
 * The story's counts in one matching mode, by value.
 * @example storyCounts('fast')['203.0.113.77'] // 12
 */
export function storyCounts(mode: keyof StoryCount): Record<string, number> {
    return Object.fromEntries(Object.entries(STORY_COUNTS).map(([value, count]) => [value, count[mode]]));
}

/** Rows of each CIM data model that name the IOC address and the sibling site (every model the search asks). */
export const STORY_BY_DATA_MODEL = {
    iocIp: { Network_Traffic: 12, Web: 7, Network_Resolution: 2, Email: 0, Certificates: 2, Intrusion_Detection: 0 },
    visitedSibling: { Web: 7, Network_Resolution: 4, Email: 0, Certificates: 2 },
} as const;
