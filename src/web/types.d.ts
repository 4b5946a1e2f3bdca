import 'express-session';

declare module 'express-session' {
  interface SessionData {
    csrfToken?: string;
    /** A share link just made, shown once on the report page. */
    newShareLink?: { roundId: number; token: string };
    /** A trends share link just made, shown once on the trends page. */
    newTrendsLink?: { organisationId: number; token: string };
    /** An observer link just made, shown once on the round page. */
    newObserverLink?: { roundId: number; token: string };
    flash?: { kind: 'success' | 'error'; text: string }[];
    /** The signed-in admin; loginAt and lastSeenAt (services.clock) drive the absolute and idle timeouts. */
    adminId?: number;
    loginAt?: number;
    lastSeenAt?: number;
    /** A questionnaire upload waiting for the admin to confirm its warnings. */
    pendingImport?: { json: string; filename: string };
    /** A set-password link just created, shown once to the owner who created it. */
    newPasswordLink?: { adminId: number; url: string };
  }
}
