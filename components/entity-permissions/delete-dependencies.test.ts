import { describe, expect, it } from "vitest";
import { groupDependencyList, roleDependencyList, userDependencyList } from "./delete-dependencies";

describe("what the delete dialog lists", () => {
  const samy = {
    UserName: "Samy",
    Arn: "arn:aws:iam::123456789012:user/Samy",
    LoginProfile: true,
    AccessKeys: [],
    SigningCertificates: [],
    SSHPublicKeys: [],
    ServiceSpecificCredentials: [],
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

  it("names a user's other credentials: certificates and SSH keys by ID, service credentials by user name and service", () => {
    const withCredentials = {
      ...samy,
      SigningCertificates: [{ CertificateId: "TA7SMP42TDN5Z26OBPJE7EXAMPLE0000", Status: "Active" }],
      SSHPublicKeys: [{ SSHPublicKeyId: "APKAEIBAERJR2EXAMPLE", Status: "Inactive" }],
      ServiceSpecificCredentials: [
        { ServiceSpecificCredentialId: "ACCAEXAMPLE123EXAMPLE", ServiceName: "codecommit.amazonaws.com", ServiceUserName: "Samy-at-123456789012" },
      ],
    };
    const list = userDependencyList([withCredentials]);
    expect(list.find((d) => d.label === "X.509 signing certificates")?.items).toEqual(["TA7SMP42TDN5Z26OBPJE7EXAMPLE0000"]);
    expect(list.find((d) => d.label === "SSH public keys for AWS CodeCommit")?.items).toEqual(["APKAEIBAERJR2EXAMPLE"]);
    expect(list.find((d) => d.label === "Service-specific credentials")?.items).toEqual(["Samy-at-123456789012 (AWS CodeCommit)"]);
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
    const role = { RoleName: "EC2AppRole", InstanceProfileNames: ["EC2AppRole", "SharedProfile"], AttachedPolicyNames: ["AmazonS3ReadOnlyAccess"], InlinePolicyNames: [] };
    expect(roleDependencyList([role])).toEqual([
      { label: "Instance profiles", items: ["EC2AppRole (deleted with the role)", "SharedProfile (the role is removed from it)"] },
      { label: "Permissions policies", items: ["AmazonS3ReadOnlyAccess"] },
      { label: "Inline policies", items: [] },
    ]);
  });
});
