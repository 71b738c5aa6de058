// Native notifications; silently nothing where the desktop offers none.
import type { Notification as ElectronNotification } from 'electron';
import type { NotificationPort } from '../ports';

type NotificationClass = typeof ElectronNotification;

export function createNotificationPort(Notification: NotificationClass, onClick?: () => void): NotificationPort {
  return {
    notify(title, body) {
      if (!Notification.isSupported()) return;
      const notification = new Notification({ title, body });
      if (onClick) notification.on('click', onClick);
      notification.show();
    },
  };
}
