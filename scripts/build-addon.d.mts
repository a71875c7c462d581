/** Types of scripts/build-addon.mjs, for tests that build the add-on bundle. */
export declare function entryExports(): Promise<string[]>;
export declare function buildAddon(dir?: string): Promise<{ dir: string; names: string[]; html: string[]; bytes: number }>;
