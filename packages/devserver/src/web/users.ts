/**
 * The stand-in's users of Splunk Web: `admin` (role admin) and `analyst` (role user and the app's user role, no
 * admin capability). Both have the password `changeme`.
 */
export interface StandInUser {
    name: string;
    realname: string;
    roles: readonly string[];
}

export const USERS: readonly StandInUser[] = [
    { name: 'admin', realname: 'Administrator', roles: ['admin'] },
    { name: 'analyst', realname: 'SOC Analyst', roles: ['user', 'passivetotal_user'] },
];

export const DEFAULT_PASSWORD = 'changeme';

/** The user of that name, or undefined. */
export function findUser(name: string): StandInUser | undefined {
    return USERS.find((user) => user.name === name);
}
