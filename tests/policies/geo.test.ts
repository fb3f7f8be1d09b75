/**
 * Great-circle distances (DC-07 reads them): known distances between Vietnamese cities, and the
 * properties of a distance, checked against an independent formula (the spherical law of cosines).
 */
import fc from "fast-check";
import { EARTH_RADIUS_KM, greatCircleKm, type LatLon } from "../../policies/lib/geo";

const point = fc.record({ latitude: fc.double({ min: -80, max: 80, noNaN: true }), longitude: fc.double({ min: -179, max: 179, noNaN: true }) });

/** Spherical law of cosines: a different formula for the same distance (ill-conditioned below ~1 m only). */
function cosinesKm(a: LatLon, b: LatLon): number {
  const r = Math.PI / 180;
  const c = Math.sin(a.latitude * r) * Math.sin(b.latitude * r) + Math.cos(a.latitude * r) * Math.cos(b.latitude * r) * Math.cos((b.longitude - a.longitude) * r);
  return EARTH_RADIUS_KM * Math.acos(Math.max(-1, Math.min(1, c)));
}

describe("greatCircleKm", () => {
  it("gives the known distances: Hà Nội–TP HCM about 1,140 km, one degree of latitude about 111.2 km", () => {
    const hanoi = { latitude: 21.0285, longitude: 105.8542 };
    const hcmc = { latitude: 10.7769, longitude: 106.7009 };
    expect(greatCircleKm(hanoi, hcmc)).toBeGreaterThan(1130);
    expect(greatCircleKm(hanoi, hcmc)).toBeLessThan(1150);
    expect(greatCircleKm({ latitude: 20, longitude: 106 }, { latitude: 21, longitude: 106 })).toBeCloseTo(111.19, 1);
  });

  it("is zero from a point to itself, symmetric, within the triangle inequality, and agrees with the law of cosines", () => {
    fc.assert(
      fc.property(point, point, point, (a, b, c) => {
        expect(greatCircleKm(a, a)).toBe(0);
        expect(greatCircleKm(a, b)).toBeCloseTo(greatCircleKm(b, a), 6);
        expect(greatCircleKm(a, c)).toBeLessThanOrEqual(greatCircleKm(a, b) + greatCircleKm(b, c) + 1e-6);
        const d = greatCircleKm(a, b);
        if (d > 1) expect(Math.abs(d - cosinesKm(a, b))).toBeLessThan(0.01);
      }),
    );
  });
});
