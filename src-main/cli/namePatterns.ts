/** Whether a path segment holds a wildcard (`*` or `?`), as in `dir/*` or `part-??.csv`. */
export const hasWildcard = (segment: string): boolean => /[*?]/.test(segment);
