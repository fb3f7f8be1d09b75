/** The typed OpenStack client: import from here. */
export * from "./auth";
export * from "./cinder";
export * from "./client";
export * from "./credentials";
export * from "./errors";
export * from "./keystone";
export * from "./limiter";
export * from "./microversion";
export * from "./neutron";
export * from "./pagination";
export * from "./retry";
