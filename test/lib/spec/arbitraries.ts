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

/** A duration the spec accepts for RTO and RPO, e.g. 15m, 4h, 2d. */
export const validDuration = fc
  .tuple(fc.integer({ min: 1, max: 999 }), fc.constantFrom("m", "h", "d"))
  .map(([amount, unit]) => `${amount}${unit}`);

const octet = fc.integer({ min: 0, max: 255 });
const ipv4 = fc.tuple(octet, octet, octet, octet).map((parts) => parts.join("."));
const volumeSize = fc.integer({ min: 1, max: 65536 });

const listener = fc.record(
  {
    protocol: fc.constantFrom("TCP", "UDP", "HTTP", "HTTPS"),
    port: fc.integer({ min: 1, max: 65535 }),
    targetPort: fc.integer({ min: 1, max: 65535 }),
    healthCheck: fc.record(
      {
        type: fc.constantFrom("TCP", "HTTP", "HTTPS", "PING", "UDP-CONNECT"),
        path: validSlug.map((slug) => `/${slug}`),
        expectedCodes: fc.constantFrom("200", "200-204", "200,301"),
        intervalSeconds: fc.integer({ min: 1, max: 300 }),
      },
      { requiredKeys: ["type"] },
    ),
  },
  { requiredKeys: ["protocol", "port"] },
);

/**
 * Any workload the schema accepts (names of flavors, images and volume types are not resolved
 * here: that is the cross-file checks' job).
 */
export const validWorkload = fc.record(
  {
    name: validSlug,
    zone: validSlug,
    count: fc.integer({ min: 1, max: 100 }),
    flavor: fc.constantFrom("m1.small", "c1.xlarge", "db1.2xlarge"),
    image: validSlug,
    bootVolume: fc.record({ sizeGiB: volumeSize, volumeType: validSlug }),
    volumes: fc.uniqueArray(
      fc.record({ name: validSlug, sizeGiB: volumeSize, volumeType: validSlug }),
      {
        maxLength: 2,
        selector: (volume) => volume.name,
      },
    ),
    keyPair: validSlug,
    userData: fc.string({ maxLength: 60 }),
    fixedIps: fc.array(ipv4, { minLength: 1, maxLength: 3 }),
    antiAffinity: fc.constantFrom("strict", "soft"),
    expose: fc.record(
      {
        listeners: fc.array(listener, { minLength: 1, maxLength: 4 }),
        public: fc.boolean(),
        dnsName: validSlug,
      },
      { requiredKeys: ["listeners"] },
    ),
    standby: fc.record(
      { count: fc.nat({ max: 10 }), flavor: fc.constantFrom("m1.small") },
      { requiredKeys: [] },
    ),
  },
  { requiredKeys: ["name", "zone", "flavor", "image"] },
);

/** Any system the schema accepts. */
export const validSystem = fc.record(
  {
    name: validSlug,
    displayName,
    grade: fc.integer({ min: 1, max: 4 }),
    description: fc.string(),
    rto: validDuration,
    rpo: validDuration,
    site: validSlug,
    backupPolicy: validSlug,
    workloads: fc.uniqueArray(validWorkload, {
      minLength: 1,
      maxLength: 3,
      selector: (workload) => workload.name,
    }),
  },
  { requiredKeys: ["name", "displayName", "grade", "rto", "rpo", "workloads"] },
);

const publicKey = fc
  .tuple(
    fc.constantFrom("ssh-ed25519", "ssh-rsa"),
    fc.base64String({ minLength: 4, maxLength: 40 }),
  )
  .filter(([, key]) => key.length > 0)
  .map(([type, key]) => `${type} ${key} someone@example`);

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
    keyPairs: fc.dictionary(validSlug, fc.record({ publicKey }), { maxKeys: 2 }),
    dnsZone: fc
      .array(validSlug, { minLength: 1, maxLength: 3 })
      .map((labels) => `${labels.join(".")}.`),
    systems: fc.uniqueArray(validSystem, { maxLength: 3, selector: (system) => system.name }),
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
      "keyPairs",
      "dnsZone",
      "systems",
      "extra",
    ),
    fc.jsonValue({ maxDepth: 3 }),
  )
  .map(([agency, key, value]) => ({ ...agency, [key]: value }));
