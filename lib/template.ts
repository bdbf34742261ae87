/**
 * Terraform's template rules for the strings of its JSON syntax, as pure functions for every
 * stage that writes or reads the synthesized output. In an expression context Terraform reads
 * each JSON string as a template: `${...}` is an interpolation, `%{...}` a directive, and `$${`
 * and `%%{` are the literal texts `${` and `%{`. Scanning goes left to right, so `$$${` is a
 * literal `$` followed by the escape `$${`.
 */

/** Escapes literal text for a Terraform template: `${` -> `$${`, `%{` -> `%%{`. */
export function escapeTemplateLiteral(text: string): string {
  return text.replace(/([$%])\{/g, "$1$1{");
}

/**
 * The text a template string stands for when it holds no interpolation or directive (escapes
 * decoded), else undefined: `"a $${b}"` is the literal `a ${b}`, `"${x.y.id}"` is no literal.
 */
export function templateLiteral(encoded: string): string | undefined {
  if (!encoded.includes("{")) return encoded;
  let text = "";
  for (let i = 0; i < encoded.length; i++) {
    const char = encoded[i]!;
    if ((char === "$" || char === "%") && encoded[i + 1] === char && encoded[i + 2] === "{") {
      text += `${char}{`;
      i += 2;
    } else if ((char === "$" || char === "%") && encoded[i + 1] === "{") {
      return undefined;
    } else text += char;
  }
  return text;
}

/** Whether a template string holds an interpolation or a directive. */
export function hasInterpolation(encoded: string): boolean {
  return templateLiteral(encoded) === undefined;
}
