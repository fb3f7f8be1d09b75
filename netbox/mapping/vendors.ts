/**
 * The manufacturer of a device model as the inventory writes it ("Palo Alto Networks PA-5420"): the longest
 * known vendor name the model starts with, else its first word. Vendors of several words are listed; a
 * one-word vendor needs no entry.
 */
const MULTI_WORD_VENDORS = ["Palo Alto Networks", "Trend Micro", "Hewlett Packard Enterprise", "Dell EMC", "Check Point", "Pure Storage", "Huawei Technologies", "Quantum Scalar", "IBM Storage"];

/**
 * @param model the device model text
 */
export function manufacturerOf(model: string): string {
  const m = model.trim();
  const known = MULTI_WORD_VENDORS.filter((v) => m === v || m.startsWith(`${v} `)).sort((a, b) => b.length - a.length)[0];
  return known ?? m.split(/\s+/)[0];
}
