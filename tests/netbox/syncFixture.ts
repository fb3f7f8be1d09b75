import { NetBoxClient } from "../../clients/netbox/client";
import { clientPort } from "../../netbox/clientPort";
import { mapSite, siteOwnership } from "../../netbox/mapping/mapSite";
import { syncNetBox, type SyncResult } from "../../netbox/sync";
import { exampleInput, exampleProvince } from "../exports/exampleInput";
import type { FakeNetBox } from "./fakeNetBox";
import type { DesiredObject } from "../../netbox/desired";

/** The example site's desired NetBox objects. */
export function exampleDesired(site: string): DesiredObject[] {
  const p = exampleProvince();
  const input = exampleInput(site);
  return mapSite(p.inventory, p.addressPlan.sites, input.site, input.compiled);
}

/** A client of the fake with no waiting between retries. */
export function fakeClient(fake: FakeNetBox, url: string, log?: (l: string) => void): NetBoxClient {
  return new NetBoxClient({ url, token: fake.token, changelogMessage: "hatang test sync", sleep: () => Promise.resolve(), log, bulkSize: 200 });
}

/**
 * Syncs one example site into the fake.
 * @param fake the fake
 * @param url its URL
 * @param site the site
 * @param apply write or not
 * @param desired the objects (default: the example site's)
 */
export async function syncExample(fake: FakeNetBox, url: string, site: string, apply: boolean, desired?: DesiredObject[]): Promise<{ result: SyncResult; client: NetBoxClient }> {
  const client = fakeClient(fake, url);
  const result = await syncNetBox(clientPort(client), desired ?? exampleDesired(site), { apply, ownership: siteOwnership(exampleProvince().inventory.province.code, site) });
  return { result, client };
}
