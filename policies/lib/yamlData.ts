// The YAML data reader lives with the inventory loader (waivers and the zone baseline are read at load time too).
export { DataFileError, nearestLine, parseYamlData, readYamlData } from "../../inventory/loader/yamlData";
