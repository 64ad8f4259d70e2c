import {
  AccountSASPermissions,
  AccountSASResourceTypes,
  AccountSASServices,
  generateAccountSASQueryParameters,
  StorageSharedKeyCredential,
} from '@azure/storage-blob';
import { emulatorAccount } from '../src-main/emulator/azurite.js';

/** An account SAS for the emulator (read, list, write; one hour), for peers such as rclone that connect by SAS URL. */
export function emulatorSas(): string {
  return generateAccountSASQueryParameters(
    {
      expiresOn: new Date(Date.now() + 3_600_000),
      permissions: AccountSASPermissions.parse('rwdlc'),
      resourceTypes: AccountSASResourceTypes.parse('sco').toString(),
      services: AccountSASServices.parse('b').toString(),
    },
    new StorageSharedKeyCredential(emulatorAccount.name, emulatorAccount.key),
  ).toString();
}
