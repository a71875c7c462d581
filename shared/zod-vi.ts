/**
 * Zod speaks Vietnamese: messages we did not write ourselves come from zod's own `vi` locale.
 * https://zod.dev/error-customization#internationalization
 */
import { z } from "zod";

z.config(z.locales.vi());

export { z };
