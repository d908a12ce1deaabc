import type { AppTree, TreeEntry } from '../app-tree';
import { finding, type Finding } from '../finding';

/**
 * Packaging rules on the file tree, as AppInspect checks an app's package: forbidden folders and files, hidden and
 * compiled files, symlinks, permissions, execute bits and binaries.
 */

const BINARY_MAGIC: readonly { name: string; bytes: readonly number[] }[] = [
    { name: 'ELF', bytes: [0x7f, 0x45, 0x4c, 0x46] },
    { name: 'PE/DOS', bytes: [0x4d, 0x5a] },
    { name: 'Mach-O', bytes: [0xfe, 0xed, 0xfa, 0xce] },
    { name: 'Mach-O', bytes: [0xfe, 0xed, 0xfa, 0xcf] },
    { name: 'Mach-O', bytes: [0xce, 0xfa, 0xed, 0xfe] },
    { name: 'Mach-O', bytes: [0xcf, 0xfa, 0xed, 0xfe] },
    { name: 'Mach-O universal', bytes: [0xca, 0xfe, 0xba, 0xbe] },
];

const segments = (path: string): string[] => path.split('/');
const baseName = (path: string): string => segments(path).pop() ?? path;

function forbiddenPlaces(entry: TreeEntry): Finding[] {
    const { path } = entry;
    if (path === 'local') {
        return [finding('check_that_local_does_not_exist', 'failure', path, 'local/ must not be shipped')];
    }
    if (path === 'local/passwords.conf') {
        return [
            finding(
                'check_that_local_passwords_conf_does_not_exist',
                'failure',
                path,
                'local/passwords.conf holds credentials and must never be shipped'
            ),
        ];
    }
    if (path === 'metadata/local.meta') {
        return [finding('check_for_local_meta', 'failure', path, 'metadata/local.meta must not be shipped')];
    }
    if (path === 'users') {
        return [finding('check_that_users_does_not_exist', 'failure', path, 'users/ must not be shipped')];
    }
    return [];
}

function hiddenOrCompiled(entry: TreeEntry): Finding[] {
    const name = baseName(entry.path);
    const prohibited = 'check_that_extracted_splunk_app_does_not_contain_prohibited_directories_or_files';
    if (name === '__MACOSX')
        return [finding(prohibited, 'failure', entry.path, '__MACOSX folders must not be shipped')];
    if (name.startsWith('.')) {
        return [finding(prohibited, 'failure', entry.path, `hidden ${entry.kind === 'dir' ? 'folder' : 'file'}`)];
    }
    if (name === '__pycache__' || /\.py[co]$/.test(name)) {
        return [finding('check_for_compiled_python', 'failure', entry.path, 'compiled Python must not be shipped')];
    }
    return [];
}

function permissions(entry: TreeEntry): Finding[] {
    const found: Finding[] = [];
    const octal = entry.mode.toString(8).padStart(4, '0');
    if (entry.kind === 'symlink') {
        return [finding('check_symlink_outside_app', 'failure', entry.path, 'symlinks are not allowed in the package')];
    }
    if (entry.kind === 'other') {
        return [finding('vet_regular_files_only', 'failure', entry.path, 'not a regular file or folder')];
    }
    if (entry.mode & 0o002) {
        found.push(finding('check_for_expansive_permissions', 'failure', entry.path, `world-writable (mode ${octal})`));
    }
    const ownerNeeds = entry.kind === 'dir' ? 0o700 : 0o600;
    if ((entry.mode & ownerNeeds) !== ownerNeeds) {
        found.push(
            finding(
                'vet_owner_permissions',
                'failure',
                entry.path,
                `${entry.kind === 'dir' ? 'folders need owner rwx' : 'files need owner rw'} (mode ${octal})`
            )
        );
    }
    if (entry.kind === 'file' && entry.mode & 0o111 && segments(entry.path)[0] !== 'bin') {
        found.push(
            finding('check_for_executable_flag', 'failure', entry.path, `execute bit outside bin/ (mode ${octal})`)
        );
    }
    return found;
}

function binary(tree: AppTree, entry: TreeEntry): Finding[] {
    if (entry.kind !== 'file' || entry.size < 2) return [];
    const head = tree.readHead(entry.path, 4);
    const magic = BINARY_MAGIC.find((m) => m.bytes.length <= head.length && m.bytes.every((b, i) => head[i] === b));
    if (!magic) return [];
    return [
        finding(
            'check_for_binary_files_without_source_code',
            'failure',
            entry.path,
            `${magic.name} executable; the app ships no binaries`
        ),
    ];
}

function spacesInNames(entry: TreeEntry): Finding[] {
    const name = baseName(entry.path);
    const isConfOrView = name.endsWith('.conf') || /^default\/data\/ui\/(views|nav)\//.test(entry.path);
    if (!isConfOrView || !/\s/.test(name)) return [];
    return [
        finding('vet_no_spaces_in_names', 'failure', entry.path, 'conf and dashboard file names must not hold spaces'),
    ];
}

/** Runs the tree rules over every entry. */
export function checkStructure(tree: AppTree): Finding[] {
    return tree.entries.flatMap((entry) => [
        ...forbiddenPlaces(entry),
        ...hiddenOrCompiled(entry),
        ...permissions(entry),
        ...binary(tree, entry),
        ...spacesInNames(entry),
    ]);
}
