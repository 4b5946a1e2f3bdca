import { Router } from 'express';
import type { Config } from '../../config';
import type { Services } from '../../services';

/** The admin area (placeholder wiring: the admin issue fills this in). */
export function adminRoutes(_services: Services, _config: Config): Router {
  return Router();
}
