/**
 * Row reading moved to shared/sheet-model.ts (one reader for the add-on and tools/district); this
 * module keeps the add-on's import path (tests/addon/pure.test.ts imports it).
 */
export * from "../../shared/sheet-model";
