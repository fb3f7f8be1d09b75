// Waivers are read at load time too (flows the zone baseline forbids): the model lives with the inventory.
export * from "../../inventory/waivers/waivers";
