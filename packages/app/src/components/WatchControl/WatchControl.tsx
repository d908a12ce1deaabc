/**
 * The Watch control of an investigation: watch the indicator (a URL by its host), see who watches it since when,
 * and end a watch as its owner or an app admin; a link to the team's watches.
 */
import { useMemo, useRef, useState } from 'react';
import styled from 'styled-components';
import Button from '@splunk/react-ui/Button';
import Message from '@splunk/react-ui/Message';
import { variables } from '@splunk/themes';
import { watchTarget, type Indicator, type WatchTarget } from '@passivetotal/core';
import { RestError } from '../../api/rest';
import { endWatch, watchErrorWords, type Watch } from '../../api/watches';
import { watchTestIds } from '../../selectors';
import { formatDateTime } from '../DateTime/DateTime';
import { mayChange, useWatches, type WatchUser } from './useWatches';
import { WatchForm } from './WatchForm';

const Row = styled.div`
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: ${variables.spacingSmall};
    margin: ${variables.spacingSmall} 0;
`;

/** The Watches page, beside the investigate page in the app. */
export const WATCHES_HREF = 'watches';

/** "Watching since 2026-12-06 18:00 UTC (analyst), until 2027-01-31". */
export function watchingWords(watch: Watch, user: WatchUser | undefined): string {
    const since = watch.created === null ? '' : ` since ${formatDateTime(watch.created * 1000)}`;
    const who = user !== undefined && watch.owner === user.name ? '' : ` (${watch.owner})`;
    const until = watch.end === null ? '' : `, until ${new Date(watch.end * 1000).toISOString().slice(0, 10)}`;
    return `Watching${since}${who}${until}`;
}

export interface WatchControlProps {
    readonly indicator: Indicator;
}

/** Watching the investigated indicator; nothing for what cannot be watched (an email address, a SHA-1, a tracker). */
export function WatchControl({ indicator }: WatchControlProps) {
    const target = useMemo(() => watchTarget(indicator), [indicator]);
    return target.ok ? <WatchTargetControl target={target.value} /> : null;
}

function WatchTargetControl({ target }: { readonly target: WatchTarget }) {
    const { list, user, reload } = useWatches();
    const [open, setOpen] = useState(false);
    const opener = useRef<HTMLButtonElement | null>(null);
    const [failure, setFailure] = useState<{ readonly text: string; readonly code: string | undefined }>();
    const active = list.state === 'done' ? list.watches.filter((w) => w.active && w.indicator === target.value) : [];
    const watchingMine = active.some((w) => user !== undefined && w.owner === user.name);

    const end = (watch: Watch) => {
        setFailure(undefined);
        endWatch(watch.id).then(reload, (error: unknown) => {
            setFailure({
                text: watchErrorWords(error, 'change'),
                code: error instanceof RestError ? error.code : undefined,
            });
            reload();
        });
    };

    return (
        <div
            data-test={watchTestIds.watchControl}
            data-indicator={target.value}
            data-watching={active.length > 0 ? 'true' : 'false'}
        >
            <Row>
                {list.state === 'done' && !watchingMine ? (
                    <Button
                        appearance="secondary"
                        label={target.viaHost ? `Watch ${target.display} (the URL's host)` : 'Watch'}
                        data-test={watchTestIds.watchOpen}
                        elementRef={opener}
                        onClick={() => setOpen(true)}
                    />
                ) : null}
                {active.map((watch) => (
                    <span key={watch.id}>
                        <span data-test={watchTestIds.watchSince} data-watch-id={watch.id} data-owner={watch.owner}>
                            {watchingWords(watch, user)}
                        </span>{' '}
                        {mayChange(watch, user) ? (
                            <Button
                                appearance="secondary"
                                label="End watch"
                                data-test={watchTestIds.watchEnd}
                                data-watch-id={watch.id}
                                onClick={() => end(watch)}
                            />
                        ) : null}
                    </span>
                ))}
                <a href={WATCHES_HREF} data-test={watchTestIds.watchesLink}>
                    All watches
                </a>
            </Row>
            {list.state === 'failed' || failure ? (
                <Message
                    type="error"
                    data-test={watchTestIds.watchMessage}
                    data-code={failure ? failure.code : list.state === 'failed' ? list.code : undefined}
                >
                    {failure ? failure.text : list.state === 'failed' ? list.message : ''}
                </Message>
            ) : null}
            <WatchForm
                target={target}
                user={user}
                open={open}
                returnFocus={opener}
                onClose={() => setOpen(false)}
                onWatched={() => {
                    setOpen(false);
                    reload();
                }}
            />
        </div>
    );
}
