// How the web UI signs in (README "Sign-in (OpenID Connect)"): through the configured OpenID
// Provider (authorization code + PKCE in the browser), or — development and tests — as a demo user.
import { defineRoute } from '../route';
import { z } from '../schemas';

const SignInMethod = z.discriminatedUnion('mode', [
  z.object({
    mode: z.literal('oidc'),
    issuer: z.string().url(),
    clientId: z.string(),
    scope: z.string(),
  }),
  z.object({ mode: z.literal('demo') }),
]);

export const signInMethod = defineRoute({
  method: 'get',
  path: '/api/public/sign-in',
  summary: 'How the web UI signs in: the OpenID Provider and public client, or demo users (development)',
  tags: ['public'],
  auth: 'public',
  responses: { 200: { description: 'Sign-in method', schema: SignInMethod } },
  handler: async ({ deps }) => {
    const auth = deps.config.auth;
    return {
      status: 200,
      body:
        auth.mode === 'oidc'
          ? { mode: 'oidc' as const, issuer: auth.issuer, clientId: auth.clientId, scope: auth.scope }
          : { mode: 'demo' as const },
    };
  },
});
