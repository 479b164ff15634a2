import { describe, expect, it } from "vitest";
import { groupDependencyList, roleDependencyList, userDependencyList } from "./delete-dependencies";

describe("what the delete dialog lists", () => {
  const samy = {
    UserName: "Samy",
    Arn: "arn:aws:iam::123456789012:user/Samy",
    LoginProfile: true,
    AccessKeys: [],
    MFADevices: [],
    InlinePolicyNames: [],
    AttachedPolicies: [{ PolicyName: "AmazonS3ReadOnlyAccess", PolicyArn: "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess" }],
    Groups: [{ GroupName: "DeveloperGroup", Arn: "arn:aws:iam::123456789012:group/DeveloperGroup" }],
  };

  it("names one user's dependencies plainly, several users' with the user", () => {
    const one = userDependencyList([samy]).filter((d) => d.items.length > 0);
    expect(one).toEqual([
      { label: "Console access", items: ["Console password"] },
      { label: "Attached policies", items: ["AmazonS3ReadOnlyAccess"] },
      { label: "Group memberships", items: ["DeveloperGroup"] },
    ]);
    const two = userDependencyList([samy, { ...samy, UserName: "Ana" }]);
    expect(two.find((d) => d.label === "Console access")?.items).toEqual(["Samy", "Ana"]);
    expect(two.find((d) => d.label === "Group memberships")?.items).toEqual(["DeveloperGroup (Samy)", "DeveloperGroup (Ana)"]);
  });

  it("lists a group's users and policies, with the group when there are several", () => {
    const qa = {
      GroupName: "QA",
      Arn: "arn:aws:iam::123456789012:group/QA",
      UserNames: ["bob"],
      AttachedPolicies: [{ PolicyName: "SecurityAudit", PolicyArn: "arn:aws:iam::aws:policy/SecurityAudit" }],
      InlinePolicyNames: ["ReadLogs"],
    };
    expect(groupDependencyList([qa])).toEqual([
      { label: "Users", items: ["bob"] },
      { label: "Attached policies", items: ["SecurityAudit"] },
      { label: "Inline policies", items: ["ReadLogs"] },
    ]);
    expect(groupDependencyList([qa, { ...qa, GroupName: "Ops" }])[0].items).toEqual(["bob (QA)", "bob (Ops)"]);
  });

  it("lists a role's instance profiles and policies", () => {
    const role = { RoleName: "EC2AppRole", InstanceProfileNames: ["EC2AppRole"], AttachedPolicyNames: ["AmazonS3ReadOnlyAccess"], InlinePolicyNames: [] };
    expect(roleDependencyList([role])).toEqual([
      { label: "Instance profiles", items: ["EC2AppRole"] },
      { label: "Permissions policies", items: ["AmazonS3ReadOnlyAccess"] },
      { label: "Inline policies", items: [] },
    ]);
  });
});
