import {
  FolderFilled,
  FolderOpenFilled,
  FolderOpenRegular,
  FolderRegular,
} from '@fluentui/react-icons';

/**
 * A folder's icon: solid for a real directory of a hierarchical-namespace (ADLS Gen2) account,
 * outlined for a name prefix of a flat Blob account.
 */
export function FolderIcon({ hns, open = false }: { hns: boolean; open?: boolean }) {
  const Icon = hns
    ? open
      ? FolderOpenFilled
      : FolderFilled
    : open
      ? FolderOpenRegular
      : FolderRegular;
  return <Icon aria-hidden data-namespace={hns ? 'hns' : 'flat'} />;
}
