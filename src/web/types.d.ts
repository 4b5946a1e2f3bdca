import 'express-session';

declare module 'express-session' {
  interface SessionData {
    csrfToken?: string;
    /** A respondent's own theme scores after submitting, by round id: shown to them only. */
    ownScores?: Record<string, import('../services/responding').OwnThemeScore[]>;
    flash?: { kind: 'success' | 'error'; text: string }[];
  }
}
