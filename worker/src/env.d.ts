/**
 * Bindings `wrangler types` does not see: secrets (never in wrangler.toml) and vars that are not in
 * wrangler.toml's [vars] by default. Declared here.
 */
declare namespace Cloudflare {
  interface Env {
    /** Guards /api/admin/*. Set with `wrangler secret put ADMIN_SECRET`; `.dev.vars` locally. */
    ADMIN_SECRET: string;
    /**
     * Cloudflare Access in front of /admin (README, "The console"): the team domain
     * (https://<team>.cloudflareaccess.com) and the Access application's audience tag. Both set:
     * every console request must carry a valid Access JWT. Set in wrangler.toml's [vars] for production.
     */
    ACCESS_TEAM_DOMAIN?: string;
    ACCESS_AUD?: string;
    /**
     * "1" lets /admin/dang-nhap sign in with ADMIN_SECRET (a signed cookie). Only `npm start`,
     * `npm run dev` and the tests pass it (`--var CONSOLE_DEV_SIGNIN:1`); never in wrangler.toml, and
     * ignored whenever Access is configured.
     */
    CONSOLE_DEV_SIGNIN?: string;
  }
}
