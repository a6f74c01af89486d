// OpenAPI declarations of the sign-in, account administration, energy and replay routes, written
// when the registry arrived. Their owners may move each block into the routes file it describes.
import { z } from 'zod';
import {
  ApiKeyCreateSchema,
  EnergyQuerySchema,
  LoginSchema,
  StateAtQuerySchema,
  TimelineQuerySchema,
  UserCreateSchema,
  UserUpdateSchema,
  WallTokenCreateSchema,
  WallTokenLoginSchema,
} from '../../models';
import { describeRoute } from './describeRoute';

const json = (description: string) => ({ description, contentType: 'application/json' });
const me = json('the signed-in principal: {user, expiresAt, demo}');

describeRoute('post', '/api/v1/auth/login', {
  summary: 'Sign in with username and password; sets the HttpOnly session cookie',
  tags: ['auth'],
  body: LoginSchema,
  responses: { 200: me, 400: 'bad body', 401: 'wrong username or password', 429: 'too many attempts: retry after Retry-After seconds' },
});
describeRoute('post', '/api/v1/auth/token', {
  summary: 'Sign in and receive the session as a Bearer token (scripts)',
  tags: ['auth'],
  body: LoginSchema,
  responses: { 200: json('{token, user, expiresAt}'), 400: 'bad body', 401: 'wrong username or password', 429: 'too many attempts' },
});
describeRoute('post', '/api/v1/auth/wall', {
  summary: 'Sign a wall display in with its wall token; sets the session cookie',
  tags: ['auth'],
  body: WallTokenLoginSchema,
  responses: { 200: me, 401: 'unknown, revoked or expired wall token', 429: 'too many attempts' },
});
describeRoute('post', '/api/v1/auth/logout', { summary: 'End the session', tags: ['auth'], responses: { 204: 'signed out' } });
describeRoute('get', '/api/v1/me', { summary: 'Who is signed in', tags: ['auth'], responses: { 200: me, 401: 'not signed in' } });

const admin = { 401: 'not signed in', 403: 'not an admin' };
describeRoute('get', '/api/v1/admin/users', { summary: 'Users', tags: ['admin'], responses: { 200: json('UserRecord[]'), ...admin } });
describeRoute('post', '/api/v1/admin/users', {
  summary: 'Create a user',
  tags: ['admin'],
  body: UserCreateSchema,
  responses: { 201: json('the user'), 400: 'bad body or unknown compound', 409: 'username taken', ...admin },
});
describeRoute('patch', '/api/v1/admin/users/:id', {
  summary: 'Change a user (role, compounds, password, disabled)',
  tags: ['admin'],
  body: UserUpdateSchema,
  responses: { 200: json('the user'), 400: 'bad body', 404: 'user not found', ...admin },
});
describeRoute('get', '/api/v1/admin/wall-tokens', {
  summary: 'Wall-display tokens',
  tags: ['admin'],
  responses: { 200: json('wall tokens (never the secret)'), ...admin },
});
describeRoute('post', '/api/v1/admin/wall-tokens', {
  summary: 'Create a wall-display token (shown once)',
  tags: ['admin'],
  body: WallTokenCreateSchema,
  responses: { 201: json('{id, token, name, compounds, expiresAt, url}'), 400: 'bad body', ...admin },
});
describeRoute('delete', '/api/v1/admin/wall-tokens/:id', {
  summary: 'Revoke a wall token',
  tags: ['admin'],
  responses: { 204: 'revoked', 404: 'not found', ...admin },
});
describeRoute('get', '/api/v1/admin/keys', {
  summary: 'Device / gateway ingest keys',
  tags: ['admin'],
  query: z.object({ compoundId: z.string().max(64).optional() }),
  responses: { 200: json('keys (never the secret)'), ...admin },
});
describeRoute('post', '/api/v1/admin/keys', {
  summary: 'Create an ingest key for a compound (shown once)',
  tags: ['admin'],
  body: ApiKeyCreateSchema,
  responses: { 201: json('{id, key, compoundId, name}'), 400: 'bad body or unknown compound', ...admin },
});
describeRoute('delete', '/api/v1/admin/keys/:id', {
  summary: 'Revoke an ingest key (immediately)',
  tags: ['admin'],
  responses: { 204: 'revoked', 404: 'not found', ...admin },
});
describeRoute('get', '/api/v1/admin/audit', {
  summary: 'Audit log of changes and sign-ins',
  tags: ['admin'],
  query: z.object({
    actor: z.string().max(64).optional(),
    action: z.string().max(64).optional(),
    since: z.coerce.number().int().min(0).optional(),
    limit: z.coerce.number().int().min(1).max(1000).default(200),
  }),
  responses: { 200: json('audit entries, newest first'), ...admin },
});

describeRoute('get', '/api/v1/compounds/:id/energy', {
  summary: 'Energy heatmap figures per building or unit over a window',
  tags: ['compounds'],
  query: EnergyQuerySchema,
  responses: { 200: json('the energy map'), 400: 'bad query', 404: 'compound not found' },
});
describeRoute('get', '/api/v1/compounds/:id/state-at', {
  summary:
    'Replay: the twin as it was at t (device status, open alarms in their ISA-18.2 state then, work orders, KPIs at t; with devices=a,b their last readings at or before t)',
  tags: ['replay'],
  query: StateAtQuerySchema,
  responses: { 200: json('StateAt'), 400: 'bad or too old t, unknown device or more than 20 in devices', 404: 'compound not found' },
});
describeRoute('get', '/api/v1/compounds/:id/timeline', {
  summary: 'Replay: the events between from and to, in order',
  tags: ['replay'],
  query: TimelineQuerySchema,
  responses: { 200: json('timeline events'), 400: 'bad window', 404: 'compound not found' },
});
