import { Menu, Tray, nativeImage, type MenuItemConstructorOptions, type NativeImage } from 'electron';
import type { IconBitmap, MenuItemModel, TrayPort } from '../ports.ts';
import { isTemplateBitmap, toNativeBitmap } from './bitmap.ts';

export interface TrayAdapterOptions {
  platform: NodeJS.Platform;
  /** The icon shown before the first score is drawn (a PNG shipped with the app). */
  initialIconPath: string;
  /** Device pixels per point of the bitmaps we draw (2 for a 32 px icon in a 16 pt menu bar). */
  scaleFactor: number;
  /** A left click on the icon (macOS, Windows; AppIndicator on Linux opens the menu instead). */
  onClick: () => void;
}

export interface TrayAdapter extends TrayPort {
  /** The menu and tooltip as last set, for the end-to-end suite. */
  readonly menu: readonly MenuItemModel[];
  readonly tooltip: string;
  click(id: string): void;
  destroy(): void;
}

/** TrayPort over Electron's Tray, Menu and nativeImage. Decisions live in electron/main/tray/. */
export function createTrayAdapter(options: TrayAdapterOptions): TrayAdapter {
  const initial = nativeImage.createFromPath(options.initialIconPath);
  if (options.platform === 'darwin') initial.setTemplateImage(true);
  const tray = new Tray(initial);
  tray.on('click', options.onClick);
  let tooltip = '';
  let menuKey = '';
  let menu: MenuItemModel[] = [];
  let onItem: (id: string) => void = () => undefined;

  const toOptions = (item: MenuItemModel): MenuItemConstructorOptions => {
    switch (item.kind) {
      case 'separator':
        return { type: 'separator' };
      case 'label':
        return { label: item.label, enabled: false };
      case 'submenu':
        return { label: item.label, submenu: item.items.map(toOptions) };
      case 'action':
        return {
          id: item.id,
          label: actionLabel(item.label, item.accelerator, options.platform),
          enabled: item.enabled ?? true,
          ...(item.checked === undefined ? {} : { type: 'checkbox', checked: item.checked }),
          // Display only: the hotkeys are global shortcuts, registered elsewhere.
          ...(item.accelerator && options.platform !== 'linux'
            ? { accelerator: item.accelerator, registerAccelerator: false }
            : {}),
          click: () => onItem(item.id),
        };
    }
  };

  return {
    get menu() {
      return menu;
    },
    get tooltip() {
      return tooltip;
    },
    setToolTip(text) {
      if (text === tooltip) return;
      tooltip = text;
      tray.setToolTip(text);
    },
    setContextMenu(items, onClick) {
      onItem = onClick;
      // Rebuilding a native menu on every state push is wasteful, and on Linux each rebuild is
      // sent over D-Bus to the AppIndicator host; only a changed menu is set again.
      const key = JSON.stringify(items);
      if (key === menuKey) return;
      menuKey = key;
      menu = items;
      tray.setContextMenu(Menu.buildFromTemplate(items.map(toOptions)));
    },
    setImage(image) {
      tray.setImage(toNativeImage(image, options));
    },
    click(id) {
      onItem(id);
    },
    destroy() {
      tray.destroy();
    },
  };
}

/** AppIndicator menus show no accelerators, so on Linux the keys go into the label. */
export function actionLabel(
  label: string,
  accelerator: string | undefined,
  platform: NodeJS.Platform,
): string {
  return accelerator && platform === 'linux' ? `${label}  (${accelerator})` : label;
}

function toNativeImage(image: IconBitmap, options: TrayAdapterOptions): NativeImage {
  const native = nativeImage.createFromBitmap(Buffer.from(toNativeBitmap(image)), {
    width: image.width,
    height: image.height,
    scaleFactor: options.scaleFactor,
  });
  if (options.platform === 'darwin' && isTemplateBitmap(image)) native.setTemplateImage(true);
  return native;
}
