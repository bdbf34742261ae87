// @ts-check
/**
 * TypeDoc plugin for tamna's API reference (typedoc.json loads it):
 *
 * - The constructs are the documented surface: every class, props interface, property (nested
 *   ones too), accessor and method declared in lib/constructs must have a doc comment, and every
 *   optional prop (a property of an interface or object type, not a construct's output) a
 *   `@default`. TypeDoc's own `notDocumented` check cannot be limited to a
 *   folder, and the rest of the public API (zod-inferred spec types, plan types) documents its
 *   fields in the JSON Schemas and module comments instead.
 * - The generated OpenStack bindings (`.gen/`) are not part of the reference: types from there
 *   link to the provider's own documentation on the Terraform registry.
 *
 * A finding is a warning; `treatWarningsAsErrors` makes it fail the build.
 */
import { Application, ReflectionKind } from "typedoc";

const PROVIDER_DOCS =
  "https://registry.terraform.io/providers/terraform-provider-openstack/openstack/3.4.0/docs";
const CONSTRUCTS_DIR = /(^|\/)lib\/constructs\//;
const GENERATED = /(^|\/)\.gen\/providers\/openstack\/([^/]+)\//;

const MUST_BE_DOCUMENTED =
  ReflectionKind.Class |
  ReflectionKind.Interface |
  ReflectionKind.Property |
  ReflectionKind.Accessor |
  ReflectionKind.Method |
  ReflectionKind.Function;

/** @param {Application} app */
export function load(app) {
  app.converter.addUnknownSymbolResolver((_ref, _reflection, _part, symbolId) => {
    const match = symbolId && GENERATED.exec(symbolId.packagePath);
    if (!match) return undefined;
    const dir = match[2];
    if (dir === "provider") return PROVIDER_DOCS;
    const data = dir.startsWith("data-openstack-");
    const name = (data ? dir.slice("data-openstack-".length) : dir).replaceAll("-", "_");
    return `${PROVIDER_DOCS}/${data ? "data-sources" : "resources"}/${name}`;
  });

  app.on(Application.EVENT_VALIDATE_PROJECT, (project) => {
    for (const found of project.getReflectionsByKind(MUST_BE_DOCUMENTED)) {
      const reflection = /** @type {import("typedoc").DeclarationReflection} */ (found);
      const source = reflection.sources?.[0];
      if (!source || !CONSTRUCTS_DIR.test(source.fileName)) continue;
      const comment = documentation(reflection);
      const where = `${reflection.getFriendlyFullName()} (${source.fileName}:${source.line})`;
      if (!comment) {
        app.logger.warn(`${where} has no doc comment`);
        continue;
      }
      if (
        reflection.kindOf(ReflectionKind.Property) &&
        reflection.flags.isOptional &&
        !reflection.parent?.kindOf(ReflectionKind.Class) &&
        !comment.getTag("@default")
      ) {
        app.logger.warn(`${where} is optional but its doc comment has no @default`);
      }
    }
  });
}

/**
 * The comment of a declaration, or of its first signature (functions and methods carry their
 * comments on the signature).
 * @param {import("typedoc").DeclarationReflection} reflection
 */
function documentation(reflection) {
  if (reflection.comment?.hasVisibleComponent() || reflection.comment?.getTag("@default"))
    return reflection.comment;
  const signature = reflection.signatures?.[0] ?? reflection.getSignature;
  return signature?.comment?.hasVisibleComponent() ? signature.comment : undefined;
}
