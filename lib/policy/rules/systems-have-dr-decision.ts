import { SYSTEMS_OUTPUT } from "../../names";
import { DR_MODES } from "../../spec/dr";
import { isRecord } from "../json";
import { agencyPlanOf } from "../references";
import type { PolicyRule, Violation } from "../rule";

/** (i) Every system says how critical it is and how it recovers. */
export const systemsHaveDrDecision: PolicyRule = {
  id: "TAMNA-DR-001",
  level: "error",
  title: "Every system of the agency has a grade and a DR decision",
  explanation:
    "The 2025 NIRS data-center fire destroyed systems whose backups sat in the same room: " +
    "every system must declare how critical it is and how it recovers. Each agency stack " +
    `states this in its \`${SYSTEMS_OUTPUT}\` output, \`{ "<system>": { "grade": 1-4, ` +
    `"drMode": ${DR_MODES.map((mode) => `"${mode}"`).join(" | ")}, "activeSite": ... } }\`; ` +
    "every system the plan puts at the stack's site must appear there with the plan's grade and a " +
    "known DR mode (`none` is a decision too, but it has to be written down).",
  check(context) {
    const plan = agencyPlanOf(context);
    const systems = plan?.compute.systems ?? [];
    if (!plan || systems.length === 0) return [];
    const output = context.outputs.find((o) => o.name === SYSTEMS_OUTPUT);
    const address = `output.${SYSTEMS_OUTPUT}`;
    const declared = output ? parsedValue(output.value) : undefined;
    if (!declared) {
      return [
        {
          address,
          message: output
            ? `output ${SYSTEMS_OUTPUT} is not a literal map of systems, so it cannot be checked offline`
            : `agency ${plan.agency} runs ${systems.length} system(s) at site ${plan.site} but the stack has no ${SYSTEMS_OUTPUT} output`,
          hint: `output ${SYSTEMS_OUTPUT} as a map from system name to { grade, drMode, activeSite }`,
        },
      ];
    }
    return systems.flatMap((system): Violation[] => {
      const entry = declared[system.name];
      const attribute = `value.${system.name}`;
      if (!isRecord(entry)) {
        return [
          {
            address,
            attribute,
            message: `system ${system.name} is missing from ${SYSTEMS_OUTPUT}`,
            hint: `add ${system.name} with its grade and DR mode to the ${SYSTEMS_OUTPUT} output`,
          },
        ];
      }
      const problems: Violation[] = [];
      if (entry.grade !== system.grade) {
        problems.push({
          address,
          attribute: `${attribute}.grade`,
          message: `system ${system.name} states grade ${JSON.stringify(entry.grade)} but the plan gives ${system.grade}`,
          hint: "state the system's grade from the agency file (an integer 1-4)",
        });
      }
      if (!DR_MODES.includes(entry.drMode as (typeof DR_MODES)[number])) {
        problems.push({
          address,
          attribute: `${attribute}.drMode`,
          message: `system ${system.name} has no known DR mode (received ${JSON.stringify(entry.drMode) ?? "nothing"})`,
          hint: `state one of ${DR_MODES.join(", ")}`,
        });
      }
      return problems;
    });
  },
};

/** The output's map of systems: a JSON object, or its JSON text (`jsonencode`). */
function parsedValue(value: unknown): Record<string, unknown> | undefined {
  if (typeof value !== "string") return isRecord(value) ? value : undefined;
  try {
    const parsed: unknown = JSON.parse(value);
    return isRecord(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}
