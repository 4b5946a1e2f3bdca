import 'express-session';

declare module 'express-session' {
  interface SessionData {
    csrfToken?: string;
    /** A respondent's own theme scores after submitting, by round id: shown to them only. */
    ownScores?: Record<string, import('../services/responding').OwnThemeScore[]>;
    /** A share link just made, shown once on the report page. */
    newShareLink?: { roundId: number; token: string };
    flash?: { kind: 'success' | 'error'; text: string }[];
    /** The signed-in admin; loginAt and lastSeenAt (services.clock) drive the absolute and idle timeouts. */
    adminId?: number;
    loginAt?: number;
    lastSeenAt?: number;
    /** Where to go after signing in (an /admin path only). */
    returnTo?: string;
    /** A questionnaire upload waiting for the admin to confirm its warnings. */
    pendingImport?: { json: string; filename: string };
    /** A set-password link just created, shown once to the owner who created it. */
    newPasswordLink?: { adminId: number; url: string };
  }
}
