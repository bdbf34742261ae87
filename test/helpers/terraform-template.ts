/**
 * Decodes a Terraform JSON string the way Terraform reads it as a template: `$${` is the literal
 * text `${`, `%%{` is the literal `%{`, and any other `${` or `%{` opens an interpolation or a
 * directive. Scanning is left to right, as HCL's scanner does, so `$$${` is `$` then `${`.
 */
export type DecodedTemplate =
  | { readonly ok: true; readonly text: string }
  | { readonly ok: false; readonly interpolationAt: number };

export function decodeTemplate(encoded: string): DecodedTemplate {
  let text = "";
  let i = 0;
  while (i < encoded.length) {
    const char = encoded[i]!;
    if ((char === "$" || char === "%") && encoded[i + 1] === char && encoded[i + 2] === "{") {
      text += `${char}{`;
      i += 3;
    } else if ((char === "$" || char === "%") && encoded[i + 1] === "{") {
      return { ok: false, interpolationAt: i };
    } else {
      text += char;
      i += 1;
    }
  }
  return { ok: true, text };
}
