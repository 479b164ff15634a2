// The console's words for deleting a managed policy, from the Policies list and from its page.

export const DELETE_POLICY_DESCRIPTION =
  "Deleting this policy detaches it from every user, group, and role it is attached to, and deletes all of its versions. Entities that used it lose the permissions it granted.";
