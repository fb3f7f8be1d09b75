/** Prefix matching with parsed prefixes cached: the proof matches the same few hundred prefixes millions of times. */
import { netContains, parseIp, parseNet, type Ip, type Net } from "./addresses";

const nets = new Map<string, Net | undefined>();
const ips = new Map<string, Ip | undefined>();

/**
 * True when the prefix (or bare address) text holds the address text; false when either does not parse.
 * @param prefix prefix text
 * @param address address text
 */
export function holds(prefix: string, address: string): boolean {
  let n = nets.get(prefix);
  if (n === undefined && !nets.has(prefix)) {
    n = parseNet(prefix);
    nets.set(prefix, n);
  }
  let a = ips.get(address);
  if (a === undefined && !ips.has(address)) {
    a = parseIp(address);
    ips.set(address, a);
  }
  return n !== undefined && a !== undefined && netContains(n, a);
}
