/**
 * The benchmark's peer, run as a process of its own: plain cdktf code building the same
 * resources as tamna with the same generated bindings (the built lib/openstack), from the
 * constructor arguments plain-cdktf.ts wrote, one file per stack. Usage:
 *
 *   node scripts/bench/plain-app.cjs INPUT_DIR OUT_DIR          (fair)
 *   node scripts/bench/plain-app.cjs INPUT_DIR OUT_DIR --untuned
 *
 * Fair: tuned as a well-informed cdktf user would, as tamna is: cdktf's token stack traces off
 * (the same patch as stacks/app.ts) and `stackTraces: false`, and one App per batch of stacks
 * (INPUT_DIR/batches.json, split as tamna's cli/parallel/batches.ts splits). Untuned: cdktf's
 * defaults, one `new App()` holding every stack.
 */
/* eslint-disable @typescript-eslint/no-require-imports */
const fs = require("node:fs");
const path = require("node:path");
const {
  App,
  Fn,
  TerraformBackend,
  TerraformOutput,
  TerraformStack,
  TerraformVariable,
  Token,
} = require("cdktf");
const openstack = require("../../dist/lib/openstack");

const [inputDir, outdir, mode] = process.argv.slice(2);
const untuned = mode === "--untuned";

function main() {
  const batches = JSON.parse(fs.readFileSync(path.join(inputDir, "batches.json"), "utf8"));
  if (untuned) {
    const app = new App({ outdir });
    for (const name of batches.flat()) buildStack(app, readStack(name));
    app.synth();
    return;
  }
  disableTokenStackTraces();
  for (const batch of batches) {
    const app = new App({ outdir, stackTraces: false });
    for (const name of batch) buildStack(app, readStack(name));
    app.synth();
  }
}

/** As stacks/app.ts does: cdktf records a full stack trace for every token otherwise. */
function disableTokenStackTraces() {
  const stackTrace = require("cdktf/lib/tokens/private/stack-trace");
  stackTrace.captureStackTrace = () => [];
}

function readStack(name) {
  return JSON.parse(fs.readFileSync(path.join(inputDir, "stacks", `${name}.json`), "utf8"));
}

function buildStack(app, plan) {
  const stack = new TerraformStack(app, plan.name);
  const providers = new Map();
  for (const { alias, props } of plan.providers) {
    providers.set(
      alias,
      new openstack.OpenstackProvider(stack, alias ?? "openstack", { ...props, alias }),
    );
  }
  if (plan.backend) new RawBackend(stack, plan.backend.type, plan.backend.attributes);
  if (plan.requiredVersion) stack.addOverride("terraform.required_version", plan.requiredVersion);
  const variables = new Map(
    plan.variables.map(({ name, props }) => [name, new TerraformVariable(stack, name, props)]),
  );

  const elements = new Map();
  const usedIds = new Set(["openstack", ...providers.keys()].map(String));
  const lookup = { elements, variables };
  for (const element of plan.elements) {
    const props = element.props;
    for (const substitution of element.substitutions) substitute(props, substitution, lookup);
    if (element.dependsOn.length > 0) {
      props.dependsOn = element.dependsOn.map((address) => elements.get(address));
    }
    if (element.provider) props.provider = providers.get(element.provider.split(".")[1]);
    const id = usedIds.has(element.logicalId)
      ? element.address.replace(/\./g, "_")
      : element.logicalId;
    usedIds.add(id);
    const construct = new openstack[element.binding](stack, id, props);
    if (id !== element.logicalId) construct.overrideLogicalId(element.logicalId);
    elements.set(element.address, construct);
  }
  for (const output of plan.outputs) {
    const props = output.props;
    for (const substitution of output.substitutions) substitute(props, substitution, lookup);
    new TerraformOutput(stack, output.name, props);
  }
}

/** Puts the tokens a user's code would hold where the template's string is. */
function substitute(target, { path: at, template }, lookup) {
  const value =
    template.length === 1 && typeof template[0] !== "string"
      ? token(template[0], lookup)
      : template.map((part) => (typeof part === "string" ? part : token(part, lookup))).join("");
  let parent = target;
  for (const key of at.slice(0, -1)) parent = parent[key];
  parent[at[at.length - 1]] = value;
}

function token(expression, { elements, variables }) {
  switch (expression.kind) {
    case "attribute":
      return elements.get(expression.address).getStringAttribute(expression.attribute);
    case "element":
      return Token.asString(
        Fn.element(
          elements.get(expression.address).getListAttribute(expression.attribute),
          expression.index,
        ),
      );
    case "variable":
      return variables.get(expression.name).stringValue;
    default:
      throw new Error(`unknown expression ${JSON.stringify(expression)}`);
  }
}

/** A backend block as it is: one per stack, so its cost does not matter. */
class RawBackend extends TerraformBackend {
  constructor(scope, name, attributes) {
    super(scope, "backend", name);
    this.attributes = attributes;
  }

  synthesizeAttributes() {
    return this.attributes;
  }
}

main();
