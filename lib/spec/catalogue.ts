import { z } from "zod";
import { Slug } from "./common";

/**
 * The region's catalogue of what tenants can ask for: Nova flavors and Cinder volume types.
 * Both are the same at every site, so that a system fails over to the DR site with the same
 * flavor names and volume type names it runs on at the primary.
 */

const FLAVOR_NAME_PATTERN = /^[a-z0-9][a-z0-9.-]*$/;

/** A flavor name such as m1.small; it is also the flavor's ID, the same at every site. */
export const FlavorName = z
  .string()
  .max(64)
  .regex(FLAVOR_NAME_PATTERN, {
    message: "must be lowercase letters, digits, dots and hyphens, e.g. m1.small",
  })
  .meta({
    description:
      "Flavor name and ID, e.g. m1.small: lowercase letters, digits, dots and hyphens, starting with a letter or digit, at most 64 characters.",
  });

/** Nova flavor extra spec that asks for PCI devices by the alias of nova.conf's [pci] alias. */
export const PCI_PASSTHROUGH_SPEC = "pci_passthrough:alias";
/** Nova flavor extra spec that asks Placement for virtual GPUs (mediated devices). */
export const VGPU_SPEC = "resources:VGPU";

/**
 * GPUs of a flavor: whole devices by PCI passthrough (the alias nova.conf's [pci] alias names on
 * the GPU hosts and the API nodes), or vGPUs (mdev types Placement reports as VGPU inventory).
 */
export const FlavorGpu = z
  .discriminatedUnion("type", [
    z.strictObject({
      type: z.literal("passthrough"),
      alias: z
        .string()
        .regex(/^[A-Za-z0-9_.-]+$/, { message: "must be a PCI alias name such as a100" })
        .max(64)
        .meta({ description: "The [pci] alias of nova.conf that names the GPU model, e.g. a100." }),
      count: z.int().min(1).max(16).meta({ description: "Whole GPUs per instance." }),
    }),
    z.strictObject({
      type: z.literal("vgpu"),
      count: z.int().min(1).max(16).meta({ description: "Virtual GPUs per instance." }),
    }),
  ])
  .meta({
    description:
      'GPUs of the flavor: passthrough sets pci_passthrough:alias = "<alias>:<count>", vgpu sets resources:VGPU = "<count>". A GPU flavor is private (granted to agencies with a GPU quota) and lands only on GPU hosts.',
  });
export type FlavorGpu = z.infer<typeof FlavorGpu>;

export const Flavor = z
  .strictObject({
    vcpus: z.int().min(1).meta({ description: "Virtual CPUs." }),
    ramGiB: z.int().min(1).meta({ description: "RAM in GiB." }),
    diskGiB: z.int().min(0).meta({
      description: "Root disk in GiB; 0 means the server boots from a Cinder volume.",
    }),
    description: z
      .string()
      .min(1)
      .optional()
      .meta({ description: "What the flavor is for, shown to tenants." }),
    gpu: FlavorGpu.optional().meta({
      description:
        "GPUs of the flavor; a GPU flavor is private and lands only on the gpuHosts of availability zones. @default - a general flavor, kept off GPU hosts",
    }),
  })
  .meta({
    description:
      "A Nova flavor. Nova flavors cannot be changed: a changed size replaces the flavor, so add a new flavor instead of resizing one that servers use.",
  });
export type Flavor = z.infer<typeof Flavor>;

export const FlavorCatalogue = z.record(FlavorName, Flavor).meta({
  description:
    "Nova flavors by name, the same at every site (the flavor ID is the name); public, except GPU flavors.",
});
export type FlavorCatalogue = z.infer<typeof FlavorCatalogue>;

/** GPUs per instance of a flavor; 0 for a general flavor. */
export function flavorGpus(flavor: Flavor): number {
  return flavor.gpu?.count ?? 0;
}

/** Cinder extra specs that tamna sets itself from other fields of the volume type. */
export const RESERVED_EXTRA_SPECS = {
  volume_backend_name: "backendName",
  replication_enabled: "replicated: true",
} as const;

/** The Cinder extra spec value that asks for a replicated backend. */
export const REPLICATION_ENABLED = "<is> True";

/** Volume types every region has: tenants and templates may name them without checking. */
export const REQUIRED_VOLUME_TYPES = ["standard", "ssd"] as const;

export const VolumeType = z
  .strictObject({
    description: z.string().min(1).meta({ description: "What the volume type is for." }),
    backendName: z.string().min(1).meta({
      description:
        "Cinder backend (volume_backend_name) the volumes are created on, e.g. ceph-ssd.",
    }),
    replicated: z.boolean().default(false).meta({
      description:
        'Ask Cinder for a replicated backend (extra spec replication_enabled: "<is> True"), e.g. Ceph RBD mirroring to the DR site. @default false',
    }),
    extraSpecs: z
      .record(z.string().min(1), z.string())
      .superRefine((specs, ctx) => {
        for (const [key, field] of Object.entries(RESERVED_EXTRA_SPECS)) {
          if (key in specs) {
            ctx.addIssue({
              code: "custom",
              path: [key],
              input: specs[key],
              message: `extra spec "${key}" is set by tamna from ${field}: remove it from extraSpecs and use ${field}`,
            });
          }
        }
      })
      .optional()
      .meta({
        description:
          "More Cinder extra specs (e.g. QoS or thin provisioning keys). volume_backend_name and replication_enabled come from backendName and replicated. @default none",
      }),
  })
  .meta({ description: "A Cinder volume type, public and the same at every site." });
export type VolumeType = z.infer<typeof VolumeType>;

export const VolumeTypes = z
  .record(Slug, VolumeType)
  .superRefine((types, ctx) => {
    for (const name of REQUIRED_VOLUME_TYPES) {
      if (!(name in types)) {
        ctx.addIssue({
          code: "custom",
          input: types,
          message: `volume type "${name}" is missing: every region needs ${REQUIRED_VOLUME_TYPES.join(" and ")}; add "${name}: {description: ..., backendName: ...}" under volumeTypes`,
        });
      }
    }
    if (!Object.values(types).some((type) => type.replicated)) {
      ctx.addIssue({
        code: "custom",
        input: types,
        message:
          'no replicated volume type: systems that fail over to the DR site need one; add a volume type with "replicated: true" on a backend that Cinder replicates',
      });
    }
  })
  .meta({
    description:
      "Cinder volume types by name. Must hold standard, ssd and at least one replicated type.",
  });
export type VolumeTypes = z.infer<typeof VolumeTypes>;

/** An image tenants boot from, by catalogue key; the Glance image is found by name. */
export const Image = z
  .strictObject({
    name: z.string().min(1).max(255).meta({
      description:
        "Glance image name at every site. The newest image of that name is used for new boot volumes; existing volumes keep theirs.",
    }),
    minDiskGiB: z.int().min(1).optional().meta({
      description: "Smallest boot volume the image needs; a smaller bootVolume is an error.",
    }),
    description: z.string().min(1).optional(),
  })
  .meta({ description: "A public Glance image, uploaded with the same name at every site." });
export type Image = z.infer<typeof Image>;

export const ImageCatalogue = z.record(Slug, Image).meta({
  description: "Images by catalogue key, e.g. rocky-9; workloads name the key.",
});
