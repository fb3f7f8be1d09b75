import * as fs from "node:fs";
import * as path from "node:path";
import { SecurityParameters } from "../../inventory/model/security";
import { loadCatalogue } from "../../policies/catalogue/load";

/**
 * Every declared parameter is read: a catalogue parameter by a policy (`ctx.params.<kind>("name")`),
 * an inventory security field by a policy, a compiler or the reachability model. Checked on the source
 * text, independently of the code that reads them.
 */

const ROOT = path.join(__dirname, "..", "..");

/**
 * TypeScript sources under the given folders (tests and generated files excluded).
 * @param dirs folders relative to the repository.
 */
function sources(dirs: string[]): Array<{ file: string; text: string }> {
  const out: Array<{ file: string; text: string }> = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith(".ts") && !e.name.endsWith(".d.ts")) out.push({ file: path.relative(ROOT, p), text: fs.readFileSync(p, "utf8") });
    }
  };
  for (const d of dirs) walk(path.join(ROOT, d));
  return out;
}

/**
 * Parameter names read through `ctx.params` in the given sources.
 * @param files sources.
 */
function paramsRead(files: ReadonlyArray<{ text: string }>): Set<string> {
  const read = new Set<string>();
  for (const { text } of files) for (const m of text.matchAll(/params\.(?:numbers|strings|number)\(\s*"([A-Za-z0-9]+)"\s*\)/g)) read.add(m[1]);
  return read;
}

describe("parameter use", () => {
  const cat = loadCatalogue();
  const policySources = sources(["policies"]).filter((f) => !f.file.startsWith(path.join("policies", "catalogue")));

  it("every catalogue parameter is read by a policy, and every parameter a policy reads is declared", () => {
    const read = paramsRead(policySources);
    expect([...cat.parameters.keys()].filter((p) => !read.has(p))).toEqual([]);
    expect([...read].filter((p) => !cat.parameters.has(p))).toEqual([]);
  });

  it("every parameter a control lists is one its policy file reads", () => {
    const read = paramsRead(policySources);
    const listed = new Set(cat.controls.flatMap((c) => c.parameters));
    expect([...listed].filter((p) => !read.has(p))).toEqual([]);
    expect([...read].filter((p) => !listed.has(p))).toEqual([]);
  });

  it("every inventory security field is read by a policy, a compiler or the reachability model", () => {
    const text = sources(["policies", "compilers", "reachability", "offline"])
      .map((f) => f.text)
      .join("\n");
    const viaParameter = new Set([...cat.parameters.values()].filter((p) => p.inventory && paramsRead(policySources).has(p.name)).map((p) => p.inventory!));
    const unread = Object.keys(SecurityParameters.shape).filter((k) => !viaParameter.has(k) && !new RegExp(`security\\??\\.${k}\\b`).test(text));
    expect(unread).toEqual([]);
  });

  it("finds an unread parameter (the check can fail)", () => {
    expect(paramsRead([{ text: 'ctx.params.number("minReplicas"); ctx.params.strings( "haRoles" )' }])).toEqual(new Set(["minReplicas", "haRoles"]));
    const read = paramsRead([{ text: 'ctx.params.number("minReplicas")' }]);
    expect([...cat.parameters.keys()].filter((p) => !read.has(p))).toContain("haRoles");
  });
});
