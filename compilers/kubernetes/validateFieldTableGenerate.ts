/**
 * Generates `validateFieldTable.generated.json`: for every kind the validator knows, the fields each
 * nested type allows. kubernetes-models' ajv validators do not reject unknown fields (the upstream
 * schemas leave `additionalProperties` open); its `.d.ts` interfaces are generated from the same
 * OpenAPI schemas and do list every field, so they are read once here with the TypeScript checker.
 *
 * Run: `npx tsx compilers/kubernetes/validateFieldTableGenerate.ts` after upgrading kubernetes-models.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import * as ts from "typescript";
import { CORE_KINDS } from "./validateKinds";

/** Field table: per type, allowed field → child type key (null: a leaf, any value of the right JSON type). `*` marks a map. */
export interface FieldTable {
  /** `apiVersion/kind` → root type key. */
  roots: Record<string, string>;
  /** Type key → field → child type key or null. */
  types: Record<string, Record<string, string | null>>;
}

/**
 * Builds the table from kubernetes-models' declarations.
 * @param modelsDir the `kubernetes-models` package directory
 */
export function generateFieldTable(modelsDir: string): FieldTable {
  const files = CORE_KINDS.map((k) => path.join(modelsDir, k.module, `${k.kind}.d.ts`));
  const program = ts.createProgram(files, { strict: true, skipLibCheck: true, noEmit: true });
  const checker = program.getTypeChecker();
  const table: FieldTable = { roots: {}, types: {} };

  const strip = (type: ts.Type): ts.Type[] => (type.isUnion() ? type.types.filter((t) => !(t.flags & (ts.TypeFlags.Undefined | ts.TypeFlags.Null))) : [type]);

  // Returns the key of an object type (walking it), or null for leaves.
  const visit = (type: ts.Type): string | null => {
    const parts = strip(type);
    if (parts.length !== 1) return null; // unions of literals or number|string (IntOrString, Quantity)
    let t = parts[0];
    if (checker.isArrayType(t)) t = checker.getTypeArguments(t as ts.TypeReference)[0];
    const elem = strip(t);
    if (elem.length !== 1) return null;
    t = elem[0];
    if (!(t.flags & ts.TypeFlags.Object) || checker.isArrayType(t)) return null;
    const key = checker.typeToString(t, undefined, ts.TypeFormatFlags.NoTruncation);
    if (key in table.types) return key;
    const index = checker.getIndexInfoOfType(t, ts.IndexKind.String);
    const props = checker.getPropertiesOfType(t);
    if (props.length === 0 && !index) return null; // `object`/JSON: anything goes
    const fields: Record<string, string | null> = {};
    table.types[key] = fields;
    if (index) fields["*"] = visit(index.type);
    for (const p of props) {
      const decl = p.valueDeclaration ?? p.declarations?.[0];
      if (!decl) continue;
      fields[p.name] = visit(checker.getTypeOfSymbolAtLocation(p, decl));
    }
    return key;
  };

  for (const k of CORE_KINDS) {
    const file = program.getSourceFile(path.join(modelsDir, k.module, `${k.kind}.d.ts`));
    if (!file) throw new Error(`kubernetes-models has no ${k.module}/${k.kind}.d.ts`);
    const symbol = checker.getSymbolAtLocation(file);
    const iface = symbol && checker.getExportsOfModule(symbol).find((s) => s.name === `I${k.kind}`);
    if (!iface) throw new Error(`kubernetes-models ${k.module}/${k.kind}.d.ts exports no I${k.kind}`);
    const key = visit(checker.getDeclaredTypeOfSymbol(iface));
    if (!key) throw new Error(`I${k.kind} is not an object type`);
    table.roots[`${k.apiVersion}/${k.kind}`] = key;
  }
  return table;
}

/** Where the generated table lives. */
export const FIELD_TABLE_FILE = path.join(__dirname, "validateFieldTable.generated.json");

if (require.main === module) {
  const dir = path.dirname(require.resolve("kubernetes-models/package.json"));
  const table = generateFieldTable(dir);
  fs.writeFileSync(FIELD_TABLE_FILE, JSON.stringify(table, null, 1) + "\n");
  console.log(`wrote ${path.relative(process.cwd(), FIELD_TABLE_FILE)}: ${Object.keys(table.roots).length} kinds, ${Object.keys(table.types).length} types`);
}
