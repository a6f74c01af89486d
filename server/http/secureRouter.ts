import { Router, type Request, type RequestHandler, type Response } from 'express';
import { authorize, type Access, type PolicyDeps, type Policy } from './policy';

/** A route's work once its policy has passed: returns the body to send as JSON, or undefined when it answered itself. */
export type SecureHandler<T> = (req: Request, res: Response, access: Access) => Promise<T | undefined> | T | undefined;

type Method = 'get' | 'post' | 'patch' | 'put' | 'delete';
type Register = <T>(path: string, policy: Policy<T>, handler: SecureHandler<T>, ...after: RequestHandler[]) => void;

export interface SecureRouter extends Record<Method, Register> {
  /** The Express router to mount (case-sensitive, strict about trailing slashes). */
  router: Router;
}

/** Express routers are case-insensitive and forgiving by default; ours are neither, so a path has one spelling. */
export const strictRouter = (): Router => Router({ caseSensitive: true, strict: true });

/**
 * A router whose every route declares its policy beside its handler:
 *
 *   r.post('/alarms/:id/ack', { gate: 'alarm:act', compound: rowCompound('alarm', alarmCompound), masked: 'deny' },
 *     async (req, _res, access) => alarms.acknowledge(id, access.actor, comment));
 *
 * The policy runs first (middlewares in `after`, e.g. a body parser, only once it passed); the handler's
 * result is sent as JSON, in its masked type when the caller is masked.
 */
export function secureRouter(deps: PolicyDeps): SecureRouter {
  const router = strictRouter();
  const register =
    (method: Method): Register =>
    (path, policy, handler, ...after) => {
      router[method](path, authorize(policy as Policy, deps), ...after, (req, res, next) => {
        const access = req.access!;
        Promise.resolve()
          .then(() => handler(req, res, access))
          .then((body) => {
            if (body === undefined || res.headersSent) return;
            const m = policy.masked;
            res.json(access.masked && typeof m === 'function' ? m(body, access) : body);
          })
          .catch(next);
      });
    };
  return { router, get: register('get'), post: register('post'), patch: register('patch'), put: register('put'), delete: register('delete') };
}
