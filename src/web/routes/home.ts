import { Router } from 'express';
import type { Services } from '../../services';

export function homeRoutes(services: Services): Router {
  const router = Router();
  router.get('/', (_req, res) => {
    res.render('home', { title: 'Powershare' });
  });
  router.get('/healthz', (_req, res) => {
    const { database } = services.health.check();
    res.status(database === 'ok' ? 200 : 503).json({ status: database === 'ok' ? 'ok' : 'unavailable', database });
  });
  return router;
}
