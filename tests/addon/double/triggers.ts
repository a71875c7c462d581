/** ScriptApp: time-driven triggers (newTrigger … timeBased().onWeekDay().atHour().create()). */
export class FakeTrigger implements Partial<GoogleAppsScript.Script.Trigger> {
  constructor(
    readonly id: string,
    readonly handler: string,
    readonly spec: { kind: string; weekDay?: string; hour?: number },
  ) {}
  getHandlerFunction() {
    return this.handler;
  }
  getUniqueId() {
    return this.id;
  }
  getEventType() {
    return "CLOCK" as unknown as GoogleAppsScript.Script.EventType;
  }
}

/** The ScriptApp global over the project's `triggers`; `nextId` names a new trigger. */
export function scriptApp(triggers: FakeTrigger[], nextId: () => string) {
  const WeekDay = {
    MONDAY: "MONDAY",
    TUESDAY: "TUESDAY",
    WEDNESDAY: "WEDNESDAY",
    THURSDAY: "THURSDAY",
    FRIDAY: "FRIDAY",
    SATURDAY: "SATURDAY",
    SUNDAY: "SUNDAY",
  };
  return {
    WeekDay,
    AuthMode: { NONE: "NONE", LIMITED: "LIMITED", FULL: "FULL" },
    EventType: { CLOCK: "CLOCK" },
    newTrigger: (handler: string) => {
      const spec: { kind: string; weekDay?: string; hour?: number } = { kind: "" };
      const clock = {
        onWeekDay: (d: string) => {
          spec.weekDay = d;
          return clock;
        },
        atHour: (h: number) => {
          spec.hour = h;
          return clock;
        },
        everyWeeks: () => clock,
        create: () => {
          const t = new FakeTrigger(nextId(), handler, spec);
          triggers.push(t);
          return t;
        },
      };
      return {
        timeBased: () => {
          spec.kind = "clock";
          return clock;
        },
      };
    },
    getProjectTriggers: () => [...triggers],
    deleteTrigger: (t: FakeTrigger) => {
      const i = triggers.findIndex((x) => x.id === t.getUniqueId());
      if (i >= 0) triggers.splice(i, 1);
    },
  };
}
