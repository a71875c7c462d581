/**
 * The one `node:crypto` function the worker uses (worker/src/ingest/digest.ts), available under
 * `nodejs_compat` (wrangler.toml): declared here rather than pulling every Node type into the worker's.
 * https://developers.cloudflare.com/workers/runtime-apis/nodejs/crypto/
 */
declare module "node:crypto" {
  interface Hash {
    update(data: string): Hash;
    digest(encoding: "hex"): string;
  }
  export function createHash(algorithm: "sha256"): Hash;
}
