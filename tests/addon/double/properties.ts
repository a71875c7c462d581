/** PropertiesService stores (document, user, script): string values, 9 KB each at most. */
export class FakeProperties implements Partial<GoogleAppsScript.Properties.Properties> {
  readonly map = new Map<string, string>();
  private self() {
    return this as unknown as GoogleAppsScript.Properties.Properties;
  }
  getProperty(k: string) {
    return this.map.get(k) ?? null;
  }
  setProperty(k: string, v: string) {
    if (typeof v !== "string") throw new Error("Property values must be strings.");
    if (v.length > 9 * 1024) throw new Error("Argument too large: value");
    this.map.set(k, v);
    return this.self();
  }
  setProperties(p: Record<string, string>) {
    for (const [k, v] of Object.entries(p)) this.setProperty(k, v);
    return this.self();
  }
  getProperties() {
    return Object.fromEntries(this.map);
  }
  getKeys() {
    return [...this.map.keys()];
  }
  deleteProperty(k: string) {
    this.map.delete(k);
    return this.self();
  }
  deleteAllProperties() {
    this.map.clear();
    return this.self();
  }
}
