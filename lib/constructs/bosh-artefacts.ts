import { Fn, TerraformOutput } from "cdktf";
import { Construct } from "constructs";
import { boshCloudConfig, type BoshIds, type BoshPlan, boshVars } from "../plan/bosh-config";
import { keepStringsLiteral } from "./literal-strings";

/** The Terraform outputs that hold the BOSH files; `terraform output -raw <name>` writes each. */
export const BOSH_VARS_OUTPUT = "paasta_openstack_vars";
export const BOSH_CLOUD_CONFIG_OUTPUT = "paasta_cloud_config";

/** Props of {@link BoshArtefacts}. */
export interface BoshArtefactsProps {
  /** What the documents say, from the foundation's plan (`PaastaSitePlan.bosh`). */
  readonly plan: BoshPlan;
  /** The Neutron network IDs, usually references to the networks created beside. */
  readonly ids: BoshIds;
}

/**
 * PaaS-TA's `openstack-vars.yml` (the values the IaaS determines) and a BOSH cloud-config, as
 * Terraform outputs rendered by Terraform's `yamlencode`, so that IDs known only after apply are
 * filled in and `terraform output -raw` writes the files. Neither holds a password or a key.
 * String props are literal text in the output (`${` is written `$${`): pass a token to reference something.
 */
export class BoshArtefacts extends Construct {
  /** openstack-vars.yml, for `bosh create-env ... -l`. */
  readonly vars: TerraformOutput;
  /** The cloud-config, for `bosh update-cloud-config`. */
  readonly cloudConfig: TerraformOutput;

  constructor(scope: Construct, id: string, props: BoshArtefactsProps) {
    super(scope, id);
    keepStringsLiteral(this);
    this.vars = new TerraformOutput(this, "Vars", {
      value: Fn.yamlencode(boshVars(props.plan, props.ids)),
      description:
        "PaaS-TA bosh/openstack-vars.yml: the values the IaaS determines (add the operator's credentials and director settings)",
    });
    this.vars.overrideLogicalId(BOSH_VARS_OUTPUT);
    this.cloudConfig = new TerraformOutput(this, "CloudConfig", {
      value: Fn.yamlencode(boshCloudConfig(props.plan, props.ids)),
      description: "BOSH cloud-config of the foundation at this site (bosh update-cloud-config)",
    });
    this.cloudConfig.overrideLogicalId(BOSH_CLOUD_CONFIG_OUTPUT);
  }
}
