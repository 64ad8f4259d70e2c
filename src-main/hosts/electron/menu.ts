import { Menu, shell, type MenuItemConstructorOptions } from 'electron';

/** The application menu: File › Quit, View › Reload (and DevTools when not packaged), Help › Azure Storage docs. */
export function installMenu(isPackaged: boolean): void {
  const template: MenuItemConstructorOptions[] = [
    { label: 'File', submenu: [{ role: 'quit' }] },
    {
      label: 'View',
      submenu: [{ role: 'reload' }, ...(isPackaged ? [] : [{ role: 'toggleDevTools' } as const])],
    },
    {
      label: 'Help',
      submenu: [
        {
          label: 'Azure Storage documentation',
          click: () => void shell.openExternal('https://learn.microsoft.com/azure/storage/'),
        },
      ],
    },
  ];
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}
