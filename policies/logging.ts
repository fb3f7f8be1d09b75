import type { Policy } from "@pulumi/policy";
import { Finding, stackPolicy } from "./lib/definePolicy";
import { isInternalAddress } from "./lib/prefixes";
import { T, k8sName, tagsOf } from "./lib/resourceView";

/** Logging policies (LOG-*). */

/** Names or labels that mark a log-shipping DaemonSet. */
const LOG_SHIPPER = /(log|fluent|vector|promtail|filebeat|otel)/i;

export const log01 = stackPolicy("LOG-01", true, [T.namespace, T.daemonSet], (plan, ctx) => {
  const inv = ctx.inventory!;
  const findings: Finding[] = [];
  if (!inv.security.siemCollector) findings.push({ text: "no SIEM collector is declared (security.siemCollector)", subject: "security/siemCollector", at: "security" });
  const hasK8s = plan.ofType(T.namespace).length > 0;
  if (hasK8s) {
    const shippers = plan.ofType(T.daemonSet).filter((d) => LOG_SHIPPER.test(k8sName(d)) || tagsOf(d).get("component") === "log-shipper");
    if (shippers.length === 0) findings.push({ text: "Kubernetes workloads run without a log-shipper DaemonSet", subject: "kubernetes/log-shipper" });
  }
  return findings;
});

export const log02 = stackPolicy("LOG-02", true, [], (_plan, ctx) => {
  const inv = ctx.inventory!;
  const f: Finding[] = [];
  if (!inv.devices.some((d) => d.role === "siem")) f.push({ text: "no device with role siem (central log management)", subject: "devices/siem", at: "devices" });
  return f;
});

export const log03 = stackPolicy("LOG-03", true, [], (_plan, ctx) => {
  const min = ctx.params.number("minLogRetentionDays");
  const days = ctx.inventory!.security.logRetentionDays;
  return days < min ? [{ text: `logs are kept ${days} days; at least ${min} are required`, subject: "security/logRetentionDays", at: "security.logRetentionDays" }] : [];
});

export const log04 = stackPolicy("LOG-04", true, [], (_plan, ctx) => {
  const inv = ctx.inventory!;
  const aggregates = inv.sites.flatMap((s) => [...s.aggregates.ipv4, ...s.aggregates.ipv6]);
  return inv.security.ntpServers
    .map((a, i) => ({ a, i }))
    .filter(({ a }) => !isInternalAddress(a, aggregates))
    .map(({ a, i }) => ({ text: `NTP server ${a} is not an internal address`, subject: `ntp/${a}`, at: `security.ntpServers.${i}` }));
});

/** Every logging policy. */
export const loggingPolicies: Policy[] = [log01, log02, log03, log04];
