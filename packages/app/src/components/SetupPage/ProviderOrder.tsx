import { useState } from 'react';
import styled from 'styled-components';
import { DATASET_GROUPS, providerLabel, type catalogue, type DatasetGroup } from '@passivetotal/core';
import Button from '@splunk/react-ui/Button';
import Heading from '@splunk/react-ui/Heading';
import P from '@splunk/react-ui/Paragraph';
import Switch from '@splunk/react-ui/Switch';
import { variables } from '@splunk/themes';
import type { GroupOrder, ProviderState } from '../../investigation/provider-states';
import { GROUP_LABELS } from './provider-words';
import { saveSetupFields, type SetupData } from './setup-api';
import { ActionOutcome } from './FormRows';
import { useFormAction } from './useFormAction';

const List = styled.ol`
    margin: 0 0 ${variables.spacingMedium};
    padding: 0;
    list-style: none;
    li {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: ${variables.spacingSmall};
        padding: ${variables.spacingXSmall} 0;
    }
`;

const Hint = styled.span`
    color: ${variables.contentColorMuted};
    font-size: ${variables.fontSizeSmall};
`;

/** One provider of a group in the draft: asked or not, in the listed order. */
interface Entry {
    readonly id: string;
    readonly used: boolean;
}

type Draft = Readonly<Record<DatasetGroup, readonly Entry[]>>;

/** The providers that may fill a group: PassiveTotal and every open provider of that group. */
function candidates(group: DatasetGroup, providers: readonly ProviderState[]): readonly string[] {
    return ['passivetotal', ...providers.filter((p) => p.datasets.includes(group)).map((p) => p.id)];
}

/** The draft of an order: the providers asked, in order, then the others (not asked). */
export function draftOf(order: GroupOrder, providers: readonly ProviderState[]): Draft {
    const out = {} as Record<DatasetGroup, readonly Entry[]>;
    for (const group of DATASET_GROUPS) {
        const all = candidates(group, providers);
        const used = order[group].filter((id) => all.includes(id));
        out[group] = [
            ...used.map((id) => ({ id, used: true })),
            ...all.filter((id) => !used.includes(id)).map((id) => ({ id, used: false })),
        ];
    }
    return out;
}

/** The form fields of a draft: `order.<group>` (the catalogue's setup fields) = the ids asked, comma separated. */
export function orderForm(draft: Draft): Partial<Record<catalogue.SetupField, string>> {
    return Object.fromEntries(
        DATASET_GROUPS.map((g) => [
            `order.${g}`,
            draft[g]
                .filter((e) => e.used)
                .map((e) => e.id)
                .join(','),
        ])
    );
}

function move(entries: readonly Entry[], from: number, to: number): readonly Entry[] {
    const next = [...entries];
    const [entry] = next.splice(from, 1);
    if (entry) next.splice(to, 0, entry);
    return next;
}

export interface ProviderOrderProps {
    readonly providers: readonly ProviderState[];
    readonly order: GroupOrder;
    readonly passiveTotalConfigured: boolean;
    readonly onSaved: (setup: SetupData) => void;
}

/**
 * Which providers fill each dataset group, and in which order (earlier providers' rows come first and win
 * duplicates): a switch per provider and up/down buttons, saved as `order.<group>`. PassiveTotal is asked only while
 * its credential is set, any other provider only while it is in use.
 */
export function ProviderOrder({ providers, order, passiveTotalConfigured, onSaved }: ProviderOrderProps) {
    const [draft, setDraft] = useState<Draft>(() => draftOf(order, providers));
    const action = useFormAction();
    const ready = new Map(providers.map((p) => [p.id, p.ready]));
    const update = (group: DatasetGroup, entries: readonly Entry[]) => {
        setDraft((previous) => ({ ...previous, [group]: entries }));
        action.clear();
    };

    const save = () =>
        void action.run(
            (signal) => saveSetupFields(orderForm(draft), signal),
            'The provider order is saved.',
            (saved) => {
                setDraft(draftOf(saved.order, saved.providers));
                onSaved(saved);
            }
        );

    return (
        <section aria-label="Provider order">
            <P>
                For each dataset, the providers the investigation page asks, in this order: every one is asked at the
                same time, and rows are listed in this order, the first provider winning duplicates.
            </P>
            {DATASET_GROUPS.map((group) => {
                const entries = draft[group];
                return (
                    <div key={group}>
                        <Heading level={3}>{GROUP_LABELS[group]}</Heading>
                        <List aria-label={`Providers of ${GROUP_LABELS[group]}`}>
                            {entries.map((entry, i) => {
                                const label = providerLabel(entry.id);
                                const usable =
                                    entry.id === 'passivetotal' ? passiveTotalConfigured : ready.get(entry.id);
                                return (
                                    <li key={entry.id}>
                                        <Hint aria-hidden>
                                            {entry.used
                                                ? `${String(entries.slice(0, i).filter((e) => e.used).length + 1)}.`
                                                : '–'}
                                        </Hint>
                                        <Switch
                                            appearance="toggle"
                                            selected={entry.used}
                                            onClick={(_e, { selected }) =>
                                                update(
                                                    group,
                                                    entries.map((e) =>
                                                        e.id === entry.id ? { ...e, used: !selected } : e
                                                    )
                                                )
                                            }
                                        >
                                            {label}
                                        </Switch>
                                        <Button
                                            appearance="subtle"
                                            label="Up"
                                            aria-label={`Move ${label} up in ${GROUP_LABELS[group]}`}
                                            disabled={i === 0}
                                            onClick={() => update(group, move(entries, i, i - 1))}
                                        />
                                        <Button
                                            appearance="subtle"
                                            label="Down"
                                            aria-label={`Move ${label} down in ${GROUP_LABELS[group]}`}
                                            disabled={i === entries.length - 1}
                                            onClick={() => update(group, move(entries, i, i + 1))}
                                        />
                                        {entry.used && usable !== true ? (
                                            <Hint>
                                                {entry.id === 'passivetotal'
                                                    ? 'asked once its credential is set'
                                                    : 'asked once it is in use (see above)'}
                                            </Hint>
                                        ) : null}
                                    </li>
                                );
                            })}
                        </List>
                    </div>
                );
            })}
            <Button appearance="primary" label="Save the order" disabled={action.busy} onClick={save} />
            <ActionOutcome action={action} />
        </section>
    );
}
