import Ajv2020 from "ajv/dist/2020";
import * as fs from "node:fs";
import * as path from "node:path";
import { parse } from "yaml";
import { renderInventoryFileSchema, SCHEMA_PATH } from "../../inventory/schema/jsonSchema";
import { readYamlFolder, SMALL_FIXTURE } from "./helpers/overlay";

const ROOT = path.join(__dirname, "..", "..");

describe("JSON Schema for inventory files", () => {
  const schema = JSON.parse(renderInventoryFileSchema()) as Record<string, unknown>;
  const validate = new Ajv2020({ strict: false, allErrors: true }).compile(schema);

  it("is committed up to date", () => {
    expect(fs.readFileSync(path.join(ROOT, SCHEMA_PATH), "utf8")).toBe(renderInventoryFileSchema());
  });

  it.each([...readYamlFolder(SMALL_FIXTURE).keys()])("accepts the fixture file %s on its own (top-level keys are optional)", (file) => {
    const data = parse(readYamlFolder(SMALL_FIXTURE).get(file) as string) as unknown;
    expect(validate(data) ? [] : validate.errors).toEqual([]);
  });

  it("flags what the zod model flags: an unknown key, a VLAN id out of range, a bad enum", () => {
    const cases: unknown[] = [
      { rack: [] },
      { zones: [{ id: "dmz", site: "dc1", kind: "dmz", name: "DMZ", enforcedBy: "fw", vlans: [{ id: 5000, name: "v", purpose: "p", hosts: 1 }] }] },
      { devices: [{ name: "d", site: "dc1", rack: "r", role: "ipss", model: "m", powerSupplies: { A: 1, B: 1 } }] },
    ];
    expect(cases.map((c) => validate(c))).toEqual([false, false, false]);
  });

  it("is referenced by the fixture files", () => {
    for (const text of readYamlFolder(SMALL_FIXTURE).values()) expect(text.startsWith("# yaml-language-server: $schema=")).toBe(true);
  });
});
