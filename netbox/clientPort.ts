import type { NetBoxClient } from "../clients/netbox/client";
import type { Fields } from "./objectKeys";
import type { NetBoxPort } from "./sync";

/**
 * The sync's view of the typed client: objects as plain field maps (the sync builds bodies generically from
 * the mapping; the client and the fake check them against NetBox's schema).
 * @param client the client
 */
export function clientPort(client: NetBoxClient): NetBoxPort {
  return {
    list: async (type, onPage) => (await client.list(type, {}, onPage)) as unknown as Fields[],
    create: async (type, items) => (await client.create(type, items as never[])) as unknown as Fields[],
    update: async (type, items) => (await client.update(type, items as never[])) as unknown as Fields[],
    delete: (type, ids) => client.delete(type, ids),
  };
}
