/**
 * Checks of names and paths the user types, made before any call so a mistake is explained at
 * once instead of becoming a service error.
 */

export { containerNameProblem, containerNameRule } from '../../../shared/contract/index.js';

/** Why `name` cannot be one file or folder name, or undefined when it can. */
export function entryNameProblem(name: string): string | undefined {
  if (name.trim() === '') return 'Enter a name';
  if (name.includes('\0')) return 'A name cannot contain NUL';
  if (name.includes('/')) return 'A name cannot contain "/"';
  if (name === '.' || name === '..') return 'A name cannot be "." or ".."';
  if (name.length > 1024) return 'A name is at most 1,024 characters';
  return undefined;
}

/** `directory/name`, or `name` at the container root. */
export const joinPath = (directory: string, name: string): string =>
  directory === '' ? name : `${directory}/${name}`;

/** The last segment of a path. */
export const baseName = (path: string): string => path.slice(path.lastIndexOf('/') + 1);

/**
 * Where a rename or move typed as `input` goes, as a full path in the container: a bare name or
 * a relative path (`sub/new`) is taken from `directory`; a leading `/` means from the container
 * root; `..` segments go up. Either the path or why it cannot be one.
 */
export function resolveDestination(
  directory: string,
  input: string,
): { path: string } | { problem: string } {
  const text = input.trim();
  if (text === '') return { problem: 'Enter a name or a path' };
  if (text.includes('\0')) return { problem: 'A path cannot contain NUL' };
  const segments = text.startsWith('/') ? [] : directory.split('/').filter(Boolean);
  for (const segment of text.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') {
      if (segments.length === 0) return { problem: 'The path goes above the container root' };
      segments.pop();
    } else segments.push(segment);
  }
  if (text.endsWith('/') || text.endsWith('/..') || text === '..' || text.endsWith('/.'))
    return { problem: 'End the path with the new name' };
  if (segments.length === 0) return { problem: 'Enter a name or a path' };
  const path = segments.join('/');
  if (path.length > 1024) return { problem: 'A path is at most 1,024 characters' };
  return { path };
}

/** Why moving `source` to `destination` cannot work, checked before any call, or undefined. */
export function moveProblem(
  source: { path: string; kind: 'file' | 'directory' },
  destination: string,
): string | undefined {
  if (destination === source.path) return 'That is its current name';
  if (source.kind === 'directory' && destination.startsWith(`${source.path}/`))
    return 'A folder cannot be moved into itself';
  return undefined;
}
