/**
 * The pins of the page's case, shared by the case panel and every pivot link's pin toggle without threading them
 * through the tabs. Active only while an investigation shows (the landing page and component tests show no toggle).
 */
import { useSyncExternalStore } from 'react';
import { togglePin } from './case-model';
import type { Pin } from './investigation-document';

interface PinState {
    readonly active: boolean;
    readonly pins: readonly Pin[];
}

let state: PinState = { active: false, pins: [] };
const listeners = new Set<() => void>();

function set(next: PinState): void {
    state = next;
    listeners.forEach((l) => l());
}

export const pinStore = {
    get: (): PinState => state,
    subscribe: (listener: () => void): (() => void) => {
        listeners.add(listener);
        return () => listeners.delete(listener);
    },
    setActive: (active: boolean) => set({ ...state, active }),
    replace: (pins: readonly Pin[]) => set({ ...state, pins }),
    toggle: (pin: Pin) => set({ ...state, pins: togglePin(state.pins, pin) }),
    unpin: (value: string) => set({ ...state, pins: state.pins.filter((p) => p.value !== value) }),
};

/** The page's pins (re-rendered when they change). */
export function usePins(): PinState {
    return useSyncExternalStore(pinStore.subscribe, pinStore.get);
}
