import type { ContainerClient } from '@azure/storage-blob';

/**
 * Whether any blob's name starts with `<directory>/`: a one-item flat listing
 * (https://learn.microsoft.com/rest/api/storageservices/list-blobs, `maxresults=1`). This is
 * how a flat account's folder that has no marker blob exists. Rejects with the SDK's error
 * (404 ContainerNotFound, 403 …).
 */
export async function hasBlobsUnder(
  container: ContainerClient,
  directory: string,
): Promise<boolean> {
  const page = await container
    .listBlobsFlat({ prefix: `${directory}/` })
    .byPage({ maxPageSize: 1 })
    .next();
  return (page.value?.segment.blobItems.length ?? 0) > 0;
}
