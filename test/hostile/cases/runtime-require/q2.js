// Asks for modules at run time, by names the bundler cannot see, and through dynamic import().
const hidden = (...parts) => parts.join("");

export async function q2() {
  const tried = [];
  for (const name of [hidden("f", "s"), hidden("node:", "child_process"), hidden("autograd-ex", "/dist/core/tensor.js")]) {
    try {
      require(name);
      tried.push(`require(${name}): loaded`);
    } catch (error) {
      tried.push(`require(${name}): ${error.message}`);
    }
  }
  try {
    await import(hidden("node:", "fs"));
    tried.push("import(node:fs): loaded");
  } catch (error) {
    tried.push(`import(node:fs): ${error.code}`);
  }
  throw new Error(tried.join("\n"));
}
