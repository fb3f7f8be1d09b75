/**
 * A gRPC resource monitor and engine for tests, answering like the SDK's mock monitor: a program run
 * through `@pulumi/pulumi/cmd/run` (the Node.js language host's entry, as `pulumi up` starts it)
 * registers against it, and every registration is recorded as the offline engine records it.
 */
/* eslint-disable @typescript-eslint/no-require-imports -- the SDK's generated gRPC modules have no typings for this use */
import * as grpc from "@grpc/grpc-js";
import { ID_PREFIX } from "../../../offline/planTypes";
import { offlineAnswer, type RawRegistration } from "../../../offline/mockEngine";

const resourceGrpc = require("@pulumi/pulumi/proto/resource_grpc_pb");
const engineGrpc = require("@pulumi/pulumi/proto/engine_grpc_pb");
const resproto = require("@pulumi/pulumi/proto/resource_pb");
const provproto = require("@pulumi/pulumi/proto/provider_pb");
const emptyproto = require("google-protobuf/google/protobuf/empty_pb");
const structproto = require("google-protobuf/google/protobuf/struct_pb");
const rpc = require("@pulumi/pulumi/runtime/rpc") as { serializeProperties(label: string, props: unknown): Promise<Record<string, unknown>>; deserializeProperties(s: unknown): Record<string, unknown> };

/** One registration as the monitor received it: the same record the offline mock engine keeps. */
export type Registration = RawRegistration;

/** A running monitor + engine. */
export interface MockMonitor {
  /** `127.0.0.1:<port>` of both services. */
  address: string;
  /** Registrations in arrival order. */
  registrations: Registration[];
  /** Log lines the program sent to the engine (severity and text). */
  logs: string[];
  /** Stops the server. */
  close(): Promise<void>;
}

type Callback = (err: grpc.ServiceError | null, resp?: unknown) => void;
interface Call { request: Record<string, () => unknown> & { getObject(): { toJavaScript(): Record<string, unknown> } | undefined } }

/**
 * Starts the monitor for one stack.
 * @param stack stack name (in URNs)
 * @param project project name (in URNs)
 */
export async function startMockMonitor(stack: string, project: string): Promise<MockMonitor> {
  const registrations: Registration[] = [];
  const logs: string[] = [];
  let root = "";
  const unimplemented = (cb: Callback): void => cb({ code: grpc.status.UNIMPLEMENTED, details: "not in the mock monitor", message: "unimplemented", name: "Error", metadata: new grpc.Metadata() });
  const monitor: Record<string, (call: Call, cb: Callback) => void> = {};
  for (const method of Object.keys(resourceGrpc.ResourceMonitorService)) monitor[method] = (_c, cb) => unimplemented(cb);
  Object.assign(monitor, {
    supportsFeature: (call: Call, cb: Callback) => {
      const r = new resproto.SupportsFeatureResponse();
      // As the SDK's mock monitor: everything but output values.
      r.setHassupport(call.request.getId!() !== "outputValues");
      cb(null, r);
    },
    registerPackage: (_call: Call, cb: Callback) => {
      const r = new resproto.RegisterPackageResponse();
      r.setRef("mock-package");
      cb(null, r);
    },
    invoke: async (call: Call, cb: Callback) => {
      const tok = call.request.getTok!() as string;
      const args = rpc.deserializeProperties(call.request.getArgs!());
      const r = new provproto.InvokeResponse();
      r.setReturn(structproto.Struct.fromJavaScript(await rpc.serializeProperties("", offlineAnswer(tok, args))));
      cb(null, r);
    },
    registerResource: (call: Call, cb: Callback) => {
      const q = call.request;
      const parent = q.getParent!() as string;
      const type = q.getType!() as string;
      const name = q.getName!() as string;
      const mockUrn = parent
        ? `urn:pulumi:${stack}::${project}::${parent.split("::")[2]!.split("$").pop()}$${type}::${name}`
        : `urn:pulumi:${stack}::${project}::${type}::${name}`;
      const object = q.getObject();
      registrations.push({
        mockUrn, type, name, parent,
        custom: q.getCustom!() as boolean,
        dependencies: q.getDependenciesList!() as string[],
        object: object?.toJavaScript() ?? {},
        protect: q.getProtect!() as boolean,
        provider: q.getProvider!() as string,
      });
      const r = new resproto.RegisterResourceResponse();
      r.setUrn(mockUrn);
      r.setId(q.getCustom!() ? `${ID_PREFIX}${type}::${name}` : "");
      if (object) r.setObject(object);
      cb(null, r);
    },
    registerResourceOutputs: (_call: Call, cb: Callback) => cb(null, new emptyproto.Empty()),
    signalAndWaitForShutdown: (_call: Call, cb: Callback) => cb(null, new emptyproto.Empty()),
  });
  const engine: Record<string, (call: Call, cb: Callback) => void> = {};
  for (const method of Object.keys(engineGrpc.EngineService)) engine[method] = (_c, cb) => unimplemented(cb);
  Object.assign(engine, {
    log: (call: Call, cb: Callback) => {
      logs.push(`${call.request.getSeverity!()} ${call.request.getMessage!()}`);
      cb(null, new emptyproto.Empty());
    },
    getRootResource: (_call: Call, cb: Callback) => {
      const r = new (require("@pulumi/pulumi/proto/engine_pb").GetRootResourceResponse)();
      r.setUrn(root);
      cb(null, r);
    },
    setRootResource: (call: Call, cb: Callback) => {
      root = call.request.getUrn!() as string;
      cb(null, new (require("@pulumi/pulumi/proto/engine_pb").SetRootResourceResponse)());
    },
  });
  const server = new grpc.Server({ "grpc.max_receive_message_length": 400 << 20 });
  server.addService(resourceGrpc.ResourceMonitorService, monitor as unknown as grpc.UntypedServiceImplementation);
  server.addService(engineGrpc.EngineService, engine as unknown as grpc.UntypedServiceImplementation);
  const port = await new Promise<number>((resolve, reject) => server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (e, p) => (e ? reject(e) : resolve(p))));
  return {
    address: `127.0.0.1:${port}`,
    registrations,
    logs,
    close: () => new Promise((resolve) => server.tryShutdown(() => resolve())),
  };
}
