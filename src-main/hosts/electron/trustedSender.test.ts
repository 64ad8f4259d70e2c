import { describe, expect, it } from 'vitest';
import { isTrustedSender, type SenderLike } from './trustedSender.js';

const trusted = { webContentsId: 3, rendererUrlPrefix: 'file:///opt/Lakeshore/dist/renderer/' };
const indexUrl = 'file:///opt/Lakeshore/dist/renderer/index.html';
const mainFrame = { url: indexUrl, parent: null };

describe('isTrustedSender', () => {
  it('accepts the app window main frame at the renderer URL', () => {
    expect(isTrustedSender({ sender: { id: 3, mainFrame }, senderFrame: mainFrame }, trusted)).toBe(
      true,
    );
    // A main frame object that is not the cached `mainFrame` instance, but has no parent.
    const sameFrameOtherObject = { url: `${indexUrl}#/browse`, parent: null };
    expect(
      isTrustedSender({ sender: { id: 3, mainFrame }, senderFrame: sameFrameOtherObject }, trusted),
    ).toBe(true);
  });

  it.each<[string, SenderLike]>([
    ['another WebContents', { sender: { id: 4, mainFrame }, senderFrame: mainFrame }],
    [
      'a subframe at the renderer URL',
      { sender: { id: 3, mainFrame }, senderFrame: { url: indexUrl, parent: mainFrame } },
    ],
    [
      'a remote page',
      { sender: { id: 3, mainFrame }, senderFrame: { url: 'https://evil.example/', parent: null } },
    ],
    [
      'another local file',
      { sender: { id: 3, mainFrame }, senderFrame: { url: 'file:///tmp/x.html', parent: null } },
    ],
    [
      'a sibling folder sharing the prefix text',
      {
        sender: { id: 3, mainFrame },
        senderFrame: { url: 'file:///opt/Lakeshore/dist/renderer-evil/i.html', parent: null },
      },
    ],
    ['no frame (already gone)', { sender: { id: 3, mainFrame }, senderFrame: null }],
  ])('refuses %s', (_label, event) => {
    expect(isTrustedSender(event, trusted)).toBe(false);
  });

  it('refuses, without throwing, a frame that Electron reports as disposed', () => {
    const disposed = {
      parent: null,
      get url(): string {
        throw new Error('Render frame was disposed before WebFrameMain could be accessed');
      },
    };
    expect(isTrustedSender({ sender: { id: 3, mainFrame }, senderFrame: disposed }, trusted)).toBe(
      false,
    );
  });
});
