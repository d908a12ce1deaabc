/**
 * The form that watches an indicator: related infrastructure, a note, an end date and, for an app admin, another
 * owner. The end date is checked before it is sent (as the watches route checks it); the route's refusals are
 * shown in the form, where the user is looking.
 */
import { useState, type ComponentProps } from 'react';
import Button from '@splunk/react-ui/Button';
import ControlGroup from '@splunk/react-ui/ControlGroup';
import DateInput from '@splunk/react-ui/Date';
import Message from '@splunk/react-ui/Message';
import Modal from '@splunk/react-ui/Modal';
import P from '@splunk/react-ui/Paragraph';
import Switch from '@splunk/react-ui/Switch';
import Text from '@splunk/react-ui/Text';
import TextArea from '@splunk/react-ui/TextArea';
import { watchEndDate, type WatchTarget } from '@passivetotal/core';
import { RestError } from '../../api/rest';
import { createWatch, watchErrorWords, type Watch } from '../../api/watches';
import { watchTestIds } from '../../selectors';
import type { WatchUser } from './useWatches';

/** The longest note the watches route keeps. */
export const MAX_NOTE_CHARS = 1000;

export interface WatchFormProps {
    readonly target: WatchTarget;
    readonly user: WatchUser | undefined;
    readonly open: boolean;
    readonly onClose: () => void;
    readonly onWatched: (watch: Watch) => void;
    /** The control that opened the form, focused again when it closes. */
    readonly returnFocus: ComponentProps<typeof Modal>['returnFocus'];
    /** The clock, for the end date (tests give a fixed one). */
    readonly now?: () => Date;
}

export interface Failure {
    readonly text: string;
    readonly code: string | undefined;
}

/** What went wrong with a watch, where the user acted, with the handler's error code for tests and support. */
export function WatchFailureMessage({ failure }: { readonly failure: Failure | undefined }) {
    return failure ? (
        <Message type="error" data-test={watchTestIds.watchMessage} data-code={failure.code}>
            {failure.text}
        </Message>
    ) : null;
}

export function WatchForm({
    target,
    user,
    open,
    onClose,
    onWatched,
    returnFocus,
    now = () => new Date(),
}: WatchFormProps) {
    const [related, setRelated] = useState(false);
    const [note, setNote] = useState('');
    const [end, setEnd] = useState('');
    const [owner, setOwner] = useState('');
    const [saving, setSaving] = useState(false);
    const [failure, setFailure] = useState<Failure>();
    const endCheck = watchEndDate(end, now());
    const endError = endCheck.ok ? undefined : `${endCheck.reason}: choose ${endCheck.expected}.`;
    const otherOwner = user?.admin === true && owner.trim() !== '' && owner.trim() !== user.name;

    const submit = () => {
        if (!endCheck.ok || saving) return;
        setSaving(true);
        setFailure(undefined);
        createWatch({
            indicator: target.value,
            related,
            note,
            ...(endCheck.value ? { end: endCheck.value.date } : {}),
            ...(otherOwner ? { owner: owner.trim() } : {}),
        }).then(
            (watch) => {
                setSaving(false);
                setNote('');
                setEnd('');
                onWatched(watch);
            },
            (error: unknown) => {
                setSaving(false);
                setFailure({
                    text: watchErrorWords(error, otherOwner ? 'create-for-another' : 'create'),
                    code: error instanceof RestError ? error.code : undefined,
                });
            }
        );
    };

    return (
        <Modal open={open} onRequestClose={onClose} returnFocus={returnFocus} style={{ width: '36em' }}>
            <Modal.Header title={`Watch ${target.display}`} />
            <Modal.Body>
                <P>
                    The app&apos;s scheduled check looks at its resolutions and reputation every 30 minutes and records
                    each change in the index passivetotal_changes.
                    {target.viaHost ? ` A URL is watched by its host: this watch keeps ${target.display}.` : ''}
                </P>
                <ControlGroup
                    label="Related infrastructure"
                    help="Also watch its certificates and WHOIS."
                    labelPosition="top"
                >
                    <Switch appearance="toggle" selected={related} onClick={() => setRelated((r) => !r)}>
                        Include related infrastructure
                    </Switch>
                </ControlGroup>
                <ControlGroup
                    label="Note"
                    help={`What to look for, for the team (up to ${String(MAX_NOTE_CHARS)} characters).`}
                    labelPosition="top"
                >
                    <TextArea value={note} maxLength={MAX_NOTE_CHARS} onChange={(_e, { value }) => setNote(value)} />
                </ControlGroup>
                <ControlGroup
                    label="End date"
                    help={endError ?? 'The last day it is checked (UTC); leave it empty to watch until it is ended.'}
                    error={endError !== undefined}
                    labelPosition="top"
                >
                    <DateInput value={end} canClear highlightToday onChange={(_e, { value }) => setEnd(value)} />
                </ControlGroup>
                {user?.admin === true ? (
                    <ControlGroup
                        label="Owner"
                        help="An app admin may watch for a colleague (their Splunk user name)."
                        labelPosition="top"
                    >
                        <Text value={owner} placeholder={user.name} onChange={(_e, { value }) => setOwner(value)} />
                    </ControlGroup>
                ) : null}
                <WatchFailureMessage failure={failure} />
            </Modal.Body>
            <Modal.Footer>
                <Button appearance="secondary" label="Cancel" onClick={onClose} />
                <Button
                    appearance="primary"
                    label={saving ? 'Watching…' : 'Watch'}
                    data-test={watchTestIds.watchSubmit}
                    disabled={saving || !endCheck.ok}
                    onClick={submit}
                />
            </Modal.Footer>
        </Modal>
    );
}
