import { Construct } from "constructs";
import { IdentityProjectV3 } from "../openstack";
import { protectFromDestroy } from "./protection";
import { keepStringsLiteral } from "./literal-strings";

/** Props of {@link KeystoneDomain}. */
export interface KeystoneDomainProps {
  /** Domain name, the same at every site so that project-scoped providers can name it. */
  readonly name: string;
  /** Keystone domain description. @default - none */
  readonly description?: string;
  /** @default - no tags */
  readonly tags?: readonly string[];
  /**
   * Refuse to destroy the domain: it holds every agency project of the region.
   * @default true
   */
  readonly protect?: boolean;
}

/**
 * A Keystone domain that holds the region's agency projects and groups.
 * String props are literal text in the output (`${` is written `$${`): pass a token to reference something.
 */
export class KeystoneDomain extends Construct {
  /** The domain, as Keystone models it: a project with `is_domain` set. */
  readonly resource: IdentityProjectV3;

  constructor(scope: Construct, id: string, props: KeystoneDomainProps) {
    super(scope, id);
    keepStringsLiteral(this);
    this.resource = protectFromDestroy(
      new IdentityProjectV3(this, "Domain", {
        name: props.name,
        description: props.description,
        isDomain: true,
        enabled: true,
        tags: props.tags ? [...props.tags] : undefined,
      }),
      props.protect ?? true,
    );
  }

  /** The domain's ID, for the projects and groups created in it. */
  get domainId(): string {
    return this.resource.id;
  }
}
