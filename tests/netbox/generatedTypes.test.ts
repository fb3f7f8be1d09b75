import * as fs from "node:fs";
import * as path from "node:path";
import { ENDPOINTS } from "../../clients/netbox/endpoints";
import { endpointSchemas, generateTypes, type OpenApiDocument } from "../../clients/netbox/generateTypes";
import { findOpenApiFile } from "../../clients/netbox/openapiFile";

describe("generated NetBox types", () => {
  const file = findOpenApiFile(path.resolve(__dirname, "../.."));
  const doc = JSON.parse(fs.readFileSync(file as string, "utf8")) as OpenApiDocument;

  it("are what the generator makes of the shared OpenAPI document (npm run netbox:types)", () => {
    const committed = fs.readFileSync(path.resolve(__dirname, "../../clients/netbox/types.generated.ts"), "utf8");
    expect(committed).toBe(generateTypes(doc, ENDPOINTS, path.basename(file as string)));
  });

  it("find each endpoint's create, patch and read schemas, and refuse an unknown path", () => {
    expect(endpointSchemas(doc, "/api/ipam/vlans/")).toEqual({ create: "WritableVLANRequest", patch: "PatchedWritableVLANRequest", read: "VLAN" });
    expect(() => endpointSchemas(doc, "/api/nope/")).toThrow("the OpenAPI document has no /api/nope/");
  });
});
