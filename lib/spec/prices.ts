import { z } from "zod";
import { FlavorName } from "./catalogue";
import { Slug } from "./common";

/**
 * The region's price book: what the cloud provider charges the agencies each month under the
 * public-sector cloud utilization model. Several books may be listed, each from its effective
 * date, so that a price change is planned ahead; the one in effect on a given day prices the plan.
 * Amounts are in the currency's major unit (won, dollars) with at most its minor-unit decimals,
 * so that every sum is exact in integer minor units (checked in price-checks.ts).
 */

/** ISO 4217 codes this Node.js knows (ICU's list, maintained with Node itself). */
export const CURRENCY_CODES: ReadonlySet<string> = new Set(Intl.supportedValuesOf("currency"));

export const CurrencyCode = z
  .string()
  .refine((code) => CURRENCY_CODES.has(code), {
    message: "unknown ISO 4217 currency code: use three capital letters such as KRW, USD or EUR",
  })
  .meta({ description: "ISO 4217 currency code of every price, e.g. KRW." });

const Amount = z.number().min(0).meta({
  description:
    "A price in the currency's major unit (e.g. won), with no more decimals than its minor unit has (none for KRW, two for USD).",
});

const price = (description: string) => Amount.meta({ description });

export const ComputePrices = z
  .strictObject({
    flavors: z
      .record(FlavorName, price("Monthly price of one instance of this flavor."))
      .default({})
      .meta({
        description:
          "Monthly price of one instance, by flavor name; a flavor left out is priced per vCPU and GiB of RAM. @default none",
      }),
    perVcpu: price(
      "Monthly price of one vCPU, for flavors not listed under flavors (with perRamGiB).",
    ).optional(),
    perRamGiB: price(
      "Monthly price of one GiB of RAM, for flavors not listed under flavors (with perVcpu).",
    ).optional(),
  })
  .meta({ description: "Prices of running instances." });
export type ComputePrices = z.infer<typeof ComputePrices>;

export const PriceBook = z
  .strictObject({
    effective: z.iso.date().meta({
      description:
        "First day (YYYY-MM-DD) this book applies; it applies until the next book's effective date.",
    }),
    description: z.string().min(1).optional(),
    compute: ComputePrices,
    volumeGiB: z.record(Slug, price("Monthly price of one GiB of this volume type.")).meta({
      description:
        "Monthly price of one GiB of each Cinder volume type, by type name; every volume type of the catalogue needs one (replicated types cost more).",
    }),
    objectStorageGiB: price("Monthly price of one GiB of Swift object storage."),
    loadBalancer: price("Monthly price of one Octavia load balancer."),
    floatingIp: price("Monthly price of one floating IP."),
    drStandbyDiscountPercent: z.int().min(0).max(100).default(0).meta({
      description:
        "Discount on the compute of DR standby instances (they idle until a failover), in percent. @default 0",
    }),
  })
  .meta({ description: "The prices in effect from one date." });
export type PriceBook = z.infer<typeof PriceBook>;

export const Prices = z
  .strictObject({
    currency: CurrencyCode,
    period: z.literal("month").default("month").meta({
      description: "Billing period every price is for. @default month",
    }),
    costIncreaseDangerPercent: z.number().min(0).default(10).meta({
      description:
        "tamna diff flags as a danger a change that raises an agency's monthly cost by more than this percentage. @default 10",
    }),
    books: z.array(PriceBook).min(1).meta({
      description:
        "Price books, each from its effective date; the latest one in effect on the reporting day applies.",
    }),
  })
  .meta({
    description:
      "Usage fees agencies pay the cloud provider: tamna cost and tamna diff price the plan with them.",
  });
export type Prices = z.infer<typeof Prices>;
