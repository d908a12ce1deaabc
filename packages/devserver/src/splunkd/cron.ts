/**
 * `cron_schedule` of savedsearches.conf: five fields (minute 0-59, hour 0-23, day of month 1-31, month 1-12, day of
 * week 0-6 with 0 = Sunday; 7 is Sunday too), each `*`, a number, a range `a-b`, a step `*\/n` or `a-b/n`, or a
 * comma-separated list of these. When both day fields are restricted, a day matches either, as in cron. The
 * stand-in's clock is UTC, so the schedule is read in UTC.
 */

/** A parsed schedule. */
export interface CronSchedule {
    readonly text: string;
    readonly minutes: ReadonlySet<number>;
    readonly hours: ReadonlySet<number>;
    readonly days: ReadonlySet<number>;
    readonly months: ReadonlySet<number>;
    readonly weekdays: ReadonlySet<number>;
    readonly anyDay: boolean;
    readonly anyWeekday: boolean;
}

/** A schedule that is not valid cron. */
export class CronError extends Error {}

function field(text: string, min: number, max: number, what: string): Set<number> {
    const values = new Set<number>();
    for (const part of text.split(',')) {
        const m = /^(\*|(\d+)(?:-(\d+))?)(?:\/(\d+))?$/.exec(part);
        if (!m) throw new CronError(`'${part}' is not a valid ${what}`);
        const from = m[1] === '*' ? min : Number(m[2]);
        const to = m[1] === '*' ? max : m[3] !== undefined ? Number(m[3]) : m[4] !== undefined ? max : from;
        const step = m[4] !== undefined ? Number(m[4]) : 1;
        if (from < min || to > max || from > to || step < 1)
            throw new CronError(`'${part}' is out of range for ${what}`);
        for (let v = from; v <= to; v += step) values.add(v);
    }
    return values;
}

/** Parses a cron schedule; throws {@link CronError} when it is not one. */
export function parseCron(text: string): CronSchedule {
    const parts = text.trim().split(/\s+/);
    if (parts.length !== 5) throw new CronError(`'${text}' does not have five fields`);
    const [minute = '', hour = '', day = '', month = '', weekday = ''] = parts;
    const weekdays = field(weekday, 0, 7, 'day of the week');
    if (weekdays.delete(7)) weekdays.add(0);
    return {
        text,
        minutes: field(minute, 0, 59, 'minute'),
        hours: field(hour, 0, 23, 'hour'),
        days: field(day, 1, 31, 'day of the month'),
        months: field(month, 1, 12, 'month'),
        weekdays,
        anyDay: day === '*',
        anyWeekday: weekday === '*',
    };
}

/** Whether the schedule runs in the minute that holds `epochSeconds` (UTC). */
export function cronMatches(schedule: CronSchedule, epochSeconds: number): boolean {
    const d = new Date(Math.floor(epochSeconds / 60) * 60_000);
    if (!schedule.minutes.has(d.getUTCMinutes()) || !schedule.hours.has(d.getUTCHours())) return false;
    if (!schedule.months.has(d.getUTCMonth() + 1)) return false;
    const dayOk = schedule.days.has(d.getUTCDate());
    const weekdayOk = schedule.weekdays.has(d.getUTCDay());
    if (schedule.anyDay && schedule.anyWeekday) return true;
    if (schedule.anyDay) return weekdayOk;
    if (schedule.anyWeekday) return dayOk;
    return dayOk || weekdayOk;
}

/** The start (epoch seconds) of the first minute after `afterSeconds` in which the schedule runs, within a year. */
export function nextRun(schedule: CronSchedule, afterSeconds: number): number | undefined {
    let minute = Math.floor(afterSeconds / 60) + 1;
    for (let i = 0; i < 366 * 24 * 60; i++, minute++) if (cronMatches(schedule, minute * 60)) return minute * 60;
    return undefined;
}
