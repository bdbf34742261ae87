import { Construct } from "constructs";
import { ComputeFlavorV2 } from "../openstack";
import { keepStringsLiteral } from "./literal-strings";

/** One Nova flavor. */
export interface FlavorProps {
  /** Flavor name, e.g. m1.small; also the construct ID, so the Terraform address follows it. */
  readonly name: string;
  /**
   * Nova flavor ID. Give every site the same ID so that images, templates and DR runbooks can
   * name a flavor by ID anywhere.
   * @default the name
   */
  readonly flavorId?: string;
  /** Virtual CPUs. */
  readonly vcpus: number;
  /** RAM in GiB; Nova gets it in MiB. */
  readonly ramGiB: number;
  /** Root disk in GiB; 0 means the server boots from a volume. */
  readonly diskGiB: number;
  /** @default - no description */
  readonly description?: string;
  /**
   * Visible to every project. A private flavor (a GPU flavor) is booted only by the projects
   * granted access with {@link FlavorAccess}.
   * @default true
   */
  readonly isPublic?: boolean;
  /**
   * Nova extra specs, e.g. `pci_passthrough:alias` = "a100:1", `resources:VGPU` = "1", or the
   * `aggregate_instance_extra_specs:gpu` key that keeps flavors on their hosts. Unlike the sizes
   * they change in place.
   * @default - no extra specs
   */
  readonly extraSpecs?: Readonly<Record<string, string>>;
}

/** Props of {@link FlavorCatalogue}. */
export interface FlavorCatalogueProps {
  /** The flavors; names must be unique. */
  readonly flavors: readonly FlavorProps[];
}

/**
 * The Nova flavors of a site: public ones, and private ones (GPU flavors) granted per project. Nova flavors are immutable: changing a size replaces the
 * flavor (same ID, new definition), so the catalogue should grow by new names, not by edits.
 * String props are literal text in the output (`${` is written `$${`): pass a token to reference something.
 */
export class FlavorCatalogue extends Construct {
  /** The flavor resources by flavor name. */
  readonly flavors: ReadonlyMap<string, ComputeFlavorV2>;

  constructor(scope: Construct, id: string, props: FlavorCatalogueProps) {
    super(scope, id);
    keepStringsLiteral(this);
    const flavors = new Map<string, ComputeFlavorV2>();
    for (const flavor of props.flavors) {
      flavors.set(
        flavor.name,
        new ComputeFlavorV2(this, flavor.name, {
          name: flavor.name,
          flavorId: flavor.flavorId ?? flavor.name,
          description: flavor.description,
          vcpus: flavor.vcpus,
          ram: flavor.ramGiB * 1024,
          disk: flavor.diskGiB,
          isPublic: flavor.isPublic ?? true,
          ...(flavor.extraSpecs && Object.keys(flavor.extraSpecs).length > 0
            ? { extraSpecs: { ...flavor.extraSpecs } }
            : {}),
        }),
      );
    }
    this.flavors = flavors;
  }
}
