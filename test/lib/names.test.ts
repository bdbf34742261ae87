import { describe, expect, it } from "vitest";
import {
  agencyStackName,
  pgSchemaName,
  platformStackName,
  stateKey,
  tenancyStackName,
} from "../../lib/names";

describe("names", () => {
  it("THEN stack names follow platform-<site>, tenancy-<agency>-<site>, <agency>-<site>", () => {
    expect(platformStackName("jeju-cdc")).toBe("platform-jeju-cdc");
    expect(tenancyStackName("jeju-city", "jeju-cdc")).toBe("tenancy-jeju-city-jeju-cdc");
    expect(agencyStackName("jeju-city", "jeju-cdc")).toBe("jeju-city-jeju-cdc");
  });
  it("THEN state keys and PostgreSQL schemas are per stack, schemas without hyphens", () => {
    expect(stateKey("jeju", "jeju-city-jeju-cdc")).toBe("jeju/jeju-city-jeju-cdc.tfstate");
    expect(pgSchemaName("jeju", "jeju-city-jeju-cdc")).toBe("jeju_jeju_city_jeju_cdc");
  });
});
