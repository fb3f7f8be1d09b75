/**
 * The evaluation date tests and CI judge the bundled provinces on. Their restore-test evidence, waivers and
 * dated flows are current on it; today's date would turn them red as those dates age (README "Dated inputs":
 * what a province must renew). `.ci/run` reads this line for `npm start --as-of`.
 */
export const BUNDLED_AS_OF = "2026-12-05";
