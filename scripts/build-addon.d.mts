/** Types of scripts/build-addon.mjs, for tests and the bench that build the add-on bundle. */
export interface BundlePart {
  /** A package ("zod", "zod (locales)", "date-fns"…), a shared/ file or folder, or "addon/src". */
  part: string;
  bytes: number;
}
export declare function entryExports(): Promise<string[]>;
export declare function buildAddon(
  dir?: string,
): Promise<{ dir: string; names: string[]; html: string[]; bytes: number; parts: BundlePart[]; inputs: string[] }>;
export declare const BUNDLE_LIMIT_BYTES: number;
export declare function composition(metafile: unknown): BundlePart[];
