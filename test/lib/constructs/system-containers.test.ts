import { describe, expect, it } from "vitest";
import { SystemContainers } from "../../../lib/constructs/system-containers";
import type { ContainerPlan } from "../../../lib/plan/compute";
import { resourcesOf, synthesizeConstructs } from "../../helpers/cdktf";

const plan = (key: string, fields: Partial<ContainerPlan> = {}): ContainerPlan => ({
  key,
  name: `city-lake-${key}`,
  synced: false,
  metadata: { container: key },
  versioning: false,
  ...fields,
});

const containers = (props: ConstructorParameters<typeof SystemContainers>[2]) =>
  Object.values(
    resourcesOf(
      synthesizeConstructs((scope) => new SystemContainers(scope, "Containers", props)),
      "openstack_objectstorage_container_v1",
    ),
  );

describe("SystemContainers", () => {
  describe("GIVEN a versioned container and one whose objects expire", () => {
    const [curated, raw] = containers({
      containers: [
        plan("curated", { versioning: true }),
        plan("raw", {
          metadata: { container: "raw", "Expire-After": "86400" },
          expireAfterSeconds: 86400,
        }),
      ],
    });

    it("THEN the versioned one turns on Swift object versioning", () => {
      expect(curated).toMatchObject({ name: "city-lake-curated", versioning: true });
    });

    it("THEN the other has no versioning attribute and carries its expiry as metadata", () => {
      expect(raw!.versioning).toBeUndefined();
      expect(raw!.metadata).toEqual({ container: "raw", "Expire-After": "86400" });
    });

    it("THEN both are protected from destroy by default", () => {
      for (const c of [curated, raw]) expect(c!.lifecycle).toEqual({ prevent_destroy: true });
    });
  });

  it("GIVEN a synced container and a target THEN it syncs to the same name in the target's account", () => {
    const [lake] = containers({
      containers: [plan("raw", { synced: true, syncToSite: "drc" })],
      syncKey: "sync-key-from-a-variable",
      targets: { drc: { realm: "jeju", cluster: "drc", projectId: "p1" } },
    });
    expect(lake).toMatchObject({
      container_sync_key: "sync-key-from-a-variable",
      container_sync_to: "//jeju/drc/AUTH_p1/city-lake-raw",
    });
  });

  it("GIVEN a synced container without a sync key THEN the construct refuses, naming it", () => {
    expect(() => containers({ containers: [plan("raw", { synced: true })] })).toThrow(
      /container city-lake-raw is synced but no sync key was given/,
    );
  });
});
