import { loadProvince } from "../inventory/province/loadProvince";
import { formatProblem } from "../inventory/loader";
const r = loadProvince(process.argv[2] ?? "inventory/provinces/ninh-an");
if (!r.ok) console.log(r.problems.map(formatProblem).join("\n"));
else console.log("ok", JSON.stringify(r.province.zoning));
