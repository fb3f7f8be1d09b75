// The Pulumi program: `pulumi up --stack <site>` runs the site's stack (see README).
import { siteProgram } from "./siteProgram";

export = siteProgram;
