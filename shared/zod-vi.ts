/**
 * Zod speaks Vietnamese: messages we did not write ourselves come from zod's own `vi` locale
 * (imported alone, so bundles do not carry every locale).
 * https://zod.dev/error-customization#internationalization
 */
import { z } from "zod";
import vi from "zod/v4/locales/vi.js";

z.config(vi());

export { z };
