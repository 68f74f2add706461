// The one error kind the CLI turns into a one-line message and exit code 2: bad usage or a broken tool.

export class ToolError extends Error {
  override name = "ToolError";
}
