import { Construct } from "constructs";
import { BlockstorageVolumeTypeV3 } from "../openstack";
import { keepStringsLiteral } from "./literal-strings";

/** One Cinder volume type. */
export interface VolumeTypeProps {
  /** Volume type name, e.g. ssd; also the construct ID, so the Terraform address follows it. */
  readonly name: string;
  /** @default - no description */
  readonly description?: string;
  /**
   * Cinder extra specs, e.g. `volume_backend_name` and `replication_enabled: "<is> True"`.
   * @default - none: Cinder's scheduler picks any backend
   */
  readonly extraSpecs?: Readonly<Record<string, string>>;
}

/** Props of {@link VolumeTypes}. */
export interface VolumeTypesProps {
  /** The volume types; names must be unique. */
  readonly volumeTypes: readonly VolumeTypeProps[];
}

/**
 * The public Cinder volume types of a site. Cinder itself refuses to delete a type that volumes
 * still use, so these carry no destroy protection of their own.
 * String props are literal text in the output (`${` is written `$${`): pass a token to reference something.
 */
export class VolumeTypes extends Construct {
  /** The volume type resources by name. */
  readonly volumeTypes: ReadonlyMap<string, BlockstorageVolumeTypeV3>;

  constructor(scope: Construct, id: string, props: VolumeTypesProps) {
    super(scope, id);
    keepStringsLiteral(this);
    const types = new Map<string, BlockstorageVolumeTypeV3>();
    for (const type of props.volumeTypes) {
      types.set(
        type.name,
        new BlockstorageVolumeTypeV3(this, type.name, {
          name: type.name,
          description: type.description,
          isPublic: true,
          extraSpecs: type.extraSpecs ? { ...type.extraSpecs } : undefined,
        }),
      );
    }
    this.volumeTypes = types;
  }
}
