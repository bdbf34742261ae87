import fc from "fast-check";

/** fast-check arbitraries shared by the spec property tests. */

export const LOWER = "abcdefghijklmnopqrstuvwxyz";
export const DIGITS = "0123456789";

/** Any slug the spec accepts: a letter, then letters, digits and hyphens, not ending in a hyphen. */
export const validSlug = fc
  .tuple(
    fc.constantFrom(...LOWER),
    fc.string({ unit: fc.constantFrom(...LOWER, ...DIGITS, "-"), maxLength: 30 }),
    fc.constantFrom(...LOWER, ...DIGITS),
  )
  .map(([first, middle, last]) => `${first}${middle}${last}`);

const displayName = fc
  .string({ unit: "grapheme", minLength: 1, maxLength: 40 })
  .filter((name) => name.trim() === name && name.length > 0);

const email = fc.tuple(validSlug, validSlug).map(([user, domain]) => `${user}@${domain}.example`);

/** Any agency the spec accepts, as the plain object a YAML file would hold. */
export const validAgency = fc.record(
  {
    slug: validSlug,
    name: displayName,
    englishName: fc.string({ minLength: 1, maxLength: 40 }),
    csapTier: fc.constantFrom("high", "moderate", "low"),
    contacts: fc.array(
      fc.record(
        {
          role: fc.constantFrom("owner", "technical", "security"),
          name: displayName,
          email,
          phone: fc.constantFrom("064-710-1234", "+82 64 710 1234", "0647101234"),
        },
        { requiredKeys: ["role", "name", "email"] },
      ),
      { minLength: 1, maxLength: 3 },
    ),
    sites: fc.array(validSlug, { minLength: 1, maxLength: 3 }),
    addressBlock: fc.oneof(
      fc.record({ index: fc.nat({ max: 1023 }) }),
      fc.record({
        cidrs: fc.dictionary(
          validSlug,
          fc.integer({ min: 0, max: 63 }).map((block) => `10.${block * 4}.0.0/22`),
          { minKeys: 1, maxKeys: 3 },
        ),
      }),
    ),
    zones: fc.array(validSlug, { minLength: 1, maxLength: 4 }),
    quota: fc.record(
      { instances: fc.nat(), cores: fc.nat(), volumeGiB: fc.nat() },
      { requiredKeys: [] },
    ),
    systems: fc.uniqueArray(
      fc.record(
        {
          name: validSlug,
          displayName,
          grade: fc.integer({ min: 1, max: 4 }),
          description: fc.string(),
        },
        { requiredKeys: ["name", "displayName", "grade"] },
      ),
      { maxLength: 4, selector: (system) => system.name },
    ),
  },
  { requiredKeys: ["slug", "name", "csapTier", "contacts", "addressBlock", "zones"] },
);

/** Fragments that exercise the YAML parser: indicators, anchors, quotes, agency keys. */
const yamlToken = fc.constantFrom(
  "slug: ",
  "csapTier: ",
  "contacts:",
  "systems:",
  "grade: 7",
  "name",
  "high",
  "- ",
  "  ",
  "\n",
  "\t",
  ": ",
  "#",
  '"',
  "'",
  "{",
  "}",
  "[",
  "]",
  ",",
  "&a ",
  "*a",
  "? ",
  "!!str ",
  "!!binary ",
  "|",
  ">",
  "---",
  "...",
  "%YAML 1.2",
  "~",
  "<<: ",
  "\r\n",
  "제주",
);

/** Text that looks somewhat like YAML. */
export const yamlishText = fc
  .array(fc.oneof(yamlToken, fc.string({ maxLength: 6 })), { maxLength: 40 })
  .map((parts) => parts.join(""));

/** A valid agency with one field replaced by an arbitrary value. */
export const corruptedAgency = fc
  .tuple(
    validAgency,
    fc.constantFrom(
      "slug",
      "name",
      "csapTier",
      "contacts",
      "sites",
      "addressBlock",
      "zones",
      "quota",
      "systems",
      "extra",
    ),
    fc.jsonValue({ maxDepth: 3 }),
  )
  .map(([agency, key, value]) => ({ ...agency, [key]: value }));
