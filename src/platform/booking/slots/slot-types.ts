/** Opening interval on one day of the week, in the dealership's local wall-clock time. */
export interface BusinessHours {
  /** 0 = Sunday … 6 = Saturday. A day may have several intervals (a lunch break). */
  weekday: number;
  /** 'HH:MM', 24-hour clock. */
  opens: string;
  /** 'HH:MM', later than `opens` on the same day; '24:00' means midnight at the end of the day. */
  closes: string;
}

/** A service bay (lift, alignment rack …) that takes one appointment at a time. */
export interface Bay {
  id: string;
}

/** An active appointment occupying a bay over [startsAt, endsAt). */
export interface BayAppointment {
  bayId: string;
  startsAt: Date;
  endsAt: Date;
}

/** What {@link computeAvailableSlots} searches. */
export interface SlotQuery {
  /** IANA name of the dealership's time zone, e.g. 'America/New_York'. */
  timeZone: string;
  businessHours: readonly BusinessHours[];
  bays: readonly Bay[];
  /** Only active appointments; cancelled ones must be left out by the caller. */
  appointments: readonly BayAppointment[];
  /** Slots start at or after `from` and end at or before `to`. */
  from: Date;
  to: Date;
  durationMinutes: number;
  /** Distance between offered start times, counted from each opening time. Default 30. */
  stepMinutes?: number;
  /** The current time; slots before now + lead time are not offered. Defaults to the clock. */
  now?: Date;
  /** Minimum notice before a slot starts. Default 0. */
  leadTimeMinutes?: number;
  /** At most this many slots, earliest first. */
  limit?: number;
}

/** A bookable time with the bays that are free for all of it. */
export interface AvailableSlot {
  startsAt: Date;
  endsAt: Date;
  /** Free bays in the order the query listed them; never empty. */
  bayIds: string[];
}
