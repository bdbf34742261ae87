import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { AgencySpec } from "../../../lib/spec/agency";
import { checkAgencies, checkRegion } from "../../../lib/spec/checks";
import { parseSpec } from "../../../lib/spec/load";
import { RegionSpec } from "../../../lib/spec/region";
import { checkUrlCredentials } from "../../../lib/spec/url-checks";
import { expectProblem, JEJU_DIR, lineOf, replaceOnce, VALID_AGENCY } from "./helpers";

const FILE = "stacks/jeju/region.yaml";
const JEJU_REGION = fs.readFileSync(path.join(JEJU_DIR, "region.yaml"), "utf8");
const DRC_ENDPOINT = "endpoint: https://rgw.mainland-drc.example.go.kr";

function regionProblems(from: string, to: string) {
  const text = replaceOnce(JEJU_REGION, from, to);
  return { text, problems: checkRegion(parseSpec(FILE, text, RegionSpec)) };
}

describe("URL credentials in spec files", () => {
  describe("GIVEN the Jeju region", () => {
    it("WHEN checked THEN its state endpoints carry no credentials", () => {
      expect(checkUrlCredentials(parseSpec(FILE, JEJU_REGION, RegionSpec))).toEqual([]);
    });
  });

  describe("GIVEN a site's state endpoint with user:password@", () => {
    it("THEN it is rejected at the endpoint, redacted, with the environment as the fix", () => {
      const { text, problems } = regionProblems(
        DRC_ENDPOINT,
        "endpoint: https://tamna:s3cr3t-pw@rgw.mainland-drc.example.go.kr",
      );
      expect(problems).toHaveLength(1);
      expectProblem(problems, {
        file: FILE,
        line: lineOf(text, "endpoint: https://tamna:"),
        path: "sites.mainland-drc.state.endpoint",
        message: /^the URL carries a password in its user information, which would be committed/,
        received: /^https:\/\/\*\*\*@rgw\.mainland-drc\.example\.go\.kr$/,
        allowed: /without user information/,
        hint: /environment \(AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY\)/,
      });
      expect(JSON.stringify(problems)).not.toContain("s3cr3t-pw");
    });
  });

  describe("GIVEN the region's state endpoint with a user name only", () => {
    it("THEN it is rejected too: a URL field takes no user information at all", () => {
      const { problems } = regionProblems(
        "endpoint: https://rgw.jeju-cdc.example.go.kr",
        "endpoint: https://tamna@rgw.jeju-cdc.example.go.kr",
      );
      expectProblem(problems, {
        path: "state.endpoint",
        message: /carries a user name in its user information/,
      });
    });
  });

  describe("GIVEN a state endpoint with a token in its query string", () => {
    it("THEN the parameter is named and its value hidden", () => {
      const { problems } = regionProblems(
        DRC_ENDPOINT,
        "endpoint: https://rgw.mainland-drc.example.go.kr/?region=x&X-Amz-Security-Token=FQoGZXIvYXdzEJr",
      );
      expect(problems.map((p) => [p.location.path, p.message, p.received])).toEqual([
        [
          "sites.mainland-drc.state.endpoint",
          "the URL carries a credential in its query string (X-Amz-Security-Token), which would be committed with the file",
          "https://rgw.mainland-drc.example.go.kr/?region=***&X-Amz-Security-Token=***",
        ],
      ]);
    });
  });

  describe("GIVEN URLs inside agency text: a description and user data", () => {
    const WAS = "bootVolume: { sizeGiB: 20, volumeType: ssd } }";
    const userData = [
      "#!/bin/sh",
      "curl -fsS https://api.example.go.kr/v1?api_key=abc123def",
      "git clone ssh://git@git.example.go.kr/app.git",
      "curl https://app:${APP_PASSWORD}@repo.example.go.kr/",
    ].join("\\n");
    const text = replaceOnce(
      replaceOnce(VALID_AGENCY, WAS, `${WAS.slice(0, -2)}, userData: "${userData}" }`),
      "    rpo: 15m\n",
      "    rpo: 15m\n    description: Reports at https://user:hunter22@reports.example.go.kr/daily\n",
    );
    const problems = () =>
      checkAgencies(parseSpec(FILE, JEJU_REGION, RegionSpec), [
        parseSpec("agencies/test-agency.yaml", text, AgencySpec),
      ]);

    it("THEN the password and the api_key are found, a user name and a shell variable are not", () => {
      expect(problems().map((p) => [p.location.path, p.message])).toEqual([
        [
          "systems[0].description",
          "a URL in this text carries a password in its user information, which would be committed with the file",
        ],
        [
          "systems[0].workloads[0].userData",
          "a URL in this text carries a credential in its query string (api_key), which would be committed with the file",
        ],
      ]);
      expect(problems()[1]!.hint).toMatch(
        /Barbican secret, or pass them in a sensitive Terraform variable/,
      );
    });
  });
});
