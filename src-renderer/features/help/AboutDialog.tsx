import { Spinner } from '@fluentui/react-components';
import { useAppInfo } from '../../api/hooks.js';
import { DialogShell } from '../shell/DialogShell.js';
import { ErrorNotice } from '../shell/ErrorNotice.js';
import { FactList, type Fact } from '../shell/FactList.js';

/** About Lakeshore (Help → About): the version, how it runs, the data folder and the log folder. */
export function AboutDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const info = useAppInfo();
  const facts: Fact[] = info.data
    ? [
        { term: 'Version', value: info.data.version },
        { term: 'Runs as', value: info.data.mode === 'electron' ? 'Desktop app' : 'Browser mode' },
        { term: 'Data folder', value: info.data.dataDir, mono: true },
        { term: 'Log folder', value: info.data.logDir, mono: true },
      ]
    : [];
  return (
    <DialogShell open={open} onClose={onClose} label="About Lakeshore" title="About Lakeshore">
      {info.isPending && <Spinner size="small" label="Reading…" />}
      {info.isError && <ErrorNotice error={info.error} />}
      {info.data && <FactList facts={facts} />}
    </DialogShell>
  );
}
