/** The stand-in's users (CONTRACTS section 4). Both have the password `changeme`. */
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
