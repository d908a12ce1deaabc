/**
 * The Watches page: the team's watched indicators with their owner, note, dates, the last check and what it found,
 * a link to investigate each, and for the owner or an app admin the note to edit and the watch to end.
 */
import { useRef, useState } from 'react';
import Button from '@splunk/react-ui/Button';
import ControlGroup from '@splunk/react-ui/ControlGroup';
import Message from '@splunk/react-ui/Message';
import Modal from '@splunk/react-ui/Modal';
import P from '@splunk/react-ui/Paragraph';
import Table from '@splunk/react-ui/Table';
import TextArea from '@splunk/react-ui/TextArea';
import WaitSpinner from '@splunk/react-ui/WaitSpinner';
import { watchStateWords } from '@passivetotal/core';
import { RestError } from '../../api/rest';
import { endWatch, updateWatch, watchErrorWords, type Watch } from '../../api/watches';
import { watchTestIds } from '../../selectors';
import { DateTime } from '../DateTime/DateTime';
import { PageShell } from '../PageShell/PageShell';
import { MAX_NOTE_CHARS, WatchFailureMessage, type Failure } from '../WatchControl/WatchForm';
import { mayChange, useWatches, type WatchUser } from '../WatchControl/useWatches';

function failureOf(error: unknown): Failure {
    return { text: watchErrorWords(error, 'change'), code: error instanceof RestError ? error.code : undefined };
}

function when(secondsValue: number | null) {
    return secondsValue === null ? '—' : <DateTime value={secondsValue * 1000} />;
}

/** The investigate page of a watched value (the Watches page sits beside it in the app). */
export function investigateHref(indicator: string): string {
    return `investigate?${new URLSearchParams({ indicator }).toString()}`;
}

function endWords(watch: Watch): string {
    if (watch.end === null) return 'No end';
    const day = new Date(watch.end * 1000).toISOString().slice(0, 10);
    return watch.active ? `Until ${day}` : `Ended ${day}`;
}

function Changes({ watch }: { readonly watch: Watch }) {
    if (!watch.changes || watch.changes.length === 0) return <>—</>;
    return (
        <ul style={{ margin: 0, paddingLeft: '1.2em' }}>
            {watch.changes.slice(0, 5).map((c, i) => (
                <li key={`${c.changeType}:${c.value}:${String(i)}`}>
                    {c.changeType.replace(/_/g, ' ')}: {c.value}
                </li>
            ))}
        </ul>
    );
}

interface RowProps {
    readonly watch: Watch;
    readonly user: WatchUser | undefined;
    readonly showChanges: boolean;
    readonly onEnd: (watch: Watch) => void;
    readonly onEditNote: (watch: Watch) => void;
}

function WatchRow({ watch, user, showChanges, onEnd, onEditNote }: RowProps) {
    const changeable = mayChange(watch, user);
    return (
        <Table.Row
            data-test={watchTestIds.watchListItem}
            data-watch-id={watch.id}
            data-indicator={watch.indicator}
            data-owner={watch.owner}
            data-active={watch.active ? 'true' : 'false'}
        >
            <Table.Cell>
                <span>
                    <a href={investigateHref(watch.indicator)}>{watch.indicator}</a>
                    {watch.related ? (
                        <>
                            <br />
                            with related infrastructure
                        </>
                    ) : null}
                </span>
            </Table.Cell>
            <Table.Cell style={{ whiteSpace: 'nowrap' }}>{watch.owner}</Table.Cell>
            <Table.Cell style={{ whiteSpace: 'pre-wrap', maxWidth: '24em' }}>{watch.note || '—'}</Table.Cell>
            <Table.Cell>{when(watch.created)}</Table.Cell>
            <Table.Cell>{endWords(watch)}</Table.Cell>
            <Table.Cell>{watch.checked === null ? 'Not yet' : when(watch.checked)}</Table.Cell>
            <Table.Cell>{watchStateWords(watch.state) ?? '—'}</Table.Cell>
            {showChanges ? (
                <Table.Cell>
                    <Changes watch={watch} />
                </Table.Cell>
            ) : null}
            <Table.Cell>
                {changeable ? (
                    <span style={{ display: 'inline-flex', gap: '0.5em' }}>
                        <Button
                            appearance="secondary"
                            label="Edit note"
                            data-test={watchTestIds.watchEditNote}
                            data-watch-id={watch.id}
                            onClick={() => onEditNote(watch)}
                        />
                        {watch.active ? (
                            <Button
                                appearance="secondary"
                                label="End watch"
                                data-test={watchTestIds.watchEnd}
                                data-watch-id={watch.id}
                                onClick={() => onEnd(watch)}
                            />
                        ) : null}
                    </span>
                ) : (
                    <span title="Only its owner or an app admin can change it">—</span>
                )}
            </Table.Cell>
        </Table.Row>
    );
}

interface NoteEditorProps {
    readonly watch: Watch | undefined;
    readonly onClose: () => void;
    readonly onSaved: () => void;
}

function NoteEditor({ watch, onClose, onSaved }: NoteEditorProps) {
    const [note, setNote] = useState(watch?.note ?? '');
    const [failure, setFailure] = useState<Failure>();
    const [saving, setSaving] = useState(false);
    const save = () => {
        if (!watch) return;
        setSaving(true);
        updateWatch(watch.id, { note }).then(
            () => {
                setSaving(false);
                onSaved();
            },
            (error: unknown) => {
                setSaving(false);
                setFailure(failureOf(error));
            }
        );
    };
    return (
        <Modal
            open={watch !== undefined}
            onRequestClose={onClose}
            returnFocus={() => undefined}
            style={{ width: '32em' }}
        >
            <Modal.Header title={watch ? `Note of the watch of ${watch.indicator}` : 'Note'} />
            <Modal.Body>
                <ControlGroup label="Note" labelPosition="top" help={`Up to ${String(MAX_NOTE_CHARS)} characters.`}>
                    <TextArea value={note} maxLength={MAX_NOTE_CHARS} onChange={(_e, { value }) => setNote(value)} />
                </ControlGroup>
                <WatchFailureMessage failure={failure} />
            </Modal.Body>
            <Modal.Footer>
                <Button appearance="secondary" label="Cancel" onClick={onClose} />
                <Button appearance="primary" label="Save note" disabled={saving} onClick={save} />
            </Modal.Footer>
        </Modal>
    );
}

/** The Watches page. */
export function WatchesPage() {
    const { list, user, reload } = useWatches();
    const [failure, setFailure] = useState<Failure>();
    const [editing, setEditing] = useState<Watch>();
    const editRound = useRef(0);

    const end = (watch: Watch) => {
        setFailure(undefined);
        endWatch(watch.id).then(reload, (error: unknown) => {
            setFailure(failureOf(error));
            reload();
        });
    };
    const watches = list.state === 'done' ? list.watches : [];
    const showChanges = watches.some((w) => w.changes !== undefined);

    return (
        <PageShell title="Watches">
            <P>
                The team&apos;s watched indicators. The app&apos;s scheduled check looks at each active watch every 30
                minutes and records every change in the index passivetotal_changes. Watch an indicator from its
                investigation (<a href="investigate">Investigate</a>).
            </P>
            <WatchFailureMessage failure={failure} />
            {list.state === 'loading' ? <WaitSpinner screenReaderText="Loading the watches" /> : null}
            {list.state === 'failed' ? (
                <Message
                    type={list.code === 'forbidden' ? 'info' : 'error'}
                    data-test={watchTestIds.watchMessage}
                    data-code={list.code}
                >
                    {list.message}
                </Message>
            ) : null}
            {list.state === 'done' && watches.length === 0 ? (
                <P data-test={watchTestIds.watchList}>Nobody watches an indicator yet.</P>
            ) : null}
            {watches.length > 0 ? (
                <section aria-label="The team's watches" data-test={watchTestIds.watchList}>
                    <Table stripeRows>
                        <Table.Head>
                            <Table.HeadCell>Indicator</Table.HeadCell>
                            <Table.HeadCell>Owner</Table.HeadCell>
                            <Table.HeadCell>Note</Table.HeadCell>
                            <Table.HeadCell>Since</Table.HeadCell>
                            <Table.HeadCell>End</Table.HeadCell>
                            <Table.HeadCell>Last checked</Table.HeadCell>
                            <Table.HeadCell>Last state</Table.HeadCell>
                            {showChanges ? <Table.HeadCell>Recent changes</Table.HeadCell> : null}
                            <Table.HeadCell>Actions</Table.HeadCell>
                        </Table.Head>
                        <Table.Body>
                            {[...watches]
                                .sort((a, b) => Number(b.active) - Number(a.active))
                                .map((watch) => (
                                    <WatchRow
                                        key={watch.id}
                                        watch={watch}
                                        user={user}
                                        showChanges={showChanges}
                                        onEnd={end}
                                        onEditNote={(w) => {
                                            editRound.current += 1;
                                            setEditing(w);
                                        }}
                                    />
                                ))}
                        </Table.Body>
                    </Table>
                </section>
            ) : null}
            <NoteEditor
                key={`${editing?.id ?? ''}:${String(editRound.current)}`}
                watch={editing}
                onClose={() => setEditing(undefined)}
                onSaved={() => {
                    setEditing(undefined);
                    reload();
                }}
            />
        </PageShell>
    );
}
