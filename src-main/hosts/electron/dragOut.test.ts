import { beforeEach, describe, expect, it, vi } from 'vitest';

// The real `electron` module cannot load in plain Node: nativeImage is a fake that records
// which file it was made from and how it was resized.
const fake = vi.hoisted(() => ({
  created: [] as string[],
  resized: [] as unknown[],
  empty: false,
}));

vi.mock('electron', () => ({
  nativeImage: {
    createFromPath: (p: string) => {
      fake.created.push(p);
      const image = {
        from: p,
        isEmpty: () => fake.empty,
        resize: (size: unknown) => (fake.resized.push(size), { from: p, size }),
      };
      return image;
    },
  },
}));

const { dragIconPath, startDragOut } = await import('./dragOut.js');

const contents = (destroyed = false) => ({
  isDestroyed: () => destroyed,
  startDrag: vi.fn(),
});

beforeEach(() => {
  fake.created.length = 0;
  fake.resized.length = 0;
  fake.empty = false;
});

describe('dragging files out of the desktop window', () => {
  it('starts the native drag with every file and the app icon at 64 px', () => {
    const wc = contents();
    startDragOut(wc as never, ['/d/1/a.csv', '/d/2/b.csv'], '/app/assets/icon.png');
    expect(fake.created).toEqual(['/app/assets/icon.png']);
    expect(wc.startDrag).toHaveBeenCalledWith({
      file: '/d/1/a.csv',
      files: ['/d/1/a.csv', '/d/2/b.csv'],
      icon: { from: '/app/assets/icon.png', size: { width: 64, height: 64 } },
    });
  });

  it('passes an icon that could not be read as it is, and does nothing for a closed window or no files', () => {
    fake.empty = true;
    const wc = contents();
    startDragOut(wc as never, ['/d/a.csv'], '/missing.png');
    expect(wc.startDrag).toHaveBeenCalledWith(
      expect.objectContaining({
        file: '/d/a.csv',
        icon: expect.objectContaining({ from: '/missing.png' }),
      }),
    );
    expect(fake.resized).toEqual([]);
    const closed = contents(true);
    startDragOut(closed as never, ['/d/a.csv'], '/i.png');
    const none = contents();
    startDragOut(none as never, [], '/i.png');
    expect(closed.startDrag).not.toHaveBeenCalled();
    expect(none.startDrag).not.toHaveBeenCalled();
  });

  it('finds the icon in assets/ beside dist/ (the bundle runs from dist/main)', () => {
    expect(dragIconPath('/app/dist/main')).toBe('/app/assets/icon.png');
  });
});
