/**
 * The columns every row of the Transfers panel shares (icon, name, progress, controls), so the
 * bars of transfers and operations line up: the controls column has one width whatever
 * buttons a row shows.
 */
export const jobGridColumns = '20px minmax(120px, 1fr) minmax(200px, 2fr) 11rem';
