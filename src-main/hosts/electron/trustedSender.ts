/** The parts of an IPC event the sender check reads (Electron's `IpcMainInvokeEvent`). */
export interface SenderLike {
  sender: { id: number; mainFrame?: unknown };
  senderFrame: { url: string; parent?: unknown } | null;
}

/** Who may call: the app window's WebContents, its main frame, at the app's own renderer URL. */
export interface TrustedOrigin {
  webContentsId: number;
  /** The renderer's URL prefix: `app://lakeshore/` (`appOrigin`). */
  rendererUrlPrefix: string;
}

/**
 * Whether an IPC call comes from the app's own window and main frame, at the app's own
 * renderer URL (VS Code `ipcMain.ts`, GitHub Desktop `trusted-ipc-sender.ts`). Subframes,
 * other windows, navigated-away pages and disposed frames are refused; it never throws.
 */
export function isTrustedSender(event: SenderLike, trusted: TrustedOrigin): boolean {
  try {
    const frame = event.senderFrame;
    if (!frame || event.sender.id !== trusted.webContentsId) return false;
    const isMainFrame = event.sender.mainFrame === frame || frame.parent === null;
    return isMainFrame && frame.url.startsWith(trusted.rendererUrlPrefix);
  } catch {
    // Electron throws on reading a frame that was disposed (navigated away, window closed).
    return false;
  }
}
