import picomatch from 'picomatch';

/** A folder job's name filters as kept on its record: glob patterns on a file's name. */
export interface NameFilters {
  include?: string[];
  exclude?: string[];
}

/**
 * A predicate on a file's name (its last path segment, no `/`) for `filters`, with azcopy's
 * `--include-pattern` / `--exclude-pattern` meaning: true when the name matches any `include`
 * pattern (or there is none) and no `exclude` pattern. Patterns are picomatch globs with
 * `dot: true` (`*` matches a leading dot too), without braces or extglobs (`{a,b}` and `+(x)`
 * are literal text, as in azcopy), so the engine and the CLI's filter agree.
 */
export function nameFilter(filters: NameFilters): (name: string) => boolean {
  const opts = { dot: true, nobrace: true, noextglob: true };
  const include = filters.include?.length ? picomatch(filters.include, opts) : undefined;
  const exclude = filters.exclude?.length ? picomatch(filters.exclude, opts) : undefined;
  if (!include && !exclude) return () => true;
  return (name) => (include ? include(name) : true) && !(exclude ? exclude(name) : false);
}

/** Whether `filters` has an `include` list: then empty folders are not transferred, only the files it names. */
export const includesOnly = (filters: NameFilters): boolean => (filters.include?.length ?? 0) > 0;
