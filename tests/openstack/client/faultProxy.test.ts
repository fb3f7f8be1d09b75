/**
 * The fault proxy and the ambiguous create, against a fake Neutron with one collection: the proxy
 * forwards the POST (the fake creates the port), then loses the reply (timeout or reset); the create
 * must adopt the port the server made and never make a second one.
 */
import { OpenStackClient } from "../../../clients/openstack/client";
import { Neutron } from "../../../clients/openstack/neutron";
import { createOnce } from "../../../asbuilt/ambiguousCreate";
import { startFaultProxy, type Fault } from "../support/faultProxy";
import { startFakeCloud } from "./fakeCloud";

describe.each<Fault>(["timeout", "reset"])("a create whose reply is lost (%s) after the server made it", (fault) => {
  it("adopts what the server made: one port, the server's id, the fault fired after a 201", async () => {
    const fake = await startFakeCloud();
    const ports: Array<{ id: string; name: string; network_id: string }> = [];
    fake.handle = (method, path, _req, body) => {
      const url = new URL(path, "http://x");
      if (url.pathname !== "/network/v2.0/ports") return [404, {}];
      if (method === "POST") {
        const p = (JSON.parse(body) as { port: { name: string; network_id: string } }).port;
        ports.push({ id: `port-${ports.length + 1}`, name: p.name, network_id: p.network_id });
        return [201, { port: ports[ports.length - 1] }];
      }
      return [200, { ports: ports.filter((p) => [...url.searchParams].every(([k, v]) => k === "limit" || String((p as Record<string, unknown>)[k]) === v)) }];
    };
    const proxy = await startFaultProxy(fake.url, [{ fault, method: "POST", path: /\/v2\.0\/ports$/ }]);
    try {
      const client = await OpenStackClient.connect({
        credentials: { authUrl: `${fake.url}/v3`, username: "u", password: "p", projectName: "x", userDomainName: "Default", projectDomainName: "Default" },
        timeoutMs: 5_000, endpointOverrides: { network: `${proxy.url}/network` },
      });
      const how: string[] = [];
      const made = await createOnce(new Neutron(client), "ports", { name: "web-1", network_id: "net-1" }, (h) => how.push(h));
      expect({ made: made.id, ports: ports.map((p) => p.id), how, fired: proxy.fired.map((f) => [f.fault, f.upstreamStatus]) })
        .toEqual({ made: "port-1", ports: ["port-1"], how: ["adopted"], fired: [[fault, 201]] });
    } finally {
      await proxy.close();
      await fake.close();
    }
  });
});
