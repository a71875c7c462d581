/** Secrets are not in wrangler.toml, so `wrangler types` does not see them: declared here. */
declare namespace Cloudflare {
  interface Env {
    /** Guards /api/admin/*. Set with `wrangler secret put ADMIN_SECRET`; `.dev.vars` locally. */
    ADMIN_SECRET: string;
  }
}
