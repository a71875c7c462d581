/**
 * Bench goals: each target an issue sets, checked against a figure measured in this run. The run
 * ends with one machine-readable line per goal: `goal <name> <measured> <target> met|missed`.
 */
export interface Goal {
  name: string;
  /** The measured figure with its unit, e.g. "42.1ms", "83KB", "x1.7". */
  measured: string;
  /** The target with its comparison, e.g. "<50ms", ">=0.25". */
  target: string;
  met: boolean;
}

const goals: Goal[] = [];

/** Record a goal; `name` is one word (letters, digits, _ - .), measured and target without spaces. */
export function goal(name: string, measured: string, target: string, met: boolean): Goal {
  const g = { name: word(name), measured: word(measured), target: word(target), met };
  goals.push(g);
  return g;
}

export const allGoals = (): readonly Goal[] => goals;

export function goalLines(): string[] {
  return goals.map((g) => `goal ${g.name} ${g.measured} ${g.target} ${g.met ? "met" : "missed"}`);
}

const word = (s: string) => s.trim().replace(/\s+/g, "_");
