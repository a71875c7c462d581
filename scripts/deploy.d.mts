/** Types of ./deploy.mjs for the tests (tests/scripts/deploy.test.ts). */
export declare function d1Bindings(toml: string, env?: string | null): string[];
