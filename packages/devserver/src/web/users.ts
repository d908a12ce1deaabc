/**
 * The stand-in's users of Splunk Web: `admin` (role admin), `analyst` (role user and the app's user role, no
 * admin capability) and `guest` (role user only: none of the app's roles, for what a user outside the app may
 * not see). All have the password `changeme`.
 */
export interface StandInUser {
    name: string;
    realname: string;
    roles: readonly string[];
}

export const USERS: readonly StandInUser[] = [
    { name: 'admin', realname: 'Administrator', roles: ['admin'] },
    { name: 'analyst', realname: 'SOC Analyst', roles: ['user', 'passivetotal_user'] },
    { name: 'guest', realname: 'Guest', roles: ['user'] },
];

export const DEFAULT_PASSWORD = 'changeme';

/** The user of that name, or undefined. */
export function findUser(name: string): StandInUser | undefined {
    return USERS.find((user) => user.name === name);
}
