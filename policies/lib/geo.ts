/**
 * Distances between sites from their coordinates: the great-circle distance on a sphere of the Earth's
 * mean radius (haversine). Good to well under 1 % at the tens of kilometres that separate data centers,
 * which is all a minimum-distance rule needs.
 */

/** The Earth's mean radius, km (IUGG). */
export const EARTH_RADIUS_KM = 6371.0088;

/** A point given in decimal degrees (WGS 84, as the inventory writes site locations). */
export interface LatLon {
  latitude: number;
  longitude: number;
}

/**
 * Great-circle distance between two points, km.
 * @param a one point
 * @param b the other
 */
export function greatCircleKm(a: LatLon, b: LatLon): number {
  const rad = Math.PI / 180;
  const dLat = (b.latitude - a.latitude) * rad;
  const dLon = (b.longitude - a.longitude) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.latitude * rad) * Math.cos(b.latitude * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}
