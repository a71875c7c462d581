/**
 * The Hono environment every route module shares: the Worker's bindings (wrangler.toml, secrets in
 * ../env.d.ts). Kept apart from app.ts so route modules never import the app that mounts them.
 */
export type Bindings = Cloudflare.Env;
export type AppEnv = { Bindings: Bindings };
