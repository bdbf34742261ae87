import { Construct } from "constructs";
import type { Quota } from "../spec/common";
import {
  DataOpenstackIdentityGroupV3,
  DataOpenstackIdentityRoleV3,
  IdentityGroupV3,
  IdentityProjectV3,
  IdentityRoleAssignmentV3,
} from "../openstack";
import { ProjectQuota } from "./project-quota";
import { protectFromDestroy } from "./protection";
import { keepStringsLiteral } from "./literal-strings";

/** One Keystone group of an agency, with the roles it gets on the agency's project. */
export interface AgencyGroupProps {
  /** Stable key, used as construct ID: admins, operators, auditors. */
  readonly key: string;
  /** Keystone group name. */
  readonly name: string;
  /** Keystone group description. @default - none */
  readonly description?: string;
  /** Keystone role names the group gets on the project. */
  readonly roles: readonly string[];
  /**
   * Bind to a Keystone group that exists already: it is looked up by name (in `domainId`, else
   * the project's domain) and gets the roles; nothing creates, changes or deletes it.
   * @default - the group is created in the project's domain
   */
  readonly existing?: { readonly domainId?: string };
}

/** Props of {@link AgencyProject}. */
export interface AgencyProjectProps {
  /** Keystone project name. */
  readonly name: string;
  /** ID of the Keystone domain that holds the project and its groups. */
  readonly domainId: string;
  /** Keystone project description. @default - none */
  readonly description?: string;
  /** @default - no tags */
  readonly tags?: readonly string[];
  /** The agency's groups, created or bound to existing ones, each with its roles on the project. */
  readonly groups: readonly AgencyGroupProps[];
  /**
   * Nova, Cinder, Neutron and Octavia quota of the project, and its Swift account quota when
   * `objectStorageGiB` is set (the provider's cloud entry must hold Swift's reseller-admin role).
   */
  readonly quota: Quota;
  /**
   * Refuse to destroy the project: deleting it orphans every server and volume in it.
   * @default true
   */
  readonly protect?: boolean;
}

/**
 * One agency's tenant at one site: its Keystone project, its groups with role assignments on the
 * project, and its Nova, Cinder, Neutron and Octavia quotas. Users join the groups in the identity
 * provider (LDAP or SSO), outside Terraform.
 * String props are literal text in the output (`${` is written `$${`): pass a token to reference something.
 */
export class AgencyProject extends Construct {
  /** The Keystone project. */
  readonly project: IdentityProjectV3;
  /** The agency's groups by key: the created group, or the lookup of an existing one. */
  readonly groups: Readonly<Record<string, IdentityGroupV3 | DataOpenstackIdentityGroupV3>>;
  /** The project's quotas at the provider's region. */
  readonly quota: ProjectQuota;

  constructor(scope: Construct, id: string, props: AgencyProjectProps) {
    super(scope, id);
    keepStringsLiteral(this);

    this.project = protectFromDestroy(
      new IdentityProjectV3(this, "Project", {
        name: props.name,
        domainId: props.domainId,
        description: props.description,
        enabled: true,
        tags: props.tags ? [...props.tags] : undefined,
      }),
      props.protect ?? true,
    );

    const roles = new KeystoneRoles(this, "Roles");
    const groupsScope = new Construct(this, "Groups");
    const groups: Record<string, IdentityGroupV3 | DataOpenstackIdentityGroupV3> = {};
    for (const group of props.groups) {
      // The same scope either way, so binding one group renames nothing else.
      const scope = new Construct(groupsScope, pascalCase(group.key));
      const resource = group.existing
        ? new DataOpenstackIdentityGroupV3(scope, "ExistingGroup", {
            name: group.name,
            domainId: group.existing.domainId ?? props.domainId,
          })
        : new IdentityGroupV3(scope, "Group", {
            name: group.name,
            domainId: props.domainId,
            description: group.description,
          });
      for (const role of group.roles) {
        new IdentityRoleAssignmentV3(scope, `Role-${role}`, {
          groupId: resource.id,
          projectId: this.project.id,
          roleId: roles.id(role),
        });
      }
      groups[group.key] = resource;
    }
    this.groups = groups;

    this.quota = new ProjectQuota(this, "Quota", {
      projectId: this.project.id,
      quota: props.quota,
    });
  }
}

/** Looks up each Keystone role once by name. */
class KeystoneRoles extends Construct {
  private readonly lookups = new Map<string, DataOpenstackIdentityRoleV3>();

  id(name: string): string {
    let lookup = this.lookups.get(name);
    if (!lookup) {
      lookup = new DataOpenstackIdentityRoleV3(this, name, { name });
      this.lookups.set(name, lookup);
    }
    return lookup.id;
  }
}

function pascalCase(key: string): string {
  return key
    .split(/[-_]/)
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join("");
}
