import { spawn } from 'node:child_process';

/** One step of `npm test` / `npm run test:e2e`: a command and how to count the tests it ran. */
export interface Step {
    name: string;
    command: string;
    args: string[];
    env?: Record<string, string>;
    /** Reads passed/failed test counts from the output; without it the step counts as one check. */
    count?: (output: string) => { passed: number; failed: number } | undefined;
}

/** Counts from jest's closing "Tests: 3 failed, 1 skipped, 40 passed, 44 total" line. */
export function jestCounts(output: string): { passed: number; failed: number } | undefined {
    const line = /^Tests:\s+(.*)$/m.exec(output)?.[1];
    if (!line) return undefined;
    const count = (word: string) => Number(new RegExp(`(\\d+) ${word}`).exec(line)?.[1] ?? 0);
    return { passed: count('passed'), failed: count('failed') };
}

/** Counts from unittest's "Ran 12 tests" and "FAILED (failures=1, errors=2)" lines. */
export function unittestCounts(output: string): { passed: number; failed: number } | undefined {
    const ran = /^Ran (\d+) tests?/m.exec(output);
    if (!ran) return undefined;
    const failed = [...output.matchAll(/(?:failures|errors)=(\d+)/g)].reduce((sum, m) => sum + Number(m[1]), 0);
    return { passed: Number(ran[1]) - failed, failed };
}

/** Counts from a closing "N passed, N failed" line. */
export function plainCounts(output: string): { passed: number; failed: number } | undefined {
    const found = [...output.matchAll(/^(\d+) passed, (\d+) failed$/gm)].pop();
    return found ? { passed: Number(found[1]), failed: Number(found[2]) } : undefined;
}

function run(step: Step): Promise<{ code: number; output: string }> {
    return new Promise((resolve) => {
        const child = spawn(step.command, step.args, {
            stdio: ['ignore', 'pipe', 'pipe'],
            env: { ...process.env, ...step.env },
        });
        let output = '';
        const collect = (chunk: Buffer, stream: NodeJS.WriteStream) => {
            output += chunk.toString();
            stream.write(chunk);
        };
        child.stdout.on('data', (chunk: Buffer) => collect(chunk, process.stdout));
        child.stderr.on('data', (chunk: Buffer) => collect(chunk, process.stderr));
        child.on('close', (code) => resolve({ code: code ?? 1, output }));
    });
}

/**
 * Runs the steps in order (all of them, even after a failure, so one run shows every problem), prints a summary
 * and the closing line "N passed, N failed", and sets the exit code.
 */
export async function runSteps(title: string, steps: Step[]): Promise<void> {
    const rows: string[] = [];
    let passed = 0;
    let failed = 0;
    for (const step of steps) {
        console.log(`\n=== ${title}: ${step.name} ===`);
        const started = Date.now();
        const { code, output } = await run(step);
        const counts = step.count?.(output);
        let stepPassed = counts?.passed ?? (code === 0 ? 1 : 0);
        let stepFailed = counts?.failed ?? (code === 0 ? 0 : 1);
        if (code !== 0 && stepFailed === 0) {
            // The runner failed without a failing test (a crash, a suite that did not load): count it.
            stepFailed = 1;
            stepPassed = counts?.passed ?? 0;
        }
        passed += stepPassed;
        failed += stepFailed;
        const seconds = ((Date.now() - started) / 1000).toFixed(1);
        rows.push(
            `${code === 0 ? 'ok  ' : 'FAIL'}  ${step.name.padEnd(40)} ${String(stepPassed).padStart(5)} passed ${String(stepFailed).padStart(3)} failed  ${seconds}s`
        );
    }
    console.log(`\n=== ${title}: summary ===`);
    for (const row of rows) console.log(row);
    console.log(`\n${String(passed)} passed, ${String(failed)} failed`);
    process.exitCode = failed > 0 ? 1 : 0;
}
