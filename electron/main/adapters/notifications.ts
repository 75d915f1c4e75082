import { Notification } from 'electron';
import type { NotificationRequest, Notifier } from '../ports.ts';

export interface NotifierAdapter extends Notifier {
  /** Notifications still on screen (or in the notification centre). */
  readonly live: readonly NotificationRequest[];
  /** The latest ones asked for, shown or not (a desktop without a notification daemon fails them). */
  readonly recent: readonly NotificationRequest[];
}

const RECENT = 20;

/**
 * Notifier over Electron's Notification. Each one stays referenced until it is clicked, closed
 * or fails: a collected Notification loses its click handler
 * (https://github.com/electron/electron/issues/16922).
 */
export function createNotifierAdapter(icon?: string): NotifierAdapter {
  const live = new Map<Notification, NotificationRequest>();
  const recent: NotificationRequest[] = [];
  return {
    get live() {
      return [...live.values()];
    },
    get recent() {
      return recent;
    },
    show(request, onClick) {
      recent.push(request);
      if (recent.length > RECENT) recent.shift();
      if (!Notification.isSupported()) return;
      const notification = new Notification({
        title: request.title,
        body: request.body,
        ...(icon ? { icon } : {}),
      });
      const release = () => live.delete(notification);
      notification.on('click', () => {
        release();
        onClick();
      });
      notification.on('close', release);
      notification.on('failed', release);
      live.set(notification, request);
      notification.show();
    },
  };
}
