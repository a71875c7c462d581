/**
 * Zod, speaking Vietnamese: messages we did not write ourselves come from zod's own `vi` locale.
 * Import it as a namespace — `import * as z from "./zod-vi"` — never `import { z }`: zod's `z`
 * export is one object holding every export, locales included (~380 KB of zod's 64 locales in
 * the add-on bundle), while a namespace import lets the bundler keep only what is used
 * (scripts/check-imports.mjs refuses the other form).
 * https://zod.dev/error-customization#internationalization
 */
import { config } from "zod";
import vi from "zod/v4/locales/vi.js";

config(vi());

export * from "zod";
