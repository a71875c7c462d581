/** Worker entry: the Hono app handles every request; the cron trigger runs the retention job. */
import { app } from "./app";
import { scheduled } from "./scheduled";

export default {
  fetch: app.fetch,
  scheduled,
} satisfies ExportedHandler<Env>;
