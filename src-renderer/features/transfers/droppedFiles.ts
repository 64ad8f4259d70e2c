/**
 * A file the user dropped or picked, with its path relative to the drop (`folder/sub/a.csv`),
 * or an empty folder of a dropped tree (no `file`), so it arrives as a folder too.
 */
export type DroppedFile =
  { file: File; relativePath: string } | { file?: undefined; relativePath: string };

const readEntries = (reader: FileSystemDirectoryReader): Promise<FileSystemEntry[]> =>
  new Promise((resolve, reject) => reader.readEntries(resolve, reject));

async function* walk(entry: FileSystemEntry, prefix: string): AsyncGenerator<DroppedFile> {
  const relativePath = prefix ? `${prefix}/${entry.name}` : entry.name;
  if (entry.isFile) {
    const file = await new Promise<File>((resolve, reject) =>
      (entry as FileSystemFileEntry).file(resolve, reject),
    );
    yield { file, relativePath };
    return;
  }
  const reader = (entry as FileSystemDirectoryEntry).createReader();
  let empty = true;
  // readEntries answers in chunks (about 100 at a time in Chromium) until it answers none.
  for (let batch = await readEntries(reader); batch.length > 0; batch = await readEntries(reader)) {
    empty = false;
    for (const child of batch) yield* walk(child, relativePath);
  }
  if (empty) yield { relativePath };
}

/** Every file of a drop, folders walked recursively with their structure kept (empty folders included). */
export async function collectDroppedFiles(data: DataTransfer): Promise<DroppedFile[]> {
  const entries = [...data.items]
    .map((i) => i.webkitGetAsEntry())
    .filter((e): e is FileSystemEntry => e !== null);
  // Drops that carry no entries (files from another web page) still carry their files.
  if (entries.length === 0)
    return [...data.files].map((file) => ({ file, relativePath: file.name }));
  const out: DroppedFile[] = [];
  for (const entry of entries) for await (const f of walk(entry, '')) out.push(f);
  return out;
}

/** Files from an `<input type="file">` (with `webkitdirectory`, their `webkitRelativePath` keeps the folder). */
export const pickedFiles = (list: FileList): DroppedFile[] =>
  [...list].map((file) => ({ file, relativePath: file.webkitRelativePath || file.name }));
