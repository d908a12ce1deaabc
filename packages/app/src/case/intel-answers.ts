/**
 * The answered datasets of an investigation's intelligence, in the order they were asked: what an export or a
 * case's snapshot keeps.
 */
import type { Dataset, DatasetTypes, ProviderResult } from '@passivetotal/core';
import type { IntelResults } from '../investigation/useIntel';

export function intelAnswers(intel: IntelResults): [Dataset, ProviderResult<DatasetTypes[Dataset]>][] {
    const answers: [Dataset, ProviderResult<DatasetTypes[Dataset]>][] = [];
    for (const dataset of intel.datasets) {
        const result = intel.get(dataset);
        if (result && (result.ok || result.kind !== 'aborted')) answers.push([dataset, result]);
    }
    return answers;
}
