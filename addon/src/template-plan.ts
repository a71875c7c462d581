/**
 * The template plan moved to shared/template-plan.ts (one spec for the add-on and tools/district);
 * this module keeps the add-on's import path (tests/addon/pure.test.ts imports it).
 */
export * from "../../shared/template-plan";
