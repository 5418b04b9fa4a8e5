// Amazon SES notifications (JSON, delivered by SNS as mail): notificationType Bounce, Complaint or
// Delivery, with per-recipient results (docs.aws.amazon.com/ses/latest/dg/notification-contents.html).

import type { BounceAction } from './types.js';

export interface SesRecipient {
  recipient: string;
  status: string;
  diagnostic: string;
  action: BounceAction;
  kind: 'Bounce' | 'Complaint' | 'Delivery';
}

interface SesNotification {
  notificationType?: unknown;
  bounce?: { bouncedRecipients?: Array<{ emailAddress?: unknown; status?: unknown; diagnosticCode?: unknown; action?: unknown }> };
  complaint?: { complainedRecipients?: Array<{ emailAddress?: unknown }> };
  delivery?: { recipients?: unknown[]; smtpResponse?: unknown };
}

const text = (value: unknown): string => (typeof value === 'string' ? value : '');

/** The notification in a body, or undefined when the body is no SES JSON (SNS may wrap it in `Message`). */
function notificationIn(body: string): SesNotification | undefined {
  const start = body.indexOf('{');
  const end = body.lastIndexOf('}');
  if (start === -1 || end <= start || !body.includes('notificationType')) return undefined;
  try {
    const parsed = JSON.parse(body.slice(start, end + 1)) as SesNotification & { Message?: unknown };
    if (typeof parsed.Message === 'string') return JSON.parse(parsed.Message) as SesNotification;
    return parsed;
  } catch {
    return undefined;
  }
}

export function sesRecipients(body: string): SesRecipient[] {
  const notification = notificationIn(body);
  if (!notification) return [];
  const kind = text(notification.notificationType);
  if (kind === 'Bounce') {
    return (notification.bounce?.bouncedRecipients ?? []).map((recipient) => ({
      recipient: text(recipient.emailAddress),
      status: text(recipient.status),
      diagnostic: text(recipient.diagnosticCode),
      action: 'failed',
      kind,
    }));
  }
  if (kind === 'Complaint') {
    return (notification.complaint?.complainedRecipients ?? []).map((recipient) => ({ recipient: text(recipient.emailAddress), status: '', diagnostic: '', action: 'failed', kind }));
  }
  if (kind === 'Delivery') {
    const response = text(notification.delivery?.smtpResponse);
    return (notification.delivery?.recipients ?? []).map((recipient) => ({ recipient: text(recipient), status: /\b2\.\d{1,3}\.\d{1,3}\b/.exec(response)?.[0] ?? '2.0.0', diagnostic: response, action: 'delivered', kind }));
  }
  return [];
}
