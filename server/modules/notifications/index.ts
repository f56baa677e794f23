/** The notifications module's public face: what other modules may import. */
export { Notification, unitOf, presentNotification, listNotifications } from './notifications.repository.ts';
