import { randomUUID } from 'node:crypto';
import type { TenantTransaction } from '../../db/switchboard-database.js';
import { publishWebhookEvents } from '../../webhooks/publish-webhook-events.js';
import type { Appointment } from './appointment-store.js';

/**
 * Tells the organisation's endpoints about an appointment change, in the transaction that makes
 * it (so a booking that rolls back announces nothing). Events of one appointment keep their order.
 */
export async function publishAppointmentEvent(
  trx: TenantTransaction,
  orgId: string,
  type: 'appointment.booked' | 'appointment.rescheduled' | 'appointment.cancelled',
  appointment: Appointment,
  previous?: { readonly startsAt: Date; readonly endsAt: Date },
): Promise<void> {
  await publishWebhookEvents(trx, orgId, [
    {
      id: randomUUID(),
      type,
      subjectId: appointment.id,
      callId: appointment.callId,
      data: {
        appointment: {
          id: appointment.id,
          customerId: appointment.customerId,
          vehicleId: appointment.vehicleId,
          bayId: appointment.bayId,
          serviceType: appointment.serviceType,
          startsAt: appointment.startsAt.toISOString(),
          endsAt: appointment.endsAt.toISOString(),
          status: appointment.status,
          notes: appointment.notes,
          cancelReason: appointment.cancelReason,
          callId: appointment.callId,
        },
        ...(previous !== undefined
          ? {
              previous: {
                startsAt: previous.startsAt.toISOString(),
                endsAt: previous.endsAt.toISOString(),
              },
            }
          : {}),
      },
    },
  ]);
}
